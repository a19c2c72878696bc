//! `agendex status`: what the index holds and how the last run went.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::batch::index_status::{self, IndexStatus, LOW_QUALITY_THRESHOLD};
use agendex::config;

/// Arguments of `agendex status`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  agendex status                  # documents, entities, corpus folders, last run, failures, text cache
  agendex status --json")]
pub struct Args {
    /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Print one JSON object (keys include documents, segments, entities, failures,
    /// last_run, rules_fingerprint, index_bytes, text_cache, low_quality).
    #[arg(long)]
    pub json: bool,
}

/// Runs `agendex status`.
pub fn run(args: Args) -> CmdResult {
    let status = index_status::read(&super::index_dir(args.index)?)?;
    let text = if args.json {
        format!("{}\n", serde_json::to_string_pretty(&status)?)
    } else {
        human(&status)
    };
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn human(s: &IndexStatus) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "index:      {}", config::display(&s.index));
    let _ = writeln!(out, "documents:  {}", s.documents);
    let _ = writeln!(out, "segments:   {}", s.segments);
    let ents: Vec<String> = s.entities.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(
        out,
        "entities:   {}",
        if ents.is_empty() {
            "none".to_string()
        } else {
            ents.join(", ")
        }
    );
    let _ = writeln!(out, "statements: {}", s.statements);
    for (i, r) in s.roots.iter().enumerate() {
        let label = if i == 0 { "corpus:" } else { "" };
        let _ = writeln!(out, "{label:<11} {}", config::display(r));
    }
    if s.previous_kept {
        let _ = writeln!(
            out,
            "undo:       the commit before the last is kept (`agendex restore`)"
        );
    }
    if let Some(fp) = &s.rules_fingerprint {
        let _ = writeln!(
            out,
            "rule set:   {}",
            if fp.is_empty() {
                "(no fingerprint)"
            } else {
                fp
            }
        );
    }
    if let Some(v) = s.schema_version {
        let _ = writeln!(out, "schema:     version {v}");
    }
    let _ = writeln!(out, "size:       {:.1} MB", s.index_bytes as f64 / 1e6);
    if let Some(r) = &s.last_run {
        let _ =
            writeln!(out,
            "last run:   {}, {:.2} s: {} added, {} changed, {} removed, {} unchanged, {} failed{}",
            utc_time(r.started_at as i64),
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
        let _ =
            writeln!(out,
            "running:    an ingest is running now (pid {pid}); figures above are the last commit"
        );
    }
    if s.failures.is_empty() {
        let _ = writeln!(out, "failures:   none");
    } else {
        let _ = writeln!(out, "failures:   {}", s.failures.len());
        for f in &s.failures {
            let _ = writeln!(out, "  {f}");
        }
    }
    // after the failures: the lines above are the ones scripts and the README read
    let _ = writeln!(
        out,
        "text cache: {:.1} MB in {} entries ({}; removing it only makes the next rule change read the files again)",
        s.text_cache.bytes as f64 / 1e6,
        s.text_cache.entries,
        config::display(&s.text_cache.dir)
    );
    if !s.low_quality.is_empty() {
        let _ = writeln!(
            out,
            "PDFs with text quality below {LOW_QUALITY_THRESHOLD}: {}",
            s.low_quality.len()
        );
        for q in &s.low_quality {
            let _ = writeln!(out, "  {} ({:.2})", q.path.display(), q.score);
        }
    }
    out
}

/// Writes `text` to stdout; a closed pipe (`agendex status | head`) is not an error.
pub(crate) fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// "2026-11-23 15:04 UTC" for a Unix time in seconds.
fn utc_time(secs: i64) -> String {
    let day = agendex::date::Date::from_days_since_epoch(secs.div_euclid(86_400));
    let rest = secs.rem_euclid(86_400);
    format!("{day} {:02}:{:02} UTC", rest / 3600, rest % 3600 / 60)
}
