//! `agendex search`: full-text search over agenda items.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::process::ExitCode;

use super::filter_args::FilterArgs;
use super::CmdResult;
use agendex::query::search::{self, Highlight, SearchRequest, SortBy};

/// Arguments of `agendex search`.
#[derive(clap::Args, Debug)]
// keeps `search --help` as it was before the flags were shared: rules listed last
#[command(
    mut_arg("rules", |a| a.display_order(100)),
    after_help = "\
Examples:
  agendex search 'funding gap'                          # ranked agenda items, with snippets
  agendex search '\"Article 5\" deadline' --state Cambodia --facets
  agendex search 'clearance -Japan' --from 2015 --to 2020 --json"
)]
pub struct Args {
    /// Query in tantivy syntax: words (all must match), "exact phrases", AND/OR/NOT,
    /// field:term (fields: text, item, title, number, state, organisation, body,
    /// symbol), ranges such as amount:[1000000 TO *]. Use "*" to list everything.
    pub query: String,
    /// Index, state, body, dates and rules.
    #[command(flatten)]
    pub filters: FilterArgs,
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
}

/// Runs `agendex search`.
pub fn run(args: Args) -> CmdResult {
    let (reader, filters) = args.filters.open()?;
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
    let style = if super::use_color(std::io::stdout().is_terminal()) {
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
