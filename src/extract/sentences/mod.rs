//! Units of running text: sentences, list items and headings.
//!
//! Sentences come from unicode-segmentation (UAX #29), repaired where it breaks
//! after an abbreviation ("Mr.", "e.g.", "No.") or an initial ("J."), or after a
//! paragraph number ("12."). A bullet or list item is one unit, however many
//! sentences it holds (the gold convention for requests). A heading is a unit of
//! its own, never glued to the sentence after it, and statements are not sought in
//! it. A paragraph broken by a page break (blank line, then a lower-case
//! continuation) is joined again.

mod markers;
mod running_text;
#[cfg(test)]
mod tests;

use crate::model::{LineMark, Segment, Span};
pub use markers::enumerator_len;
use markers::{bullet_len, is_page_marker, strip_marker};
use running_text::split_sentences;

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
