//! An acronym written against a known body's acronym with a slash names a body
//! too: "OROLSI/DPO" (an office and its department), "PM/WRA", "JMU/CISR". The
//! text never defines such an acronym, but the slash pairs it with one the
//! rules know, so the pair is a body's address, not a word.

use std::collections::BTreeMap;

use super::super::sentences::Unit;
use super::mention;
use crate::model::{Mention, Span};

/// Rule name of the mentions made here.
const RULE: &str = "organisation-slash-acronym";

/// True for an acronym: 2 to 8 capital ASCII letters.
fn is_acronym(s: &str) -> bool {
    (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The acronym right after `at` + "/" or right before "/" + `at`, when it is
/// bounded by non-letters.
fn partner(text: &str, start: usize, end: usize) -> Option<Span> {
    let bytes = text.as_bytes();
    if bytes.get(end) == Some(&b'/') {
        let from = end + 1;
        let len = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let after = bytes.get(from + len);
        if is_acronym(text.get(from..from + len)?) && !after.is_some_and(u8::is_ascii_alphanumeric)
        {
            return Some(Span::new(from, from + len));
        }
    }
    if start > 0 && bytes.get(start - 1) == Some(&b'/') {
        let to = start - 1;
        let len = bytes[..to]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let before = to.checked_sub(len + 1).and_then(|i| bytes.get(i));
        if is_acronym(text.get(to - len..to)?) && !before.is_some_and(u8::is_ascii_alphanumeric) {
            return Some(Span::new(to - len, to));
        }
    }
    None
}

/// True when the pair `start..end` is part of a document symbol
/// ("CCW/GGE.1/2019/3", "APLC/MSP.14/2015/WP.3"): more slashes or a numbered
/// part go on from it.
fn in_symbol(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let after = bytes.get(end).copied();
    let numbered = after == Some(b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    numbered || after == Some(b'/') || start > 0 && bytes.get(start - 1) == Some(&b'/')
}

/// Adds to `added` the acronym slashed to each organisation acronym of
/// `mentions` and `added`, where no state, person or organisation holds it.
pub(super) fn learn(text: &str, units: &[Unit], mentions: &[Mention], added: &mut Vec<Mention>) {
    let known: Vec<Span> = mentions
        .iter()
        .chain(added.iter())
        .filter(|m| m.entity == "organisation" && is_acronym(&m.text))
        .map(|m| m.span)
        .collect();
    for k in known {
        let Some(span) = partner(text, k.start, k.end) else {
            continue;
        };
        if in_symbol(text, span.start.min(k.start), span.end.max(k.end)) {
            continue;
        }
        let held = mentions.iter().chain(added.iter()).any(|m| {
            m.span.overlaps(span)
                && matches!(m.entity.as_str(), "organisation" | "state" | "person")
        });
        if held {
            continue;
        }
        let Some(name) = text.get(span.start..span.end) else {
            continue;
        };
        if let Some(m) = mention(
            text,
            units,
            span,
            ("organisation", RULE),
            name,
            BTreeMap::new(),
        ) {
            added.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_acronym_across_a_slash_is_found_on_either_side() {
        let t = "Ms Ito from OSRM/DPPA and HQ/UNDP, and 2023/XYZ.";
        let dppa = t.find("DPPA").expect("dppa");
        assert_eq!(
            partner(t, dppa, dppa + 4).map(|s| &t[s.start..s.end]),
            Some("OSRM")
        );
        let osrm = t.find("OSRM").expect("osrm");
        assert_eq!(
            partner(t, osrm, osrm + 4).map(|s| &t[s.start..s.end]),
            Some("DPPA")
        );
        // a year or a one-letter code is no acronym
        let xyz = t.find("XYZ").expect("xyz");
        assert_eq!(partner(t, xyz, xyz + 3), None);
        assert!(!is_acronym("A") && !is_acronym("Dpo"));
        let sym = "CCW/GGE.1/2019/3 and APLC/MSP/2015 and OSRM/DPPA.";
        assert!(in_symbol(sym, 0, 7));
        let aplc = sym.find("APLC").expect("aplc");
        assert!(in_symbol(sym, aplc, aplc + 8));
        let osrm = sym.find("OSRM").expect("osrm");
        assert!(!in_symbol(sym, osrm, osrm + 9));
    }
}
