//! Isolation: each PDF is read by a child process (`agendex pdf-worker FILE`)
//! with an address-space limit, killed after a timeout. Whatever happens in the
//! child (panic, stack overflow, abort, allocation failure, endless loop) the
//! parent gets a [`PdfError`] naming the reason, and the batch goes on.
//!
//! Protocol: the parent writes the passwords as a JSON array on the child's
//! stdin (so they never show in `ps`); the child writes
//! `Result<PdfText, PdfError>` as JSON on stdout and exits 0.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::{extract_pdf_in_process, PdfError, PdfOptions, PdfText};

/// Environment variable naming the worker executable (the agendex binary).
pub const WORKER_ENV: &str = "AGENDEX_PDF_WORKER";

/// Stack of the worker's extraction thread: deep but bounded.
const WORKER_STACK: usize = 64 << 20;
/// Stderr kept from a crashed worker, for the reason.
const STDERR_KEEP: usize = 16 << 10;

/// "2 GiB", "512 MiB".
pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 30 && n.is_multiple_of(1 << 30) {
        format!("{} GiB", n >> 30)
    } else if n >= 1 << 30 {
        format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64)
    } else {
        format!("{} MiB", n >> 20)
    }
}

fn worker_exe(opts: &PdfOptions) -> Result<PathBuf, PdfError> {
    if let Some(w) = &opts.worker {
        return Ok(w.clone());
    }
    if let Some(w) = std::env::var_os(WORKER_ENV).filter(|w| !w.is_empty()) {
        return Ok(PathBuf::from(w));
    }
    std::env::current_exe()
        .map_err(|e| PdfError::WorkerStart("(current executable)".into(), e.to_string()))
}

/// Runs the extraction of `path` in a worker process within the limits of `opts`.
pub fn extract_isolated(path: &Path, opts: &PdfOptions) -> Result<PdfText, PdfError> {
    let exe = worker_exe(opts)?;
    let mut command = Command::new(&exe);
    // the worker dies with the thread that started it: a killed ingest must not
    // leave a worker running on (SIGKILL skips every cleanup of ours)
    // SAFETY: prctl is async-signal-safe and touches nothing of the parent's.
    unsafe {
        command.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let mut child = command
        // mimalloc (the binary's allocator) reserves a 1 GiB arena up front by
        // default, before the worker sets its address-space limit: inside that
        // reservation the limit would not bite. An 8 MiB arena keeps the limit
        // true to within 8 MiB; none at all (0) cost a mmap per large allocation,
        // 25% more time on the real PDFs, 8 MiB none (measured here).
        .env("MIMALLOC_ARENA_RESERVE", "8MiB")
        .arg("pdf-worker")
        .arg("--passwords-stdin")
        .arg("--memory-limit")
        .arg(opts.memory_limit.to_string())
        .arg("--")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| PdfError::WorkerStart(exe.display().to_string(), e.to_string()))?;

    let passwords = serde_json::to_vec(&opts.passwords).unwrap_or_else(|_| b"[]".to_vec());
    let stdin = child.stdin.take();
    let writer = thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // a worker that died early closes the pipe: its exit status tells why
            let _ = stdin.write_all(&passwords);
        }
    });
    let stdout = child.stdout.take();
    let reader = thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut out) = stdout {
            let _ = out.read_to_end(&mut buf);
        }
        buf
    });
    let stderr = child.stderr.take();
    let err_reader = thread::spawn(move || {
        let mut kept: Vec<u8> = Vec::new();
        if let Some(mut err) = stderr {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = err.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                kept.extend_from_slice(&chunk[..n]);
                if kept.len() > STDERR_KEEP {
                    kept.drain(..kept.len() - STDERR_KEEP);
                }
            }
        }
        String::from_utf8_lossy(&kept).into_owned()
    });

    let started = Instant::now();
    let mut nap = Duration::from_micros(500);
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if crate::interrupt::requested() {
            let _ = child.kill();
            let _ = child.wait();
            let _ = writer.join();
            return Err(PdfError::Interrupted);
        }
        if started.elapsed() >= opts.timeout {
            timed_out = true;
            let _ = child.kill();
            break child.wait().ok();
        }
        thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();

    if timed_out {
        return Err(PdfError::Limit(format!(
            "the {} s time limit (the worker was stopped)",
            opts.timeout.as_secs_f32()
        )));
    }
    let Some(status) = status else {
        return Err(PdfError::WorkerCrashed(
            "lost track of the worker process".into(),
        ));
    };
    if status.success() {
        return serde_json::from_slice::<Result<PdfText, PdfError>>(&out).unwrap_or_else(|e| {
            Err(PdfError::WorkerCrashed(format!(
                "unreadable output ({e}); is '{}' the agendex binary? set {WORKER_ENV}",
                exe.display()
            )))
        });
    }
    Err(crash_reason(status, &err, opts.memory_limit))
}

fn crash_reason(status: std::process::ExitStatus, stderr: &str, memory_limit: u64) -> PdfError {
    if stderr.contains("memory allocation of")
        || stderr.contains("out of memory")
        || stderr.contains("capacity overflow")
    {
        return PdfError::Limit(format!("the {} memory limit", human_bytes(memory_limit)));
    }
    if stderr.contains("overflowed its stack") {
        return PdfError::WorkerCrashed("stack overflow (nesting too deep)".into());
    }
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            let name = match sig {
                6 => "SIGABRT",
                9 => "SIGKILL",
                11 => "SIGSEGV",
                7 => "SIGBUS",
                _ => "signal",
            };
            // the kernel's OOM killer or a failed allocation under RLIMIT_AS
            if sig == 9 {
                return PdfError::Limit(format!(
                    "the {} memory limit (killed)",
                    human_bytes(memory_limit)
                ));
            }
            return PdfError::WorkerCrashed(format!("killed by {name} ({sig}){}", suffix(last)));
        }
    }
    PdfError::WorkerCrashed(format!(
        "exit status {}{}",
        status.code().unwrap_or(-1),
        suffix(last)
    ))
}

fn suffix(last: &str) -> String {
    if last.is_empty() {
        String::new()
    } else {
        format!(": {}", last.chars().take(200).collect::<String>())
    }
}

/// Caps this process's address space at `bytes` (0: no cap).
pub fn limit_memory(bytes: u64) -> Result<(), String> {
    if bytes == 0 {
        return Ok(());
    }
    #[cfg(unix)]
    {
        let lim = libc::rlimit {
            rlim_cur: bytes as libc::rlim_t,
            rlim_max: bytes as libc::rlim_t,
        };
        // SAFETY: setrlimit reads a valid, initialised rlimit struct we own.
        let rc = unsafe { libc::setrlimit(libc::RLIMIT_AS, &lim) };
        if rc != 0 {
            return Err(std::io::Error::last_os_error().to_string());
        }
    }
    Ok(())
}

/// The worker's side: limits itself, extracts `path` on a thread with a large
/// stack, catches panics, and writes the JSON result on stdout. Returns the
/// process exit code (0 whenever a result was written).
pub fn serve(path: &Path, passwords: Vec<String>, memory_limit: u64) -> i32 {
    // the panic message travels in the JSON result; keep stderr for real crashes
    std::panic::set_hook(Box::new(|_| {}));
    let owned = path.to_path_buf();
    let handle = thread::Builder::new()
        .name("pdf-extract".into())
        .stack_size(WORKER_STACK)
        .spawn(move || {
            // limited from inside the thread: its stack is already mapped, so a
            // tight limit stops the extraction, not the thread's start
            if let Err(e) = limit_memory(memory_limit) {
                eprintln!("agendex pdf-worker: cannot set the memory limit: {e}");
            }
            std::panic::catch_unwind(|| extract_pdf_in_process(&owned, &passwords))
        });
    let result: Result<PdfText, PdfError> = match handle {
        Err(e) => Err(PdfError::WorkerCrashed(format!(
            "cannot start the extraction thread: {e}"
        ))),
        Ok(h) => match h.join() {
            Ok(Ok(r)) => r,
            Ok(Err(payload)) | Err(payload) => Err(PdfError::WorkerCrashed(format!(
                "panic: {}",
                panic_message(payload.as_ref())
            ))),
        },
    };
    let json = match serde_json::to_vec(&result) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("agendex pdf-worker: cannot encode the result: {e}");
            return 3;
        }
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(&json).and_then(|_| out.flush()).is_err() {
        return 3;
    }
    0
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_limits() {
        assert_eq!(human_bytes(2 << 30), "2 GiB");
        assert_eq!(human_bytes(512 << 20), "512 MiB");
    }

    #[test]
    fn a_missing_worker_is_a_start_error() {
        let opts = PdfOptions {
            worker: Some(PathBuf::from("/nonexistent/agendex")),
            ..PdfOptions::default()
        };
        let err = extract_isolated(Path::new("x.pdf"), &opts).unwrap_err();
        assert!(matches!(err, PdfError::WorkerStart(..)), "{err}");
    }
}
