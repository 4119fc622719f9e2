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

#[cfg(test)]
mod tests {
    use super::*;

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
