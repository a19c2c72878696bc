//! `agendex rules` (not built yet).

use super::CmdResult;

/// Arguments of `agendex rules`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs `agendex rules`.
pub fn run(_args: Args) -> CmdResult {
    anyhow::bail!("'rules' is not built yet")
}
