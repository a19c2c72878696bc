//! `summary`: what the records say about one state or topic, for the ISU's briefs.
//!
//! Sections: requests (made by, to or about the subject, and commitments it made),
//! roles (Chair, Coordinator, President ... for a state), deadlines (past and
//! upcoming relative to an as-of date), extension requests (obligation, original
//! and requested deadline, period, status, deciding meeting), money (contributions by donor, amounts
//! requested, totals by currency) and a timeline of the meetings and items that
//! discuss the subject. Every fact carries a [`Citation`]: document, meeting date,
//! item and page.
//!
//! The JSON form is stable and documented by `docs/summary-schema.json`
//! (JSON Schema); [`SUMMARY_SCHEMA_VERSION`] changes when it does.

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub mod extensions;
pub mod rates;
pub use extensions::ExtensionFact;
pub use rates::Rates;

use regex::Regex;
use serde::Serialize;

use super::entity_listing::{money_label, thousands};
use super::names::fold;
use super::search::build_query;
use super::{Filters, QueryError};
use crate::annotation::{AMOUNT, DATE, STATE};
use crate::date::Date;
use crate::index::segment_record::StoredMention;
use crate::index::{IndexReader, Record};
use crate::model::{StatementKind, Value};

/// Version of the JSON output's schema (`docs/summary-schema.json`).
/// v2: `extensions` (extension-request records).
pub const SUMMARY_SCHEMA_VERSION: u32 = 2;

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

fn role_patterns() -> &'static [Regex; 2] {
    static RE: OnceLock<[Regex; 2]> = OnceLock::new();
    RE.get_or_init(|| {
        let role = r"(?:Co-?)?Chair(?:man|person|s)?|Co-?Chairs?|Vice-?Presiden(?:t|cy)|Presiden(?:t|cy)|Coordinators?|Co-?ordinators?|Friends? of the (?:Chair|President)|Rapporteur|Secretariat|Host(?: country)?";
        let of = r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|on|for|and|the)){0,8})?";
        // either "Japan ... as Chair of the MASG" or an apposition "Australia and
        // Peru, CCM Coordinators on International Cooperation ..."
        let verbal = format!(r"\b(?:as|is|was|were|became|becomes|remains?|assumed the role of)\s+(?:the\s+)?(?:new\s+)?((?:{role}){of})");
        let apposition = format!(r",\s+((?:[A-Z]{{2,}}\s+)?(?:{role}){of})");
        [verbal, apposition].map(|p| Regex::new(&p).expect("fixed role pattern compiles"))
    })
}

/// The regex in `cell`, compiled from `pattern` on first use.
fn compiled(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("fixed pattern compiles"))
}

fn contribution_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(
        &RE,
        r"(?i)\b(contribut\w*|donat\w*|pledg\w*|commit(?:s|ted|ments?)|fund(?:s|ed|ing)?|provid\w*|grant\w*|gave|give[sn]?|allocat\w*|disburs\w*)\b",
    )
}

fn request_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(
        &RE,
        r"(?i)\b(request\w*|ask\w*|appeal\w*|sought|seek\w*|need\w*|shortfall|gap)\b",
    )
}

fn recipient_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(
        &RE,
        r"^\s*(?:\w+\s+){0,3}?(?:to|for)\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|for|on|and|in)){0,8})",
    )
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
    let query = build_query(reader, &query_text, &filters)?;
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

fn collect_requests(rec: &Record, state: Option<&str>, out: &mut Vec<RequestFact>) {
    for st in &rec.statements {
        let s = &st.statement;
        let role = match state {
            None => "topic",
            Some(name) => {
                if s.requester.as_deref().is_some_and(|r| same_name(r, name)) {
                    "by"
                } else if s.addressee.as_deref().is_some_and(|r| same_name(r, name)) {
                    "to"
                } else {
                    // a state merely named in the sentence neither asks nor is asked
                    continue;
                }
            }
        };
        out.push(RequestFact {
            kind: match s.kind {
                StatementKind::Request => "request",
                StatementKind::Commitment => "commitment",
            }
            .to_string(),
            role: role.to_string(),
            requester: s.requester.clone(),
            addressee: s.addressee.clone(),
            what: s.what.clone(),
            strength: s.strength.clone(),
            text: one_line(&s.text),
            citation: Citation::of(rec, st.page, st.para.as_deref()),
        });
    }
}

/// The role phrase attached to the state in `sentence`, if any.
pub fn find_role(sentence: &str, state_text: &str) -> Option<String> {
    let at = sentence.find(state_text)?;
    let after = at + state_text.len();
    for re in role_patterns() {
        for cap in re.captures_iter(sentence) {
            let Some(m) = cap.get(1) else { continue };
            // the state must come before the role, close enough to be its subject
            if m.start() >= after && m.start() - after <= 120 {
                return Some(m.as_str().trim().to_string());
            }
        }
    }
    None
}

fn collect_roles(rec: &Record, state: &str, out: &mut Vec<RoleFact>) {
    let mut seen_sentences = Vec::new();
    for m in state_mentions(rec, state) {
        if seen_sentences.contains(&m.sentence) {
            continue;
        }
        if let Some(role) = find_role(&m.context, &m.text) {
            seen_sentences.push(m.sentence);
            out.push(RoleFact {
                role,
                text: one_line(&m.context),
                citation: Citation::of(rec, m.page, m.para.as_deref()),
            });
        }
    }
}

/// True when the mention concerns the state: same sentence, or an item whose
/// only state is this one.
fn concerns(rec: &Record, m: &StoredMention, state: Option<&str>) -> bool {
    let Some(state) = state else {
        return true;
    };
    if state_sentences(rec, state).contains(&m.sentence) {
        return true;
    }
    let states = rec.states();
    states.len() == 1 && same_name(&states[0], state)
}

fn collect_deadlines(rec: &Record, state: Option<&str>, as_of: Date, out: &mut Vec<DeadlineFact>) {
    for m in rec.mentions.iter().filter(|m| m.entity == DATE) {
        let Value::Date(d) = &m.value else { continue };
        let Some(kind) = &d.deadline else { continue };
        if !concerns(rec, m, state) {
            continue;
        }
        // "Cambodia (31 December 2025), Zimbabwe (31 December 2025)": a bracketed
        // date belongs to the state right before it
        if let Some(state) = state {
            let owner = rec.mentions.iter().find(|o| {
                o.entity == STATE
                    && o.sentence == m.sentence
                    && o.span.end <= m.span.start
                    && m.span.start - o.span.end <= 3
            });
            if owner.is_some_and(|o| !same_name(&o.canonical, state)) {
                continue;
            }
        }
        out.push(DeadlineFact {
            start: d.start,
            end: d.end,
            kind: kind.clone(),
            status: if d.end < as_of { "past" } else { "upcoming" }.to_string(),
            text: m.text.clone(),
            context: one_line(&m.context),
            citation: Citation::of(rec, m.page, m.para.as_deref()),
        });
    }
}

/// Bytes before an amount read for the verb that says what it is: the clause
/// around it, not the whole sentence ("Japan said it had provided USD 41 million
/// ..., and encouraged affected States to include costs in their requests").
const CLAUSE_BEFORE: usize = 80;

/// The text of the clause before the amount, cut at a char boundary.
fn clause_before<'a>(context: &'a str, amount_text: &str) -> &'a str {
    let Some(at) = context.find(amount_text.trim_end()) else {
        return "";
    };
    let mut from = at.saturating_sub(CLAUSE_BEFORE);
    while from > 0 && !context.is_char_boundary(from) {
        from -= 1;
    }
    &context[from..at]
}

/// Classifies an amount as contribution, request or plain mention, with the giver
/// (or asker) where the text says it.
fn classify_money(
    rec: &Record,
    m: &StoredMention,
) -> (&'static str, Option<String>, Option<String>) {
    let states_before: Vec<&StoredMention> = rec
        .mentions
        .iter()
        .filter(|o| o.entity == STATE && o.sentence == m.sentence && o.span.end <= m.span.start)
        .collect();
    let nearest = states_before.iter().max_by_key(|o| o.span.end);
    // "Germany (EUR 75,000), Japan (USD 40,000)": the state right before the
    // bracket gives the amount
    // "14 million United States dollars from Japan": a state right after "from"
    let from_after = m.context.find(m.text.trim_end()).and_then(|at| {
        let rest = m.context[at + m.text.trim_end().len()..].trim_start();
        let rest = rest.strip_prefix("from ")?;
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        rec.mentions
            .iter()
            .filter(|o| o.entity == STATE && o.sentence == m.sentence && o.span.start >= m.span.end)
            .find(|o| rest.starts_with(o.text.as_str()))
            .map(|o| o.canonical.clone())
    });
    let attributed = nearest
        .filter(|o| m.span.start - o.span.end <= 2)
        .map(|o| o.canonical.clone())
        .or(from_after);
    // one commitment per amount of a sentence: the one carrying this amount first
    let money = match &m.value {
        Value::Money(mo) => Some(mo),
        _ => None,
    };
    let in_span = || {
        rec.statements
            .iter()
            .map(|s| &s.statement)
            .filter(|s| s.span.contains(m.span))
    };
    let statement = in_span()
        .find(|s| {
            s.amount.as_ref().is_some_and(|a| {
                money.is_some_and(|mo| a.value == mo.value && a.currency == mo.currency)
            })
        })
        .or_else(|| in_span().next());
    // in a list of givers the sentence's addressee belongs to none of them
    // a commitment read per amount (extract::contributions) knows its recipient
    let commitment = statement.filter(|s| s.kind == StatementKind::Commitment);
    let recipient = match commitment {
        Some(s) => s.addressee.clone(),
        None => recipient_after(&m.context, &m.text),
    };
    let before = clause_before(&m.context, &m.text);
    let giver = |s: Option<&crate::model::Statement>| {
        attributed
            .clone()
            .or_else(|| {
                s.filter(|s| s.kind == StatementKind::Commitment)
                    .and_then(|s| s.requester.clone())
            })
            // the nearest state gives only where no commitment says who gives
            .or_else(|| {
                commitment
                    .is_none()
                    .then(|| nearest.map(|o| o.canonical.clone()))
                    .flatten()
            })
    };
    if contribution_words().is_match(before) {
        return ("contribution", giver(statement), recipient);
    }
    if request_words().is_match(before) {
        let asker = statement
            .filter(|s| s.kind == StatementKind::Request)
            .and_then(|s| s.requester.clone());
        return ("request", asker, None);
    }
    match statement {
        Some(s) if s.kind == StatementKind::Commitment => {
            ("contribution", giver(statement), recipient)
        }
        Some(s) => ("request", s.requester.clone(), None),
        None if attributed.is_some() && contribution_words().is_match(&m.context) => {
            ("contribution", attributed, recipient)
        }
        None => ("mention", None, None),
    }
}

fn collect_money(rec: &Record, state: Option<&str>, out: &mut Vec<MoneyFact>) {
    for m in rec.mentions.iter().filter(|m| m.entity == AMOUNT) {
        let Value::Money(money) = &m.value else {
            continue;
        };
        if !concerns(rec, m, state) {
            continue;
        }
        let (kind, donor, recipient) = classify_money(rec, m);
        // a state's money is what it gives or receives: another party's amount,
        // or an amount with no known party, in the same sentence is not
        if let (Some(st), "contribution" | "mention") = (state, kind) {
            let is_state = |p: &Option<String>| p.as_deref().is_some_and(|p| same_name(st, p));
            if !is_state(&donor) && !is_state(&recipient) {
                continue;
            }
        }
        out.push(MoneyFact {
            kind: kind.to_string(),
            donor,
            recipient,
            value: money.value,
            max: money.max,
            currency: money.currency.clone(),
            per: money.per.clone(),
            text: m.text.trim().to_string(),
            context: one_line(&m.context),
            citation: Citation::of(rec, m.page, m.para.as_deref()),
        });
    }
}

/// "to the UN Voluntary Trust Fund" after the amount: who receives it.
fn recipient_after(context: &str, amount_text: &str) -> Option<String> {
    // a mention may have swallowed the preposition ("$14 million to "): cut it off
    let core = amount_text.trim_end();
    let core = core
        .strip_suffix(" to")
        .or_else(|| core.strip_suffix(" for"))
        .unwrap_or(core);
    let at = context.find(core)? + core.len();
    let cap = recipient_pattern().captures(&context[at..])?;
    let found = cap.get(1)?.as_str();
    let found = found
        .trim_end_matches([' ', ','])
        .trim_end_matches(" and")
        .trim_end_matches(" of")
        .trim_end_matches(" in");
    (!found.is_empty()).then(|| found.to_string())
}

fn sum_money(facts: &[MoneyFact]) -> (Vec<Total>, Vec<Total>) {
    let mut totals: BTreeMap<(String, String), Total> = BTreeMap::new();
    let mut donors: BTreeMap<(String, String), Total> = BTreeMap::new();
    // adds the fact to the total under (key, currency), made on first use
    let add = |map: &mut BTreeMap<(String, String), Total>,
               key: &str,
               donor: Option<&str>,
               f: &MoneyFact| {
        let t = map
            .entry((key.to_string(), f.currency.clone()))
            .or_insert_with(|| Total {
                kind: f.kind.clone(),
                donor: donor.map(str::to_string),
                currency: f.currency.clone(),
                total: 0.0,
                count: 0,
                usd: None,
                no_rate: Vec::new(),
            });
        t.total += f.value;
        t.count += 1;
    };
    for f in facts {
        add(&mut totals, &f.kind, None, f);
        if f.kind == "contribution" {
            let donor = f.donor.as_deref().unwrap_or("(unknown donor)");
            add(&mut donors, donor, Some(donor), f);
        }
    }
    let mut by_donor: Vec<Total> = donors.into_values().collect();
    by_donor.sort_by(|a, b| b.total.total_cmp(&a.total));
    (totals.into_values().collect(), by_donor)
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

/// `before` + the value + `after`, or nothing without a value.
fn affix(value: Option<&str>, before: &str, after: &str) -> String {
    value
        .map(|v| format!("{before}{v}{after}"))
        .unwrap_or_default()
}

fn subject_label(s: &Subject) -> String {
    match s {
        Subject::State(n) => n.clone(),
        Subject::Topic(q) => format!("topic \"{q}\""),
    }
}

fn money_fact_label(f: &MoneyFact) -> String {
    let m = crate::model::Money {
        value: f.value,
        max: f.max,
        currency: f.currency.clone(),
        approximate: false,
        per: f.per.clone(),
    };
    money_label(&m)
}

/// The summary as Markdown: readable in a terminal, pasteable into a report.
pub fn render_markdown(s: &Summary) -> String {
    let mut out = format!("# Summary: {}\n\n", subject_label(&s.subject));
    let meetings = s.timeline.len();
    let items: usize = s.timeline.iter().map(|e| e.items.len()).sum();
    out.push_str(&format!(
        "As of {} · {meetings} meeting(s), {items} item(s){}{}\n\n",
        s.as_of,
        s.from.map(|d| format!(" · from {d}")).unwrap_or_default(),
        s.to.map(|d| format!(" · to {d}")).unwrap_or_default(),
    ));

    out.push_str("## Requests\n\n");
    if s.requests.is_empty() {
        out.push_str("None found.\n");
    }
    for r in &s.requests {
        let who = r.requester.as_deref().unwrap_or("(unnamed)");
        let to = affix(r.addressee.as_deref(), " to ", "");
        let verb = if r.kind == "commitment" {
            "offers"
        } else {
            "asks"
        };
        let what = r.what.as_deref().unwrap_or(&r.text);
        out.push_str(&format!(
            "- **{who}** {verb}{to}: {what} ({}, {})\n  > {}\n  — {}\n",
            r.kind,
            r.role,
            r.text,
            r.citation.render()
        ));
    }

    if matches!(s.subject, Subject::State(_)) {
        out.push_str("\n## Roles\n\n");
        if s.roles.is_empty() {
            out.push_str("None found.\n");
        }
        for r in &s.roles {
            out.push_str(&format!(
                "- **{}**\n  > {}\n  — {}\n",
                r.role,
                r.text,
                r.citation.render()
            ));
        }
    }

    out.push_str("\n## Deadlines\n\n");
    for status in ["upcoming", "past"] {
        out.push_str(&format!(
            "### {}{}\n\n",
            status[..1].to_uppercase(),
            &status[1..]
        ));
        let list: Vec<&DeadlineFact> = s.deadlines.iter().filter(|d| d.status == status).collect();
        if list.is_empty() {
            out.push_str("None found.\n");
        }
        for d in list {
            out.push_str(&format!(
                "- **{}** ({} \"{}\")\n  > {}\n  — {}\n",
                d.end,
                d.kind,
                d.text,
                d.context,
                d.citation.render()
            ));
        }
        out.push('\n');
    }

    extensions::render_markdown(&s.extensions, &mut out);

    out.push_str("## Money\n\n");
    if s.money.is_empty() {
        out.push_str("None found.\n");
    } else {
        for (kind, title) in [
            ("contribution", "Contributions"),
            ("request", "Amounts requested"),
            ("mention", "Other amounts"),
        ] {
            let list: Vec<&MoneyFact> = s.money.iter().filter(|m| m.kind == kind).collect();
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("### {title}\n\n"));
            for m in list {
                let donor = affix(m.donor.as_deref(), "", ": ");
                let to = affix(m.recipient.as_deref(), " to ", "");
                out.push_str(&format!(
                    "- {donor}**{}**{to} (\"{}\")\n  > {}\n  — {}\n",
                    money_fact_label(m),
                    m.text,
                    m.context,
                    m.citation.render()
                ));
            }
            out.push('\n');
        }
        // with --rates, a USD column: the converted total or the missing rates
        let (usd_head, usd_rule) = if s.usd_column {
            (" USD |", "---:|")
        } else {
            ("", "")
        };
        let usd = |t: &Total| {
            if s.usd_column {
                format!(" {} |", rates::usd_cell(t))
            } else {
                String::new()
            }
        };
        if !s.by_donor.is_empty() {
            out.push_str(&format!("### Contributions by donor\n\n| donor | currency | total | amounts |{usd_head}\n|---|---|---:|---:|{usd_rule}\n"));
            for t in &s.by_donor {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |{}\n",
                    t.donor.as_deref().unwrap_or("-"),
                    t.currency,
                    thousands(t.total),
                    t.count,
                    usd(t)
                ));
            }
            out.push('\n');
        }
        out.push_str(&format!("### Totals by currency\n\n| kind | currency | total | amounts |{usd_head}\n|---|---|---:|---:|{usd_rule}\n"));
        for t in &s.totals {
            out.push_str(&format!(
                "| {} | {} | {} | {} |{}\n",
                t.kind,
                t.currency,
                thousands(t.total),
                t.count,
                usd(t)
            ));
        }
    }

    out.push_str("\n## Timeline\n\n");
    if s.timeline.is_empty() {
        out.push_str("No meetings found.\n");
    }
    for e in &s.timeline {
        let date = e
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let body = affix(e.body.as_deref(), "", " · ");
        let place = affix(e.place.as_deref(), ", ", "");
        out.push_str(&format!(
            "- **{date}** · {body}{}{place} [{}]\n",
            e.title, e.doc
        ));
        for i in &e.items {
            let pages = affix(i.pages.as_deref(), ", ", "");
            let n = if i.mentions > 0 {
                format!(" ({} mention(s))", i.mentions)
            } else {
                String::new()
            };
            out.push_str(&format!("  - item {}{pages}{n} [#{}]\n", i.item, i.segment));
        }
    }
    out
}

/// The summary as JSON, following `docs/summary-schema.json`.
pub fn to_json(s: &Summary) -> serde_json::Value {
    let (kind, name) = match &s.subject {
        Subject::State(n) => ("state", n),
        Subject::Topic(q) => ("topic", q),
    };
    serde_json::json!({
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "subject": {"kind": kind, "name": name},
        "as_of": s.as_of,
        "from": s.from,
        "to": s.to,
        "requests": s.requests,
        "roles": s.roles,
        "deadlines": s.deadlines,
        "extensions": s.extensions,
        "money": {
            "amounts": s.money,
            "totals": s.totals,
            "by_donor": s.by_donor,
        },
        "timeline": s.timeline,
    })
}

/// Column names of the CSV form.
pub const CSV_COLUMNS: [&str; 17] = [
    "section",
    "kind",
    "subject",
    "who",
    "to",
    "what",
    "value",
    "currency",
    "date",
    "status",
    "text",
    "doc",
    "title",
    "meeting_date",
    "item",
    "segment",
    "page",
];

/// A CSV row: the fact's own cells, then where it comes from.
fn fact_row(cells: [String; 11], c: &Citation) -> Vec<String> {
    let mut row = cells.to_vec();
    row.extend([
        c.doc.clone(),
        c.title.clone(),
        c.date.map(|d| d.to_string()).unwrap_or_default(),
        c.item.clone(),
        c.segment.to_string(),
        c.page.map(|p| p.to_string()).unwrap_or_default(),
    ]);
    row
}

/// The summary as CSV rows, one per fact, in [`CSV_COLUMNS`] order.
pub fn csv_rows(s: &Summary) -> Vec<Vec<String>> {
    let subject = match &s.subject {
        Subject::State(n) | Subject::Topic(n) => n.clone(),
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for r in &s.requests {
        rows.push(fact_row(
            [
                "request".into(),
                format!("{}/{}", r.kind, r.role),
                subject.clone(),
                opt(&r.requester),
                opt(&r.addressee),
                opt(&r.what),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                r.text.clone(),
            ],
            &r.citation,
        ));
    }
    for r in &s.roles {
        rows.push(fact_row(
            [
                "role".into(),
                "role".into(),
                subject.clone(),
                subject.clone(),
                String::new(),
                r.role.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                r.text.clone(),
            ],
            &r.citation,
        ));
    }
    for d in &s.deadlines {
        rows.push(fact_row(
            [
                "deadline".into(),
                d.kind.clone(),
                subject.clone(),
                String::new(),
                String::new(),
                d.text.clone(),
                String::new(),
                String::new(),
                d.end.to_string(),
                d.status.clone(),
                d.context.clone(),
            ],
            &d.citation,
        ));
    }
    for e in &s.extensions {
        rows.push(fact_row(extensions::csv_cells(e, &subject), &e.citation));
    }
    for m in &s.money {
        rows.push(fact_row(
            [
                "money".into(),
                m.kind.clone(),
                subject.clone(),
                opt(&m.donor),
                opt(&m.recipient),
                m.text.clone(),
                m.value.to_string(),
                m.currency.clone(),
                String::new(),
                String::new(),
                m.context.clone(),
            ],
            &m.citation,
        ));
    }
    for e in &s.timeline {
        for i in &e.items {
            rows.push(vec![
                "timeline".into(),
                "item".into(),
                subject.clone(),
                String::new(),
                String::new(),
                i.item.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                e.doc.clone(),
                e.title.clone(),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                i.item.clone(),
                i.segment.to_string(),
                i.pages.clone().unwrap_or_default(),
            ]);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_follow_the_amount() {
        let c = "and for a recent contribution of $14 million to the UN Voluntary Trust Fund.";
        assert_eq!(
            recipient_after(c, "$14 million to ").as_deref(),
            Some("UN Voluntary Trust Fund")
        );
        assert_eq!(
            recipient_after(c, "$14 million").as_deref(),
            Some("UN Voluntary Trust Fund")
        );
        assert_eq!(recipient_after("It costs $5 per year.", "$5"), None);
    }

    #[test]
    fn roles_are_read_after_the_state() {
        let s = "In her opening remarks, the Chair noted that Japan was now entering its second year as Chair of the MASG, and that she encouraged members.";
        assert_eq!(find_role(s, "Japan").as_deref(), Some("Chair of the MASG"));
        let s = "Australia and Peru, CCM Coordinators on International Cooperation and Assistance, hosted an informal meeting.";
        assert_eq!(
            find_role(s, "Peru").as_deref(),
            Some("CCM Coordinators on International Cooperation and Assistance")
        );
        assert_eq!(
            find_role("Japan thanked the Chair of the MASG.", "Japan"),
            None
        );
    }
}
