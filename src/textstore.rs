//! Article texts moved out of memory into a temporary file once they are read, cleaned and
//! de-duplicated, so that a million articles' words are not all held while the stories,
//! timelines and outlet comparison are computed. Each later stage reads a text back when it
//! needs it, one chunk of articles at a time.
//!
//! Written by hand: it is a few dozen lines over `std::fs::File` positional reads. A
//! memory map (memmap2) would count the touched pages in the process's resident memory,
//! which is what this is meant to bound, and an embedded key-value store would add a
//! dependency and a format for data that lives only as long as one run.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::Article;

/// Where one article's description and text are in the file.
#[derive(Debug, Clone, Copy)]
struct Span {
    offset: u64,
    description: u32,
    text: u32,
}

/// The descriptions and texts of a set of articles, in an unnamed temporary file that the
/// operating system removes when the store is dropped or the process ends.
#[derive(Debug)]
pub struct TextStore {
    file: File,
    spans: Vec<Option<Span>>,
    /// Where the next write goes (the file's length).
    end: u64,
}

impl TextStore {
    /// An empty store in a new temporary file in `dir`.
    pub fn new(dir: &Path) -> io::Result<TextStore> {
        Ok(TextStore {
            file: tempfile::tempfile_in(dir)?,
            spans: Vec::new(),
            end: 0,
        })
    }

    /// Appends the description and text of `articles`, leaving them empty there; returns
    /// where each went (`None` for articles without any, which stay as they are). Use
    /// [`TextStore::set_spans`] once the final order of the articles is known.
    pub fn append(&mut self, articles: &mut [Article]) -> io::Result<Vec<Option<SpanRef>>> {
        let mut w = BufWriter::with_capacity(1 << 20, &self.file);
        let out = articles
            .iter()
            .map(|a| {
                write_span(&mut w, &mut self.end, &a.description, &a.text).map(|s| s.map(SpanRef))
            })
            .collect::<io::Result<Vec<_>>>()?;
        w.flush()?;
        drop(w);
        for (a, s) in articles.iter_mut().zip(&out) {
            if s.is_some() {
                a.description = String::new();
                a.text = String::new();
            }
        }
        Ok(out)
    }

    /// Sets where the text of each article is: `spans[i]` for article `i`, as returned by
    /// [`TextStore::append`].
    pub fn set_spans(&mut self, spans: Vec<Option<SpanRef>>) {
        self.spans = spans.into_iter().map(|s| s.map(|s| s.0)).collect();
    }

    /// Moves the description and text of every article into a temporary file in `dir`,
    /// leaving them empty in `articles` (titles and all other fields stay).
    pub fn spill(articles: &mut [Article], dir: &Path) -> io::Result<TextStore> {
        let mut store = TextStore::new(dir)?;
        let spans = store.append(articles)?;
        store.set_spans(spans);
        Ok(store)
    }

    /// Replaces the texts of articles `(i, text)` (their descriptions stay).
    pub fn replace_texts(
        &mut self,
        texts: impl IntoIterator<Item = (usize, String)>,
    ) -> io::Result<()> {
        let mut new = Vec::new();
        {
            let mut w = BufWriter::with_capacity(1 << 20, &self.file);
            let mut end = self.end;
            for (i, text) in texts {
                let (description, _) = self.read(i)?;
                new.push((i, write_span(&mut w, &mut end, &description, &text)?));
            }
            w.flush()?;
            self.end = end;
        }
        for (i, span) in new {
            self.spans[i] = span;
        }
        Ok(())
    }

    /// Whether article `i`'s texts are in the store.
    pub fn has(&self, i: usize) -> bool {
        self.spans.get(i).is_some_and(Option::is_some)
    }

    /// Reads back the description and text of article `i` (empty when it had none).
    pub fn read(&self, i: usize) -> io::Result<(String, String)> {
        let Some(s) = self.spans.get(i).copied().flatten() else {
            return Ok((String::new(), String::new()));
        };
        let mut buf = vec![0u8; s.description as usize + s.text as usize];
        read_exact_at(&self.file, &mut buf, s.offset)?;
        let text = buf.split_off(s.description as usize);
        // Both parts were valid UTF-8 strings when written.
        let utf8 = |b: Vec<u8>| {
            String::from_utf8(b)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))
        };
        Ok((utf8(buf)?, utf8(text)?))
    }

    /// Puts the texts back into `articles` (the same slice that was spilled).
    pub fn restore(&self, articles: &mut [Article]) -> io::Result<()> {
        for (i, a) in articles.iter_mut().enumerate() {
            if self.has(i) {
                (a.description, a.text) = self.read(i)?;
            }
        }
        Ok(())
    }
}

/// Where one article's texts went in a [`TextStore`].
#[derive(Debug, Clone, Copy)]
pub struct SpanRef(Span);

/// Writes a description and text at `*end` and moves `*end` past them; `None` (nothing
/// written) when both are empty or one is over 4 GB (such a record stays in memory).
fn write_span(
    w: &mut impl Write,
    end: &mut u64,
    description: &str,
    text: &str,
) -> io::Result<Option<Span>> {
    let (d, t) = (description.len(), text.len());
    let (Ok(dl), Ok(tl)) = (u32::try_from(d), u32::try_from(t)) else {
        return Ok(None);
    };
    if d == 0 && t == 0 {
        return Ok(None);
    }
    w.write_all(description.as_bytes())?;
    w.write_all(text.as_bytes())?;
    let span = Span {
        offset: *end,
        description: dl,
        text: tl,
    };
    *end += (d + t) as u64;
    Ok(Some(span))
}

#[cfg(unix)]
fn read_exact_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(f: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(f, buf, offset) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The articles of a run, with their texts either in memory or in a [`TextStore`]: what
/// the stages after de-duplication read.
#[derive(Debug, Clone, Copy)]
pub struct Texts<'a> {
    /// The articles (their `description` and `text` are empty when spilled).
    pub articles: &'a [Article],
    store: Option<&'a TextStore>,
}

impl<'a> Texts<'a> {
    /// Articles whose texts are in memory.
    pub fn in_memory(articles: &'a [Article]) -> Texts<'a> {
        Texts {
            articles,
            store: None,
        }
    }

    /// Articles whose texts are in `store` when there is one, else in memory.
    pub fn new(articles: &'a [Article], store: Option<&'a TextStore>) -> Texts<'a> {
        Texts { articles, store }
    }

    /// Articles whose texts were moved into `store` by [`TextStore::spill`].
    pub fn spilled(articles: &'a [Article], store: &'a TextStore) -> Texts<'a> {
        Texts {
            articles,
            store: Some(store),
        }
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether there are no articles.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The description and text of article `i`, without copying the rest of the article.
    ///
    /// # Panics
    /// As [`Texts::get`].
    pub fn parts(&self, i: usize) -> (Cow<'a, str>, Cow<'a, str>) {
        let a = &self.articles[i];
        match self.read_back(i) {
            Some((d, t)) => (Cow::Owned(d), Cow::Owned(t)),
            None => (Cow::Borrowed(&a.description), Cow::Borrowed(&a.text)),
        }
    }

    /// The stored description and text of article `i`; `None` when they are in memory.
    fn read_back(&self, i: usize) -> Option<(String, String)> {
        let s = self.store.filter(|s| s.has(i))?;
        Some(s.read(i).unwrap_or_else(|e| {
            panic!(
                "cannot read back the text of {} from the temporary file: {e}",
                self.articles[i].id
            )
        }))
    }

    /// Article `i` with its description and text.
    ///
    /// # Panics
    /// When a spilled text cannot be read back from the temporary file (the disk failed or
    /// the file was removed under the run): the run cannot go on without its input.
    pub fn get(&self, i: usize) -> Cow<'a, Article> {
        let a = &self.articles[i];
        match self.read_back(i) {
            Some((description, text)) => Cow::Owned(Article {
                description,
                text,
                ..a.clone()
            }),
            None => Cow::Borrowed(a),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, description: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: format!("title {id}"),
            description: description.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn spilled_texts_read_back_unchanged_and_leave_memory() {
        let mut a = vec![
            article("a", "", "Première ligne\nsecond line ✓"),
            article("b", "", ""),
            article("c", "A standfirst.", "Body."),
        ];
        let before = a.clone();
        let dir = tempfile::tempdir().unwrap();
        let store = TextStore::spill(&mut a, dir.path()).unwrap();
        assert!(
            a.iter()
                .all(|x| x.text.is_empty() && x.description.is_empty())
        );
        assert_eq!(a[0].title, "title a");
        let t = Texts::spilled(&a, &store);
        for (i, b) in before.iter().enumerate() {
            assert_eq!(&*t.get(i), b);
        }
        assert!(matches!(t.get(1), Cow::Borrowed(_)));
        store.restore(&mut a).unwrap();
        assert_eq!(a, before);
    }
}
