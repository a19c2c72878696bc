//! The filter flags shared by `search`, `entities` and `summary`, and their one
//! conversion into library [`Filters`].

use std::path::PathBuf;

use agendex::index::IndexReader;
use agendex::query::{FilterArgs as QueryFilterArgs, Filters, QueryError};

/// `--state`, `--body`, `--from`, `--to`, `--index` and `--rules`, flattened into a
/// subcommand's arguments with `#[command(flatten)]`.
#[derive(clap::Args, Debug)]
pub struct FilterArgs {
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Only items that mention this state (name, alias or ISO3 code, any case).
    #[arg(long)]
    pub state: Option<String>,
    /// Only records of this body (MASG, CCM, APMBC, ...).
    #[arg(long)]
    pub body: Option<String>,
    /// Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only meetings on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Rules folder [default: $AGENDEX_RULES, `rules` of agendex.toml, else the
    /// built-in rules].
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

impl FilterArgs {
    /// Opens the index and resolves the typed names and dates against it.
    pub fn open(self) -> anyhow::Result<(IndexReader, Filters)> {
        let reader = super::open_index(self.index)?;
        let filters = resolve(
            &reader,
            self.state,
            self.body,
            self.from,
            self.to,
            super::rules_dir(self.rules)?,
        )?;
        Ok((reader, filters))
    }
}

/// Turns filter flags as typed into [`Filters`]; an unknown name fails with suggestions.
pub fn resolve(
    reader: &IndexReader,
    state: Option<String>,
    body: Option<String>,
    from: Option<String>,
    to: Option<String>,
    rules: PathBuf,
) -> Result<Filters, QueryError> {
    QueryFilterArgs {
        state,
        body,
        from,
        to,
        rules: Some(rules),
    }
    .resolve(reader)
}
