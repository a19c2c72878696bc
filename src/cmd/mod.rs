//! One file per subcommand: each parses nothing itself (clap did) and calls the library.

pub mod entities;
pub mod extract;
pub mod filter_args;
pub mod ingest;
pub mod pdf_worker;
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

/// The default rules folder: `rules/` in the working directory.
pub const DEFAULT_RULES: &str = "rules";
/// The default index folder: `index/` in the working directory.
pub const DEFAULT_INDEX: &str = "index";
/// The default corpus folder: `corpus/` in the working directory.
pub const DEFAULT_CORPUS: &str = "corpus";
