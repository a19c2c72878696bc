//! Overlap resolution: one documented total order decides between candidates
//! that share bytes.
//!
//! Higher `priority` first; then the longer match; then the earlier start; then
//! the rule that comes first in the rule set (files in name order, rules in file
//! order). Candidates are taken in that order and kept when they overlap no
//! candidate kept before them. The order is total, so the outcome never depends
//! on the order in which rules happened to run.

use std::cmp::{Ordering, Reverse};

use crate::model::{Span, Value};

/// Where a candidate stands after resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Kept.
    Won,
    /// Overlaps a better candidate (index into the candidate list) for `reason`.
    Lost {
        /// The winner's index.
        winner: usize,
        /// Which criterion of the order decided.
        reason: String,
    },
    /// Removed before resolution: a context condition or the normaliser refused it.
    Dropped(String),
}

/// A possible mention.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the rule or gazetteer in the rule set's sources.
    pub source: usize,
    /// Priority of the source.
    pub priority: i32,
    /// Position of the source in the rule set.
    pub order: usize,
    /// Absolute span in the document text.
    pub span: Span,
    /// Index of the unit (sentence) holding it.
    pub sentence: usize,
    /// Normalised value (`None` when dropped before normalising).
    pub value: Option<Value>,
    /// Outcome.
    pub status: Status,
}

/// The total order: better candidates first.
pub fn better(a: &Candidate, b: &Candidate) -> Ordering {
    b.priority
        .cmp(&a.priority)
        .then(b.span.len().cmp(&a.span.len()))
        .then(a.span.start.cmp(&b.span.start))
        .then(a.order.cmp(&b.order))
}

/// Appends the decimal form of `n` (what `format!("{n}")` writes).
fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
    }
}

/// `a < b` between `open` and `close`: the reasons built by hand, because one
/// is written for every loser and `format!` costs more than the rest of its work.
fn compared(open: &str, a: i64, b: i64, close: &str) -> String {
    let mut s = String::with_capacity(open.len() + close.len() + 16);
    s.push_str(open);
    push_int(&mut s, a);
    s.push_str(" < ");
    push_int(&mut s, b);
    s.push_str(close);
    s
}

fn reason(w: &Candidate, l: &Candidate) -> String {
    if w.priority != l.priority {
        compared(
            "lower priority (",
            i64::from(l.priority),
            i64::from(w.priority),
            ")",
        )
    } else if w.span.len() != l.span.len() {
        compared(
            "shorter match (",
            l.span.len() as i64,
            w.span.len() as i64,
            " bytes)",
        )
    } else if w.span.start != l.span.start {
        "starts later".to_string()
    } else {
        "its rule comes later in the rule set".to_string()
    }
}

/// `better`'s criteria in its order, then the candidate's index.
type SortKey = (Reverse<i32>, Reverse<usize>, usize, usize, usize);

/// Resolves overlaps among the candidates not yet dropped; sets every status.
pub fn resolve(cands: &mut [Candidate]) {
    resolve_lazily(cands, |_, _| true);
}

/// [`resolve`] for candidates whose value is not known yet: `admit` is asked
/// about each candidate (by index) that overlaps no kept one, at the moment it would be
/// kept, and returns false (after setting its status to [`Status::Dropped`])
/// when its contexts or normaliser refuse it. The kept set is the one
/// [`resolve`] gives when every value is known beforehand: a refused candidate
/// keeps nothing out, and a candidate that overlaps a kept one loses whatever
/// its value, so losers need no value at all.
pub fn resolve_lazily(
    cands: &mut [Candidate],
    mut admit: impl FnMut(usize, &mut Candidate) -> bool,
) {
    // the order of `better`, then the index, as one key per candidate: keys are
    // distinct, so an unstable sort of the keys is the stable sort of the
    // candidates, without reading two candidates per comparison
    let mut keys: Vec<SortKey> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| !matches!(c.status, Status::Dropped(_)))
        .map(|(i, c)| {
            (
                Reverse(c.priority),
                Reverse(c.span.len()),
                c.span.start,
                c.order,
                i,
            )
        })
        .collect();
    keys.sort_unstable();
    let idx = keys.into_iter().map(|k| k.4);
    // kept spans are disjoint, so ordered by start they are ordered by end too: the
    // last kept span starting before `span.end` is the only one that can overlap it
    let mut kept: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for i in idx {
        let span = cands[i].span;
        let hit = kept
            .range(..span.end.max(span.start + 1))
            .next_back()
            .map(|(_, &k)| k)
            .filter(|&k| cands[k].span.overlaps(span) || cands[k].span == span);
        match hit {
            Some(k) => {
                let r = reason(&cands[k], &cands[i]);
                cands[i].status = Status::Lost {
                    winner: k,
                    reason: r,
                };
            }
            None => {
                if admit(i, &mut cands[i]) {
                    cands[i].status = Status::Won;
                    kept.insert(span.start, i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `resolve` as it was before sort keys and hand-built reasons.
    fn reference_resolve(cands: &mut [Candidate]) {
        fn old_reason(w: &Candidate, l: &Candidate) -> String {
            if w.priority != l.priority {
                format!("lower priority ({} < {})", l.priority, w.priority)
            } else if w.span.len() != l.span.len() {
                format!("shorter match ({} < {} bytes)", l.span.len(), w.span.len())
            } else if w.span.start != l.span.start {
                "starts later".to_string()
            } else {
                "its rule comes later in the rule set".to_string()
            }
        }
        let mut idx: Vec<usize> = (0..cands.len())
            .filter(|&i| !matches!(cands[i].status, Status::Dropped(_)))
            .collect();
        idx.sort_by(|&a, &b| better(&cands[a], &cands[b]).then(a.cmp(&b)));
        let mut kept: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for i in idx {
            let span = cands[i].span;
            let hit = kept
                .range(..span.end.max(span.start + 1))
                .next_back()
                .map(|(_, &k)| k)
                .filter(|&k| cands[k].span.overlaps(span) || cands[k].span == span);
            match hit {
                Some(k) => {
                    let r = old_reason(&cands[k], &cands[i]);
                    cands[i].status = Status::Lost {
                        winner: k,
                        reason: r,
                    };
                }
                None => {
                    cands[i].status = Status::Won;
                    kept.insert(span.start, i);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn resolve_matches_the_reference(
            raw in prop::collection::vec(
                (-30i32..30, 0usize..40, 0usize..8, 0usize..4, prop::bool::weighted(0.1)),
                0..40,
            )
        ) {
            let mut v: Vec<Candidate> = raw
                .iter()
                .map(|&(p, s, l, o, dropped)| {
                    let mut x = c(p, s, s + l, o);
                    if dropped {
                        x.status = Status::Dropped("why".into());
                    }
                    x
                })
                .collect();
            let mut w = v.clone();
            resolve(&mut v);
            reference_resolve(&mut w);
            let got: Vec<&Status> = v.iter().map(|x| &x.status).collect();
            let want: Vec<&Status> = w.iter().map(|x| &x.status).collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn reasons_write_numbers_as_format_does() {
        for n in [
            0i64,
            7,
            -7,
            10,
            123_456,
            i64::from(i32::MIN),
            i64::MAX,
            i64::MIN,
        ] {
            let mut s = String::new();
            push_int(&mut s, n);
            assert_eq!(s, format!("{n}"));
        }
    }

    fn c(priority: i32, start: usize, end: usize, order: usize) -> Candidate {
        Candidate {
            source: order,
            priority,
            order,
            span: Span::new(start, end),
            sentence: 0,
            value: None,
            status: Status::Won,
        }
    }

    #[test]
    fn priority_then_length_then_start_then_rule_order() {
        let mut v = vec![c(10, 0, 5, 0), c(20, 3, 6, 1)];
        resolve(&mut v);
        assert!(matches!(v[0].status, Status::Lost { winner: 1, .. }));
        let mut v = vec![c(10, 0, 5, 0), c(10, 2, 9, 1)];
        resolve(&mut v);
        assert!(matches!(v[0].status, Status::Lost { .. }));
        assert_eq!(v[1].status, Status::Won);
        let mut v = vec![c(10, 2, 6, 0), c(10, 0, 4, 1)];
        resolve(&mut v);
        assert_eq!(v[1].status, Status::Won);
        let mut v = vec![c(10, 0, 4, 1), c(10, 0, 4, 0)];
        resolve(&mut v);
        assert_eq!(v[1].status, Status::Won);
        match &v[0].status {
            Status::Lost { reason, .. } => assert!(reason.contains("later in the rule set")),
            s => panic!("{s:?}"),
        }
    }
}
