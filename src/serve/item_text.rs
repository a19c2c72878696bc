//! An item's text cut into paragraphs (numbered ones become citation anchors),
//! with its entity mentions marked by type.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::index::Record;

/// A run of paragraph text, marked when it is a mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'a> {
    /// The text, as stored.
    pub text: &'a str,
    /// The mention's entity type and normalised value.
    pub mark: Option<(&'a str, &'a str)>,
}

/// A paragraph of an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph<'a> {
    /// The number as printed ("12", "(a)"), for numbered paragraphs.
    pub number: Option<String>,
    /// Its text in runs.
    pub pieces: Vec<Piece<'a>>,
}

fn numbered() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(?:(\d{1,3})\.|\(([a-z]{1,2}|[ivx]{1,5}|\d{1,2})\))\s+\S")
            .expect("fixed paragraph pattern compiles")
    })
}

/// Byte ranges of the paragraphs of `text`, with their numbers: a paragraph ends
/// at a blank line or where a numbered paragraph starts.
pub fn paragraph_ranges(text: &str) -> Vec<(Option<String>, Range<usize>)> {
    let mut out: Vec<(Option<String>, Range<usize>)> = Vec::new();
    let mut open: Option<(Option<String>, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.trim().is_empty() {
            if let Some((n, s)) = open.take() {
                out.push((n, s..start));
            }
            continue;
        }
        if let Some(c) = numbered().captures(line) {
            if let Some((n, s)) = open.take() {
                out.push((n, s..start));
            }
            let number = c
                .get(1)
                .map(|m| m.as_str().to_string())
                .or_else(|| c.get(2).map(|m| format!("({})", m.as_str())));
            open = Some((number, start));
        } else if open.is_none() {
            open = Some((None, start));
        }
    }
    if let Some((n, s)) = open {
        out.push((n, s..text.len()));
    }
    out
}

/// The mentions of `rec` as ranges of its text (type, value), in order, without
/// overlaps (the first, then longest, wins).
fn mention_ranges(rec: &Record) -> Vec<(Range<usize>, &str, &str)> {
    let mut v: Vec<(Range<usize>, &str, &str)> = rec
        .mentions
        .iter()
        .filter_map(|m| {
            let start = m.span.start.checked_sub(rec.offset)?;
            let end = m.span.end.checked_sub(rec.offset)?;
            rec.text.get(start..end)?;
            (start < end).then_some((start..end, m.entity.as_str(), m.canonical.as_str()))
        })
        .collect();
    v.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out: Vec<(Range<usize>, &str, &str)> = Vec::with_capacity(v.len());
    for m in v {
        if out.last().is_none_or(|last| m.0.start >= last.0.end) {
            out.push(m);
        }
    }
    out
}

/// The record's text as paragraphs with marked mentions.
pub fn paragraphs(rec: &Record) -> Vec<Paragraph<'_>> {
    let text = rec.text.as_str();
    let marks = mention_ranges(rec);
    let mut out = Vec::new();
    for (number, range) in paragraph_ranges(text) {
        // the item's own heading ("10. Closing") is not a numbered paragraph
        let number = number.filter(|_| range.start > 0 || rec.number.is_none());
        let mut pieces = Vec::new();
        let mut at = range.start;
        for (r, entity, value) in marks
            .iter()
            .filter(|(r, _, _)| r.start >= range.start && r.end <= range.end)
        {
            if let Some(before) = text.get(at..r.start) {
                if !before.is_empty() {
                    pieces.push(Piece {
                        text: before,
                        mark: None,
                    });
                }
            }
            if let Some(inner) = text.get(r.clone()) {
                pieces.push(Piece {
                    text: inner,
                    mark: Some((*entity, *value)),
                });
            }
            at = r.end;
        }
        if let Some(rest) = text.get(at..range.end) {
            if !rest.trim().is_empty() {
                pieces.push(Piece {
                    text: rest,
                    mark: None,
                });
            }
        }
        out.push(Paragraph { number, pieces });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_paragraphs_start_at_their_number() {
        let text = "2. Item title\n1. First para\ncontinues.\n\nLoose text\n(a) lettered\n";
        let got: Vec<(Option<String>, &str)> = paragraph_ranges(text)
            .into_iter()
            .map(|(n, r)| (n, text[r].trim_end()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("2".into()), "2. Item title"),
                (Some("1".into()), "1. First para\ncontinues."),
                (None, "Loose text"),
                (Some("(a)".into()), "(a) lettered"),
            ]
        );
    }
}
