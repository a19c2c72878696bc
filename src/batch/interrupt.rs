//! Ctrl-C during a run: the first SIGINT asks the run to stop taking new files;
//! the files in progress finish, and what is done is committed with its manifest
//! (see [`super::ingest_run`]), so the next run only does the rest. A second
//! SIGINT exits at once without committing, which is just as safe: the index stays
//! at its previous commit.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Exit code after an interrupted run (128 + SIGINT, the shell convention).
pub const EXIT_INTERRUPTED: u8 = 130;

extern "C" fn on_sigint(_sig: libc::c_int) {
    if INTERRUPTED.swap(true, Ordering::SeqCst) {
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(i32::from(EXIT_INTERRUPTED)) };
    }
    let msg = b"\nagendex: interrupted: finishing the files in progress and committing them; press Ctrl-C again to quit at once (the index keeps its previous state)\n";
    // SAFETY: write(2) is async-signal-safe; the buffer outlives the call.
    unsafe {
        libc::write(2, msg.as_ptr().cast(), msg.len());
    }
}

/// Installs the SIGINT handler (once per process; later calls only re-install it).
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: the handler only touches an atomic and calls async-signal-safe functions.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

/// True once Ctrl-C was pressed.
pub fn requested() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
