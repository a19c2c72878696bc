//! An acronym the text never defines that acts as a body: the subject of an
//! institutional act ("At its meeting on 10 April 1993, SNC, on the
//! recommendation of UNTAC, adopted a directive"; "OSCE welcomed the plan").
//! Only such acts make it a body: a bare "LAWS pose risks" or "ERW remains"
//! names a thing.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::super::sentences::Unit;
use super::mention;
use crate::model::{Mention, Span};

/// Rule name of the mentions made here.
const RULE: &str = "organisation-acting-acronym";

/// A unit opening (after a lead adverbial clause) with an acronym, then
/// optionally an aside between commas, then an act only a body performs.
static ACTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,3}\.\s+)?(?:(?:At|In|On|By|During|Following)\s[^,]{1,80},\s+)?(?:the\s+)?([A-Z]{3,6})(?:,\s+[^,]{3,80},)?\s+(?:adopted|decided|agreed|approved|endorsed|requested|recommended|welcomed|urged|invited|appointed|established|convened|announced|resolved)\b",
    )
    .expect("static regex")
});

/// Adds the acting acronym of each unit to `added`, where no mention holds it.
pub(super) fn learn(text: &str, units: &[Unit], mentions: &[Mention], added: &mut Vec<Mention>) {
    for u in units {
        let Some(s) = text.get(u.span.start..u.span.end) else {
            continue;
        };
        // the regex opens with a capital or a paragraph number: most units are
        // refused on one byte
        if !s.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        let Some(acro) = ACTING.captures(s).and_then(|c| c.get(1)) else {
            continue;
        };
        let span = Span::new(u.span.start + acro.start(), u.span.start + acro.end());
        let held = mentions
            .iter()
            .chain(added.iter())
            .any(|m| m.span.overlaps(span));
        if held {
            continue;
        }
        if let Some(m) = mention(
            text,
            units,
            span,
            ("organisation", RULE),
            acro.as_str(),
            BTreeMap::new(),
        ) {
            added.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acting(s: &str) -> Option<&str> {
        ACTING
            .captures(s)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str())
    }

    #[test]
    fn an_acronym_that_acts_is_a_body() {
        assert_eq!(
            acting(
                "At its meeting on 2 May 1994, NCC, on the advice of the mission, adopted a plan."
            ),
            Some("NCC")
        );
        assert_eq!(acting("OSCE welcomed the report."), Some("OSCE"));
        assert_eq!(acting("LAWS pose serious risks."), None);
        assert_eq!(acting("The ERW remains a threat."), None);
        assert_eq!(acting("In 2020, USD 5 million was given."), None);
    }
}
