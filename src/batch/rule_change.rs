//! Which records a rule change can touch.
//!
//! Each commit keeps the rule set it was extracted with, part by part
//! ([`RuleInventory`], in `rules-inventory.json`). When the rules change, the
//! old and new parts are compared ([`RuleInventory::change_to`]): a change of
//! pattern rules or gazetteer entries gives the texts any of their matches
//! needs, old version or new, and only the records whose text (from the
//! [`TextCache`]) holds one of them are extracted again; the others are
//! provably unchanged. A change that may touch any record (a macro, settings,
//! sentence rules) re-extracts everything, and the run says why.

use std::path::Path;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::manifest::{write_atomically, Manifest};
use super::text_cache::TextCache;
use crate::extract::rule_inventory::{RuleChange, RuleInventory};

/// Name of the kept rule set inside the index folder.
pub const INVENTORY_FILE: &str = "rules-inventory.json";

#[derive(Serialize, Deserialize)]
struct Stored {
    /// The extraction fingerprint the index's documents carry.
    fingerprint: String,
    inventory: RuleInventory,
}

/// Keeps `inventory` as the rule set of the documents extracted with
/// `fingerprint` (written before the commit that makes it true).
pub fn save(index_dir: &Path, fingerprint: &str, inventory: &RuleInventory) -> std::io::Result<()> {
    let stored = Stored {
        fingerprint: fingerprint.to_string(),
        inventory: inventory.clone(),
    };
    let json = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
    write_atomically(&index_dir.join(INVENTORY_FILE), &json)
}

/// What a run with changed rules does.
#[derive(Debug)]
pub enum Decision {
    /// Extract again only the records that can change: those the change can
    /// touch, and the `stale` ones, extracted with older rules still (a run
    /// stopped by Ctrl-C, a changed file that failed).
    Select {
        /// What changed since the rules the index was last committed with.
        change: RuleChange,
        /// Ids of documents extracted with other rules than those.
        stale: Vec<String>,
    },
    /// Extract everything again, for this reason.
    Everything(String),
}

/// Compares the rules the index in `index_dir` was extracted with (`old`, the
/// committed manifest) with `new`.
pub fn decide(index_dir: &Path, old: &Manifest, new: &RuleInventory) -> Decision {
    let stored: Option<Stored> = std::fs::read(index_dir.join(INVENTORY_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let Some(stored) = stored else {
        return Decision::Everything("the rules the index was built with are not kept".into());
    };
    let stale = old
        .docs
        .iter()
        .filter(|(_, e)| e.rules != stored.fingerprint)
        .map(|(id, _)| id.clone())
        .collect();
    match stored.inventory.change_to(new) {
        RuleChange::Everything(why) => Decision::Everything(why),
        change => Decision::Select { change, stale },
    }
}

/// Finds texts in a record, all at once.
pub struct TextFinder {
    exact: Option<AhoCorasick>,
    any_case: Option<regex::bytes::Regex>,
}

impl TextFinder {
    /// A finder of `exact` byte strings and of `any_case` texts ignoring case
    /// (Unicode simple case folding, as a case-insensitive rule matches).
    pub fn new(exact: &[Vec<u8>], any_case: &[String]) -> Result<TextFinder, String> {
        let exact = if exact.is_empty() {
            None
        } else {
            Some(AhoCorasick::new(exact).map_err(|e| e.to_string())?)
        };
        let any_case = if any_case.is_empty() {
            None
        } else {
            let alts: Vec<String> = any_case.iter().map(|t| regex::escape(t)).collect();
            Some(
                regex::bytes::RegexBuilder::new(&format!("(?i:{})", alts.join("|")))
                    .size_limit(256 << 20)
                    .dfa_size_limit(64 << 20)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(TextFinder { exact, any_case })
    }

    /// Whether `text` holds one of the texts.
    pub fn found_in(&self, text: &[u8]) -> bool {
        self.exact.as_ref().is_some_and(|ac| ac.is_match(text))
            || self.any_case.as_ref().is_some_and(|re| re.is_match(text))
    }
}

/// Of `docs` (`(id, content hash)`), the ids whose cached text holds one of
/// the texts of `finder`, or is not cached (it is read again to be sure), on
/// `jobs` threads.
pub fn select(
    cache: &TextCache,
    docs: &[(String, String)],
    finder: &TextFinder,
    jobs: usize,
) -> Vec<String> {
    let scan = || -> Vec<String> {
        docs.par_iter()
            .filter(|(_, hash)| match cache.text(hash) {
                Some(text) => finder.found_in(&text),
                None => true,
            })
            .map(|(id, _)| id.clone())
            .collect()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(scan),
        Err(_) => scan(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_found_exactly_or_ignoring_case() {
        let f = TextFinder::new(&[b"June".to_vec()], &["Chatham House".into()]).expect("finder");
        assert!(f.found_in(b"on 3 June"));
        assert!(!f.found_in(b"on 3 JUNE"));
        assert!(f.found_in(b"the CHATHAM house rule"));
        assert!(!f.found_in(b"Chatham"));
        let none = TextFinder::new(&[], &[]).expect("finder");
        assert!(!none.found_in(b"anything"));
    }
}
