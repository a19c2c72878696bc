//! Cues in headings and lead-ins that name who speaks in what follows: a
//! heading's "adopted by", a lead-in's "The Group recommends that:", a
//! transcript's turn label.

use std::sync::LazyLock;

use regex::Regex;

use super::subject_end;
use crate::extract::roles::bounded::{captures_or_bounded, captures_within, chars, words};
use crate::model::Mention;

/// "Guiding Principles affirmed by the Group of Governmental Experts ...": the
/// party after "affirmed/adopted/agreed/endorsed/recommended by" in a heading.
pub fn heading_voice(heading: &str) -> Option<String> {
    if !heading.contains(" by ") && !heading.contains("\nby ") {
        return None;
    }
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:affirmed|adopted|agreed(?:\s+upon)?|endorsed|recommended|approved)\s+by\s+(?:the\s+)?(\p{Lu}[^.;:]*?)\s*$",
        )
        .expect("static regex")
    });
    let h = heading.split_whitespace().collect::<Vec<_>>().join(" ");
    BY.captures(&h).map(|c| c[1].to_string())
}

/// "The Group recommends that:" (a unit that ends in a colon): its subject asks
/// in the list that follows.
pub fn lead_in_voice(unit: &str) -> Option<String> {
    // nearly every unit ends otherwise: no regex, no allocation for them
    if !unit.trim_end().ends_with(':') {
        return None;
    }
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^(?:\d{1,3}\.\s+)?|[,;”\x22]\s+)((?:[Tt]he\s+)?\p{Lu}([\w\- ]*?))\s+(?:also\s+)?(?:recommend|agree|decide|affirm|request|propose|conclude|urge)(?:s|d|ed)?(?:\s+that)?(?:\s+the\s+following(?:\s+\w+)?|\s+as\s+follows)?\s*:\s*$",
        )
        .expect("static regex")
    });
    let u = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(source) = recommendations_of(&u) {
        return Some(source);
    }
    // at most 80 characters after the capital, as the pattern was written
    // (`{0,80}?`): the phrase before the repetition is fixed at a start, or
    // with "The " taken it leaves the repetition shorter, so the first path at
    // a start has its shortest repetition
    let c = captures_within(&LEAD, &u, 2, 80)?;
    let subject = &c[1];
    // "The Coordinators explained that previous meetings had concluded that:":
    // the one who reports, not the words up to the last verb
    Some(match subject_end(subject) {
        Some(end) if end > 0 => subject[..end].trim().to_string(),
        _ => subject.to_string(),
    })
}

/// "The key outcomes and recommendations from their meeting with affected
/// States on 24 November were that:": the meeting (or body) whose
/// recommendations the list gives asks in it.
fn recommendations_of(lead_in: &str) -> Option<String> {
    // the pattern as written, with its counted repetitions (up to ten words
    // before the meeting's noun, 60 characters after it): compiled only when
    // the unbounded form's match is longer
    const RECS_PATTERN: &str = r"(?i)\brecommendations\s+(?:of|from|made\s+(?:at|by))\s+(?:(?:the|their|its)\s+)?(((?:\p{L}[\w\-]*\s+)WORDS)(?:meeting|workshop|conference|session|group|committee|panel|consultations?)\b([^:]TAIL))\s+(?:were|are|was|is|included?)(?:\s+that|\s+as\s+follows)?\s*:\s*$";
    static RECS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&RECS_PATTERN.replace("WORDS", "*?").replace("TAIL", "*?"))
            .expect("static regex")
    });
    static RECS_BOUNDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            &RECS_PATTERN
                .replace("WORDS", "{0,10}?")
                .replace("TAIL", "{0,60}?"),
        )
        .expect("static regex")
    });
    captures_or_bounded(&RECS, &RECS_BOUNDED, lead_in, |c| {
        words(c, 2) <= 10 && chars(c, 3) <= 60
    })
    .map(|c| c[1].trim().to_string())
}

/// A transcript's turn label: "United States | Representative" (pipes between
/// the party and its role). The party is the state named in the first field,
/// else the last field (the office: "Co-Chair").
pub fn speaker_label(heading: &str, in_unit: &[&Mention]) -> Option<String> {
    let h = heading.trim().trim_matches('*').trim();
    if !h.contains(" | ") || h.split_whitespace().count() > 12 {
        return None;
    }
    let first = h.split(" | ").next()?.trim();
    if let Some(m) = in_unit
        .iter()
        .find(|m| m.entity == "state" && first.contains(m.text.as_str()))
    {
        return Some(m.canonical().to_string());
    }
    // "EU | Representative | (EU)": the group in brackets is named without them
    let last = h
        .rsplit(" | ")
        .next()?
        .trim()
        .trim_matches(['(', ')'])
        .trim();
    (!last.is_empty()).then(|| last.to_string())
}

/// "At the invitation of the Chair, the delegation of Zimbabwe took places at
/// the Committee table": "delegation of Zimbabwe" (the state as the
/// document names it canonically, when it is a mention of the unit).
pub fn delegation_at_table(unit: &str, base: usize, in_unit: &[&Mention]) -> Option<String> {
    // nearly every unit lacks the word: no regex for them
    if !unit.contains("table") {
        return None;
    }
    static SEATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bdelegations?\s+of\s+(\p{Lu}[^,;.]{0,60}?)\s+took\s+(?:its\s+|their\s+|a\s+)?(?:places?|seats?)\s+at\s+the\s+(?:\w+\s+){0,2}?table\b",
        )
        .expect("static regex")
    });
    let c = SEATED.captures(unit)?;
    let name = c.get(1)?;
    let state = in_unit.iter().find(|m| {
        m.entity == "state"
            && m.span.start >= base + name.start()
            && m.span.end <= base + name.end()
    });
    Some(format!(
        "delegation of {}",
        state.map_or(name.as_str(), |m| m.canonical())
    ))
}
