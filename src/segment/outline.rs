//! From heading candidates to the outline: title blocks dropped, front matter
//! found, levels and parents assigned, bodies and numbered paragraphs attached.

use super::heading_rules::{
    capitalised_ratio, clean_title, enumerator, is_body_text, is_bullet, is_page_furniture,
    is_plain_title, is_preamble_opening, is_title_text, lettered_paragraph, starts_upper,
    word_count_upto, Enumerated, HeadingClass, MAX_PLAIN_TITLE_WORDS,
};
use super::resolution;
use std::collections::HashSet;

use super::line_scan::Line;
use crate::model::{LineMark, Paragraph, Segment, SegmentKind, Span};

/// A line (or run of lines) that may open a segment.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) class: HeadingClass,
    pub(super) number: Option<String>,
    pub(super) title: String,
    /// A segment that starts at `first` without a heading line of its own
    /// (a resolution's operative part starts at its first paragraph).
    pub(super) synthetic: bool,
    /// Where the body starts when it shares the heading's line (a run-in heading).
    pub(super) body_start: Option<usize>,
}

/// What a line turned out to be.
enum Role {
    Heading(Candidate),
    Paragraph(String),
    Other,
}

/// Builds the outline of a document from its lines.
pub fn build_outline(lines: &[Line<'_>], text: &str) -> Vec<Segment> {
    let text_len = text.len();
    let (candidates, anchors) = find_candidates(lines, None);
    let kept = drop_title_block_and_empty(lines, candidates);
    let mut segments = Vec::new();
    if let Some(front) = front_matter(lines, kept.first().map(|c| c.first)) {
        segments.push(front);
    }
    let mut stack: Vec<(HeadingClass, usize)> = Vec::new();
    for c in &kept {
        let parent = place_in_stack(&mut stack, c.class);
        let ordinal = segments.len();
        let level = stack.len() as u8 + 1;
        stack.push((c.class, ordinal));
        let start = lines[c.first].text_start;
        let (heading, body_start) = match (c.synthetic, c.body_start) {
            (true, _) => (Span::new(start, start), start),
            (false, Some(b)) => (Span::new(start, b), b),
            (false, None) => {
                let end = lines[c.last].span.end;
                (Span::new(start, end), (end + 1).min(text_len))
            }
        };
        segments.push(Segment {
            ordinal,
            kind: kind_of(c.class),
            number: c.number.clone(),
            title: c.title.clone(),
            level,
            parent,
            heading,
            body: Span::new(body_start, text_len),
            paragraphs: Vec::new(),
        });
    }
    // each body runs to the next segment's start
    for i in 0..segments.len() {
        let next_start = segments.get(i + 1).map_or(text_len, |n| n.extent().start);
        let seg = &mut segments[i];
        seg.body.end = next_start.max(seg.body.start);
        if seg.body.end > seg.body.start {
            // a body ends before the newline that precedes the next heading
            seg.body.end = seg
                .body
                .end
                .saturating_sub(usize::from(next_start < text_len));
            seg.body.end = seg.body.end.max(seg.body.start);
        }
        // bodies start at their first visible character
        let lead = text[seg.body.start..seg.body.end].len()
            - text[seg.body.start..seg.body.end].trim_start().len();
        seg.body.start += lead;
    }
    cover_title_block(&mut segments, text);
    attach_paragraphs(&mut segments, lines, &anchors, text_len);
    segments
}

fn kind_of(class: HeadingClass) -> SegmentKind {
    match class {
        HeadingClass::Part => SegmentKind::Part,
        HeadingClass::Annex => SegmentKind::Annex,
        HeadingClass::Numbered(1) => SegmentKind::Item,
        HeadingClass::Numbered(_) => SegmentKind::SubItem,
        HeadingClass::Resolution => SegmentKind::Item,
        _ => SegmentKind::Heading,
    }
}

/// Pops the stack to where a heading of `class` belongs and returns its parent.
/// Ranked shapes (parts, chapters, numbers) nest by rank; Markdown headings by
/// depth; any other shape nests below whatever is open, or closes back to its
/// own earlier occurrence.
fn place_in_stack(stack: &mut Vec<(HeadingClass, usize)>, class: HeadingClass) -> Option<usize> {
    if let Some(pos) = stack.iter().position(|(c, _)| *c == class) {
        stack.truncate(pos);
    } else if let Some(rank) = class.rank() {
        // a plain title line ("MEETING SUMMARY") is too weak to hold numbered items
        if let Some(pos) = stack
            .iter()
            .position(|(c, _)| c.rank().is_some_and(|r| r >= rank) || *c == HeadingClass::Plain)
        {
            stack.truncate(pos);
        }
    } else if let HeadingClass::Markdown(depth) = class {
        if let Some(pos) = stack
            .iter()
            .position(|(c, _)| matches!(c, HeadingClass::Markdown(d) if *d >= depth))
        {
            stack.truncate(pos);
        }
    }
    stack.last().map(|&(_, ord)| ord)
}

/// Why the line starting a classified run (first, last) got its role.
pub(super) type Trace = Vec<(usize, usize, &'static str)>;

/// The heading candidates and paragraph anchors of a document, with the reason
/// for each classified run of lines recorded in `trace` when given.
pub(super) fn find_candidates(
    lines: &[Line<'_>],
    mut trace: Option<&mut Trace>,
) -> (Vec<Candidate>, Vec<(usize, String)>) {
    let repeated = repeated_lines(lines);
    let mut candidates = Vec::new();
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let (role, mut last, why) = classify(lines, i, &repeated);
        if let Some(t) = trace.as_deref_mut() {
            t.push((i, last, why));
        }
        match role {
            Role::Heading(mut c) => {
                letter_after_letter(&mut c, &candidates);
                // a byline under a title belongs to the heading, not the body
                let byline = (last + 1..lines.len().min(last + 3))
                    .find(|&j| !lines[j].is_blank())
                    .filter(|&j| is_byline(lines[j].text));
                if let (Some(j), None) = (byline, c.body_start) {
                    c.last = j;
                    last = j;
                }
                candidates.push(c)
            }
            Role::Paragraph(n) => anchors.push((i, n)),
            Role::Other => {}
        }
        i = last + 1;
    }
    demote_paragraph_runs(&mut candidates, &mut anchors);
    resolution::mark_operative_parts(lines, &mut candidates, &mut anchors);
    (candidates, anchors)
}

/// Numbers that run on (5, 6, 7, ...) are one list: when most of a run are
/// paragraphs, the few that looked like titles ("6. The following Signatory
/// State ... : Egypt and Sudan.") are paragraphs too.
fn demote_paragraph_runs(candidates: &mut Vec<Candidate>, anchors: &mut Vec<(usize, String)>) {
    // (line, number, is_title) for every top-level numbered line, in text order
    let mut numbered: Vec<(usize, u32, bool)> = candidates
        .iter()
        .filter(|c| c.class == HeadingClass::Numbered(1))
        .filter_map(|c| Some((c.first, c.number.as_deref()?.parse().ok()?, true)))
        .chain(
            anchors
                .iter()
                .filter_map(|(l, n)| Some((*l, n.parse().ok()?, false))),
        )
        .collect();
    numbered.sort_unstable();
    let mut demote = Vec::new();
    let mut run_start = 0;
    for k in 1..=numbered.len() {
        let continues = k < numbered.len() && numbered[k].1 == numbered[k - 1].1 + 1;
        if continues {
            continue;
        }
        let run = &numbered[run_start..k];
        let titles = run.iter().filter(|r| r.2).count();
        if titles * 2 < run.len() {
            demote.extend(run.iter().filter(|r| r.2).map(|r| r.0));
        }
        run_start = k;
    }
    if demote.is_empty() {
        return;
    }
    candidates.retain(|c| {
        if demote.contains(&c.first) {
            anchors.push((c.first, c.number.clone().unwrap_or_default()));
            false
        } else {
            true
        }
    });
    anchors.sort();
}

/// Classifies the line at `i`; returns its role, the last line it spans and why.
fn classify(
    lines: &[Line<'_>],
    i: usize,
    repeated: &HashSet<String>,
) -> (Role, usize, &'static str) {
    let line = &lines[i];
    let blank_before = i == 0 || lines[i - 1].is_blank();
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
    match line.mark {
        Some(LineMark::Heading(depth)) => {
            if let Some(c) = enumerator(line.text)
                .filter(|e| e.class == HeadingClass::Annex && e.rest.is_empty())
                .and_then(|e| annex_with_title(lines, i, &e))
            {
                let last = c.last;
                return (
                    Role::Heading(c),
                    last,
                    "annex heading, its title on the lines below",
                );
            }
            let c = enumerated_candidate(line.text, i, i)
                .unwrap_or_else(|| plain(HeadingClass::Markdown(depth), line.text, i, i));
            return (Role::Heading(c), i, "Markdown heading");
        }
        Some(LineMark::Bold) => {
            let mut last = i;
            while lines
                .get(last + 1)
                .is_some_and(|l| l.mark == Some(LineMark::Bold))
            {
                last += 1;
            }
            let joined = join(lines, i, last);
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
    if repeated.contains(&collapse(line.text)) {
        return (Role::Other, i, "repeated line: page header or footer");
    }
    // a capitalised line in mid-sentence (page break) is followed by lowercase text
    // and a title introduces running text, not more title-block lines
    let next = lines[i + 1..].iter().find(|l| !l.is_blank());
    if next.is_some_and(|l| is_table_row(l.text)) {
        return (
            Role::Other,
            i,
            "caption of the table that follows: stays with the table",
        );
    }
    let introduces_text = next.is_none_or(|l| {
        is_body_text(l.text)
            || is_bullet(l.text)
            || enumerator(l.text).is_some()
            || lettered_paragraph(l.text).is_some()
    });
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
    if e.class == HeadingClass::Annex && e.rest.is_empty() {
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
    let joined = join(lines, i, last);
    let rest = enumerator(&joined).map_or(e.rest.to_string(), |e| e.rest.to_string());
    if title_like(e.class, &rest) {
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

fn line_text<'a>(lines: &[Line<'a>], i: usize) -> &'a str {
    lines[i].text
}

/// "Annex I" alone on its line, its title on the next line(s) ("List of
/// documents"), possibly a byline ("Submitted by the Chairperson") after it.
fn annex_with_title(lines: &[Line<'_>], i: usize, e: &Enumerated<'_>) -> Option<Candidate> {
    if e.number.is_empty() {
        return None;
    }
    // the title: the next non-blank line, after at most one blank line
    let mut j = i + 1;
    if lines.get(j).is_some_and(|l| l.is_blank()) {
        j += 1;
    }
    let first = lines.get(j).filter(|l| !l.is_blank())?;
    if !is_plain_title(first.text) && !is_title_text(first.text)
        || is_body_text(first.text)
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
    let title = clean_title(&join(lines, j, last));
    if lines.get(last + 1).is_some_and(|l| is_byline(l.text)) {
        last += 1;
    }
    Some(Candidate {
        first: i,
        last,
        class: HeadingClass::Annex,
        number: Some(e.number.clone()),
        title,
        synthetic: false,
        body_start: None,
    })
}

/// "Submitted by the Chairperson": who wrote the document, not a heading.
pub(super) fn is_byline(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    [
        "submitted by",
        "prepared by",
        "presented by",
        "transmitted by",
        "compiled by",
    ]
    .iter()
    .any(|b| lower.starts_with(b))
        && word_count_upto(text, 16) <= 15
}

/// A row of a table: several numbers among few words ("Banteay Meanchey 6
/// Battambang 8 ...", "Flights flown 500 746 241"), or cells apart by wide gaps.
fn is_table_row(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let numbers = tokens
        .iter()
        .filter(|t| {
            let t = t.trim_matches(|c: char| matches!(c, ',' | '.' | '%' | '(' | ')'));
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
        .count();
    (numbers >= 3 && numbers * 5 >= tokens.len()) || text.matches("   ").count() >= 2
}

/// Words that open a sentence rather than a title.
const SENTENCE_OPENERS: [&str; 12] = [
    "The", "A", "An", "In", "On", "At", "It", "This", "These", "As", "Some", "Many",
];

/// Whether the text after an enumerator of `class` reads as a heading's title.
fn title_like(class: HeadingClass, rest: &str) -> bool {
    // "The definition should meet the following requirements:" leads into a list,
    // "The Chair organized informal meetings on 15 May." is a one-line paragraph
    let lowercase_run = word_count_upto(rest, 6) >= 6 && capitalised_ratio(rest) < 0.5;
    if lowercase_run && rest.ends_with(':') {
        return false;
    }
    // an agenda item in sentence case ("Adoption of the rules of procedure.") is
    // still a title: a sentence opens with its subject or runs long
    let opens_sentence = SENTENCE_OPENERS.contains(&rest.split_whitespace().next().unwrap_or(""));
    if lowercase_run && rest.ends_with('.') && (opens_sentence || word_count_upto(rest, 10) >= 10) {
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
    let ok = (1..=8).contains(&words)
        && !(strict && sentence_start)
        && starts_upper(title)
        && !title.contains(',')
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

/// "I.", "V." and "X." after "H.", "U." and "W." continue a lettered list.
fn letter_after_letter(c: &mut Candidate, before: &[Candidate]) {
    let Some(n) = c.number.as_deref().filter(|n| n.len() == 1) else {
        return;
    };
    if c.class != HeadingClass::Roman {
        return;
    }
    let prev_letter = before
        .iter()
        .rev()
        .find(|b| b.class == HeadingClass::Letter);
    let expected = prev_letter
        .and_then(|b| b.number.as_deref())
        .and_then(|p| p.bytes().next())
        .map(|b| (b + 1) as char);
    if expected.is_some_and(|e| n.starts_with(e)) {
        c.class = HeadingClass::Letter;
    }
}

/// Lines that stand more than once in a document: running headers and footers
/// (of the lines [`is_plain_title`] may accept, the only ones looked up).
fn repeated_lines(lines: &[Line<'_>]) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut repeated = HashSet::new();
    // only title lines are looked up, and a longer line collapses to another text
    let short =
        |l: &&Line<'_>| word_count_upto(l.text, MAX_PLAIN_TITLE_WORDS + 1) <= MAX_PLAIN_TITLE_WORDS;
    for l in lines.iter().filter(|l| !l.is_blank()).filter(short) {
        let key = collapse(l.text);
        if !seen.insert(key.clone()) {
            repeated.insert(key);
        }
    }
    repeated
}

/// Whitespace runs as one space, ends trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A title that wraps in layout text continues on lines indented like its text
/// and not starting anything of their own.
fn continuation_end(lines: &[Line<'_>], i: usize) -> usize {
    let mut last = i;
    while let Some(next) = lines.get(last + 1) {
        if next.is_blank()
            || next.mark.is_some()
            || enumerator(next.text).is_some()
            || is_bullet(next.text)
            || lettered_paragraph(next.text).is_some()
        {
            break;
        }
        // a line ending in a colon or full stop ends a title ("III. Pledges:")
        let ended = lines[last].text;
        let continues_lowercase = next.text.starts_with(|c: char| c.is_lowercase());
        if ended.ends_with([':', '.']) && word_count_upto(ended, 13) <= 12 && !continues_lowercase {
            break;
        }
        last += 1;
        if last - i > 30 {
            break;
        }
    }
    last
}

fn join(lines: &[Line<'_>], first: usize, last: usize) -> String {
    lines[first..=last]
        .iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join(" ")
}

fn enumerated_candidate(text: &str, first: usize, last: usize) -> Option<Candidate> {
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

fn plain(class: HeadingClass, text: &str, first: usize, last: usize) -> Candidate {
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

/// Whether any line in `from..to` is running text.
fn has_body_text(lines: &[Line<'_>], from: usize, to: usize) -> bool {
    lines[from..to].iter().any(|l| is_body_text(l.text))
}

/// Drops the headings of a title block (un-numbered headings with no body before
/// the first running text) and plain title lines with no body (footers such as
/// "Final version (as at 17 March 2015)").
pub(super) fn drop_title_block_and_empty(
    lines: &[Line<'_>],
    candidates: Vec<Candidate>,
) -> Vec<Candidate> {
    let first_body = lines
        .iter()
        .position(|l| is_body_text(l.text))
        .unwrap_or(lines.len());
    let mut kept: Vec<Candidate> = Vec::new();
    for (k, c) in candidates.iter().enumerate() {
        let next = candidates.get(k + 1).map_or(lines.len(), |n| n.first);
        let empty = !has_body_text(lines, c.last + 1, next)
            && !lines[c.last + 1..next]
                .iter()
                .any(|l| !l.is_blank() && is_bullet(l.text));
        let unnumbered = matches!(
            c.class,
            HeadingClass::Markdown(_) | HeadingClass::Bold | HeadingClass::Plain
        );
        let title_block = unnumbered && empty && c.first < first_body;
        let empty_plain = c.class == HeadingClass::Plain && empty;
        if !title_block && !empty_plain {
            kept.push(c.clone());
        }
    }
    kept
}

/// A front-matter segment when running text comes before the first heading.
fn front_matter(lines: &[Line<'_>], first_heading: Option<usize>) -> Option<Segment> {
    let end = first_heading.unwrap_or(lines.len());
    let first_body = lines[..end].iter().position(|l| is_body_text(l.text))?;
    // start at the paragraph holding the first running text
    let mut start = first_body;
    // a wrapped paragraph's first lines do not end a sentence, but run long
    while start > 0
        && !lines[start - 1].is_blank()
        && (is_body_text(lines[start - 1].text) || word_count_upto(lines[start - 1].text, 10) >= 10)
    {
        start -= 1;
    }
    let body_start = lines[start].text_start;
    let body_end = if end < lines.len() {
        lines[end].text_start.saturating_sub(1)
    } else {
        lines.last().map_or(0, |l| l.span.end)
    };
    Some(Segment {
        ordinal: 0,
        kind: SegmentKind::FrontMatter,
        number: None,
        title: "(front matter)".to_string(),
        level: 0,
        parent: None,
        heading: Span::new(body_start, body_start),
        body: Span::new(body_start, body_end.max(body_start)),
        paragraphs: Vec::new(),
    })
}

/// Every visible character belongs to a segment: the title block before the
/// first segment is counted in its heading (a front matter's heading is the
/// title block above its running text), and a document without any heading
/// or running text is one front-matter segment.
fn cover_title_block(segments: &mut Vec<Segment>, text: &str) {
    let Some(visible) = text.find(|c: char| !c.is_whitespace()) else {
        return;
    };
    let Some(first) = segments.first_mut() else {
        let end = text.trim_end().len();
        segments.push(Segment {
            ordinal: 0,
            kind: SegmentKind::FrontMatter,
            number: None,
            title: "(front matter)".to_string(),
            level: 0,
            parent: None,
            heading: Span::new(visible, visible),
            body: Span::new(visible, end),
            paragraphs: Vec::new(),
        });
        return;
    };
    if first.extent().start <= visible {
        return;
    }
    if first.heading.is_empty() {
        // the title block above the first running text or paragraph
        let end = text[..first.body.start].trim_end().len().max(visible);
        first.heading = Span::new(visible, end);
    } else {
        first.heading.start = visible;
    }
}

/// Numbered paragraphs become citation anchors of the segment holding them; each
/// runs to the next anchor or the end of the segment.
fn attach_paragraphs(
    segments: &mut [Segment],
    lines: &[Line<'_>],
    anchors: &[(usize, String)],
    text_len: usize,
) {
    for (k, (line, number)) in anchors.iter().enumerate() {
        let start = lines[*line].text_start;
        let Some(seg) = segments
            .iter_mut()
            .rev()
            .find(|s| s.extent().start <= start)
        else {
            continue;
        };
        let next = anchors
            .get(k + 1)
            .map_or(text_len, |(l, _)| lines[*l].text_start);
        let end = next.min(seg.body.end).max(start);
        // from the anchor on: scanning from the first line made this quadratic
        // in the paragraphs of a long record (the anchor line is never blank,
        // so the last non-blank line before `end` is the same)
        let text_end = lines[*line..]
            .iter()
            .take_while(|l| l.span.start < end)
            .filter(|l| !l.is_blank())
            .map(|l| l.span.end)
            .last()
            .unwrap_or(end)
            .min(end)
            .max(start);
        seg.paragraphs.push(Paragraph {
            number: number.clone(),
            span: Span::new(start, text_end),
        });
    }
}
