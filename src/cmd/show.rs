//! `agendex show DOC[#ITEM]`: a document's outline, or one item's text.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::query::QueryError;
use agendex::query::{citation, outline};

/// Arguments of `agendex show`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  agendex show masg/2016-10-masg-minutes.txt           # the outline, with each item's entities
  agendex show 'masg/2016-10-masg-minutes.txt#8'       # the 8th segment, as search cites it
  agendex show 'masg/2016-10-masg-minutes.txt@2'       # agenda item 2
  agendex show masg/2016-10-masg-minutes.txt --json")]
pub struct Args {
    /// Document id (as `search` prints it; a unique prefix is enough), optionally
    /// followed by #N (the N-th segment, as search, entities and summary cite it)
    /// or @ITEM (an item number such as 2.1).
    pub target: String,
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// For each line of the document, say why it became a heading or not.
    #[arg(long)]
    pub explain_outline: bool,
}

/// Runs `agendex show`.
pub fn run(args: Args) -> CmdResult {
    let reader = super::open_index(args.index)?;
    let cited = citation::parse(&args.target);
    if let Some(w) = &cited.warning {
        eprintln!("agendex: warning: {w}");
    }
    let (doc, item) = (cited.doc, cited.item);
    let records = outline::doc_records(&reader, doc)?;
    if args.explain_outline {
        let source = records
            .first()
            .map(|r| r.source.clone())
            .unwrap_or_default();
        let text = outline::explain_outline(&records).map_err(|e| {
            anyhow::anyhow!(
                "--explain-outline reads the document again from {source}: {e} (ingest it again from where it is now)"
            )
        })?;
        super::status::write_stdout(&text)?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match item {
        None if args.json => serde_json::to_string_pretty(&outline::outline_json(&records))? + "\n",
        None => outline::render_outline(&records),
        Some(item) => {
            let rec = citation::find(&records, &item).ok_or_else(|| QueryError::UnknownItem {
                doc: records
                    .first()
                    .map(|r| r.doc_id.clone())
                    .unwrap_or_else(|| doc.to_string()),
                item: item.to_string(),
            })?;
            if args.json {
                format!(
                    "{}\n",
                    serde_json::json!({
                        "doc": rec.doc_id, "segment": rec.ordinal, "title": rec.title,
                        "date": rec.date, "item_number": rec.number,
                        "item_title": rec.item_title, "pages": rec.pages(), "text": rec.text,
                        "entities": outline::entities_by_type(rec),
                    })
                )
            } else {
                outline::render_item(rec)
            }
        }
    };
    super::status::write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}
