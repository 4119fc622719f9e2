//! storyline: turn a pile of news articles into stories, timelines and outlet comparisons.
//!
//! The stages, one module each:
//! [`ingest`] -> [`segment`] (page chrome, teasers) -> [`dedup`] -> [`analyze`] (tokens) ->
//! [`tfidf`] -> [`cluster`] (stories) -> [`temporal`] / [`timeline`] -> [`outlets`] ->
//! [`export`], with [`eval`] measuring quality and [`pipeline`] running them all.

pub mod analyze;
pub mod article;
pub mod cluster;
pub mod dedup;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod outlets;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod temporal;
pub mod textstore;
pub mod tfidf;
pub mod timeline;
pub mod view;

pub use article::{Article, Kind, Status};
