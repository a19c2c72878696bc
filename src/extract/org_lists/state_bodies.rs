//! A state's own body named with the state's adjective: "the Georgian Ministry
//! of Internal Affairs", "the Cambodian National Mine Action Authority". The
//! states gazetteer reads "Georgian Ministry" as a mention of Georgia and, being
//! above the organisation rules, used to take the bytes the body's name needs,
//! so the ministry was lost. Here the state keeps its adjective and the body
//! gets the rest of the name.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Mention, Span, Value};

/// Rule name of the mentions made here.
pub const RULE: &str = "organisation-of-a-state";

/// What follows "Ministry" / "Department" / "Office" in a body's name: "of
/// Internal Affairs", "for Foreign Affairs and Trade".
static TAIL_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}’'\-]*(?:(?:\s+and\s+|\s+of\s+(?:the\s+)?|\s+for\s+|\s+)\p{Lu}[\p{L}’'\-]*){0,5}",
    )
    .expect("static regex")
});

/// What follows "National": capitalised words that end in a body noun
/// ("Mine Action Authority", "Demining Centre").
static TAIL_NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s+\p{Lu}[\p{L}’'\-]*){0,4}?\s+(?:Authority|Centre|Center|Commission|Committee|Council|Agency|Institute|Office|Service|Directorate)\b",
    )
    .expect("static regex")
});

/// What follows a state's name that begins a non-governmental body's name:
/// "Vietnam Veterans of America Foundation", "Ruritania Demining Network".
static TAIL_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s+(?:(?:of|for|on)\s+(?:the\s+)?)?\p{Lu}[\p{L}’'\-]*){0,5}?\s+(?:Foundation|Institute|Association|Society|Network|Campaign|Trust|Alliance|Coalition|Forum|University|College|Academy)\b",
    )
    .expect("static regex")
});

/// Words of a state's own institutions: a name that holds one is the state's
/// (kept as the state), not an association named after it.
const GOVERNMENT_WORDS: &[&str] = &[
    "Foreign",
    "Ministry",
    "Government",
    "Armed",
    "National",
    "Defence",
    "Defense",
    "Police",
    "Army",
    "Embassy",
    "Mission",
    "Parliament",
    "Federal",
    "Royal",
    "State",
];

/// A state's name that begins the name of an association, foundation or
/// school ("Vietnam Veterans of America Foundation") is that body's: the state
/// mention becomes the organisation (states inside such names are no state of
/// the text).
fn body_named_after(text: &str, m: &Mention) -> Option<Mention> {
    // most states are followed by a comma or a lower-case word: one look at
    // the next word before any regular expression
    let next = text.get(m.span.end..)?;
    let word = next.trim_start_matches([' ', '\t', '\n']);
    if word.len() == next.len() || !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let rest = paragraph_rest(text, m.span.end)?;
    let t = TAIL_BODY.find(rest)?;
    if t.as_str()
        .split_whitespace()
        .any(|w| GOVERNMENT_WORDS.contains(&w))
    {
        return None;
    }
    body_at(text, Span::new(m.span.start, m.span.end + t.end()), m)
}

/// A state's body named before "of" and the state: "the Ministry of Defence of
/// Cambodia", "the National Demining Office of Chad". The organisation rule's
/// candidate for the whole name loses its overlap with the state (the states
/// gazetteer ranks above it), so the body was lost: its name ends at "of".
static BODY_BEFORE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\p{Lu}\p{Ll}[\p{L}’'\-]*\s+){0,3}(?:Ministry|Department|Office|Directorate|Commission|Authority|Centre|Center|Agency|Institute)(?:\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}’'\-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}’'\-]*){0,3})?\s+of\s+(?:the\s+)?$",
    )
    .expect("static regex")
});

/// The body named right before " of <state>" when no organisation mention
/// already covers it: "Ministry of Defence of Cambodia", the state's name
/// included (a name the text writes; "Ministry of Defence" alone would merge
/// two states' ministries), and the state stays a state inside it.
fn body_of_state(text: &str, m: &Mention, orgs: &[Span]) -> Option<Mention> {
    // the word before a state is most often not "of": no regex then
    let head = text.get(..m.span.start)?;
    let trimmed = head.trim_end();
    let lead = trimmed.strip_suffix(" the").unwrap_or(trimmed);
    if !lead.ends_with(" of") {
        return None;
    }
    let mut from = m.span.start.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = text.get(from..m.span.start)?;
    let found = BODY_BEFORE_OF.find(window)?;
    // "The Ministry ...": a sentence's article is no part of the name
    let start = from
        + found.start()
        + ["The ", "THE "]
            .iter()
            .find(|a| found.as_str().starts_with(*a))
            .map_or(0, |a| a.len());
    let span = Span::new(start, m.span.end);
    if orgs.iter().any(|o| o.overlaps(span)) {
        return None;
    }
    body_at(text, span, m)
}

/// The organisation mention at `span`, in the unit of the state mention `m`.
fn body_at(text: &str, span: Span, m: &Mention) -> Option<Mention> {
    let name = text.get(span.start..span.end)?;
    Some(Mention {
        entity: "organisation".to_string(),
        rule: RULE.to_string(),
        span,
        text: name.to_string(),
        segment: m.segment,
        sentence: m.sentence,
        value: Value::Name {
            canonical: name.split_whitespace().collect::<Vec<_>>().join(" "),
            attrs: Default::default(),
        },
    })
}

/// The text from `at` to the end of its paragraph (a name never runs over a
/// blank line: "... Ministry of Foreign Affairs" then a heading).
fn paragraph_rest(text: &str, at: usize) -> Option<&str> {
    // a name's tail is short: looking further would scan the rest of the
    // document once per state mention
    let mut stop = (at + 240).min(text.len());
    while !text.is_char_boundary(stop) {
        stop -= 1;
    }
    let rest = text.get(at..stop)?;
    let mut end = rest.len();
    let mut from = 0;
    while let Some(i) = rest[from..].find('\n') {
        let nl = from + i;
        if rest[nl + 1..]
            .trim_start_matches([' ', '\t'])
            .starts_with('\n')
        {
            end = nl;
            break;
        }
        from = nl + 1;
    }
    rest.get(..end)
}

/// Splits each state mention "Adjective Noun" that heads a body's name into the
/// state (the adjective) and the body (the noun and the rest of its name), and
/// gives a state's name that begins an association's name to the association.
/// `mentions` stays sorted by start.
pub fn split(text: &str, mentions: &mut Vec<Mention>) {
    let mut added = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.entity == "state" && !m.text.contains(' '))
    {
        added.extend(body_named_after(text, m));
    }
    let orgs: Vec<Span> = mentions
        .iter()
        .filter(|m| m.entity == "organisation")
        .map(|m| m.span)
        .collect();
    // added after the overlaps are cleared: the state inside stays
    let mut of_states: Vec<Mention> = Vec::new();
    for m in mentions.iter().filter(|m| m.entity == "state") {
        if let Some(body) = body_of_state(text, m, &orgs) {
            if !of_states.iter().any(|a| a.span.overlaps(body.span)) {
                of_states.push(body);
            }
        }
    }
    for m in mentions.iter_mut().filter(|m| m.entity == "state") {
        let Some((adjective, noun)) = m.text.split_once(' ') else {
            continue;
        };
        // an adjective and its noun: a two-word name ("South Sudan") has no
        // institution noun after its space
        if noun.contains(' ') {
            continue;
        }
        let tail = match noun {
            "Ministry" => &TAIL_OF,
            "National" => &TAIL_NATIONAL,
            _ => continue,
        };
        let Some(t) = paragraph_rest(text, m.span.end).and_then(|rest| tail.find(rest)) else {
            continue;
        };
        let noun_start = m.span.start + adjective.len() + 1;
        let Some(body) = body_at(text, Span::new(noun_start, m.span.end + t.end()), m) else {
            continue;
        };
        added.push(body);
        m.span = Span::new(m.span.start, m.span.start + adjective.len());
        m.text = adjective.to_string();
    }
    if added.is_empty() && of_states.is_empty() {
        return;
    }
    // a shorter body (or the state) the rules found inside the new name gives way to it
    mentions.retain(|m| {
        !(matches!(m.entity.as_str(), "organisation" | "state")
            && added.iter().any(|a| a.span.overlaps(m.span)))
    });
    mentions.extend(added);
    of_states.retain(|b| {
        !mentions
            .iter()
            .any(|m| m.entity == "organisation" && m.span.overlaps(b.span))
    });
    mentions.extend(of_states);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(text: &str, at: &str, name: &str) -> Mention {
        let start = text.find(at).expect("in text");
        Mention {
            entity: "state".into(),
            rule: "states".into(),
            span: Span::new(start, start + at.len()),
            text: at.into(),
            segment: 0,
            sentence: 0,
            value: Value::Name {
                canonical: name.into(),
                attrs: Default::default(),
            },
        }
    }

    #[test]
    fn a_body_of_a_state_keeps_its_name_and_the_state() {
        let t = "Support came from the Ministry of Foreign Affairs of Ruritania and the \
                 National Demining Office of the Sudan, as the delegate of Ruritania said.";
        let r = state(t, "Ruritania", "Ruritania");
        let body = body_of_state(t, &r, &[]).expect("ministry");
        assert_eq!(body.text, "Ministry of Foreign Affairs of Ruritania");
        let sudan = state(t, "Sudan", "Sudan");
        let office = body_of_state(t, &sudan, &[]).expect("office");
        assert_eq!(office.canonical(), "National Demining Office of the Sudan");
        let u = "The Ministry of Defence of Ruritania agreed.";
        let mod_ = body_of_state(u, &state(u, "Ruritania", "Ruritania"), &[]).expect("article");
        assert_eq!(mod_.text, "Ministry of Defence of Ruritania");
        // "the delegate of Ruritania" names no body
        let at = t.rfind("Ruritania").expect("second");
        let mut later = r.clone();
        later.span = Span::new(at, at + "Ruritania".len());
        assert!(body_of_state(t, &later, &[]).is_none());
        // a body the rules found already is left alone
        assert!(body_of_state(t, &r, &[body.span]).is_none());
    }

    #[test]
    fn a_state_that_begins_an_associations_name_is_the_association() {
        let text = "the Ruritania Veterans of America Foundation and the Ruritania Mission met";
        let mut ms = vec![state(text, "Ruritania", "Ruritania")];
        let second = text.rfind("Ruritania").expect("twice");
        let mut mission = state(text, "Ruritania", "Ruritania");
        mission.span = Span::new(second, second + "Ruritania".len());
        ms.push(mission);
        split(text, &mut ms);
        let got: Vec<(&str, &str)> = ms
            .iter()
            .map(|m| (m.entity.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("organisation", "Ruritania Veterans of America Foundation"),
                ("state", "Ruritania"),
            ]
        );
    }

    #[test]
    fn the_adjective_stays_the_state_and_the_body_gets_its_name() {
        let text = "the Moldovan Ministry of Internal Affairs and the Lao National Regulatory Authority met; the Moldovan Ministry said";
        let mut ms = vec![
            state(text, "Moldovan Ministry", "Moldova"),
            state(text, "Lao National", "Laos"),
        ];
        let last = text.rfind("Moldovan Ministry").expect("twice");
        let mut again = state(text, "Moldovan Ministry", "Moldova");
        again.span = Span::new(last, last + "Moldovan Ministry".len());
        ms.push(again);
        split(text, &mut ms);
        let got: Vec<(&str, &str)> = ms
            .iter()
            .map(|m| (m.entity.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("state", "Moldovan"),
                ("organisation", "Ministry of Internal Affairs"),
                ("state", "Lao"),
                ("organisation", "National Regulatory Authority"),
                ("state", "Moldovan Ministry"),
            ]
        );
    }
}
