//! The manifest: what the index holds, document by document, kept in step with
//! tantivy's commits.
//!
//! The manifest lives in its own file, `manifest-<run id>.json`, next to the index.
//! The tantivy commit payload names that file and its run id ([`CommitPayload`]),
//! so the manifest a reader trusts is always the one written for the last commit:
//! a run killed before its commit leaves the previous payload pointing at the
//! previous manifest, and the orphan file is removed by the next run. Keeping the
//! manifest out of the payload itself keeps `meta.json` small, which every
//! searcher opening the index parses.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Version of the manifest file layout (not of the index schema).
pub const MANIFEST_FORMAT: u32 = 1;

/// Prefix of manifest file names in the index folder.
/// File names of manifests start with this.
pub(crate) const MANIFEST_PREFIX: &str = "manifest-";

/// What the tantivy commit payload holds: a pointer to the manifest of that commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitPayload {
    /// Always "agendex-batch": tells this payload from one written by another tool.
    pub kind: String,
    /// File name of the manifest, inside the index folder.
    pub manifest: String,
    /// Run id; the manifest file carries the same id.
    pub run_id: String,
}

impl CommitPayload {
    /// The payload for a manifest of run `run_id`.
    pub fn new(run_id: &str) -> CommitPayload {
        CommitPayload {
            kind: "agendex-batch".to_string(),
            manifest: manifest_file_name(run_id),
            run_id: run_id.to_string(),
        }
    }

    /// Parses a payload string; `None` when it is not one of ours.
    pub fn parse(payload: &str) -> Option<CommitPayload> {
        let p: CommitPayload = serde_json::from_str(payload).ok()?;
        (p.kind == "agendex-batch" && is_plain_file_name(&p.manifest)).then_some(p)
    }

    /// The payload as the string given to tantivy.
    pub fn to_payload_string(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A payload must not point outside the index folder.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".."
}

/// The manifest file name of run `run_id`.
pub fn manifest_file_name(run_id: &str) -> String {
    format!("{MANIFEST_PREFIX}{run_id}.json")
}

/// One indexed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The file it was read from.
    pub path: PathBuf,
    /// Size in bytes when read.
    pub size: u64,
    /// Modification time when read, in nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// blake3 hash of the content, hex.
    pub hash: String,
    /// Number of segments indexed.
    pub segments: u32,
    /// Mentions by entity type.
    #[serde(default)]
    pub entities: BTreeMap<String, u32>,
    /// Requests and commitments found.
    #[serde(default)]
    pub statements: u32,
    /// Text-layer quality score, for PDFs.
    #[serde(default)]
    pub quality: Option<f32>,
    /// Fingerprint of the rule set the document was extracted with.
    pub rules: String,
    /// The corpus root it was found under (absolute). A document is removed by
    /// a run only when this root was walked and the file is gone from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<PathBuf>,
}

/// The whole manifest of one commit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`] at writing time.
    pub format: u32,
    /// Run that wrote it (matches the commit payload).
    pub run_id: String,
    /// `crate::index::SCHEMA_VERSION` of the index it describes.
    pub schema_version: u32,
    /// Fingerprint of the rule set of the last run.
    pub rules_fingerprint: String,
    /// When the commit was made, seconds since the Unix epoch.
    pub committed_at: u64,
    /// Indexed documents by id.
    pub docs: BTreeMap<String, ManifestEntry>,
    /// Every corpus root the index was built from (absolute): what a plain
    /// `agendex ingest` re-reads when it is given no path and no project file.
    #[serde(default)]
    pub roots: Vec<PathBuf>,
}

impl Manifest {
    /// An empty manifest (a fresh index).
    pub fn empty(schema_version: u32) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT,
            run_id: String::new(),
            schema_version,
            rules_fingerprint: String::new(),
            committed_at: 0,
            docs: BTreeMap::new(),
            roots: Vec::new(),
        }
    }

    /// Total segments over all documents.
    pub fn segments(&self) -> u64 {
        self.docs.values().map(|e| u64::from(e.segments)).sum()
    }

    /// Mentions by entity type over all documents.
    pub fn entities_by_type(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for e in self.docs.values() {
            for (k, v) in &e.entities {
                *out.entry(k.clone()).or_insert(0) += u64::from(*v);
            }
        }
        out
    }

    /// Total mentions over all documents.
    pub fn entities(&self) -> u64 {
        self.entities_by_type().values().sum()
    }
}

/// Why the manifest could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a manifest agendex understands.
    #[error(
        "{path}: not a valid manifest ({why}); run `agendex ingest --full` to rebuild the index"
    )]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

/// Reads the manifest `payload` points at, checking that it belongs to that commit.
pub fn load(index_dir: &Path, payload: &CommitPayload) -> Result<Manifest, ManifestError> {
    let path = index_dir.join(&payload.manifest);
    let bytes = std::fs::read(&path).map_err(|source| ManifestError::Io {
        path: path.clone(),
        source,
    })?;
    let m: Manifest = serde_json::from_slice(&bytes).map_err(|e| ManifestError::Invalid {
        path: path.clone(),
        why: e.to_string(),
    })?;
    if m.run_id != payload.run_id {
        return Err(ManifestError::Invalid {
            path,
            why: format!(
                "it is from run {} but the index was committed by run {}",
                m.run_id, payload.run_id
            ),
        });
    }
    if m.format > MANIFEST_FORMAT {
        return Err(ManifestError::Invalid {
            path,
            why: format!("format {} is newer than this agendex understands", m.format),
        });
    }
    Ok(m)
}

/// Writes `m` to its file atomically (temporary file, fsync, rename), so readers
/// see either the old or the new content, never a half-written file.
pub fn save(index_dir: &Path, m: &Manifest) -> Result<PathBuf, ManifestError> {
    let path = index_dir.join(manifest_file_name(&m.run_id));
    let json = serde_json::to_vec(m).map_err(|e| ManifestError::Invalid {
        path: path.clone(),
        why: e.to_string(),
    })?;
    write_atomically(&path, &json).map_err(|source| ManifestError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// Removes manifest files other than `keep` (left by killed runs or older commits).
/// Only called while holding the ingest lock.
pub fn remove_stale(index_dir: &Path, keep: &str) {
    let Ok(rd) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = (name.starts_with(MANIFEST_PREFIX) && name.ends_with(".json"))
            || (name.starts_with(&format!(".{MANIFEST_PREFIX}")) && name.contains(".tmp-"));
        if ours && name != keep {
            // a leftover we cannot remove only wastes space: not worth failing the run
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(segments: u32) -> ManifestEntry {
        ManifestEntry {
            path: PathBuf::from("a.txt"),
            size: 10,
            mtime_ns: 5,
            hash: "h".into(),
            segments,
            entities: BTreeMap::from([("state".to_string(), 2)]),
            statements: 0,
            quality: None,
            rules: "r".into(),
            root: None,
        }
    }

    #[test]
    fn save_then_load_checks_the_run_id() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut m = Manifest::empty(3);
        m.run_id = "run1".into();
        m.docs.insert("a.txt".into(), entry(4));
        m.docs.insert("b.txt".into(), entry(1));
        save(dir.path(), &m).expect("save");
        let p = CommitPayload::new("run1");
        let back = load(dir.path(), &p).expect("load");
        assert_eq!(back, m);
        assert_eq!(back.segments(), 5);
        assert_eq!(back.entities_by_type().get("state"), Some(&4));

        // a payload of another run must not accept this file
        let mut other = CommitPayload::new("run2");
        other.manifest = p.manifest.clone();
        assert!(matches!(
            load(dir.path(), &other),
            Err(ManifestError::Invalid { .. })
        ));
    }

    #[test]
    fn payload_rejects_foreign_strings_and_paths() {
        assert!(CommitPayload::parse("hello").is_none());
        assert!(CommitPayload::parse(
            r#"{"kind":"agendex-batch","manifest":"../x.json","run_id":"r"}"#
        )
        .is_none());
        let p = CommitPayload::new("r7");
        assert_eq!(CommitPayload::parse(&p.to_payload_string()), Some(p));
    }

    #[test]
    fn stale_manifests_are_removed_but_the_current_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        for run in ["a", "b"] {
            let mut m = Manifest::empty(1);
            m.run_id = run.into();
            save(dir.path(), &m).expect("save");
        }
        std::fs::write(dir.path().join("failures.json"), "[]").expect("write");
        remove_stale(dir.path(), &manifest_file_name("b"));
        assert!(!dir.path().join(manifest_file_name("a")).exists());
        assert!(dir.path().join(manifest_file_name("b")).exists());
        assert!(dir.path().join("failures.json").exists());
    }
}
