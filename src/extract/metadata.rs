//! Document metadata read from the header by `[[meta]]` rules: title, body,
//! date, place, UN document symbol and document type.
//!
//! For each field the match that starts earliest wins (ties: rule order). The
//! header is the document's first `header_bytes` bytes (default 1500), cut at a
//! line end. The date is the first day-precise date mention of the header, found
//! by the date rules themselves, so that later stages can resolve "next year" and
//! "20 December" against it. The title, unless a pattern gives it, is the first
//! heading line of the header (a one- or two-word label such as "MINUTES" is
//! joined to the line after it).

use regex::Regex;

use super::sentences::{Unit, UnitKind};
use crate::date::Date;
use crate::model::DocMeta;

/// A compiled metadata rule.
#[derive(Debug, Clone)]
pub struct MetaRule {
    /// Field filled.
    pub field: String,
    /// Pattern (none: built-in method for `date` and `title`).
    pub regex: Option<Regex>,
    /// Value template.
    pub value: Option<String>,
    /// Search the whole document instead of the header.
    pub whole_document: bool,
    /// Title-case an all-caps value.
    pub title_case: bool,
}

/// Default header length in bytes.
pub const DEFAULT_HEADER_BYTES: usize = 1500;

/// End of the header: `limit` bytes, extended to the end of the line.
pub fn header_end(text: &str, limit: usize) -> usize {
    if text.len() <= limit {
        return text.len();
    }
    let mut end = limit;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    match text[end..].find('\n') {
        Some(n) => end + n,
        None => text.len(),
    }
}

/// "MINE ACTION SUPPORT GROUP" -> "Mine Action Support Group" (other text unchanged).
pub fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.to_string();
    }
    let small = [
        "of", "the", "and", "on", "in", "for", "to", "a", "an", "at", "by",
    ];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lw = w.to_lowercase();
            if i > 0 && small.contains(&lw.as_str()) {
                lw
            } else {
                let mut c = lw.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the metadata fields from `text`. `date` is the header date found by the
/// date rules (used when a `date` rule is present).
pub fn read(
    text: &str,
    units: &[Unit],
    header: usize,
    rules: &[MetaRule],
    date: Option<Date>,
) -> DocMeta {
    let mut meta = DocMeta::default();
    let mut best: Vec<(String, usize, String)> = Vec::new();
    for r in rules {
        match (&r.regex, r.field.as_str()) {
            (None, "date") => meta.date = date,
            (None, "title") => {
                if let Some(t) = heuristic_title(text, units, header) {
                    best.push(("title".into(), usize::MAX - 1, t));
                }
            }
            (Some(re), field) => {
                let hay = if r.whole_document {
                    text
                } else {
                    &text[..header]
                };
                if let Some(c) = re.captures(hay) {
                    let pos = c.get(0).map(|m| m.start()).unwrap_or(0);
                    let mut v = String::new();
                    match &r.value {
                        Some(t) => c.expand(t, &mut v),
                        None => v.push_str(c.get(0).map(|m| m.as_str()).unwrap_or("")),
                    }
                    let mut v = v.split_whitespace().collect::<Vec<_>>().join(" ");
                    if r.title_case {
                        v = title_case(&v);
                    }
                    if !v.is_empty() && !best.iter().any(|(f, p, _)| f == field && *p <= pos) {
                        best.retain(|(f, _, _)| f != field);
                        best.push((field.to_string(), pos, v));
                    }
                }
            }
            _ => {}
        }
    }
    for (field, _, v) in best {
        let slot = match field.as_str() {
            "title" => &mut meta.title,
            "body" => &mut meta.body,
            "place" => &mut meta.place,
            "symbol" => &mut meta.symbol,
            "doc_type" => &mut meta.doc_type,
            _ => continue,
        };
        *slot = Some(v);
    }
    meta
}

fn heuristic_title(text: &str, units: &[Unit], header: usize) -> Option<String> {
    let heads: Vec<&str> = units
        .iter()
        .take_while(|u| u.span.start < header)
        .filter(|u| u.kind == UnitKind::Heading)
        .map(|u| text[u.span.start..u.span.end].trim())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|t| !t.chars().any(|c| c.is_ascii_digit()))
        .take(2)
        .collect();
    let first = *heads.first()?;
    let joined = if first.split_whitespace().count() <= 2 {
        match heads.get(1) {
            Some(second) => format!("{} - {}", title_case(first), title_case(second)),
            None => title_case(first),
        }
    } else {
        title_case(first)
    };
    Some(joined.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_only_touches_capitals() {
        assert_eq!(
            title_case("MINE ACTION SUPPORT GROUP OF THE UN"),
            "Mine Action Support Group of the Un"
        );
        assert_eq!(title_case("Geneva"), "Geneva");
        assert_eq!(header_end("ab\ncd\nef", 4), 5);
    }
}
