//! The page segmenter on any text, alone and behind the text reader: no panic, and nothing
//! is invented: the article text and every teaser line come from the page.
//! The checks live in `tests/fuzz_regressions/checks.rs`, shared with the regression test.
#![no_main]

#[path = "../../tests/fuzz_regressions/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::segment_page(data));
