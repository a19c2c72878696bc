//! The filters shared by search, entities and summary: state, body, date range.

use std::ops::Bound;
use std::path::PathBuf;

use tantivy::query::{
    EnableScoring, Explanation, Occur, Query, RangeQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DateTime, DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

use super::names::{name_table, resolve, NameKind};
use super::QueryError;
use crate::date::{parse_date_range, Date};
use crate::index::schema::{FACET_BODY, FACET_STATE};
use crate::index::IndexReader;

/// Filters as typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    /// `--state NAME`: any name, alias or ISO3 code.
    pub state: Option<String>,
    /// `--body NAME`: MASG, CCM, APMBC, ...
    pub body: Option<String>,
    /// `--from DATE` (YYYY, YYYY-MM or YYYY-MM-DD: the start of that period).
    pub from: Option<String>,
    /// `--to DATE` (the end of that period).
    pub to: Option<String>,
    /// Rules folder whose gazetteers give aliases (optional).
    pub rules: Option<PathBuf>,
}

/// Filters resolved against the index: canonical names and a day range.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Canonical state name.
    pub state: Option<String>,
    /// Canonical body name.
    pub body: Option<String>,
    /// First meeting day (inclusive).
    pub from: Option<Date>,
    /// Last meeting day (inclusive).
    pub to: Option<Date>,
}

/// Parses a `--from`-style flag to the first day of the period it names.
pub fn parse_from(flag: &'static str, s: &str) -> Result<Date, QueryError> {
    parse_date_range(s)
        .map(|(start, _)| start)
        .map_err(|source| QueryError::BadDate { flag, source })
}

/// Parses a `--to`-style flag to the last day of the period it names.
pub fn parse_to(flag: &'static str, s: &str) -> Result<Date, QueryError> {
    parse_date_range(s)
        .map(|(_, end)| end)
        .map_err(|source| QueryError::BadDate { flag, source })
}

impl FilterArgs {
    /// Resolves names and dates; an unknown name fails with suggestions.
    pub fn resolve(&self, reader: &IndexReader) -> Result<Filters, QueryError> {
        let rules = self.rules.as_deref();
        let state = match &self.state {
            Some(typed) => {
                let table = name_table(reader, NameKind::State, rules)?;
                Some(resolve(reader, &table, NameKind::State, typed)??)
            }
            None => None,
        };
        let body = match &self.body {
            Some(typed) => {
                let table = name_table(reader, NameKind::Body, rules)?;
                Some(resolve(reader, &table, NameKind::Body, typed)??)
            }
            None => None,
        };
        let from = self
            .from
            .as_deref()
            .map(|s| parse_from("--from", s))
            .transpose()?;
        let to = self
            .to
            .as_deref()
            .map(|s| parse_to("--to", s))
            .transpose()?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(QueryError::Invalid(format!(
                    "--from {f} is after --to {t}: swap them"
                )));
            }
        }
        Ok(Filters {
            state,
            body,
            from,
            to,
        })
    }
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The filter clauses, each to be combined with `Occur::Must`.
    pub fn clauses(&self, reader: &IndexReader) -> Vec<(Occur, Box<dyn Query>)> {
        let f = reader.fields();
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(state) = &self.state {
            let facet = Facet::from_path([FACET_STATE, state.as_str()]);
            out.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_facet(f.facets, &facet),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(body) = &self.body {
            let facet = Facet::from_path([FACET_BODY, body.as_str()]);
            out.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_facet(f.facets, &facet),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if self.from.is_some() || self.to.is_some() {
            let term = |d: Date| {
                Term::from_field_date(f.date, DateTime::from_timestamp_secs(d.unix_seconds()))
            };
            let lower = self
                .from
                .map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
            let upper = self
                .to
                .map_or(Bound::Unbounded, |d| Bound::Excluded(term(d.add_days(1))));
            let range = RangeQuery::new(lower, upper);
            // alone beside the query, a date range must not drive the
            // intersection (see `Follower`); beside a state or body term, the
            // term drives it already, and the order of the clauses' scores is
            // left as it was
            if self.state.is_none() && self.body.is_none() {
                out.push((Occur::Must, Box::new(Follower(range))));
            } else {
                out.push((Occur::Must, Box::new(range)));
            }
        }
        out
    }

    /// True when a record with this meeting date passes the date filters (used
    /// where records are filtered after loading).
    pub fn date_ok(&self, date: Option<Date>) -> bool {
        match (self.from, self.to, date) {
            (None, None, _) => true,
            (_, _, None) => false,
            (from, to, Some(d)) => from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t),
        }
    }
}

/// A date range that an intersection never lets drive: tantivy rates a range
/// over the date column at 0.8 of the segment's records, so beside a query of
/// many optional words (which it rates higher) the range led, scanning the
/// date column for every record in range and asking the query about each
/// (a fifth of a cold workbench search with a start year). Following, it
/// answers one record at a time (`seek_danger`, a look at that record's
/// date). The records and scores are the same: with two clauses, the sum of
/// their scores does not depend on their order.
#[derive(Debug, Clone)]
struct Follower(RangeQuery);

impl Query for Follower {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(FollowerWeight(self.0.weight(enable_scoring)?)))
    }
}

struct FollowerWeight(Box<dyn Weight>);

impl Weight for FollowerWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(FollowerScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }
}

/// Cost given to a [`Follower`]'s scorer: above any query's, with room to be
/// summed by a union.
const FOLLOWER_COST: u64 = u64::MAX >> 16;

struct FollowerScorer(Box<dyn Scorer>);

impl DocSet for FollowerScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.0.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        FOLLOWER_COST
    }
}

impl Scorer for FollowerScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::BooleanQuery;
    use tantivy::schema::{DateOptions, Schema, TEXT};
    use tantivy::{doc, Index};

    #[test]
    fn a_following_date_range_selects_and_scores_as_the_range_does() {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let date = schema.add_date_field("date", DateOptions::default().set_indexed().set_fast());
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        let words = ["mine clearance", "clearance", "survey mine", "victim"];
        for i in 0..400i64 {
            writer
                .add_document(doc!(
                    text => words[(i % 4) as usize],
                    date => DateTime::from_timestamp_secs(i * 86_400),
                ))
                .expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let day = |d: i64| Term::from_field_date(date, DateTime::from_timestamp_secs(d * 86_400));
        let range = || RangeQuery::new(Bound::Included(day(30)), Bound::Excluded(day(300)));
        // many optional words: the range would lead the intersection
        let words_query = || -> Box<dyn Query> {
            Box::new(BooleanQuery::union(
                ["mine", "clearance", "survey", "victim"]
                    .iter()
                    .map(|w| {
                        Box::new(TermQuery::new(
                            Term::from_field_text(text, w),
                            IndexRecordOption::WithFreqs,
                        )) as Box<dyn Query>
                    })
                    .collect(),
            ))
        };
        let plain = BooleanQuery::new(vec![
            (Occur::Must, words_query()),
            (Occur::Must, Box::new(range())),
        ]);
        let following = BooleanQuery::new(vec![
            (Occur::Must, words_query()),
            (Occur::Must, Box::new(Follower(range()))),
        ]);
        let top = TopDocs::with_limit(400).order_by_score();
        let a = searcher.search(&plain, &(Count, top)).expect("search");
        let top = TopDocs::with_limit(400).order_by_score();
        let b = searcher.search(&following, &(Count, top)).expect("search");
        assert_eq!(a.0, 270);
        assert_eq!(a, b);
    }
}
