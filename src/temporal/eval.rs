//! Scoring the tagger against TimeML gold: extent P/R/F1 (strict and relaxed) and value F1.
//!
//! - strict: a prediction is right when a gold TIMEX3 has exactly its span;
//! - relaxed: when its span overlaps a gold TIMEX3;
//! - value: when its span overlaps a gold TIMEX3 with the same `value`.
//!
//! Precision counts predictions, recall counts gold expressions.

use std::path::Path;

use serde::Serialize;

use super::errors::TemporalError;
use super::extract::{Tagger, Timex};
use super::timeml::{GoldTimex, TimemlDoc, read_timeml};

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Predictions counted correct.
    pub correct_predicted: usize,
    /// Gold expressions found.
    pub correct_gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(correct_predicted: usize, predicted: usize, correct_gold: usize, gold: usize) -> Self {
        let p = ratio(correct_predicted, predicted);
        let r = ratio(correct_gold, gold);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            correct_predicted,
            correct_gold,
            precision: p,
            recall: r,
            f1,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The scores of a set of documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TimexScores {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: Prf,
}

/// The mistakes on one document, for error analysis.
#[derive(Debug, Clone, Default)]
pub struct DocErrors {
    /// Predictions that overlap no gold expression.
    pub false_positives: Vec<Timex>,
    /// Gold expressions no prediction overlaps.
    pub missed: Vec<GoldTimex>,
    /// Overlapping pairs whose values differ.
    pub wrong_values: Vec<(Timex, GoldTimex)>,
}

impl std::fmt::Display for TimexScores {
    /// A table: the counts, then precision, recall and F1 with the correct counts behind them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "documents {}  gold {}  predicted {}",
            self.documents, self.gold, self.predicted
        )?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9}  {:>9} {:>9}",
            "", "precision", "recall", "F1", "ok-pred", "ok-gold"
        )?;
        for (name, p) in [
            ("strict", self.strict),
            ("relaxed", self.relaxed),
            ("value", self.value),
        ] {
            writeln!(
                f,
                "{name:<8} {:>9.3} {:>9.3} {:>9.3}  {:>9} {:>9}",
                p.precision, p.recall, p.f1, p.correct_predicted, p.correct_gold
            )?;
        }
        Ok(())
    }
}

impl DocErrors {
    /// One tab-separated line per mistake, prefixed with `name`: `FP name text value`,
    /// `FN name gold-text gold-value`, `VAL name text value gold-text gold-value`.
    pub fn report(&self, name: &str) -> String {
        let mut s = String::new();
        for t in &self.false_positives {
            s += &format!("FP\t{name}\t{}\t{}\n", t.text, t.value);
        }
        for g in &self.missed {
            s += &format!("FN\t{name}\t{}\t{}\n", g.text, g.value);
        }
        for (t, g) in &self.wrong_values {
            s += &format!(
                "VAL\t{name}\t{}\t{}\t{}\t{}\n",
                t.text, t.value, g.text, g.value
            );
        }
        s
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    pred: usize,
    strict_p: usize,
    strict_g: usize,
    relaxed_p: usize,
    relaxed_g: usize,
    value_p: usize,
    value_g: usize,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn score_doc(pred: &[Timex], gold: &[GoldTimex], c: &mut Counts, err: &mut DocErrors) {
    c.gold += gold.len();
    c.pred += pred.len();
    for p in pred {
        let ov: Vec<&GoldTimex> = gold
            .iter()
            .filter(|g| overlaps((p.start, p.end), (g.start, g.end)))
            .collect();
        if ov.iter().any(|g| g.start == p.start && g.end == p.end) {
            c.strict_p += 1;
        }
        if ov.is_empty() {
            err.false_positives.push(p.clone());
        } else {
            c.relaxed_p += 1;
            if ov.iter().any(|g| g.value == p.value) {
                c.value_p += 1;
            } else {
                err.wrong_values.push((p.clone(), ov[0].clone()));
            }
        }
    }
    for g in gold {
        let ov: Vec<&Timex> = pred
            .iter()
            .filter(|p| overlaps((p.start, p.end), (g.start, g.end)))
            .collect();
        if ov.iter().any(|p| g.start == p.start && g.end == p.end) {
            c.strict_g += 1;
        }
        if ov.is_empty() {
            err.missed.push(g.clone());
        } else {
            c.relaxed_g += 1;
        }
        if ov.iter().any(|p| p.value == g.value) {
            c.value_g += 1;
        }
    }
}

/// Tags each document with its DCT and scores the result; also returns each document's
/// mistakes, in the order of `docs`.
pub fn evaluate_docs(docs: &[TimemlDoc]) -> (TimexScores, Vec<DocErrors>) {
    let mut tagger = Tagger::new();
    let mut c = Counts::default();
    let mut errors = Vec::with_capacity(docs.len());
    for d in docs {
        let pred = tagger.tag(&d.text, d.dct);
        let mut e = DocErrors::default();
        score_doc(&pred, &d.timexes, &mut c, &mut e);
        errors.push(e);
    }
    let scores = TimexScores {
        documents: docs.len(),
        gold: c.gold,
        predicted: c.pred,
        strict: Prf::new(c.strict_p, c.pred, c.strict_g, c.gold),
        relaxed: Prf::new(c.relaxed_p, c.pred, c.relaxed_g, c.gold),
        value: Prf::new(c.value_p, c.pred, c.value_g, c.gold),
    };
    (scores, errors)
}

/// Reads every `.tml` file under `dir` (recursively, in path order).
pub fn read_timeml_dir(dir: &Path) -> Result<Vec<TimemlDoc>, TemporalError> {
    let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(TemporalError::NoDocuments {
            path: dir.to_path_buf(),
        });
    }
    paths.iter().map(|p| read_timeml(p)).collect()
}

/// Reads every `.tml` file under `dir` and scores the tagger on them.
pub fn evaluate_dir(
    dir: &Path,
) -> Result<(TimexScores, Vec<TimemlDoc>, Vec<DocErrors>), TemporalError> {
    let docs = read_timeml_dir(dir)?;
    let (s, e) = evaluate_docs(&docs);
    Ok((s, docs, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temporal::extract::TimexType;

    fn t(start: usize, end: usize, value: &str) -> Timex {
        Timex {
            start,
            end,
            text: String::new(),
            kind: TimexType::Date,
            value: value.into(),
        }
    }

    fn g(start: usize, end: usize, value: &str) -> GoldTimex {
        GoldTimex {
            start,
            end,
            text: String::new(),
            kind: "DATE".into(),
            value: value.into(),
        }
    }

    #[test]
    fn overlap_counts_as_relaxed_but_not_strict() {
        let mut c = Counts::default();
        let mut e = DocErrors::default();
        score_doc(&[t(0, 5, "2014")], &[g(3, 9, "2014")], &mut c, &mut e);
        assert_eq!((c.strict_p, c.relaxed_p, c.value_p), (0, 1, 1));
    }

    #[test]
    fn wrong_value_is_reported_and_not_counted() {
        let mut c = Counts::default();
        let mut e = DocErrors::default();
        score_doc(&[t(0, 5, "2014")], &[g(0, 5, "2013")], &mut c, &mut e);
        assert_eq!((c.strict_p, c.value_p, c.value_g), (1, 0, 0));
        assert_eq!(e.wrong_values.len(), 1);
    }

    #[test]
    fn f1_of_nothing_is_zero_not_nan() {
        assert_eq!(Prf::new(0, 0, 0, 0).f1, 0.0);
    }
}
