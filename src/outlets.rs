//! Outlets: how each outlet covered each story — who, when, how much, what they stressed, what
//! they missed.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::article::{Article, Kind};
use crate::ingest::host_of;
use crate::textstore::Texts;
use crate::timeline::TimelineEntry;

/// The outlet name of rows that have none.
pub const UNKNOWN_OUTLET: &str = "(unknown)";

/// Settings of the outlet comparison. Defaults: distinctive terms need a z-score of at least
/// 2.58 (p < 0.01, two-sided) and at least 3 occurrences; at most 5 shown; prior strength 500;
/// a story is a blind spot for an outlet when at least 3 outlets covered it and the outlet
/// published something else during it (from a day before its first report to a day after its
/// last); the 20 biggest blind spots of each outlet are listed.
#[derive(Debug, Clone, Copy)]
pub struct OutletParams {
    /// Smallest z-score of the log-odds ratio for a distinctive term.
    pub min_z: f64,
    /// Fewest occurrences of a term in the outlet's coverage for it to be distinctive.
    pub min_count: usize,
    /// Most distinctive terms listed per outlet and story.
    pub max_terms: usize,
    /// Total pseudo-count of the informative Dirichlet prior (alpha_0).
    pub prior_strength: f64,
    /// Fewest outlets covering a story for it to count as a blind spot of the others.
    pub blindspot_min_outlets: usize,
    /// Most blind spots listed per outlet: its biggest missed stories. On a big corpus
    /// nearly every story is missed by most outlets, and a table of all of them would be
    /// longer than the article table and say less.
    pub blindspots_per_outlet: usize,
}

impl Default for OutletParams {
    fn default() -> Self {
        OutletParams {
            min_z: 2.58,
            min_count: 3,
            max_terms: 5,
            prior_strength: 500.0,
            blindspot_min_outlets: 3,
            blindspots_per_outlet: 20,
        }
    }
}

/// One outlet's coverage of one story (a row of `outlets.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoryOutlet {
    /// The story.
    pub story_id: String,
    /// The outlet (`(unknown)` for rows without one).
    pub outlet: String,
    /// Its articles in the story (originals, teasers and duplicates).
    pub articles: usize,
    /// Of those, not copies of another article.
    pub original: usize,
    /// Of those, wire copies / near duplicates of an earlier article.
    pub syndicated: usize,
    /// Words in its articles.
    pub words: usize,
    /// Its share of the story's articles (0..1).
    pub share: f64,
    /// Its first report, when dated.
    pub first_published: Option<DateTime<FixedOffset>>,
    /// Hours behind the story's first report (0 for the first); `None` when undated.
    pub lag_hours: Option<f64>,
    /// Timeline entries of the story its articles report.
    pub events_reported: usize,
    /// Timeline entries of the story its articles do not report.
    pub events_missed: usize,
    /// Terms its coverage uses more than the other outlets' coverage of the story.
    pub distinctive_terms: Vec<String>,
}

/// One outlet over all stories (a row of `outlet_summary.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct OutletSummary {
    /// The outlet.
    pub outlet: String,
    /// Its articles in stories.
    pub articles: usize,
    /// Stories it covered.
    pub stories: usize,
    /// Stories it reported first (ties: every outlet with the earliest time).
    pub first_to_report: usize,
    /// Median of its lags over the stories it covered with a date.
    pub median_lag_hours: Option<f64>,
    /// Share of its articles that are copies of other articles.
    pub syndicated_share: f64,
    /// Its biggest stories by its article count (story ids).
    pub top_stories: Vec<String>,
}

/// A story many outlets covered and this one did not, while it was publishing.
#[derive(Debug, Clone, PartialEq)]
pub struct BlindSpot {
    /// The outlet that missed it.
    pub outlet: String,
    /// The story.
    pub story_id: String,
    /// How many outlets covered it.
    pub story_outlets: usize,
    /// How many articles the story has.
    pub story_articles: usize,
}

/// The outlet comparison of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutletReport {
    /// Per story and outlet, sorted by story, then first report, then outlet.
    pub by_story: Vec<StoryOutlet>,
    /// Per outlet, by articles (most first), then name.
    pub summary: Vec<OutletSummary>,
    /// Blind spots, by outlet then by story size (biggest first).
    pub blindspots: Vec<BlindSpot>,
}

/// The outlet a row is counted under.
pub fn outlet_name(a: &Article) -> &str {
    if a.outlet.is_empty() {
        UNKNOWN_OUTLET
    } else {
        &a.outlet
    }
}

/// Gives each outlet one name: aliases from `aliases` (alias -> name, e.g. from
/// `--outlet-map`) are replaced, and a row named only by a host (`latimes.com`) takes the name
/// that rows with that URL host carry (`Los Angeles Times`) when one name is the most common.
/// Returns the number of rows renamed.
pub fn normalize_outlets(articles: &mut [Article], aliases: &BTreeMap<String, String>) -> usize {
    let mut host_names: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for a in articles.iter() {
        let Some(host) = host_of(&a.url) else {
            continue;
        };
        if !a.outlet.is_empty() && !looks_like_host(&a.outlet) {
            *host_names
                .entry(host)
                .or_default()
                .entry(a.outlet.clone())
                .or_default() += 1;
        }
    }
    let best: BTreeMap<String, String> = host_names
        .into_iter()
        .filter_map(|(h, names)| {
            names
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(n, _)| (h, n))
        })
        .collect();
    let mut renamed = 0;
    for a in articles.iter_mut() {
        let mut name = a.outlet.clone();
        if looks_like_host(&name)
            && let Some(n) = best.get(name.trim_start_matches("www."))
        {
            name = n.clone();
        }
        if let Some(n) = aliases.get(&name) {
            name = n.clone();
        }
        if name != a.outlet {
            a.outlet = name;
            renamed += 1;
        }
    }
    renamed
}

fn looks_like_host(s: &str) -> bool {
    !s.is_empty() && !s.contains(' ') && s.contains('.')
}

/// Reads an outlet map: a CSV with columns `alias,outlet` (header optional).
pub fn read_outlet_map(path: &std::path::Path) -> Result<BTreeMap<String, String>, csv::Error> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)?;
    let mut map = BTreeMap::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec?;
        let (Some(a), Some(o)) = (rec.get(0), rec.get(1)) else {
            continue;
        };
        if i == 0 && a.trim().eq_ignore_ascii_case("alias") {
            continue;
        }
        map.insert(a.trim().to_string(), o.trim().to_string());
    }
    Ok(map)
}

fn stop_words() -> &'static FxHashSet<String> {
    static WORDS: OnceLock<FxHashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| stop_words::get("en").into_iter().collect())
}

/// Calls `f` with each content word of `a` (no stop words, no numbers, at least 3 letters),
/// lowercased in a reused buffer: counting a million articles' words then allocates once per
/// distinct word, not once per word.
fn for_each_term(title: &str, description: &str, text: &str, mut f: impl FnMut(&str)) {
    let keep = |w: &str| {
        w.chars().count() >= 3 && w.chars().any(char::is_alphabetic) && !stop_words().contains(w)
    };
    let mut buf = String::new();
    for p in [title, description, text] {
        for (_, w) in crate::analyze::word_indices(p) {
            if w.is_ascii() {
                buf.clear();
                buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                if keep(&buf) {
                    f(&buf);
                }
            } else {
                let w = w.to_lowercase();
                if keep(&w) {
                    f(&w);
                }
            }
        }
    }
}

/// Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
/// "Fightin' Words"): the z-scores of the terms of `mine` against the rest of `pooled` (the
/// counts of all sides together, `mine` included), with the prior proportional to the pooled
/// counts. Returns (term, z) for the terms of `mine`, best first.
pub fn fightin_words<S: std::hash::BuildHasher>(
    mine: &HashMap<String, usize, S>,
    pooled: &HashMap<String, usize, S>,
    prior_strength: f64,
) -> Vec<(String, f64)> {
    let n_i: f64 = mine.values().sum::<usize>() as f64;
    let total: f64 = pooled.values().sum::<usize>() as f64;
    let n_j = total - n_i;
    if n_i == 0.0 || n_j <= 0.0 {
        return Vec::new();
    }
    let a0 = prior_strength;
    let mut out: Vec<(String, f64)> = mine
        .iter()
        .map(|(w, &yi)| {
            let all = pooled.get(w).copied().unwrap_or(yi).max(yi) as f64;
            let yi = yi as f64;
            let yj = all - yi;
            let aw = a0 * all / total;
            let d =
                ((yi + aw) / (n_i + a0 - yi - aw)).ln() - ((yj + aw) / (n_j + a0 - yj - aw)).ln();
            let var = 1.0 / (yi + aw) + 1.0 / (yj + aw);
            (w.clone(), d / var.sqrt())
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn hours(a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> f64 {
    // Thousandths of an hour (3.6 s): outlets seconds or minutes apart are told apart.
    ((a - b).num_seconds() as f64 / 3600.0 * 1000.0).round() / 1000.0
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        ((v[m - 1] + v[m]) / 2.0 * 1000.0).round() / 1000.0
    })
}

/// Compares the outlets of every story. `story_of[i]` is the story of `articles[i]`.
pub fn compare_outlets(
    articles: &[Article],
    story_of: &[Option<String>],
    timeline: &[TimelineEntry],
    params: &OutletParams,
) -> OutletReport {
    compare_outlets_texts(Texts::in_memory(articles), story_of, timeline, params)
}

/// [`compare_outlets`] on articles whose texts may be in a
/// [`crate::textstore::TextStore`].
pub fn compare_outlets_texts(
    texts: Texts<'_>,
    story_of: &[Option<String>],
    timeline: &[TimelineEntry],
    params: &OutletParams,
) -> OutletReport {
    let articles = texts.articles;
    // story -> outlet -> article indices
    let mut stories: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (i, s) in story_of.iter().enumerate() {
        if let (Some(s), true) = (s, articles[i].is_ok()) {
            stories
                .entry(s.as_str())
                .or_default()
                .entry(outlet_name(&articles[i]))
                .or_default()
                .push(i);
        }
    }
    let mut entries_of: BTreeMap<&str, Vec<&TimelineEntry>> = BTreeMap::new();
    for e in timeline {
        entries_of.entry(e.story_id.as_str()).or_default().push(e);
    }
    let mut by_story: Vec<StoryOutlet> = stories
        .par_iter()
        .flat_map_iter(|(story, outlets)| {
            story_rows(
                story,
                outlets,
                texts,
                entries_of.get(story).map(Vec::as_slice).unwrap_or(&[]),
                params,
            )
        })
        .collect();
    by_story.sort_by(|a, b| {
        a.story_id
            .cmp(&b.story_id)
            .then_with(|| {
                (a.first_published.is_none(), a.first_published)
                    .cmp(&(b.first_published.is_none(), b.first_published))
            })
            .then_with(|| a.outlet.cmp(&b.outlet))
    });
    crate::pipeline::timing_note("outlets: per story done");
    let summary = summarize(&by_story, articles, story_of);
    let blindspots = blindspots(&stories, articles, params);
    crate::pipeline::timing_note("outlets: blind spots done");
    OutletReport {
        by_story,
        summary,
        blindspots,
    }
}

fn story_rows(
    story: &str,
    outlets: &BTreeMap<&str, Vec<usize>>,
    texts: Texts<'_>,
    entries: &[&TimelineEntry],
    params: &OutletParams,
) -> Vec<StoryOutlet> {
    let articles = texts.articles;
    let size: usize = outlets.values().map(Vec::len).sum();
    let first = outlets
        .values()
        .flatten()
        .filter_map(|&i| articles[i].published)
        .min();
    // Distinctive terms compare an outlet with the others: a story with one outlet has none,
    // and its texts need not be read.
    let counts: BTreeMap<&str, FxHashMap<String, usize>> = outlets
        .iter()
        .filter(|_| outlets.len() > 1)
        .map(|(o, idx)| {
            let mut c: FxHashMap<String, usize> = FxHashMap::default();
            for &i in idx {
                let (description, text) = texts.parts(i);
                let title = &articles[i].title;
                for_each_term(title, &description, &text, |t| match c.get_mut(t) {
                    Some(n) => *n += 1,
                    None => {
                        c.insert(t.to_string(), 1);
                    }
                });
            }
            (*o, c)
        })
        .collect();
    let mut pooled: FxHashMap<String, usize> = FxHashMap::default();
    for c in counts.values() {
        for (t, n) in c {
            *pooled.entry(t.clone()).or_default() += n;
        }
    }
    outlets
        .iter()
        .map(|(outlet, idx)| {
            let ids: HashSet<&str> = idx.iter().map(|&i| articles[i].id.as_str()).collect();
            let reported = entries
                .iter()
                .filter(|e| e.sources.iter().any(|s| ids.contains(s.as_str())))
                .count();
            let syndicated = idx
                .iter()
                .filter(|&&i| articles[i].kind == Kind::Duplicate)
                .count();
            let first_published = idx.iter().filter_map(|&i| articles[i].published).min();
            let distinctive_terms = if outlets.len() > 1 {
                let mine = &counts[outlet];
                fightin_words(mine, &pooled, params.prior_strength)
                    .into_iter()
                    .filter(|(t, z)| *z >= params.min_z && mine[t] >= params.min_count)
                    .take(params.max_terms)
                    .map(|(t, _)| t)
                    .collect()
            } else {
                Vec::new()
            };
            StoryOutlet {
                story_id: story.to_string(),
                outlet: outlet.to_string(),
                articles: idx.len(),
                original: idx.len() - syndicated,
                syndicated,
                words: idx.iter().map(|&i| articles[i].word_count).sum(),
                share: idx.len() as f64 / size as f64,
                first_published,
                lag_hours: first_published.zip(first).map(|(f, s)| hours(f, s)),
                events_reported: reported,
                events_missed: entries.len() - reported,
                distinctive_terms,
            }
        })
        .collect()
}

fn summarize(
    by_story: &[StoryOutlet],
    articles: &[Article],
    story_of: &[Option<String>],
) -> Vec<OutletSummary> {
    let mut per: BTreeMap<&str, Vec<&StoryOutlet>> = BTreeMap::new();
    for r in by_story {
        per.entry(r.outlet.as_str()).or_default().push(r);
    }
    let mut syn: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if a.is_ok() && story_of[i].is_some() {
            let e = syn.entry(outlet_name(a)).or_default();
            e.0 += 1;
            e.1 += usize::from(a.kind == Kind::Duplicate);
        }
    }
    let mut out: Vec<OutletSummary> = per
        .into_iter()
        .map(|(outlet, rows)| {
            let mut lags: Vec<f64> = rows.iter().filter_map(|r| r.lag_hours).collect();
            let mut top: Vec<&&StoryOutlet> = rows.iter().collect();
            top.sort_by(|a, b| {
                b.articles
                    .cmp(&a.articles)
                    .then_with(|| a.story_id.cmp(&b.story_id))
            });
            let (n, dup) = syn.get(outlet).copied().unwrap_or((0, 0));
            OutletSummary {
                outlet: outlet.to_string(),
                articles: rows.iter().map(|r| r.articles).sum(),
                stories: rows.len(),
                first_to_report: rows.iter().filter(|r| r.lag_hours == Some(0.0)).count(),
                median_lag_hours: median(&mut lags),
                syndicated_share: if n == 0 { 0.0 } else { dup as f64 / n as f64 },
                top_stories: top.iter().take(3).map(|r| r.story_id.clone()).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.outlet.cmp(&b.outlet))
    });
    out
}

fn blindspots(
    stories: &BTreeMap<&str, BTreeMap<&str, Vec<usize>>>,
    articles: &[Article],
    params: &OutletParams,
) -> Vec<BlindSpot> {
    // When each outlet published (any story), to tell "missed it" from "was not publishing".
    let mut active: BTreeMap<&str, Vec<DateTime<FixedOffset>>> = BTreeMap::new();
    for a in articles.iter().filter(|a| a.is_ok()) {
        if let Some(d) = a.published {
            active.entry(outlet_name(a)).or_default().push(d);
        }
    }
    for v in active.values_mut() {
        v.sort();
    }
    // The stories that can be blind spots, with the window an outlet had to cover them.
    struct Candidate<'a> {
        story: &'a str,
        outlets: &'a BTreeMap<&'a str, Vec<usize>>,
        size: usize,
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    for (story, outlets) in stories {
        if outlets.len() < params.blindspot_min_outlets {
            continue;
        }
        let dates = outlets
            .values()
            .flatten()
            .filter_map(|&i| articles[i].published);
        let (Some(lo), Some(hi)) = (dates.clone().min(), dates.max()) else {
            continue;
        };
        candidates.push(Candidate {
            story,
            outlets,
            size: outlets.values().map(Vec::len).sum(),
            from: lo - chrono::Duration::days(1),
            to: hi + chrono::Duration::days(1),
        });
    }
    // Biggest first (ties by story id), so each outlet's list is its first N misses.
    candidates.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.story.cmp(b.story)));
    let mut out = Vec::new();
    for (outlet, times) in &active {
        if *outlet == UNKNOWN_OUTLET {
            continue;
        }
        let missed = candidates.iter().filter(|c| {
            if c.outlets.contains_key(outlet) {
                return false;
            }
            let i = times.partition_point(|t| *t < c.from);
            times.get(i).is_some_and(|t| *t <= c.to)
        });
        out.extend(
            missed
                .take(params.blindspots_per_outlet)
                .map(|c| BlindSpot {
                    outlet: outlet.to_string(),
                    story_id: c.story.to_string(),
                    story_outlets: c.outlets.len(),
                    story_articles: c.size,
                }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, outlet: &str, hour: u32, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: outlet.into(),
            title: "t".into(),
            text: text.into(),
            published: Some(
                DateTime::parse_from_rfc3339(&format!("2014-09-15T{hour:02}:00:00Z")).unwrap(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn outlet_rows_add_up_and_lags_start_at_zero() {
        let mut arts = vec![
            art("a", "x.com", 8, "Kerry met diplomats in Paris."),
            art("b", "y.com", 10, "Kerry met diplomats in Paris."),
            art("c", "y.com", 12, "Kerry again."),
            art("d", "", 9, "Unknown source."),
            Article {
                id: "e".into(),
                outlet: "z.com".into(),
                title: "undated".into(),
                ..Default::default()
            },
        ];
        arts[2].kind = Kind::Duplicate;
        let story = vec![Some("s".to_string()); 5];
        let r = compare_outlets(&arts, &story, &[], &OutletParams::default());
        assert_eq!(r.by_story.iter().map(|r| r.articles).sum::<usize>(), 5);
        let x = r.by_story.iter().find(|r| r.outlet == "x.com").unwrap();
        assert_eq!(x.lag_hours, Some(0.0));
        let y = r.by_story.iter().find(|r| r.outlet == "y.com").unwrap();
        assert_eq!(
            (y.articles, y.original, y.syndicated, y.lag_hours),
            (2, 1, 1, Some(2.0))
        );
        assert!(
            r.by_story
                .iter()
                .any(|r| r.outlet == UNKNOWN_OUTLET && r.lag_hours == Some(1.0))
        );
        let z = r.by_story.iter().find(|r| r.outlet == "z.com").unwrap();
        assert_eq!(z.lag_hours, None);
        assert_eq!(r.by_story[0].outlet, "x.com");
        let sx = r.summary.iter().find(|s| s.outlet == "x.com").unwrap();
        assert_eq!(sx.first_to_report, 1);
        let sy = r.summary.iter().find(|s| s.outlet == "y.com").unwrap();
        assert!((sy.syndicated_share - 0.5).abs() < 1e-9);
    }

    #[test]
    fn fightin_words_finds_what_one_side_stresses() {
        let mine: HashMap<String, usize> = [("refugees", 12), ("conference", 5)]
            .iter()
            .map(|(w, n)| (w.to_string(), *n))
            .collect();
        // pooled = mine + the others' (refugees 1, conference 30, airstrikes 20)
        let pooled: HashMap<String, usize> =
            [("refugees", 13), ("conference", 35), ("airstrikes", 20)]
                .iter()
                .map(|(w, n)| (w.to_string(), *n))
                .collect();
        let z = fightin_words(&mine, &pooled, 100.0);
        assert_eq!(z[0].0, "refugees");
        assert!(z[0].1 > 2.58, "{z:?}");
        assert!(z.iter().find(|t| t.0 == "conference").unwrap().1 < 0.0);
    }

    #[test]
    fn one_article_outlet_gets_no_noise_terms() {
        let arts = vec![
            art(
                "a",
                "x.com",
                8,
                &"Kerry met diplomats in Paris about the militants. ".repeat(5),
            ),
            art(
                "b",
                "y.com",
                9,
                "Kerry met diplomats in Paris. Baguettes were served.",
            ),
        ];
        let r = compare_outlets(
            &arts,
            &[Some("s".into()), Some("s".into())],
            &[],
            &OutletParams::default(),
        );
        let y = r.by_story.iter().find(|r| r.outlet == "y.com").unwrap();
        assert!(y.distinctive_terms.is_empty(), "{:?}", y.distinctive_terms);
    }

    #[test]
    fn host_named_rows_take_the_outlets_name_and_aliases_merge() {
        let mut arts = vec![
            Article {
                outlet: "Los Angeles Times".into(),
                url: "http://www.latimes.com/a".into(),
                ..Default::default()
            },
            Article {
                outlet: "latimes.com".into(),
                url: "http://latimes.com/b".into(),
                ..Default::default()
            },
            Article {
                outlet: "LA Times".into(),
                ..Default::default()
            },
        ];
        let aliases = [("LA Times".to_string(), "Los Angeles Times".to_string())]
            .into_iter()
            .collect();
        assert_eq!(normalize_outlets(&mut arts, &aliases), 2);
        assert!(arts.iter().all(|a| a.outlet == "Los Angeles Times"));
    }

    #[test]
    fn blind_spot_needs_many_outlets_and_an_active_outlet() {
        let mut arts: Vec<Article> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, o)| art(o, &format!("{o}.com"), 8 + i as u32, "Big story."))
            .collect();
        arts.push(art("d", "d.com", 9, "Other story."));
        let mut late = art("e", "e.com", 23, "Late story.");
        late.published = Some(DateTime::parse_from_rfc3339("2014-09-20T08:00:00Z").unwrap());
        arts.push(late);
        let mut story: Vec<Option<String>> = vec![Some("big".into()); 3];
        story.push(Some("other".into()));
        story.push(Some("late".into()));
        let r = compare_outlets(&arts, &story, &[], &OutletParams::default());
        assert_eq!(r.blindspots.len(), 1, "{:?}", r.blindspots);
        assert_eq!(
            (
                r.blindspots[0].outlet.as_str(),
                r.blindspots[0].story_id.as_str()
            ),
            ("d.com", "big")
        );
    }

    #[test]
    fn each_outlet_lists_only_its_biggest_blind_spots() {
        // Stories of 3, 4 and 5 outlets, all missed by the same busy outlet.
        let mut arts = Vec::new();
        let mut story = Vec::new();
        for (s, n) in [("three", 3), ("four", 4), ("five", 5)] {
            for k in 0..n {
                arts.push(art(&format!("{s}{k}"), &format!("o{k}.com"), 8, "A story."));
                story.push(Some(s.to_string()));
            }
        }
        arts.push(art("busy", "busy.com", 9, "Something else."));
        story.push(Some("else".into()));
        let p = OutletParams {
            blindspots_per_outlet: 2,
            ..Default::default()
        };
        let r = compare_outlets(&arts, &story, &[], &p);
        let busy: Vec<(&str, usize)> = r
            .blindspots
            .iter()
            .filter(|b| b.outlet == "busy.com")
            .map(|b| (b.story_id.as_str(), b.story_articles))
            .collect();
        assert_eq!(busy, [("five", 5), ("four", 4)]);
        // o3.com covered "four" and "five" but missed "three".
        assert!(
            r.blindspots
                .iter()
                .any(|b| b.outlet == "o3.com" && b.story_id == "three")
        );
    }
}
