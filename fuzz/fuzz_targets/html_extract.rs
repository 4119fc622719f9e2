//! HTML pages through the reader a real run uses (readability, metadata, segmentation): no
//! panic, never no row, and a skipped row always says why.
//! The checks live in `tests/fuzz_regressions/checks.rs`, shared with the regression test.
#![no_main]

#[path = "../../tests/fuzz_regressions/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::html_extract(data));
