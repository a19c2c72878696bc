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
