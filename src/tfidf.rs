//! TF-IDF vectors: sparse rows, sublinear tf, smoothed idf, document-frequency pruning,
//! L2-normalized. The vocabulary is sorted by term, so column order never depends on hash
//! map order.

use crate::analyze::{Analyzed, Field, TokenKind};
use rayon::prelude::*;
use std::collections::HashMap;

/// Errors of TF-IDF settings.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TfIdfError {
    /// A weight was negative or not finite.
    #[error("tf-idf weight `{name}` is {value}; expected a finite number >= 0")]
    BadWeight {
        /// The setting.
        name: &'static str,
        /// Its value.
        value: f32,
    },
    /// `max_df` outside (0, 1].
    #[error("tf-idf max_df is {0}; expected a fraction of documents in (0, 1]")]
    BadMaxDf(f32),
}

/// TF-IDF settings. Check them with [`TfIdfParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct TfIdfParams {
    /// Use `1 + ln(tf)` instead of raw counts. Default `true`.
    pub sublinear_tf: bool,
    /// Drop terms found in fewer documents (they cannot link two documents). Default 2.
    pub min_df: usize,
    /// Drop terms found in more than this fraction of documents, when the collection has at
    /// least `max_df_min_docs` documents. Default 0.5.
    pub max_df: f32,
    /// `max_df` only applies from this many documents on. Default 20.
    pub max_df_min_docs: usize,
    /// A title occurrence counts as this many body occurrences. Default 2.
    pub title_weight: f32,
    /// Multiplier on name (capitalized phrase) terms. Default 1.
    pub name_weight: f32,
    /// Multiplier on number terms. Default 1.
    pub number_weight: f32,
    /// Multiplier on word-pair terms. Default 1.
    pub pair_weight: f32,
    /// How much the terms dropped by `min_df` count in a row's norm (0: not at all, rows
    /// are unit vectors over the kept vocabulary; 1: fully, dot products are the cosines
    /// of the full vectors). Default 0.25: in a big collection the kept vocabulary carries
    /// what links documents, but in a small one (a single page and its teasers) most words
    /// are rare and the few kept ones are generic, so their overlap must not be all.
    pub rare_norm_weight: f32,
}

impl Default for TfIdfParams {
    fn default() -> Self {
        TfIdfParams {
            sublinear_tf: true,
            min_df: 2,
            max_df: 0.5,
            max_df_min_docs: 20,
            title_weight: 2.0,
            name_weight: 1.0,
            number_weight: 1.0,
            pair_weight: 1.0,
            rare_norm_weight: 0.25,
        }
    }
}

impl TfIdfParams {
    /// Validates the settings.
    pub fn check(self) -> Result<TfIdfParams, TfIdfError> {
        for (name, value) in [
            ("title_weight", self.title_weight),
            ("name_weight", self.name_weight),
            ("number_weight", self.number_weight),
            ("pair_weight", self.pair_weight),
            ("rare_norm_weight", self.rare_norm_weight),
        ] {
            if !value.is_finite() || value < 0.0 {
                return Err(TfIdfError::BadWeight { name, value });
            }
        }
        if !(self.max_df > 0.0 && self.max_df <= 1.0) {
            return Err(TfIdfError::BadMaxDf(self.max_df));
        }
        Ok(self)
    }
}

/// A sparse vector: sorted column indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    /// Column indices, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, one per index.
    pub values: Vec<f32>,
}

impl SparseVec {
    /// Builds from unsorted (index, value) pairs; duplicate indices are summed.
    pub fn from_pairs(mut pairs: Vec<(u32, f32)>) -> SparseVec {
        pairs.sort_unstable_by_key(|p| p.0);
        let mut v = SparseVec::default();
        for (i, x) in pairs {
            if v.indices.last() == Some(&i) {
                *v.values.last_mut().expect("paired") += x;
            } else {
                v.indices.push(i);
                v.values.push(x);
            }
        }
        v
    }

    /// Number of non-zero entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Dot product (merge of the two sorted index lists).
    pub fn dot(&self, other: &SparseVec) -> f32 {
        let (mut i, mut j, mut s) = (0, 0, 0.0f32);
        let (a, b) = (&self.indices, &other.indices);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += self.values[i] * other.values[j];
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    /// Euclidean norm.
    pub fn norm(&self) -> f32 {
        self.values.iter().map(|x| x * x).sum::<f32>().sqrt()
    }

    /// Scales to unit L2 norm (a zero vector stays zero).
    pub fn normalize(&mut self) {
        let n = self.norm();
        if n > 0.0 {
            self.values.iter_mut().for_each(|x| *x /= n);
        }
    }

    /// `self += scale * other`.
    pub fn add_scaled(&mut self, other: &SparseVec, scale: f32) {
        let mut out = SparseVec {
            indices: Vec::with_capacity(self.nnz() + other.nnz()),
            values: Vec::with_capacity(self.nnz() + other.nnz()),
        };
        let (mut i, mut j) = (0, 0);
        while i < self.nnz() || j < other.nnz() {
            let take_a = j >= other.nnz() || (i < self.nnz() && self.indices[i] < other.indices[j]);
            let take_b = i >= self.nnz() || (j < other.nnz() && other.indices[j] < self.indices[i]);
            if take_a {
                out.indices.push(self.indices[i]);
                out.values.push(self.values[i]);
                i += 1;
            } else if take_b {
                out.indices.push(other.indices[j]);
                out.values.push(scale * other.values[j]);
                j += 1;
            } else {
                out.indices.push(self.indices[i]);
                out.values.push(self.values[i] + scale * other.values[j]);
                i += 1;
                j += 1;
            }
        }
        *self = out;
    }

    /// Keeps only the `k` largest values (ties: lower index first).
    pub fn truncate_top(&mut self, k: usize) {
        if self.nnz() <= k {
            return;
        }
        let mut order: Vec<usize> = (0..self.nnz()).collect();
        order.sort_by(|&a, &b| {
            self.values[b]
                .total_cmp(&self.values[a])
                .then(self.indices[a].cmp(&self.indices[b]))
        });
        order.truncate(k);
        order.sort_unstable();
        self.indices = order.iter().map(|&o| self.indices[o]).collect();
        self.values = order.iter().map(|&o| self.values[o]).collect();
    }
}

/// The vocabulary: one entry per kept term, sorted by term.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The normalized terms (stems, lowercased names, numbers).
    pub terms: Vec<String>,
    /// The most frequent original spelling of each term ("Kerry" for `kerri`).
    pub surfaces: Vec<String>,
    /// What each term is.
    pub kinds: Vec<TokenKind>,
    /// Document frequency.
    pub df: Vec<u32>,
    /// Smoothed idf: `ln((1 + n) / (1 + df)) + 1`.
    pub idf: Vec<f32>,
}

impl Vocabulary {
    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when no term was kept.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Column of a term.
    pub fn index(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }
}

/// A fitted TF-IDF model: the vocabulary and one row per document, normalized by the
/// L2 norm of the document's full vector (terms pruned for being rare included), so a row
/// may be shorter than 1 and dot products are true cosines.
#[derive(Debug, Clone, Default)]
pub struct TfIdf {
    /// The vocabulary.
    pub vocab: Vocabulary,
    /// One row per document, in input order (norm <= 1; see the type's doc).
    pub rows: Vec<SparseVec>,
}

impl TfIdf {
    /// The rows as a `sprs` CSR matrix (documents x vocabulary), e.g. for linfa.
    pub fn to_csmat(&self) -> sprs::CsMat<f32> {
        let mut indptr = Vec::with_capacity(self.rows.len() + 1);
        let mut indices = Vec::new();
        let mut data = Vec::new();
        indptr.push(0);
        for r in &self.rows {
            indices.extend(r.indices.iter().map(|&i| i as usize));
            data.extend_from_slice(&r.values);
            indptr.push(indices.len());
        }
        sprs::CsMat::new((self.rows.len(), self.vocab.len()), indptr, indices, data)
    }
}

/// Fits a TF-IDF model on analysed documents (`(text, analysis)` pairs: token offsets point
/// into the text) and returns the document vectors.
pub fn fit_transform(docs: &[(String, Analyzed)], params: &TfIdfParams) -> TfIdf {
    // Per document: term -> (weighted count, kind), plus surface spellings.
    let per_doc: Vec<Vec<(String, f32, TokenKind)>> = docs
        .par_iter()
        .map(|(_, a)| {
            let mut m: HashMap<&str, (f32, TokenKind)> = HashMap::new();
            for t in &a.tokens {
                let w = if t.field == Field::Title {
                    params.title_weight
                } else {
                    1.0
                };
                let e = m.entry(t.term.as_str()).or_insert((0.0, t.kind));
                e.0 += w;
            }
            let mut v: Vec<(String, f32, TokenKind)> = m
                .into_iter()
                .map(|(k, (c, kind))| (k.to_string(), c, kind))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        })
        .collect();

    struct Stat {
        df: u32,
        kind: TokenKind,
        surfaces: HashMap<String, u32>,
    }
    let mut stats: HashMap<String, Stat> = HashMap::new();
    for terms in &per_doc {
        for (t, _, kind) in terms {
            stats
                .entry(t.clone())
                .or_insert_with(|| Stat {
                    df: 0,
                    kind: *kind,
                    surfaces: HashMap::new(),
                })
                .df += 1;
        }
    }
    let n = docs.len();
    let max_df = if n >= params.max_df_min_docs {
        (params.max_df * n as f32).floor() as u32
    } else {
        u32::MAX
    };
    // Terms under min_df are dropped from the vectors but still count in their norms, so a
    // cosine is the cosine of the full vectors: pruning rare terms must not inflate what
    // the generic words that remain have in common.
    let rare_df: HashMap<String, u32> = stats
        .iter()
        .filter(|(_, s)| (s.df as usize) < params.min_df.max(1))
        .map(|(t, s)| (t.clone(), s.df))
        .collect();
    stats.retain(|_, s| s.df as usize >= params.min_df.max(1) && s.df <= max_df);
    for (text, a) in docs {
        for t in &a.tokens {
            if let Some(s) = stats.get_mut(&t.term) {
                *s.surfaces.entry(t.surface(text).to_string()).or_insert(0) += 1;
            }
        }
    }
    let mut terms: Vec<(String, Stat)> = stats.into_iter().collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    let mut vocab = Vocabulary::default();
    for (term, s) in terms {
        let surface = s
            .surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| term.clone());
        vocab
            .idf
            .push(((1.0 + n as f32) / (1.0 + s.df as f32)).ln() + 1.0);
        vocab.df.push(s.df);
        vocab.kinds.push(s.kind);
        vocab.surfaces.push(surface);
        vocab.terms.push(term);
    }
    let rows = per_doc
        .par_iter()
        .map(|terms| {
            let weight = |c: f32, kind: TokenKind, idf: f32| {
                let tf = if params.sublinear_tf && c >= 1.0 {
                    1.0 + c.ln()
                } else {
                    c
                };
                let kw = match kind {
                    TokenKind::Word => 1.0,
                    TokenKind::Name => params.name_weight,
                    TokenKind::Number => params.number_weight,
                    TokenKind::Pair => params.pair_weight,
                };
                tf * kw * idf
            };
            let mut rare_sq = 0.0f32;
            let mut pairs = Vec::with_capacity(terms.len());
            for (t, c, kind) in terms {
                if let Some(i) = vocab.index(t) {
                    pairs.push((i as u32, weight(*c, vocab.kinds[i], vocab.idf[i])));
                } else if let Some(&df) = rare_df.get(t) {
                    let idf = ((1.0 + n as f32) / (1.0 + df as f32)).ln() + 1.0;
                    rare_sq += weight(*c, *kind, idf).powi(2);
                }
            }
            let mut v = SparseVec::from_pairs(pairs);
            let norm = (v.values.iter().map(|x| x * x).sum::<f32>()
                + params.rare_norm_weight * rare_sq)
                .sqrt();
            if norm > 0.0 {
                v.values.iter_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect();
    TfIdf { vocab, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;

    fn fit(texts: &[&str], params: &TfIdfParams) -> TfIdf {
        let a = Analyzer::default();
        let docs: Vec<(String, Analyzed)> = texts
            .iter()
            .map(|t| (t.to_string(), a.analyze(t, 0)))
            .collect();
        fit_transform(&docs, params)
    }

    #[test]
    fn rows_are_at_most_unit_length_and_vocabulary_is_sorted() {
        let m = fit(
            &["Kerry visits Paris", "Kerry leaves Paris", "Rain in Paris"],
            &TfIdfParams::default(),
        );
        let mut sorted = m.vocab.terms.clone();
        sorted.sort();
        assert_eq!(sorted, m.vocab.terms);
        for r in &m.rows {
            assert!(r.norm() <= 1.0 + 1e-5);
        }
        // "Rain in Paris": "rain" is pruned (df 1) but still counts in the norm.
        assert!(m.rows[2].norm() < 0.99);
    }

    #[test]
    fn singleton_terms_are_pruned_and_surface_is_the_common_spelling() {
        let m = fit(
            &["Kerry visits", "Kerry leaves", "KERRY again"],
            &TfIdfParams::default(),
        );
        let i = m.vocab.index("kerri").expect("kerri kept");
        assert_eq!(m.vocab.surfaces[i], "Kerry");
        assert!(m.vocab.index("visit").is_none());
    }

    #[test]
    fn negative_weight_is_rejected() {
        let p = TfIdfParams {
            title_weight: -1.0,
            ..TfIdfParams::default()
        };
        assert!(p.check().is_err());
    }

    #[test]
    fn sparse_ops_agree_with_dense() {
        let a = SparseVec::from_pairs(vec![(3, 1.0), (1, 2.0), (3, 1.0)]);
        let b = SparseVec::from_pairs(vec![(1, 1.0), (2, 5.0), (3, 0.5)]);
        assert_eq!(a.dot(&b), 2.0 + 1.0);
        let mut c = a.clone();
        c.add_scaled(&b, 2.0);
        assert_eq!(c.indices, [1, 2, 3]);
        assert_eq!(c.values, [4.0, 10.0, 3.0]);
        c.truncate_top(2);
        assert_eq!(c.indices, [1, 2]);
    }
}
