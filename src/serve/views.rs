//! What each page shows, built from query-library calls only; the HTML pages and
//! the JSON API render the same views.

use std::collections::BTreeMap;

use serde_json::json;
use tantivy::collector::FacetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::error::ServeError;
use super::params::{CheckedSearch, SearchParams};
use super::state::{AppState, Current};
use crate::index::schema::{FACET_BODY, FACET_ORGANISATION, FACET_STATE, FACET_YEAR};
use crate::index::{IndexReader, Record};
use crate::query::entity_listing::{self, EntityRequest, Group, GroupBy};
use crate::query::outline;
use crate::query::search::{self, build_query, FacetCounts, SearchHit};

/// Values listed per facet (as `agendex search --facets` lists them).
const FACET_TOP: usize = 15;
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
    pub hits: Vec<HitView>,
    /// Counts by state, body and year.
    pub facets: FacetCounts,
    /// Counts by organisation.
    pub organisations: Vec<(String, u64)>,
}

/// The one record of item `segment` of `doc`.
pub fn item_record(
    reader: &IndexReader,
    doc: &str,
    segment: usize,
) -> Result<Option<Record>, ServeError> {
    let f = reader.fields();
    let q = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.doc_id, doc),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(f.ordinal, segment as u64),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    Ok(reader.records_matching(&q)?.into_iter().next())
}

/// Runs the search of `params` and loads what its page shows.
pub fn search_view(
    state: &AppState,
    cur: &Current,
    params: &SearchParams,
) -> Result<SearchView, ServeError> {
    let checked = params.check(state, cur, &state.limits)?;
    let reader = &cur.reader;
    let results = search::search(reader, &checked.request)?;
    let mut hits = Vec::new();
    for hit in results.hits {
        let rec = item_record(reader, &hit.doc_id, hit.ordinal)?;
        hits.push(HitView {
            symbol: rec.as_ref().and_then(|r| r.symbol.clone()),
            entities: rec
                .as_ref()
                .map(outline::entities_by_type)
                .unwrap_or_default(),
            hit,
        });
    }
    let query = build_query(reader, &checked.request.query, &checked.request.filters)?;
    let (facets, organisations) = facet_counts(reader, &*query)?;
    Ok(SearchView {
        total: results.total,
        facets,
        organisations,
        hits,
        checked,
    })
}

/// Matching items by state, body, year (as the library counts them) and
/// organisation, in one pass over the matches: on a broad query over a large
/// index, counting is most of the time.
fn facet_counts(
    reader: &IndexReader,
    query: &dyn Query,
) -> Result<(FacetCounts, Vec<(String, u64)>), ServeError> {
    let roots = [FACET_STATE, FACET_BODY, FACET_YEAR, FACET_ORGANISATION].map(|r| format!("/{r}"));
    let mut collector = FacetCollector::for_field("facets");
    for r in &roots {
        collector.add_facet(r.as_str());
    }
    let counts = reader
        .searcher()
        .search(query, &collector)
        .map_err(|e| reader.err("counting facets", e))?;
    let list = |root: &str| -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = counts
            .get(root)
            .filter_map(|(facet, n)| facet.to_path().last().map(|s| (s.to_string(), n)))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(FACET_TOP);
        v
    };
    let mut years = list(&roots[2]);
    years.sort();
    Ok((
        FacetCounts {
            states: list(&roots[0]),
            bodies: list(&roots[1]),
            years,
        },
        list(&roots[3]),
    ))
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
    let mut facets = search::facets_json(&v.facets)["facets"].clone();
    if let Some(obj) = facets.as_object_mut() {
        obj.insert(
            "organisation".into(),
            v.organisations
                .iter()
                .map(|(k, n)| json!({"value": k, "count": n}))
                .collect(),
        );
    }
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
