//! Property tests: the analyzer never panics and its offsets always point at the text.

use proptest::prelude::*;
use storyline::analyze::{Analyzer, Language, TokenKind, url_slug_words};

proptest! {
    #[test]
    fn analyzer_never_panics_and_offsets_are_char_boundaries(
        text in "\\PC{0,200}",
        title_frac in 0.0f64..1.0,
    ) {
        let a = Analyzer::default();
        let mut cut = ((text.len() as f64) * title_frac) as usize;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let out = a.analyze(&text, cut);
        for t in &out.tokens {
            prop_assert!(t.start <= t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            if t.kind != TokenKind::Pair {
                prop_assert!(!t.term.is_empty());
            }
        }
    }

    #[test]
    fn every_language_analyzes_any_text(text in "\\PC{0,120}", lang in 0usize..18) {
        let codes = ["en", "ar", "da", "nl", "fi", "fr", "de", "el", "hu", "it", "no", "pt",
                     "ro", "ru", "es", "sv", "ta", "tr"];
        let l = Language::from_code(codes[lang]).unwrap();
        let _ = Analyzer::default().analyze_with(&text, 0, l);
    }

    #[test]
    fn url_slug_never_panics(url in "\\PC{0,120}") {
        let _ = url_slug_words(&url);
    }
}
