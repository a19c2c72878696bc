//! The annotation format of the hand-checked gold files (`shared/gold-dev`), as
//! written by `agendex extract --json`: so that the gold scorer reads agendex's
//! output directly. Keys: `doc`, `meta`, `segments`, `states`, `organisations`,
//! `persons`, `amounts`, `dates` (deadlines with `whose` and `what_is_due`),
//! `requests`, plus `commitments`, `extensions` (extension-request records) and
//! `entities` (every other entity type). Each item carries its byte `span` and `segment`.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value as Json};

use crate::model::{Mention, ProcessedDoc, Segment, StatementKind, Value};

/// Entity type names that have a key of their own in the annotation format.
pub const STATE: &str = "state";
/// Organisations.
pub const ORGANISATION: &str = "organisation";
/// People.
pub const PERSON: &str = "person";
/// Money amounts.
pub const AMOUNT: &str = "amount";
/// Dates and deadlines.
pub const DATE: &str = "date";

/// The whole annotation object for one processed document.
pub fn to_annotation(p: &ProcessedDoc) -> Json {
    let doc_name = p
        .doc
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.doc.id.clone());
    let meta = &p.doc.meta;
    let mut out = Map::new();
    out.insert("doc".into(), json!(doc_name));
    out.insert("id".into(), json!(p.doc.id));
    out.insert(
        "meta".into(),
        json!({
            "title": meta.title, "body": meta.body, "date": meta.date, "place": meta.place,
            "symbol": meta.symbol, "doc_type": meta.doc_type, "author": meta.author,
        }),
    );
    out.insert(
        "segments".into(),
        Json::Array(p.segments.iter().map(|s| segment_json(p, s)).collect()),
    );
    let by_type = group_by_type(&p.extraction.mentions);
    let named = |t: &str| by_type.get(t).map(|v| v.as_slice()).unwrap_or(&[]);
    out.insert("states".into(), grouped_names(p, named(STATE), false));
    out.insert(
        "organisations".into(),
        grouped_names(p, named(ORGANISATION), true),
    );
    out.insert("persons".into(), grouped_names(p, named(PERSON), false));
    out.insert(
        "amounts".into(),
        Json::Array(named(AMOUNT).iter().map(|m| value_item(p, m)).collect()),
    );
    out.insert(
        "dates".into(),
        Json::Array(named(DATE).iter().map(|m| value_item(p, m)).collect()),
    );
    for (key, kind) in [
        ("requests", StatementKind::Request),
        ("commitments", StatementKind::Commitment),
    ] {
        let items = p
            .extraction
            .statements
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| {
                json!({
                    "sentence": s.text, "requester": s.requester, "addressee": s.addressee,
                    "what": s.what, "strength": s.strength, "trigger": s.trigger,
                    "amount": s.amount, "rule": s.rule,
                    "span": [s.span.start, s.span.end], "segment": s.segment,
                    "page": p.doc.page_of(s.span.start),
                })
            })
            .collect();
        out.insert(key.into(), Json::Array(items));
    }
    out.insert(
        "extensions".into(),
        serde_json::to_value(crate::extract::extensions::records(
            &p.doc.text,
            &p.extraction,
        ))
        .unwrap_or(Json::Null),
    );
    let mut others = Map::new();
    for (t, ms) in &by_type {
        if ![STATE, ORGANISATION, PERSON, AMOUNT, DATE].contains(&t.as_str()) {
            others.insert(
                t.clone(),
                Json::Array(ms.iter().map(|m| value_item(p, m)).collect()),
            );
        }
    }
    out.insert("entities".into(), Json::Object(others));
    Json::Object(out)
}

fn group_by_type(mentions: &[Mention]) -> BTreeMap<String, Vec<&Mention>> {
    let mut map: BTreeMap<String, Vec<&Mention>> = BTreeMap::new();
    for m in mentions {
        map.entry(m.entity.clone()).or_default().push(m);
    }
    map
}

/// The first `n` whitespace-separated words of a segment's own body, without a
/// leading paragraph number or bullet; `None` when the body is empty.
pub fn first_words(text: &str, n: usize) -> Option<String> {
    let mut words = text.split_whitespace().peekable();
    // skip a bullet or paragraph enumerator in front of the first word
    while let Some(w) = words.peek() {
        let is_marker = matches!(*w, "-" | "*" | "•" | "o" | "▪" | "–")
            || w.trim_end_matches(['.', ')'])
                .trim_start_matches('(')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
                && w.chars().any(|c| c.is_ascii_digit());
        if is_marker {
            words.next();
        } else {
            break;
        }
    }
    let v: Vec<&str> = words.take(n).collect();
    if v.is_empty() {
        None
    } else {
        Some(v.join(" "))
    }
}

fn segment_json(p: &ProcessedDoc, s: &Segment) -> Json {
    json!({
        "number": s.number,
        "title": s.title,
        "level": s.level,
        "kind": s.kind,
        "first_words": first_words(p.doc.slice(s.body), 8),
        "parent": s.parent,
        "path": s.path(&p.segments),
        "span": [s.extent().start, s.extent().end],
        "heading_span": [s.heading.start, s.heading.end],
        "body_span": [s.body.start, s.body.end],
        "paragraphs": s.paragraphs.iter().map(|q| q.number.clone()).collect::<Vec<_>>(),
        "pages": page_range(p, s.extent().start, s.extent().end),
    })
}

fn page_range(p: &ProcessedDoc, start: usize, end: usize) -> Json {
    match (
        p.doc.page_of(start),
        p.doc.page_of(end.saturating_sub(1).max(start)),
    ) {
        (Some(a), Some(b)) => json!([a, b]),
        _ => Json::Null,
    }
}

/// Gazetteer mentions grouped per canonical name, as the gold lists them. With
/// `as_written`, a group whose canonical and full names both are forms the text
/// never uses ("UN General Assembly" for a text that only says "General
/// Assembly") is named by its most frequent written form instead; the
/// gazetteer's name stays in `canonical`.
fn grouped_names(p: &ProcessedDoc, mentions: &[&Mention], as_written: bool) -> Json {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<&Mention>> = BTreeMap::new();
    for m in mentions {
        let key = m.canonical().to_string();
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(m);
    }
    let items = order
        .iter()
        .map(|name| {
            let ms = &groups[name];
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            let mut forms: Vec<&str> = Vec::new();
            for m in ms {
                if !counts.contains_key(m.text.as_str()) {
                    forms.push(&m.text);
                }
                *counts.entry(&m.text).or_default() += 1;
            }
            let mut obj = Map::new();
            obj.insert("name".into(), json!(name));
            if let Value::Name { attrs, .. } = &ms[0].value {
                for (k, v) in attrs {
                    obj.insert(k.clone(), json!(v));
                }
            }
            if as_written {
                let full = obj.get("full_name").and_then(|v| v.as_str()).unwrap_or("");
                if let Some(written) = name_as_written(name, full, &forms, &counts) {
                    obj.insert("canonical".into(), json!(name));
                    obj.insert("name".into(), json!(written));
                }
            }
            obj.insert("mentions".into(), json!(forms));
            obj.insert("mention_counts".into(), json!(counts));
            obj.insert("count".into(), json!(ms.len()));
            obj.insert(
                "occurrences".into(),
                Json::Array(
                    ms.iter()
                        .map(|m| {
                            json!({"span": [m.span.start, m.span.end], "segment": m.segment,
                                        "page": p.doc.page_of(m.span.start)})
                        })
                        .collect(),
                ),
            );
            Json::Object(obj)
        })
        .collect();
    Json::Array(items)
}

/// Letters and digits only, lower-cased, without a possessive "'s": the key on
/// which a written form and a gazetteer name are the same.
fn name_key(s: &str) -> String {
    let s = without_acronym(s)
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['\'', '’']);
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A written form without the acronym a definition puts after it:
/// "Asociación para Políticas Públicas (APP)" is "Asociación para Políticas
/// Públicas", and so is a mixed-case acronym ("(iPRAW)"); a place in brackets
/// ("National University of Ireland (Galway)") stays.
fn without_acronym(s: &str) -> &str {
    let t = s.trim_end();
    let is_acronym = |a: &str| {
        !a.is_empty()
            && !a.chars().any(char::is_whitespace)
            && (!a.chars().any(char::is_lowercase)
                || a.chars().filter(|c| c.is_uppercase()).count() >= 2)
    };
    match t
        .strip_suffix(')')
        .and_then(|u| u.rfind(" (").map(|i| (u, i)))
    {
        Some((u, i)) if is_acronym(&u[i + 2..]) => u[..i].trim_end(),
        _ => t,
    }
}

/// The written form to report for a group when the text uses neither its
/// canonical nor its full name: the most frequent form, preferring one that
/// is not all capitals (a heading), then the longer one.
fn name_as_written(
    canonical: &str,
    full: &str,
    forms: &[&str],
    counts: &BTreeMap<&str, usize>,
) -> Option<String> {
    let used: Vec<String> = forms.iter().map(|f| name_key(f)).collect();
    if used.contains(&name_key(canonical)) || (!full.is_empty() && used.contains(&name_key(full))) {
        return None;
    }
    let shouting = |f: &str| !f.chars().any(char::is_lowercase) && f.chars().count() > 6;
    forms
        .iter()
        .max_by_key(|f| (!shouting(f), counts.get(*f).copied().unwrap_or(0), f.len()))
        .map(|f| {
            without_acronym(f)
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
}

/// One amount, date or other valued mention.
fn value_item(p: &ProcessedDoc, m: &Mention) -> Json {
    let mut obj = Map::new();
    obj.insert("text".into(), json!(m.text));
    match &m.value {
        Value::Money(money) => {
            obj.insert("value".into(), json!(money.value));
            obj.insert("currency".into(), json!(money.currency));
            obj.insert("max".into(), json!(money.max));
            obj.insert("approximate".into(), json!(money.approximate));
            obj.insert("per".into(), json!(money.per));
        }
        Value::Date(d) => {
            obj.insert("start".into(), json!(d.start));
            obj.insert("end".into(), json!(d.end));
            obj.insert("is_deadline".into(), json!(d.deadline.is_some()));
            obj.insert("deadline_kind".into(), json!(d.deadline));
            obj.insert("year_inferred".into(), json!(d.year_inferred));
            if d.deadline.is_some() {
                obj.insert("whose".into(), json!(d.owner));
                obj.insert("what_is_due".into(), json!(d.due));
            }
        }
        Value::Name { canonical, attrs } => {
            obj.insert("name".into(), json!(canonical));
            for (k, v) in attrs {
                obj.insert(k.clone(), json!(v));
            }
        }
        Value::Number { value } | Value::Percent { value } => {
            obj.insert("value".into(), json!(value));
        }
        Value::Text { text } => {
            obj.insert("value".into(), json!(text));
        }
    }
    obj.insert("rule".into(), json!(m.rule));
    obj.insert("span".into(), json!([m.span.start, m.span.end]));
    obj.insert("segment".into(), json!(m.segment));
    obj.insert("sentence".into(), json!(m.sentence));
    obj.insert("page".into(), json!(p.doc.page_of(m.span.start)));
    if let Some(s) = p.extraction.sentences.get(m.sentence) {
        obj.insert("context".into(), json!(p.doc.slice(s.span)));
    }
    Json::Object(obj)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_skip_enumerators_and_bullets() {
        assert_eq!(
            first_words("1. As a follow-up to", 3).as_deref(),
            Some("As a follow-up")
        );
        assert_eq!(
            first_words("\n- Australia and Peru, CCM", 8).as_deref(),
            Some("Australia and Peru, CCM")
        );
        assert_eq!(first_words("  \n ", 8), None);
    }

    #[test]
    fn organisations_are_named_as_the_text_names_them() {
        let counts = |forms: &[&'static str]| -> BTreeMap<&'static str, usize> {
            forms.iter().map(|f| (*f, 1)).collect()
        };
        // the text only says "General Assembly": not "UN General Assembly"
        let forms = ["General Assembly", "GENERAL ASSEMBLY"];
        assert_eq!(
            name_as_written(
                "UN General Assembly",
                "United Nations General Assembly",
                &forms,
                &counts(&forms)
            )
            .as_deref(),
            Some("General Assembly")
        );
        // a name the text uses stays, with or without its defined acronym
        let forms = ["UNDP", "UNDP's"];
        assert_eq!(name_as_written("UNDP", "", &forms, &counts(&forms)), None);
        let forms = ["Asociación para Políticas Públicas (APP)"];
        assert_eq!(
            name_as_written(
                "Asociación para Políticas Públicas",
                "",
                &forms,
                &counts(&forms)
            ),
            None
        );
        // a mixed-case acronym is an acronym too; a bracketed place is part of the name
        assert_eq!(
            without_acronym("Open Systems Observatory (oSO)"),
            "Open Systems Observatory"
        );
        assert_eq!(
            without_acronym("National University of Ireland (Galway)"),
            "National University of Ireland (Galway)"
        );
    }
}
