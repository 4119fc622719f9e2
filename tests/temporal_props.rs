//! Property tests: the tagger never panics and its offsets are char boundaries.

use chrono::NaiveDate;
use proptest::prelude::*;
use storyline::temporal::tag;

/// Text made of temporal words, numbers, punctuation and multibyte characters, so that the
/// rules actually fire on odd inputs.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Monday".to_string()),
        Just("last".to_string()),
        Just("week".to_string()),
        Just("the".to_string()),
        Just("March".to_string()),
        Just("Aug.".to_string()),
        Just("a.m.".to_string()),
        Just("ago".to_string()),
        Just("quarter".to_string()),
        Just("year-earlier".to_string()),
        Just("’".to_string()),
        Just("é".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        Just(":".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        (0u32..3000).prop_map(|n| n.to_string()),
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn tagger_never_panics_and_offsets_are_char_boundaries(
        text in texty(),
        days in 0i64..50_000,
        with_date in any::<bool>(),
    ) {
        let dct = with_date.then(|| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days));
        for t in tag(&text, dct) {
            prop_assert!(t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert_eq!(&text[t.start..t.end], t.text.as_str());
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        for t in tag(&text, NaiveDate::from_ymd_opt(2014, 9, 15)) {
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }
}

#[test]
fn extreme_dates_do_not_overflow() {
    for d in [NaiveDate::MIN, NaiveDate::MAX] {
        let t = tag("yesterday, next week, 10 years ago, last Friday", Some(d));
        assert_eq!(t.len(), 4);
    }
}
