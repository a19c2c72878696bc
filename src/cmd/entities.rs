//! `agendex entities` (not built yet).

use super::CmdResult;

/// Arguments of `agendex entities`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex entities`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'entities' is not built yet")
}
