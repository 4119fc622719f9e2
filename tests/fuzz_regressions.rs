//! Replays every input the fuzzers found a bug with (`tests/fuzz_regressions/TARGET/`)
//! through the same checks the fuzz targets run (`fuzz/`, see README "Fuzzing").

#[path = "fuzz_regressions/checks.rs"]
mod checks;

use std::path::Path;

/// Runs `check` on every file of `tests/fuzz_regressions/<target>/`; returns how many.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let name = f.display().to_string();
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{name} fails its {target} check again");
        }
    }
    files.len()
}

#[test]
fn fuzz_found_dates_read_back_unchanged() {
    assert!(replay("date_parse", checks::date_parse) >= 1);
}

#[test]
fn fuzz_found_tables_list_every_file() {
    assert!(replay("csv_rows", checks::csv_rows) >= 1);
}

#[test]
fn fuzz_found_json_records_are_all_listed() {
    replay("json_records", checks::json_records);
}

#[test]
fn fuzz_found_pages_are_read() {
    replay("html_extract", checks::html_extract);
    replay("segment_page", checks::segment_page);
}

#[test]
fn fuzz_found_texts_tag_on_char_boundaries() {
    replay("temporal_tag", checks::temporal_tag);
}
