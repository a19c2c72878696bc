//! `agendex check`: is the index whole? Verifies every file of the last commit
//! (present, checksums), that every stored record decodes, and that the
//! manifest lists exactly the documents the index holds.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::status::write_stdout;
use super::{CmdResult, EXIT_CANNOT_START};
use agendex::batch::index_repair;
use agendex::batch::manifest::{self, CommitPayload};
use agendex::index::{index_health, index_writer};

/// Arguments of `agendex check`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Exit codes: 0 the index is whole; 1 damage found (each damaged file is named; \
`agendex ingest --repair` rebuilds the index); 2 no index in the folder.

Examples:
  agendex check                       # the project's index
  agendex check --index /srv/agendex/index && echo whole")]
pub struct Args {
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
}

/// Exit code when damage was found.
const EXIT_DAMAGED: u8 = 1;

/// Runs `agendex check`.
pub fn run(args: Args) -> CmdResult {
    let dir = &super::index_dir(args.index)?;
    if !index_writer::index_exists(dir) {
        eprintln!(
            "agendex: error: no index at {}: run `agendex ingest --index {}` first",
            dir.display(),
            dir.display()
        );
        return Ok(ExitCode::from(EXIT_CANNOT_START));
    }
    let mut out = String::new();
    let mut problems: Vec<String> = index_health::full_check(dir)
        .iter()
        .map(|d| format!("damaged: {d}"))
        .collect();
    if problems.is_empty() {
        problems.extend(manifest_problems(dir));
    }
    let leftovers = index_health::leftover_files(dir);
    if problems.is_empty() {
        let _ = writeln!(
            out,
            "the index at {} is whole: every file of the last commit is present and \
             matches its checksum, every stored record decodes, and the manifest agrees",
            dir.display()
        );
        if !leftovers.is_empty() {
            let _ = writeln!(
                out,
                "{} files of an unfinished run are left over (harmless: the next ingest removes them)",
                leftovers.len()
            );
        }
        write_stdout(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        let _ = writeln!(out, "{p}");
    }
    let _ = writeln!(
        out,
        "the index at {} is damaged: run `agendex ingest --repair --index {}` to rebuild it \
         from the corpus (the damaged files are kept aside until the new index is committed)",
        dir.display(),
        dir.display()
    );
    write_stdout(&out)?;
    Ok(ExitCode::from(EXIT_DAMAGED))
}

/// The manifest against the index's documents, one line per disagreement.
fn manifest_problems(dir: &std::path::Path) -> Vec<String> {
    let payload = match agendex::index::read_commit_payload(dir) {
        Ok(p) => p,
        Err(e) => return vec![format!("damaged: {e}")],
    };
    let Some(p) = payload.as_deref().and_then(CommitPayload::parse) else {
        return vec![
            "damaged: the last commit names no manifest (the index was not written by \
                     a complete agendex ingest)"
                .to_string(),
        ];
    };
    let m = match manifest::load(dir, &p) {
        Ok(m) => m,
        Err(e) => return vec![format!("damaged: {e}")],
    };
    match index_repair::compare(dir, &m) {
        Ok(d) => d
            .redo
            .iter()
            .map(|id| format!("manifest disagrees: document {id} is listed but its records in the index differ"))
            .chain(d.strays.iter().map(|id| {
                format!("manifest disagrees: document {id} is in the index but not in the manifest")
            }))
            .collect(),
        Err(e) => vec![format!("damaged: {e}")],
    }
}
