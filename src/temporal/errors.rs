//! Errors of the temporal module.

use std::path::PathBuf;

/// What can go wrong reading TimeML data.
#[derive(Debug, thiserror::Error)]
pub enum TemporalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A `.tml` file without `<TEXT>...</TEXT>`.
    #[error("{path} has no <TEXT>...</TEXT> element; expected a TimeML document")]
    NoText {
        /// The file.
        path: PathBuf,
    },
    /// A `<` without its `>`.
    #[error("{path} has a tag that is never closed with '>'")]
    BadTag {
        /// The file.
        path: PathBuf,
    },
    /// A directory without any `.tml` file.
    #[error("no .tml files under {path}; expected a directory of TimeML documents")]
    NoDocuments {
        /// The directory.
        path: PathBuf,
    },
}
