//! `agendex entities`: entity mentions from the index, listed or counted.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::index::IndexReader;
use agendex::query::csv_out;
use agendex::query::entity_listing::{self, EntityRequest, GroupBy};
use agendex::query::FilterArgs;

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
pub struct Args {
    /// Entity type: state, organisation, person, amount, date (or any rule type).
    #[arg(long = "type", short = 't')]
    pub entity: Option<String>,
    /// Only items that mention this state (name, alias or ISO3 code).
    #[arg(long)]
    pub state: Option<String>,
    /// Only records of this body.
    #[arg(long)]
    pub body: Option<String>,
    /// Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only meetings on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// Only items matching this full-text query.
    #[arg(long)]
    pub query: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Count instead of listing: by normalised value, document or meeting year
    /// (with totals per currency for amounts).
    #[arg(long, value_enum)]
    pub group_by: Option<GroupBy>,
    /// Index folder.
    #[arg(long, default_value = super::DEFAULT_INDEX)]
    pub index: PathBuf,
    /// Rules folder whose gazetteers resolve name aliases (optional).
    #[arg(long, default_value = super::DEFAULT_RULES)]
    pub rules: PathBuf,
}

/// Runs `agendex entities`.
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
