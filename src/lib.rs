//! storyline: turn a pile of news articles into stories, timelines and outlet comparisons.
//!
//! The stages, one module each:
//! ingest -> segment (page chrome, teasers) -> dedup -> analyze -> tfidf -> cluster ->
//! temporal / timeline -> outlets -> export, with `eval` measuring quality.

pub mod analyze;
pub mod article;
pub mod cluster;
pub mod eval;
pub mod tfidf;

pub use article::{Article, Kind, Status};
