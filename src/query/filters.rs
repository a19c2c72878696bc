//! The filters shared by search, entities and summary: state, body, date range.

use std::ops::Bound;
use std::path::PathBuf;

use tantivy::query::{Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DateTime, Term};

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
            out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
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
