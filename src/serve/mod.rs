//! `agendex serve`: a read-only research workbench in the browser.
//!
//! Pages (search, document, state and topic summaries, entities) and a JSON API
//! (`/api/...`, documented in `docs/openapi.yaml`) are both built on the query
//! library ([`crate::query`]), never on the CLI's text. HTML comes from maud
//! templates, which escape every record string; the stylesheet is compiled into
//! the binary, and no page needs JavaScript or the network.
//!
//! - [`state`]: the shared index reader, reloaded after an `ingest` commits;
//! - [`search_cache`], [`facet_slots`]: what keeps a search page cheap (cached
//!   pages, facets counted from a per-commit table in the search's own pass);
//! - [`params`]: query strings checked against the [`Limits`];
//! - [`api`] and the `page_*` modules: one handler per route;
//! - [`plot`]: server-rendered SVG bar charts; [`item_text`]: an item's text cut
//!   into numbered paragraphs with entities marked.

pub mod api;
pub mod error;
pub mod facet_slots;
pub mod item_text;
pub mod layout;
pub mod page_document;
pub mod page_entities;
pub mod page_search;
pub mod page_summary;
pub mod params;
pub mod plot;
pub mod search_cache;
pub mod state;
pub mod urls;
pub mod views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use state::AppState;

/// Bounds that keep one client from exhausting the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest query text accepted, in characters.
    pub max_query_chars: usize,
    /// Largest page of hits.
    pub max_page_size: usize,
    /// Deepest hit reachable by paging (page x page size).
    pub max_depth: usize,
    /// Requests answered at once; more get 503 and a retry hint.
    pub max_in_flight: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_query_chars: 500,
            max_page_size: 100,
            max_depth: 1_000,
            max_in_flight: 64,
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Index folder (it may not exist yet: pages then say to run `ingest`).
    pub index: PathBuf,
    /// Rules folder whose gazetteers resolve name aliases (optional).
    pub rules: Option<PathBuf>,
    /// Address to listen on (loopback by default).
    pub addr: SocketAddr,
    /// Request bounds.
    pub limits: Limits,
}

/// The stylesheet, compiled in.
const STYLE_CSS: &str = include_str!("assets/style.css");

/// The router of every page and API route over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(page_search::search_page))
        .route("/search", get(page_search::search_page))
        .route("/doc/{*id}", get(page_document::document_page))
        .route("/summary", get(page_summary::summary_page))
        .route("/summary.md", get(page_summary::summary_markdown))
        .route("/summary.csv", get(page_summary::summary_csv))
        .route("/entities", get(page_entities::entities_page))
        .route("/api/search", get(api::search))
        .route("/api/document/{*id}", get(api::document))
        .route("/api/summary", get(api::summary))
        .route("/api/entities", get(api::entities))
        .route("/api/status", get(api::status))
        .route("/assets/style.css", get(style))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), bounded))
        .with_state(state)
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE_CSS,
    )
        .into_response()
}

async fn not_found(req: Request) -> Response {
    let api = req.uri().path().starts_with("/api/");
    error::ServeError::not_found(format!("no page at {}", req.uri().path())).respond(api)
}

/// Answers 503 when `max_in_flight` requests are already being answered, so a
/// flood queues in clients rather than in memory here.
async fn bounded(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let Ok(_permit) = state.permits.clone().try_acquire_owned() else {
        let mut resp = (
            StatusCode::SERVICE_UNAVAILABLE,
            "busy: too many requests at once, retry in a moment\n",
        )
            .into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        return resp;
    };
    next.run(req).await
}

/// A server bound to its address, ready to run.
pub struct BoundServer {
    listener: tokio::net::TcpListener,
    runtime: tokio::runtime::Runtime,
    state: Arc<AppState>,
}

/// Binds the address (port 0 picks a free one), opens the index if it exists
/// (with the tables searches use) and prepares the runtime: a
/// single-threaded event loop that only moves bytes, and queries on a blocking
/// pool of one thread per core. Queries are CPU work: more threads than cores
/// would only share the cores, lengthening every query, while queued queries
/// start in arrival order.
pub fn bind(config: ServeConfig) -> std::io::Result<BoundServer> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(cores.min(config.limits.max_in_flight).max(1))
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind(config.addr))?;
    let state = Arc::new(AppState::new(config.index, config.rules, config.limits));
    // the first request should not pay for opening the index and its tables
    state.warm();
    Ok(BoundServer {
        listener,
        runtime,
        state,
    })
}

impl BoundServer {
    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The state every request shares (its permits bound requests in flight).
    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    /// Serves until the process ends.
    pub fn run(self) -> std::io::Result<()> {
        let app = router(self.state);
        self.runtime
            .block_on(async move { axum::serve(self.listener, app).await })
    }
}
