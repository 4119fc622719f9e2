//! English temporal expressions: finding them in news text and normalizing them to TimeML
//! TIMEX3 values against the article's publication date (the document creation time, DCT).
//!
//! ```
//! use chrono::NaiveDate;
//! let dct = NaiveDate::from_ymd_opt(2014, 9, 15);
//! let found = storyline::temporal::tag("He spoke Sunday about last week.", dct);
//! assert_eq!(found[0].value, "2014-09-14");
//! assert_eq!(found[1].value, "2014-W37");
//! ```
//!
//! The tagger is hand-written: a one-pass byte tokenizer, a word table, and rules tried only at
//! tokens that can start an expression. No crate fits: `duckling` (the one crate that extracts
//! from free text) takes 56-227 ms per 2.6 KB article, thousands of times below the 50 MB/s
//! this module needs, and resolves a bare "Monday" forward where news means the past; the other
//! date crates (chrono-english, two_timer, dateparser, ...) parse a whole string, not find
//! expressions inside text.
//!
//! - [`tag`] / [`Tagger`]: the tagger; [`Timex`] is one expression, [`Granularity`] how fine
//!   its DATE value is.
//! - [`read_timeml`], [`evaluate_dir`]: reading TimeML gold and scoring against it.

mod errors;
mod eval;
mod extract;
mod lexicon;
mod normalize;
mod timeml;

pub use errors::TemporalError;
pub use eval::{DocErrors, Prf, TimexScores, evaluate_dir, evaluate_docs, read_timeml_dir};
pub use extract::{Tagger, Timex, TimexType, tag};
pub use normalize::{Granularity, granularity};
pub use timeml::{GoldTimex, TimemlDoc, parse_timeml, read_timeml};
