//! Facet counts (records by state, body, year and organisation) counted in the
//! same pass over the matches as the ranking: [`FacetCounter`] is a collector
//! that joins the ranking's collector tuple, so a search page evaluates its
//! query once, not once for the hits and again for the facets.
//!
//! Per segment, the facet dictionary is turned once into a table from facet
//! ordinal to counted value, kept for the life of the segment (segments never
//! change once written): a request then only reads each match's facet ordinals
//! and adds to a flat array, with no dictionary walk or lookup.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::Query;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::search::FacetCounts;
use super::QueryError;
use crate::index::schema::{FACET_BODY, FACET_ORGANISATION, FACET_STATE, FACET_YEAR};
use crate::index::IndexReader;

/// Facet values listed per dimension.
pub const FACET_TOP: usize = 15;

/// Name of the facet field.
const FIELD: &str = "facets";

/// The counted dimensions, in the order of [`Dim`].
const ROOTS: [&str; 4] = [FACET_STATE, FACET_BODY, FACET_YEAR, FACET_ORGANISATION];

/// Index into [`ROOTS`].
type Dim = u8;

/// Marks a facet ordinal outside the counted dimensions.
const NOT_COUNTED: u32 = u32::MAX;

/// Segment tables kept before the oldest are dropped: an index has tens of
/// segments, and a few generations of them stay live while readers reload.
const MAX_TABLES: usize = 512;

/// One segment's facet ordinals mapped to the values they count for.
#[derive(Debug)]
struct SegmentTable {
    /// Facet ordinal -> slot in `values`, or [`NOT_COUNTED`].
    slot_of_ord: Vec<u32>,
    /// Per slot: its dimension and its value (the root's direct child).
    values: Vec<(Dim, Arc<str>)>,
}

impl SegmentTable {
    /// Reads the segment's facet dictionary once, in term order: every facet
    /// under a counted root maps to the root's direct child it lies under.
    fn build(reader: &tantivy::fastfield::FacetReader) -> std::io::Result<SegmentTable> {
        let dict = reader.facet_dict();
        let mut slot_of_ord = vec![NOT_COUNTED; dict.num_terms()];
        let mut values: Vec<(Dim, Arc<str>)> = Vec::new();
        let mut by_value: HashMap<(Dim, Vec<u8>), u32> = HashMap::new();
        let mut stream = dict.stream()?;
        while stream.advance() {
            let key = stream.key();
            // encoded facets separate their parts with a zero byte
            let mut parts = key.splitn(3, |&b| b == 0);
            let (Some(root), Some(child)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Some(dim) = ROOTS.iter().position(|r| r.as_bytes() == root) else {
                continue;
            };
            let dim = dim as Dim;
            let next = values.len() as u32;
            let slot = *by_value.entry((dim, child.to_vec())).or_insert(next);
            if slot == next {
                values.push((dim, Arc::from(String::from_utf8_lossy(child).as_ref())));
            }
            if let Some(s) = slot_of_ord.get_mut(stream.term_ord() as usize) {
                *s = slot;
            }
        }
        Ok(SegmentTable {
            slot_of_ord,
            values,
        })
    }
}

/// The tables of the segments seen, by segment id.
fn tables() -> &'static Mutex<HashMap<SegmentId, Arc<SegmentTable>>> {
    static TABLES: OnceLock<Mutex<HashMap<SegmentId, Arc<SegmentTable>>>> = OnceLock::new();
    TABLES.get_or_init(Default::default)
}

/// The table of `segment`, built on first use.
fn table_of(
    segment: &SegmentReader,
    reader: &tantivy::fastfield::FacetReader,
) -> tantivy::Result<Arc<SegmentTable>> {
    let id = segment.segment_id();
    // a panic elsewhere while holding the lock leaves a consistent map
    let known = tables()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&id)
        .cloned();
    if let Some(t) = known {
        return Ok(t);
    }
    // built outside the lock: two requests may both build it, both correct
    let table = Arc::new(SegmentTable::build(reader)?);
    let mut map = tables().lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= MAX_TABLES {
        map.clear();
    }
    map.insert(id, table.clone());
    Ok(table)
}

/// Counts matching records by state, body, year and organisation; each record
/// counts once per value, however many of its facets fall under it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FacetCounter;

/// A [`FacetCounter`]'s work on one segment.
pub struct SegmentFacetCounter {
    reader: tantivy::fastfield::FacetReader,
    table: Arc<SegmentTable>,
    counts: Vec<u64>,
    /// The last record counted per slot (a record's facets under one value
    /// count once).
    last_doc: Vec<DocId>,
}

/// Counts by dimension and value, merged over segments.
#[derive(Debug, Default)]
pub struct FacetTally(HashMap<(Dim, Arc<str>), u64>);

impl Collector for FacetCounter {
    type Fruit = FacetTally;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let reader = segment.facet_reader(FIELD)?;
        let table = table_of(segment, &reader)?;
        let slots = table.values.len();
        Ok(SegmentFacetCounter {
            reader,
            table,
            counts: vec![0; slots],
            last_doc: vec![DocId::MAX; slots],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetTally>) -> tantivy::Result<FacetTally> {
        let mut all = FacetTally::default();
        for fruit in fruits {
            for (k, n) in fruit.0 {
                *all.0.entry(k).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FacetTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.reader.facet_ords(doc) {
            let Some(&slot) = self.table.slot_of_ord.get(ord as usize) else {
                continue;
            };
            if slot == NOT_COUNTED {
                continue;
            }
            let s = slot as usize;
            if self.last_doc[s] != doc {
                self.last_doc[s] = doc;
                self.counts[s] += 1;
            }
        }
    }

    fn harvest(self) -> FacetTally {
        let mut out = HashMap::new();
        for (slot, &n) in self.counts.iter().enumerate() {
            if n > 0 {
                if let Some(v) = self.table.values.get(slot) {
                    out.insert(v.clone(), n);
                }
            }
        }
        FacetTally(out)
    }
}

impl FacetTally {
    /// Adds `n` records to `value` of dimension `dim` (0 states, 1 bodies,
    /// 2 years, 3 organisations).
    pub fn add(&mut self, dim: u8, value: Arc<str>, n: u64) {
        *self.0.entry((dim, value)).or_insert(0) += n;
    }

    /// The counts as shown: per dimension the [`FACET_TOP`] most frequent
    /// values (ties by name), years then in year order.
    pub fn into_counts(self) -> FacetCounts {
        let mut dims: [Vec<(String, u64)>; 4] = Default::default();
        for ((dim, value), n) in self.0 {
            if let Some(d) = dims.get_mut(dim as usize) {
                d.push((value.to_string(), n));
            }
        }
        for d in dims.iter_mut() {
            d.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            d.truncate(FACET_TOP);
        }
        let [states, bodies, mut years, organisations] = dims;
        years.sort();
        FacetCounts {
            states,
            bodies,
            years,
            organisations,
        }
    }
}

/// Counts the records `query` matches by state, body, year and organisation,
/// in a pass of its own (a search counts them with its ranking instead).
pub fn facet_counts(reader: &IndexReader, query: &dyn Query) -> Result<FacetCounts, QueryError> {
    let tally = reader
        .searcher()
        .search(query, &FacetCounter)
        .map_err(|e| reader.err("counting facets", e))?;
    Ok(tally.into_counts())
}
