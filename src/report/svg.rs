//! The corpus heat strip: articles per day (or week, month, year) per outlet, as inline SVG.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use chrono::{DateTime, Datelike, Months, NaiveDate};

use super::data::ArticleRow;
use super::escape::escape_html;

/// Most outlets drawn as rows (the busiest ones).
pub(crate) const TOP_OUTLETS: usize = 12;
/// Most time buckets: the bucket grows (day, week, month, year) until the span fits.
const MAX_BUCKETS: i64 = 120;

/// The size of one time bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bucket {
    Day,
    Week,
    Month,
    Year,
}

impl Bucket {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
            Bucket::Year => "year",
        }
    }

    /// The first day of the bucket holding `d`.
    fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => d,
            Bucket::Week => d - chrono::Days::new(d.weekday().num_days_from_monday() as u64),
            Bucket::Month => d.with_day(1).expect("day 1 exists"),
            Bucket::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("Jan 1 exists"),
        }
    }

    fn next(self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => d + chrono::Days::new(1),
            Bucket::Week => d + chrono::Days::new(7),
            Bucket::Month => d + Months::new(1),
            Bucket::Year => d + Months::new(12),
        }
    }

    /// The finest bucket that covers `first..=last` in at most [`MAX_BUCKETS`].
    fn fitting(first: NaiveDate, last: NaiveDate) -> Bucket {
        let days = (last - first).num_days() + 1;
        let months = (last.year() - first.year()) as i64 * 12 + last.month() as i64
            - first.month() as i64
            + 1;
        if days <= MAX_BUCKETS {
            Bucket::Day
        } else if days / 7 < MAX_BUCKETS {
            Bucket::Week
        } else if months <= MAX_BUCKETS {
            Bucket::Month
        } else {
            Bucket::Year
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `15 Sep 2014`, `Sep 2014` or `2014` by bucket.
fn label(d: NaiveDate, b: Bucket) -> String {
    let m = MONTHS[d.month0() as usize];
    match b {
        Bucket::Day | Bucket::Week => format!("{} {m} {}", d.day(), d.year()),
        Bucket::Month => format!("{m} {}", d.year()),
        Bucket::Year => d.year().to_string(),
    }
}

/// The heat strip and what it was drawn from.
#[derive(Debug, Clone)]
pub(crate) struct HeatStrip {
    /// The `<svg>` element.
    pub svg: String,
    pub bucket: Bucket,
    /// Outlets drawn / outlets with dated articles.
    pub outlets_shown: usize,
    pub outlets_total: usize,
    /// Dated articles counted.
    pub articles: usize,
}

/// The day an article was published on, in its own offset. Teasers, skipped rows and undated
/// rows have none.
pub(crate) fn published_day(a: &ArticleRow) -> Option<NaiveDate> {
    if a.status == "skipped" || a.kind == "teaser" {
        return None;
    }
    let p = a.published.as_deref()?.trim();
    DateTime::parse_from_rfc3339(p)
        .map(|t| t.date_naive())
        .or_else(|_| NaiveDate::parse_from_str(p, "%Y-%m-%d"))
        .ok()
}

/// Colour of a cell holding `count` of a maximum `max` (square-root scale, light to dark blue).
fn color(count: usize, max: usize) -> String {
    let t = (count as f64 / max.max(1) as f64).sqrt();
    let (lo, hi) = ((0xd4, 0xe4, 0xf4), (0x0b, 0x3c, 0x7d));
    let mix = |a: i32, b: i32| (a as f64 + (b - a) as f64 * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(lo.0, hi.0),
        mix(lo.1, hi.1),
        mix(lo.2, hi.2)
    )
}

/// Which buckets get a date label: every k-th, aligned to calendar boundaries, at most ~8.
fn ticks(buckets: &[NaiveDate], b: Bucket) -> Vec<usize> {
    let n = buckets.len();
    let steps: &[usize] = match b {
        Bucket::Day => &[1, 2, 7, 14, 28],
        Bucket::Week => &[1, 2, 4, 8, 13, 26, 52],
        Bucket::Month => &[1, 2, 3, 6, 12, 24, 60],
        Bucket::Year => &[1, 2, 5, 10, 20, 50, 100],
    };
    let step = steps
        .iter()
        .copied()
        .find(|s| n.div_ceil(*s) <= 8)
        .unwrap_or(n.max(1));
    (0..n)
        .filter(|&i| {
            let d = buckets[i];
            match b {
                Bucket::Month => (d.year() * 12 + d.month0() as i32) % step as i32 == 0,
                Bucket::Year => d.year() % step as i32 == 0,
                _ => i % step == 0,
            }
        })
        .collect()
}

/// Draws the articles per bucket for the busiest outlets, with an "all outlets" row on top.
/// `None` when no article has a date.
pub(crate) fn heat_strip(articles: &[ArticleRow]) -> Option<HeatStrip> {
    let dated: Vec<(&str, NaiveDate)> = articles
        .iter()
        .filter_map(|a| published_day(a).map(|d| (a.outlet.as_str(), d)))
        .collect();
    let first = dated.iter().map(|x| x.1).min()?;
    let last = dated.iter().map(|x| x.1).max()?;
    let bucket = Bucket::fitting(first, last);
    let mut buckets = vec![bucket.start(first)];
    while let Some(&b) = buckets.last() {
        let n = bucket.next(b);
        if n > last {
            break;
        }
        buckets.push(n);
    }
    let index: HashMap<NaiveDate, usize> =
        buckets.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let mut per_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut all = vec![0usize; buckets.len()];
    for (o, d) in &dated {
        let i = index[&bucket.start(*d)];
        let name = if o.is_empty() { "(unknown)" } else { o };
        per_outlet
            .entry(name)
            .or_insert_with(|| vec![0; buckets.len()])[i] += 1;
        all[i] += 1;
    }
    let mut outlets: Vec<(&str, Vec<usize>)> = per_outlet.into_iter().collect();
    let outlets_total = outlets.len();
    outlets.sort_by(|a, b| {
        let (sa, sb) = (a.1.iter().sum::<usize>(), b.1.iter().sum::<usize>());
        sb.cmp(&sa).then_with(|| a.0.cmp(b.0))
    });
    outlets.truncate(TOP_OUTLETS);

    // Geometry, in viewBox units (the SVG scales to the page width).
    let (width, label_w, total_w, row_h, gap, top) = (1200.0, 200.0, 64.0, 20.0, 3.0, 4.0);
    let plot_w = width - label_w - total_w;
    let cell_w = plot_w / buckets.len() as f64;
    let rows = outlets.len() + 1;
    let axis_y = top + rows as f64 * (row_h + gap) + 6.0;
    let height = axis_y + 22.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="heat" viewBox="0 0 {width} {height}" role="img" aria-label="Articles per {} per outlet">"#,
        bucket.name()
    );
    let row_max = outlets
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(1);
    let all_max = all.iter().copied().max().unwrap_or(1);
    let rows_drawn =
        std::iter::once(("All outlets", &all)).chain(outlets.iter().map(|(n, c)| (*n, c)));
    for (r, (name, counts)) in rows_drawn.enumerate() {
        let y = top + r as f64 * (row_h + gap) + if r > 0 { 6.0 } else { 0.0 };
        let max = if r == 0 { all_max } else { row_max };
        let total: usize = counts.iter().sum();
        let short: String = if name.chars().count() > 28 {
            format!("{}…", name.chars().take(27).collect::<String>())
        } else {
            name.to_string()
        };
        let _ = write!(
            svg,
            r#"<g class="heat-row{}"><text class="heat-label" x="{:.1}" y="{:.1}" text-anchor="end"><title>{}</title>{}</text><rect class="heat-bg" x="{label_w}" y="{y:.1}" width="{plot_w:.1}" height="{row_h}"/>"#,
            if r == 0 { " heat-all" } else { "" },
            label_w - 10.0,
            y + row_h * 0.7,
            escape_html(name),
            escape_html(&short),
        );
        for (i, &c) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            let _ = write!(
                svg,
                r#"<rect x="{:.2}" y="{y:.1}" width="{:.2}" height="{row_h}" fill="{}"><title>{} · {}: {c} article{}</title></rect>"#,
                label_w + i as f64 * cell_w,
                (cell_w - if cell_w > 4.0 { 1.0 } else { 0.0 }).max(0.5),
                color(c, max),
                escape_html(name),
                label(buckets[i], bucket),
                if c == 1 { "" } else { "s" },
            );
        }
        let _ = write!(
            svg,
            r#"<text class="heat-total" x="{:.1}" y="{:.1}">{total}</text></g>"#,
            width - total_w + 10.0,
            y + row_h * 0.7
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis-line" x1="{label_w}" x2="{:.1}" y1="{axis_y:.1}" y2="{axis_y:.1}"/>"#,
        label_w + plot_w
    );
    for i in ticks(&buckets, bucket) {
        let x = label_w + i as f64 * cell_w;
        let _ = write!(
            svg,
            r#"<line class="tick" x1="{x:.1}" x2="{x:.1}" y1="{axis_y:.1}" y2="{:.1}"/><text class="tick-label" x="{x:.1}" y="{:.1}">{}</text>"#,
            axis_y + 5.0,
            axis_y + 18.0,
            label(buckets[i], bucket)
        );
    }
    svg.push_str("</svg>");
    Some(HeatStrip {
        svg,
        bucket,
        outlets_shown: outlets.len(),
        outlets_total,
        articles: dated.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(outlet: &str, published: &str) -> ArticleRow {
        ArticleRow {
            id: format!("{outlet}-{published}"),
            kind: "article".into(),
            outlet: outlet.into(),
            published: Some(published.into()),
            status: "ok".into(),
            ..Default::default()
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn bucket_grows_with_the_span() {
        assert_eq!(
            Bucket::fitting(ymd(2014, 1, 1), ymd(2014, 3, 1)),
            Bucket::Day
        );
        assert_eq!(
            Bucket::fitting(ymd(2014, 1, 1), ymd(2015, 6, 1)),
            Bucket::Week
        );
        assert_eq!(
            Bucket::fitting(ymd(2005, 5, 7), ymd(2014, 3, 10)),
            Bucket::Month
        );
        assert_eq!(
            Bucket::fitting(ymd(1900, 1, 1), ymd(2014, 3, 10)),
            Bucket::Year
        );
    }

    #[test]
    fn a_day_is_the_publication_day_in_its_own_offset() {
        let a = article("A", "2014-09-15T23:30:00-05:00");
        assert_eq!(published_day(&a), Some(ymd(2014, 9, 15)));
        let teaser = ArticleRow {
            kind: "teaser".into(),
            ..a
        };
        assert_eq!(published_day(&teaser), None);
    }

    #[test]
    fn strip_counts_every_dated_article_once_and_escapes_outlets() {
        let rows = vec![
            article("<b>Evil</b>", "2014-09-15T10:00:00Z"),
            article("<b>Evil</b>", "2014-09-15T11:00:00Z"),
            article("Herald", "2014-09-20T10:00:00Z"),
            ArticleRow {
                published: None,
                ..article("Herald", "")
            },
        ];
        let h = heat_strip(&rows).unwrap();
        assert_eq!((h.articles, h.outlets_total, h.bucket), (3, 2, Bucket::Day));
        assert!(!h.svg.contains("<b>"), "{}", h.svg);
        assert!(
            h.svg
                .contains("&lt;b&gt;Evil&lt;/b&gt; · 15 Sep 2014: 2 articles")
        );
        assert!(h.svg.contains(">20 Sep 2014<") || h.svg.contains("15 Sep 2014</text>"));
    }

    #[test]
    fn no_dated_article_means_no_strip() {
        assert!(heat_strip(&[]).is_none());
    }

    #[test]
    fn month_ticks_fall_on_calendar_boundaries() {
        let mut b = vec![ymd(2005, 5, 1)];
        while b.len() < 107 {
            let n = *b.last().unwrap() + Months::new(1);
            b.push(n);
        }
        let t = ticks(&b, Bucket::Month);
        assert!(t.len() <= 9 && t.len() >= 4, "{t:?}");
        assert!(t.iter().all(|&i| b[i].month() == 1), "{t:?}");
    }
}
