//! The data the page's script renders: stories with their timelines, articles and outlet
//! coverage, as one JSON value.
//!
//! The per-story rows are the bulk of a big report, so they are written compactly: as arrays
//! (not objects with repeated keys), outlets as indexes into one name list, times in seconds and
//! timeline periods in days since the Unix epoch. The script expands one story's rows when it is
//! opened. The story index fields stay objects, with times in milliseconds.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::data::{ArticleRow, ReportTables, StoryOutletRow, TimelineRow};

/// The embedded data.
#[derive(Debug, Serialize)]
pub(crate) struct Payload {
    /// Every outlet name, referenced by index.
    pub outlets: Vec<String>,
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
    /// First and last publication, ms.
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// Outlets (indexes), most articles first (for the filter and the index row).
    pub outlets: Vec<u32>,
    pub timeline: Vec<EntryView>,
    pub articles: Vec<ArticleView>,
    pub coverage: Vec<OutletView>,
}

/// One timeline entry, as an array: date, granularity, start day (inclusive) and end day
/// (exclusive) of the period the date names (days since the epoch), event, articles, outlets,
/// sources (space-separated ids), first reported (s), expression, coverage.
#[derive(Debug, Serialize)]
pub(crate) struct EntryView(
    pub String,
    pub String,
    pub Option<i64>,
    pub Option<i64>,
    pub String,
    pub u64,
    pub u64,
    pub String,
    pub Option<i64>,
    pub String,
    pub f64,
);

/// One article of a story, as an array: id, title, outlet index, url (only `http:` / `https:`
/// links; anything else is dropped), published (s), kind.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView(
    pub String,
    pub String,
    pub u32,
    pub String,
    pub Option<i64>,
    pub String,
);

/// One outlet's coverage of a story, as an array: outlet index, articles, original,
/// syndicated, share, first report (s), lag in hours, events reported, events missed,
/// distinctive terms (`; `-separated).
#[derive(Debug, Serialize)]
pub(crate) struct OutletView(
    pub u32,
    pub u64,
    pub u64,
    pub u64,
    pub f64,
    pub Option<i64>,
    pub Option<f64>,
    pub u64,
    pub u64,
    pub String,
);

/// Outlet names to indexes, in first-seen order.
#[derive(Debug, Default)]
struct Names {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    fn of(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
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

/// Seconds since the epoch, from milliseconds.
fn secs(ms: Option<i64>) -> Option<i64> {
    ms.map(|m| m.div_euclid(1000))
}

fn days(d: NaiveDate) -> i64 {
    day_ms(d).div_euclid(86_400_000)
}

fn entry_view(t: &TimelineRow) -> EntryView {
    let p = period(&t.date);
    EntryView(
        t.date.clone(),
        t.granularity.clone(),
        p.map(|(s, _)| days(s)),
        p.map(|(_, e)| days(e)),
        t.event.clone(),
        t.articles,
        t.outlets,
        t.sources.split_whitespace().collect::<Vec<_>>().join(" "),
        secs(time_ms(t.first_reported.as_deref())),
        t.expression.clone(),
        t.coverage.unwrap_or(0.0).clamp(0.0, 1.0),
    )
}

fn article_view(a: &ArticleRow, names: &mut Names) -> ArticleView {
    ArticleView(
        a.id.clone(),
        a.title.clone(),
        names.of(&a.outlet),
        safe_url(&a.url),
        secs(time_ms(a.published.as_deref())),
        a.kind.clone(),
    )
}

fn outlet_view(o: &StoryOutletRow, names: &mut Names) -> OutletView {
    let terms: Vec<&str> = o
        .distinctive_terms
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    OutletView(
        names.of(&o.outlet),
        o.articles,
        o.original,
        o.syndicated,
        o.share.unwrap_or(0.0),
        secs(time_ms(o.first_published.as_deref())),
        o.lag_hours,
        o.events_reported,
        o.events_missed,
        terms.join("; "),
    )
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
    let mut order: Vec<&super::data::StoryRow> =
        t.stories.as_deref().unwrap_or_default().iter().collect();
    order.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.story_id.cmp(&b.story_id))
    });
    let mut names = Names::default();
    let stories = order
        .into_iter()
        .map(|s| {
            let id = s.story_id.as_str();
            let mut arts: Vec<&ArticleRow> = articles.get(id).cloned().unwrap_or_default();
            arts.sort_by_cached_key(|a| {
                let t = time_ms(a.published.as_deref());
                (t.is_none(), t, a.id.clone())
            });
            let cov: Vec<&StoryOutletRow> = coverage.get(id).cloned().unwrap_or_default();
            let outlets: Vec<u32> = outlet_names(&cov, &arts)
                .iter()
                .map(|o| names.of(o))
                .collect();
            let mut tl: Vec<EntryView> = timeline
                .get(id)
                .map(|v| v.iter().map(|e| entry_view(e)).collect())
                .unwrap_or_default();
            tl.sort_by_key(|e| (e.2.is_none(), e.2, e.3));
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
                articles: arts.iter().map(|a| article_view(a, &mut names)).collect(),
                coverage: cov.iter().map(|o| outlet_view(o, &mut names)).collect(),
            }
        })
        .collect();
    Payload {
        outlets: names.names,
        stories,
        has: Has {
            articles: t.articles.is_some(),
            timeline: t.timeline.is_some(),
            outlets: t.outlets.is_some(),
        },
    }
}

/// Outlet names of a story, most articles first, then by name.
fn outlet_names<'a>(cov: &[&'a StoryOutletRow], arts: &[&'a ArticleRow]) -> Vec<&'a str> {
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
    v.into_iter().map(|(o, _)| o).collect()
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
    fn story_rows_are_arrays_with_outlets_by_index() {
        use crate::report::data::StoryRow;
        let t = ReportTables {
            stories: Some(vec![StoryRow {
                story_id: "s1".into(),
                articles: 1,
                ..Default::default()
            }]),
            articles: Some(vec![ArticleRow {
                id: "a1".into(),
                title: "T".into(),
                outlet: "Herald".into(),
                url: "javascript:x".into(),
                published: Some("1970-01-02T00:00:00Z".into()),
                kind: "article".into(),
                status: "ok".into(),
                story_id: Some("s1".into()),
                ..Default::default()
            }]),
            timeline: Some(vec![TimelineRow {
                story_id: "s1".into(),
                date: "1970-01-03".into(),
                granularity: "day".into(),
                sources: "a1  a2".into(),
                coverage: Some(2.0),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let v = serde_json::to_value(payload(&t)).unwrap();
        assert_eq!(v["outlets"], serde_json::json!(["Herald"]));
        let s = &v["stories"][0];
        assert_eq!(s["outlets"], serde_json::json!([0]));
        assert_eq!(
            s["articles"][0],
            serde_json::json!(["a1", "T", 0, "", 86400, "article"])
        );
        let e = &s["timeline"][0];
        assert_eq!(
            (&e[2], &e[3], &e[7], &e[10]),
            (
                &serde_json::json!(2),
                &serde_json::json!(3),
                &serde_json::json!("a1 a2"),
                &serde_json::json!(1.0)
            )
        );
    }

    #[test]
    fn publication_times_keep_their_offset() {
        assert_eq!(time_ms(Some("1970-01-01T01:00:00+01:00")), Some(0));
        assert_eq!(time_ms(Some("1970-01-02")), Some(86_400_000));
        assert_eq!(time_ms(Some("yesterday")), None);
    }
}
