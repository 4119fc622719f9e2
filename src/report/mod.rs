//! The HTML report: one self-contained `report.html` built from an output folder's tables.
//!
//! [`build_report`] reads the tables `storyline analyze` writes (`articles`, `stories`,
//! `timeline`, `outlets`, `outlet_summary`, `blindspots`; CSV or JSON Lines), and writes
//! `DIR/report.html`: inline CSS, inline SVG and a little plain JavaScript, no network. A missing
//! table leaves out its part of the page, with a note saying which file was missing.
//!
//! The page stays small at 10,000 stories: the per-story data is embedded once as JSON
//! (`<script type="application/json">`) and the script renders one page of the story index
//! (50 stories) and one story's detail at a time. Every text from the input is escaped: static
//! parts by [`escape_html`], script-rendered parts by `textContent`, and the JSON by
//! [`json_for_script`]. The page honours its URL fragment (`#filter=word&sort=recent&page=2`,
//! `#story=ID`), so a state can be linked to and rendered by a headless browser.

mod data;
mod errors;
mod escape;
mod html;
mod model;
mod svg;

use std::path::{Path, PathBuf};

pub use data::{
    ArticleRow, BlindspotRow, OutletSummaryRow, ReportTables, StoryOutletRow, StoryRow,
    TimelineRow, read_tables,
};
pub use errors::ReportError;
pub use escape::{ScriptSafe, escape_html, json_for_script};
pub use html::{render_report, write_report};

/// The file name of the report inside an output folder.
pub const REPORT_FILE: &str = "report.html";

/// Reads the tables in `dir` and writes `dir/report.html` atomically. Returns the path written.
///
/// Fails when `dir` is not a folder, holds none of the tables, a table cannot be parsed, or the
/// report cannot be written.
pub fn build_report(dir: &Path) -> Result<PathBuf, ReportError> {
    let tables = read_tables(dir)?;
    let title = title_of(dir);
    let path = dir.join(REPORT_FILE);
    crate::export::write_atomic(&path, |w| write_report(&tables, &title, w)).map_err(|source| {
        ReportError::Write {
            path: path.clone(),
            source,
        }
    })?;
    Ok(path)
}

/// The page title: the output folder's name.
fn title_of(dir: &Path) -> String {
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string())
}
