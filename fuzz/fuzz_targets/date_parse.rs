//! The publication-date parser on any string, in zones with odd offsets and DST gaps: no
//! panic, and an accepted date round-trips through the form every output writes.
//! The checks live in `tests/fuzz_regressions/checks.rs`, shared with the regression test.
#![no_main]

#[path = "../../tests/fuzz_regressions/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::date_parse(data));
