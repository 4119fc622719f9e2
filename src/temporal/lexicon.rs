//! The words the tagger knows: month and weekday names, units, number words, and the small
//! function words its rules look at.
//!
//! Expects a lowercased ASCII word; anything else is [`Lex::Other`].

/// A calendar or clock unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The ISO 8601 duration designator (`P1Y`, `PT2H`): (is a time unit, letter, multiplier).
    pub(crate) fn designator(self) -> (bool, char, u32) {
        match self {
            Unit::Second => (true, 'S', 1),
            Unit::Minute => (true, 'M', 1),
            Unit::Hour => (true, 'H', 1),
            Unit::Day => (false, 'D', 1),
            Unit::Weekend => (false, 'D', 2),
            Unit::Week => (false, 'W', 1),
            Unit::Fortnight => (false, 'W', 2),
            Unit::Month => (false, 'M', 1),
            Unit::Quarter => (false, 'Q', 1),
            Unit::Year => (false, 'Y', 1),
            Unit::Decade => (false, 'E', 1),
            Unit::Century => (false, 'C', 1),
        }
    }
}

/// Words that point a relative expression in time ("last week", "the next two years").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    /// last, past, previous, preceding
    Last,
    /// next, coming, following
    Next,
    /// this, current
    This,
}

/// Words that refer to the present, past or future as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefWord {
    Present,
    Past,
}

/// Day words: yesterday, today, tomorrow, tonight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayWord {
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
}

/// Position inside a period: "early", "late", "mid", "the end of".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mod {
    Early,
    Late,
    Mid,
    /// end, beginning, start, middle (followed by "of")
    Part,
}

/// A TimeML part-of-day or season code, kept small so tokens stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    Mo,
    Af,
    Ev,
    Ni,
    Sp,
    Su,
    Fa,
    Wi,
}

impl Code {
    /// The code as TimeML writes it: `MO`, `NI`, `SU`, ...
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Code::Mo => "MO",
            Code::Af => "AF",
            Code::Ev => "EV",
            Code::Ni => "NI",
            Code::Sp => "SP",
            Code::Su => "SU",
            Code::Fa => "FA",
            Code::Wi => "WI",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lexical class of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    Other,
    /// 1..=12; `true` when the word is an abbreviation ("Aug")
    Month(u8, bool),
    /// 1 = Monday ..= 7 = Sunday
    Weekday(u8),
    Unit(Unit, bool),
    /// daily, weekly, ...: a SET with this period
    Every(Unit),
    /// every, each, per
    EveryWord,
    /// a number word (one .. ninety, dozen); `true` for tens that take a hyphenated unit
    Number(u32),
    /// a, an, one
    A,
    /// first .. twelfth
    Ordinal(u32),
    /// several, few, many, some, couple (a vague count: `X` in the value)
    Vague,
    Rel(Rel),
    RefWord(RefWord),
    /// "future": a reference only with "the"
    FutureNoun,
    Day(DayWord),
    /// morning, afternoon, evening, night: the TimeML part-of-day code
    PartOfDay(Code),
    /// noon, midnight, midday: an hour
    ClockWord(u32),
    /// spring, summer, fall, autumn, winter
    Season(Code),
    Half,
    /// "Q" of "Q3"
    QuarterLetter,
    Mod(Mod),
    Ago,
    /// earlier, before
    Earlier,
    /// later, after, hence
    Later,
    The,
    Of,
    In,
    From,
    Now,
    Fiscal,
    /// will, shall, 'll: future tense
    Will,
    /// a.m. / p.m. pieces handled by the clock rule
    Am,
    Pm,
    /// a time zone abbreviation
    Zone,
    /// christmas, thanksgiving, ...: (month, day) or thanksgiving (0, 0)
    Holiday(u8, u8),
    /// "eve" of a holiday
    Eve,
    /// "year-ago", "year-earlier" parts handled via Unit + Ago/Earlier
    Decade(u32),
    Hundred,
    Teen(u32),
}

/// Every word [`classify`] knows; the lookup table is built from it. Keep it in step with
/// `classify` (the test `every_word_of_classify_is_listed` checks the list's words).
const WORDS: [&str; 205] = [
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "fortnight",
    "month",
    "months",
    "quarter",
    "quarters",
    "year",
    "yr",
    "years",
    "yrs",
    "decade",
    "decades",
    "century",
    "centuries",
    "hourly",
    "daily",
    "nightly",
    "weekly",
    "monthly",
    "every",
    "each",
    "per",
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "dozen",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "first",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "several",
    "few",
    "many",
    "some",
    "couple",
    "numerous",
    "last",
    "past",
    "previous",
    "preceding",
    "prior",
    "next",
    "coming",
    "following",
    "upcoming",
    "this",
    "current",
    "currently",
    "nowadays",
    "presently",
    "recently",
    "lately",
    "recent",
    "future",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "morning",
    "mornings",
    "afternoon",
    "afternoons",
    "evening",
    "evenings",
    "night",
    "nights",
    "overnight",
    "noon",
    "midday",
    "midnight",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "half",
    "q",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "start",
    "middle",
    "close",
    "ago",
    "earlier",
    "before",
    "later",
    "after",
    "hence",
    "the",
    "of",
    "in",
    "within",
    "from",
    "now",
    "fiscal",
    "will",
    "shall",
    "ll",
    "tomorrow's",
    "am",
    "pm",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "et",
    "christmas",
    "halloween",
    "thanksgiving",
    "eve",
];

/// The longest word the table holds.
pub(crate) const MAX_WORD: usize = 12;

/// A word packed into an integer with its length: the table's key.
fn key(w: &[u8]) -> u128 {
    let mut k = (w.len() as u128) << 120;
    for (n, &b) in w.iter().enumerate() {
        k |= (b as u128) << (8 * n);
    }
    k
}

const TABLE_BITS: u32 = 10;

fn slot(k: u128) -> usize {
    let h = (k as u64 ^ (k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - TABLE_BITS)) as usize
}

/// Open-addressing table from packed word to class: one multiply and a probe or two per
/// word, where the `match` in [`classify`] compares against every word of the same length.
fn table() -> &'static [(u128, Lex)] {
    static TABLE: std::sync::OnceLock<Vec<(u128, Lex)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![(0u128, Lex::Other); 1 << TABLE_BITS];
        for w in WORDS {
            let k = key(w.as_bytes());
            let mut i = slot(k);
            while t[i].0 != 0 {
                i = (i + 1) & ((1 << TABLE_BITS) - 1);
            }
            t[i] = (k, classify(w.as_bytes()));
        }
        t
    })
}

/// Classifies a lowercased ASCII word (at most [`MAX_WORD`] bytes; longer ones are
/// [`Lex::Other`]).
pub(crate) fn lookup(w: &[u8]) -> Lex {
    if w.is_empty() || w.len() > MAX_WORD {
        return Lex::Other;
    }
    let t = table();
    let k = key(w);
    let mut i = slot(k);
    loop {
        match t[i] {
            (0, _) => return Lex::Other,
            (kk, lex) if kk == k => return lex,
            _ => i = (i + 1) & ((1 << TABLE_BITS) - 1),
        }
    }
}

/// Classifies a lowercased ASCII word: the definition of the word table.
fn classify(w: &[u8]) -> Lex {
    use self::Unit as U;
    use Lex::*;
    match w {
        b"january" | b"jan" => Month(1, w.len() == 3),
        b"february" | b"feb" => Month(2, w.len() == 3),
        b"march" | b"mar" => Month(3, w.len() == 3),
        b"april" | b"apr" => Month(4, w.len() == 3),
        b"may" => Month(5, false),
        b"june" | b"jun" => Month(6, w.len() == 3),
        b"july" | b"jul" => Month(7, w.len() == 3),
        b"august" | b"aug" => Month(8, w.len() == 3),
        b"september" | b"sep" | b"sept" => Month(9, w.len() < 5),
        b"october" | b"oct" => Month(10, w.len() == 3),
        b"november" | b"nov" => Month(11, w.len() == 3),
        b"december" | b"dec" => Month(12, w.len() == 3),
        b"monday" | b"mon" => Weekday(1),
        b"tuesday" | b"tue" | b"tues" => Weekday(2),
        b"wednesday" | b"wed" => Weekday(3),
        b"thursday" | b"thu" | b"thur" | b"thurs" => Weekday(4),
        b"friday" | b"fri" => Weekday(5),
        b"saturday" | b"sat" => Weekday(6),
        b"sunday" | b"sun" => Weekday(7),
        b"second" => Unit(U::Second, false),
        b"seconds" => Unit(U::Second, true),
        b"minute" => Unit(U::Minute, false),
        b"minutes" => Unit(U::Minute, true),
        b"hour" => Unit(U::Hour, false),
        b"hours" => Unit(U::Hour, true),
        b"day" => Unit(U::Day, false),
        b"days" => Unit(U::Day, true),
        b"week" => Unit(U::Week, false),
        b"weeks" => Unit(U::Week, true),
        b"weekend" => Unit(U::Weekend, false),
        b"weekends" => Unit(U::Weekend, true),
        b"fortnight" => Unit(U::Fortnight, false),
        b"month" => Unit(U::Month, false),
        b"months" => Unit(U::Month, true),
        b"quarter" => Unit(U::Quarter, false),
        b"quarters" => Unit(U::Quarter, true),
        b"year" | b"yr" => Unit(U::Year, false),
        b"years" | b"yrs" => Unit(U::Year, true),
        b"decade" => Unit(U::Decade, false),
        b"decades" => Unit(U::Decade, true),
        b"century" => Unit(U::Century, false),
        b"centuries" => Unit(U::Century, true),
        b"hourly" => Every(U::Hour),
        b"daily" | b"nightly" => Every(U::Day),
        b"weekly" => Every(U::Week),
        b"monthly" => Every(U::Month),
        b"every" | b"each" | b"per" => EveryWord,
        b"a" | b"an" | b"one" => A,
        b"two" => Number(2),
        b"three" => Number(3),
        b"four" => Number(4),
        b"five" => Number(5),
        b"six" => Number(6),
        b"seven" => Number(7),
        b"eight" => Number(8),
        b"nine" => Number(9),
        b"ten" => Number(10),
        b"eleven" => Number(11),
        b"twelve" | b"dozen" => Number(12),
        b"thirteen" => Teen(13),
        b"fourteen" => Teen(14),
        b"fifteen" => Teen(15),
        b"sixteen" => Teen(16),
        b"seventeen" => Teen(17),
        b"eighteen" => Teen(18),
        b"nineteen" => Teen(19),
        b"twenty" => Decade(20),
        b"thirty" => Decade(30),
        b"forty" => Decade(40),
        b"fifty" => Decade(50),
        b"sixty" => Decade(60),
        b"seventy" => Decade(70),
        b"eighty" => Decade(80),
        b"ninety" => Decade(90),
        b"hundred" => Hundred,
        b"first" => Ordinal(1),
        b"third" => Ordinal(3),
        b"fourth" => Ordinal(4),
        b"fifth" => Ordinal(5),
        b"sixth" => Ordinal(6),
        b"seventh" => Ordinal(7),
        b"eighth" => Ordinal(8),
        b"ninth" => Ordinal(9),
        b"tenth" => Ordinal(10),
        b"several" | b"few" | b"many" | b"some" | b"couple" | b"numerous" => Vague,
        b"last" | b"past" | b"previous" | b"preceding" | b"prior" => Rel(self::Rel::Last),
        b"next" | b"coming" | b"following" | b"upcoming" => Rel(self::Rel::Next),
        b"this" | b"current" => Rel(self::Rel::This),
        b"currently" | b"nowadays" | b"presently" => RefWord(self::RefWord::Present),
        b"recently" | b"lately" | b"recent" => RefWord(self::RefWord::Past),
        b"future" => FutureNoun,
        b"yesterday" => Day(DayWord::Yesterday),
        b"today" => Day(DayWord::Today),
        b"tomorrow" => Day(DayWord::Tomorrow),
        b"tonight" => Day(DayWord::Tonight),
        b"morning" | b"mornings" => PartOfDay(Code::Mo),
        b"afternoon" | b"afternoons" => PartOfDay(Code::Af),
        b"evening" | b"evenings" => PartOfDay(Code::Ev),
        b"night" | b"nights" | b"overnight" => PartOfDay(Code::Ni),
        b"noon" | b"midday" => ClockWord(12),
        b"midnight" => ClockWord(24),
        b"spring" => Season(Code::Sp),
        b"summer" => Season(Code::Su),
        b"fall" | b"autumn" => Season(Code::Fa),
        b"winter" => Season(Code::Wi),
        b"half" => Half,
        b"q" => QuarterLetter,
        b"early" => Mod(self::Mod::Early),
        b"late" => Mod(self::Mod::Late),
        b"mid" => Mod(self::Mod::Mid),
        b"end" | b"beginning" | b"start" | b"middle" | b"close" => Mod(self::Mod::Part),
        b"ago" => Ago,
        b"earlier" | b"before" => Earlier,
        b"later" | b"after" | b"hence" => Later,
        b"the" => The,
        b"of" => Of,
        b"in" | b"within" => In,
        b"from" => From,
        b"now" => Now,
        b"fiscal" => Fiscal,
        b"will" | b"shall" | b"ll" | b"tomorrow's" => Will,
        b"am" => Am,
        b"pm" => Pm,
        b"est" | b"edt" | b"cst" | b"cdt" | b"mst" | b"mdt" | b"pst" | b"pdt" | b"gmt" | b"utc"
        | b"bst" | b"cet" | b"et" => Zone,
        b"christmas" => Holiday(12, 25),
        b"halloween" => Holiday(10, 31),
        b"thanksgiving" => Holiday(0, 0),
        b"eve" => Eve,
        _ => Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviated_months_are_marked() {
        assert_eq!(lookup(b"aug"), Lex::Month(8, true));
        assert_eq!(lookup(b"sept"), Lex::Month(9, true));
        assert_eq!(lookup(b"september"), Lex::Month(9, false));
    }

    #[test]
    fn unknown_words_are_other() {
        assert_eq!(lookup(b"pizza"), Lex::Other);
        assert_eq!(lookup(b""), Lex::Other);
        assert_eq!(lookup(b"septembersept"), Lex::Other);
    }

    #[test]
    fn every_word_of_classify_is_listed() {
        for w in WORDS {
            assert_ne!(classify(w.as_bytes()), Lex::Other, "{w}");
            assert_eq!(lookup(w.as_bytes()), classify(w.as_bytes()), "{w}");
        }
        let mut sorted = WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), WORDS.len(), "a word is listed twice");
    }
}
