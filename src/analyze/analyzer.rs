//! The analyzer: a word segmenter followed by a list of [`TokenFilter`]s.

use super::language::Language;
use super::stages::{
    Context, CreditFilter, LowerCaser, NamePhrases, NumberFilter, Stemmer, StopWordFilter,
    TokenFilter, WordPairs, WordSegmenter,
};
use super::token::Token;
use crate::Article;

/// The result of analysing one text.
#[derive(Debug, Clone)]
pub struct Analyzed {
    /// The language used for stemming and stop words.
    pub language: Language,
    /// The tokens, offsets into the analysed text.
    pub tokens: Vec<Token>,
}

/// A text analyzer. Build one with [`Analyzer::builder`], or take [`Analyzer::default`]:
/// segment → credits out → names → lowercase → stop words → short numbers → Snowball stem → word pairs.
pub struct Analyzer {
    segmenter: WordSegmenter,
    url_slug: bool,
    filters: Vec<Box<dyn TokenFilter>>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("filters", &self.filters.len())
            .finish()
    }
}

/// Builds an [`Analyzer`] one stage at a time.
pub struct AnalyzerBuilder {
    filters: Vec<Box<dyn TokenFilter>>,
    url_slug: bool,
}

impl AnalyzerBuilder {
    /// Appends a stage.
    pub fn filter<F: TokenFilter + 'static>(mut self, f: F) -> Self {
        self.filters.push(Box::new(f));
        self
    }

    /// Whether [`Analyzer::analyze_article`] appends the words of the article's URL slug
    /// (see [`url_slug_words`]) to its text. Default `false` for a builder, `true` for
    /// [`Analyzer::default`].
    pub fn url_slug(mut self, yes: bool) -> Self {
        self.url_slug = yes;
        self
    }

    /// The analyzer.
    pub fn build(self) -> Analyzer {
        Analyzer {
            segmenter: WordSegmenter,
            url_slug: self.url_slug,
            filters: self.filters,
        }
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::builder()
            .filter(CreditFilter)
            .filter(NamePhrases)
            .filter(LowerCaser)
            .filter(StopWordFilter::default())
            .filter(NumberFilter::default())
            .filter(Stemmer)
            .filter(WordPairs)
            .url_slug(true)
            .build()
    }
}

impl Analyzer {
    /// A builder with no stages after segmentation.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder {
            filters: Vec::new(),
            url_slug: false,
        }
    }

    /// Analyses `text` in `language`; bytes before `title_end` count as the title.
    pub fn analyze_with(&self, text: &str, title_end: usize, language: Language) -> Analyzed {
        let mut tokens = self.segmenter.segment(text, title_end);
        let ctx = Context { text, language };
        for f in &self.filters {
            f.apply(&ctx, &mut tokens);
        }
        Analyzed { language, tokens }
    }

    /// Analyses `text`, detecting its language.
    pub fn analyze(&self, text: &str, title_end: usize) -> Analyzed {
        self.analyze_with(text, title_end, Language::detect(text))
    }

    /// Analyses an article's [`Article::full_text`], followed by its URL slug words when
    /// enabled. The article's declared `language` wins over detection when the analysis
    /// knows it. Returns the text too, since token offsets
    /// point into it.
    pub fn analyze_article(&self, article: &Article) -> (String, Analyzed) {
        let mut text = article.full_text();
        if self.url_slug {
            let slug = url_slug_words(&article.url);
            if !slug.is_empty() {
                text.push_str("\n\n");
                text.push_str(&slug);
            }
        }
        let title_end = if article.title.trim().is_empty() {
            0
        } else {
            article.title.len()
        };
        let language =
            Language::from_code(&article.language).unwrap_or_else(|| Language::detect(&text));
        let analyzed = self.analyze_with(&text, title_end, language);
        (text, analyzed)
    }
}

/// The words of a URL's descriptive path segment ("/2014/03/twitter-goes-down-2/" gives
/// "twitter goes down"): the path segment with the most hyphen- or underscore-separated
/// alphabetic words, when it has at least three. Many outlets put the headline there, often
/// in fuller form; for headline-only records it is extra text about the same event.
pub fn url_slug_words(url: &str) -> String {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut best: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        let seg = seg.rsplit_once('.').map_or(seg, |(stem, ext)| {
            if ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphabetic()) {
                stem
            } else {
                seg
            }
        });
        let words: Vec<&str> = seg
            .split(['-', '_', '+'])
            .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_alphabetic()))
            .collect();
        if words.len() > best.len() {
            best = words;
        }
    }
    if best.len() >= 3 {
        best.join(" ")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::TokenKind;

    #[test]
    fn default_pipeline_keeps_offsets_to_surface_words() {
        let text = "John Kerry says landslides hit Oso in 2014";
        let a = Analyzer::default().analyze(text, 0);
        let kerry = a.tokens.iter().find(|t| t.term == "kerri").unwrap();
        assert_eq!(kerry.surface(text), "Kerry");
        assert!(
            a.tokens
                .iter()
                .any(|t| t.kind == TokenKind::Name && t.term == "john kerry")
        );
        assert!(
            a.tokens
                .iter()
                .any(|t| t.kind == TokenKind::Number && t.term == "2014")
        );
    }

    #[test]
    fn url_slug_words_come_from_the_descriptive_segment() {
        assert_eq!(
            url_slug_words("http://www.ubergizmo.com/2014/03/twitter-goes-down-2/"),
            "twitter goes down"
        );
        assert_eq!(
            url_slug_words("https://x.com/news/banana-firm-merges-with-rival-30078382.html?a=b"),
            "banana firm merges with rival"
        );
        assert_eq!(url_slug_words("http://x.com/article.aspx?id=956793"), "");
    }

    #[test]
    fn a_stage_can_be_left_out() {
        let a = Analyzer::builder().filter(LowerCaser).build();
        let t = a.analyze_with("The Cats", 0, Language::ENGLISH);
        let terms: Vec<&str> = t.tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["the", "cats"]);
    }
}
