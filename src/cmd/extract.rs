//! `agendex extract FILE`: ingest, segment and extract one file, no index: the
//! tool for writing and debugging rules.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use super::CmdResult;
use agendex::extract::RuleSet;
use agendex::ingest::{self, IngestOptions};
use agendex::model::ProcessedDoc;
use agendex::{annotation, pipeline};

/// Arguments of `agendex extract`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  agendex extract corpus/ccm/2019-msp9-article4-extension-requests.txt
  agendex extract minutes.pdf --json > minutes.gold.json     # the gold-dev annotation format")]
pub struct Args {
    /// The record to read (.txt, .md or .pdf).
    pub file: PathBuf,
    /// Print one JSON object in the gold-dev annotation format (scored by score.py).
    #[arg(long, conflicts_with = "text")]
    pub json: bool,
    /// Print the cleaned text that segmentation and extraction see.
    #[arg(long)]
    pub text: bool,
    /// Rules folder [default: $AGENDEX_RULES, `rules` of agendex.toml, else the
    /// built-in rules].
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Password for an encrypted PDF.
    #[arg(long)]
    pub password: Option<String>,
}

/// Runs `agendex extract`.
pub fn run(args: Args) -> CmdResult {
    let rules_dir = super::rules_dir(args.rules.clone())?;
    let rules = RuleSet::load(&rules_dir).map_err(|e| {
        anyhow::anyhow!(
            "{e}the rule set in {} is broken: fix the lines above",
            rules_dir.display()
        )
    })?;
    // a FIFO or a device would block the read for ever (or never end): only
    // regular files are records, as in `agendex ingest`
    match std::fs::metadata(&args.file) {
        Ok(m) if m.is_file() => {}
        Ok(m) => anyhow::bail!(
            "{}: {}, not a record file; give a .txt, .md or .pdf file",
            args.file.display(),
            if m.is_dir() {
                "a folder"
            } else {
                "a special file (FIFO, device or socket)"
            }
        ),
        Err(e) => anyhow::bail!("{}: cannot read: {e}", args.file.display()),
    }
    let mut opts = IngestOptions::default();
    opts.pdf.passwords.extend(args.password.clone());
    let id = ingest::doc_id(args.file.parent().unwrap_or(&args.file), &args.file);
    let processed = pipeline::process_file(&args.file, &id, &opts, &rules)
        .with_context(|| format!("{}", args.file.display()))?;
    let report = if args.text {
        processed.doc.text
    } else if args.json {
        let json = serde_json::to_string_pretty(&annotation::to_annotation(&processed))?;
        format!("{json}\n")
    } else {
        human_report(&processed)
    };
    super::status::write_stdout(&report)?;
    Ok(ExitCode::SUCCESS)
}

/// The human-readable report, built whole so a closed pipe (`| head`) is one
/// clean write error, not a panic in `println!`.
fn human_report(p: &ProcessedDoc) -> String {
    let mut out = String::new();
    let m = &p.doc.meta;
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(out, "{}", p.doc.id);
    let _ = writeln!(out, "  title:  {}", or_dash(&m.title));
    let _ = writeln!(out, "  body:   {}", or_dash(&m.body));
    let _ = writeln!(
        out,
        "  date:   {}",
        m.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
    );
    let _ = writeln!(out, "  place:  {}", or_dash(&m.place));
    if m.symbol.is_some() {
        let _ = writeln!(out, "  symbol: {}", or_dash(&m.symbol));
    }
    for w in &p.doc.warnings {
        let _ = writeln!(out, "  warning: {w}");
    }
    let _ = writeln!(out, "\nsegments ({}):", p.segments.len());
    for s in &p.segments {
        let indent = "  ".repeat(usize::from(s.level.max(1)));
        let paras = if s.paragraphs.is_empty() {
            String::new()
        } else {
            format!(
                "  [paras {}]",
                s.paragraphs
                    .iter()
                    .map(|q| q.number.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let _ = writeln!(out, "{indent}{}{paras}", s.label());
    }
    let _ = writeln!(out, "\nentities ({}):", p.extraction.mentions.len());
    for mention in &p.extraction.mentions {
        let value = match &mention.value {
            agendex::model::Value::Name { canonical, .. } => canonical.clone(),
            agendex::model::Value::Money(mo) => match mo.max {
                Some(max) => format!("{} {}..{}", mo.currency, mo.value, max),
                None => format!("{} {}", mo.currency, mo.value),
            },
            agendex::model::Value::Date(d) => format!(
                "{}..{}{}",
                d.start,
                d.end,
                d.deadline
                    .as_ref()
                    .map(|k| format!(" deadline ({k})"))
                    .unwrap_or_default()
            ),
            agendex::model::Value::Number { value } => value.to_string(),
            agendex::model::Value::Percent { value } => format!("{value}%"),
            agendex::model::Value::Text { text } => text.clone(),
        };
        let seg = p
            .segments
            .get(mention.segment)
            .map(|s| s.label())
            .unwrap_or_default();
        // layout text breaks names across lines: show them on one
        let text = mention
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(
            out,
            "  {:<13} {:<32} = {:<30} [{}]",
            mention.entity, text, value, seg
        );
    }
    let _ = writeln!(out, "\nstatements ({}):", p.extraction.statements.len());
    for s in &p.extraction.statements {
        let _ = writeln!(
            out,
            "  {:?} ({}) by {} to {}: {}",
            s.kind,
            s.strength,
            s.requester.as_deref().unwrap_or("?"),
            s.addressee.as_deref().unwrap_or("?"),
            s.what.as_deref().unwrap_or(&s.text)
        );
    }
    out
}
