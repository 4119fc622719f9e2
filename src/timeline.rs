//! Timelines: the dated events of each story, from temporal expressions resolved against each
//! article's publication date, merged across the articles and outlets that report them.
//!
//! An event is a sentence that carries a resolved DATE or TIME expression of day, week, month or
//! year granularity; a lead sentence with no date of its own takes its article's publication
//! day. Within a story, candidates are grouped by date and then by sentence similarity; each
//! group becomes one entry with its most representative sentence and counts of the articles and
//! outlets reporting it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::Article;
use crate::temporal::{Granularity, Tagger, Timex, TimexType};
use crate::textstore::Texts;

/// Settings of the timeline builder. Defaults: up to 3 dates per sentence, sentences of one
/// entry share at least 25% of their content words, an article's lead is its headline and the
/// first sentence of its text.
#[derive(Debug, Clone, Copy)]
pub struct TimelineParams {
    /// Most distinct dates taken from one sentence.
    pub max_dates_per_sentence: usize,
    /// Jaccard similarity of content words at or above which two sentences of the same date
    /// report the same event.
    pub similarity: f64,
    /// How many sentences at the top of an article (its headline first) count as its lead.
    pub lead_sentences: usize,
}

impl Default for TimelineParams {
    fn default() -> Self {
        TimelineParams {
            max_dates_per_sentence: 3,
            similarity: 0.25,
            lead_sentences: 1,
        }
    }
}

/// How fine a timeline date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateGrain {
    /// `2014-09-15`
    Day,
    /// `2014-W37`
    Week,
    /// `2014-09`
    Month,
    /// `2014`
    Year,
}

impl DateGrain {
    /// The name written in `timeline.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateGrain::Day => "day",
            DateGrain::Week => "week",
            DateGrain::Month => "month",
            DateGrain::Year => "year",
        }
    }
}

/// One entry of a story's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// The story.
    pub story_id: String,
    /// The date: `2014-09-15`, `2014-W37`, `2014-09` or `2014`.
    pub date: String,
    /// How fine `date` is.
    pub granularity: DateGrain,
    /// The most representative sentence reporting the event.
    pub event: String,
    /// Articles reporting it.
    pub articles: usize,
    /// Distinct outlets reporting it.
    pub outlets: usize,
    /// Ids of the articles reporting it, sorted.
    pub sources: Vec<String>,
    /// Earliest publication time among them, when known.
    pub first_reported: Option<DateTime<FixedOffset>>,
    /// The temporal expression as most often written ("Monday", "March 22, 2014"), or
    /// `(published)` for a lead dated by its article's publication day.
    pub expression: String,
    /// Share of the story's articles that report it (0..1): the rank of the entry.
    pub coverage: f64,
}

/// A sentence found to carry a date.
#[derive(Debug, Clone)]
struct Candidate {
    article: usize,
    date: String,
    grain: DateGrain,
    sentence: String,
    expression: String,
    /// Hashes of the sentence's content words, sorted and distinct.
    words: Vec<u64>,
}

/// The date and grain of a resolved DATE/TIME expression usable on a timeline.
fn timeline_date(t: &Timex) -> Option<(String, DateGrain)> {
    if !matches!(t.kind, TimexType::Date | TimexType::Time) {
        return None;
    }
    let g = t.granularity()?;
    let v = t.value.as_str();
    match g {
        Granularity::Day => Some((v.get(..10)?.to_string(), DateGrain::Day)),
        Granularity::Week => Some((v.get(..8)?.to_string(), DateGrain::Week)),
        Granularity::Month => Some((v.get(..7)?.to_string(), DateGrain::Month)),
        Granularity::Year => Some((v.get(..4)?.to_string(), DateGrain::Year)),
        _ => None,
    }
}

const ABBREVIATIONS: [&str; 36] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "inc", "corp", "co", "ltd", "jr", "sr", "mt", "ft",
];

/// True when a sentence piece ends in an abbreviation or initial, not a sentence end.
fn ends_with_abbreviation(piece: &str) -> bool {
    let t = piece.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '-' | '/'))
        .next()
        .unwrap_or("");
    if last.is_empty() {
        return false;
    }
    // Initials and dotted abbreviations: "J.", "U.S.", "a.m."
    if last.chars().count() == 1 && last.chars().all(char::is_alphabetic) || last.contains('.') {
        return true;
    }
    ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

/// Sentences of a text as byte ranges: paragraphs split by line breaks, then by Unicode
/// sentence boundaries (unicode-segmentation), re-joined where a boundary fell after an
/// abbreviation ("U.S.", "Aug.", "Mr.").
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut current: Option<(usize, usize)> = None;
        for (off, piece) in line.split_sentence_bound_indices() {
            let (s, e) = (line_start + off, line_start + off + piece.len());
            current = match current {
                Some((cs, ce)) if ends_with_abbreviation(&text[cs..ce]) => Some((cs, e)),
                Some(c) => {
                    out.push(c);
                    Some((s, e))
                }
                None => Some((s, e)),
            };
        }
        if let Some(c) = current {
            out.push(c);
        }
        line_start += line.len();
    }
    out.into_iter()
        .filter_map(|(s, e)| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (e - trail > s + lead).then_some((s + lead, e - trail))
        })
        .collect()
}

fn stop_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| stop_words::get("en").into_iter().collect())
}

/// Hashes of the lowercased content words of a sentence (no stop words, at least 3 letters),
/// sorted and distinct: compact, and compared by a merge.
fn content_words(s: &str) -> Vec<u64> {
    let mut out: Vec<u64> = crate::analyze::word_indices(s)
        .into_iter()
        .map(|(_, w)| w)
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 2 && !stop_words().contains(w))
        .map(|w| crate::cluster::stable_hash(&w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Groups of a date that a new sentence is compared with, at most.
const MAX_GROUPS_COMPARED: usize = 64;
/// Members of an entry among which its most representative sentence is chosen, at most.
const MEDOID_SAMPLE: usize = 48;

/// Longest event sentence kept, in bytes (cut at a char boundary with an ellipsis).
const MAX_EVENT_BYTES: usize = 400;

fn clip(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.len() <= MAX_EVENT_BYTES {
        return s;
    }
    let mut end = MAX_EVENT_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// True when a sentence is little more than its date expressions (a dateline).
fn is_only_a_date(sentence: &str, date_bytes: usize) -> bool {
    date_bytes > 0
        && crate::analyze::word_indices(sentence).len() <= 6
        && date_bytes * 2 >= sentence.trim().len()
}

/// True when the byte at `i` ends a sentence: `.`, `!` or `?` followed by white space (or the
/// end), unless the period closes an abbreviation or an initial.
fn ends_sentence_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if !matches!(b[i], b'.' | b'!' | b'?') {
        return false;
    }
    // Closing quotes and brackets may follow the mark.
    let mut k = i + 1;
    while k < b.len() && matches!(b[k], b'"' | b'\'' | b')') {
        k += 1;
    }
    if text[k..].starts_with(['”', '’']) {
        k += 3;
    }
    if k < b.len() && !b[k].is_ascii_whitespace() {
        return false;
    }
    b[i] != b'.' || !ends_with_abbreviation(&text[..=i])
}

/// The sentence around the byte range `start..end`: from after the previous sentence end or
/// line break to the next one. Cheap, so only the sentences that matter are ever cut.
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut s = start;
    while s > 0
        && b[s - 1] != b'\n'
        && !(b[s - 1].is_ascii_whitespace() && s >= 2 && ends_sentence_at(text, s - 2))
    {
        s -= 1;
    }
    let mut e = end.max(s);
    while e < b.len() && b[e] != b'\n' && !ends_sentence_at(text, e) {
        e += 1;
    }
    if e < b.len() && b[e] != b'\n' {
        e += 1;
        while e < b.len() && matches!(b[e], b'"' | b'\'' | b')') {
            e += 1;
        }
        if text[e..].starts_with(['”', '’']) {
            e += 3;
        }
    }
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (s + lead, (e - trail).max(s + lead))
}

/// A date found in a sentence: value, grain, the expression as written.
type DateMention = (String, DateGrain, String);
/// A sentence span, its dates (with the expression type) and the bytes its expressions cover.
type DatedSentence = (
    (usize, usize),
    Vec<(String, DateGrain, String, TimexType)>,
    usize,
);

/// The dated sentences of one article.
fn candidates(i: usize, a: &Article, tagger: &mut Tagger, p: &TimelineParams) -> Vec<Candidate> {
    let dct = a.published.map(|d| d.date_naive());
    // The headline is the first lead sentence: it reports the news of the publication day.
    let text: String = [&a.title, &a.description, &a.text]
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let timexes = tagger.tag(&text, dct);
    // Sentences that carry a timex, in order, with their dates.
    let mut dated: Vec<DatedSentence> = Vec::new();
    for x in &timexes {
        let span = match dated.last() {
            Some((sp, _, _)) if x.start < sp.1 => *sp,
            _ => sentence_around(&text, x.start, x.end),
        };
        if dated.last().is_none_or(|d| d.0 != span) {
            dated.push((span, Vec::new(), 0));
        }
        let last = dated.last_mut().expect("pushed");
        last.2 += x.end.min(span.1).saturating_sub(x.start);
        if let Some((d, g)) = timeline_date(x)
            && !last.1.iter().any(|y| y.0 == d)
            && last.1.len() < p.max_dates_per_sentence
        {
            last.1.push((d, g, x.text.clone(), x.kind));
        }
    }
    // The lead: the headline and the first sentences of the text, datelines passed over.
    let mut lead: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while lead.len() < p.lead_sentences && pos < text.len() {
        let span = sentence_around(&text, pos, pos);
        let dates_bytes = dated.iter().find(|d| d.0 == span).map_or(0, |d| d.2);
        if span.1 > span.0 && !is_only_a_date(&text[span.0..span.1], dates_bytes) {
            lead.push(span);
        }
        pos = span.1.max(pos + 1);
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    let mut sentences: Vec<((usize, usize), Vec<DateMention>)> = Vec::new();
    for (span, mut dates, date_bytes) in dated {
        // A dateline ("March 01, 2008") dates the article, not an event.
        if is_only_a_date(&text[span.0..span.1], date_bytes) {
            continue;
        }
        // A clock time takes its day from the publication date; when the sentence names its
        // own day ("Tuesday at 18:00"), that day is the event's.
        if dates
            .iter()
            .any(|d| d.3 == TimexType::Date && d.1 == DateGrain::Day)
        {
            dates.retain(|d| d.3 != TimexType::Time);
        }
        if !dates.is_empty() {
            sentences.push((
                span,
                dates.into_iter().map(|(d, g, x, _)| (d, g, x)).collect(),
            ));
        }
    }
    if let Some(d) = a.published {
        for span in lead {
            if !sentences.iter().any(|s| s.0 == span) {
                let day = (
                    d.format("%Y-%m-%d").to_string(),
                    DateGrain::Day,
                    "(published)".to_string(),
                );
                sentences.push((span, vec![day]));
            }
        }
    }
    sentences.sort_by_key(|s| s.0);
    let mut out = Vec::new();
    for ((s, e), dates) in sentences {
        let sentence = &text[s..e];
        let words = content_words(sentence);
        let clipped = clip(sentence);
        for (date, grain, expression) in dates {
            out.push(Candidate {
                article: i,
                date,
                grain,
                sentence: clipped.clone(),
                expression,
                words: words.clone(),
            });
        }
    }
    out
}

/// Builds the timelines of all stories. `story_of[i]` is the story of `articles[i]` (`None`
/// for rows outside any story, which are left out). Entries come sorted by story, then date,
/// then coverage (highest first), then event text.
pub fn build_timelines(
    articles: &[Article],
    story_of: &[Option<String>],
    params: &TimelineParams,
) -> Vec<TimelineEntry> {
    build_timelines_texts(Texts::in_memory(articles), story_of, params)
}

/// [`build_timelines`] on articles whose texts may be in a
/// [`crate::textstore::TextStore`].
pub fn build_timelines_texts(
    texts: Texts<'_>,
    story_of: &[Option<String>],
    params: &TimelineParams,
) -> Vec<TimelineEntry> {
    let articles = texts.articles;
    let per_article: Vec<Vec<Candidate>> = articles
        .par_iter()
        .enumerate()
        .map_init(Tagger::new, |tagger, (i, a)| {
            if a.is_ok() && story_of.get(i).is_some_and(Option::is_some) {
                let a = texts.get(i);
                // A bug on one article costs that article's events, not the run.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    candidates(i, &a, tagger, params)
                }))
                .unwrap_or_else(|_| {
                    *tagger = Tagger::new();
                    Vec::new()
                })
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut by_story: BTreeMap<&str, Vec<Candidate>> = BTreeMap::new();
    let mut story_size: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in story_of.iter().enumerate() {
        if let Some(s) = s
            && articles[i].is_ok()
        {
            *story_size.entry(s.as_str()).or_default() += 1;
        }
    }
    for c in per_article.into_iter().flatten() {
        let s = story_of[c.article]
            .as_deref()
            .expect("candidate of a story");
        by_story.entry(s).or_default().push(c);
    }
    let mut entries: Vec<TimelineEntry> = by_story
        .into_par_iter()
        .flat_map_iter(|(story, cands)| {
            let size = story_size.get(story).copied().unwrap_or(1);
            story_entries(story, cands, size, articles, params)
        })
        .collect();
    entries.sort_by(|a, b| {
        a.story_id
            .cmp(&b.story_id)
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| b.coverage.total_cmp(&a.coverage))
            .then_with(|| a.event.cmp(&b.event))
    });
    entries
}

fn story_entries(
    story: &str,
    mut cands: Vec<Candidate>,
    story_size: usize,
    articles: &[Article],
    p: &TimelineParams,
) -> Vec<TimelineEntry> {
    // Earliest reports first, so the grouping and ties do not depend on input order.
    let key = |c: &Candidate| {
        (
            articles[c.article].published.is_none(),
            articles[c.article].published,
            c.article,
        )
    };
    cands.sort_by(|a, b| {
        (a.date.as_str(), a.grain, key(a)).cmp(&(b.date.as_str(), b.grain, key(b)))
    });
    let mut entries = Vec::new();
    let mut i = 0;
    while i < cands.len() {
        let j = cands[i..]
            .iter()
            .position(|c| c.date != cands[i].date || c.grain != cands[i].grain)
            .map_or(cands.len(), |k| i + k);
        let group = &cands[i..j];
        // Greedy grouping by similarity to each group's first sentence. Identical sentences
        // join at once; others are compared with the newest groups only, so a date reported
        // by thousands of articles costs linear time.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut same: HashMap<&[u64], usize> = HashMap::new();
        for (k, c) in group.iter().enumerate() {
            if let Some(&g) = same.get(c.words.as_slice()) {
                groups[g].push(k);
                continue;
            }
            let lo = groups.len().saturating_sub(MAX_GROUPS_COMPARED);
            match (lo..groups.len())
                .find(|&g| jaccard(&group[groups[g][0]].words, &c.words) >= p.similarity)
            {
                Some(g) => groups[g].push(k),
                None => {
                    same.insert(c.words.as_slice(), groups.len());
                    groups.push(vec![k]);
                }
            }
        }
        for g in groups {
            entries.push(entry(story, group, &g, story_size, articles));
        }
        i = j;
    }
    entries
}

fn entry(
    story: &str,
    group: &[Candidate],
    members: &[usize],
    story_size: usize,
    articles: &[Article],
) -> TimelineEntry {
    // The medoid: the sentence most like the others (ties: the earliest report), among the
    // earliest members.
    let sample = &members[..members.len().min(MEDOID_SAMPLE)];
    let best = *sample
        .iter()
        .max_by(|&&a, &&b| {
            let score = |x: usize| {
                sample
                    .iter()
                    .map(|&y| jaccard(&group[x].words, &group[y].words))
                    .sum::<f64>()
            };
            score(a).total_cmp(&score(b)).then_with(|| b.cmp(&a))
        })
        .expect("non-empty group");
    let arts: BTreeSet<usize> = members.iter().map(|&k| group[k].article).collect();
    let outlets: BTreeSet<&str> = arts
        .iter()
        .map(|&a| articles[a].outlet.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    let mut sources: Vec<String> = arts.iter().map(|&a| articles[a].id.clone()).collect();
    sources.sort();
    let first_reported = arts.iter().filter_map(|&a| articles[a].published).min();
    let mut expr_count: BTreeMap<&str, usize> = BTreeMap::new();
    for &k in members {
        *expr_count.entry(group[k].expression.as_str()).or_default() += 1;
    }
    let expression = expr_count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|e| e.0.to_string())
        .unwrap_or_default();
    TimelineEntry {
        story_id: story.to_string(),
        date: group[best].date.clone(),
        granularity: group[best].grain,
        event: group[best].sentence.clone(),
        articles: arts.len(),
        outlets: outlets.len(),
        sources,
        first_reported,
        expression,
        coverage: arts.len() as f64 / story_size.max(1) as f64,
    }
}

/// Date precision, recall and F1 of a timeline against gold timelines.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DateScores {
    /// Distinct days in the gold timelines.
    pub gold: usize,
    /// Distinct days in the predicted timeline.
    pub predicted: usize,
    /// Days in both.
    pub correct: usize,
    /// correct / predicted.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl DateScores {
    /// Scores two sets of days.
    pub fn of(gold: &BTreeSet<String>, predicted: &BTreeSet<String>) -> DateScores {
        let correct = gold.intersection(predicted).count();
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(correct, predicted.len()), ratio(correct, gold.len()));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        DateScores {
            gold: gold.len(),
            predicted: predicted.len(),
            correct,
            precision,
            recall,
            f1,
        }
    }
}

fn is_day(d: &str) -> bool {
    chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
}

/// The days (`YYYY-MM-DD`) on the dated lines of SemEval-2015 gold timelines: every file in
/// `dir`, lines `order<TAB>date<TAB>events...`; lines dated `XXXX-XX-XX` or coarser are left out.
pub fn read_gold_timeline_days(dir: &std::path::Path) -> std::io::Result<BTreeSet<String>> {
    let mut days = BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    files.sort_by_key(|e| e.path());
    for f in files.into_iter().filter(|f| f.path().is_file()) {
        for line in std::fs::read_to_string(f.path())?.lines() {
            if let Some(d) = line.split('\t').nth(1).filter(|d| is_day(d)) {
                days.insert(d.to_string());
            }
        }
    }
    Ok(days)
}

/// The days of the day-granularity entries of a `timeline.csv`.
pub fn read_timeline_days(path: &std::path::Path) -> Result<BTreeSet<String>, csv::Error> {
    let mut r = csv::Reader::from_path(path)?;
    let headers = r.headers()?.clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (Some(d), g) = (col("date"), col("granularity")) else {
        return Err(csv::Error::from(std::io::Error::other(format!(
            "{} has no 'date' column",
            path.display()
        ))));
    };
    let mut days = BTreeSet::new();
    for rec in r.records() {
        let rec = rec?;
        let date = rec.get(d).unwrap_or("");
        if g.is_none_or(|g| rec.get(g) == Some("day")) && is_day(date) {
            days.insert(date.to_string());
        }
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_do_not_break_after_abbreviations() {
        let t = "PARIS — U.S. Secretary of State John Kerry spoke. He met Mr. Smith on Aug. 1 at 10 a.m. in Paris.\nNew paragraph here.\nUPDATE 1-Mt. Gox files for bankruptcy.";
        let s: Vec<&str> = sentences(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec![
                "PARIS — U.S. Secretary of State John Kerry spoke.",
                "He met Mr. Smith on Aug. 1 at 10 a.m. in Paris.",
                "New paragraph here.",
                "UPDATE 1-Mt. Gox files for bankruptcy."
            ]
        );
    }

    fn art(id: &str, outlet: &str, published: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: outlet.into(),
            text: text.into(),
            published: Some(DateTime::parse_from_rfc3339(published).unwrap()),
            ..Default::default()
        }
    }

    #[test]
    fn one_event_reported_by_two_outlets_is_one_entry() {
        let arts = vec![
            art(
                "a",
                "x.com",
                "2014-09-15T12:00:00Z",
                "Diplomats met in Paris on Monday to plan a strategy against the militants. The weather was fine.",
            ),
            art(
                "b",
                "y.com",
                "2014-09-15T18:00:00Z",
                "Diplomats from 24 nations met in Paris Monday to agree a strategy against the militants.",
            ),
            art(
                "c",
                "y.com",
                "2014-09-16T08:00:00Z",
                "The 2003 invasion of Iraq still shapes the debate.",
            ),
        ];
        let story = vec![Some("s".to_string()); 3];
        let t = build_timelines(&arts, &story, &TimelineParams::default());
        let monday: Vec<&TimelineEntry> = t.iter().filter(|e| e.date == "2014-09-15").collect();
        assert_eq!(monday.len(), 1, "{t:#?}");
        assert_eq!((monday[0].articles, monday[0].outlets), (2, 2));
        assert_eq!(monday[0].sources, vec!["a", "b"]);
        assert_eq!(monday[0].granularity, DateGrain::Day);
        assert_eq!(monday[0].first_reported, arts[0].published);
        let y2003 = t.iter().find(|e| e.date == "2003").unwrap();
        assert_eq!(y2003.granularity, DateGrain::Year);
        assert!((y2003.coverage - 1.0 / 3.0).abs() < 1e-9);
        // Sorted by date within the story.
        assert!(t.windows(2).all(|w| w[0].date <= w[1].date));
    }

    #[test]
    fn undated_lead_takes_the_publication_day_and_undated_articles_guess_nothing() {
        let mut arts = vec![art(
            "a",
            "x.com",
            "2014-09-16T08:00:00Z",
            "Officials announced a new plan. More later.",
        )];
        arts.push(Article {
            id: "b".into(),
            text: "He spoke on Monday.".into(),
            ..Default::default()
        });
        let t = build_timelines(
            &arts,
            &[Some("s".into()), Some("s".into())],
            &TimelineParams::default(),
        );
        assert_eq!(t.len(), 1, "{t:#?}");
        assert_eq!(t[0].date, "2014-09-16");
        assert_eq!(t[0].expression, "(published)");
    }

    #[test]
    fn date_scores_count_distinct_days() {
        let g: BTreeSet<String> = ["2014-01-01", "2014-01-02"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let p: BTreeSet<String> = ["2014-01-02", "2014-01-03", "2014-01-04", "2014-01-05"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let s = DateScores::of(&g, &p);
        assert_eq!((s.correct, s.precision, s.recall), (1, 0.25, 0.5));
        assert!((s.f1 - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn headline_reports_the_publication_day() {
        let mut a = art(
            "a",
            "x.com",
            "2014-09-16T08:00:00Z",
            "The conference opened on Monday.",
        );
        a.title = "Diplomats pledge to fight militants".into();
        let t = build_timelines(&[a], &[Some("s".into())], &TimelineParams::default());
        let pubday = t
            .iter()
            .find(|e| e.date == "2014-09-16")
            .expect("headline entry");
        assert_eq!(pubday.event, "Diplomats pledge to fight militants");
        assert!(t.iter().any(|e| e.date == "2014-09-15"));
    }

    #[test]
    fn rows_without_a_story_have_no_timeline() {
        let arts = vec![art(
            "a",
            "x.com",
            "2014-09-16T08:00:00Z",
            "It happened on March 22, 2014.",
        )];
        assert!(build_timelines(&arts, &[None], &TimelineParams::default()).is_empty());
    }
}
