//! Requests a party receives: "The ISU received requests for assistance from
//! Chad and Peru", "the UN may receive a request to provide ...". The one who
//! receives is asked; the ones the requests come from ask.

use super::roles;
use super::sentence_rule::Trigger;

/// Words between a verb of receiving and the noun "request" that keep the
/// noun its object ("received many requests", "may receive a further request").
const BETWEEN: &[&str] = &[
    "a",
    "an",
    "the",
    "some",
    "several",
    "many",
    "numerous",
    "more",
    "further",
    "new",
    "additional",
    "formal",
    "specific",
    "two",
    "three",
    "four",
    "five",
];

/// Words of a count before a noun ("more than forty", "over 30").
const COUNT_WORDS: &[&str] = &[
    "more", "than", "over", "about", "nearly", "almost", "some", "around", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "hundred", "hundreds", "dozens", "of",
];

/// (requester, addressee) of a noun trigger "request(s) ..." that is the object
/// of "receive": `None` when the trigger is no such object.
pub(super) fn roles(t: &Trigger) -> Option<(Option<String>, Option<String>)> {
    let trig = t.trig.as_str();
    let noun = trig
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("request") || w.eq_ignore_ascii_case("requests"));
    if !noun {
        return None;
    }
    let verb_at = receive_verb(t.head)?;
    let verb_end = t.base + verb_at;
    // the receiver: the party named last before the verb, else the subject phrase
    let receiver = t
        .parties
        .iter()
        .rev()
        .find(|m| m.span.end <= verb_end)
        .map(|m| m.canonical().to_string())
        .or_else(|| {
            super::phrases::subject_phrase(&t.head[..verb_at])
                .filter(|p| roles::is_party_phrase(p, false))
        })
        // "Several donor States noted that they received more requests": the
        // pronoun of a reported clause is the one who reports
        .or_else(|| {
            let before = t.head[..verb_at].split_whitespace().last()?;
            if !before.eq_ignore_ascii_case("they") && !before.eq_ignore_ascii_case("it") {
                return None;
            }
            let said = roles::first_speech_verb(t.head).filter(|&v| v < verb_at)?;
            let sub = roles::discourse::sentence_subject(t.s, t.base, t.in_unit)?;
            (roles::discourse::subject_end(t.s) == Some(said))
                .then(|| roles::without_lead_adverbials(&sub.party).to_string())
        });
    // the askers: the parties after "from" in the trigger's clause
    let after = &t.s[t.trig.end()..];
    let clause_end = after.find([';', '.']).unwrap_or(after.len());
    let from = after[..clause_end]
        .find(" from ")
        .or_else(|| trig.to_lowercase().ends_with(" from").then_some(0))
        .map(|k| t.te + k);
    let askers: Vec<String> = from.map_or_else(Vec::new, |from| {
        let mut names: Vec<String> = Vec::new();
        for m in t
            .parties
            .iter()
            .filter(|m| m.span.start >= from && m.span.end <= t.te + clause_end)
        {
            if !names.iter().any(|n| n == m.canonical()) {
                names.push(m.canonical().to_string());
            }
        }
        names
    });
    let requester = (!askers.is_empty()).then(|| roles::join_names(&askers));
    Some((requester, receiver))
}

/// Where a verb of receiving starts in `head` when it governs what follows
/// (at most two determiners or adjectives between it and the end).
fn receive_verb(head: &str) -> Option<usize> {
    // "received 12 requests", "received more than forty requests": a count
    let counted = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit() || c == ',')
            || COUNT_WORDS.contains(&w)
            || w.ends_with("ty")
            || w.ends_with("teen")
    };
    let words: Vec<(usize, &str)> = head
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - head.as_ptr() as usize, w))
        .collect();
    for (i, &(at, w)) in words.iter().enumerate().rev().take(5) {
        let lower = w.to_lowercase();
        if lower.starts_with("receiv") {
            let rest_ok = words[i + 1..].iter().all(|(_, x)| {
                let x = x.to_lowercase();
                BETWEEN.contains(&x.as_str()) || counted(&x)
            });
            return rest_ok.then_some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::receive_verb;

    #[test]
    fn a_request_received_is_the_object_of_receive() {
        assert_eq!(receive_verb("The ISU received "), Some(8));
        assert_eq!(receive_verb("the UN may receive a "), Some(11));
        assert_eq!(
            receive_verb("The Board has received several new "),
            Some(14)
        );
        assert_eq!(receive_verb("It had received more than forty "), Some(7));
        assert_eq!(receive_verb("Chad received support and made "), None);
        assert_eq!(receive_verb("Montenegro had made a "), None);
    }
}
