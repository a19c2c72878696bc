//! `agendex search` (not built yet).

use super::CmdResult;

/// Arguments of `agendex search`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex search`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'search' is not built yet")
}
