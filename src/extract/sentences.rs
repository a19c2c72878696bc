//! Units of running text: sentences, list items and headings.
//!
//! Sentences come from unicode-segmentation (UAX #29), repaired where it breaks
//! after an abbreviation ("Mr.", "e.g.", "No.") or an initial ("J."), or after a
//! paragraph number ("12."). A bullet or list item is one unit, however many
//! sentences it holds (the gold convention for requests). A heading is a unit of
//! its own, never glued to the sentence after it, and statements are not sought in
//! it. A paragraph broken by a page break (blank line, then a lower-case
//! continuation) is joined again.

use crate::model::{LineMark, Segment, Span};

/// What kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A sentence of running text.
    Sentence,
    /// A bullet or list item.
    ListItem,
    /// A heading or title line.
    Heading,
}

/// A unit with its kind and segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The text, without bullet marker or paragraph number, trimmed.
    pub span: Span,
    /// Ordinal of the segment holding it (0 when there are no segments).
    pub segment: usize,
    /// Kind.
    pub kind: UnitKind,
}

/// Abbreviations that never end a sentence when followed by more text.
pub const DEFAULT_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "No.", "Nos.", "e.g.", "i.e.", "eg.", "ie.",
    "cf.", "vs.", "Art.", "art.", "para.", "paras.", "p.", "pp.", "Vol.", "Inc.", "Co.", "H.E.",
    "U.S.", "U.N.", "U.K.", "Amb.", "Gen.", "Rev.", "Jr.", "Sr.", "approx.", "Fig.", "Ref.",
    "Corr.", "Add.", "Rev.1.", "Mme.", "op.", "viz.", "al.",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Bullet,
    Numbered,
    Heading,
    Text,
}

struct Line {
    start: usize,
    end: usize,
    kind: LineKind,
}

/// Length of a bullet marker ("- ", "• ", "o ") at the start of `s` (after indentation).
fn bullet_len(s: &str) -> Option<usize> {
    for m in [
        "- ", "* ", "• ", "o ", "▪ ", "– ", "· ", "◦ ", "● ", "➢ ", "• ", "-\t", "•\t",
    ] {
        if s.starts_with(m) {
            return Some(m.len());
        }
    }
    None
}

/// Longest [`enumerator_len`] can return: "(" four characters ") ", or eight
/// digits and points, ")" and a space.
const MAX_ENUMERATOR_LEN: usize = 10;

/// Length of a paragraph enumerator ("12. ", "2.1 ", "(a) ", "a) ") at the start of `s`.
pub fn enumerator_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'(') {
        i = 1;
        let st = i;
        while i < b.len() && (b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) && i - st < 4 {
            i += 1;
        }
        if i > st && b.get(i) == Some(&b')') && b.get(i + 1).is_some_and(|c| *c == b' ') {
            return Some(i + 2);
        }
        return None;
    }
    let st = i;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') && i - st < 8 {
        i += 1;
    }
    if i > st && b[st].is_ascii_digit() {
        let num = &s[st..i];
        // "1." / "2.1" / "2.1." but not "2015." (a year) nor "1.5 million"
        let groups_ok = num
            .trim_end_matches('.')
            .split('.')
            .all(|g| !g.is_empty() && g.len() <= 2);
        let ends_ok = num.ends_with('.') || num.contains('.') || b.get(i) == Some(&b')');
        let mut j = i;
        if b.get(j) == Some(&b')') {
            j += 1;
        }
        if groups_ok && ends_ok && b.get(j).is_some_and(|c| *c == b' ' || *c == b'\t') {
            return Some(j + 1);
        }
    }
    if i == 0 && b.len() > 2 && b[0].is_ascii_lowercase() && b[1] == b')' && b[2] == b' ' {
        return Some(3);
    }
    None
}

fn is_heading_line(
    text: &str,
    start: usize,
    end: usize,
    marks: &MarkIndex,
    prev_blank: bool,
    next_blank: bool,
) -> bool {
    if overlaps_any(marks, Span::new(start, end)) {
        return true;
    }
    if !(prev_blank && next_blank) {
        return false;
    }
    let line = text[start..end].trim();
    // counted up to the bound it is compared with: paragraphs are long
    let words = crate::segment::heading_rules::word_count_upto(line, 17);
    let body = match enumerator_len(line) {
        Some(n) => &line[n..],
        None => line,
    };
    let terminal = body.ends_with(['.', '?', '!', ';', ',']);
    words <= 16 && (!terminal || (body.len() < line.len() && words <= 12))
}

/// Whether a span of `sorted` (sorted by start) overlaps `span`: a binary
/// search for the spans starting before its end, then a look back over those
/// that may still reach into it (marks are short and rarely nest, so the look
/// back stops after one or two).
fn overlaps_any(sorted: &MarkIndex, span: Span) -> bool {
    let before_end = sorted.spans.partition_point(|m| m.start < span.end);
    sorted.spans[..before_end]
        .iter()
        .rev()
        .zip(sorted.max_end[..before_end].iter().rev())
        .take_while(|(_, &reach)| reach > span.start)
        .any(|(m, _)| m.overlaps(span))
}

/// Spans sorted by start, with the furthest end among each prefix: what
/// [`overlaps_any`] searches instead of every mark for every line.
struct MarkIndex {
    spans: Vec<Span>,
    /// `max_end[i]`: the largest end of `spans[..=i]`.
    max_end: Vec<usize>,
}

impl MarkIndex {
    fn new(mut spans: Vec<Span>) -> MarkIndex {
        spans.sort_by_key(|m| (m.start, m.end));
        let max_end = spans
            .iter()
            .scan(0, |far, m| {
                *far = (*far).max(m.end);
                Some(*far)
            })
            .collect();
        MarkIndex { spans, max_end }
    }
}

/// Splits a document's text into units.
pub fn split(
    text: &str,
    heading_marks: &[Span],
    segments: &[Segment],
    abbreviations: &[String],
) -> Vec<Unit> {
    let mut marks: Vec<Span> = heading_marks.to_vec();
    marks.extend(
        segments
            .iter()
            .filter(|s| !s.heading.is_empty())
            .map(|s| s.heading),
    );
    let marks = MarkIndex::new(marks);
    // lines
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let end = pos + l.trim_end_matches(['\n', '\r']).len();
        raw.push((pos, end));
        pos += l.len();
    }
    let blank: Vec<bool> = raw
        .iter()
        // what `trim().is_empty()` says, stopping at a line's first letter
        .map(|&(s, e)| text[s..e].chars().all(char::is_whitespace))
        .collect();
    let lines: Vec<Line> = raw
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let t = text[s..e].trim_start();
            let kind = if blank[i] || is_page_marker(t) {
                LineKind::Blank
            } else if bullet_len(t).is_some() {
                LineKind::Bullet
            } else if is_heading_line(
                text,
                s,
                e,
                &marks,
                i == 0 || blank[i - 1],
                i + 1 >= raw.len() || blank[i + 1],
            ) {
                LineKind::Heading
            } else if enumerator_len(t).is_some() {
                LineKind::Numbered
            } else {
                LineKind::Text
            };
            Line {
                start: s,
                end: e,
                kind,
            }
        })
        .collect();

    // blocks of lines
    let mut blocks: Vec<(usize, usize, UnitKind)> = Vec::new();
    let mut cur: Option<(usize, usize, UnitKind)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        match line.kind {
            LineKind::Blank => {
                if let Some(c) = cur {
                    // page-break join: the block does not end a sentence and the next
                    // text line starts in lower case
                    let next = lines[i..].iter().find(|l| l.kind != LineKind::Blank);
                    let open = !text[c.0..c.1]
                        .trim_end()
                        .ends_with(['.', '?', '!', ':', ';']);
                    let cont = next.is_some_and(|n| {
                        n.kind == LineKind::Text
                            && text[n.start..n.end]
                                .trim_start()
                                .starts_with(|ch: char| ch.is_lowercase())
                    });
                    if !(open && cont && c.2 != UnitKind::Heading) {
                        blocks.push(c);
                        cur = None;
                    }
                }
            }
            LineKind::Heading => {
                if let Some(c) = cur.take() {
                    blocks.push(c);
                }
                // a run-in heading ("1.1 Meeting Open. The Chair opened ..."):
                // the text after the heading is a paragraph of its own
                let first = marks.spans.partition_point(|m| m.start < line.start);
                let run_in = marks
                    .spans
                    .get(first)
                    .filter(|m| m.start < line.end)
                    .map(|m| m.end)
                    .filter(|&he| {
                        he > line.start
                            && he < line.end
                            && text[he..line.end].split_whitespace().nth(5).is_some()
                    });
                match run_in {
                    Some(he) => {
                        blocks.push((line.start, he, UnitKind::Heading));
                        cur = Some((he, line.end, UnitKind::Sentence));
                    }
                    None => blocks.push((line.start, line.end, UnitKind::Heading)),
                }
            }
            LineKind::Bullet => {
                if let Some(c) = cur.take() {
                    blocks.push(c);
                }
                cur = Some((line.start, line.end, UnitKind::ListItem));
            }
            LineKind::Numbered => {
                if let Some(c) = cur.take() {
                    blocks.push(c);
                }
                cur = Some((line.start, line.end, UnitKind::Sentence));
            }
            LineKind::Text => match cur.as_mut() {
                Some(c) => c.1 = line.end,
                None => cur = Some((line.start, line.end, UnitKind::Sentence)),
            },
        }
        i += 1;
    }
    if let Some(c) = cur {
        blocks.push(c);
    }

    let mut units = Vec::new();
    for (s, e, kind) in blocks {
        let (s, e) = strip_marker(text, s, e);
        if s >= e {
            continue;
        }
        match kind {
            UnitKind::Sentence => split_sentences(text, s, e, abbreviations, &mut units),
            _ => units.push(Unit {
                span: Span::new(s, e),
                segment: 0,
                kind,
            }),
        }
    }
    let extents: Vec<Span> = segments.iter().map(Segment::extent).collect();
    // outlines list their segments by where they start: then the segments
    // starting at or before a unit are a prefix, found by binary search
    let sorted = extents.windows(2).all(|w| w[0].start <= w[1].start);
    for u in &mut units {
        u.segment = if sorted {
            segment_of_sorted(segments, &extents, u.span.start)
        } else {
            segment_of(segments, u.span.start)
        };
    }
    units
}

/// "/..." alone on a line: a UN document's "continued overleaf" at a page foot.
/// It is read as a blank line, so a paragraph it cuts is joined again.
fn is_page_marker(line: &str) -> bool {
    // every marker opens with a slash: other lines are not trimmed at both ends
    let t = line.trim_start();
    t.starts_with('/') && matches!(t.trim_end(), "/..." | "/…" | "/ ...")
}

/// Trims whitespace, a bullet marker and a paragraph number from a block.
fn strip_marker(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let t = &text[s..e];
    s += t.len() - t.trim_start().len();
    let t = &text[s..e];
    if let Some(n) = bullet_len(t) {
        s += n;
    } else if let Some(n) = enumerator_len(t) {
        s += n;
    }
    let t = &text[s..e];
    s += t.len() - t.trim_start().len();
    let t = &text[s..e];
    e = s + t.trim_end().len();
    (s, e)
}

fn split_sentences(text: &str, s: usize, e: usize, abbrevs: &[String], out: &mut Vec<Unit>) {
    // UAX #29 breaks at every line end: hide them (same byte length) to keep offsets
    let block = &text[s..e];
    // and a page marker joined over ("/..."), whose dots would end a sentence
    let flat: std::borrow::Cow<str> = if block.contains(['\n', '\r']) {
        flatten(block).into()
    } else {
        block.into()
    };
    let pieces = super::sentence_breaks::sentence_pieces(&flat);
    let mut start: Option<usize> = None;
    for (k, (off, piece)) in pieces.iter().enumerate() {
        let st = *start.get_or_insert(*off);
        let end = off + piece.len();
        let acc = flat[st..end].trim_end();
        let next = pieces.get(k + 1).map(|(_, p)| p.trim_start());
        let glue = next.is_some_and(|n| {
            ends_with_abbreviation(acc, abbrevs)
                || n.starts_with(|c: char| {
                    c.is_lowercase() || c.is_ascii_digit() && acc.ends_with(',')
                })
                || is_bare_enumerator(acc.trim())
        });
        if glue {
            continue;
        }
        push_trimmed(s + st, s + end, text, out);
        start = None;
    }
    if let Some(st) = start {
        push_trimmed(s + st, e, text, out);
    }
}

/// `block` with its line ends as spaces and its page markers blanked, byte
/// for byte (offsets are kept): ASCII bytes replaced by spaces, in one copy.
fn flatten(block: &str) -> String {
    let mut f = Vec::with_capacity(block.len());
    for l in block.split_inclusive('\n') {
        if is_page_marker(l) {
            f.resize(f.len() + l.len(), b' ');
        } else {
            f.extend(
                l.bytes()
                    .map(|b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
            );
        }
    }
    // ASCII bytes were swapped for ASCII bytes: still UTF-8
    String::from_utf8(f).unwrap_or_else(|_| block.replace(['\n', '\r'], " "))
}

/// Whether `piece` is nothing but a paragraph enumerator ("12.", "(a)"), which
/// must not stand as a sentence of its own.
fn is_bare_enumerator(piece: &str) -> bool {
    // an enumerator with its space is at most 10 bytes long: longer pieces need
    // no copy to find out
    piece.len() < MAX_ENUMERATOR_LEN
        && enumerator_len(&format!("{piece} ")).is_some_and(|l| l > piece.len())
}

fn push_trimmed(s: usize, e: usize, text: &str, out: &mut Vec<Unit>) {
    let t = &text[s..e];
    let s2 = s + (t.len() - t.trim_start().len());
    let e2 = s2 + text[s2..e].trim_end().len();
    if e2 > s2 {
        out.push(Unit {
            span: Span::new(s2, e2),
            segment: 0,
            kind: UnitKind::Sentence,
        });
    }
}

fn ends_with_abbreviation(acc: &str, abbrevs: &[String]) -> bool {
    let last = acc.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(['(', '"', '\'', '“']);
    if DEFAULT_ABBREVIATIONS.contains(&last) || abbrevs.iter().any(|a| a == last) {
        return true;
    }
    // an initial: "J." or "A.B."
    let core = last.trim_end_matches('.');
    last.ends_with('.')
        && !core.is_empty()
        && core
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()))
}

/// Ordinal of the segment whose extent holds `pos`: the innermost (last starting)
/// one; 0 when there are no segments.
pub fn segment_of(segments: &[Segment], pos: usize) -> usize {
    let mut best = None;
    for s in segments {
        let ext = s.extent();
        if ext.start <= pos && pos < ext.end.max(ext.start + 1) {
            best = Some(s.ordinal);
        }
    }
    best.or_else(|| {
        segments
            .iter()
            .filter(|s| s.extent().start <= pos)
            .map(|s| s.ordinal)
            .next_back()
    })
    .unwrap_or(0)
}

/// [`segment_of`] for segments whose extents (`extents`, one per segment) are
/// sorted by start: the same answer, looking only at the segments that start
/// at or before `pos`, from the last one back.
fn segment_of_sorted(segments: &[Segment], extents: &[Span], pos: usize) -> usize {
    let started = extents.partition_point(|e| e.start <= pos);
    let inner = extents[..started]
        .iter()
        .rposition(|e| pos < e.end.max(e.start + 1));
    inner
        .or(started.checked_sub(1))
        .and_then(|i| segments.get(i))
        .map_or(0, |s| s.ordinal)
}

/// Heading marks of a document as spans.
pub fn heading_marks(marks: &[crate::model::MarkedLine]) -> Vec<Span> {
    marks
        .iter()
        .filter(|m| matches!(m.mark, LineMark::Heading(_)))
        .map(|m| m.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn seg(ordinal: usize, heading: (usize, usize), body: (usize, usize)) -> Segment {
        Segment {
            ordinal,
            kind: crate::model::SegmentKind::Item,
            number: None,
            title: String::new(),
            level: 1,
            parent: None,
            heading: Span::new(heading.0, heading.1),
            body: Span::new(body.0, body.1),
            paragraphs: Vec::new(),
        }
    }

    #[test]
    fn page_markers_and_blank_lines_whatever_their_spaces() {
        for marker in ["/...", "  /…  ", "\u{a0}/ ...\t", "/..."] {
            assert!(is_page_marker(marker), "{marker:?}");
        }
        for other in ["/.. .", "a /...", "/", ""] {
            assert!(!is_page_marker(other), "{other:?}");
        }
        // a line of no-break and em spaces is blank: the sentences on either side
        // stay apart
        let units = split("First line\n\u{a0}\u{2003}\nSecond line", &[], &[], &[]);
        assert_eq!(units.len(), 2);
    }

    proptest! {
        #[test]
        fn lookups_agree_with_the_linear_scans(
            spans in prop::collection::vec((0usize..60, 0usize..12, 0usize..12), 0..12),
            pos in 0usize..80,
            len in 0usize..6,
        ) {
            let marks: Vec<Span> = spans.iter().map(|&(s, l, _)| Span::new(s, s + l)).collect();
            let line = Span::new(pos, pos + len);
            prop_assert_eq!(
                overlaps_any(&MarkIndex::new(marks.clone()), line),
                marks.iter().any(|m| m.overlaps(line))
            );
            // outlines in text order, extents of any length, nested or not
            let mut sorted = spans.clone();
            sorted.sort();
            let segments: Vec<Segment> = sorted
                .iter()
                .enumerate()
                .map(|(i, &(s, h, b))| seg(i, (s, s + h), (s + h, s + h + b)))
                .collect();
            let extents: Vec<Span> = segments.iter().map(Segment::extent).collect();
            prop_assert_eq!(
                segment_of_sorted(&segments, &extents, pos),
                segment_of(&segments, pos)
            );
        }

        #[test]
        fn flattening_keeps_offsets_and_blanks_markers(
            lines in prop::collection::vec(
                prop::sample::select(&["a b.", "/...", "/…", "", "Éé.", " x\r"][..]), 0..8)
        ) {
            let block = lines.join("\n");
            let mut old = String::new();
            for l in block.split_inclusive('\n') {
                if is_page_marker(l) {
                    old.extend(std::iter::repeat_n(' ', l.len()));
                } else {
                    old.push_str(&l.replace(['\n', '\r'], " "));
                }
            }
            prop_assert_eq!(flatten(&block), old);
        }
    }

    fn texts(text: &str) -> Vec<(String, UnitKind)> {
        split(text, &[], &[], &[])
            .iter()
            .map(|u| (text[u.span.start..u.span.end].to_string(), u.kind))
            .collect()
    }

    #[test]
    fn enumerators_are_never_longer_than_the_bound() {
        for s in [
            "(abcd) x",
            "12345678) x",
            "1.2.3.45) x",
            "a) x",
            "12. x",
            "1234.5678 x",
        ] {
            assert!(
                enumerator_len(s).is_none_or(|l| l <= MAX_ENUMERATOR_LEN),
                "{s}"
            );
        }
        assert_eq!(enumerator_len("12.1.2.3) x"), Some(10));
        assert!(is_bare_enumerator("12."));
        assert!(is_bare_enumerator("(a)"));
        assert!(!is_bare_enumerator("12. Text"));
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let t = "Mr. Magdy Martinez spoke, e.g. on funding. Dr. J. Smith agreed. See No. 5 of it.";
        let s: Vec<String> = texts(t).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Magdy Martinez spoke, e.g. on funding.",
                "Dr. J. Smith agreed.",
                "See No. 5 of it."
            ]
        );
    }

    #[test]
    fn bullets_are_units_and_headings_stand_alone() {
        let t = "KEY POINTS\n\n- Two states had deadlines. Neither needed help.\n- Another point\n\nBody text here. Second one.\n";
        let u = texts(t);
        assert_eq!(u[0], ("KEY POINTS".into(), UnitKind::Heading));
        assert_eq!(
            u[1],
            (
                "Two states had deadlines. Neither needed help.".into(),
                UnitKind::ListItem
            )
        );
        assert_eq!(u[2], ("Another point".into(), UnitKind::ListItem));
        assert_eq!(u[3].0, "Body text here.");
        assert_eq!(u[4].0, "Second one.");
    }

    #[test]
    fn numbered_paragraphs_and_page_breaks() {
        let t =
            "1. One sentence here. Two here.\n2. Next para is\n\ncontinued after a page break.\n";
        let s: Vec<String> = texts(t).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            s,
            vec![
                "One sentence here.",
                "Two here.",
                "Next para is\n\ncontinued after a page break."
            ]
        );
        let t = "36. The level of its Military Component, which under the original plan\nwas to have\n\n/...\n\nbeen reduced, should be kept. Next.\n";
        let s: Vec<String> = texts(t).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            s,
            vec![
                "The level of its Military Component, which under the original plan\nwas to have\n\n/...\n\nbeen reduced, should be kept.",
                "Next."
            ]
        );
    }
}
