//! The analysis stages: one small type per step, all behind [`TokenFilter`].

use super::language::Language;
use super::token::{Field, Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

/// What a stage may look at besides the tokens.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The analysed text; token offsets point into it.
    pub text: &'a str,
    /// The document's language.
    pub language: Language,
}

/// One step of the analysis pipeline: takes the token stream and rewrites it in place.
pub trait TokenFilter: Send + Sync {
    /// Rewrites `tokens`.
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>);
}

/// Splits text into words at Unicode word boundaries (UAX #29). A trailing possessive
/// (`'s`, `’s`) or apostrophe is cut off the token. Tokens made only of digits (and `.`/`,`
/// inside) are [`TokenKind::Number`]. Bytes before `title_end` are [`Field::Title`].
#[derive(Debug, Clone, Copy, Default)]
pub struct WordSegmenter;

impl WordSegmenter {
    /// Segments `text`.
    pub fn segment(&self, text: &str, title_end: usize) -> Vec<Token> {
        let mut out = Vec::new();
        for (start, word) in text.unicode_word_indices() {
            let mut w = word;
            for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
                if let Some(s) = w.strip_suffix(suffix) {
                    w = s;
                    break;
                }
            }
            if w.is_empty() {
                continue;
            }
            let kind = if w
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                && w.chars().any(|c| c.is_ascii_digit())
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token {
                term: w.to_string(),
                start,
                end: start + w.len(),
                kind,
                field: if start < title_end {
                    Field::Title
                } else {
                    Field::Body
                },
            });
        }
        out
    }
}

/// Adds a [`TokenKind::Name`] token for each run of 2 to 4 adjacent capitalized words
/// ("John Kerry", "Oso Landslide Memorial"). Words are adjacent when only spaces separate
/// them. Leading and trailing stop words are dropped from a run ("The Herald" is not a
/// name). Runs in title-case text (most words of the field capitalized, as in many
/// headlines) are ignored, since capitals there say nothing.
///
/// Expects the original case: put it before [`LowerCaser`]. The name's term is its words
/// lowercased and joined by single spaces.
#[derive(Debug, Clone, Copy, Default)]
pub struct NamePhrases;

fn is_capitalized(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_uppercase())
}

impl TokenFilter for NamePhrases {
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        let stop = ctx.language.stop_words();
        // Title-case detection per field.
        let title_case = |field: Field| {
            let words: Vec<&Token> = tokens
                .iter()
                .filter(|t| t.field == field && t.kind == TokenKind::Word)
                .filter(|t| !stop.contains(&t.term.to_lowercase()))
                .collect();
            words.len() >= 3
                && words.iter().filter(|t| is_capitalized(&t.term)).count() * 10 >= words.len() * 7
        };
        let skip_title = title_case(Field::Title);
        let mut names = Vec::new();
        let mut run: Vec<usize> = Vec::new();
        let flush = |run: &mut Vec<usize>, names: &mut Vec<Token>| {
            let mut lo = 0;
            let mut hi = run.len();
            while lo < hi && stop.contains(&tokens[run[lo]].term.to_lowercase()) {
                lo += 1;
            }
            while hi > lo && stop.contains(&tokens[run[hi - 1]].term.to_lowercase()) {
                hi -= 1;
            }
            let len = hi - lo;
            if (2..=4).contains(&len) {
                let first = &tokens[run[lo]];
                let last = &tokens[run[hi - 1]];
                let term = run[lo..hi]
                    .iter()
                    .map(|&i| tokens[i].term.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                names.push(Token {
                    term,
                    start: first.start,
                    end: last.end,
                    kind: TokenKind::Name,
                    field: first.field,
                });
            }
            run.clear();
        };
        for i in 0..tokens.len() {
            let t = &tokens[i];
            let usable = t.kind == TokenKind::Word
                && is_capitalized(&t.term)
                && !(skip_title && t.field == Field::Title);
            if !usable {
                flush(&mut run, &mut names);
                continue;
            }
            if let Some(&prev) = run.last() {
                let p = &tokens[prev];
                let gap = &ctx.text[p.end..t.start];
                let adjacent = p.field == t.field
                    && !gap.is_empty()
                    && gap.chars().all(|c| c == ' ' || c == '\u{a0}');
                if !adjacent {
                    flush(&mut run, &mut names);
                }
            }
            run.push(i);
        }
        flush(&mut run, &mut names);
        tokens.extend(names);
    }
}

/// Drops the tokens of photo and source credits: a parenthesized span that holds a slash
/// ("(Jane Doe / The Herald)", "(AP Photo/Jane Doe)") or starts with "Photo", "Courtesy",
/// "Credit", "Image" or "File". Credits name photographers and outlets, which many
/// unrelated captions share.
///
/// Expects the original case or lowercased tokens (it reads the source text).
#[derive(Debug, Clone, Copy, Default)]
pub struct CreditFilter;

impl CreditFilter {
    /// Byte ranges of the credit spans of `text`.
    pub fn credit_spans(text: &str) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut open: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match c {
                '(' => open = Some(i),
                ')' => {
                    if let Some(start) = open.take() {
                        let inner = text[start + 1..i].trim();
                        let lower = inner.to_lowercase();
                        let credit = inner.len() <= 120
                            && (inner.contains('/')
                                || ["photo", "courtesy", "credit", "image", "file"]
                                    .iter()
                                    .any(|w| lower.starts_with(w)));
                        if credit {
                            spans.push((start, i + 1));
                        }
                    }
                }
                '\n' => open = None,
                _ => {}
            }
        }
        spans
    }
}

impl TokenFilter for CreditFilter {
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        let spans = Self::credit_spans(ctx.text);
        if spans.is_empty() {
            return;
        }
        tokens.retain(|t| !spans.iter().any(|&(s, e)| t.start >= s && t.end <= e));
    }
}

/// Lowercases every token's term.
#[derive(Debug, Clone, Copy, Default)]
pub struct LowerCaser;

impl TokenFilter for LowerCaser {
    fn apply(&self, _ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        for t in tokens.iter_mut() {
            if t.term.chars().any(|c| c.is_uppercase()) {
                t.term = t.term.to_lowercase();
            }
        }
    }
}

/// Removes words of the document language's stop-word list (stopwords-iso), and words
/// shorter than `min_len` characters (default 2). Names and numbers are kept.
///
/// Expects lowercased tokens.
#[derive(Debug, Clone, Copy)]
pub struct StopWordFilter {
    /// Words with fewer characters are dropped. Default 2.
    pub min_len: usize,
}

impl Default for StopWordFilter {
    fn default() -> Self {
        StopWordFilter { min_len: 2 }
    }
}

impl TokenFilter for StopWordFilter {
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        let stop = ctx.language.stop_words();
        tokens.retain(|t| {
            t.kind != TokenKind::Word
                || (t.term.chars().count() >= self.min_len && !stop.contains(&t.term))
        });
    }
}

/// Drops numbers shorter than `min_digits` (default 2: "3" says little, "2014" and "43" may
/// say a lot).
#[derive(Debug, Clone, Copy)]
pub struct NumberFilter {
    /// Numbers with fewer characters are dropped. Default 2.
    pub min_digits: usize,
}

impl Default for NumberFilter {
    fn default() -> Self {
        NumberFilter { min_digits: 2 }
    }
}

impl TokenFilter for NumberFilter {
    fn apply(&self, _ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        tokens.retain(|t| t.kind != TokenKind::Number || t.term.len() >= self.min_digits);
    }
}

/// Snowball-stems words with the document language's stemmer (rust-stemmers). Names and
/// numbers are left as they are.
///
/// Expects lowercased tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stemmer;

impl TokenFilter for Stemmer {
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        let Some(alg) = ctx.language.stemmer else {
            return;
        };
        let stemmer = rust_stemmers::Stemmer::create(alg);
        for t in tokens.iter_mut().filter(|t| t.kind == TokenKind::Word) {
            let s = stemmer.stem(&t.term);
            if s != t.term {
                t.term = s.into_owned();
            }
        }
    }
}

/// Adds a [`TokenKind::Pair`] token for each two word or number tokens that stood next to
/// each other in the text (only spaces, hyphens or quotes between them, so no sentence or
/// clause boundary). Pairs are far more specific than their words: "american eagle" and
/// "american airlines" share "american" only.
///
/// Expects the final word terms (put it after stop words and stemming): words removed as
/// stop words leave a gap, and pairs never span it.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordPairs;

impl TokenFilter for WordPairs {
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        let words: Vec<&Token> = tokens
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .collect();
        let mut pairs = Vec::new();
        for w in words.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a.field != b.field || b.start < a.end {
                continue;
            }
            let gap = &ctx.text[a.end..b.start];
            let joined = !gap.is_empty()
                && gap.chars().all(|c| {
                    c.is_whitespace() && c != '\n'
                        || matches!(c, '-' | '\'' | '’' | '‘' | '"' | '“' | '”')
                });
            if joined {
                pairs.push(Token {
                    term: format!("{}_{}", a.term, b.term),
                    start: a.start,
                    end: b.end,
                    kind: TokenKind::Pair,
                    field: a.field,
                });
            }
        }
        tokens.extend(pairs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text: &str) -> Context<'_> {
        Context {
            text,
            language: Language::ENGLISH,
        }
    }

    #[test]
    fn possessive_is_cut_and_offsets_point_at_the_word() {
        let text = "Kerry’s plan";
        let toks = WordSegmenter.segment(text, 0);
        assert_eq!(toks[0].term, "Kerry");
        assert_eq!(toks[0].surface(text), "Kerry");
        assert_eq!(toks[1].surface(text), "plan");
    }

    #[test]
    fn capitalized_runs_become_names_but_the_herald_does_not() {
        let text = "Secretary of State John Kerry met reporters. The Herald said the Oso Landslide Memorial opened.";
        let mut toks = WordSegmenter.segment(text, 0);
        NamePhrases.apply(&ctx(text), &mut toks);
        let names: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Name)
            .map(|t| t.surface(text))
            .collect();
        assert!(names.contains(&"John Kerry"), "{names:?}");
        assert!(names.contains(&"Oso Landslide Memorial"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("Herald")), "{names:?}");
    }

    #[test]
    fn title_case_headline_yields_no_names() {
        let text = "Fed Official Says Weak Data Caused By Weather";
        let mut toks = WordSegmenter.segment(text, text.len());
        NamePhrases.apply(&ctx(text), &mut toks);
        assert!(toks.iter().all(|t| t.kind != TokenKind::Name));
    }

    #[test]
    fn adjacent_words_pair_but_not_across_a_stop_word_or_comma() {
        let text = "American Eagle shares, the airline of America";
        let mut toks = WordSegmenter.segment(text, 0);
        let c = ctx(text);
        LowerCaser.apply(&c, &mut toks);
        StopWordFilter::default().apply(&c, &mut toks);
        WordPairs.apply(&c, &mut toks);
        let pairs: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Pair)
            .map(|t| t.term.as_str())
            .collect();
        assert_eq!(pairs, ["american_eagle", "eagle_shares"]);
    }

    #[test]
    fn photo_credits_are_dropped_but_other_parentheses_stay() {
        let text = "A firefighter stands (Jane Roe / The Herald). Mayor (D) spoke (Photo provided by City).";
        let mut toks = WordSegmenter.segment(text, 0);
        CreditFilter.apply(&ctx(text), &mut toks);
        let terms: Vec<&str> = toks.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["A", "firefighter", "stands", "Mayor", "D", "spoke"]);
    }

    #[test]
    fn stop_words_go_and_stems_remain() {
        let text = "the landslides were remembered";
        let mut toks = WordSegmenter.segment(text, 0);
        let c = ctx(text);
        LowerCaser.apply(&c, &mut toks);
        StopWordFilter::default().apply(&c, &mut toks);
        Stemmer.apply(&c, &mut toks);
        let terms: Vec<&str> = toks.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["landslid", "rememb"]);
    }
}
