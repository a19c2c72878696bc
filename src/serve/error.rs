//! Errors as answers: an HTML error page for pages, a JSON object for the API,
//! with the status that says whose fault it was. Nothing a request does ends the
//! server.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::index::IndexError;
use crate::query::QueryError;

/// An error with its HTTP status and a message telling the user what to do.
#[derive(Debug, Clone)]
pub struct ServeError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong and what to do next.
    pub message: String,
}

impl ServeError {
    fn new(status: StatusCode, message: impl Into<String>) -> ServeError {
        ServeError {
            status,
            message: message.into(),
        }
    }

    /// 400: the request itself is wrong (bad query syntax, unknown name, bad date).
    pub fn bad_request(message: impl Into<String>) -> ServeError {
        ServeError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such page or document.
    pub fn not_found(message: impl Into<String>) -> ServeError {
        ServeError::new(StatusCode::NOT_FOUND, message)
    }

    /// 503: no index to answer from yet.
    pub fn unavailable(message: impl Into<String>) -> ServeError {
        ServeError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    /// 500: the server's own failure.
    pub fn internal(message: impl Into<String>) -> ServeError {
        ServeError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// An index error: a bad query is the user's, the rest the server's.
    pub fn index(e: IndexError) -> ServeError {
        match e {
            IndexError::BadQuery { .. } => ServeError::bad_request(format!(
                "{e} (see the query syntax help on the search page)"
            )),
            IndexError::NotFound { .. } | IndexError::SchemaMismatch { .. } => {
                ServeError::unavailable(e.to_string())
            }
            other => ServeError::internal(other.to_string()),
        }
    }

    /// The answer: an HTML page, or JSON `{"error": ..., "status": ...}` for the API.
    pub fn respond(&self, api: bool) -> Response {
        if api {
            let body = json!({"error": self.message, "status": self.status.as_u16()});
            return (
                self.status,
                [(header::CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response();
        }
        let title = self
            .status
            .canonical_reason()
            .unwrap_or("Error")
            .to_string();
        let page = super::layout::page(
            &title,
            "",
            maud::html! {
                h1 { (title) }
                p.error-message { (self.message) }
                p { a href="/" { "Back to search" } }
            },
        );
        (self.status, page).into_response()
    }
}

impl From<QueryError> for ServeError {
    fn from(e: QueryError) -> ServeError {
        match e {
            QueryError::Index(inner) => ServeError::index(inner),
            QueryError::UnknownDocument { .. } | QueryError::UnknownItem { .. } => {
                ServeError::not_found(e.to_string())
            }
            QueryError::UnknownName(_) | QueryError::BadDate { .. } | QueryError::Invalid(_) => {
                ServeError::bad_request(e.to_string())
            }
        }
    }
}

impl From<IndexError> for ServeError {
    fn from(e: IndexError) -> ServeError {
        ServeError::index(e)
    }
}

/// A page handler's result.
pub type PageResult = Result<Response, ServeError>;
