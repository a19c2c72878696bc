//! The lists of a contribution sentence set between dashes ("Three
//! donors—the US, Norway, and Canada—") and the rows of "Donor | Amount" tables.

use super::{is_party, money_of};
use crate::model::{Mention, Span, Statement, StatementKind};

/// A list set between dashes after a counted group: "Three donors—the United
/// States (US), Norway, and Canada—", "The top five recipient states—Iraq, ...,
/// Lao PDR—".
pub(super) struct DashList {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The group named before the first dash ("Three donors").
    pub(super) head: String,
    /// A list of givers (else of recipients).
    pub(super) donors: bool,
}

/// The dash lists of the sentence `span` of `text`.
pub(super) fn dash_lists(text: &str, span: Span) -> Vec<DashList> {
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let dashes: Vec<usize> = s.match_indices('\u{2014}').map(|(i, _)| i).collect();
    let mut out = Vec::new();
    for pair in dashes.chunks_exact(2) {
        let (a, b) = (pair[0], pair[1]);
        let before = &s[..a];
        let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before);
        let words: Vec<&str> = clause.split_whitespace().collect();
        let words = &words[words.len().saturating_sub(6)..];
        let skip = words
            .iter()
            .take_while(|w| {
                ["with", "and", "while", "from", "by"].contains(&w.to_lowercase().as_str())
            })
            .count();
        let head = words[skip..].join(" ");
        let last = head.to_lowercase();
        let donors = ["donors", "donor", "contributors"]
            .iter()
            .any(|w| last.ends_with(w));
        let recipients = [
            "recipients",
            "recipient states",
            "recipient countries",
            "beneficiaries",
        ]
        .iter()
        .any(|w| last.ends_with(w));
        if head.is_empty() || !(donors || recipients) {
            continue;
        }
        out.push(DashList {
            start: span.start + a,
            end: span.start + b,
            head,
            donors,
        });
    }
    out
}

/// Commitments from the rows of a table with a donor column ("Donor | Amount |
/// Recipient" then "Japan | USD 1,200,000 | Cambodia"): the first party of a
/// row gives the row's amount to the party after it.
pub fn table_rows(
    text: &str,
    unit: Span,
    unit_index: usize,
    segment: usize,
    in_unit: &[&Mention],
) -> Vec<Statement> {
    let Some(s) = text.get(unit.start..unit.end) else {
        return Vec::new();
    };
    let has_donor_column = s.lines().any(|l| {
        let l = l.to_lowercase();
        l.contains('|') && (l.contains("donor") || l.contains("contributor"))
    });
    if !has_donor_column {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = unit.start;
    for line in s.split_inclusive('\n') {
        let span = Span::new(at, at + line.trim_end().len());
        at += line.len();
        if !line.contains('|') {
            continue;
        }
        let in_line: Vec<&&Mention> = in_unit.iter().filter(|m| span.contains(m.span)).collect();
        let Some((money_m, mo)) = in_line.iter().find_map(|m| money_of(m).map(|mo| (*m, mo)))
        else {
            continue;
        };
        let donor = in_line
            .iter()
            .find(|m| is_party(m) && m.span.end <= money_m.span.start)
            .map(|m| m.canonical().to_string());
        let Some(donor) = donor else {
            continue;
        };
        let recipient = in_line
            .iter()
            .find(|m| is_party(m) && m.span.start >= money_m.span.end)
            .map(|m| m.canonical().to_string());
        out.push(Statement {
            kind: StatementKind::Commitment,
            rule: "commitment-table-row".to_string(),
            trigger: "|".to_string(),
            strength: "explicit".to_string(),
            sentence: unit_index,
            segment,
            span,
            text: text.get(span.start..span.end).unwrap_or("").to_string(),
            requester: Some(donor),
            addressee: recipient,
            what: None,
            amount: Some(mo.clone()),
        });
    }
    out
}
