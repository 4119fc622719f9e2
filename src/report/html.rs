//! The page: a static shell (summary, corpus heat strip, outlet tables) around the embedded
//! story data and the script that renders the story index and details.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::data::{BlindspotRow, OutletSummaryRow, ReportTables, StoryRow};
use super::escape::{ScriptSafe, escape_html};
use super::model::{payload, time_ms};
use super::svg::{TOP_OUTLETS, heat_strip, published_day};

const CSS: &str = include_str!("assets/report.css");
const JS: &str = include_str!("assets/report.js");

/// Most outlets listed in the outlet tables; the rest are counted in a note.
pub(crate) const MAX_OUTLET_ROWS: usize = 100;
/// Most blind spots listed per outlet.
const MAX_BLINDSPOTS_SHOWN: usize = 4;

/// Renders the whole page for the tables of one output folder named `title`.
pub fn render_report(t: &ReportTables, title: &str) -> String {
    let mut page = Vec::new();
    write_report(t, title, &mut page).expect("writing to memory does not fail");
    String::from_utf8(page).expect("the page is UTF-8")
}

/// Writes the page of [`render_report`] to `w`. The embedded data is serialized and escaped
/// straight into `w`: for a million articles it is half a gigabyte, and building it as a
/// string, escaping a copy and then formatting a third copy took gigabytes of memory.
pub fn write_report(
    t: &ReportTables,
    title: &str,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut h = String::with_capacity(1 << 16);
    let title = escape_html(title);
    let _ = write!(
        h,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="storyline {version}">
<title>{title} · storyline report</title>
<style>
{CSS}</style>
</head>
<body>
<header class="masthead"><div class="wrap">
<div class="brand">storyline <span>report</span></div>
<h1>{title}</h1>
<nav><a href="#stories">Stories</a><a href="#corpus">Corpus</a><a href="#outlets">Outlets</a></nav>
</div></header>
<main class="wrap">
"##,
        version = env!("CARGO_PKG_VERSION"),
    );
    stats(&mut h, t);
    stories_section(&mut h, t);
    corpus_section(&mut h, t);
    outlets_section(&mut h, t);
    let _ = write!(
        h,
        r#"<footer>Built by storyline from {files}. One file, no network: open it in any browser.</footer>
</main>
<script type="application/json" id="storyline-data">"#,
        files = present_tables(t),
    );
    w.write_all(h.as_bytes())?;
    let mut data = ScriptSafe::new(&mut *w);
    serde_json::to_writer(&mut data, &payload(t)).map_err(std::io::Error::other)?;
    data.finish()?;
    write!(
        w,
        r#"</script>
<script>
{JS}</script>
</body>
</html>
"#
    )
}

fn present_tables(t: &ReportTables) -> String {
    let names = [
        ("articles", t.articles.is_some()),
        ("stories", t.stories.is_some()),
        ("timeline", t.timeline.is_some()),
        ("outlets", t.outlets.is_some()),
        ("outlet_summary", t.outlet_summary.is_some()),
        ("blindspots", t.blindspots.is_some()),
    ];
    let present: Vec<String> = names
        .iter()
        .filter(|(_, p)| *p)
        .map(|(n, _)| format!("<code>{n}</code>"))
        .collect();
    present.join(", ")
}

/// A note that a table is missing and what is left out because of it.
fn missing(h: &mut String, table: &str, what: &str) {
    let _ = write!(
        h,
        r#"<p class="note">No <code>{table}.csv</code> in this folder: {what} left out.</p>"#
    );
}

/// `12,345`.
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn day_label(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

fn stats(h: &mut String, t: &ReportTables) {
    let mut cards: Vec<(String, &str, String)> = Vec::new();
    if let Some(s) = &t.stories {
        cards.push((thousands(s.len() as u64), "stories", String::new()));
    }
    if let Some(a) = &t.articles {
        let ok: Vec<_> = a
            .iter()
            .filter(|a| a.status != "skipped" && a.kind != "teaser")
            .collect();
        let in_stories = ok
            .iter()
            .filter(|a| a.story_id.as_deref().is_some_and(|s| !s.is_empty()))
            .count();
        let sub = if t.stories.is_some() {
            format!("{} in stories", thousands(in_stories as u64))
        } else {
            String::new()
        };
        cards.push((thousands(ok.len() as u64), "articles", sub));
        let outlets: BTreeSet<&str> = ok
            .iter()
            .map(|a| a.outlet.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        cards.push((thousands(outlets.len() as u64), "outlets", String::new()));
        let days: Vec<NaiveDate> = a.iter().filter_map(published_day).collect();
        if let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) {
            cards.push((
                format!("{} – {}", day_label(*first), day_label(*last)),
                "published",
                format!("{} undated", thousands((ok.len() - days.len()) as u64)),
            ));
        }
    } else if let Some(s) = &t.outlet_summary {
        cards.push((thousands(s.len() as u64), "outlets", String::new()));
    }
    h.push_str(r#"<section class="stats">"#);
    for (value, what, sub) in cards {
        let _ = write!(
            h,
            r#"<div class="stat"><div class="stat-value">{value}</div><div class="stat-name">{what}</div>{}</div>"#,
            if sub.is_empty() {
                String::new()
            } else {
                format!(r#"<div class="stat-sub">{sub}</div>"#)
            }
        );
    }
    h.push_str("</section>\n");
}

fn stories_section(h: &mut String, t: &ReportTables) {
    h.push_str(r#"<section id="stories" class="block"><div class="block-head"><h2>Stories</h2>"#);
    let Some(stories) = &t.stories else {
        h.push_str("</div>");
        missing(h, "stories", "the story index and story details are");
        h.push_str("</section>\n");
        return;
    };
    let n = stories.len();
    let _ = write!(
        h,
        r#"<p id="story-count" class="count" data-count="{n}" data-total="{n}">{} stories</p></div>"#,
        thousands(n as u64)
    );
    for (table, present, what) in [
        ("timeline", t.timeline.is_some(), "story timelines are"),
        ("outlets", t.outlets.is_some(), "per-outlet comparisons are"),
        ("articles", t.articles.is_some(), "article lists are"),
    ] {
        if !present {
            missing(h, table, what);
        }
    }
    h.push_str(
        r#"<div class="tools"><input id="filter" type="search" placeholder="Filter by word or outlet" aria-label="Filter stories by word or outlet" autocomplete="off">
<div class="sort" role="group" aria-label="Sort stories"><span>Sort</span><button type="button" data-sort="size" class="on">Biggest</button><button type="button" data-sort="recent">Most recent</button></div></div>
<div class="master-detail">
<div class="index"><ol id="story-list" class="story-list"></ol><div id="pager" class="pager"></div></div>
<article id="detail" class="detail"><p class="placeholder">Select a story to see its timeline, who reported when, and its articles.</p></article>
</div>
<noscript><p class="note">The story index needs JavaScript.</p></noscript>
</section>
"#,
    );
}

fn corpus_section(h: &mut String, t: &ReportTables) {
    h.push_str(
        r#"<section id="corpus" class="block"><div class="block-head"><h2>Corpus</h2></div>"#,
    );
    match t.articles.as_deref().map(heat_strip) {
        None => missing(h, "articles", "articles per day and outlet are"),
        Some(None) => h.push_str(
            r#"<p class="note">No article has a publication date: nothing to draw over time.</p>"#,
        ),
        Some(Some(strip)) => {
            let _ = write!(
                h,
                r#"<h3>Articles per {} per outlet</h3><p class="caption">{} dated articles; the {} busiest of {} outlets, each row shaded by its articles per {} (darker is more). Hover a cell for its count.</p><div class="chart">{}</div>"#,
                strip.bucket.name(),
                thousands(strip.articles as u64),
                strip.outlets_shown.min(TOP_OUTLETS),
                thousands(strip.outlets_total as u64),
                strip.bucket.name(),
                strip.svg,
            );
        }
    }
    h.push_str("</section>\n");
}

/// Story id -> its headline (or label), for links.
fn story_titles(t: &ReportTables) -> HashMap<&str, &str> {
    t.stories
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            let name = if s.headline.is_empty() {
                &s.label
            } else {
                &s.headline
            };
            (s.story_id.as_str(), name.as_str())
        })
        .collect()
}

fn story_link(id: &str, titles: &HashMap<&str, &str>) -> String {
    let name = titles
        .get(id)
        .copied()
        .filter(|s| !s.is_empty())
        .unwrap_or(id);
    let short: String = if name.chars().count() > 60 {
        format!("{}…", name.chars().take(59).collect::<String>())
    } else {
        name.to_string()
    };
    // The id goes into the fragment: percent-encode what a fragment or attribute cannot hold.
    let href: String = id
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!(
        r##"<a class="story-link" href="#story={href}" title="{}">{}</a>"##,
        escape_html(name),
        escape_html(&short)
    )
}

/// A delay in hours as a reader counts it: `< 1 min`, `24 min`, `2.4 h`, `3.1 d`, `7.1 y`.
fn hours(x: Option<f64>) -> String {
    match x {
        None => "–".to_string(),
        Some(h) if h * 60.0 < 0.5 => "< 1 min".to_string(),
        Some(h) if h < 59.5 / 60.0 => format!("{:.0} min", h * 60.0),
        Some(h) if h < 48.0 => format!("{h:.1} h"),
        Some(h) if h < 365.0 * 24.0 => format!("{:.1} d", h / 24.0),
        Some(h) => format!("{:.1} y", h / (365.25 * 24.0)),
    }
}

/// Reports of a story this close together cannot say who was first.
const SAME_TIME_MINUTES: i64 = 10;

/// Of the stories with more than one outlet, those whose articles all came within
/// [`SAME_TIME_MINUTES`] of the first: `(within, with more than one outlet)`.
fn same_time_stories(stories: &[StoryRow]) -> (usize, usize) {
    let shared: Vec<&StoryRow> = stories.iter().filter(|s| s.outlets > 1).collect();
    let within = shared
        .iter()
        .filter(|s| {
            let first = time_ms(s.first_published.as_deref());
            let last = time_ms(s.last_published.as_deref());
            matches!((first, last), (Some(a), Some(b)) if b - a <= SAME_TIME_MINUTES * 60_000)
        })
        .count();
    (within, shared.len())
}

fn outlets_section(h: &mut String, t: &ReportTables) {
    h.push_str(
        r#"<section id="outlets" class="block"><div class="block-head"><h2>Outlets</h2></div>"#,
    );
    let titles = story_titles(t);
    let (within, shared) = same_time_stories(t.stories.as_deref().unwrap_or_default());
    if shared > 0 && within * 2 >= shared {
        let _ = write!(
            h,
            r#"<p class="note same-time-note">In {} of {} stories covered by more than one outlet, every article came within {SAME_TIME_MINUTES} minutes of the first: there, who reported first and the lags say little about who broke the story.</p>"#,
            thousands(within as u64),
            thousands(shared as u64),
        );
    }
    match &t.outlet_summary {
        None => missing(h, "outlet_summary", "the outlet summary is"),
        Some(rows) => summary_table(h, rows, &titles),
    }
    match &t.blindspots {
        None => missing(h, "blindspots", "blind spots are"),
        Some(rows) => blindspot_table(h, rows, &titles, t.outlet_summary.as_deref()),
    }
    h.push_str("</section>\n");
}

fn summary_table(h: &mut String, rows: &[OutletSummaryRow], titles: &HashMap<&str, &str>) {
    let max = rows.iter().map(|r| r.articles).max().unwrap_or(1).max(1);
    h.push_str(
        r#"<h3>Outlet summary</h3><p class="caption">Articles in stories, stories covered, how often the outlet reported a story first, its median delay behind the first report, and the share of its articles that copy another.</p>
<div class="table-wrap"><table class="outlets"><thead><tr><th>Outlet</th><th class="num">Articles</th><th class="num">Stories</th><th class="num">First to report</th><th class="num">Median lag</th><th class="num">Syndicated</th><th>Top stories</th></tr></thead><tbody>"#,
    );
    for r in rows.iter().take(MAX_OUTLET_ROWS) {
        let top: Vec<String> = r
            .top_stories
            .split_whitespace()
            .take(3)
            .map(|id| story_link(id, titles))
            .collect();
        let _ = write!(
            h,
            r#"<tr><td class="outlet-name">{}</td><td class="num"><span class="bar" style="width:{:.0}px"></span>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="top-stories">{}</td></tr>"#,
            escape_html(&r.outlet),
            (r.articles as f64 / max as f64 * 60.0).max(1.0),
            thousands(r.articles),
            thousands(r.stories),
            thousands(r.first_to_report),
            hours(r.median_lag_hours),
            r.syndicated_share
                .map_or("–".to_string(), |s| format!("{:.0}%", s * 100.0)),
            top.join(""),
        );
    }
    h.push_str("</tbody></table></div>");
    if rows.len() > MAX_OUTLET_ROWS {
        let _ = write!(
            h,
            r#"<p class="note">and {} more outlets in <code>outlet_summary.csv</code>.</p>"#,
            thousands((rows.len() - MAX_OUTLET_ROWS) as u64)
        );
    }
}

/// Blind spots per outlet. The outlets that publish the most come first (their articles from
/// `summary`, when there is one), then those that missed the most; each outlet's missed
/// stories biggest first.
fn blindspot_table(
    h: &mut String,
    rows: &[BlindspotRow],
    titles: &HashMap<&str, &str>,
    summary: Option<&[OutletSummaryRow]>,
) {
    h.push_str(r#"<h3>Blind spots</h3><p class="caption">Stories that many outlets covered and this outlet did not, while it was publishing. The outlets that published the most come first; each one's missed stories biggest first.</p>"#);
    if rows.is_empty() {
        h.push_str(r#"<p class="note">No blind spots: every outlet covered the stories most others did.</p>"#);
        return;
    }
    // Group by outlet, keeping first-seen order of outlets; most missed stories first.
    let mut order: Vec<&str> = Vec::new();
    let mut by: HashMap<&str, Vec<&BlindspotRow>> = HashMap::new();
    for r in rows {
        by.entry(r.outlet.as_str())
            .or_insert_with(|| {
                order.push(r.outlet.as_str());
                Vec::new()
            })
            .push(r);
    }
    let published: HashMap<&str, u64> = summary
        .unwrap_or_default()
        .iter()
        .map(|r| (r.outlet.as_str(), r.articles))
        .collect();
    let articles = |o: &str| published.get(o).copied().unwrap_or(0);
    order.sort_by(|a, b| {
        articles(b)
            .cmp(&articles(a))
            .then_with(|| by[b].len().cmp(&by[a].len()))
            .then_with(|| a.cmp(b))
    });
    h.push_str(r#"<div class="table-wrap"><table class="blindspots"><thead><tr><th>Outlet</th><th class="num">Missed</th><th>Biggest stories missed</th></tr></thead><tbody>"#);
    for outlet in order.iter().take(MAX_OUTLET_ROWS) {
        let mut missed = by[outlet].clone();
        missed.sort_by(|a, b| {
            (b.story_outlets, b.story_articles, &a.story_id).cmp(&(
                a.story_outlets,
                a.story_articles,
                &b.story_id,
            ))
        });
        let links: Vec<String> = missed
            .iter()
            .take(MAX_BLINDSPOTS_SHOWN)
            .map(|r| {
                format!(
                    r#"<span class="missed">{}<small>{} outlets</small></span>"#,
                    story_link(&r.story_id, titles),
                    r.story_outlets
                )
            })
            .collect();
        let _ = write!(
            h,
            r#"<tr><td class="outlet-name">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            escape_html(outlet),
            missed.len(),
            links.join("")
        );
    }
    h.push_str("</tbody></table></div>");
    if order.len() > MAX_OUTLET_ROWS {
        let _ = write!(
            h,
            r#"<p class="note">and {} more outlets in <code>blindspots.csv</code>.</p>"#,
            thousands((order.len() - MAX_OUTLET_ROWS) as u64)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::data::TimelineRow;

    fn hostile_tables() -> ReportTables {
        ReportTables {
            stories: Some(vec![StoryRow {
                story_id: "s1".into(),
                label: "<img src=x onerror=alert(2)>".into(),
                headline: "<script>alert(1)</script>".into(),
                articles: 2,
                outlets: 1,
                ..Default::default()
            }]),
            timeline: Some(vec![TimelineRow {
                story_id: "s1".into(),
                date: "2014".into(),
                event: "</script><script>alert(3)</script>".into(),
                ..Default::default()
            }]),
            outlet_summary: Some(vec![OutletSummaryRow {
                outlet: "<b>bold</b>".into(),
                top_stories: "s1".into(),
                ..Default::default()
            }]),
            ..Default::default()
        }
    }

    #[test]
    fn no_input_text_reaches_the_page_as_markup() {
        let page = render_report(&hostile_tables(), "<out>");
        assert!(!page.contains("<script>alert"), "a script tag got through");
        assert!(!page.contains("<img src=x"));
        assert!(!page.contains("<b>bold"));
        assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(
            page.matches("<script").count(),
            2,
            "only the data and the app script"
        );
        assert!(page.contains("<title>&lt;out&gt; · storyline report</title>"));
    }

    #[test]
    fn missing_tables_are_noted_not_fatal() {
        let page = render_report(&ReportTables::default(), "x");
        for table in ["stories", "articles", "outlet_summary", "blindspots"] {
            assert!(
                page.contains(&format!("No <code>{table}.csv</code>")),
                "{table}"
            );
        }
    }

    #[test]
    fn story_count_is_in_the_page_before_any_script_runs() {
        let page = render_report(&hostile_tables(), "x");
        assert!(page.contains(r#"data-count="1" data-total="1""#));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn lags_are_shown_in_the_unit_a_reader_counts_in() {
        assert_eq!(hours(None), "–");
        assert_eq!(hours(Some(0.0)), "< 1 min");
        assert_eq!(hours(Some(0.005)), "< 1 min");
        assert_eq!(hours(Some(0.4)), "24 min");
        assert_eq!(hours(Some(2.4)), "2.4 h");
        assert_eq!(hours(Some(74.4)), "3.1 d");
        assert_eq!(hours(Some(62609.4)), "7.1 y");
    }

    fn story(id: &str, outlets: u64, first: &str, last: &str) -> StoryRow {
        StoryRow {
            story_id: id.into(),
            outlets,
            first_published: Some(first.into()),
            last_published: Some(last.into()),
            ..Default::default()
        }
    }

    #[test]
    fn stories_whose_reports_came_within_minutes_are_noted_under_outlets() {
        let t = ReportTables {
            stories: Some(vec![
                story("a", 30, "2014-03-10T17:58:40Z", "2014-03-10T17:58:58Z"),
                story("b", 5, "2014-03-10T16:55:00Z", "2014-03-10T17:05:00Z"),
                story("c", 4, "2014-03-10T16:52:50Z", "2014-03-10T19:16:50Z"),
                // One outlet: nobody to be first against.
                story("d", 1, "2014-03-10T17:00:00Z", "2014-03-10T17:00:00Z"),
            ]),
            ..Default::default()
        };
        assert_eq!(same_time_stories(t.stories.as_deref().unwrap()), (2, 3));
        let page = render_report(&t, "x");
        assert!(
            page.contains("In 2 of 3 stories covered by more than one outlet"),
            "no note"
        );
        let spread = ReportTables {
            stories: Some(vec![
                story("a", 3, "2014-03-10T10:00:00Z", "2014-03-10T12:00:00Z"),
                story("b", 3, "2014-03-10T10:00:00Z", "2014-03-10T10:01:00Z"),
                story("c", 3, "2014-03-10T10:00:00Z", "2014-03-11T10:00:00Z"),
            ]),
            ..Default::default()
        };
        assert!(!render_report(&spread, "x").contains("same-time-note"));
    }

    #[test]
    fn blind_spots_of_the_outlets_that_publish_most_come_first() {
        let spot = |o: &str, s: &str| BlindspotRow {
            outlet: o.into(),
            story_id: s.into(),
            story_outlets: 9,
            story_articles: 9,
        };
        let sum = |o: &str, articles: u64| OutletSummaryRow {
            outlet: o.into(),
            articles,
            ..Default::default()
        };
        let t = ReportTables {
            blindspots: Some(vec![
                spot("Ars Technica", "s1"),
                spot("Ars Technica", "s2"),
                spot("Ars Technica", "s3"),
                spot("Reuters", "s1"),
                spot("Tiny Gazette", "s2"),
                spot("Tiny Gazette", "s3"),
            ]),
            outlet_summary: Some(vec![
                sum("Ars Technica", 2),
                sum("Reuters", 18),
                sum("Tiny Gazette", 1),
            ]),
            ..Default::default()
        };
        let page = render_report(&t, "x");
        let at = |o: &str| {
            page.rfind(&format!(
                r#"<td class="outlet-name">{o}</td><td class="num">"#
            ))
            .unwrap()
        };
        assert!(at("Reuters") < at("Ars Technica"));
        assert!(at("Ars Technica") < at("Tiny Gazette"));
    }

    #[test]
    fn story_ids_in_links_are_percent_encoded() {
        let l = story_link("a b\"<", &HashMap::new());
        assert!(l.contains(r##"href="#story=a%20b%22%3C""##), "{l}");
    }
}
