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

use crate::date::Date;
use crate::model::{DocMeta, Span};

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
    /// Heading lines that are never the title.
    pub skip: Vec<Regex>,
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
/// date rules (used when a `date` rule is present); `marks` are the Markdown headings.
pub fn read(
    text: &str,
    header: usize,
    rules: &[MetaRule],
    date: Option<Date>,
    marks: &[Span],
) -> DocMeta {
    let mut meta = DocMeta::default();
    let mut best: Vec<(String, usize, String)> = Vec::new();
    for r in rules {
        match (&r.regex, r.field.as_str()) {
            (None, "date") => meta.date = date,
            (None, "title") => {
                if let Some(t) = heuristic_title(text, header, &r.skip, marks) {
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

/// The title: the first Markdown heading of the header, else the first block of
/// title-like lines (short, no year, not boilerplate); a one- or two-word label
/// ("MINUTES") is joined to what follows with " - ".
fn heuristic_title(text: &str, header: usize, skip: &[Regex], marks: &[Span]) -> Option<String> {
    let skipped = |t: &str| skip.iter().any(|r| r.is_match(t));
    if let Some(m) = marks
        .iter()
        .filter(|m| m.start < header)
        .map(|m| text.get(m.start..m.end).unwrap_or("").trim())
        .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !skipped(t))
    {
        return Some(title_case(
            &m.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    let mut block: Vec<String> = Vec::new();
    for line in text[..header].lines() {
        // PDF layouts put a second column after a wide gap: keep the left one
        let left = line.trim().split("   ").next().unwrap_or("").trim();
        // a line of the right-hand column only ("Original: English") inside a block
        if !block.is_empty()
            && !line.trim().is_empty()
            && (left.is_empty() || line.starts_with("          "))
        {
            continue;
        }
        let titleish = !left.is_empty()
            && left.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && left.split_whitespace().count() <= 16
            && !left.ends_with(['.', ';', ','])
            && !left
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d.len() == 4)
            && !skipped(left);
        if titleish && block.len() < 4 {
            block.push(left.to_string());
        } else if !block.is_empty() {
            break;
        }
    }
    let first = block.first()?;
    let joined = if first.split_whitespace().count() <= 2 && block.len() > 1 {
        format!(
            "{} - {}",
            title_case(first),
            title_case(&block[1..].join(" "))
        )
    } else {
        title_case(&block.join(" "))
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
