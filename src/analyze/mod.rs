//! Text analysis: Unicode word segmentation, names, lowercasing, stop words, Snowball
//! stemming, per-document language detection. Each step is a [`TokenFilter`]; an
//! [`Analyzer`] composes them (see [`Analyzer::builder`]).

mod analyzer;
mod language;
mod stages;
mod token;

pub use analyzer::{Analyzed, Analyzer, AnalyzerBuilder, url_slug_words};
pub use language::Language;
pub use stages::{
    Context, CreditFilter, LowerCaser, NamePhrases, NumberFilter, Stemmer, StopWordFilter,
    TokenFilter, WordPairs, WordSegmenter, word_indices,
};
pub use token::{Field, Token, TokenKind};
