//! Enumerators at a line start ("PART 1", "2.1", "II.", "4a", "79/62.") and
//! the numbered lines that open a paragraph rather than a heading.

use std::sync::LazyLock;

use regex::Regex;

use super::{starts_upper, word_count_upto, HeadingClass};

/// An enumerator at a line start, and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumerated<'a> {
    /// The shape.
    pub class: HeadingClass,
    /// The enumerator as it should be shown ("PART 1", "2.1", "II").
    pub number: String,
    /// The text after the enumerator.
    pub rest: &'a str,
}

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(PART|Part|CHAPTER|Chapter|SECTION|Section)\s+([0-9]{1,2}|[IVXLC]{1,6}|ONE|TWO|THREE|FOUR|FIVE|One|Two|Three|Four|Five)\b\s*[:.\-–—]?\s*")
        .expect("static regex")
});
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)(?:\s+([IVXLC]{1,6}|[0-9]{1,2}|[A-Z]))?\s*[:.\-–—]?\s*")
        .expect("static regex")
});
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,3}){0,3})([.)])?\s+").expect("static regex"));
/// "4a", "7c.ii", "4a.iii", "2.c": a number with a letter, optionally a roman
/// sub-number.
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}\.?[a-z](?:\.(?:[ivx]{1,5}|\d{1,2}))?)[.):]?\s+").expect("static regex")
});
/// "II.A", "II.A.3": a chapter, a lettered section and a number in one enumerator.
static ROMAN_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([IVX]{1,5}\.[A-Z](?:\.\d{1,2})?)[.):]?\s+").expect("static regex")
});
/// "Item 3: Country briefings", "Topic 1 : Standards and Criteria": a
/// labelled item number heading a meeting record's item. ("Item 11 of the
/// agenda", a UN document's header line, has no mark after the number and is
/// no heading. "Agenda item 9 (b): ..." stays a plain title: programmes list
/// such items beside "Session 2 - ..." lines of the same rank.)
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Item|ITEM|Topic|TOPIC)\s+(\d{1,3}(?:\s?\([a-z]{1,2}\))?)\s*[:.\-–—]\s+")
        .expect("static regex")
});
/// The words that open a labelled item ([`LABELLED`]).
const LABEL_WORDS: [&str; 4] = ["Item", "ITEM", "Topic", "TOPIC"];
/// "79/62." heading a General Assembly resolution.
static RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}/\d{1,4})\.\s+").expect("static regex"));
/// "Resolution 2365 (2017)" alone on its line: a Security Council resolution.
static SC_RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Resolution|RESOLUTION) (\d{1,4}) \((\d{4})\)$").expect("static regex")
});
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,6})\.\s+").expect("static regex"));
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z])\.\s+").expect("static regex"));

/// The enumerator regex `re` matched at the start of a one-line `text`, and the
/// rest of the line. The regexes match only the enumerator, not the line: a
/// trailing `(.*)$` group made every numbered paragraph cost a capture scan of its
/// whole length.
fn head<'a>(re: &Regex, text: &'a str) -> Option<(regex::Captures<'a>, &'a str)> {
    let c = re.captures(text)?;
    let rest = text.get(c.get(0)?.end()..)?;
    // `.` never crossed a line end in the old `(.*)$`: keep refusing those
    (!rest.contains('\n')).then_some((c, rest))
}

/// The words that open a part heading ([`PART`]).
const PART_WORDS: [&str; 6] = ["PART", "Part", "CHAPTER", "Chapter", "SECTION", "Section"];
/// The words that open an annex heading ([`ANNEX`]).
const ANNEX_WORDS: [&str; 6] = [
    "ANNEX",
    "Annex",
    "APPENDIX",
    "Appendix",
    "ATTACHMENT",
    "Attachment",
];

/// What the first bytes of a line allow, checked before any enumerator regex:
/// every regex of [`enumerator`] is anchored at the start and opens with a
/// digit, a capital letter or one of a few words, so most lines (running text
/// wrapped mid-sentence, capitalised sentence starts) are refused on a few
/// bytes. Each flag is a necessary condition of the regexes it guards.
pub(super) struct Opening {
    /// Starts with a word of [`PART_WORDS`].
    part: bool,
    /// Starts with a word of [`ANNEX_WORDS`].
    annex: bool,
    /// Starts with a word of [`LABEL_WORDS`].
    label: bool,
    /// Starts with "Resolution " or "RESOLUTION ".
    sc_resolution: bool,
    /// Digits then "/": "79/62." ([`RESOLUTION`]).
    resolution: bool,
    /// One or two digits then a lower-case letter: "4a" ([`COMPOUND`]).
    compound: bool,
    /// One to three digits then a point, a parenthesis or a space ([`NUMBERED`]).
    numbered: bool,
    /// Capital letters then a point: "II.", "A.", "II.A" ([`ROMAN_PATH`],
    /// [`ROMAN`], [`LETTER`]).
    capitals_point: bool,
}

impl Opening {
    fn of(text: &str) -> Opening {
        let b = text.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let capitals = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
        let after_digits = b.get(digits).copied();
        // `\d` is any Unicode decimal digit: a number written with others is
        // left to the regexes (`is_numeric` holds for every one of them)
        let other_digits = text[digits..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii() && c.is_numeric());
        let number = |max: usize, next: fn(u8) -> bool| {
            other_digits || (1..=max).contains(&digits) && after_digits.is_some_and(next)
        };
        Opening {
            part: capitals > 0 && PART_WORDS.iter().any(|w| text.starts_with(w)),
            annex: capitals > 0 && ANNEX_WORDS.iter().any(|w| text.starts_with(w)),
            label: capitals > 0 && LABEL_WORDS.iter().any(|w| text.starts_with(w)),
            sc_resolution: text.starts_with("Resolution ") || text.starts_with("RESOLUTION "),
            resolution: number(3, |c| c == b'/'),
            compound: number(2, |c| c.is_ascii_lowercase())
                || (1..=2).contains(&digits)
                    && after_digits == Some(b'.')
                    && b.get(digits + 1).is_some_and(u8::is_ascii_lowercase),
            // `\s` after the number may be any white space, multi-byte ones too
            numbered: number(3, |c| {
                matches!(c, b'.' | b')' | b'\t'..=b'\r' | b' ') || !c.is_ascii()
            }),
            capitals_point: (1..=6).contains(&capitals) && b.get(capitals) == Some(&b'.'),
        }
    }

    /// Every regex allowed: what [`enumerator`] did before the checks.
    #[cfg(test)]
    pub(super) const ALL: Opening = Opening {
        part: true,
        annex: true,
        label: true,
        sc_resolution: true,
        resolution: true,
        compound: true,
        numbered: true,
        capitals_point: true,
    };

    fn any(&self) -> bool {
        self.part
            || self.annex
            || self.label
            || self.sc_resolution
            || self.resolution
            || self.compound
            || self.numbered
            || self.capitals_point
    }
}

/// Reads an enumerator at the start of `text` (already trimmed).
pub fn enumerator(text: &str) -> Option<Enumerated<'_>> {
    let open = Opening::of(text);
    if !open.any() {
        return None;
    }
    enumerator_after(text, &open)
}

/// [`enumerator`] with the regexes `open` allows.
pub(super) fn enumerator_after<'a>(text: &'a str, open: &Opening) -> Option<Enumerated<'a>> {
    if let Some((c, rest)) = open.label.then(|| head(&LABELLED, text)).flatten() {
        // an item's title follows its number: "Item 3. Reports of the Committees"
        if starts_upper(rest) {
            let mut word = c.get(1)?.as_str().to_lowercase();
            if let Some(f) = word.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            return Some(Enumerated {
                class: HeadingClass::Numbered(1),
                number: format!("{word} {}", c.get(2)?.as_str()),
                rest,
            });
        }
    }
    if let Some((c, rest)) = open.part.then(|| head(&PART, text)).flatten() {
        let (word, num) = (c.get(1)?.as_str(), c.get(2)?.as_str());
        // "Part of the funds ..." is prose: the rest of a part line is a title
        if rest.is_empty() || starts_upper(rest) {
            return Some(Enumerated {
                class: HeadingClass::Part,
                number: format!("{} {num}", word.to_uppercase()),
                rest,
            });
        }
    }
    if let Some((c, rest)) = open.annex.then(|| head(&ANNEX, text)).flatten() {
        if rest.is_empty() || starts_upper(rest) || rest.starts_with('(') {
            let word = c.get(1).map_or("", |m| m.as_str());
            let number = match c.get(2) {
                Some(n) => format!("{word} {}", n.as_str()),
                None => String::new(),
            };
            let rest = if number.is_empty() && rest.is_empty() {
                word
            } else {
                rest
            };
            return Some(Enumerated {
                class: HeadingClass::Annex,
                number,
                rest,
            });
        }
    }
    if let Some(c) = open
        .sc_resolution
        .then(|| SC_RESOLUTION.captures(text))
        .flatten()
    {
        // the heading is the whole line: the resolution has no title of its own
        return Some(Enumerated {
            class: HeadingClass::Resolution,
            number: format!("{} ({})", c.get(1)?.as_str(), c.get(2)?.as_str()),
            rest: text,
        });
    }
    if let Some((c, rest)) = open.resolution.then(|| head(&RESOLUTION, text)).flatten() {
        if starts_upper(rest) {
            return Some(Enumerated {
                class: HeadingClass::Resolution,
                number: c.get(1)?.as_str().to_string(),
                rest,
            });
        }
    }
    let compound = open.compound.then(|| head(&COMPOUND, text)).flatten();
    let compound = compound.or_else(|| {
        open.capitals_point
            .then(|| head(&ROMAN_PATH, text))
            .flatten()
    });
    if let Some((c, rest)) = compound {
        let num = c.get(1)?.as_str();
        if starts_upper(rest) {
            // "2.c" is "2c" written with a point: one level below item 2
            let letter_after_point = num.find('.').is_some_and(|i| {
                num[..i].bytes().all(|b| b.is_ascii_digit())
                    && num[i + 1..].starts_with(|ch: char| ch.is_ascii_lowercase())
            });
            let parts = num.split('.').count() - usize::from(letter_after_point);
            let class = match (num.starts_with(|ch: char| ch.is_ascii_digit()), parts) {
                // 4a is an item's sub-item, 4a.iii one level further
                (true, p) => HeadingClass::Numbered(p as u8 + 1),
                (false, 2) => HeadingClass::Letter,
                (false, _) => HeadingClass::Numbered(1),
            };
            return Some(Enumerated {
                class,
                number: num.to_string(),
                rest,
            });
        }
    }
    if let Some((c, rest)) = open.numbered.then(|| head(&NUMBERED, text)).flatten() {
        let num = c.get(1)?.as_str();
        let depth = num.split('.').count() as u8;
        let terminated = c.get(2).is_some();
        // a bare "10 States Parties ..." is a count, not an enumerator
        if (terminated || depth > 1) && starts_upper(rest) {
            return Some(Enumerated {
                class: HeadingClass::Numbered(depth),
                number: num.to_string(),
                rest,
            });
        }
    }
    if let Some((c, rest)) = open.capitals_point.then(|| head(&ROMAN, text)).flatten() {
        // a lone "C." or "L." is the third or twelfth lettered section, never chapter 100
        let numeral = c.get(1).map_or("", |m| m.as_str());
        if starts_upper(rest) && numeral != "C" && numeral != "L" {
            return Some(Enumerated {
                class: HeadingClass::Roman,
                number: c.get(1)?.as_str().to_string(),
                rest,
            });
        }
    }
    if let Some((c, rest)) = open.capitals_point.then(|| head(&LETTER, text)).flatten() {
        if starts_upper(rest) {
            return Some(Enumerated {
                class: HeadingClass::Letter,
                number: c.get(1)?.as_str().to_string(),
                rest,
            });
        }
    }
    None
}

/// An enumerator alone on its line: "I.", "12.", "A.", "78/241.".
pub(super) static LONE_ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    // a number, a roman numeral, a letter, or a General Assembly resolution "78/241."
    Regex::new(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]|[IVXLC]{1,6}\.|[A-Z]\.|\d{1,3}/\d{1,4}\.)$")
        .expect("static regex")
});

/// True for a line that holds an enumerator and nothing else ("I.", "12."):
/// converters without layout put a heading's or paragraph's text on the next line.
pub fn is_lone_enumerator(text: &str) -> bool {
    // the longest, "123.123.123.123.", is 16 characters of at most 4 bytes; a
    // line ending in neither a point nor a parenthesis needs no regex
    text.len() <= 16 * 4 && text.ends_with(['.', ')']) && LONE_ENUMERATOR.is_match(text)
}

/// True for a line that opens a numbered paragraph: "12." alone on its line, or
/// "12. The Group ..." with at least `min_words` words after the number.
pub fn opens_numbered_paragraph(text: &str, min_words: usize) -> bool {
    is_lone_enumerator(text)
        || enumerator(text).is_some_and(|e| {
            e.class == HeadingClass::Numbered(1) && word_count_upto(e.rest, min_words) >= min_words
        })
}
