//! Why each line of a document became a heading or not: the segmenter's
//! decisions in words, for `agendex show DOC --explain-outline`.

use super::line_scan::scan_lines;
use super::outline::{drop_title_block_and_empty, find_candidates, Trace};
use crate::model::Document;

/// The segmenter's decision on one non-blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineDecision {
    /// 1-based line number in the cleaned text.
    pub line: usize,
    /// "heading", "paragraph" (a numbered citation anchor) or "text".
    pub verdict: &'static str,
    /// Why, in words.
    pub reason: String,
    /// The line's text, trimmed.
    pub text: String,
}

/// One decision per non-blank line of the document, in text order.
pub fn explain(doc: &Document) -> Vec<LineDecision> {
    let lines = scan_lines(doc);
    let mut trace: Trace = Vec::new();
    let (candidates, anchors) = find_candidates(&lines, Some(&mut trace));
    let kept = drop_title_block_and_empty(&lines, candidates.clone());
    let mut out = Vec::new();
    let mut run = trace.iter().peekable();
    let mut current: Option<(usize, usize, &'static str)> = None;
    for (i, l) in lines.iter().enumerate() {
        while run.peek().is_some_and(|r| r.0 <= i) {
            current = run.next().copied();
        }
        if l.is_blank() {
            continue;
        }
        let why = current.filter(|r| r.0 <= i && i <= r.1);
        let (verdict, reason) = if let Some(c) = kept.iter().find(|c| c.first == i) {
            let number = c
                .number
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            let how = if c.synthetic {
                "starts a segment without a heading line of its own (a resolution's operative part)"
            } else {
                why.map_or("heading", |w| w.2)
            };
            ("heading", format!("{how} -> \"{number}{}\"", c.title))
        } else if kept.iter().any(|c| c.first < i && i <= c.last) {
            ("heading", "continues the heading above".to_string())
        } else if candidates.iter().any(|c| c.first == i) {
            (
                "text",
                format!(
                    "{}, but dropped: a title-block line or a heading with no body text",
                    why.map_or("heading-like", |w| w.2)
                ),
            )
        } else if let Some((_, n)) = anchors.iter().find(|(a, _)| *a == i) {
            let reason = match why.map(|w| w.2) {
                Some(w) if w.starts_with("numbered paragraph") || w.starts_with("lettered") => {
                    w.to_string()
                }
                Some(w) => format!(
                    "{w}, but a numbered paragraph: most of its run of numbers are paragraphs, or it is an operative paragraph"
                ),
                None => "numbered paragraph".to_string(),
            };
            ("paragraph", format!("{reason} -> para {n}"))
        } else {
            match why {
                Some(w) if w.0 == i => ("text", w.2.to_string()),
                Some(_) => ("text", "continues the line above".to_string()),
                None => ("text", "body text".to_string()),
            }
        };
        out.push(LineDecision {
            line: i + 1,
            verdict,
            reason,
            text: l.text.to_string(),
        });
    }
    out
}
