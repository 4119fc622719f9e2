//! Page segmentation: split a scraped page's text into the article, its related-story teasers,
//! and page chrome that belongs to neither.
//!
//! Written by hand: readability extractors (used for HTML) drop related-story rails instead of
//! keeping them, and text scraped without markup has no tags to go by. The rules use only general
//! signals of web pages: short heading lines without sentence punctuation, the usual words of
//! rail and chrome headings ("More in ...", "Related", "Subscribe", ...), bullet lists, photo
//! captions ending in a credit, and the caption / headline / summary rhythm of teaser rails.

use rayon::prelude::*;

/// A related-story teaser cut from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teaser {
    /// The teaser's headline.
    pub headline: String,
    /// Its one-line summary, if any.
    pub summary: String,
    /// Its photo caption without the photo credit, if any.
    pub caption: String,
    /// A section label shown above the headline ("Everett", "Politics"), if any.
    pub kicker: String,
}

/// The parts of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The article's own text, chrome removed.
    pub text: String,
    /// Related-story teasers, in page order.
    pub teasers: Vec<Teaser>,
    /// Lines dropped as page chrome (contact boxes, donation appeals, share buttons).
    pub chrome_lines: usize,
}

/// Heading words that introduce a rail of other stories.
const RAIL_HEADINGS: [&str; 20] = [
    "more in ",
    "more from ",
    "more stories",
    "more news",
    "more on ",
    "related",
    "read more",
    "read next",
    "recommended",
    "also like",
    "most read",
    "most popular",
    "popular",
    "trending",
    "latest",
    "top stories",
    "see also",
    "also read",
    "in other news",
    "what to read next",
];

/// Heading words of page furniture that is neither article nor teaser.
const CHROME_HEADINGS: [&str; 22] = [
    "talk to us",
    "contact",
    "support ",
    "subscribe",
    "newsletter",
    "sign up",
    "follow us",
    "share",
    "advertisement",
    "comments",
    "about us",
    "privacy",
    "terms of",
    "copyright",
    "all rights reserved",
    "donate",
    "log in",
    "sign in",
    "get the app",
    "connect with us",
    "tips",
    "letters to the editor",
];

/// Whole lines inside an article body that are page furniture.
const CHROME_LINES: [&str; 10] = [
    "advertisement",
    "advertising",
    "story continues below advertisement",
    "share",
    "share this",
    "share this article",
    "read more",
    "continue reading",
    "sponsored content",
    "click to share",
];

fn is_chrome_line(l: &str) -> bool {
    CHROME_LINES.contains(&l.to_lowercase().trim_end_matches(':'))
}

fn word_count(l: &str) -> usize {
    l.split_whitespace().count()
}

/// The line without trailing closing quotes and brackets.
fn core_end(l: &str) -> Option<char> {
    l.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' '])
        .chars()
        .last()
}

fn ends_sentence(l: &str) -> bool {
    matches!(core_end(l), Some('.' | '!' | '?' | '…' | ':' | ';'))
}

fn is_heading(l: &str) -> bool {
    let w = word_count(l);
    (1..=6).contains(&w)
        && l.len() <= 60
        && !ends_sentence(l)
        && !l.starts_with(['"', '“', '‘', '>', '•'])
}

fn heading_kind(l: &str) -> Option<bool> {
    if !is_heading(l) {
        return None;
    }
    let lower = format!("{} ", l.to_lowercase());
    if RAIL_HEADINGS.iter().any(|h| lower.starts_with(h)) {
        Some(true)
    } else if CHROME_HEADINGS.iter().any(|h| lower.starts_with(h)) {
        Some(false)
    } else {
        None
    }
}

fn is_bullet(l: &str) -> bool {
    let mut c = l.chars();
    matches!(c.next(), Some('>' | '•' | '·' | '-' | '*' | '»' | '–'))
        && matches!(c.next(), Some(' '))
}

const CREDIT_WORDS: [&str; 12] = [
    "photo", "photos", "courtesy", "file", "getty", "images", "ap", "reuters", "afp", "credit",
    "provided", "staff",
];

/// The byte index where a trailing photo credit `( ... / ... )` or `(Photo ...)` starts.
fn credit_start(l: &str) -> Option<usize> {
    let t = l.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let inner = &t[open + 1..t.len() - 1];
    let is_credit = word_count(inner) <= 12
        && (inner.contains(" / ")
            || inner
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| CREDIT_WORDS.contains(&w.to_lowercase().as_str())));
    is_credit.then_some(open)
}

fn is_caption(l: &str) -> bool {
    let lower = l.to_lowercase();
    (word_count(l) >= 4 && credit_start(l).is_some())
        || lower.starts_with("photo:")
        || lower.starts_with("image:")
        || lower.starts_with("credit:")
}

fn is_headline(l: &str) -> bool {
    let w = word_count(l);
    (2..=25).contains(&w)
        && !matches!(core_end(l), Some('.' | ':' | ';'))
        && !is_caption(l)
        && !is_bullet(l)
}

fn is_kicker(l: &str) -> bool {
    (1..=3).contains(&word_count(l)) && !ends_sentence(l)
}

fn is_summary(l: &str) -> bool {
    let w = word_count(l);
    w >= 4 && (ends_sentence(l) || w >= 8) && !is_caption(l)
}

/// Parses a rail section into teasers; lines that fit no teaser are counted as chrome.
fn parse_teasers(lines: &[&str], teasers: &mut Vec<Teaser>) -> usize {
    let mut chrome = 0;
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut t = Teaser::default();
        if is_caption(lines[i]) {
            let l = lines[i];
            t.caption = l[..credit_start(l).unwrap_or(l.len())].trim().to_string();
            i += 1;
        }
        if i + 1 < lines.len()
            && is_kicker(lines[i])
            && is_headline(lines[i + 1])
            && !is_caption(lines[i + 1])
        {
            t.kicker = lines[i].to_string();
            i += 1;
        }
        if i < lines.len() && is_headline(lines[i]) {
            t.headline = lines[i].to_string();
            i += 1;
            if i < lines.len() && is_summary(lines[i]) && !is_headline_followed_by_summary(lines, i)
            {
                t.summary = lines[i].to_string();
                i += 1;
            }
        }
        if t.headline.is_empty() {
            chrome += i.max(start + 1) - start;
            i = i.max(start + 1);
        } else {
            teasers.push(t);
        }
    }
    chrome
}

/// True when `lines[i]` looks like the headline of the next teaser (a headline line followed
/// by a summary), so it must not be eaten as the previous teaser's summary.
fn is_headline_followed_by_summary(lines: &[&str], i: usize) -> bool {
    is_headline(lines[i])
        && !ends_sentence(lines[i])
        && lines.get(i + 1).is_some_and(|n| is_summary(n))
}

/// Counts teasers a run of lines would give, and how many carry captions.
fn teaser_shape(lines: &[&str]) -> (usize, usize) {
    let mut t = Vec::new();
    parse_teasers(lines, &mut t);
    (t.len(), t.iter().filter(|t| !t.caption.is_empty()).count())
}

/// Splits a page's body text (without its title) into article text, teasers and chrome.
///
/// ```
/// use storyline::segment::segment;
/// let page = "First paragraph of the story.\n\nSecond paragraph.\n\nMore in News\n\n\
///             A cat rescued (Jo Doe / The Paper)\nCat rescued from tree\n\nFirefighters climbed up.\n";
/// let s = segment(page);
/// assert_eq!(s.text, "First paragraph of the story.\n\nSecond paragraph.");
/// assert_eq!(s.teasers.len(), 1);
/// assert_eq!(s.teasers[0].headline, "Cat rescued from tree");
/// ```
pub fn segment(body: &str) -> Segmented {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // The boundary: the first heading (after some article text) that opens chrome or a rail.
    let mut boundary = lines.len();
    for i in 1..lines.len() {
        let l = lines[i];
        if !is_heading(l) || is_chrome_line(l) {
            continue;
        }
        let rest = &lines[i + 1..];
        let opens_list = rest.len() >= 2 && rest[..2].iter().all(|r| is_bullet(r));
        let (n, captioned) = teaser_shape(&rest[..rest.len().min(9)]);
        if heading_kind(l).is_some() || opens_list || (n >= 3 && captioned >= 2) {
            boundary = i;
            break;
        }
    }
    let mut out = Segmented::default();
    let mut text = Vec::new();
    for l in &lines[..boundary] {
        if is_chrome_line(l) {
            out.chrome_lines += 1;
        } else {
            text.push(*l);
        }
    }
    out.text = text.join("\n\n");
    // The tail: sections opened by rail or chrome headings.
    let mut i = boundary;
    while i < lines.len() {
        let kind = heading_kind(lines[i]);
        let start = if kind.is_some() { i + 1 } else { i };
        let end = (start..lines.len())
            .find(|&j| heading_kind(lines[j]).is_some())
            .unwrap_or(lines.len());
        let section = &lines[start..end];
        let (n, captioned) = teaser_shape(section);
        let is_rail = kind == Some(true)
            || (kind.is_none() && n >= 2)
            || (kind == Some(false) && captioned >= 2);
        if is_rail {
            out.chrome_lines += parse_teasers(section, &mut out.teasers);
        } else {
            out.chrome_lines += section.len();
        }
        out.chrome_lines += start - i;
        i = end;
    }
    out
}

/// Lines at most this many words long can be recognized as repeated page furniture.
const REPEATED_MAX_WORDS: usize = 12;
/// A line is furniture when it is in at least this many of an outlet's articles ...
const REPEATED_MIN_DOCS: usize = 5;
/// ... and in at least this share of them.
const REPEATED_MIN_SHARE: f64 = 0.3;

fn line_key(l: &str) -> String {
    l.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Removes page furniture that repeats across an outlet's pages ("Share this story", a
/// newsletter box, a standing credit line): short lines (at most 12 words) found in at least 5
/// of the outlet's articles and in at least 30% of them. Returns the number of lines removed.
///
/// Only `ok` rows of kind article are looked at; each article counts a line once.
pub fn strip_repeated_lines(articles: &mut [crate::Article]) -> usize {
    let found = furniture(crate::textstore::Texts::in_memory(articles));
    let mut removed = 0;
    for (i, repeated) in found {
        let (text, n) = strip_lines(&articles[i].text, &repeated);
        articles[i].text = text;
        removed += n;
    }
    removed
}

/// [`strip_repeated_lines`] on articles whose texts are in `store`; the cleaned texts
/// replace the stored ones.
pub fn strip_repeated_lines_stored(
    articles: &[crate::Article],
    store: &mut crate::textstore::TextStore,
) -> std::io::Result<usize> {
    let found = furniture(crate::textstore::Texts::spilled(articles, store));
    let mut removed = 0;
    // A chunk at a time, so only one chunk of cleaned texts is in memory.
    for chunk in found.chunks(10_000) {
        let cleaned: Vec<(usize, Option<String>, usize)> = {
            let texts = crate::textstore::Texts::spilled(articles, store);
            chunk
                .par_iter()
                .map(|(i, repeated)| {
                    let (_, old) = texts.parts(*i);
                    let (text, n) = strip_lines(&old, repeated);
                    (*i, (text != *old).then_some(text), n)
                })
                .collect()
        };
        removed += cleaned.iter().map(|c| c.2).sum::<usize>();
        store.replace_texts(
            cleaned
                .into_iter()
                .filter_map(|(i, text, _)| text.map(|t| (i, t))),
        )?;
    }
    Ok(removed)
}

/// For each article of an outlet that has page furniture, the outlet's furniture lines.
fn furniture(
    texts: crate::textstore::Texts<'_>,
) -> Vec<(usize, std::sync::Arc<std::collections::HashSet<String>>)> {
    use std::collections::{BTreeMap, HashMap, HashSet};
    let articles = texts.articles;
    let mut by_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if a.is_ok() && a.kind == crate::Kind::Article && !a.outlet.is_empty() {
            by_outlet.entry(a.outlet.as_str()).or_default().push(i);
        }
    }
    let per_outlet: Vec<Vec<(usize, std::sync::Arc<HashSet<String>>)>> = by_outlet
        .into_par_iter()
        .map(|(_, docs)| {
            // Only articles with a text count (a spilled text is read to know).
            let lines_of: Vec<(usize, HashSet<String>)> = docs
                .iter()
                .filter_map(|&i| {
                    let (_, text) = texts.parts(i);
                    (!text.is_empty()).then(|| {
                        let lines = text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty() && word_count(l) <= REPEATED_MAX_WORDS)
                            .map(line_key)
                            .collect();
                        (i, lines)
                    })
                })
                .collect();
            let need =
                REPEATED_MIN_DOCS.max((REPEATED_MIN_SHARE * lines_of.len() as f64).ceil() as usize);
            if lines_of.len() < need {
                return Vec::new();
            }
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for (_, lines) in &lines_of {
                for l in lines {
                    *counts.entry(l.as_str()).or_default() += 1;
                }
            }
            let repeated: HashSet<String> = counts
                .into_iter()
                .filter(|(_, n)| *n >= need)
                .map(|(l, _)| l.to_string())
                .collect();
            if repeated.is_empty() {
                return Vec::new();
            }
            let repeated = std::sync::Arc::new(repeated);
            lines_of
                .into_iter()
                .map(|(i, _)| (i, repeated.clone()))
                .collect()
        })
        .collect();
    let mut out: Vec<_> = per_outlet.into_iter().flatten().collect();
    out.sort_by_key(|x| x.0);
    out
}

/// `text` without its lines in `repeated`, blank lines collapsed; and the number removed.
fn strip_lines(text: &str, repeated: &std::collections::HashSet<String>) -> (String, usize) {
    let mut removed = 0;
    let mut out = String::with_capacity(text.len());
    for l in text.lines() {
        let t = l.trim();
        if !t.is_empty() && repeated.contains(&line_key(t)) {
            removed += 1;
            continue;
        }
        if t.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }
    (out.trim_end().to_string(), removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../data/heraldnet.com/000_3c405c193844579d.txt");

    fn seed() -> Segmented {
        let body = SEED.split_once('\n').unwrap().1;
        segment(body)
    }

    #[test]
    fn seed_article_ends_before_the_page_footer() {
        let s = seed();
        assert!(
            s.text
                .starts_with("PARIS — U.S. Secretary of State John Kerry")
        );
        assert!(
            s.text
                .ends_with("already burning across the Middle East and North Africa.”"),
            "{}",
            &s.text[s.text.len() - 200..]
        );
        for footer in [
            "Talk to us",
            "news tips",
            "More in Local News",
            "Oso",
            "Support local journalism",
        ] {
            assert!(!s.text.contains(footer), "{footer}");
        }
    }

    #[test]
    fn seed_rail_gives_one_teaser_per_related_story() {
        let s = seed();
        let heads: Vec<&str> = s.teasers.iter().map(|t| t.headline.as_str()).collect();
        assert_eq!(heads.len(), 12, "{heads:#?}");
        assert_eq!(
            heads[0],
            "‘Flood of emotions’ as Oso Landslide Memorial opens on 10th anniversary"
        );
        assert_eq!(
            heads[6],
            "Everett man sentenced to 3 years of probation for mutilating animals"
        );
        assert_eq!(s.teasers[6].kicker, "Everett");
        assert_eq!(
            heads[11],
            "Imagine Children’s Museum in Everett to welcome new CEO"
        );
        assert_eq!(
            s.teasers[2].caption,
            "Victims of the Oso mudslide on March 22, 2014."
        );
        assert!(
            s.teasers[0]
                .summary
                .starts_with("Friends, family and first responders")
        );
        assert!(
            s.teasers
                .iter()
                .all(|t| !t.summary.contains("If you value local news"))
        );
        assert!(s.chrome_lines >= 6);
    }

    #[test]
    fn page_without_chrome_is_left_whole() {
        let s = segment("One.\n\nTwo short lines\n\nThree.\n");
        assert_eq!(s.text, "One.\n\nTwo short lines\n\nThree.");
        assert!(s.teasers.is_empty());
        assert_eq!(s.chrome_lines, 0);
    }

    #[test]
    fn subheadings_inside_an_article_do_not_end_it() {
        let s = segment(
            "Intro paragraph here.\n\nThe response\n\nOfficials said more would come.\n\nWhat comes next\n\nA vote is set for May.\n",
        );
        assert!(s.text.contains("A vote is set for May."));
        assert!(s.teasers.is_empty());
    }

    #[test]
    fn lines_repeated_across_an_outlets_pages_are_removed() {
        let mut arts: Vec<crate::Article> = (0..6)
            .map(|i| crate::Article {
                id: i.to_string(),
                outlet: "x.com".into(),
                text: format!(
                    "Story {i} opens with its own words.\n\nSign up for our daily briefing\n\nIt ends {i}."
                ),
                ..Default::default()
            })
            .collect();
        arts[5].outlet = "y.com".into();
        arts[2].description = "A standfirst.".into();
        // The same removal on texts kept in a temporary file.
        let mut spilled = arts.clone();
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::textstore::TextStore::spill(&mut spilled, dir.path()).unwrap();
        assert_eq!(
            strip_repeated_lines_stored(&spilled, &mut store).unwrap(),
            5
        );
        assert_eq!(strip_repeated_lines(&mut arts), 5);
        assert_eq!(
            arts[0].text,
            "Story 0 opens with its own words.\n\nIt ends 0."
        );
        assert!(arts[5].text.contains("Sign up"));
        store.restore(&mut spilled).unwrap();
        assert_eq!(spilled, arts);
    }

    #[test]
    fn advertisement_lines_inside_the_body_are_dropped() {
        let s = segment("First.\n\nAdvertisement\n\nSecond.\n");
        assert_eq!(s.text, "First.\n\nSecond.");
        assert_eq!(s.chrome_lines, 1);
    }
}
