//! `agendex ingest`: read the corpus into the index, incrementally.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::status::write_stdout;
use super::{CmdResult, EXIT_CANNOT_START, EXIT_SOME_FAILED};
use agendex::batch::{self, interrupt, IngestConfig, ProgressMode, RunReport};
use agendex::ingest::IngestOptions;

/// Arguments of `agendex ingest`.
///
/// The index mirrors the PATHs given: a document whose file is no longer found
/// under them is removed from the index. Only added and changed files are read
/// (size and time, then content hash); a change to the rules or to the index
/// schema re-extracts everything.
///
/// Exit codes: 0 all files indexed; 1 some files failed (listed, and written to
/// INDEX/failures.json; they are retried next run); 2 the run could not start
/// (broken rules, missing corpus, index locked by another ingest); 130 stopped by
/// Ctrl-C (what was done is committed).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Corpus folders or files to read (.txt, .md, .pdf); other files are skipped.
    /// Document ids are paths relative to each folder.
    #[arg(default_value = super::DEFAULT_CORPUS)]
    pub paths: Vec<PathBuf>,
    /// Index folder (created if missing).
    #[arg(long, default_value = super::DEFAULT_INDEX)]
    pub index: PathBuf,
    /// Rules folder; a change to it re-extracts every document.
    #[arg(long, default_value = super::DEFAULT_RULES)]
    pub rules: PathBuf,
    /// Worker threads for reading and extraction (default: one per core).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Re-process every document, not only added and changed ones.
    #[arg(long)]
    pub full: bool,
    /// Password to try on encrypted PDFs (repeatable).
    #[arg(long)]
    pub password: Vec<String>,
    /// File with one PDF password per line.
    #[arg(long)]
    pub passwords_file: Option<PathBuf>,
    /// Plain progress lines even on a terminal.
    #[arg(long, conflicts_with = "quiet")]
    pub plain: bool,
    /// No progress output (warnings, failures and the summary are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs `agendex ingest`.
pub fn run(args: Args) -> CmdResult {
    let mut ingest = IngestOptions::default();
    ingest.pdf.passwords.extend(args.password.iter().cloned());
    if let Some(f) = &args.passwords_file {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("{}: cannot read the passwords file", f.display()))?;
        ingest.pdf.passwords.extend(
            text.lines()
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        );
    }
    let cfg = IngestConfig {
        roots: args.paths,
        index_dir: args.index,
        rules_dir: args.rules,
        jobs: args.jobs.map_or(0, usize::from),
        full: args.full,
        ingest,
        progress: if args.quiet {
            ProgressMode::Quiet
        } else if args.plain {
            ProgressMode::Plain
        } else {
            ProgressMode::Auto
        },
    };
    interrupt::install();
    let report = match batch::run(&cfg) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("agendex: error: {e}");
            return Ok(ExitCode::from(EXIT_CANNOT_START));
        }
    };
    write_stdout(&summary(&report, &cfg))?;
    Ok(if report.interrupted {
        ExitCode::from(interrupt::EXIT_INTERRUPTED)
    } else if report.failed > 0 {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(r: &RunReport, cfg: &IngestConfig) -> String {
    let mut out = String::new();
    if let Some(why) = &r.rebuild {
        let _ = writeln!(out, "{why}");
    }
    let touched = if r.touched > 0 {
        format!(" ({} only touched)", r.touched)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "documents: {} added, {} changed, {} removed, {} unchanged{touched}, {} failed",
        r.added, r.changed, r.removed, r.unchanged, r.failed
    );
    let _ = writeln!(
        out,
        "written: {} segments, {} entities from {:.1} MB in {:.2} s",
        r.segments,
        r.entities,
        r.bytes as f64 / 1e6,
        r.seconds
    );
    let _ = writeln!(
        out,
        "index {}: {} documents, {} segments{}",
        cfg.index_dir.display(),
        r.documents,
        r.total_segments,
        if r.committed {
            ""
        } else {
            " (nothing to commit)"
        }
    );
    if r.skipped > 0 {
        let _ = writeln!(
            out,
            "skipped {} files that are not .txt, .md or .pdf",
            r.skipped
        );
    }
    for w in &r.warnings {
        let _ = writeln!(out, "warning: {}: {}", w.path.display(), w.message);
    }
    if !r.failures.is_empty() {
        let _ = writeln!(
            out,
            "failed ({}; listed in {}, retried next run):",
            r.failures.len(),
            cfg.index_dir.join("failures.json").display()
        );
        for f in &r.failures {
            let _ = writeln!(out, "  {f}");
        }
    }
    if r.interrupted {
        let _ = writeln!(
            out,
            "interrupted: the documents done so far are committed; run again to finish"
        );
    }
    out
}
