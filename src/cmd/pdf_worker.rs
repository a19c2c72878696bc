//! `agendex pdf_worker` (not built yet).

use super::CmdResult;

/// Arguments of `agendex pdf_worker`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex pdf_worker`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'pdf_worker' is not built yet")
}
