//! `agendex entities`: entity mentions from the index, listed or counted.

use std::process::ExitCode;

use super::filter_args::FilterArgs;
use super::CmdResult;
use agendex::query::csv_out;
use agendex::query::entity_listing::{self, EntityRequest, GroupBy};

/// Output format of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for the terminal.
    Table,
    /// A JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Arguments of `agendex entities`.
#[derive(clap::Args, Debug)]
// keeps `entities --help` as it was before the flags were shared: shorter
// wording, and the folders listed last
#[command(
    mut_arg("state", |a| a.help("Only items that mention this state (name, alias or ISO3 code)")),
    mut_arg("body", |a| a.help("Only records of this body")),
    mut_arg("to", |a| a.help("Only meetings on or before this date")),
    mut_arg("index", |a| a.display_order(100)),
    mut_arg("rules", |a| a.display_order(101)),
    after_help = "\
Examples:
  agendex entities --type organisation --group-by value     # organisations by mentions
  agendex entities --type amount --group-by year            # money per meeting year, with totals
  agendex entities --type date --state Angola --format csv
  agendex entities --type extension --state Serbia          # extension requests"
)]
pub struct Args {
    /// Entity type: state, organisation, person, amount, date (or any rule type);
    /// `extension` lists the extension-request records.
    #[arg(long = "type", short = 't')]
    pub entity: Option<String>,
    /// State, body, dates, index and rules.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only items matching this query, in the search syntax (aliases and
    /// synonyms expand); every word must match unless the query says OR.
    #[arg(long)]
    pub query: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Count instead of listing: by normalised value, document or meeting year
    /// (with totals per currency for amounts).
    #[arg(long, value_enum)]
    pub group_by: Option<GroupBy>,
}

/// Runs `agendex entities`.
pub fn run(args: Args) -> CmdResult {
    let index = super::index_dir(args.filters.index.clone())?;
    if let Some(t) = &args.entity {
        let wanted = entity_listing::normalise_type(t);
        let known: Vec<String> = agendex::batch::index_status::read(&index)
            .map(|s| s.entities.keys().cloned().collect())
            .unwrap_or_default();
        // extension records are stored beside the mentions, not counted among them
        if !known.is_empty() && !known.contains(&wanted) && wanted != entity_listing::EXTENSION {
            anyhow::bail!(
                "--type {t}: no entity of this type in the index; the types are: {}, {}",
                known.join(", "),
                entity_listing::EXTENSION
            );
        }
    }
    if args.query.is_some() {
        // --query reads like search: aliases and synonyms of the rules expand
        let rules_dir = super::rules_dir(args.filters.rules.clone())?;
        let synonyms = super::search::load_synonyms(&rules_dir)?;
        agendex::query::synonyms::install(std::sync::Arc::new(synonyms));
    }
    let (reader, filters) = args.filters.open()?;
    let req = EntityRequest {
        entity: args.entity.as_deref().map(entity_listing::normalise_type),
        filters,
        query: args.query,
    };
    let rows = entity_listing::list(&reader, &req)?;
    let text = match args.group_by {
        Some(by) => {
            let groups = entity_listing::group(&rows, by);
            let cells: Vec<Vec<String>> = groups.iter().map(entity_listing::group_cells).collect();
            match args.format {
                Format::Table => csv_out::table(&entity_listing::GROUP_COLUMNS, &cells),
                Format::Csv => csv_out::csv_doc(&entity_listing::GROUP_COLUMNS, &cells),
                Format::Json => {
                    let v: Vec<_> = groups.iter().map(entity_listing::group_json).collect();
                    serde_json::to_string_pretty(&v)? + "\n"
                }
            }
        }
        None => match args.format {
            Format::Table => {
                let header = ["type", "value", "text", "date", "doc", "item", "page"];
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.entity.clone(),
                            csv_out::cell(&r.value, 40),
                            csv_out::cell(&r.text, 30),
                            r.meeting_date.map(|d| d.to_string()).unwrap_or_default(),
                            csv_out::cell(&r.doc_id, 30),
                            csv_out::cell(&r.item, 40),
                            r.page.map(|p| p.to_string()).unwrap_or_default(),
                        ]
                    })
                    .collect();
                let mut t = csv_out::table(&header, &cells);
                let totals = entity_listing::totals(&rows);
                t.push_str(&format!("\n{} mention(s)", rows.len()));
                if !totals.is_empty() {
                    t.push_str(&format!(
                        "; amounts total {}",
                        entity_listing::totals_label(&totals)
                    ));
                }
                t + "\n"
            }
            Format::Csv => {
                let cells: Vec<Vec<String>> = rows.iter().map(entity_listing::row_cells).collect();
                csv_out::csv_doc(&entity_listing::ROW_COLUMNS, &cells)
            }
            Format::Json => {
                let v: Vec<_> = rows.iter().map(entity_listing::row_json).collect();
                serde_json::to_string_pretty(&v)? + "\n"
            }
        },
    };
    super::status::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
