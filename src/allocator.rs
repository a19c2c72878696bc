//! Settings of mimalloc, the binary's global allocator (`src/main.rs`; the
//! benchmarks use it too).
//!
//! mimalloc returns freed pages to the system 1 s after they were freed
//! ("purging"). Extraction and indexing free and reallocate the same few
//! megabytes for every record, so on a run longer than a second the pages
//! are returned and faulted back in, zeroed by the kernel, again and again:
//! `bench_extract` took 16,800 page faults and spent about a fifth of its
//! time in the kernel zeroing pages. A 10 s delay keeps the pages a batch
//! keeps reusing and still returns memory to the system when a long-running
//! `agendex serve` goes idle.

use std::ffi::{c_int, c_long};

// links mimalloc's C library (and the functions below) into every binary of
// the crate, tests included
extern crate mimalloc as _;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (libmimalloc-sys
/// 0.1.49 builds v3 and exports no constant for it).
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// Milliseconds before freed memory goes back to the system.
const PURGE_DELAY_MS: c_long = 10_000;

extern "C" {
    /// Sets an option's default: the environment (`MIMALLOC_PURGE_DELAY`) still
    /// wins. Part of mimalloc's public C API, linked through libmimalloc-sys.
    fn mi_option_set_default(option: c_int, value: c_long);
    fn mi_option_get(option: c_int) -> c_long;
}

/// Applies the settings above; call it first thing in `main`, before the
/// allocations that matter.
pub fn tune() {
    // SAFETY: plain C calls with integer arguments; mimalloc's option table
    // accepts any option index below its last one.
    unsafe { mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
}

/// The purge delay in effect, in milliseconds (for tests and benchmarks).
pub fn purge_delay_ms() -> c_long {
    // SAFETY: as in `tune`.
    unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_is_set_unless_the_environment_sets_it() {
        super::tune();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(super::purge_delay_ms(), super::PURGE_DELAY_MS);
        }
    }
}
