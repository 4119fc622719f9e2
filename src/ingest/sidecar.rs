//! Sidecar metadata (`--meta FILE`): a CSV with a `path` or `id` column and any of `outlet`,
//! `published`, `url`, `title`. Its values take precedence over what the records say.

use std::collections::HashMap;
use std::path::Path;

use super::raw::{RawRecord, clean};

/// Why a sidecar file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    /// The file could not be read or is not CSV.
    #[error("metadata file {path}: {source}")]
    Csv {
        /// The file.
        path: String,
        /// The CSV error.
        source: csv::Error,
    },
    /// It has neither a `path` nor an `id` column.
    #[error("metadata file {0} needs a 'path' or 'id' column")]
    NoKey(String),
}

#[derive(Debug, Clone, Default)]
struct Entry {
    outlet: Option<String>,
    published: Option<String>,
    url: Option<String>,
    title: Option<String>,
}

/// Metadata keyed by record id or by file path.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    by_key: HashMap<String, Entry>,
}

impl Sidecar {
    /// Reads a sidecar CSV.
    pub fn read(path: &Path) -> Result<Sidecar, SidecarError> {
        let err = |source| SidecarError::Csv {
            path: path.display().to_string(),
            source,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .map_err(err)?;
        let headers = rdr.headers().map_err(err)?.clone();
        let col = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.contains(&h.trim().to_ascii_lowercase().as_str()))
        };
        let key = col(&["path", "file", "id"])
            .ok_or_else(|| SidecarError::NoKey(path.display().to_string()))?;
        let (outlet, published, url, title) = (
            col(&["outlet", "publisher", "source"]),
            col(&["published", "date", "date_publish", "timestamp"]),
            col(&["url", "link"]),
            col(&["title", "headline"]),
        );
        let mut by_key = HashMap::new();
        for row in rdr.records() {
            let row = row.map_err(err)?;
            let get = |i: Option<usize>| clean(i.and_then(|i| row.get(i)).map(str::to_string));
            let Some(k) = get(Some(key)) else { continue };
            by_key.insert(
                k.replace('\\', "/"),
                Entry {
                    outlet: get(outlet),
                    published: get(published),
                    url: get(url),
                    title: get(title),
                },
            );
        }
        Ok(Sidecar { by_key })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when it has no entries.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Overrides a record's fields with the entry for its id, its relative path, or its file name.
    pub(crate) fn apply(&self, id: &str, rel: &Path, rec: &mut RawRecord) {
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(e) = [id, rel_s.as_str(), name.as_str()]
            .iter()
            .find_map(|k| self.by_key.get(*k))
        else {
            return;
        };
        if e.outlet.is_some() {
            rec.outlet.clone_from(&e.outlet);
        }
        if e.published.is_some() {
            rec.published.clone_from(&e.published);
        }
        if e.url.is_some() {
            rec.url.clone_from(&e.url);
        }
        if e.title.is_some() {
            rec.title.clone_from(&e.title);
        }
    }
}
