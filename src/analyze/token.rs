//! Tokens: a normalized term plus where it came from in the source text.

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenKind {
    /// An ordinary word.
    Word,
    /// A token made of digits (a year, a count, a score).
    Number,
    /// A capitalized multi-word phrase ("John Kerry", "Oso Landslide Memorial").
    Name,
    /// Two adjacent content words ("american eagle"), as stemmed terms joined by `_`.
    Pair,
}

/// Which part of the article a token comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The headline.
    Title,
    /// Description or main text.
    Body,
}

/// One token. `start..end` are byte offsets into the analysed text, so the surface form
/// (`&text[start..end]`) can always be recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalized term (lowercased, stemmed, ...), as the stages left it.
    pub term: String,
    /// Byte offset of the first byte in the source text.
    pub start: usize,
    /// Byte offset one past the last byte in the source text.
    pub end: usize,
    /// Word, number or name.
    pub kind: TokenKind,
    /// Title or body.
    pub field: Field,
}

impl Token {
    /// The original text of the token.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}
