//! The search page: query box with syntax help, filters, facet counts that filter
//! on click, hits with their citations, paging. The URL holds the whole state.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{html, Markup};

use super::layout::page;
use super::params::{given, SearchParams, FILTER_TYPES};
use super::state::AppState;
use super::urls::{item_url, query_string, state_url};
use super::views::{search_view, HitView, SearchView};
use crate::query::search::Snippet;

/// `GET /` and `GET /search`.
pub async fn search_page(
    State(state): State<Arc<AppState>>,
    Query(p): Query<SearchParams>,
) -> Response {
    // rendered on the blocking pool: the event loop only moves bytes
    state
        .with_reader(move |st, cur| {
            let view = search_view(st, &cur, &p)?;
            Ok(page(&title(&p), p.query_text(), render(&p, &view)))
        })
        .await
        .unwrap_or_else(|e| e.respond(false))
}

fn title(p: &SearchParams) -> String {
    match p.query_text() {
        "" => "Search".into(),
        q => format!("Search: {q}"),
    }
}

/// The URL of this search with `key` set to `value` (paging reset).
fn with(p: &SearchParams, key: &str, value: &str) -> String {
    let pairs: Vec<(&str, String)> = p
        .pairs()
        .into_iter()
        .map(|(k, v)| {
            if k == key {
                (k, value.to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    format!("/search{}", query_string(&pairs))
}

/// The URL of this search on page `n`.
fn page_url(p: &SearchParams, n: usize) -> String {
    let mut pairs = p.pairs();
    if let Some(per) = given(&p.per_page) {
        pairs.push(("per_page", per.to_string()));
    }
    if n > 1 {
        pairs.push(("page", n.to_string()));
    }
    format!("/search{}", query_string(&pairs))
}

fn render(p: &SearchParams, v: &SearchView) -> Markup {
    html! {
        (search_form(p))
        div.results-layout {
            aside #facets { (facets(p, v)) }
            section #results {
                (active_filters(p))
                p #total {
                    strong { (v.total) } " matching item(s)"
                    @if v.total > 0 {
                        ", page " (v.checked.page) " of " (pages(v))
                    }
                }
                @if v.hits.is_empty() {
                    p.empty { "No item matches. Remove a filter or use fewer words (all words must match)." }
                } @else {
                    ol #hits start=((v.checked.page - 1) * v.checked.per_page + 1) {
                        @for h in v.hits.iter() { (hit(h)) }
                    }
                }
                (pager(p, v))
            }
        }
    }
}

fn pages(v: &SearchView) -> usize {
    v.total.div_ceil(v.checked.per_page).max(1)
}

fn search_form(p: &SearchParams) -> Markup {
    let val = |v: &Option<String>| given(v).unwrap_or("").to_string();
    let entity = val(&p.entity);
    html! {
        form #search-form action="/search" method="get" {
            div.query-row {
                input #q type="search" name="q" value=(p.query_text()) placeholder="e.g. \"funding gaps\" OR extension" aria-label="Query";
                button #go type="submit" { "Search" }
            }
            details #syntax-help {
                summary { "Query syntax" }
                ul {
                    li { code { "mine clearance" } " - items with both words (stemmed: clearance, cleared)" }
                    li { code { "\"victim assistance\"" } " - the exact phrase" }
                    li { code { "extension OR deadline" } ", " code { "mines NOT cluster" } " - AND/OR/NOT in capitals" }
                    li { code { "item:budget" } ", " code { "title:MASG" } ", " code { "state:Japan" } ", " code { "organisation:UNMAS" } ", " code { "symbol:\"APLC/MSP.20/2022/WP.1\"" } " - one field" }
                    li { code { "amount:[1000000 TO *]" } " - items naming at least 1,000,000 of a currency" }
                    li { code { "*" } " or an empty box - every item (use the filters)" }
                }
            }
            div.filters {
                label { "State " input #f-state type="text" name="state" value=(val(&p.state)) placeholder="Japan, JPN"; }
                label { "Body " input #f-body type="text" name="body" value=(val(&p.body)) placeholder="MASG, CCM"; }
                label { "From " input #f-from type="text" name="from" value=(val(&p.from)) placeholder="2015" size="10"; }
                label { "To " input #f-to type="text" name="to" value=(val(&p.to)) placeholder="2020-06" size="10"; }
                label { "Mentions "
                    select #f-type name="type" {
                        option value="" selected[entity.is_empty()] { "any entity" }
                        @for t in FILTER_TYPES {
                            option value=(t) selected[entity == t] { (t) }
                        }
                    }
                }
                label { "Order "
                    select #f-sort name="sort" {
                        option value="" { "best match" }
                        option value="newest" selected[matches!(val(&p.sort).as_str(), "date" | "newest")] { "newest first" }
                        option value="oldest" selected[val(&p.sort) == "oldest"] { "oldest first" }
                    }
                }
                @if let Some(org) = given(&p.org) {
                    input type="hidden" name="org" value=(org);
                }
            }
        }
    }
}

fn active_filters(p: &SearchParams) -> Markup {
    let set: Vec<(&str, &str)> = [
        ("state", &p.state),
        ("body", &p.body),
        ("from", &p.from),
        ("to", &p.to),
        ("type", &p.entity),
        ("org", &p.org),
    ]
    .into_iter()
    .filter_map(|(k, v)| given(v).map(|v| (k, v)))
    .collect();
    html! {
        @if !set.is_empty() {
            p #active-filters {
                "Filters: "
                @for (k, v) in &set {
                    span.filter { (k) ": " strong { (v) } " " a.remove href=(with(p, k, "")) title="remove this filter" { "x" } }
                }
            }
        }
    }
}

fn facets(p: &SearchParams, v: &SearchView) -> Markup {
    // a year sets both ends of the date range
    let year_url = |y: &str| {
        let mut q = p.clone();
        q.from = Some(y.to_string());
        with(&q, "to", y)
    };
    html! {
        (facet_list("state", "States", &v.facets.states, |s| with(p, "state", s)))
        (facet_list("body", "Bodies", &v.facets.bodies, |s| with(p, "body", s)))
        (facet_list("year", "Years", &v.facets.years, year_url))
        (facet_list("organisation", "Organisations", &v.facets.organisations, |s| with(p, "org", s)))
    }
}

fn facet_list(
    key: &str,
    label: &str,
    counts: &[(String, u64)],
    url: impl Fn(&str) -> String,
) -> Markup {
    html! {
        @if !counts.is_empty() {
            section.facet data-facet=(key) {
                h3 { (label) }
                ul {
                    @for (value, n) in counts {
                        li { a.facet-link href=(url(value)) data-value=(value) { (value) } " " span.count { (n) } }
                    }
                }
            }
        }
    }
}

/// The snippet with its matched words in `<mark>`; the text is escaped by maud.
pub fn snippet(s: &Snippet) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for r in &s.highlights {
        let (Some(before), Some(marked)) = (s.text.get(at..r.start), s.text.get(r.clone())) else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((marked, true));
        at = r.end;
    }
    pieces.push((s.text.get(at..).unwrap_or(""), false));
    html! {
        @for (text, marked) in pieces {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

fn hit(h: &HitView) -> Markup {
    let hit = &h.hit;
    let item = match &hit.number {
        Some(n) => format!("{n} {}", hit.item_title),
        None => hit.item_title.clone(),
    };
    let url = item_url(&hit.doc_id, hit.ordinal);
    html! {
        li.hit {
            a.hit-title href=(url) { (hit.title) }
            div.meta {
                @if let Some(s) = &h.symbol { span.symbol { (s) } }
                @if let Some(d) = hit.date { span.date { (d.to_string()) } }
                @if let Some(b) = &hit.body { span.body { (b) } }
                span.item { "item " (item) }
                @if let Some(pg) = &hit.pages { span.pages { (pg) } }
                a.cite href=(url) title="citation: this item's URL" { "[" (hit.doc_id) "#" (hit.ordinal) "]" }
            }
            p.snippet { (snippet(&hit.snippet)) }
            @if !h.entities.is_empty() {
                div.chips {
                    @for (kind, values) in &h.entities {
                        @for value in values.iter().take(6) {
                            @if kind == "state" {
                                a class=(format!("chip chip-{kind}")) href=(state_url(value)) title=(kind) { (value) }
                            } @else {
                                span class=(format!("chip chip-{kind}")) title=(kind) { (value) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pager(p: &SearchParams, v: &SearchView) -> Markup {
    let last = pages(v);
    let current = v.checked.page;
    let reachable = |n: usize| n * v.checked.per_page <= v.checked.max_depth;
    html! {
        @if last > 1 {
            nav.pager aria-label="pages" {
                @if current > 1 {
                    a.page-prev href=(page_url(p, current - 1)) rel="prev" { "< previous" }
                }
                @for n in (current.saturating_sub(3).max(1))..=(current + 3).min(last) {
                    @if n == current {
                        span.page-current { (n) }
                    } @else if reachable(n) {
                        a.page-number href=(page_url(p, n)) { (n) }
                    }
                }
                @if current < last && reachable(current + 1) {
                    a.page-next href=(page_url(p, current + 1)) rel="next" { "next >" }
                }
            }
        }
    }
}
