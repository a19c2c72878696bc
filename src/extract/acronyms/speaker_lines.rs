//! Transcript speaker lines: "**IAHWG | Brian Wallace | Co-Chair**",
//! "**Belize | Representative | (CARICOM)**" (bold in the record, plain lines
//! once the text is cleaned). The first field is the body that
//! speaks; a field of two to four name words that holds no office word is the
//! speaker. A body written as an acronym no gazetteer knows ("IAHWG", "GA") is
//! an organisation of the document; a state there is left to the gazetteer.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::super::sentences::Unit;
use super::mention;
use crate::model::{Mention, Span};

/// Rule name of the bodies named by a speaker line.
pub const ORG_RULE: &str = "organisation-speaker-line";
/// Rule name of the persons named by a speaker line.
pub const PERSON_RULE: &str = "person-speaker-line";

/// Words of an office, not of a name ("Permanent Representative", "USG Policy").
const OFFICE_WORDS: &[&str] = &[
    "representative",
    "permanent",
    "chair",
    "co-chair",
    "chairperson",
    "vice-chair",
    "president",
    "vice-president",
    "minister",
    "secretary",
    "secretary-general",
    "director",
    "ambassador",
    "delegate",
    "delegation",
    "officer",
    "coordinator",
    "head",
    "chief",
    "envoy",
    "adviser",
    "advisor",
    "spokesperson",
    "policy",
    "affairs",
    "general",
    "deputy",
    "observer",
    "moderator",
    "facilitator",
    "rapporteur",
    "member",
    "speaker",
    "mission",
];

/// The field separator of a speaker line, found as `match_indices(" | ")` would
/// (a literal: the regex searches it with SIMD, where `match_indices` cost 11
/// instructions per byte of every record).
static SPEAKER_BAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" \| ").expect("static regex"));

/// Adds to `added` the bodies and persons that the document's speaker lines
/// name and that no mention in `mentions` or `added` holds yet.
pub fn learn(text: &str, units: &[Unit], mentions: &[Mention], added: &mut Vec<Mention>) {
    // the cleaned text has lost the bold marks: a speaker line is a whole line
    // of two to four fields split by " | " (a table row starts with "|")
    let mut done_to = 0;
    for bar in SPEAKER_BAR.find_iter(text).map(|m| m.start()) {
        if bar < done_to {
            continue;
        }
        let start = text[..bar].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[bar..].find('\n').map_or(text.len(), |i| bar + i);
        done_to = line_end;
        let inner = text[start..line_end].trim_end();
        let fields = inner.split('|').count();
        if inner.starts_with(['|', ' '])
            || inner.ends_with('|')
            || inner.len() > 160
            || !(2..=4).contains(&fields)
        {
            continue;
        }
        let base = start;
        let mut off = 0;
        for (i, field) in inner.split('|').enumerate() {
            let lead = field.len() - field.trim_start().len();
            let f = field.trim();
            let span = Span::new(base + off + lead, base + off + lead + f.len());
            off += field.len() + 1;
            let held = |ms: &[Mention]| {
                ms.iter().any(|m| {
                    m.span.overlaps(span)
                        && matches!(m.entity.as_str(), "organisation" | "state" | "person")
                })
            };
            if held(mentions) || held(added) {
                continue;
            }
            let kind = if i == 0 && is_acronym(f) {
                (("organisation", ORG_RULE), BTreeMap::new())
            } else if i > 0 && is_person_name(f) {
                (("person", PERSON_RULE), BTreeMap::new())
            } else {
                continue;
            };
            if let Some(m) = mention(text, units, span, kind.0, f, kind.1) {
                added.push(m);
            }
        }
    }
}

/// "IAHWG", "GA", "G77": two to ten capitals and digits, a capital first.
fn is_acronym(f: &str) -> bool {
    (2..=10).contains(&f.len())
        && f.starts_with(|c: char| c.is_ascii_uppercase())
        && f.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Two to four capitalised name words, none of them an office word.
fn is_person_name(f: &str) -> bool {
    let words: Vec<&str> = f.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().next().is_some_and(char::is_lowercase)
                && cs.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                && !OFFICE_WORDS.contains(&w.to_lowercase().as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::super::super::sentences::UnitKind;
    use super::*;

    #[test]
    fn bodies_and_speakers_of_speaker_lines() {
        let text = "IAHWG | Brian Wallace | Co-Chair\n\nThank you.\n\nBelize | Permanent Representative | (CARICOM)\n\nWe align.\nUN Secretariat | Guy Ryder | USG Policy\n| Donor Name | Jan Smith |\n";
        let units = vec![Unit {
            span: Span::new(0, text.len()),
            segment: 0,
            kind: UnitKind::Sentence,
        }];
        let mut added = Vec::new();
        learn(text, &units, &[], &mut added);
        let got: Vec<(&str, &str)> = added
            .iter()
            .map(|m| (m.entity.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("organisation", "IAHWG"),
                ("person", "Brian Wallace"),
                ("person", "Guy Ryder")
            ]
        );
    }

    #[test]
    fn offices_are_not_names() {
        assert!(!is_person_name("Permanent Representative"));
        assert!(!is_person_name("USG Policy"));
        assert!(!is_person_name("Co-Chair"));
        assert!(is_person_name("Annalena Baerbock"));
        assert!(is_acronym("GA") && is_acronym("G77") && !is_acronym("Belize"));
    }
}
