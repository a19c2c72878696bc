//! Who a clause's own words make the party: a first-person subject, the
//! office that "him" stands for, a subject less its lead adverbials.

use std::sync::LazyLock;

use regex::Regex;

/// The byte offset of "I" or "we" when it is the subject of the clause that
/// ends at the trigger ("in which **I** requested him", "In this context **I**
/// again invite"): the last such word of the head's last clause. The caller
/// checks that no party is named between it and the trigger.
pub fn clause_first_person(head: &str) -> Option<usize> {
    let clause_start = head.rfind([',', ';', ':', '(']).map_or(0, |i| i + 1);
    let clause = &head[clause_start..];
    let mut found = None;
    let mut pos = 0;
    for w in clause.split_inclusive(char::is_whitespace) {
        let t = w.trim();
        if t == "I" || t.eq_ignore_ascii_case("we") {
            found = Some(clause_start + pos);
        }
        pos += w.len();
    }
    found
}

/// A "that" clause reported by a verb of saying in `head` ("The Meeting
/// **noted that** States Parties were encouraged", "The CMC believes that
/// States should"): the offset of the first verb of saying (where the
/// sentence's speaker ends) and the offset where the last reported clause
/// starts. `None` when no verb of saying is followed closely by "that".
pub fn reported_clause(head: &str) -> Option<(usize, usize)> {
    let last = super::last_speech_verb(head)?;
    let after = &head[last..];
    let that = after.find(" that ")?;
    // "said that", "stressed again that", "noted with concern that"
    if after[..that].split_whitespace().count() > 4 {
        return None;
    }
    let first = super::first_speech_verb(head).unwrap_or(last).min(last);
    Some((first, last + that + " that ".len()))
}

/// A subject less the adverbial phrases set before it with commas ("On the one
/// hand, many delegations" -> "many delegations"; "In 2023, the United States").
pub fn without_lead_adverbials(subject: &str) -> &str {
    const LEAD: &[&str] = &[
        "in",
        "on",
        "at",
        "during",
        "for",
        "after",
        "before",
        "however",
        "moreover",
        "also",
        "then",
        "thus",
        "therefore",
        "furthermore",
        "finally",
        "first",
        "second",
        "third",
        "meanwhile",
        "subsequently",
        "since",
        "as",
        "with",
        "by",
        "under",
        "from",
    ];
    let mut rest = subject.trim();
    while let Some((lead, after)) = rest.split_once(',') {
        let first = lead.split_whitespace().next().unwrap_or("").to_lowercase();
        if !LEAD.contains(&first.as_str()) || after.trim().is_empty() {
            break;
        }
        rest = after.trim();
    }
    // "The Meeting also": adverbs before the verb are not the subject's
    while let Some((before, last)) = rest.rsplit_once(char::is_whitespace) {
        if !SUBJECT_ADVERBS.contains(&last.to_lowercase().as_str()) {
            break;
        }
        rest = before.trim_end();
    }
    rest
}

/// Whom "him" or "her" stands for when the same sentence names the office
/// before it ("a letter to the Secretary-General of NATO in which I requested
/// him"): the last office phrase in `head`, with the party it is held in.
pub fn object_pronoun_antecedent(head: &str) -> Option<String> {
    // the pattern as written, with up to five further capitalised words in
    // the party's name: compiled only when the unbounded form's is longer
    const OFFICE_PATTERN: &str = r"\b((?:Under-|Deputy\s+|Assistant\s+)?(?:Secretary-General|Secretary\s+General|Prime\s+Minister|Foreign\s+Minister|Minister|President|Chair(?:man|person|woman)?|Ambassador|Director(?:-General)?|Commander(?:-in-Chief)?|High\s+Commissioner|Special\s+(?:Representative|Envoy|Rapporteur|Coordinator)|Envoy)(?:\s+of\s+(?:the\s+)?\p{Lu}[\w'-]*((?:\s+(?:of\s+|and\s+)?\p{Lu}[\w'-]*)MORE))?)";
    static OFFICE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&OFFICE_PATTERN.replace("MORE", "*")).expect("static regex"));
    static OFFICE_BOUNDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&OFFICE_PATTERN.replace("MORE", "{0,5}")).expect("static regex")
    });
    // each further word is one capitalised word, an "of" or "and" before it
    let further = |c: &regex::Captures<'_>| {
        c.get(2).map_or(0, |m| {
            m.as_str()
                .split_whitespace()
                .filter(|w| *w != "of" && *w != "and")
                .count()
        })
    };
    // every match of the unbounded form within the bound: the same matches as
    // the bounded form's (each search starts where the last match ended)
    let all: Vec<regex::Captures<'_>> = OFFICE.captures_iter(head).collect();
    let last = if all.iter().all(|c| further(c) <= 5) {
        all.into_iter().last()
    } else {
        OFFICE_BOUNDED.captures_iter(head).last()
    };
    last.map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Words that stand between a subject and its verb ("The Meeting also
/// recommended", "It then asked", "He had requested"): not part of the subject.
pub const SUBJECT_ADVERBS: &[&str] = &[
    "also",
    "then",
    "further",
    "therefore",
    "thus",
    "again",
    "strongly",
    "had",
    "has",
    "have",
    "would",
    "will",
    "subsequently",
    "finally",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reported_clauses_after_a_verb_of_saying() {
        {
            let head = "The Meeting noted that States Parties were ";
            let (speaker_end, clause) = reported_clause(head).expect("a reported clause");
            assert_eq!(&head[..speaker_end], "The Meeting ");
            assert_eq!(&head[clause..], "States Parties were ");
            let head =
                "The Committee recalled that Japan had pledged and said that it would continue to ";
            let (speaker_end, clause) = reported_clause(head).expect("a reported clause");
            assert_eq!(&head[..speaker_end], "The Committee ");
            assert_eq!(&head[clause..], "it would continue to ");
            assert_eq!(reported_clause("States should "), None);
        }
    }

    #[test]
    fn first_person_subjects_and_object_pronouns() {
        let h = "I addressed a letter to the Secretary-General of NATO in which I ";
        assert_eq!(clause_first_person(h), Some(h.len() - 2));
        assert_eq!(clause_first_person("In this context I again "), Some(16));
        assert_eq!(clause_first_person("As we heard, Norway "), None);
        assert_eq!(clause_first_person("The Council "), None);
        assert_eq!(
            object_pronoun_antecedent(h).as_deref(),
            Some("Secretary-General of NATO")
        );
        assert_eq!(object_pronoun_antecedent("The Council asked "), None);
        assert_eq!(
            without_lead_adverbials("On the one hand, many delegations"),
            "many delegations"
        );
        assert_eq!(without_lead_adverbials("The Meeting also"), "The Meeting");
        assert_eq!(
            without_lead_adverbials("The delegation of Canada, supported by Norway"),
            "The delegation of Canada, supported by Norway"
        );
    }

    #[test]
    fn an_office_s_party_keeps_its_six_words() {
        // "of the X" and up to five further capitalised words ("of"/"and"
        // before them are no word of their own)
        let head = |n: usize| {
            format!(
                "a letter to the Secretary-General of the Alpha {} in which",
                vec!["and Beta"; n].join(" ")
            )
        };
        let five = "Secretary-General of the Alpha and Beta and Beta and Beta and Beta and Beta";
        assert_eq!(object_pronoun_antecedent(&head(5)).as_deref(), Some(five));
        // a sixth further word is left out, as the pattern was written
        assert_eq!(object_pronoun_antecedent(&head(6)).as_deref(), Some(five));
    }
}
