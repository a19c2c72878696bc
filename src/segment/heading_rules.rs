//! What makes a line a heading, and what makes it a numbered paragraph instead.
//!
//! The hard case is the numbered line: "1. Welcoming Remarks." is an agenda item,
//! "1. As a follow-up to three dialogues ..." is a paragraph that UN documents cite
//! as "para 1". A title is short, or capitalised like a title, and holds a single
//! sentence at most; a paragraph runs on.

use std::sync::LazyLock;

use regex::Regex;

/// The shape of a heading; the outline ranks shapes to find levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingClass {
    /// "PART 1: ..."
    Part,
    /// "Annex I", "Attachment".
    Annex,
    /// "II. Organization of the session".
    Roman,
    /// "A. Opening of the session".
    Letter,
    /// "3." (depth 1), "2.1" (depth 2), ...
    Numbered(u8),
    /// A Markdown heading of the given depth.
    Markdown(u8),
    /// A bold line or block.
    Bold,
    /// A short title line standing between blank lines: "Background".
    Plain,
    /// A resolution heading: "79/62. Lethal autonomous weapons systems".
    Resolution,
    /// The line opening a resolution's preamble: "The General Assembly,".
    Preamble,
    /// Where a resolution's operative paragraphs start (no heading line of its own).
    Operative,
    /// A draft in a committee report: "Draft resolution A/C.1/79/L.5",
    /// "Draft resolution I" with its title.
    Proposal,
    /// "Draft decisions" alone: the drafts below it belong together.
    ProposalGroup,
}

impl HeadingClass {
    /// Numbered shapes nest by a fixed order; the others nest as they come.
    pub fn rank(self) -> Option<u8> {
        match self {
            HeadingClass::Part | HeadingClass::Annex | HeadingClass::Resolution => Some(0),
            HeadingClass::Preamble | HeadingClass::Operative => Some(1),
            HeadingClass::Roman => Some(1),
            HeadingClass::Letter => Some(2),
            HeadingClass::Numbered(d) => Some(2 + d),
            _ => None,
        }
    }
}

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
/// "4a", "7c.ii", "4a.iii": a number with a letter, optionally a roman sub-number.
static COMPOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}[a-z](?:\.(?:[ivx]{1,5}|\d{1,2}))?)[.):]?\s+").expect("static regex")
});
/// "II.A", "II.A.3": a chapter, a lettered section and a number in one enumerator.
static ROMAN_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([IVX]{1,5}\.[A-Z](?:\.\d{1,2})?)[.):]?\s+").expect("static regex")
});
/// "79/62." heading a General Assembly resolution.
static RESOLUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}/\d{1,4})\.\s+").expect("static regex"));
/// "Resolution 2365 (2017)" alone on its line: a Security Council resolution.
static SC_RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Resolution|RESOLUTION) (\d{1,4}) \((\d{4})\)$").expect("static regex")
});
/// "The General Assembly,", "The Security Council,": the opening of a preamble.
static PREAMBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^The (?:[A-Z][\w’'-]*)(?: (?:[A-Z][\w’'-]*|of|the|and|on|for|to)){0,8},$")
        .expect("static regex")
});
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,6})\.\s+").expect("static regex"));
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z])\.\s+").expect("static regex"));
static LETTERED_PARA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•*▪]\s+)?\(([a-z]{1,2}|[ivx]{1,5})\)\s+\S").expect("static regex")
});

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
struct Opening {
    /// Starts with a word of [`PART_WORDS`].
    part: bool,
    /// Starts with a word of [`ANNEX_WORDS`].
    annex: bool,
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
            sc_resolution: text.starts_with("Resolution ") || text.starts_with("RESOLUTION "),
            resolution: number(3, |c| c == b'/'),
            compound: number(2, |c| c.is_ascii_lowercase()),
            // `\s` after the number may be any white space, multi-byte ones too
            numbered: number(3, |c| {
                matches!(c, b'.' | b')' | b'\t'..=b'\r' | b' ') || !c.is_ascii()
            }),
            capitals_point: (1..=6).contains(&capitals) && b.get(capitals) == Some(&b'.'),
        }
    }

    /// Every regex allowed: what [`enumerator`] did before the checks.
    #[cfg(test)]
    const ALL: Opening = Opening {
        part: true,
        annex: true,
        sc_resolution: true,
        resolution: true,
        compound: true,
        numbered: true,
        capitals_point: true,
    };

    fn any(&self) -> bool {
        self.part
            || self.annex
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
fn enumerator_after<'a>(text: &'a str, open: &Opening) -> Option<Enumerated<'a>> {
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
            let parts = num.split('.').count();
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
static LONE_ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
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

/// A UN document symbol: "A/RES/79/62", "CCW/GGE.1/2019/3", "S/1995/444".
static SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+){1,6}$").expect("static regex"));

/// Page furniture that text extraction may mark as a heading: a running header
/// holding the document symbol ("A/RES/79/62  Lethal autonomous weapons
/// systems"), or a line with hardly any letters (a barcode "*9920410E*").
pub fn is_page_furniture(text: &str) -> bool {
    // only "fewer than three" matters: a long line is not counted to its end
    let letters = text.chars().filter(|c| c.is_alphabetic()).take(3).count();
    // a symbol holds a slash: a line without one needs no word counted
    letters < 3
        || text.contains('/')
            && word_count_upto(text, 11) <= 10
            && text.split_whitespace().any(|w| {
                // a symbol opens with a capital and holds a slash and a digit
                w.starts_with(|c: char| c.is_ascii_uppercase())
                    && w.contains('/')
                    && w.contains(|c: char| c.is_ascii_digit())
                    && SYMBOL.is_match(w)
            })
}

/// True for the line that opens a resolution's preamble: "The General Assembly,".
pub fn is_preamble_opening(text: &str) -> bool {
    text.starts_with("The ") && text.ends_with(',') && PREAMBLE.is_match(text)
}

/// "(a) Improving efficiency ..." (optionally bulleted): a lettered paragraph.
pub fn lettered_paragraph(text: &str) -> Option<String> {
    // the regex opens with "(" or a bullet: other lines need no search
    if !text.starts_with(['(', '-', '•', '*', '▪']) || !LETTERED_PARA.is_match(text) {
        return None;
    }
    let open = text.find('(')?;
    let close = text[open..].find(')')? + open;
    Some(text[open..=close].to_string())
}

/// True when `s` starts with an uppercase letter (or a quote/digit before one).
pub fn starts_upper(s: &str) -> bool {
    let s = s.trim_start_matches(['"', '“', '‘', '\'']);
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// True for list bullets: "- x", "* x", "• x", "o x".
pub fn is_bullet(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('-' | '*' | '•' | '▪' | '◦' | '–' | '·' | '\u{f0b7}'),
            Some(' ' | '\t')
        ) | (Some('o'), Some(' ' | '\t'))
    )
}

/// Most words an un-numbered title line ([`is_plain_title`]) has.
pub const MAX_PLAIN_TITLE_WORDS: usize = 14;

/// Most words of an un-numbered title that is a body's full name.
const MAX_NAME_TITLE_WORDS: usize = 28;

/// The number of whitespace-separated words in `text`, or `limit` if there are
/// more: the callers only compare counts with small bounds, and a paragraph held
/// on one line need not be counted to its end.
pub fn word_count_upto(text: &str, limit: usize) -> usize {
    // the words `split_whitespace` gives, counted on the bytes (a character is
    // decoded only where one starts with a non-ASCII byte): this runs on every
    // line of every record, several times
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        };
        if space {
            in_word = false;
        } else if !in_word {
            if words == limit {
                break;
            }
            words += 1;
            in_word = true;
        }
        i += len;
    }
    words
}

/// Share of the longer words (4+ letters) that start with a capital letter.
pub fn capitalised_ratio(text: &str) -> f32 {
    let mut long = 0;
    let mut caps = 0;
    for w in text.split_whitespace() {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        let first_upper = letters.next().is_some_and(|c| c.is_uppercase());
        // three more letters make a long word; the rest need not be counted
        if letters.take(3).count() == 3 {
            long += 1;
            if first_upper {
                caps += 1;
            }
        }
    }
    if long == 0 {
        1.0
    } else {
        caps as f32 / long as f32
    }
}

/// True when the text holds a sentence end followed by another sentence:
/// "... in 2016. The ISU ...", but not "Mr. Titov" or "U.S. Government".
pub fn has_inner_sentence_break(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(['.', '?', '!']) {
        let after = &text[i + 1..];
        if !after.starts_with(' ') || !starts_upper(after.trim_start()) {
            continue;
        }
        let before = &text[..i];
        let word = before.rsplit([' ', '(']).next().unwrap_or("");
        let is_abbrev = word.len() <= 3 && word.chars().next().is_some_and(|c| c.is_uppercase())
            || [
                "e.g", "i.e", "etc", "No", "Nos", "para", "paras", "art", "Art",
            ]
            .contains(&word)
            || word.contains('.');
        if !is_abbrev && i > 0 && bytes[i - 1] != b' ' {
            return true;
        }
    }
    false
}

/// Whether the text after an enumerator reads as a title rather than a paragraph.
pub fn is_title_text(text: &str) -> bool {
    // counting stops past the limit: paragraphs are long
    let words = word_count_upto(text, 33);
    if words == 0 || words > 32 || has_inner_sentence_break(text) || ends_mid_sentence(text) {
        return false;
    }
    words <= 12 || capitalised_ratio(text) >= 0.45
}

/// True when the text stops on a word that cannot end a title ("... mandate as",
/// "... recommends that"): a sentence wrapped onto the next line.
pub fn ends_mid_sentence(text: &str) -> bool {
    const GLUE: [&str; 20] = [
        "a", "an", "the", "of", "or", "and", "to", "in", "for", "as", "by", "with", "that", "on",
        "at", "from", "which", "its", "their", "is",
    ];
    text.split_whitespace()
        .last()
        .is_some_and(|w| GLUE.contains(&w))
}

/// Whether an un-numbered line standing alone reads as a title ("Background",
/// "What can the Contact Group do to encourage the link?").
pub fn is_plain_title(text: &str) -> bool {
    let words = word_count_upto(text, MAX_NAME_TITLE_WORDS + 1);
    // a long title is the full name of a body ("International Tribunal for the
    // Prosecution of Persons Responsible for ... since 1991"): nearly every
    // long word capitalised, no sentence, list or citation inside
    let long_name = words > MAX_PLAIN_TITLE_WORDS
        && words <= MAX_NAME_TITLE_WORDS
        && capitalised_ratio(text) >= 0.85
        // a name has no list or citation in it (a table row of a compilation does)
        && !text.contains([',', ';', ':', '/'])
        && !has_inner_sentence_break(text)
        && !ends_mid_sentence(text);
    if words == 0
        || (words > MAX_PLAIN_TITLE_WORDS && !long_name)
        || !starts_upper(text)
        || is_bullet(text)
    {
        return false;
    }
    // a footnote mark after the punctuation ("Having considered the report of the
    // Secretary-General, 19") still ends a clause, not a title
    let unmarked = text.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let ends_clause = unmarked.ends_with(['.', ',', ';']) && unmarked.len() < text.len();
    // a wide gap inside the line is a table row of layout text
    if text.ends_with(['.', ',', ';'])
        || ends_clause
        || text.starts_with('(')
        || text.contains("   ")
    {
        return false;
    }
    let (mut non_space, mut alpha) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        non_space += 1;
        alpha += usize::from(c.is_alphabetic());
    }
    // page furniture: "CCW/GGE.1/2019/3", "GE.19-16520(E)", "- 3 -"
    if (alpha as f32) < 0.75 * non_space as f32 || alpha < 3 {
        return false;
    }
    if text.contains('/') && !text.contains(' ') {
        return false;
    }
    // header fields of UN documents: "Original: English", "Distr.: General"
    if let Some((label, _)) = text.split_once(": ") {
        if !label.contains(' ') {
            return false;
        }
    }
    words <= 6
        || text.ends_with('?')
        || capitalised_ratio(text) >= 0.5
        || LABELLED_TITLE.is_match(text)
}

/// "Agenda item 9 (b): Clearance and risk reduction education", "Session 2 -
/// Victim assistance": a label and its number make a title of a sentence-case
/// line.
static LABELLED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Agenda item|Item|Session|Panel|Theme|Topic|Segment|Module|Day)\s+\d{1,3}(?:\s?\([a-z]{1,2}\))?\s*[:.\-–—]\s+[A-Z]")
        .expect("static regex")
});

/// Whether a line is running text (a body), not a label or title-block line.
pub fn is_body_text(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')']);
    let words = word_count_upto(text, 25);
    words >= 25
        || (words >= 3 && t.ends_with(['.', '!', '?', ';']))
        || (words >= 4 && t.ends_with(':'))
}

/// Title text as shown: no trailing punctuation, single spaces.
pub fn clean_title(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = collapsed
        .trim_end_matches(|c: char| matches!(c, '.' | ':' | ';' | ',') || c.is_whitespace());
    strip_footnote_mark(t).to_string()
}

/// "Programme of Work4" -> "Programme of Work": a footnote number that text
/// extraction glued to a title's last word.
fn strip_footnote_mark(t: &str) -> &str {
    let last = t.rsplit(' ').next().unwrap_or(t);
    let letters = last.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = last.len() - letters.len();
    let glued = (1..=2).contains(&digits)
        && letters.chars().count() >= 3
        && letters.chars().all(|c| c.is_alphabetic())
        && letters.chars().skip(1).all(|c| c.is_lowercase());
    if glued && last.len() < t.len() {
        return &t[..t.len() - digits];
    }
    // "as at 4 March 1998a": a footnote letter glued to a year or a count
    let mut chars = last.chars().rev();
    let lettered = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && last.len() >= 4
        && chars.all(|c| c.is_ascii_digit());
    if lettered && last.len() < t.len() {
        &t[..t.len() - 1]
    } else {
        t
    }
}

#[cfg(test)]
mod tests;
