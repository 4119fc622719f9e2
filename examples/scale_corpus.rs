//! Writes a scale corpus for benchmarks: N synthetic news articles (news-please JSON lines,
//! 10,000 per file) that keep the statistics of real coverage, with gold story labels.
//!
//! ```text
//! cargo run --release --example scale_corpus -- \
//!     --input /work/shared/eval/giveme5w1h/articles \
//!     --gold /work/shared/eval/giveme5w1h/gold.csv \
//!     --n 100000 --seed 42 --out /tmp/scale-100k
//! storyline analyze /tmp/scale-100k/articles --out /tmp/scale-100k/out --quiet
//! storyline eval clusters --gold /tmp/scale-100k/gold.csv --pred /tmp/scale-100k/out/articles.csv
//! ```
//!
//! Writes `OUT/articles/part-NNNNN.jsonl`, `OUT/gold.csv` (`id,story`) and, last,
//! `OUT/manifest.json` (settings and counts). How the articles are made, and why the
//! gold labels stay meaningful, is in `scale_corpus/generator.rs`. The same arguments
//! write the same bytes. Never commit a generated corpus: its sentences are the input's.

#[path = "scale_corpus/generator.rs"]
mod generator;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes N synthetic news articles with gold story labels, learned from an input corpus.
#[derive(Parser, Debug)]
#[command(name = "scale_corpus")]
struct Args {
    /// Input files or folders (any format `storyline analyze` reads).
    #[arg(long = "input", short, required = true, num_args = 1..)]
    inputs: Vec<PathBuf>,
    /// Gold CSV (`id,story`) grouping the input into stories [default: one story per
    /// input article].
    #[arg(long)]
    gold: Option<PathBuf>,
    /// Number of articles to write.
    #[arg(long, short)]
    n: usize,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder.
    #[arg(long, short)]
    out: PathBuf,
    /// Articles per .jsonl file.
    #[arg(long, default_value_t = 10_000)]
    shard_size: usize,
    /// Number of outlets.
    #[arg(long, default_value_t = 250)]
    outlets: usize,
    /// Mean articles per story.
    #[arg(long, default_value_t = 20.0)]
    story_size: f64,
    /// Days over which stories are spread (from 2023-01-01).
    #[arg(long, default_value_t = 730)]
    days: i64,
    /// Share of wire copies.
    #[arg(long, default_value_t = 0.10)]
    wire_share: f64,
    /// Share of undated articles.
    #[arg(long, default_value_t = 0.03)]
    undated_share: f64,
    /// Median target text size in bytes (an article also stops at 45% of its story's
    /// sentences; from giveme5w1h JSON lines then average 3.5 KB).
    #[arg(long, default_value_t = 5_300)]
    text_bytes: usize,
    /// Replace a corpus already in the output folder.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let a = Args::parse();
    let mut cfg = generator::Config::new(a.inputs, a.out, a.n, a.seed);
    cfg.gold = a.gold;
    cfg.shard_size = a.shard_size;
    cfg.outlets = a.outlets;
    cfg.story_size = a.story_size;
    cfg.days = a.days;
    cfg.wire_share = a.wire_share;
    cfg.undated_share = a.undated_share;
    cfg.text_bytes = a.text_bytes;
    cfg.force = a.force;
    let t = std::time::Instant::now();
    match generator::generate(&cfg) {
        Ok(s) => {
            let secs = t.elapsed().as_secs_f64();
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error.
            let _ = writeln!(
                out,
                "wrote {} articles ({:.1} MB in {} files) in {:.1} s to {}",
                s.articles,
                s.bytes as f64 / 1e6,
                s.shards,
                secs,
                cfg.out.display()
            );
            let _ = writeln!(
                out,
                "stories {} (largest {}) from {} source stories of {} input articles; \
                 outlets {}; wire copies {}; undated {}",
                s.stories,
                s.largest_story,
                s.sources,
                s.input_articles,
                s.outlets,
                s.wire_copies,
                s.undated
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scale_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
