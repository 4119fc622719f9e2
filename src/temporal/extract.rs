//! Finding temporal expressions: a byte tokenizer and hand-written rules over its tokens.
//!
//! The tokenizer is one pass over the bytes; every word is classified through
//! [`lookup`](super::lexicon::lookup). Rules are only tried at tokens that can start an
//! expression (a digit or a known word), which is the prefilter that keeps the tagger fast.
//! Every token starts and ends on an ASCII byte, so every offset is a char boundary.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::lexicon::{Code, DayWord, Lex, MAX_WORD, Mod, RefWord, Rel, Unit, lookup};
use super::normalize::{self as norm, Dir, Granularity};

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2014-09-15`, `2014-W37`, `2014`, `PRESENT_REF`.
    Date,
    /// A time of day: `2014-09-15T10:37`, `2014-09-15TMO`.
    Time,
    /// A length of time: `P10Y`.
    Duration,
    /// A recurring time: `P1D` ("daily"), `XXXX-WXX-1` ("every Monday").
    Set,
}

impl TimexType {
    /// The TimeML name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Byte offset of the first byte (always a char boundary).
    pub start: usize,
    /// Byte offset one past the last byte (always a char boundary).
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value (`2014-09-15`, `P10Y`, `PRESENT_REF`, `XXXX-WXX-1` when unresolved).
    pub value: String,
}

impl Timex {
    /// How fine the value is, for DATE and TIME values that are resolved; `None` otherwise.
    pub fn granularity(&self) -> Option<Granularity> {
        match self.kind {
            TimexType::Date | TimexType::Time => norm::granularity(&self.value),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word(Lex),
    /// digits: value (saturating), number of digits, suffix (`o` ordinal "22nd", `s` "1990s")
    Num(u32, u8, u8),
    Punct(u8),
    /// a run of non-ASCII bytes
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    /// first letter is uppercase
    cap: bool,
    /// a newline lies between this token and the previous one
    nl: bool,
}

fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut nl = false;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = &b[start..i];
            let lex = if w.len() <= MAX_WORD {
                let mut buf = [0u8; MAX_WORD];
                for (d, s) in buf.iter_mut().zip(w) {
                    *d = s.to_ascii_lowercase();
                }
                lookup(&buf[..w.len()])
            } else {
                Lex::Other
            };
            Kind::Word(lex)
        } else if c.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add((b[i] - b'0') as u32);
                i += 1;
            }
            let len = (i - start).min(255) as u8;
            let mut suf = 0;
            // "22nd", "1990s": letters glued to the digits
            let mut j = i;
            while j < b.len() && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            let s = &b[i..j];
            if s.eq_ignore_ascii_case(b"st")
                || s.eq_ignore_ascii_case(b"nd")
                || s.eq_ignore_ascii_case(b"rd")
                || s.eq_ignore_ascii_case(b"th")
            {
                suf = b'o';
                i = j;
            } else if s == b"s" {
                suf = b's';
                i = j;
            }
            Kind::Num(v, len, suf)
        } else if c.is_ascii_whitespace() {
            if c == b'\n' {
                nl = true;
            }
            i += 1;
            continue;
        } else if c.is_ascii() {
            i += 1;
            Kind::Punct(c)
        } else {
            while i < b.len() && !b[i].is_ascii() {
                i += 1;
            }
            Kind::Other
        };
        out.push(Tok {
            start,
            end: i,
            kind,
            cap: c.is_ascii_uppercase(),
            nl,
        });
        nl = false;
    }
}

/// A count before a unit: a number or a vague amount ("several").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    N(u32),
    X,
}

/// A rule's result: the token index after the match, the type and the value.
struct M {
    end: usize,
    kind: TimexType,
    value: String,
    /// a quarter named outright, which later "a year earlier" refers back to
    anchor: bool,
}

fn m(end: usize, kind: TimexType, value: String) -> Option<M> {
    Some(M {
        end,
        kind,
        value,
        anchor: false,
    })
}

fn anchor(end: usize, value: String) -> Option<M> {
    Some(M {
        end,
        kind: TimexType::Date,
        value,
        anchor: true,
    })
}

/// Finds the temporal expressions of `text`, resolving relative ones against `dct`.
fn extract(text: &str, dct: Option<NaiveDate>, toks: &mut Vec<Tok>) -> Vec<Timex> {
    toks.clear();
    tokenize(text, toks);
    // calendar arithmetic near chrono's limits would overflow; such dates are not real DCTs
    let dct = dct.filter(|d| (1..=9000).contains(&d.year()));
    let mut x = Matcher {
        text,
        toks,
        dct,
        last_quarter: None,
        last_day: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < x.toks.len() {
        let trigger = match x.toks[i].kind {
            Kind::Word(l) => !matches!(l, Lex::Other),
            Kind::Num(..) => true,
            _ => false,
        };
        if trigger && let Some(mt) = x.at(i) {
            let (s, e) = (x.toks[i].start, x.toks[mt.end - 1].end);
            if mt.kind == Date && norm::granularity(&mt.value) == Some(Granularity::Day) {
                x.last_day = Some(mt.value.clone());
            }
            if mt.anchor {
                x.last_quarter = Some(mt.value.clone());
            }
            out.push(Timex {
                start: s,
                end: e,
                text: text[s..e].to_string(),
                kind: mt.kind,
                value: mt.value,
            });
            i = mt.end;
        } else {
            i += 1;
        }
    }
    out
}

struct Matcher<'a> {
    text: &'a str,
    toks: &'a [Tok],
    dct: Option<NaiveDate>,
    /// the last quarter value seen: "a year earlier" after "the third quarter" is a quarter
    last_quarter: Option<String>,
    /// the last day named: a clock time without a day is on it ("on Friday ... at 10 a.m.")
    last_day: Option<String>,
}

use TimexType::{Date, Duration as Dur, Set, Time};

impl Matcher<'_> {
    fn lex(&self, i: usize) -> Lex {
        match self.toks.get(i).map(|t| t.kind) {
            Some(Kind::Word(l)) => l,
            _ => Lex::Other,
        }
    }

    fn num(&self, i: usize) -> Option<(u32, u8, u8)> {
        match self.toks.get(i).map(|t| t.kind) {
            Some(Kind::Num(v, l, s)) => Some((v, l, s)),
            _ => None,
        }
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        matches!(self.toks.get(i).map(|t| t.kind), Some(Kind::Punct(p)) if p == c)
    }

    /// Token `i` follows token `i - 1` without a space.
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i].start == self.toks[i - 1].end
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            matches!(t.kind, Kind::Word(_)) && self.text[t.start..t.end].eq_ignore_ascii_case(w)
        })
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// Skips a hyphen glued between two words ("third-quarter", "mid-1990s").
    fn hyphen(&self, i: usize) -> usize {
        if self.punct(i, b'-') && self.glued(i) && self.glued(i + 1) {
            i + 1
        } else {
            i
        }
    }

    /// A straight or curly apostrophe.
    fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, b'\'')
            || self.toks.get(i).is_some_and(|t| {
                matches!(t.kind, Kind::Other) && matches!(&self.text[t.start..t.end], "’" | "‘")
            })
    }

    /// Whether token `i` ends a sentence (or starts a new line). The period of an
    /// abbreviation ("Mr.", "P.", "U.S.", "Aug.") does not.
    fn boundary(&self, i: usize) -> bool {
        const ABBR: [&str; 20] = [
            "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
            "sgt", "capt", "prof", "rev", "no", "vs", "mt",
        ];
        let t = &self.toks[i];
        match t.kind {
            _ if t.nl => true,
            Kind::Punct(b'!' | b'?' | b';') => true,
            Kind::Punct(b'.') => {
                let abbr = i > 0
                    && self.glued(i)
                    && match self.toks[i - 1].kind {
                        Kind::Word(l) => {
                            let w = &self.text[self.toks[i - 1].start..self.toks[i - 1].end];
                            w.len() == 1
                                || matches!(l, Lex::Month(_, true))
                                || ABBR.iter().any(|a| w.eq_ignore_ascii_case(a))
                        }
                        _ => false,
                    };
                !abbr
            }
            _ => false,
        }
    }

    /// Whether a past-tense verb stands within three words of token `i` in its sentence: an
    /// irregular past form ("said", "met") or a word ending in "-ed" ("delivered").
    fn past_verb_near(&self, i: usize) -> bool {
        const IRREGULAR: [&str; 24] = [
            "was", "were", "had", "did", "said", "told", "met", "made", "took", "gave", "came",
            "went", "held", "won", "lost", "began", "left", "sent", "spoke", "wrote", "saw",
            "found", "got", "fell",
        ];
        let is_past = |j: usize| {
            let Some(t) = self.toks.get(j) else {
                return false;
            };
            if !matches!(t.kind, Kind::Word(_)) {
                return false;
            }
            let w = self.text[t.start..t.end].to_ascii_lowercase();
            IRREGULAR.contains(&w.as_str())
                || (w.len() > 4
                    && w.ends_with("ed")
                    && !matches!(w.as_str(), "scheduled" | "expected" | "hundred"))
        };
        let lo = i.saturating_sub(3);
        for j in (lo..i).rev() {
            if self.boundary(j) {
                break;
            }
            if is_past(j) {
                return true;
            }
        }
        for j in i + 1..(i + 4).min(self.toks.len()) {
            if self.boundary(j) {
                break;
            }
            if is_past(j) {
                return true;
            }
        }
        false
    }

    /// Whether the sentence around token `i` is in the future tense.
    fn future(&self, i: usize) -> bool {
        // "due" is mostly "due to" (because of), "expected" alone an adjective
        // ("lower-than-expected"), so they count only as "expected to"
        const PLANNED: [&str; 6] = ["scheduled", "plans", "planning", "plan", "upcoming", "soon"];
        let is_will = |j: usize| {
            matches!(self.lex(j), Lex::Will | Lex::Day(DayWord::Tomorrow))
                || (self.word_is(j, "won") && self.word_is(j + 2, "t"))
                || ((self.word_is(j, "going") || self.word_is(j, "expected"))
                    && self.word_is(j + 1, "to"))
                || PLANNED.iter().any(|w| self.word_is(j, w))
        };
        let mut j = i;
        let mut n = 0;
        while j > 0 && n < 15 {
            if self.boundary(j) {
                break;
            }
            j -= 1;
            n += 1;
            if is_will(j) {
                return true;
            }
        }
        // after the expression, a new clause has its own tense: "said Friday that ... will"
        const CLAUSE: [&str; 11] = [
            "that", "saying", "said", "says", "but", "while", "because", "which", "who", "when",
            "after",
        ];
        let mut j = i + 1;
        while j < self.toks.len() && j < i + 15 {
            if self.boundary(j) || CLAUSE.iter().any(|w| self.word_is(j, w)) {
                break;
            }
            if is_will(j) {
                return true;
            }
            j += 1;
        }
        false
    }

    fn dir(&self, i: usize) -> Dir {
        if self.future(i) {
            Dir::Forward
        } else {
            Dir::Back
        }
    }

    /// The best match starting at token `i`.
    fn at(&self, i: usize) -> Option<M> {
        // prefixes that only add to the extent: "early", "late", "mid-", "the end of",
        // "earlier this year"
        let lex = self.lex(i);
        let inner = match lex {
            Lex::Mod(Mod::Early | Mod::Late | Mod::Mid) => Some(self.hyphen(i + 1)),
            Lex::Earlier | Lex::Later if matches!(self.lex(i + 1), Lex::Rel(_)) => Some(i + 1),
            Lex::The
                if matches!(self.lex(i + 1), Lex::Mod(_)) && matches!(self.lex(i + 2), Lex::Of) =>
            {
                Some(i + 3)
            }
            Lex::Mod(Mod::Part) if matches!(self.lex(i + 1), Lex::Of) => Some(i + 2),
            _ => None,
        };
        if let Some(j) = inner
            && let Some(mt) = self.core(j)
            && (mt.kind == Date || mt.kind == Time)
        {
            return Some(mt);
        }
        self.core(i)
    }

    /// The rules that can start at token `i`, tried in turn; the longest match wins
    /// (the first of equals).
    fn core(&self, i: usize) -> Option<M> {
        type Rule<'a> = fn(&Matcher<'a>, usize) -> Option<M>;
        // Rules look ahead ("the" + ...): past the last token nothing starts.
        if i >= self.toks.len() {
            return None;
        }
        let rules: &[Rule<'_>] = match self.toks[i].kind {
            Kind::Num(..) => &[
                Self::numeric_date,
                Self::month_date,
                Self::year,
                Self::clock,
                Self::counted,
                Self::quarter,
            ],
            Kind::Word(lex) => match lex {
                Lex::Month(..) => &[Self::month_date],
                Lex::Weekday(_) => &[Self::month_date, Self::weekday],
                Lex::The => &[
                    Self::year,
                    Self::reference,
                    Self::relative,
                    Self::counted,
                    Self::bare_units,
                    Self::quarter,
                    Self::season,
                ],
                Lex::A | Lex::Number(_) | Lex::Decade(_) | Lex::Vague => &[Self::counted],
                Lex::Teen(_) => &[Self::counted, Self::year],
                Lex::Rel(_) => &[
                    Self::relative,
                    Self::counted,
                    Self::bare_units,
                    Self::quarter,
                ],
                Lex::Ordinal(_) => &[Self::quarter, Self::counted],
                Lex::Unit(..) => &[Self::quarter, Self::bare_units],
                Lex::Every(_) | Lex::EveryWord => &[Self::set],
                Lex::RefWord(_) | Lex::Now => &[Self::reference],
                Lex::Day(_) => &[Self::dayword],
                Lex::ClockWord(_) => &[Self::clock],
                Lex::Season(_) => &[Self::season],
                Lex::Holiday(..) => &[Self::holiday],
                Lex::Fiscal => &[Self::year, Self::quarter],
                Lex::QuarterLetter => &[Self::quarter],
                _ => &[],
            },
            _ => &[],
        };
        let mut best: Option<M> = None;
        for rule in rules {
            if let Some(c) = rule(self, i)
                && best.as_ref().is_none_or(|b| c.end > b.end)
            {
                best = Some(c);
            }
        }
        best
    }

    // ---- absolute dates ----

    /// A day: 1..=31 written as digits, optionally "22nd".
    fn day_num(&self, i: usize) -> Option<u32> {
        let (v, len, suf) = self.num(i)?;
        (len <= 2 && (1..=31).contains(&v) && suf != b's').then_some(v)
    }

    /// A year written as four digits.
    fn year_num(&self, i: usize) -> Option<i32> {
        let (v, len, suf) = self.num(i)?;
        (len == 4 && suf == 0 && (1000..=2199).contains(&v)).then_some(v as i32)
    }

    /// A month name, capitalized, with the period of an abbreviation: (month, next token).
    fn month_name(&self, i: usize) -> Option<(u32, usize)> {
        match self.lex(i) {
            Lex::Month(mo, abbr) if self.cap(i) => {
                if abbr || self.word_is(i, "sept") {
                    if self.punct(i + 1, b'.') {
                        Some((mo as u32, i + 2))
                    } else if self.day_num(i + 1).is_some() || self.year_num(i + 1).is_some() {
                        Some((mo as u32, i + 1))
                    } else {
                        None
                    }
                } else {
                    Some((mo as u32, i + 1))
                }
            }
            _ => None,
        }
    }

    fn ymd(&self, y: i32, mo: u32, d: u32) -> Option<String> {
        NaiveDate::from_ymd_opt(y, mo, d).map(norm::day)
    }

    /// "2014-03-22", "3/22/2014", "3/22/14".
    fn numeric_date(&self, i: usize) -> Option<M> {
        let (a, alen, asuf) = self.num(i)?;
        if asuf != 0 {
            return None;
        }
        let sep = match self.toks.get(i + 1)?.kind {
            Kind::Punct(c @ (b'-' | b'/')) => c,
            _ => return None,
        };
        if !(self.glued(i + 1) && self.glued(i + 2) && self.punct(i + 3, sep)) {
            return None;
        }
        if !(self.glued(i + 3) && self.glued(i + 4)) {
            return None;
        }
        let (b, _, _) = self.num(i + 2)?;
        let (c, clen, _) = self.num(i + 4)?;
        if self.glued(i + 5) && matches!(self.toks[i + 5].kind, Kind::Punct(b'-' | b'/')) {
            return None;
        }
        let v = if sep == b'-' && alen == 4 {
            self.ymd(a as i32, b, c)?
        } else if sep == b'/' && alen <= 2 {
            let y = match clen {
                4 => c as i32,
                2 => {
                    if c < 50 {
                        2000 + c as i32
                    } else {
                        1900 + c as i32
                    }
                }
                _ => return None,
            };
            self.ymd(y, a, b)?
        } else {
            return None;
        };
        m(i + 5, Date, v)
    }

    /// "[Friday,] March 22[, 2014]", "22 March 2014", "March 2014", "March".
    fn month_date(&self, i: usize) -> Option<M> {
        let mut j = i;
        let mut weekday = false;
        if let Lex::Weekday(_) = self.lex(i)
            && self.cap(i)
        {
            j += 1;
            if self.punct(j, b'.') {
                j += 1;
            }
            if self.punct(j, b',') {
                j += 1;
            }
            weekday = true;
        }
        // day first: "22 March 2014"
        if let Some(d) = self.day_num(j)
            && let Some((mo, k)) = self.month_name(j + 1)
        {
            let k2 = if self.punct(k, b',') { k + 1 } else { k };
            if let Some(y) = self.year_num(k2) {
                return m(k2 + 1, Date, self.ymd(y, mo, d)?);
            }
            return m(k, Date, self.month_day(i, mo, d)?);
        }
        let (mo, k) = self.month_name(j)?;
        // "March 22, 2014", "March 22nd"
        if let Some(d) = self.day_num(k)
            && !(self.punct(k + 1, b':') && self.glued(k + 1) && self.glued(k + 2))
        {
            let mut e = k + 1;
            let mut y = None;
            let k2 = if self.punct(e, b',') { e + 1 } else { e };
            if let Some(yy) = self.year_num(k2) {
                y = Some(yy);
                e = k2 + 1;
            }
            return match y {
                Some(y) => m(e, Date, self.ymd(y, mo, d)?),
                None => m(e, Date, self.month_day(i, mo, d)?),
            };
        }
        if weekday {
            return None;
        }
        // "March 2014", "March of 2014", "March, 2014"
        let k2 = if self.punct(k, b',') || matches!(self.lex(k), Lex::Of) {
            k + 1
        } else {
            k
        };
        if let Some(y) = self.year_num(k2) {
            return m(k2 + 1, Date, norm::month(y, mo));
        }
        // "January nineteen ninety-seven"
        if matches!(self.lex(k2), Lex::Teen(_))
            && let Some(y) = self.year(k2)
            && y.value.len() == 4
        {
            return m(y.end, Date, norm::month(y.value.parse().ok()?, mo));
        }
        // "June last year", "March of next year"
        if let Lex::Rel(r) = self.lex(k2)
            && matches!(self.lex(k2 + 1), Lex::Unit(Unit::Year, false))
        {
            let v = match self.dct {
                Some(d) => norm::month(d.year() + rel_step(r), mo),
                None => format!("XXXX-{mo:02}"),
            };
            return m(k2 + 2, Date, v);
        }
        // a bare month: "May" only after a word that introduces a time
        if mo == 5 && !(i > 0 && self.introduces_time(i - 1)) {
            return None;
        }
        // a name: "Women's March", "Hurricane August"
        if i > 0
            && !self.introduces_time(i - 1)
            && (self.cap(i - 1) && !self.toks[i].nl && !self.boundary(i - 1)
                || (self.word_is(i - 1, "s") && self.apostrophe(i.saturating_sub(2))))
        {
            return None;
        }
        if i > 0 && self.glued(i) && !self.punct(i - 1, b'-') {
            return None;
        }
        let v = match self.dct {
            Some(dct) => norm::month(self.month_year(i, dct, mo), mo),
            None => format!("XXXX-{mo:02}"),
        };
        m(k, Date, v)
    }

    fn introduces_time(&self, i: usize) -> bool {
        matches!(
            self.lex(i),
            Lex::In | Lex::Of | Lex::Rel(_) | Lex::Mod(_) | Lex::Earlier | Lex::Later | Lex::From
        ) || [
            "since", "until", "by", "through", "during", "to", "on", "and", "or", "since",
        ]
        .iter()
        .any(|w| self.word_is(i, w))
            || self.punct(i, b'-')
    }

    /// A month and day without a year: in a future-tense sentence the next such day, else
    /// the nearest one to the document date.
    fn month_day(&self, i: usize, mo: u32, d: u32) -> Option<String> {
        match self.dct {
            Some(dct) => {
                // "will ... Feb. 1": the next one; "by/until Feb. 1": the nearest one;
                // "since Feb. 1" and plain news: the nearest, with dates ahead three times as far
                let (future, nearest) = match self.preposition_dir(i) {
                    Some(Dir::Back) => (false, false),
                    Some(_) => (false, true),
                    None => (self.future(i), false),
                };
                let y = dct.year();
                let mut best: Option<(NaiveDate, i64)> = None;
                for yy in [y - 1, y, y + 1] {
                    let Some(c) = NaiveDate::from_ymd_opt(yy, mo, d) else {
                        continue;
                    };
                    if future && c < dct {
                        continue;
                    }
                    // news looks back: a date ahead counts as three times as far
                    let dist = (c - dct).num_days();
                    let dist = if dist > 0 && !future && !nearest {
                        dist * 3
                    } else {
                        dist.abs()
                    };
                    if best.is_none_or(|(_, bd)| dist < bd) {
                        best = Some((c, dist));
                    }
                }
                best.map(|(c, _)| norm::day(c))
            }
            None => (d <= 31).then(|| format!("XXXX-{mo:02}-{d:02}")),
        }
    }

    /// The year of a month name without a year: the next one in a future-tense sentence,
    /// else the nearest to the document date.
    /// The direction a preposition before token `i` gives a month or date: "since March"
    /// looks back, "by March", "until March" look ahead.
    fn preposition_dir(&self, i: usize) -> Option<Dir> {
        let p = i.checked_sub(1)?;
        if self.word_is(p, "since") {
            Some(Dir::Back)
        } else if ["by", "until", "till"].iter().any(|w| self.word_is(p, w)) {
            Some(Dir::Forward)
        } else {
            None
        }
    }

    fn month_year(&self, i: usize, dct: NaiveDate, mo: u32) -> i32 {
        if let Some(d) = self.preposition_dir(i) {
            return norm::resolve_month_year(dct, mo, d);
        }
        if self.future(i) {
            return norm::resolve_month_year(dct, mo, Dir::Forward);
        }
        // news looks back: a month ahead only when it is a few months ahead at most
        let cur = dct.year() * 12 + dct.month() as i32;
        let ahead = (mo as i32 - dct.month() as i32).rem_euclid(12);
        if ahead > 0 && ahead <= 2 {
            return (cur + ahead - 1).div_euclid(12);
        }
        norm::resolve_month_year(dct, mo, Dir::Back)
    }

    /// "Monday", "Monday morning".
    fn weekday(&self, i: usize) -> Option<M> {
        let Lex::Weekday(wd) = self.lex(i) else {
            return None;
        };
        let t = &self.toks[i];
        if !self.cap(i) || t.end - t.start <= 4 {
            return None;
        }
        let d = self.dct.map(|dct| {
            let back = norm::resolve_weekday(dct, wd, self.dir(i));
            // six days back is written "last Tuesday"; a bare "Tuesday" then is tomorrow,
            // unless the verb next to it is in the past tense ("on Tuesday delivered")
            if (dct - back).num_days() == 6 && !self.past_verb_near(i) {
                back + chrono::Duration::days(7)
            } else {
                back
            }
        });
        self.with_part_of_day(i + 1, d, format!("XXXX-WXX-{wd}"))
    }

    /// A date, or with a following "morning"/"night" a TIME.
    fn with_part_of_day(&self, j: usize, d: Option<NaiveDate>, unres: String) -> Option<M> {
        let base = d.map(norm::day).unwrap_or(unres);
        if let Lex::PartOfDay(p) = self.lex(j) {
            return m(j + 1, Time, format!("{base}T{p}"));
        }
        m(j, Date, base)
    }

    /// "2003", "fiscal 1989", "1990s", "the 1990s", "'90s", "nineteen ninety-six".
    fn year(&self, i: usize) -> Option<M> {
        let mut j = i;
        let the = matches!(self.lex(j), Lex::The);
        if the || matches!(self.lex(j), Lex::Fiscal) {
            j += 1;
        }
        if let Some(y) = self.year_num(j) {
            if the {
                return None;
            }
            // not part of a number, a price, a time or a range of digits
            if self.glued(j)
                && (self.punct(j - 1, b'$') || self.punct(j - 1, b',') || self.punct(j - 1, b'.'))
            {
                return None;
            }
            // "2,000", "1462.93", "1995:1": digits go on
            if self.glued(j + 1)
                && (self.punct(j + 1, b':') || self.punct(j + 1, b',') || self.punct(j + 1, b'.'))
                && self.glued(j + 2)
                && self.num(j + 2).is_some()
            {
                return None;
            }
            if self.glued(j + 1) && self.punct(j + 1, b'%') {
                return None;
            }
            if self.glued(j + 1) && self.punct(j + 1, b'-') && self.num(j + 2).is_some() {
                // "1990-91" is a span of years: take the first
                return m(j + 1, Date, norm::year(y));
            }
            // a count of things: "2000 people" -> only trust years in a plausible range
            if !((1900..=2099).contains(&y) || j > i || (i > 0 && self.introduces_time(i - 1))) {
                return None;
            }
            const COUNTED: [&str; 16] = [
                "people",
                "percent",
                "troops",
                "soldiers",
                "residents",
                "workers",
                "jobs",
                "employees",
                "students",
                "members",
                "miles",
                "acres",
                "tons",
                "barrels",
                "votes",
                "units",
            ];
            if COUNTED.iter().any(|w| self.word_is(j + 1, w)) {
                return None;
            }
            return m(j + 1, Date, norm::year(y));
        }
        // decades: "1990s", "'90s"
        if let Some((v, len, b's')) = self.num(j) {
            let dec = match len {
                4 if v % 10 == 0 => Some(v / 10),
                2 if v % 10 == 0 && j > 0 && self.glued(j) && self.apostrophe(j - 1) => {
                    Some(if v < 20 { 200 + v / 10 } else { 190 + v / 10 })
                }
                _ => None,
            }?;
            return m(j + 1, Date, format!("{dec:03}"));
        }
        // "nineteen ninety-six"
        if let Lex::Teen(c @ (19 | 20)) = self.lex(j)
            && let Lex::Decade(d) = self.lex(j + 1)
        {
            let k = self.hyphen(j + 2);
            let (unit, e) = match self.lex(k) {
                Lex::Number(n) if n < 10 => (n, k + 1),
                Lex::A if self.word_is(k, "one") => (1, k + 1),
                _ => (0, j + 2),
            };
            return m(e, Date, norm::year((c * 100 + d + unit) as i32));
        }
        // "the 20th century"
        if let Some((v, _, b'o')) = self.num(j)
            && matches!(self.lex(j + 1), Lex::Unit(Unit::Century, false))
            && (1..=30).contains(&v)
        {
            return m(j + 2, Date, format!("{:02}", v - 1));
        }
        None
    }

    // ---- clock times ----

    /// "a.m.", "am", "p.m.", "PM": (is pm, next token).
    fn ampm(&self, i: usize) -> Option<(bool, usize)> {
        match self.lex(i) {
            Lex::Am => return Some((false, i + 1)),
            Lex::Pm => return Some((true, i + 1)),
            _ => {}
        }
        let pm = if self.word_is(i, "a") {
            false
        } else if self.word_is(i, "p") {
            true
        } else {
            return None;
        };
        if self.punct(i + 1, b'.') && self.glued(i + 1) && self.word_is(i + 2, "m") {
            let e = if self.punct(i + 3, b'.') && self.glued(i + 3) {
                i + 4
            } else {
                i + 3
            };
            return Some((pm, e));
        }
        None
    }

    /// "10:37 a.m.", "10 p.m.", "14:05", "noon", "midnight".
    fn clock(&self, i: usize) -> Option<M> {
        let (h, mi, e) = if let Lex::ClockWord(h) = self.lex(i) {
            (h, 0, i + 1)
        } else {
            let (h, hlen, suf) = self.num(i)?;
            if suf != 0 || hlen > 2 || h > 24 {
                return None;
            }
            let (mi, k) = if self.punct(i + 1, b':') && self.glued(i + 1) && self.glued(i + 2) {
                let (mi, mlen, _) = self.num(i + 2)?;
                if mlen != 2 || mi > 59 {
                    return None;
                }
                (mi, i + 3)
            } else {
                (0, i + 1)
            };
            match self.ampm(k) {
                Some((pm, e)) if (1..=12).contains(&h) => {
                    let h = match (pm, h) {
                        (false, 12) => 0,
                        (true, 12) => 12,
                        (true, h) => h + 12,
                        (false, h) => h,
                    };
                    (h, mi, e)
                }
                Some(_) => return None,
                None if k == i + 3 && !(self.punct(k, b':') && self.glued(k)) => (h, mi, k),
                None => return None,
            }
        };
        let e = if matches!(self.lex(e), Lex::Zone) && self.cap(e) {
            e + 1
        } else {
            e
        };
        // "9 a.m. Tuesday", "10 p.m. yesterday": the time of that day
        let day = [self.weekday(e), self.dayword(e), self.month_date(e)]
            .into_iter()
            .flatten()
            .find(|d| d.kind == Date && norm::granularity(&d.value) == Some(Granularity::Day));
        if let Some(d) = day {
            return m(d.end, Time, format!("{}T{h:02}:{mi:02}", d.value));
        }
        let date = match (&self.last_day, self.dct) {
            (Some(d), _) => d.clone(),
            (None, Some(d)) => norm::day(d),
            (None, None) => "XXXX-XX-XX".into(),
        };
        m(e, Time, format!("{date}T{h:02}:{mi:02}"))
    }

    // ---- relative expressions ----

    /// "yesterday", "today", "tomorrow", "tonight", "yesterday morning".
    fn dayword(&self, i: usize) -> Option<M> {
        let Lex::Day(w) = self.lex(i) else {
            return None;
        };
        let off = match w {
            DayWord::Yesterday => -1,
            DayWord::Today => 0,
            DayWord::Tomorrow => 1,
            DayWord::Tonight => {
                let base = self
                    .dct
                    .map(norm::day)
                    .unwrap_or_else(|| "XXXX-XX-XX".into());
                return m(i + 1, Time, format!("{base}TNI"));
            }
        };
        let d = self.dct.map(|dct| dct + chrono::Duration::days(off));
        self.with_part_of_day(i + 1, d, "XXXX-XX-XX".into())
    }

    /// "now", "currently", "recently", "the past", "the future", "in recent years".
    fn reference(&self, i: usize) -> Option<M> {
        let r = |e, v: &str| m(e, Date, v.to_string());
        match self.lex(i) {
            Lex::Now => {
                if matches!(self.lex(i - usize::from(i > 0)), Lex::From) && i > 0 {
                    return None;
                }
                r(i + 1, "PRESENT_REF")
            }
            Lex::RefWord(RefWord::Past) if self.word_is(i, "recent") => match self.lex(i + 1) {
                Lex::Unit(u, true) => m(i + 2, Dur, norm::duration(u, None)),
                _ => None,
            },
            Lex::RefWord(RefWord::Present) => r(i + 1, "PRESENT_REF"),
            Lex::RefWord(RefWord::Past) => r(i + 1, "PAST_REF"),
            Lex::The => {
                let j = if self.word_is(i + 1, "near") || self.word_is(i + 1, "distant") {
                    i + 2
                } else {
                    i + 1
                };
                if matches!(self.lex(j), Lex::FutureNoun) {
                    return r(j + 1, "FUTURE_REF");
                }
                if self.word_is(i + 1, "past")
                    && !matches!(
                        self.lex(i + 2),
                        Lex::Unit(..)
                            | Lex::Number(_)
                            | Lex::A
                            | Lex::Vague
                            | Lex::Decade(_)
                            | Lex::Teen(_)
                            | Lex::Weekday(_)
                            | Lex::Month(..)
                            | Lex::Season(_)
                    )
                    && self.num(i + 2).is_none()
                {
                    return r(i + 2, "PAST_REF");
                }
                None
            }
            _ => None,
        }
    }

    /// A count: "two", "10", "twenty-four", "a", "a few", "several": (count, next token).
    fn count(&self, i: usize) -> Option<(Count, usize)> {
        if let Some((v, len, suf)) = self.num(i) {
            if suf != 0 || len > 4 || (len == 4 && (1000..=2199).contains(&v)) {
                return None;
            }
            // "1.5 years" and "2,000 years" are not handled as counts
            if self.glued(i) && (self.punct(i - 1, b'.') || self.punct(i - 1, b',')) {
                return None;
            }
            return Some((Count::N(v), i + 1));
        }
        match self.lex(i) {
            Lex::A => match self.lex(i + 1) {
                Lex::Vague => {
                    let j = if matches!(self.lex(i + 2), Lex::Of) {
                        i + 3
                    } else {
                        i + 2
                    };
                    // "a couple of years" is two
                    if self.word_is(i + 1, "couple") {
                        return Some((Count::N(2), j));
                    }
                    Some((Count::X, j))
                }
                _ => Some((Count::N(1), i + 1)),
            },
            Lex::Number(n) | Lex::Teen(n) => Some((Count::N(n), i + 1)),
            Lex::Decade(d) => {
                let k = self.hyphen(i + 1);
                match self.lex(k) {
                    Lex::Number(n) if n < 10 && (k > i + 1 || !self.glued(k)) => {
                        Some((Count::N(d + n), k + 1))
                    }
                    Lex::A if self.word_is(k, "one") => Some((Count::N(d + 1), k + 1)),
                    _ => Some((Count::N(d), i + 1)),
                }
            }
            Lex::Vague => {
                let j = if matches!(self.lex(i + 1), Lex::Of) {
                    i + 2
                } else {
                    i + 1
                };
                if self.word_is(i, "couple") {
                    return Some((Count::N(2), j));
                }
                Some((Count::X, j))
            }
            _ => None,
        }
    }

    /// "two days ago", "10 years", "a decade", "the past 10 years", "five-year",
    /// "the first nine months", "two weeks from now", "a year earlier".
    fn counted(&self, i: usize) -> Option<M> {
        let the = matches!(self.lex(i), Lex::The);
        let mut j = i + usize::from(the);
        // "the past/last/next/first N units": a span of time
        let span = matches!(self.lex(j), Lex::Rel(Rel::Last | Rel::Next))
            || matches!(self.lex(j), Lex::Ordinal(1));
        if span {
            j += 1;
        }
        let (n, mut k0) = self.count(j)?;
        // "two more weeks", "three straight years"
        if ["more", "additional", "straight", "consecutive", "full"]
            .iter()
            .any(|w| self.word_is(k0, w))
        {
            k0 += 1;
        }
        let k = self.hyphen(k0);
        let adjective = k != k0;
        let Lex::Unit(unit, plural) = self.lex(k) else {
            return None;
        };
        let article = matches!(self.lex(j), Lex::A) && !self.word_is(j, "one");
        if adjective {
            // "a 10-year-old": an age; "three-quarters": a fraction
            if plural
                || (self.punct(k + 1, b'-') && self.glued(k + 1) && self.word_is(k + 2, "old"))
            {
                return None;
            }
            // "the ten-year remembrance": the article belongs to the noun
            if the && !span {
                return None;
            }
        }
        // "a day-long strike": the article belongs to the noun
        if article && self.punct(k + 1, b'-') && self.glued(k + 1) && self.word_is(k + 2, "long") {
            return None;
        }
        // "52 years old": an age
        if plural && self.word_is(k + 1, "old") {
            return None;
        }
        // "a second", "a quarter": an ordinal and a fraction far more often than a time
        if article && matches!(unit, Unit::Second | Unit::Quarter) {
            return None;
        }
        let e = k + 1;
        // "ago", "earlier", "from now", "later"
        match (self.lex(e), n) {
            (Lex::Ago, Count::N(n)) if !span => {
                return m(e + 1, Date, self.shifted(unit, -(n as i32), i));
            }
            (Lex::Ago, Count::X) if !span => return m(e + 1, Date, "PAST_REF".into()),
            (Lex::Earlier, Count::N(n)) if !span && self.word_is(e, "earlier") => {
                return m(e + 1, Date, self.shifted(unit, -(n as i32), i));
            }
            (Lex::From, Count::N(n)) if matches!(self.lex(e + 1), Lex::Now) && !span => {
                return m(e + 2, Date, self.shifted(unit, n as i32, i));
            }
            (Lex::Later, _) if self.word_is(e, "later") => {
                return m(e + 1, Dur, norm::duration(unit, count_opt(n)));
            }
            _ => {}
        }
        // "$1 billion a year", "four flights a week": a rate, a SET
        if article && !the && !span && i > 0 && self.amount_before(i - 1) {
            return m(k + 1, Set, norm::duration(unit, Some(1)));
        }
        // a bare "the quarter"-like use of "a" is not a duration: "a year" alone is
        if matches!(self.lex(i), Lex::The)
            && !span
            && matches!(n, Count::N(1))
            && matches!(self.lex(j), Lex::A)
        {
            return None;
        }
        m(e, Dur, norm::duration(unit, count_opt(n)))
    }

    /// Whether token `i` ends an amount that a rate can follow ("$1 billion a year",
    /// "700 seats a week", "twice a day").
    fn amount_before(&self, i: usize) -> bool {
        if self.num(i).is_some() {
            return true;
        }
        let t = &self.toks[i];
        if !matches!(t.kind, Kind::Word(_)) {
            return false;
        }
        let w = &self.text[t.start..t.end];
        const AMOUNT: [&str; 10] = [
            "million", "billion", "thousand", "hundred", "times", "twice", "once", "percent",
            "dollars", "cents",
        ];
        const NOT_PLURAL: [&str; 10] = [
            "was", "is", "has", "his", "its", "this", "us", "as", "yes", "less",
        ];
        AMOUNT.iter().any(|a| w.eq_ignore_ascii_case(a))
            || (w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !NOT_PLURAL.iter().any(|a| w.eq_ignore_ascii_case(a)))
    }

    /// "for years", "in weeks", "the coming months", "the years": a vague duration.
    fn bare_units(&self, i: usize) -> Option<M> {
        let mut j = i;
        if matches!(self.lex(j), Lex::The) {
            j += 1;
        }
        if matches!(self.lex(j), Lex::Rel(Rel::Next | Rel::Last)) {
            j += 1;
        }
        let Lex::Unit(u, plural) = self.lex(j) else {
            return None;
        };
        if matches!(u, Unit::Second | Unit::Quarter | Unit::Weekend) {
            return None;
        }
        // "a day-long strike", "a decades-long feud"
        if j == i
            && self.punct(j + 1, b'-')
            && self.glued(j + 1)
            && self.glued(j + 2)
            && self.word_is(j + 2, "long")
        {
            let n = if plural { None } else { Some(1) };
            return m(j + 3, Dur, norm::duration(u, n));
        }
        if !plural {
            return None;
        }
        if j == i
            && !(i > 0
                && ["for", "in", "within", "over"]
                    .iter()
                    .any(|w| self.word_is(i - 1, w)))
        {
            return None;
        }
        if self.punct(j + 1, b'-') && self.glued(j + 1) {
            return None;
        }
        m(j + 1, Dur, norm::duration(u, None))
    }

    /// The value `n` units from the document date; "a year earlier" after a quarter is a quarter.
    fn shifted(&self, unit: Unit, n: i32, _i: usize) -> String {
        let Some(dct) = self.dct else {
            return norm::unresolved(unit).into();
        };
        if unit == Unit::Year
            && n == -1
            && let Some(q) = &self.last_quarter
            && let (Some(Ok(y)), Some(qn)) = (q.get(..4).map(str::parse::<i32>), q.get(5..))
            && y >= dct.year() - 1
        {
            return format!("{:04}-{qn}", y + n);
        }
        norm::shift(dct, unit, n)
    }

    /// "last week", "next year", "this month", "last Friday", "last November", "this summer",
    /// "the previous year", "last night", "this morning", "the weekend".
    fn relative(&self, i: usize) -> Option<M> {
        let mut j = i;
        let the = matches!(self.lex(j), Lex::The);
        if the {
            j += 1;
        }
        let mut this_past = false;
        let rel = match self.lex(j) {
            Lex::Rel(r) => {
                j += 1;
                // "this past spring", "this coming Sunday"
                if r == Rel::This
                    && let Lex::Rel(r2) = self.lex(j)
                {
                    j += 1;
                    this_past = true;
                    Some(r2)
                } else {
                    Some(r)
                }
            }
            _ => None,
        };
        let past_word = j > 0 && (self.word_is(j - 1, "past") || self.word_is(j - 1, "last"));
        let dct = self.dct;
        let step = match rel {
            Some(Rel::Last) => -1,
            Some(Rel::Next) => 1,
            _ => 0,
        };
        match self.lex(j) {
            Lex::Unit(unit, false) if rel.is_some() || (the && unit == Unit::Weekend) => {
                if unit == Unit::Second
                    && matches!(self.lex(j + 1), Lex::Unit(Unit::Quarter, false))
                {
                    return None;
                }
                // "the past year": the twelve months up to now
                if the && past_word && rel == Some(Rel::Last) {
                    return m(j + 1, Dur, norm::duration(unit, Some(1)));
                }
                if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
                    return None;
                }
                if unit == Unit::Weekend {
                    let v = match dct {
                        Some(d) => {
                            let back = rel.is_none() && !self.future(i);
                            let wd = d.weekday().number_from_monday();
                            let off = if rel.is_none() {
                                if back && wd < 6 { -1 } else { 0 }
                            } else if rel == Some(Rel::Last) && wd >= 6 {
                                0
                            } else {
                                step
                            };
                            norm::shift(d, Unit::Weekend, off)
                        }
                        None => "XXXX-WXX-WE".into(),
                    };
                    return m(j + 1, Date, v);
                }
                if unit == Unit::Quarter && rel == Some(Rel::Last) && self.word_is(j - 1, "latest")
                {
                    return None;
                }
                let v = match dct {
                    Some(d) => norm::shift(d, unit, step),
                    None => norm::unresolved(unit).into(),
                };
                m(j + 1, Date, v)
            }
            Lex::Weekday(wd) if rel.is_some() => {
                let dirn = match rel {
                    Some(Rel::Last) => Dir::Prev,
                    Some(Rel::Next) => Dir::Next,
                    _ => self.dir(i),
                };
                let d = dct.map(|d| norm::resolve_weekday(d, wd, dirn));
                self.with_part_of_day(j + 1, d, format!("XXXX-WXX-{wd}"))
            }
            // "this Dec. 28, 2017 photo" is left to the full date
            Lex::Month(mo, _)
                if rel.is_some()
                    && self.cap(j)
                    && self
                        .day_num(j + 1 + usize::from(self.punct(j + 1, b'.')))
                        .is_none() =>
            {
                let mo = mo as u32;
                let dirn = match rel {
                    Some(Rel::Last) => Dir::Prev,
                    Some(Rel::Next) => Dir::Next,
                    _ => Dir::Back,
                };
                let v = match dct {
                    Some(d) if rel == Some(Rel::This) => norm::month(d.year(), mo),
                    Some(d) => norm::month(norm::resolve_month_year(d, mo, dirn), mo),
                    None => format!("XXXX-{mo:02}"),
                };
                let e = if self.punct(j + 1, b'.') {
                    j + 2
                } else {
                    j + 1
                };
                m(e, Date, v)
            }
            Lex::Season(s) if rel.is_some() => {
                let v = match dct {
                    Some(d) => {
                        let y = d.year();
                        let cur = season_index(d.month());
                        let tgt = season_index_of(s);
                        // "last fall" is last year's; "this past spring" the latest one
                        let y = match rel {
                            Some(Rel::Last) if !this_past || tgt >= cur => y - 1,
                            Some(Rel::Next) if !this_past || tgt <= cur => y + 1,
                            _ => y,
                        };
                        format!("{y:04}-{s}")
                    }
                    None => format!("XXXX-{s}"),
                };
                m(j + 1, Date, v)
            }
            Lex::PartOfDay(p) if rel.is_some() && !the => {
                let off = if rel == Some(Rel::Last) { -1 } else { 0 };
                if rel == Some(Rel::Next) {
                    return None;
                }
                let base = dct
                    .map(|d| norm::day(d + chrono::Duration::days(off)))
                    .unwrap_or_else(|| "XXXX-XX-XX".into());
                m(j + 1, Time, format!("{base}T{p}"))
            }
            _ => None,
        }
    }

    /// "the third quarter", "third-quarter", "the first half of 1990", "the quarter",
    /// "the latest quarter", "fiscal 1989's second quarter".
    fn quarter(&self, i: usize) -> Option<M> {
        let dct0 = self.dct;
        let mut j = i;
        if matches!(self.lex(j), Lex::The) {
            j += 1;
        }
        if matches!(self.lex(j), Lex::Fiscal) {
            j += 1;
        }
        let mut year_before = None;
        if matches!(self.lex(i), Lex::The)
            && let Some(y) = self.year_num(j)
        {
            year_before = Some(y);
            j += 1;
        }
        // "this year's third quarter", "next year's first quarter"
        if let (Lex::Rel(r), Lex::Unit(Unit::Year, false), Some(d)) =
            (self.lex(j), self.lex(j + 1), self.dct)
            && self.punct(j + 2, b'\'')
            && self.word_is(j + 3, "s")
            && j == i
        {
            let off = match r {
                Rel::Last => -1,
                Rel::Next => 1,
                Rel::This => 0,
            };
            year_before = Some(d.year() + off);
            j += 4;
        }
        // "Q3", "Q3 2014"
        if matches!(self.lex(i), Lex::QuarterLetter)
            && self.glued(i + 1)
            && let Some((n @ 1..=4, 1, 0)) = self.num(i + 1)
        {
            if let Some(y) = self.year_num(i + 2) {
                return anchor(i + 3, format!("{y:04}-Q{n}"));
            }
            let v = match dct0 {
                Some(d) => {
                    let cur = norm::quarter_of(d.month());
                    let y = if n <= cur { d.year() } else { d.year() - 1 };
                    format!("{y:04}-Q{n}")
                }
                None => format!("XXXX-Q{n}"),
            };
            return anchor(i + 2, v);
        }
        let ord = match self.lex(j) {
            Lex::Ordinal(n) => Some(n),
            Lex::Unit(Unit::Second, false) => Some(2),
            Lex::Rel(Rel::Last) if self.word_is(j, "last") => Some(4),
            _ => match self.num(j) {
                Some((n, 1, b'o')) => Some(n),
                _ => None,
            },
        };
        let dct = self.dct;
        if let Some(n) = ord {
            let k = self.hyphen(j + 1);
            let (half, lim) = match self.lex(k) {
                Lex::Unit(Unit::Quarter, false) => (false, 4),
                Lex::Half => (true, 2),
                _ => return None,
            };
            if n == 0 || n > lim || (self.word_is(j, "last") && !matches!(self.lex(i), Lex::The)) {
                return None;
            }
            let mut e = k + 1;
            let mut year = year_before;
            if matches!(self.lex(e), Lex::Of)
                && let Some(y) = self.year_num(e + 1)
            {
                year = Some(y);
                e += 2;
            } else if let Some(y) = self.year_num(e) {
                year = Some(y);
                e += 1;
            }
            let letter = if half { 'H' } else { 'Q' };
            let y = match (year, dct) {
                (Some(y), _) => y,
                (None, Some(d)) => {
                    let cur = if half {
                        (d.month() - 1) / 6 + 1
                    } else {
                        norm::quarter_of(d.month())
                    };
                    if n <= cur { d.year() } else { d.year() - 1 }
                }
                (None, None) => return m(e, Date, format!("XXXX-{letter}{n}")),
            };
            return anchor(e, format!("{y:04}-{letter}{n}"));
        }
        // "the quarter", "the latest quarter", "the most recent quarter"
        if matches!(self.lex(i), Lex::The) {
            let mut k = j;
            if self.word_is(k, "latest") || self.word_is(k, "recent") {
                k += 1;
            } else if self.word_is(k, "most") && self.word_is(k + 1, "recent") {
                k += 2;
            }
            if matches!(self.lex(k), Lex::Unit(Unit::Quarter, false)) {
                let v = match dct {
                    Some(d) => norm::shift(d, Unit::Quarter, -1),
                    None => "XXXX-QX".into(),
                };
                return anchor(k + 1, v);
            }
            // "the year", "the full year", "the current fiscal year"
            let mut k = j;
            while ["full", "current", "latest", "fiscal", "entire", "whole"]
                .iter()
                .any(|w| self.word_is(k, w))
            {
                k += 1;
            }
            if matches!(self.lex(k), Lex::Unit(Unit::Year, false)) {
                if matches!(self.lex(k + 1), Lex::Month(..) | Lex::Unit(..))
                    || (self.glued(k + 1) && (self.punct(k + 1, b'-') || self.punct(k + 1, b'\'')))
                {
                    return None;
                }
                // "the year 1995"
                if let Some(y) = self.year_num(k + 1) {
                    return m(k + 2, Date, norm::year(y));
                }
                let v = dct
                    .map(|d| norm::year(d.year()))
                    .unwrap_or_else(|| "XXXX".into());
                return m(k + 1, Date, v);
            }
        }
        // "year-earlier", "year-ago": the same period a year before
        if matches!(self.lex(j), Lex::Unit(Unit::Year, false))
            && self.punct(j + 1, b'-')
            && self.glued(j + 1)
            && matches!(self.lex(j + 2), Lex::Ago | Lex::Earlier)
        {
            let mut e = j + 3;
            if matches!(
                self.lex(e),
                Lex::Ordinal(_) | Lex::Unit(Unit::Second, false)
            ) && matches!(self.lex(e + 1), Lex::Unit(Unit::Quarter, false))
            {
                e += 1;
            }
            if matches!(self.lex(e), Lex::Unit(Unit::Quarter | Unit::Month, _))
                || self.word_is(e, "period")
            {
                e += 1;
            }
            return m(e, Date, self.shifted(Unit::Year, -1, i));
        }
        None
    }

    /// "daily", "every week", "each Monday", "every morning".
    fn set(&self, i: usize) -> Option<M> {
        match self.lex(i) {
            Lex::Every(u) => {
                if self.cap(i) {
                    return None;
                }
                m(i + 1, Set, norm::duration(u, Some(1)))
            }
            Lex::EveryWord => {
                let (n, j) = match self.count(i + 1) {
                    Some((Count::N(n), j)) if !self.word_is(i + 1, "a") => (n, j),
                    _ => (1, i + 1),
                };
                match self.lex(j) {
                    Lex::Unit(u, _) => m(j + 1, Set, norm::duration(u, Some(n))),
                    Lex::Weekday(wd) => m(j + 1, Set, format!("XXXX-WXX-{wd}")),
                    Lex::PartOfDay(p) => m(j + 1, Set, format!("XXXX-XX-XXT{p}")),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "the summer of 1994", "summer 2014", "the winter".
    fn season(&self, i: usize) -> Option<M> {
        let the = matches!(self.lex(i), Lex::The);
        let j = i + usize::from(the);
        let Lex::Season(s) = self.lex(j) else {
            return None;
        };
        let k = if matches!(self.lex(j + 1), Lex::Of) {
            j + 2
        } else {
            j + 1
        };
        if let Some(y) = self.year_num(k) {
            return m(k + 1, Date, format!("{y:04}-{s}"));
        }
        if the && !self.word_is(j, "fall") && !self.word_is(j, "spring") {
            let v = match self.dct {
                Some(d) => format!("{:04}-{s}", d.year()),
                None => format!("XXXX-{s}"),
            };
            return m(j + 1, Date, v);
        }
        None
    }

    /// "Christmas", "Christmas Eve", "Thanksgiving Day".
    fn holiday(&self, i: usize) -> Option<M> {
        let Lex::Holiday(mo, d) = self.lex(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut e = i + 1;
        let eve = self.word_is(e, "eve");
        if eve || self.word_is(e, "day") {
            e += 1;
        }
        let year = match self.year_num(e) {
            Some(y) => {
                e += 1;
                Some(y)
            }
            None => self
                .dct
                .map(|d| self.month_year(i, d, if mo == 0 { 11 } else { mo as u32 })),
        };
        let Some(y) = year else {
            return m(e, Date, format!("XXXX-{mo:02}-{d:02}"));
        };
        let date = if mo == 0 {
            norm::thanksgiving(y)?
        } else {
            NaiveDate::from_ymd_opt(y, mo as u32, d as u32)?
        };
        let date = if eve { date.pred_opt()? } else { date };
        m(e, Date, norm::day(date))
    }
}

fn rel_step(r: Rel) -> i32 {
    match r {
        Rel::Last => -1,
        Rel::Next => 1,
        Rel::This => 0,
    }
}

fn count_opt(n: Count) -> Option<u32> {
    match n {
        Count::N(n) => Some(n),
        Count::X => None,
    }
}

fn season_index(month: u32) -> u32 {
    match month {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

fn season_index_of(s: Code) -> u32 {
    match s {
        Code::Sp => 0,
        Code::Su => 1,
        Code::Fa => 2,
        _ => 3,
    }
}

/// A tagger that keeps its token buffer between calls.
#[derive(Debug, Default)]
pub struct Tagger {
    toks: Vec<Tok>,
}

impl Tagger {
    /// A tagger with an empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Finds the temporal expressions of `text`, resolving relative ones against the
    /// document creation time `dct` (the publication date). Without it (or with a date
    /// outside the years 1..=9000), relative expressions keep `X` placeholders
    /// (`XXXX-WXX-1` for "Monday").
    pub fn tag(&mut self, text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
        extract(text, dct, &mut self.toks)
    }
}

/// Finds the temporal expressions of `text` (see [`Tagger::tag`]).
pub fn tag(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    Tagger::new().tag(text, dct)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dct() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2014, 9, 15)
    }

    /// The (text, value) pairs found in `s` with the seed article's date, 2014-09-15 (a Monday).
    fn found(s: &str) -> Vec<(String, String)> {
        tag(s, dct())
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    }

    fn value_of(s: &str, expr: &str) -> String {
        tag(s, dct())
            .into_iter()
            .find(|t| t.text == expr)
            .unwrap_or_else(|| panic!("{expr:?} not found in {s:?}: {:?}", found(s)))
            .value
    }

    #[test]
    fn monday_on_a_monday_is_the_same_day() {
        let s = "He spoke to a small group of reporters Monday after diplomats met in Paris.";
        assert_eq!(value_of(s, "Monday"), "2014-09-15");
    }

    #[test]
    fn monday_in_past_tense_resolves_backwards() {
        assert_eq!(
            value_of("An American official said Sunday that", "Sunday"),
            "2014-09-14"
        );
        assert_eq!(value_of("The talks ended Friday.", "Friday"), "2014-09-12");
    }

    #[test]
    fn weekday_in_future_tense_resolves_forwards() {
        assert_eq!(
            value_of("The council will vote Friday.", "Friday"),
            "2014-09-19"
        );
    }

    #[test]
    fn a_weekday_six_days_back_is_taken_as_tomorrow() {
        // on a Monday, a bare "Tuesday" is tomorrow; last week's would be "last Tuesday"
        assert_eq!(
            value_of("The hearing opens Tuesday.", "Tuesday"),
            "2014-09-16"
        );
        assert_eq!(
            value_of("They met last Tuesday.", "last Tuesday"),
            "2014-09-09"
        );
        // a past-tense verb next to it keeps it in the past
        assert_eq!(
            value_of("Boeing on Tuesday delivered the final jet.", "Tuesday"),
            "2014-09-09"
        );
    }

    #[test]
    fn last_friday_is_strictly_before() {
        assert_eq!(
            value_of("It rained last Friday.", "last Friday"),
            "2014-09-12"
        );
    }

    #[test]
    fn seed_article_relative_expressions() {
        assert_eq!(
            value_of("militants in Libya last month.", "last month"),
            "2014-08"
        );
        assert_eq!(value_of("the 2003 US-led invasion of Iraq", "2003"), "2003");
        assert_eq!(
            value_of("An official last week told AP", "last week"),
            "2014-W37"
        );
        assert_eq!(
            value_of(
                "the same problems in Iraq in the past 10 years.",
                "the past 10 years"
            ),
            "P10Y"
        );
    }

    #[test]
    fn seed_teaser_dates_in_every_written_form() {
        let s = "the remembrance on Friday, March 22, 2024, at the memorial";
        assert_eq!(value_of(s, "Friday, March 22, 2024"), "2024-03-22");
        assert_eq!(
            value_of("at her home on March 20, 2024 in", "March 20, 2024"),
            "2024-03-20"
        );
        let s = "her ballot on Tuesday, Aug. 1, 2023 in Everett";
        assert_eq!(value_of(s, "Tuesday, Aug. 1, 2023"), "2023-08-01");
        assert_eq!(value_of("In 2022, neighbors reported", "2022"), "2022");
        assert_eq!(
            value_of("on 22 March 2014 it", "22 March 2014"),
            "2014-03-22"
        );
        assert_eq!(value_of("on 3/22/2014 it", "3/22/2014"), "2014-03-22");
        assert_eq!(value_of("on 2014-03-22 it", "2014-03-22"), "2014-03-22");
    }

    #[test]
    fn clock_time_is_a_time() {
        let t = tag("a moment of silence at 10:37 a.m. at the memorial", dct());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].text, "10:37 a.m.");
        assert_eq!(t[0].kind, TimexType::Time);
        assert_eq!(t[0].value, "2014-09-15T10:37");
    }

    #[test]
    fn ten_years_later_and_in_a_decade_are_durations() {
        let t = tag("Ten years later, the Herald spoke with them.", dct());
        assert_eq!(
            (t[0].kind, t[0].value.as_str()),
            (TimexType::Duration, "P10Y")
        );
        let t = tag("\"In a decade, we have advanced,\" she said.", dct());
        assert_eq!(
            (t[0].kind, t[0].value.as_str()),
            (TimexType::Duration, "P10Y")
        );
    }

    #[test]
    fn references_to_present_past_and_future() {
        assert_eq!(value_of("It is now clear.", "now"), "PRESENT_REF");
        assert_eq!(value_of("He recently left.", "recently"), "PAST_REF");
        assert_eq!(
            value_of("It may change in the future.", "the future"),
            "FUTURE_REF"
        );
    }

    #[test]
    fn relative_days_and_periods() {
        assert_eq!(value_of("It fell yesterday.", "yesterday"), "2014-09-14");
        assert_eq!(
            value_of("It fell two days ago.", "two days ago"),
            "2014-09-13"
        );
        assert_eq!(value_of("It will rise next year.", "next year"), "2015");
        assert_eq!(value_of("It began 10 years ago.", "10 years ago"), "2004");
        assert_eq!(value_of("It began a decade ago.", "a decade ago"), "200");
    }

    #[test]
    fn quarters_seasons_and_decades() {
        assert_eq!(
            value_of("profit in the second quarter rose", "the second quarter"),
            "2014-Q2"
        );
        assert_eq!(value_of("sales in the 1990s grew", "the 1990s"), "199");
        assert_eq!(
            value_of("It happened last summer.", "last summer"),
            "2013-SU"
        );
        assert_eq!(
            value_of("the summer of 1994 was hot", "the summer of 1994"),
            "1994-SU"
        );
    }

    #[test]
    fn rates_and_recurrences_are_sets() {
        let t = tag("It earns $3 million a day and reports daily.", dct());
        assert!(t.iter().all(|t| t.kind == TimexType::Set), "{t:?}");
        assert_eq!(t.len(), 2);
        assert_eq!(
            value_of("They meet every Monday.", "every Monday"),
            "XXXX-WXX-1"
        );
    }

    #[test]
    fn months_without_a_year_take_the_nearest_in_news() {
        assert_eq!(value_of("Talks began in March.", "March"), "2014-03");
        assert_eq!(value_of("Talks resume in October.", "October"), "2014-10");
        assert_eq!(value_of("He will retire in June.", "June"), "2015-06");
    }

    #[test]
    fn without_a_date_relative_expressions_stay_unresolved() {
        let t = tag("He spoke Monday about last week and yesterday.", None);
        let v: Vec<&str> = t.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(v, ["XXXX-WXX-1", "XXXX-WXX", "XXXX-XX-XX"]);
        assert_eq!(tag("on March 22, 2014", None)[0].value, "2014-03-22");
    }

    #[test]
    fn ages_fractions_and_modal_may_are_not_times() {
        assert!(found("a 6-year-old boy and three-quarters of voters").is_empty());
        assert!(found("He may leave; a second car may follow.").is_empty());
    }

    #[test]
    fn other_written_forms() {
        assert_eq!(value_of("profits in Q3 2013 fell", "Q3 2013"), "2013-Q3");
        assert_eq!(value_of("music of the ’90s is back", "90s"), "199");
        assert_eq!(value_of("on Sep 15, 2014 it", "Sep 15, 2014"), "2014-09-15");
        assert_eq!(value_of("at 10am it began", "10am"), "2014-09-15T10:00");
        assert_eq!(value_of("in mid-March", "mid-March"), "2014-03");
        assert_eq!(
            value_of("He left June last year.", "June last year"),
            "2013-06"
        );
    }

    #[test]
    fn names_with_month_words_are_not_dates() {
        assert!(found("She joined the Women's March in Washington.").is_empty());
        assert_eq!(value_of("In March, it rained.", "March"), "2014-03");
    }

    #[test]
    fn the_longest_reading_wins() {
        assert_eq!(
            value_of("This Dec. 28, 2017 photo shows", "Dec. 28, 2017"),
            "2017-12-28"
        );
        assert_eq!(value_of("built in the year 1995", "the year 1995"), "1995");
    }

    #[test]
    fn prepositions_point_months_in_time() {
        // DCT 2014-09-15
        assert_eq!(value_of("on patrol since November", "November"), "2013-11");
        assert_eq!(value_of("repaid by February", "February"), "2015-02");
        assert_eq!(value_of("open until Sept. 10", "Sept. 10"), "2014-09-10");
    }

    #[test]
    fn initials_do_not_end_the_sentence_for_tense() {
        assert_eq!(
            value_of("He will succeed Daniel P. Davison Feb. 1.", "Feb. 1"),
            "2015-02-01"
        );
    }

    #[test]
    fn more_and_long_durations() {
        assert_eq!(value_of("for two more weeks", "two more weeks"), "P2W");
        assert_eq!(value_of("a day-long strike", "day-long"), "P1D");
        assert_eq!(value_of("a decades-long feud", "decades-long"), "PXE");
    }

    #[test]
    fn a_couple_is_two() {
        assert_eq!(value_of("in a couple of years", "a couple of years"), "P2Y");
    }

    #[test]
    fn counts_of_things_are_not_years() {
        assert!(found("About 2000 people marched.").is_empty());
        assert!(found("The index closed at 2082.1 points.").is_empty());
        assert!(found("Mr. Reupke, 52 years old, said so.").is_empty());
    }

    #[test]
    fn offsets_point_at_the_expression_after_multibyte_text() {
        let s = "“Iraq’s” officials said Monday’s pledges";
        let t = tag(s, dct());
        assert_eq!(&s[t[0].start..t[0].end], "Monday");
    }

    #[test]
    fn json_has_the_timeml_type_name() {
        let t = &tag("yesterday", dct())[0];
        let j = serde_json::to_string(t).unwrap();
        assert_eq!(
            j,
            r#"{"start":0,"end":9,"text":"yesterday","type":"DATE","value":"2014-09-14"}"#
        );
        assert_eq!(t.granularity(), Some(Granularity::Day));
    }
}

#[cfg(test)]
mod regressions {
    #[test]
    fn a_modifier_at_the_very_end_does_not_panic() {
        // Found on a headline: "early" as the last token made a rule look past the end.
        for text in [
            "Stocks rise early",
            "late",
            "Shares fall in the middle of",
            "the end of",
        ] {
            let _ = super::tag(text, chrono::NaiveDate::from_ymd_opt(2014, 3, 10));
        }
    }
}
