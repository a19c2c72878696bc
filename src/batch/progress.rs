//! Showing a run while it goes: an indicatif bar (files, MB, rate, ETA) on a
//! terminal, plain log lines on stderr otherwise (cron, CI, pipes), where a bar's
//! carriage returns would only make noise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// How often a plain progress line is written.
const PLAIN_EVERY: Duration = Duration::from_secs(2);

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, else plain lines.
    Auto,
    /// Plain lines on stderr.
    Plain,
    /// Nothing but warnings.
    Quiet,
}

/// The progress display of one run.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total_files: u64,
    total_bytes: u64,
    files: u64,
    bytes: u64,
    start: Instant,
    last_line: Option<Instant>,
}

impl Progress {
    /// Starts showing a run of `total_files` files, `total_bytes` bytes.
    pub fn start(mode: ProgressMode, total_files: u64, total_bytes: u64) -> Progress {
        let tty = std::io::stderr().is_terminal();
        let bar = (mode == ProgressMode::Auto && tty && total_files > 0).then(|| {
            let bar = ProgressBar::new(total_bytes.max(1));
            let style = ProgressStyle::with_template(
                "{spinner} [{bar:30}] {msg} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(format!("0/{total_files} files"));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let plain = bar.is_none() && mode != ProgressMode::Quiet;
        Progress {
            bar,
            plain,
            total_files,
            total_bytes,
            files: 0,
            bytes: 0,
            start: Instant::now(),
            last_line: None,
        }
    }

    /// One file done, of `bytes` bytes.
    pub fn file_done(&mut self, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes);
            bar.set_message(format!("{}/{} files", self.files, self.total_files));
        } else if self.plain {
            // first file at once (shows the run is under way), then every PLAIN_EVERY
            let due = self.last_line.is_none_or(|t| t.elapsed() >= PLAIN_EVERY);
            if due || self.files == self.total_files {
                self.last_line = Some(Instant::now());
                eprintln!("{}", self.line());
            }
        }
    }

    /// "ingest: 120/20000 files, 1.4/240.0 MB, 3.2 MB/s, ETA 75 s"
    fn line(&self) -> String {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = self.bytes as f64 / secs;
        let eta = if rate > 0.0 {
            format!(
                "{:.0} s",
                (self.total_bytes.saturating_sub(self.bytes)) as f64 / rate
            )
        } else {
            "?".into()
        };
        format!(
            "ingest: {}/{} files, {:.1}/{:.1} MB, {:.1} MB/s, ETA {eta}",
            self.files,
            self.total_files,
            mb(self.bytes),
            mb(self.total_bytes),
            mb(rate as u64),
        )
    }

    /// Prints a message without breaking the bar.
    pub fn println(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.println(msg),
            None => eprintln!("{msg}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Bytes as decimal megabytes.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
