//! What each page shows, built from query-library calls only; the HTML pages and
//! the JSON API render the same views.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::error::ServeError;
use super::params::{CheckedSearch, SearchParams};
use super::search_cache::{CachedPage, MatchKey, PageKey};
use super::state::{AppState, Current};
use crate::index::{IndexReader, Record};
use crate::query::entity_listing::{self, EntityRequest, Group, GroupBy};
use crate::query::outline;
use crate::query::search::{self, FacetCounts, SearchHit, SearchRequest};
use serde_json::json;

/// Entity values listed on the entities page.
pub const ENTITY_TOP: usize = 500;

/// One hit with what the result list shows beyond the library's hit.
#[derive(Debug, Clone)]
pub struct HitView {
    /// The library's hit.
    pub hit: SearchHit,
    /// UN document symbol.
    pub symbol: Option<String>,
    /// Entities of the item by type (chips).
    pub entities: BTreeMap<String, Vec<String>>,
}

/// A page of search results.
#[derive(Debug, Clone)]
pub struct SearchView {
    /// The checked request.
    pub checked: CheckedSearch,
    /// Matching items in all.
    pub total: usize,
    /// This page's hits.
    pub hits: Arc<Vec<HitView>>,
    /// Counts by state, body, year and organisation over all matches.
    pub facets: Arc<FacetCounts>,
}

/// The page's hits with their symbols and entities, which the search read
/// with each hit's record.
fn hit_views(hits: Vec<SearchHit>) -> Vec<HitView> {
    hits.into_iter()
        .map(|mut hit| HitView {
            symbol: hit.symbol.take(),
            entities: std::mem::take(&mut hit.entities),
            hit,
        })
        .collect()
}

/// Facet counts over the matches of `req`, from the generation's table
/// ([`FacetSlots`](super::facet_slots::FacetSlots)): a pass over the matches
/// without ranking, giving the number matched and the counts (for a page
/// cached without its facets).
fn count_facets(
    state: &AppState,
    cur: &Current,
    req: &SearchRequest,
) -> Result<(usize, FacetCounts), ServeError> {
    Ok(state.facet_slots(cur)?.count(&cur.reader, req)?)
}

/// The counts of [`count_facets`] if it matched the search's `total` records;
/// should it have matched another number (the library's query building
/// changed), the facets are counted by the library's own search instead, so
/// they never disagree.
fn settle_facets(
    cur: &Current,
    req: &SearchRequest,
    (matched, counts): (usize, FacetCounts),
    total: usize,
) -> Result<FacetCounts, ServeError> {
    if matched == total {
        return Ok(counts);
    }
    let library = SearchRequest {
        facets: true,
        limit: 0,
        ..req.clone()
    };
    Ok(search::search(&cur.reader, &library)?
        .facets
        .unwrap_or_default())
}

/// The page of `req` (its search and the hits' extras).
fn search_page(cur: &Current, req: &SearchRequest) -> Result<CachedPage, ServeError> {
    let results = search::search(&cur.reader, req)?;
    Ok(CachedPage {
        total: results.total,
        hits: Arc::new(hit_views(results.hits)),
    })
}

/// The page of `req` and its facet counts, counted into the generation's
/// table in the search's own ranking pass: one plan and one evaluation of the
/// query for both.
fn page_and_facets(
    state: &AppState,
    cur: &Current,
    req: &SearchRequest,
) -> Result<(CachedPage, FacetCounts), ServeError> {
    let table = state.facet_slots(cur)?;
    let (results, counted) = search::search_with(&cur.reader, req, table.counter())?;
    let facets = settle_facets(cur, req, counted, results.total)?;
    let page = CachedPage {
        total: results.total,
        hits: Arc::new(hit_views(results.hits)),
    };
    Ok((page, facets))
}

/// Runs the search of `params` and loads what its page shows, from the cache
/// when this page (or, for the facets, another page of the same matches) was
/// asked for before on this index generation.
pub fn search_view(
    state: &AppState,
    cur: &Current,
    params: &SearchParams,
) -> Result<SearchView, ServeError> {
    let mut checked = params.check(state, cur, &state.limits)?;
    let cache = state.search_cache();
    let matches = MatchKey::new(
        cur.generation,
        &checked.request.query,
        &checked.request.filters,
    );
    let page_key = PageKey {
        matches: matches.clone(),
        sort: format!("{:?}", checked.request.sort),
        offset: checked.request.offset,
        limit: checked.request.limit,
    };
    let cached_page = cache.page(&page_key);
    let known_facets = cache.facets(&matches);
    // facets over all matches are counted once per query, not per page
    checked.request.facets = false;
    let req = &checked.request;
    let (page, facets) = match (cached_page, known_facets) {
        (Some(p), Some(f)) => (p, f),
        (Some(p), None) => {
            let counted = count_facets(state, cur, req)?;
            let f = Arc::new(settle_facets(cur, req, counted, p.total)?);
            cache.put_facets(matches, f.clone());
            (p, f)
        }
        (None, Some(f)) => {
            let p = search_page(cur, req)?;
            cache.put_page(page_key, p.clone());
            (p, f)
        }
        (None, None) => {
            let (p, f) = page_and_facets(state, cur, req)?;
            let f = Arc::new(f);
            cache.put_page(page_key, p.clone());
            cache.put_facets(matches, f.clone());
            (p, f)
        }
    };
    Ok(SearchView {
        total: page.total,
        hits: page.hits,
        facets,
        checked,
    })
}

/// The search view as the API's JSON.
pub fn search_json(v: &SearchView) -> serde_json::Value {
    let first = (v.checked.page - 1) * v.checked.per_page;
    let hits: Vec<serde_json::Value> = v
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut j = search::hit_json(&h.hit, first + i + 1, v.total);
            if let Some(obj) = j.as_object_mut() {
                obj.insert("symbol".into(), json!(h.symbol));
                obj.insert("entities".into(), json!(h.entities));
                obj.insert(
                    "url".into(),
                    json!(super::urls::item_url(&h.hit.doc_id, h.hit.ordinal)),
                );
            }
            j
        })
        .collect();
    let facets = search::facets_json(&v.facets)["facets"].clone();
    json!({
        "query": v.checked.request.query,
        "total": v.total,
        "page": v.checked.page,
        "per_page": v.checked.per_page,
        "hits": hits,
        "facets": facets,
    })
}

/// A document's records in outline order, the typed id resolved.
pub fn document_records(reader: &IndexReader, typed: &str) -> Result<Vec<Record>, ServeError> {
    let id = outline::resolve_doc(reader, typed)?;
    let records = reader.doc_records(&id)?;
    if records.is_empty() {
        return Err(ServeError::not_found(format!(
            "no document '{typed}' in the index"
        )));
    }
    Ok(records)
}

/// The document as the API's JSON: the outline, each item with its text and URL.
pub fn document_json(records: &[Record]) -> serde_json::Value {
    let mut v = outline::outline_json(records);
    if let Some(segments) = v.get_mut("segments").and_then(|s| s.as_array_mut()) {
        for (seg, rec) in segments.iter_mut().zip(records) {
            if let Some(obj) = seg.as_object_mut() {
                obj.insert("text".into(), json!(rec.text));
                obj.insert(
                    "url".into(),
                    json!(super::urls::item_url(&rec.doc_id, rec.ordinal)),
                );
                obj.insert(
                    "citation".into(),
                    json!(format!("{}#{}", rec.doc_id, rec.ordinal)),
                );
            }
        }
    }
    v
}

/// Entity types listed on the entities page.
pub const ENTITY_PAGE_TYPES: [&str; 3] = ["state", "organisation", "person"];

/// Values of one entity type by mention count, with how many documents name
/// them (cached per index generation).
pub fn entity_groups(
    state: &AppState,
    cur: &Current,
    typed: Option<&str>,
) -> Result<(String, std::sync::Arc<Vec<Group>>), ServeError> {
    let entity = entity_listing::normalise_type(typed.unwrap_or("state"));
    if !ENTITY_PAGE_TYPES.contains(&entity.as_str()) {
        return Err(ServeError::bad_request(format!(
            "type is one of {}, not '{entity}'",
            ENTITY_PAGE_TYPES.join(", ")
        )));
    }
    let groups = state.entity_groups(cur, &entity, || {
        let rows = entity_listing::list(
            &cur.reader,
            &EntityRequest {
                entity: Some(entity.clone()),
                ..EntityRequest::default()
            },
        )?;
        let mut groups = entity_listing::group(&rows, GroupBy::Value);
        groups.truncate(ENTITY_TOP);
        Ok(groups)
    })?;
    Ok((entity, groups))
}
