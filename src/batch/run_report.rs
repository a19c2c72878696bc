//! What an ingest run reports: the counts and files of [`RunReport`] (printed
//! at the end and kept as `last-run.json`), the warnings, and the errors that
//! stop a run ([`RunError`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::corpus_walk::WalkError;
use super::failure_report::Failure;
use super::ingest_lock::LockError;
use super::manifest::ManifestError;
use crate::extract::RuleErrors;
use crate::index::IndexError;

/// Name of the last run's report inside the index folder.
pub const LAST_RUN_FILE: &str = "last-run.json";

/// A warning about a file that was indexed anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileWarning {
    /// The file.
    pub path: PathBuf,
    /// What was odd.
    pub message: String,
}

/// What a run did: printed at the end and kept as `last-run.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunReport {
    /// Start time, seconds since the Unix epoch.
    pub started_at: u64,
    /// Wall time.
    pub seconds: f64,
    /// Why everything was re-processed, said plainly; `None` for an incremental run.
    pub rebuild: Option<String>,
    /// Documents new to the index.
    pub added: u64,
    /// Documents re-processed (content, rules or schema changed).
    pub changed: u64,
    /// Documents whose file is gone, deleted from the index.
    pub removed: u64,
    /// Documents left alone (including `touched`).
    pub unchanged: u64,
    /// Of `unchanged`: files whose time changed but content did not.
    pub touched: u64,
    /// Files that failed.
    pub failed: u64,
    /// Files that are not records (other extensions), not read.
    pub skipped: u64,
    /// The skipped files by name, with why (`-v` lists them).
    #[serde(default)]
    pub skipped_files: Vec<super::corpus_walk::Skipped>,
    /// Empty or whitespace-only files: not records, not failures.
    #[serde(default)]
    pub empty: Vec<PathBuf>,
    /// Bytes read and processed.
    pub bytes: u64,
    /// Segments written by this run.
    pub segments: u64,
    /// Entity mentions written by this run.
    pub entities: u64,
    /// Documents in the index after the run.
    pub documents: u64,
    /// Segments in the index after the run.
    pub total_segments: u64,
    /// True when the run changed the index (a commit was made).
    pub committed: bool,
    /// True when Ctrl-C stopped the run early.
    pub interrupted: bool,
    /// Files not done because Ctrl-C stopped the run (the next run does them).
    #[serde(default)]
    pub left: u64,
    /// Why the index was rebuilt from a set-aside copy (damage, `--repair`).
    #[serde(default)]
    pub repaired: Option<String>,
    /// Files indexed with a warning (e.g. not UTF-8).
    pub warnings: Vec<FileWarning>,
    /// Files that failed, with the reason.
    pub failures: Vec<Failure>,
}

/// Why a run could not start, or could not finish its commit.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The rule set does not load.
    #[error("{errors}the rule set in {} is broken: fix the lines above (nothing was written)", dir.display())]
    Rules {
        /// The rules folder.
        dir: PathBuf,
        /// Every problem, `file:line: message`.
        errors: RuleErrors,
    },
    /// A corpus path is missing.
    #[error(transparent)]
    Walk(#[from] WalkError),
    /// Another ingest holds the index.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The index could not be opened, written or committed.
    #[error("{0}")]
    Index(#[from] IndexError),
    /// The manifest could not be written.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// A file in the index folder could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The run would remove a large share of the index.
    #[error("this run would remove {count} of the {total} indexed documents, whose files are gone from {roots}; nothing was written. If they were removed on purpose, run again with --allow-removals; if a folder is missing or unmounted, bring it back first")]
    TooManyRemovals {
        /// Documents that would be removed.
        count: usize,
        /// Documents in the index.
        total: usize,
        /// The walked roots, for the message.
        roots: String,
    },
    /// The worker pool could not start.
    #[error("cannot start {jobs} worker threads: {why}; try a smaller --jobs")]
    Pool {
        /// Threads asked for.
        jobs: usize,
        /// The cause.
        why: String,
    },
}

/// Reads the report of the last run in `index_dir`, if any.
pub fn last_run(index_dir: &Path) -> Option<RunReport> {
    let bytes = std::fs::read(index_dir.join(LAST_RUN_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}
