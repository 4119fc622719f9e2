//! Calendar arithmetic and TIMEX3 value formatting.
//!
//! Values follow TimeML: `2014-03-22`, `2014-03`, `2014`, `2014-W37`, `2014-Q3`, `2014-SU`,
//! `201` (a decade), `20` (a century), `2014-09-15TMO`, `2014-09-15T10:37`, `P10Y`, `PT2H`,
//! `PRESENT_REF`. Without a document date, relative values keep `X` placeholders.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::lexicon::Unit;

/// How fine a DATE value is, for placing it on a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// `2014-09-15` (also a part of a day or a clock time on that day)
    Day,
    /// `2014-W37`, `2014-W37-WE`
    Week,
    /// `2014-09`
    Month,
    /// `2014-Q3`, `2014-H1`
    Quarter,
    /// `2014-SU`
    Season,
    /// `2014`
    Year,
    /// `201`
    Decade,
    /// `20`
    Century,
}

/// The granularity of a resolved DATE/TIME value; `None` for durations, references
/// (`PRESENT_REF`) and values with unresolved (`X`) parts.
pub fn granularity(value: &str) -> Option<Granularity> {
    let b = value.as_bytes();
    if b.contains(&b'X') || b.first().is_some_and(|c| !c.is_ascii_digit()) {
        return None;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    match (digits, b.len()) {
        (2, 2) => Some(Granularity::Century),
        (3, 3) => Some(Granularity::Decade),
        (4, 4) => Some(Granularity::Year),
        (4, _) => {
            let rest = &value[5.min(value.len())..];
            match rest.as_bytes().first() {
                Some(b'W') => Some(Granularity::Week),
                Some(b'Q') | Some(b'H') => Some(Granularity::Quarter),
                Some(b'S') | Some(b'F') => Some(Granularity::Season),
                Some(c) if c.is_ascii_digit() => {
                    if rest.len() == 2 {
                        Some(Granularity::Month)
                    } else {
                        Some(Granularity::Day)
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub(crate) fn year(y: i32) -> String {
    format!("{y:04}")
}

pub(crate) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(crate) fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// Shifts (year, month) by `delta` months.
pub(crate) fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

pub(crate) fn add_quarters(y: i32, q: u32, delta: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + delta;
    (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1)
}

pub(crate) fn weekday_of(n: u8) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Direction in which a relative expression is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// The nearest such day on or before the anchor (news default, past tense).
    Back,
    /// The nearest such day on or after the anchor (future tense).
    Forward,
    /// Strictly before ("last Friday").
    Prev,
    /// Strictly after ("next Monday").
    Next,
}

/// The weekday `wd` nearest to `anchor` in direction `dir`.
pub(crate) fn resolve_weekday(anchor: NaiveDate, wd: u8, dir: Dir) -> NaiveDate {
    let target = weekday_of(wd).num_days_from_monday() as i64;
    let cur = anchor.weekday().num_days_from_monday() as i64;
    let back = (cur - target).rem_euclid(7);
    let fwd = (target - cur).rem_euclid(7);
    match dir {
        Dir::Back => anchor - Duration::days(back),
        Dir::Forward => anchor + Duration::days(fwd),
        Dir::Prev => anchor - Duration::days(if back == 0 { 7 } else { back }),
        Dir::Next => anchor + Duration::days(if fwd == 0 { 7 } else { fwd }),
    }
}

/// The year of a month name without a year, seen from `anchor`.
pub(crate) fn resolve_month_year(anchor: NaiveDate, m: u32, dir: Dir) -> i32 {
    let (y, cur) = (anchor.year(), anchor.month());
    match dir {
        Dir::Back if m > cur => y - 1,
        Dir::Prev if m >= cur => y - 1,
        Dir::Forward if m < cur => y + 1,
        Dir::Next if m <= cur => y + 1,
        _ => y,
    }
}

/// The value of the period `n` units away from `anchor` (negative: in the past), at the
/// unit's own granularity ("two weeks ago" -> a week).
pub(crate) fn shift(anchor: NaiveDate, unit: Unit, n: i32) -> String {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => day(anchor),
        Unit::Day => day(anchor + Duration::days(n as i64)),
        Unit::Week | Unit::Fortnight => {
            let k = if unit == Unit::Fortnight { 14 } else { 7 };
            week(anchor + Duration::days(k * n as i64))
        }
        Unit::Weekend => format!("{}-WE", week(anchor + Duration::days(7 * n as i64))),
        Unit::Month => {
            let (y, m) = add_months(anchor.year(), anchor.month(), n);
            month(y, m)
        }
        Unit::Quarter => {
            let (y, q) = add_quarters(anchor.year(), quarter_of(anchor.month()), n);
            format!("{y:04}-Q{q}")
        }
        Unit::Year => year(anchor.year() + n),
        Unit::Decade => format!("{:03}", (anchor.year() + 10 * n).div_euclid(10)),
        Unit::Century => format!("{:02}", (anchor.year() + 100 * n).div_euclid(100)),
    }
}

/// The unresolved form of `shift`, used without a document date.
pub(crate) fn unresolved(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Fortnight => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
    }
}

/// An ISO 8601 duration: `n` units, `None` for a vague count (`PXY`).
pub(crate) fn duration(unit: Unit, n: Option<u32>) -> String {
    let (time, letter, mult) = unit.designator();
    let t = if time { "T" } else { "" };
    match n {
        Some(n) => match unit {
            Unit::Decade => format!("P{}Y", n * 10),
            Unit::Century => format!("P{}Y", n * 100),
            _ => format!("P{t}{}{letter}", n * mult),
        },
        None => format!("P{t}X{letter}"),
    }
}

/// The date of US Thanksgiving (fourth Thursday of November) in `y`.
pub(crate) fn thanksgiving(y: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn backward_weekday_includes_the_anchor_day() {
        assert_eq!(
            resolve_weekday(d("2014-09-15"), 1, Dir::Back),
            d("2014-09-15")
        );
        assert_eq!(
            resolve_weekday(d("2014-09-15"), 7, Dir::Back),
            d("2014-09-14")
        );
    }

    #[test]
    fn last_weekday_is_strictly_before() {
        assert_eq!(
            resolve_weekday(d("2014-09-15"), 1, Dir::Prev),
            d("2014-09-08")
        );
        assert_eq!(
            resolve_weekday(d("2014-09-15"), 5, Dir::Prev),
            d("2014-09-12")
        );
    }

    #[test]
    fn forward_weekday_looks_ahead() {
        assert_eq!(
            resolve_weekday(d("2014-09-15"), 5, Dir::Forward),
            d("2014-09-19")
        );
    }

    #[test]
    fn last_week_is_the_previous_iso_week() {
        assert_eq!(shift(d("2014-09-15"), Unit::Week, -1), "2014-W37");
    }

    #[test]
    fn month_shift_crosses_years() {
        assert_eq!(shift(d("2014-01-15"), Unit::Month, -1), "2013-12");
        assert_eq!(shift(d("2014-12-15"), Unit::Quarter, 1), "2015-Q1");
    }

    #[test]
    fn decade_durations_are_in_years() {
        assert_eq!(duration(Unit::Decade, Some(1)), "P10Y");
        assert_eq!(duration(Unit::Hour, Some(2)), "PT2H");
        assert_eq!(duration(Unit::Year, None), "PXY");
    }

    #[test]
    fn granularity_reads_the_value_shape() {
        assert_eq!(granularity("2014-09-15"), Some(Granularity::Day));
        assert_eq!(granularity("2014-09-15TMO"), Some(Granularity::Day));
        assert_eq!(granularity("2014-W37"), Some(Granularity::Week));
        assert_eq!(granularity("2014-09"), Some(Granularity::Month));
        assert_eq!(granularity("2014"), Some(Granularity::Year));
        assert_eq!(granularity("199"), Some(Granularity::Decade));
        assert_eq!(granularity("P10Y"), None);
        assert_eq!(granularity("XXXX-09"), None);
    }
}
