//! `summary`: what the records say about one state or topic, for the ISU's briefs.
//!
//! Sections: requests (made by, to or about the subject, and commitments it made),
//! roles (Chair, Coordinator, President ... for a state), deadlines (past and
//! upcoming relative to an as-of date), extension requests (obligation, original
//! and requested deadline, period, status, deciding meeting), money (contributions
//! by donor, amounts requested, totals by currency, in US dollars with `--rates`)
//! and a timeline of the meetings and items that discuss the subject. Every fact carries a [`Citation`]: document, meeting date,
//! item and page.
//!
//! The JSON form is stable and documented by `docs/summary-schema.json`
//! (JSON Schema); [`SUMMARY_SCHEMA_VERSION`] changes when it does.

use std::collections::BTreeMap;
use std::sync::OnceLock;

mod deadlines;
pub mod extensions;
mod money;
pub mod rates;
mod render;
mod requests;
pub use extensions::ExtensionFact;
pub use rates::Rates;
pub use render::{csv_columns, csv_rows, render_markdown, to_json, CSV_COLUMNS};
pub use requests::find_role;

use deadlines::concerns;
use deadlines::{collect_deadlines, collect_relative};
use money::{collect_money, sum_money};
use requests::{collect_requests, collect_roles};

use regex::Regex;
use serde::Serialize;

use super::entity_listing::{money_label, thousands};
use super::names::fold;
use super::{Filters, QueryError};
use crate::annotation::{AMOUNT, DATE, STATE};
use crate::date::Date;
use crate::index::segment_record::StoredMention;
use crate::index::{IndexReader, Record};
use crate::model::{StatementKind, Value};

/// Version of the JSON output's schema (`docs/summary-schema.json`).
/// v2: `extensions` (extension-request records); v3: `relative_deadlines`;
/// v4: a deadline's `whose` and `what_is_due`.
pub const SUMMARY_SCHEMA_VERSION: u32 = 4;

/// What the summary is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A state, by canonical name.
    State(String),
    /// A full-text query.
    Topic(String),
}

/// A summary as asked.
#[derive(Debug, Clone)]
pub struct SummaryRequest {
    /// State or topic.
    pub subject: Subject,
    /// Date filters (the state filter is implied by a state subject).
    pub filters: Filters,
    /// Deadlines before this day are past, the others upcoming.
    pub as_of: Date,
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// Meeting date.
    pub date: Option<Date>,
    /// Place of the meeting.
    pub place: Option<String>,
    /// Item label.
    pub item: String,
    /// Segment ordinal (`agendex show DOC#N`).
    pub segment: usize,
    /// Page, when known.
    pub page: Option<u32>,
    /// Numbered paragraph ("12"), when the item numbers its paragraphs.
    pub para: Option<String>,
}

impl Citation {
    fn of(rec: &Record, page: Option<u32>, para: Option<&str>) -> Citation {
        Citation {
            doc: rec.doc_id.clone(),
            title: rec.title.clone(),
            body: rec.body.clone(),
            date: rec.date,
            place: rec.place.clone(),
            item: rec.label(),
            segment: rec.ordinal,
            page: page.or(rec.page_start),
            para: para.map(str::to_string),
        }
    }

    /// "Title, 2017-12-20, item 2.3 Briefing ..., p. 3 [doc#5]".
    pub fn render(&self) -> String {
        let mut s = self.title.clone();
        if let Some(d) = self.date {
            s.push_str(&format!(", {d}"));
        }
        s.push_str(&format!(", item {}", self.item));
        if let Some(q) = &self.para {
            s.push_str(&format!(", para {q}"));
        }
        if let Some(p) = self.page {
            s.push_str(&format!(", p. {p}"));
        }
        s.push_str(&format!(" [{}#{}]", self.doc, self.segment));
        s
    }
}

/// A request or commitment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestFact {
    /// "request" or "commitment".
    pub kind: String,
    /// The subject's part: "by" (it asks or gives), "to" (it is asked), "about"
    /// (named in the sentence), "topic" (topic summaries).
    pub role: String,
    /// Who asks (or gives).
    pub requester: Option<String>,
    /// Who is asked (or receives).
    pub addressee: Option<String>,
    /// What is asked for (or given).
    pub what: Option<String>,
    /// "explicit" or "implicit".
    pub strength: String,
    /// The sentence.
    pub text: String,
    /// Source.
    pub citation: Citation,
}

/// A role the state holds ("Chair of the MASG").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleFact {
    /// The role phrase as written.
    pub role: String,
    /// The sentence.
    pub text: String,
    /// Source.
    pub citation: Citation,
}

/// A deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineFact {
    /// First day of the date.
    pub start: Date,
    /// Last day (the deadline day).
    pub end: Date,
    /// "by", "no later than", "until", ...
    pub kind: String,
    /// "past" or "upcoming" relative to the as-of date.
    pub status: String,
    /// Whose deadline it is, when the text says so.
    pub whose: Option<String>,
    /// What is due by it, when the text says so ("Article 5 clearance").
    pub what_is_due: Option<String>,
    /// Text as written.
    pub text: String,
    /// The sentence.
    pub context: String,
    /// Source.
    pub citation: Citation,
}

/// A deadline stated as a period after an event ("no later than ten years
/// after the entry into force of this Convention for that State Party"): it has
/// no date until the reader resolves its anchor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelativeDeadlineFact {
    /// "no later than", "within", "at the latest".
    pub kind: String,
    /// "ten years".
    pub period: String,
    /// The event the period runs from.
    pub anchor: String,
    /// Text as written.
    pub text: String,
    /// The sentence.
    pub context: String,
    /// Source.
    pub citation: Citation,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoneyFact {
    /// "contribution", "request" or "mention".
    pub kind: String,
    /// Who gives, for contributions.
    pub donor: Option<String>,
    /// Who or what receives ("UN Voluntary Trust Fund").
    pub recipient: Option<String>,
    /// Amount (lower bound of a range).
    pub value: f64,
    /// Upper bound of a range.
    pub max: Option<f64>,
    /// ISO 4217 code.
    pub currency: String,
    /// Rate period ("year").
    pub per: Option<String>,
    /// Text as written.
    pub text: String,
    /// The sentence.
    pub context: String,
    /// Source.
    pub citation: Citation,
    /// The amount in US dollars at the rate of its meeting's year, when a
    /// rates file gives one (`--rates`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd: Option<f64>,
}

/// A sum of amounts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Total {
    /// "contribution", "request" or "mention".
    pub kind: String,
    /// Donor, for per-donor totals.
    pub donor: Option<String>,
    /// Currency.
    pub currency: String,
    /// Sum.
    pub total: f64,
    /// Number of amounts summed.
    pub count: usize,
    /// The sum in US dollars, when rates were given for every amount's year
    /// and currency (`--rates`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd: Option<f64>,
    /// The "year currency" pairs without a rate, when rates were given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_rate: Vec<String>,
}

/// One agenda item in the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineItem {
    /// Item label.
    pub item: String,
    /// Segment ordinal.
    pub segment: usize,
    /// Pages.
    pub pages: Option<String>,
    /// Mentions of the state in the item (0 for topics).
    pub mentions: usize,
}

/// One meeting (document) in the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// Document id.
    pub doc: String,
    /// Title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// Meeting date.
    pub date: Option<Date>,
    /// Place.
    pub place: Option<String>,
    /// Items that discuss the subject.
    pub items: Vec<TimelineItem>,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Subject.
    pub subject: Subject,
    /// As-of date.
    pub as_of: Date,
    /// Date filters.
    pub from: Option<Date>,
    /// Date filters.
    pub to: Option<Date>,
    /// Requests and commitments.
    pub requests: Vec<RequestFact>,
    /// Roles (states only).
    pub roles: Vec<RoleFact>,
    /// Deadlines, by date.
    pub deadlines: Vec<DeadlineFact>,
    /// Deadlines stated as a period after an event, in record order.
    pub relative_deadlines: Vec<RelativeDeadlineFact>,
    /// Extension requests of the state (all of them for a topic).
    pub extensions: Vec<ExtensionFact>,
    /// Amounts.
    pub money: Vec<MoneyFact>,
    /// Totals by kind and currency.
    pub totals: Vec<Total>,
    /// Contribution totals by donor and currency.
    pub by_donor: Vec<Total>,
    /// Meetings and items.
    pub timeline: Vec<TimelineEntry>,
    /// Whether the totals carry a USD column ([`rates::apply`]).
    pub usd_column: bool,
}

/// The regex in `cell`, compiled from `pattern` on first use.
fn compiled(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("fixed pattern compiles"))
}

/// Builds a summary.
pub fn summarise(reader: &IndexReader, req: &SummaryRequest) -> Result<Summary, QueryError> {
    let mut filters = req.filters.clone();
    let query_text = match &req.subject {
        Subject::State(name) => {
            filters.state = Some(name.clone());
            String::new()
        }
        Subject::Topic(q) => q.clone(),
    };
    let query =
        super::search::match_query(reader, &super::synonyms::installed(), &query_text, &filters)?;
    let records = reader.records_matching(&*query)?;
    let state = match &req.subject {
        Subject::State(s) => Some(s.as_str()),
        Subject::Topic(_) => None,
    };
    let mut s = Summary {
        subject: req.subject.clone(),
        as_of: req.as_of,
        from: filters.from,
        to: filters.to,
        requests: Vec::new(),
        roles: Vec::new(),
        deadlines: Vec::new(),
        relative_deadlines: Vec::new(),
        extensions: Vec::new(),
        money: Vec::new(),
        totals: Vec::new(),
        by_donor: Vec::new(),
        timeline: Vec::new(),
        usd_column: false,
    };
    for rec in &records {
        collect_requests(rec, state, &mut s.requests);
        if let Some(st) = state {
            collect_roles(rec, st, &mut s.roles);
        }
        collect_deadlines(rec, state, req.as_of, &mut s.deadlines);
        collect_relative(rec, state, &mut s.relative_deadlines);
        extensions::collect(rec, state, &mut s.extensions);
        collect_money(rec, state, &mut s.money);
        add_to_timeline(rec, state, &mut s.timeline);
    }
    s.deadlines
        .sort_by(|a, b| (a.end, &a.citation.doc).cmp(&(b.end, &b.citation.doc)));
    let (totals, by_donor) = sum_money(&s.money);
    s.totals = totals;
    s.by_donor = by_donor;
    Ok(s)
}

/// Text with its line breaks and runs of spaces folded to single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// The record's mentions of the state.
fn state_mentions<'a>(rec: &'a Record, state: &'a str) -> impl Iterator<Item = &'a StoredMention> {
    rec.mentions
        .iter()
        .filter(move |m| m.entity == STATE && same_name(&m.canonical, state))
}

/// Sentence indices (within this record) where the state is mentioned.
fn state_sentences(rec: &Record, state: &str) -> Vec<usize> {
    state_mentions(rec, state).map(|m| m.sentence).collect()
}

fn add_to_timeline(rec: &Record, state: Option<&str>, out: &mut Vec<TimelineEntry>) {
    let mentions = state.map_or(0, |s| state_sentences(rec, s).len());
    let item = TimelineItem {
        item: rec.label(),
        segment: rec.ordinal,
        pages: rec.pages(),
        mentions,
    };
    if let Some(entry) = out.iter_mut().find(|e| e.doc == rec.doc_id) {
        entry.items.push(item);
        return;
    }
    out.push(TimelineEntry {
        doc: rec.doc_id.clone(),
        title: rec.title.clone(),
        body: rec.body.clone(),
        date: rec.date,
        place: rec.place.clone(),
        items: vec![item],
    });
}
