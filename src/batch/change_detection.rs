//! Deciding what a run has to do: compare the corpus walk with the manifest.
//!
//! Size and modification time equal to the manifest's means unchanged, without
//! reading the file (the fast path that makes a no-change re-run cheap). When they
//! differ the file is a *candidate*: a worker hashes it, and an equal hash means
//! only the metadata moved (a `touch`, a copy), so the document is not re-processed.
//! A document extracted with another rule set, or an index of another schema,
//! makes every document a candidate that must be re-processed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::corpus_walk::{CorpusFile, CorpusScan};
use super::manifest::{Manifest, ManifestEntry};

/// Why a document is re-processed even if its content did not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Nothing forces it: only added and changed files are processed.
    No,
    /// `--full` was given.
    Full,
    /// The index schema changed: the index is rebuilt from scratch.
    Schema {
        /// Schema of the existing index.
        from: u32,
        /// Schema of this agendex.
        to: u32,
    },
    /// The rule set changed since the last run.
    Rules,
}

/// What happens to one corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// Not in the index: process it.
    Add,
    /// In the index, but size or time differ: hash it, process it if the hash
    /// differs too (or if `force`).
    Check {
        /// Hash recorded in the manifest.
        old_hash: String,
        /// Process even when the hash is equal (rules, schema, `--full`).
        force: bool,
    },
}

/// A file to process, with what to do with it.
#[derive(Debug, Clone)]
pub struct Job {
    /// The file.
    pub file: CorpusFile,
    /// What to do.
    pub work: Work,
}

/// The plan of a run.
#[derive(Debug, Default)]
pub struct ChangePlan {
    /// Files to read, in id order.
    pub jobs: Vec<Job>,
    /// Ids in the index whose file is gone: their segments are deleted.
    pub removed: Vec<String>,
    /// Ids whose size and time match the manifest: left alone.
    pub unchanged: Vec<String>,
}

impl ChangePlan {
    /// Total bytes the jobs will read.
    pub fn bytes(&self) -> u64 {
        self.jobs.iter().map(|j| j.file.size).sum()
    }
}

/// The fingerprint a document's extraction depends on: the rule engine's own
/// fingerprint, every file of the rules folder (path and content), and the
/// agendex version (a new release may segment or extract differently). Any
/// change re-extracts; hashing the raw files as well errs on the side of
/// re-extracting (a comment edit costs one full run, a missed change would cost
/// wrong answers).
pub fn extraction_fingerprint(engine: &str, rules_dir: &Path) -> String {
    let mut h = blake3::Hasher::new();
    h.update(b"agendex ");
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(b"\0engine\0");
    h.update(engine.as_bytes());
    let files = walkdir::WalkDir::new(rules_dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file());
    for e in files {
        let rel = e.path().strip_prefix(rules_dir).unwrap_or(e.path());
        h.update(b"\0file\0");
        h.update(rel.to_string_lossy().as_bytes());
        h.update(b"\0");
        // unreadable files were already reported by the rule loader
        if let Ok(bytes) = std::fs::read(e.path()) {
            h.update(blake3::hash(&bytes).as_bytes());
        }
    }
    h.finalize().to_hex()[..32].to_string()
}

/// Why the whole corpus is re-processed, given the manifest and this run's settings.
pub fn rebuild_reason(
    manifest: &Manifest,
    had_index: bool,
    schema_version: u32,
    rules_fingerprint: &str,
    full: bool,
) -> Rebuild {
    if full {
        Rebuild::Full
    } else if had_index && manifest.schema_version != schema_version {
        Rebuild::Schema {
            from: manifest.schema_version,
            to: schema_version,
        }
    } else if had_index
        && !manifest.docs.is_empty()
        && manifest.docs.values().any(|e| e.rules != rules_fingerprint)
    {
        Rebuild::Rules
    } else {
        Rebuild::No
    }
}

/// Compares the walk with the manifest. `walked` are the absolute corpus roots
/// of this run: a document is removed only when its own root is among them and
/// its file is gone, so ingesting another folder adds to the index and never
/// empties it.
pub fn plan(
    scan: &CorpusScan,
    manifest: &Manifest,
    rebuild: Rebuild,
    rules_fingerprint: &str,
    walked: &[PathBuf],
) -> ChangePlan {
    let mut out = ChangePlan::default();
    let everything = matches!(rebuild, Rebuild::Full | Rebuild::Schema { .. });
    for (id, file) in &scan.files {
        let Some(entry) = manifest.docs.get(id) else {
            out.jobs.push(Job {
                file: file.clone(),
                work: Work::Add,
            });
            continue;
        };
        // per-document rule check: a run interrupted after a rules change left some
        // documents on the old rules, and only those must be redone
        let force = everything || entry.rules != rules_fingerprint;
        let same_meta = entry.size == file.size && entry.mtime_ns == file.mtime_ns;
        if same_meta && !force {
            out.unchanged.push(id.clone());
        } else {
            out.jobs.push(Job {
                file: file.clone(),
                work: Work::Check {
                    old_hash: entry.hash.clone(),
                    force,
                },
            });
        }
    }
    let present: &BTreeMap<String, CorpusFile> = &scan.files;
    out.removed = manifest
        .docs
        .iter()
        .filter(|(id, e)| !present.contains_key(*id) && root_was_walked(e, walked))
        .map(|(id, _)| id.clone())
        .collect();
    out
}

/// Whether the root `entry` was found under is one of `walked`. An entry of an
/// older manifest, without a root, is matched by its path; one that matches no
/// walked root is kept (removing it takes `agendex remove`).
pub fn root_was_walked(entry: &ManifestEntry, walked: &[PathBuf]) -> bool {
    match &entry.root {
        Some(root) => walked.iter().any(|w| w == root),
        None => {
            let path = crate::config::absolute(&entry.path);
            walked.iter().any(|w| path.starts_with(w))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;
    use std::path::PathBuf;

    fn file(id: &str, size: u64, mtime_ns: i128) -> CorpusFile {
        CorpusFile {
            id: id.into(),
            path: PathBuf::from(id),
            format: SourceFormat::Text,
            size,
            mtime_ns,
        }
    }

    fn entry(size: u64, mtime_ns: i128, rules: &str) -> ManifestEntry {
        ManifestEntry {
            path: PathBuf::new(),
            size,
            mtime_ns,
            hash: format!("h{size}"),
            segments: 1,
            entities: BTreeMap::new(),
            statements: 0,
            quality: None,
            rules: rules.into(),
            root: Some(PathBuf::from("/c")),
        }
    }

    fn walked() -> Vec<PathBuf> {
        vec![PathBuf::from("/c")]
    }

    fn setup() -> (CorpusScan, Manifest) {
        let mut scan = CorpusScan::default();
        for f in [file("same", 1, 1), file("edited", 2, 9), file("new", 3, 3)] {
            scan.files.insert(f.id.clone(), f);
        }
        let mut m = Manifest::empty(1);
        m.docs.insert("same".into(), entry(1, 1, "R"));
        m.docs.insert("edited".into(), entry(2, 2, "R"));
        m.docs.insert("gone".into(), entry(4, 4, "R"));
        (scan, m)
    }

    #[test]
    fn sorts_files_into_added_candidates_unchanged_and_removed() {
        let (scan, m) = setup();
        assert_eq!(rebuild_reason(&m, true, 1, "R", false), Rebuild::No);
        let p = plan(&scan, &m, Rebuild::No, "R", &walked());
        assert_eq!(p.unchanged, ["same"]);
        assert_eq!(p.removed, ["gone"]);
        let jobs: Vec<(&str, &Work)> = p
            .jobs
            .iter()
            .map(|j| (j.file.id.as_str(), &j.work))
            .collect();
        assert_eq!(
            jobs,
            [
                (
                    "edited",
                    &Work::Check {
                        old_hash: "h2".into(),
                        force: false
                    }
                ),
                ("new", &Work::Add)
            ]
        );
        assert_eq!(p.bytes(), 5);
    }

    #[test]
    fn documents_of_a_root_not_walked_are_kept() {
        let (scan, mut m) = setup();
        if let Some(e) = m.docs.get_mut("gone") {
            e.root = Some(PathBuf::from("/other"));
        }
        let p = plan(&scan, &m, Rebuild::No, "R", &walked());
        assert!(p.removed.is_empty(), "{:?}", p.removed);
        let p = plan(&scan, &m, Rebuild::No, "R", &[PathBuf::from("/other")]);
        assert_eq!(p.removed, ["gone"]);
    }

    #[test]
    fn a_rules_change_forces_every_document() {
        let (scan, m) = setup();
        assert_eq!(rebuild_reason(&m, true, 1, "S", false), Rebuild::Rules);
        let p = plan(&scan, &m, Rebuild::Rules, "S", &walked());
        assert!(p.unchanged.is_empty());
        assert_eq!(p.jobs.len(), 3);
        assert!(p
            .jobs
            .iter()
            .all(|j| matches!(j.work, Work::Add | Work::Check { force: true, .. })));
    }

    #[test]
    fn the_fingerprint_follows_rule_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.toml"), "x = 1").expect("write");
        let one = extraction_fingerprint("e", dir.path());
        assert_eq!(one, extraction_fingerprint("e", dir.path()));
        assert_ne!(one, extraction_fingerprint("f", dir.path()));
        std::fs::write(dir.path().join("a.toml"), "x = 2").expect("write");
        let two = extraction_fingerprint("e", dir.path());
        assert_ne!(one, two);
        std::fs::write(dir.path().join("b.toml"), "").expect("write");
        assert_ne!(two, extraction_fingerprint("e", dir.path()));
    }

    #[test]
    fn schema_and_full_rebuilds_are_detected() {
        let (_, m) = setup();
        assert_eq!(
            rebuild_reason(&m, true, 2, "R", false),
            Rebuild::Schema { from: 1, to: 2 }
        );
        assert_eq!(rebuild_reason(&m, true, 1, "R", true), Rebuild::Full);
        // a fresh index has nothing to rebuild
        assert_eq!(
            rebuild_reason(&Manifest::empty(0), false, 1, "R", false),
            Rebuild::No
        );
    }
}
