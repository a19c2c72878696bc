//! Contributions as records: each amount of a contribution sentence attached
//! to its own donor and recipient, and the rows of "Donor | Amount" tables.
//!
//! A sentence may list several donors: "received from Germany (EUR 75,000),
//! Switzerland (CHF 60,000) and the Netherlands (EUR 120,000)". Each amount
//! then gets the party written right before it (a bracket or a space apart), or
//! the party of "EUR 500,000 from the European Union"; failing both, the
//! donor the sentence rule found. The recipient is the party after "to" ("to
//! the RMACO trust fund", "to mine action in Angola") or the subject of
//! "received", never the donor itself.

mod tables;

use crate::model::{Mention, Money, Statement, Value};
use tables::dash_lists;
pub use tables::table_rows;

/// Entity types that may give or receive.
fn is_party(m: &Mention) -> bool {
    matches!(m.entity.as_str(), "state" | "organisation" | "person")
}

fn money_of(m: &Mention) -> Option<&Money> {
    match &m.value {
        Value::Money(mo) => Some(mo),
        _ => None,
    }
}

/// One commitment per amount of `st`'s sentence (just `st` when it holds one
/// amount and the sentence rule's donor stands).
pub fn split(text: &str, in_unit: &[&Mention], st: Statement) -> Vec<Statement> {
    let parties: Vec<&Mention> = in_unit.iter().copied().filter(|m| is_party(m)).collect();
    let all_monies: Vec<(&Mention, &Money)> = in_unit
        .iter()
        .filter_map(|m| money_of(m).map(|mo| (*m, mo)))
        .collect();
    if all_monies.is_empty() {
        return vec![st];
    }
    // "31 donors gave $590 million, an increase of $34 million": a change in a
    // total is nobody's gift
    let monies: Vec<(&Mention, &Money)> = all_monies
        .into_iter()
        .filter(|(m, _)| {
            !text
                .get(st.span.start.min(m.span.start)..m.span.start)
                .is_some_and(is_change)
        })
        .collect();
    if monies.is_empty() {
        return Vec::new();
    }
    let gap = |a: usize, b: usize| text.get(a..b).unwrap_or("#");
    // "through MAG and HALO Trust (£7,825,077)": a party that a preposition of
    // receiving governs is given the amount written after it, it does not give it
    let receives =
        |p: &Mention| governed_as_recipient(gap(st.span.start.min(p.span.start), p.span.start));
    let right_before = |m: &Mention| {
        parties
            .iter()
            .rev()
            .find(|p| p.span.end <= m.span.start && gap(p.span.end, m.span.start).trim() == "(")
            .or_else(|| {
                parties.iter().rev().find(|p| {
                    p.span.end <= m.span.start && gap(p.span.end, m.span.start).trim().is_empty()
                })
            })
    };
    let adjacent_donor = |m: &Mention| {
        right_before(m)
            .filter(|p| !receives(p))
            .or_else(|| {
                // "EUR 500,000 from the European Union", "$75 million IDA credit
                // from the World Bank", "$435 million in World Bank funds"
                parties.iter().find(|p| {
                    p.span.start >= m.span.end && p.span.start - m.span.end < 90 && {
                        let g = gap(m.span.end, p.span.start).trim().to_lowercase();
                        let clause_break = g.contains([',', ';', ':', '(']);
                        let from = g == "from"
                            || g == "from the"
                            || g.ends_with(" from")
                            || g.ends_with(" from the");
                        let funds_of = (g == "in" || g == "in the")
                            && gap(p.span.end, (p.span.end + 12).min(text.len()))
                                .trim_start()
                                .starts_with("fund");
                        !clause_break && (from || funds_of)
                    }
                })
            })
            .or_else(|| {
                // "the announcement by the United Kingdom of a £100 million
                // package", "a pledge by Japan of $5 million": the party after
                // "by" owns the amount after "of"
                parties.iter().rev().find(|p| {
                    p.span.end <= m.span.start
                        && matches!(
                            gap(p.span.end, m.span.start).trim(),
                            "of" | "of a" | "of an" | "of some" | "of about" | "of nearly"
                        )
                        && {
                            let head = gap(st.span.start.min(p.span.start), p.span.start)
                                .trim_end()
                                .to_lowercase();
                            head.ends_with(" by") || head.ends_with(" by the")
                        }
                })
            })
            .map(|p| p.canonical().to_string())
    };
    // "On 7 April 2017, Mexico, as part of its support to the Initiative for
    // Colombia, donated US$1 million": the party standing alone before a
    // parenthetical that the giving verb closes is the giver, not the party
    // named inside the parenthetical
    let subject_before_aside = || {
        let lower = st.text.to_lowercase();
        let verb = st.trigger.to_lowercase();
        let at = st.span.start + lower.find(&format!(", {verb}"))?;
        parties
            .iter()
            .filter(|p| p.span.end < at && gap(p.span.end, p.span.end + 1) == ",")
            .find(|p| {
                let head = gap(st.span.start.min(p.span.start), p.span.start).trim_end();
                head.is_empty()
                    || head.ends_with(',') && !head[..head.len() - 1].contains(',')
                    || head.eq_ignore_ascii_case("the")
            })
            .map(|p| p.canonical().to_string())
    };
    let recipient_of = |m: &Mention, donor: Option<&str>| {
        let not_donor = |p: &&&Mention| Some(p.canonical()) != donor;
        // "... to the RMACO trust fund", "to mine action in Angola"
        let after_to = |from: usize| {
            parties.iter().filter(not_donor).find(|p| {
                let g = gap(from, p.span.start).to_lowercase();
                let words: Vec<&str> = g.split_whitespace().collect();
                // "to" among the last four words before the party, no clause break
                // ("(£143,514/$236,568) went to the GICHD": not a number's comma)
                p.span.start >= from
                    && p.span.start - from < 120
                    && !has_clause_break(&g)
                    && words.iter().rev().take(4).any(|w| *w == "to")
            })
        };
        right_before(m)
            .filter(|p| receives(p) && not_donor(p))
            .or_else(|| after_to(m.span.end))
            .or_else(|| {
                // "The HALO Trust received EUR 500,000"
                parties.iter().filter(not_donor).rev().find(|p| {
                    p.span.end <= m.span.start
                        && gap(p.span.end, m.span.start)
                            .to_lowercase()
                            .contains("received")
                })
            })
            .or_else(|| after_to(st.span.start))
            .map(|p| p.canonical().to_string())
    };
    let single = monies.len() == 1;
    // "the Fund had received US$54.6 million": the one before "received" receives
    let receiving = st.trigger.to_lowercase().starts_with("receiv");
    // "funding fell from USD 27 million to USD 11 million": a figure, not a gift
    // (also "from the revised $394 million", "less than the $40 million")
    let figure = |m: &Mention| {
        const FILLERS: &[&str] = &[
            "the",
            "revised",
            "a",
            "an",
            "total",
            "of",
            "some",
            "about",
            "around",
            "approximately",
            "estimated",
            "reported",
            "previous",
            "earlier",
            "original",
        ];
        let head = text.get(st.span.start..m.span.start).unwrap_or("");
        let word = head
            .split_whitespace()
            .rev()
            .take(5)
            .map(str::to_lowercase)
            .find(|w| !FILLERS.contains(&w.as_str()));
        matches!(word.as_deref(), Some("from" | "to" | "than" | "versus"))
    };
    let lists = dash_lists(text, st.span);
    let in_list = |name: &str, donors: bool| {
        lists.iter().find(|l| {
            l.donors == donors
                && parties.iter().any(|p| {
                    p.canonical() == name && p.span.start >= l.start && p.span.end <= l.end
                })
        })
    };
    // "Norway (NOK44.3 million/$7 million)": an amount written after a slash is
    // the one before it in another currency, from the same donor
    let mut prev: Option<(usize, Option<String>, Option<String>)> = None;
    monies
        .iter()
        .map(|(m, mo)| {
            let fallback = (!receiving && !figure(m))
                .then(|| st.requester.clone())
                .flatten();
            // (and "a £100 million aid package (about US$124 million)": the
            // bracketed amount is the same gift in dollars)
            let same_as_prev = prev
                .as_ref()
                .filter(|(end, _, _)| {
                    let g = gap(*end, m.span.start);
                    g.trim() == "/"
                        || g.trim_end().ends_with('(')
                            && g.len() < 40
                            && !g.contains([',', ';', ')'])
                            && !parties
                                .iter()
                                .any(|p| p.span.start >= *end && p.span.end <= m.span.start)
                })
                .map(|(_, d, r)| (d.clone(), r.clone()));
            // "the next three donors—Japan, Germany, and Norway—provided $30
            // million each": the dash list right before the amount gives it,
            // not the sentence's first donor
            let list_before = || {
                lists
                    .iter()
                    .rev()
                    .find(|l| {
                        l.donors
                            && l.end <= m.span.start
                            && !parties
                                .iter()
                                .any(|p| p.span.start >= l.end && p.span.end <= m.span.start)
                    })
                    .map(|l| l.head.clone())
            };
            let donor = match &same_as_prev {
                Some((d, _)) => d.clone(),
                None => adjacent_donor(m)
                    .or_else(list_before)
                    .or_else(|| fallback.as_ref().and(subject_before_aside()))
                    .or(fallback),
            };
            // "Three donors—the US, Norway, and Canada—contributed": the counted
            // group gives, not the last name of its list
            let donor = match donor {
                // "Canada ranked second with $70 million, while the next three
                // donors—...—provided": a list after the amount is not its
                // donor; the party named before the amount is
                Some(d) => match in_list(&d, true) {
                    Some(l) if l.start >= m.span.end => parties
                        .iter()
                        .rev()
                        .find(|p| p.span.end <= m.span.start)
                        .map(|p| p.canonical().to_string()),
                    Some(l) => Some(l.head.clone()),
                    None => Some(d),
                },
                None => lists
                    .iter()
                    .find(|l| l.donors && l.end <= m.span.start)
                    .map(|l| l.head.clone()),
            };
            // with several amounts the sentence rule's addressee may be a donor
            let recipient = recipient_of(m, donor.as_deref())
                .or_else(|| same_as_prev.and_then(|(_, r)| r))
                .or_else(|| {
                    st.addressee
                        .clone()
                        .filter(|a| single && Some(a) != donor.as_ref())
                })
                .or_else(|| receiving.then(|| st.requester.clone()).flatten())
                .filter(|r| in_list(r, true).is_none())
                .map(|r| in_list(&r, false).map_or(r, |l| l.head.clone()))
                .filter(|r| Some(r) != donor.as_ref());
            prev = Some((m.span.end, donor.clone(), recipient.clone()));
            let mut one = st.clone();
            if !single || donor != st.requester {
                one.rule = format!("{}/each-amount", st.rule);
            }
            if !single {
                // the sentence's action would show every amount under each donor
                let next = monies
                    .iter()
                    .map(|(n, _)| n.span.start)
                    .find(|&s| s > m.span.start)
                    .unwrap_or(st.span.end);
                one.what = amount_clause(text, m.span.start, next.min(st.span.end));
            }
            one.requester = donor;
            one.addressee = recipient;
            one.amount = Some((*mo).clone());
            one
        })
        .collect()
}

/// True when `head` (a sentence up to a party) puts the party after a
/// preposition of receiving ("to", "through", "via", "towards") rather than of
/// giving ("from", "by"): the nearest one counts, across the commas and
/// bracketed amounts of a list ("received from Germany (EUR 75,000),
/// Switzerland" gives; "its funding through MAG and HALO Trust" receives).
fn governed_as_recipient(head: &str) -> bool {
    for w in head.split_whitespace().rev().take(25) {
        if w.ends_with(['.', ';', ':']) {
            return false;
        }
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if ["from", "by"].iter().any(|g| w.eq_ignore_ascii_case(g)) {
            return false;
        }
        if ["to", "through", "via", "towards"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
        {
            return true;
        }
    }
    false
}

/// A comma or semicolon that breaks a clause; a comma inside a number
/// ("236,568") does not.
fn has_clause_break(g: &str) -> bool {
    let b = g.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b';'
            || c == b','
                && !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    })
}

/// Words that make the amount after them a change in a total ("an increase
/// of", "fell by"), a gap or a shortfall: a figure, not money given.
const CHANGE_WORDS: &[&str] = &[
    "increase of",
    "decrease of",
    "rise of",
    "drop of",
    "fall of",
    "reduction of",
    "decline of",
    "growth of",
    "gap of",
    "shortfall of",
    "deficit of",
    "increased by",
    "decreased by",
    "rose by",
    "fell by",
    "grew by",
    "dropped by",
    "declined by",
    "up by",
    "down by",
    "increasing by",
    "decreasing by",
    "difference of",
    "cut of",
    "cuts of",
];

/// Hedges between a change word and its amount ("an increase of some $34 million").
const HEDGES: &[&str] = &[
    "some",
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "over",
    "roughly",
    "just",
    "than",
    "more",
    "less",
    "only",
    "a",
    "further",
    "an",
    "additional",
];

/// True when `head` (the sentence up to an amount) ends with a change word.
fn is_change(head: &str) -> bool {
    let words: Vec<String> = head
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let mut end = words.len();
    while end > 0 && HEDGES.contains(&words[end - 1].as_str()) {
        end -= 1;
    }
    if end < 2 {
        return false;
    }
    let last_two = format!("{} {}", words[end - 2], words[end - 1]);
    CHANGE_WORDS.contains(&last_two.as_str())
}

/// What one amount of a sentence with several gives: the amount and the words
/// after it up to a clause break, a bracket or the next amount
/// ("approximately USD 41 million to mine action in 2020", "EUR 75,000" in
/// "Germany (EUR 75,000), Switzerland ...").
fn amount_clause(text: &str, start: usize, limit: usize) -> Option<String> {
    let rest = text.get(start..limit)?;
    // "EUR 75,000": a comma inside a number does not break the clause
    let end = rest
        .char_indices()
        .find(|&(k, c)| {
            matches!(c, ';' | ')' | '(' | '—')
                || (c == ',' && !rest[k + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map_or(rest.len(), |(k, _)| k);
    let clause = rest[..end].trim().trim_end_matches(['.', ':']).trim_end();
    let clause = clause
        .strip_suffix(" and")
        .or_else(|| clause.strip_suffix(" including"))
        .unwrap_or(clause)
        .trim_end();
    (!clause.is_empty()).then(|| clause.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_after_through_or_to_receives() {
        assert!(governed_as_recipient(
            "Norway channelled its support through the NGOs Demining Aid and"
        ));
        assert!(governed_as_recipient("Japan gave most of it to Laos and"));
        assert!(!governed_as_recipient(
            "Funds for the trust fund came from Canada (CAD 40,000),"
        ));
        assert!(!governed_as_recipient(
            "Funds went to the trust fund. Canada"
        ));
        assert!(has_clause_break("the fund, then"));
        assert!(!has_clause_break("/$236,568) went to"));
    }

    #[test]
    fn a_change_in_a_total_is_no_gift() {
        assert!(is_change(
            "In 2021, 28 donors gave USD 410 million, an increase of"
        ));
        assert!(is_change("funding fell by some"));
        assert!(is_change("a decrease of more than"));
        assert!(!is_change("Norway contributed"));
        assert!(!is_change("of"));
    }

    fn clause(text: &str, amount: &str, next: Option<&str>) -> Option<String> {
        let start = text.find(amount).expect("amount in text");
        let limit = next.map_or(text.len(), |n| text.find(n).expect("next amount"));
        amount_clause(text, start, limit)
    }

    #[test]
    fn an_amount_in_a_list_is_its_own_action() {
        let t = "The largest contributions were from Germany (EUR 75,000), Switzerland (CHF 60,000) and Japan (USD 40,000).";
        assert_eq!(
            clause(t, "EUR 75,000", Some("CHF")).as_deref(),
            Some("EUR 75,000")
        );
        assert_eq!(clause(t, "USD 40,000", None).as_deref(), Some("USD 40,000"));
    }

    #[test]
    fn an_amount_keeps_its_purpose_up_to_the_next_amount() {
        let t = "Japan had provided approximately USD 41 million to mine action in 2020, including JPY 1.1 billion to the Lao PDR and Cambodia.";
        assert_eq!(
            clause(t, "USD 41 million", Some("JPY")).as_deref(),
            Some("USD 41 million to mine action in 2020")
        );
        assert_eq!(
            clause(t, "JPY 1.1 billion", None).as_deref(),
            Some("JPY 1.1 billion to the Lao PDR and Cambodia")
        );
        let u = "the Fund had received US$54.6 million in 2021, including 14 million United States dollars from Japan and EUR 5 million from Germany.";
        assert_eq!(
            clause(u, "14 million", Some("EUR 5")).as_deref(),
            Some("14 million United States dollars from Japan")
        );
        assert_eq!(
            clause(u, "EUR 5 million", None).as_deref(),
            Some("EUR 5 million from Germany")
        );
    }
}
