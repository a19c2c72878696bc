//! `agendex ingest`: read the corpus into the index, incrementally.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::status::write_stdout;
use super::{CmdResult, EXIT_CANNOT_START, EXIT_SOME_FAILED};
use agendex::batch::{self, failure_report, interrupt, IngestConfig, ProgressMode, RunReport};
use agendex::config;
use agendex::ingest::IngestOptions;
use agendex::pdf;
use agendex::pipeline::RecordBudget;

/// Arguments of `agendex ingest`.
///
/// Reads the corpus folders into the index. Only added and changed files are
/// read; a document is removed only when its own folder was read and its file
/// is gone from it, so ingesting another folder adds to the index.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Only added and changed files are read (size and time, then content hash); a change to the rules \
or the index schema re-extracts everything. Ingesting another folder adds to the index: a \
document is removed only when its own folder was read and its file is gone, and a run that would \
remove more than 20% of the index stops unless --allow-removals. The commit before this run is \
kept: `agendex restore` brings it back. Files that fail are listed, written to \
INDEX/failures.json and retried next run.

Limits per record: the PDF worker stops a PDF at 2 GiB of memory, 60 s or a stream inflating \
beyond 64 MiB; after reading, a record may hold at most --max-record-mb of text (default 64; \
memory is about 25 bytes per byte of text on top of a fixed ~100 MB per job) and take at most \
--record-seconds (default 300). A record over a limit fails with the limit's name and is \
retried next run; the rest of the corpus goes on.

Skipped, not failed: files of other types, README/SOURCES/LICENSE/CHANGELOG notes, empty files, \
FIFOs and devices, and symbolic links leading outside the corpus folder (-v names each).

A run killed or interrupted leaves the index at its last commit; the next plain run cleans what \
the killed one left and finishes the work. `agendex check` verifies the index; `--repair` \
rebuilds a damaged one (the old folder is kept aside until the new index is committed).

Exit codes: 0 done (or only known failures, with the default --fail-on new); 1 files failed \
(see --fail-on); 2 the run could not start (broken rules, no corpus, index locked by another \
ingest, index folder not writable, too many removals); 130 stopped by Ctrl-C (work done so far \
is committed).

Examples:
  agendex ingest                      # the project's corpus (agendex.toml), or the folders indexed before
  agendex ingest ~/records/2026-w14   # add this week's folder to the index
  agendex ingest --index /srv/agendex/index --fail-on any --log-format json   # from cron
  agendex ingest --full               # re-read everything
  agendex ingest --repair             # rebuild a damaged index (see `agendex check`)")]
pub struct Args {
    /// Corpus folders or files to read (.txt, .md, .pdf); other files are skipped.
    /// Document ids are paths relative to each folder. Default: `corpus` of the
    /// project file (agendex.toml), else the folders the index was built from.
    pub paths: Vec<PathBuf>,
    /// Index folder, created if missing [default: $AGENDEX_INDEX, `index` of
    /// agendex.toml, else the per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Rules folder; a change to it re-extracts every document [default:
    /// $AGENDEX_RULES, `rules` of agendex.toml, else the built-in rules].
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Let this run remove more than 20% of the indexed documents (files gone
    /// from a folder that was read). Without it such a run stops and writes nothing.
    #[arg(long)]
    pub allow_removals: bool,
    /// Which failed files make the exit code 1: `new` (failed now, not in the
    /// last run's failures: the cron default), `any`, or `none`.
    #[arg(long, value_enum, default_value_t = FailOn::New)]
    pub fail_on: FailOn,
    /// The run's summary as one JSON object on stdout (for log collectors).
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
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
    /// Name every skipped and empty file in the summary.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Largest text one record may hold after reading, in MB (1-4096).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_record_mb: u64,
    /// Longest time one record may take after reading, in seconds (1-86400).
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub record_seconds: u64,
    /// Follow symbolic links that lead outside the corpus folders.
    #[arg(long)]
    pub follow_links: bool,
    /// Rebuild the index from the corpus: a damaged index is moved aside (kept
    /// until the new one is committed) and every record is read again.
    #[arg(long)]
    pub repair: bool,
}

/// Which failures fail the run (`--fail-on`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Files that failed now and did not fail in the last run.
    New,
    /// Any file that failed.
    Any,
    /// Never exit 1 for failed files (they are still listed).
    None,
}

/// How the run's summary is printed (`--log-format`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Lines for a person.
    Text,
    /// One JSON object: the run report, the index and the new failures.
    Json,
}

/// Runs `agendex ingest`.
pub fn run(args: Args) -> CmdResult {
    let index = config::index_dir(args.index.clone())?;
    let rules = config::rules_dir(args.rules.clone())?;
    let recorded = batch::index_status::recorded_roots(&index.path);
    let Some((roots, _)) = config::corpus_roots(args.paths.clone(), &recorded)? else {
        eprintln!(
            "agendex: error: no corpus to read: give the folder of records (`agendex ingest PATH`), \
             or write an agendex.toml with `corpus = [\"PATH\"]` in this folder or a parent"
        );
        return Ok(ExitCode::from(EXIT_CANNOT_START));
    };
    let cfg = config_for(&args, roots, index.path, rules.path, Vec::new())?;
    let Some(cfg) = cfg else {
        return Ok(ExitCode::from(EXIT_CANNOT_START));
    };
    run_config(cfg, args.fail_on, args.log_format, args.verbose)
}

/// Builds the run's settings; `None` when the passwords file cannot be read
/// (said on stderr).
pub fn config_for(
    args: &Args,
    roots: Vec<PathBuf>,
    index_dir: PathBuf,
    rules_dir: PathBuf,
    remove: Vec<PathBuf>,
) -> anyhow::Result<Option<IngestConfig>> {
    let mut ingest = IngestOptions::default();
    ingest.pdf.passwords.extend(args.password.iter().cloned());
    if let Some(f) = &args.passwords_file {
        match pdf::read_passwords_file(f) {
            Ok(p) => ingest.pdf.passwords.extend(p),
            Err(e) => {
                eprintln!("agendex: error: {e}");
                return Ok(None);
            }
        }
    }
    Ok(Some(IngestConfig {
        roots,
        index_dir,
        rules_dir,
        allow_removals: args.allow_removals,
        remove,
        jobs: args.jobs.map_or(0, usize::from),
        full: args.full,
        repair: args.repair,
        ingest,
        budget: RecordBudget {
            max_bytes: args.max_record_mb * 1_000_000,
            max_time: std::time::Duration::from_secs(args.record_seconds),
        },
        follow_links: args.follow_links,
        progress: if args.quiet {
            ProgressMode::Quiet
        } else if args.plain {
            ProgressMode::Plain
        } else {
            ProgressMode::Auto
        },
    }))
}

/// Runs one configured ingest (or removal) and prints its summary.
pub fn run_config(
    cfg: IngestConfig,
    fail_on: FailOn,
    log_format: LogFormat,
    verbose: bool,
) -> CmdResult {
    let known: Vec<PathBuf> = failure_report::read(&cfg.index_dir)
        .into_iter()
        .map(|f| f.path)
        .collect();
    interrupt::install();
    // past a file-size limit (ulimit -f) the system's default is to kill the
    // process; ignored, the write fails with EFBIG and the user is told why
    // SAFETY: setting a signal to ignored touches no memory.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let report = match batch::run(&cfg) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("agendex: error: {e}");
            return Ok(ExitCode::from(EXIT_CANNOT_START));
        }
    };
    let new_failures: Vec<&PathBuf> = report
        .failures
        .iter()
        .map(|f| &f.path)
        .filter(|p| !known.contains(p))
        .collect();
    match log_format {
        LogFormat::Text => {
            let mut text = summary(&report, &cfg, verbose);
            if !new_failures.is_empty() && new_failures.len() < report.failures.len() {
                let _ = writeln!(
                    text,
                    "new failures: {} (the others also failed in the last run)",
                    new_failures.len()
                );
            }
            write_stdout(&text)?;
        }
        LogFormat::Json => {
            let json = serde_json::json!({
                "index": cfg.index_dir,
                "roots": cfg.roots,
                "report": report,
                "new_failures": new_failures,
            });
            write_stdout(&format!("{json}\n"))?;
        }
    }
    let failing = match fail_on {
        FailOn::New => !new_failures.is_empty(),
        FailOn::Any => report.failed > 0,
        FailOn::None => false,
    };
    Ok(if report.interrupted {
        ExitCode::from(interrupt::EXIT_INTERRUPTED)
    } else if failing {
        ExitCode::from(EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(r: &RunReport, cfg: &IngestConfig, verbose: bool) -> String {
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
        config::display(&cfg.index_dir),
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
            "skipped {} files that are not records (other types, notes, special files, links \
             leaving the corpus){}",
            r.skipped,
            if verbose { ":" } else { "; -v names them" }
        );
    }
    if verbose {
        for s in &r.skipped_files {
            let _ = writeln!(out, "  skipped {}: {}", s.path.display(), s.why);
        }
    }
    if !r.empty.is_empty() {
        let _ = writeln!(
            out,
            "skipped {} empty files{}",
            r.empty.len(),
            if verbose { ":" } else { "; -v names them" }
        );
        if verbose {
            for p in &r.empty {
                let _ = writeln!(out, "  empty {}", p.display());
            }
        }
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
    if let Some(why) = &r.repaired {
        let _ = writeln!(out, "{why}");
    }
    if r.interrupted {
        let _ = writeln!(
            out,
            "interrupted: the documents done so far are committed; {} files are left: run again \
             to finish",
            r.left
        );
    }
    out
}
