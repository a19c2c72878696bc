//! Who is asked, read from the words after the asking verb: its object
//! ("urges **all States parties** to"), a "that" clause's subject, the party a
//! need is put on, the body whose resolution asks.

use std::sync::LazyLock;

use regex::Regex;

use super::bounded::{captures_or_bounded, words};
use super::is_party_phrase;
use super::vocabulary::{self, List};

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
    // "urges that meetings ... allow for robust input ... to inform": a clause,
    // not an object, whatever "for" or "from" stands in it
    if np.starts_with("that ") {
        return None;
    }
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
    // "Encourages efforts by all States parties to": the agent of the effort
    // asked for, when what is asked for is no party itself
    let np = np
        .split_once(" by ")
        .filter(|(what, _)| !is_party_phrase(what, false))
        .map_or(np, |(_, who)| who.trim());
    // "urge you Co-Chairs to": the vocative names the addressee
    let np = np.strip_prefix("you ").map_or(np, |rest| rest.trim_start());
    // "Urges all States not to carry out": the negation belongs to the call
    let np = np.strip_suffix(" not").map_or(np, str::trim_end);
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

/// Bare verbs that follow the subject of a "that" clause after an asking verb
/// ("requested that Serbia **report**", "that all States **be** included").
const CLAUSE_VERBS: &[&str] = &[
    "be",
    "report",
    "provide",
    "submit",
    "continue",
    "take",
    "make",
    "consider",
    "ensure",
    "present",
    "prepare",
    "develop",
    "share",
    "inform",
    "include",
    "keep",
    "give",
    "update",
    "use",
    "remain",
    "undertake",
    "establish",
    "pursue",
    "accept",
    "send",
    "should",
    "must",
    "shall",
    "would",
    "will",
];

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
    let mut after: Vec<&str> = words.take(6).collect();
    // "requested that Serbia report annually to the States Parties": the
    // clause's verb ends its subject (a party noun after it is no part of it)
    if let Some(verb) = after.iter().skip(1).position(|w| CLAUSE_VERBS.contains(w)) {
        after.truncate(verb + 1);
        if after.iter().all(|w| w.starts_with(char::is_uppercase)) {
            return Some(
                after
                    .join(" ")
                    .trim_end_matches([',', ';', '.'])
                    .to_string(),
            );
        }
    }
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
    // "recommend that the mandate of the military observers be extended": a
    // party in the complement of a head that is none is not asked ("that all
    // States Parties be included" asks them)
    if let Some((head, _)) = phrase.split_once(" of ") {
        let head_party = head.split_whitespace().any(|w| {
            vocabulary::has(
                List::PartyNouns,
                &w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    .to_lowercase(),
            )
        });
        if !head_party {
            return None;
        }
    }
    let phrase = phrase.trim_end_matches([',', ';', '.']);
    let clause_break = phrase.contains([',', ';', ':']);
    (!clause_break && !phrase.is_empty()).then(|| phrase.to_string())
}

/// The body whose resolution is the subject right before the trigger
/// ("resolution 810 (1993) of **the Council** requests"): it asks.
pub fn resolution_of(head: &str) -> Option<String> {
    // the pattern as written, with up to four further capitalised words:
    // compiled only when the unbounded form's name is longer
    const RES_PATTERN: &str = r"(?i:resolutions?)\s+[0-9/]+(?:\s*\([0-9]{4}\))?(?:\s+of\s+[0-9]{1,2}\s+\p{L}+\s+[0-9]{4})?\s+of\s+(?:the\s+)?(\p{Lu}[\w-]*((?:\s+\p{Lu}[\w-]*)MORE))\s*$";
    static RES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&RES_PATTERN.replace("MORE", "*")).expect("static regex"));
    static RES_BOUNDED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&RES_PATTERN.replace("MORE", "{0,4}")).expect("static regex"));
    captures_or_bounded(&RES, &RES_BOUNDED, head, |c| words(c, 2) <= 4).map(|c| c[1].to_string())
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
        assert_eq!(
            o("urges that meetings early in the session allow for robust Member States input to inform"),
            None
        );
        assert_eq!(
            o("Urges all States not to conduct explosive tests").as_deref(),
            Some("all States")
        );
        assert_eq!(
            o("Encourages efforts by all States parties to elaborate further measures").as_deref(),
            Some("all States parties")
        );
        assert_eq!(
            o("Requests the Committee established by the Council to report").as_deref(),
            Some("the Committee established by the Council")
        );
    }

    #[test]
    fn a_clause_s_verb_ends_its_subject() {
        assert_eq!(
            that_subject("requested that Serbia report annually to the States Parties").as_deref(),
            Some("Serbia")
        );
        assert_eq!(
            that_subject("recommended that affected States report on progress").as_deref(),
            Some("affected States")
        );
        assert_eq!(
            that_subject("recommend that the mandate of the observers be extended"),
            None
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
            that_subject("recommend that the mandate of the military monitors be extended to June"),
            None
        );
        assert_eq!(
            that_subject("requested that all States Parties be included in this effort").as_deref(),
            Some("all States Parties")
        );
        assert_eq!(
            that_subject("recommended that the representatives of donors meet").as_deref(),
            Some("the representatives of donors")
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
    }

    #[test]
    fn a_resolution_s_body_keeps_its_five_words() {
        let head = |n: usize| {
            format!(
                "resolution 1234 (1999) of the Big {}",
                vec!["Body"; n].join(" ")
            )
        };
        // the name's first word and up to four more; with five more the
        // pattern finds no name at the end
        assert_eq!(
            resolution_of(&head(4)).as_deref(),
            Some("Big Body Body Body Body")
        );
        assert_eq!(resolution_of(&head(5)), None);
    }
}
