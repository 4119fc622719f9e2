//! storyline: turn a pile of news articles into stories, timelines and outlet comparisons.
//!
//! The stages, one module each:
//! [`ingest`] -> [`segment`] (page chrome, teasers) -> [`dedup`] -> analysis -> stories ->
//! timelines -> outlets -> [`export`].

pub mod article;
pub mod dedup;
pub mod export;
pub mod ingest;
pub mod outlets;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod temporal;
pub mod timeline;

pub use article::{Article, Kind, Status};
