//! JSON and JSON-lines files: no panic, a skipped row always says why, and no record is lost:
//! a JSON-lines file gives exactly one row per non-blank line.
//! The checks live in `tests/fuzz_regressions/checks.rs`, shared with the regression test.
#![no_main]

#[path = "../../tests/fuzz_regressions/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::json_records(data));
