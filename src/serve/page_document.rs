//! The document page: outline, then every item's text with its entities marked
//! by type and its numbered paragraphs as anchors. An item's URL (`/doc/DOC#N`)
//! is its citation, the `[DOC#N]` the CLI prints.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};

use super::item_text::paragraphs;
use super::layout::page;
use super::state::AppState;
use super::urls::{doc_url, item_url, para_anchor, state_url};
use super::views::document_records;
use crate::index::Record;
use crate::query::outline::entities_by_type;

/// `GET /doc/{id}`. Ids are looked up as index terms, never as file paths, so no
/// id reaches outside the index; a unique prefix redirects to the full id.
pub async fn document_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let typed = id.clone();
    let result = state
        .with_reader(move |_, cur| document_records(&cur.reader, &typed))
        .await;
    match result {
        Ok(records) => {
            let Some(first) = records.first() else {
                return super::error::ServeError::not_found("empty document").respond(false);
            };
            if first.doc_id != id {
                return Redirect::to(&doc_url(&first.doc_id)).into_response();
            }
            page(&first.title.clone(), "", render(&records))
        }
        Err(e) => e.respond(false),
    }
}

fn render(records: &[Record]) -> Markup {
    let Some(first) = records.first() else {
        return html! {};
    };
    html! {
        article.document data-doc=(first.doc_id) {
            h1 { (first.title) }
            dl.doc-meta {
                dt { "Id" } dd { code { (first.doc_id) } }
                @if let Some(s) = &first.symbol { dt { "Symbol" } dd { (s) } }
                @if let Some(b) = &first.body { dt { "Body" } dd { (b) } }
                @if let Some(d) = first.date { dt { "Date" } dd { (d.to_string()) } }
                @if let Some(p) = &first.place { dt { "Place" } dd { (p) } }
                dt { "Data" } dd { a href=(format!("/api/document/{}", super::urls::encode_path(&first.doc_id))) { "JSON" } }
            }
            nav #outline {
                h2 { "Outline" }
                ol {
                    @for rec in records {
                        li class=(format!("level-{}", rec.level.min(4))) {
                            a href=(format!("#{}", rec.ordinal)) { (rec.label()) }
                            @if let Some(p) = rec.pages() { " " span.pages { (p) } }
                        }
                    }
                }
            }
            @for rec in records { (item(rec)) }
        }
    }
}

fn item(rec: &Record) -> Markup {
    let url = item_url(&rec.doc_id, rec.ordinal);
    let entities = entities_by_type(rec);
    html! {
        section.item id=(rec.ordinal.to_string()) data-segment=(rec.ordinal) {
            h2 class=(format!("item-title level-{}", rec.level.min(4))) { (rec.label()) }
            p.citation {
                "Cite: " a.cite href=(url) { "[" (rec.doc_id) "#" (rec.ordinal) "]" }
                @if let Some(p) = rec.pages() { ", " (p) }
                " - " code { "agendex show " (rec.doc_id) "#" (rec.ordinal) }
            }
            @if !entities.is_empty() {
                div.chips {
                    @for (kind, values) in &entities {
                        @for value in values.iter().take(12) {
                            @if kind == "state" {
                                a class=(format!("chip chip-{kind}")) href=(state_url(value)) title=(kind) { (value) }
                            } @else {
                                span class=(format!("chip chip-{kind}")) title=(kind) { (value) }
                            }
                        }
                    }
                }
            }
            div.item-text {
                @for para in paragraphs(rec) {
                    @if let Some(n) = &para.number {
                        p.para.numbered id=(para_anchor(rec.ordinal, n)) {
                            a.para-anchor href=(format!("#{}", para_anchor(rec.ordinal, n))) title="link to this paragraph" { "\u{b6}" }
                            (pieces(&para.pieces))
                        }
                    } @else {
                        p.para { (pieces(&para.pieces)) }
                    }
                }
            }
        }
    }
}

fn pieces(pieces: &[super::item_text::Piece<'_>]) -> Markup {
    html! {
        @for piece in pieces {
            @match piece.mark {
                Some((entity, value)) => {
                    mark class=(format!("ent ent-{entity}")) title=(format!("{entity}: {value}")) { (piece.text) }
                },
                None => { (piece.text) },
            }
        }
    }
}
