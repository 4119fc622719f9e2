//! Reading TimeML (`.tml`) documents: the document creation time, the plain text inside
//! `<TEXT>` and the gold `<TIMEX3>` spans in it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::errors::TemporalError;

/// A gold TIMEX3 from a TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte offset in [`TimemlDoc::text`].
    pub start: usize,
    /// Byte offset one past the end in [`TimemlDoc::text`].
    pub end: usize,
    /// The annotated text.
    pub text: String,
    /// The `type` attribute (`DATE`, `TIME`, `DURATION`, `SET`).
    pub kind: String,
    /// The `value` attribute.
    pub value: String,
}

/// A TimeML document reduced to what the evaluation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// Where it was read from.
    pub path: PathBuf,
    /// The date of the `<DCT>` TIMEX3, when it has one.
    pub dct: Option<NaiveDate>,
    /// The text inside `<TEXT>`, tags removed and entities decoded.
    pub text: String,
    /// The TIMEX3 tags inside `<TEXT>`, in order.
    pub timexes: Vec<GoldTimex>,
}

/// Reads one `.tml` file.
pub fn read_timeml(path: &Path) -> Result<TimemlDoc, TemporalError> {
    let raw = std::fs::read_to_string(path).map_err(|source| TemporalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_timeml(&raw, path)
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let s = tag.find(&key)? + key.len();
    let e = tag[s..].find('"')? + s;
    Some(&tag[s..e])
}

fn decode(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let ents = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ];
        match ents.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Parses the text of a `.tml` file; `path` only names it in errors.
pub fn parse_timeml(raw: &str, path: &Path) -> Result<TimemlDoc, TemporalError> {
    let dct = raw.find("<DCT>").and_then(|p| {
        let end = raw[p..].find("</DCT>")? + p;
        let v = attr(&raw[p..end], "value")?;
        NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let no_text = || TemporalError::NoText {
        path: path.to_path_buf(),
    };
    let s = raw.find("<TEXT>").ok_or_else(no_text)? + "<TEXT>".len();
    let e = raw[s..].find("</TEXT>").ok_or_else(no_text)? + s;
    let body = &raw[s..e];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        decode(&rest[..lt], &mut text);
        let gt = rest[lt..].find('>').ok_or_else(|| TemporalError::BadTag {
            path: path.to_path_buf(),
        })? + lt;
        let tag = &rest[lt..=gt];
        if tag.starts_with("<TIMEX3") && !tag.ends_with("/>") {
            let kind = attr(tag, "type").unwrap_or_default().to_string();
            let value = attr(tag, "value").unwrap_or_default().to_string();
            open = Some((text.len(), kind, value));
        } else if tag.starts_with("</TIMEX3")
            && let Some((start, kind, value)) = open.take()
        {
            timexes.push(GoldTimex {
                start,
                end: text.len(),
                text: text[start..].to_string(),
                kind,
                value,
            });
        }
        rest = &rest[gt + 1..];
    }
    decode(rest, &mut text);
    Ok(TimemlDoc {
        path: path.to_path_buf(),
        dct,
        text,
        timexes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.</TEXT></TimeML>"#;

    #[test]
    fn tags_are_stripped_and_gold_spans_point_into_the_text() {
        let d = parse_timeml(DOC, Path::new("x.tml")).unwrap();
        assert_eq!(d.text, "It fell yesterday & rose now.");
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.timexes.len(), 2);
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start..t.end], "yesterday");
        assert_eq!(t.value, "1998-01-07");
        assert_eq!(d.timexes[1].text, "now");
    }

    #[test]
    fn creation_time_outside_text_is_not_gold() {
        let d = parse_timeml(DOC, Path::new("x.tml")).unwrap();
        assert!(d.timexes.iter().all(|t| t.value != "1998-01-08"));
    }

    #[test]
    fn missing_text_is_an_error_naming_the_file() {
        let e = parse_timeml("<TimeML></TimeML>", Path::new("a/b.tml")).unwrap_err();
        assert!(e.to_string().contains("a/b.tml"));
    }
}
