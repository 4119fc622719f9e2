//! Escaping of input text for the two places it lands in the page: HTML text and attributes,
//! and JSON inside a `<script>` element.

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Makes JSON text safe inside `<script type="application/json">`: every `<` becomes `\u003c`
/// (so neither `</script>` nor `<!--` can end or confuse the element; a stricter form of
/// escaping `</` as `<\/`), and `>` / `&` likewise. `<`, `>` and `&` only occur inside JSON
/// strings, where the escapes mean the same characters, so `JSON.parse` gives back the input.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out
}

/// A writer that applies [`json_for_script`] to the JSON written through it, so a big
/// payload is escaped on its way to the file instead of in a copy. Call
/// [`ScriptSafe::finish`] at the end.
pub struct ScriptSafe<W: std::io::Write> {
    inner: W,
    /// The start of a three-byte character cut off at the end of the last write.
    pending: Vec<u8>,
}

impl<W: std::io::Write> ScriptSafe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        ScriptSafe {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out what is still held back (only an incomplete character, which valid UTF-8
    /// never ends with).
    pub fn finish(mut self) -> std::io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.inner.write_all(&rest)?;
        self.inner.flush()
    }
}

impl<W: std::io::Write> std::io::Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        // Hold back a trailing prefix of U+2028 / U+2029 (E2 80 A8 / E2 80 A9).
        let keep = match bytes.as_slice() {
            [.., 0xE2, 0x80] => 2,
            [.., 0xE2] => 1,
            _ => 0,
        };
        let (now, later) = bytes.split_at(bytes.len() - keep);
        let mut start = 0;
        let mut i = 0;
        while i < now.len() {
            let escape: Option<(&[u8], usize)> = match now[i] {
                b'<' => Some((b"\\u003c", 1)),
                b'>' => Some((b"\\u003e", 1)),
                b'&' => Some((b"\\u0026", 1)),
                0xE2 if now.get(i + 1) == Some(&0x80) && now.get(i + 2) == Some(&0xA8) => {
                    Some((b"\\u2028", 3))
                }
                0xE2 if now.get(i + 1) == Some(&0x80) && now.get(i + 2) == Some(&0xA9) => {
                    Some((b"\\u2029", 3))
                }
                _ => None,
            };
            if let Some((with, len)) = escape {
                self.inner.write_all(&now[start..i])?;
                self.inner.write_all(with)?;
                i += len;
                start = i;
            } else {
                i += 1;
            }
        }
        self.inner.write_all(&now[start..])?;
        self.pending = later.to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_while_writing_equals_escaping_a_string_whatever_the_chunks() {
        use std::io::Write;
        let json = "{\"a\":\"</script><!-- & \u{2028}x\u{2029}y é ✓ > \u{2028}\"}";
        let want = json_for_script(json);
        let bytes = json.as_bytes();
        for chunk in 1..=bytes.len() {
            let mut out = Vec::new();
            let mut w = ScriptSafe::new(&mut out);
            for piece in bytes.chunks(chunk) {
                w.write_all(piece).unwrap();
            }
            w.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "chunks of {chunk}");
        }
    }

    #[test]
    fn script_tag_in_text_is_escaped_to_inert_text() {
        assert_eq!(
            escape_html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
    }

    #[test]
    fn quotes_and_ampersands_cannot_break_out_of_an_attribute() {
        assert_eq!(
            escape_html(r#"a" onmouseover='x' & b"#),
            "a&quot; onmouseover=&#39;x&#39; &amp; b"
        );
    }

    #[test]
    fn plain_and_non_ascii_text_is_unchanged() {
        assert_eq!(escape_html("Zürich — 東京 3/4"), "Zürich — 東京 3/4");
    }

    #[test]
    fn json_cannot_close_its_script_element_and_parses_back_the_same() {
        let value = serde_json::json!({"h": "</script><script>alert(1)</script><!-- & \u{2028}"});
        let json = serde_json::to_string(&value).unwrap();
        let safe = json_for_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
