//! Finding the records: walk the corpus folders, keep `.txt`, `.md` and `.pdf`
//! files, count the rest as skipped: other extensions, a folder's notes about
//! its records (`README`, `SOURCES`, `LICENSE`, `CHANGELOG`), empty files,
//! special files (FIFOs, devices, sockets: reading one could block for ever),
//! and symbolic links that lead outside the corpus folder (unless asked to
//! follow them). Every skipped file is named, for `-v`.
//!
//! Only metadata is read here (size, modification time): the walk of an unchanged
//! corpus must stay cheap, since it is all a no-change re-run does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::ingest;
use crate::model::SourceFormat;

/// One record file found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Stable id: the path relative to its corpus root.
    pub id: String,
    /// Where it is.
    pub path: PathBuf,
    /// How it will be read.
    pub format: SourceFormat,
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
}

/// A file the walk could not use, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: String,
}

/// A file the walk left out on purpose, with why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why it is not a record.
    pub why: String,
}

/// How the walk treats symbolic links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Follow links that lead outside the corpus folder too (links inside it are
    /// always followed).
    pub follow_links: bool,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct CorpusScan {
    /// Record files by id (sorted, so runs are reproducible).
    pub files: BTreeMap<String, CorpusFile>,
    /// Files that are not records, counted, not read.
    pub skipped: u64,
    /// The skipped files, named (other extensions, notes, special files, links).
    pub skipped_files: Vec<Skipped>,
    /// Zero-byte files with a record's extension: placeholders, not failures.
    pub empty: Vec<PathBuf>,
    /// Files or folders that could not be read, or ids given twice.
    pub problems: Vec<WalkProblem>,
}

/// Why the walk could not start.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    /// A corpus path given on the command line does not exist.
    #[error("{0}: no such file or folder; give the corpus folder(s) to read, e.g. `agendex ingest corpus/`")]
    Missing(PathBuf),
}

/// Walks every root. A root may be a folder (ids relative to it) or a single file
/// (id is its file name). Hidden files and folders (`.git`, `.DS_Store`) are
/// ignored, and so is `exclude` (the index folder, when it sits inside a root).
pub fn walk(
    roots: &[PathBuf],
    exclude: Option<&Path>,
    opts: WalkOptions,
) -> Result<CorpusScan, WalkError> {
    for r in roots {
        if !r.exists() {
            return Err(WalkError::Missing(r.clone()));
        }
    }
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut scan = CorpusScan::default();
    for root in roots {
        let inside = root.canonicalize().unwrap_or_else(|_| root.clone());
        let mut outside_links: Vec<Skipped> = Vec::new();
        let it = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // the root itself is always walked, even when its name starts with '.'
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let excluded = exclude.as_ref().is_some_and(|x| {
                    e.file_type().is_dir() && e.path().canonicalize().ok().as_ref() == Some(x)
                });
                if hidden || excluded {
                    return false;
                }
                if e.depth() > 0 && e.path_is_symlink() && !opts.follow_links {
                    let leaves = e
                        .path()
                        .canonicalize()
                        .map_or(true, |target| !target.starts_with(&inside));
                    if leaves {
                        outside_links.push(Skipped {
                            path: e.path().to_path_buf(),
                            why: "symbolic link leading outside the corpus folder \
                                  (give --follow-links to read it)"
                                .into(),
                        });
                        return false;
                    }
                }
                true
            });
        for entry in it {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    scan.problems.push(WalkProblem {
                        path: err.path().unwrap_or(root).to_path_buf(),
                        reason: format!("cannot read: {}", io_reason(&err)),
                    });
                    continue;
                }
            };
            let path = entry.path();
            let kind = entry.file_type();
            if kind.is_dir() {
                if entry.depth() > 0 && ingest::format_of(path).is_some() {
                    scan.skipped_files.push(Skipped {
                        path: path.to_path_buf(),
                        why: "a folder named like a record: its files are read as a folder's"
                            .into(),
                    });
                }
                continue;
            }
            if !kind.is_file() {
                scan.skip(path, "special file (FIFO, device or socket), not a record");
                continue;
            }
            let Some(format) = ingest::format_of(path) else {
                scan.skip(path, "not .txt, .md or .pdf");
                continue;
            };
            if let Some(name) = notes_name(path) {
                scan.skip(path, &format!("{name} file: notes about the records"));
                continue;
            }
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(err) => {
                    scan.problems.push(WalkProblem {
                        path: path.to_path_buf(),
                        reason: format!("cannot read: {}", io_reason(&err)),
                    });
                    continue;
                }
            };
            if meta.len() == 0 {
                scan.empty.push(path.to_path_buf());
                continue;
            }
            let id = ingest::doc_id(root, path);
            if let Some(first) = scan.files.get(&id) {
                scan.problems.push(WalkProblem {
                    path: path.to_path_buf(),
                    reason: format!(
                        "same document id '{id}' as {}: give the two folders as one parent folder",
                        first.path.display()
                    ),
                });
                continue;
            }
            scan.files.insert(
                id.clone(),
                CorpusFile {
                    id,
                    path: path.to_path_buf(),
                    format,
                    size: meta.len(),
                    mtime_ns: mtime_ns(&meta),
                },
            );
        }
        scan.skipped += outside_links.len() as u64;
        scan.skipped_files.extend(outside_links);
    }
    Ok(scan)
}

impl CorpusScan {
    fn skip(&mut self, path: &Path, why: &str) {
        self.skipped += 1;
        self.skipped_files.push(Skipped {
            path: path.to_path_buf(),
            why: why.to_string(),
        });
    }
}

/// Names of a folder's notes about its records, not records themselves.
const NOTES: [&str; 5] = ["README", "SOURCES", "LICENSE", "CHANGELOG", "COPYING"];

/// `README.md`, `sources.txt`, `LICENSE.md`, ...: the note's name, upper case.
fn notes_name(path: &Path) -> Option<&'static str> {
    let stem = path.file_stem()?.to_string_lossy();
    NOTES.iter().find(|n| stem.eq_ignore_ascii_case(n)).copied()
}

/// Modification time in nanoseconds since the epoch (0 when the platform has none).
pub fn mtime_ns(meta: &std::fs::Metadata) -> i128 {
    match meta.modified() {
        Ok(t) => match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        },
        Err(_) => 0,
    }
}

fn io_reason(err: &walkdir::Error) -> String {
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_records_counts_others_and_skips_hidden() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("masg/2015")).expect("mkdir");
        std::fs::create_dir_all(root.join(".git")).expect("mkdir");
        std::fs::write(root.join("masg/2015/a.txt"), "x").expect("write");
        std::fs::write(root.join("b.MD"), "y").expect("write");
        std::fs::write(root.join("c.pdf"), "%PDF").expect("write");
        std::fs::write(root.join("d.docx"), "z").expect("write");
        std::fs::write(root.join("README.md"), "# about this corpus").expect("write");
        std::fs::write(root.join(".git/e.txt"), "z").expect("write");
        let scan = walk(&[root.to_path_buf()], None, WalkOptions::default()).expect("walk");
        let ids: Vec<&str> = scan.files.keys().map(String::as_str).collect();
        assert_eq!(ids, ["b.MD", "c.pdf", "masg/2015/a.txt"]);
        assert_eq!(scan.skipped, 2);
        assert_eq!(scan.files["c.pdf"].format, SourceFormat::Pdf);
        assert_eq!(scan.files["b.MD"].size, 1);
    }

    #[test]
    fn a_missing_root_is_an_error_and_duplicate_ids_a_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope");
        assert!(matches!(
            walk(std::slice::from_ref(&missing), None, WalkOptions::default()),
            Err(WalkError::Missing(_))
        ));
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for d in [&a, &b] {
            std::fs::create_dir_all(d).expect("mkdir");
            std::fs::write(d.join("same.txt"), "x").expect("write");
        }
        let scan = walk(&[a, b.clone()], None, WalkOptions::default()).expect("walk");
        assert_eq!(scan.files.len(), 1);
        assert_eq!(scan.problems.len(), 1);
        assert_eq!(scan.problems[0].path, b.join("same.txt"));
    }

    #[test]
    fn the_index_folder_inside_the_corpus_is_not_walked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let idx = dir.path().join("index");
        std::fs::create_dir_all(&idx).expect("mkdir");
        std::fs::write(idx.join("x.txt"), "x").expect("write");
        std::fs::write(dir.path().join("r.txt"), "x").expect("write");
        let scan = walk(
            &[dir.path().to_path_buf()],
            Some(&idx),
            WalkOptions::default(),
        )
        .expect("walk");
        assert_eq!(scan.files.keys().collect::<Vec<_>>(), ["r.txt"]);
    }
}
