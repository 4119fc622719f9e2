//! The `storyline` command line: parses arguments, turns them into library settings, calls the
//! library and prints. No algorithm lives here.

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

/// mimalloc instead of the system allocator: the pipeline makes and frees many small
/// strings and vectors per article, and glibc's malloc spent a fifth of a run's time on
/// them (perf, 10k generated articles); mimalloc also returns freed memory to the system.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use storyline::cluster::{ClusterParams, Threshold};
use storyline::export::{
    Table, TableFormat, blindspots_table, outlet_summary_table, outlets_table, stories_table,
    timeline_table,
};
use storyline::ingest::{IngestOptions, Sidecar, parse_column_map, parse_date};
use storyline::outlets::read_outlet_map;
use storyline::pipeline::{
    AnalyzeConfig, Stage, Summary, analyze, is_documentation_skip, prepare_output, write_outputs,
};
use storyline::timeline::{DateScores, read_gold_timeline_days, read_timeline_days};
use storyline::view::{blindspots_view, outlets_view, read_table, stories_view, timeline_view};

/// `println!` that returns a write error (a closed pipe) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*)?
    };
}

/// `print!` that returns a write error instead of panicking.
macro_rules! outp {
    ($($arg:tt)*) => {
        write!(std::io::stdout().lock(), $($arg)*)?
    };
}

/// Exit code: the run finished and no record was skipped.
const EXIT_OK: u8 = 0;
/// Exit code: a fatal error (bad arguments to a setting, unwritable output); nothing written.
const EXIT_ERROR: u8 = 1;
// 2 is clap's exit code for a usage error.
/// Exit code: the run finished, but some records were skipped (listed in articles.csv).
const EXIT_SKIPPED: u8 = 3;

/// Turn a pile of news articles into stories, timelines and outlet comparisons.
///
/// Exit codes: 0 success; 1 fatal error (nothing written); 2 usage error; 3 finished, but some
/// records were skipped (each is listed in articles.csv with status=skipped and its reason).
#[derive(Debug, Parser)]
#[command(name = "storyline", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read every article under the inputs, cluster them into stories, build timelines and
    /// compare outlets; write the tables into --out.
    Analyze(AnalyzeArgs),
    /// Print the stories of the inputs (or of an analyze output folder), largest first.
    Stories(ViewArgs),
    /// Print a story's timeline (or those of the largest stories).
    Timeline(ViewArgs),
    /// Print a story's outlets in order of first report, or the outlet summary.
    Outlets(OutletViewArgs),
    /// Find temporal expressions in a text; prints one JSON object per line per expression
    /// ({"start","end","text","type","value"}, byte offsets into the input).
    Tag(TagArgs),
    /// Build DIR/report.html (one self-contained page: story index, timelines, who reported
    /// when, corpus and outlet views) from the tables in an output folder.
    Report {
        /// The output folder of `storyline analyze --out DIR`.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Measure quality against labelled data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Debug, Args)]
struct TagArgs {
    /// The text file to read; `-` reads stdin.
    #[arg(default_value = "-", value_name = "FILE")]
    file: PathBuf,
    /// Publication date that relative expressions ("Monday", "last week") are resolved against.
    /// [default: none: relative expressions keep X placeholders, e.g. XXXX-WXX-1]
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Score story clusters against gold labels: B-cubed, pairwise, NMI, ARI, cluster counts.
    Clusters {
        /// Gold labels: a CSV with columns id,story.
        #[arg(long, value_name = "GOLD.csv")]
        gold: PathBuf,
        /// Predicted labels: an articles.csv written by analyze (columns id,story_id).
        #[arg(long, value_name = "articles.csv")]
        pred: PathBuf,
        /// Print the scores as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Score the temporal tagger on TimeML files (.tml, searched recursively): extent P/R/F1
    /// (strict and relaxed) and value F1.
    Timex {
        /// Folder of TimeML files.
        dir: PathBuf,
        /// Print the scores as one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also print every false positive (FP), missed (FN) and wrongly valued (VAL) expression.
        #[arg(long)]
        errors: bool,
    },
    /// Score timeline dates: the days of timeline.csv against the dated lines of SemEval-2015
    /// gold timelines (precision, recall, F1 over distinct days).
    Timeline {
        /// Folder of gold timeline files (order<TAB>date<TAB>events...).
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// A timeline.csv written by analyze.
        #[arg(long, value_name = "timeline.csv")]
        pred: PathBuf,
        /// Print the scores as one JSON object.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
struct ClusterArgs {
    /// Clustering algorithm: linkage (sparse average linkage, needs no number of clusters),
    /// dbscan or kmeans (linfa, on random-projected dense vectors; up to ~10k articles).
    #[arg(long, value_name = "NAME", default_value = "linkage")]
    algorithm: String,
    /// Merge threshold of linkage: an average cosine in (0, 1), or `auto` (adapted per pair
    /// of clusters to how much their texts share by chance).
    #[arg(long, value_name = "SIM", default_value = "auto")]
    threshold: String,
    /// A CSV of outlet aliases (alias,outlet) merged into one outlet name. [default: none]
    #[arg(long, value_name = "FILE")]
    outlet_map: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ViewArgs {
    /// Inputs as for analyze, or one output folder written by analyze.
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Show this story only.
    #[arg(long, value_name = "ID")]
    story: Option<String>,
    /// Rows (or stories) shown at most.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

#[derive(Debug, Args)]
struct OutletViewArgs {
    #[command(flatten)]
    view: ViewArgs,
    /// Show blind spots: stories many outlets covered that an outlet missed while publishing.
    #[arg(long)]
    blindspots: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
}

#[derive(Debug, Args)]
struct InputArgs {
    /// Files or folders (read recursively); `-` reads JSON lines from stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// CSV/TSV column names, as FIELD=COLUMN pairs: `--columns title=TITLE,text=BODY`.
    /// Fields: id, title, text, description, published, outlet, url, hostname, authors, language.
    /// [default: columns found by common names]
    #[arg(long, value_name = "SPEC")]
    columns: Option<String>,
    /// A CSV of metadata by `path` or `id`, with any of outlet, published, url, title; its
    /// values override the records'. [default: none]
    #[arg(long, value_name = "FILE")]
    meta: Option<PathBuf>,
    /// Publication date for records that have none. [default: none]
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Outlet for records that have none (after URL host and outlet folder). [default: none]
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Time zone for times written without an offset (IANA name, e.g. Europe/Paris).
    #[arg(long, value_name = "TZ", default_value = "UTC")]
    timezone: String,
    /// Keep scraped pages whole: do not cut related-story teasers and page chrome.
    #[arg(long)]
    no_segment: bool,
}

#[derive(Debug, Args)]
struct AnalyzeArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Output folder (created if missing). While the run lasts it also holds an unnamed
    /// temporary file with the article texts (about the size of the input texts).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Table format of the outputs.
    #[arg(long, value_enum, default_value = "csv")]
    format: FormatArg,
    /// Print no summary and no per-record warnings.
    #[arg(long, short)]
    quiet: bool,
}

impl InputArgs {
    fn ingest_options(&self) -> Result<IngestOptions> {
        let timezone = self.timezone.parse::<chrono_tz::Tz>().map_err(|_| {
            anyhow::anyhow!(
                "--timezone '{}' is not an IANA time zone name",
                self.timezone
            )
        })?;
        let columns = match &self.columns {
            Some(spec) => parse_column_map(spec).map_err(anyhow::Error::msg)?,
            None => Default::default(),
        };
        let default_published = match &self.published {
            Some(d) => Some(parse_date(d, timezone).with_context(|| "--published")?),
            None => None,
        };
        let sidecar = match &self.meta {
            Some(p) => Some(Sidecar::read(p)?),
            None => None,
        };
        Ok(IngestOptions {
            columns,
            timezone,
            default_published,
            default_outlet: self.outlet.clone(),
            sidecar,
            segment_pages: !self.no_segment,
        })
    }
}

fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// Progress on stderr: a bar while reading files, then a spinner naming the stage.
struct Bar(ProgressBar);

impl storyline::pipeline::Progress for Bar {
    fn stage(&self, stage: Stage) {
        if stage != Stage::Reading {
            self.0.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("static template"),
            );
            self.0
                .enable_steady_tick(std::time::Duration::from_millis(120));
        }
        self.0.set_message(match stage {
            Stage::Reading => "reading",
            Stage::Duplicates => "finding duplicates",
            Stage::Stories => "clustering stories",
            Stage::Timelines => "building timelines",
            Stage::Outlets => "comparing outlets",
        });
    }
    fn file_done(&self) {
        self.0.inc(1);
    }
}

impl ClusterArgs {
    fn config(&self, ingest: IngestOptions) -> Result<AnalyzeConfig> {
        let mut params = ClusterParams {
            algorithm: self.algorithm.parse().map_err(anyhow::Error::msg)?,
            ..Default::default()
        };
        if self.threshold != "auto" {
            let t: f32 = self.threshold.parse().map_err(|_| {
                anyhow::anyhow!("--threshold '{}' is not a number or 'auto'", self.threshold)
            })?;
            params.threshold = Threshold::Fixed(t);
        }
        let outlet_aliases = match &self.outlet_map {
            Some(p) => {
                read_outlet_map(p).with_context(|| format!("--outlet-map {}", p.display()))?
            }
            None => Default::default(),
        };
        Ok(AnalyzeConfig {
            ingest,
            cluster: params.check()?,
            outlet_aliases,
            ..Default::default()
        })
    }
}

/// Runs the pipeline; article texts are kept in a temporary file in `spill_dir` once read
/// (see [`AnalyzeConfig::spill_dir`]), since no output needs them in memory.
fn run_pipeline(
    input: &InputArgs,
    cluster: &ClusterArgs,
    spill_dir: &Path,
) -> Result<storyline::pipeline::Analysis> {
    let mut cfg = cluster.config(input.ingest_options()?)?;
    cfg.spill_dir = Some(spill_dir.to_path_buf());
    let bar = Bar(progress(count_files(&input.inputs), "reading"));
    let analysis = analyze(&input.inputs, &cfg, &bar)?;
    bar.0.finish_and_clear();
    Ok(analysis)
}

fn run_analyze(args: &AnalyzeArgs) -> Result<u8> {
    // Settings are checked before the output folder is touched.
    args.cluster.config(args.input.ingest_options()?)?;
    prepare_output(&args.out)?;
    let started = Instant::now();
    let analysis = run_pipeline(&args.input, &args.cluster, &args.out)?;
    let format = match args.format {
        FormatArg::Csv => TableFormat::Csv,
        FormatArg::Jsonl => TableFormat::Jsonl,
    };
    storyline::pipeline::timing_note("tables: start");
    let mut written = write_outputs(&args.out, &analysis, format)?;
    let failed: Vec<storyline::Article> = analysis
        .articles
        .iter()
        .filter(|a| !a.is_ok() && !is_documentation_skip(a))
        .cloned()
        .collect();
    let summary = Summary::of_analysis(&analysis);
    // The report reads the tables back: the analysis is not needed any more, and a million
    // articles' worth of it would add to the report's own memory.
    drop(analysis);
    storyline::pipeline::timing_note("report: starts");
    written.push(storyline::report::build_report(&args.out)?);
    storyline::pipeline::timing_note("report: written");
    if !args.quiet {
        const SHOWN: usize = 20;
        for a in failed.iter().take(SHOWN) {
            let at = if a.record.is_empty() {
                String::new()
            } else {
                format!(" record {}", a.record)
            };
            eprintln!("skipped {}{at}: {}", a.source_path, a.reason);
        }
        if failed.len() > SHOWN {
            eprintln!(
                "... and {} more skipped (status=skipped in articles)",
                failed.len() - SHOWN
            );
        }
        outp!("{}", summary);
        out!("time      {:.1} s", started.elapsed().as_secs_f64());
        for p in written {
            out!("wrote     {}", p.display());
        }
    }
    Ok(if failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_SKIPPED
    })
}

/// The tables a view needs: read from an analyze output folder, or from a fresh run.
struct Tables {
    stories: Table,
    timeline: Table,
    outlets: Table,
    summary: Table,
    blindspots: Table,
}

fn load_tables(v: &ViewArgs) -> Result<Tables> {
    let inputs = &v.input.inputs;
    if let [dir] = inputs.as_slice()
        && dir.join("stories.csv").is_file()
    {
        let read = |name: &str| -> Result<Table> {
            let p = dir.join(name);
            if !p.exists() {
                return Ok(Table::default());
            }
            read_table(&p).with_context(|| format!("reading {}", p.display()))
        };
        return Ok(Tables {
            stories: read("stories.csv")?,
            timeline: read("timeline.csv")?,
            outlets: read("outlets.csv")?,
            summary: read("outlet_summary.csv")?,
            blindspots: read("blindspots.csv")?,
        });
    }
    let a = run_pipeline(&v.input, &v.cluster, &std::env::temp_dir())?;
    Ok(Tables {
        stories: stories_table(&a.stories.stories),
        timeline: timeline_table(&a.timeline),
        outlets: outlets_table(&a.outlets.by_story),
        summary: outlet_summary_table(&a.outlets.summary),
        blindspots: blindspots_table(&a.outlets.blindspots),
    })
}

fn print_out(s: &str) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// Counts input files for the progress bar (cheap: names only).
fn count_files(inputs: &[PathBuf]) -> u64 {
    inputs
        .iter()
        .map(|p| {
            if p.is_dir() {
                walkdir::WalkDir::new(p)
                    .follow_links(true)
                    .into_iter()
                    .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
                    .count() as u64
            } else {
                1
            }
        })
        .sum()
}

fn run_tag(args: &TagArgs) -> Result<u8> {
    let text = if args.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read stdin")?;
        s
    } else {
        let bytes = std::fs::read(&args.file)
            .with_context(|| format!("cannot read {}", args.file.display()))?;
        storyline::ingest::decode_text(bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?
            .text
    };
    let dct = match &args.published {
        Some(d) => Some(
            parse_date(d, chrono_tz::UTC)
                .context("--published")?
                .date_naive(),
        ),
        None => None,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for t in storyline::temporal::tag(&text, dct) {
        serde_json::to_writer(&mut out, &t)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn run_eval_timex(dir: &std::path::Path, json: bool, errors: bool) -> Result<u8> {
    let (s, docs, errs) = storyline::temporal::evaluate_dir(dir)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if errors {
        for (d, e) in docs.iter().zip(&errs) {
            write!(out, "{}", e.report(&d.path.display().to_string()))?;
        }
    }
    if json {
        serde_json::to_writer(&mut out, &s)?;
        writeln!(out)?;
    } else {
        write!(out, "{s}")?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn run_eval_timeline(gold: &std::path::Path, pred: &std::path::Path, json: bool) -> Result<u8> {
    let g = read_gold_timeline_days(gold)
        .with_context(|| format!("reading gold timelines {}", gold.display()))?;
    let p = read_timeline_days(pred).with_context(|| format!("reading {}", pred.display()))?;
    let s = DateScores::of(&g, &p);
    if json {
        out!("{}", serde_json::to_string(&s)?);
    } else {
        out!(
            "days      {} gold, {} predicted, {} in both",
            s.gold,
            s.predicted,
            s.correct
        );
        out!(
            "dates     P {:.3}  R {:.3}  F1 {:.3}",
            s.precision,
            s.recall,
            s.f1
        );
    }
    Ok(EXIT_OK)
}

fn run(cli: Cli) -> Result<u8> {
    match &cli.command {
        Command::Analyze(a) => run_analyze(a),
        Command::Stories(v) => {
            let t = load_tables(v)?;
            match &v.story {
                Some(id) => print_out(&timeline_view(&t.timeline, &t.stories, Some(id), 1)),
                None => print_out(&stories_view(&t.stories, v.limit)),
            }
        }
        Command::Timeline(v) => {
            let t = load_tables(v)?;
            print_out(&timeline_view(
                &t.timeline,
                &t.stories,
                v.story.as_deref(),
                v.limit.min(5),
            ))
        }
        Command::Outlets(o) => {
            let t = load_tables(&o.view)?;
            if o.blindspots {
                print_out(&blindspots_view(&t.blindspots, &t.stories, o.view.limit))
            } else {
                print_out(&outlets_view(
                    &t.outlets,
                    &t.summary,
                    o.view.story.as_deref(),
                    o.view.limit,
                ))
            }
        }
        Command::Tag(t) => run_tag(t),
        Command::Report { dir } => {
            let path = storyline::report::build_report(dir)?;
            out!("wrote     {}", path.display());
            Ok(EXIT_OK)
        }
        Command::Eval {
            what: EvalCommand::Clusters { gold, pred, json },
        } => {
            let m = storyline::eval::evaluate_files(gold, pred)?;
            if *json {
                out!("{}", serde_json::to_string(&m)?);
            } else {
                out!("{m}");
                if !m.missing_from_pred.is_empty() {
                    eprintln!(
                        "warning: {} gold article(s) have no story in {}",
                        m.missing_from_pred.len(),
                        pred.display()
                    );
                }
            }
            Ok(EXIT_OK)
        }
        Command::Eval {
            what: EvalCommand::Timex { dir, json, errors },
        } => run_eval_timex(dir, *json, *errors),
        Command::Eval {
            what: EvalCommand::Timeline { gold, pred, json },
        } => run_eval_timeline(gold, pred, *json),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("storyline: error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
