//! A search's hits and facet counts as JSON objects and as terminal text.

use serde_json::json;

use super::{FacetCounts, Highlight, SearchHit};
use crate::query::citation;

/// One hit as a JSON object (one NDJSON line): the fields of the text output,
/// its rank and citation, and the total number of matching items.
pub fn hit_json(hit: &SearchHit, rank: usize, total: usize) -> serde_json::Value {
    json!({
        "rank": rank,
        "citation": citation::cite(&hit.doc_id, hit.ordinal),
        "doc": hit.doc_id,
        "segment": hit.ordinal,
        "score": hit.score,
        "title": hit.title,
        "body": hit.body,
        "date": hit.date,
        "item_number": hit.number,
        "item_title": hit.item_title,
        "path": hit.path,
        "pages": hit.pages,
        "snippet": hit.snippet.text,
        "matched": hit.snippet.matched(),
        "states": hit.states,
        "total": total,
    })
}

/// Facet counts as one JSON object (printed as the last NDJSON line with `--facets`).
pub fn facets_json(f: &FacetCounts) -> serde_json::Value {
    let obj = |v: &[(String, u64)]| {
        serde_json::Value::Array(
            v.iter()
                .map(|(k, n)| json!({"value": k, "count": n}))
                .collect(),
        )
    };
    json!({"facets": {
        "state": obj(&f.states),
        "body": obj(&f.bodies),
        "year": obj(&f.years),
        "organisation": obj(&f.organisations),
    }})
}

/// A hit as terminal text: rank, title, date, item, page, snippet, states.
pub fn render_hit(rank: usize, hit: &SearchHit, style: Highlight) -> String {
    let mut head = format!("{rank}. {}", hit.title);
    if let Some(d) = hit.date {
        head.push_str(&format!(" ({d})"));
    }
    let item = match &hit.number {
        Some(n) => format!("{n} {}", hit.item_title),
        None => hit.item_title.clone(),
    };
    let mut line2 = format!("   item {item}");
    if let Some(p) = &hit.pages {
        line2.push_str(&format!(", {p}"));
    }
    line2.push_str(&format!("  [{}]", citation::cite(&hit.doc_id, hit.ordinal)));
    let mut out = format!("{head}\n{line2}\n   {}\n", hit.snippet.render(style));
    if !hit.states.is_empty() {
        out.push_str(&format!("   states: {}\n", hit.states.join(", ")));
    }
    out
}

/// Facet counts as terminal text: states, bodies and years (organisations are
/// in the JSON, for the workbench; the terminal line stays as it was).
pub fn render_facets(f: &FacetCounts) -> String {
    let mut out = String::new();
    for (name, v) in [
        ("state", &f.states),
        ("body", &f.bodies),
        ("year", &f.years),
    ] {
        let items: Vec<String> = v.iter().map(|(k, n)| format!("{k} ({n})")).collect();
        out.push_str(&format!(
            "{name}: {}\n",
            if items.is_empty() {
                "-".to_string()
            } else {
                items.join(", ")
            }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Snippet;
    use super::*;

    #[test]
    fn snippets_collapse_space_and_keep_marks() {
        let s = Snippet::collapsed("funding\n  gaps  remain ", &[0..7, 10..14]);
        assert_eq!(s.text, "funding gaps remain");
        assert_eq!(s.render(Highlight::Brackets), "[funding] [gaps] remain");
        assert_eq!(
            s.render(Highlight::Ansi),
            "\x1b[1mfunding\x1b[0m \x1b[1mgaps\x1b[0m remain"
        );
        assert_eq!(s.matched(), vec!["funding", "gaps"]);
        let twice = Snippet::collapsed("Gap and gap", &[0..3, 8..11]);
        assert_eq!(twice.matched(), vec!["Gap"]);
        let one: std::ops::Range<usize> = 7..15;
        let s = Snippet::collapsed("Côte  d'Ivoire", std::slice::from_ref(&one));
        assert_eq!(s.render(Highlight::Brackets), "Côte [d'Ivoire]");
    }
}
