//! `agendex rules diff`: what a rule edit would change, before anything is
//! written. The indexed documents a rule edit can touch (all of them when the
//! index's rules are not known part by part, or a macro changed; see
//! [`super::rule_change`]) are extracted again from their cached text with the
//! rules as they are now, and their mentions compared with those the index
//! holds, grouped by rule and entity type, with a few examples in context each.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::document_flow::hash_file;
use super::manifest::{self, CommitPayload};
use super::rule_change::{self, Decision};
use super::text_cache::TextCache;
use crate::extract::rule_inventory::RuleChange;
use crate::extract::RuleSet;
use crate::index::{IndexError, IndexReader};
use crate::ingest::IngestOptions;
use crate::pipeline;

/// One mention, reduced to what a diff compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffMention {
    /// Entity type.
    pub entity: String,
    /// Rule that made it.
    pub rule: String,
    /// The text as it stands.
    pub text: String,
    /// Normalised value, as JSON text.
    pub value: String,
}

/// A difference in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffExample {
    /// Document id.
    pub doc: String,
    /// Byte offset in the document's text.
    pub at: usize,
    /// What the index holds (none for an added mention).
    pub before: Option<DiffMention>,
    /// What the rules give now (none for a removed mention).
    pub after: Option<DiffMention>,
    /// Up to 60 characters either side.
    pub context: String,
}

/// Differences of one (change, rule, entity) group.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DiffGroup {
    /// How many.
    pub count: usize,
    /// Documents touched.
    pub documents: usize,
    /// The first few.
    pub examples: Vec<DiffExample>,
}

/// What `rules diff` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RulesDiff {
    /// Documents compared.
    pub documents: usize,
    /// Documents with at least one difference.
    pub documents_changed: usize,
    /// Documents not compared: changed on disk since indexing, gone, or failing
    /// (with the reason); the next ingest reads them anyway.
    pub skipped: Vec<(String, String)>,
    /// Mentions the rules now give that the index does not hold, by `rule/type`.
    pub added: BTreeMap<String, DiffGroup>,
    /// Mentions the index holds that the rules no longer give.
    pub removed: BTreeMap<String, DiffGroup>,
    /// Same place and type, another value or rule.
    pub changed: BTreeMap<String, DiffGroup>,
}

impl RulesDiff {
    /// Total differences.
    pub fn total(&self) -> usize {
        [&self.added, &self.removed, &self.changed]
            .iter()
            .flat_map(|m| m.values())
            .map(|g| g.count)
            .sum()
    }
}

/// Why a diff could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RulesDiffError {
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// No index, or one without a manifest.
    #[error("{0}: no index built by `agendex ingest` here: build one first, then edit the rules and run `agendex rules diff`")]
    NoIndex(PathBuf),
    /// The manifest could not be read.
    #[error(transparent)]
    Manifest(#[from] manifest::ManifestError),
}

type Keyed = BTreeMap<(usize, usize, String), DiffMention>;

/// One document compared: id, the index's mentions, the rules' mentions and the
/// text; or the id and why it was not compared.
type Compared = Result<(String, Keyed, Keyed, String), (String, String)>;

/// Compares the index in `index_dir` with a fresh extraction by `rules`, keeping
/// `examples` examples per group.
pub fn diff(
    index_dir: &Path,
    rules: &RuleSet,
    opts: &IngestOptions,
    examples: usize,
) -> Result<RulesDiff, RulesDiffError> {
    let payload = crate::index::read_commit_payload(index_dir)?
        .and_then(|p| CommitPayload::parse(&p))
        .ok_or_else(|| RulesDiffError::NoIndex(index_dir.to_path_buf()))?;
    let manifest = manifest::load(index_dir, &payload)?;
    let reader = IndexReader::open(index_dir)?;
    let cache = TextCache::new(index_dir);
    // with the rules the index was built with known part by part, only the
    // records holding a changed rule's texts can differ: the others are
    // compared without extracting them
    let docs: Vec<(String, String)> = manifest
        .docs
        .iter()
        .map(|(id, e)| (id.clone(), e.hash.clone()))
        .collect();
    let candidates: Option<BTreeSet<String>> =
        match rule_change::decide(index_dir, &manifest, rules.inventory()) {
            Decision::Select {
                change: RuleChange::Nothing,
                stale,
            } => Some(stale.into_iter().collect()),
            Decision::Select {
                change:
                    RuleChange::Texts {
                        exact, any_case, ..
                    },
                stale,
            } => rule_change::TextFinder::new(&exact, &any_case)
                .ok()
                .map(|f| {
                    rule_change::select(&cache, &docs, &f, rayon::current_num_threads())
                        .into_iter()
                        .chain(stale)
                        .collect()
                }),
            _ => None,
        };

    let per_doc: Vec<Compared> = manifest
        .docs
        .par_iter()
        .map(|(id, entry)| {
            let skip = |why: String| Err((id.clone(), why));
            match hash_file(&entry.path) {
                Ok(h) if h == entry.hash => {}
                Ok(_) => return skip("changed on disk since it was indexed".into()),
                Err(e) => return skip(format!("cannot read {}: {e}", entry.path.display())),
            }
            if candidates.as_ref().is_some_and(|c| !c.contains(id)) {
                return Ok((id.clone(), Keyed::new(), Keyed::new(), String::new()));
            }
            let before = match reader.doc_records(id) {
                Ok(records) => {
                    let mut k = Keyed::new();
                    for r in &records {
                        for m in &r.mentions {
                            let (key, dm) = keyed(m.span, &m.entity, &m.rule, &m.text, &m.value);
                            k.insert(key, dm);
                        }
                    }
                    k
                }
                Err(e) => return skip(e.to_string()),
            };
            // the text as it was read when indexed: no PDF is parsed again
            let doc = match cache.get(&entry.hash, id, &entry.path) {
                Some(doc) => pipeline::process_document(doc, rules),
                None => match pipeline::process_file(&entry.path, id, opts, rules) {
                    Ok(d) => d,
                    Err(e) => return skip(e.to_string()),
                },
            };
            let mut after = Keyed::new();
            for m in &doc.extraction.mentions {
                let (key, dm) = keyed(m.span, &m.entity, &m.rule, &m.text, &m.value);
                after.insert(key, dm);
            }
            Ok((id.clone(), before, after, doc.doc.text))
        })
        .collect();

    let mut out = RulesDiff::default();
    for r in per_doc {
        let (id, before, after, text) = match r {
            Ok(x) => x,
            Err(skipped) => {
                out.skipped.push(skipped);
                continue;
            }
        };
        out.documents += 1;
        let mut touched: BTreeMap<String, ()> = BTreeMap::new();
        let mut record = |kind: &mut BTreeMap<String, DiffGroup>,
                          key: &(usize, usize, String),
                          b: Option<DiffMention>,
                          a: Option<DiffMention>| {
            let group_key = a
                .as_ref()
                .or(b.as_ref())
                .map(|m: &DiffMention| format!("{}/{}", m.rule, m.entity))
                .unwrap_or_default();
            let g = kind.entry(group_key.clone()).or_default();
            g.count += 1;
            if touched.insert(format!("{group_key}\0{id}"), ()).is_none() {
                g.documents += 1;
            }
            if g.examples.len() < examples {
                g.examples.push(DiffExample {
                    doc: id.clone(),
                    at: key.0,
                    before: b,
                    after: a,
                    context: context(&text, key.0, key.1),
                });
            }
        };
        let mut changed_doc = false;
        for (key, b) in &before {
            match after.get(key) {
                None => {
                    record(&mut out.removed, key, Some(b.clone()), None);
                    changed_doc = true;
                }
                Some(a) if a != b => {
                    record(&mut out.changed, key, Some(b.clone()), Some(a.clone()));
                    changed_doc = true;
                }
                Some(_) => {}
            }
        }
        for (key, a) in &after {
            if !before.contains_key(key) {
                record(&mut out.added, key, None, Some(a.clone()));
                changed_doc = true;
            }
        }
        if changed_doc {
            out.documents_changed += 1;
        }
    }
    Ok(out)
}

/// A mention as a diff key (place and type) and what is compared there.
fn keyed(
    span: crate::model::Span,
    entity: &str,
    rule: &str,
    text: &str,
    value: &crate::model::Value,
) -> ((usize, usize, String), DiffMention) {
    (
        (span.start, span.end, entity.to_string()),
        DiffMention {
            entity: entity.to_string(),
            rule: rule.to_string(),
            text: text.to_string(),
            value: serde_json::to_string(value).unwrap_or_default(),
        },
    )
}

/// Up to 60 characters either side of `start..end`, the mention in brackets,
/// on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let floor = |mut i: usize| {
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end));
    let left: String = text[..start]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = text[end..].chars().take(60).collect();
    format!("{left}[{}]{right}", &text[start..end])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_mention_on_char_boundaries() {
        let t = "Le Chili a demandé une prolongation jusqu'au 1er mars 2026.";
        let s = t.find("prolongation").unwrap_or(0);
        assert_eq!(
            context(t, s, s + "prolongation".len()),
            "Le Chili a demandé une [prolongation] jusqu'au 1er mars 2026."
        );
        assert!(context(t, 1000, 2000).ends_with("2026.[]"));
    }
}
