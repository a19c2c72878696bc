//! The default rules, built into the binary.
//!
//! Every part of agendex that reads rules takes a folder (the rule loader, the
//! change detection's fingerprint, `rules explain`), so the built-in rules are
//! written once to a per-user cache folder named by their hash and read from
//! there: the same files for every run of one binary, a new folder for a binary
//! with other rules, and a user who edits nothing never sees them.
//! `agendex rules init DIR` writes them out for editing.

use std::io;
use std::path::{Path, PathBuf};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The built-in rule files, `(file name, text)`, in name order.
pub fn files() -> &'static [(&'static str, &'static str)] {
    generated::FILES
}

/// A short hash of the built-in rules' names and texts.
pub fn fingerprint() -> String {
    let mut h = blake3::Hasher::new();
    for (name, text) in files() {
        h.update(name.as_bytes());
        h.update(b"\0");
        h.update(text.as_bytes());
        h.update(b"\0");
    }
    h.finalize().to_hex()[..16].to_string()
}

/// Writes the built-in rules into `dir` (created if missing). Refuses to
/// overwrite an existing rule file unless `overwrite`, naming it, so that
/// `rules init` never loses a user's edits.
pub fn write_to(dir: &Path, overwrite: bool) -> io::Result<Vec<PathBuf>> {
    if !overwrite {
        for (name, _) in files() {
            let p = dir.join(name);
            if p.exists() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} already exists: choose an empty folder, or add --force to overwrite the default rule files there",
                        p.display()
                    ),
                ));
            }
        }
    }
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in files() {
        let p = dir.join(name);
        std::fs::write(&p, text)?;
        written.push(p);
    }
    Ok(written)
}

/// The folder holding the built-in rules, written there on first use:
/// `CACHE/agendex/rules-<hash>` (see [`super::user_dirs::cache_dir`]).
///
/// The folder is filled under a temporary name and renamed into place, so a
/// concurrent run or a kill never leaves a half-written rules folder behind.
pub fn materialised() -> io::Result<PathBuf> {
    let base = super::user_dirs::cache_dir()?;
    let dir = base.join(format!("rules-{}", fingerprint()));
    if is_complete(&dir) {
        return Ok(dir);
    }
    std::fs::create_dir_all(&base)?;
    let tmp = base.join(format!(".rules-{}-{}", fingerprint(), std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    write_to(&tmp, true)?;
    match std::fs::rename(&tmp, &dir) {
        Ok(()) => Ok(dir),
        // another run won the race; its copy is the same files
        Err(_) if is_complete(&dir) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Ok(dir)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// A materialised folder holds every built-in file with the built-in text.
fn is_complete(dir: &Path) -> bool {
    files().iter().all(|(name, text)| {
        std::fs::read(dir.join(name)).is_ok_and(|bytes| bytes == text.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_are_the_repository_rules() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let names: Vec<&str> = files().iter().map(|(n, _)| *n).collect();
        assert!(names.contains(&"states.toml") && names.contains(&"README.md"));
        for (name, text) in files() {
            let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            assert_eq!(&on_disk, text, "{name} differs from rules/{name}");
        }
    }

    #[test]
    fn write_to_refuses_to_overwrite_edits() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let dir = tmp.path().join("r");
        write_to(&dir, false).unwrap_or_else(|e| panic!("first write: {e}"));
        std::fs::write(dir.join("states.toml"), "# my edits").unwrap_or_else(|e| panic!("{e}"));
        let err = write_to(&dir, false).expect_err("second write must refuse");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("states.toml")).unwrap_or_default(),
            "# my edits"
        );
    }
}
