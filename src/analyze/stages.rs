//! The analysis stages: one small type per step, all behind [`TokenFilter`].

use super::language::Language;
use super::token::{Field, Token, TokenKind};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
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
        for (start, word) in word_indices(text) {
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
                .bytes()
                .all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
                && w.bytes().any(|c| c.is_ascii_digit())
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

/// Word_Break classes (UAX #29) of the characters the fast path handles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Digit,
    /// `_` (ExtendNumLet)
    Underscore,
    /// `:` (MidLetter)
    MidLetter,
    /// `,` `;` (MidNum)
    MidNum,
    /// `.` `'` `‘` `’` (MidNumLet, Single_Quote)
    MidNumLetQ,
    /// Anything that neither joins nor is joined.
    Other,
}

/// The class of `c`, or `None` when the fast path does not know it.
fn wb_class(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        '0'..='9' => Wb::Digit,
        '_' => Wb::Underscore,
        ':' => Wb::MidLetter,
        ',' | ';' => Wb::MidNum,
        '.' | '\'' | '‘' | '’' => Wb::MidNumLetQ,
        '“' | '”' | '—' | '–' | '…' => Wb::Other,
        c if c.is_ascii() => Wb::Other,
        _ => return None,
    })
}

/// The words of `text` with their byte offsets: exactly `unicode_word_indices` (UAX #29),
/// faster. Hand-written because news text is mostly ASCII, where the full Unicode tables
/// cost more than everything else in the analysis. Text is cut at ASCII whitespace, which
/// ends a word under every UAX #29 rule unless the next character is one that attaches to
/// the space before it (Extend, Format, ZWJ: never one the fast path knows). Pieces made
/// only of ASCII and typographic quotes and dashes are segmented by the rules that can
/// apply to them (WB5-WB13b); any other piece, with the whitespace and piece before it, goes
/// to `unicode-segmentation`.
pub fn word_indices<'t>(text: &'t str) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // The group of pieces being collected: its start (whitespace before an unsafe piece
    // included), its end, and whether it needs the full rules.
    let mut group: Option<(usize, usize, bool)> = None;
    let flush = |g: (usize, usize, bool), out: &mut Vec<(usize, &'t str)>| {
        let (gs, ge, slow) = g;
        let slice = &text[gs..ge];
        if slow {
            out.extend(slice.unicode_word_indices().map(|(o, w)| (gs + o, w)));
        } else {
            let cls: Vec<(usize, Wb)> = slice
                .char_indices()
                .map(|(o, c)| (o, wb_class(c).unwrap_or(Wb::Other)))
                .collect();
            fast_words(slice, gs, &cls, out);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let space_start = i;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let piece = &text[start..i];
        let first_known = piece.chars().next().and_then(wb_class).is_some();
        let slow = !piece.chars().all(|c| wb_class(c).is_some());
        group = match group {
            Some((gs, _, _)) if !first_known => Some((gs, i, true)),
            None if !first_known => Some((space_start, i, true)),
            g => {
                if let Some(g) = g {
                    flush(g, &mut out);
                }
                Some((start, i, slow))
            }
        };
    }
    if let Some(g) = group {
        flush(g, &mut out);
    }
    out
}

/// UAX #29 on a piece whose characters all have a fast-path class.
fn fast_words<'t>(
    piece: &'t str,
    base: usize,
    cls: &[(usize, Wb)],
    out: &mut Vec<(usize, &'t str)>,
) {
    let joins = |k: Wb| matches!(k, Wb::Letter | Wb::Digit | Wb::Underscore);
    let mut i = 0;
    while i < cls.len() {
        if !joins(cls[i].1) {
            i += 1;
            continue;
        }
        let s = i;
        let mut alnum = false;
        loop {
            while i < cls.len() && joins(cls[i].1) {
                alnum |= cls[i].1 != Wb::Underscore;
                i += 1;
            }
            // WB6/7: letter (MidLetter | MidNumLetQ) letter; WB11/12: digit (MidNum |
            // MidNumLetQ) digit.
            if i + 1 < cls.len() {
                let (prev, mid, next) = (cls[i - 1].1, cls[i].1, cls[i + 1].1);
                let letters = prev == Wb::Letter
                    && next == Wb::Letter
                    && matches!(mid, Wb::MidLetter | Wb::MidNumLetQ);
                let digits = prev == Wb::Digit
                    && next == Wb::Digit
                    && matches!(mid, Wb::MidNum | Wb::MidNumLetQ);
                if letters || digits {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if alnum {
            let end = cls.get(i).map_or(piece.len(), |c| c.0);
            out.push((base + cls[s].0, &piece[cls[s].0..end]));
        }
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

/// Word -> stem, for one language.
type StemCache = FxHashMap<Box<str>, Box<str>>;

impl TokenFilter for Stemmer {
    fn apply(&self, ctx: &Context<'_>, tokens: &mut Vec<Token>) {
        let Some(alg) = ctx.language.stemmer else {
            return;
        };
        // Stemming is the costliest step of the analysis, and news repeats its words: each
        // thread remembers the stems it made (per language, cleared when it grows large).
        thread_local! {
            static STEMS: RefCell<FxHashMap<&'static str, StemCache>> =
                RefCell::new(FxHashMap::default());
        }
        STEMS.with_borrow_mut(|all| {
            let cache = all.entry(ctx.language.code).or_default();
            if cache.len() > 1 << 19 {
                cache.clear();
            }
            let mut stemmer = None;
            for t in tokens.iter_mut().filter(|t| t.kind == TokenKind::Word) {
                let stem = match cache.get(t.term.as_str()) {
                    Some(s) => s,
                    None => {
                        let st = stemmer.get_or_insert_with(|| rust_stemmers::Stemmer::create(alg));
                        let s: Box<str> = st.stem(&t.term).into();
                        cache.entry(t.term.as_str().into()).or_insert(s)
                    }
                };
                if **stem != *t.term {
                    t.term.clear();
                    t.term.push_str(stem);
                }
            }
        });
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
