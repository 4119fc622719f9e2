//! Errors of story clustering.

/// What can go wrong when clustering.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ClusterError {
    /// A setting is out of range; the message names it and the accepted range.
    #[error("cluster setting `{name}` is {value}; expected {expected}")]
    BadParam {
        /// The setting.
        name: &'static str,
        /// Its value, printed.
        value: String,
        /// The accepted range.
        expected: &'static str,
    },
    /// The TF-IDF settings are invalid.
    #[error(transparent)]
    TfIdf(#[from] crate::tfidf::TfIdfError),
    /// A linfa algorithm failed.
    #[error("linfa {algorithm} failed: {message}")]
    Linfa {
        /// The algorithm.
        algorithm: &'static str,
        /// linfa's message.
        message: String,
    },
}
