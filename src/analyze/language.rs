//! Language detection and the per-language resources (stemmer, stop words).

use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A language the analysis knows: its ISO 639-1 code and, when rust-stemmers has one, its
/// Snowball stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 code, e.g. `en`.
    pub code: &'static str,
    /// The Snowball algorithm for this language, if any.
    pub stemmer: Option<rust_stemmers::Algorithm>,
}

/// Languages with a Snowball stemmer in rust-stemmers, by ISO 639-1 code.
const STEMMED: &[(&str, &str, rust_stemmers::Algorithm)] = {
    use rust_stemmers::Algorithm::*;
    &[
        ("en", "eng", English),
        ("ar", "ara", Arabic),
        ("da", "dan", Danish),
        ("nl", "nld", Dutch),
        ("fi", "fin", Finnish),
        ("fr", "fra", French),
        ("de", "deu", German),
        ("el", "ell", Greek),
        ("hu", "hun", Hungarian),
        ("it", "ita", Italian),
        ("no", "nob", Norwegian),
        ("pt", "por", Portuguese),
        ("ro", "ron", Romanian),
        ("ru", "rus", Russian),
        ("es", "spa", Spanish),
        ("sv", "swe", Swedish),
        ("ta", "tam", Tamil),
        ("tr", "tur", Turkish),
    ]
};

impl Language {
    /// English, the fallback when detection is unsure.
    pub const ENGLISH: Language = Language {
        code: "en",
        stemmer: Some(rust_stemmers::Algorithm::English),
    };

    /// The language for an ISO 639-1 (`de`) or 639-3 (`deu`) code; `None` when the analysis
    /// has no stemmer for it.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        STEMMED
            .iter()
            .find(|(two, three, _)| *two == code || *three == code)
            .map(|&(two, _, alg)| Language {
                code: two,
                stemmer: Some(alg),
            })
    }

    /// Detects the language of `text` with whatlang. Falls back to English when whatlang is
    /// unsure or detects a language without a Snowball stemmer.
    pub fn detect(text: &str) -> Language {
        // The first few thousand bytes are plenty and keep long articles cheap.
        let mut cut = text.len().min(4000);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        match whatlang::detect(&text[..cut]) {
            Some(info) if info.is_reliable() || info.confidence() > 0.5 => {
                Language::from_code(info.lang().code()).unwrap_or(Language::ENGLISH)
            }
            _ => Language::ENGLISH,
        }
    }

    /// The stop-word list (stopwords-iso via the `stop-words` crate), lowercased; loaded once
    /// per language and shared.
    pub fn stop_words(&self) -> Arc<FxHashSet<String>> {
        type Cache = Mutex<HashMap<&'static str, Arc<FxHashSet<String>>>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(self.code)
            .or_insert_with(|| {
                // Every code in STEMMED is in stopwords-iso except Tamil, which has none.
                let words = if ISO_STOP_CODES.contains(&self.code) {
                    stop_words::get(self.code)
                } else {
                    Vec::new()
                };
                Arc::new(words.into_iter().map(|w| w.to_lowercase()).collect())
            })
            .clone()
    }
}

/// Codes of STEMMED that stopwords-iso has a list for.
const ISO_STOP_CODES: &[&str] = &[
    "en", "ar", "da", "nl", "fi", "fr", "de", "el", "hu", "it", "no", "pt", "ro", "ru", "es", "sv",
    "tr",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_text_is_detected_as_german() {
        let l = Language::detect(
            "Die Bundesregierung hat am Mittwoch beschlossen, die Steuern für kleine \
             Unternehmen zu senken, sagte der Finanzminister in Berlin.",
        );
        assert_eq!(l.code, "de");
    }

    #[test]
    fn unknown_language_falls_back_to_english() {
        assert_eq!(Language::detect("1234 5678").code, "en");
    }

    #[test]
    fn every_stemmed_language_loads_its_stop_words() {
        for (two, _, _) in STEMMED {
            let l = Language::from_code(two).unwrap();
            let sw = l.stop_words();
            if *two != "ta" {
                assert!(!sw.is_empty(), "{two}");
            }
        }
        assert!(Language::ENGLISH.stop_words().contains("the"));
    }
}
