//! Facet counts read from a table built once per index generation, for the
//! workbench (`agendex serve`), whose searches all count facets.
//!
//! [`crate::query::facets::FacetCounter`] decodes each match's facet ordinals from the
//! column store and maps them to counted values: in a profile of `serve` on
//! 20,000 generated records, about 44% of the CPU of a search that counts facets
//! (66,000 matches for two common words). [`FacetSlots`] does that decoding once
//! per segment, when the server opens a commit, and keeps per record the
//! distinct values it counts for (5.4 MB for 125,000 records, slots
//! as `u16` where a segment has at most 65,536 values): counting a match
//! is then adding one to a few array cells. The table holds each record's
//! meeting day too: a date filter, which tantivy evaluates by scanning the
//! date column of every record, is checked on the matches only. The counts are
//! the same as `FacetCounter`'s (`tests/it/serve_facets.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema::{FACET_BODY, FACET_ORGANISATION, FACET_STATE, FACET_YEAR};
use crate::index::{IndexError, IndexReader};
use crate::query::facets::FacetTally;
use crate::query::search::{FacetCounts, SearchRequest};
use crate::query::{query_parser, query_plan, Filters, QueryError};

/// Name of the facet field.
const FIELD: &str = "facets";

/// Meeting time of an undated record (no date range holds it).
const UNDATED: i64 = i64::MIN;

/// The counted dimensions, in the order of [`FacetCounts`]' fields.
const ROOTS: [&str; 4] = [FACET_STATE, FACET_BODY, FACET_YEAR, FACET_ORGANISATION];

/// One segment's records with the values they count for.
#[derive(Debug)]
struct SegmentSlots {
    id: SegmentId,
    /// Record `d`'s slots are `slots[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    /// Slots (indexes into `values`), distinct per record.
    slots: SlotList,
    /// Per slot: its dimension and its value (the root's direct child).
    values: Vec<(u8, Arc<str>)>,
    /// Per record: its meeting time in Unix seconds, or [`UNDATED`].
    dates: Vec<i64>,
}

impl SegmentSlots {
    fn build(segment: &SegmentReader) -> tantivy::Result<SegmentSlots> {
        let reader = segment.facet_reader(FIELD)?;
        let dict = reader.facet_dict();
        // facet ordinal -> slot, for facets under a counted root
        let mut slot_of_ord: Vec<Option<u32>> = vec![None; dict.num_terms()];
        let mut values: Vec<(u8, Arc<str>)> = Vec::new();
        let mut by_value: HashMap<(u8, Vec<u8>), u32> = HashMap::new();
        let mut stream = dict.stream()?;
        while stream.advance() {
            // encoded facets separate their parts with a zero byte
            let mut parts = stream.key().splitn(3, |&b| b == 0);
            let (Some(root), Some(child)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Some(dim) = ROOTS.iter().position(|r| r.as_bytes() == root) else {
                continue;
            };
            let next = values.len() as u32;
            let slot = *by_value.entry((dim as u8, child.to_vec())).or_insert(next);
            if slot == next {
                let value = String::from_utf8_lossy(child);
                values.push((dim as u8, Arc::from(value.as_ref())));
            }
            if let Some(s) = slot_of_ord.get_mut(stream.term_ord() as usize) {
                *s = Some(slot);
            }
        }
        let max_doc = segment.max_doc();
        let date_column = segment.fast_fields().date("date")?;
        let dates = (0..max_doc)
            .map(|d| {
                date_column
                    .first(d)
                    .map_or(UNDATED, |t| t.into_timestamp_secs())
            })
            .collect();
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut slots = Vec::new();
        starts.push(0);
        for doc in 0..max_doc {
            let first = slots.len();
            for ord in reader.facet_ords(doc) {
                if let Some(&Some(slot)) = slot_of_ord.get(ord as usize) {
                    slots.push(slot);
                }
            }
            // a record's facets under one value count once
            slots[first..].sort_unstable();
            let mut kept = first;
            for i in first..slots.len() {
                if kept == first || slots[kept - 1] != slots[i] {
                    slots[kept] = slots[i];
                    kept += 1;
                }
            }
            slots.truncate(kept);
            starts.push(slots.len() as u32);
        }
        Ok(SegmentSlots {
            id: segment.segment_id(),
            starts,
            slots: SlotList::new(slots, values.len()),
            values,
            dates,
        })
    }

    /// Adds the matches among `docs` to `counts` (one cell per slot) and
    /// returns how many there were: those whose meeting time is in `days`.
    fn tally(&self, docs: &[DocId], days: Option<(i64, i64)>, counts: &mut [u32]) -> usize {
        match &self.slots {
            SlotList::Narrow(slots) => tally(self, slots, docs, days, counts),
            SlotList::Wide(slots) => tally(self, slots, docs, days, counts),
        }
    }
}

/// The slots of every record, as narrow as the segment's number of values
/// allows: counting reads them for every match, so half the bytes is half the
/// memory traffic.
#[derive(Debug)]
enum SlotList {
    /// At most 65,536 values.
    Narrow(Vec<u16>),
    /// More.
    Wide(Vec<u32>),
}

impl SlotList {
    fn new(slots: Vec<u32>, values: usize) -> SlotList {
        if values <= usize::from(u16::MAX) + 1 {
            SlotList::Narrow(slots.iter().map(|&s| s as u16).collect())
        } else {
            SlotList::Wide(slots)
        }
    }

    fn len(&self) -> usize {
        match self {
            SlotList::Narrow(s) => s.len(),
            SlotList::Wide(s) => s.len(),
        }
    }

    fn width(&self) -> usize {
        match self {
            SlotList::Narrow(_) => 2,
            SlotList::Wide(_) => 4,
        }
    }
}

/// A slot number as stored.
trait Slot: Copy {
    fn index(self) -> usize;
}

impl Slot for u16 {
    fn index(self) -> usize {
        usize::from(self)
    }
}

impl Slot for u32 {
    fn index(self) -> usize {
        self as usize
    }
}

/// [`SegmentSlots::tally`] over one width of slots.
fn tally<S: Slot>(
    t: &SegmentSlots,
    slots: &[S],
    docs: &[DocId],
    days: Option<(i64, i64)>,
    counts: &mut [u32],
) -> usize {
    let mut matched = 0;
    for &doc in docs {
        let d = doc as usize;
        if let Some((from, until)) = days {
            let day = t.dates.get(d).copied().unwrap_or(UNDATED);
            if day == UNDATED || day < from || day >= until {
                continue;
            }
        }
        matched += 1;
        let (Some(&a), Some(&b)) = (t.starts.get(d), t.starts.get(d + 1)) else {
            continue;
        };
        for slot in slots.get(a as usize..b as usize).unwrap_or(&[]) {
            if let Some(c) = counts.get_mut(slot.index()) {
                *c += 1;
            }
        }
    }
    matched
}

/// Every segment's records with the values they count for, for one searcher.
#[derive(Debug)]
pub struct FacetSlots {
    segments: Vec<Arc<SegmentSlots>>,
}

impl FacetSlots {
    /// Reads the facets of every record of `reader`'s searcher (about 20 ms of
    /// CPU for 125,000 records in a release build: once per commit served).
    pub fn build(reader: &IndexReader) -> Result<FacetSlots, QueryError> {
        let segments = reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|s| SegmentSlots::build(s).map(Arc::new))
            .collect::<tantivy::Result<Vec<_>>>()
            .map_err(|e| reader.err("reading facets", e))?;
        Ok(FacetSlots { segments })
    }

    /// Bytes the table holds (its arrays; the value names are shared).
    pub fn bytes(&self) -> usize {
        self.segments
            .iter()
            .map(|t| {
                4 * t.starts.len()
                    + t.slots.width() * t.slots.len()
                    + 8 * t.dates.len()
                    + t.values.iter().map(|(_, v)| v.len() + 16).sum::<usize>()
            })
            .sum()
    }

    /// The number of records the search `req` matches and their counts by
    /// state, body, year and organisation, as
    /// [`crate::query::facets::facet_counts`] gives them. `reader` should be
    /// the one the table was built on (a segment it does not know is read on
    /// the spot, correct but slow).
    pub fn count(
        &self,
        reader: &IndexReader,
        req: &SearchRequest,
    ) -> Result<(usize, FacetCounts), QueryError> {
        let query = matches_but_dates(reader, req)?;
        let f = &req.filters;
        let days = (f.from.is_some() || f.to.is_some()).then(|| {
            (
                f.from.map_or(i64::MIN + 1, |d| d.unix_seconds()),
                f.to.map_or(i64::MAX, |d| d.add_days(1).unix_seconds()),
            )
        });
        let collector = SlotCounter { table: self, days };
        Ok(reader
            .searcher()
            .search(&*query, &collector)
            .map_err(|e| reader.err("counting facets", e))?)
    }
}

impl FacetSlots {
    /// A collector of the number matched and the facet counts, to run in a
    /// search's own pass ([`crate::query::search::search_with`]): the search's
    /// query holds every filter, so no date is checked here.
    pub fn counter(&self) -> SlotCounter<'_> {
        SlotCounter {
            table: self,
            days: None,
        }
    }
}

/// Counts matches into a [`FacetSlots`] table: the number matched and the
/// counts by state, body, year and organisation.
pub struct SlotCounter<'a> {
    table: &'a FacetSlots,
    /// Meeting times kept, in Unix seconds: from (inclusive) to (exclusive).
    days: Option<(i64, i64)>,
}

/// One segment's counts.
pub struct SegmentSlotCounter {
    table: Arc<SegmentSlots>,
    days: Option<(i64, i64)>,
    matched: usize,
    counts: Vec<u32>,
    /// Matches given one at a time (in a search's ranking pass), counted a
    /// block at a time: one dispatch on the slot width per block, not per match.
    pending: Vec<DocId>,
}

/// Matches held before they are counted.
const PENDING: usize = 256;

impl SegmentSlotCounter {
    fn flush(&mut self) {
        self.matched += self.table.tally(&self.pending, self.days, &mut self.counts);
        self.pending.clear();
    }
}

impl Collector for SlotCounter<'_> {
    type Fruit = (usize, FacetCounts);
    type Child = SegmentSlotCounter;

    fn for_segment(
        &self,
        ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentSlotCounter> {
        let table = match self.table.segments.get(ord as usize) {
            Some(t) if t.id == segment.segment_id() => t.clone(),
            // another searcher's segment: read it now rather than miscount
            _ => Arc::new(SegmentSlots::build(segment)?),
        };
        let slots = table.values.len();
        Ok(SegmentSlotCounter {
            table,
            days: self.days,
            matched: 0,
            counts: vec![0; slots],
            pending: Vec::with_capacity(PENDING),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentTally>) -> tantivy::Result<(usize, FacetCounts)> {
        let mut matched = 0;
        let mut tally = FacetTally::default();
        for (n, counts) in fruits {
            matched += n;
            for (dim, value, n) in counts {
                tally.add(dim, value, n);
            }
        }
        Ok((matched, tally.into_counts()))
    }
}

/// One segment's matches and their counts by (dimension, value).
type SegmentTally = (usize, Vec<(u8, Arc<str>, u64)>);

impl SegmentCollector for SegmentSlotCounter {
    type Fruit = SegmentTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.pending.push(doc);
        if self.pending.len() >= PENDING {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.flush();
        self.matched += self.table.tally(docs, self.days, &mut self.counts);
    }

    fn harvest(mut self) -> Self::Fruit {
        self.flush();
        let tally = self
            .counts
            .iter()
            .zip(&self.table.values)
            .filter(|(&n, _)| n > 0)
            .map(|(&n, (dim, value))| (*dim, value.clone(), u64::from(n)))
            .collect();
        (self.matched, tally)
    }
}

/// The query whose matches [`crate::query::search::search`] ranks and counts for
/// `req`: its plan's first-pass query (every record for an empty query, `*`, or
/// only stop words) with the filters, but for the date range, which the
/// counter checks.
fn matches_but_dates(
    reader: &IndexReader,
    req: &SearchRequest,
) -> Result<Box<dyn Query>, QueryError> {
    let trimmed = req.query.trim();
    let plan = if trimmed.is_empty() || trimmed == "*" {
        None
    } else {
        let clauses = query_parser::parse(trimmed).map_err(|e| IndexError::BadQuery {
            query: trimmed.to_string(),
            message: e.to_string(),
        })?;
        query_plan::plan(reader, &req.synonyms, &clauses, trimmed)?
    };
    let user: Box<dyn Query> = match plan {
        Some(p) => p.query,
        None => Box::new(AllQuery),
    };
    let undated = Filters {
        from: None,
        to: None,
        ..req.filters.clone()
    };
    let filters = undated.clauses(reader);
    if filters.is_empty() {
        return Ok(user);
    }
    let mut all = vec![(Occur::Must, user)];
    all.extend(filters);
    Ok(Box::new(BooleanQuery::new(all)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three records: slots {0, 2}, {}, {1, 2}; the second undated.
    fn table(wide: bool) -> SegmentSlots {
        let slots = vec![0, 2, 1, 2];
        SegmentSlots {
            id: SegmentId::generate_random(),
            starts: vec![0, 2, 2, 4],
            slots: if wide {
                SlotList::Wide(slots)
            } else {
                SlotList::new(slots, 3)
            },
            values: Vec::new(),
            dates: vec![100, UNDATED, 200],
        }
    }

    #[test]
    fn both_widths_count_matches_alike_and_check_dates_on_them() {
        for wide in [false, true] {
            let t = table(wide);
            assert_eq!(t.slots.width(), if wide { 4 } else { 2 });
            let mut counts = vec![0u32; 3];
            assert_eq!(t.tally(&[0, 1, 2], None, &mut counts), 3);
            assert_eq!(counts, [1, 1, 2]);
            // only the first record meets in [50, 150); the undated one never does
            let mut counts = vec![0u32; 3];
            assert_eq!(t.tally(&[0, 1, 2], Some((50, 150)), &mut counts), 1);
            assert_eq!(counts, [1, 0, 1]);
            // a record past the table counts as matched but adds to no value
            let mut counts = vec![0u32; 3];
            assert_eq!(t.tally(&[7], None, &mut counts), 1);
            assert_eq!(counts, [0, 0, 0]);
        }
    }
}
