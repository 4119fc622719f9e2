//! Reading an output folder's tables (CSV or JSON Lines) into typed rows.
//!
//! Rows are read by column name, so extra columns are ignored and a missing column takes its
//! default (empty text, zero, no value). A missing table is `None`: its part of the page is left
//! out with a note.

use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ReportError;

/// A row of `articles.csv` (the columns the report uses).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ArticleRow {
    /// Article id.
    pub id: String,
    /// `article`, `teaser` or `duplicate`.
    pub kind: String,
    /// The article this one copies, for duplicates.
    pub duplicate_of: Option<String>,
    /// Title.
    pub title: String,
    /// Outlet name.
    pub outlet: String,
    /// Publication time, RFC 3339, when known.
    pub published: Option<String>,
    /// Canonical URL.
    pub url: String,
    /// Words in the text.
    pub words: Option<u64>,
    /// `ok` or `skipped`.
    pub status: String,
    /// The story it belongs to, when clustered.
    pub story_id: Option<String>,
}

/// A row of `stories.csv`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StoryRow {
    /// Story id.
    pub story_id: String,
    /// Short label (top terms).
    pub label: String,
    /// Representative headline.
    pub headline: String,
    /// Articles in the story.
    pub articles: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// First publication time, RFC 3339.
    pub first_published: Option<String>,
    /// Last publication time, RFC 3339.
    pub last_published: Option<String>,
}

/// A row of `timeline.csv`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TimelineRow {
    /// Story id.
    pub story_id: String,
    /// `2014-09-15`, `2014-W37`, `2014-09` or `2014`.
    pub date: String,
    /// `day`, `week`, `month` or `year`.
    pub granularity: String,
    /// The event sentence.
    pub event: String,
    /// Articles reporting it.
    pub articles: u64,
    /// Outlets reporting it.
    pub outlets: u64,
    /// Space-separated ids of the articles reporting it.
    pub sources: String,
    /// Earliest publication among its sources, RFC 3339.
    pub first_reported: Option<String>,
    /// The date expression as written.
    pub expression: String,
    /// Share of the story's articles reporting it (0..1).
    pub coverage: Option<f64>,
}

/// A row of `outlets.csv`: one outlet's coverage of one story.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StoryOutletRow {
    /// Story id.
    pub story_id: String,
    /// Outlet.
    pub outlet: String,
    /// Its articles in the story.
    pub articles: u64,
    /// Of those, originals.
    pub original: u64,
    /// Of those, copies.
    pub syndicated: u64,
    /// Words.
    pub words: u64,
    /// Share of the story's articles (0..1).
    pub share: Option<f64>,
    /// Its first report, RFC 3339.
    pub first_published: Option<String>,
    /// Hours behind the story's first report.
    pub lag_hours: Option<f64>,
    /// Timeline entries reported.
    pub events_reported: u64,
    /// Timeline entries missed.
    pub events_missed: u64,
    /// `; `-separated distinctive terms.
    pub distinctive_terms: String,
}

/// A row of `outlet_summary.csv`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OutletSummaryRow {
    /// Outlet.
    pub outlet: String,
    /// Its articles in stories.
    pub articles: u64,
    /// Stories it covered.
    pub stories: u64,
    /// Stories it reported first.
    pub first_to_report: u64,
    /// Median lag in hours.
    pub median_lag_hours: Option<f64>,
    /// Share of its articles that are copies.
    pub syndicated_share: Option<f64>,
    /// Space-separated story ids of its biggest stories.
    pub top_stories: String,
}

/// A row of `blindspots.csv`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BlindspotRow {
    /// The outlet that missed the story.
    pub outlet: String,
    /// The story.
    pub story_id: String,
    /// Outlets that covered it.
    pub story_outlets: u64,
    /// Its articles.
    pub story_articles: u64,
}

/// The tables of an output folder; `None` for a table that is not there.
#[derive(Debug, Clone, Default)]
pub struct ReportTables {
    /// `articles`.
    pub articles: Option<Vec<ArticleRow>>,
    /// `stories`.
    pub stories: Option<Vec<StoryRow>>,
    /// `timeline`.
    pub timeline: Option<Vec<TimelineRow>>,
    /// `outlets`.
    pub outlets: Option<Vec<StoryOutletRow>>,
    /// `outlet_summary`.
    pub outlet_summary: Option<Vec<OutletSummaryRow>>,
    /// `blindspots`.
    pub blindspots: Option<Vec<BlindspotRow>>,
}

/// Reads every table in `dir`, each from `NAME.csv` or else `NAME.jsonl`.
pub fn read_tables(dir: &Path) -> Result<ReportTables, ReportError> {
    if !dir.is_dir() {
        return Err(ReportError::NotAFolder(dir.to_path_buf()));
    }
    let tables = ReportTables {
        articles: read_table(dir, "articles")?,
        stories: read_table(dir, "stories")?,
        timeline: read_table(dir, "timeline")?,
        outlets: read_table(dir, "outlets")?,
        outlet_summary: read_table(dir, "outlet_summary")?,
        blindspots: read_table(dir, "blindspots")?,
    };
    let any = tables.articles.is_some()
        || tables.stories.is_some()
        || tables.timeline.is_some()
        || tables.outlets.is_some()
        || tables.outlet_summary.is_some()
        || tables.blindspots.is_some();
    if !any {
        return Err(ReportError::NoTables(dir.to_path_buf()));
    }
    Ok(tables)
}

/// Reads `dir/name.csv`, else `dir/name.jsonl`; `None` when neither exists.
fn read_table<T: DeserializeOwned>(dir: &Path, name: &str) -> Result<Option<Vec<T>>, ReportError> {
    let csv_path = dir.join(format!("{name}.csv"));
    if csv_path.is_file() {
        return read_csv(&csv_path).map(Some);
    }
    let jsonl_path = dir.join(format!("{name}.jsonl"));
    if jsonl_path.is_file() {
        return read_jsonl(&jsonl_path).map(Some);
    }
    Ok(None)
}

fn table_error(path: &Path, message: impl ToString) -> ReportError {
    ReportError::Table {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn read_csv<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, ReportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .map_err(|e| table_error(path, e))?;
    reader
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| table_error(path, e))
}

/// JSON Lines: `null` fields are dropped before typing, so they take their defaults like empty
/// CSV fields do.
fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, ReportError> {
    let file = std::fs::File::open(path).map_err(|e| table_error(path, e))?;
    let mut rows = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| table_error(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = |e: serde_json::Error| table_error(path, format!("line {}: {e}", i + 1));
        let mut value: serde_json::Value = serde_json::from_str(&line).map_err(at)?;
        if let Some(map) = value.as_object_mut() {
            map.retain(|_, v| !v.is_null());
        }
        rows.push(serde_json::from_value(value).map_err(at)?);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_tables_are_none_and_an_empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_tables(dir.path()).unwrap_err();
        assert!(matches!(err, ReportError::NoTables(_)), "{err}");
        std::fs::write(
            dir.path().join("stories.csv"),
            "story_id,label,headline,articles,outlets,first_published,last_published\n\
             s1,ebola,Ebola spreads,3,2,2014-09-15T10:00:00Z,\n",
        )
        .unwrap();
        let t = read_tables(dir.path()).unwrap();
        assert!(t.articles.is_none() && t.timeline.is_none());
        let s = &t.stories.unwrap()[0];
        assert_eq!((s.articles, s.outlets), (3, 2));
        assert_eq!(s.last_published, None);
    }

    #[test]
    fn jsonl_nulls_read_like_empty_csv_fields() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("articles.jsonl"),
            "{\"id\":\"a1\",\"title\":\"T\",\"published\":null,\"words\":null,\"story_id\":null,\"duplicate_of\":null}\n\n",
        )
        .unwrap();
        let t = read_tables(dir.path()).unwrap();
        let a = &t.articles.unwrap()[0];
        assert_eq!(
            (a.id.as_str(), a.published.as_deref(), a.words),
            ("a1", None, None)
        );
    }

    #[test]
    fn a_bad_number_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("timeline.csv"),
            "story_id,date,coverage\ns1,2014,high\n",
        )
        .unwrap();
        let err = read_tables(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("timeline.csv") && err.contains("line: 2"),
            "{err}"
        );
    }

    #[test]
    fn a_file_path_is_not_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.csv");
        std::fs::write(&f, "").unwrap();
        assert!(matches!(read_tables(&f), Err(ReportError::NotAFolder(_))));
    }
}
