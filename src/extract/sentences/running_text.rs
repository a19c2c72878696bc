//! Running text cut into sentences: UAX #29's breaks, glued again after an
//! abbreviation, an initial, a bare enumerator or before a lower-case word.

use super::markers::{enumerator_len, is_page_marker, MAX_ENUMERATOR_LEN};
use super::{Unit, UnitKind, DEFAULT_ABBREVIATIONS};
use crate::model::Span;

pub(super) fn split_sentences(
    text: &str,
    s: usize,
    e: usize,
    abbrevs: &[String],
    out: &mut Vec<Unit>,
) {
    // UAX #29 breaks at every line end: hide them (same byte length) to keep offsets
    let block = &text[s..e];
    // and a page marker joined over ("/..."), whose dots would end a sentence
    let flat: std::borrow::Cow<str> = if block.contains(['\n', '\r']) {
        flatten(block).into()
    } else {
        block.into()
    };
    let pieces = crate::extract::sentence_breaks::sentence_pieces(&flat);
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
pub(super) fn flatten(block: &str) -> String {
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
pub(super) fn is_bare_enumerator(piece: &str) -> bool {
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
