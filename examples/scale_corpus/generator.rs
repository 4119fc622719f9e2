//! The scale corpus generator behind `examples/scale_corpus.rs` (also compiled into
//! `tests/scale_corpus.rs`, so its guarantees are tested).
//!
//! It learns real sentences and headlines per story from an input corpus (read with
//! `storyline::ingest`, grouped by a gold file's stories or else one story per article) and
//! writes N synthetic articles as news-please JSON lines with the statistics of real coverage:
//!
//! - about N / 20 synthetic stories with heavy-tailed sizes (log-normal weights, sigma 1.3: a few stories
//!   of thousands of articles at 1M, many of 1 to 5), each anchored at a time spread over
//!   ~2 years, its coverage decaying over days to weeks (a story's decay time is log-uniform
//!   in 0.3..10 days) with 3% late follow-ups 20 to 400 days after;
//! - ~250 outlets with Zipf-like volumes and different speeds (median lag behind the
//!   story's anchor log-uniform in 0.5..48 hours; the first three are wire agencies with a
//!   15-minute median);
//! - texts of ~3.5 KB (log-normal target) made of real sentences of the story's source:
//!   each story tells half of its source's sentences (at least 16), each article at most 45%
//!   of its story's, so two articles of a story are not copies and two stories of one source
//!   share only part of their sentences; the biggest stories take the sources with the most
//!   sentences;
//! - ~10% wire copies: the text of an earlier article of the same story, carried by
//!   another outlet minutes to hours later, its last sentences sometimes cut and its headline
//!   sometimes rewritten;
//! - ~3% undated articles (`date_publish: null`).
//!
//! Each input story is the source of many synthetic stories (at 1M about 700 per source of
//! the 69 giveme5w1h stories), so the gold labels only mean something if those stories
//! can be told apart, as different real events on one theme are. Each synthetic story
//! therefore gets its own named entities: every word that the input only ever writes
//! capitalized (names, places, organisations, acronyms; month and weekday names excepted)
//! is replaced, consistently within the story, by an invented word derived from the story
//! and the original word; numbers of three or more digits get story-specific values; years
//! are shifted by the difference between the story's anchor year and its source's year.
//! The general vocabulary and the sentence structure stay real. A synthetic story is
//! still more similar to its siblings than real events usually are (they share whole
//! sentence frames), which makes the clustering task harder, not easier.
//!
//! Everything is a function of the seed and the input: the same call writes the same bytes,
//! whatever the number of threads.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike};
use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// What to generate. [`Config::new`] gives the defaults named in each field's doc.
#[derive(Debug, Clone)]
pub struct Config {
    /// Input files or folders, read with `storyline::ingest`.
    pub inputs: Vec<PathBuf>,
    /// Gold CSV (`id,story`) grouping the input articles into stories; without it, each
    /// input article is a story of its own.
    pub gold: Option<PathBuf>,
    /// Number of articles to write.
    pub n: usize,
    /// Seed of every random choice.
    pub seed: u64,
    /// Output folder: `articles/part-NNNNN.jsonl`, `gold.csv`, `manifest.json`.
    pub out: PathBuf,
    /// Articles per `.jsonl` shard. Default 10,000.
    pub shard_size: usize,
    /// Number of outlets. Default 250.
    pub outlets: usize,
    /// Mean articles per story (stories = N / this). Default 20.
    pub story_size: f64,
    /// Days over which story anchors are spread. Default 730.
    pub days: i64,
    /// First possible anchor, Unix seconds. Default 2023-01-01T00:00:00Z.
    pub start: i64,
    /// Share of articles that are wire copies. Default 0.10.
    pub wire_share: f64,
    /// Share of articles without a publication date. Default 0.03.
    pub undated_share: f64,
    /// Median target text size in bytes; an article stops earlier when it has used 45% of
    /// its story's sentences. Default 5,300: from giveme5w1h at 100k articles, JSON lines
    /// then average 3.5 KB (texts 3.2 KB).
    pub text_bytes: usize,
    /// Replace the files of an earlier run in `out`. Default false: a non-empty `out` is
    /// an error.
    pub force: bool,
}

impl Config {
    /// The defaults for `n` articles from `inputs` into `out`.
    pub fn new(inputs: Vec<PathBuf>, out: PathBuf, n: usize, seed: u64) -> Config {
        Config {
            inputs,
            gold: None,
            n,
            seed,
            out,
            shard_size: 10_000,
            outlets: 250,
            story_size: 20.0,
            days: 730,
            start: 1_672_531_200,
            wire_share: 0.10,
            undated_share: 0.03,
            text_bytes: 5_300,
            force: false,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Articles written.
    pub articles: usize,
    /// Synthetic stories (all have at least one article).
    pub stories: usize,
    /// Source stories learned from the input.
    pub sources: usize,
    /// Input articles that gave sentences.
    pub input_articles: usize,
    /// Outlets.
    pub outlets: usize,
    /// Articles that are wire copies.
    pub wire_copies: usize,
    /// Articles without a date.
    pub undated: usize,
    /// Size of the largest story.
    pub largest_story: usize,
    /// Bytes of all `.jsonl` shards.
    pub bytes: u64,
    /// Number of shards.
    pub shards: usize,
}

/// Generates the corpus described by `cfg`. Errors are messages for a person.
pub fn generate(cfg: &Config) -> Result<Summary, String> {
    if cfg.n == 0 {
        return Err("--n must be at least 1".into());
    }
    if cfg.shard_size == 0 || cfg.outlets == 0 || cfg.story_size < 1.0 || cfg.days < 1 {
        return Err("shard size, outlets, story size and days must be at least 1".into());
    }
    let learned = learn(cfg)?;
    let plan = Plan::new(cfg, &learned);
    write_all(cfg, &learned, &plan)
}

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64, so any value can be derived from (seed, indices) without state.

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn mix3(a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(a) ^ b) ^ c)
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(mix(seed))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
    fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }
    fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp()
    }
}

// ---------------------------------------------------------------------------------------
// Learning: sentences and headlines per source story, as templates with slots.

#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A named entity: index into the source's entity list.
    Entity(u32),
    /// A year, shifted with the story.
    Year(i32),
    /// A number of 3+ digits, replaced per story.
    Number,
}

#[derive(Debug, Clone)]
struct Template {
    text: String,
    /// Byte spans to replace, in order.
    slots: Vec<(u32, u32, Slot)>,
}

#[derive(Debug, Default)]
struct Source {
    /// `gold:STORY` or `article:ID`.
    key: String,
    titles: Vec<Template>,
    sentences: Vec<Template>,
    /// Median publication year of the source's articles.
    year: Option<i32>,
}

struct Learned {
    sources: Vec<Source>,
    input_articles: usize,
}

const CALENDAR: [&str; 33] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "Easter",
];

/// Alphabetic runs of a text, with byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (s, c) = it.next()?;
            if !c.is_alphabetic() {
                continue;
            }
            let mut e = s + c.len_utf8();
            while let Some(&(i, c)) = it.peek() {
                if !c.is_alphabetic() {
                    break;
                }
                e = i + c.len_utf8();
                it.next();
            }
            return Some((s, &text[s..e]));
        }
    })
}

fn learn(cfg: &Config) -> Result<Learned, String> {
    let articles = storyline::ingest::ingest(
        &cfg.inputs,
        &storyline::ingest::IngestOptions::default(),
        &|| {},
    );
    let articles: Vec<storyline::Article> = articles
        .into_iter()
        .filter(|a| a.is_ok() && a.kind == storyline::Kind::Article)
        .collect();
    if articles.is_empty() {
        return Err(format!(
            "no readable article under {}",
            cfg.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let gold: HashMap<String, String> = match &cfg.gold {
        Some(path) => storyline::eval::read_gold(path)
            .map_err(|e| format!("gold file {}: {e}", path.display()))?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    // Words the input writes in lower case somewhere are common words, not names.
    let mut lower: HashSet<String> = HashSet::new();
    for a in &articles {
        for part in [&a.title, &a.description, &a.text] {
            for (_, w) in words(part) {
                if !w.chars().any(char::is_uppercase) && !lower.contains(w) {
                    lower.insert(w.to_string());
                }
            }
        }
    }
    let calendar: HashSet<&str> = CALENDAR.iter().copied().collect();
    // Source key -> member articles, in a stable order.
    let mut groups: BTreeMap<String, Vec<&storyline::Article>> = BTreeMap::new();
    for a in &articles {
        let key = match gold.get(&a.id) {
            Some(story) => format!("gold:{story}"),
            None => format!("article:{}", a.id),
        };
        groups.entry(key).or_default().push(a);
    }
    let mut sources = Vec::new();
    let mut input_articles = 0;
    for (key, members) in &groups {
        let mut years: Vec<i32> = members
            .iter()
            .filter_map(|a| a.published.map(|t| t.year()))
            .collect();
        years.sort_unstable();
        let year = years.get(years.len() / 2).copied();
        let mut entities: HashMap<String, u32> = HashMap::new();
        let mut scan = |text: &str| -> Template {
            scan_template(text, year, &lower, &calendar, &mut entities)
        };
        let mut src = Source {
            key: key.clone(),
            year,
            ..Default::default()
        };
        let mut seen: HashSet<String> = HashSet::new();
        let mut gave = false;
        for a in members {
            let title = a.title.split_whitespace().collect::<Vec<_>>().join(" ");
            if !title.is_empty() && title.len() <= 300 && seen.insert(title.clone()) {
                src.titles.push(scan(&title));
            }
            for part in [&a.description, &a.text] {
                for para in part.lines() {
                    for s in para.unicode_sentences() {
                        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
                        if good_sentence(&s) && seen.insert(s.clone()) {
                            src.sentences.push(scan(&s));
                            gave = true;
                        }
                    }
                }
            }
        }
        if src.sentences.is_empty() {
            // A headline corpus: the headlines are the sentences.
            src.sentences = src.titles.clone();
            gave = !src.sentences.is_empty();
        }
        if gave {
            input_articles += members.len();
            sources.push(src);
        }
    }
    if sources.is_empty() {
        return Err("the input has no usable sentences or headlines".into());
    }
    Ok(Learned {
        sources,
        input_articles,
    })
}

/// A sentence worth reusing: 25..800 bytes, 5+ words, starting like a sentence and ending
/// with sentence punctuation (page furniture like "Xinhua | Updated: ..." is left out).
fn good_sentence(s: &str) -> bool {
    let first = s.chars().next();
    let last = s.chars().last();
    (25..=800).contains(&s.len())
        && s.split_whitespace().count() >= 5
        && first.is_some_and(|c| c.is_uppercase() || c == '"' || c == '“' || c == '\'')
        && last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')'))
}

fn scan_template(
    text: &str,
    year: Option<i32>,
    lower: &HashSet<String>,
    calendar: &HashSet<&str>,
    entities: &mut HashMap<String, u32>,
) -> Template {
    let mut slots = Vec::new();
    for (s, w) in words(text) {
        let first_upper = w.chars().next().is_some_and(char::is_uppercase);
        if first_upper
            && w.chars().count() >= 2
            && !calendar.contains(w)
            && !lower.contains(&w.to_lowercase())
        {
            let next = entities.len() as u32;
            let id = *entities.entry(w.to_lowercase()).or_insert(next);
            slots.push((s as u32, (s + w.len()) as u32, Slot::Entity(id)));
        }
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &text[s..i];
        let before = s.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i).copied();
        let glued = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
        if glued(before) || glued(after) {
            continue;
        }
        let value: i64 = run.parse().unwrap_or(0);
        if run.len() == 4 && (1900..=2039).contains(&value) && year.is_some() {
            slots.push((s as u32, i as u32, Slot::Year(value as i32)));
        } else if run.len() >= 3
            && !matches!(before, Some(b'-' | b'/' | b':' | b'.' | b','))
            && !matches!(after, Some(b'-' | b'/' | b':'))
        {
            slots.push((s as u32, i as u32, Slot::Number));
        }
    }
    slots.sort_by_key(|x| x.0);
    Template {
        text: text.to_string(),
        slots,
    }
}

// ---------------------------------------------------------------------------------------
// Rendering: a template with a story's entities, numbers and years.

const ONSETS: [&str; 28] = [
    "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr",
    "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "zh",
];
const VOWELS: [&str; 10] = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"];
const CODAS: [&str; 10] = ["", "n", "r", "l", "s", "m", "k", "th", "nd", "rt"];

/// An invented name from a hash: 2-3 syllables.
fn invent(mut h: u64, out: &mut String) {
    let syllables = 2 + h.is_multiple_of(3) as usize;
    h /= 3;
    for k in 0..syllables {
        out.push_str(ONSETS[(h % 28) as usize]);
        h /= 28;
        out.push_str(VOWELS[(h % 10) as usize]);
        h /= 10;
        if k + 1 == syllables {
            out.push_str(CODAS[(h % 10) as usize]);
        }
    }
}

/// Writes the story's name for an entity, in the case shape of the original word.
fn push_name(out: &mut String, h: u64, original: &str) {
    let all_caps = !original.chars().any(char::is_lowercase);
    if all_caps && original.chars().count() <= 5 {
        // An acronym stays an acronym of the same length.
        let mut h = h;
        for _ in original.chars() {
            out.push((b'A' + (h % 26) as u8) as char);
            h /= 26;
        }
        return;
    }
    let mut name = String::new();
    invent(h, &mut name);
    if all_caps {
        out.push_str(&name.to_uppercase());
    } else {
        let mut c = name.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
    }
}

/// The story-specific values of a template's slots.
struct StoryText {
    key: u64,
    year_shift: i32,
}

fn render(t: &Template, st: &StoryText, out: &mut String) {
    let mut pos = 0;
    for &(s, e, slot) in &t.slots {
        let (s, e) = (s as usize, e as usize);
        out.push_str(&t.text[pos..s]);
        let orig = &t.text[s..e];
        match slot {
            Slot::Entity(id) => push_name(out, mix3(st.key, 1, id as u64), orig),
            Slot::Year(y) => {
                let _ = write!(out, "{}", y + st.year_shift);
            }
            Slot::Number => {
                let h = mix3(st.key, 2, storyline::cluster::stable_hash(orig));
                let digits = orig.len() as u32;
                let lo = 10u64.pow(digits - 1);
                let v = lo + h % (9 * lo);
                let _ = write!(out, "{v}");
            }
        }
        pos = e;
    }
    out.push_str(&t.text[pos..]);
}

// ---------------------------------------------------------------------------------------
// The plan: stories, outlets and each article's metadata, before any text.

struct Outlet {
    domain: String,
    /// Median lag behind a story's anchor, hours.
    lag_hours: f64,
}

struct Story {
    source: u32,
    text: StoryText,
    /// The source sentences this story tells (indices, in source order).
    sentences: Vec<u32>,
}

/// The sentences a story tells: half of its source's, at least 16 (or all there are),
/// chosen by the story's key. Different events on one theme stress different things, so
/// two stories of one source share only part of their sentences.
fn story_sentences(key: u64, pool: usize) -> Vec<u32> {
    let keep = (pool / 2).max(pool.min(16));
    let mut ranked: Vec<(u64, u32)> = (0..pool as u32)
        .map(|i| (mix3(key, 8, i as u64), i))
        .collect();
    ranked.sort_unstable();
    let mut chosen: Vec<u32> = ranked[..keep].iter().map(|&(_, i)| i).collect();
    chosen.sort_unstable();
    chosen
}

#[derive(Clone, Copy)]
struct Spec {
    story: u32,
    outlet: u32,
    /// Publication time (Unix seconds); also orders undated articles.
    time: i64,
    dated: bool,
    /// For a wire copy: the spec index of the original.
    copy_of: Option<u32>,
}

struct Plan {
    outlets: Vec<Outlet>,
    stories: Vec<Story>,
    specs: Vec<Spec>,
    /// Spec indices in output order (by time).
    order: Vec<u32>,
    largest: usize,
}

const OUTLET_WORDS: [&str; 16] = [
    "times",
    "post",
    "herald",
    "news",
    "daily",
    "journal",
    "tribune",
    "observer",
    "gazette",
    "chronicle",
    "report",
    "today",
    "express",
    "dispatch",
    "courier",
    "ledger",
];

impl Plan {
    fn new(cfg: &Config, learned: &Learned) -> Plan {
        let mut rng = Rng::new(cfg.seed);
        // Outlets: Zipf-like volume by rank, a speed each, the first three wire agencies.
        let mut names = HashSet::new();
        let outlets: Vec<Outlet> = (0..cfg.outlets)
            .map(|o| {
                let wire = o < 3;
                let mut stem = String::new();
                invent(mix3(cfg.seed, 3, o as u64), &mut stem);
                let word = if wire {
                    "wire"
                } else {
                    OUTLET_WORDS[(mix3(cfg.seed, 4, o as u64) % 16) as usize]
                };
                let mut domain = format!("{stem}{word}.example");
                if !names.insert(domain.clone()) {
                    domain = format!("{stem}{word}{o}.example");
                    names.insert(domain.clone());
                }
                let lag_hours = if wire {
                    0.25
                } else {
                    rng.log_uniform(0.5, 48.0)
                };
                Outlet { domain, lag_hours }
            })
            .collect();
        let mut cum = Vec::with_capacity(outlets.len());
        let mut total = 0.0;
        for o in 0..outlets.len() {
            total += 1.0 / (o as f64 + 5.0);
            cum.push(total);
        }
        let pick_outlet = |rng: &mut Rng| -> u32 {
            let x = rng.unit() * total;
            cum.partition_point(|&c| c <= x).min(cum.len() - 1) as u32
        };
        // Stories: heavy-tailed sizes summing to n, each at least 1.
        let s = ((cfg.n as f64 / cfg.story_size).round() as usize).clamp(1, cfg.n);
        let weights: Vec<f64> = (0..s).map(|_| (1.3 * rng.normal()).exp()).collect();
        let wsum: f64 = weights.iter().sum();
        let spare = (cfg.n - s) as f64;
        let mut sizes: Vec<usize> = weights
            .iter()
            .map(|w| 1 + (spare * w / wsum).floor() as usize)
            .collect();
        let mut rest = cfg.n - sizes.iter().sum::<usize>();
        let mut by_fraction: Vec<(f64, usize)> = weights
            .iter()
            .enumerate()
            .map(|(k, w)| ((spare * w / wsum).fract(), k))
            .collect();
        by_fraction.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, k) in &by_fraction {
            if rest == 0 {
                break;
            }
            sizes[k] += 1;
            rest -= 1;
        }
        // Sources are used evenly, the biggest stories taking the sources with the most
        // sentences (a big story told from a small source would repeat itself into
        // accidental near duplicates).
        let n_src = learned.sources.len();
        let mut by_pool: Vec<u32> = (0..n_src as u32).collect();
        by_pool.sort_by_key(|&i| {
            (
                std::cmp::Reverse(learned.sources[i as usize].sentences.len()),
                i,
            )
        });
        let mut by_size: Vec<usize> = (0..s).collect();
        by_size.sort_by_key(|&k| (std::cmp::Reverse(sizes[k]), k));
        let mut source_of = vec![0u32; s];
        for (rank, &k) in by_size.iter().enumerate() {
            source_of[k] = by_pool[rank % n_src];
        }
        let p_copy = if cfg.n > s {
            (cfg.wire_share * cfg.n as f64 / (cfg.n - s) as f64).min(0.5)
        } else {
            0.0
        };
        let mut stories = Vec::with_capacity(s);
        let mut specs: Vec<Spec> = Vec::with_capacity(cfg.n);
        for (k, &size) in sizes.iter().enumerate() {
            let source = source_of[k];
            let anchor = cfg.start + (rng.unit() * (cfg.days * 86_400) as f64) as i64;
            let anchor_year = DateTime::from_timestamp(anchor, 0)
                .map(|d| d.year())
                .unwrap_or(2023);
            let year_shift = learned.sources[source as usize]
                .year
                .map_or(0, |y| anchor_year - y);
            let tau_days = rng.log_uniform(0.3, 10.0);
            let key = mix3(cfg.seed, 5, k as u64);
            stories.push(Story {
                source,
                text: StoryText { key, year_shift },
                sentences: story_sentences(key, learned.sources[source as usize].sentences.len()),
            });
            let first = specs.len();
            let mut originals: Vec<u32> = Vec::new();
            for j in 0..size {
                let dated = !rng.chance(cfg.undated_share);
                if j > 0 && !originals.is_empty() && rng.chance(p_copy) {
                    let of = originals[rng.below(originals.len())];
                    let orig = specs[of as usize];
                    let mut outlet = pick_outlet(&mut rng);
                    for _ in 0..10 {
                        if outlet != orig.outlet {
                            break;
                        }
                        outlet = pick_outlet(&mut rng);
                    }
                    let lag = 300.0 + rng.exp(3.0 * 3600.0);
                    specs.push(Spec {
                        story: k as u32,
                        outlet,
                        time: orig.time + lag as i64,
                        dated,
                        copy_of: Some(of),
                    });
                } else {
                    let outlet = pick_outlet(&mut rng);
                    let lag_h = outlets[outlet as usize].lag_hours * (0.7 * rng.normal()).exp();
                    let mut delay = rng.exp(tau_days * 86_400.0) + lag_h * 3600.0;
                    if j > 0 && rng.chance(0.03) {
                        delay += (20.0 + rng.unit() * 380.0) * 86_400.0;
                    }
                    originals.push(specs.len() as u32);
                    specs.push(Spec {
                        story: k as u32,
                        outlet,
                        time: anchor + delay as i64,
                        dated,
                        copy_of: None,
                    });
                }
            }
            debug_assert_eq!(specs.len() - first, size);
        }
        let mut order: Vec<u32> = (0..specs.len() as u32).collect();
        order.sort_by_key(|&i| (specs[i as usize].time, i));
        Plan {
            outlets,
            stories,
            specs,
            order,
            largest: sizes.iter().copied().max().unwrap_or(0),
        }
    }

    fn id(&self, position: u32) -> String {
        format!("a{position:07}")
    }

    fn story_label(&self, story: u32) -> String {
        format!("s{story:06}")
    }
}

// ---------------------------------------------------------------------------------------
// Writing.

/// An original article's headline and sentences (spec index `i`).
fn compose(cfg: &Config, learned: &Learned, plan: &Plan, i: u32) -> (String, Vec<String>) {
    let spec = plan.specs[i as usize];
    let story = &plan.stories[spec.story as usize];
    let src = &learned.sources[story.source as usize];
    let mut rng = Rng::new(mix3(cfg.seed, 6, i as u64));
    let pool = story.sentences.len();
    let target = (cfg.text_bytes as f64 * (0.35 * rng.normal()).exp())
        .clamp(600.0, 4.0 * cfg.text_bytes as f64) as usize;
    let cap = if pool <= 3 {
        pool
    } else {
        (pool * 9 / 20).max(3)
    };
    let mut idx: Vec<u32> = story.sentences.clone();
    let mut chosen = Vec::new();
    let mut bytes = 0;
    while chosen.len() < cap && bytes < target {
        let k = chosen.len();
        let j = k + rng.below(pool - k);
        idx.swap(k, j);
        chosen.push(idx[k]);
        bytes += src.sentences[idx[k] as usize].text.len() + 1;
    }
    chosen.sort_unstable();
    let sentences: Vec<String> = chosen
        .iter()
        .map(|&c| {
            let mut s = String::new();
            render(&src.sentences[c as usize], &story.text, &mut s);
            s
        })
        .collect();
    let mut title = String::new();
    if src.titles.is_empty() {
        let first = sentences.first().map_or("", String::as_str);
        title = first
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" ");
    } else {
        render(
            &src.titles[rng.below(src.titles.len())],
            &story.text,
            &mut title,
        );
    }
    (title, sentences)
}

/// Joins sentences into paragraphs of 1 to 4 sentences.
fn paragraphs(sentences: &[String], rng: &mut Rng) -> String {
    let mut text = String::with_capacity(sentences.iter().map(|s| s.len() + 2).sum());
    let mut left = 0;
    for s in sentences {
        if !text.is_empty() {
            text.push_str(if left == 0 { "\n\n" } else { " " });
        }
        if left == 0 {
            left = 1 + rng.below(4);
        }
        text.push_str(s);
        left -= 1;
    }
    text
}

fn slug(title: &str) -> String {
    let mut s = String::new();
    for w in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
    {
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w.to_ascii_lowercase());
    }
    s
}

#[derive(serde::Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    maintext: &'a str,
    date_publish: Option<String>,
    source_domain: &'a str,
    url: String,
}

/// The JSON line of the article at output position `p`.
fn line(cfg: &Config, learned: &Learned, plan: &Plan, p: u32, out: &mut Vec<u8>) {
    let i = plan.order[p as usize];
    let spec = plan.specs[i as usize];
    let mut rng = Rng::new(mix3(cfg.seed, 7, i as u64));
    let (title, sentences) = match spec.copy_of {
        None => compose(cfg, learned, plan, i),
        Some(of) => {
            let (mut title, mut sentences) = compose(cfg, learned, plan, of);
            // Outlets trim a wire story's tail and sometimes rewrite its headline.
            let cut = rng.below(3);
            if sentences.len() > cut + 3 {
                sentences.truncate(sentences.len() - cut);
            }
            let story = &plan.stories[spec.story as usize];
            let src = &learned.sources[story.source as usize];
            if src.titles.len() > 1 && rng.chance(0.3) {
                title.clear();
                render(
                    &src.titles[rng.below(src.titles.len())],
                    &story.text,
                    &mut title,
                );
            }
            (title, sentences)
        }
    };
    let text = paragraphs(&sentences, &mut rng);
    let id = plan.id(p);
    let outlet = &plan.outlets[spec.outlet as usize];
    let when = DateTime::from_timestamp(spec.time, 0).expect("time in range");
    let url = if spec.dated {
        format!(
            "https://{}/{}/{}-{}",
            outlet.domain,
            when.format("%Y/%m/%d"),
            slug(&title),
            &id[1..]
        )
    } else {
        format!(
            "https://{}/news/{}-{}",
            outlet.domain,
            slug(&title),
            &id[1..]
        )
    };
    let rec = Record {
        id: &id,
        title: &title,
        maintext: &text,
        date_publish: spec
            .dated
            .then(|| when.format("%Y-%m-%d %H:%M:%S").to_string()),
        source_domain: &outlet.domain,
        url,
    };
    serde_json::to_writer(&mut *out, &rec).expect("writing to memory");
    out.push(b'\n');
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

fn write_all(cfg: &Config, learned: &Learned, plan: &Plan) -> Result<Summary, String> {
    let dir = cfg.out.join("articles");
    if cfg.out.exists() {
        let mut leftovers = Vec::new();
        for name in ["gold.csv", "labels.csv", "manifest.json"] {
            let p = cfg.out.join(name);
            if p.exists() {
                leftovers.push(p);
            }
        }
        if dir.is_dir() {
            for e in std::fs::read_dir(&dir).map_err(io_err(&dir))? {
                leftovers.push(e.map_err(io_err(&dir))?.path());
            }
        }
        if !leftovers.is_empty() {
            if !cfg.force {
                return Err(format!(
                    "{} already holds a corpus; choose another folder or pass --force",
                    cfg.out.display()
                ));
            }
            for p in leftovers {
                std::fs::remove_file(&p).map_err(io_err(&p))?;
            }
        }
    }
    std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let n = plan.specs.len();
    let shards: Vec<(usize, usize)> = (0..n)
        .step_by(cfg.shard_size)
        .map(|s| (s, (s + cfg.shard_size).min(n)))
        .collect();
    let bytes: Vec<u64> = shards
        .par_iter()
        .enumerate()
        .map(|(k, &(lo, hi))| -> Result<u64, String> {
            let mut buf = Vec::with_capacity((hi - lo) * (cfg.text_bytes + 600));
            for p in lo..hi {
                line(cfg, learned, plan, p as u32, &mut buf);
            }
            let path = dir.join(format!("part-{k:05}.jsonl"));
            std::fs::write(&path, &buf).map_err(io_err(&path))?;
            Ok(buf.len() as u64)
        })
        .collect::<Result<_, _>>()?;
    let mut gold = String::with_capacity(n * 18);
    gold.push_str("id,story\n");
    for (p, &i) in plan.order.iter().enumerate() {
        let _ = writeln!(
            gold,
            "{},{}",
            plan.id(p as u32),
            plan.story_label(plan.specs[i as usize].story)
        );
    }
    let gold_path = cfg.out.join("gold.csv");
    std::fs::write(&gold_path, gold).map_err(io_err(&gold_path))?;
    // The same with what made each article, for looking into errors.
    let mut position = vec![0u32; n];
    for (p, &i) in plan.order.iter().enumerate() {
        position[i as usize] = p as u32;
    }
    let mut labels = String::with_capacity(n * 40);
    labels.push_str("id,story,source,wire_copy_of\n");
    for (p, &i) in plan.order.iter().enumerate() {
        let spec = plan.specs[i as usize];
        let story = &plan.stories[spec.story as usize];
        let _ = writeln!(
            labels,
            "{},{},{},{}",
            plan.id(p as u32),
            plan.story_label(spec.story),
            learned.sources[story.source as usize].key,
            spec.copy_of
                .map(|o| plan.id(position[o as usize]))
                .unwrap_or_default()
        );
    }
    let labels_path = cfg.out.join("labels.csv");
    std::fs::write(&labels_path, labels).map_err(io_err(&labels_path))?;
    let summary = Summary {
        articles: n,
        stories: plan.stories.len(),
        sources: learned.sources.len(),
        input_articles: learned.input_articles,
        outlets: plan.outlets.len(),
        wire_copies: plan.specs.iter().filter(|s| s.copy_of.is_some()).count(),
        undated: plan.specs.iter().filter(|s| !s.dated).count(),
        largest_story: plan.largest,
        bytes: bytes.iter().sum(),
        shards: shards.len(),
    };
    let manifest = serde_json::json!({
        "generator": "storyline examples/scale_corpus",
        "n": cfg.n,
        "seed": cfg.seed,
        "inputs": cfg.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "gold": cfg.gold.as_ref().map(|p| p.display().to_string()),
        "shard_size": cfg.shard_size,
        "outlets": cfg.outlets,
        "story_size": cfg.story_size,
        "days": cfg.days,
        "start": cfg.start,
        "wire_share": cfg.wire_share,
        "undated_share": cfg.undated_share,
        "text_bytes": cfg.text_bytes,
        "summary": summary,
    });
    // Written last: its presence marks a complete corpus.
    let path = cfg.out.join("manifest.json");
    let mut f = std::fs::File::create(&path).map_err(io_err(&path))?;
    serde_json::to_writer_pretty(&mut f, &manifest).map_err(|e| e.to_string())?;
    f.write_all(b"\n").map_err(io_err(&path))?;
    Ok(summary)
}
