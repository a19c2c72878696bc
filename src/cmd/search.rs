//! `agendex search`: full-text search over agenda items.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use super::filter_args::FilterArgs;
use super::CmdResult;
use agendex::query::search::{self, Highlight, SearchRequest, SortBy, MAX_LIMIT};
use agendex::query::synonyms::Synonyms;

/// Arguments of `agendex search`.
#[derive(clap::Args, Debug)]
// keeps `search --help` as it was before the flags were shared: rules listed last
#[command(
    mut_arg("rules", |a| a.display_order(100)),
    after_help = "\
Examples:
  agendex search 'funding gap'                          # ranked agenda items, with snippets
  agendex search '\"Article 5\" deadline' --state Cambodia --facets
  agendex search 'clearance -Japan' --from 2015 --to 2020 --json
  agendex search '\"Article 9\"' --explain --fail-if-empty   # how the query was read; exit 1 if nothing"
)]
pub struct Args {
    /// Query: words (any may match, items matching more rank higher; "the", "of"
    /// and other stop words are left out), "exact phrases", +required, -excluded,
    /// a AND b, a OR b, NOT x, (groups), field:word or field:"phrase" (fields:
    /// text, item, title, number, state, organisation, body, symbol, year, place,
    /// doc_type, amount), ranges such as amount:[1000000 TO *]. Names and terms
    /// expand with their aliases and the synonyms of rules/synonyms.toml; a word
    /// no record uses is corrected. Use "*" to list everything.
    pub query: String,
    /// Index, state, body, dates and rules.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Most hits to print (at most 1000; 0 prints nothing).
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip before the first one printed.
    #[arg(long, default_value_t = 0, conflicts_with = "page")]
    pub offset: usize,
    /// Page of --limit hits to print, from 1 (same as --offset (PAGE-1)*LIMIT).
    #[arg(long)]
    pub page: Option<usize>,
    /// Print one JSON object per hit (NDJSON), with its rank, citation and the
    /// total; with --facets, a last line holds the counts.
    #[arg(long)]
    pub json: bool,
    /// Also count the matching items by state, body and year.
    #[arg(long)]
    pub facets: bool,
    /// Order of hits: relevance (best first, equal scores newest first), newest or
    /// oldest meeting first.
    #[arg(long, value_enum, default_value_t = SortBy::Relevance)]
    pub sort: SortBy,
    /// Only the best item of each document.
    #[arg(long)]
    pub per_doc: bool,
    /// Print how the query was read: each word or phrase with the synonyms,
    /// aliases and corrections it was searched with.
    #[arg(long)]
    pub explain: bool,
    /// Exit 1 when nothing matches (for scripts); by default a search with no
    /// match exits 0, as it answered.
    #[arg(long)]
    pub fail_if_empty: bool,
}

/// The query-time vocabulary of a rules folder; a broken synonyms file is an
/// error that names its lines.
pub fn load_synonyms(rules_dir: &std::path::Path) -> anyhow::Result<Synonyms> {
    match Synonyms::load(rules_dir) {
        Ok(s) => Ok(s),
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            anyhow::bail!(
                "the synonyms file in {} is broken: fix the lines above (`agendex rules check` checks it)",
                rules_dir.display()
            );
        }
    }
}

/// Runs `agendex search`.
pub fn run(mut args: Args) -> CmdResult {
    let rules_dir = super::rules_dir(args.filters.rules.take())?;
    args.filters.rules = Some(rules_dir.clone());
    let synonyms = load_synonyms(&rules_dir)?;
    if args.limit > MAX_LIMIT {
        eprintln!(
            "agendex: note: --limit {} is more than {MAX_LIMIT}: showing {MAX_LIMIT}",
            args.limit
        );
    }
    let offset = match args.page {
        Some(0) => anyhow::bail!("--page counts from 1"),
        Some(p) => (p - 1).saturating_mul(args.limit.min(MAX_LIMIT)),
        None => args.offset,
    };
    let (reader, filters) = args.filters.open()?;
    let req = SearchRequest {
        query: args.query,
        filters,
        limit: args.limit,
        offset,
        sort: args.sort,
        facets: args.facets,
        per_doc: args.per_doc,
        synonyms: Arc::new(synonyms),
    };
    let results = search::search(&reader, &req)?;
    // grep's convention would be exit 1 on no match; a search that finds
    // nothing is an answer, not a failure, unless a script asks
    let done = if args.fail_if_empty && results.total == 0 {
        ExitCode::from(super::EXIT_SOME_FAILED)
    } else {
        ExitCode::SUCCESS
    };
    let mut out = String::new();
    if args.explain {
        let mut text = format!("query: {}\n", req.query.trim());
        for line in &results.explain {
            let _ = writeln!(text, "  {line}");
        }
        // on stderr with --json, so that stdout stays NDJSON
        if args.json {
            eprint!("{text}");
        } else {
            out.push_str(&text);
            out.push('\n');
        }
    }
    for c in &results.corrections {
        let line = format!(
            "showing results for \"{}\" (no record has \"{}\")",
            c.corrected, c.typed
        );
        if args.json {
            eprintln!("{line}");
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    if args.json {
        for (i, hit) in results.hits.iter().enumerate() {
            writeln!(
                out,
                "{}",
                search::hit_json(hit, offset + i + 1, results.total)
            )?;
        }
        if let Some(f) = &results.facets {
            writeln!(out, "{}", search::facets_json(f))?;
        }
        super::status::write_stdout(&out)?;
        return Ok(done);
    }
    if req.limit == 0 {
        super::status::write_stdout(&out)?;
        return Ok(done);
    }
    let style = if super::use_color(std::io::stdout().is_terminal()) {
        Highlight::Ansi
    } else {
        Highlight::Brackets
    };
    let shown = if results.hits.is_empty() {
        "none shown".to_string()
    } else {
        format!("showing {}-{}", offset + 1, offset + results.hits.len())
    };
    writeln!(out, "{} matching item(s), {shown}\n", results.total)?;
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(out, "{}", search::render_hit(offset + i + 1, hit, style))?;
    }
    if let Some(f) = &results.facets {
        writeln!(out, "counts over all {} matching item(s):", results.total)?;
        out.push_str(&search::render_facets(f));
    }
    super::status::write_stdout(&out)?;
    Ok(done)
}
