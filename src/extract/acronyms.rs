//! Organisations a document defines itself: "the Regional Mine Action
//! Coordination Office (RMACO)". The definition teaches the document its own
//! acronym: the full name becomes an organisation mention, and so does every
//! later bare "RMACO" of the same document. A definition is accepted only when
//! the acronym spells the initials of the name's words (function words such as
//! "of", "for", "against" may give a letter or not), so "Geneva (2023)" or
//! "Article 36 (b)" teach nothing. An acronym that spells nothing
//! ("the Front uni national pour un Cambodge ... (FUNCINPEC)") is still taught
//! by a body's name that starts with its first letter right after "the".
//! Transcript speaker lines ("**IAHWG | Brian Wallace | Co-Chair**") name the
//! speaking body and person (`speaker_lines`); names listed before a plural
//! role are persons (`person_lists`).

mod bare_subjects;
mod person_lists;
mod slash_pairs;
mod speaker_lines;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::sentences::Unit;
use crate::model::{Mention, Span, Value};

static DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:\p{Lu}[\p{L}’'\-]*\.?|of|the|for|and|on|in|against|to|de|des|du|la|le|et|y|del|para)(?:[ \t]+(?:\p{Lu}[\p{L}’'\-]*|of|the|for|and|on|in|against|to|de|des|du|la|le|et|y|del|para)){1,11})[ \t]*\((\p{Lu}[\p{Lu}\-&]{1,9})\)$",
    )
    .expect("static regex")
});

static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\p{Lu}[\p{Lu}\-&]{1,9}\)").expect("static regex"));

/// Rule name of the mentions made here.
pub const RULE: &str = "organisation-defined-acronym";

/// Adds the organisations the document defines, and later uses of their
/// acronyms, to `mentions` (kept sorted by start). Spans already held by an
/// organisation, state or person are left alone.
pub fn learn(text: &str, units: &[Unit], mentions: &mut Vec<Mention>) {
    let mut learned: BTreeMap<String, String> = BTreeMap::new();
    let mut added: Vec<Mention> = Vec::new();
    let taken = |span: Span, ms: &[Mention], extra: &[Mention]| {
        ms.iter().chain(extra).any(|m| {
            m.span.overlaps(span)
                && matches!(m.entity.as_str(), "organisation" | "state" | "person")
        })
    };
    // a defined name may hold a state ("the Party of the State of Cambodia
    // (SOC)"): only a mention reaching outside it, or a name, blocks it
    let blocked = |span: Span, ms: &[Mention], extra: &[Mention]| {
        ms.iter().chain(extra).any(|m| {
            m.span.overlaps(span)
                && match m.entity.as_str() {
                    "organisation" | "person" => true,
                    "state" => m.span.start < span.start || m.span.end > span.end,
                    _ => false,
                }
        })
    };
    // a cheap scan for "(ACRO)" first; the name is read only in the 200 bytes before it
    for p in PAREN.find_iter(text) {
        let mut from = p.start().saturating_sub(200);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let acro = &text[p.start() + 1..p.end() - 1];
        let window = text.get(from..p.start()).unwrap_or("");
        let spelled = DEFINITION
            .captures(text.get(from..p.end()).unwrap_or(""))
            .and_then(|c| c.get(1))
            .and_then(|n| Some(from + n.start() + body_start(n.as_str(), acro)?));
        let Some(start) = spelled.or_else(|| loose_start(window, acro).map(|i| from + i)) else {
            continue;
        };
        let end = from + window.trim_end().len();
        let mut span = Span::new(start, end);
        if !names_a_body(text.get(span.start..span.end).unwrap_or("")) {
            continue;
        }
        // a body the rules found by the form of its name ("the Mine Clearance
        // Training Unit (MCTU)") is this definition: it gives way, so the
        // acronym is learnt and its bare uses found
        if blocked(span, mentions, &added) {
            let by_form = |m: &Mention| {
                m.entity == "organisation"
                    && m.span.start >= span.start
                    && m.span.end <= span.end
                    && m.canonical() == m.text.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            let Some(own) = mentions
                .iter()
                .filter(|m| m.span.overlaps(span) && by_form(m))
                .map(|m| m.span.start)
                .min()
            else {
                continue;
            };
            // anything else in the way (a person, a state reaching outside) still blocks
            let still = mentions.iter().chain(&added).any(|m| {
                m.span.overlaps(span)
                    && !by_form(m)
                    && match m.entity.as_str() {
                        "organisation" | "person" => true,
                        "state" => m.span.start < span.start || m.span.end > span.end,
                        _ => false,
                    }
            });
            if still {
                continue;
            }
            mentions.retain(|m| !(m.span.overlaps(span) && by_form(m)));
            // the rule's name leaves out a leading article ("The Mine ...")
            span = Span::new(own, span.end);
        }
        let name = text.get(span.start..span.end).unwrap_or("").to_string();
        learned.insert(acro.to_string(), name.clone());
        if let Some(m) = make(text, units, span, acro, &name) {
            added.push(m);
        }
    }
    cut_possessives(mentions);
    speaker_lines::learn(text, units, mentions, &mut added);
    person_lists::learn(text, units, mentions, &mut added);
    slash_pairs::learn(text, units, mentions, &mut added);
    bare_subjects::learn(text, units, mentions, &mut added);
    if learned.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        return;
    }
    // every bare use of a learned acronym, as a whole word, after its definition
    for (acro, name) in &learned {
        let first_def = added
            .iter()
            .filter(|m| m.canonical() == acro)
            .map(|m| m.span.start)
            .min()
            .unwrap_or(0);
        let mut from = first_def;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(acro.as_str())) {
            let s = from + pos;
            let e = s + acro.len();
            from = e;
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let bounded = !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '-');
            let span = Span::new(s, e);
            if bounded && !taken(span, mentions, &added) {
                if let Some(m) = make(text, units, span, acro, name) {
                    added.push(m);
                }
            }
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

fn make(text: &str, units: &[Unit], span: Span, acro: &str, full: &str) -> Option<Mention> {
    let attrs = BTreeMap::from([("full_name".to_string(), full.to_string())]);
    mention(text, units, span, ("organisation", RULE), acro, attrs)
}

/// Cuts a possessive off persons: "Ms. Pham's briefing" names Pham. The
/// person rules' name words take apostrophes ("O'Neil", "N'Diaye"), and
/// leaving the possessive out there costs a third of the pattern search; here
/// it is one look at each person.
fn cut_possessives(mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| m.entity == "person") {
        let Some(cut) = ["'s", "’s"].iter().find(|p| m.text.ends_with(*p)) else {
            continue;
        };
        if let Value::Name { canonical, .. } = &mut m.value {
            if let Some(c) = canonical.strip_suffix(cut) {
                *canonical = c.to_string();
            }
        }
        m.text.truncate(m.text.len() - cut.len());
        m.span = Span::new(m.span.start, m.span.end - cut.len());
    }
}

/// A mention of `kind` (entity, rule) at `span`, placed in the unit holding it.
fn mention(
    text: &str,
    units: &[Unit],
    span: Span,
    kind: (&str, &str),
    canonical: &str,
    attrs: BTreeMap<String, String>,
) -> Option<Mention> {
    let ui = units.partition_point(|u| u.span.end <= span.start);
    let u = units.get(ui).filter(|u| u.span.start <= span.start)?;
    at_unit(text, u, ui, span, kind, canonical, attrs)
}

/// A mention of `kind` at `span`, counted in unit `u` (number `ui`).
fn at_unit(
    text: &str,
    u: &Unit,
    ui: usize,
    span: Span,
    kind: (&str, &str),
    canonical: &str,
    attrs: BTreeMap<String, String>,
) -> Option<Mention> {
    Some(Mention {
        entity: kind.0.to_string(),
        rule: kind.1.to_string(),
        span,
        text: text.get(span.start..span.end)?.to_string(),
        segment: u.segment,
        sentence: ui,
        value: Value::Name {
            canonical: canonical.to_string(),
            attrs,
        },
    })
}

/// Where the defined body's name starts in `name` (the capitalised words
/// before "(ACRO)"): at the words `acro` spells, or, when those name no body
/// ("State of Cambodia" for SOC), at the nearest capitalised word before them
/// that makes a body of the whole ("Party of the State of Cambodia").
fn body_start(name: &str, acro: &str) -> Option<usize> {
    let start = name_start(name, acro)?;
    if names_a_body(&name[start..]) {
        return Some(start);
    }
    let head = &name[..start];
    let words = head
        .split_whitespace()
        .map(|w| w.as_ptr() as usize - name.as_ptr() as usize);
    words
        .rev()
        .take(4)
        .find(|&i| name[i..].starts_with(char::is_uppercase) && names_a_body(&name[i..]))
        .or(Some(start))
}

/// Where a body's name defined by an acronym that spells nothing starts in
/// `window` (the text before "(ACRO)"): the last capitalised word after "the"
/// whose initial is the acronym's first letter, at most 14 words back, with
/// no sentence or clause break between. `None` for short acronyms.
fn loose_start(window: &str, acro: &str) -> Option<usize> {
    let first = acro.chars().next()?;
    if acro.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return None;
    }
    let words: Vec<(usize, &str)> = window
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - window.as_ptr() as usize, w))
        .collect();
    let n = words.len();
    for k in (1..n).rev().take(14) {
        let (off, w) = words[k];
        let tail = &window[off..];
        if tail.contains(['.', ';', ':', '(', ')']) || tail.matches(',').count() > 3 {
            return None;
        }
        if w.starts_with(first) && words[k - 1].1.eq_ignore_ascii_case("the") {
            return Some(off);
        }
    }
    None
}

/// Nouns that make a defined name a body ("... Coordination Office", "Centre
/// for ...") rather than a concept ("Security Sector Reform", "Millennium
/// Development Goals").
const BODY_NOUNS: &[&str] = &[
    "office",
    "unit",
    "centre",
    "center",
    "commission",
    "committee",
    "council",
    "organization",
    "organisation",
    "association",
    "agency",
    "institute",
    "institution",
    "foundation",
    "fund",
    "group",
    "network",
    "coalition",
    "campaign",
    "programme",
    "program",
    "service",
    "authority",
    "department",
    "ministry",
    "secretariat",
    "trust",
    "league",
    "society",
    "bureau",
    "directorate",
    "force",
    "mission",
    "partnership",
    "federation",
    "alliance",
    "union",
    "corps",
    "board",
    "panel",
    "court",
    "bank",
    "aid",
    "watch",
    "university",
    "college",
    "academy",
    "parties",
    "movement",
    "facility",
    "observatory",
    // political and armed movements: "the Party of Democratic Kampuchea (PDK)",
    // "the National Army of Democratic Kampuchea (NADK)"
    "party",
    "army",
    "front",
    "congress",
    "assembly",
    "parliament",
    "police",
];

/// True when `name` names a body: one of its words (or its singular) is a
/// [`BODY_NOUNS`] noun.
pub(crate) fn names_a_body(name: &str) -> bool {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .any(|w| {
            let w = w.to_lowercase();
            BODY_NOUNS.contains(&w.as_str())
                || w.strip_suffix('s').is_some_and(|s| BODY_NOUNS.contains(&s))
        })
}

const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "for", "and", "on", "in", "against", "to", "de", "des", "du", "la", "le", "et",
    "y", "del", "para",
];

/// The byte offset in `name` where the words that `acro` abbreviates start:
/// the longest tail of `name` that begins with a capitalised word and whose
/// initials spell `acro`.
fn name_start(name: &str, acro: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    let letters: Vec<char> = acro.chars().filter(|c| c.is_alphabetic()).collect();
    (0..words.len()).find_map(|i| {
        let (off, first) = words[i];
        let capital = first.chars().next().is_some_and(|c| c.is_uppercase());
        (capital && spells(&words[i..], &letters)).then_some(off)
    })
}

/// Whether the initials of `words` spell `letters`: every capitalised word
/// gives its initial (a hyphenated one may give one per part), a function word
/// may give one or none.
fn spells(words: &[(usize, &str)], letters: &[char]) -> bool {
    fn go(words: &[(usize, &str)], letters: &[char]) -> bool {
        let Some(((_, w), rest)) = words.split_first() else {
            return letters.is_empty();
        };
        let lower = w.to_lowercase();
        let initials: Vec<char> = w
            .split('-')
            .filter_map(|p| p.chars().next())
            .flat_map(|c| c.to_uppercase())
            .collect();
        if FUNCTION_WORDS.contains(&lower.as_str()) {
            let head = initials.first().copied();
            return go(rest, letters)
                || (letters.first().copied() == head && go(rest, &letters[1..]));
        }
        // a capitalised word: its initial, or one initial per hyphenated part
        let one = initials.first().copied();
        (letters.first().copied() == one && go(rest, &letters[1..]))
            || (initials.len() > 1
                && letters.len() >= initials.len()
                && letters[..initials.len()] == initials[..]
                && go(rest, &letters[initials.len()..]))
    }
    words.len() >= 2 && go(words, letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(name: &str, acro: &str) -> Option<String> {
        name_start(name, acro).map(|i| name[i..].to_string())
    }

    #[test]
    fn the_acronym_spells_the_name() {
        assert_eq!(
            start(
                "Director of the Regional Mine Action Coordination Office",
                "RMACO"
            )
            .as_deref(),
            Some("Regional Mine Action Coordination Office")
        );
        assert_eq!(
            start(
                "Center for Countermeasures against Chemical and Biological Warfare Agents",
                "CCACBWA"
            )
            .as_deref(),
            Some("Center for Countermeasures against Chemical and Biological Warfare Agents")
        );
        assert_eq!(
            start("Sustainable Peace and Development Organization", "SPADO").as_deref(),
            Some("Sustainable Peace and Development Organization")
        );
        assert_eq!(start("Held in Geneva", "GVA"), None);
        assert!(names_a_body("Regional Mine Action Coordination Office"));
        assert!(names_a_body("Pirate Parties International"));
        assert!(!names_a_body("Security Sector Reform"));
        assert!(!names_a_body("International Cooperation and Assistance"));
        assert_eq!(start("Article", "B"), None);
    }

    #[test]
    fn a_possessive_is_cut_off_a_person() {
        let mut ms = vec![Mention {
            entity: "person".to_string(),
            rule: "person-titled".to_string(),
            span: Span::new(10, 20),
            text: "Ms. Pham’s".to_string(),
            segment: 0,
            sentence: 0,
            value: Value::Name {
                canonical: "Pham’s".to_string(),
                attrs: BTreeMap::new(),
            },
        }];
        cut_possessives(&mut ms);
        assert_eq!(
            (ms[0].canonical(), ms[0].text.as_str()),
            ("Pham", "Ms. Pham")
        );
        assert_eq!(ms[0].span, Span::new(10, 20 - "’s".len()));
    }

    #[test]
    fn a_name_that_spells_no_body_grows_to_the_body_before_it() {
        let name = "of the Party of the State of Cambodia";
        let i = body_start(name, "SOC");
        assert_eq!(
            i.map(|i| &name[i..]),
            Some("Party of the State of Cambodia")
        );
    }

    #[test]
    fn an_acronym_that_spells_nothing_is_defined_after_the() {
        let w = "directed at the Front uni national pour un Cambodge indépendant, neutre, pacifique et coopératif ";
        let i = loose_start(w, "FUNCINPEC");
        assert_eq!(
            i.map(|i| w[i..].trim_end()),
            Some(
                "Front uni national pour un Cambodge indépendant, neutre, pacifique et coopératif"
            )
        );
        // a clause break, or too short an acronym, teaches nothing
        assert_eq!(loose_start("the Force. Its report ", "FRCE"), None);
        assert_eq!(loose_start("the Front for ", "FF"), None);
    }

    #[test]
    fn definitions_are_learned_in_a_text() {
        let text = "Attacks were directed at the Front uni national pour un Cambodge indépendant, neutre, pacifique et coopératif (FUNCINPEC) and at the Party of the State of Cambodia (SOC). Later FUNCINPEC replied.";
        let units = vec![Unit {
            span: Span::new(0, text.len()),
            segment: 0,
            kind: super::super::sentences::UnitKind::Sentence,
        }];
        let mut ms = Vec::new();
        learn(text, &units, &mut ms);
        let names: Vec<(&str, &str)> = ms
            .iter()
            .map(|m| (m.canonical(), m.text.as_str()))
            .collect();
        assert!(
            names.contains(&("SOC", "Party of the State of Cambodia")),
            "{names:?}"
        );
        // the definition, the "(FUNCINPEC)" that makes it, and the later use
        assert_eq!(
            names.iter().filter(|(c, _)| *c == "FUNCINPEC").count(),
            3,
            "{names:?}"
        );
    }
}
