//! The entities page: states, organisations and persons by mention count, each
//! linking to the records that mention it.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use maud::html;

use super::layout::page;
use super::params::EntitiesParams;
use super::state::AppState;
use super::urls::{query_string, state_url};
use super::views::{entity_groups, ENTITY_PAGE_TYPES, ENTITY_TOP};

/// The search that lists the records of one value.
fn records_url(entity: &str, value: &str) -> String {
    let pairs = match entity {
        "state" => vec![("state", value.to_string())],
        "organisation" => vec![("org", value.to_string())],
        _ => vec![("q", format!("\"{}\"", value.replace('"', "")))],
    };
    format!("/search{}", query_string(&pairs))
}

/// `GET /entities?type=state|organisation|person`.
pub async fn entities_page(
    State(state): State<Arc<AppState>>,
    Query(p): Query<EntitiesParams>,
) -> Response {
    let result = state
        .with_reader(move |st, cur| entity_groups(st, &cur, p.entity.as_deref()))
        .await;
    let (entity, groups) = match result {
        Ok(v) => v,
        Err(e) => return e.respond(false),
    };
    let body = html! {
        h1 { "Entities" }
        nav.tabs {
            @for t in ENTITY_PAGE_TYPES {
                @if t == entity { strong { (t) } } @else { a href=(format!("/entities?type={t}")) { (t) } }
            }
        }
        p { (groups.len()) " value(s)" @if groups.len() >= ENTITY_TOP { " (the first " (ENTITY_TOP) ")" } ", by number of mentions. "
            a href=(format!("/api/entities?type={entity}")) { "JSON" } }
        table #entities {
            thead { tr { th { "Name" } th { "Mentions" } th { "Documents" } th { "Records" } } }
            tbody {
                @for g in groups.iter() {
                    tr {
                        td {
                            @if entity == "state" { a href=(state_url(&g.key)) { (g.key) } } @else { (g.key) }
                        }
                        td.num { (g.count) }
                        td.num { (g.documents) }
                        td { a.records href=(records_url(&entity, &g.key)) { "items" } }
                    }
                }
            }
        }
    };
    page(&format!("Entities: {entity}"), "", body)
}
