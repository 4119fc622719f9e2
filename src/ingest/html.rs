//! HTML pages: main text by a readability port (dom_smoothie), metadata from JSON-LD
//! (`NewsArticle`), OpenGraph, `<meta name=...>`, `<link rel=canonical>` and `<time datetime>`.

use dom_smoothie::{Config, Readability, TextMode};
use scraper::{Html, Selector};
use serde_json::Value;

use super::raw::{RawRecord, clean};

/// Reads one HTML page.
pub fn read_html(html: &str) -> RawRecord {
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
