//! Names listed before one plural role: "assisted by Amy Dowler, Mélanie
//! Gerber, and Heegyun Jung, Political Affairs Officers". The person rules
//! find the last name (it stands before the role); the ones listed before it
//! hold the same role.

use std::collections::BTreeMap;

use super::super::sentences::Unit;
use super::mention;
use crate::model::{Mention, Span, Value};

/// Rule name of the persons found here.
pub const RULE: &str = "person-listed-before-role";

/// Adds to `added` the names listed before each person whose role is plural.
pub fn learn(text: &str, units: &[Unit], mentions: &[Mention], added: &mut Vec<Mention>) {
    for m in mentions.iter().filter(|m| m.entity == "person") {
        let Value::Name { attrs, .. } = &m.value else {
            continue;
        };
        let Some(role) = attrs.get("role").filter(|r| plural_role(r)) else {
            continue;
        };
        let mut end = m.span.start;
        // at most six names before the one found
        for _ in 0..6 {
            let Some(item) = item_before(text, end) else {
                break;
            };
            let taken = mentions
                .iter()
                .chain(added.iter())
                .any(|o| o.span.overlaps(item));
            let name = text.get(item.start..item.end).unwrap_or("");
            let attrs = BTreeMap::from([("role".to_string(), role.clone())]);
            if !taken {
                let canonical = name.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(p) = mention(text, units, item, ("person", RULE), &canonical, attrs) {
                    added.push(p);
                }
            }
            end = item.start;
        }
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
            let ok = w.ends_with(',') || w.starts_with(char::is_lowercase);
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
        assert!(!plural_role("Director of the Office"));
    }
}
