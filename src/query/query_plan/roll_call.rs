//! Roll-call damping: a state's name found in a list of many states (the
//! recorded votes of a General Assembly committee, "In favour: Albania,
//! Andorra, ..."; the sponsors of a draft; a table of contributing countries)
//! says little about that state. The query of a state name typed by the user
//! scores less in a segment that names very many states.
//!
//! The measure is the length of the segment's `state` field: each state the
//! segment mentions once, with its ISO code and the other spellings met, so
//! about three words per state. A recorded vote names some 180 states (about
//! 500 words there), a table of troop contributors 30 to 40, a section that
//! discusses a country a handful.

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// Words of the `state` field up to which a segment is not a list of states:
/// about 25 states (each name, its ISO code, another spelling). Above it the
/// score of a state's name falls with the excess: a recorded vote (~500
/// words) keeps about 0.14 of it, a table of 40 contributors (~115 words) 0.6.
/// With the square root (0.37 and 0.8) a state named in a vote still beat
/// its own statements in shorter sections: linear raised the development set
/// 'Lao PDR cluster munition' 0.777 -> 0.781, 'Britain contribution' 0.762 ->
/// 0.767 and heldout10 'Global Demining Initiative for Colombia' 0.964 ->
/// 1.000, nothing lower (session 9).
pub const LIST_WORDS: u32 = 70;

/// The factor a state-name match keeps in a segment whose `state` field has
/// `words` words.
pub fn damping(words: u32) -> f32 {
    if words <= LIST_WORDS {
        1.0
    } else {
        LIST_WORDS as f32 / words as f32
    }
}

/// `inner` (the query of a state's name), its score scaled by [`damping`].
pub struct RollCallDamped {
    inner: Box<dyn Query>,
    state: Field,
}

impl RollCallDamped {
    /// Wraps the query of a state's name; `state` is the index's state field.
    pub fn new(inner: Box<dyn Query>, state: Field) -> RollCallDamped {
        RollCallDamped { inner, state }
    }
}

impl Clone for RollCallDamped {
    fn clone(&self) -> Self {
        RollCallDamped {
            inner: self.inner.box_clone(),
            state: self.state,
        }
    }
}

impl fmt::Debug for RollCallDamped {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "RollCallDamped({:?})", self.inner)
    }
}

impl Query for RollCallDamped {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(RollCallWeight {
            inner: self.inner.weight(enable_scoring)?,
            state: self.state,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct RollCallWeight {
    inner: Box<dyn Weight>,
    state: Field,
}

impl RollCallWeight {
    fn norms(&self, reader: &SegmentReader) -> tantivy::Result<FieldNormReader> {
        reader.get_fieldnorms_reader(self.state)
    }
}

impl Weight for RollCallWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(RollCallScorer {
            inner: self.inner.scorer(reader, boost)?,
            norms: self.norms(reader)?,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let factor = damping(self.norms(reader)?.fieldnorm(doc));
        let mut out = Explanation::new("roll-call damping", inner.value() * factor);
        out.add_const("states named in the segment: factor", factor);
        out.add_detail(inner);
        Ok(out)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct RollCallScorer {
    inner: Box<dyn Scorer>,
    norms: FieldNormReader,
}

impl DocSet for RollCallScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for RollCallScorer {
    fn score(&mut self) -> Score {
        let factor = damping(self.norms.fieldnorm(self.inner.doc()));
        self.inner.score() * factor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_many_states_keep_less() {
        assert_eq!(damping(0), 1.0);
        assert_eq!(damping(LIST_WORDS), 1.0);
        // a recorded vote of some 180 states
        let vote = damping(500);
        assert!((0.1..0.2).contains(&vote), "{vote}");
        // a table of 40 contributing countries keeps more
        let table = damping(115);
        assert!(table > vote && table < 1.0, "{table}");
    }
}
