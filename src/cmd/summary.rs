//! `agendex summary` (not built yet).

use super::CmdResult;

/// Arguments of `agendex summary`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex summary`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'summary' is not built yet")
}
