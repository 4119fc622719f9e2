//! What every fuzz target checks, shared by the targets in `fuzz/fuzz_targets/` and by
//! `tests/fuzz_regressions.rs`, which replays the inputs the fuzzers found. Each function
//! takes the fuzzer's bytes and panics when storyline misbehaves on them.
#![allow(dead_code)]

use std::path::Path;

use chrono::{NaiveDate, Timelike};
use storyline::ingest::{IngestOptions, decode_text, format_date, parse_date, read_bytes};
use storyline::segment::segment;
use storyline::temporal::tag;

/// The temporal tagger on any text and document date: every expression's offsets lie on char
/// boundaries inside the input and give back its text. Two bytes pick the date (none, the
/// extremes, or a day from 1900 on).
pub fn temporal_tag(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let days = u16::from_le_bytes([data[0], data[1]]);
    let dct = match days {
        0 => None,
        1 => Some(NaiveDate::MIN),
        2 => Some(NaiveDate::MAX),
        d => NaiveDate::from_ymd_opt(1900, 1, 1)
            .and_then(|s| s.checked_add_signed(chrono::Duration::days(d as i64))),
    };
    let text = String::from_utf8_lossy(&data[2..]);
    for t in tag(&text, dct) {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert_eq!(&text[t.start..t.end], t.text);
    }
}

const ZONES: [chrono_tz::Tz; 6] = [
    chrono_tz::UTC,
    chrono_tz::America::Los_Angeles,
    chrono_tz::Europe::Paris,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::Pacific::Apia,
    chrono_tz::Australia::Lord_Howe,
];

/// The publication-date parser on any string, in a zone picked by the first byte (odd
/// offsets, DST gaps, local mean time): an accepted date reads back unchanged from the form
/// every output writes it in.
pub fn date_parse(data: &[u8]) {
    let Some((&z, rest)) = data.split_first() else {
        return;
    };
    let tz = ZONES[z as usize % ZONES.len()];
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(d) = parse_date(s, tz) {
        let written = format_date(&d);
        let back = parse_date(&written, tz)
            .unwrap_or_else(|e| panic!("{s:?} -> {written:?} does not parse back: {e}"));
        // Whole seconds; a leap second (nanoseconds past 10^9) stays one.
        let whole = d
            .with_nanosecond(d.nanosecond() / 1_000_000_000 * 1_000_000_000)
            .unwrap_or(d);
        assert_eq!(back, whole, "{s:?} -> {written:?}");
        assert_eq!(back.offset(), whole.offset(), "{s:?} -> {written:?}");
        assert_eq!(format_date(&back), written, "{s:?}");
    }
}

/// Every file gives at least one row, and a skipped row says why.
fn rows_are_listed(rows: &[storyline::Article]) {
    assert!(!rows.is_empty(), "a file gave no row");
    for r in rows {
        assert!(r.is_ok() || !r.reason.is_empty(), "{r:?}");
    }
}

/// HTML pages through the reader a real run uses (flattening, readability, metadata,
/// segmentation).
pub fn html_extract(data: &[u8]) {
    rows_are_listed(&read_bytes(
        Path::new("page.html"),
        data.to_vec(),
        &IngestOptions::default(),
    ));
}

/// JSON and JSON-lines files: no record is lost, a JSON-lines file gives exactly one row per
/// non-blank line.
pub fn json_records(data: &[u8]) {
    let opts = IngestOptions::default();
    for name in ["records.json", "records.jsonl"] {
        let rows = read_bytes(Path::new(name), data.to_vec(), &opts);
        rows_are_listed(&rows);
        if name.ends_with(".jsonl")
            && let Ok(d) = decode_text(data.to_vec())
        {
            let lines = d.text.lines().filter(|l| !l.trim().is_empty()).count();
            assert_eq!(rows.len(), lines, "one row per non-blank line");
        }
    }
}

/// CSV and TSV files (any header, quoting, ragged rows, line ends): a row's line number lies
/// inside the file.
pub fn csv_rows(data: &[u8]) {
    let opts = IngestOptions::default();
    let lines = decode_text(data.to_vec()).map_or(0, |d| d.text.split('\n').count());
    for name in ["rows.csv", "rows.tsv"] {
        let rows = read_bytes(Path::new(name), data.to_vec(), &opts);
        rows_are_listed(&rows);
        for r in &rows {
            if let Ok(line) = r.record.parse::<usize>() {
                assert!((1..=lines).contains(&line), "line {line} of {lines}: {r:?}");
            }
        }
    }
}

/// The page segmenter, alone and behind the text reader: nothing is invented, the article
/// text and every teaser headline come from the page.
pub fn segment_page(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let s = segment(&text);
    for part in s.text.split("\n\n") {
        assert!(text.contains(part), "{part:?} is not in the page");
    }
    for t in &s.teasers {
        assert!(!t.headline.is_empty());
        assert!(text.contains(t.headline.as_str()));
    }
    rows_are_listed(&read_bytes(
        Path::new("page.txt"),
        data.to_vec(),
        &IngestOptions::default(),
    ));
}
