//! `entities`: every stored mention that matches, with its normalised value and
//! citation, or counts grouped by value, document or year.
//!
//! Filters select agenda items (segments): `--state Japan` lists the mentions of
//! items that mention Japan, `--query` those of items matching a full-text query.

use std::collections::BTreeMap;

use serde_json::json;

use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::Term;

use super::{Filters, QueryError};
use crate::annotation::{AMOUNT, DATE, ORGANISATION, STATE};
use crate::date::Date;
use crate::index::schema::{FACET_ORGANISATION, FACET_STATE};
use crate::index::segment_record::StoredExtension;
use crate::index::IndexReader;
use crate::model::{DateValue, Money, Value};

/// The listing type of extension-request records (stored beside the mentions,
/// listed only when asked for by `--type extension`).
pub const EXTENSION: &str = "extension";

/// The entity type a user typed, normalised ("amounts" -> "amount",
/// "organization" -> "organisation").
pub fn normalise_type(t: &str) -> String {
    let t = t.trim().to_lowercase();
    let t = match t.as_str() {
        "states" | "country" | "countries" => "state",
        "organisations" | "organization" | "organizations" | "org" | "orgs" => "organisation",
        "persons" | "people" => "person",
        "amounts" | "money" => "amount",
        "dates" | "deadline" | "deadlines" => "date",
        "extensions" | "extension-request" | "extension-requests" => EXTENSION,
        other => other,
    };
    t.to_string()
}

/// "USD 14,000,000", "USD 65,000,000/year", "EUR 2,000,000-3,000,000 (approx.)".
pub fn money_label(m: &Money) -> String {
    let mut s = format!("{} {}", m.currency, thousands(m.value));
    if let Some(max) = m.max {
        s.push_str(&format!("-{}", thousands(max)));
    }
    if let Some(per) = &m.per {
        s.push_str(&format!("/{per}"));
    }
    if m.approximate {
        s.push_str(" (approx.)");
    }
    s
}

/// "2015-03-01..2015-03-05", "2015-06-30 (deadline: by)".
pub fn date_label(d: &DateValue) -> String {
    let mut s = if d.start == d.end {
        d.start.to_string()
    } else {
        format!("{}..{}", d.start, d.end)
    };
    if let Some(k) = &d.deadline {
        s.push_str(&format!(" (deadline: {k})"));
    }
    s
}

/// A number with thousands separators and at most two decimals.
pub fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let whole = v.trunc() as u128;
    let frac = ((v - v.trunc()) * 100.0).round() as u32;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if frac > 0 {
        out.push_str(&format!(".{frac:02}"));
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

/// A query matching the records that hold at least one mention of `entity`, for
/// the types the schema indexes; `None` for the others (all records are read).
fn type_filter(reader: &IndexReader, entity: &str) -> Option<Box<dyn Query>> {
    let f = reader.fields();
    let facet_root = |root: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_facet(f.facets, &Facet::from_path([root])),
            IndexRecordOption::Basic,
        ))
    };
    match entity {
        STATE => Some(facet_root(FACET_STATE)),
        ORGANISATION => Some(facet_root(FACET_ORGANISATION)),
        AMOUNT => Some(Box::new(ExistsQuery::new("amount".into(), false))),
        DATE => Some(Box::new(ExistsQuery::new("mention_date".into(), false))),
        _ => None,
    }
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct EntityRequest {
    /// Entity type (normalised), all types when `None`.
    pub entity: Option<String>,
    /// Resolved filters.
    pub filters: Filters,
    /// Full-text query selecting items.
    pub query: Option<String>,
}

/// One mention with its citation.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    /// Entity type.
    pub entity: String,
    /// Text as written.
    pub text: String,
    /// Normalised value as a label (canonical name, "USD 14,000,000", date range).
    pub value: String,
    /// Amount value (amounts).
    pub amount: Option<f64>,
    /// Currency (amounts).
    pub currency: Option<String>,
    /// Start of the date (dates).
    pub date_start: Option<Date>,
    /// End of the date (dates).
    pub date_end: Option<Date>,
    /// Deadline kind (dates).
    pub deadline: Option<String>,
    /// Document id.
    pub doc_id: String,
    /// Document title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// Meeting date.
    pub meeting_date: Option<Date>,
    /// Item label ("2.3 Briefing on ...").
    pub item: String,
    /// Segment ordinal.
    pub segment: usize,
    /// Page.
    pub page: Option<u32>,
    /// The sentence around it.
    pub context: String,
}

/// Lists matching mentions in date, document and text order.
pub fn list(reader: &IndexReader, req: &EntityRequest) -> Result<Vec<EntityRow>, QueryError> {
    let query = super::search::match_query(
        reader,
        &super::synonyms::installed(),
        req.query.as_deref().unwrap_or(""),
        &req.filters,
    )?;
    // only records that hold the type at all need loading: most hold no amount
    let query = match req.entity.as_deref().and_then(|e| type_filter(reader, e)) {
        Some(narrow) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, narrow),
        ])) as Box<dyn Query>,
        None => query,
    };
    let records = reader.records_matching(&*query)?;
    let mut rows = Vec::new();
    if req.entity.as_deref() == Some(EXTENSION) {
        for rec in &records {
            // with --state, the state's own requests, not those of states named beside it
            rows.extend(
                rec.extensions
                    .iter()
                    .filter(|e| {
                        req.filters.state.as_deref().is_none_or(|s| {
                            super::names::fold(&e.record.state) == super::names::fold(s)
                        })
                    })
                    .map(|e| extension_row(rec, e)),
            );
        }
        return Ok(rows);
    }
    for rec in &records {
        for m in &rec.mentions {
            if req.entity.as_deref().is_some_and(|e| e != m.entity) {
                continue;
            }
            let mut row = EntityRow::cited(
                rec,
                m.entity.clone(),
                m.text.clone(),
                m.canonical.clone(),
                m.page,
                m.context.clone(),
            );
            match &m.value {
                Value::Money(money) => {
                    row.value = money_label(money);
                    row.amount = Some(money.value);
                    row.currency = Some(money.currency.clone());
                }
                Value::Date(d) => {
                    row.value = date_label(d);
                    row.date_start = Some(d.start);
                    row.date_end = Some(d.end);
                    row.deadline = d.deadline.clone();
                }
                Value::Number { value } => row.value = value.to_string(),
                Value::Percent { value } => row.value = format!("{value}%"),
                Value::Text { text } => row.value = text.clone(),
                Value::Name { .. } => {}
            }
            rows.push(row);
        }
    }
    Ok(rows)
}

/// An extension record as a listing row: the value reads "Serbia: Article 5,
/// 2023-03-01 -> 2024-03-01, granted by the Twentieth Meeting ...", the dates are
/// the original and requested deadlines, the deadline column holds the status.
fn extension_row(rec: &crate::index::Record, e: &StoredExtension) -> EntityRow {
    let r = &e.record;
    let status = super::summary::extensions::status_name(r.status);
    let decided = r
        .meeting
        .as_deref()
        .map(|m| format!(" by the {m}"))
        .unwrap_or_default();
    let value = format!(
        "{}: {}, {status}{decided}",
        r.state,
        super::summary::extensions::record_label(
            r.obligation.as_deref(),
            r.original_deadline,
            r.requested_deadline,
            r.period.as_deref()
        )
    );
    let mut row = EntityRow::cited(
        rec,
        EXTENSION.to_string(),
        r.state.clone(),
        value,
        e.page.or(rec.page_start),
        e.text.clone(),
    );
    row.date_start = r.original_deadline;
    row.date_end = r.requested_deadline;
    row.deadline = Some(status.to_string());
    row
}

impl EntityRow {
    /// A row for `entity` cited at `rec`'s item, with no amount or dates yet.
    fn cited(
        rec: &crate::index::Record,
        entity: String,
        text: String,
        value: String,
        page: Option<u32>,
        context: String,
    ) -> EntityRow {
        EntityRow {
            entity,
            text,
            value,
            amount: None,
            currency: None,
            date_start: None,
            date_end: None,
            deadline: None,
            doc_id: rec.doc_id.clone(),
            title: rec.title.clone(),
            body: rec.body.clone(),
            meeting_date: rec.date,
            item: rec.label(),
            segment: rec.ordinal,
            page,
            context,
        }
    }
}

/// How to group rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// By entity type and normalised value.
    Value,
    /// By document.
    Document,
    /// By meeting year.
    Year,
}

/// One group: key, count, totals of amounts per currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Entity type ("*" when groups mix types).
    pub entity: String,
    /// Group key: value label, document id or year.
    pub key: String,
    /// Extra label (document title).
    pub label: String,
    /// Number of mentions.
    pub count: usize,
    /// Number of distinct documents.
    pub documents: usize,
    /// Sum of amounts per currency.
    pub totals: BTreeMap<String, f64>,
}

/// Groups rows; most frequent first (years in order).
pub fn group(rows: &[EntityRow], by: GroupBy) -> Vec<Group> {
    let mut map: BTreeMap<(String, String), (Group, std::collections::BTreeSet<String>)> =
        BTreeMap::new();
    for r in rows {
        let (entity, key, label) = match by {
            GroupBy::Value => (r.entity.clone(), r.value.clone(), String::new()),
            GroupBy::Document => ("*".to_string(), r.doc_id.clone(), r.title.clone()),
            GroupBy::Year => (
                "*".to_string(),
                r.meeting_date
                    .map(|d| d.year.to_string())
                    .unwrap_or_else(|| "undated".into()),
                String::new(),
            ),
        };
        let entry = map.entry((entity.clone(), key.clone())).or_insert_with(|| {
            (
                Group {
                    entity,
                    key,
                    label,
                    count: 0,
                    documents: 0,
                    totals: BTreeMap::new(),
                },
                Default::default(),
            )
        });
        entry.0.count += 1;
        entry.1.insert(r.doc_id.clone());
        if let (Some(v), Some(c)) = (r.amount, &r.currency) {
            *entry.0.totals.entry(c.clone()).or_default() += v;
        }
    }
    let mut groups: Vec<Group> = map
        .into_values()
        .map(|(mut g, docs)| {
            g.documents = docs.len();
            g
        })
        .collect();
    if by != GroupBy::Year {
        groups.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    }
    groups
}

/// Sum of amounts per currency over rows.
pub fn totals(rows: &[EntityRow]) -> BTreeMap<String, f64> {
    let mut t = BTreeMap::new();
    for r in rows {
        if let (Some(v), Some(c)) = (r.amount, &r.currency) {
            *t.entry(c.clone()).or_default() += v;
        }
    }
    t
}

/// Column names of the CSV and table forms of rows.
pub const ROW_COLUMNS: [&str; 15] = [
    "entity",
    "text",
    "value",
    "amount",
    "currency",
    "date_start",
    "date_end",
    "deadline",
    "doc",
    "title",
    "body",
    "meeting_date",
    "item",
    "page",
    "context",
];

/// A row as strings, in [`ROW_COLUMNS`] order.
pub fn row_cells(r: &EntityRow) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        r.entity.clone(),
        r.text.clone(),
        r.value.clone(),
        opt(r.amount.map(|a| a.to_string())),
        opt(r.currency.clone()),
        opt(r.date_start.map(|d| d.to_string())),
        opt(r.date_end.map(|d| d.to_string())),
        opt(r.deadline.clone()),
        r.doc_id.clone(),
        r.title.clone(),
        opt(r.body.clone()),
        opt(r.meeting_date.map(|d| d.to_string())),
        r.item.clone(),
        opt(r.page.map(|p| p.to_string())),
        r.context.clone(),
    ]
}

/// A row as JSON.
pub fn row_json(r: &EntityRow) -> serde_json::Value {
    json!({
        "entity": r.entity, "text": r.text, "value": r.value, "amount": r.amount,
        "currency": r.currency, "date_start": r.date_start, "date_end": r.date_end,
        "deadline": r.deadline, "doc": r.doc_id, "title": r.title, "body": r.body,
        "meeting_date": r.meeting_date, "item": r.item, "segment": r.segment,
        "page": r.page, "context": r.context,
    })
}

/// Column names of grouped output.
pub const GROUP_COLUMNS: [&str; 6] = ["entity", "key", "label", "count", "documents", "totals"];

/// "USD 14,000,000; EUR 2,000" or empty.
pub fn totals_label(t: &BTreeMap<String, f64>) -> String {
    t.iter()
        .map(|(c, v)| format!("{c} {}", thousands(*v)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A group as strings, in [`GROUP_COLUMNS`] order.
pub fn group_cells(g: &Group) -> Vec<String> {
    vec![
        g.entity.clone(),
        g.key.clone(),
        g.label.clone(),
        g.count.to_string(),
        g.documents.to_string(),
        totals_label(&g.totals),
    ]
}

/// A group as JSON.
pub fn group_json(g: &Group) -> serde_json::Value {
    json!({
        "entity": g.entity, "key": g.key, "label": g.label, "count": g.count,
        "documents": g.documents, "totals": g.totals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_the_records() {
        assert_eq!(thousands(14_000_000.0), "14,000,000");
        assert_eq!(thousands(999.5), "999.50");
        assert_eq!(thousands(1000.0), "1,000");
        let m = Money {
            value: 65e6,
            max: None,
            currency: "USD".into(),
            approximate: false,
            per: Some("year".into()),
        };
        assert_eq!(money_label(&m), "USD 65,000,000/year");
        assert_eq!(normalise_type("Amounts"), "amount");
        assert_eq!(normalise_type("organization"), "organisation");
    }

    #[test]
    fn groups_count_and_total_by_currency() {
        let row = |doc: &str, v: f64, cur: &str| EntityRow {
            entity: "amount".into(),
            text: String::new(),
            value: format!("{cur} {v}"),
            amount: Some(v),
            currency: Some(cur.into()),
            date_start: None,
            date_end: None,
            deadline: None,
            doc_id: doc.into(),
            title: doc.into(),
            body: None,
            meeting_date: Date::new(2015, 1, 1),
            item: String::new(),
            segment: 0,
            page: None,
            context: String::new(),
        };
        let rows = vec![
            row("a", 10.0, "USD"),
            row("a", 5.0, "EUR"),
            row("b", 2.0, "USD"),
        ];
        let g = group(&rows, GroupBy::Document);
        assert_eq!(g[0].key, "a");
        assert_eq!(g[0].count, 2);
        assert_eq!(totals_label(&g[0].totals), "EUR 5; USD 10");
        let y = group(&rows, GroupBy::Year);
        assert_eq!((y.len(), y[0].count, y[0].documents), (1, 3, 2));
        assert_eq!(totals(&rows).get("USD"), Some(&12.0));
    }
}
