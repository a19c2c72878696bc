//! `agendex ingest` (not built yet).

use super::CmdResult;

/// Arguments of `agendex ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex ingest`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'ingest' is not built yet")
}
