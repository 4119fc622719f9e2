//! The data the page's script renders: stories with their timelines, articles and outlet
//! coverage, as one JSON value. Dates are turned into milliseconds since the Unix epoch here,
//! so the script only handles numbers.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::data::{ArticleRow, ReportTables, StoryOutletRow, TimelineRow};

/// The embedded data.
#[derive(Debug, Serialize)]
pub(crate) struct Payload {
    /// Stories, biggest first (then by id).
    pub stories: Vec<StoryView>,
    /// Which per-story tables were present.
    pub has: Has,
}

/// Which per-story tables were present (the script notes the missing ones).
#[derive(Debug, Serialize)]
pub(crate) struct Has {
    pub articles: bool,
    pub timeline: bool,
    pub outlets: bool,
}

/// One story.
#[derive(Debug, Serialize)]
pub(crate) struct StoryView {
    pub id: String,
    pub label: String,
    pub headline: String,
    /// Articles.
    pub size: u64,
    /// Distinct outlets.
    pub outlet_count: u64,
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Outlet names, most articles first (for the filter and the index row).
    pub outlets: Vec<String>,
    pub timeline: Vec<EntryView>,
    pub articles: Vec<ArticleView>,
    pub coverage: Vec<OutletView>,
}

/// One timeline entry.
#[derive(Debug, Serialize)]
pub(crate) struct EntryView {
    pub date: String,
    pub grain: String,
    /// Start of the period the date names (inclusive), ms.
    pub start: Option<i64>,
    /// End of the period (exclusive), ms.
    pub end: Option<i64>,
    pub event: String,
    pub articles: u64,
    pub outlets: u64,
    pub sources: Vec<String>,
    pub first: Option<i64>,
    pub expression: String,
    pub coverage: f64,
}

/// One article of a story.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView {
    pub id: String,
    pub title: String,
    pub outlet: String,
    /// Only `http:` / `https:` links; anything else is dropped.
    pub url: String,
    pub time: Option<i64>,
    pub kind: String,
}

/// One outlet's coverage of a story.
#[derive(Debug, Serialize)]
pub(crate) struct OutletView {
    pub outlet: String,
    pub articles: u64,
    pub original: u64,
    pub syndicated: u64,
    pub share: f64,
    pub first: Option<i64>,
    pub lag_hours: Option<f64>,
    pub events_reported: u64,
    pub events_missed: u64,
    pub terms: Vec<String>,
}

/// Milliseconds since the epoch of an RFC 3339 time (or a bare `YYYY-MM-DD`, as midnight UTC).
pub(crate) fn time_ms(s: Option<&str>) -> Option<i64> {
    let s = s?.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_millis());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(day_ms)
}

/// Midnight UTC of a day, in ms.
pub(crate) fn day_ms(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp_millis()
}

/// The days a timeline date names, as `[start, end)`: `2014-09-15` one day, `2014-W37` its ISO
/// week (Monday to Sunday), `2014-09` the month, `2014` the year. A longer value starting with
/// a day (`2014-09-15T10:00`) is that day. `None` for anything else.
pub(crate) fn period(date: &str) -> Option<(NaiveDate, NaiveDate)> {
    let d = date.trim();
    let num = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if d.len() > 10 && matches!(d.as_bytes()[10], b'T' | b't' | b' ') {
        return period(&d[..10]).filter(|(s, e)| (*e - *s).num_days() == 1);
    }
    let parts: Vec<&str> = d.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let y = num(y)?;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
            ))
        }
        [y, w] if w.starts_with('W') => {
            let start = NaiveDate::from_isoywd_opt(num(y)?, num(&w[1..])? as u32, Weekday::Mon)?;
            Some((start, start + chrono::Days::new(7)))
        }
        [y, m] => {
            let start = NaiveDate::from_ymd_opt(num(y)?, num(m)? as u32, 1)?;
            let end = if start.month() == 12 {
                NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)?
            };
            Some((start, end))
        }
        [y, m, day] => {
            let start = NaiveDate::from_ymd_opt(num(y)?, num(m)? as u32, num(day)? as u32)?;
            Some((start, start.succ_opt()?))
        }
        _ => None,
    }
}

/// The URL when it is an `http:` or `https:` link, else empty (no `javascript:` links).
pub(crate) fn safe_url(url: &str) -> String {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        u.to_string()
    } else {
        String::new()
    }
}

fn entry_view(t: &TimelineRow) -> EntryView {
    let p = period(&t.date);
    EntryView {
        date: t.date.clone(),
        grain: t.granularity.clone(),
        start: p.map(|(s, _)| day_ms(s)),
        end: p.map(|(_, e)| day_ms(e)),
        event: t.event.clone(),
        articles: t.articles,
        outlets: t.outlets,
        sources: t.sources.split_whitespace().map(str::to_string).collect(),
        first: time_ms(t.first_reported.as_deref()),
        expression: t.expression.clone(),
        coverage: t.coverage.unwrap_or(0.0).clamp(0.0, 1.0),
    }
}

fn article_view(a: &ArticleRow) -> ArticleView {
    ArticleView {
        id: a.id.clone(),
        title: a.title.clone(),
        outlet: a.outlet.clone(),
        url: safe_url(&a.url),
        time: time_ms(a.published.as_deref()),
        kind: a.kind.clone(),
    }
}

fn outlet_view(o: &StoryOutletRow) -> OutletView {
    OutletView {
        outlet: o.outlet.clone(),
        articles: o.articles,
        original: o.original,
        syndicated: o.syndicated,
        share: o.share.unwrap_or(0.0),
        first: time_ms(o.first_published.as_deref()),
        lag_hours: o.lag_hours,
        events_reported: o.events_reported,
        events_missed: o.events_missed,
        terms: o
            .distinctive_terms
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// Builds the embedded data from the tables.
pub(crate) fn payload(t: &ReportTables) -> Payload {
    let mut timeline: HashMap<&str, Vec<&TimelineRow>> = HashMap::new();
    for r in t.timeline.as_deref().unwrap_or_default() {
        timeline.entry(r.story_id.as_str()).or_default().push(r);
    }
    let mut articles: HashMap<&str, Vec<&ArticleRow>> = HashMap::new();
    for a in t.articles.as_deref().unwrap_or_default() {
        if a.status != "skipped"
            && let Some(s) = a.story_id.as_deref().filter(|s| !s.is_empty())
        {
            articles.entry(s).or_default().push(a);
        }
    }
    let mut coverage: HashMap<&str, Vec<&StoryOutletRow>> = HashMap::new();
    for o in t.outlets.as_deref().unwrap_or_default() {
        coverage.entry(o.story_id.as_str()).or_default().push(o);
    }
    let mut stories: Vec<StoryView> = t
        .stories
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            let id = s.story_id.as_str();
            let mut arts: Vec<ArticleView> = articles
                .get(id)
                .map(|v| v.iter().map(|a| article_view(a)).collect())
                .unwrap_or_default();
            arts.sort_by(|a, b| {
                (a.time.is_none(), a.time, &a.id).cmp(&(b.time.is_none(), b.time, &b.id))
            });
            let cov: Vec<OutletView> = coverage
                .get(id)
                .map(|v| v.iter().map(|o| outlet_view(o)).collect())
                .unwrap_or_default();
            let outlets = outlet_names(&cov, &arts);
            let mut tl: Vec<EntryView> = timeline
                .get(id)
                .map(|v| v.iter().map(|e| entry_view(e)).collect())
                .unwrap_or_default();
            tl.sort_by_key(|e| (e.start.is_none(), e.start, e.end));
            StoryView {
                id: s.story_id.clone(),
                label: s.label.clone(),
                headline: s.headline.clone(),
                size: s.articles,
                outlet_count: s.outlets,
                first: time_ms(s.first_published.as_deref()),
                last: time_ms(s.last_published.as_deref()),
                outlets,
                timeline: tl,
                articles: arts,
                coverage: cov,
            }
        })
        .collect();
    stories.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.id.cmp(&b.id)));
    Payload {
        stories,
        has: Has {
            articles: t.articles.is_some(),
            timeline: t.timeline.is_some(),
            outlets: t.outlets.is_some(),
        },
    }
}

/// Outlet names of a story, most articles first, then by name.
fn outlet_names(cov: &[OutletView], arts: &[ArticleView]) -> Vec<String> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    if cov.is_empty() {
        for a in arts.iter().filter(|a| !a.outlet.is_empty()) {
            *counts.entry(a.outlet.as_str()).or_default() += 1;
        }
    } else {
        for o in cov {
            *counts.entry(o.outlet.as_str()).or_default() += o.articles;
        }
    }
    let mut v: Vec<(&str, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(o, _)| o.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn each_timeline_date_form_names_its_period() {
        assert_eq!(
            period("2014-09-15"),
            Some((ymd(2014, 9, 15), ymd(2014, 9, 16)))
        );
        assert_eq!(
            period("2014-W37"),
            Some((ymd(2014, 9, 8), ymd(2014, 9, 15)))
        );
        assert_eq!(period("2014-09"), Some((ymd(2014, 9, 1), ymd(2014, 10, 1))));
        assert_eq!(period("2014-12"), Some((ymd(2014, 12, 1), ymd(2015, 1, 1))));
        assert_eq!(period("2014"), Some((ymd(2014, 1, 1), ymd(2015, 1, 1))));
        assert_eq!(
            period("2014-09-15T10:00"),
            Some((ymd(2014, 9, 15), ymd(2014, 9, 16)))
        );
    }

    #[test]
    fn impossible_or_foreign_dates_have_no_period() {
        for d in [
            "",
            "2014-02-30",
            "2014-W54",
            "2014-13",
            "XXXX-WXX-1",
            "soon",
            "2014-09-15-1",
        ] {
            assert_eq!(period(d), None, "{d}");
        }
    }

    #[test]
    fn only_web_links_are_kept() {
        assert_eq!(safe_url(" https://a.example/x "), "https://a.example/x");
        assert_eq!(safe_url("HTTP://a.example"), "HTTP://a.example");
        assert_eq!(safe_url("javascript:alert(1)"), "");
        assert_eq!(safe_url("data:text/html,<b>"), "");
        assert_eq!(safe_url("/relative"), "");
    }

    #[test]
    fn publication_times_keep_their_offset() {
        assert_eq!(time_ms(Some("1970-01-01T01:00:00+01:00")), Some(0));
        assert_eq!(time_ms(Some("1970-01-02")), Some(86_400_000));
        assert_eq!(time_ms(Some("yesterday")), None);
    }
}
