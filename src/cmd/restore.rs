//! `agendex restore`: bring back the index as it was before the last ingest.

use std::process::ExitCode;

use super::{CmdResult, EXIT_CANNOT_START};
use agendex::batch::snapshot;

/// Arguments of `agendex restore`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Every ingest (and remove) keeps the commit it replaces in INDEX/previous/. `agendex restore` \
brings that commit back and keeps the one it replaces, so a second restore undoes the first.

Example:
  agendex restore            # undo the last ingest
  agendex status             # what the index holds now")]
pub struct Args {
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<std::path::PathBuf>,
}

/// Runs `agendex restore`.
pub fn run(args: Args) -> CmdResult {
    let index = super::index_dir(args.index)?;
    match snapshot::restore(&index) {
        Ok(r) => {
            println!(
                "restored the previous commit of {} ({} files); the replaced one is kept, `agendex restore` again undoes this",
                index.display(),
                r.files
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("agendex: error: {e}");
            Ok(ExitCode::from(EXIT_CANNOT_START))
        }
    }
}
