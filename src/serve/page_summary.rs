//! State and topic pages (the ISU view): requests, roles, deadlines, money with
//! totals, a timeline plotted as SVG, every line linking to the item it cites;
//! Markdown and CSV downloads identical to `agendex summary`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{html, Markup};

use super::error::ServeError;
use super::layout::{download, page};
use super::params::{given, resolve_filters, SummaryParams};
use super::plot::bars_by_year;
use super::state::{AppState, Current};
use super::urls::{item_url, query_string};
use crate::date::Date;
use crate::query::csv_out;
use crate::query::entity_listing::thousands;
use crate::query::filters::parse_from;
use crate::query::summary::{self, Citation, Subject, Summary, SummaryRequest};

/// Resolves the parameters as `agendex summary` resolves its flags, and summarises.
pub fn build_summary(
    state: &AppState,
    cur: &Current,
    p: &SummaryParams,
) -> Result<Summary, ServeError> {
    let filters = resolve_filters(state, cur, &p.state, &None, &p.from, &p.to)?;
    let subject = match (&filters.state, given(&p.topic)) {
        (Some(s), _) => Subject::State(s.clone()),
        (None, Some(topic)) => {
            if topic.chars().count() > state.limits.max_query_chars {
                return Err(ServeError::bad_request(format!(
                    "the topic is longer than {} characters: shorten it",
                    state.limits.max_query_chars
                )));
            }
            Subject::Topic(topic.to_string())
        }
        (None, None) => {
            return Err(ServeError::bad_request(
                "give state=NAME or topic=QUERY (e.g. /summary?state=Japan)",
            ))
        }
    };
    let as_of = match given(&p.as_of) {
        Some(s) => parse_from("as_of", s)?,
        None => Date::today(),
    };
    Ok(summary::summarise(
        &cur.reader,
        &SummaryRequest {
            subject,
            filters,
            as_of,
        },
    )?)
}

fn subject_name(s: &Summary) -> String {
    match &s.subject {
        Subject::State(n) | Subject::Topic(n) => n.clone(),
    }
}

async fn with_summary(
    state: Arc<AppState>,
    p: SummaryParams,
    then: impl FnOnce(&SummaryParams, Summary) -> Response + Send + 'static,
) -> Response {
    // rendered on the blocking pool too: a long summary is CPU work
    state
        .with_reader(move |st, cur| Ok(then(&p, build_summary(st, &cur, &p)?)))
        .await
        .unwrap_or_else(|e| e.respond(false))
}

/// `GET /summary?state=|topic=`.
pub async fn summary_page(
    State(state): State<Arc<AppState>>,
    Query(p): Query<SummaryParams>,
) -> Response {
    with_summary(state, p, |p, s| {
        page(&format!("Summary: {}", subject_name(&s)), "", render(p, &s))
    })
    .await
}

/// `GET /summary.md`: exactly `agendex summary --format markdown`.
pub async fn summary_markdown(
    State(state): State<Arc<AppState>>,
    Query(p): Query<SummaryParams>,
) -> Response {
    with_summary(state, p, |_, s| {
        download(
            "text/markdown; charset=utf-8",
            &format!("summary-{}.md", subject_name(&s)),
            summary::render_markdown(&s),
        )
    })
    .await
}

/// `GET /summary.csv`: exactly `agendex summary --format csv`.
pub async fn summary_csv(
    State(state): State<Arc<AppState>>,
    Query(p): Query<SummaryParams>,
) -> Response {
    with_summary(state, p, |_, s| {
        download(
            "text/csv; charset=utf-8",
            &format!("summary-{}.csv", subject_name(&s)),
            csv_out::csv_doc(&summary::CSV_COLUMNS, &summary::csv_rows(&s)),
        )
    })
    .await
}

/// Mentions (states) or discussing items (topics) per meeting year.
pub fn mentions_by_year(s: &Summary) -> Vec<(i32, f64)> {
    let mut by: BTreeMap<i32, f64> = BTreeMap::new();
    for e in &s.timeline {
        let Some(d) = e.date else { continue };
        let n: usize = match s.subject {
            Subject::State(_) => e.items.iter().map(|i| i.mentions.max(1)).sum(),
            Subject::Topic(_) => e.items.len(),
        };
        *by.entry(d.year).or_default() += n as f64;
    }
    by.into_iter().collect()
}

/// Amounts per meeting year in the most frequent currency, and that currency.
pub fn money_by_year(s: &Summary) -> Option<(String, Vec<(i32, f64)>)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &s.money {
        *counts.entry(m.currency.as_str()).or_default() += 1;
    }
    let currency = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?
        .0
        .to_string();
    let mut by: BTreeMap<i32, f64> = BTreeMap::new();
    for m in s.money.iter().filter(|m| m.currency == currency) {
        if let Some(d) = m.citation.date {
            *by.entry(d.year).or_default() += m.value;
        }
    }
    Some((currency, by.into_iter().collect()))
}

fn cite(c: &Citation) -> Markup {
    let mut label = c.title.clone();
    if let Some(d) = c.date {
        label.push_str(&format!(", {d}"));
    }
    label.push_str(&format!(", item {}", c.item));
    if let Some(q) = &c.para {
        label.push_str(&format!(", para {q}"));
    }
    if let Some(p) = c.page {
        label.push_str(&format!(", p. {p}"));
    }
    html! {
        a.cite href=(item_url(&c.doc, c.segment)) title=(format!("[{}#{}]", c.doc, c.segment)) { (label) }
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

fn render(p: &SummaryParams, s: &Summary) -> Markup {
    let qs = query_string(&p.pairs());
    let name = subject_name(s);
    let kind = match s.subject {
        Subject::State(_) => "State",
        Subject::Topic(_) => "Topic",
    };
    let money_plot = money_by_year(s);
    html! {
        article.summary {
            h1 { (kind) ": " (name) }
            p.downloads {
                "Download: "
                a #download-md href=(format!("/summary.md{qs}")) download { "Markdown" } " | "
                a #download-csv href=(format!("/summary.csv{qs}")) download { "CSV" } " | "
                a href=(format!("/api/summary{qs}")) { "JSON" } " | "
                a href=(format!("/search{}", query_string(&[(if kind == "State" { "state" } else { "q" }, name.clone())]))) { "search its items" }
            }
            p.as-of { "Deadlines are past or upcoming as of " (s.as_of.to_string()) "." }
            section #timeline-plots {
                h2 { "Timeline" }
                (bars_by_year("plot-mentions", &format!("{} by meeting year", if kind == "State" { "Mentions" } else { "Items" }), if kind == "State" { "mentions" } else { "items" }, &mentions_by_year(s)))
                @match &money_plot {
                    Some((cur, points)) => (bars_by_year("plot-money", &format!("Money by meeting year ({cur})"), cur, points)),
                    None => p.no-plot #plot-money { "No amounts of money." },
                }
            }
            section #requests {
                h2 { "Requests and commitments (" (s.requests.len()) ")" }
                @if s.requests.is_empty() { p.empty { "None found." } } @else {
                    table {
                        thead { tr { th { "Kind" } th { "Role" } th { "Requester" } th { "Addressee" } th { "What" } th { "Source" } } }
                        tbody {
                            @for r in &s.requests {
                                tr { td { (r.kind) } td { (r.role) } td { (opt(&r.requester)) } td { (opt(&r.addressee)) } td { (opt(&r.what)) } td { (cite(&r.citation)) } }
                            }
                        }
                    }
                }
            }
            @if !s.roles.is_empty() {
                section #roles {
                    h2 { "Roles (" (s.roles.len()) ")" }
                    ul { @for r in &s.roles { li { strong { (r.role) } " - " (cite(&r.citation)) } } }
                }
            }
            section #deadlines {
                h2 { "Deadlines (" (s.deadlines.len()) ")" }
                @if s.deadlines.is_empty() { p.empty { "None found." } } @else {
                    table {
                        thead { tr { th { "Date" } th { "Kind" } th { "Status" } th { "Text" } th { "Source" } } }
                        tbody {
                            @for d in &s.deadlines {
                                tr class=(d.status) { td { (d.end.to_string()) } td { (d.kind) } td { (d.status) } td { (d.context) } td { (cite(&d.citation)) } }
                            }
                        }
                    }
                }
            }
            section #extensions {
                h2 { "Extension requests (" (s.extensions.len()) ")" }
                @if s.extensions.is_empty() { p.empty { "None found." } } @else {
                    table {
                        thead { tr { th { "State" } th { "Request" } th { "Status" } th { "Decided by" } th { "Text" } th { "Source" } } }
                        tbody {
                            @for e in &s.extensions {
                                tr class=(e.status) { td { (e.state) } td { (summary::extensions::label(e)) } td { (e.status) } td { (opt(&e.meeting)) } td { (e.text) } td { (cite(&e.citation)) } }
                            }
                        }
                    }
                }
            }
            section #money {
                h2 { "Money (" (s.money.len()) ")" }
                @if !s.totals.is_empty() {
                    table.totals {
                        thead { tr { th { "Kind" } th { "Currency" } th { "Total" } th { "Amounts" } } }
                        tbody { @for t in &s.totals { tr { td { (t.kind) } td { (t.currency) } td.num { (thousands(t.total)) } td.num { (t.count) } } } }
                    }
                }
                @if !s.by_donor.is_empty() {
                    h3 { "Contributions by donor" }
                    table.totals {
                        thead { tr { th { "Donor" } th { "Currency" } th { "Total" } th { "Amounts" } } }
                        tbody { @for t in &s.by_donor { tr { td { (opt(&t.donor)) } td { (t.currency) } td.num { (thousands(t.total)) } td.num { (t.count) } } } }
                    }
                }
                @if !s.money.is_empty() {
                    table {
                        thead { tr { th { "Kind" } th { "Donor" } th { "Recipient" } th { "Amount" } th { "Source" } } }
                        tbody {
                            @for m in &s.money {
                                tr { td { (m.kind) } td { (opt(&m.donor)) } td { (opt(&m.recipient)) } td.num { (m.currency) " " (thousands(m.value)) } td { (cite(&m.citation)) } }
                            }
                        }
                    }
                }
            }
            section #meetings {
                h2 { "Meetings (" (s.timeline.len()) ")" }
                ol {
                    @for e in &s.timeline {
                        li {
                            a href=(super::urls::doc_url(&e.doc)) { (e.title) }
                            @if let Some(d) = e.date { " - " (d.to_string()) }
                            ul {
                                @for i in &e.items {
                                    li { a.cite href=(item_url(&e.doc, i.segment)) { (i.item) } @if i.mentions > 0 { " (" (i.mentions) ")" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
