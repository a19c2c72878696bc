//! Ctrl-C during a run: the first SIGINT asks the run to stop. The batch stops
//! handing out files, kills PDF workers in progress, stops waiting for files
//! still being read within about a second, and commits every finished document
//! with its manifest (see [`crate::batch::ingest_run`]); the next run does the rest.
//!
//! It sits below the stages because both [`crate::batch`] and the PDF workers
//! of [`crate::pdf`] stop on it.
//!
//! A second SIGINT exits at once, which is safe: the index stays at its last
//! commit. During the commit itself (a second or two) it does not exit: the
//! commit finishes, so work already written is never thrown away.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static COMMITTING: AtomicBool = AtomicBool::new(false);

/// Exit code after an interrupted run (128 + SIGINT, the shell convention).
pub const EXIT_INTERRUPTED: u8 = 130;

extern "C" fn on_sigint(_sig: libc::c_int) {
    if INTERRUPTED.swap(true, Ordering::SeqCst) {
        if COMMITTING.load(Ordering::SeqCst) {
            let msg = b"\nagendex: committing the finished documents; one moment\n";
            // SAFETY: write(2) is async-signal-safe; the buffer outlives the call.
            unsafe {
                libc::write(2, msg.as_ptr().cast(), msg.len());
            }
            return;
        }
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(i32::from(EXIT_INTERRUPTED)) };
    }
    let msg = b"\nagendex: interrupted: committing the finished documents (the rest is left for the next run); press Ctrl-C again to quit at once (the index keeps its last commit)\n";
    // SAFETY: write(2) is async-signal-safe; the buffer outlives the call.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
    }
}

/// Installs the SIGINT handler (once per process; later calls only re-install it).
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: the handler only touches atomics and calls async-signal-safe functions.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

/// True once Ctrl-C was pressed.
pub fn requested() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// While alive, a second Ctrl-C waits for the commit instead of exiting.
pub struct Committing(());

impl Committing {
    /// Marks the start of the commit.
    pub fn start() -> Committing {
        COMMITTING.store(true, Ordering::SeqCst);
        Committing(())
    }
}

impl Drop for Committing {
    fn drop(&mut self) {
        COMMITTING.store(false, Ordering::SeqCst);
    }
}
