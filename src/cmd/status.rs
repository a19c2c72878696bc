//! `agendex status` (not built yet).

use super::CmdResult;

/// Arguments of `agendex status`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex status`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'status' is not built yet")
}
