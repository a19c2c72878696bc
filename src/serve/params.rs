//! Query strings of the pages and the API, checked against the [`Limits`] and
//! resolved against the index into the query library's requests.
//!
//! Empty values (an untouched form field) count as absent.

use serde::Deserialize;

use super::error::ServeError;
use super::state::{AppState, Current};
use super::Limits;
use crate::query::filters::{parse_from, parse_to};
use crate::query::names::{resolve, NameKind};
use crate::query::search::{SearchRequest, SortBy};
use crate::query::Filters;

/// Default page size.
pub const DEFAULT_PAGE_SIZE: usize = 10;

/// Entity types a search can require in its items (the index holds a filterable
/// trace of these; persons are found by name in the query instead).
pub const FILTER_TYPES: [&str; 4] = ["state", "organisation", "amount", "date"];

/// The search page's and `/api/search`'s parameters.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    /// Query in tantivy syntax.
    pub q: Option<String>,
    /// State (name, alias or ISO3 code).
    pub state: Option<String>,
    /// Body.
    pub body: Option<String>,
    /// First meeting date (YYYY, YYYY-MM, YYYY-MM-DD).
    pub from: Option<String>,
    /// Last meeting date.
    pub to: Option<String>,
    /// Only items with a mention of this entity type.
    #[serde(rename = "type")]
    pub entity: Option<String>,
    /// Only items that mention this organisation.
    pub org: Option<String>,
    /// Page number, from 1.
    pub page: Option<String>,
    /// Hits per page.
    pub per_page: Option<String>,
    /// "relevance" (or "score"), "newest" (or "date") or "oldest".
    pub sort: Option<String>,
}

/// A value that is set and not blank.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn number(name: &str, v: &Option<String>, default: usize) -> Result<usize, ServeError> {
    match given(v) {
        None => Ok(default),
        Some(s) => s.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            ServeError::bad_request(format!("{name} must be a number from 1, not '{s}'"))
        }),
    }
}

/// A checked search: the library request plus paging.
#[derive(Debug, Clone)]
pub struct CheckedSearch {
    /// The library request, its limit reaching the end of the page.
    pub request: SearchRequest,
    /// Page number, from 1.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// Deepest hit reachable by paging.
    pub max_depth: usize,
}

impl SearchParams {
    /// The query text as typed ("" when none).
    pub fn query_text(&self) -> &str {
        given(&self.q).unwrap_or("")
    }

    /// The pairs that make up this search's URL (paging left out).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let g = |v: &Option<String>| given(v).unwrap_or("").to_string();
        vec![
            ("q", g(&self.q)),
            ("state", g(&self.state)),
            ("body", g(&self.body)),
            ("from", g(&self.from)),
            ("to", g(&self.to)),
            ("type", g(&self.entity)),
            ("org", g(&self.org)),
            ("sort", g(&self.sort)),
        ]
    }

    /// Checks bounds and resolves names and dates against the index.
    pub fn check(
        &self,
        state: &AppState,
        cur: &Current,
        limits: &Limits,
    ) -> Result<CheckedSearch, ServeError> {
        let text = self.query_text();
        if text.chars().count() > limits.max_query_chars {
            return Err(ServeError::bad_request(format!(
                "the query is longer than {} characters: shorten it",
                limits.max_query_chars
            )));
        }
        let page = number("page", &self.page, 1)?;
        let per_page = number("per_page", &self.per_page, DEFAULT_PAGE_SIZE)?;
        if per_page > limits.max_page_size {
            return Err(ServeError::bad_request(format!(
                "per_page is at most {}",
                limits.max_page_size
            )));
        }
        let depth = page.saturating_mul(per_page);
        if depth > limits.max_depth {
            return Err(ServeError::bad_request(format!(
                "only the first {} hits can be paged through: narrow the query or add filters",
                limits.max_depth
            )));
        }
        let sort = match given(&self.sort) {
            None | Some("score") | Some("relevance") => SortBy::Relevance,
            Some("date") | Some("newest") => SortBy::Newest,
            Some("oldest") => SortBy::Oldest,
            Some(other) => {
                return Err(ServeError::bad_request(format!(
                    "sort is 'relevance', 'newest' or 'oldest', not '{other}'"
                )))
            }
        };
        let entity = match given(&self.entity) {
            None => None,
            Some(t) => {
                let t = crate::query::entity_listing::normalise_type(t);
                if !FILTER_TYPES.contains(&t.as_str()) {
                    return Err(ServeError::bad_request(format!(
                        "type is one of {}, not '{t}'",
                        FILTER_TYPES.join(", ")
                    )));
                }
                Some(t)
            }
        };
        let filters = resolve_filters(state, cur, &self.state, &self.body, &self.from, &self.to)?;
        Ok(CheckedSearch {
            request: SearchRequest {
                query: compose_query(text, given(&self.org), entity.as_deref()),
                filters,
                limit: per_page,
                offset: depth - per_page,
                sort,
                // the view asks for them when its cache has none
                facets: false,
                per_doc: false,
                synonyms: state.synonyms(),
            },
            page,
            per_page,
            max_depth: limits.max_depth,
        })
    }
}

/// The query text with the organisation and entity-type filters as clauses
/// (the library's [`Filters`] cover state, body and dates only).
pub fn compose_query(text: &str, org: Option<&str>, entity: Option<&str>) -> String {
    let mut parts = Vec::new();
    let text = text.trim();
    if !text.is_empty() && text != "*" {
        parts.push(format!("({text})"));
    }
    if let Some(org) = org {
        let clean: String = org.chars().filter(|c| *c != '"' && *c != '\\').collect();
        parts.push(format!("organisation:\"{clean}\""));
    }
    match entity {
        Some("state") => parts.push("facets:\"/state\"".into()),
        Some("organisation") => parts.push("facets:\"/organisation\"".into()),
        Some("amount") => parts.push("amount:*".into()),
        Some("date") => parts.push("mention_date:*".into()),
        _ => {}
    }
    if parts.is_empty() {
        "*".into()
    } else {
        parts.join(" AND ")
    }
}

/// Resolves state and body names (cached tables) and the date range.
pub fn resolve_filters(
    state: &AppState,
    cur: &Current,
    typed_state: &Option<String>,
    typed_body: &Option<String>,
    from: &Option<String>,
    to: &Option<String>,
) -> Result<Filters, ServeError> {
    let name = |kind: NameKind, typed: Option<&str>| -> Result<Option<String>, ServeError> {
        let Some(typed) = typed else {
            return Ok(None);
        };
        let table = state.names(cur, kind)?;
        match resolve(&cur.reader, &table, kind, typed)? {
            Ok(found) => Ok(Some(found)),
            Err(unknown) => Err(ServeError::bad_request(unknown.to_string())),
        }
    };
    let from = given(from).map(|s| parse_from("from", s)).transpose()?;
    let to = given(to).map(|s| parse_to("to", s)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ServeError::bad_request(format!(
                "from {f} is after to {t}: swap them"
            )));
        }
    }
    Ok(Filters {
        state: name(NameKind::State, given(typed_state))?,
        body: name(NameKind::Body, given(typed_body))?,
        from,
        to,
    })
}

/// The summary page's and `/api/summary`'s parameters.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SummaryParams {
    /// State (name, alias or ISO3 code).
    pub state: Option<String>,
    /// Topic, as a full-text query.
    pub topic: Option<String>,
    /// First meeting date.
    pub from: Option<String>,
    /// Last meeting date.
    pub to: Option<String>,
    /// Deadlines before this date are past (default: today).
    pub as_of: Option<String>,
}

impl SummaryParams {
    /// The pairs of this summary's URL.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let g = |v: &Option<String>| given(v).unwrap_or("").to_string();
        vec![
            ("state", g(&self.state)),
            ("topic", g(&self.topic)),
            ("from", g(&self.from)),
            ("to", g(&self.to)),
            ("as_of", g(&self.as_of)),
        ]
    }
}

/// The entities page's and `/api/entities`' parameters.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntitiesParams {
    /// Entity type (default: state).
    #[serde(rename = "type")]
    pub entity: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_clauses() {
        assert_eq!(compose_query("", None, None), "*");
        assert_eq!(compose_query(" * ", None, None), "*");
        assert_eq!(
            compose_query("mine clearance", Some("UN\"MAS"), Some("amount")),
            "(mine clearance) AND organisation:\"UNMAS\" AND amount:*"
        );
    }
}
