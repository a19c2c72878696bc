//! Document metadata read from the header by `[[meta]]` rules: title, body,
//! date, place, UN document symbol and document type.
//!
//! For each field the match that starts earliest wins (ties: rule order). The
//! header is the document's first `header_bytes` bytes (default 1500), cut at a
//! line end. The date is the first day-precise date mention of the header, found
//! by the date rules themselves, so that later stages can resolve "next year" and
//! "20 December" against it. The title, unless a pattern gives it, is the first
//! heading line of the header (a one- or two-word label such as "MINUTES" is
//! joined to the line after it).

use regex::Regex;

use crate::date::Date;
use crate::model::{DocMeta, Span};

/// A compiled metadata rule.
#[derive(Debug, Clone)]
pub struct MetaRule {
    /// Field filled.
    pub field: String,
    /// Pattern (none: built-in method for `date` and `title`).
    pub regex: Option<Regex>,
    /// Value template.
    pub value: Option<String>,
    /// Search the whole document instead of the header.
    pub whole_document: bool,
    /// Title-case an all-caps value.
    pub title_case: bool,
    /// Heading lines that are never the title.
    pub skip: Vec<Regex>,
}

/// Default header length in bytes.
pub const DEFAULT_HEADER_BYTES: usize = 1500;

/// End of the header: `limit` bytes, extended to the end of the line.
pub fn header_end(text: &str, limit: usize) -> usize {
    if text.len() <= limit {
        return text.len();
    }
    let mut end = limit;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    match text[end..].find('\n') {
        Some(n) => end + n,
        None => text.len(),
    }
}

/// "MINE ACTION SUPPORT GROUP" -> "Mine Action Support Group" (other text unchanged).
pub fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    let small = [
        "of", "the", "and", "on", "in", "for", "to", "a", "an", "at", "by",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lw = w.to_lowercase();
            if i > 0 && small.contains(&lw.as_str()) {
                lw
            } else {
                // "SECRETARY-GENERAL" -> "Secretary-General"
                lw.split('-')
                    .map(|part| {
                        let mut c = part.chars();
                        match c.next() {
                            Some(f) => f.to_uppercase().chain(c).collect(),
                            None => String::new(),
                        }
                    })
                    .collect::<Vec<String>>()
                    .join("-")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the metadata fields from `text`. `date` is the header date found by the
/// date rules (used when a `date` rule is present); `marks` are the Markdown headings.
pub fn read(
    text: &str,
    header: usize,
    rules: &[MetaRule],
    date: Option<Date>,
    marks: &[Span],
) -> DocMeta {
    let mut meta = DocMeta::default();
    let mut best: Vec<(String, usize, String)> = Vec::new();
    for r in rules {
        match (&r.regex, r.field.as_str()) {
            (None, "date") => meta.date = meta.date.or(date),
            (Some(re), "date") => {
                // a header convention naming the document's own date wins over
                // the first date of the header ("Resolution adopted ... on 2 December 2024")
                let hay = if r.whole_document {
                    text
                } else {
                    &text[..header]
                };
                if let Some(d) = re.captures(hay).and_then(|c| captured_date(&c)) {
                    meta.date = Some(d);
                }
            }
            (None, "title") => {
                let un = un_document_title(text, header, &r.skip);
                if let Some(t) = un.or_else(|| heuristic_title(text, header, &r.skip, marks)) {
                    best.push(("title".into(), usize::MAX - 1, t));
                }
            }
            (Some(re), field) => {
                let hay = if r.whole_document {
                    text
                } else {
                    &text[..header]
                };
                // "the Dubrovnik Action Plan" names an instrument, "the Oslo
                // Review Conference" a meeting: a place must not head a name,
                // and is read from the title block or a "held in" only
                let found = re.captures_iter(hay).find(|c| {
                    field != "place"
                        || c.get(0)
                            .is_some_and(|m| is_meeting_place(hay, m.start(), m.end()))
                });
                if let Some(c) = found {
                    let pos = c.get(0).map(|m| m.start()).unwrap_or(0);
                    let mut v = String::new();
                    match &r.value {
                        Some(t) => c.expand(t, &mut v),
                        None => v.push_str(c.get(0).map(|m| m.as_str()).unwrap_or("")),
                    }
                    let mut v = v.split_whitespace().collect::<Vec<_>>().join(" ");
                    if r.title_case {
                        v = title_case(&v);
                    }
                    if !v.is_empty() && !best.iter().any(|(f, p, _)| f == field && *p <= pos) {
                        best.retain(|(f, _, _)| f != field);
                        best.push((field.to_string(), pos, v));
                    }
                }
            }
            _ => {}
        }
    }
    for (field, _, v) in best {
        let slot = match field.as_str() {
            "title" => &mut meta.title,
            "body" => &mut meta.body,
            "place" => &mut meta.place,
            "symbol" => &mut meta.symbol,
            "doc_type" => &mut meta.doc_type,
            _ => continue,
        };
        *slot = Some(v);
    }
    meta
}

/// Nouns that make a city's name the name of an instrument or a process
/// ("Dubrovnik Action Plan", "Oslo Process", "Maputo Declaration").
const INSTRUMENT_NOUNS: &[&str] = &[
    "action",
    "plan",
    "declaration",
    "convention",
    "conventions",
    "process",
    "agreement",
    "agreements",
    "accord",
    "accords",
    "protocol",
    "treaty",
    "commitments",
    "strategy",
    "document",
    "framework",
    "programme",
    "program",
    "principles",
    "guidelines",
    "appeal",
    "initiative",
    "mechanism",
    "agenda",
    "roadmap",
];

/// Words that may follow a place without making it part of a name.
const AFTER_PLACE: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// True when the place name at `start..end` of `hay` says where the document
/// was written or the meeting held: it heads no name ("the Geneva International
/// Centre", "the Maputo Review Conference", "the Oslo Action Plan"), and it
/// stands in the title block (a short line: "Geneva, 3 May 2019", "GENEVA"),
/// before a date ("..., Geneva, 2 June 2008") or after "held in" / "held at".
fn is_meeting_place(hay: &str, start: usize, end: usize) -> bool {
    let after = &hay[end..];
    if heads_instrument_name(after) {
        return false;
    }
    let next = after
        .strip_prefix(' ')
        .map(|r| r.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
        .unwrap_or("");
    let title_word = next.chars().next().is_some_and(char::is_uppercase)
        && next.chars().skip(1).any(char::is_lowercase);
    if title_word && !AFTER_PLACE.contains(&next) {
        return false;
    }
    let line_start = hay[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = after.find('\n').map_or(hay.len(), |i| end + i);
    if hay[line_start..line_end].trim().chars().count() <= 80 {
        return true;
    }
    let dated = after
        .trim_start_matches([',', ' '])
        .starts_with(|c: char| c.is_ascii_digit())
        || AFTER_PLACE
            .iter()
            .any(|w| after.trim_start_matches([',', ' ']).starts_with(w));
    let before = hay[line_start.max(start.saturating_sub(24))..start].to_lowercase();
    let held = [
        "held in ",
        "held at ",
        "convened in ",
        "convened at ",
        "took place in ",
        "take place in ",
        "meeting in ",
        "met in ",
    ]
    .iter()
    .any(|w| before.ends_with(w));
    dated && after.starts_with([',', ' ']) || held
}

/// True when `after` (the text right after a place name) goes on with an
/// instrument noun, so that the place is part of that instrument's name.
fn heads_instrument_name(after: &str) -> bool {
    let mut words = after.split_whitespace();
    let next = words.next().unwrap_or("");
    // a comma or a line end closes the place ("Geneva, 3 May"; "GENEVA")
    if !after.starts_with([' ', '\t']) || !next.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let word: String = next
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    INSTRUMENT_NOUNS.contains(&word.as_str())
}

/// The title of a UN document (its header starts with a document symbol or
/// carries "Distr."): a resolution's own title ("79/62. Lethal autonomous
/// weapons systems"), else the last block of title lines before the first
/// running text or enumerated heading, leaving out bylines, header furniture
/// (the `skip` patterns) and a lone section word ("INTRODUCTION").
fn un_document_title(text: &str, header: usize, skip: &[Regex]) -> Option<String> {
    let head = &text[..header];
    let first = head.lines().find(|l| !l.trim().is_empty())?.trim();
    let symbol_first = first.contains('/')
        && first
            .split_whitespace()
            .next()
            .is_some_and(|w| w.contains('/') && w.starts_with(|c: char| c.is_ascii_uppercase()));
    // a symbol line near the top ("CCW/GGE.1/2023/2" under the convention's name in
    // a PDF), "Distr.", or the language line mark the UN header conventions
    let symbol_near_top = head
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .any(|l| l.split_whitespace().any(is_document_symbol));
    let un = symbol_first
        || symbol_near_top
        || head.contains("Distr")
        || head.contains("Original: ")
        || head.contains("English only");
    if !un {
        return None;
    }
    let skipped = |t: &str| skip.iter().any(|r| r.is_match(t));
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    // a block holding a line longer than a title line is running text (an
    // agenda item's wording, a chair's statement): it is no title
    let mut prose: Vec<bool> = vec![false];
    let mut prev_indent = 0;
    for line in head.lines() {
        let whole = line.trim();
        if let Some(e) = crate::segment::heading_rules::enumerator(whole) {
            if e.class == crate::segment::heading_rules::HeadingClass::Resolution {
                return Some(crate::segment::heading_rules::clean_title(e.rest));
            }
            break;
        }
        // layout text puts a second column after a wide gap: keep the left one
        let left = whole.split("   ").next().unwrap_or("").trim();
        let indent = line.len() - line.trim_start().len();
        let words = left.split_whitespace().count();
        // a paragraph's first line is indented deeper than the title above it
        let new_paragraph = indent >= prev_indent + 4 && words > 10;
        prev_indent = indent;
        if left.is_empty() || new_paragraph {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
                prose.push(false);
            }
            if left.is_empty() {
                continue;
            }
        }
        if crate::segment::heading_rules::is_body_text(left) && !skipped(left) {
            break;
        }
        if let (Some(b), Some(p)) = (blocks.last_mut(), prose.last_mut()) {
            b.push(left);
            let block_words: usize = b.iter().map(|l| l.split_whitespace().count()).sum();
            // a PDF joins a wrapped title into one line: only a sentence or a
            // paragraph's length marks running text
            let wrapped_prose = b.len() > 1 && b.iter().any(|l| l.split_whitespace().count() > 14);
            *p |= words > 30
                || (words > 12 && left.ends_with('.'))
                || block_words > 40
                || wrapped_prose;
        }
    }
    let prose_at: Vec<&Vec<&str>> = blocks
        .iter()
        .zip(&prose)
        .filter(|(_, p)| **p)
        .map(|(b, _)| b)
        .collect();
    // "Report of the Secretary-General" under the title says what kind of document it is
    let kind_line = |t: &str| {
        let t = t.trim_end_matches(['.', '*']).to_lowercase();
        [
            "report of the secretary-general",
            "note by the secretary-general",
            "note by the secretariat",
        ]
        .contains(&t.as_str())
    };
    let is_title_block = |b: &&Vec<&str>| {
        let first = b.first().copied().unwrap_or("");
        // "Geneva, 30 November 2016": the place and date of the meeting
        let place_date = first.split_once(", ").is_some_and(|(place, rest)| {
            place.split_whitespace().count() <= 3 && rest.starts_with(|c: char| c.is_ascii_digit())
        });
        let excluded = b.is_empty()
            || place_date
            || (b.len() == 1 && kind_line(first))
            || prose_at.iter().any(|p| std::ptr::eq(*p, *b))
            || first.starts_with(|c: char| c.is_lowercase())
            || skipped(first)
            || first.starts_with(['[', '(', '*']);
        !excluded && first.chars().filter(|c| c.is_alphabetic()).count() >= 3
    };
    let titles: Vec<&Vec<&str>> = blocks.iter().filter(is_title_block).collect();
    let mut pick: &Vec<&str> = titles.last()?;
    // "INTRODUCTION" standing before the first paragraph is a heading, not the title
    if pick.len() == 1 && pick[0].split_whitespace().count() <= 2 && titles.len() > 1 {
        pick = titles[titles.len() - 2];
    }
    let joined = pick.join(" ");
    let t = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(title_case(&t))
}

/// "CCW/GGE.1/2023/2", "A/RES/79/62": a UN document symbol (with a number).
fn is_document_symbol(w: &str) -> bool {
    let mut parts = w.split('/');
    let head_ok = parts
        .next()
        .is_some_and(|h| (1..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_uppercase()));
    head_ok && w.contains('/') && w.chars().any(|c| c.is_ascii_digit())
}

/// A date from a rule's named groups `d` (day), `m` (English month name) and `y`.
fn captured_date(c: &regex::Captures<'_>) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let day: u8 = c.name("d")?.as_str().parse().ok()?;
    let month = c.name("m")?.as_str().to_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? as u8 + 1;
    let year: i32 = c.name("y")?.as_str().parse().ok()?;
    Date::new(year, month, day)
}

/// The title: the first Markdown heading of the header, else the first block of
/// title-like lines (short, no year, not boilerplate); a one- or two-word label
/// ("MINUTES") is joined to what follows with " - ".
fn heuristic_title(text: &str, header: usize, skip: &[Regex], marks: &[Span]) -> Option<String> {
    let skipped = |t: &str| skip.iter().any(|r| r.is_match(t));
    if let Some(m) = marks
        .iter()
        .filter(|m| m.start < header)
        .map(|m| text.get(m.start..m.end).unwrap_or("").trim())
        .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !skipped(t))
    {
        return Some(title_case(
            &m.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    let mut block: Vec<String> = Vec::new();
    for line in text[..header].lines() {
        // PDF layouts put a second column after a wide gap: keep the left one
        let left = line.trim().split("   ").next().unwrap_or("").trim();
        // a line of the right-hand column only ("Original: English") inside a block
        if !block.is_empty()
            && !line.trim().is_empty()
            && (left.is_empty() || line.starts_with("          "))
        {
            continue;
        }
        let titleish = !left.is_empty()
            && left.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && left.split_whitespace().count() <= 16
            && !left.ends_with(['.', ';', ','])
            && !left
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d.len() == 4)
            && !skipped(left);
        if titleish && block.len() < 4 {
            block.push(left.to_string());
        } else if !block.is_empty() {
            break;
        }
    }
    let first = block.first()?;
    let joined = if first.split_whitespace().count() <= 2 && block.len() > 1 {
        format!(
            "{} - {}",
            title_case(first),
            title_case(&block[1..].join(" "))
        )
    } else {
        title_case(&block.join(" "))
    };
    Some(joined.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_only_touches_capitals() {
        assert_eq!(
            title_case("MINE ACTION SUPPORT GROUP OF THE UN"),
            "Mine Action Support Group of the Un"
        );
        assert_eq!(title_case("Geneva"), "Geneva");
        assert_eq!(header_end("ab\ncd\nef", 4), 5);
    }

    #[test]
    fn a_place_that_names_an_instrument_is_no_place() {
        let rule = MetaRule {
            field: "place".into(),
            regex: Some(Regex::new(r"\b(?P<p>Oslo|Lima|Geneva)\b").expect("test regex")),
            value: Some("$p".into()),
            whole_document: false,
            title_case: true,
            skip: Vec::new(),
        };
        let read_place = |t: &str| read(t, t.len(), std::slice::from_ref(&rule), None, &[]).place;
        // the plan is named after a city; the meeting sits in another one
        let text = "Progress on the Oslo Action Plan\nLima, 4 May 2021\n";
        assert_eq!(read_place(text).as_deref(), Some("Lima"));
        assert_eq!(
            read_place("Review of the OSLO DECLARATION and the Oslo Process"),
            None
        );
        assert_eq!(
            read_place("Held at Geneva on 3 May").as_deref(),
            Some("Geneva")
        );
        // a meeting or a body named after a city in running text is no place
        let body = "The Committee recalled the decisions adopted at the Oslo Review Conference in 2019 \
            and thanked the Geneva International Centre for its support to the work of the Committee.";
        assert_eq!(read_place(body), None);
        // a city in running text that says nothing of the meeting is no place either
        let body = "Since the last report, the Implementation Support Unit has opened a liaison office in Lima \
            to support the States of the region in their work.";
        assert_eq!(read_place(body), None);
        // a meeting "held in" a city, or a city before the date, is
        let body = "The Meeting of the States Parties to the Convention on Cluster Munitions, held in Geneva \
            on 3 May 2021, decided that the next meeting would be held later.";
        assert_eq!(read_place(body).as_deref(), Some("Geneva"));
        let body = "Paper presented at the informal meeting in the margins of the Intersessional Meetings, Lima, 2 June 2008";
        assert_eq!(read_place(body).as_deref(), Some("Lima"));
    }
}
