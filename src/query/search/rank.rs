//! Ranking passes of a search: the best hits by score scaled by segment
//! length (ties newest first); the
//! re-scoring of the best of them with the exact query and the proximity and
//! coverage boosts; one hit per document.

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, SegmentReader};

use super::{LENGTH_PIVOT, LONG_PIVOT, RERANK_DEPTH};
use crate::index::IndexReader;
use crate::query::QueryError;

/// Ranking key: score scaled down for short segments, then meeting date (newest
/// first among equal scores).
pub(super) type RankKey = (Score, i64);

/// What [`ranked`] gives: the number of matches, the best hits, and what the
/// caller's collector gathered in the same pass.
pub(super) type Ranked<F> = (usize, Vec<(RankKey, DocAddress)>, F);

/// Collects the best `n` hits by [`RankKey`], and with `extra` (facet counts,
/// the workbench's own counter) in the same pass over the matches.
pub(super) fn ranked<C: Collector>(
    reader: &IndexReader,
    query: &dyn Query,
    n: usize,
    extra: C,
) -> Result<Ranked<C::Fruit>, QueryError> {
    let top = TopRanked {
        n: n.max(1),
        text: reader.fields().text,
    };
    let (total, top, fruit) = reader
        .searcher()
        .search(query, &(Count, top, extra))
        .map_err(|e| reader.err("searching", e))?;
    Ok((total, top, fruit))
}

/// The best `n` hits by [`RankKey`], ties in index order (as tantivy's
/// `TopDocs` breaks them). A match whose raw score is below the worst kept
/// key's cannot enter (the length factor is at most 1), so its length and
/// date are never read: on a broad query (100,000 matches) most are not.
struct TopRanked {
    n: usize,
    text: tantivy::schema::Field,
}

/// One kept hit of a segment: its key, then its document (lower first on
/// equal keys).
#[derive(Clone, Copy)]
struct Kept {
    key: RankKey,
    doc: DocId,
}

impl Kept {
    /// Whether `self` ranks before `other`.
    fn better(&self, other: &Kept) -> bool {
        match self
            .key
            .0
            .total_cmp(&other.key.0)
            .then(self.key.1.cmp(&other.key.1))
        {
            std::cmp::Ordering::Equal => self.doc < other.doc,
            o => o == std::cmp::Ordering::Greater,
        }
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        !self.better(other) && !other.better(self)
    }
}

impl Eq for Kept {}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Kept) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kept {
    /// Worse is greater: the heap's top is the worst kept hit.
    fn cmp(&self, other: &Kept) -> std::cmp::Ordering {
        if self.better(other) {
            std::cmp::Ordering::Less
        } else if other.better(self) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }
}

/// [`TopRanked`] over one segment.
struct TopRankedSegment {
    n: usize,
    segment_ord: u32,
    kept: std::collections::BinaryHeap<Kept>,
    norms: Option<tantivy::fieldnorm::FieldNormReader>,
    dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
}

impl Collector for TopRanked {
    type Fruit = Vec<(RankKey, DocAddress)>;
    type Child = TopRankedSegment;

    fn for_segment(&self, segment_ord: u32, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(TopRankedSegment {
            n: self.n,
            segment_ord,
            kept: std::collections::BinaryHeap::with_capacity(self.n + 1),
            norms: seg.get_fieldnorms_reader(self.text).ok(),
            dates: seg.fast_fields().date("date").ok(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(RankKey, DocAddress)> = fruits.into_iter().flatten().collect();
        all.sort_by(|a, b| {
            b.0 .0
                .total_cmp(&a.0 .0)
                .then(b.0 .1.cmp(&a.0 .1))
                .then((a.1.segment_ord, a.1.doc_id).cmp(&(b.1.segment_ord, b.1.doc_id)))
        });
        all.truncate(self.n);
        Ok(all)
    }
}

impl SegmentCollector for TopRankedSegment {
    type Fruit = Vec<(RankKey, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.kept.len() >= self.n {
            // a later document never wins a tie, so an equal key stays out too
            if self.kept.peek().is_some_and(|worst| score < worst.key.0) {
                return;
            }
        }
        let words = self
            .norms
            .as_ref()
            .map_or(LENGTH_PIVOT, |n| n.fieldnorm(doc));
        let date = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map_or(i64::MIN, |d| d.into_timestamp_secs());
        let hit = Kept {
            key: (score * length_factor(words), date),
            doc,
        };
        if self.kept.len() < self.n {
            self.kept.push(hit);
        } else if self.kept.peek().is_some_and(|worst| hit.better(worst)) {
            self.kept.pop();
            self.kept.push(hit);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let segment_ord = self.segment_ord;
        self.kept
            .into_iter()
            .map(|k| {
                let addr = DocAddress {
                    segment_ord,
                    doc_id: k.doc,
                };
                (k.key, addr)
            })
            .collect()
    }
}

/// Re-scores the first [`RERANK_DEPTH`] ranked hits: the exact query's score
/// replaces the first pass's (which matched multi-word forms by their words
/// anywhere, and scores at least as high), the boosts' score is added, both
/// scaled by segment length, and they are sorted again; the rest keep their
/// order after them (the same depth for every page: pages never overlap).
pub(super) fn reranked(
    reader: &IndexReader,
    mut keyed: Vec<(RankKey, DocAddress)>,
    exact: Option<&dyn Query>,
    boosts: Option<&dyn Query>,
) -> Result<Vec<(RankKey, DocAddress)>, QueryError> {
    if exact.is_none() && boosts.is_none() {
        return Ok(keyed);
    }
    let depth = keyed.len().min(RERANK_DEPTH);
    // per segment, in doc order: a scorer only moves forward
    let mut order: Vec<usize> = (0..depth).collect();
    order.sort_by_key(|&i| (keyed[i].1.segment_ord, keyed[i].1.doc_id));
    let addrs: Vec<DocAddress> = order.iter().map(|&i| keyed[i].1).collect();
    let text = reader.fields().text;
    let searcher = reader.searcher();
    let factors: Vec<f32> = addrs
        .iter()
        .map(|a| {
            let words = searcher
                .segment_reader(a.segment_ord)
                .get_fieldnorms_reader(text)
                .map_or(LENGTH_PIVOT, |n| n.fieldnorm(a.doc_id));
            length_factor(words)
        })
        .collect();
    if let Some(exact) = exact {
        let scores = scores_at(reader, exact, &addrs)?;
        for ((&i, s), f) in order.iter().zip(scores).zip(&factors) {
            // matched by the words of a name apart only: last of the re-ranked
            keyed[i].0 .0 = s.unwrap_or(0.0) * f;
        }
    }
    if let Some(boosts) = boosts {
        let scores = scores_at(reader, boosts, &addrs)?;
        for ((&i, s), f) in order.iter().zip(scores).zip(&factors) {
            keyed[i].0 .0 += s.unwrap_or(0.0) * f;
        }
    }
    let (head, _) = keyed.split_at_mut(depth);
    head.sort_by(|a, b| {
        b.0 .0
            .total_cmp(&a.0 .0)
            .then(b.0 .1.cmp(&a.0 .1))
            .then((a.1.segment_ord, a.1.doc_id).cmp(&(b.1.segment_ord, b.1.doc_id)))
    });
    Ok(keyed)
}

/// The score of `query` on each of `addrs` (sorted by segment, then doc), or
/// `None` where it does not match: one forward pass of a scorer per segment.
pub(super) fn scores_at(
    reader: &IndexReader,
    query: &dyn Query,
    addrs: &[DocAddress],
) -> Result<Vec<Option<Score>>, QueryError> {
    let searcher = reader.searcher();
    let weight = query
        .weight(tantivy::query::EnableScoring::enabled_from_searcher(
            searcher,
        ))
        .map_err(|e| reader.err("ranking", e))?;
    let mut out = Vec::with_capacity(addrs.len());
    let mut current: Option<(u32, Box<dyn tantivy::query::Scorer>)> = None;
    for addr in addrs {
        if current.as_ref().is_none_or(|c| c.0 != addr.segment_ord) {
            let seg = searcher.segment_reader(addr.segment_ord);
            // the leaves look at this segment's candidates only (see `sparse`)
            let docs: Vec<DocId> = addrs
                .iter()
                .filter(|a| a.segment_ord == addr.segment_ord)
                .map(|a| a.doc_id)
                .collect();
            let scorer = super::sparse::restricted_to(&docs, || weight.scorer(seg, 1.0))
                .map_err(|e| reader.err("ranking", e))?;
            current = Some((addr.segment_ord, scorer));
        }
        let Some((_, scorer)) = current.as_mut() else {
            out.push(None);
            continue;
        };
        let at = if scorer.doc() < addr.doc_id {
            scorer.seek(addr.doc_id)
        } else {
            scorer.doc()
        };
        out.push((at == addr.doc_id).then(|| scorer.score()));
    }
    Ok(out)
}

/// Scale of a segment's score for its length in words: short boxes and whole
/// reports kept as one segment count less.
pub(super) fn length_factor(words: u32) -> f32 {
    let short = (words.clamp(1, LENGTH_PIVOT) as f32 / LENGTH_PIVOT as f32).sqrt();
    // a whole report in one segment holds every word many times over
    let long = (LONG_PIVOT as f32 / words.max(LONG_PIVOT) as f32).sqrt();
    short * long
}

/// Keeps the first hit of each document, until `want` documents are kept.
pub(super) fn best_per_doc(
    reader: &IndexReader,
    keyed: Vec<(RankKey, DocAddress)>,
    want: usize,
) -> Result<Vec<(RankKey, DocAddress)>, QueryError> {
    use tantivy::schema::Value;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let doc_id = reader.fields().doc_id;
    for (key, addr) in keyed {
        if out.len() >= want {
            break;
        }
        let doc: tantivy::TantivyDocument = reader
            .searcher()
            .doc(addr)
            .map_err(|e| reader.err("reading a stored record", e))?;
        let id = doc
            .get_first(doc_id)
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if seen.insert(id) {
            out.push((key, addr));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The segment collector keeps what sorting every match would keep: the
    /// best keys, ties to the lower document, whatever the length factor.
    #[test]
    fn top_ranked_keeps_the_best_keys_ties_to_the_first_document() {
        let matches: Vec<(DocId, Score, i64)> = (0..500u32)
            .map(|d| (d, ((d * 7919) % 13) as f32, i64::from((d * 31) % 5)))
            .collect();
        let n = 20;
        let mut seg = TopRankedSegment {
            n,
            segment_ord: 0,
            kept: std::collections::BinaryHeap::new(),
            norms: None,
            dates: None,
        };
        let mut expected: Vec<(RankKey, DocId)> = Vec::new();
        for &(doc, score, _) in &matches {
            seg.collect(doc, score);
            // no norms: every record counts as LENGTH_PIVOT words; no dates
            expected.push(((score * length_factor(LENGTH_PIVOT), i64::MIN), doc));
        }
        expected.sort_by(|a, b| b.0 .0.total_cmp(&a.0 .0).then(a.1.cmp(&b.1)));
        expected.truncate(n);
        let mut got: Vec<(RankKey, DocId)> = seg
            .harvest()
            .into_iter()
            .map(|(k, a)| (k, a.doc_id))
            .collect();
        got.sort_by(|a, b| b.0 .0.total_cmp(&a.0 .0).then(a.1.cmp(&b.1)));
        assert_eq!(got, expected);
    }
}
