//! `agendex status`: what the index holds and how the last run went.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::batch::index_status::{self, IndexStatus, LOW_QUALITY_THRESHOLD};

/// Arguments of `agendex status`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Index folder.
    #[arg(long, default_value = super::DEFAULT_INDEX)]
    pub index: PathBuf,
    /// Print one JSON object (keys include documents, segments, entities, failures,
    /// last_run, rules_fingerprint, index_bytes, low_quality).
    #[arg(long)]
    pub json: bool,
}

/// Runs `agendex status`.
pub fn run(args: Args) -> CmdResult {
    let status = index_status::read(&args.index)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&status)?);
    } else {
        print_human(&status);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_human(s: &IndexStatus) {
    println!("index:      {}", s.index.display());
    println!("documents:  {}", s.documents);
    println!("segments:   {}", s.segments);
    let ents: Vec<String> = s.entities.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!(
        "entities:   {}",
        if ents.is_empty() {
            "none".to_string()
        } else {
            ents.join(", ")
        }
    );
    println!("statements: {}", s.statements);
    if let Some(fp) = &s.rules_fingerprint {
        println!(
            "rule set:   {}",
            if fp.is_empty() {
                "(no fingerprint)"
            } else {
                fp
            }
        );
    }
    if let Some(v) = s.schema_version {
        println!("schema:     version {v}");
    }
    println!("size:       {:.1} MB", s.index_bytes as f64 / 1e6);
    if let Some(r) = &s.last_run {
        println!(
            "last run:   {} (unix time), {:.2} s: {} added, {} changed, {} removed, {} unchanged, {} failed{}",
            r.started_at,
            r.seconds,
            r.added,
            r.changed,
            r.removed,
            r.unchanged,
            r.failed,
            if r.interrupted { ", interrupted" } else { "" }
        );
    }
    if let Some(pid) = s.ingest_running {
        println!(
            "running:    an ingest is running now (pid {pid}); figures above are the last commit"
        );
    }
    if s.failures.is_empty() {
        println!("failures:   none");
    } else {
        println!("failures:   {}", s.failures.len());
        for f in &s.failures {
            println!("  {f}");
        }
    }
    if !s.low_quality.is_empty() {
        println!(
            "PDFs with text quality below {LOW_QUALITY_THRESHOLD}: {}",
            s.low_quality.len()
        );
        for q in &s.low_quality {
            println!("  {} ({:.2})", q.path.display(), q.score);
        }
    }
}
