//! Duplicates: exact copies (same normalized text) and near copies (the same wire story carried
//! by several outlets), marked `duplicate_of` the earliest copy.
//!
//! MinHash with banded LSH over word 5-shingles. Written by hand (about a hundred lines): the
//! crate we looked at (gaoya 0.2) hashes bands with a per-process random state and answers with
//! hash sets, while we need the same earliest copy chosen on every run, in input order, with
//! no extra dependency tree.

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::article::{Article, Kind};
use crate::textstore::Texts;

/// Settings for duplicate detection. Defaults: 64 hashes in 16 bands, Jaccard >= 0.7 on word
/// 5-shingles, near-duplicate test only for texts of at least 40 words.
#[derive(Debug, Clone, Copy)]
pub struct DedupParams {
    /// Estimated Jaccard similarity of shingle sets at or above which two texts are copies.
    pub threshold: f64,
    /// Texts shorter than this (in words) are only checked for exact copies.
    pub min_words: usize,
}

impl Default for DedupParams {
    fn default() -> Self {
        DedupParams {
            threshold: 0.7,
            min_words: 40,
        }
    }
}

const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;
/// Earlier articles looked at per band value, latest first. A copy shares about a quarter of
/// its bands with an original at similarity 0.7 and most of them at 0.9, so one band's
/// recent neighbours find it; a band value shared by hundreds of articles (standing text,
/// or many reports quoting the same passage) would otherwise make the search quadratic:
/// 1,000,000 generated articles needed 50 million similarity checks without this bound.
const MAX_BAND_CANDIDATES: usize = 64;

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a of a word's lowercase form, without allocating.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |c: char| {
        h ^= u64::from(u32::from(c));
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for c in w.chars() {
        if c.is_ascii() {
            feed(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut feed);
        }
    }
    h
}

struct Sig {
    exact: u64,
    minhash: Option<[u64; HASHES]>,
}

/// One-permutation MinHash: each shingle is hashed once and kept in one of 64 bins by its top
/// bits (the minimum per bin); empty bins borrow from the next full one. 64 times cheaper than
/// 64 hash functions, with the same estimate of Jaccard similarity.
fn signature(parts: [&str; 3], p: &DedupParams) -> Sig {
    let words: Vec<u64> = parts
        .iter()
        .flat_map(|part| {
            crate::analyze::word_indices(part)
                .into_iter()
                .map(|(_, w)| w)
        })
        .map(word_hash)
        .collect();
    let exact = words.iter().fold(0x5EED_u64, |h, &x| splitmix(h ^ x));
    if words.len() < p.min_words.max(SHINGLE) {
        return Sig {
            exact,
            minhash: None,
        };
    }
    let mut mins = [u64::MAX; HASHES];
    for sh in words.windows(SHINGLE) {
        let h = sh.iter().fold(0u64, |acc, &x| splitmix(acc ^ x));
        let bin = (h >> 58) as usize;
        mins[bin] = mins[bin].min(h & ((1 << 58) - 1));
    }
    // Densification (Shrivastava 2017, simplified): an empty bin takes the value of the next
    // full bin, mixed with its own index so that two empty bins do not agree by construction.
    let full: Vec<usize> = (0..HASHES).filter(|&b| mins[b] != u64::MAX).collect();
    let mut out = mins;
    for b in 0..HASHES {
        if mins[b] == u64::MAX {
            let next = full.iter().copied().find(|&f| f > b).unwrap_or(full[0]);
            out[b] = splitmix(mins[next] ^ (b as u64 + 1));
        }
    }
    Sig {
        exact,
        minhash: Some(out),
    }
}

fn similarity(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// Marks duplicates among the `ok` rows: the earliest copy (by publication time, undated last,
/// then row order) stays an article or teaser; later copies become [`Kind::Duplicate`] with
/// `duplicate_of` set. Returns the number of duplicates found.
///
/// ```
/// use storyline::{Article, Kind, dedup::{mark_duplicates, DedupParams}};
/// let a = |id: &str, t: &str| Article { id: id.into(), title: t.into(), ..Default::default() };
/// let mut rows = vec![a("1", "Same headline"), a("2", "Other"), a("3", "same  headline!")];
/// assert_eq!(mark_duplicates(&mut rows, &DedupParams::default()), 1);
/// assert_eq!(rows[2].kind, Kind::Duplicate);
/// assert_eq!(rows[2].duplicate_of.as_deref(), Some("1"));
/// ```
pub fn mark_duplicates(articles: &mut [Article], params: &DedupParams) -> usize {
    let found = find_duplicates(Texts::in_memory(articles), params);
    apply_duplicates(articles, &found)
}

/// The duplicates [`mark_duplicates`] would mark, as `(copy, original)` row pairs in the
/// order found, for articles whose texts may be in a [`crate::textstore::TextStore`].
pub fn find_duplicates(texts: Texts<'_>, params: &DedupParams) -> Vec<(usize, usize)> {
    let articles = texts.articles;
    let sigs: Vec<Option<Sig>> = (0..articles.len())
        .into_par_iter()
        .map(|i| {
            articles[i].is_ok().then(|| {
                let (description, text) = texts.parts(i);
                signature([&articles[i].title, &description, &text], params)
            })
        })
        .collect();
    let timing = crate::pipeline::timing_enabled();
    let t0 = std::time::Instant::now();
    let mut checks = 0u64;
    let mut order: Vec<usize> = (0..articles.len()).filter(|&i| sigs[i].is_some()).collect();
    order.sort_by_key(|&i| (articles[i].published.is_none(), articles[i].published, i));
    let mut pos = vec![usize::MAX; articles.len()];
    for (r, &i) in order.iter().enumerate() {
        pos[i] = r;
    }
    let mut exact: FxHashMap<u64, usize> = FxHashMap::default();
    // The rows of each band value, as linked lists in one flat vector (`heads` holds the
    // last node of a list; a node is `(row, previous node)`): a million articles make 16
    // million band values, nearly all of one row, and a map of vectors costs ~1 GB for
    // them. Band and value are hashed together; a rare collision only adds a candidate,
    // whose similarity is checked.
    let mut heads: FxHashMap<u64, u32> = FxHashMap::default();
    let mut nodes: Vec<(u32, u32)> = Vec::new();
    let band_key = |m: &[u64; HASHES], b: usize| {
        splitmix(fnv_band(&m[b * ROWS..(b + 1) * ROWS]) ^ (b as u64).wrapping_mul(0x9E37_79B9))
    };
    let mut found = Vec::new();
    for &i in &order {
        let sig = sigs[i].as_ref().expect("filtered");
        let mut original = exact.get(&sig.exact).copied();
        if original.is_none()
            && let Some(m) = &sig.minhash
        {
            let mut best: Option<(usize, f64)> = None;
            for b in 0..BANDS {
                let mut node = heads.get(&band_key(m, b)).copied().unwrap_or(u32::MAX);
                let mut walked = 0;
                while node != u32::MAX && walked < MAX_BAND_CANDIDATES {
                    walked += 1;
                    let (j, prev) = nodes[node as usize];
                    node = prev;
                    let j = j as usize;
                    let mj = sigs[j]
                        .as_ref()
                        .and_then(|s| s.minhash.as_ref())
                        .expect("indexed");
                    let s = similarity(m, mj);
                    checks += 1;
                    let better =
                        best.is_none_or(|(bj, bs)| s > bs || (s == bs && pos[j] < pos[bj]));
                    if s >= params.threshold && better {
                        best = Some((j, s));
                    }
                }
            }
            original = best.map(|(j, _)| j);
        }
        match original {
            Some(j) => found.push((i, j)),
            None => {
                exact.insert(sig.exact, i);
                if let Some(m) = &sig.minhash {
                    for b in 0..BANDS {
                        let next = nodes.len() as u32;
                        let prev = heads.insert(band_key(m, b), next).unwrap_or(u32::MAX);
                        nodes.push((i as u32, prev));
                    }
                }
            }
        }
    }
    if timing {
        eprintln!(
            "duplicates: {} found, {checks} similarity checks, {:.1}s after signatures",
            found.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    found
}

/// Marks `(copy, original)` pairs from [`find_duplicates`]; returns how many.
pub fn apply_duplicates(articles: &mut [Article], found: &[(usize, usize)]) -> usize {
    for &(i, j) in found {
        let of = articles[j].id.clone();
        let a = &mut articles[i];
        a.kind = Kind::Duplicate;
        a.duplicate_of = Some(of);
    }
    found.len()
}

fn fnv_band(band: &[u64]) -> u64 {
    band.iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &x| splitmix(h ^ x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn art(id: &str, text: &str, date: &str) -> Article {
        Article {
            id: id.into(),
            title: "t".into(),
            text: text.into(),
            published: DateTime::parse_from_rfc3339(date).ok(),
            ..Default::default()
        }
    }

    const WIRE: &str = "PARIS (AP) — U.S. Secretary of State John Kerry says he won't shut the door on the \
        possibility of working with Iran against a common enemy in the Islamic State militant group, but the \
        two nations won't coordinate on military action. Kerry also ruled out coordinating with the Syrian \
        government, although he vaguely described ways to communicate to avoid mistakes should the U.S. and \
        its allies begin bombing the Sunni extremist group's safe haven there. He spoke to a small group of \
        reporters Monday after international diplomats met in Paris, pledging to fight the Islamic State group \
        by any means necessary. Neither Iran nor Syria, which together share most of Iraq's borders, were \
        invited to the international conference, which opened as a pair of French reconnaissance jets took off.";

    #[test]
    fn edited_wire_copy_is_a_near_duplicate_of_the_earliest() {
        let edited =
            WIRE.replace("PARIS (AP) — ", "").replace("vaguely ", "") + " Reporters contributed.";
        let mut rows = vec![
            art("late", &edited, "2014-09-15T12:00:00Z"),
            art("early", WIRE, "2014-09-15T08:00:00Z"),
            art(
                "other",
                &"Completely different words about a landslide memorial opening. ".repeat(8),
                "2014-09-15T09:00:00Z",
            ),
        ];
        assert_eq!(mark_duplicates(&mut rows, &DedupParams::default()), 1);
        assert_eq!(rows[0].kind, Kind::Duplicate);
        assert_eq!(rows[0].duplicate_of.as_deref(), Some("early"));
        assert_eq!(rows[1].kind, Kind::Article);
        assert_eq!(rows[2].kind, Kind::Article);
    }

    #[test]
    fn skipped_rows_are_never_duplicates() {
        let mut rows = vec![
            art("a", WIRE, "2014-09-15T08:00:00Z"),
            art("b", WIRE, "2014-09-15T08:00:00Z"),
        ];
        rows[1].status = crate::Status::Skipped;
        assert_eq!(mark_duplicates(&mut rows, &DedupParams::default()), 0);
    }
}
