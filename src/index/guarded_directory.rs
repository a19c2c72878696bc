//! The index folder as tantivy sees it, with two additions over tantivy's own
//! memory-mapped directory:
//!
//! - the first file-system error of a write (full disk, file-size limit,
//!   read-only folder, permission) is kept with its path, because tantivy's
//!   writer reports only "an index writer was killed" once a worker thread hit
//!   it; [`GuardedDirectory::first_fault`] gives the real cause to the error
//!   message;
//! - a test hook counts the file-system steps of indexing and committing
//!   (create, write-and-sync, atomic write before and after its rename, unlink,
//!   folder sync) and kills the process with SIGKILL at step N when
//!   `AGENDEX_TEST_KILL_AT_STEP=N`; with `AGENDEX_TEST_LIST_STEPS=1` it prints
//!   each step to stderr. The fault-injection tests use it to stop a run at
//!   every step of a commit.

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::Directory;

/// Environment variable: kill the process at this file-system step (tests only).
pub const KILL_AT_STEP_ENV: &str = "AGENDEX_TEST_KILL_AT_STEP";
/// Environment variable: print every file-system step to stderr (tests only).
pub const LIST_STEPS_ENV: &str = "AGENDEX_TEST_LIST_STEPS";

/// A file-system error met while writing the index.
#[derive(Debug, Clone)]
pub struct IoFault {
    /// The file (relative to the index folder).
    pub path: PathBuf,
    /// The error as the system gave it.
    pub kind: io::ErrorKind,
    /// The OS error code, when there is one.
    pub code: Option<i32>,
}

/// The index folder, with write errors remembered and the test hook.
#[derive(Clone)]
pub struct GuardedDirectory {
    inner: MmapDirectory,
    fault: Arc<Mutex<Option<IoFault>>>,
}

impl fmt::Debug for GuardedDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GuardedDirectory({:?})", self.inner)
    }
}

impl GuardedDirectory {
    /// Wraps an opened memory-mapped directory.
    pub fn new(inner: MmapDirectory) -> GuardedDirectory {
        GuardedDirectory {
            inner,
            fault: Arc::new(Mutex::new(None)),
        }
    }

    /// A handle on the first write error seen, shared with every clone.
    pub fn fault_slot(&self) -> Arc<Mutex<Option<IoFault>>> {
        Arc::clone(&self.fault)
    }

    fn remember(&self, path: &Path, err: &io::Error) {
        remember(&self.fault, path, err);
    }
}

fn remember(slot: &Mutex<Option<IoFault>>, path: &Path, err: &io::Error) {
    if let Ok(mut f) = slot.lock() {
        if f.is_none() {
            *f = Some(IoFault {
                path: path.to_path_buf(),
                kind: err.kind(),
                code: err.raw_os_error(),
            });
        }
    }
}

/// tantivy's lock files: taken and dropped by readers too, so not steps.
fn is_lock_file(path: &Path) -> bool {
    path.to_string_lossy().starts_with(".tantivy-")
}

/// The lock file tantivy's readers take while opening a commit.
const META_LOCK_FILE: &str = ".tantivy-meta.lock";

/// Counts one file-system step, and applies the test hook.
fn step(what: &str, path: &Path) {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    static KILL_AT: OnceLock<Option<usize>> = OnceLock::new();
    static LIST: OnceLock<bool> = OnceLock::new();
    let n = COUNT.fetch_add(1, Ordering::SeqCst) + 1;
    if *LIST.get_or_init(|| std::env::var_os(LIST_STEPS_ENV).is_some()) {
        eprintln!("agendex-fs-step {n}: {what} {}", path.display());
    }
    let kill_at = KILL_AT.get_or_init(|| {
        std::env::var(KILL_AT_STEP_ENV)
            .ok()
            .and_then(|v| v.parse().ok())
    });
    if *kill_at == Some(n) {
        // SAFETY: plain syscalls; the process ends here, as a power cut would end it.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }
}

/// A file being written: counts its final flush-and-sync as a step and keeps
/// the first error.
struct GuardedWrite {
    path: PathBuf,
    inner: WritePtr,
    fault: Arc<Mutex<Option<IoFault>>>,
}

impl GuardedWrite {
    fn check<T>(&self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r {
            remember(&self.fault, &self.path, e);
        }
        r
    }
}

impl Write for GuardedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.check(r)
    }
    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.check(r)
    }
}

impl TerminatingWrite for GuardedWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let r = self.inner.terminate_ref(token);
        let r = self.check(r);
        step("wrote and synced", &self.path);
        r
    }
}

impl Directory for GuardedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        let r = self.inner.delete(path);
        if !is_lock_file(path) {
            step("unlinked", path);
        }
        r
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let r = self.inner.open_write(path);
        if let Err(OpenWriteError::IoError { io_error, .. }) = &r {
            self.remember(path, io_error);
        }
        step("created", path);
        let inner = r?;
        Ok(BufWriter::new(Box::new(GuardedWrite {
            path: path.to_path_buf(),
            inner,
            fault: self.fault_slot(),
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        step("atomic write (before its rename)", path);
        let r = self.inner.atomic_write(path, data);
        if let Err(e) = &r {
            self.remember(path, e);
        }
        step("atomic write (renamed)", path);
        r
    }

    fn sync_directory(&self) -> io::Result<()> {
        let r = self.inner.sync_directory();
        step("synced the folder", Path::new("."));
        r
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // readers take the meta lock only to keep a writer's garbage
            // collection off the files they open; in a folder this process
            // cannot write, it cannot be created, and this process cannot
            // collect anything either: read without it
            Err(LockError::IoError(_)) if lock.filepath == Path::new(META_LOCK_FILE) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
