//! `agendex remove`: take documents out of the index on purpose.

use std::path::PathBuf;
use std::process::ExitCode;

use super::ingest::{FailOn, LogFormat};
use super::{CmdResult, EXIT_CANNOT_START};
use agendex::batch::manifest::CommitPayload;
use agendex::batch::{manifest, removal};

/// Arguments of `agendex remove`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Removes the documents whose id is TARGET, whose file is TARGET or lies under it, or whose corpus \
folder is TARGET, and nothing else; their files are not touched. The commit before is kept: \
`agendex restore` undoes the removal.

Examples:
  agendex remove masg/2016-10-masg-minutes.txt   # one document, by id
  agendex remove ~/records/2026-w14              # every document read from this folder")]
pub struct Args {
    /// Document ids, files or corpus folders.
    #[arg(required = true)]
    pub targets: Vec<PathBuf>,
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// No progress output.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs `agendex remove`.
pub fn run(args: Args) -> CmdResult {
    let index = super::index_dir(args.index)?;
    let payload = agendex::index::read_commit_payload(&index)?;
    let Some(p) = payload.as_deref().and_then(CommitPayload::parse) else {
        eprintln!(
            "agendex: error: no index at {}: nothing to remove (point --index at an index folder)",
            index.display()
        );
        return Ok(ExitCode::from(EXIT_CANNOT_START));
    };
    let m = manifest::load(&index, &p)?;
    let unmatched = removal::unmatched(&m, &args.targets);
    if !unmatched.is_empty() {
        for t in &unmatched {
            eprintln!(
                "agendex: error: {}: no indexed document has this id, file or folder (see `agendex status` and `agendex show`)",
                t.display()
            );
        }
        eprintln!("agendex: nothing was removed");
        return Ok(ExitCode::from(EXIT_CANNOT_START));
    }
    let ingest_args = super::ingest::Args {
        paths: Vec::new(),
        index: None,
        rules: None,
        allow_removals: true,
        fail_on: FailOn::None,
        log_format: LogFormat::Text,
        jobs: None,
        full: false,
        password: Vec::new(),
        passwords_file: None,
        plain: false,
        quiet: args.quiet,
        verbose: false,
        max_record_mb: 64,
        record_seconds: 300,
        follow_links: false,
        repair: false,
    };
    let rules = super::rules_dir(None)?;
    let Some(cfg) =
        super::ingest::config_for(&ingest_args, Vec::new(), index, rules, args.targets)?
    else {
        return Ok(ExitCode::from(EXIT_CANNOT_START));
    };
    super::ingest::run_config(cfg, FailOn::None, LogFormat::Text, false)
}
