//! The one citation form shared by `search`, `show`, `entities` and `summary`:
//! `DOC#7` is the segment with ordinal 7 (what every listing prints), `DOC@2.1`
//! is the item printed as "2.1". A citation printed anywhere opens the same
//! segment in `show`, always.
//!
//! `DOC#2.1` (an item number after `#`, the form `show` once read first) is still
//! accepted, with a warning naming the form to write instead.

use crate::index::Record;

/// What a citation points at inside a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef {
    /// A segment by its ordinal (`DOC#7`).
    Segment(usize),
    /// An item by its printed number (`DOC@2.1`).
    Number(String),
}

/// A parsed citation: a document reference and, optionally, a segment or item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation<'a> {
    /// The document as typed (an id or a unique prefix).
    pub doc: &'a str,
    /// The segment or item, when given.
    pub item: Option<ItemRef>,
    /// A warning for a form that is accepted but no longer printed.
    pub warning: Option<String>,
}

/// The citation of a segment, as every command prints it.
pub fn cite(doc_id: &str, ordinal: usize) -> String {
    format!("{doc_id}#{ordinal}")
}

/// Parses `DOC`, `DOC#N` (segment ordinal) or `DOC@ITEM` (item number); `DOC#ITEM`
/// with a non-numeric item is read as `DOC@ITEM` with a warning. The marker is the
/// last `#` or `@` not followed by a `/` (so a folder named `a@b/` stays part of
/// the id).
pub fn parse(target: &str) -> Citation<'_> {
    let target = target.trim();
    let Some(at) = target.rfind(['#', '@']) else {
        return Citation {
            doc: target,
            item: None,
            warning: None,
        };
    };
    let (doc, rest) = (&target[..at], &target[at + 1..]);
    let marker = target.as_bytes()[at];
    let rest = rest.trim();
    if rest.contains('/') {
        return Citation {
            doc: target,
            item: None,
            warning: None,
        };
    }
    if rest.is_empty() {
        return Citation {
            doc,
            item: None,
            warning: None,
        };
    }
    let numeric = rest.bytes().all(|b| b.is_ascii_digit());
    match (marker, numeric) {
        (b'#', true) => Citation {
            doc,
            item: rest.parse().ok().map(ItemRef::Segment),
            warning: None,
        },
        (b'#', false) => Citation {
            doc,
            item: Some(ItemRef::Number(rest.to_string())),
            warning: Some(format!(
                "'{doc}#{rest}' reads '{rest}' as an item number; write '{doc}@{rest}' \
                 (DOC@ITEM is an item number, DOC#N the N-th segment as search prints it)"
            )),
        },
        _ => Citation {
            doc,
            item: Some(ItemRef::Number(rest.to_string())),
            warning: None,
        },
    }
}

/// The record a citation points at among one document's records.
pub fn find<'a>(records: &'a [Record], item: &ItemRef) -> Option<&'a Record> {
    match item {
        ItemRef::Segment(n) => records.iter().find(|r| r.ordinal == *n),
        ItemRef::Number(wanted) => {
            let norm = |s: &str| s.trim().trim_end_matches(['.', ':', ')']).to_lowercase();
            let wanted = norm(wanted);
            records
                .iter()
                .find(|r| r.number.as_deref().map(norm).as_deref() == Some(wanted.as_str()))
        }
    }
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemRef::Segment(n) => write!(f, "#{n}"),
            ItemRef::Number(s) => write!(f, "@{s}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_a_segment_and_at_an_item() {
        let c = parse("masg/2016-10-masg-minutes.txt#9");
        assert_eq!(c.doc, "masg/2016-10-masg-minutes.txt");
        assert_eq!(c.item, Some(ItemRef::Segment(9)));
        assert!(c.warning.is_none());
        let c = parse("a.txt@2.1");
        assert_eq!(c.item, Some(ItemRef::Number("2.1".into())));
        assert!(c.warning.is_none());
        let c = parse("a.txt@9");
        assert_eq!(c.item, Some(ItemRef::Number("9".into())));
    }

    #[test]
    fn the_old_form_is_read_with_a_warning() {
        let c = parse("a.txt#2.1");
        assert_eq!(c.item, Some(ItemRef::Number("2.1".into())));
        let w = c.warning.unwrap_or_default();
        assert!(w.contains("a.txt@2.1"), "{w}");
    }

    #[test]
    fn bare_and_odd_targets() {
        assert_eq!(parse("a.txt").item, None);
        assert_eq!(parse("a.txt#").doc, "a.txt");
        assert_eq!(parse("a.txt#").item, None);
        let c = parse("x@y/a.txt");
        assert_eq!((c.doc, c.item), ("x@y/a.txt", None));
        assert_eq!(cite("a.txt", 3), "a.txt#3");
        assert_eq!(ItemRef::Number("2.1".into()).to_string(), "@2.1");
    }
}
