//! Leaf queries (terms and phrases) that can be told to look only at a few
//! records: the re-ranking of a search's best candidates
//! ([`super::rank::scores_at`]) scores the exact query and the boosts on some
//! 200 records, but tantivy's union of a query's clauses fills a window of
//! 4,096 records from every clause at each step, so a phrase form in it
//! ("United Kingdom", "financial support") was matched, positions read, over
//! nearly every record that holds its words: in a profile of the search path
//! on 20,000 generated records, two fifths of its time.
//!
//! While [`restricted_to`] runs, a leaf built here gives a scorer that visits
//! the listed records only (each checked with tantivy's `seek_danger`, which
//! looks at that record alone), and none at all when no listed record
//! matches. Elsewhere it gives tantivy's own scorer, untouched. A leaf's score
//! on a record is the same either way, and the unions and intersections above
//! it add the same scores: re-ranking scores what it scored before.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use tantivy::query::{
    EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// [`tantivy::SeekDangerResult`], under a shorter name.
use tantivy::SeekDangerResult as Seek;

thread_local! {
    /// The records (of the segment whose scorers are being built) that
    /// restricted leaves visit, sorted; `None`: no restriction.
    static ONLY: RefCell<Option<Arc<[DocId]>>> = const { RefCell::new(None) };
}

/// Runs `build` (which makes scorers for one segment on this thread) with every
/// leaf of this module restricted to `docs` (sorted, distinct, of that
/// segment).
pub(crate) fn restricted_to<T>(docs: &[DocId], build: impl FnOnce() -> T) -> T {
    ONLY.with(|o| *o.borrow_mut() = Some(Arc::from(docs)));
    let out = build();
    ONLY.with(|o| *o.borrow_mut() = None);
    out
}

/// A term query (see [`TermQuery`]) that a re-ranking can restrict.
pub fn term(term: Term, option: IndexRecordOption) -> Box<dyn Query> {
    Box::new(Restrictable(Box::new(TermQuery::new(term, option))))
}

/// A phrase query of terms at their offsets, words at most `slop` apart
/// beyond them (see [`PhraseQuery`]), that a re-ranking can restrict.
pub fn phrase(terms: Vec<(usize, Term)>, slop: u32) -> Box<dyn Query> {
    let q = if slop == 0 {
        PhraseQuery::new_with_offset(terms)
    } else {
        PhraseQuery::new_with_offset_and_slop(terms, slop)
    };
    Box::new(Restrictable(Box::new(q)))
}

/// A leaf query whose scorers [`restricted_to`] can restrict.
struct Restrictable(Box<dyn Query>);

impl Clone for Restrictable {
    fn clone(&self) -> Self {
        Restrictable(self.0.box_clone())
    }
}

impl fmt::Debug for Restrictable {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Query for Restrictable {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(RestrictableWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

/// The weight of a [`Restrictable`]: the leaf's own, and its own scorer unless
/// restricted (so tantivy's specialised unions of term scorers still apply).
struct RestrictableWeight(Box<dyn Weight>);

fn only() -> Option<Arc<[DocId]>> {
    ONLY.with(|o| o.borrow().clone())
}

impl Weight for RestrictableWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        match only() {
            None => self.0.scorer(reader, boost),
            Some(docs) => Restricted::build(&*self.0, reader, boost, docs),
        }
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(Seek, Box<dyn Scorer>)> {
        match only() {
            None => self.0.scorer_danger(reader, target, boost),
            Some(docs) => {
                let mut scorer = Restricted::build(&*self.0, reader, boost, docs)?;
                let doc = scorer.doc();
                let found = match doc.cmp(&target) {
                    std::cmp::Ordering::Less => scorer.seek_danger(target),
                    std::cmp::Ordering::Equal => Seek::Found,
                    std::cmp::Ordering::Greater => Seek::SeekLowerBound(doc),
                };
                Ok((found, scorer))
            }
        }
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        match only() {
            None => self.0.count(reader),
            Some(_) => {
                let mut scorer = self.scorer(reader, 1.0)?;
                Ok(match reader.alive_bitset() {
                    Some(alive) => scorer.count(alive),
                    None => scorer.count_including_deleted(),
                })
            }
        }
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        match only() {
            None => self.0.for_each(reader, callback),
            Some(_) => {
                let mut scorer = self.scorer(reader, 1.0)?;
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    callback(doc, scorer.score());
                    doc = scorer.advance();
                }
                Ok(())
            }
        }
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        match only() {
            None => self.0.for_each_no_score(reader, callback),
            Some(_) => {
                let mut scorer = self.scorer(reader, 1.0)?;
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    callback(&[doc]);
                    doc = scorer.advance();
                }
                Ok(())
            }
        }
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        match only() {
            None => self.0.for_each_pruning(threshold, reader, callback),
            Some(_) => {
                let mut scorer = self.scorer(reader, 1.0)?;
                let mut threshold = threshold;
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    let score = scorer.score();
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                    doc = scorer.advance();
                }
                Ok(())
            }
        }
    }
}

/// A leaf's scorer that visits the listed records only.
struct Restricted {
    inner: Box<dyn Scorer>,
    docs: Arc<[DocId]>,
    /// Index in `docs` of the current record (`docs.len()`: done).
    at: usize,
    /// Whether the leaf matches the current record (false after a miss of
    /// `seek_danger`, when only `seek_danger` may follow).
    on_match: bool,
    /// The least record the leaf may still match: below it, the leaf is not
    /// asked (tantivy's scorers take ever larger targets).
    floor: DocId,
    /// The leaf's own cost and size estimates, so that an intersection orders
    /// its clauses (and so adds their scores) as it does unrestricted.
    cost: u64,
    size_hint: u32,
}

impl Restricted {
    /// The restricted scorer of `weight` on `reader`, on the first listed record
    /// it matches; tantivy's empty scorer when it matches none (the unions and
    /// intersections above drop or stop at it, as they do for a leaf matching
    /// nothing).
    fn build(
        weight: &dyn Weight,
        reader: &SegmentReader,
        boost: Score,
        docs: Arc<[DocId]>,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(&first) = docs.first() else {
            return Ok(Box::new(EmptyScorer));
        };
        let (found, inner) = weight.scorer_danger(reader, first, boost)?;
        if inner.is::<EmptyScorer>() {
            return Ok(Box::new(EmptyScorer));
        }
        let mut scorer = Restricted {
            cost: inner.cost(),
            size_hint: inner.size_hint(),
            inner,
            docs,
            at: 0,
            on_match: false,
            floor: first,
        };
        let doc = match found {
            Seek::Found => {
                scorer.on_match = true;
                scorer.floor = first.saturating_add(1);
                first
            }
            Seek::SeekLowerBound(lower) => {
                scorer.floor = lower.max(first.saturating_add(1));
                scorer.next_match(1)
            }
        };
        if doc == TERMINATED {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(scorer))
    }

    /// Whether the leaf matches listed record `doc`, asked of the leaf only
    /// when it may (never twice, never below what it said it skipped).
    fn check(&mut self, doc: DocId) -> bool {
        if doc < self.floor {
            return false;
        }
        match self.inner.seek_danger(doc) {
            Seek::Found => {
                self.floor = doc.saturating_add(1);
                true
            }
            Seek::SeekLowerBound(lower) => {
                self.floor = lower.max(doc.saturating_add(1));
                false
            }
        }
    }

    /// Moves to the first listed record from index `from` that the leaf
    /// matches.
    fn next_match(&mut self, from: usize) -> DocId {
        let mut i = from;
        while let Some(&doc) = self.docs.get(i) {
            if self.check(doc) {
                self.at = i;
                self.on_match = true;
                return doc;
            }
            i += 1;
        }
        self.at = self.docs.len();
        self.on_match = false;
        TERMINATED
    }

    /// Index of the first listed record at or after `target`.
    fn index_of(&self, target: DocId) -> usize {
        let start = self.at.min(self.docs.len());
        start + self.docs[start..].partition_point(|&d| d < target)
    }
}

impl DocSet for Restricted {
    fn advance(&mut self) -> DocId {
        if self.at >= self.docs.len() {
            return TERMINATED;
        }
        self.next_match(self.at + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.doc();
        if self.on_match && doc >= target {
            return doc;
        }
        let from = self.index_of(target);
        self.next_match(from)
    }

    fn seek_danger(&mut self, target: DocId) -> Seek {
        if self.on_match && self.doc() == target {
            return Seek::Found;
        }
        let from = self.index_of(target);
        self.at = from;
        match self.docs.get(from) {
            Some(&d) if d == target => {
                self.on_match = self.check(target);
                if self.on_match {
                    Seek::Found
                } else {
                    // the leaf may be left invalid: only seek_danger follows
                    Seek::SeekLowerBound(self.docs.get(from + 1).copied().unwrap_or(TERMINATED))
                }
            }
            Some(&d) => {
                self.on_match = false;
                Seek::SeekLowerBound(d)
            }
            None => {
                self.on_match = false;
                Seek::SeekLowerBound(TERMINATED)
            }
        }
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        self.size_hint
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

impl Scorer for Restricted {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BooleanQuery, Occur};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// Records of one segment: a phrase, its words apart, and neither.
    fn index() -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for i in 0..300 {
            let body = match i % 5 {
                0 => "the united kingdom funds mine clearance",
                1 => "kingdom funds and united nations",
                2 => "funds for clearance",
                3 => "united kingdom",
                _ => "survey of hazardous areas",
            };
            writer.add_document(doc!(text => body)).expect("add");
        }
        writer.commit().expect("commit");
        (index, text)
    }

    /// Each candidate's score by an unrestricted scorer moving forward, and by
    /// a restricted one.
    fn both(index: &Index, q: &dyn Query, docs: &[DocId]) -> Vec<(Option<Score>, Option<Score>)> {
        let searcher = index.reader().expect("reader").searcher();
        let weight = q
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let seg = searcher.segment_reader(0);
        let mut plain = weight.scorer(seg, 1.0).expect("scorer");
        let mut only = restricted_to(docs, || weight.scorer(seg, 1.0)).expect("scorer");
        docs.iter()
            .map(|&d| {
                let at = |s: &mut Box<dyn Scorer>| {
                    let doc = if s.doc() < d { s.seek(d) } else { s.doc() };
                    (doc == d).then(|| s.score())
                };
                (at(&mut plain), at(&mut only))
            })
            .collect()
    }

    #[test]
    fn restricted_leaves_score_candidates_as_unrestricted_ones() {
        let (index, text) = index();
        let t = |w: &str| Term::from_field_text(text, w);
        let phrase_q = || phrase(vec![(0, t("united")), (1, t("kingdom"))], 0);
        let funds = || term(t("funds"), IndexRecordOption::WithFreqs);
        let union = BooleanQuery::union(vec![phrase_q(), funds()]);
        let both_required = BooleanQuery::intersection(vec![phrase_q(), funds()]);
        let near = phrase(vec![(0, t("kingdom")), (1, t("funds"))], 4);
        let most = BooleanQuery::with_minimum_required_clauses(
            vec![
                (Occur::Should, phrase_q()),
                (Occur::Should, funds()),
                (
                    Occur::Should,
                    term(t("clearance"), IndexRecordOption::WithFreqs),
                ),
            ],
            2,
        );
        let candidates: Vec<DocId> = vec![0, 1, 3, 7, 8, 150, 151, 152, 153, 154, 298, 299];
        for q in [&union as &dyn Query, &both_required, &*near, &most] {
            let scored = both(&index, q, &candidates);
            assert!(scored.iter().any(|(a, _)| a.is_some()), "{q:?} matches");
            for ((plain, only), d) in scored.iter().zip(&candidates) {
                assert_eq!(plain.is_some(), only.is_some(), "{q:?} on {d}");
                if let (Some(a), Some(b)) = (plain, only) {
                    assert!((a - b).abs() <= a.abs() * 1e-6, "{q:?} on {d}: {a} vs {b}");
                }
            }
        }
        // a restricted scorer visits listed records only
        let searcher = index.reader().expect("reader").searcher();
        let weight = union
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .expect("weight");
        let seg = searcher.segment_reader(0);
        let mut only = restricted_to(&[5, 6, 9], || weight.scorer(seg, 1.0)).expect("scorer");
        let mut seen = Vec::new();
        while only.doc() != TERMINATED {
            seen.push(only.doc());
            only.advance();
        }
        assert_eq!(seen, [5, 6], "record 9 holds neither form");
        // outside `restricted_to`, the leaf is tantivy's own
        let mut all = weight.scorer(seg, 1.0).expect("scorer");
        assert_eq!(all.doc(), 0);
        assert_eq!(all.seek(9), 10);
    }
}
