//! Organisations named in a list that says what they are: "The representatives
//! of the following non-governmental organizations participated in the work of
//! the Group: Amnesty International, Article 36, ... and PAX." Every item of such
//! a list is an organisation, known to the gazetteers or not. An item that holds
//! a state's name ("University of Southern Denmark") is the organisation, not the
//! state.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::sentences::{Unit, UnitKind};

mod state_bodies;
use crate::model::{Mention, Span, Value};

/// Rule name of the mentions made here.
pub const RULE: &str = "organisation-list-item";

static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bfollowing\s+(?:[\w\-]+\s+){0,3}?(?:organi[sz]ations|entities|institutions|NGOs|agencies|bodies)\b[^:;.]{0,160}:\s*",
    )
    .expect("static regex")
});

/// Adds every item of the document's organisation lists to `mentions` (kept
/// sorted by start), replacing state mentions inside an item.
pub fn learn(text: &str, units: &[Unit], mentions: &mut Vec<Mention>) {
    state_bodies::split(text, mentions);
    let mut added: Vec<Mention> = Vec::new();
    let mut ui = 0;
    while ui < units.len() {
        let u = &units[ui];
        ui += 1;
        if u.kind == UnitKind::Heading {
            continue;
        }
        let Some(s) = text.get(u.span.start..u.span.end) else {
            continue;
        };
        let Some(intro) = INTRO.find(s) else {
            continue;
        };
        let list = &s[intro.end()..];
        add_items(
            list,
            u.span.start + intro.end(),
            u,
            ui - 1,
            mentions,
            &mut added,
        );
        // a list cut by a page break (its number and running head) goes on
        // in the next unit of running text
        if !continues(list) {
            continue;
        }
        let mut next = ui;
        while next < units.len() && is_page_furniture(text, &units[next]) {
            next += 1;
        }
        if next > ui && next < units.len() && units[next].kind != UnitKind::Heading {
            let n = &units[next];
            if let Some(rest) = text.get(n.span.start..n.span.end) {
                add_items(rest, n.span.start, n, next, mentions, &mut added);
                ui = next + 1;
            }
        }
    }
    if added.is_empty() {
        return;
    }
    // an item replaces what the rules saw inside it: a state ("University of
    // Southern Denmark") or a shorter organisation ("Stop Killer Robots" in
    // "Campaign to Stop Killer Robots")
    mentions.retain(|m| {
        !(matches!(m.entity.as_str(), "state" | "organisation" | "person")
            && added.iter().any(|a| a.span.overlaps(m.span)))
    });
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// True when a list runs to the end of its unit without a full stop.
fn continues(list: &str) -> bool {
    let t = list.trim_end();
    !t.is_empty()
        && !t.ends_with(['.', ';', ':'])
        && !t[..t.len().min(400)].contains(';')
        && !has_sentence_end(t)
}

/// Whether `t` holds a full stop that ends a sentence: ". " after a word that
/// is no short abbreviation ("St. Mary’s University College" and "Inc." are
/// names in a list, not its end).
fn has_sentence_end(t: &str) -> bool {
    t.match_indices(". ").any(|(i, _)| {
        let word = t[..i]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let abbreviation = word.chars().count() <= 3
            && word.starts_with(char::is_uppercase)
            && word.chars().skip(1).all(char::is_lowercase);
        !abbreviation
    })
}

/// A unit that only carries page furniture: a page number or a running head
/// such as "CCW/GGE.1/2023/2" (no lower-case letter).
fn is_page_furniture(text: &str, u: &Unit) -> bool {
    text.get(u.span.start..u.span.end)
        .is_some_and(|t| t.len() <= 60 && !t.chars().any(char::is_lowercase))
}

/// Adds the items of `list` (starting at byte `base` of the text) that no
/// organisation or person mention already names as a whole.
fn add_items(
    list: &str,
    base: usize,
    u: &Unit,
    ui: usize,
    mentions: &[Mention],
    added: &mut Vec<Mention>,
) {
    for (off, item) in items(list) {
        // "Maat for Peace, Development and Human Rights": the comma is the
        // name's own, so the piece lengthens the item before it
        if let Some(prev) = added.last_mut().filter(|p| joins_previous(&p.text, item)) {
            if let Value::Name { canonical, .. } = &mut prev.value {
                *canonical = format!("{canonical}, {}", squeeze(item));
            }
            continue;
        }
        let (name, acro) = match item.rsplit_once(" (") {
            Some((n, a)) if a.ends_with(')') => (n.trim(), Some(a.trim_end_matches(')'))),
            _ => (item, None),
        };
        let words = name.split_whitespace().count();
        let capital = name.chars().next().is_some_and(|c| c.is_uppercase());
        if !capital
            || words == 0
            || words > 12
            || !name.chars().any(|c| c.is_lowercase() || c.is_uppercase())
        {
            continue;
        }
        let span = Span::new(base + off, base + off + item.len());
        let name_span = Span::new(span.start, span.start + name.len());
        // known as a whole (a gazetteer name): keep that mention; a person
        // inside ("University Institute General Gutierrez Mellado": the
        // patron; "Marine Academy" read as a name) is part of the body's name
        let known = mentions.iter().any(|m| {
            matches!(m.entity.as_str(), "organisation" | "person")
                && m.span.start <= name_span.start
                && m.span.end >= name_span.end
        });
        if known {
            continue;
        }
        let mut attrs = BTreeMap::new();
        if let Some(a) = acro {
            attrs.insert("acronym".to_string(), a.to_string());
        }
        added.push(Mention {
            entity: "organisation".to_string(),
            rule: RULE.to_string(),
            span,
            text: item.to_string(),
            segment: u.segment,
            sentence: ui,
            value: Value::Name {
                canonical: squeeze(name),
                attrs,
            },
        });
    }
}

/// `s` with every run of white space made one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `piece` continues the name `prev`: `prev` ends in "for" and a
/// capitalised word, and `piece` is a chain "Development and Human Rights" of
/// capitalised words that names no body of its own.
fn joins_previous(prev: &str, piece: &str) -> bool {
    let mut tail = prev.split_whitespace().rev();
    let ends_for = matches!(
        (tail.next(), tail.next()),
        (Some(w), Some("for")) if w.starts_with(char::is_uppercase)
    );
    let words: Vec<&str> = piece.split_whitespace().collect();
    ends_for
        && words.contains(&"and")
        && words.len() <= 6
        && words
            .iter()
            .all(|w| *w == "and" || w.starts_with(char::is_uppercase))
        && !super::acronyms::names_a_body(piece)
}

/// The items of a list, with their byte offsets: split at commas, and the last
/// piece at its first " and ".
fn items(list: &str) -> Vec<(usize, &str)> {
    let end = list.find(';').unwrap_or(list.len());
    let list = list[..end].trim_end().trim_end_matches('.');
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    // a bracket opens or closes a sub-list: "Campaign to Stop Killer Robots
    // [Amnesty International, Article 36, ...], Centre for ..."
    for p in list.split([',', '[', ']']) {
        pieces.push((at, p));
        at += p.len() + 1;
    }
    if let Some((off, last)) = pieces.pop() {
        // " and " may be broken by the line: "Defence CRC and\n UNHR Geneva"
        let and = last
            .match_indices("and")
            .find(|&(i, _)| {
                last[..i].ends_with(char::is_whitespace)
                    && last[i + 3..].starts_with(char::is_whitespace)
            })
            .map(|(i, _)| i);
        match and {
            Some(i) => {
                pieces.push((off, &last[..i]));
                pieces.push((off + i + 3, &last[i + 3..]));
            }
            None => pieces.push((off, last)),
        }
    }
    pieces
        .into_iter()
        .map(|(off, orig)| {
            let p = orig.trim();
            let p = p
                .strip_prefix("and")
                .filter(|r| r.starts_with(char::is_whitespace))
                .map_or(p, str::trim_start);
            (off + (p.as_ptr() as usize - orig.as_ptr() as usize), p)
        })
        // an item broken by a page (its number and running head) is left out
        .filter(|(_, p)| !p.is_empty() && !p.contains("\n\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_at_commas_and_the_last_and() {
        let v: Vec<&str> = items("Amnesty International, Article 36, Sustainable Peace and Development Organization (SPADO), Virtual Planet Africa and Women’s League (WILPF).")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            v,
            [
                "Amnesty International",
                "Article 36",
                "Sustainable Peace and Development Organization (SPADO)",
                "Virtual Planet Africa",
                "Women’s League (WILPF)"
            ]
        );
    }

    #[test]
    fn brackets_and_a_broken_and_separate_items() {
        let v: Vec<&str> = items("Campaign to Stop Killer Robots [Amnesty International, Article 36, Women’s League (WILPF)], Future of Life Institute, Defence CRC and\n   UNHR Geneva.")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            v,
            [
                "Campaign to Stop Killer Robots",
                "Amnesty International",
                "Article 36",
                "Women’s League (WILPF)",
                "Future of Life Institute",
                "Defence CRC",
                "UNHR Geneva"
            ]
        );
    }

    #[test]
    fn a_for_chain_continues_the_name_before_it() {
        assert!(joins_previous(
            "Maat for Peace",
            "Development and Human Rights"
        ));
        assert!(!joins_previous("Maat for Peace", "Article 36"));
        assert!(!joins_previous(
            "Amnesty International",
            "Peace and Development"
        ));
        assert!(!joins_previous(
            "Centre for Peace",
            "Research and Development Institute"
        ));
    }

    #[test]
    fn an_abbreviation_inside_a_name_does_not_end_the_list() {
        assert!(continues(
            "Hill College, St. Mary’s Institute Derry, Mt. Pleasant University,"
        ));
        assert!(!continues("Hill College. The Group met in March"));
    }

    #[test]
    fn a_list_without_its_full_stop_goes_on_after_the_page_break() {
        assert!(continues(
            "Amnesty International, Article 36, Maat for Peace,"
        ));
        assert!(!continues("Amnesty International and PAX."));
        assert!(!continues(
            "Amnesty International and PAX. The Group met twice"
        ));
    }
}
