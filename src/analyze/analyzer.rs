//! The analyzer: a word segmenter followed by a list of [`TokenFilter`]s.

use super::language::Language;
use super::stages::{
    Context, LowerCaser, NamePhrases, NumberFilter, Stemmer, StopWordFilter, TokenFilter,
    WordPairs, WordSegmenter,
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
/// segment → names → lowercase → stop words → short numbers → Snowball stem → word pairs.
pub struct Analyzer {
    segmenter: WordSegmenter,
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
}

impl AnalyzerBuilder {
    /// Appends a stage.
    pub fn filter<F: TokenFilter + 'static>(mut self, f: F) -> Self {
        self.filters.push(Box::new(f));
        self
    }

    /// The analyzer.
    pub fn build(self) -> Analyzer {
        Analyzer {
            segmenter: WordSegmenter,
            filters: self.filters,
        }
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::builder()
            .filter(NamePhrases)
            .filter(LowerCaser)
            .filter(StopWordFilter::default())
            .filter(NumberFilter::default())
            .filter(Stemmer)
            .filter(WordPairs)
            .build()
    }
}

impl Analyzer {
    /// A builder with no stages after segmentation.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder {
            filters: Vec::new(),
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

    /// Analyses an article's [`Article::full_text`]. The article's declared `language` wins
    /// over detection when the analysis knows it. Returns the text too, since token offsets
    /// point into it.
    pub fn analyze_article(&self, article: &Article) -> (String, Analyzed) {
        let text = article.full_text();
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
    fn a_stage_can_be_left_out() {
        let a = Analyzer::builder().filter(LowerCaser).build();
        let t = a.analyze_with("The Cats", 0, Language::ENGLISH);
        let terms: Vec<&str> = t.tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["the", "cats"]);
    }
}
