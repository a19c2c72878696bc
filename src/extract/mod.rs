//! Stage 3: entities and statements from rule files.
//!
//! A rules folder holds TOML files (see `rules/README.md`): gazetteers, pattern
//! rules with macros, normalisers, priorities and context conditions, sentence
//! rules for requests and commitments, and metadata rules. [`RuleSet::load`]
//! validates everything up front; [`extract`] runs it over one document:
//!
//! 1. [`sentences`]: units (sentences, list items, headings) with their segment;
//! 2. [`metadata`]: the header's fields, the date first (it anchors relative dates);
//! 3. candidates from [`gazetteer`]s and [`pattern_rule`]s (each searched only in
//!    the units where the [`prefilter`] saw it match), filtered by [`context`]
//!    conditions and valued by [`normalize`]rs;
//! 4. [`overlap`] resolution (priority, length, start, rule order);
//! 5. [`statements`]: requests and commitments over the surviving mentions.

pub mod acronyms;
pub mod context;
pub mod contributions;
pub mod deadlines;
pub mod doc_date;
pub mod examples;
pub mod explain;
pub mod extensions;
pub mod gazetteer;
pub mod macros;
pub mod metadata;
pub mod normalize;
pub mod org_lists;
pub mod overlap;
pub mod pattern_rule;
pub mod prefilter;
pub mod roles;
pub mod rule_check;
pub mod rule_file;
pub mod rule_inventory;
pub mod sentence_breaks;
pub mod sentences;
pub mod statements;

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::model::{Document, Extraction, Mention, Segment, Sentence, Span, Value};
use overlap::{Candidate, Status};
use pattern_rule::PatternRule;
use rule_file::{ExampleDef, Settings};
use sentences::Unit;

/// Whether a source is a gazetteer or a pattern rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A `[gazetteer]`.
    Gazetteer,
    /// A `[[rule]]`.
    Pattern,
}

/// A rule or gazetteer, as overlap resolution and `rules explain` see it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Unique name.
    pub name: String,
    /// Entity type of its mentions.
    pub entity: String,
    /// Priority.
    pub priority: i32,
    /// False for exclusion lists: they win overlaps and produce nothing.
    pub emit: bool,
    /// Gazetteer or pattern.
    pub kind: SourceKind,
    /// Rule file.
    pub file: String,
    /// Line in the rule file.
    pub line: usize,
    /// Examples.
    pub examples: Vec<ExampleDef>,
    /// Counter-examples.
    pub counter_examples: Vec<String>,
}

/// A loaded, validated rule set (everything in a rules folder).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Rules and gazetteers, in rule-set order.
    pub sources: Vec<Source>,
    patterns: Vec<PatternRule>,
    pattern_set: prefilter::PatternSet,
    gazetteers: gazetteer::GazetteerIndex,
    /// Sentence rules.
    pub statements: Vec<statements::StatementRule>,
    meta: Vec<metadata::MetaRule>,
    settings: Settings,
    fingerprint: String,
    /// The rules part by part, for incremental re-extraction.
    inventory: rule_inventory::RuleInventory,
    /// Searches every pattern rule in every unit, skipping the prefilter: the
    /// reference the prefilter is tested against.
    exhaustive: bool,
}

/// One problem in a rule file, reported as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file.
    pub file: std::path::PathBuf,
    /// 1-based line (0 when the problem is not tied to a line).
    pub line: usize,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// All problems found in a rules folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl std::fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

impl RuleSet {
    /// Loads and validates every `*.toml` rule file in `dir` (in name order).
    pub fn load(dir: &Path) -> Result<RuleSet, RuleErrors> {
        let one = |message: String| {
            RuleErrors(vec![RuleError {
                file: dir.to_path_buf(),
                line: 0,
                message,
            }])
        };
        let entries = std::fs::read_dir(dir).map_err(|e| {
            one(format!(
                "cannot read the rules folder: {e} (point --rules at a folder of .toml rule files)"
            ))
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            // the search synonyms live beside the rules but are not rules
            .filter(|p| !crate::query::synonyms::is_synonyms_file(p))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(one(
                "no .toml rule files in this folder (point --rules at the rules/ folder)".into(),
            ));
        }
        let mut errors = Vec::new();
        let mut files = Vec::new();
        for p in &paths {
            match rule_file::read(p) {
                Ok(f) => files.push(f),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        Self::compile(files)
    }

    fn compile(files: Vec<rule_file::LoadedFile>) -> Result<RuleSet, RuleErrors> {
        let mut inventory = rule_inventory::RuleInventory::build(&files);
        let mut set = rule_check::compile(files).map_err(RuleErrors)?;
        for p in &set.patterns {
            if let Some(src) = set.sources.get(p.source) {
                inventory.set_expanded(&src.name, p.regex.as_str());
            }
        }
        set.inventory = inventory;
        Ok(set)
    }

    /// Builds a rule set from in-memory files `(name, text)` (tests, examples).
    pub fn from_sources(files: &[(&str, &str)]) -> Result<RuleSet, RuleErrors> {
        let mut loaded = Vec::new();
        let mut errors = Vec::new();
        let mut sorted: Vec<&(&str, &str)> = files.iter().collect();
        sorted.sort_by_key(|f| f.0);
        for (name, text) in sorted {
            match rule_file::parse(Path::new(name), text.to_string()) {
                Ok(f) => loaded.push(f),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        Self::compile(loaded)
    }

    /// The rules part by part: what an incremental re-extraction compares.
    pub fn inventory(&self) -> &rule_inventory::RuleInventory {
        &self.inventory
    }

    /// A hash of the rule set's content: a change triggers re-extraction.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    /// The same rules, each pattern searched in every unit instead of only where
    /// the prefilter saw it match. Gives the same extraction, slower: it is the
    /// reference the prefilter's tests compare against.
    #[doc(hidden)]
    pub fn without_prefilter(&self) -> RuleSet {
        RuleSet {
            exhaustive: true,
            ..self.clone()
        }
    }

    fn header_bytes(&self) -> usize {
        self.settings
            .header_bytes
            .unwrap_or(metadata::DEFAULT_HEADER_BYTES)
    }
}

/// Everything one run found, losers included: what `rules explain` prints.
#[derive(Debug, Clone)]
pub struct Trace {
    /// Units.
    pub units: Vec<Unit>,
    /// Every candidate with its status.
    pub candidates: Vec<Candidate>,
    /// The date used for relative expressions.
    pub doc_date: Option<Date>,
}

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
fn candidates(
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

/// Runs the rules and keeps every candidate (for `rules explain` and tests).
pub fn trace(doc: &Document, segments: &[Segment], rules: &RuleSet) -> (Trace, Extraction) {
    run(doc, segments, rules, Values::OfAll)
}

fn run(
    doc: &Document,
    segments: &[Segment],
    rules: &RuleSet,
    values: Values,
) -> (Trace, Extraction) {
    let text = doc.text.as_str();
    let marks = sentences::heading_marks(&doc.marks);
    let units = sentences::split(text, &marks, segments, &rules.settings.abbreviations);
    let mut memo = UnitHits::default();
    let hdate = doc_date::header_date(text, &units, rules, &mut memo);
    let header = metadata::header_end(text, rules.header_bytes());
    let meta = metadata::read(text, header, &rules.meta, hdate, &marks);
    // an excerpt without a header still places "7 April" and "last September":
    // against the latest full date it gives
    let doc_date = meta
        .date
        .or(doc.meta.date)
        .or_else(|| doc_date::latest_full_date(text, &units, rules, &mut memo));
    let (cands, trigger_hits) = candidates(
        text,
        &units,
        0..units.len(),
        rules,
        doc_date,
        false,
        values,
        &mut memo,
    );
    let mut mentions: Vec<Mention> = cands
        .iter()
        .filter(|c| c.status == Status::Won)
        .filter_map(|c| {
            let src = rules.sources.get(c.source)?;
            if !src.emit {
                return None;
            }
            Some(Mention {
                entity: src.entity.clone(),
                rule: src.name.clone(),
                span: c.span,
                text: text.get(c.span.start..c.span.end)?.to_string(),
                segment: units.get(c.sentence).map(|u| u.segment).unwrap_or(0),
                sentence: c.sentence,
                value: c.value.clone()?,
            })
        })
        .collect();
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    acronyms::learn(text, &units, &mut mentions);
    org_lists::learn(text, &units, &mut mentions);
    link_surnames(&mut mentions);
    let stmts = statements::find(text, &units, &mentions, &rules.statements, &trigger_hits);
    let mut extraction = Extraction {
        sentences: units
            .iter()
            .map(|u| Sentence {
                span: u.span,
                segment: u.segment,
            })
            .collect(),
        mentions,
        statements: stmts,
        meta,
    };
    deadlines::attach_owners(&mut extraction, text);
    (
        Trace {
            units,
            candidates: cands,
            doc_date,
        },
        extraction,
    )
}

/// "Mr Titov" after "Assistant Secretary-General Dmitry Titov": a one-word person
/// name takes the canonical name of the one full name in the document that ends
/// with it (left alone when several do).
fn link_surnames(mentions: &mut [Mention]) {
    let full: Vec<String> = mentions
        .iter()
        .filter(|m| m.entity == "person" && m.canonical().contains(' '))
        .map(|m| m.canonical().to_string())
        .collect();
    for m in mentions.iter_mut().filter(|m| m.entity == "person") {
        let Value::Name { canonical, .. } = &mut m.value else {
            continue;
        };
        if canonical.contains(' ') {
            continue;
        }
        let suffix = format!(" {canonical}");
        let mut owners: Vec<&String> = full.iter().filter(|f| f.ends_with(&suffix)).collect();
        owners.dedup();
        if let [only] = owners.as_slice() {
            *canonical = (*only).clone();
        }
    }
}

/// Runs the rules over one segmented document.
pub fn extract(doc: &Document, segments: &[Segment], rules: &RuleSet) -> Extraction {
    run(doc, segments, rules, Values::OfWinners).1
}

/// A bare document around `text` (for `rules explain`, examples and tests).
pub fn text_document(text: &str, date: Option<Date>) -> Document {
    Document {
        id: "text".into(),
        path: PathBuf::from("text"),
        format: crate::model::SourceFormat::Text,
        text: text.to_string(),
        marks: Vec::new(),
        page_starts: Vec::new(),
        meta: crate::model::DocMeta {
            date,
            ..Default::default()
        },
        quality: None,
        warnings: Vec::new(),
    }
}
