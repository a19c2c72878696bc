//! What a run does before writing, so that it ends where an uninterrupted run
//! would have ended whatever the last run left:
//!
//! - files of a commit that never completed (a kill between tantivy's segment
//!   writes and its `meta.json` rename) are removed: otherwise the next commit
//!   collides with them (`FileAlreadyExists(...del)`) every night;
//! - a damaged index (a missing, empty or unreadable file of the last commit)
//!   and `--repair` set the index files aside in a hidden folder inside the
//!   index folder, the run rebuilds from the corpus, and the folder is removed
//!   only once the new index is committed;
//! - the manifest is compared with the documents the index really holds, and
//!   every disagreement becomes work (re-add, delete), never a duplicate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::manifest::{self, Manifest};
use crate::index::{self, index_health, IndexError, IndexReader};

/// Prefix of the folders holding a set-aside index, inside the index folder.
pub const ASIDE_PREFIX: &str = ".set-aside-";

/// Removes the files of an unfinished commit; returns how many.
pub fn sweep(dir: &Path) -> Result<usize, IndexError> {
    index_health::sweep_leftovers(dir).map_err(|e| IndexError::write_failed(dir, dir, &e))
}

/// Moves every index file of `dir` (tantivy's files, the schema file, the
/// manifests) into a new hidden folder inside it; returns that folder. The
/// lock, the run reports and anything else stay.
pub fn set_aside(dir: &Path, run_id: &str) -> Result<PathBuf, IndexError> {
    let aside = dir.join(format!("{ASIDE_PREFIX}{run_id}"));
    let fail = |path: &Path, e: std::io::Error| IndexError::write_failed(dir, path, &e);
    std::fs::create_dir_all(&aside).map_err(|e| fail(&aside, e))?;
    let rd = std::fs::read_dir(dir).map_err(|e| fail(dir, e))?;
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|t| t.is_file()) && is_index_file(&name) {
            std::fs::rename(entry.path(), aside.join(&name)).map_err(|e| fail(&entry.path(), e))?;
        }
    }
    Ok(aside)
}

/// Removes every set-aside folder: called once a new index is committed.
pub fn drop_set_aside(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(ASIDE_PREFIX) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            // best effort: a folder left here costs disk, not correctness
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// True for the files an index of any schema is made of: tantivy's segment files
/// (`<32 hex>.<ext>`), its metadata, agendex's schema file and manifests. Anything
/// else in the folder (the lock, run reports, a `.gitkeep`, a user's notes) stays.
pub fn is_index_file(name: &str) -> bool {
    let segment_file = name
        .split_once('.')
        .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
    segment_file
        || name == "meta.json"
        || name == ".managed.json"
        || name == index::index_writer::SCHEMA_FILE
        || (name.starts_with(manifest::MANIFEST_PREFIX) && name.ends_with(".json"))
}

/// What the manifest and the index disagree on.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Disagreement {
    /// Listed by the manifest, but with no records, or another number of
    /// records, in the index: processed again (after deleting what is there).
    pub redo: Vec<String>,
    /// Records in the index of a document the manifest does not list: deleted.
    pub strays: Vec<String>,
}

impl Disagreement {
    /// True when the two agree.
    pub fn is_empty(&self) -> bool {
        self.redo.is_empty() && self.strays.is_empty()
    }
}

/// Compares the manifest with the live records of the index in `dir`.
pub fn compare(dir: &Path, manifest: &Manifest) -> Result<Disagreement, IndexError> {
    let reader = IndexReader::open(dir)?;
    let live = reader.live_records_by_doc()?;
    Ok(disagreement(manifest, &live))
}

fn disagreement(manifest: &Manifest, live: &BTreeMap<String, u32>) -> Disagreement {
    let mut d = Disagreement::default();
    for (id, entry) in &manifest.docs {
        // a document without an outline is one whole-document record
        let expected = entry.segments.max(1);
        if live.get(id).copied().unwrap_or(0) != expected {
            d.redo.push(id.clone());
        }
    }
    for id in live.keys() {
        if !manifest.docs.contains_key(id) {
            d.strays.push(id.clone());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_files_are_recognised_and_others_kept() {
        assert!(is_index_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_index_file("meta.json"));
        assert!(!is_index_file("ingest.lock"));
        assert!(!is_index_file("last-run.json"));
        assert!(!is_index_file("notes.txt"));
    }

    #[test]
    fn set_aside_keeps_the_lock_and_moves_the_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("meta.json"), "{}").expect("write");
        std::fs::write(dir.path().join("ingest.lock"), "1").expect("write");
        let aside = set_aside(dir.path(), "r1").expect("aside");
        assert!(aside.join("meta.json").is_file());
        assert!(dir.path().join("ingest.lock").is_file());
        assert!(!dir.path().join("meta.json").exists());
        drop_set_aside(dir.path());
        assert!(!aside.exists());
    }
}
