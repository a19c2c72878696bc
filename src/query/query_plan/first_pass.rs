//! The first pass of a plain ranked search (see
//! [`super::Plan::first_pass`]): every word of the query and of its
//! other forms as one flat sum of weighted term queries. Tantivy skips whole
//! blocks of postings that cannot reach the current best hits of such a sum
//! (block-max WAND); a nested query (one clause per word, the best form of each
//! counting) reads and scores every matching record. The sum only chooses the
//! candidates: the plan's own query re-scores them.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::forms::{analyse, is_vocabulary};
use super::{Ctx, Unit, HEADING_WEIGHT, MENTION_WEIGHT, TERM_WORDS_WEIGHT, TITLE_WEIGHT};
use crate::query::synonyms::{self, Source};

/// Weighted terms, each once (its highest weight kept).
#[derive(Default)]
pub struct Terms {
    terms: Vec<(Term, f32)>,
}

impl Terms {
    /// Adds each token of `tokens` in `field` at `weight`.
    pub fn add(&mut self, field: Field, tokens: &[(usize, String)], weight: f32) {
        for (_, t) in tokens {
            let term = Term::from_field_text(field, t);
            match self.terms.iter_mut().find(|(x, _)| *x == term) {
                Some((_, w)) => *w = w.max(weight),
                None => self.terms.push((term, weight)),
            }
        }
    }

    /// The flat sum, or `None` when there is no term.
    pub fn query(&self) -> Option<Box<dyn Query>> {
        if self.terms.is_empty() {
            return None;
        }
        let clauses = self
            .terms
            .iter()
            .map(|(term, w)| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                // a boost is folded into the term's scorer: the sum stays a
                // union of term scorers, which block-max WAND needs
                let q: Box<dyn Query> = if (w - 1.0).abs() < f32::EPSILON {
                    q
                } else {
                    Box::new(BoostQuery::new(q, *w))
                };
                (Occur::Should, q)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }
}

impl Ctx<'_> {
    /// Adds a top-level optional unit's terms to the first pass: what was
    /// typed in the text, heading and title; every other form's words in the
    /// text, weighted as in [`Ctx::unit_query`]; a known name's canonical words
    /// in the state or organisation field.
    pub(super) fn flat_unit(&mut self, unit: &Unit) {
        let f = self.reader.fields();
        let typed = analyse(&mut self.english, &unit.typed);
        for (field, w) in [
            (f.text, 1.0),
            (f.item, HEADING_WEIGHT),
            (f.title, TITLE_WEIGHT),
        ] {
            self.flat.add(field, &typed, w);
        }
        let Some(c) = &unit.concept else {
            return;
        };
        let typed_len = typed.len().max(1) as f32;
        for form in &c.forms {
            let w = form.weight * self.length_ratio(typed_len, &form.text);
            let toks = analyse(&mut self.english, &form.text);
            self.flat.add(f.text, &toks, w);
        }
        let words: Vec<&str> = unit.typed.split_whitespace().collect();
        if is_vocabulary(c) && words.len() > 1 {
            for w in words.iter().filter(|w| !synonyms::is_stop_word(w)) {
                let Some(sub) = self.synonyms.lookup(&[w]) else {
                    continue;
                };
                for form in &sub.forms {
                    let weight =
                        TERM_WORDS_WEIGHT * form.weight * self.length_ratio(1.0, &form.text);
                    let toks = analyse(&mut self.english, &form.text);
                    self.flat.add(f.text, &toks, weight);
                }
            }
        }
        for s in &c.sources {
            if let Source::Gazetteer { entity, canonical } = s {
                let field = if entity == "state" {
                    f.state
                } else {
                    f.organisation
                };
                let toks = analyse(&mut self.names, canonical);
                self.flat.add(field, &toks, MENTION_WEIGHT);
            }
        }
    }
}
