//! The date a document's day-months and relative dates are read against: the
//! header's date, or, for an excerpt without a header, the latest full date the
//! text gives.

use super::overlap::Status;
use super::sentences::{enumerator_len, Unit};
use super::{candidates, metadata, RuleSet, UnitHits, Values};
use crate::date::Date;
use crate::model::{DateValue, Value};

/// The dates the rules find in `units[range]` (winners only), in text order,
/// each with its start offset. `memo` keeps the prefilter's answers for the
/// extraction's main pass.
fn dates_in(
    text: &str,
    units: &[Unit],
    range: std::ops::Range<usize>,
    rules: &RuleSet,
    memo: &mut UnitHits,
) -> Vec<(usize, DateValue)> {
    let (mut cands, _) = candidates(
        text,
        units,
        range,
        rules,
        None,
        true,
        Values::OfWinners,
        memo,
    );
    cands.sort_by_key(|c| c.span.start);
    cands
        .into_iter()
        .filter(|c| c.status == Status::Won)
        .filter_map(|c| match c.value {
            Some(Value::Date(d)) => Some((c.span.start, d)),
            _ => None,
        })
        .collect()
}

/// The header date: the first day-precise date won in the header, else the start
/// of the first range of days there. A date inside a numbered paragraph ("4. The
/// main obstacle ... since its establishment on 15 March 1992") is body text that
/// an excerpt begins with, not the header's date.
pub(crate) fn header_date(
    text: &str,
    units: &[Unit],
    rules: &RuleSet,
    memo: &mut UnitHits,
) -> Option<Date> {
    let header = metadata::header_end(text, rules.header_bytes());
    let n = units.iter().take_while(|u| u.span.start < header).count();
    let dates: Vec<DateValue> = dates_in(text, units, 0..n, rules, memo)
        .into_iter()
        .filter(|(at, _)| !in_numbered_paragraph(text, *at))
        .map(|(_, d)| d)
        .collect();
    dates
        .iter()
        .find(|d| d.start == d.end)
        .or_else(|| {
            dates.iter().find(|d| {
                !(d.start.day == 1
                    && Date::month_end(d.end.year, d.end.month).is_some_and(|e| e == d.end))
            })
        })
        .map(|d| d.start)
}

/// The latest day-precise date of the whole text: the anchor of an excerpt that
/// has no header date (its events happened by then). Without one, the middle of
/// the latest year a UN document symbol carries ("CCW/GGE.1/2019/3" in a running
/// head: "on 25 to 29 March" is 2019).
pub(crate) fn latest_full_date(
    text: &str,
    units: &[Unit],
    rules: &RuleSet,
    memo: &mut UnitHits,
) -> Option<Date> {
    dates_in(text, units, 0..units.len(), rules, memo)
        .into_iter()
        .filter(|(_, d)| d.start == d.end && !d.year_inferred)
        .map(|(_, d)| d.start)
        .max()
        .or_else(|| symbol_year(text).and_then(|y| Date::new(y, 7, 1)))
}

/// A year between slashes in a UN document symbol: "S/1995/444",
/// "CCW/GGE.1/2019/3", "APLC/MSP.17/2018/3" (not "A/79/408", a session).
static SYMBOL_YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"\b[A-Z]{1,6}(?:/[A-Z][A-Za-z0-9.\-]*)*/((?:19[4-9]|20[0-9])[0-9])/[A-Za-z0-9.\-]+",
    )
    .expect("static regex")
});

/// The latest year the text's document symbols carry.
fn symbol_year(text: &str) -> Option<i32> {
    SYMBOL_YEAR
        .captures_iter(text)
        .filter_map(|c| c.get(1)?.as_str().parse().ok())
        .max()
}

/// Whether the byte `at` lies in a paragraph that opens with a paragraph number
/// ("4. ", "12. "): the paragraph starts after the last blank line before `at`.
fn in_numbered_paragraph(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let mut start = 0;
    let mut pos = 0;
    let mut prev_blank = true;
    for line in before.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if prev_blank && !blank {
            start = pos;
        }
        prev_blank = blank;
        pos += line.len();
    }
    let para = text.get(start..).unwrap_or("").trim_start();
    // a section number ("1.") before a heading is not a paragraph: it has text
    // running on after it on the same line
    let first_line = para.lines().next().unwrap_or("");
    enumerator_len(para).is_some_and(|l| first_line.len() > l + 40)
}

#[cfg(test)]
mod tests {
    use super::{in_numbered_paragraph, symbol_year};

    #[test]
    fn the_year_of_a_document_symbol() {
        assert_eq!(
            symbol_year("2\n\n   MSP/GGE.2/2030/4\n\n   1 MSP/2029/1."),
            Some(2030)
        );
        assert_eq!(symbol_year("S/1995/444"), Some(1995));
        assert_eq!(symbol_year("A/79/408 and A/RES/78/241"), None);
        assert_eq!(symbol_year("from 2019/20 to 2021"), None);
    }

    #[test]
    fn a_date_in_a_numbered_paragraph_is_body_text() {
        let t =
            "A. General\n\n4. The main obstacle to the implementation of the mandate since its \
                 establishment on 15 March 1992 has been the refusal";
        let at = t.find("15 March").unwrap_or(0);
        assert!(in_numbered_paragraph(t, at));
        let h = "S/1999/779\n12 July 1999\n\nREPORT OF THE SECRETARY-GENERAL";
        let at = h.find("12 July").unwrap_or(0);
        assert!(!in_numbered_paragraph(h, at));
    }
}
