//! The fields a reader found in one record, before they are checked and normalized.

/// One record as a reader found it: every field optional and unparsed.
#[derive(Debug, Clone, Default)]
pub struct RawRecord {
    /// The record's own id.
    pub id: Option<String>,
    /// Where in its file the record starts (1-based line or element index).
    pub record: Option<usize>,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst or summary.
    pub description: Option<String>,
    /// Main text.
    pub text: Option<String>,
    /// Publication date, as written.
    pub published: Option<String>,
    /// Outlet name, as written.
    pub outlet: Option<String>,
    /// Host name of the outlet (`www.example.com`).
    pub hostname: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Declared language.
    pub language: Option<String>,
    /// Set when the record could not be read: the reason it is skipped.
    pub error: Option<String>,
    /// Set when the record was read with a repair worth telling (flattened markup): a
    /// warning for the row's reason.
    pub warning: Option<String>,
    /// True for a scraped page whose text may carry chrome and related-story rails.
    pub page: bool,
}

impl RawRecord {
    /// A record that could not be read.
    pub fn failed(record: Option<usize>, reason: impl Into<String>) -> Self {
        RawRecord {
            record,
            error: Some(reason.into()),
            ..Default::default()
        }
    }
}

/// Trims a value and turns empty strings (and the literal `null`/`None` some scrapers write)
/// into `None`.
pub fn clean(v: Option<String>) -> Option<String> {
    let v = v?;
    let t = v.trim();
    if t.is_empty() || t == "null" || t == "None" || t == "NaN" {
        None
    } else if t.len() == v.len() {
        Some(v)
    } else {
        Some(t.to_string())
    }
}

/// Drops the backslashes some exports put before punctuation (`Reuters \(blog\)`,
/// `story\?id=1`): a backslash before an ASCII punctuation character is removed.
pub fn unescape_punctuation(v: &str) -> String {
    if !v.contains('\\') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_punctuation_loses_its_backslash() {
        assert_eq!(
            unescape_punctuation("Reuters UK \\(blog\\)"),
            "Reuters UK (blog)"
        );
        assert_eq!(
            unescape_punctuation("http://x/a.story\\?track=rss"),
            "http://x/a.story?track=rss"
        );
        assert_eq!(unescape_punctuation("C:\\dir"), "C:\\dir");
    }
}
