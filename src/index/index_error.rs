//! What can go wrong with the index, phrased for the person at the terminal.

use std::path::PathBuf;

/// An index problem, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Another process holds the writer lock.
    #[error(
        "the index at {dir} is locked by another agendex process that is writing it: \
         wait for that run to finish (or stop it), then run again"
    )]
    Locked {
        /// The index folder.
        dir: PathBuf,
    },
    /// No index in the folder.
    #[error("no index at {dir}: run `agendex ingest --index {dir}` first")]
    NotFound {
        /// The folder that was looked at.
        dir: PathBuf,
    },
    /// The index was written with another schema.
    #[error(
        "the index at {dir} was written by another version of agendex (schema {found}, \
         this agendex uses schema {expected}): delete the folder and run `agendex ingest` \
         to rebuild it"
    )]
    SchemaMismatch {
        /// The index folder.
        dir: PathBuf,
        /// Schema version found (or "unknown").
        found: String,
        /// Schema version of this build.
        expected: u32,
    },
    /// A file-system problem.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("cannot create index folder").
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Any other tantivy failure.
    #[error("index at {dir}: {action} failed: {source}")]
    Tantivy {
        /// The index folder.
        dir: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The underlying error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A query the parser refused.
    #[error("cannot parse the query {query:?}: {message}; quote phrases with \"...\" and use AND/OR/NOT in capitals")]
    BadQuery {
        /// The query as typed.
        query: String,
        /// What the parser said.
        message: String,
    },
}

impl IndexError {
    /// Wraps a tantivy error, recognising a busy writer lock and a schema mismatch.
    pub(crate) fn tantivy(
        dir: &std::path::Path,
        action: &'static str,
        err: tantivy::TantivyError,
    ) -> IndexError {
        use tantivy::directory::error::LockError;
        match err {
            tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked {
                dir: dir.to_path_buf(),
            },
            tantivy::TantivyError::SchemaError(_) => IndexError::SchemaMismatch {
                dir: dir.to_path_buf(),
                found: "unknown".into(),
                expected: super::SCHEMA_VERSION,
            },
            source => IndexError::Tantivy {
                dir: dir.to_path_buf(),
                action,
                source,
            },
        }
    }
}
