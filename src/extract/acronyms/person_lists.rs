//! Persons named before their office: "Peter Kolarov, Political Affairs
//! Officer, UNODA", and names listed before one plural role: "assisted by Amy
//! Dowler, Mélanie Gerber, and Heegyun Jung, Political Affairs Officers". The
//! ones listed before the last name hold the same role. An office followed by
//! ")" is a post in a list of posts ("(Director, Programme Officer)").

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::super::sentences::Unit;
use super::mention;
use crate::model::{Mention, Span, Value};

/// Rule name of the persons found here.
pub const RULE: &str = "person-listed-before-role";

/// " Officer", found as `match_indices` would (a literal: the regex searches it
/// with SIMD, where `match_indices` cost 7 instructions per byte of every record).
static OFFICER: LazyLock<Regex> = LazyLock::new(|| Regex::new(" Officer").expect("static regex"));

/// Adds to `added` the names before ", Political Affairs Officer(s)" and
/// the names listed before each person whose role is plural.
pub fn learn(text: &str, units: &[Unit], mentions: &[Mention], added: &mut Vec<Mention>) {
    for at in OFFICER.find_iter(text).map(|m| m.start()) {
        let end = at + " Officer".len();
        let end = if text[end..].starts_with('s') {
            end + 1
        } else {
            end
        };
        // "(Director, Programme Officer)" lists posts, not people
        if !text[end..].starts_with([',', '.', ';']) {
            continue;
        }
        let Some(role_start) = role_start(text, at) else {
            continue;
        };
        let Some(item) = item_before(text, role_start) else {
            continue;
        };
        let role = text[role_start..end].to_string();
        push_person(text, units, mentions, item, &role, added);
        if plural_role(&role) {
            list_before(text, units, mentions, item.start, &role, added);
        }
    }
    for m in mentions.iter().filter(|m| m.entity == "person") {
        let Value::Name { attrs, .. } = &m.value else {
            continue;
        };
        let Some(role) = attrs.get("role").filter(|r| plural_role(r)) else {
            continue;
        };
        list_before(text, units, mentions, m.span.start, role, added);
    }
}

/// Where the capitalised words of an office before " Officer" (byte `at`)
/// start: one to three of them ("Political Affairs").
fn role_start(text: &str, at: usize) -> Option<usize> {
    let head = text.get(..at)?;
    let mut start = None;
    for w in head.rsplit(' ').take(3) {
        let cap =
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic);
        if !cap {
            break;
        }
        start = Some(w.as_ptr() as usize - head.as_ptr() as usize);
    }
    start
}

/// Adds the person named at `item`, unless a mention already holds it.
fn push_person(
    text: &str,
    units: &[Unit],
    mentions: &[Mention],
    item: Span,
    role: &str,
    added: &mut Vec<Mention>,
) {
    if mentions
        .iter()
        .chain(added.iter())
        .any(|o| o.span.overlaps(item))
    {
        return;
    }
    let name = text.get(item.start..item.end).unwrap_or("");
    let canonical = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let attrs = BTreeMap::from([("role".to_string(), role.to_string())]);
    if let Some(p) = mention(text, units, item, ("person", RULE), &canonical, attrs) {
        added.push(p);
    }
}

/// Adds the names listed before byte `end` with the same `role`.
fn list_before(
    text: &str,
    units: &[Unit],
    mentions: &[Mention],
    end: usize,
    role: &str,
    added: &mut Vec<Mention>,
) {
    let mut end = end;
    // at most six names before the one found
    for _ in 0..6 {
        let Some(item) = item_before(text, end) else {
            break;
        };
        push_person(text, units, mentions, item, role, added);
        end = item.start;
    }
}

/// "Political Affairs Officers", "Programme Managers": the role's last word is plural.
fn plural_role(role: &str) -> bool {
    role.split_whitespace()
        .last()
        .is_some_and(|w| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
}

/// The list item that ends right before byte `end` ("Mélanie Gerber" before
/// ", and Heegyun Jung"): two or three capitalised name words after a comma,
/// "and" or a lower-case word, separated from `end` by a comma and/or "and".
fn item_before(text: &str, end: usize) -> Option<Span> {
    let head = text.get(..end)?;
    let t = head.trim_end();
    let t = t.strip_suffix("and").map_or(t, str::trim_end);
    let t = t.strip_suffix(',')?.trim_end();
    let item_end = t.len();
    let mut start = item_end;
    let mut words = 0;
    for w in t.rsplit(char::is_whitespace) {
        if w.is_empty() {
            continue;
        }
        let name_word = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().nth(1).is_some_and(char::is_lowercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
        if !name_word || words == 3 {
            // the word before the item must end it: a separator or a lower-case word
            let ok = w.ends_with([',', '.']) || w.starts_with(char::is_lowercase);
            return (words >= 2 && ok).then(|| Span::new(start, item_end));
        }
        words += 1;
        start = w.as_ptr() as usize - t.as_ptr() as usize;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_before_a_name_are_read_back_to_the_list_start() {
        let text = "and was assisted by Amy Dowler, Mélanie Gerber, and Heegyun Jung, Political Affairs Officers, UNODA.";
        let jung = text.find("Heegyun").unwrap_or(0);
        let gerber = item_before(text, jung).map(|s| &text[s.start..s.end]);
        assert_eq!(gerber, Some("Mélanie Gerber"));
        let at = text.find("Mélanie").unwrap_or(0);
        let dowler = item_before(text, at).map(|s| &text[s.start..s.end]);
        assert_eq!(dowler, Some("Amy Dowler"));
        let at = text.find("Amy").unwrap_or(0);
        assert_eq!(item_before(text, at), None);
        // a capitalised word before the item: part of a longer phrase, no name
        let t = "the Global Mine Action Service, Heegyun Jung";
        assert_eq!(item_before(t, t.find("Heegyun").unwrap_or(0)), None);
        assert!(plural_role("Political Affairs Officers"));
        let t = "Kolarov, Political Affairs Officer";
        assert_eq!(role_start(t, t.find(" Officer").unwrap_or(0)), Some(9));
        assert!(!plural_role("Director of the Office"));
    }
}
