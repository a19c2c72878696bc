//! `agendex export`: the index's segments for other tools.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::query::export::{self, ExportFormat};

/// Arguments of `agendex export`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Each segment is one JSON object: id (DOC#N), doc, segment, kind, level, number, item_title, path, \
text, pages, the document's title, body, date, place, symbol and source, its states, entities by \
type, mentions (type, text, canonical, value, page, para) and statements.

Examples:
  agendex export > segments.jsonl
  agendex export --format es-mapping > mapping.json
  agendex export --format es-bulk --es-index agendex > bulk.ndjson
  # then, on a cluster:
  curl -XPUT 'http://localhost:9200/agendex' -H 'Content-Type: application/json' --data-binary @mapping.json
  curl -XPOST 'http://localhost:9200/_bulk' -H 'Content-Type: application/x-ndjson' --data-binary @bulk.ndjson")]
pub struct Args {
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Index name in the bulk file's action lines.
    #[arg(long, default_value = "agendex")]
    pub es_index: String,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
}

/// Export formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines: one segment per line.
    Jsonl,
    /// An Elasticsearch/OpenSearch `_bulk` request body.
    EsBulk,
    /// The index mapping the bulk file expects.
    EsMapping,
}

/// Runs `agendex export`.
pub fn run(args: Args) -> CmdResult {
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(
            |e| anyhow::anyhow!("{}: cannot create the export file: {e}", p.display()),
        )?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let format = match args.format {
        Format::EsMapping => {
            let mapping = serde_json::to_string_pretty(&export::es_mapping())?;
            return match writeln!(out, "{mapping}").and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(ExitCode::SUCCESS),
            };
        }
        Format::Jsonl => ExportFormat::JsonLines,
        Format::EsBulk => ExportFormat::Bulk,
    };
    let reader = super::open_index(args.index)?;
    match export::export(&reader, format, &args.es_index, &mut out) {
        Ok(n) => {
            eprintln!(
                "exported {} segments of {} documents",
                n.segments, n.documents
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(export::ExportError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e.into()),
    }
}
