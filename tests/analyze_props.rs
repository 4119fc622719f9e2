//! Property tests: the analyzer never panics and its offsets always point at the text.

use proptest::prelude::*;
use storyline::analyze::{Analyzer, Language, TokenKind, url_slug_words, word_indices};
use unicode_segmentation::UnicodeSegmentation;

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
    fn fast_word_segmentation_equals_uax29(text in news_like()) {
        let want: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        prop_assert_eq!(word_indices(&text), want);
    }

    #[test]
    fn fast_word_segmentation_equals_uax29_on_any_text(text in "\\PC{0,120}") {
        let want: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        prop_assert_eq!(word_indices(&text), want);
    }

    #[test]
    fn url_slug_never_panics(url in "\\PC{0,120}") {
        let _ = url_slug_words(&url);
    }
}

/// Text made of the characters news is made of, punctuation between words and digits
/// included, plus a few that take the full Unicode path.
fn news_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            6 => "[a-zA-Z]{1,6}",
            3 => "[0-9]{1,4}",
            4 => "[ .,;:'_\n\t\"!?()-]",
            2 => "[‘’“”—–…]",
            1 => "[éüßçЖ日\u{200B}\u{00AD}\u{0301}\u{00A0}]",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}
