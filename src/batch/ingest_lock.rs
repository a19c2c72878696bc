//! One ingest per index: `index/ingest.lock`, held with `flock` and holding the
//! owner's pid.
//!
//! The kernel drops an `flock` when its process dies, however it dies, so the lock
//! of a killed run is taken over by the next one without any stale-pid guessing;
//! the pid in the file is only there to name the owner in the error message. The
//! file itself is never deleted: removing it while another process waits on it
//! would let two runs hold two different locks.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// Name of the lock file inside the index folder.
pub const LOCK_FILE: &str = "ingest.lock";

/// The held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct IngestLock {
    file: File,
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live process holds it.
    #[error("index is locked by another ingest (pid {pid}); wait for it to finish, or stop it (kill {pid}) and run again")]
    Busy {
        /// The owner's pid, as written in the lock file.
        pid: String,
    },
    /// The lock file could not be opened.
    #[error(
        "cannot write the index folder: {path}: {cause}; {todo}",
        path = path.display(),
        cause = crate::index::io_words(source.kind(), source.raw_os_error()).0,
        todo = crate::index::io_words(source.kind(), source.raw_os_error()).1
    )]
    Io {
        /// The lock file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl IngestLock {
    /// Takes the lock of the index in `index_dir` without waiting.
    pub fn acquire(index_dir: &Path) -> Result<IngestLock, LockError> {
        let path = index_dir.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        // SAFETY: flock on a file descriptor we own; no memory is shared.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc != 0 {
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
                let mut s = String::new();
                // the owner may be between truncate and write: an empty pid is still a busy lock
                let _ = file.read_to_string(&mut s);
                let pid = s.trim().to_string();
                return Err(LockError::Busy {
                    pid: if pid.is_empty() {
                        "unknown".into()
                    } else {
                        pid
                    },
                });
            }
            return Err(io(err));
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        writeln!(file, "{}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(IngestLock { file, path })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for IngestLock {
    fn drop(&mut self) {
        // leave the file (see module doc); clear the pid so it names no one
        let _ = self.file.set_len(0);
        // SAFETY: unlocking our own descriptor.
        unsafe {
            libc::flock(self.file.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

/// The pid written in the lock file of `index_dir`, if any (for `status`).
pub fn holder(index_dir: &Path) -> Option<u32> {
    let s = std::fs::read_to_string(index_dir.join(LOCK_FILE)).ok()?;
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_pid_then_granted_after_release() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = IngestLock::acquire(dir.path()).expect("first lock");
        assert_eq!(holder(dir.path()), Some(std::process::id()));
        // flock is per open file description, so a second open in this process conflicts
        match IngestLock::acquire(dir.path()) {
            Err(LockError::Busy { pid }) => {
                assert_eq!(pid, std::process::id().to_string());
                let msg = LockError::Busy { pid: pid.clone() }.to_string();
                assert!(msg.starts_with(&format!("index is locked by another ingest (pid {pid})")));
            }
            other => panic!("expected Busy, got {other:?}"),
        }
        drop(first);
        assert_eq!(holder(dir.path()), None);
        let again = IngestLock::acquire(dir.path()).expect("lock after release");
        assert!(again.path().ends_with(LOCK_FILE));
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(LOCK_FILE), "999999\n").expect("write");
        let lock = IngestLock::acquire(dir.path()).expect("stale lock taken over");
        assert_eq!(holder(dir.path()), Some(std::process::id()));
        drop(lock);
    }
}
