//! From heading candidates to the outline: title blocks dropped, front matter
//! found, levels and parents assigned, bodies and numbered paragraphs attached.

use super::heading_rules::{is_body_text, is_bullet, word_count_upto, HeadingClass};
use super::line_roles::{classify, is_byline, repeated_lines, Role};
use super::line_scan::Line;
use super::resolution;
use crate::model::{Paragraph, Segment, SegmentKind, Span};

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

/// Builds the outline of a document from its lines.
pub fn build_outline(lines: &[Line<'_>], text: &str) -> Vec<Segment> {
    let text_len = text.len();
    let (candidates, anchors) = find_candidates(lines, None);
    let kept = drop_title_block_and_empty(lines, candidates);
    let mut segments = Vec::new();
    if let Some(front) = front_matter(lines, kept.first().map(|c| c.first), &anchors) {
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
    let is_draft =
        |c: &HeadingClass| matches!(c, HeadingClass::Resolution | HeadingClass::Proposal);
    if matches!(class, HeadingClass::Preamble | HeadingClass::Operative) {
        // a resolution's parts belong to the innermost open resolution or draft
        if let Some(pos) = stack.iter().rposition(|(c, _)| is_draft(c)) {
            stack.truncate(pos + 1);
            return stack.last().map(|&(_, ord)| ord);
        }
    }
    if class == HeadingClass::ProposalGroup {
        // "Draft decisions" closes the drafts (and their parts) open before it
        if let Some(pos) = stack
            .iter()
            .position(|(c, _)| matches!(c, HeadingClass::Proposal | HeadingClass::ProposalGroup))
        {
            stack.truncate(pos);
        }
        return stack.last().map(|&(_, ord)| ord);
    }
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
    let marks_headings = lines.iter().any(|l| l.mark.is_some());
    let mut candidates = Vec::new();
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            i += 1;
            continue;
        }
        let (role, mut last, why) = classify(lines, i, &repeated, marks_headings);
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
fn front_matter(
    lines: &[Line<'_>],
    first_heading: Option<usize>,
    anchors: &[(usize, String)],
) -> Option<Segment> {
    let end = first_heading.unwrap_or(lines.len());
    // a numbered paragraph is running text even when none of its wrapped lines
    // reads as a sentence ("2. The Group met from 25 to 29 March and from 20 to 21")
    let first_paragraph = anchors.iter().map(|(l, _)| *l).find(|&l| l < end);
    let first_sentence = lines[..end].iter().position(|l| is_body_text(l.text));
    let first_body = match (first_sentence, first_paragraph) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
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
    Some(front_matter_segment(body_start, body_end))
}

/// The "(front matter)" segment of the text from `start` to `end`: no heading of
/// its own (a title block above it is added to the heading later).
fn front_matter_segment(start: usize, end: usize) -> Segment {
    Segment {
        ordinal: 0,
        kind: SegmentKind::FrontMatter,
        number: None,
        title: "(front matter)".to_string(),
        level: 0,
        parent: None,
        heading: Span::new(start, start),
        body: Span::new(start, end.max(start)),
        paragraphs: Vec::new(),
    }
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
        segments.push(front_matter_segment(visible, text.trim_end().len()));
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
