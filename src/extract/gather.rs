//! Candidates of every rule in a document's units: gazetteer hits and pattern
//! matches, the prefilter's answers kept between passes ([`UnitHits`]), and
//! which statement triggers may match where ([`TriggerHits`]).

use super::overlap::{self, Candidate, Status};
use super::sentences::Unit;
use super::{context, gazetteer, normalize, RuleSet};
use crate::date::Date;
use crate::model::{Span, Value};

/// The prefilter's answer for units already searched by an earlier pass over
/// the same text: the date passes (the header's date, an excerpt's latest date)
/// search units that the main pass searches again, with the same set, for the
/// same answer (on generated records the header's pass was a fifth of the
/// candidates' cost).
#[derive(Debug, Default)]
pub(crate) struct UnitHits {
    /// Entries per unit: the pattern rules, then the statement triggers.
    width: usize,
    /// `rows[u * width..(u + 1) * width]`: unit `u`'s answer, when `known[u]`.
    rows: Vec<bool>,
    known: Vec<bool>,
}

impl UnitHits {
    /// The answer kept for unit `u`, if a pass kept one.
    fn row(&self, u: usize) -> Option<&[bool]> {
        if !self.known.get(u).copied().unwrap_or(false) {
            return None;
        }
        self.rows.get(u * self.width..(u + 1) * self.width)
    }

    /// Keeps `hit` as unit `u`'s answer.
    fn keep(&mut self, u: usize, hit: &[bool]) {
        if self.width != hit.len() {
            // another rule set's rows mean nothing here
            *self = UnitHits {
                width: hit.len(),
                ..UnitHits::default()
            };
        }
        if self.known.len() <= u {
            self.known.resize(u + 1, false);
            self.rows.resize((u + 1) * self.width, false);
        }
        if let (Some(k), Some(row)) = (
            self.known.get_mut(u),
            self.rows.get_mut(u * self.width..(u + 1) * self.width),
        ) {
            row.copy_from_slice(hit);
            *k = true;
        }
    }
}

/// Candidates of all rules in units `units[range]`, and which statement triggers
/// may match in each unit (see [`TriggerHits`]). `memo` gives the prefilter's
/// answer for units an earlier pass searched; a dates-only pass fills it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn candidates(
    text: &str,
    units: &[Unit],
    only: std::ops::Range<usize>,
    rules: &RuleSet,
    doc_date: Option<Date>,
    dates_only: bool,
    values: Values,
    memo: &mut UnitHits,
) -> (Vec<Candidate>, TriggerHits) {
    let mut out = Vec::new();
    // deferred[i]: where the value candidate `i` still waits for comes from
    let mut deferred: Vec<Deferred> = Vec::new();
    let n_patterns = rules.patterns.len();
    let mut triggers = TriggerHits::anywhere(units.len(), rules.statements.len());
    // hit[p]: pattern p matches somewhere in the current unit; the statement
    // triggers follow the pattern rules in the set
    let mut hit = vec![rules.exhaustive; n_patterns + rules.statements.len()];
    for ui in only {
        let Some(u) = units.get(ui) else { continue };
        let Some(s) = text.get(u.span.start..u.span.end) else {
            continue;
        };
        let words = std::cell::OnceCell::new();
        if !dates_only {
            for h in rules.gazetteers.find(s) {
                let Some(g) = rules.gazetteers.gazetteers.get(h.gaz) else {
                    continue;
                };
                let Some(e) = g.entries.get(h.entry) else {
                    continue;
                };
                let Some(src) = rules.sources.get(g.source) else {
                    continue;
                };
                // most gazetteer hits lose an overlap (a state's name inside an
                // organisation's): cloning their name and attributes is wasted
                let value = if values == Values::OfWinners {
                    deferred.push(Deferred::Entry(h.gaz, h.entry));
                    None
                } else {
                    deferred.push(Deferred::No);
                    Some(entry_value(e))
                };
                out.push(Candidate {
                    source: g.source,
                    priority: src.priority,
                    order: g.source,
                    span: Span::new(u.span.start + h.span.start, u.span.start + h.span.end),
                    sentence: ui,
                    value,
                    status: Status::Won,
                });
            }
        }
        if !rules.exhaustive {
            match memo.row(ui).filter(|row| row.len() == hit.len()) {
                Some(row) => hit.copy_from_slice(row),
                None => {
                    hit.fill(false);
                    rules.pattern_set.matching(s, &mut hit);
                    if dates_only {
                        memo.keep(ui, &hit);
                    }
                }
            }
            triggers.set_unit(ui, hit.get(n_patterns..).unwrap_or(&[]));
        }
        for (pi, (p, _)) in rules
            .patterns
            .iter()
            .zip(&hit)
            .enumerate()
            .filter(|(_, (_, &h))| h)
        {
            if dates_only && p.normaliser != normalize::Normaliser::Date {
                continue;
            }
            let Some(src) = rules.sources.get(p.source) else {
                continue;
            };
            if values == Values::OfWinners && p.values_from_span() {
                for (start, end) in p.spans(s) {
                    deferred.push(Deferred::Pattern(pi));
                    out.push(Candidate {
                        source: p.source,
                        priority: src.priority,
                        order: p.source,
                        span: Span::new(u.span.start + start, u.span.start + end),
                        sentence: ui,
                        value: None,
                        status: Status::Won,
                    });
                }
                continue;
            }
            for m in p.find(s, &words, doc_date) {
                deferred.push(Deferred::No);
                let (value, status) = match m.value {
                    Ok(v) => (Some(v), Status::Won),
                    Err(why) => (None, Status::Dropped(why)),
                };
                out.push(Candidate {
                    source: p.source,
                    priority: src.priority,
                    order: p.source,
                    span: Span::new(u.span.start + m.start, u.span.start + m.end),
                    sentence: ui,
                    value,
                    status,
                });
            }
        }
    }
    // contexts and normalisers run for the candidates about to win only: most
    // candidates lose an overlap ("2015" inside "June 2015" inside "1 June 2015")
    let mut words_of: rustc_hash::FxHashMap<usize, std::cell::OnceCell<context::Words>> =
        Default::default();
    overlap::resolve_lazily(&mut out, |i, c| {
        let p = match deferred.get(i).copied() {
            Some(Deferred::Pattern(p)) => match rules.patterns.get(p) {
                Some(p) => p,
                None => return true,
            },
            Some(Deferred::Entry(g, e)) => {
                let entry = rules
                    .gazetteers
                    .gazetteers
                    .get(g)
                    .and_then(|g| g.entries.get(e));
                c.value = entry.map(entry_value);
                return true;
            }
            Some(Deferred::No) | None => return true,
        };
        let (Some(u), Some(s)) = (
            units.get(c.sentence),
            units
                .get(c.sentence)
                .and_then(|u| text.get(u.span.start..u.span.end)),
        ) else {
            return true;
        };
        let words = words_of.entry(c.sentence).or_default();
        let (start, end) = (c.span.start - u.span.start, c.span.end - u.span.start);
        match p.value_at(s, start, end, words, doc_date) {
            Ok(v) => {
                c.value = Some(v);
                true
            }
            Err(why) => {
                c.status = Status::Dropped(why);
                false
            }
        }
    });
    (out, triggers)
}

/// Where the value of a candidate comes from when it is not set at once.
#[derive(Debug, Clone, Copy)]
enum Deferred {
    /// The value is already set (or the candidate has none).
    No,
    /// Contexts and normaliser of pattern rule `0`, run on the span.
    Pattern(usize),
    /// Entry `1` of gazetteer `0`.
    Entry(usize, usize),
}

/// The value of a gazetteer entry's mentions.
fn entry_value(e: &gazetteer::Entry) -> Value {
    Value::Name {
        canonical: e.canonical.clone(),
        attrs: e.attrs.clone(),
    }
}

/// When candidates get their values (contexts and normaliser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Values {
    /// Every candidate, before overlaps are resolved: `rules explain` shows why
    /// each one was dropped.
    OfAll,
    /// Only the candidates about to win (same mentions, less work).
    OfWinners,
}

/// For each unit and statement rule, whether the rule's trigger may match in
/// the unit: false only where the prefilter's set saw it match nowhere in the
/// unit, so a statement rule skips the units where its search would find nothing.
#[derive(Debug, Clone)]
pub struct TriggerHits {
    rules: usize,
    may_match: Vec<bool>,
}

impl TriggerHits {
    /// Every trigger may match in every unit (nothing is skipped).
    fn anywhere(units: usize, rules: usize) -> TriggerHits {
        TriggerHits {
            rules,
            may_match: vec![true; units * rules],
        }
    }

    fn set_unit(&mut self, unit: usize, hits: &[bool]) {
        let at = unit * self.rules;
        if let Some(row) = self.may_match.get_mut(at..at + self.rules) {
            for (slot, &hit) in row.iter_mut().zip(hits) {
                *slot = hit;
            }
        }
    }

    /// Whether the trigger of statement rule `rule` may match in unit `unit`
    /// (true when unknown).
    pub fn may_match(&self, unit: usize, rule: usize) -> bool {
        self.may_match
            .get(unit * self.rules + rule)
            .copied()
            .unwrap_or(true)
    }
}
