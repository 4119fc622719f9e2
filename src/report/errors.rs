//! Errors of building a report.

use std::path::PathBuf;

/// Why a report could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output folder does not exist.
    #[error(
        "{} is not a folder; give the output folder of `storyline analyze INPUT --out DIR`",
        .0.display()
    )]
    NotAFolder(PathBuf),
    /// The folder holds none of the tables a report is built from.
    #[error(
        "{} holds none of the tables a report is built from (articles, stories, timeline, \
         outlets, outlet_summary, blindspots as .csv or .jsonl); run `storyline analyze INPUT \
         --out {}` first",
        .0.display(), .0.display()
    )]
    NoTables(PathBuf),
    /// A table could not be read or parsed.
    #[error("cannot read {}: {message}; expected the table as written by `storyline analyze`", path.display())]
    Table {
        /// The table file.
        path: PathBuf,
        /// What went wrong, with the line when known.
        message: String,
    },
    /// The report could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The report file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}
