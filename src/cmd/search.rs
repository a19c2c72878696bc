//! `agendex search`: full-text search over agenda items.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::index::IndexReader;
use agendex::query::search::{self, Highlight, SearchRequest, SortBy};
use agendex::query::FilterArgs;

/// Arguments of `agendex search`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Query in tantivy syntax: words (all must match), "exact phrases", AND/OR/NOT,
    /// field:term (fields: text, item, title, number, state, organisation, body,
    /// symbol), ranges such as amount:[1000000 TO *]. Use "*" to list everything.
    pub query: String,
    /// Index folder.
    #[arg(long, default_value = super::DEFAULT_INDEX)]
    pub index: PathBuf,
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
    /// Most hits to print.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Print one JSON object per hit (NDJSON); with --facets, a last line holds the counts.
    #[arg(long)]
    pub json: bool,
    /// Also count the matching items by state, body and year.
    #[arg(long)]
    pub facets: bool,
    /// Order of hits: score (best first) or date (oldest meeting first).
    #[arg(long, value_enum, default_value_t = SortBy::Score)]
    pub sort: SortBy,
    /// Rules folder whose gazetteers resolve name aliases (optional).
    #[arg(long, default_value = super::DEFAULT_RULES)]
    pub rules: PathBuf,
}

/// Runs `agendex search`.
pub fn run(args: Args) -> CmdResult {
    let reader = IndexReader::open(&args.index)?;
    let filters = FilterArgs {
        state: args.state,
        body: args.body,
        from: args.from,
        to: args.to,
        rules: Some(args.rules),
    }
    .resolve(&reader)?;
    let req = SearchRequest {
        query: args.query,
        filters,
        limit: args.limit,
        sort: args.sort,
        facets: args.facets,
    };
    let results = search::search(&reader, &req)?;
    let mut out = String::new();
    if args.json {
        for hit in &results.hits {
            writeln!(out, "{}", search::hit_json(hit))?;
        }
        if let Some(f) = &results.facets {
            writeln!(out, "{}", search::facets_json(f))?;
        }
        super::status::write_stdout(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let style = if std::io::stdout().is_terminal() {
        Highlight::Ansi
    } else {
        Highlight::Brackets
    };
    writeln!(
        out,
        "{} matching item(s), showing {}\n",
        results.total,
        results.hits.len()
    )?;
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out, "{}", search::render_hit(i + 1, hit, style))?;
    }
    if let Some(f) = &results.facets {
        writeln!(out, "counts over all {} matching item(s):", results.total)?;
        out.push_str(&search::render_facets(f));
    }
    super::status::write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}
