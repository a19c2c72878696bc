//! What makes a line a heading, and what makes it a numbered paragraph instead.
//!
//! The hard case is the numbered line: "1. Welcoming Remarks." is an agenda item,
//! "1. As a follow-up to three dialogues ..." is a paragraph that UN documents cite
//! as "para 1". A title is short, or capitalised like a title, and holds a single
//! sentence at most; a paragraph runs on.

use std::sync::LazyLock;

use regex::Regex;

mod enumerators;
pub use enumerators::{enumerator, is_lone_enumerator, opens_numbered_paragraph, Enumerated};
#[cfg(test)]
use enumerators::{enumerator_after, Opening, LONE_ENUMERATOR};

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

/// "The General Assembly,", "The Security Council,": the opening of a preamble.
static PREAMBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^The (?:[A-Z][\w’'-]*)(?: (?:[A-Z][\w’'-]*|of|the|and|on|for|to)){0,8},$")
        .expect("static regex")
});
static LETTERED_PARA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•*▪]\s+)?\(([a-z]{1,2}|[ivx]{1,5})\)\s+\S").expect("static regex")
});

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
