//! Property tests: dates round-trip through their written forms. A date written the ways news
//! writes it is read back to the same day by the metadata parser and by the tagger, whose
//! TIMEX value the metadata parser reads back to that day again; a publication time written as
//! every output writes it parses back to the same instant and offset.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use storyline::ingest::{format_date, parse_date};
use storyline::temporal::{Granularity, granularity, tag};

const MONTHS: [&str; 12] = [
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
];

fn any_day(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> {
    (years, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// The ways news and metadata write a day.
fn written_forms(d: NaiveDate) -> Vec<String> {
    let month = MONTHS[d.month0() as usize];
    vec![
        d.format("%Y-%m-%d").to_string(),
        d.format("%Y/%m/%d").to_string(),
        format!("{month} {}, {}", d.day(), d.year()),
        format!("{} {month} {}", d.day(), d.year()),
        format!("{}, {month} {}, {}", d.format("%A"), d.day(), d.year()),
        format!("{}/{}/{}", d.month(), d.day(), d.year()),
    ]
}

fn utc_day(s: &str) -> Option<NaiveDate> {
    parse_date(s, chrono_tz::UTC).ok().map(|d| d.date_naive())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_written_day_parses_back_to_the_same_day(d in any_day(1000..=9999)) {
        for s in written_forms(d) {
            prop_assert_eq!(utc_day(&s), Some(d), "{}", s);
        }
    }

    #[test]
    fn a_tagged_day_value_parses_back_to_the_same_day(
        d in any_day(1900..=2100),
        dct in any_day(1950..=2050),
    ) {
        for s in written_forms(d).into_iter().filter(|s| !s.contains('/')) {
            let text = format!("The vote took place on {s} in the capital.");
            let found = tag(&text, Some(dct));
            let t = found.iter().find(|t| granularity(&t.value) == Some(Granularity::Day));
            let t = t.ok_or_else(|| TestCaseError::fail(format!("{s}: {found:?}")))?;
            prop_assert_eq!(&t.value, &d.format("%Y-%m-%d").to_string(), "{}", s);
            prop_assert_eq!(utc_day(&t.value), Some(d), "{}", s);
        }
    }

    #[test]
    fn a_written_publication_time_parses_back_unchanged(
        secs in -50_000_000_000i64..200_000_000_000,
        offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59),
    ) {
        let tz = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let t: DateTime<FixedOffset> = tz.timestamp_opt(secs, 0).unwrap();
        let written = format_date(&t);
        let back = parse_date(&written, chrono_tz::UTC).unwrap();
        prop_assert_eq!(back, t, "{}", written);
        prop_assert_eq!(back.offset(), t.offset(), "{}", written);
        prop_assert_eq!(format_date(&back), written);
    }
}
