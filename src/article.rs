//! The article table: one row per input record, whatever happened to it.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// What a row of the article table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A full article (or a headline-only record).
    #[default]
    Article,
    /// A related-story teaser cut out of a scraped page (photo caption, headline, summary).
    Teaser,
    /// An exact or near duplicate of an earlier article (see `duplicate_of`).
    Duplicate,
}

impl Kind {
    /// The name written in `articles.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Teaser => "teaser",
            Kind::Duplicate => "duplicate",
        }
    }
}

/// Whether a record made it into the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read and analysed.
    #[default]
    Ok,
    /// Not analysed; `reason` says why.
    Skipped,
}

impl Status {
    /// The name written in `articles.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped => "skipped",
        }
    }
}

/// One input record: an article, a teaser cut from a page, or a record that could not be read.
///
/// Every record of the input becomes one `Article`, so that nothing is lost silently: a record
/// that failed has [`Status::Skipped`] and a `reason`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The record's own id when it has one, else the path relative to the input without its
    /// extension (`#N` for the N-th record of a multi-record file, `#teaser-N` for teasers).
    pub id: String,
    /// The file the record came from, as found under the input (`-` for stdin).
    pub source_path: String,
    /// Where in the file: the 1-based line (JSON lines, CSV rows) or record index; empty for
    /// single-record files.
    pub record: String,
    /// Article, teaser or duplicate.
    pub kind: Kind,
    /// For duplicates: the id of the earliest copy.
    pub duplicate_of: Option<String>,
    /// For teasers: the id of the page they were cut from.
    pub parent: Option<String>,
    /// Headline.
    pub title: String,
    /// A standfirst or summary, when the input has one apart from the text.
    pub description: String,
    /// Main text (may be empty for headline-only records).
    pub text: String,
    /// Normalized outlet name (host without `www.`, or the outlet's name).
    pub outlet: String,
    /// Publication time, when known.
    pub published: Option<DateTime<FixedOffset>>,
    /// Canonical URL, when known.
    pub url: String,
    /// Authors, when known.
    pub authors: Vec<String>,
    /// ISO 639-1 code of the detected (or declared) language; empty when unknown.
    pub language: String,
    /// Ok or skipped.
    pub status: Status,
    /// Why a record was skipped, or a warning about a record that was read (e.g. re-decoded
    /// from Windows-1252).
    pub reason: String,
    /// [`Article::words`], counted once when the record is read (0 until then).
    pub word_count: usize,
}

impl Article {
    /// Title, description and text joined by blank lines: the text the analysis sees.
    pub fn full_text(&self) -> String {
        let mut s =
            String::with_capacity(self.title.len() + self.description.len() + self.text.len() + 4);
        for part in [&self.title, &self.description, &self.text] {
            if part.trim().is_empty() {
                continue;
            }
            if !s.is_empty() {
                s.push_str("\n\n");
            }
            s.push_str(part);
        }
        s
    }

    /// Number of words in title, description and text (Unicode word boundaries).
    pub fn words(&self) -> usize {
        [&self.title, &self.description, &self.text]
            .iter()
            .map(|p| crate::analyze::word_indices(p).len())
            .sum()
    }

    /// True when the record was read and is part of the analysis.
    pub fn is_ok(&self) -> bool {
        self.status == Status::Ok
    }
}
