//! CSV and TSV files (any header, quoting, ragged rows, line ends): no panic, never no row, a
//! skipped row always says why, and a row's line number lies inside the file.
//! The checks live in `tests/fuzz_regressions/checks.rs`, shared with the regression test.
#![no_main]

#[path = "../../tests/fuzz_regressions/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::csv_rows(data));
