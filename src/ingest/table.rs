//! CSV and TSV files: one article a row, columns found by common names or named by the user.

use std::collections::BTreeMap;

use super::raw::{RawRecord, clean};

/// The record fields a column can feed.
pub const FIELDS: [&str; 10] = [
    "id",
    "title",
    "text",
    "description",
    "published",
    "outlet",
    "url",
    "hostname",
    "authors",
    "language",
];

/// Column names recognized for each field, compared after lowercasing and dropping
/// non-alphanumerics (`Published At` = `published_at` = `publishedat`).
const ALIASES: [(&str, &[&str]); 10] = [
    ("id", &["id", "articleid", "docid", "uid"]),
    ("title", &["title", "headline", "heading"]),
    (
        "text",
        &[
            "text",
            "content",
            "body",
            "maintext",
            "article",
            "articlebody",
            "fulltext",
        ],
    ),
    (
        "description",
        &["description", "summary", "abstract", "lede", "dek"],
    ),
    (
        "published",
        &[
            "date",
            "published",
            "publishedat",
            "datepublished",
            "datepublish",
            "publicationdate",
            "pubdate",
            "timestamp",
            "datetime",
            "time",
            "publishdate",
        ],
    ),
    (
        "outlet",
        &[
            "outlet",
            "publisher",
            "source",
            "publication",
            "sourcename",
            "site",
            "sitename",
            "medium",
        ],
    ),
    ("url", &["url", "link", "canonicalurl", "href"]),
    ("hostname", &["hostname", "host", "domain", "sourcedomain"]),
    ("authors", &["authors", "author", "byline"]),
    ("language", &["language", "lang"]),
];

/// User overrides: field name -> column name, as given with `--columns title=TITLE,...`.
pub type ColumnMap = BTreeMap<String, String>;

/// Parses `title=TITLE,text=BODY` into a column map, checking the field names.
pub fn parse_column_map(spec: &str) -> Result<ColumnMap, String> {
    let mut map = ColumnMap::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (field, column) = part
            .split_once('=')
            .ok_or_else(|| format!("'{part}' in --columns is not FIELD=COLUMN"))?;
        let field = field.trim().to_ascii_lowercase();
        if !FIELDS.contains(&field.as_str()) {
            return Err(format!(
                "unknown field '{field}' in --columns; fields are {}",
                FIELDS.join(", ")
            ));
        }
        map.insert(field, column.trim().to_string());
    }
    Ok(map)
}

fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reads a CSV (`delimiter` b',') or TSV (b'\t') text with a header row.
pub fn read_table(text: &str, delimiter: u8, overrides: &ColumnMap) -> Vec<RawRecord> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return vec![RawRecord::failed(
                Some(1),
                format!("unreadable header row: {e}"),
            )];
        }
    };
    // Field -> column index.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (field, column) in overrides {
        match headers
            .iter()
            .position(|h| h == column || norm(h) == norm(column))
        {
            Some(i) => {
                index.insert(
                    FIELDS
                        .iter()
                        .find(|f| **f == field.as_str())
                        .expect("checked field"),
                    i,
                );
            }
            None => {
                return vec![RawRecord::failed(
                    Some(1),
                    format!(
                        "--columns names column '{column}' for {field}, but the header has no such column"
                    ),
                )];
            }
        }
    }
    for (field, aliases) in ALIASES {
        if index.contains_key(field) {
            continue;
        }
        if let Some(i) = headers
            .iter()
            .position(|h| aliases.contains(&norm(h).as_str()))
        {
            index.insert(field, i);
        }
    }
    let no_content = !index.contains_key("title") && !index.contains_key("text");
    let header_list = headers.iter().collect::<Vec<_>>().join(", ");
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers from byte offsets: the csv crate's own line count is off for CRLF files.
    let bytes = text.as_bytes();
    let (mut seen_byte, mut seen_line) = (0usize, 1usize);
    let mut line_at = |byte: usize| {
        // A record's recorded start may sit on the end of the previous line's terminator.
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
            byte += 1;
        }
        if byte >= seen_byte {
            seen_line += bytes[seen_byte..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            seen_byte = byte;
        }
        seen_line
    };
    loop {
        let before = rdr.position().byte() as usize;
        let line = line_at(before);
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(line, |p| line_at(p.byte() as usize));
                if no_content {
                    out.push(RawRecord::failed(
                        Some(line),
                        format!(
                            "no title or text column found (columns: {header_list}); \
                             name them with --columns title=...,text=..."
                        ),
                    ));
                    continue;
                }
                let get = |f: &str| {
                    index
                        .get(f)
                        .and_then(|&i| clean(record.get(i).map(str::to_string)))
                };
                out.push(RawRecord {
                    id: get("id"),
                    record: Some(line),
                    title: get("title"),
                    description: get("description"),
                    text: get("text"),
                    published: get("published"),
                    outlet: get("outlet"),
                    hostname: get("hostname"),
                    url: get("url"),
                    authors: get("authors")
                        .map(|a| {
                            a.split([';', '|'])
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect()
                        })
                        .unwrap_or_default(),
                    language: get("language"),
                    error: None,
                    warning: None,
                    page: false,
                });
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| line_at(p.byte() as usize));
                let reason = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => {
                        format!(
                            "row at line {line} has {len} fields, the header has {expected_len}"
                        )
                    }
                    _ => format!("malformed row at line {line}: {e}"),
                };
                out.push(RawRecord::failed(Some(line), reason));
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uci_style_columns_are_found() {
        let t = "ID,TITLE,URL,PUBLISHER,HOSTNAME,TIMESTAMP\r\n7,\"A, b\",http://x/y,LA Times,www.latimes.com,1394470370698\n";
        let r = read_table(t, b',', &ColumnMap::new());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].id.as_deref(), Some("7"));
        assert_eq!(r[0].title.as_deref(), Some("A, b"));
        assert_eq!(r[0].outlet.as_deref(), Some("LA Times"));
        assert_eq!(r[0].hostname.as_deref(), Some("www.latimes.com"));
        assert_eq!(r[0].published.as_deref(), Some("1394470370698"));
        assert_eq!(r[0].record, Some(2));
    }

    #[test]
    fn overrides_win_and_unknown_columns_are_errors() {
        let t = "h,b\nHello,World\n";
        let mut m = parse_column_map("title=h,text=b").unwrap();
        let r = read_table(t, b',', &m);
        assert_eq!(r[0].title.as_deref(), Some("Hello"));
        assert_eq!(r[0].text.as_deref(), Some("World"));
        m.insert("url".into(), "nope".into());
        assert!(
            read_table(t, b',', &m)[0]
                .error
                .as_deref()
                .unwrap()
                .contains("no such column")
        );
        assert!(parse_column_map("colour=x").is_err());
    }

    #[test]
    fn short_row_is_reported_and_reading_goes_on() {
        let t = "title,text\n\"multi\nline\",b\nonly\nx,y\n";
        let r = read_table(t, b',', &ColumnMap::new());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].title.as_deref(), Some("multi\nline"));
        assert!(
            r[1].error.as_deref().unwrap().contains("line 4"),
            "{:?}",
            r[1].error
        );
        assert_eq!(r[2].title.as_deref(), Some("x"));
    }

    #[test]
    fn table_without_title_or_text_says_how_to_fix() {
        let r = read_table("a,b\n1,2\n", b',', &ColumnMap::new());
        assert!(r[0].error.as_deref().unwrap().contains("--columns"));
    }
}
