//! Ranking passes of a search: the best hits by score scaled by segment
//! length (ties newest first); the
//! re-scoring of the best of them with the exact query and the proximity and
//! coverage boosts; one hit per document.

use tantivy::collector::{Collector, Count, TopDocs};
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
    let text = reader.fields().text;
    let top = TopDocs::with_limit(n.max(1)).tweak_score(move |seg: &SegmentReader| {
        let norms = seg.get_fieldnorms_reader(text).ok();
        let dates = seg.fast_fields().date("date").ok();
        move |doc: DocId, score: Score| {
            let words = norms.as_ref().map_or(LENGTH_PIVOT, |n| n.fieldnorm(doc));
            let date = dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .map_or(i64::MIN, |d| d.into_timestamp_secs());
            (score * length_factor(words), date)
        }
    });
    let (total, top, fruit) = reader
        .searcher()
        .search(query, &(Count, top, extra))
        .map_err(|e| reader.err("searching", e))?;
    Ok((total, top, fruit))
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
