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
    /// A file of the index is missing, truncated or altered.
    #[error(
        "the index at {dir} is damaged (file {file}: {what}): run `agendex ingest --repair` \
         to rebuild it from the corpus (`agendex check` lists the damage)"
    , file = damage.file.display(), what = damage.what)]
    Damaged {
        /// The index folder.
        dir: PathBuf,
        /// The damaged file and what is wrong with it.
        damage: super::index_health::Damage,
    },
    /// Writing the index failed for a reason the user can fix (full disk,
    /// file-size limit, read-only folder, permission).
    #[error("cannot write the index at {dir}: {file}: {cause}; {todo} (the previous index is unchanged)", file = path.display())]
    WriteFailed {
        /// The index folder.
        dir: PathBuf,
        /// The file being written.
        path: PathBuf,
        /// What the system said, in plain words.
        cause: String,
        /// What to do about it.
        todo: &'static str,
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

/// A file-system error in plain words: the cause and what to do about it.
pub fn io_words(kind: std::io::ErrorKind, code: Option<i32>) -> (String, &'static str) {
    use std::io::ErrorKind as K;
    match (kind, code) {
        (K::StorageFull, _) | (_, Some(libc::ENOSPC)) => (
            "the disk is full".into(),
            "free space on that disk, or give --index a folder on another disk, then run again",
        ),
        (K::QuotaExceeded, _) | (_, Some(libc::EDQUOT)) => (
            "the disk quota is used up".into(),
            "free space within your quota, then run again",
        ),
        (K::FileTooLarge, _) | (_, Some(libc::EFBIG)) => (
            "a file reached the file-size limit of this session (ulimit -f)".into(),
            "raise the limit (`ulimit -f unlimited`), then run again",
        ),
        (K::ReadOnlyFilesystem, _) | (_, Some(libc::EROFS)) => (
            "the folder is on a read-only file system".into(),
            "give --index a writable folder",
        ),
        (K::PermissionDenied, _) => (
            "permission denied".into(),
            "make the folder writable for this user, or give --index another folder",
        ),
        (kind, _) => (
            format!("{}", std::io::Error::from(kind)),
            "check the disk and the folder, then run again",
        ),
    }
}

impl IndexError {
    /// A write error on `path` in the index at `dir`, in the user's words.
    pub fn write_failed(
        dir: &std::path::Path,
        path: &std::path::Path,
        err: &std::io::Error,
    ) -> IndexError {
        let (cause, todo) = io_words(err.kind(), err.raw_os_error());
        IndexError::WriteFailed {
            dir: dir.to_path_buf(),
            path: path.to_path_buf(),
            cause,
            todo,
        }
    }

    /// Wraps a tantivy error, recognising a busy writer lock and a schema mismatch.
    pub(crate) fn tantivy(
        dir: &std::path::Path,
        action: &'static str,
        err: tantivy::TantivyError,
    ) -> IndexError {
        use tantivy::directory::error::LockError;
        if let Some(damage) = super::index_health::damage_of(&err) {
            return IndexError::Damaged {
                dir: dir.to_path_buf(),
                damage,
            };
        }
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
