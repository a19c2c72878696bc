//! The cleaned text as lines with the features heading rules look at.

use crate::model::{Document, LineMark, Span};

/// One line of the cleaned text.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The whole line, without its newline.
    pub span: Span,
    /// The line's text with surrounding whitespace trimmed.
    pub text: &'a str,
    /// Byte offset of `text` in the document.
    pub text_start: usize,
    /// Column (in chars) where `text` starts: layout text indents titles and paragraphs.
    pub indent: usize,
    /// How the source marked the line, if it did.
    pub mark: Option<LineMark>,
}

impl Line<'_> {
    /// True for an empty or whitespace-only line.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits a document into lines, attaching Markdown/bold marks.
pub fn scan_lines(doc: &Document) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut marks = doc.marks.iter().peekable();
    let mut start = 0;
    for raw in doc.text.split('\n') {
        let span = Span::new(start, start + raw.len());
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        while marks.peek().is_some_and(|m| m.span.end < span.start) {
            marks.next();
        }
        let mark = marks
            .peek()
            .filter(|m| m.span.start >= span.start && m.span.end <= span.end)
            .map(|m| m.mark);
        lines.push(Line {
            span,
            text,
            text_start: start + lead,
            indent: raw[..lead].chars().count(),
            mark,
        });
        start = span.end + 1;
    }
    lines
}

/// What [`join_lines`] does with a line that ends in a hyphen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Hyphens {
    /// Keep it and add the space: a line-end hyphen may be a dash ("Chair -").
    Keep,
    /// Join the next line to it without a space: a word broken over two
    /// lines of a title ("small-" / "arms").
    Rejoin,
}

/// The texts of `lines[first..=last]` as one line, joined by single spaces.
pub(super) fn join_lines(
    lines: &[Line<'_>],
    first: usize,
    last: usize,
    hyphens: Hyphens,
) -> String {
    let mut out = String::new();
    for line in &lines[first..=last] {
        let rejoin = hyphens == Hyphens::Rejoin && out.ends_with('-');
        if !out.is_empty() && !rejoin {
            out.push(' ');
        }
        out.push_str(line.text);
    }
    out
}
