//! Full-text search over agenda items: the query language of
//! [`super::query_parser`], expanded by [`super::query_plan`] with synonyms and
//! typo corrections, ranked by BM25 with heading weight, length normalisation,
//! proximity and coverage boosts (ties newest first), filtered, paginated, and
//! shown with highlighted passages and facet counts.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::Collector;
use tantivy::query::{AllQuery, BooleanQuery, EnableScoring, Query, QueryParser};
use tantivy::{DocAddress, DocSet, Score, TERMINATED};

use super::facets::FacetCounter;
use rank::{best_per_doc, ranked, reranked};
pub use render::{facets_json, hit_json, render_facets, render_hit};

mod rank;
mod render;
pub mod sparse;
pub use super::highlight::{Highlight, Snippet};
use super::synonyms::Synonyms;
use super::typo::Correction;
use super::{highlight, query_parser, query_plan, Filters, QueryError};
use crate::date::Date;
use crate::index::{IndexError, IndexReader};

/// Most hits ranked in memory when sorting by date or collapsing by document:
/// beyond it, the best-scoring ones are kept, so a broad query stays fast.
const MAX_DATE_SORTED: usize = 100_000;
/// Most hits one request returns (`--limit` is clamped to it).
pub const MAX_LIMIT: usize = 1000;
/// Characters of text in a snippet.
const SNIPPET_CHARS: usize = 220;
/// Words under which a segment counts as short: its score is scaled by
/// sqrt(words / pivot), so a two-line box does not outrank the section that
/// discusses the query.
pub const LENGTH_PIVOT: u32 = 60;

/// Words over which a segment counts as very long: its score is scaled by
/// sqrt(pivot / words), so a 200-page report kept as one segment does not win a
/// many-word query by holding every word somewhere.
pub const LONG_PIVOT: u32 = 3000;

/// Best candidates of the core query that the proximity and coverage boosts
/// re-rank (at least the hits asked for): the boosts read word positions,
/// too costly over every matching record of a large index.
pub const RERANK_DEPTH: usize = 200;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortBy {
    /// Best match first; equal scores newest first.
    #[default]
    #[value(alias = "score")]
    Relevance,
    /// Newest meeting first (undated records last); ties by score.
    Newest,
    /// Oldest meeting first (undated records last); ties by score.
    #[value(alias = "date")]
    Oldest,
}

/// A search as asked.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Query (see [`super::query_parser`]); empty (or `*`) matches every record.
    pub query: String,
    /// Resolved filters.
    pub filters: Filters,
    /// Most hits returned (clamped to [`MAX_LIMIT`]; 0 returns only the total).
    pub limit: usize,
    /// Hits skipped before the first returned (pagination).
    pub offset: usize,
    /// Order of hits.
    pub sort: SortBy,
    /// Count hits by state, body and year.
    pub facets: bool,
    /// Only the best hit of each document.
    pub per_doc: bool,
    /// Names and vocabulary the query expands with (empty: no expansion).
    pub synonyms: Arc<Synonyms>,
}

/// One ranked hit: an agenda item (segment) of a document.
#[derive(Debug, Clone)]
pub struct SearchHit {
    /// Relevance score (0 for match-all queries).
    pub score: f32,
    /// Document id.
    pub doc_id: String,
    /// Segment ordinal (cited as `DOC#ordinal`).
    pub ordinal: usize,
    /// Document title.
    pub title: String,
    /// Body.
    pub body: Option<String>,
    /// Meeting date.
    pub date: Option<Date>,
    /// Item number.
    pub number: Option<String>,
    /// Item title.
    pub item_title: String,
    /// Outline path.
    pub path: String,
    /// "p. 3", when known.
    pub pages: Option<String>,
    /// Matched text.
    pub snippet: Snippet,
    /// States mentioned in the item.
    pub states: Vec<String>,
    /// UN document symbol.
    pub symbol: Option<String>,
    /// The item's entities by type (see [`super::outline::entities_by_type`]):
    /// read with the hit's record, so a caller showing them reads it once.
    pub entities: BTreeMap<String, Vec<String>>,
}

/// Counts of hits by facet value, most frequent first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    /// By state.
    pub states: Vec<(String, u64)>,
    /// By body.
    pub bodies: Vec<(String, u64)>,
    /// By meeting year (by year, not by count).
    pub years: Vec<(String, u64)>,
    /// By organisation mentioned.
    pub organisations: Vec<(String, u64)>,
}

/// What a search returns.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Number of matching records.
    pub total: usize,
    /// The hits, in the requested order.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all matching records, when asked.
    pub facets: Option<FacetCounts>,
    /// Query words replaced by the spelling the records use.
    pub corrections: Vec<Correction>,
    /// How the query was understood, one line per clause (for `--explain`).
    pub explain: Vec<String>,
}

/// Parses `text` in tantivy query syntax over text, item title and document title
/// (AND between terms by default), combined with the filters: the matching of
/// `entities --query` and topic summaries (search itself uses [`search`]).
pub fn build_query(
    reader: &IndexReader,
    text: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>, QueryError> {
    let f = reader.fields();
    let trimmed = text.trim();
    let user: Box<dyn Query> = if trimmed.is_empty() || trimmed == "*" {
        Box::new(AllQuery)
    } else {
        let mut parser = QueryParser::for_index(reader.index(), vec![f.text, f.item, f.title]);
        parser.set_conjunction_by_default();
        // a match in the item's own title says more than one in the document title
        parser.set_field_boost(f.item, 2.0);
        parser.set_field_boost(f.title, 0.5);
        parser
            .parse_query(trimmed)
            .map_err(|e| IndexError::BadQuery {
                query: trimmed.to_string(),
                message: e.to_string(),
            })?
    };
    let clauses = filters.clauses(reader);
    if clauses.is_empty() {
        return Ok(user);
    }
    let mut all = vec![(tantivy::query::Occur::Must, user)];
    all.extend(clauses);
    Ok(Box::new(BooleanQuery::new(all)))
}

/// The records a query selects, in the search syntax of [`search`] with its
/// synonyms and typo corrections, but with every word required unless the query
/// says `OR` (see [`query_plan::Mode::Match`]), combined with the filters: the
/// matching of `entities --query` and topic summaries. An empty query (or `*`)
/// selects every record.
pub fn match_query(
    reader: &IndexReader,
    synonyms: &Synonyms,
    text: &str,
    filters: &Filters,
) -> Result<Box<dyn Query>, QueryError> {
    let trimmed = text.trim();
    let user: Box<dyn Query> = if trimmed.is_empty() || trimmed == "*" {
        Box::new(AllQuery)
    } else {
        let bad = |message: String| IndexError::BadQuery {
            query: trimmed.to_string(),
            message,
        };
        let clauses = query_parser::parse(trimmed).map_err(|e| bad(e.to_string()))?;
        match query_plan::plan_with(reader, synonyms, &clauses, trimmed, query_plan::Mode::Match)? {
            Some(p) => p.query,
            // only stop words: nothing selects
            None => Box::new(tantivy::query::EmptyQuery),
        }
    };
    Ok(with_filters(reader, user, filters))
}

/// The user's query combined with the filters.
fn with_filters(reader: &IndexReader, user: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
    let clauses = filters.clauses(reader);
    if clauses.is_empty() {
        return user;
    }
    let mut all = vec![(tantivy::query::Occur::Must, user)];
    all.extend(clauses);
    Box::new(BooleanQuery::new(all))
}

/// Runs a search.
pub fn search(reader: &IndexReader, req: &SearchRequest) -> Result<SearchResults, QueryError> {
    search_with(reader, req, None::<FacetCounter>).map(|(results, _)| results)
}

/// Runs a search with `extra` collecting over the same matches in the ranking's
/// pass (the workbench counts its facets so): the query is planned and
/// evaluated once. `extra` sees every match, whatever the page or order.
pub fn search_with<C: Collector>(
    reader: &IndexReader,
    req: &SearchRequest,
    extra: C,
) -> Result<(SearchResults, C::Fruit), QueryError> {
    let trimmed = req.query.trim();
    let bad = |message: String| IndexError::BadQuery {
        query: trimmed.to_string(),
        message,
    };
    let plan = if trimmed.is_empty() || trimmed == "*" {
        None
    } else {
        let clauses = query_parser::parse(trimmed).map_err(|e| bad(e.to_string()))?;
        query_plan::plan(reader, &req.synonyms, &clauses, trimmed)?
    };
    let user: Box<dyn Query> = match &plan {
        Some(p) => p.query.box_clone(),
        None => Box::new(AllQuery),
    };
    let query = with_filters(reader, user, &req.filters);
    let limit = req.limit.min(MAX_LIMIT);
    let want = req.offset.saturating_add(limit);
    let boosts = plan.as_ref().and_then(|p| p.boosts.as_deref());
    let exact = plan.as_ref().and_then(|p| p.exact.as_deref());
    // facets are counted in the ranking's pass over the matches
    let collectors = (req.facets.then_some(FacetCounter), extra);
    let (total, mut keyed, (tally, fruit)) = match req.sort {
        SortBy::Relevance if !req.per_doc => {
            let (total, top, fruit) = ranked(reader, &*query, want.max(RERANK_DEPTH), collectors)?;
            (total, reranked(reader, top, exact, boosts)?, fruit)
        }
        SortBy::Relevance => {
            let (total, all, fruit) = ranked(reader, &*query, MAX_DATE_SORTED, collectors)?;
            (total, reranked(reader, all, exact, boosts)?, fruit)
        }
        SortBy::Newest | SortBy::Oldest => {
            let (total, mut all, fruit) = ranked(reader, &*query, MAX_DATE_SORTED, collectors)?;
            let newest = req.sort == SortBy::Newest;
            all.sort_by(|a, b| {
                let (da, db) = (a.0 .1, b.0 .1);
                // undated (i64::MIN) last either way
                (da == i64::MIN)
                    .cmp(&(db == i64::MIN))
                    .then(if newest { db.cmp(&da) } else { da.cmp(&db) })
                    .then(b.0 .0.total_cmp(&a.0 .0))
                    .then((a.1.segment_ord, a.1.doc_id).cmp(&(b.1.segment_ord, b.1.doc_id)))
            });
            (total, all, fruit)
        }
    };
    let facets = tally.map(|t| t.into_counts());
    if req.per_doc {
        keyed = best_per_doc(reader, keyed, want)?;
    }
    let page: Vec<((Score, i64), DocAddress)> =
        keyed.into_iter().skip(req.offset).take(limit).collect();
    let mut hits = Vec::with_capacity(page.len());
    let units = plan
        .as_ref()
        .map(|p| p.highlights.clone())
        .unwrap_or_default();
    for ((score, _), addr) in page {
        // the page's records only, without what a hit never shows
        let rec = reader.hit_record(addr)?;
        let snippet = highlight::best_passage(&rec.text, &units, SNIPPET_CHARS)
            .unwrap_or_else(|| Snippet::collapsed(&lead(&rec.text), &[]));
        hits.push(SearchHit {
            score,
            states: rec.states(),
            entities: super::outline::entities_by_type(&rec),
            pages: rec.pages(),
            symbol: rec.symbol,
            doc_id: rec.doc_id,
            ordinal: rec.ordinal,
            title: rec.title,
            body: rec.body,
            date: rec.date,
            number: rec.number,
            item_title: rec.item_title,
            path: rec.path,
            snippet,
        });
    }
    let (corrections, explain) = match plan {
        Some(p) => (p.corrections, p.explain),
        None => (Vec::new(), vec!["(every record)".to_string()]),
    };
    let results = SearchResults {
        total,
        hits,
        facets,
        corrections,
        explain,
    };
    Ok((results, fruit))
}

/// The first characters of a record's body (after its heading line).
fn lead(text: &str) -> String {
    let body = text.split_once('\n').map_or(text, |(_, rest)| rest);
    let body = if body.trim().is_empty() { text } else { body };
    let mut end = SNIPPET_CHARS.min(body.len());
    while end > 0 && !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end].to_string()
}

/// Whether `query` matches at least one live record: it stops at the first,
/// where counting them all (a name's phrase forms over the whole index) cost a
/// fifth of a search that asks whether a name is in the index at all.
pub fn matches_any(reader: &IndexReader, query: &dyn Query) -> bool {
    count_up_to(reader, query, 1) > 0
}

/// How many live records `query` matches, counting no further than `limit`:
/// whether a name is in "at most a fifth of the records" needs no full count
/// of a name most records hold.
pub fn count_up_to(reader: &IndexReader, query: &dyn Query, limit: usize) -> usize {
    let searcher = reader.searcher();
    let Ok(weight) = query.weight(EnableScoring::disabled_from_searcher(searcher)) else {
        return 0;
    };
    let mut n = 0;
    for segment in searcher.segment_readers() {
        let Ok(mut scorer) = weight.scorer(segment, 1.0) else {
            continue;
        };
        let alive = segment.alive_bitset();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                n += 1;
                if n >= limit {
                    return n;
                }
            }
            doc = scorer.advance();
        }
    }
    n
}

/// A lower bound of the live records holding at least one of `terms`: in each
/// segment, the most records one term is in, less the segment's deleted
/// records. Read from the term dictionaries alone, no postings.
pub fn holders_at_least(reader: &IndexReader, terms: &[tantivy::Term]) -> usize {
    let mut n = 0usize;
    for segment in reader.searcher().segment_readers() {
        let most = terms
            .iter()
            .filter_map(|t| {
                let index = segment.inverted_index(t.field()).ok()?;
                index.doc_freq(t).ok()
            })
            .max()
            .unwrap_or(0);
        n += most.saturating_sub(segment.num_deleted_docs()) as usize;
    }
    n
}

/// Counts matching records by state, body, year and organisation, in one pass
/// over the matches (see [`super::facets`]).
pub fn facet_counts(reader: &IndexReader, query: &dyn Query) -> Result<FacetCounts, QueryError> {
    super::facets::facet_counts(reader, query)
}
