//! Plain text and Markdown: the first non-blank line is the title; metadata may come from a
//! `Key: value` header block or YAML-style front matter.

use super::raw::RawRecord;

/// Header keys we read, lowercased; others in a header block make it not a header.
const KEYS: [&str; 15] = [
    "title",
    "headline",
    "date",
    "published",
    "publish date",
    "source",
    "outlet",
    "publisher",
    "url",
    "link",
    "author",
    "authors",
    "by",
    "language",
    "id",
];

fn set(r: &mut RawRecord, key: &str, value: &str) {
    let v = Some(value.trim().trim_matches(['"', '\'']).to_string()).filter(|v| !v.is_empty());
    match key {
        "title" | "headline" => r.title = v,
        "date" | "published" | "publish date" => r.published = v,
        "source" | "outlet" | "publisher" => r.outlet = v,
        "url" | "link" => r.url = v,
        "author" | "authors" | "by" => {
            r.authors = v
                .map(|a| {
                    a.split([';', ','])
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        }
        "language" => r.language = v,
        "id" => r.id = v,
        _ => {}
    }
}

fn key_value(line: &str) -> Option<(String, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim().to_ascii_lowercase();
    KEYS.contains(&k.as_str()).then_some((k, v))
}

/// Reads a text or Markdown article. `markdown` strips `#` from the title line.
pub fn read_text(text: &str, markdown: bool) -> RawRecord {
    let mut r = RawRecord {
        page: true,
        ..Default::default()
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut body_start = 0;
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    if lines.get(first).is_some_and(|l| l.trim() == "---") {
        // Front matter: up to the closing `---`; unknown keys are ignored.
        if let Some(end) = lines[first + 1..]
            .iter()
            .position(|l| l.trim() == "---" || l.trim() == "...")
        {
            for l in &lines[first + 1..first + 1 + end] {
                if let Some((k, v)) = key_value(l) {
                    set(&mut r, &k, v);
                }
            }
            body_start = first + end + 2;
        }
    } else {
        // Header block: only `Key: value` lines with known keys, ended by a blank line.
        let block: Vec<&str> = lines[first..]
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .copied()
            .collect();
        let followed_by_blank = lines.len() > first + block.len();
        if !block.is_empty() && followed_by_blank && block.iter().all(|l| key_value(l).is_some()) {
            for l in &block {
                let (k, v) = key_value(l).expect("checked");
                set(&mut r, &k, v);
            }
            body_start = first + block.len() + 1;
        }
    }
    let body = &lines[body_start.min(lines.len())..];
    let mut rest = body;
    if r.title.is_none()
        && let Some(i) = body.iter().position(|l| !l.trim().is_empty())
    {
        let t = body[i].trim();
        let t = if markdown {
            t.trim_start_matches('#').trim()
        } else {
            t
        };
        r.title = Some(t.to_string()).filter(|t| !t.is_empty());
        rest = &body[i + 1..];
    }
    let text = rest.join("\n").trim().to_string();
    r.text = Some(text).filter(|t| !t.is_empty());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_non_blank_line_is_the_title() {
        let r = read_text("\n\nHello world\n\nBody one.\n\nBody two.\n", false);
        assert_eq!(r.title.as_deref(), Some("Hello world"));
        assert_eq!(r.text.as_deref(), Some("Body one.\n\nBody two."));
    }

    #[test]
    fn header_block_gives_metadata() {
        let r = read_text(
            "Title: T\nDate: 2014-09-15\nSource: AP\nURL: http://x\nAuthor: A; B\n\nBody.\n",
            false,
        );
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.published.as_deref(), Some("2014-09-15"));
        assert_eq!(r.outlet.as_deref(), Some("AP"));
        assert_eq!(r.url.as_deref(), Some("http://x"));
        assert_eq!(r.authors, vec!["A", "B"]);
        assert_eq!(r.text.as_deref(), Some("Body."));
    }

    #[test]
    fn a_dateline_is_not_a_header() {
        let r = read_text("PARIS: talks open\n\nBody.\n", false);
        assert_eq!(r.title.as_deref(), Some("PARIS: talks open"));
        assert!(r.published.is_none());
    }

    #[test]
    fn front_matter_gives_metadata_and_markdown_title_loses_hashes() {
        let r = read_text(
            "---\ntitle: \"Front\"\ndate: 2024-03-22\ntags: [a]\n---\n# Heading\n\nText.\n",
            true,
        );
        assert_eq!(r.title.as_deref(), Some("Front"));
        assert_eq!(r.published.as_deref(), Some("2024-03-22"));
        assert_eq!(r.text.as_deref(), Some("# Heading\n\nText."));
        let r = read_text("# Only heading\n\nText.\n", true);
        assert_eq!(r.title.as_deref(), Some("Only heading"));
    }
}
