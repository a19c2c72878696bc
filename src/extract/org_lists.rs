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
    let mut added: Vec<Mention> = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        if u.kind == UnitKind::Heading {
            continue;
        }
        let Some(s) = text.get(u.span.start..u.span.end) else {
            continue;
        };
        let Some(intro) = INTRO.find(s) else {
            continue;
        };
        let base = u.span.start + intro.end();
        for (off, item) in items(&s[intro.end()..]) {
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
            let known = mentions.iter().any(|m| {
                m.span.overlaps(span) && matches!(m.entity.as_str(), "organisation" | "person")
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
                    canonical: name.split_whitespace().collect::<Vec<_>>().join(" "),
                    attrs,
                },
            });
        }
    }
    if added.is_empty() {
        return;
    }
    mentions.retain(|m| !(m.entity == "state" && added.iter().any(|a| a.span.overlaps(m.span))));
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

/// The items of a list, with their byte offsets: split at commas, and the last
/// piece at its first " and ".
fn items(list: &str) -> Vec<(usize, &str)> {
    let end = list.find(';').unwrap_or(list.len());
    let list = list[..end].trim_end().trim_end_matches('.');
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for p in list.split(',') {
        pieces.push((at, p));
        at += p.len() + 1;
    }
    if let Some((off, last)) = pieces.pop() {
        match last.find(" and ") {
            Some(i) => {
                pieces.push((off, &last[..i]));
                pieces.push((off + i + 5, &last[i + 5..]));
            }
            None => pieces.push((off, last)),
        }
    }
    pieces
        .into_iter()
        .map(|(off, orig)| {
            let p = orig.trim();
            let p = p.strip_prefix("and ").unwrap_or(p);
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
}
