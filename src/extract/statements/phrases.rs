//! The text around a statement's trigger: whether it calls through a modal,
//! whether a party stands in a passive's "by" phrase, the short noun phrase
//! that is its subject, and the thing asked or given (up to the clause end).

use crate::model::StatementKind;

/// True for a trigger that calls through a modal ("should be", "must", "needs
/// to be", "there is a need"): its subject is asked, not asking.
pub(super) fn is_modal(trigger: &str) -> bool {
    let t = trigger.to_lowercase();
    t.starts_with("should") || t.starts_with("must") || t.starts_with("need") || t.contains(" need")
}

/// Whether the text from a trigger to a party puts the party in a passive's "by"
/// phrase ("asked by the US", "requested by X"): a "by" among the first four
/// words, at most two words before the party.
pub(super) fn is_agent_gap(gap: &str) -> bool {
    // six words at most, so a long gap is not split to its end; no letter but
    // ASCII lower-cases to "b" or "y", so an ASCII comparison is exact
    let mut words = [""; 6];
    let mut n = 0;
    for w in gap.split_whitespace() {
        let Some(slot) = words.get_mut(n) else {
            return false;
        };
        *slot = w;
        n += 1;
    }
    words[..n]
        .iter()
        .rposition(|w| w.eq_ignore_ascii_case("by"))
        .is_some_and(|i| n - i <= 3 && i <= 3)
}

/// Without a named party, the short noun phrase right before the trigger
/// ("Several delegations requested", "Donor countries should"): the last clause
/// before the trigger, when it is one to six words long.
pub(super) fn subject_phrase(head: &str) -> Option<String> {
    // "- Affected countries should": a list item's bullet is no word of the subject
    let clause = head
        .rsplit([',', ';', ':', '(', '–', '"', '“'])
        .next()?
        .trim()
        .trim_start_matches(['-', '•', '*', '·', '▪'])
        .trim_start();
    let mut words: Vec<&str> = clause.split_whitespace().collect();
    const LEADING: &[&str] = &[
        "and",
        "but",
        "that",
        "however",
        "also",
        "then",
        "so",
        "while",
        "moreover",
        "furthermore",
        "therefore",
        "thus",
    ];
    while words
        .first()
        .is_some_and(|w| LEADING.contains(&w.to_lowercase().as_str()))
    {
        words.remove(0);
    }
    const AUX: &[&str] = &[
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "been",
        "be",
        "also",
        "then",
        "strongly",
        "further",
        "specifically",
        "repeatedly",
        // sentence adverbs between subject and verb: "Those delegations therefore requested"
        "therefore",
        "thus",
        "hence",
        "again",
        "jointly",
        "collectively",
        "consequently",
        "accordingly",
        "subsequently",
        "finally",
        "formally",
        "urgently",
        "would",
        "will",
        "could",
        "can",
        // "The Committee might specifically request": a modal is no word of the subject
        "might",
        "may",
        "shall",
        "should",
        "must",
        // "Four States Parties submitted requests for": the verb before a noun trigger
        "submitted",
        "made",
        "presented",
        "sent",
        "filed",
        "tabled",
        "received",
    ];
    while words
        .last()
        .is_some_and(|w| AUX.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let first = words.first()?;
    // "many delegations", "some delegates": a quantifier may open a lower-case clause
    const QUANTIFIERS: &[&str] = &[
        "many", "some", "several", "most", "few", "various", "numerous", "other", "others", "a",
        "all", "one", "two", "three", "the",
    ];
    // "31 donors": a count opens a group when a party noun follows it
    let counted = first.chars().all(|c| c.is_ascii_digit())
        && crate::extract::roles::is_party_phrase(&words[1..].join(" "), false);
    let ok = (1..=6).contains(&words.len())
        && (first.chars().next().is_some_and(|c| c.is_uppercase())
            || counted
            || QUANTIFIERS.contains(&first.to_lowercase().as_str()))
        && !words.iter().enumerate().any(|(i, w)| {
            // "This Working Group": a demonstrative before a name is no pronoun
            let determiner = i == 0
                && ["this", "that"].contains(&w.to_lowercase().as_str())
                && words
                    .get(1)
                    .is_some_and(|n| n.starts_with(char::is_uppercase));
            !determiner
                && ["that", "which", "who", "if", "when", "it", "this", "there"]
                    .contains(&w.to_lowercase().as_str())
        });
    ok.then(|| words.join(" "))
}

/// The object of the trigger: after its "for"/"to"/"that"/"of", to the clause end;
/// right after the trigger when `object_follows` (a trigger that ends in an
/// infinitive's "to": "Requests the Secretary-General to facilitate ...").
pub(super) fn what_of(rest: &str, kind: StatementKind, object_follows: bool) -> Option<String> {
    let markers: &[&str] = match kind {
        StatementKind::Request => &["for", "to", "that", "on", "with"],
        StatementKind::Commitment => &["of", "for", "to"],
    };
    // no letter but ASCII lower-cases into these markers' letters (only the
    // Kelvin sign lower-cases to ASCII, to "k"), so ASCII comparison is exact
    // "requested an extension of its deadline from ... to ...": the trigger's
    // own object, not the "to" inside it
    let direct_object = kind == StatementKind::Request
        && rest
            .split_whitespace()
            .next()
            .is_some_and(|w| ["a", "an", "its", "their"].contains(&w));
    let start = if object_follows || direct_object {
        0
    } else {
        rest.split_whitespace()
            .take(10)
            .find(|w| markers.iter().any(|m| w.eq_ignore_ascii_case(m)))
            .map(|w| w.as_ptr() as usize - rest.as_ptr() as usize + w.len())
            .unwrap_or(0)
    };
    let tail = rest.get(start..)?.trim_start();
    // "was funded by the United States until ...": the agent is who gives, not
    // what is given
    if kind == StatementKind::Commitment && tail.starts_with("by ") {
        return None;
    }
    // ", and Ethiopia requested ...", "... and asked members to": a
    // coordinated clause of its own
    let coordinated_verb = tail.match_indices(" and ").map(|(k, _)| k).find(|&k| {
        tail[k + 5..].split_whitespace().next().is_some_and(|w| {
            use crate::extract::roles::vocabulary::{has, List};
            w.ends_with("ed") && (has(List::SpeechVerbs, w) || has(List::SubjectVerbs, w))
        })
    });
    let end = clause_end(tail)
        .min(tail.find(", and ").unwrap_or(tail.len()))
        .min(coordinated_verb.unwrap_or(tail.len()));
    let mut out: Vec<&str> = tail[..end].split_whitespace().take(20).collect();
    while out
        .last()
        .is_some_and(|w| ["and", "or", "the", "a", "to", "of"].contains(w))
    {
        out.pop();
    }
    let s = out.join(" ");
    let s = s.trim_end_matches([',', ' ']).to_string();
    (!s.is_empty()).then_some(s)
}

/// The agent of a modal passive right after its "should be" ("adhered to by
/// all parties", "respected by both sides"), when it is a party.
pub(super) fn modal_passive_agent(after_trigger: &str) -> Option<String> {
    const CLOSERS: &[&str] = &["in", "to", "for", "and", "as", "with", "at", "on"];
    let mut words = after_trigger.split_whitespace();
    let participle = words.next()?;
    if !(participle.ends_with("ed") || participle.ends_with("en")) {
        return None;
    }
    let mut next = words.next()?;
    if ["to", "upon", "on", "with"].contains(&next) {
        next = words.next()?;
    }
    if next != "by" {
        return None;
    }
    let mut np: Vec<&str> = Vec::new();
    for w in words.take(5) {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        if CLOSERS.contains(&bare) {
            break;
        }
        np.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    let np = np.join(" ");
    crate::extract::roles::is_party_phrase(&np, false).then_some(np)
}

/// Where a clause stops: `;`, `:`, `(`, a dash, or a full stop that ends a
/// sentence (not the point in "JPY 1.1 billion" or "U.N.").
fn clause_end(tail: &str) -> usize {
    let bytes = tail.as_bytes();
    tail.char_indices()
        .find(|&(i, c)| match c {
            ';' | ':' | '(' | '–' => true,
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        })
        .map_or(tail.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agent_of_a_modal_passive_is_asked() {
        assert_eq!(
            modal_passive_agent(" adhered to by all parties.").as_deref(),
            Some("all parties")
        );
        assert_eq!(
            modal_passive_agent(" respected by both parties in the zone").as_deref(),
            Some("both parties")
        );
        assert_eq!(modal_passive_agent(" considered by 2025."), None);
    }

    #[test]
    fn a_decimal_point_does_not_end_the_clause() {
        assert_eq!(
            what_of(
                "provided JPY 1.1 billion to the Lao PDR. Later",
                StatementKind::Commitment,
                false
            ),
            Some("the Lao PDR".to_string())
        );
        assert_eq!(clause_end("USD 1.5 million. Next"), 15);
    }

    #[test]
    fn after_a_trigger_ending_in_to_the_object_starts_at_once() {
        let rest = " facilitate the informal consultations and to provide the support;";
        assert_eq!(
            what_of(rest, StatementKind::Request, true).as_deref(),
            Some("facilitate the informal consultations and to provide the support")
        );
        assert_eq!(
            what_of(rest, StatementKind::Request, false).as_deref(),
            Some("provide the support")
        );
    }

    #[test]
    fn agent_gap_is_a_by_phrase_just_before_the_party() {
        assert!(is_agent_gap("requested by "));
        assert!(is_agent_gap("asked BY the "));
        assert!(is_agent_gap("was requested by the "));
        assert!(!is_agent_gap("requested support from donors by "));
        assert!(!is_agent_gap("asked by the delegation of the "));
        assert!(!is_agent_gap("requested funding for "));
        assert!(!is_agent_gap(""));
    }

    #[test]
    fn what_stops_at_a_coordinated_verb_and_is_no_agent() {
        assert_eq!(
            what_of(
                " members to consider co-funding the position and asked them to reply",
                StatementKind::Request,
                false
            )
            .as_deref(),
            Some("consider co-funding the position")
        );
        assert_eq!(
            what_of(
                " by the United States until 30 June 2023",
                StatementKind::Commitment,
                false
            ),
            None
        );
    }

    #[test]
    fn a_bullet_is_no_word_of_the_subject() {
        assert_eq!(
            subject_phrase("- Affected countries ").as_deref(),
            Some("Affected countries")
        );
    }

    #[test]
    fn subject_phrase_is_a_short_clause_head() {
        assert_eq!(
            subject_phrase("Several delegations ").as_deref(),
            Some("Several delegations")
        );
        assert_eq!(
            subject_phrase("In response, Donor countries ").as_deref(),
            Some("Donor countries")
        );
        assert_eq!(
            subject_phrase("Those delegations therefore ").as_deref(),
            Some("Those delegations")
        );
        assert_eq!(subject_phrase("It "), None);
        assert_eq!(
            subject_phrase("This Working Group will ").as_deref(),
            Some("This Working Group")
        );
        assert_eq!(subject_phrase("This is why "), None);
        assert_eq!(
            subject_phrase("In 2010, 31 donors ").as_deref(),
            Some("31 donors")
        );
        assert_eq!(subject_phrase("In 2010, 31 reported "), None);
        assert_eq!(
            subject_phrase("the point that it was clear that the "),
            None
        );
    }

    #[test]
    fn what_is_the_object_after_the_trigger() {
        assert_eq!(
            what_of(
                " for financial and technical assistance to complete clearance; and more",
                StatementKind::Request,
                false
            )
            .as_deref(),
            Some("financial and technical assistance to complete clearance")
        );
        assert_eq!(
            what_of(
                " the MASG to take note of the funding gaps.",
                StatementKind::Request,
                false
            )
            .as_deref(),
            Some("take note of the funding gaps")
        );
    }
}
