//! The page shell: head, navigation, footer. Every page goes through [`page`].

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

/// A full HTML page with `title`, the search box pre-filled with `query`, and `body`.
pub fn page(title: &str, query: &str, body: Markup) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " - agendex" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header.top {
                    a.brand href="/" { "agendex" }
                    nav {
                        a href="/search" { "Search" }
                        a href="/entities?type=state" { "States" }
                        a href="/entities?type=organisation" { "Organisations" }
                        a href="/entities?type=person" { "Persons" }
                    }
                    form.quick action="/search" method="get" {
                        input type="search" name="q" value=(query) placeholder="Search the records" aria-label="Search";
                    }
                }
                main { (body) }
                footer { "agendex - read-only workbench over the index; every line cites its item." }
            }
        }
    };
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

/// A JSON answer.
pub fn json(value: &serde_json::Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// A file download with `content_type`, saved as `filename`.
pub fn download(content_type: &'static str, filename: &str, body: String) -> Response {
    let safe: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        body,
    )
        .into_response()
}
