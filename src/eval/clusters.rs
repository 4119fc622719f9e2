//! Clustering metrics: B-cubed and pairwise precision/recall/F1, NMI, ARI, cluster counts.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Errors reading gold or predicted files.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read as CSV.
    #[error("cannot read {path}: {source}")]
    Csv {
        /// The file.
        path: String,
        /// The CSV error.
        source: csv::Error,
    },
    /// A needed column is missing.
    #[error("{path} has no `{column}` column; expected a header with `{column}`")]
    MissingColumn {
        /// The file.
        path: String,
        /// The column.
        column: &'static str,
    },
    /// Nothing to compare.
    #[error("no article of {gold} has a story in {pred}; check that the ids match")]
    NoOverlap {
        /// Gold file.
        gold: String,
        /// Predicted file.
        pred: String,
    },
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairScores {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl PairScores {
    fn new(precision: f64, recall: f64) -> PairScores {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        PairScores {
            precision,
            recall,
            f1,
        }
    }
}

/// All clustering metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterMetrics {
    /// Articles compared (in gold and given a story in the prediction).
    pub articles: usize,
    /// B-cubed (Bagga & Baldwin 1998): per-article precision and recall, averaged.
    pub bcubed: PairScores,
    /// Over all pairs of articles put together. Precision is 1 when no pair is predicted.
    pub pairwise: PairScores,
    /// Normalized mutual information (arithmetic-mean normalization, as scikit-learn).
    pub nmi: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Predicted clusters among the compared articles.
    pub predicted_clusters: usize,
    /// Gold stories among the compared articles.
    pub gold_clusters: usize,
    /// Gold ids with no story in the prediction (absent, or present with an empty story).
    pub missing_from_pred: Vec<String>,
}

fn choose2(n: usize) -> f64 {
    let n = n as f64;
    n * (n - 1.0) / 2.0
}

/// Compares two labelings of the same items (`gold[i]` and `pred[i]` label item `i`).
pub fn evaluate_assignments<G: Ord + Clone, P: Ord + Clone>(
    gold: &[G],
    pred: &[P],
) -> ClusterMetrics {
    assert_eq!(
        gold.len(),
        pred.len(),
        "one gold and one predicted label per item"
    );
    let n = gold.len();
    let mut cells: BTreeMap<(&P, &G), usize> = BTreeMap::new();
    let mut psize: BTreeMap<&P, usize> = BTreeMap::new();
    let mut gsize: BTreeMap<&G, usize> = BTreeMap::new();
    for (g, p) in gold.iter().zip(pred) {
        *cells.entry((p, g)).or_default() += 1;
        *psize.entry(p).or_default() += 1;
        *gsize.entry(g).or_default() += 1;
    }
    let nf = n as f64;
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(p, g), &c) in &cells {
        let c = c as f64;
        bp += c * c / psize[p] as f64;
        br += c * c / gsize[g] as f64;
    }
    let bcubed = if n > 0 {
        PairScores::new(bp / nf, br / nf)
    } else {
        PairScores::new(0.0, 0.0)
    };
    let tp: f64 = cells.values().map(|&c| choose2(c)).sum();
    let pp: f64 = psize.values().map(|&c| choose2(c)).sum();
    let gp: f64 = gsize.values().map(|&c| choose2(c)).sum();
    let pairwise = PairScores::new(
        if pp > 0.0 { tp / pp } else { 1.0 },
        if gp > 0.0 { tp / gp } else { 1.0 },
    );
    let entropy = |sizes: &mut dyn Iterator<Item = usize>| -> f64 {
        sizes
            .map(|s| {
                let q = s as f64 / nf;
                -q * q.ln()
            })
            .sum()
    };
    let hp = entropy(&mut psize.values().copied());
    let hg = entropy(&mut gsize.values().copied());
    let mi: f64 = cells
        .iter()
        .map(|(&(p, g), &c)| {
            let c = c as f64;
            c / nf * (c * nf / (psize[p] as f64 * gsize[g] as f64)).ln()
        })
        .sum();
    let nmi = if hp + hg > 0.0 {
        (2.0 * mi / (hp + hg)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let total = choose2(n);
    let expected = if total > 0.0 { pp * gp / total } else { 0.0 };
    let max = (pp + gp) / 2.0;
    let ari = if (max - expected).abs() < 1e-12 {
        1.0
    } else {
        (tp - expected) / (max - expected)
    };
    ClusterMetrics {
        articles: n,
        bcubed,
        pairwise,
        nmi,
        ari,
        predicted_clusters: psize.len(),
        gold_clusters: gsize.len(),
        missing_from_pred: Vec::new(),
    }
}

fn column(
    headers: &csv::StringRecord,
    name: &'static str,
    path: &Path,
) -> Result<usize, EvalError> {
    headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
        .ok_or_else(|| EvalError::MissingColumn {
            path: path.display().to_string(),
            column: name,
        })
}

fn read_pairs(
    path: &Path,
    key: &'static str,
    value: &'static str,
) -> Result<Vec<(String, String)>, EvalError> {
    let err = |source| EvalError::Csv {
        path: path.display().to_string(),
        source,
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(err)?;
    let headers = r.headers().map_err(err)?.clone();
    let (ki, vi) = (column(&headers, key, path)?, column(&headers, value, path)?);
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(err)?;
        out.push((
            rec.get(ki).unwrap_or("").trim().to_string(),
            rec.get(vi).unwrap_or("").trim().to_string(),
        ));
    }
    Ok(out)
}

/// Reads a gold CSV with `id` and `story` columns.
pub fn read_gold(path: &Path) -> Result<Vec<(String, String)>, EvalError> {
    read_pairs(path, "id", "story")
}

/// Reads a predicted CSV with `id` and `story_id` columns; an empty `story_id` marks a
/// skipped row.
pub fn read_pred(path: &Path) -> Result<Vec<(String, String)>, EvalError> {
    read_pairs(path, "id", "story_id")
}

/// Compares a predicted `articles.csv` with a gold CSV. Predicted rows not in gold are
/// ignored; gold ids without a predicted story are listed in `missing_from_pred` and left
/// out of the scores.
pub fn evaluate_files(gold: &Path, pred: &Path) -> Result<ClusterMetrics, EvalError> {
    let g = read_gold(gold)?;
    let p: HashMap<String, String> = read_pred(pred)?
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .collect();
    let (mut gl, mut pl, mut missing) = (Vec::new(), Vec::new(), Vec::new());
    for (id, story) in g {
        match p.get(&id) {
            Some(s) => {
                gl.push(story);
                pl.push(s.clone());
            }
            None => missing.push(id),
        }
    }
    if gl.is_empty() {
        return Err(EvalError::NoOverlap {
            gold: gold.display().to_string(),
            pred: pred.display().to_string(),
        });
    }
    let mut m = evaluate_assignments(&gl, &pl);
    m.missing_from_pred = missing;
    Ok(m)
}

impl std::fmt::Display for ClusterMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "articles            {}", self.articles)?;
        writeln!(
            f,
            "B-cubed   P/R/F1    {:.4} {:.4} {:.4}",
            self.bcubed.precision, self.bcubed.recall, self.bcubed.f1
        )?;
        writeln!(
            f,
            "pairwise  P/R/F1    {:.4} {:.4} {:.4}",
            self.pairwise.precision, self.pairwise.recall, self.pairwise.f1
        )?;
        writeln!(f, "NMI                 {:.4}", self.nmi)?;
        writeln!(f, "ARI                 {:.4}", self.ari)?;
        writeln!(
            f,
            "clusters            {} predicted, {} gold",
            self.predicted_clusters, self.gold_clusters
        )?;
        write!(f, "missing from pred   {}", self.missing_from_pred.len())?;
        for id in self.missing_from_pred.iter().take(10) {
            write!(f, "\n  {id}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere() {
        let m = evaluate_assignments(&[1, 1, 2, 2, 3], &["a", "a", "b", "b", "c"]);
        close(m.bcubed.f1, 1.0);
        close(m.pairwise.f1, 1.0);
        close(m.nmi, 1.0);
        close(m.ari, 1.0);
        assert_eq!((m.predicted_clusters, m.gold_clusters), (3, 3));
    }

    #[test]
    fn one_big_cluster_has_full_recall_and_known_precision() {
        // Gold {a,b} {c,d}; predicted all together.
        let m = evaluate_assignments(&[1, 1, 2, 2], &[0, 0, 0, 0]);
        close(m.bcubed.recall, 1.0);
        close(m.bcubed.precision, 0.5);
        close(m.pairwise.precision, 2.0 / 6.0);
        close(m.pairwise.recall, 1.0);
        close(m.nmi, 0.0);
        close(m.ari, 0.0);
    }

    #[test]
    fn split_cluster_scores_match_hand_computation() {
        // Gold {1,2,3}; predicted {1,2} {3}.
        let m = evaluate_assignments(&[1, 1, 1], &[0, 0, 1]);
        close(m.bcubed.precision, 1.0);
        // Recall: 2/3, 2/3, 1/3 -> 5/9.
        close(m.bcubed.recall, 5.0 / 9.0);
        close(m.pairwise.precision, 1.0);
        close(m.pairwise.recall, 1.0 / 3.0);
    }

    #[test]
    fn ari_matches_scikit_learn_on_a_known_case() {
        // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        let m = evaluate_assignments(&[0, 0, 1, 1], &[0, 0, 1, 2]);
        close(m.ari, 0.571_428_571_428_571_5);
        // normalized_mutual_info_score(...) = 0.8
        close(m.nmi, 0.8);
    }

    #[test]
    fn gold_ids_missing_from_pred_are_reported_not_scored() {
        let dir = tempfile::tempdir().unwrap();
        let g = dir.path().join("gold.csv");
        let p = dir.path().join("articles.csv");
        std::fs::write(&g, "id,story\na,1\nb,1\nc,2\n").unwrap();
        std::fs::write(
            &p,
            "id,story_id,title\na,x,t\nb,x,t\nz,,skipped\nc,,skipped\n",
        )
        .unwrap();
        let m = evaluate_files(&g, &p).unwrap();
        assert_eq!(m.articles, 2);
        assert_eq!(m.missing_from_pred, ["c"]);
        close(m.bcubed.f1, 1.0);
    }
}
