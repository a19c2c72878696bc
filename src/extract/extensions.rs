//! Extension requests as records: which state asked to extend which treaty
//! deadline, from when to when, and what became of the request.
//!
//! Read from the sentences that speak of extending ("requested an extension",
//! "granted ... an extension until", "were extended, with the new deadline in
//! brackets: Cambodia (31 December 2025), ...", "requested a period of ..., to
//! 31 December 2025"). One record per state and requested deadline; later
//! sentences of the document complete it (the original deadline in "Serbia had
//! an Article 5 deadline of 1 March 2023", the decision in "The Meeting granted
//! the request.").

use std::sync::LazyLock;

use regex::Regex;

use super::deadlines;
use crate::date::Date;
use crate::model::{ExtensionRecord, ExtensionStatus, Extraction, Mention, Value};

static EXTENDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bextension|\bextended\b|\bextend\b|\brequested\s+an?\s+(?:additional\s+|further\s+)?period\b")
        .expect("static regex")
});
static GRANTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bgranted\b|\bextended\b|\bapproved\b|\b(?:agreed|decided)\s+(?:\w+\s+)?to\s+grant\b",
    )
    .expect("static regex")
});
/// "should seek a further extension", "will need to request one": advice or
/// a need, not a request made.
static ADVISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:should|must|ought\s+to|needs?\s+to|would\s+need\s+to|will\s+need\s+to|may\s+need\s+to|intends?\s+to|plans?\s+to)\s+(?:\w+\s+){0,2}?(?:seek|request|submit|apply\s+for)\b")
        .expect("static regex")
});
static WITHDRAWN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bwithdr[ae]w").expect("static regex"));
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bArticle\s+([45])\b").expect("static regex"));
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:period|extension)\s+of\s+((?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:years?|months?)(?:\s+and\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months?)?)")
        .expect("static regex")
});
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth|Twenty-\w+|\d+(?:st|nd|rd|th))\s+(?:Meeting of (?:the )?States Parties|Review Conference))")
        .expect("static regex")
});

/// The meeting a document is from, on a line of its title block ("Fourteenth
/// Meeting", "Twentieth Meeting of the States Parties"), not one its text
/// recalls ("At the Eleventh Meeting ... agreed to grant").
static TITLE_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*((?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth|Twenty-\w+)\s+(?:Meeting(?:\s+of\s+the\s+States\s+Parties)?|Review\s+Conference))[ \t]*$")
        .expect("static regex")
});
/// "extended at earlier meetings": the decision is not this document's meeting.
static EARLIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:earlier|previous|prior|past)\s+(?:meetings?|sessions?|years?)\b")
        .expect("static regex")
});

/// True when `sent` speaks of extending a deadline: "the final extended
/// deadline of 29 April 2012" only names a deadline (recalled, not asked for
/// or granted here), so "extended" before "deadline" does not count.
fn speaks_of_extending(sent: &str) -> bool {
    EXTENDING.find_iter(sent).any(|m| {
        let attributive = m.as_str().eq_ignore_ascii_case("extended")
            && sent[m.end()..].trim_start().starts_with("deadline");
        // "its request for an extended deadline" asks for one
        let asked = sent[..m.start()]
            .split_whitespace()
            .rev()
            .take(3)
            .any(|w| w.to_lowercase().starts_with("request"));
        !attributive || asked
    })
}

/// True when `sent` tells of a grant: "granted", "approved", "were extended to",
/// but not "extended" as an adjective: "presented its request for an extended
/// mine clearance deadline" asks for the extension, it is not yet granted.
fn grants(sent: &str) -> bool {
    GRANTED.find_iter(sent).any(|m| {
        if !m.as_str().eq_ignore_ascii_case("extended") {
            return true;
        }
        let before = sent[..m.start()].split_whitespace().next_back();
        let determiner = before.is_some_and(|w| {
            [
                "an", "a", "the", "its", "their", "his", "her", "new", "further",
            ]
            .iter()
            .any(|d| w.eq_ignore_ascii_case(d))
        });
        // "extended (mine clearance) deadline" names the deadline asked for
        let names_deadline = sent[m.end()..]
            .split_whitespace()
            .take(4)
            .any(|w| w.to_lowercase().starts_with("deadline"));
        !determiner && !names_deadline
    })
}

/// The one treaty article a document's text names ("Article 5" throughout a
/// clearance report), for records whose sentence names none; none when it names
/// both 4 and 5.
fn document_article(text: &str) -> Option<String> {
    let mut found = ARTICLE.captures_iter(text).map(|c| c[1].to_string());
    let first = found.next()?;
    found
        .all(|a| a == first)
        .then(|| format!("Article {first}"))
}

/// The extension records of one document, in text order of their first sentence.
pub fn records(text: &str, ex: &Extraction) -> Vec<ExtensionRecord> {
    let head_end = (0..=text.len().min(1000))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let doc_meeting = TITLE_MEETING.captures(&text[..head_end]).map(|c| {
        let m = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
        if m.ends_with("Meeting") {
            format!("{m} of the States Parties")
        } else {
            m
        }
    });
    if !EXTENDING.is_match(text) {
        return Vec::new();
    }
    let doc_state = deadlines::document_state(ex);
    // mentions grouped by sentence once: filtering them per sentence is
    // quadratic in a long report
    let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); ex.sentences.len()];
    for m in &ex.mentions {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(m);
        }
    }
    let mut out: Vec<ExtensionRecord> = Vec::new();
    let mut last_touched: Option<(usize, usize)> = None; // (record, segment)
                                                         // the one state the previous sentence of the segment named: "It requested
                                                         // an extension until ..." after "Germany's deadline is 1 August 2020."
    let mut prev_state: (usize, Option<String>) = (usize::MAX, None);
    for (si, s) in ex.sentences.iter().enumerate() {
        let Some(sent) = text.get(s.span.start..s.span.end) else {
            continue;
        };
        let ms: &[&Mention] = by_sentence.get(si).map_or(&[], Vec::as_slice);
        let states: Vec<&Mention> = ms.iter().copied().filter(|m| m.entity == "state").collect();
        let dates: Vec<(&Mention, Date, Option<&str>)> = ms
            .iter()
            .filter_map(|m| match &m.value {
                Value::Date(d) => Some((*m, d.end, d.deadline.as_deref())),
                _ => None,
            })
            .collect();
        let antecedent = (prev_state.0 == s.segment)
            .then(|| prev_state.1.clone())
            .flatten();
        prev_state = (
            s.segment,
            match states.as_slice() {
                [one] => Some(one.canonical().to_string()),
                [] => antecedent.clone(),
                _ => None,
            },
        );
        if !speaks_of_extending(sent) {
            // "Serbia had an Article 5 deadline of 1 March 2023": the original deadline
            if let ([st], [(_, d, Some(_))]) = (states.as_slice(), dates.as_slice()) {
                if let Some(r) = out.iter_mut().find(|r| r.state == st.canonical()) {
                    if r.original_deadline.is_none() && r.requested_deadline.is_none_or(|q| *d < q)
                    {
                        r.original_deadline = Some(*d);
                    }
                }
            }
            // "The Meeting granted the request.": the decision on the last record
            // (asked only in a segment that holds one: most sentences are in none)
            if let Some((ri, seg)) = last_touched {
                if seg == s.segment
                    && states.is_empty()
                    && grants(sent)
                    && sent.to_lowercase().contains("request")
                {
                    if let Some(r) = out.get_mut(ri) {
                        r.status = ExtensionStatus::Granted;
                    }
                }
            }
            continue;
        }
        // read only where a record can take it: a capture in every sentence of
        // every record was about a third of this function's cost
        let obligation = ARTICLE.captures(sent).map(|c| format!("Article {}", &c[1]));
        if ADVISED.is_match(sent) {
            continue;
        }
        let status = if WITHDRAWN.is_match(sent) {
            ExtensionStatus::Withdrawn
        } else if grants(sent) {
            ExtensionStatus::Granted
        } else {
            ExtensionStatus::Submitted
        };
        let period = PERIOD.captures(sent).map(|c| c[1].to_string());
        let meeting = MEETING
            .captures(sent)
            .map(|c| c[1].to_string())
            .or_else(|| {
                (status == ExtensionStatus::Granted && !EARLIER.is_match(sent))
                    .then(|| doc_meeting.clone())
                    .flatten()
            });
        let extended: Vec<&(&Mention, Date, Option<&str>)> = dates
            .iter()
            .filter(|(_, _, k)| {
                matches!(
                    k,
                    Some(
                        "extended to"
                            | "until"
                            | "extended until"
                            | "extension until"
                            | "extension to"
                    )
                )
            })
            .collect();
        let original = dates
            .iter()
            .find(|(_, _, k)| matches!(k, Some("original")))
            .map(|(_, d, _)| *d)
            .or_else(|| {
                // "Serbia, whose deadline is 1 March 2025, requested an extension
                // until 1 March 2027": the one deadline before a request's word
                // ("Cyprus' deadline is 1 July 2022, as extended" is the new one)
                if status != ExtensionStatus::Submitted {
                    return None;
                }
                let at = s.span.start + EXTENDING.find(sent)?.start();
                match dates
                    .iter()
                    .filter(|(m, _, k)| *k == Some("deadline") && m.span.end <= at)
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    [(_, d, _)] => Some(*d),
                    _ => None,
                }
            });
        // "was granted a second extension, committing to clear all mined areas
        // by 1 January 2021": a grant's one deadline after the word is the new one
        let extended = if extended.is_empty() && status == ExtensionStatus::Granted {
            let after = EXTENDING
                .find(sent)
                .map_or(usize::MAX, |m| s.span.start + m.end());
            let later: Vec<_> = dates
                .iter()
                .filter(|(m, _, k)| k.is_some_and(|k| k != "original") && m.span.start >= after)
                .collect();
            if later.len() == 1 {
                later
            } else {
                extended
            }
        } else {
            extended
        };
        // one record per extended date, owned as a deadline is owned; or, with no
        // date, one per state named ("submitted requests: Eritrea, Ethiopia, ...")
        let mut found: Vec<(String, Option<Date>)> = extended
            .iter()
            .filter_map(|(m, d, _)| {
                deadlines::owner(ex, text, m)
                    .or_else(|| states.is_empty().then(|| antecedent.clone()).flatten())
                    .map(|st| (st, Some(*d)))
            })
            .collect();
        if found.is_empty() {
            found = if states.is_empty() {
                doc_state.iter().map(|st| (st.clone(), None)).collect()
            } else {
                states
                    .iter()
                    .map(|m| (m.canonical().to_string(), None))
                    .collect()
            };
        }
        for (state, requested) in found {
            let hit = out.iter().position(|r| {
                r.state == state
                    && (r.requested_deadline.is_none()
                        || requested.is_none()
                        || r.requested_deadline == requested)
            });
            let ri = match hit {
                Some(ri) => {
                    let r = &mut out[ri];
                    r.requested_deadline = r.requested_deadline.or(requested);
                    r.original_deadline = r.original_deadline.or(original);
                    r.obligation = r.obligation.clone().or(obligation.clone());
                    r.period = r.period.clone().or(period.clone());
                    if status != ExtensionStatus::Submitted {
                        r.status = status;
                        r.meeting = r.meeting.clone().or(meeting.clone());
                    }
                    ri
                }
                None => {
                    out.push(ExtensionRecord {
                        state,
                        obligation: obligation.clone(),
                        original_deadline: original,
                        requested_deadline: requested,
                        period: period.clone(),
                        status,
                        meeting: if status == ExtensionStatus::Granted {
                            meeting.clone()
                        } else {
                            None
                        },
                        sentence: si,
                    });
                    out.len() - 1
                }
            };
            last_touched = Some((ri, s.segment));
        }
    }
    if out.iter().any(|r| r.obligation.is_none()) {
        if let Some(article) = document_article(text) {
            for r in out.iter_mut().filter(|r| r.obligation.is_none()) {
                r.obligation = Some(article.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extended_deadline_recalled_is_no_extension() {
        assert!(!speaks_of_extending(
            "three States had been unable to meet the final extended deadline of 29 April 2012"
        ));
        assert!(speaks_of_extending(
            "Chile requested an extension of its deadline to 1 March 2026"
        ));
        assert!(speaks_of_extending("the deadline was extended to 2026"));
        assert!(speaks_of_extending(
            "Chad presented its request for an extended deadline"
        ));
        assert!(ADVISED.is_match("it therefore should seek a further extension"));
        assert!(!ADVISED.is_match("Chad submitted a request for an extension"));
    }

    #[test]
    fn an_extended_deadline_asked_for_is_no_grant() {
        assert!(!grants(
            "Peru introduced its request for an extended mine clearance deadline and the Committee commented"
        ));
        assert!(!grants("Chad asked for a new extended deadline"));
        assert!(!grants(
            "the Committee analysed requests for extended deadlines submitted by Chad and Peru"
        ));
        assert!(grants("the deadline was extended to 1 March 2027"));
        assert!(grants("The Meeting granted the request"));
        assert!(grants(
            "the deadlines were extended, with the new dates in brackets"
        ));
    }

    #[test]
    fn the_document_article_is_the_only_one_named() {
        assert_eq!(
            document_article("its Article 5 deadline ... under Article 5").as_deref(),
            Some("Article 5")
        );
        assert_eq!(
            document_article("Article 4 stockpiles and Article 5 clearance"),
            None
        );
        assert_eq!(document_article("no article here"), None);
    }
}
