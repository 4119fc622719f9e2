//! Ingest: every record under the inputs becomes one [`Article`], read or skipped with a reason.
//!
//! Formats are chosen by extension (`.gz` is looked through): `.txt`/`.md` ([`text`]),
//! `.html`/`.htm` ([`html`]), `.json`, `.jsonl`/`.ndjson` ([`json`]), `.csv`/`.tsv` ([`table`]).

mod dates;
mod decode;
mod html;
mod json;
mod raw;
mod sidecar;
mod table;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use rayon::prelude::*;

pub use dates::{DateError, format_date, parse_date};
pub use decode::{MAX_FILE_BYTES, decode_text};
pub use raw::RawRecord;
pub use sidecar::{Sidecar, SidecarError};
pub use table::{ColumnMap, FIELDS as COLUMN_FIELDS, parse_column_map};

use crate::article::{Article, Kind, Status};
use crate::segment::segment;
use crate::textstore::{SpanRef, TextStore};

/// Settings for reading inputs. `Default` gives: UTC for naive times, no defaults, no overrides.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Column overrides for CSV/TSV (`--columns`).
    pub columns: ColumnMap,
    /// Zone for times written without an offset (`--timezone`, default UTC).
    pub timezone: Tz,
    /// Publication date for records that have none (`--published`).
    pub default_published: Option<DateTime<FixedOffset>>,
    /// Outlet for records that have none (`--outlet`).
    pub default_outlet: Option<String>,
    /// Metadata by path or id (`--meta`).
    pub sidecar: Option<Sidecar>,
    /// Cut scraped pages into article, teasers and chrome (default true).
    pub segment_pages: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            columns: ColumnMap::new(),
            timezone: chrono_tz::UTC,
            default_published: None,
            default_outlet: None,
            sidecar: None,
            segment_pages: true,
        }
    }
}

/// A file format storyline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML page.
    Html,
    /// One JSON object or an array.
    Json,
    /// JSON lines.
    Jsonl,
    /// Comma-separated.
    Csv,
    /// Tab-separated.
    Tsv,
}

impl Format {
    /// The format of a file name, looking through `.gz`; also returns whether it is gzipped.
    pub fn of(path: &Path) -> (Option<Format>, bool) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let (name, gz) = match name.strip_suffix(".gz") {
            Some(n) => (n.to_string(), true),
            None => (name, false),
        };
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let f = match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            _ => return (None, gz),
        };
        (Some(f), gz)
    }
}

/// One file (or stdin) found under the inputs.
#[derive(Debug, Clone)]
struct Source {
    /// As found (input joined with the walk), or `-`.
    path: PathBuf,
    /// Relative to the input folder (the file name when the input is a file).
    rel: PathBuf,
    /// Set when the walk itself failed here (loop, permission).
    error: Option<String>,
}

/// Lists the files under the inputs in one stable order (sorted by path, whatever the order
/// the inputs were given in; a file reached through two inputs is listed once). Walk errors (directory loops, unreadable folders) are kept as
/// sources with an error so they are reported, not dropped.
fn collect_sources(inputs: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    let failed = |path: PathBuf, rel: PathBuf, reason: String| Source {
        path,
        rel,
        error: Some(reason),
    };
    const NOT_REGULAR: &str = "not a regular file (a pipe, socket or device)";
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source {
                path: input.clone(),
                rel: PathBuf::from("stdin"),
                error: None,
            });
            continue;
        }
        match std::fs::metadata(input) {
            Err(e) => {
                out.push(failed(input.clone(), file_name(input), io_reason(&e)));
                continue;
            }
            Ok(m) if m.is_file() => {
                out.push(Source {
                    path: input.clone(),
                    rel: file_name(input),
                    error: None,
                });
                continue;
            }
            Ok(m) if !m.is_dir() => {
                out.push(failed(
                    input.clone(),
                    file_name(input),
                    NOT_REGULAR.to_string(),
                ));
                continue;
            }
            Ok(_) => {}
        }
        let before = out.len();
        let walk = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    let rel = e
                        .path()
                        .strip_prefix(input)
                        .unwrap_or(e.path())
                        .to_path_buf();
                    let path = e.path().to_path_buf();
                    // FIFOs, sockets and devices could block or never end: listed, not read.
                    if e.file_type().is_file() {
                        out.push(Source {
                            path,
                            rel,
                            error: None,
                        });
                    } else {
                        out.push(failed(path, rel, NOT_REGULAR.to_string()));
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| input.clone());
                    let rel = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
                    let reason = if let Some(anc) = e.loop_ancestor() {
                        format!("directory loop: links back to {}", anc.display())
                    } else if let Some(io) = e.io_error() {
                        io_reason(io)
                    } else {
                        e.to_string()
                    };
                    out.push(failed(path, rel, reason));
                }
            }
        }
        if out.len() == before {
            out.push(failed(
                input.clone(),
                file_name(input),
                "empty folder: no files found".to_string(),
            ));
        }
    }
    // One order whatever the order of the inputs; a file reached twice is read once.
    out.sort_by(|a, b| a.path.cmp(&b.path));
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| {
        s.error.is_some()
            || seen.insert(std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone()))
    });
    out
}

fn file_name(p: &Path) -> PathBuf {
    p.file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| p.to_path_buf())
}

fn io_reason(e: &std::io::Error) -> String {
    /// ELOOP: too many levels of symbolic links.
    const ELOOP: i32 = if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd"
    )) {
        62
    } else {
        40
    };
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if cfg!(unix) && e.raw_os_error() == Some(ELOOP) => {
            "symbolic link loop: the link never reaches a file".to_string()
        }
        _ => format!("unreadable: {e}"),
    }
}

/// The text of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The id stem of a file: its path relative to the input without extensions (and `.gz`).
fn id_stem(rel: &Path) -> String {
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_suffix(".gz").unwrap_or(&s);
    match s.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && !stem.ends_with('/') && !stem.is_empty() => {
            stem.to_string()
        }
        _ => s.to_string(),
    }
}

/// File names that document a folder rather than hold an article.
fn is_documentation(rel: &Path) -> bool {
    let stem = rel
        .file_name()
        .map(|n| n.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or("");
    [
        "README",
        "LICENSE",
        "LICENCE",
        "SOURCES",
        "CHANGELOG",
        "COPYING",
        "NOTICE",
    ]
    .contains(&stem)
}

/// Reads every record under `inputs`. `on_file` is called once per file read (for progress).
///
/// Rows come out in a stable order: files sorted by path (whatever the order of `inputs`),
/// records in file order, a page's teasers right after it.
pub fn ingest(
    inputs: &[PathBuf],
    opts: &IngestOptions,
    on_file: &(dyn Fn() + Sync),
) -> Vec<Article> {
    let per_file: Vec<Vec<Article>> = collect_sources(inputs)
        .par_iter()
        .map(|src| {
            let arts = read_source_safely(src, opts);
            on_file();
            arts
        })
        .collect();
    let mut articles: Vec<Article> = per_file.into_iter().flatten().collect();
    make_ids_unique(&mut articles);
    articles
}

/// [`ingest`], moving the description and text of each file's articles into a new
/// [`TextStore`] in `dir` as soon as the file is read, so memory holds at most the files
/// being read at once, not the texts of all inputs. The articles come back with empty
/// `description` and `text`; the store has them, by row.
///
/// # Errors
/// When the temporary file cannot be created or written.
pub fn ingest_spilled(
    inputs: &[PathBuf],
    opts: &IngestOptions,
    on_file: &(dyn Fn() + Sync),
    dir: &Path,
) -> std::io::Result<(Vec<Article>, TextStore)> {
    let store = std::sync::Mutex::new(TextStore::new(dir)?);
    type Spilled = Vec<(Article, Option<SpanRef>)>;
    let per_file: Vec<std::io::Result<Spilled>> = collect_sources(inputs)
        .par_iter()
        .map(|src| {
            let mut arts = read_source_safely(src, opts);
            let spans = store
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .append(&mut arts)?;
            on_file();
            Ok(arts.into_iter().zip(spans).collect())
        })
        .collect();
    let mut articles = Vec::new();
    let mut spans = Vec::new();
    for file in per_file {
        for (a, s) in file? {
            articles.push(a);
            spans.push(s);
        }
    }
    make_ids_unique(&mut articles);
    let mut store = store
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    store.set_spans(spans);
    Ok((articles, store))
}

/// Reads one source; a panic in a reader lists the file as skipped instead of ending the
/// run.
fn read_source_safely(src: &Source, opts: &IngestOptions) -> Vec<Article> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_source(src, opts)))
        .unwrap_or_else(|panic| {
            vec![Article {
                id: id_stem(&src.rel),
                source_path: src.path.to_string_lossy().into_owned(),
                status: Status::Skipped,
                reason: format!(
                    "internal error while reading this file: {}",
                    panic_message(&*panic)
                ),
                ..Default::default()
            }]
        })
}

/// Reads JSON lines from a reader (stdin for `-`) as the source named `stdin`.
fn read_stdin() -> Result<String, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut buf)
        .map_err(|e| format!("unreadable stdin: {e}"))?;
    decode::decode_text(buf).map(|d| d.text)
}

fn read_source(src: &Source, opts: &IngestOptions) -> Vec<Article> {
    let source_path = src.path.to_string_lossy().into_owned();
    let skipped = |reason: String| skipped_file(&source_path, &src.rel, reason);
    if let Some(e) = &src.error {
        return skipped(e.clone());
    }
    if src.path.as_os_str() == "-" {
        return match read_stdin() {
            Ok(text) => {
                let decoded = decode::Decoded {
                    text,
                    warning: None,
                };
                read_decoded(&decoded, Format::Jsonl, &source_path, &src.rel, opts)
            }
            Err(reason) => skipped(reason),
        };
    }
    if is_documentation(&src.rel) {
        return skipped(
            "documentation file (README, LICENSE, SOURCES ...), not an article".to_string(),
        );
    }
    let (format, gz) = match Format::of(&src.path) {
        (Some(f), gz) => (f, gz),
        (None, _) => return skipped(unsupported(&src.rel)),
    };
    let decoded = match std::fs::metadata(&src.path) {
        Ok(m) if m.len() > decode::MAX_FILE_BYTES => {
            Err(format!("larger than {} MiB", decode::MAX_FILE_BYTES >> 20))
        }
        _ => std::fs::read(&src.path)
            .map_err(|e| io_reason(&e))
            .and_then(|b| decode::decode(b, gz)),
    };
    match decoded {
        Ok(d) => read_decoded(&d, format, &source_path, &src.rel, opts),
        Err(reason) => skipped(reason),
    }
}

/// Reads the records of one file's bytes, as [`ingest`] reads a file found at `rel` under an
/// input folder: the format comes from the extension (`.gz` looked through), the bytes are
/// decoded, and every record becomes a row, read or skipped with a reason (a file that cannot
/// be decoded is one skipped row). Nothing touches the disk, so tests and fuzzers can drive
/// every reader through the same path as a real run. Ids are not made unique across files.
///
/// ```
/// use std::path::Path;
/// use storyline::ingest::{IngestOptions, read_bytes};
/// let rows = read_bytes(Path::new("a.jsonl"), b"{\"title\":\"One\"}\n{oops\n".to_vec(), &IngestOptions::default());
/// assert_eq!(rows.len(), 2);
/// assert!(rows[1].reason.contains("malformed JSON line 2"));
/// ```
pub fn read_bytes(rel: &Path, bytes: Vec<u8>, opts: &IngestOptions) -> Vec<Article> {
    let source_path = rel.to_string_lossy().into_owned();
    let (format, gz) = match Format::of(rel) {
        (Some(f), gz) => (f, gz),
        (None, _) => return skipped_file(&source_path, rel, unsupported(rel)),
    };
    match decode::decode(bytes, gz) {
        Ok(d) => read_decoded(&d, format, &source_path, rel, opts),
        Err(reason) => skipped_file(&source_path, rel, reason),
    }
}

/// The one row of a file that could not be read.
fn skipped_file(source_path: &str, rel: &Path, reason: String) -> Vec<Article> {
    vec![Article {
        id: id_stem(rel),
        source_path: source_path.to_string(),
        status: Status::Skipped,
        reason,
        ..Default::default()
    }]
}

fn unsupported(rel: &Path) -> String {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(
        "unsupported file type '{name}'; expected .txt, .md, .html, .json, .jsonl, .csv or .tsv (optionally .gz)"
    )
}

/// Parses decoded text in `format` and builds its rows.
fn read_decoded(
    decoded: &decode::Decoded,
    format: Format,
    source_path: &str,
    rel: &Path,
    opts: &IngestOptions,
) -> Vec<Article> {
    let stem = id_stem(rel);
    let records = match format {
        Format::Text => vec![text::read_text(&decoded.text, false)],
        Format::Markdown => vec![text::read_text(&decoded.text, true)],
        Format::Html => vec![html::read_html(&decoded.text)],
        Format::Json => json::read_json(&decoded.text),
        Format::Jsonl => json::read_jsonl(&decoded.text),
        Format::Csv => table::read_table(&decoded.text, b',', &opts.columns),
        Format::Tsv => table::read_table(&decoded.text, b'\t', &opts.columns),
    };
    if records.is_empty() {
        // A file that holds no record is still listed, so it is never lost without a word.
        let reason = match format {
            Format::Csv | Format::Tsv => "no records: the file has only a header row",
            Format::Json => "no records: the file is an empty JSON array",
            _ => "no records in the file",
        };
        return skipped_file(source_path, rel, reason.to_string());
    }
    let multi = matches!(format, Format::Jsonl | Format::Csv | Format::Tsv) || records.len() > 1;
    // The first-level subfolder names the outlet when the input is laid out as <outlet>/<files>.
    let folder_outlet = if rel.components().count() >= 2 {
        rel.components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
    } else {
        None
    };
    // Records of one file are checked in parallel (a single big JSONL or CSV file is common);
    // the order of the rows stays the file's.
    let per_record: Vec<Vec<Article>> = records
        .into_par_iter()
        .enumerate()
        .map(|(n, rec)| {
            let fallback_id = if multi {
                format!("{stem}#{}", n + 1)
            } else {
                stem.clone()
            };
            let ctx = Context {
                source_path,
                rel,
                fallback_id,
                folder_outlet: folder_outlet.as_deref(),
                warning: decoded.warning.as_deref(),
            };
            let mut out = Vec::with_capacity(1);
            build(rec, &ctx, opts, &mut out);
            out
        })
        .collect();
    per_record.into_iter().flatten().collect()
}

struct Context<'a> {
    source_path: &'a str,
    rel: &'a Path,
    fallback_id: String,
    folder_outlet: Option<&'a str>,
    warning: Option<&'a str>,
}

/// Checks and normalizes one raw record into an article row (and its teasers, for pages).
fn build(mut rec: RawRecord, ctx: &Context, opts: &IngestOptions, out: &mut Vec<Article>) {
    let id = rec.id.take().unwrap_or_else(|| ctx.fallback_id.clone());
    for field in [&mut rec.outlet, &mut rec.url, &mut rec.hostname] {
        if let Some(v) = field.as_mut() {
            *v = raw::unescape_punctuation(v);
        }
    }
    if let Some(side) = &opts.sidecar {
        side.apply(&id, ctx.rel, &mut rec);
    }
    let mut a = Article {
        id,
        source_path: ctx.source_path.to_string(),
        record: rec.record.map(|r| r.to_string()).unwrap_or_default(),
        url: rec.url.clone().unwrap_or_default(),
        authors: rec.authors.clone(),
        ..Default::default()
    };
    let mut warnings: Vec<String> = ctx.warning.map(str::to_string).into_iter().collect();
    warnings.extend(rec.warning.take());
    if let Some(err) = rec.error.take() {
        a.status = Status::Skipped;
        a.reason = err;
        out.push(a);
        return;
    }
    a.title = rec.title.take().unwrap_or_default();
    a.description = rec.description.take().unwrap_or_default();
    let mut text = rec.text.take().unwrap_or_default();
    cap(&mut a.title, MAX_TITLE_BYTES, "title", &mut warnings);
    cap(
        &mut a.description,
        MAX_TEXT_BYTES,
        "description",
        &mut warnings,
    );
    cap(&mut text, MAX_TEXT_BYTES, "text", &mut warnings);
    let mut teasers = Vec::new();
    if rec.page && opts.segment_pages {
        let s = segment(&text);
        a.text = s.text;
        teasers = s.teasers;
    } else {
        a.text = text;
    }
    a.outlet = outlet_of(&rec, ctx.folder_outlet)
        .or_else(|| opts.default_outlet.clone())
        .unwrap_or_default();
    match rec
        .published
        .as_deref()
        .map(|p| parse_date(p, opts.timezone))
    {
        Some(Ok(d)) => a.published = Some(d),
        Some(Err(e)) => {
            a.status = Status::Skipped;
            a.reason = format!("published date {e}");
        }
        None => a.published = opts.default_published,
    }
    if a.is_ok()
        && a.title.trim().is_empty()
        && a.text.trim().is_empty()
        && a.description.trim().is_empty()
    {
        a.status = Status::Skipped;
        a.reason = "empty record: no title or text".to_string();
    }
    let detected = detect_language(&a);
    a.language = match rec.language.as_deref().map(normalize_language) {
        // A declared language the text plainly contradicts is a metadata error.
        Some(declared) if !detected.is_empty() && declared != detected => {
            warnings.push(format!(
                "declared language '{declared}' but the text reads as '{detected}'"
            ));
            detected
        }
        Some(declared) => declared,
        None => detected,
    };
    if a.is_ok() {
        a.reason = warnings.join("; ");
    } else {
        warnings.insert(0, std::mem::take(&mut a.reason));
        a.reason = warnings.join("; ");
    }
    a.word_count = a.words();
    let parent = a.clone();
    out.push(a);
    if parent.is_ok() {
        for (i, t) in teasers.into_iter().enumerate() {
            let mut ta = Article {
                id: format!("{}#teaser-{}", parent.id, i + 1),
                source_path: parent.source_path.clone(),
                record: parent.record.clone(),
                kind: Kind::Teaser,
                parent: Some(parent.id.clone()),
                title: t.headline,
                description: t.summary,
                text: t.caption,
                outlet: parent.outlet.clone(),
                language: parent.language.clone(),
                ..Default::default()
            };
            ta.language = detect_language(&ta);
            ta.word_count = ta.words();
            out.push(ta);
        }
    }
}

/// Longest title kept, in bytes. A longer "title" is text without line breaks (a one-line
/// file of megabytes); it is cut at a word boundary, with a warning in the row's reason.
pub const MAX_TITLE_BYTES: usize = 1_000;

/// Longest description or text analysed, in bytes (1 MiB, some 150,000 words: far beyond any
/// news article). A longer one is cut at a word boundary, with a warning, so that one
/// runaway record cannot take the run's memory and time.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Cuts `s` to at most `max` bytes, at the last whitespace before the limit when there is one
/// near it, else at a character boundary; says so in `warnings`.
fn cap(s: &mut String, max: usize, what: &str, warnings: &mut Vec<String>) {
    if s.len() <= max {
        return;
    }
    let len = s.len();
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(ws) = s[..end].rfind(char::is_whitespace)
        && ws >= end - end / 10
    {
        end = ws;
    }
    s.truncate(end);
    s.truncate(s.trim_end().len());
    warnings.push(format!(
        "{what} of {len} bytes is longer than {max}; cut to its first {} bytes",
        s.len()
    ));
}

/// Outlet, in order: explicit name, the URL's host, the host field, the outlet folder.
fn outlet_of(rec: &RawRecord, folder: Option<&str>) -> Option<String> {
    rec.outlet
        .as_deref()
        .map(normalize_outlet)
        .filter(|o| !o.is_empty())
        .or_else(|| rec.url.as_deref().and_then(host_of))
        .or_else(|| rec.hostname.as_deref().map(normalize_outlet))
        .or_else(|| folder.map(normalize_outlet))
}

/// The host of a URL without `www.`, lowercased.
pub fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    u.host_str()
        .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
        .filter(|h| !h.is_empty())
}

/// Normalizes an outlet name: trims it, and for host names drops `www.` and lowercases.
pub fn normalize_outlet(o: &str) -> String {
    let o = o.split_whitespace().collect::<Vec<_>>().join(" ");
    let looks_like_host = !o.contains(' ') && o.contains('.');
    if looks_like_host {
        let h = o.to_ascii_lowercase();
        h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
    } else {
        o
    }
}

fn normalize_language(l: &str) -> String {
    let l = l.trim().to_ascii_lowercase();
    let l = l.split(['-', '_']).next().unwrap_or("");
    match l {
        "english" => "en".into(),
        "german" | "deutsch" => "de".into(),
        "french" | "français" => "fr".into(),
        "spanish" | "español" => "es".into(),
        _ => l.to_string(),
    }
}

/// Detects the language of an article's text (title included) with whatlang; empty when the
/// detection is not reliable (very short texts such as lone headlines).
pub fn detect_language(a: &Article) -> String {
    /// Characters looked at: enough for whatlang to be sure, few enough to stay cheap.
    const SAMPLE: usize = 400;
    let mut sample: String = a.title.clone();
    for p in [&a.description, &a.text] {
        if sample.len() > SAMPLE {
            break;
        }
        sample.push('\n');
        let end = p.char_indices().nth(SAMPLE).map_or(p.len(), |(i, _)| i);
        sample.push_str(&p[..end]);
    }
    match detector().detect(&sample) {
        Some(info) if info.is_reliable() => iso639_1(info.lang()).to_string(),
        _ => String::new(),
    }
}

/// whatlang limited to the languages storyline analyses (Snowball stemmers) and the common
/// news languages of other scripts: scoring fewer trigram models makes detection several times
/// faster, and a text in another language is told apart by its script or left unreliable.
fn detector() -> &'static whatlang::Detector {
    use whatlang::Lang::*;
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![
            Eng, Deu, Fra, Spa, Ita, Por, Nld, Swe, Dan, Nob, Fin, Hun, Ron, Tur, Pol, Ces, Rus,
            Ukr, Ell, Ara, Heb, Hin, Tam, Cmn, Jpn, Kor,
        ])
    })
}

fn iso639_1(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Swe => "sv",
        Dan => "da",
        Nob => "no",
        Fin => "fi",
        Hun => "hu",
        Ron => "ro",
        Tur => "tr",
        Ara => "ar",
        Ell => "el",
        Tam => "ta",
        Pol => "pl",
        Ces => "cs",
        Ukr => "uk",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Hin => "hi",
        Heb => "he",
        other => other.code(),
    }
}

/// Gives repeated ids a `~N` suffix (in row order) and notes it in the row's reason.
fn make_ids_unique(articles: &mut [Article]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let all: BTreeMap<String, ()> = articles.iter().map(|a| (a.id.clone(), ())).collect();
    for a in articles.iter_mut() {
        let n = seen.entry(a.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let mut k = *n;
            let mut new_id = format!("{}~{k}", a.id);
            while all.contains_key(&new_id) {
                k += 1;
                new_id = format!("{}~{k}", a.id);
            }
            let note = format!("id '{}' repeated; renamed '{new_id}'", a.id);
            a.reason = if a.reason.is_empty() {
                note
            } else {
                format!("{}; {note}", a.reason)
            };
            a.id = new_id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_stem_drops_extensions_and_gz() {
        assert_eq!(id_stem(Path::new("a/b.json.gz")), "a/b");
        assert_eq!(id_stem(Path::new("x.txt")), "x");
        assert_eq!(id_stem(Path::new("noext")), "noext");
    }

    #[test]
    fn format_is_read_through_gz() {
        assert_eq!(
            Format::of(Path::new("x.JSONL.gz")),
            (Some(Format::Jsonl), true)
        );
        assert_eq!(Format::of(Path::new("x.bin")), (None, false));
    }

    #[test]
    fn outlets_are_normalized() {
        assert_eq!(normalize_outlet("www.LATimes.com"), "latimes.com");
        assert_eq!(
            normalize_outlet(" Los  Angeles Times "),
            "Los Angeles Times"
        );
        assert_eq!(
            host_of("http://www.latimes.com/x?y").as_deref(),
            Some("latimes.com")
        );
    }

    #[test]
    fn runaway_titles_and_texts_are_cut_with_a_warning() {
        let line = "word ".repeat(1_000_000);
        let rows = read_bytes(
            Path::new("huge.txt"),
            line.clone().into_bytes(),
            &IngestOptions::default(),
        );
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert!(r.is_ok());
        assert!(r.title.len() <= MAX_TITLE_BYTES && r.title.ends_with("word"));
        assert!(r.reason.contains("title of 4999999 bytes"), "{}", r.reason);
        let json = format!("{{\"title\":\"Big\",\"text\":\"{line}\"}}\n");
        let r = &read_bytes(
            Path::new("big.jsonl"),
            json.into_bytes(),
            &Default::default(),
        )[0];
        assert!(r.is_ok() && r.text.len() <= MAX_TEXT_BYTES && r.text.ends_with("word"));
        assert!(r.reason.contains("text of 4999999 bytes"), "{}", r.reason);
        let mut s = "é".repeat(600);
        cap(&mut s, 1001, "title", &mut Vec::new());
        assert_eq!(s.len(), 1000);
    }

    #[test]
    fn a_file_without_records_is_listed_not_dropped() {
        let opts = IngestOptions::default();
        for (name, content, reason) in [
            ("h.csv", "title,text\n", "only a header row"),
            ("h.tsv", "headline\tbody\toutlet\n", "only a header row"),
            ("a.json", "[]", "empty JSON array"),
        ] {
            let rows = read_bytes(Path::new(name), content.into(), &opts);
            assert_eq!(rows.len(), 1, "{name}");
            assert_eq!(rows[0].status, Status::Skipped, "{name}");
            assert!(
                rows[0].reason.contains(reason),
                "{name}: {}",
                rows[0].reason
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_link_loops_are_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let rows = ingest(&[dir.path().to_path_buf()], &Default::default(), &|| {});
        assert_eq!(rows.len(), 2);
        for r in rows {
            assert_eq!(r.status, Status::Skipped);
            assert!(r.reason.starts_with("symbolic link loop"), "{}", r.reason);
        }
    }

    #[test]
    fn repeated_ids_are_renamed_not_merged() {
        let mut a = vec![
            Article {
                id: "1".into(),
                ..Default::default()
            },
            Article {
                id: "1".into(),
                ..Default::default()
            },
        ];
        make_ids_unique(&mut a);
        assert_eq!(a[1].id, "1~2");
        assert!(a[1].reason.contains("repeated"));
    }
}
