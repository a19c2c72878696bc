//! `summary` on an index of the five real seed records: contents, citations, and
//! JSON output validated against the documented schema (docs/summary-schema.json).

use crate::query_support;

use std::path::Path;

use crate::query_support::{seed_index, SeedIndex};
use agendex::date::Date;
use agendex::query::csv_out::parse_csv;
use agendex::query::summary::{self, Subject, Summary, SummaryRequest, CSV_COLUMNS};
use agendex::query::Filters;
use serde_json::Value as Json;

fn summarise(idx: &SeedIndex, subject: Subject, as_of: &str) -> Summary {
    summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject,
            filters: Filters::default(),
            as_of: as_of.parse::<Date>().expect("valid date"),
        },
    )
    .expect("summary builds")
}

#[test]
fn montenegro_request_cites_the_ccm_meeting_and_item() {
    let Some(idx) = seed_index() else { return };
    let s = summarise(&idx, Subject::State("Montenegro".into()), "2018-06-01");
    let req = s
        .requests
        .iter()
        .find(|r| r.text.contains("financial and technical assistance"))
        .unwrap_or_else(|| panic!("request missing: {:#?}", s.requests));
    assert_eq!(req.kind, "request");
    assert!(req
        .text
        .contains("National Action Plan on Victim Assistance"));
    assert_eq!(req.requester.as_deref(), Some("Montenegro"));
    assert_eq!(req.role, "by");
    assert_eq!(req.citation.doc, idx.id("001"));
    assert_eq!(req.citation.date, Date::new(2017, 12, 20));
    assert!(
        req.citation.item.starts_with("2.3 Briefing"),
        "{}",
        req.citation.item
    );
    let md = summary::render_markdown(&s);
    assert!(md.contains("# Summary: Montenegro"), "{md}");
    assert!(md.contains("National Action Plan on Victim Assistance"));
    assert!(md.contains("2017-12-20, item 2.3 Briefing"), "{md}");
    // the timeline names the meeting and the item
    let entry = s.timeline.first().expect("timeline");
    assert_eq!(entry.doc, idx.id("001"));
    assert!(entry.items.iter().any(|i| i.item.starts_with("2.3")));
}

#[test]
fn japan_contribution_and_chair_role() {
    let Some(idx) = seed_index() else { return };
    let s = summarise(&idx, Subject::State("Japan".into()), "2016-01-01");
    let money = s
        .money
        .iter()
        .find(|m| m.value == 14e6 && m.currency == "USD")
        .unwrap_or_else(|| panic!("$14 million missing: {:#?}", s.money));
    assert_eq!(money.kind, "contribution");
    assert_eq!(money.donor.as_deref(), Some("Japan"));
    assert!(
        money
            .recipient
            .as_deref()
            .is_some_and(|r| r.contains("Voluntary Trust Fund")),
        "{:?}",
        money.recipient
    );
    assert_eq!(money.citation.date, Date::new(2015, 2, 17));
    assert!(
        money.citation.item.starts_with("5 "),
        "{}",
        money.citation.item
    );
    assert!(s
        .by_donor
        .iter()
        .any(|t| t.donor.as_deref() == Some("Japan") && t.currency == "USD" && t.total >= 14e6));
    let role = s
        .roles
        .iter()
        .find(|r| r.role.contains("Chair of the MASG"))
        .unwrap_or_else(|| panic!("role missing: {:#?}", s.roles));
    assert_eq!(role.citation.doc, idx.id("000"));
    let md = summary::render_markdown(&s);
    assert!(
        md.contains("Japan: **USD 14,000,000** to UN Voluntary Trust Fund"),
        "{md}"
    );
    assert!(md.contains("**Chair of the MASG**"), "{md}");
}

#[test]
fn deadlines_split_past_and_upcoming_by_as_of() {
    let Some(idx) = seed_index() else { return };
    let topic = Subject::Topic("deadline OR deadlines OR \"by June\"".into());
    let early = summarise(&idx, topic.clone(), "2000-01-01");
    let late = summarise(&idx, topic, "2100-01-01");
    assert!(!early.deadlines.is_empty(), "the seeds hold deadlines");
    assert!(early.deadlines.iter().all(|d| d.status == "upcoming"));
    assert!(late.deadlines.iter().all(|d| d.status == "past"));
    assert_eq!(early.deadlines.len(), late.deadlines.len());
}

/// A small JSON Schema checker for the subset the summary schema uses: `type`
/// (including unions with null), `required`, `properties`, `items`, `enum`, `$ref`.
fn check(value: &Json, schema: &Json, root: &Json, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Json::as_str) {
        let target = r
            .trim_start_matches("#/")
            .split('/')
            .fold(root, |node, key| &node[key]);
        return check(value, target, root, path, errors);
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Json::String(s) => vec![s.as_str()],
            Json::Array(a) => a.iter().filter_map(Json::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "number" => value.is_number(),
            "integer" => value.is_u64() || value.is_i64(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            errors.push(format!("{path}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Json::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{path}: {value} not in {allowed:?}"));
        }
    }
    if let Some(req) = schema.get("required").and_then(Json::as_array) {
        for key in req.iter().filter_map(Json::as_str) {
            if value.get(key).is_none() {
                errors.push(format!("{path}: missing key {key}"));
            }
        }
    }
    if let (Some(props), Some(obj)) = (
        schema.get("properties").and_then(Json::as_object),
        value.as_object(),
    ) {
        for (key, sub) in props {
            if let Some(v) = obj.get(key) {
                check(v, sub, root, &format!("{path}.{key}"), errors);
            }
        }
        for key in obj.keys() {
            if !props.contains_key(key) {
                errors.push(format!("{path}: key {key} is not documented in the schema"));
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            check(v, items, root, &format!("{path}[{i}]"), errors);
        }
    }
}

fn schema() -> Json {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/summary-schema.json");
    let text = std::fs::read_to_string(&path).expect("docs/summary-schema.json exists");
    serde_json::from_str(&text).expect("the schema is JSON")
}

#[test]
fn the_schema_checker_catches_violations() {
    let schema = schema();
    let mut errors = Vec::new();
    let bad = serde_json::json!({"schema_version": 1, "subject": {"kind": "planet", "name": 3}});
    check(&bad, &schema, &schema, "$", &mut errors);
    assert!(
        errors.iter().any(|e| e.contains("missing key requests")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("planet")), "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("$.subject.name")),
        "{errors:?}"
    );
}

#[test]
fn json_output_follows_the_documented_schema() {
    let Some(idx) = seed_index() else { return };
    let schema = schema();
    for subject in [
        Subject::State("Japan".into()),
        Subject::State("Montenegro".into()),
        Subject::Topic("assistance".into()),
    ] {
        let s = summarise(&idx, subject, "2018-01-01");
        let json = summary::to_json(&s);
        let mut errors = Vec::new();
        check(&json, &schema, &schema, "$", &mut errors);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // the binary prints the same shape
    let out = query_support::agendex(
        &[
            "summary",
            "--topic",
            "assistance",
            "--format",
            "json",
            "--as-of",
            "2018-01-01",
        ],
        idx.path(),
    );
    query_support::assert_ok(&out);
    let json: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut errors = Vec::new();
    check(&json, &schema, &schema, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(json["subject"]["kind"], "topic");
    assert!(json["timeline"].as_array().is_some_and(|t| !t.is_empty()));
}

#[test]
fn csv_has_one_row_per_fact() {
    let Some(idx) = seed_index() else { return };
    let s = summarise(&idx, Subject::Topic("assistance".into()), "2018-01-01");
    let text = agendex::query::csv_out::csv_doc(&CSV_COLUMNS, &summary::csv_rows(&s));
    let rows = parse_csv(&text).expect("valid CSV");
    let items: usize = s.timeline.iter().map(|e| e.items.len()).sum();
    let facts = s.requests.len() + s.roles.len() + s.deadlines.len() + s.money.len() + items;
    assert_eq!(rows.len(), facts + 1);
    assert!(items > 0);
    assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()));
}

#[test]
fn unknown_state_gets_suggestions_from_the_binary() {
    let Some(idx) = seed_index() else { return };
    let out = query_support::agendex(&["summary", "--state", "Atlantis"], idx.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown state 'Atlantis'"), "{err}");
}
