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

use crate::model::Mention;

mod clauses;
pub mod discourse;
pub mod list_calls;
pub mod vocabulary;

pub use clauses::{
    clause_first_person, object_pronoun_antecedent, reported_clause, without_lead_adverbials,
};

use vocabulary::List;

/// Who speaks for a whole document: the body of a resolution, the author of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocVoice {
    /// The body whose decision the text is ("General Assembly"), from its
    /// "The General Assembly," line.
    pub actor: Option<String>,
    /// Who "I" and "we" are: the Secretary-General in his reports, the author
    /// a paper's byline names.
    pub first_person: Option<String>,
    /// Whom a paper with a byline addresses: "States Parties" for a paper
    /// presented to a meeting or conference of the States Parties.
    pub audience: Option<String>,
}

/// Reads a document's voice from its text (one pass of two regexes).
pub fn doc_voice(text: &str) -> DocVoice {
    static ACTOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^[ \t]*The\s+(General Assembly|Security Council|Human Rights Council|Economic and Social Council|Conference of the States Parties|Meeting of the States Parties|Meeting of the High Contracting Parties|(?:Bureau|Committee|Commission|Conference|Council|Board|Assembly|Meeting)(?:[ \t]+(?:of|on|for|the|and|\p{Lu}[\w-]*)){0,8})\s*,[ \t]*$",
        )
        .expect("static regex")
    });
    static REPORT_OF_SG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\breport\s+of\s+the\s+secretary[- ]general\b").expect("static regex")
    });
    // only the Secretary-General writes of "my Special Representative": a part
    // of his report that has lost its title page still has its author
    static MY_ENVOY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b[Mm]y\s+(?:Deputy\s+)?(?:Special|Personal|Executive)\s+(?:Representative|Envoy|Adviser|Coordinator)\b",
        )
        .expect("static regex")
    });
    static MEETING_OF_PARTIES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:meeting|conference)\s+of\s+(?:the\s+)?(states\s+parties|high\s+contracting\s+parties)\b|\b(review\s+conference)\b")
            .expect("static regex")
    });
    let head = text.get(..floor_char(text, 4000)).unwrap_or(text);
    let author = byline_author(head);
    let audience = author.as_ref().and_then(|_| {
        let c = MEETING_OF_PARTIES.captures(head)?;
        let hcp = c
            .get(1)
            .is_some_and(|m| m.as_str().to_lowercase().starts_with("high"));
        Some(
            if hcp {
                "High Contracting Parties"
            } else {
                "States Parties"
            }
            .to_string(),
        )
    });
    DocVoice {
        actor: ACTOR.captures(text).map(|c| c[1].to_string()),
        first_person: (REPORT_OF_SG.is_match(head) || MY_ENVOY.is_match(text))
            .then(|| "Secretary-General".to_string())
            .or(author),
        audience,
    }
}

/// The author a document's title page names on a line of its own: "Presented
/// by the President of the Second Review Conference", "SUBMITTED BY THE
/// COMMITTEE ON ...", "Working paper submitted by Austria". A paper's "we" and
/// its calls that name no asker ("States Parties should ...") are the author's.
pub fn byline_author(head: &str) -> Option<String> {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?im)^[ \t#*_>]*(?:[\p{L}-]+[ \t]+){0,3}?(?:submitted|presented|prepared|transmitted)[ \t]+by[ \t]+(?:the[ \t]+)?(\p{L}[^\n]{1,120}?)[ \t*_.:]*$",
        )
        .expect("static regex")
    });
    let c = BYLINE.captures(head)?;
    let name = c[1].trim();
    // a sentence that says who prepared something is no byline
    if name.split_whitespace().count() > 12 || name.contains(['.', ';', ',']) {
        return None;
    }
    Some(if name.chars().any(char::is_lowercase) {
        name.to_string()
    } else {
        title_case(name)
    })
}

/// "COMMITTEE ON THE ENHANCEMENT OF COOPERATION" -> "Committee on the
/// Enhancement of Cooperation".
fn title_case(upper: &str) -> String {
    const SMALL: [&str; 9] = ["of", "on", "the", "and", "for", "in", "to", "a", "an"];
    upper
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut cs = lower.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

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

/// The object of an asking verb: the phrase between the verb (and a particle:
/// "call upon", "appeal to", "invitation to") and the infinitive's "to"
/// ("Requests **the Secretary-General**, in accordance with ..., to undertake").
/// `from_trigger` starts at the trigger. Cut at the first comma; `None` when
/// there is no infinitive, or the phrase is "that ..." or longer than 80 words.
pub fn object_phrase(from_trigger: &str) -> Option<String> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\S+(?:\s+to\s+(?:request|urge|encourage|ask|invite|call))?(?:\s+and\s+(?:encourages|encouragement|urges))?(?:\s+(?:strongly|also|further|again))?(?:\s+(?:on|upon|to))?\s+",
        )
        .expect("static regex")
    });
    let lead = LEAD.find(from_trigger)?;
    let rest = &from_trigger[lead.end()..];
    let bytes = rest.as_bytes();
    let mut words = 0usize;
    let mut prev_space = true;
    for (i, c) in rest.char_indices() {
        if matches!(c, ';' | ':' | '.') && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
        {
            return None;
        }
        if c.is_whitespace() {
            prev_space = true;
            continue;
        }
        if prev_space {
            words += 1;
            if words > 80 {
                return None;
            }
            // "to" then any space: a line may break after it
            if i > 0
                && rest[i..].starts_with("to")
                && rest[i + 2..].starts_with(char::is_whitespace)
            {
                let next = rest[i + 2..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric());
                let verb_like = next.chars().next().is_some_and(|c| c.is_lowercase())
                    && !vocabulary::has(List::NotVerbs, next);
                if verb_like {
                    return clean_np(&rest[..i]);
                }
            }
        }
        prev_space = false;
    }
    None
}

fn clean_np(np: &str) -> Option<String> {
    let np = np.split(',').next().unwrap_or("").trim();
    // "requested assistance from States Parties in a position to": asked are
    // those after "from"
    let np = np.split_once(" from ").map_or(np, |(_, who)| who.trim());
    // "It was important for donors to identify": asked are those after "for"
    let np = np.split_once(" for ").map_or(np, |(_, who)| who.trim());
    // "cooperation among States": those among whom it is asked for
    let np = [" among ", " between "]
        .iter()
        .find_map(|sep| np.split_once(sep))
        .filter(|(what, _)| !is_party_phrase(what, false))
        .map_or(np, |(_, who)| who.trim());
    // "urge you Co-Chairs to": the vocative names the addressee
    let np = np.strip_prefix("you ").map_or(np, |rest| rest.trim_start());
    let lower = np.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if np.is_empty()
        || [
            "that", "for", "whether", "if", "about", "how", "to", "be", "been",
        ]
        .contains(&first)
    {
        return None;
    }
    Some(np.to_string())
}

/// The subject of a "that" clause right after an asking verb, when it is a
/// party: "recommended that **affected States** report on ..." (the words up to
/// the last party noun among the first six after "that").
pub fn that_subject(from_trigger: &str) -> Option<String> {
    let mut words = from_trigger.split_whitespace().skip(1);
    let mut skipped = 0;
    loop {
        let w = words.next()?;
        if w.eq_ignore_ascii_case("that") {
            break;
        }
        skipped += 1;
        if skipped > 2 {
            return None;
        }
    }
    let after: Vec<&str> = words.take(6).collect();
    // "requested that I continue": the author, resolved by the caller
    if let Some(first) = after
        .first()
        .filter(|w| **w == "I" || w.eq_ignore_ascii_case("we"))
    {
        return Some(first.to_string());
    }
    let last_noun = after.iter().rposition(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        vocabulary::has(List::PartyNouns, &w)
    })?;
    let phrase = after[..=last_noun].join(" ");
    let phrase = phrase.trim_end_matches([',', ';', '.']);
    let clause_break = phrase.contains([',', ';', ':']);
    (!clause_break && !phrase.is_empty()).then(|| phrase.to_string())
}

/// The body whose resolution is the subject right before the trigger
/// ("resolution 810 (1993) of **the Council** requests"): it asks.
pub fn resolution_of(head: &str) -> Option<String> {
    static RES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i:resolutions?)\s+[0-9/]+(?:\s*\([0-9]{4}\))?(?:\s+of\s+[0-9]{1,2}\s+\p{L}+\s+[0-9]{4})?\s+of\s+(?:the\s+)?(\p{Lu}[\w-]*(?:\s+\p{Lu}[\w-]*){0,4})\s*$",
        )
        .expect("static regex")
    });
    RES.captures(head).map(|c| c[1].to_string())
}

/// "the need for **States** to take measures": the party the need is put on.
pub fn need_for(after_trigger: &str) -> Option<String> {
    let rest = after_trigger.trim_start();
    let rest = rest.strip_prefix("for ")?;
    let to = rest.find(" to ")?;
    let np = rest[..to].trim();
    // "for better coordination amongst donors to ensure": those among whom
    for link in [" amongst ", " among ", " between "] {
        if let Some(k) = np.find(link) {
            let party = np[k + link.len()..].trim();
            return (party.split_whitespace().count() <= 4 && is_party_phrase(party, false))
                .then(|| party.to_string());
        }
    }
    (np.split_whitespace().count() <= 8 && is_party_phrase(np, false)).then(|| np.to_string())
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

/// Who hosted, convened or chaired the meeting a record reports, from the
/// first sentence that says so near its top ("On Wednesday, Australia and Peru,
/// CCM Coordinators ..., hosted an informal meeting"): the parties named before
/// the verb. Calls no one in the text makes ("Donor states were encouraged to
/// share ...") are theirs.
pub fn convener(text: &str, mentions: &[Mention]) -> Option<String> {
    static HOSTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:hosted|convened|chaired|organi[sz]ed|opened)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:meeting|session|workshop|consultations?)\b")
            .expect("static regex")
    });
    let head = text.get(..floor_char(text, 3000)).unwrap_or(text);
    let m = HOSTED.find(head)?;
    // the sentence the verb stands in
    let start = head[..m.start()].rfind(['.', '\n']).map_or(0, |k| k + 1);
    let mut names: Vec<String> = Vec::new();
    for p in mentions.iter().filter(|p| {
        p.span.start >= start
            && p.span.end <= m.start()
            && matches!(p.entity.as_str(), "state" | "organisation" | "person")
    }) {
        if !names.iter().any(|n| n == p.canonical()) {
            names.push(p.canonical().to_string());
        }
    }
    (!names.is_empty() && names.len() <= 4).then(|| join_names(&names))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_object_is_the_phrase_before_the_infinitive() {
        let o = |s: &str| object_phrase(s);
        assert_eq!(
            o("Urges all States parties to provide the Secretary-General with information;")
                .as_deref(),
            Some("all States parties")
        );
        assert_eq!(
            o("encouraged affected States to include clear cost estimates.").as_deref(),
            Some("affected States")
        );
        assert_eq!(
            o("Requests the Secretary-General, in accordance with article 12, to undertake")
                .as_deref(),
            Some("the Secretary-General")
        );
        assert_eq!(
            o("Urges all States not parties to the Convention to ratify it").as_deref(),
            Some("all States not parties to the Convention")
        );
        assert_eq!(
            o("called on the MASG to take note of the gaps.").as_deref(),
            Some("the MASG")
        );
        assert_eq!(
            o("invitation to States not parties to participate in a dialogue").as_deref(),
            Some("States not parties")
        );
        assert_eq!(o("Requests that the consultations be conducted;"), None);
        assert_eq!(
            o("It was important for donors to identify the right partners.").as_deref(),
            Some("donors")
        );
        assert_eq!(o("requested assistance. Then to go"), None);
        assert_eq!(
            o("Invites all States that have not acceded to it to\n   provide information")
                .as_deref(),
            Some("all States that have not acceded to it")
        );
        assert_eq!(
            o("Invites all States that have not ratified the Convention or acceded to it to provide, on a voluntary basis, information").as_deref(),
            Some("all States that have not ratified the Convention or acceded to it")
        );
        assert_eq!(
            o("Encourages international and regional cooperation among States, including the sharing of information").as_deref(),
            None
        );
        assert_eq!(
            o("began to request the Secretary-General and UNPROFOR to use their good offices")
                .as_deref(),
            Some("the Secretary-General and UNPROFOR")
        );
        assert_eq!(
            o("urge you Co Chairs to structure this work").as_deref(),
            Some("Co Chairs")
        );
    }

    #[test]
    fn clauses_after_the_trigger_name_the_asked() {
        assert_eq!(
            that_subject("recommended that affected States report on survivors").as_deref(),
            Some("affected States")
        );
        assert_eq!(
            that_subject("Requests that the consultations be conducted"),
            None
        );
        assert_eq!(
            that_subject("requested that I continue to use my good offices").as_deref(),
            Some("I")
        );
        assert_eq!(
            resolution_of("As noted above, resolution 810 (1993) of the Council ").as_deref(),
            Some("Council")
        );
        assert_eq!(resolution_of("the Council "), None);
        assert_eq!(
            need_for(" for States to take appropriate measures").as_deref(),
            Some("States")
        );
        assert_eq!(
            need_for(" for better coordination amongst donors to ensure support").as_deref(),
            Some("donors")
        );
        assert_eq!(
            need_for(" for better coordination amongst them to ensure"),
            None
        );
        assert_eq!(head_pronoun("It also ").as_deref(), Some("It"));
        assert_eq!(head_pronoun("Japan "), None);
        assert_eq!(
            office_before("recalled that the President of ").as_deref(),
            Some("President")
        );
        assert_eq!(office_before("the representative of "), None);
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
    fn voice_of_a_resolution_and_a_report() {
        let v =
            doc_voice("78/241. Title\n\n                The General Assembly,\n  Affirming ...");
        assert_eq!(v.actor.as_deref(), Some("General Assembly"));
        let r = doc_voice("FOURTH PROGRESS REPORT OF THE SECRETARY-GENERAL ON UNTAC\n");
        assert_eq!(r.first_person.as_deref(), Some("Secretary-General"));
        assert_eq!(doc_voice("Minutes of the MASG").actor, None);
    }

    #[test]
    fn a_title_page_byline_names_the_author() {
        let by = |t: &str| byline_author(t);
        assert_eq!(
            by("Item 10\n\nPresented by the President of the Second Review Conference\n\nBackground").as_deref(),
            Some("President of the Second Review Conference")
        );
        assert_eq!(
            by("# TITLE\n\n#### SUBMITTED BY THE COMMITTEE ON THE ENHANCEMENT OF COOPERATION AND ASSISTANCE\n").as_deref(),
            Some("Committee on the Enhancement of Cooperation and Assistance")
        );
        assert_eq!(
            by("Working paper submitted by Austria\n").as_deref(),
            Some("Austria")
        );
        // a sentence about who prepared a text, or a list of documents, is no byline
        assert_eq!(
            by("1. This non-paper was prepared by the Implementation Support Unit of the Convention, which was asked\n"),
            None
        );
        assert_eq!(
            by("CCW/GGE.1/2019/1   Provisional agenda. Submitted by the Chairperson\n"),
            None
        );
        let v = doc_voice("Note\n\nSubmitted by the Chairperson\n\n1. We encourage ...");
        assert_eq!(v.first_person.as_deref(), Some("Chairperson"));
        assert_eq!(v.audience, None);
        let v = doc_voice(
            "Tenth Meeting of the States Parties\n\nPresented by the President\n\n1. ...",
        );
        assert_eq!(v.audience.as_deref(), Some("States Parties"));
        let v =
            doc_voice("Meeting of the High Contracting Parties\n\nSubmitted by the Chairperson\n");
        assert_eq!(v.audience.as_deref(), Some("High Contracting Parties"));
        // no byline: no one is known to be addressed
        assert_eq!(
            doc_voice("Meeting of the States Parties\n\nReport\n").audience,
            None
        );
    }

    #[test]
    fn the_meeting_s_host_is_its_convener() {
        let text = "MEETING SUMMARY\n\nOn Wednesday 20 December 2017, Australia and Peru, CCM Coordinators, hosted an informal meeting in the margins.";
        let at = |w: &str| text.find(w).expect("word");
        let mention = |w: &str, e: &str| Mention {
            entity: e.to_string(),
            rule: "test".to_string(),
            text: w.to_string(),
            span: crate::model::Span {
                start: at(w),
                end: at(w) + w.len(),
            },
            segment: 0,
            sentence: 0,
            value: crate::model::Value::Name {
                canonical: w.to_string(),
                attrs: Default::default(),
            },
        };
        let ms = [mention("Australia", "state"), mention("Peru", "state")];
        assert_eq!(convener(text, &ms).as_deref(), Some("Australia and Peru"));
        assert_eq!(convener("The Group adopted its report.", &ms), None);
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
}
