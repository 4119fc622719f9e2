//! The temporal tagger on any text and any document date: no panic, and every expression's
//! offsets lie on char boundaries inside the input and give back its text.
//! The checks live in `tests/fuzz_regressions/checks.rs`, shared with the regression test.
#![no_main]

#[path = "../../tests/fuzz_regressions/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::temporal_tag(data));
