//! One file per subcommand: each parses nothing itself (clap did) and calls the library.

use std::path::PathBuf;

use agendex::config;
use agendex::index::IndexReader;

pub mod check;
pub mod completions;
pub mod entities;
pub mod export;
pub mod extract;
pub mod filter_args;
pub mod ingest;
pub mod pdf_worker;
pub mod remove;
pub mod restore;
pub mod rules;
pub mod search;
pub mod serve;
pub mod show;
pub mod status;
pub mod summary;

/// Exit code when the run could not start (bad flags, broken rules, locked index).
pub const EXIT_CANNOT_START: u8 = 2;
/// Exit code when the run finished but some files failed.
pub const EXIT_SOME_FAILED: u8 = 1;

/// What every subcommand returns.
pub type CmdResult = anyhow::Result<std::process::ExitCode>;

/// `--color`: whether output may carry ANSI colour.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless the NO_COLOR environment variable is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

static COLOR: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

/// Records the `--color` choice for the run (called once by `main`).
pub fn set_color(choice: ColorChoice) {
    let _ = COLOR.set(choice);
}

/// Lets a read-only command end quietly when the reader of its output goes
/// away (`agendex rules check | head -1`): Rust ignores SIGPIPE, so `println!`
/// panicked on the closed pipe; the default action ends the process as `grep`
/// does. Commands that write an index or serve never call this.
pub fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring a signal's default action, before any thread starts
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Whether to colour output going to a stream that `is_terminal` or not
/// (<https://no-color.org>: a non-empty NO_COLOR turns `auto` off).
pub fn use_color(is_terminal: bool) -> bool {
    match COLOR.get().copied().unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The index folder named by `--index`, `$AGENDEX_INDEX`, agendex.toml or the
/// per-user default ([`agendex::config::index_dir`]).
pub fn index_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    Ok(config::index_dir(flag)?.path)
}

/// The rules folder named by `--rules`, `$AGENDEX_RULES`, agendex.toml or the
/// built-in rules ([`agendex::config::rules_dir`]).
pub fn rules_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    Ok(config::rules_dir(flag)?.path)
}

/// Opens the index for reading; a missing one is said with where its name came
/// from and the command that builds it.
pub fn open_index(flag: Option<PathBuf>) -> anyhow::Result<IndexReader> {
    let located = config::index_dir(flag)?;
    if !located.path.join("meta.json").is_file() {
        anyhow::bail!(
            "no index at {} (from {}): build it with `agendex ingest PATH`, or point --index at an index folder",
            located.path.display(),
            located.source
        );
    }
    Ok(IndexReader::open(&located.path)?)
}
