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
mod gather;
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
use crate::model::{Document, Extraction, Mention, Segment, Sentence, Value};
pub use gather::TriggerHits;
pub(crate) use gather::{candidates, UnitHits, Values};
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
            .filter(|p| !rule_file::is_synonyms_file(p))
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
