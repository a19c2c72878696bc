//! Lines that are never headings whatever they look like: bylines, table
//! rows, sum rows, and running headers and footers that repeat.

use std::collections::HashSet;

use crate::segment::heading_rules::{word_count_upto, MAX_PLAIN_TITLE_WORDS};
use crate::segment::line_scan::Line;

/// "Submitted by the Chairperson": who wrote the document, not a heading.
pub(in crate::segment) fn is_byline(text: &str) -> bool {
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
pub(in crate::segment) fn is_table_row(text: &str) -> bool {
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

/// "Total 131", "TOTAL", "Subtotal 2 011": the sum row closing a table, which
/// PDFs often set in bold like a heading.
pub(in crate::segment) fn is_total_row(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or("").trim_end_matches(':');
    let total = matches!(
        first.to_lowercase().as_str(),
        "total" | "totals" | "subtotal" | "sub-total"
    ) || (first.eq_ignore_ascii_case("grand")
        && text
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.eq_ignore_ascii_case("total")));
    total
        && words.all(|w| {
            w.eq_ignore_ascii_case("total")
                || w.chars().all(|c| {
                    c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '(' | ')' | '-' | '$')
                })
        })
}

/// Lines that stand more than once in a document: running headers and footers
/// (of the lines [`is_plain_title`] may accept, the only ones looked up).
pub(in crate::segment) fn repeated_lines(lines: &[Line<'_>]) -> HashSet<String> {
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
pub(in crate::segment) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
