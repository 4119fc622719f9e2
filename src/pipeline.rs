//! The main job: read, segment, de-duplicate, and write the outputs of `storyline analyze`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::article::{Article, Kind, Status};
use crate::cluster::{ClusterError, ClusterParams, Stories, ValidParams, cluster_texts};
use crate::dedup::{DedupParams, apply_duplicates, find_duplicates};
use crate::export::{
    TableFormat, articles_table, blindspots_table, outlet_summary_table, outlets_table,
    stories_table, timeline_table, write_table,
};
use crate::ingest::{IngestOptions, ingest, ingest_spilled};
use crate::outlets::{OutletParams, OutletReport, compare_outlets_texts, normalize_outlets};
use crate::segment::{strip_repeated_lines, strip_repeated_lines_stored};
use crate::textstore::Texts;
use crate::timeline::{TimelineEntry, TimelineParams, build_timelines_texts};

/// Everything `analyze` needs besides its inputs.
#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    /// How inputs are read.
    pub ingest: IngestOptions,
    /// How duplicates are found.
    pub dedup: DedupParams,
    /// How articles are clustered into stories.
    pub cluster: ValidParams,
    /// How timelines are built.
    pub timeline: TimelineParams,
    /// How outlets are compared.
    pub outlets: OutletParams,
    /// Outlet aliases (alias -> name), from `--outlet-map`.
    pub outlet_aliases: BTreeMap<String, String>,
    /// When set, article texts are moved into a temporary file in this folder once they are
    /// read and de-duplicated, and read back by each later stage, so memory does not grow
    /// with the total size of the texts; the returned [`Analysis::articles`] then have
    /// empty `description` and `text`. When `None` (the default) texts stay in memory. If
    /// the file cannot be written, texts stay in memory and a warning is printed.
    pub spill_dir: Option<PathBuf>,
}

impl Default for AnalyzeConfig {
    fn default() -> Self {
        AnalyzeConfig {
            ingest: IngestOptions::default(),
            dedup: DedupParams::default(),
            cluster: ClusterParams::default()
                .check()
                .expect("default cluster settings are valid"),
            timeline: TimelineParams::default(),
            outlets: OutletParams::default(),
            outlet_aliases: BTreeMap::new(),
            spill_dir: None,
        }
    }
}

/// The result of a run.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// One row per input record (and per teaser cut from a page), in a stable order.
    pub articles: Vec<Article>,
    /// The stories, biggest first.
    pub stories: Stories,
    /// For each article row, its story id (`None` for skipped rows).
    pub story_of: Vec<Option<String>>,
    /// Timeline entries of every story, by story then date.
    pub timeline: Vec<TimelineEntry>,
    /// The outlet comparison.
    pub outlets: OutletReport,
    /// Wall time of each stage, in order.
    pub timings: Vec<(Stage, std::time::Duration)>,
}

/// A stage of [`analyze`], reported to the progress callback as it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading files (the callback is also called once per file).
    Reading,
    /// Finding duplicates.
    Duplicates,
    /// Clustering stories.
    Stories,
    /// Building timelines.
    Timelines,
    /// Comparing outlets.
    Outlets,
}

impl Stage {
    /// A short name of the stage.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Duplicates => "duplicates",
            Stage::Stories => "stories",
            Stage::Timelines => "timelines",
            Stage::Outlets => "outlets",
        }
    }
}

/// Progress callbacks of [`analyze`].
pub trait Progress: Sync {
    /// A stage starts.
    fn stage(&self, _stage: Stage) {}
    /// One input file was read.
    fn file_done(&self) {}
}

/// A [`Progress`] that reports nothing.
pub struct Quiet;

impl Progress for Quiet {}

/// Runs the pipeline on `inputs`.
pub fn analyze(
    inputs: &[PathBuf],
    cfg: &AnalyzeConfig,
    progress: &dyn Progress,
) -> Result<Analysis, ClusterError> {
    let mut timings = Vec::new();
    let run_start = std::time::Instant::now();
    let mut clock = (Stage::Reading, run_start);
    let mut start = |stage: Stage, timings: &mut Vec<(Stage, std::time::Duration)>| {
        if stage != Stage::Reading {
            timings.push((clock.0, clock.1.elapsed()));
        }
        clock = (stage, std::time::Instant::now());
        timing_note(&format!(
            "{}: starts at {:.1} s",
            stage.name(),
            run_start.elapsed().as_secs_f64()
        ));
        progress.stage(stage);
    };
    start(Stage::Reading, &mut timings);
    let on_file = || progress.file_done();
    // With a spill folder, each file's texts go to a temporary file as soon as it is read.
    let spilled = cfg.spill_dir.as_deref().and_then(|dir| {
        ingest_spilled(inputs, &cfg.ingest, &on_file, dir)
            .and_then(|(articles, mut store)| {
                if cfg.ingest.segment_pages {
                    strip_repeated_lines_stored(&articles, &mut store)?;
                }
                Ok((articles, store))
            })
            .map_err(|e| {
                eprintln!(
                    "warning: cannot keep article texts in a temporary file in {}: {e}; \
                     reading them into memory instead",
                    dir.display()
                )
            })
            .ok()
    });
    let (mut articles, store) = match spilled {
        Some((articles, store)) => (articles, Some(store)),
        None => {
            let mut articles = ingest(inputs, &cfg.ingest, &on_file);
            if cfg.ingest.segment_pages {
                strip_repeated_lines(&mut articles);
            }
            (articles, None)
        }
    };
    normalize_outlets(&mut articles, &cfg.outlet_aliases);
    start(Stage::Duplicates, &mut timings);
    let found = find_duplicates(Texts::new(&articles, store.as_ref()), &cfg.dedup);
    apply_duplicates(&mut articles, &found);
    drop(found);
    let texts = Texts::new(&articles, store.as_ref());
    start(Stage::Stories, &mut timings);
    let stories = cluster_texts(texts, &cfg.cluster)?;
    let story_of: Vec<Option<String>> = stories
        .story_ids()
        .into_iter()
        .map(|s| s.map(str::to_string))
        .collect();
    start(Stage::Timelines, &mut timings);
    let timeline = build_timelines_texts(texts, &story_of, &cfg.timeline);
    start(Stage::Outlets, &mut timings);
    let outlets = compare_outlets_texts(texts, &story_of, &timeline, &cfg.outlets);
    timings.push((clock.0, clock.1.elapsed()));
    Ok(Analysis {
        articles,
        stories,
        story_of,
        timeline,
        outlets,
        timings,
    })
}

/// Whether `STORYLINE_TIMING` is set: stages then print their phases and memory on stderr.
pub fn timing_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("STORYLINE_TIMING").is_some())
}

/// With `STORYLINE_TIMING` set, prints `what` and the memory so far (resident and peak, from
/// `/proc/self/status`; Linux only) on stderr, for scale work. Does nothing otherwise.
pub fn timing_note(what: &str) {
    if !timing_enabled() {
        return;
    }
    let st = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |k: &str| {
        st.lines()
            .find_map(|l| l.strip_prefix(k))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    eprintln!(
        "{what} with {} MB resident, {} MB peak",
        mb("VmRSS:"),
        mb("VmHWM:")
    );
}

/// Why an output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The folder could not be created or written.
    #[error("output folder {path} is not writable: {source}")]
    NotWritable {
        /// The folder.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A table could not be written.
    #[error("could not write {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Creates the output folder if needed and checks that it can be written, before any work.
pub fn prepare_output(dir: &Path) -> Result<(), OutputError> {
    let err = |source| OutputError::NotWritable {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let probe = dir.join(format!(".storyline-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(err)?;
    std::fs::remove_file(&probe).map_err(err)?;
    remove_stale_temporaries(dir);
    Ok(())
}

/// Removes temporary tables a killed run left behind (`.NAME.tmp-PID`); the finished tables
/// of the previous run are never touched.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".tmp-") && e.path().is_file() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes the tables of an analysis into `dir`: `articles`, `stories`, `timeline`, `outlets`,
/// `outlet_summary` and `blindspots`, each atomically. Returns the paths written.
pub fn write_outputs(
    dir: &Path,
    analysis: &Analysis,
    format: TableFormat,
) -> Result<Vec<PathBuf>, OutputError> {
    // One table at a time: for a million articles the article and timeline tables are a
    // gigabyte each as text.
    let articles = || articles_table(&analysis.articles, &|i| analysis.story_of[i].clone());
    let stories = || stories_table(&analysis.stories.stories);
    let timeline = || timeline_table(&analysis.timeline);
    let outlets = || outlets_table(&analysis.outlets.by_story);
    let summary = || outlet_summary_table(&analysis.outlets.summary);
    let blindspots = || blindspots_table(&analysis.outlets.blindspots);
    let tables: [(&str, &dyn Fn() -> _); 6] = [
        ("articles", &articles),
        ("stories", &stories),
        ("timeline", &timeline),
        ("outlets", &outlets),
        ("outlet_summary", &summary),
        ("blindspots", &blindspots),
    ];
    let mut written = Vec::new();
    for (name, build) in tables {
        let table = build();
        timing_note(&format!("table {name} built"));
        let path = write_table(dir, name, format, &table).map_err(|source| OutputError::Write {
            path: dir.join(name).display().to_string(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// True when a skipped row is a documentation file (README, LICENSE ...) rather than a failure.
pub fn is_documentation_skip(a: &Article) -> bool {
    a.status == Status::Skipped && a.reason.starts_with("documentation file")
}

/// Counts of a run, for the summary printed after it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Rows in the article table.
    pub rows: usize,
    /// Distinct source files.
    pub files: usize,
    /// Ok rows by kind.
    pub articles: usize,
    /// Ok teaser rows.
    pub teasers: usize,
    /// Ok duplicate rows.
    pub duplicates: usize,
    /// Skipped rows, by reason (quoted values folded), most frequent first.
    pub skipped: Vec<(String, usize)>,
    /// Skipped rows in all, documentation files excluded.
    pub failed: usize,
    /// Documentation files passed over.
    pub documentation: usize,
    /// Distinct outlets among ok rows.
    pub outlets: usize,
    /// Ok rows without an outlet.
    pub no_outlet: usize,
    /// Earliest and latest publication time among ok rows.
    pub date_range: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// Ok rows without a publication time.
    pub undated: usize,
    /// Ok rows read with a warning (re-decoded text, renamed id).
    pub warnings: usize,
    /// Stories found, when clustered.
    pub stories: Option<usize>,
    /// Timeline entries, when built.
    pub timeline_entries: Option<usize>,
    /// Wall time of each stage.
    pub timings: Vec<(Stage, std::time::Duration)>,
}

/// Folds the quoted values out of a reason so that reasons group (`'x' is not a date` ->
/// `'…' is not a date`).
fn reason_group(reason: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in reason.chars() {
        if c == '\'' {
            if !quoted {
                out.push_str("'…'");
            }
            quoted = !quoted;
        } else if !quoted {
            out.push(if c.is_ascii_digit() { '#' } else { c });
        }
    }
    let out = out.split(';').next().unwrap_or("").trim().to_string();
    // Collapse runs of '#' so line and byte numbers group.
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '#' && collapsed.ends_with('#')) {
            collapsed.push(c);
        }
    }
    collapsed
}

impl Summary {
    /// Summarizes a whole run: the article table, stories and timeline entries.
    pub fn of_analysis(a: &Analysis) -> Summary {
        Summary {
            stories: Some(a.stories.stories.len()),
            timeline_entries: Some(a.timeline.len()),
            timings: a.timings.clone(),
            ..Summary::of(&a.articles)
        }
    }

    /// Summarizes an article table.
    pub fn of(articles: &[Article]) -> Summary {
        let mut s = Summary {
            rows: articles.len(),
            ..Default::default()
        };
        let files: BTreeSet<&str> = articles.iter().map(|a| a.source_path.as_str()).collect();
        s.files = files.len();
        let mut outlets = BTreeSet::new();
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for a in articles {
            if !a.is_ok() {
                if is_documentation_skip(a) {
                    s.documentation += 1;
                } else {
                    s.failed += 1;
                    *reasons.entry(reason_group(&a.reason)).or_default() += 1;
                }
                continue;
            }
            match a.kind {
                Kind::Article => s.articles += 1,
                Kind::Teaser => s.teasers += 1,
                Kind::Duplicate => s.duplicates += 1,
            }
            if !a.reason.is_empty() {
                s.warnings += 1;
            }
            if a.outlet.is_empty() {
                s.no_outlet += 1;
            } else {
                outlets.insert(a.outlet.as_str());
            }
            match a.published {
                Some(d) => {
                    s.date_range = Some(match s.date_range {
                        None => (d, d),
                        Some((lo, hi)) => (lo.min(d), hi.max(d)),
                    })
                }
                None => s.undated += 1,
            }
        }
        s.outlets = outlets.len();
        let mut skipped: Vec<(String, usize)> = reasons.into_iter().collect();
        skipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        s.skipped = skipped;
        s
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ok = self.articles + self.teasers + self.duplicates;
        writeln!(f, "records   {} from {} files", self.rows, self.files)?;
        writeln!(
            f,
            "ok        {ok} ({} articles, {} teasers, {} duplicates{})",
            self.articles,
            self.teasers,
            self.duplicates,
            if self.warnings > 0 {
                format!("; {} read with a warning", self.warnings)
            } else {
                String::new()
            }
        )?;
        writeln!(f, "skipped   {}", self.failed)?;
        for (reason, n) in self.skipped.iter().take(8) {
            writeln!(f, "  {n:>7}  {reason}")?;
        }
        if self.skipped.len() > 8 {
            writeln!(
                f,
                "  ({} more kinds of reason; see articles.csv)",
                self.skipped.len() - 8
            )?;
        }
        if self.documentation > 0 {
            writeln!(
                f,
                "ignored   {} documentation files (README, SOURCES ...)",
                self.documentation
            )?;
        }
        writeln!(
            f,
            "outlets   {}{}",
            self.outlets,
            if self.no_outlet > 0 {
                format!(" ({} records without one)", self.no_outlet)
            } else {
                String::new()
            }
        )?;
        match self.date_range {
            Some((lo, hi)) => writeln!(
                f,
                "published {} .. {}{}",
                lo.format("%Y-%m-%d"),
                hi.format("%Y-%m-%d"),
                if self.undated > 0 {
                    format!(" ({} without a date)", self.undated)
                } else {
                    String::new()
                }
            ),
            None => writeln!(f, "published (no dates)"),
        }?;
        if let Some(n) = self.stories {
            writeln!(f, "stories   {n}")?;
        }
        if let Some(n) = self.timeline_entries {
            writeln!(f, "timeline  {n} dated events")?;
        }
        if !self.timings.is_empty() {
            let parts: Vec<String> = self
                .timings
                .iter()
                .map(|(s, d)| format!("{} {:.1} s", s.name(), d.as_secs_f64()))
                .collect();
            writeln!(f, "stages    {}", parts.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_group_without_their_values() {
        assert_eq!(
            reason_group("published date '2014-02-30' is not a valid calendar date"),
            "published date '…' is not a valid calendar date"
        );
        assert_eq!(
            reason_group("malformed JSON line 12: x at column 3"),
            "malformed JSON line #: x at column #"
        );
    }

    #[test]
    fn summary_counts_every_row_once() {
        let ok = Article {
            id: "a".into(),
            outlet: "x".into(),
            ..Default::default()
        };
        let bad = Article {
            id: "b".into(),
            status: Status::Skipped,
            reason: "empty file".into(),
            ..Default::default()
        };
        let s = Summary::of(&[ok, bad]);
        assert_eq!(
            (s.rows, s.articles, s.failed, s.outlets, s.undated),
            (2, 1, 1, 1, 1)
        );
        assert_eq!(s.skipped, vec![("empty file".to_string(), 1)]);
    }
}
