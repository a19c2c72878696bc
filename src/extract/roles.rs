//! Who asks whom: the parties of a request, beyond the named entities of its
//! sentence.
//!
//! A party is right or absent: the requester is the party the sentence makes ask,
//! the addressee the party asked. Where no named entity fills a role, these
//! helpers read the sentence's grammar just far enough to fill it honestly:
//!
//! * the document's own voice: the body whose resolution this is ("The General
//!   Assembly," on a line of its own) asks in every subject-less operative or
//!   preambular paragraph; "I"/"we" in a report of the Secretary-General is the
//!   Secretary-General;
//! * the object of the asking verb: "urges **all States parties** to provide",
//!   "encouraged **affected States** to include";
//! * passives: in "Members were asked to submit" the subject is the one asked;
//! * modal calls: in "some delegates argued that the term should be retained"
//!   the speaker asks, and the subject of "should" is asked only when it is a party;
//! * pronouns resolve to the one person the segment has named so far, else
//!   nothing; fragments ("The largest") are never a party.

use std::sync::LazyLock;

use regex::Regex;

mod asked_phrases;
mod bounded;
mod clauses;
pub mod discourse;
mod doc_voice;
pub mod list_calls;
pub mod vocabulary;

pub use asked_phrases::{need_for, object_phrase, resolution_of, that_subject};
pub use clauses::{
    clause_first_person, object_pronoun_antecedent, reported_clause, without_lead_adverbials,
};
pub use doc_voice::{byline_author, convener, convention_parties, doc_voice, DocVoice};
use vocabulary::List;

/// True when `phrase` names a party: a named entity lies in it (`has_entity`),
/// or one of its first words is a party noun.
pub fn is_party_phrase(phrase: &str, has_entity: bool) -> bool {
    has_entity
        || phrase.split_whitespace().take(8).any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase();
            vocabulary::has(List::PartyNouns, &w)
        })
}

/// True when `rest` (a phrase less its one entity) holds only articles and
/// words for who speaks for the entity: "the representative of", "the Government of".
pub fn only_holder_words(rest: &str) -> bool {
    rest.split_whitespace()
        .all(|w| vocabulary::has(List::HolderWords, &w.to_lowercase()))
}

/// A pronoun that is the whole subject before the trigger ("It also
/// recommended", "He then asked"), with sentence adverbs set aside.
pub fn head_pronoun(head: &str) -> Option<String> {
    let clause = head.rsplit([',', ';', ':']).next()?;
    let words: Vec<&str> = clause
        .split_whitespace()
        .filter(|w| {
            let w = w.to_lowercase();
            w != "and" && !clauses::SUBJECT_ADVERBS.contains(&w.as_str())
        })
        .collect();
    match words.as_slice() {
        [one] if pronoun_kind(one).is_some() => Some(one.to_string()),
        _ => None,
    }
}

/// An office held in a state or body, right before its name ("the President
/// of", "the Prime Minister of"): the office-holder is the party, not the state.
pub fn office_before(before_name: &str) -> Option<String> {
    static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b((?:Vice[- ])?President|Prime\s+Minister|Foreign\s+Minister|Minister\s+for\s+Foreign\s+Affairs|King|Queen|Emir|Head\s+of\s+State)\s+of\s+(?:the\s+)?$",
        )
        .expect("static regex")
    });
    OFFICE
        .captures(before_name)
        .map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A counted subject ("Four States Parties") that a colon list after it names:
/// the list's parties, joined ("Eritrea, Ethiopia, Niger and Serbia").
pub fn counted_subject(phrase: &str) -> bool {
    let first = phrase
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    first.chars().all(|c| c.is_ascii_digit())
        || [
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve",
        ]
        .contains(&first.as_str())
}

/// Joins names as a list is written: "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// True when `after_name` (the text right after a party's name) goes on with
/// a finite verb: the party is the subject of a clause of its own (", and
/// Ethiopia requested an extension"), not the one asked.
pub fn opens_predicate(after_name: &str) -> bool {
    let next = after_name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic());
    next.starts_with(char::is_lowercase)
        && ((next.ends_with("ed") && next.len() > 4)
            || [
                "has", "had", "have", "is", "was", "were", "are", "will", "would", "said", "also",
            ]
            .contains(&next))
}

/// True when the words right before the trigger make it a passive ("were asked",
/// "are encouraged", "was requested").
pub fn is_passive(before_trigger: &str) -> bool {
    // "there had been a strong push from": a be-form before a noun phrase
    let last = before_trigger.split_whitespace().next_back().unwrap_or("");
    if ["a", "an", "the", "some", "no", "much", "many", "great"]
        .contains(&last.to_lowercase().as_str())
    {
        return false;
    }
    before_trigger.split_whitespace().rev().take(3).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "was" | "were" | "is" | "are" | "be" | "been" | "being"
        )
    })
}

/// The byte offset where the last verb of saying before `end` starts, if any
/// ("some delegates **argued** that the term should be retained").
pub fn last_speech_verb(head: &str) -> Option<usize> {
    let mut found = None;
    let mut pos = 0;
    for w in head.split_inclusive(char::is_whitespace) {
        let t = w
            .trim()
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        if vocabulary::has(List::SpeechVerbs, &t) {
            found = Some(pos);
        }
        pos += w.len();
    }
    found
}

/// The first verb of saying in `text`: where a sentence's subject ends
/// ("**A number of delegations** expressed concern ... and called for ...").
pub fn first_speech_verb(text: &str) -> Option<usize> {
    let mut pos = 0;
    for (n, w) in text.split_inclusive(char::is_whitespace).enumerate() {
        if n > 8 {
            return None;
        }
        let t = w
            .trim()
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        if vocabulary::has(List::SpeechVerbs, &t) {
            return Some(pos);
        }
        pos += w.len();
    }
    None
}

/// Pronouns that may stand for a party; what they stand for is decided elsewhere.
pub fn pronoun_kind(phrase: &str) -> Option<Pronoun> {
    match phrase.trim().to_lowercase().as_str() {
        "i" | "we" => Some(Pronoun::FirstPerson),
        "he" | "she" => Some(Pronoun::Person),
        "it" | "they" | "this" | "these" | "those" | "them" | "you" => Some(Pronoun::Other),
        _ => None,
    }
}

/// What a pronoun may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// "I", "we": the document's author.
    FirstPerson,
    /// "he", "she": the one person named before it.
    Person,
    /// "it", "they": left unknown.
    Other,
}

/// A determiner with only an adjective or quantity after it ("The largest",
/// "The majority", "Of the total"): a fragment of a phrase, never a party.
pub fn is_fragment(phrase: &str) -> bool {
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let Some(first) = words.first() else {
        return true;
    };
    // "Of the 33 donors reporting", "The majority of the": a phrase that opens
    // with a preposition or stops at a function word was cut out of a clause
    const OPENS: &[&str] = &[
        "of", "in", "on", "for", "with", "from", "at", "by", "to", "as",
    ];
    const ENDS: &[&str] = &[
        "the", "of", "a", "an", "and", "or", "to", "for", "in", "with", "by",
    ];
    if OPENS.contains(&first.as_str())
        || (words.len() > 1 && words.last().is_some_and(|l| ENDS.contains(&l.as_str())))
    {
        return true;
    }
    if !["the", "those", "these", "a", "an", "its", "their"].contains(&first.as_str()) {
        return false;
    }
    words.len() == 1
        || words[1..].iter().all(|w| {
            w.ends_with("est")
                || [
                    "majority",
                    "rest",
                    "following",
                    "latter",
                    "former",
                    "first",
                    "second",
                    "total",
                    "same",
                    "other",
                    "others",
                    "most",
                    "remainder",
                    "the",
                    "therefore",
                ]
                .contains(&w.as_str())
        })
}

/// A line that only carries the page: a page number ("3", "250/257"), a
/// document symbol as running head ("CCW/GGE.1/2023/2", "A/79/408"), a job
/// number ("24-21499") or "/...". The text around it goes on as if it were
/// not there.
pub fn is_page_furniture(line: &str) -> bool {
    let t = line.trim();
    let plain = t.chars().all(|c| {
        c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, '/' | '.' | '-' | '(' | ')')
    });
    !t.is_empty()
        && t.len() <= 40
        && plain
        && (t.contains('/') || t.chars().any(|c| c.is_ascii_digit()))
        // "1.", "12." open numbered paragraphs
        && (t.contains('/') || !t.ends_with('.'))
}

/// True when the unit opens like a resolution's paragraph: an optional number,
/// then a capitalised verb in "-s" or "-ing" ("10. Requests", "Stressing"), or
/// an adverb before it ("Also requests", "Strongly urges").
pub fn opens_operative(unit: &str) -> bool {
    static OPEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:\(?[0-9]{1,3}[.)]\s+|\([a-z]\)\s+)?(?:(?:Also|Further|Strongly|Urgently|Again|Once again)\s+\p{Ll}+(?:s|ing)\b|\p{Lu}\p{Ll}+(?:s|ing)\b)",
        )
        .expect("static regex")
    });
    OPEN.is_match(unit)
}

/// "3. The nineteen actions in the section on cooperation describe steps all
/// States Parties ... should take", "These actions call on ...": a plan's
/// actions ask what they describe, and the plan is the last one the text
/// named before them ("With the Cartagena Action Plan, ..."). None when the
/// unit's subject is not a plan's actions or no plan was named.
pub fn plan_of_actions(unit: &str, before: &str) -> Option<String> {
    let mut words = unit.split_whitespace().peekable();
    // an enumerator: "3.", "(b)"
    if words.peek().is_some_and(|w| {
        w.ends_with(['.', ')']) && w.trim_matches(['(', ')', '.']).chars().count() <= 3
    }) {
        words.next();
    }
    if !matches!(words.next(), Some("The" | "These")) {
        return None;
    }
    const NUMBERS: &[&str] = &[
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
    ];
    let mut next = words.next()?;
    // a count between the article and the noun: "nineteen", "50"
    if !next.eq_ignore_ascii_case("actions") {
        let count = next.chars().all(|c| c.is_ascii_digit())
            || NUMBERS.contains(&next.to_lowercase().as_str());
        if !count {
            return None;
        }
        next = words.next()?;
    }
    if !next.eq_ignore_ascii_case("actions") {
        return None;
    }
    static PLAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\p{Lu}\w*)\s+Action\s+Plan\b").expect("static regex"));
    PLAN.captures_iter(before)
        .filter(|c| !matches!(&c[1], "The" | "This" | "An" | "Its" | "Their" | "New"))
        .last()
        .map(|c| format!("{} Action Plan", &c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_offices_and_lists_before_the_trigger() {
        assert_eq!(head_pronoun("It also ").as_deref(), Some("It"));
        assert_eq!(head_pronoun("Japan "), None);
        assert_eq!(
            office_before("recalled that the President of ").as_deref(),
            Some("President")
        );
        assert_eq!(office_before("the representative of "), None);
        assert!(is_passive("Members were "));
        assert!(!is_passive("there had been a "));
        assert!(opens_predicate(" requested an extension"));
        assert!(!opens_predicate(" to report on progress"));
        assert!(!opens_predicate(", Germany and"));
        assert!(counted_subject("Four States Parties"));
        assert!(!counted_subject("Several States"));
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }

    #[test]
    fn party_phrases_name_a_party() {
        assert!(is_party_phrase("all States parties", false));
        assert!(is_party_phrase("the Secretary-General", false));
        assert!(!is_party_phrase("technical assistance", false));
        assert!(is_party_phrase("UNDP", true));
    }

    #[test]
    fn fragments_and_pronouns() {
        assert!(is_fragment("The largest"));
        assert!(is_fragment("Of the 33 donors reporting"));
        assert!(is_fragment("The majority of the"));
        assert!(!is_fragment("Member States"));
        assert!(is_fragment("The"));
        assert!(!is_fragment("The Committee"));
        assert!(!is_fragment("Several delegations"));
        assert_eq!(pronoun_kind("She"), Some(Pronoun::Person));
        assert_eq!(pronoun_kind("I"), Some(Pronoun::FirstPerson));
        assert_eq!(pronoun_kind("Japan"), None);
    }

    #[test]
    fn page_numbers_and_running_heads_are_page_furniture() {
        for line in [
            "3",
            "CCW/GGE.1/2023/2",
            "  A/79/408 ",
            "24-21499",
            "250/257",
            "/...",
        ] {
            assert!(is_page_furniture(line), "{line}");
        }
        for line in [
            "III.",
            "IV",
            "Conclusions",
            "1.",
            "(a)",
            "Annex I",
            "2.3 Briefing",
        ] {
            assert!(!is_page_furniture(line), "{line}");
        }
    }

    #[test]
    fn operative_openings() {
        assert!(opens_operative("10. Requests the Secretary-General to"));
        assert!(opens_operative("Stressing the importance of"));
        assert!(opens_operative("Also requests the Secretary-General"));
        assert!(opens_operative("10. Urgently calls upon States parties"));
        assert!(!opens_operative("Japan encouraged affected States"));
        assert!(!opens_operative("The Chair asked UNDP"));
    }

    #[test]
    fn speech_verbs_mark_the_speaker() {
        let h = "On the other hand, some delegates argued that the term ";
        let i = last_speech_verb(h).expect("argued");
        assert!(h[..i].ends_with("delegates "));
        assert_eq!(
            first_speech_verb("A number of delegations expressed concern"),
            Some(24)
        );
    }

    #[test]
    fn a_plan_s_actions_ask_and_the_plan_is_the_last_named() {
        let before = "Under the Oslo Action Plan, ... With the Lima Action Plan, States agreed.";
        let unit = "4. The twelve actions on assistance describe steps all States should take.";
        assert_eq!(
            plan_of_actions(unit, before).as_deref(),
            Some("Lima Action Plan")
        );
        assert_eq!(
            plan_of_actions("These actions call on donors to act.", before).as_deref(),
            Some("Lima Action Plan")
        );
        // no plan named before, or a subject that is no plan's actions
        assert_eq!(plan_of_actions(unit, "States agreed."), None);
        assert_eq!(
            plan_of_actions("The actors should take steps.", before),
            None
        );
    }
}
