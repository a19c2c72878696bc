//! One run of undo: before a commit replaces the index's last commit, that
//! commit's files are kept in `INDEX/previous/`; `agendex restore` swaps the two.
//! The rule set the commit was extracted with ([`INVENTORY_FILE`]) goes with
//! it, so the first rule change after a restore is compared with the rules of
//! the records restored and re-extracts only what it can touch.
//!
//! Tantivy never rewrites a file it has written (segments, delete bitsets) and
//! replaces `meta.json` by renaming a new file over it, so a snapshot is a set
//! of hard links, taken in milliseconds and costing no space for the segments
//! the two commits share. Where hard links are not possible (another file
//! system), the files are copied.

use std::io;
use std::path::{Path, PathBuf};

use super::index_repair::is_index_file;
use super::ingest_lock::IngestLock;
use super::ingest_run::RunError;
use super::rule_change::INVENTORY_FILE;

/// The folder, inside the index folder, that holds the previous commit.
pub const PREVIOUS_DIR: &str = "previous";

/// Replaces `INDEX/previous/` with the index's current commit. Called before
/// anything of the next commit replaces a file of this one (its rule set
/// included).
pub fn keep_previous(index_dir: &Path) -> io::Result<()> {
    if !index_dir.join("meta.json").is_file() {
        return Ok(());
    }
    let target = index_dir.join(PREVIOUS_DIR);
    let tmp = index_dir.join(".previous-new");
    let _ = std::fs::remove_dir_all(&tmp);
    link_index_files(index_dir, &tmp)?;
    replace_dir(&tmp, &target)
}

/// Whether `index_dir` holds a commit that `restore` can bring back.
pub fn has_previous(index_dir: &Path) -> bool {
    index_dir.join(PREVIOUS_DIR).join("meta.json").is_file()
}

/// What `restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Files of the restored commit.
    pub files: usize,
}

/// Brings back the commit kept in `INDEX/previous/`, and keeps the one it
/// replaces there, so that a second `restore` undoes the first. Holds the
/// ingest lock: a running ingest is never swapped under.
pub fn restore(index_dir: &Path) -> Result<Restored, RunError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| RunError::Io { path, source }
    };
    let previous = index_dir.join(PREVIOUS_DIR);
    if !has_previous(index_dir) {
        return Err(RunError::Io {
            path: previous,
            source: io::Error::new(
                io::ErrorKind::NotFound,
                "no previous commit kept here: `agendex restore` undoes one ingest, after a second ingest of this index",
            ),
        });
    }
    let _lock = IngestLock::acquire(index_dir)?;
    // 1. the current commit, kept aside: it becomes the new `previous`
    let current = index_dir.join(".previous-new");
    let _ = std::fs::remove_dir_all(&current);
    link_index_files(index_dir, &current).map_err(io_err(&current))?;
    // 2. the previous commit's files beside the current ones (names never clash:
    //    a shared name is the same file), meta.json last and by rename, so a
    //    kill at any point leaves one whole commit in place
    let mut files = 0;
    for entry in std::fs::read_dir(&previous).map_err(io_err(&previous))? {
        let entry = entry.map_err(io_err(&previous))?;
        let name = entry.file_name();
        if name == "meta.json" || name == ".managed.json" || name == INVENTORY_FILE {
            continue;
        }
        let dest = index_dir.join(&name);
        if !dest.exists() {
            link_or_copy(&entry.path(), &dest).map_err(io_err(&dest))?;
        }
        files += 1;
    }
    // tantivy's list of its files goes with the commit, so its garbage
    // collection keeps the restored segments; the rule set goes before
    // meta.json: a kill in between leaves the rules of the restored records
    // beside the newer records, whose older fingerprint marks them stale, so
    // the next rule change re-extracts them (correct, only slower). A previous
    // commit kept without its rule set leaves the current one, for that reason
    for name in [INVENTORY_FILE, ".managed.json", "meta.json"] {
        let from = previous.join(name);
        if !from.is_file() {
            continue;
        }
        let staged = index_dir.join(format!(".{name}.restore"));
        let _ = std::fs::remove_file(&staged);
        link_or_copy(&from, &staged).map_err(io_err(&staged))?;
        std::fs::rename(&staged, index_dir.join(name)).map_err(io_err(index_dir))?;
        files += 1;
    }
    // 3. the replaced commit is the one to restore next
    replace_dir(&current, &previous).map_err(io_err(&previous))?;
    Ok(Restored { files })
}

/// Hard-links (or copies) every index file of `from` into the new folder `to`.
fn link_index_files(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        let name_text = name.to_string_lossy();
        if is_file && (is_index_file(&name_text) || name_text == INVENTORY_FILE) {
            link_or_copy(&entry.path(), &to.join(&name))?;
        }
    }
    Ok(())
}

fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

/// Puts folder `new` in the place of `target`, removing the old `target`.
fn replace_dir(new: &Path, target: &Path) -> io::Result<()> {
    let old: PathBuf = target.with_extension("old");
    let _ = std::fs::remove_dir_all(&old);
    if target.exists() {
        std::fs::rename(target, &old)?;
    }
    std::fs::rename(new, target)?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}
