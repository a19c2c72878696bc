//! `show`: a document's outline with the entities of each item, or one item's text.

use std::collections::BTreeMap;

use serde_json::json;

use super::names::edit_distance;
use super::QueryError;
use crate::index::{IndexReader, Record};
use crate::model::Value;

/// Splits `DOC#ITEM` into the document and the optional item.
pub fn parse_target(target: &str) -> (&str, Option<&str>) {
    match target.rsplit_once('#') {
        Some((doc, item)) if !item.trim().is_empty() => (doc, Some(item.trim())),
        Some((doc, _)) => (doc, None),
        None => (target, None),
    }
}

/// Resolves a typed document reference to an indexed id: the exact id, else the
/// only id it is a prefix of or equal to without extension ("000_a5fd" for
/// "seeds/000_a5fd....txt"), else an error with the closest ids.
pub fn resolve_doc(reader: &IndexReader, typed: &str) -> Result<String, QueryError> {
    let ids = reader.doc_ids()?;
    if ids.iter().any(|i| i == typed) {
        return Ok(typed.to_string());
    }
    let file_part = |id: &str| id.rsplit('/').next().unwrap_or(id).to_string();
    let candidates: Vec<&String> = ids
        .iter()
        .filter(|id| {
            let file = file_part(id);
            id.starts_with(typed) || file.starts_with(typed)
        })
        .collect();
    if candidates.len() == 1 {
        return Ok(candidates[0].clone());
    }
    let mut suggestions: Vec<(usize, String)> = if candidates.len() > 1 {
        candidates.iter().map(|c| (0, (*c).clone())).collect()
    } else {
        ids.iter()
            .map(|id| {
                (
                    edit_distance(typed, &file_part(id)).min(edit_distance(typed, id)),
                    id.clone(),
                )
            })
            .collect()
    };
    suggestions.sort();
    Err(QueryError::UnknownDocument {
        id: typed.to_string(),
        suggestions: suggestions.into_iter().take(5).map(|(_, s)| s).collect(),
    })
}

/// Finds an item by its printed number ("2.1", "PART 1", "10.") or, failing that,
/// by its ordinal.
pub fn find_item<'a>(records: &'a [Record], item: &str) -> Option<&'a Record> {
    let norm = |s: &str| s.trim().trim_end_matches(['.', ':', ')']).to_lowercase();
    let wanted = norm(item);
    records
        .iter()
        .find(|r| r.number.as_deref().map(norm).as_deref() == Some(wanted.as_str()))
        .or_else(|| {
            let n: usize = item.trim().parse().ok()?;
            records.iter().find(|r| r.ordinal == n)
        })
}

/// Distinct entity values of a record, by entity type, in first-mention order.
pub fn entities_by_type(rec: &Record) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in &rec.mentions {
        let shown = match &m.value {
            Value::Name { canonical, .. } => canonical.clone(),
            Value::Money(money) => super::entity_listing::money_label(money),
            Value::Date(d) => super::entity_listing::date_label(d),
            _ => m.text.clone(),
        };
        let list = out.entry(m.entity.clone()).or_default();
        if !list.contains(&shown) {
            list.push(shown);
        }
    }
    out
}

/// The records of one document, resolved from a typed reference.
pub fn doc_records(reader: &IndexReader, typed: &str) -> Result<Vec<Record>, QueryError> {
    let id = resolve_doc(reader, typed)?;
    Ok(reader.doc_records(&id)?)
}

/// The outline as terminal text: header, then one line per segment indented by
/// level, each followed by its entities.
pub fn render_outline(records: &[Record]) -> String {
    let mut out = String::new();
    let Some(first) = records.first() else {
        return out;
    };
    out.push_str(&format!("{}\n  id:    {}\n", first.title, first.doc_id));
    if let Some(b) = &first.body {
        out.push_str(&format!("  body:  {b}\n"));
    }
    if let Some(d) = first.date {
        out.push_str(&format!("  date:  {d}\n"));
    }
    if let Some(p) = &first.place {
        out.push_str(&format!("  place: {p}\n"));
    }
    if let Some(s) = &first.symbol {
        out.push_str(&format!("  symbol: {s}\n"));
    }
    out.push('\n');
    for rec in records {
        let indent = "  ".repeat(usize::from(rec.level.max(1)));
        let pages = rec.pages().map(|p| format!(" ({p})")).unwrap_or_default();
        out.push_str(&format!(
            "{indent}{}{pages}  [#{}]\n",
            rec.label(),
            rec.ordinal
        ));
        for (kind, values) in entities_by_type(rec) {
            out.push_str(&format!("{indent}    {kind}: {}\n", values.join("; ")));
        }
    }
    out
}

/// One item's full text with a citation header.
pub fn render_item(rec: &Record) -> String {
    let mut head = format!("{} ", rec.title);
    if let Some(d) = rec.date {
        head.push_str(&format!("({d}) "));
    }
    head.push_str(&format!("- item {}", rec.label()));
    if let Some(p) = rec.pages() {
        head.push_str(&format!(", {p}"));
    }
    format!(
        "{head}\n{}\n\n{}\n",
        "=".repeat(head.chars().count().min(100)),
        rec.text.trim_end()
    )
}

/// Why each line of the document became a heading or not: the source file is
/// read and segmented again, so the answer is the current segmenter's.
pub fn explain_outline(records: &[Record]) -> Result<String, crate::ingest::IngestError> {
    let Some(first) = records.first() else {
        return Ok(String::new());
    };
    let path = std::path::Path::new(&first.source);
    let doc = crate::ingest::load_file(path, &first.doc_id, &Default::default())?;
    let mut out = format!(
        "{}
  source: {}
  line  verdict    reason | text
",
        first.doc_id, first.source
    );
    for d in crate::segment::explain::explain(&doc) {
        let text: String = d.text.chars().take(70).collect();
        out.push_str(&format!(
            "{:>6}  {:<9}  {} | {}\n",
            d.line, d.verdict, d.reason, text
        ));
    }
    Ok(out)
}

/// The outline as JSON.
pub fn outline_json(records: &[Record]) -> serde_json::Value {
    let first = records.first();
    json!({
        "doc": first.map(|r| r.doc_id.clone()),
        "title": first.map(|r| r.title.clone()),
        "body": first.and_then(|r| r.body.clone()),
        "date": first.and_then(|r| r.date),
        "place": first.and_then(|r| r.place.clone()),
        "symbol": first.and_then(|r| r.symbol.clone()),
        "segments": records.iter().map(|r| json!({
            "segment": r.ordinal, "kind": r.kind, "level": r.level, "number": r.number,
            "title": r.item_title, "path": r.path, "pages": r.pages(),
            "entities": entities_by_type(r),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_on_the_last_hash() {
        assert_eq!(parse_target("a.txt#2.1"), ("a.txt", Some("2.1")));
        assert_eq!(parse_target("a.txt#"), ("a.txt", None));
        assert_eq!(parse_target("a.txt"), ("a.txt", None));
    }
}
