//! What one line (or run of lines) is: a heading, a numbered paragraph or body
//! text, and why. The outline ([`super::outline`]) assembles the answers.

use rustc_hash::FxHashSet;

use super::heading_rules::{
    capitalised_ratio, clean_title, ends_mid_sentence, enumerator, has_inner_sentence_break,
    is_body_text, is_bullet, is_lone_enumerator, is_page_furniture, is_plain_title,
    is_preamble_opening, is_title_text, lettered_paragraph, opens_numbered_paragraph, starts_upper,
    word_count_upto, Enumerated, HeadingClass,
};
use super::line_scan::{join_lines, Hyphens, Line};
use super::outline::Candidate;
use super::proposal::{is_proposal_line, proposal_heading};
use crate::model::LineMark;
use line_extent::{continuation_end, marked_heading_end};
use line_kinds::{collapsed, is_table_row, is_total_row};
pub(super) use line_kinds::{is_byline, repeated_lines};

mod line_extent;
mod line_kinds;

/// What a line turned out to be.
pub(super) enum Role {
    /// It opens a segment.
    Heading(Candidate),
    /// A numbered paragraph: a citation anchor with its number.
    Paragraph(String),
    /// Body text or page furniture.
    Other,
}

/// Classifies the line at `i`; returns its role, the last line it spans and why.
/// `marks_headings`: the source marks headings (Markdown or bold lines).
pub(super) fn classify(
    lines: &[Line<'_>],
    i: usize,
    repeated: &FxHashSet<String>,
    marks_headings: bool,
) -> (Role, usize, &'static str) {
    let line = &lines[i];
    let blank_before = i == 0 || lines[i - 1].is_blank();
    // before page furniture: a draft's symbol heading looks like a running header
    if let Some(c) = proposal_heading(lines, i) {
        let last = c.last;
        return (
            Role::Heading(c),
            last,
            "a draft resolution or decision heading",
        );
    }
    if let Some((class, number, j)) = lone_enumerator(lines, i) {
        if let Some(c) = lone_enumerator_heading(lines, i, j, class, &number) {
            let last = c.last;
            return (
                Role::Heading(c),
                last,
                "an enumerator alone on its line, its title on the next",
            );
        }
        if matches!(class, HeadingClass::Numbered(1)) {
            return (
                Role::Paragraph(number),
                i,
                "numbered paragraph: the number alone on its line, the text below",
            );
        }
    }
    if is_page_furniture(line.text) {
        return (
            Role::Other,
            i,
            "page furniture: a running header with the document symbol, or no words",
        );
    }
    if line.mark.is_some() && (is_byline(line.text) || is_bullet(line.text)) {
        return (Role::Other, i, "marked line, but a byline or a list item");
    }
    if is_total_row(line.text) {
        return (Role::Other, i, "the total row of a table (often bold)");
    }
    match line.mark {
        Some(LineMark::Heading(depth)) => {
            if let Some(c) = enumerator(line.text)
                .filter(|e| is_bare_annex(e, line.text))
                .and_then(|e| annex_with_title(lines, i, &e))
            {
                let last = c.last;
                return (
                    Role::Heading(c),
                    last,
                    "annex heading, its title on the lines below",
                );
            }
            let last = marked_heading_end(lines, i);
            let joined = join_lines(lines, i, last, Hyphens::Keep);
            let c = enumerated_candidate(&joined, i, last)
                .unwrap_or_else(|| plain(HeadingClass::Markdown(depth), &joined, i, last));
            return (Role::Heading(c), last, "Markdown heading");
        }
        Some(LineMark::Bold) => {
            let mut last = i;
            while lines
                .get(last + 1)
                .is_some_and(|l| l.mark == Some(LineMark::Bold))
            {
                last += 1;
            }
            let joined = join_lines(lines, i, last, Hyphens::Keep);
            if word_count_upto(&joined, 31) <= 30 && !is_bullet(line.text) {
                let c = enumerated_candidate(&joined, i, last)
                    .unwrap_or_else(|| plain(HeadingClass::Bold, &joined, i, last));
                return (Role::Heading(c), last, "bold line of at most 30 words");
            }
        }
        None => {}
    }
    if is_preamble_opening(line.text)
        && lines[i + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| l.text.starts_with(|c: char| c.is_uppercase()))
    {
        let mut c = plain(HeadingClass::Preamble, "Preamble", i, i);
        c.title = "Preamble".to_string();
        return (Role::Heading(c), i, "opens a resolution's preamble");
    }
    if let Some(n) = lettered_paragraph(line.text) {
        return (Role::Paragraph(n), i, "lettered paragraph (a): body text");
    }
    if let Some(e) = enumerator(line.text) {
        return classify_enumerated(lines, i, e);
    }
    let blank_after = lines.get(i + 1).is_none_or(|l| l.is_blank());
    if !(blank_before && blank_after) && title_over_text(lines, i, repeated) {
        return (
            Role::Heading(plain(HeadingClass::Plain, line.text, i, i)),
            i,
            "short title between paragraphs, the text right below it",
        );
    }
    if !(blank_before && blank_after) {
        return (
            Role::Other,
            i,
            "not an enumerated line, and not standing alone",
        );
    }
    if !is_plain_title(line.text) {
        return (Role::Other, i, "standing alone, but not title-like");
    }
    if is_table_row(line.text) {
        return (Role::Other, i, "a row of a table");
    }
    if is_byline(line.text) {
        return (Role::Other, i, "byline: who submitted the document");
    }
    if !repeated.is_empty() && repeated.contains(collapsed(line.text).as_ref()) {
        return (Role::Other, i, "repeated line: page header or footer");
    }
    // a capitalised line in mid-sentence (page break) is followed by lowercase text
    // and a title introduces running text, not more title-block lines
    let next_at = (i + 1..lines.len()).find(|&j| !lines[j].is_blank());
    let next = next_at.map(|j| &lines[j]);
    if next.is_some_and(|l| is_table_row(l.text)) {
        return (
            Role::Other,
            i,
            "caption of the table that follows: stays with the table",
        );
    }
    // "Option A:" leads into its text; a title does not end in a colon
    let introduces_text = next.is_none_or(|l| {
        is_body_text(l.text)
            || next_at
                .is_some_and(|j| !line.text.ends_with(':') && full_line_below(line.text, lines, j))
            || is_bullet(l.text)
            || enumerator(l.text).is_some()
            || lettered_paragraph(l.text).is_some()
    });
    // where the source marks its headings (bold speaker lines of a transcript),
    // an unmarked question standing alone is a spoken one ("Where is Kuwait?")
    // unless a numbered paragraph answers it
    let spoken_question = marks_headings
        && line.text.ends_with('?')
        && !next.is_some_and(|l| opens_numbered_paragraph(l.text, 0));
    if spoken_question {
        return (
            Role::Other,
            i,
            "a question standing alone in a document that marks its headings",
        );
    }
    if introduces_text && next.is_none_or(|l| !l.text.starts_with(|c: char| c.is_lowercase())) {
        return (
            Role::Heading(plain(HeadingClass::Plain, line.text, i, i)),
            i,
            "title-like line standing alone before running text",
        );
    }
    (
        Role::Other,
        i,
        "title-like line, but what follows is not running text",
    )
}

/// A line starting with an enumerator: a heading when the text after it reads
/// as a title (on its own lines, or run in before the body on the same line),
/// else a numbered paragraph.
fn classify_enumerated(
    lines: &[Line<'_>],
    i: usize,
    e: Enumerated<'_>,
) -> (Role, usize, &'static str) {
    if is_bare_annex(&e, lines[i].text) {
        if let Some(c) = annex_with_title(lines, i, &e) {
            let last = c.last;
            return (
                Role::Heading(c),
                last,
                "annex heading, its title on the lines below",
            );
        }
    }
    let last = continuation_end(lines, i);
    let joined = join_lines(lines, i, last, Hyphens::Keep);
    let rest = enumerator(&joined).map_or(e.rest.to_string(), |e| e.rest.to_string());
    if title_like(e.class, &rest) || standalone_section_title(lines, i, last, e.class, &rest) {
        let c = enumerated_candidate(&joined, i, last)
            .unwrap_or_else(|| plain(e.class, &rest, i, last));
        return (
            Role::Heading(c),
            last,
            "enumerator followed by title-like text",
        );
    }
    // a short title on the first line, the body starting on the next
    let next_starts_sentence = lines
        .get(i + 1)
        .is_some_and(|l| !l.is_blank() && starts_upper(l.text));
    if last > i
        && next_starts_sentence
        && word_count_upto(e.rest, 11) <= 10
        && !e.rest.ends_with(',')
        && title_like(e.class, e.rest)
    {
        if let Some(c) = enumerated_candidate(line_text(lines, i), i, i) {
            return (
                Role::Heading(c),
                i,
                "enumerator and a short title; the body starts on the next line",
            );
        }
    }
    if let Some(c) = run_in_candidate(lines, i, &e) {
        return (
            Role::Heading(c),
            i,
            "run-in heading: enumerator, short title, then the body",
        );
    }
    if matches!(e.class, HeadingClass::Numbered(1)) {
        return (
            Role::Paragraph(e.number),
            i,
            "numbered paragraph: the text runs on like a sentence",
        );
    }
    (
        Role::Other,
        i,
        "enumerated line whose text is not title-like",
    )
}

/// An un-numbered title set without blank lines between paragraphs, as
/// converters write a bold heading ("ties." / "Issues to address" / "9. The
/// discussions ..."), or after a blank line right above its first paragraph
/// ("Individualised Approach" / "As part of the Committee's mandate ..."): a
/// short title-like line after a blank line or a finished sentence, with a
/// numbered paragraph or a full line of running text below it.
fn title_over_text(lines: &[Line<'_>], i: usize, repeated: &FxHashSet<String>) -> bool {
    let text = lines[i].text;
    let Some(next) = lines.get(i + 1).filter(|l| !l.is_blank()) else {
        return false;
    };
    let blank_before = i == 0 || lines[i - 1].is_blank();
    let after_sentence =
        i > 0 && (lines[i - 1].text.ends_with(['.', '?', '!']) || is_byline(lines[i - 1].text));
    // a numbered paragraph below, not an agenda's list of short numbered items
    let numbered_below = opens_numbered_paragraph(next.text, 10);
    let text_below = (blank_before || after_sentence)
        && full_line_below(text, lines, i + 1)
        && !ends_mid_sentence(text);
    (numbered_below && (blank_before || after_sentence) || text_below)
        && word_count_upto(text, 13) <= 12
        && !text.ends_with(['.', ',', ';', ':'])
        // a list of names ("San Marino, Saudi Arabia, Senegal, ...") is no title
        && text.matches(',').count() <= 1
        && !has_inner_sentence_break(text)
        && is_plain_title(text)
        && !is_table_row(text)
        && !is_byline(text)
        && (repeated.is_empty() || !repeated.contains(collapsed(text).as_ref()))
}

/// True when the line `below` reads as the first full line of a paragraph
/// wrapped under the title `text`: the paragraph goes on to the next line, and a
/// wrapped line of running text is about as long as the line below it.
fn full_line_below(text: &str, lines: &[Line<'_>], j: usize) -> bool {
    let below = &lines[j];
    let wrapped = lines.get(j + 1).is_some_and(|l| !l.is_blank());
    wrapped
        && starts_upper(below.text)
        && !is_table_row(below.text)
        && word_count_upto(below.text, 10) >= 10
        && text.chars().count() * 10 < below.text.chars().count() * 7
}

/// "I.", "12.", "A." or "78/241." alone on its line, as many PDF-to-text converters write
/// "I.   Introduction" and "12.  The Group ...": the enumerator read with the
/// next non-blank line (after at most one blank line), and that line's index.
fn lone_enumerator(lines: &[Line<'_>], i: usize) -> Option<(HeadingClass, String, usize)> {
    let text = lines[i].text;
    if !is_lone_enumerator(text) {
        return None;
    }
    let mut j = i + 1;
    if lines.get(j).is_some_and(|l| l.is_blank()) {
        j += 1;
    }
    let next = lines.get(j).filter(|l| !l.is_blank())?;
    let joined = format!("{text} {}", next.text);
    let e = enumerator(&joined)?;
    Some((e.class, e.number, j))
}

/// The heading of a lone enumerator at `i` whose title starts at line `j`: a
/// block of at most three lines that a blank line, an enumerated line or the
/// end of the text closes, and that reads as a title. A numbered paragraph's
/// text runs on past it or reads as a sentence.
fn lone_enumerator_heading(
    lines: &[Line<'_>],
    i: usize,
    j: usize,
    class: HeadingClass,
    number: &str,
) -> Option<Candidate> {
    let opens_title = |l: &Line<'_>| {
        !l.is_blank()
            && !is_lone_enumerator(l.text)
            && enumerator(l.text).is_none()
            && lettered_paragraph(l.text).is_none()
            && !is_bullet(l.text)
            && !is_page_furniture(l.text)
            && !is_proposal_line(l.text)
    };
    if !lines.get(j).is_some_and(opens_title) {
        return None;
    }
    let mut last = j;
    while last - j < 2 && lines.get(last + 1).is_some_and(opens_title) {
        last += 1;
    }
    let closed = lines.get(last + 1).is_none_or(|l| {
        l.is_blank()
            || is_lone_enumerator(l.text)
            || enumerator(l.text).is_some()
            || is_bullet(l.text)
            || is_preamble_opening(l.text)
            || is_proposal_line(l.text)
    });
    // a chapter or section title may run straight into its first sentence
    // ("A." / "Box I" / "In Box I, the ..."); a paragraph number's first line
    // is a wrapped sentence too often for that
    let short_then_body = !matches!(class, HeadingClass::Numbered(1))
        && last > j
        && word_count_upto(lines[j].text, 9) <= 8
        && !lines[j].text.ends_with(['.', ',', ';', ':'])
        && starts_upper(lines[j + 1].text);
    if short_then_body {
        last = j;
    }
    let title = join_lines(lines, j, last, Hyphens::Rejoin);
    // "9." / "Recalls the adoption of:" leads into a list: an operative paragraph
    if !(closed || short_then_body)
        || title.ends_with([',', ';', ':'])
        || !starts_upper(&title)
        || !title_like(class, &title)
        || is_body_text(&title)
    {
        return None;
    }
    let mut c = plain(class, &title, i, last);
    c.number = (!number.is_empty()).then(|| number.to_string());
    Some(c)
}

/// A chapter or lettered section whose long title wraps over its own lines
/// between blank lines ("D. Joint panel discussion of the First and Fourth
/// Committees on" + "possible challenges to space security and
/// sustainability"): no sentence ends in it, and nothing runs on after it.
fn standalone_section_title(
    lines: &[Line<'_>],
    i: usize,
    last: usize,
    class: HeadingClass,
    rest: &str,
) -> bool {
    let blank_before = i == 0 || lines[i - 1].is_blank();
    let blank_after = lines.get(last + 1).is_none_or(|l| l.is_blank());
    matches!(class, HeadingClass::Roman | HeadingClass::Letter)
        && blank_before
        && blank_after
        && last > i
        && last - i < 3
        && word_count_upto(rest, 26) <= 25
        && starts_upper(rest)
        && !rest.ends_with(['.', ';', ',', ':'])
        && !has_inner_sentence_break(rest)
}

fn line_text<'a>(lines: &[Line<'a>], i: usize) -> &'a str {
    lines[i].text
}

/// "Annex I" or, for a report's only annex, "Annex" alone on its line.
fn is_bare_annex(e: &Enumerated<'_>, text: &str) -> bool {
    e.class == HeadingClass::Annex
        && (e.rest.is_empty() || (e.number.is_empty() && e.rest == text.trim()))
}

/// "Annex I" alone on its line, its title on the next line(s) ("List of
/// documents"), possibly a byline ("Submitted by the Chairperson") after it.
fn annex_with_title(lines: &[Line<'_>], i: usize, e: &Enumerated<'_>) -> Option<Candidate> {
    // the title: the next non-blank line, after at most one blank line
    let mut j = i + 1;
    if lines.get(j).is_some_and(|l| l.is_blank()) {
        j += 1;
    }
    let first = lines.get(j).filter(|l| !l.is_blank())?;
    if !is_plain_title(first.text) && !is_title_text(first.text)
        || is_body_text(first.text)
        || is_bullet(first.text)
        || enumerator(first.text).is_some()
    {
        return None;
    }
    let mut last = j;
    // a wrapped title continues while its lines run long
    while word_count_upto(lines[last].text, 7) >= 7
        && lines.get(last + 1).is_some_and(|l| {
            !l.is_blank()
                && !is_body_text(l.text)
                && !is_byline(l.text)
                && enumerator(l.text).is_none()
        })
        && last - j < 4
    {
        last += 1;
    }
    let title = clean_title(&join_lines(lines, j, last, Hyphens::Keep));
    if lines.get(last + 1).is_some_and(|l| is_byline(l.text)) {
        last += 1;
    }
    Some(Candidate {
        first: i,
        last,
        class: HeadingClass::Annex,
        // a report's only annex is headed "Annex" alone
        number: (!e.number.is_empty()).then(|| e.number.clone()),
        title,
        synthetic: false,
        body_start: None,
    })
}

/// Words that open a sentence rather than a title.
const SENTENCE_OPENERS: [&str; 12] = [
    "The", "A", "An", "In", "On", "At", "It", "This", "These", "As", "Some", "Many",
];

/// Whether the text after an enumerator of `class` reads as a heading's title.
fn title_like(class: HeadingClass, rest: &str) -> bool {
    // "The definition should meet the following requirements:" leads into a list,
    // "The Chair organized informal meetings on 15 May." is a one-line paragraph
    // only asked of lines ending in a colon or a full stop: counting the capitals of
    // every enumerated paragraph was most of this check's cost
    let lowercase_run = rest.ends_with([':', '.'])
        && word_count_upto(rest, 6) >= 6
        && capitalised_ratio(rest) < 0.5;
    if lowercase_run && rest.ends_with(':') {
        return false;
    }
    // an agenda item in sentence case ("Adoption of the rules of procedure.") is
    // still a title: a sentence opens with its subject or runs long
    let opens_sentence = SENTENCE_OPENERS.contains(&rest.split_whitespace().next().unwrap_or(""));
    if lowercase_run && rest.ends_with('.') && (opens_sentence || word_count_upto(rest, 10) >= 10) {
        return false;
    }
    // "The following Signatory State to the Convention participated in the work
    // of the Group: Egypt and Sudan.": a long sentence, however many capitals
    if opens_sentence && rest.ends_with('.') && word_count_upto(rest, 12) >= 12 {
        return false;
    }
    match class {
        HeadingClass::Part | HeadingClass::Annex => word_count_upto(rest, 21) <= 20,
        HeadingClass::Resolution | HeadingClass::Numbered(_) => is_title_text(rest),
        // chapters and sections of UN reports stand on their own line
        _ => is_title_text(rest) && !rest.ends_with('.'),
    }
}

/// "3.2 Donor update. The representative of ... said ...": a short title ended
/// by a full stop or colon, then the body on the same line. A plain top-level
/// number ("12. Discussions ...") needs a title in title case, as paragraphs
/// often open with a short sentence.
fn run_in_candidate(lines: &[Line<'_>], i: usize, e: &Enumerated<'_>) -> Option<Candidate> {
    let rest = e.rest;
    let cut = rest
        .match_indices(['.', ':'])
        .map(|(k, _)| k)
        .find(|&k| rest[k + 1..].starts_with(' ') && starts_upper(rest[k + 1..].trim_start()))?;
    let title = &rest[..cut];
    let words = word_count_upto(title, 9);
    let strict =
        matches!(e.class, HeadingClass::Numbered(1)) && !e.number.contains(char::is_alphabetic);
    // a paragraph opening with a short sentence: "12. The Group met in 2019. It ..."
    let sentence_start = [
        "The", "A", "An", "In", "On", "At", "It", "This", "These", "As",
    ]
    .contains(&title.split_whitespace().next().unwrap_or(""));
    // "1.2 ASG Zouev, OLROSI. Mr Zouev thanked ...": a sub-item may name its
    // speaker and office, every word capitalised
    let speaker_and_office = e.number.contains('.')
        && title.matches(',').count() == 1
        && words <= 6
        && capitalised_ratio(title) >= 0.99;
    let ok = (1..=8).contains(&words)
        && !(strict && sentence_start)
        && starts_upper(title)
        && (!title.contains(',') || speaker_and_office)
        && is_title_text(title)
        && (!strict || (words <= 6 && capitalised_ratio(title) >= 0.99));
    if !ok
        || title
            .split_whitespace()
            .last()
            .is_some_and(|w| w.len() <= 2)
    {
        return None;
    }
    let line = &lines[i];
    let offset_in_line = line.text.len() - rest.len() + cut + 1;
    Some(Candidate {
        first: i,
        last: i,
        class: e.class,
        number: Some(e.number.clone()),
        title: clean_title(title),
        synthetic: false,
        body_start: Some(line.text_start + offset_in_line),
    })
}

pub(super) fn enumerated_candidate(text: &str, first: usize, last: usize) -> Option<Candidate> {
    let e = enumerator(text)?;
    let title = clean_title(e.rest);
    Some(Candidate {
        first,
        last,
        class: e.class,
        number: (!e.number.is_empty()).then(|| e.number.clone()),
        title: if title.is_empty() { e.number } else { title },
        synthetic: false,
        body_start: None,
    })
}

pub(super) fn plain(class: HeadingClass, text: &str, first: usize, last: usize) -> Candidate {
    Candidate {
        first,
        last,
        class,
        number: None,
        title: clean_title(text),
        synthetic: false,
        body_start: None,
    }
}
