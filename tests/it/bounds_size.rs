//! One large record costs what the same text in five files costs: a record of
//! N bytes ingests within 5x the time of 5 records of N/5 bytes, and under
//! 1 GiB of peak memory, each measured in the ingest's own child process
//! (`wait4`).
//!
//! The size is N = 20 MB: minutes in a debug build, so CI runs the same
//! test at N = 4 MB (seconds), where a cost quadratic in the record would
//! still show as a ratio near 5x. The full size:
//! `AGENDEX_BOUND_MB=20 cargo test --release --test it bounds_size -- --nocapture`.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::time::Instant;

use crate::batch_support::Fixture;

/// Real UN text joined and repeated to `bytes`, cut at a line end.
fn real_text(bytes: usize) -> Option<String> {
    let dir = crate::common::shared_subdir("corpus-real")?;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut all = String::new();
    for f in files {
        all.push_str(&std::fs::read_to_string(f).ok()?);
        all.push('\n');
    }
    let mut out = String::with_capacity(bytes + all.len());
    while out.len() < bytes {
        out.push_str(&all);
    }
    let mut cut = bytes.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    Some(out)
}

/// Runs `agendex ingest CORPUS` in a child: seconds and peak RSS in MB.
// wait4 reaps the child (std's wait() would not give its rusage)
#[allow(clippy::zombie_processes)]
fn measure(f: &Fixture, corpus: &Path, index: &Path) -> (f64, f64) {
    let started = Instant::now();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_agendex"))
        .arg("ingest")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .arg("--rules")
        .arg(&f.rules)
        .args(["-q", "-j", "1"])
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: rusage is plain data, filled by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4");
    let code = std::process::ExitStatus::from_raw(status).code();
    assert_eq!(code, Some(0), "ingest of {} failed", corpus.display());
    (
        started.elapsed().as_secs_f64(),
        usage.ru_maxrss as f64 / 1024.0,
    )
}

/// The large record's size: `AGENDEX_BOUND_MB` megabytes, 4 by default.
fn record_bytes() -> usize {
    let mb: usize = std::env::var("AGENDEX_BOUND_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    mb.max(1) * 1_000_000
}

#[test]
fn a_large_record_costs_what_five_fifths_of_it_cost() {
    let bytes = record_bytes();
    let Some(text) = real_text(bytes) else {
        eprintln!("skipping: no shared corpus-real texts");
        return;
    };
    let f = Fixture::new(0);
    let (five, one) = (f.tmp.path().join("five"), f.tmp.path().join("one"));
    std::fs::create_dir_all(&five).expect("mkdir");
    std::fs::create_dir_all(&one).expect("mkdir");
    let part = text.len() / 5;
    let mut at = 0;
    for n in 0..5 {
        let mut end = if n == 4 { text.len() } else { at + part };
        while !text.is_char_boundary(end) {
            end += 1;
        }
        std::fs::write(five.join(format!("part{n}.txt")), &text[at..end]).expect("write");
        at = end;
    }
    std::fs::write(one.join("whole.txt"), &text).expect("write");
    let (t5, m5) = measure(&f, &five, &f.tmp.path().join("i5"));
    let (t1, m1) = measure(&f, &one, &f.tmp.path().join("i1"));
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "5 x {:.1} MB: {t5:.1} s, peak {m5:.0} MB; 1 x {mb:.0} MB: {t1:.1} s, peak {m1:.0} MB",
        mb / 5.0
    );
    assert!(
        t1 <= 5.0 * t5,
        "{mb:.0} MB took {t1:.1} s, 5 x {:.1} MB {t5:.1} s",
        mb / 5.0
    );
    assert!(m1 < 1024.0, "peak {m1:.0} MB");
}
