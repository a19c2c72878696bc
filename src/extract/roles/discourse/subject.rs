//! A sentence's subject: where it ends (its first finite verb) and whether it
//! is a party.

use super::super::only_holder_words;
use super::super::vocabulary::{self, List};
use super::{is_party_entity, Subject};
use crate::model::Mention;

/// The subject of a sentence when it is a party: the words before its first
/// finite verb ("The representative of Sri Lanka said ..." -> Sri Lanka; "The
/// Chair, Ambassador Anne Kemppainen of Finland, opened ..." -> the person; "The
/// Committee urged ..." -> "The Committee"). `None` for a pronoun subject or a
/// subject that is no party ("The agenda was adopted").
pub fn sentence_subject(s: &str, base: usize, in_unit: &[&Mention]) -> Option<Subject> {
    let end = subject_end(s)?;
    // "In the conclusions of their meeting at Bonn, the Council welcomed":
    // the subject starts after the lead adverbials
    let subject =
        super::super::without_lead_adverbials(s[..end].trim().trim_end_matches(',').trim());
    let off = subject.as_ptr() as usize - s.as_ptr() as usize;
    let lower = subject.to_lowercase();
    let person_role = lower.split_whitespace().any(|w| {
        vocabulary::has(
            List::PersonRoles,
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
        )
    });
    let inside: Vec<&&Mention> = in_unit
        .iter()
        .filter(|m| is_party_entity(m) && m.span.start >= base + off && m.span.end <= base + end)
        .collect();
    // "The Director General of the ... Authority, Mr Ly Thuch,": a named
    // person before an office taken for one
    let named = |m: &&&&Mention| {
        m.entity == "person" && !m.text.starts_with("The ") && !m.text.starts_with("the ")
    };
    let person = inside
        .iter()
        .find(named)
        .or_else(|| inside.iter().find(|m| m.entity == "person"));
    if let Some(p) = person {
        return Some(Subject {
            party: p.canonical().to_string(),
            person_like: true,
        });
    }
    if let Some(first) = inside.first() {
        let same: Vec<&&&Mention> = inside
            .iter()
            .filter(|m| m.canonical() == first.canonical())
            .collect();
        let mut rest = subject.to_string();
        for m in &same {
            rest = rest.replacen(m.text.as_str(), " ", 1);
        }
        let rest = rest.replace(['(', ')', ','], " ");
        if only_holder_words(&rest) || words_of_office(&rest) {
            return Some(Subject {
                party: first.canonical().to_string(),
                person_like: person_role,
            });
        }
        // "The Security Council, by its resolution 1037 (1996), decided": the
        // party before an inserted phrase between commas
        let before_comma = subject.split(',').next().unwrap_or(subject);
        let first_end = first.span.end.saturating_sub(base + off);
        if before_comma.len() < subject.len()
            && first_end <= before_comma.len()
            && subject.matches(',').count() >= 1
        {
            let rest = before_comma.replacen(first.text.as_str(), " ", 1);
            if only_holder_words(&rest) {
                return Some(Subject {
                    party: first.canonical().to_string(),
                    person_like: false,
                });
            }
        }
    }
    // a clause is no subject ('States Parties "...recognize that')
    if subject.contains(['"', '“', '”']) || lower.contains(" that ") {
        return None;
    }
    let words = subject.split_whitespace().count();
    let party_noun = lower.split_whitespace().any(|w| {
        vocabulary::has(
            List::PartyNouns,
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
        )
    });
    (words <= 8 && party_noun && (off > 0 || subject.starts_with(char::is_uppercase))).then(|| {
        Subject {
            party: subject.to_string(),
            person_like: person_role,
        }
    })
}

/// Only the words of an office held for a party ("The Deputy Minister of Defence
/// of"): the party is the one represented.
fn words_of_office(rest: &str) -> bool {
    rest.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        vocabulary::has(List::PersonRoles, &w)
            || [
                "the",
                "of",
                "deputy",
                "permanent",
                "defence",
                "defense",
                "foreign",
                "affairs",
            ]
            .contains(&w.as_str())
    })
}

/// Byte offset where a sentence's subject ends: before the first finite verb
/// among its first 25 words (a verb of saying or asking, or a lower-case past
/// form not followed by "by", which is a participle: "supported by Norway").
/// `None` when the sentence opens with a pronoun or no verb is found.
pub fn subject_end(s: &str) -> Option<usize> {
    let mut pos = 0;
    let mut prev_of = false;
    let mut depth = 0i32;
    let words: Vec<&str> = s.split_inclusive(char::is_whitespace).take(26).collect();
    for (i, w) in words.iter().enumerate() {
        if i >= 25 {
            return None;
        }
        let t = w
            .trim()
            .trim_matches(|c: char| !c.is_alphabetic() && c != '-');
        if i == 0 && super::super::pronoun_kind(t).is_some() {
            return None;
        }
        let opens = w.matches('(').count() as i32 - w.matches(')').count() as i32;
        if depth == 0 && i > 0 && t.starts_with(char::is_lowercase) {
            // "supported by Norway" is a participle, "responded by saying" a verb
            let next_is_by = words
                .get(i + 1)
                .is_some_and(|n| n.trim().eq_ignore_ascii_case("by"))
                && !words.get(i + 2).is_some_and(|n| n.trim().ends_with("ing"));
            let finite = vocabulary::has(List::SpeechVerbs, t)
                || vocabulary::has(List::SubjectVerbs, t)
                || (t.ends_with("ed") && !next_is_by && t.len() > 4);
            let after_of = prev_of;
            if finite && !after_of {
                return Some(pos);
            }
        }
        depth = (depth + opens).max(0);
        prev_of = t.eq_ignore_ascii_case("of");
        pos += w.len();
    }
    None
}
