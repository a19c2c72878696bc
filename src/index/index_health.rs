//! Is the index whole? Finds what a killed run left behind (and removes it
//! before the next commit), and what damage (a deleted, truncated or altered
//! file) makes the index unreadable, naming the file.
//!
//! Two depths: [`quick_check`] opens every file the last commit lists (cheap:
//! every command that reads the index does it anyway); [`full_check`] also
//! verifies tantivy's per-file checksums and decodes every stored record
//! (`agendex check`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::{Index, TantivyDocument, TantivyError};

use super::guarded_directory::GuardedDirectory;
use super::index_writer::{index_exists, open_directory};

/// One damaged part of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// The file, relative to the index folder (`meta.json`, a segment file).
    pub file: PathBuf,
    /// What is wrong, in plain words.
    pub what: String,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.what)
    }
}

/// The damage a tantivy error points at, when it is damage (a missing file, a
/// file that cannot be read, data that does not decode) rather than a busy lock
/// or a bad query.
pub fn damage_of(err: &TantivyError) -> Option<Damage> {
    use tantivy::directory::error::OpenReadError;
    let (file, what) = match err {
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(p)) => {
            (p.clone(), "missing".to_string())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            (filepath.clone(), format!("cannot be read ({io_error})"))
        }
        TantivyError::DataCorruption(c) => {
            // the path is private to tantivy; its Debug text names it
            let text = format!("{c:?}");
            let file = text
                .split('"')
                .find(|s| s.contains('.') && !s.contains(' '))
                .map_or_else(|| PathBuf::from("(unknown file)"), PathBuf::from);
            (file, "corrupt (does not decode)".to_string())
        }
        TantivyError::IoError(e) => (
            PathBuf::from("(unknown file)"),
            format!("cannot be read ({e})"),
        ),
        TantivyError::DeserializeError(e) => (
            PathBuf::from("(unknown file)"),
            format!("does not decode ({e:?})"),
        ),
        _ => return None,
    };
    Some(Damage { file, what })
}

/// Opens the last commit and every file it lists. `Ok(())` for a folder
/// without an index (nothing to be damaged).
pub fn quick_check(dir: &Path) -> Result<(), Damage> {
    if !index_exists(dir) {
        return Ok(());
    }
    let index = open(dir)?;
    let metas = index.load_metas().map_err(|e| as_damage(&e, "meta.json"))?;
    for file in sorted(metas.list_segment_files()) {
        // a segment without deletes lists a `.0.del` it never wrote
        if is_unwritten_delete_file(&file, &metas) {
            continue;
        }
        match std::fs::metadata(dir.join(&file)) {
            Ok(m) if m.len() == 0 => {
                return Err(Damage {
                    file,
                    what: "empty (truncated)".into(),
                })
            }
            Ok(_) => {}
            Err(_) => {
                return Err(Damage {
                    file,
                    what: "missing".into(),
                })
            }
        }
    }
    let reader = index
        .reader()
        .map_err(|e| as_damage(&e, "(a segment file)"))?;
    drop(reader);
    Ok(())
}

/// Everything [`quick_check`] does, then tantivy's checksum of every file and
/// the decoding of every stored record. Every damaged file is listed.
pub fn full_check(dir: &Path) -> Vec<Damage> {
    if let Err(d) = quick_check(dir) {
        return vec![d];
    }
    if !index_exists(dir) {
        return Vec::new();
    }
    let index = match open(dir) {
        Ok(i) => i,
        Err(d) => return vec![d],
    };
    let mut found = Vec::new();
    match index.validate_checksum() {
        Ok(bad) => {
            for file in sorted(bad) {
                found.push(Damage {
                    file,
                    what: "checksum does not match (the file was altered)".into(),
                });
            }
        }
        Err(e) => found.push(as_damage(&e, "(a segment file)")),
    }
    if !found.is_empty() {
        return found;
    }
    if let Err(d) = decode_every_record(&index) {
        found.push(d);
    }
    found
}

/// Reads every stored record back: a store that passes its checksum but does
/// not decode (written by a broken build) is damage too.
fn decode_every_record(index: &Index) -> Result<(), Damage> {
    let reader = index.reader().map_err(|e| as_damage(&e, "(a segment)"))?;
    let searcher = reader.searcher();
    for seg in searcher.segment_readers() {
        let store_file = PathBuf::from(format!("{}.store", seg.segment_id().uuid_string()));
        let store = seg
            .get_store_reader(64)
            .map_err(|e| as_damage(&TantivyError::from(e), &store_file.to_string_lossy()))?;
        for doc in seg.doc_ids_alive() {
            store
                .get::<TantivyDocument>(doc)
                .map_err(|e| as_damage(&e, &store_file.to_string_lossy()))?;
        }
    }
    Ok(())
}

/// Files of an unfinished commit: segment files (`<32 hex>.*`) that the last
/// committed `meta.json` does not list, and temporary files of an atomic write
/// (`.tmp*`). Only call with the ingest lock held: a running writer's new
/// segments are unlisted too until it commits.
pub fn leftover_files(dir: &Path) -> Vec<PathBuf> {
    let listed: HashSet<PathBuf> = if index_exists(dir) {
        match Index::open_in_dir(dir).and_then(|i| i.load_metas()) {
            Ok(m) => m.list_segment_files(),
            // an unreadable meta.json is damage, for the repair to handle
            Err(_) => return Vec::new(),
        }
    } else {
        HashSet::new()
    };
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in rd.flatten() {
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let segment_file = name
            .split_once('.')
            .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
        let temp = name.starts_with(".tmp");
        if temp || (segment_file && !listed.contains(Path::new(&name))) {
            out.push(PathBuf::from(name));
        }
    }
    out.sort();
    out
}

/// Removes [`leftover_files`]; returns how many were removed.
pub fn sweep_leftovers(dir: &Path) -> std::io::Result<usize> {
    let files = leftover_files(dir);
    for f in &files {
        match std::fs::remove_file(dir.join(f)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(files.len())
}

fn open(dir: &Path) -> Result<Index, Damage> {
    let mmap = open_directory(dir).map_err(|e| Damage {
        file: PathBuf::from("."),
        what: e.to_string(),
    })?;
    Index::open(GuardedDirectory::new(mmap)).map_err(|e| as_damage(&e, "meta.json"))
}

fn as_damage(e: &TantivyError, fallback_file: &str) -> Damage {
    match damage_of(e) {
        Some(mut d) => {
            if d.file.as_os_str() == "(unknown file)" {
                d.file = PathBuf::from(fallback_file);
            }
            d
        }
        None => Damage {
            file: PathBuf::from(fallback_file),
            what: format!("unreadable ({e})"),
        },
    }
}

fn is_unwritten_delete_file(file: &Path, metas: &tantivy::IndexMeta) -> bool {
    let name = file.to_string_lossy();
    name.ends_with(".del")
        && metas
            .segments
            .iter()
            .any(|s| s.delete_opstamp().is_none() && name.starts_with(&s.id().uuid_string()))
}

fn sorted(set: HashSet<PathBuf>) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = set.into_iter().collect();
    v.sort();
    v
}
