//! The JSON API (`docs/openapi.yaml`): the same views as the pages, as JSON.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde_json::json;

use super::error::ServeError;
use super::layout::json;
use super::page_summary::build_summary;
use super::params::{EntitiesParams, SearchParams, SummaryParams};
use super::state::AppState;
use super::views;
use crate::query::entity_listing;
use crate::query::summary;

fn answer(result: Result<serde_json::Value, ServeError>) -> Response {
    match result {
        Ok(v) => json(&v),
        Err(e) => e.respond(true),
    }
}

/// `GET /api/search`: hits of one page, total, facet counts.
pub async fn search(State(state): State<Arc<AppState>>, Query(p): Query<SearchParams>) -> Response {
    // serialised on the blocking pool: the event loop only moves bytes
    state
        .with_reader(move |st, cur| {
            Ok(json(&views::search_json(&views::search_view(
                st, &cur, &p,
            )?)))
        })
        .await
        .unwrap_or_else(|e| e.respond(true))
}

/// `GET /api/document/{id}`: outline, items with text, entities and URLs.
pub async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    answer(
        state
            .with_reader(move |_, cur| {
                Ok(views::document_json(&views::document_records(
                    &cur.reader,
                    &id,
                )?))
            })
            .await,
    )
}

/// `GET /api/summary?state=|topic=`: the summary as `agendex summary --format json`.
pub async fn summary(
    State(state): State<Arc<AppState>>,
    Query(p): Query<SummaryParams>,
) -> Response {
    answer(
        state
            .with_reader(move |st, cur| Ok(summary::to_json(&build_summary(st, &cur, &p)?)))
            .await,
    )
}

/// `GET /api/entities?type=`: values by mention count.
pub async fn entities(
    State(state): State<Arc<AppState>>,
    Query(p): Query<EntitiesParams>,
) -> Response {
    answer(
        state
            .with_reader(move |st, cur| {
                let (entity, groups) = views::entity_groups(st, &cur, p.entity.as_deref())?;
                Ok(json!({
                    "type": entity,
                    "values": groups.iter().map(entity_listing::group_json).collect::<Vec<_>>(),
                }))
            })
            .await,
    )
}

/// `GET /api/status`: documents indexed and the reader's generation (it goes up
/// each time a new commit is picked up).
pub async fn status(State(state): State<Arc<AppState>>) -> Response {
    answer(
        state
            .with_reader(move |_, cur| {
                Ok(json!({
                    "documents": cur.reader.doc_ids()?.len(),
                    "records": cur.reader.searcher().num_docs(),
                    "generation": cur.generation,
                }))
            })
            .await,
    )
}
