//! Exports: every table storyline writes, as CSV or JSON Lines, written atomically.

mod csv;
mod jsonl;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::ingest::format_date;

/// One cell of an output table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (empty text is written as an empty CSV field and `""` in JSON).
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number with a fraction, written with 3 decimals in CSV.
    Float(f64),
    /// No value (empty CSV field, `null` in JSON).
    Null,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Int(n as i64)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Self {
        Cell::Float(x)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(o: Option<T>) -> Self {
        o.map_or(Cell::Null, Into::into)
    }
}

/// A table: column names and rows of cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

fn names(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

/// Output format of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    /// Comma-separated values with a header row (`.csv`).
    #[default]
    Csv,
    /// One JSON object per row (`.jsonl`).
    Jsonl,
}

impl TableFormat {
    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Jsonl => "jsonl",
        }
    }
}

/// Writes a table in one format to any writer.
pub trait Exporter {
    /// Writes `table` to `out`.
    fn write(&self, table: &Table, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The exporter for a format.
pub fn exporter(format: TableFormat) -> Box<dyn Exporter> {
    match format {
        TableFormat::Csv => Box::new(csv::CsvExporter),
        TableFormat::Jsonl => Box::new(jsonl::JsonlExporter),
    }
}

/// Writes `table` as `dir/name.<ext>` through a temporary file in `dir` renamed into place, so
/// an interrupted run never leaves a half-written table. Returns the path written.
pub fn write_table(
    dir: &Path,
    name: &str,
    format: TableFormat,
    table: &Table,
) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("{name}.{}", format.extension()));
    write_atomic(&path, |w| exporter(format).write(table, w))?;
    Ok(path)
}

/// Writes a file atomically: into a temporary file beside it, flushed and synced, then renamed.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Columns of `articles.csv`, in order.
pub const ARTICLE_COLUMNS: [&str; 16] = [
    "id",
    "source_path",
    "record",
    "kind",
    "duplicate_of",
    "parent",
    "title",
    "outlet",
    "published",
    "url",
    "language",
    "words",
    "status",
    "reason",
    "authors",
    "story_id",
];

/// The article table. `story_of` gives each row's story id (empty when not clustered).
pub fn articles_table(articles: &[Article], story_of: &dyn Fn(usize) -> Option<String>) -> Table {
    let rows = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                a.id.as_str().into(),
                a.source_path.as_str().into(),
                a.record.as_str().into(),
                a.kind.as_str().into(),
                a.duplicate_of.as_deref().into(),
                a.parent.as_deref().into(),
                a.title.as_str().into(),
                a.outlet.as_str().into(),
                a.published.as_ref().map(format_date).into(),
                a.url.as_str().into(),
                a.language.as_str().into(),
                if a.is_ok() {
                    Cell::Int(a.word_count as i64)
                } else {
                    Cell::Null
                },
                a.status.as_str().into(),
                a.reason.as_str().into(),
                a.authors.join("; ").into(),
                story_of(i).into(),
            ]
        })
        .collect();
    Table {
        columns: names(&ARTICLE_COLUMNS),
        rows,
    }
}

/// Columns of `stories.csv`, in order.
pub const STORY_COLUMNS: [&str; 7] = [
    "story_id",
    "label",
    "headline",
    "articles",
    "outlets",
    "first_published",
    "last_published",
];

/// The story table (stories as given: biggest first).
pub fn stories_table(stories: &[crate::cluster::Story]) -> Table {
    let rows = stories
        .iter()
        .map(|s| {
            vec![
                s.story_id.as_str().into(),
                s.label.as_str().into(),
                s.headline.as_str().into(),
                s.articles.len().into(),
                s.outlets.len().into(),
                s.first_published.as_ref().map(format_date).into(),
                s.last_published.as_ref().map(format_date).into(),
            ]
        })
        .collect();
    Table {
        columns: names(&STORY_COLUMNS),
        rows,
    }
}

/// Columns of `timeline.csv`, in order.
pub const TIMELINE_COLUMNS: [&str; 10] = [
    "story_id",
    "date",
    "granularity",
    "event",
    "articles",
    "outlets",
    "sources",
    "first_reported",
    "expression",
    "coverage",
];

/// The timeline table (entries as built: by story, then date).
pub fn timeline_table(entries: &[crate::timeline::TimelineEntry]) -> Table {
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                e.story_id.as_str().into(),
                e.date.as_str().into(),
                e.granularity.as_str().into(),
                e.event.as_str().into(),
                e.articles.into(),
                e.outlets.into(),
                e.sources.join(" ").into(),
                e.first_reported.as_ref().map(format_date).into(),
                e.expression.as_str().into(),
                e.coverage.into(),
            ]
        })
        .collect();
    Table {
        columns: names(&TIMELINE_COLUMNS),
        rows,
    }
}

/// Columns of `outlets.csv`, in order.
pub const OUTLET_COLUMNS: [&str; 12] = [
    "story_id",
    "outlet",
    "articles",
    "original",
    "syndicated",
    "words",
    "share",
    "first_published",
    "lag_hours",
    "events_reported",
    "events_missed",
    "distinctive_terms",
];

/// The per story and outlet table.
pub fn outlets_table(rows: &[crate::outlets::StoryOutlet]) -> Table {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.story_id.as_str().into(),
                r.outlet.as_str().into(),
                r.articles.into(),
                r.original.into(),
                r.syndicated.into(),
                r.words.into(),
                r.share.into(),
                r.first_published.as_ref().map(format_date).into(),
                r.lag_hours.into(),
                r.events_reported.into(),
                r.events_missed.into(),
                r.distinctive_terms.join("; ").into(),
            ]
        })
        .collect();
    Table {
        columns: names(&OUTLET_COLUMNS),
        rows,
    }
}

/// Columns of `outlet_summary.csv`, in order.
pub const OUTLET_SUMMARY_COLUMNS: [&str; 7] = [
    "outlet",
    "articles",
    "stories",
    "first_to_report",
    "median_lag_hours",
    "syndicated_share",
    "top_stories",
];

/// The per outlet table.
pub fn outlet_summary_table(rows: &[crate::outlets::OutletSummary]) -> Table {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.outlet.as_str().into(),
                r.articles.into(),
                r.stories.into(),
                r.first_to_report.into(),
                r.median_lag_hours.into(),
                r.syndicated_share.into(),
                r.top_stories.join(" ").into(),
            ]
        })
        .collect();
    Table {
        columns: names(&OUTLET_SUMMARY_COLUMNS),
        rows,
    }
}

/// Columns of `blindspots.csv`, in order.
pub const BLINDSPOT_COLUMNS: [&str; 4] = ["outlet", "story_id", "story_outlets", "story_articles"];

/// The blind-spot table.
pub fn blindspots_table(rows: &[crate::outlets::BlindSpot]) -> Table {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.outlet.as_str().into(),
                r.story_id.as_str().into(),
                r.story_outlets.into(),
                r.story_articles.into(),
            ]
        })
        .collect();
    Table {
        columns: names(&BLINDSPOT_COLUMNS),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            columns: names(&["a", "b", "c"]),
            rows: vec![vec!["x, \"y\"\nz".into(), Cell::Int(3), Cell::Null]],
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut out = Vec::new();
        exporter(TableFormat::Csv)
            .write(&table(), &mut out)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b,c\n\"x, \"\"y\"\"\nz\",3,\n"
        );
    }

    #[test]
    fn jsonl_has_the_same_fields_typed() {
        let mut out = Vec::new();
        exporter(TableFormat::Jsonl)
            .write(&table(), &mut out)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"a\":\"x, \\\"y\\\"\\nz\",\"b\":3,\"c\":null}\n"
        );
    }

    #[test]
    fn atomic_write_leaves_no_temporary_file_and_keeps_old_file_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        write_atomic(&p, |w| w.write_all(b"old")).unwrap();
        let err = write_atomic(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("interrupted"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
