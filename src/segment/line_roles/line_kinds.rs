//! Lines that are never headings whatever they look like: bylines, table
//! rows, sum rows, and running headers and footers that repeat.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::segment::heading_rules::{word_count_upto, MAX_PLAIN_TITLE_WORDS};
use crate::segment::line_scan::Line;

/// "Submitted by the Chairperson": who wrote the document, not a heading.
pub(in crate::segment) fn is_byline(text: &str) -> bool {
    // only the opening words are compared: every character lower-cases to at
    // least one, so the first 16 hold the longest phrase's 14 bytes (lower-casing
    // the whole line cost a copy of every line of every record)
    let opening = text.trim_start();
    let cut = opening
        .char_indices()
        .nth(16)
        .map_or(opening.len(), |(i, _)| i);
    let lower = opening.get(..cut).unwrap_or(opening).to_lowercase();
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
    // a word of ten or more characters lower-cases to as many: none of these
    let total = (first.chars().nth(9).is_none()
        && matches!(
            first.to_lowercase().as_str(),
            "total" | "totals" | "subtotal" | "sub-total"
        ))
        || (first.eq_ignore_ascii_case("grand")
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
pub(in crate::segment) fn repeated_lines(lines: &[Line<'_>]) -> FxHashSet<String> {
    // keyed by the line itself where it is already collapsed (most lines): a
    // copy of every title-length line of every record was most of the cost
    let mut seen: FxHashSet<Cow<'_, str>> = FxHashSet::default();
    let mut repeated = FxHashSet::default();
    // only title lines are looked up, and a longer line collapses to another text
    let short =
        |l: &&Line<'_>| word_count_upto(l.text, MAX_PLAIN_TITLE_WORDS + 1) <= MAX_PLAIN_TITLE_WORDS;
    for l in lines.iter().filter(|l| !l.is_blank()).filter(short) {
        let key = collapsed(l.text);
        if seen.contains(key.as_ref()) {
            repeated.insert(key.into_owned());
        } else {
            seen.insert(key);
        }
    }
    repeated
}

/// [`collapse`], borrowing `text` trimmed when it holds no whitespace but
/// single spaces between its words (the same string, without a copy).
pub(in crate::segment) fn collapsed(text: &str) -> Cow<'_, str> {
    let t = text.trim();
    let mut prev_space = false;
    for &b in t.as_bytes() {
        // a non-ASCII byte may start a space of another kind: the full collapse decides
        if b == b' ' && !prev_space {
            prev_space = true;
        } else if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') {
            prev_space = false;
        } else {
            return Cow::Owned(collapse(t));
        }
    }
    Cow::Borrowed(t)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn collapsed_is_collapse_with_or_without_a_copy(
            parts in prop::collection::vec(
                prop::sample::select(&["a", "Annex", "É", " ", "  ", "\t", "\u{a0}", "\u{2009}", "\r"][..]),
                0..20,
            )
        ) {
            let text = parts.concat();
            let (fast, full) = (collapsed(&text), collapse(&text));
            prop_assert_eq!(fast.as_ref(), full.as_str());
        }

        #[test]
        fn bylines_are_read_on_the_opening_words_as_on_the_whole_line(
            lead in prop::sample::select(&["", "  ", "\u{a0}"][..]),
            opening in prop::sample::select(&[
                "Submitted by", "SUBMITTED BY", "Prepared  by", "Presented by",
                "\u{212a}ompiled by", "Transmitted by", "Transmitted", "İ submitted by",
            ][..]),
            rest in prop::sample::select(&["", " the Chair", " the Committee on Article 5 Implementation and more words here to pass fifteen of them in all"][..]),
        ) {
            let text = format!("{lead}{opening}{rest}");
            let lower = text.trim_start().to_lowercase();
            let whole = ["submitted by", "prepared by", "presented by", "transmitted by", "compiled by"]
                .iter()
                .any(|b| lower.starts_with(b))
                && word_count_upto(&text, 16) <= 15;
            prop_assert_eq!(is_byline(&text), whole);
        }
    }

    #[test]
    fn sum_rows_are_found_by_their_first_word_only() {
        assert!(is_total_row("TOTAL 1,234"));
        assert!(is_total_row("Sub-total: 2 011"));
        assert!(is_total_row("Grand total 131"));
        assert!(!is_total_row("Totalitarian 12"));
        assert!(!is_total_row("Subtotals 3"));
        assert!(!is_total_row("Total mine-affected area 12"));
    }

    #[test]
    fn running_headers_repeat_however_they_are_spaced() {
        let text = "Mine Action Support Group\nfirst page\n  Mine  Action Support\tGroup\nsecond";
        let doc = crate::extract::text_document(text, None);
        let lines = crate::segment::line_scan::scan_lines(&doc);
        let repeated = repeated_lines(&lines);
        assert!(repeated.contains("Mine Action Support Group"));
        assert_eq!(repeated.len(), 1);
    }
}
