//! A temporary folder with input files, and the storyline binary run inside it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A scratch folder for one test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A new empty folder.
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating parent folders) and returns its path.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// `storyline` with the given arguments, run in this folder.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("storyline").unwrap();
        c.current_dir(self.path()).args(args);
        c
    }

    /// Reads an output CSV as rows of (column -> value).
    pub fn read_csv(&self, rel: &str) -> Vec<std::collections::BTreeMap<String, String>> {
        let mut r = csv::Reader::from_path(self.path().join(rel)).expect("output csv");
        let headers = r.headers().unwrap().clone();
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                headers
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect()
            })
            .collect()
    }
}

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/eval` beside the project, when it is there (it is in CI).
pub fn eval_dir() -> Option<PathBuf> {
    let p = root().join("../shared/eval");
    p.is_dir().then_some(p)
}
