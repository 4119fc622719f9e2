//! Publication dates from metadata: one whole string (or number) to one point in time.
//!
//! Written by hand: the date crates on crates.io either parse one fixed format (chrono) or guess
//! loosely and get common news forms wrong (see `CRATES.md`); metadata needs a short, strict list
//! of forms and a clear error for everything else.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

/// Why a date string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The string has a known shape but names a day that does not exist (`2014-02-30`).
    #[error("'{0}' is not a valid calendar date")]
    Impossible(String),
    /// The date is outside the years 1 to 9999, which RFC 3339 (every output) can write.
    #[error("'{0}' is outside the years 1 to 9999")]
    OutOfRange(String),
    /// The string matches none of the accepted forms.
    #[error(
        "'{0}' is not a date; expected RFC 3339, an ISO date, RFC 2822, a form like \
         'March 22, 2024', or Unix epoch seconds/milliseconds"
    )]
    Unrecognized(String),
}

/// Parses a publication date in any of the accepted forms.
///
/// Accepted: RFC 3339 (`2014-09-15T10:00:00Z`, also with a space for `T`), ISO dates and naive
/// date-times (`2014-09-15`, `2014-09-15 10:00:00`, `2014/09/15`), RFC 2822
/// (`Mon, 15 Sep 2014 10:00:00 +0000`), common English forms (`March 22, 2024`,
/// `Friday, March 22, 2024`, `Aug. 1, 2023`, `22 March 2014`, optionally followed by a time),
/// US numeric dates (`3/22/2014`) and Unix epoch seconds (9-10 digits) or milliseconds
/// (12-13 digits). Times without an offset are taken in `tz`.
///
/// ```
/// use storyline::ingest::parse_date;
/// let d = parse_date("March 22, 2024", chrono_tz::UTC).unwrap();
/// assert_eq!(d.to_rfc3339(), "2024-03-22T00:00:00+00:00");
/// assert!(parse_date("2014-02-30", chrono_tz::UTC).is_err());
/// ```
pub fn parse_date(input: &str, tz: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    let d = parse_any(input, tz)?;
    // RFC 2822 reads years of five digits and more; outputs could not write them back.
    if !(1..=9999).contains(&d.year()) {
        return Err(DateError::OutOfRange(input.trim().to_string()));
    }
    Ok(d)
}

fn parse_any(input: &str, tz: Tz) -> Result<DateTime<FixedOffset>, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Unrecognized(input.to_string()));
    }
    if let Some(d) = parse_epoch(s) {
        return d.ok_or_else(|| DateError::Impossible(s.to_string()));
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)) {
        return Ok(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Ok(d);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Ok(d);
        }
    }
    if let Some(naive) = parse_naive(s)? {
        return Ok(localize(naive, tz));
    }
    Err(DateError::Unrecognized(s.to_string()))
}

/// Formats a publication time the way every output of storyline writes it (RFC 3339, seconds).
pub fn format_date(d: &DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn localize(naive: NaiveDateTime, tz: Tz) -> DateTime<FixedOffset> {
    let offset = match tz.from_local_datetime(&naive).earliest() {
        Some(d) => d.offset().fix().local_minus_utc(),
        // A local time skipped by a DST change: take it as UTC rather than fail.
        None => 0,
    };
    // Local mean time before standard zones has offsets with seconds (Kathmandu +05:41:16),
    // which RFC 3339 cannot write: the time stays as written, the offset is rounded to the
    // minute, so the published time reads back the same from every output.
    let minutes = (offset as f64 / 60.0).round() as i32;
    let fixed = FixedOffset::east_opt(minutes * 60).expect("a zone offset is under a day");
    fixed
        .from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive).fixed_offset())
}

/// A year written out in four digits (`2014`); two-digit and longer years are not guessed.
fn four_digit_year(w: &str) -> Option<i64> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// `Some(Some(d))`: an epoch value; `Some(None)`: digits out of range; `None`: not an epoch.
fn parse_epoch(s: &str) -> Option<Option<DateTime<FixedOffset>>> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Years, compact dates (20140915) and other short numbers are not epochs.
    if !(9..=13).contains(&digits.len()) || digits.len() == 8 {
        return None;
    }
    let v: i64 = s.parse().ok()?;
    let d = if digits.len() >= 12 {
        DateTime::<Utc>::from_timestamp_millis(v)
    } else {
        DateTime::<Utc>::from_timestamp(v, 0)
    };
    Some(d.map(|d| d.fixed_offset()))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of an English month name or abbreviation (`Sept.`, `Aug`), 1-based.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
    .contains(&w.as_str())
}

fn ymd(y: i64, m: i64, d: i64, s: &str) -> Result<NaiveDate, DateError> {
    if !(1..=9999).contains(&y) {
        return Err(DateError::Impossible(s.to_string()));
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
        .ok_or_else(|| DateError::Impossible(s.to_string()))
}

/// Naive forms; `Ok(None)` when the shape is not one of ours.
fn parse_naive(s: &str) -> Result<Option<NaiveDateTime>, DateError> {
    // ISO-like: 2014-09-15, 2014/09/15, optionally followed by a time.
    let b = s.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[7] == b[4]
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit)
    {
        let num = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap_or(-1);
        let date = ymd(num(0..4), num(5..7), num(8..10), s)?;
        let rest = s[10..].trim_start_matches(['T', ' ']);
        return Ok(parse_time(rest).map(|t| date.and_time(t)));
    }
    let cleaned: String = s.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let words: &[&str] = if words.first().is_some_and(|w| is_weekday(w)) {
        &words[1..]
    } else {
        &words
    };
    if words.len() >= 3 {
        let time_rest = || words[3..].join(" ");
        // March 22 2024
        if let (Some(m), Ok(d), Some(y)) = (
            month_number(words[0]),
            strip_ordinal(words[1]).parse::<i64>(),
            four_digit_year(words[2]),
        ) {
            let date = ymd(y, m as i64, d, s)?;
            return Ok(parse_time(&time_rest()).map(|t| date.and_time(t)));
        }
        // 22 March 2024
        if let (Ok(d), Some(m), Some(y)) = (
            strip_ordinal(words[0]).parse::<i64>(),
            month_number(words[1]),
            four_digit_year(words[2]),
        ) {
            let date = ymd(y, m as i64, d, s)?;
            return Ok(parse_time(&time_rest()).map(|t| date.and_time(t)));
        }
    }
    // 3/22/2014 (US order)
    if words.len() == 1 || words.len() == 2 {
        let parts: Vec<&str> = words[0].split('/').collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
        {
            let n = |i: usize| parts[i].parse::<i64>().unwrap_or(-1);
            if parts[2].len() == 4 {
                let date = ymd(n(2), n(0), n(1), s)?;
                let rest = words.get(1).copied().unwrap_or("");
                return Ok(parse_time(rest).map(|t| date.and_time(t)));
            }
        }
    }
    Ok(None)
}

fn strip_ordinal(w: &str) -> &str {
    for suf in ["st", "nd", "rd", "th"] {
        if let Some(p) = w.strip_suffix(suf)
            && !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit())
        {
            return p;
        }
    }
    w
}

/// A clock time after a date: empty (midnight), `10:37`, `10:37:05.123`, `10:37 a.m.`, `10pm`,
/// optionally followed by a zone word we ignore (`UTC`, `GMT`, `Z`).
fn parse_time(rest: &str) -> Option<NaiveTime> {
    let r = rest.trim().trim_end_matches('Z');
    let r = r.trim_end_matches(" UTC").trim_end_matches(" GMT").trim();
    if r.is_empty() {
        return Some(NaiveTime::MIN);
    }
    let lower = r.to_ascii_lowercase().replace('.', "");
    let (clock, pm, am) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim().to_string(), true, false)
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim().to_string(), false, true)
    } else {
        (r.to_string(), false, false)
    };
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts
        .next()
        .map(|p| p.trim().parse().ok())
        .unwrap_or(Some(0))?;
    let sec: f64 = parts
        .next()
        .map(|p| p.trim().parse().ok())
        .unwrap_or(Some(0.0))?;
    let h = match (pm, am, h) {
        (true, _, 1..=11) => h + 12,
        (_, true, 12) => 0,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, sec as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        format_date(&parse_date(s, chrono_tz::UTC).unwrap())
    }

    #[test]
    fn rfc3339_keeps_its_offset() {
        assert_eq!(p("2014-09-15T10:00:00+02:00"), "2014-09-15T10:00:00+02:00");
        assert_eq!(p("2014-09-15 10:00:00Z"), "2014-09-15T10:00:00Z");
    }

    #[test]
    fn iso_dates_and_naive_times_are_utc_by_default() {
        assert_eq!(p("2017-09-15"), "2017-09-15T00:00:00Z");
        assert_eq!(p("2017-09-15T13:04:05"), "2017-09-15T13:04:05Z");
        assert_eq!(p("2017/09/15 13:04"), "2017-09-15T13:04:00Z");
    }

    #[test]
    fn rfc2822_is_read() {
        assert_eq!(p("Mon, 15 Sep 2014 10:00:00 +0000"), "2014-09-15T10:00:00Z");
    }

    #[test]
    fn english_forms_are_read() {
        assert_eq!(p("March 22, 2024"), "2024-03-22T00:00:00Z");
        assert_eq!(p("Friday, March 22, 2024"), "2024-03-22T00:00:00Z");
        assert_eq!(p("Aug. 1, 2023"), "2023-08-01T00:00:00Z");
        assert_eq!(p("Sept. 15, 2014 10:37 a.m."), "2014-09-15T10:37:00Z");
        assert_eq!(p("22 March 2014"), "2014-03-22T00:00:00Z");
        assert_eq!(p("3/22/2014"), "2014-03-22T00:00:00Z");
    }

    #[test]
    fn epoch_seconds_and_milliseconds_are_told_apart() {
        assert_eq!(p("1394470370698"), "2014-03-10T16:52:50Z");
        assert_eq!(p("1394470370"), "2014-03-10T16:52:50Z");
    }

    #[test]
    fn impossible_dates_are_errors_not_guesses() {
        for s in ["2014-02-30", "0000-00-00", "February 30, 2014"] {
            assert!(
                matches!(parse_date(s, chrono_tz::UTC), Err(DateError::Impossible(_))),
                "{s}"
            );
        }
        assert!(parse_date("9999-12-31", chrono_tz::UTC).is_ok());
        assert!(matches!(
            parse_date("yesterday", chrono_tz::UTC),
            Err(DateError::Unrecognized(_))
        ));
        assert!(matches!(
            parse_date("2014", chrono_tz::UTC),
            Err(DateError::Unrecognized(_))
        ));
    }

    #[test]
    fn years_past_9999_are_out_of_range_not_written_unreadably() {
        for s in ["4 Sep 20140 10:00 A", "4 Sep 20140 10:00:00 +0000"] {
            assert!(
                matches!(parse_date(s, chrono_tz::UTC), Err(DateError::OutOfRange(_))),
                "{s}"
            );
        }
        assert!(matches!(
            parse_date("0000-01-01T00:00:00Z", chrono_tz::UTC),
            Err(DateError::OutOfRange(_))
        ));
    }

    #[test]
    fn two_digit_years_are_not_guessed() {
        for s in ["March 22, 20", "22 March 14", "March 22, 20,4"] {
            assert!(
                matches!(
                    parse_date(s, chrono_tz::UTC),
                    Err(DateError::Unrecognized(_))
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn local_mean_time_offsets_are_rounded_to_the_minute_and_read_back() {
        let tz: Tz = "Asia/Kathmandu".parse().unwrap();
        let d = parse_date("March 22, 1900 04:00", tz).unwrap();
        let written = format_date(&d);
        assert_eq!(written, "1900-03-22T04:00:00+05:41");
        assert_eq!(parse_date(&written, tz).unwrap(), d);
    }

    #[test]
    fn naive_times_take_the_given_zone() {
        let tz: Tz = "America/Los_Angeles".parse().unwrap();
        let d = parse_date("2014-03-22 10:37", tz).unwrap();
        assert_eq!(format_date(&d), "2014-03-22T10:37:00-07:00");
    }
}
