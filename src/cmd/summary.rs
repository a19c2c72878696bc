//! `agendex summary`: requests, roles, deadlines, money and timeline for a state or topic.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::date::Date;
use agendex::query::csv_out;
use agendex::query::filters::parse_from;
use agendex::query::summary::{self, Subject, SummaryRequest};

/// Output format of a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown report (terminal and documents).
    Markdown,
    /// JSON following docs/summary-schema.json.
    Json,
    /// CSV, one row per fact.
    Csv,
}

/// Arguments of `agendex summary`.
#[derive(clap::Args, Debug)]
#[command(
    group = clap::ArgGroup::new("subject").required(true).args(["state", "topic"]),
    after_help = "\
Examples:
  agendex summary --state Japan                       # Markdown: requests, deadlines, money, meetings
  agendex summary --state KHM --format csv > cambodia.csv
  agendex summary --topic 'victim assistance' --from 2015
  agendex summary --state Germany --rates rates.csv      # money totals also in USD"
)]
pub struct Args {
    /// The state to summarise (name, alias or ISO3 code, any case).
    #[arg(long)]
    pub state: Option<String>,
    /// A topic, as a query in the search syntax ("victim assistance",
    /// "\"funding gaps\""): aliases and synonyms expand, every word must match
    /// unless the query says OR.
    #[arg(long)]
    pub topic: Option<String>,
    /// Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only meetings on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// Deadlines before this date are past, the others upcoming (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Exchange rates: a CSV file of `year,currency,usd_per_unit` lines
    /// (`2019,EUR,1.12`); money totals get a USD column, "no rate" where the
    /// file has none for an amount's meeting year and currency.
    #[arg(long, value_name = "FILE")]
    pub rates: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Rules folder [default: $AGENDEX_RULES, `rules` of agendex.toml, else the
    /// built-in rules].
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

/// Runs `agendex summary`.
pub fn run(args: Args) -> CmdResult {
    // read first: a mistyped rates file fails before any work is done
    let rates = match &args.rates {
        Some(path) => Some(summary::Rates::load(path).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let reader = super::open_index(args.index)?;
    let rules_dir = super::rules_dir(args.rules)?;
    if args.topic.is_some() {
        // --topic reads like search: aliases and synonyms of the rules expand
        let synonyms = super::search::load_synonyms(&rules_dir)?;
        agendex::query::synonyms::install(std::sync::Arc::new(synonyms));
    }
    let filters = super::filter_args::resolve(
        &reader,
        args.state.clone(),
        None,
        args.from,
        args.to,
        rules_dir,
    )?;
    let subject = match (&filters.state, args.topic) {
        (Some(state), _) => Subject::State(state.clone()),
        (None, Some(topic)) => Subject::Topic(topic),
        (None, None) => anyhow::bail!("give --state NAME or --topic QUERY"),
    };
    let as_of = match &args.as_of {
        Some(s) => parse_from("--as-of", s)?,
        None => Date::today(),
    };
    let mut s = summary::summarise(
        &reader,
        &SummaryRequest {
            subject,
            filters,
            as_of,
        },
    )?;
    if let Some(r) = &rates {
        summary::rates::apply(&mut s, r);
    }
    let text = match args.format {
        Format::Markdown => summary::render_markdown(&s),
        Format::Json => serde_json::to_string_pretty(&summary::to_json(&s))? + "\n",
        Format::Csv => csv_out::csv_doc(&summary::csv_columns(&s), &summary::csv_rows(&s)),
    };
    super::status::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
