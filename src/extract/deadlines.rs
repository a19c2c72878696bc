//! Whose a deadline is and what is due by it, read from the deadline's sentence.
//!
//! The owner is the state the text ties the date to: the state right before a
//! bracketed date ("Cambodia (31 December 2025)"), else the nearest state before
//! the date in its sentence ("Serbia had an Article 5 deadline of ..."), else the
//! first state after it, else the party a request in its sentence asks, else
//! the state a profile is about (the state its first
//! line names). What is due is the treaty obligation the
//! sentence names ("Article 5" clearance, "Article 4" stockpile destruction), or
//! the object of "submit" ("submit an updated work plan ... by").

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Extraction, Mention, StatementKind, Value};

/// The state whose deadline `date` is, if the text says so.
pub fn owner(ex: &Extraction, text: &str, date: &Mention) -> Option<String> {
    let in_sentence: Vec<&Mention> = ex
        .mentions
        .iter()
        .filter(|m| m.sentence == date.sentence && m.entity == "state")
        .collect();
    let bracketed = in_sentence.iter().find(|m| {
        m.span.end <= date.span.start
            && text
                .get(m.span.end..date.span.start)
                .is_some_and(|gap| gap.trim() == "(")
    });
    let before = || {
        in_sentence
            .iter()
            .rev()
            .find(|m| m.span.end <= date.span.start)
    };
    let after = || in_sentence.iter().find(|m| m.span.start >= date.span.end);
    // "Members were asked to submit their reports no later than ...": in a
    // request without a state, the deadline is the one asked's
    let asked = || {
        ex.statements
            .iter()
            .find(|st| st.kind == StatementKind::Request && st.sentence == date.sentence)
            .and_then(|st| st.addressee.clone())
    };
    // "States Parties committed to complete their obligations by 2025": the
    // subject of the deadline's sentence, when it is a party
    let subject = || {
        let sent = ex.sentences.get(date.sentence)?;
        let s = text.get(sent.span.start..sent.span.end)?;
        let in_unit: Vec<&Mention> = ex
            .mentions
            .iter()
            .filter(|m| m.sentence == date.sentence)
            .collect();
        let subj =
            crate::extract::roles::discourse::sentence_subject(s, sent.span.start, &in_unit)?;
        let party = crate::extract::roles::without_lead_adverbials(&subj.party);
        // "the country", "the State Party": an anaphor whose state is elsewhere
        let anaphor = [
            "the country",
            "the state",
            "the state party",
            "the government",
        ]
        .contains(&party.to_lowercase().as_str());
        (!anaphor).then(|| party.to_string())
    };
    // "the mandate of the military observers who serve with ... will expire
    // on": a mandate or a term is its holder's, however long its subject
    let holder = || {
        let sent = ex.sentences.get(date.sentence)?;
        let s = text.get(sent.span.start..date.span.start.max(sent.span.start))?;
        mandate_holder(s)
    };
    // "several States Parties with deadlines in 2009": the group the date
    // qualifies, not the state named before it in the sentence
    let qualified = || {
        let sent = ex.sentences.get(date.sentence)?;
        let s = text.get(sent.span.start..date.span.start.max(sent.span.start))?;
        group_with_deadline(s)
    };
    if let Some(group) = qualified() {
        return Some(group);
    }
    bracketed
        .or_else(before)
        .or_else(after)
        .map(|m| m.canonical().to_string())
        .or_else(asked)
        .or_else(|| document_state(ex))
        .or_else(|| {
            // "He added that the national authority would publish a plan by
            // 30 September 2021": the state the paragraph speaks for
            let sent = ex.sentences.get(date.sentence)?;
            let s = text.get(sent.span.start..sent.span.end)?;
            opens_with_anaphor(s)
                .then(|| paragraph_state(ex, text, date.sentence))
                .flatten()
        })
        .or_else(subject)
        .or_else(|| {
            let sent = ex.sentences.get(date.sentence)?;
            collective_subject(text.get(sent.span.start..sent.span.end)?)
        })
        .or_else(holder)
}

/// The group of parties a deadline right after `before_date` qualifies:
/// "States Parties with deadlines in", "the five States with an Article 5
/// deadline of", "countries whose deadlines expire in".
fn group_with_deadline(before_date: &str) -> Option<String> {
    static GROUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(States\s+Parties|Member\s+States|High\s+Contracting\s+Parties|States|countries|Parties)\s+(?:with|having|whose)\s+(?:an?\s+|their\s+)?(?:Article\s+[0-9]+\s+)?(?:clearance\s+|original\s+|extended\s+)?deadlines?\s+(?:in|of|by|before|expire\s+in|expiring\s+in|falling\s+in)\s*$",
        )
        .expect("static regex")
    });
    let c = GROUP.captures(before_date)?;
    let group = c.get(1)?.as_str().split_whitespace().collect::<Vec<_>>();
    // "States Parties", as the other owners are written
    let mut words: Vec<String> = group
        .iter()
        .map(|w| {
            let mut ch = w.chars();
            ch.next()
                .map(|f| f.to_uppercase().collect::<String>() + ch.as_str())
                .unwrap_or_default()
        })
        .collect();
    if words.len() == 1 && words[0] == "Countries" {
        words[0] = "countries".into();
    }
    Some(words.join(" "))
}

/// Sets each deadline's [`crate::model::DateValue::owner`] and
/// [`crate::model::DateValue::due`] from the finished extraction: the owner
/// reads the sentence's states and requests (see [`owner`]), so it can only be
/// told once every mention and statement of the document is known. Stored
/// with the record, the summary lists a deadline under its owner, not under
/// every state its sentence names.
pub fn attach_owners(ex: &mut Extraction, text: &str) {
    let found: Vec<(usize, Option<String>, Option<String>)> = ex
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| matches!(&m.value, Value::Date(d) if d.deadline.is_some()))
        .map(|(i, m)| {
            let sentence = ex
                .sentences
                .get(m.sentence)
                .and_then(|s| text.get(s.span.start..s.span.end))
                .unwrap_or("");
            (i, owner(ex, text, m), what_is_due(sentence))
        })
        .collect();
    for (i, who, what) in found {
        if let Some(Value::Date(d)) = ex.mentions.get_mut(i).map(|m| &mut m.value) {
            d.owner = who;
            d.due = what;
        }
    }
}

/// "In 2014, States Parties to the Convention made a commitment to complete
/// mine clearance by 2025": a sentence whose subject is the parties of a
/// treaty as a group, however the treaty is named after "to the".
fn collective_subject(sentence: &str) -> Option<String> {
    static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?:In|By|At|On|Since)\s[^,]{1,40},\s+)?(?:[Aa]ll\s+|[Tt]he\s+)?(States\s+Parties|Member\s+States|High\s+Contracting\s+Parties)(?:\s+to\s+the\s+[^,;]{1,120}?)?\s+(?:made|committed|agreed|undertook|decided|pledged|resolved|have|had|will|shall|must|are|were)\b",
        )
        .expect("static regex")
    });
    let c = COLLECTIVE.captures(sentence.trim_start())?;
    Some(
        c.get(1)?
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// True when a sentence opens with a pronoun or an anaphor of a state ("He
/// added", "It expects", "The Government will"), whose state an earlier
/// sentence names.
fn opens_with_anaphor(s: &str) -> bool {
    const ANAPHORS: &[&str] = &[
        "he ",
        "she ",
        "it ",
        "they ",
        "its ",
        "their ",
        "the country ",
        "the country's ",
        "the government ",
        "the national authority ",
        "the national authorities ",
        "the authorities ",
        "the state party ",
    ];
    let head: String = s
        .trim_start()
        .chars()
        .take(28)
        .collect::<String>()
        .to_lowercase();
    ANAPHORS.iter().any(|a| head.starts_with(a))
}

/// The one state the sentences before sentence `si` in its paragraph name (the
/// nearest that names any), or none when that sentence names several.
fn paragraph_state(ex: &Extraction, text: &str, si: usize) -> Option<String> {
    let mut i = si;
    while i > 0 {
        let (prev, cur) = (ex.sentences.get(i - 1)?, ex.sentences.get(i)?);
        let gap = text.get(prev.span.end..cur.span.start)?;
        // a blank line or a new segment ends the paragraph
        if prev.segment != cur.segment || gap.matches('\n').count() >= 2 {
            return None;
        }
        let mut states = ex
            .mentions
            .iter()
            .filter(|m| m.sentence == i - 1 && m.entity == "state")
            .map(|m| m.canonical());
        if let Some(first) = states.next() {
            return states
                .all(|other| other == first)
                .then(|| first.to_string());
        }
        i -= 1;
    }
    None
}

/// "the mandate of the military observers" in the text before a date that
/// the mandate (term, office) ends or runs to.
fn mandate_holder(before_date: &str) -> Option<String> {
    static HOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:mandate|term\s+of\s+office|term)\s+of\s+((?:the\s+)?[\w’'\-]+(?:\s+[\w’'\-]+){0,5}?)\s+(?:who|which|that|will|would|shall|is|was|be|expires?|expired|ends?|ended|runs?|ran)\b",
        )
        .expect("static regex")
    });
    let c = HOLDER.captures_iter(before_date).last()?;
    let party = c
        .get(1)?
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!party.is_empty()).then_some(party)
}

/// The state a document is about when its first line names it (a country
/// profile's "ANGOLA" heading), and no other state.
pub fn document_state(ex: &Extraction) -> Option<String> {
    let top: Vec<&str> = ex
        .mentions
        .iter()
        .take_while(|m| m.sentence == 0)
        .filter(|m| m.entity == "state")
        .map(|m| m.canonical())
        .collect();
    match top.as_slice() {
        [first, rest @ ..] if rest.iter().all(|r| r == first) => Some(first.to_string()),
        _ => None,
    }
}

/// What is due by the deadline in `sentence`: the treaty obligation it names,
/// or what is to be submitted.
pub fn what_is_due(sentence: &str) -> Option<String> {
    static ARTICLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bArticle\s+([45])\b").expect("static regex"));
    // the length is checked after the match: a counted repetition of a Unicode
    // class ({3,60}) compiled to an automaton of 110 M instructions, paid by
    // every process that extracts
    static SUBMIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bsubmit(?:ted)?\s+(?:its\s+|their\s+|an\s+|a\s+|the\s+)?([\w\- ]+?)\s+(?:to|by|no later than|before)\b")
            .expect("static regex")
    });
    if let Some(c) = ARTICLE.captures(sentence) {
        return Some(match &c[1] {
            "5" => "Article 5 clearance".to_string(),
            _ => "Article 4 stockpile destruction".to_string(),
        });
    }
    SUBMIT
        .captures_iter(sentence)
        .map(|c| c[1].to_string())
        .find(|what| (3..=60).contains(&what.chars().count()))
        .map(|what| what.trim().to_string())
}

/// True when the mention is a date that the rules tagged as a deadline.
pub fn is_deadline(m: &Mention) -> bool {
    matches!(&m.value, Value::Date(d) if d.deadline.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parties_of_a_treaty_as_a_group_own_their_goal() {
        assert_eq!(
            collective_subject(
                "In 2016, States Parties to the Convention on Cluster Munitions (CCM) \
                 agreed to complete clearance by 2030."
            )
            .as_deref(),
            Some("States Parties")
        );
        assert_eq!(
            collective_subject("All High Contracting Parties will report by 2027.").as_deref(),
            Some("High Contracting Parties")
        );
        assert_eq!(
            collective_subject("Several States Parties reported progress by 2027."),
            None
        );
    }

    #[test]
    fn a_deadline_that_qualifies_a_group_is_the_group_s() {
        assert_eq!(
            group_with_deadline("In 2012, Laos, Chad and Peru received most of the funds, while several States Parties with deadlines in ").as_deref(),
            Some("States Parties")
        );
        assert_eq!(
            group_with_deadline("the five states with an Article 5 deadline of ").as_deref(),
            Some("States")
        );
        assert_eq!(
            group_with_deadline("countries whose deadlines expire in ").as_deref(),
            Some("countries")
        );
        // a state's own deadline stays the state's
        assert_eq!(group_with_deadline("Peru's deadline is "), None);
        assert_eq!(group_with_deadline("Chad, with a deadline of "), None);
    }

    #[test]
    fn what_is_due_names_the_obligation_or_the_submission() {
        assert_eq!(
            what_is_due("Serbia had an Article 5 deadline of 1 March 2023.").as_deref(),
            Some("Article 5 clearance")
        );
        assert_eq!(
            what_is_due(
                "requested Serbia to submit an updated work plan to the Committee by 30 April 2023"
            )
            .as_deref(),
            Some("updated work plan")
        );
        assert_eq!(what_is_due("The meeting ends on 3 May."), None);
    }

    #[test]
    fn a_mandate_ending_is_its_holders() {
        assert_eq!(
            mandate_holder("However, the mandate of the liaison officers who serve with the Mission under resolution 12 (2030) of 3 May 2030 will expire on ").as_deref(),
            Some("the liaison officers")
        );
        assert_eq!(
            mandate_holder("the term of office of the Coordinator ends on ").as_deref(),
            Some("the Coordinator")
        );
        assert_eq!(mandate_holder("States must report by "), None);
    }
}
