//! What `agendex status` reports: read from the committed manifest, the last
//! run's report and the failure report, never from a run in progress, so it
//! answers while an ingest runs and shows the state searches see.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::failure_report::{self, Failure};
use super::ingest_lock;
use super::ingest_run::{self, RunReport};
use super::manifest::{self, CommitPayload, ManifestError};
use super::snapshot;
use super::text_cache::{CacheUsage, TextCache};
use crate::index::{self, IndexError};

/// PDFs whose text-layer quality score is below this are listed for review (the
/// PDF stage's own threshold, so `status` and `agendex extract` agree).
pub const LOW_QUALITY_THRESHOLD: f32 = crate::pdf::quality::REVIEW_THRESHOLD;

/// A PDF whose extracted text is poor.
#[derive(Debug, Clone, Serialize)]
pub struct LowQualityFile {
    /// Document id.
    pub id: String,
    /// The file.
    pub path: PathBuf,
    /// Its quality score (0..=1).
    pub score: f32,
}

/// The state of an index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStatus {
    /// The index folder.
    pub index: PathBuf,
    /// Documents indexed.
    pub documents: u64,
    /// Segments indexed.
    pub segments: u64,
    /// Entity mentions by type.
    pub entities: BTreeMap<String, u64>,
    /// Requests and commitments found.
    pub statements: u64,
    /// Files that failed in the last run.
    pub failures: Vec<Failure>,
    /// The last run, if any.
    pub last_run: Option<RunReport>,
    /// When the committed state was written (seconds since the Unix epoch).
    pub committed_at: Option<u64>,
    /// Fingerprint of the rule set the index was built with.
    pub rules_fingerprint: Option<String>,
    /// Index schema version.
    pub schema_version: Option<u32>,
    /// Bytes the index folder takes (the text cache included).
    pub index_bytes: u64,
    /// The text cache inside the index folder: where, entries, bytes.
    pub text_cache: CacheUsage,
    /// PDFs below [`LOW_QUALITY_THRESHOLD`].
    pub low_quality: Vec<LowQualityFile>,
    /// Pid of an ingest running now, if one holds the lock.
    pub ingest_running: Option<u32>,
    /// The corpus roots the index was built from.
    pub roots: Vec<PathBuf>,
    /// Whether the commit before the last is kept for `agendex restore`.
    pub previous_kept: bool,
}

/// Why the status could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StatusError {
    /// No index there.
    #[error("{0}: no index here; build one with `agendex ingest` (or give --index DIR)")]
    NoIndex(PathBuf),
    /// The index could not be read.
    #[error("{0}")]
    Index(#[from] IndexError),
    /// The manifest could not be read.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
}

/// The corpus roots the index in `dir` was built from (empty when there is no
/// index, or it predates recorded roots).
pub fn recorded_roots(dir: &Path) -> Vec<PathBuf> {
    let Ok(Some(payload)) = index::read_commit_payload(dir) else {
        return Vec::new();
    };
    CommitPayload::parse(&payload)
        .and_then(|p| manifest::load(dir, &p).ok())
        .map(|m| m.roots)
        .unwrap_or_default()
}

/// Reads the status of the index in `dir`.
pub fn read(dir: &Path) -> Result<IndexStatus, StatusError> {
    if !dir.is_dir() {
        return Err(StatusError::NoIndex(dir.to_path_buf()));
    }
    // damage is named here too: the manifest alone would report all is well
    if let Err(damage) = index::index_health::quick_check(dir) {
        return Err(StatusError::Index(IndexError::Damaged {
            dir: dir.to_path_buf(),
            damage,
        }));
    }
    let payload = index::read_commit_payload(dir)?;
    let manifest = match payload.as_deref().and_then(CommitPayload::parse) {
        Some(p) => Some(manifest::load(dir, &p)?),
        None => None,
    };
    let last_run = ingest_run::last_run(dir);
    if manifest.is_none() && last_run.is_none() {
        return Err(StatusError::NoIndex(dir.to_path_buf()));
    }
    let mut status = IndexStatus {
        index: dir.to_path_buf(),
        documents: 0,
        segments: 0,
        entities: BTreeMap::new(),
        statements: 0,
        failures: failure_report::read(dir),
        last_run,
        committed_at: None,
        rules_fingerprint: None,
        schema_version: None,
        index_bytes: folder_bytes(dir),
        text_cache: TextCache::new(dir).usage(),
        low_quality: Vec::new(),
        ingest_running: ingest_running(dir),
        roots: Vec::new(),
        previous_kept: snapshot::has_previous(dir),
    };
    if let Some(m) = manifest {
        status.documents = m.docs.len() as u64;
        status.segments = m.segments();
        status.entities = m.entities_by_type();
        status.statements = m.docs.values().map(|e| u64::from(e.statements)).sum();
        status.committed_at = Some(m.committed_at);
        status.rules_fingerprint = Some(m.rules_fingerprint.clone());
        status.schema_version = Some(m.schema_version);
        status.roots = m.roots.clone();
        status.low_quality = m
            .docs
            .iter()
            .filter_map(|(id, e)| {
                let score = e.quality?;
                (score < LOW_QUALITY_THRESHOLD).then(|| LowQualityFile {
                    id: id.clone(),
                    path: e.path.clone(),
                    score,
                })
            })
            .collect();
    }
    Ok(status)
}

/// The pid of a live ingest holding the lock (the pid file alone is not proof:
/// the lock is, so it is tested without being taken for long).
fn ingest_running(dir: &Path) -> Option<u32> {
    let pid = ingest_lock::holder(dir)?;
    // SAFETY: signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(pid as libc::pid_t, 0) } == 0
        || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
    alive.then_some(pid)
}

fn folder_bytes(dir: &Path) -> u64 {
    // the kept previous commit shares most of its files (hard links)
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != snapshot::PREVIOUS_DIR)
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
