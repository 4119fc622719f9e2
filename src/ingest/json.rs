//! JSON records: one object, an array of objects, or JSON lines (news-please and common
//! alternatives).

use serde_json::Value;

use super::raw::{RawRecord, clean};

/// Reads a `.json` file: one object or an array of objects. A file that is not one JSON value
/// but whose lines are JSON objects is read as JSON lines.
pub fn read_json(text: &str) -> Vec<RawRecord> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| from_value(v, Some(i + 1)))
            .collect(),
        Ok(v) => vec![from_value(v, None)],
        Err(e) => {
            let mut lines = text.lines().filter(|l| !l.trim().is_empty());
            let first_is_object = lines
                .next()
                .is_some_and(|l| serde_json::from_str::<serde_json::Map<String, Value>>(l).is_ok());
            if first_is_object && lines.next().is_some() {
                read_jsonl(text)
            } else {
                vec![RawRecord::failed(None, malformed("JSON", &e))]
            }
        }
    }
}

/// Reads JSON lines: one object a line; blank lines are ignored, a malformed line becomes a
/// failed record naming its line.
pub fn read_jsonl(text: &str) -> Vec<RawRecord> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| match serde_json::from_str::<Value>(line) {
            Ok(v) => from_value(v, Some(i + 1)),
            Err(e) => {
                RawRecord::failed(Some(i + 1), malformed(&format!("JSON line {}", i + 1), &e))
            }
        })
        .collect()
}

/// Why a JSON text was not read. Nesting past serde_json's limit of 128 levels is said
/// plainly (the parser only says "recursion limit exceeded").
fn malformed(what: &str, e: &serde_json::Error) -> String {
    let at = format!("line {}, column {}", e.line(), e.column());
    if e.to_string().starts_with("recursion limit exceeded") {
        format!("malformed {what}: nested more than 128 levels deep (at {at})")
    } else if what == "JSON" {
        format!("malformed JSON at {at}: {e}")
    } else {
        format!("malformed {what}: {e}")
    }
}

/// Maps one JSON value to a record, reading the news-please field names and the common
/// alternatives. Unknown fields are ignored.
pub fn from_value(v: Value, record: Option<usize>) -> RawRecord {
    let Value::Object(map) = v else {
        return RawRecord::failed(
            record,
            format!("expected a JSON object, found {}", kind_of(&v)),
        );
    };
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| clean(map.get(*k).and_then(scalar)))
    };
    let named = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| match map.get(*k) {
            Some(Value::Object(o)) => clean(o.get("name").and_then(scalar)),
            Some(v) => clean(scalar(v)),
            None => None,
        })
    };
    let authors = ["authors", "author", "byline"]
        .iter()
        .find_map(|k| map.get(*k))
        .map(|v| match v {
            Value::Array(a) => a
                .iter()
                .filter_map(|x| match x {
                    Value::Object(o) => o.get("name").and_then(scalar),
                    x => scalar(x),
                })
                .filter(|s| !s.trim().is_empty())
                .collect(),
            Value::Object(o) => o.get("name").and_then(scalar).into_iter().collect(),
            v => scalar(v)
                .filter(|s| !s.trim().is_empty())
                .into_iter()
                .collect(),
        })
        .unwrap_or_default();
    let source_domain = get(&["source_domain", "hostname", "domain"]);
    RawRecord {
        id: get(&["id", "ID", "Id"]),
        record,
        title: get(&["title", "headline", "title_rss", "title_page"]),
        description: get(&["description", "summary", "abstract"]),
        text: get(&[
            "maintext",
            "text",
            "content",
            "body",
            "articleBody",
            "article",
        ]),
        published: get(&[
            "date_publish",
            "published",
            "publishedAt",
            "published_at",
            "datePublished",
            "pubDate",
            "date",
            "timestamp",
        ]),
        outlet: named(&["outlet", "publisher", "source", "source_name", "site_name"]),
        hostname: source_domain,
        url: get(&["url", "link", "canonical_url"]),
        authors,
        language: get(&["language", "lang"]),
        error: None,
        warning: None,
        page: false,
    }
}

/// A JSON scalar as text (numbers as written, so epoch dates survive); arrays and objects are
/// not scalars.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_please_fields_are_read() {
        let r = read_json(
            r#"{"title":"T","maintext":"Body","description":"D","date_publish":"2017-09-15 10:00:00",
                "source_domain":"www.example.com","url":"http://x","authors":["A B"],"language":"en",
                "newsCluster":{"x":1}}"#,
        );
        assert_eq!(r.len(), 1);
        let r = &r[0];
        assert_eq!(r.title.as_deref(), Some("T"));
        assert_eq!(r.text.as_deref(), Some("Body"));
        assert_eq!(r.description.as_deref(), Some("D"));
        assert_eq!(r.published.as_deref(), Some("2017-09-15 10:00:00"));
        assert_eq!(r.hostname.as_deref(), Some("www.example.com"));
        assert_eq!(r.authors, vec!["A B"]);
    }

    #[test]
    fn alternative_names_and_nested_source_are_read() {
        let r = &read_json(
            r#"{"headline":"H","content":"C","publishedAt":1394470370698,"source":{"name":"Reuters"}}"#,
        )[0];
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.text.as_deref(), Some("C"));
        assert_eq!(r.published.as_deref(), Some("1394470370698"));
        assert_eq!(r.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn arrays_number_their_records() {
        let r = read_json(r#"[{"title":"a"},{"title":"b"}]"#);
        assert_eq!(
            r.iter().map(|r| r.record).collect::<Vec<_>>(),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn malformed_jsonl_line_is_reported_with_its_line() {
        let r = read_jsonl("{\"title\":\"a\"}\n\n{oops\n{\"title\":\"c\"}\n");
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].record, Some(3));
        assert!(r[1].error.as_deref().unwrap().contains("line 3"));
        assert_eq!(r[2].title.as_deref(), Some("c"));
    }

    #[test]
    fn deep_nesting_is_named_not_a_recursion_limit() {
        let deep = format!("{{\"title\":{}1{}}}", "[".repeat(1000), "]".repeat(1000));
        let e = read_json(&deep)[0].error.clone().unwrap();
        assert!(e.contains("nested more than 128 levels deep"), "{e}");
        let e = read_jsonl(&format!("{{}}\n{deep}\n"))[1]
            .error
            .clone()
            .unwrap();
        assert!(
            e.starts_with("malformed JSON line 2: nested more than 128"),
            "{e}"
        );
    }

    #[test]
    fn non_object_is_a_clear_error() {
        let r = read_json("[1]");
        assert!(
            r[0].error
                .as_deref()
                .unwrap()
                .contains("expected a JSON object")
        );
    }
}
