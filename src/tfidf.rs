//! TF-IDF vectors: sparse rows, sublinear tf, smoothed idf, document-frequency pruning,
//! L2-normalized. The vocabulary is sorted by term, so column order never depends on hash
//! map order.

use crate::analyze::{Analyzed, Field, TokenKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

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
    /// Drop terms found in fewer documents (they cannot link two documents). Default 2;
    /// values below 2 act as 2 (the builder keeps a term's string from its second document).
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
        // Exact capacity: a million rows grown by doubling would waste a third of their size.
        let mut v = SparseVec {
            indices: Vec::with_capacity(pairs.len()),
            values: Vec::with_capacity(pairs.len()),
        };
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
        let (a, b) = (&self.indices[..], &other.indices[..]);
        let (va, vb) = (&self.values[..], &other.values[..]);
        let (mut i, mut j, mut s) = (0, 0, 0.0f32);
        // Branch-free steps: which list advances is unpredictable, and mispredicted branches
        // were most of the cost. A non-match adds exactly 0, so sums are the same as a
        // branching merge's.
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            let hit = f32::from(u8::from(x == y));
            s += hit * va[i] * vb[j];
            i += usize::from(x <= y);
            j += usize::from(y <= x);
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
        let mut pairs = self.pairs();
        keep_heaviest(&mut pairs, k);
        pairs.sort_unstable_by_key(|p| p.0);
        self.indices = pairs.iter().map(|p| p.0).collect();
        self.values = pairs.iter().map(|p| p.1).collect();
    }

    /// The entries as `(index, value)` pairs, in index order.
    pub fn pairs(&self) -> Vec<(u32, f32)> {
        self.indices
            .iter()
            .copied()
            .zip(self.values.iter().copied())
            .collect()
    }

    /// The `k` largest entries as `(index, value)` pairs, largest first (ties: lower index
    /// first).
    pub fn top(&self, k: usize) -> Vec<(u32, f32)> {
        let mut pairs = self.pairs();
        keep_heaviest(&mut pairs, k);
        pairs.sort_unstable_by(heaviest_first);
        pairs
    }

    /// Number of dimensions spanned by `rows`: one past the largest index used.
    pub fn dims(rows: &[SparseVec]) -> usize {
        rows.iter()
            .filter_map(|r| r.indices.last())
            .max()
            .map_or(0, |&m| m as usize + 1)
    }
}

/// Orders `(index, value)` pairs largest value first, ties by lower index: a total order, so
/// selections by it never depend on input order.
pub fn heaviest_first(a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the `k` largest pairs by [`heaviest_first`], in no particular order. A selection,
/// not a sort: linear in the number of pairs.
pub fn keep_heaviest(pairs: &mut Vec<(u32, f32)>, k: usize) {
    if pairs.len() <= k {
        return;
    }
    if k > 0 {
        pairs.select_nth_unstable_by(k - 1, heaviest_first);
    }
    pairs.truncate(k);
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

/// One document reduced to what TF-IDF needs: weighted term counts, and the most frequent
/// spelling of each word stem in it.
#[derive(Debug, Clone, Default)]
pub struct DocTerms {
    /// `(term, weighted count, kind)`, in the order of their `keys`.
    pub terms: Vec<(String, f32, TokenKind)>,
    /// `(stem, surface)` for word terms whose spelling differs from the stem.
    pub surfaces: Vec<(String, String)>,
    /// The hash key of each term of `terms` (computed with the terms, in parallel, so the
    /// sequential [`TfIdfBuilder::add`] does not hash strings); empty to let `add` compute
    /// them.
    pub keys: Vec<u64>,
}

impl DocTerms {
    /// Counts the tokens of one analysed text; a title token counts `title_weight` times.
    pub fn new(text: &str, a: &Analyzed, title_weight: f32) -> DocTerms {
        let mut m: FxHashMap<&str, (f32, TokenKind)> = FxHashMap::default();
        let mut surf: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        for t in &a.tokens {
            let w = if t.field == Field::Title {
                title_weight
            } else {
                1.0
            };
            let e = m.entry(t.term.as_str()).or_insert((0.0, t.kind));
            e.0 += w;
            if t.kind == TokenKind::Word {
                *surf.entry((t.term.as_str(), t.surface(text))).or_insert(0) += 1;
            }
        }
        // Ordered by hash key (then term): any fixed order does, and comparing integers is
        // much cheaper than comparing a few hundred strings per document.
        let mut keyed: Vec<(u64, (String, f32, TokenKind))> = m
            .into_iter()
            .map(|(k, (c, kind))| (term_key(k), (k.to_string(), c, kind)))
            .collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.0.cmp(&b.1.0)));
        let (keys, terms): (Vec<u64>, Vec<(String, f32, TokenKind)>) = keyed.into_iter().unzip();
        let mut best: FxHashMap<&str, (&str, u32)> = FxHashMap::default();
        for ((stem, surface), c) in surf {
            let e = best.entry(stem).or_insert((surface, 0));
            if c > e.1 || (c == e.1 && surface < e.0) {
                *e = (surface, c);
            }
        }
        let mut surfaces: Vec<(String, String)> = best
            .into_iter()
            .filter(|(stem, (surface, _))| stem != surface)
            .map(|(stem, (surface, _))| (stem.to_string(), surface.to_string()))
            .collect();
        surfaces.sort();
        DocTerms {
            terms,
            surfaces,
            keys,
        }
    }
}

fn term_key(term: &str) -> u64 {
    // FNV-1a: stable, and collisions among a few hundred million terms are negligible.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in term.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct TermStat {
    id: u32,
    df: u32,
}

/// Builds a TF-IDF model from documents added chunk by chunk, so a million articles never
/// need to be held as text or tokens at once. Terms are keyed by a 64-bit hash; a term's
/// string is kept only once it is seen in a second document, so the many terms seen once
/// cost 16 bytes each.
#[derive(Default)]
pub struct TfIdfBuilder {
    stats: FxHashMap<u64, TermStat>,
    strings: Vec<Option<String>>,
    kinds: Vec<TokenKind>,
    docs: Vec<Vec<(u32, f32)>>,
    surfaces: FxHashMap<u32, FxHashMap<String, u32>>,
}

impl TfIdfBuilder {
    /// An empty builder.
    pub fn new() -> TfIdfBuilder {
        TfIdfBuilder::default()
    }

    /// Adds documents (in order).
    pub fn add(&mut self, docs: Vec<DocTerms>) {
        for d in docs {
            let mut row = Vec::with_capacity(d.terms.len());
            let keyed = d.keys.len() == d.terms.len();
            for (k, (term, c, kind)) in d.terms.into_iter().enumerate() {
                let key = if keyed { d.keys[k] } else { term_key(&term) };
                let next = self.strings.len() as u32;
                let st = self
                    .stats
                    .entry(key)
                    .or_insert(TermStat { id: next, df: 0 });
                if st.id == next {
                    self.strings.push(None);
                    self.kinds.push(kind);
                }
                st.df += 1;
                if st.df == 2 {
                    self.strings[st.id as usize] = Some(term);
                }
                row.push((st.id, c));
            }
            for (stem, surface) in d.surfaces {
                if let Some(st) = self.stats.get(&term_key(&stem)) {
                    let m = self.surfaces.entry(st.id).or_default();
                    if m.len() < 16 || m.contains_key(&surface) {
                        *m.entry(surface).or_insert(0) += 1;
                    }
                }
            }
            self.docs.push(row);
        }
    }

    /// Prunes, weights and normalizes: the fitted model.
    pub fn finish(self, params: &TfIdfParams) -> TfIdf {
        let n = self.docs.len();
        if crate::pipeline::timing_enabled() {
            eprintln!(
                "tf-idf builder: {} distinct terms, {} with a string, {} document terms",
                self.strings.len(),
                self.strings.iter().filter(|s| s.is_some()).count(),
                self.docs.iter().map(Vec::len).sum::<usize>()
            );
        }
        let max_df = if n >= params.max_df_min_docs {
            (params.max_df * n as f32).floor() as u32
        } else {
            u32::MAX
        };
        let mut df = vec![0u32; self.strings.len()];
        for st in self.stats.values() {
            df[st.id as usize] = st.df;
        }
        let min_df = params.min_df.max(1) as u32;
        let mut kept: Vec<(String, u32)> = self
            .strings
            .into_iter()
            .enumerate()
            .filter_map(|(id, s)| {
                let d = df[id];
                if d >= min_df && d <= max_df {
                    // Strings are kept from the second document on; min_df 1 keeps terms
                    // seen once, whose string is not stored: they are dropped.
                    s.map(|s| (s, id as u32))
                } else {
                    None
                }
            })
            .collect();
        kept.sort_by(|a, b| a.0.cmp(&b.0));
        let mut column = vec![u32::MAX; df.len()];
        let mut vocab = Vocabulary::default();
        for (col, (term, id)) in kept.into_iter().enumerate() {
            column[id as usize] = col as u32;
            let d = df[id as usize];
            let kind = self.kinds[id as usize];
            let surface = match kind {
                TokenKind::Word => self
                    .surfaces
                    .get(&id)
                    .and_then(|m| {
                        m.iter()
                            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                            .map(|(s, _)| s.clone())
                    })
                    .filter(|_| true),
                _ => None,
            };
            vocab
                .idf
                .push(((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0);
            vocab.df.push(d);
            vocab.kinds.push(kind);
            vocab.surfaces.push(surface.unwrap_or_default());
            vocab.terms.push(term);
        }
        // Word surfaces: the most frequent spelling; words never respelled keep the stem.
        // Names are shown capitalized; pairs as the surfaces of their two stems.
        let word_surface = |stem: &str, vocab: &Vocabulary| -> String {
            match vocab.index(stem) {
                Some(i) if !vocab.surfaces[i].is_empty() => vocab.surfaces[i].clone(),
                _ => stem.to_string(),
            }
        };
        let mut surfaces = vocab.surfaces.clone();
        for (i, surface) in surfaces.iter_mut().enumerate() {
            let t = &vocab.terms[i];
            *surface = match vocab.kinds[i] {
                TokenKind::Word if vocab.surfaces[i].is_empty() => t.clone(),
                TokenKind::Word => vocab.surfaces[i].clone(),
                TokenKind::Number => t.clone(),
                TokenKind::Name => t
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                TokenKind::Pair => t
                    .split_once('_')
                    .map(|(a, b)| {
                        format!("{} {}", word_surface(a, &vocab), word_surface(b, &vocab))
                    })
                    .unwrap_or_else(|| t.clone()),
            };
        }
        vocab.surfaces = surfaces;
        let idf_of = |d: u32| ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0;
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
        let kinds = &self.kinds;
        let rows = self
            .docs
            .into_par_iter()
            .map(|doc| {
                // Terms under min_df are dropped from the vectors but count (by
                // rare_norm_weight) in their norms, so pruning rare terms does not make the
                // generic words that remain look like all a document says.
                let mut rare_sq = 0.0f32;
                let mut pairs = Vec::with_capacity(doc.len());
                for (id, c) in doc {
                    let col = column[id as usize];
                    let kind = kinds[id as usize];
                    if col != u32::MAX {
                        pairs.push((col, weight(c, kind, vocab.idf[col as usize])));
                    } else if df[id as usize] < min_df {
                        rare_sq += weight(c, kind, idf_of(df[id as usize])).powi(2);
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
}

/// Fits a TF-IDF model on analysed documents (`(text, analysis)` pairs: token offsets point
/// into the text) and returns the document vectors. For big collections use
/// [`TfIdfBuilder`] chunk by chunk.
pub fn fit_transform(docs: &[(String, Analyzed)], params: &TfIdfParams) -> TfIdf {
    let terms: Vec<DocTerms> = docs
        .par_iter()
        .map(|(text, a)| DocTerms::new(text, a, params.title_weight))
        .collect();
    let mut b = TfIdfBuilder::new();
    b.add(terms);
    b.finish(params)
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
