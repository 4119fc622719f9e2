//! Terminal views of the output tables: stories, a story's timeline, a story's outlets, the
//! outlet summary and blind spots. They read [`Table`]s, so they work the same on a fresh
//! analysis and on an output folder read back from disk.

use std::fmt::Write;
use std::path::Path;

use crate::export::{Cell, Table};

/// Reads a CSV table written by storyline back into a [`Table`] (every cell as text).
pub fn read_table(path: &Path) -> Result<Table, csv::Error> {
    let mut r = csv::Reader::from_path(path)?;
    let headers = r.headers()?.clone();
    let columns: Vec<String> = headers.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        rows.push(rec.iter().map(|v| Cell::Text(v.to_string())).collect());
    }
    Ok(Table { columns, rows })
}

/// The text of a cell.
fn text(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Float(x) => format!("{x:.3}"),
        Cell::Null => String::new(),
    }
}

/// Rows of a table as column lookups.
struct Rows<'a> {
    table: &'a Table,
}

impl<'a> Rows<'a> {
    fn col(&self, name: &str) -> Option<usize> {
        self.table.columns.iter().position(|c| *c == name)
    }

    fn get(&self, row: &[Cell], name: &str) -> String {
        self.col(name)
            .and_then(|i| row.get(i))
            .map(text)
            .unwrap_or_default()
    }
}

/// Cuts a string to `width` characters, with an ellipsis.
fn fit(s: &str, width: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= width {
        return s;
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn day(ts: &str) -> &str {
    ts.get(..10).unwrap_or(ts)
}

/// The story table, largest first (as written), at most `limit` rows.
pub fn stories_view(stories: &Table, limit: usize) -> String {
    let r = Rows { table: stories };
    let mut out = String::new();
    let _ = writeln!(out, "{} stories", stories.rows.len());
    let _ = writeln!(
        out,
        "{:<17} {:>5} {:>4}  {:<23}  label / headline",
        "story", "arts", "outl", "published"
    );
    for row in stories.rows.iter().take(limit) {
        let span = match (r.get(row, "first_published"), r.get(row, "last_published")) {
            (a, b) if a.is_empty() => b.get(..10).unwrap_or("").to_string(),
            (a, b) if day(&a) == day(&b) => day(&a).to_string(),
            (a, b) => format!("{} .. {}", day(&a), day(&b)),
        };
        let _ = writeln!(
            out,
            "{:<17} {:>5} {:>4}  {:<23}  {}",
            r.get(row, "story_id"),
            r.get(row, "articles"),
            r.get(row, "outlets"),
            span,
            fit(&r.get(row, "label"), 50)
        );
        let _ = writeln!(out, "{:>54}{}", "", fit(&r.get(row, "headline"), 60));
    }
    if stories.rows.len() > limit {
        let _ = writeln!(out, "... {} more (--limit)", stories.rows.len() - limit);
    }
    out
}

/// The timeline of one story (entries in date order), or of the `limit` largest stories.
pub fn timeline_view(
    timeline: &Table,
    stories: &Table,
    story: Option<&str>,
    limit: usize,
) -> String {
    let t = Rows { table: timeline };
    let s = Rows { table: stories };
    let ids: Vec<String> = match story {
        Some(id) => vec![id.to_string()],
        None => stories
            .rows
            .iter()
            .take(limit)
            .map(|r| s.get(r, "story_id"))
            .collect(),
    };
    let mut out = String::new();
    for id in ids {
        let head = stories.rows.iter().find(|r| s.get(r, "story_id") == id);
        let _ = writeln!(
            out,
            "{id}  {}",
            head.map(|h| fit(
                &format!("{} — {}", s.get(h, "label"), s.get(h, "headline")),
                80
            ))
            .unwrap_or_default()
        );
        let entries: Vec<&Vec<Cell>> = timeline
            .rows
            .iter()
            .filter(|r| t.get(r, "story_id") == id)
            .collect();
        if entries.is_empty() {
            let _ = writeln!(out, "  (no dated events)");
        }
        for e in entries {
            let _ = writeln!(
                out,
                "  {:<10} {:>3} art {:>3} outl  {}",
                t.get(e, "date"),
                t.get(e, "articles"),
                t.get(e, "outlets"),
                fit(&t.get(e, "event"), 70)
            );
        }
        out.push('\n');
    }
    out
}

/// A lag in hours as written in the tables ("0.250") for a reader: `+0 s`, `+15 s`,
/// `+4 min`, `+2.4 h`, `+3.1 d`; `-` when unknown.
fn human_lag(hours: &str) -> String {
    let Ok(h) = hours.parse::<f64>() else {
        return "-".to_string();
    };
    let s = h * 3600.0;
    if s < 60.0 {
        format!("+{s:.0} s")
    } else if s < 3600.0 {
        format!("+{:.0} min", s / 60.0)
    } else if h < 48.0 {
        format!("+{h:.1} h")
    } else {
        format!("+{:.1} d", h / 24.0)
    }
}

/// The outlets of one story in order of first report, or the outlet summary.
pub fn outlets_view(outlets: &Table, summary: &Table, story: Option<&str>, limit: usize) -> String {
    let mut out = String::new();
    match story {
        Some(id) => {
            let o = Rows { table: outlets };
            let _ = writeln!(
                out,
                "{:<28} {:>5} {:>4} {:>9} {:>7}  distinctive terms",
                "outlet", "arts", "syn", "lag", "events"
            );
            for (n, r) in outlets
                .rows
                .iter()
                .filter(|r| o.get(r, "story_id") == id)
                .enumerate()
            {
                let lag = o.get(r, "lag_hours");
                let events = format!("{}/{}", o.get(r, "events_reported"), {
                    let rep: usize = o.get(r, "events_reported").parse().unwrap_or(0);
                    let mis: usize = o.get(r, "events_missed").parse().unwrap_or(0);
                    rep + mis
                });
                let _ = writeln!(
                    out,
                    "{:<28} {:>5} {:>4} {:>9} {:>7}  {}",
                    fit(&o.get(r, "outlet"), 28),
                    o.get(r, "articles"),
                    o.get(r, "syndicated"),
                    if n == 0 && !lag.is_empty() {
                        "first".to_string()
                    } else {
                        human_lag(&lag)
                    },
                    events,
                    fit(&o.get(r, "distinctive_terms"), 40)
                );
            }
        }
        None => {
            let s = Rows { table: summary };
            let _ = writeln!(
                out,
                "{:<28} {:>5} {:>7} {:>6} {:>10} {:>6}",
                "outlet", "arts", "stories", "first", "median lag", "syn %"
            );
            for r in summary.rows.iter().take(limit) {
                let syn: f64 = s.get(r, "syndicated_share").parse().unwrap_or(0.0);
                let lag = s.get(r, "median_lag_hours");
                let _ = writeln!(
                    out,
                    "{:<28} {:>5} {:>7} {:>6} {:>10} {:>5.0}%",
                    fit(&s.get(r, "outlet"), 28),
                    s.get(r, "articles"),
                    s.get(r, "stories"),
                    s.get(r, "first_to_report"),
                    human_lag(&lag),
                    syn * 100.0
                );
            }
            if summary.rows.len() > limit {
                let _ = writeln!(
                    out,
                    "... {} more outlets (--limit)",
                    summary.rows.len() - limit
                );
            }
        }
    }
    out
}

/// Blind spots: per outlet, the big stories it did not cover while publishing.
pub fn blindspots_view(blindspots: &Table, stories: &Table, limit: usize) -> String {
    let b = Rows { table: blindspots };
    let s = Rows { table: stories };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<28} {:<17} {:>7}  label",
        "outlet", "missed story", "outlets"
    );
    for r in blindspots.rows.iter().take(limit) {
        let id = b.get(r, "story_id");
        let label = stories
            .rows
            .iter()
            .find(|x| s.get(x, "story_id") == id)
            .map(|x| s.get(x, "label"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<28} {:<17} {:>7}  {}",
            fit(&b.get(r, "outlet"), 28),
            id,
            b.get(r, "story_outlets"),
            fit(&label, 40)
        );
    }
    if blindspots.rows.len() > limit {
        let _ = writeln!(out, "... {} more (--limit)", blindspots.rows.len() - limit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cols: &[&'static str], rows: &[&[&str]]) -> Table {
        Table {
            columns: cols.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|v| Cell::Text(v.to_string())).collect())
                .collect(),
        }
    }

    #[test]
    fn stories_view_shows_label_headline_and_span() {
        let s = table(
            &[
                "story_id",
                "label",
                "headline",
                "articles",
                "outlets",
                "first_published",
                "last_published",
            ],
            &[&[
                "s1",
                "kerry, iran",
                "U.S. won't rule out Iran",
                "3",
                "2",
                "2014-09-15T10:00:00Z",
                "2014-09-16T10:00:00Z",
            ]],
        );
        let v = stories_view(&s, 10);
        assert!(v.contains("2014-09-15 .. 2014-09-16"), "{v}");
        assert!(
            v.contains("kerry, iran") && v.contains("U.S. won't rule out Iran"),
            "{v}"
        );
    }

    #[test]
    fn lags_read_in_the_unit_that_fits() {
        assert_eq!(human_lag("0.000"), "+0 s");
        assert_eq!(human_lag("0.005"), "+18 s");
        assert_eq!(human_lag("0.250"), "+15 min");
        assert_eq!(human_lag("29.183"), "+29.2 h");
        assert_eq!(human_lag("72.000"), "+3.0 d");
        assert_eq!(human_lag(""), "-");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("a  b", 4), "a b");
    }
}
