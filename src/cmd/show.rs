//! `agendex show` (not built yet).

use super::CmdResult;

/// Arguments of `agendex show`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex show`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'show' is not built yet")
}
