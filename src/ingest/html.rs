//! HTML pages: main text by a readability port (dom_smoothie), metadata from JSON-LD
//! (`NewsArticle`), OpenGraph, `<meta name=...>`, `<link rel=canonical>` and `<time datetime>`.

use dom_smoothie::{Config, Readability, TextMode};
use scraper::{Html, Selector};
use serde_json::Value;

use super::raw::{RawRecord, clean};

/// Reads one HTML page.
pub fn read_html(html: &str) -> RawRecord {
    let flat = flatten_deep_nesting(html);
    let (html, warning) = match &flat {
        Some((h, dropped)) => (
            h.as_str(),
            Some(format!(
                "HTML nested deeper than {MAX_DEPTH} elements; {dropped} tags below that depth \
                 were dropped, their text kept"
            )),
        ),
        None => (html, None),
    };
    let mut r = read_flat_html(html);
    r.warning = warning;
    r
}

/// Deepest element nesting read as written. Browsers stop nesting there too (Blink's parser
/// puts deeper elements beside their parent); html5ever scans its stack of open elements for
/// every tag, so 100,000 nested `<div>`s would take hours.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold others (void) or that the parser closes by itself when a sibling
/// opens: they do not deepen the tree.
const FLAT_ELEMENTS: [&str; 26] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt",
    "rp",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Drops the start and end tags nested deeper than [`MAX_DEPTH`], keeping all text; `None`
/// when the page is not that deep (the common case: the page is read untouched). Returns the
/// flattened page and the number of tags dropped.
fn flatten_deep_nesting(html: &str) -> Option<(String, usize)> {
    let b = html.as_bytes();
    let mut out = String::new();
    let (mut depth, mut dropped, mut copied) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = html[lt..].find("-->").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let gt = tag_end(b, name_start + name_len);
        let self_closing = gt > 0 && b[gt - 1] == b'/';
        let mut next = (gt + 1).min(b.len());
        if !end_tag && RAW_TEXT.contains(&name.as_str()) {
            // Its text may hold '<': skip to its end tag.
            let close = format!("</{name}");
            next = find_ascii_ci(&html[next..], &close).map_or(b.len(), |e| next + e);
            i = next;
            continue;
        }
        if FLAT_ELEMENTS.contains(&name.as_str()) || self_closing {
            i = next;
            continue;
        }
        let drop = if end_tag {
            let deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if drop {
            out.push_str(&html[copied..lt]);
            copied = next;
            dropped += 1;
        }
        i = next;
    }
    if dropped == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some((out, dropped))
}

/// The index of the `>` that ends a tag whose attributes start at `from` (quoted values may
/// hold `>`); the end of the text when it is never closed.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return k,
            _ => {}
        }
    }
    b.len()
}

/// The byte index of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// Reads a page whose nesting is bounded.
fn read_flat_html(html: &str) -> RawRecord {
    let meta = page_metadata(html);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let extracted =
        Readability::new(html, meta.url.as_deref(), Some(cfg)).and_then(|mut r| r.parse());
    let mut r = RawRecord { page: true, ..meta };
    match extracted {
        Ok(a) => {
            if r.title.is_none() {
                r.title = clean(Some(a.title.clone()));
            }
            if r.published.is_none() {
                r.published = clean(a.published_time.clone());
            }
            if r.outlet.is_none() {
                r.outlet = clean(a.site_name.clone());
            }
            if r.authors.is_empty() {
                r.authors = a
                    .byline
                    .iter()
                    .filter(|b| !b.trim().is_empty())
                    .cloned()
                    .collect();
            }
            if r.language.is_none() {
                r.language = clean(a.lang.clone());
            }
            if r.description.is_none() {
                r.description = clean(a.excerpt.clone());
            }
            let text = tidy(&a.text_content);
            r.text = Some(text).filter(|t| !t.is_empty());
        }
        Err(e) => {
            // No main content found: fall back to the page's visible paragraphs.
            let doc = Html::parse_document(html);
            let p = Selector::parse("p").expect("static selector");
            let text = doc
                .select(&p)
                .map(|e| e.text().collect::<String>().trim().to_string())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            if text.is_empty() && r.title.is_none() {
                r.error = Some(format!("no article text found in the page ({e})"));
            }
            r.text = Some(text).filter(|t| !t.is_empty());
        }
    }
    // The excerpt readability makes is the first paragraph: not a separate description.
    if r.description
        .as_deref()
        .is_some_and(|d| r.text.as_deref().is_some_and(|t| t.starts_with(d.trim())))
    {
        r.description = None;
    }
    r
}

/// Collapses the whitespace readability leaves: paragraphs separated by one blank line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for para in text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        if para.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out
}

/// Metadata from the page head, in order of trust: JSON-LD, OpenGraph/article meta, plain meta,
/// canonical link and `<time>` elements.
fn page_metadata(html: &str) -> RawRecord {
    let doc = Html::parse_document(html);
    let mut r = RawRecord::default();
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    for script in doc.select(&sel(r#"script[type="application/ld+json"]"#)) {
        let raw: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<Value>(raw.trim())
            && let Some(obj) = find_news_article(&v, 0)
        {
            fill_from_json_ld(&mut r, obj);
            break;
        }
    }
    let meta = |attr: &str, names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            let s = sel(&format!(r#"meta[{attr}="{n}"]"#));
            doc.select(&s)
                .find_map(|e| clean(e.value().attr("content").map(str::to_string)))
        })
    };
    r.title = r
        .title
        .or_else(|| meta("property", &["og:title"]))
        .or_else(|| meta("name", &["twitter:title", "title"]));
    r.published = r
        .published
        .or_else(|| {
            meta(
                "property",
                &["article:published_time", "og:article:published_time"],
            )
        })
        .or_else(|| {
            meta(
                "name",
                &[
                    "article:published_time",
                    "pubdate",
                    "publishdate",
                    "date",
                    "dc.date",
                    "DC.date.issued",
                    "sailthru.date",
                    "parsely-pub-date",
                ],
            )
        })
        .or_else(|| meta("itemprop", &["datePublished"]))
        .or_else(|| {
            doc.select(&sel("time[datetime]"))
                .find_map(|e| clean(e.value().attr("datetime").map(str::to_string)))
        });
    r.outlet = r
        .outlet
        .or_else(|| meta("property", &["og:site_name"]))
        .or_else(|| meta("name", &["application-name", "publisher"]));
    r.url = r
        .url
        .or_else(|| {
            doc.select(&sel(r#"link[rel="canonical"]"#))
                .find_map(|e| clean(e.value().attr("href").map(str::to_string)))
        })
        .or_else(|| meta("property", &["og:url"]));
    r.description = r
        .description
        .or_else(|| meta("name", &["description"]))
        .or_else(|| meta("property", &["og:description"]));
    if r.authors.is_empty() {
        r.authors = meta("name", &["author", "byl"]).into_iter().collect();
    }
    r.language = doc
        .select(&sel("html[lang]"))
        .find_map(|e| clean(e.value().attr("lang").map(str::to_string)));
    r
}

const ARTICLE_TYPES: [&str; 6] = [
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "WebPage",
];

/// Finds the first JSON-LD object whose `@type` is an article type (searching `@graph` and
/// arrays), preferring news types over `WebPage`.
fn find_news_article(v: &Value, depth: usize) -> Option<&serde_json::Map<String, Value>> {
    if depth > 6 {
        return None;
    }
    match v {
        Value::Array(a) => a.iter().find_map(|x| find_news_article(x, depth + 1)),
        Value::Object(o) => {
            let is_article = |t: &Value| match t {
                Value::String(s) => ARTICLE_TYPES[..5].contains(&s.as_str()),
                Value::Array(a) => a
                    .iter()
                    .any(|x| x.as_str().is_some_and(|s| ARTICLE_TYPES[..5].contains(&s))),
                _ => false,
            };
            if o.get("@type").is_some_and(is_article) {
                return Some(o);
            }
            o.get("@graph")
                .and_then(|g| find_news_article(g, depth + 1))
        }
        _ => None,
    }
}

fn fill_from_json_ld(r: &mut RawRecord, o: &serde_json::Map<String, Value>) {
    let s = |k: &str| clean(o.get(k).and_then(|v| v.as_str()).map(str::to_string));
    r.title = s("headline").or_else(|| s("name"));
    r.published = s("datePublished").or_else(|| s("dateCreated"));
    r.url = s("url").or_else(|| match o.get("mainEntityOfPage") {
        Some(Value::String(u)) => clean(Some(u.clone())),
        Some(Value::Object(m)) => clean(m.get("@id").and_then(|v| v.as_str()).map(str::to_string)),
        _ => None,
    });
    r.description = s("description");
    r.outlet = match o.get("publisher") {
        Some(Value::Object(p)) => clean(p.get("name").and_then(|v| v.as_str()).map(str::to_string)),
        Some(Value::String(p)) => clean(Some(p.clone())),
        _ => None,
    };
    let name = |v: &Value| match v {
        Value::Object(a) => a.get("name").and_then(|n| n.as_str()).map(str::to_string),
        Value::String(a) => Some(a.clone()),
        _ => None,
    };
    r.authors = match o.get("author") {
        Some(Value::Array(a)) => a.iter().filter_map(name).collect(),
        Some(v) => name(v).into_iter().collect(),
        None => Vec::new(),
    };
    r.language = s("inLanguage");
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Site | Page</title>
<link rel="canonical" href="https://www.example.com/news/kerry-iran">
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Kerry open to Iran talks","datePublished":"2014-09-15T18:00:00Z",
  "publisher":{"@type":"Organization","name":"Example News"},"author":[{"@type":"Person","name":"Jo Reporter"}]}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Kerry open to Iran talks</h1>
<p>PARIS — U.S. Secretary of State John Kerry says he won't shut the door on the possibility of working with Iran against a common enemy in the Islamic State militant group.</p>
<p>Kerry also ruled out coordinating with the Syrian government, although he vaguely described ways to communicate to avoid mistakes should the U.S. and its allies begin bombing.</p>
<p>He spoke to a small group of reporters Monday after international diplomats met in Paris, pledging to fight the Islamic State group by any means necessary.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"#;

    #[test]
    fn json_ld_metadata_and_main_text_are_read() {
        let r = read_html(PAGE);
        assert_eq!(r.title.as_deref(), Some("Kerry open to Iran talks"));
        assert_eq!(r.published.as_deref(), Some("2014-09-15T18:00:00Z"));
        assert_eq!(r.outlet.as_deref(), Some("Example News"));
        assert_eq!(
            r.url.as_deref(),
            Some("https://www.example.com/news/kerry-iran")
        );
        assert_eq!(r.authors, vec!["Jo Reporter"]);
        let text = r.text.unwrap();
        assert!(text.contains("John Kerry says"), "{text}");
        assert!(!text.contains("All rights reserved"), "{text}");
        assert!(!text.contains("Home"), "{text}");
    }

    #[test]
    fn deeply_nested_page_is_flattened_and_read_quickly() {
        let page = format!(
            "<html><head><title>Nested page</title></head><body>{}<p>Deep text.</p>{}</body></html>",
            "<div class=\"a>b\">".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let t = std::time::Instant::now();
        let r = read_html(&page);
        assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
        assert_eq!(r.title.as_deref(), Some("Nested page"));
        assert!(
            r.text.as_deref().unwrap_or("").contains("Deep text."),
            "{r:?}"
        );
        let w = r.warning.unwrap();
        assert!(w.contains("nested deeper than 512"), "{w}");
    }

    #[test]
    fn ordinary_pages_are_not_flattened() {
        assert!(flatten_deep_nesting(PAGE).is_none());
        let many_paragraphs = "<div>".to_string() + &"<p>unclosed ".repeat(5000) + "</div>";
        assert!(flatten_deep_nesting(&many_paragraphs).is_none());
        let script = format!("<script>{}</script><div>x</div>", "<div>".repeat(1000));
        assert!(flatten_deep_nesting(&script).is_none());
    }

    #[test]
    fn flattening_keeps_all_text_and_the_shallow_tags() {
        let deep = format!(
            "<b>{}core{}</b> tail",
            "<i>".repeat(600),
            "</i>".repeat(600)
        );
        let (flat, dropped) = flatten_deep_nesting(&deep).unwrap();
        assert_eq!(dropped, 2 * (601 - MAX_DEPTH));
        assert!(
            flat.starts_with("<b><i>") && flat.ends_with("</i></b> tail"),
            "{flat}"
        );
        assert!(flat.contains("core"));
        assert_eq!(flat.matches("<i>").count(), MAX_DEPTH - 1);
    }

    #[test]
    fn opengraph_and_time_elements_are_fallbacks() {
        let page = r#"<html><head><meta property="og:title" content="OG title">
<meta property="article:published_time" content="2024-03-22T10:37:00-07:00">
<meta property="og:url" content="https://news.example.org/a"></head>
<body><p>Short body.</p><time datetime="2020-01-01">old</time></body></html>"#;
        let r = read_html(page);
        assert_eq!(r.title.as_deref(), Some("OG title"));
        assert_eq!(r.published.as_deref(), Some("2024-03-22T10:37:00-07:00"));
        assert_eq!(r.url.as_deref(), Some("https://news.example.org/a"));
    }
}
