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
