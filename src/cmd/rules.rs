//! `agendex rules check|test|explain`: validate a rules folder, run the examples
//! attached to its rules, and show how the rules read a piece of text.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CmdResult, EXIT_CANNOT_START};
use agendex::batch::rules_diff;
use agendex::config;
use agendex::date::Date;
use agendex::extract::{examples, explain, RuleSet};
use agendex::ingest::IngestOptions;

/// Arguments of `agendex rules`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  agendex rules check my-rules                 # file:line: what is wrong
  agendex rules test                           # the examples beside each rule
  agendex rules explain 'Japan pledged USD 2 million by 1 March 2023'
  agendex rules init my-rules                  # write the built-in rules out for editing")]
pub struct Args {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(clap::Subcommand, Debug)]
enum RulesCommand {
    /// Validate every rule file (syntax, macros, regexes, normalisers, duplicate
    /// names); problems are printed as `file:line: message`.
    Check {
        /// Rules folder [default: $AGENDEX_RULES, `rules` of agendex.toml, else the
        /// built-in rules].
        dir: Option<PathBuf>,
    },
    /// Run the examples and counter-examples attached to the rules.
    Test {
        /// Rules folder [default: as for `check`].
        dir: Option<PathBuf>,
    },
    /// Print every candidate match in TEXT, the rule that made it, and why each
    /// loser lost.
    Explain {
        /// The text to read.
        text: String,
        /// Rules folder [default: as for `check`].
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Document date (YYYY-MM-DD) for relative dates and day-months without a year.
        #[arg(long)]
        date: Option<String>,
    },
    /// What the rules as they are now would change in the index: mentions added,
    /// removed and changed, by rule and type, with examples. Writes nothing.
    Diff {
        /// Rules folder [default: as for `check`].
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Index folder [default: $AGENDEX_INDEX, `index` of agendex.toml, else
        /// the per-user data folder].
        #[arg(long)]
        index: Option<PathBuf>,
        /// Examples shown per rule and type.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(0..=1000))]
        examples: u16,
        /// One JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Write the built-in rules into DIR for editing; then point `--rules`,
    /// `AGENDEX_RULES` or `rules` in agendex.toml at DIR.
    Init {
        /// Folder to write (created if missing).
        dir: PathBuf,
        /// Overwrite rule files already in DIR.
        #[arg(long)]
        force: bool,
    },
}

fn load(dir: &Path) -> Result<RuleSet, ExitCode> {
    RuleSet::load(dir).map_err(|e| {
        eprint!("{e}");
        eprintln!(
            "agendex: error: the rule set in {} is broken ({} problem{}): fix the lines above",
            dir.display(),
            e.0.len(),
            if e.0.len() == 1 { "" } else { "s" }
        );
        ExitCode::from(EXIT_CANNOT_START)
    })
}

/// Runs `agendex rules`.
pub fn run(args: Args) -> CmdResult {
    match args.command {
        RulesCommand::Diff {
            rules,
            index,
            examples,
            json,
        } => {
            let rules = match load(&super::rules_dir(rules)?) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            let index = super::index_dir(index)?;
            let d = rules_diff::diff(
                &index,
                &rules,
                &IngestOptions::default(),
                usize::from(examples),
            )?;
            let out = if json {
                format!("{}\n", serde_json::to_string_pretty(&d)?)
            } else {
                render_diff(&d)
            };
            super::status::write_stdout(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        RulesCommand::Init { dir, force } => match config::embedded_rules::write_to(&dir, force) {
            Ok(files) => {
                println!(
                    "wrote {} rule files to {}; edit them, then use them with `--rules {}` \
                         (or AGENDEX_RULES, or `rules = ...` in agendex.toml)",
                    files.len(),
                    dir.display(),
                    dir.display()
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("agendex: error: {e}");
                Ok(ExitCode::from(EXIT_CANNOT_START))
            }
        },
        RulesCommand::Check { dir } => {
            let dir = super::rules_dir(dir)?;
            match load(&dir) {
                Ok(rules) => {
                    println!(
                        "{}: {} rules and gazetteers, {} statement rules: ok (fingerprint {})",
                        dir.display(),
                        rules.sources.len(),
                        rules.statements.len(),
                        &rules.fingerprint()[..12.min(rules.fingerprint().len())]
                    );
                    match agendex::query::synonyms::check(&dir) {
                        Ok(summary) => println!("{summary}"),
                        Err(errors) => {
                            for e in &errors {
                                eprintln!("{e}");
                            }
                            eprintln!(
                                "agendex: error: the synonyms file is broken: fix the lines above"
                            );
                            return Ok(ExitCode::from(EXIT_CANNOT_START));
                        }
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(code) => Ok(code),
            }
        }
        RulesCommand::Test { dir } => {
            let rules = match load(&super::rules_dir(dir)?) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            let report = examples::run_all(&rules);
            let mut out = String::new();
            for f in &report.failures {
                let _ = writeln!(out, "FAIL {f}");
            }
            let _ = writeln!(
                out,
                "{} examples run, {} failed",
                report.run,
                report.failures.len()
            );
            super::status::write_stdout(&out)?;
            Ok(if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        RulesCommand::Explain { text, rules, date } => {
            let date = match date {
                Some(d) => Some(
                    d.parse::<Date>()
                        .map_err(|e| anyhow::anyhow!("--date: {e}"))?,
                ),
                None => None,
            };
            let rules = match load(&super::rules_dir(rules)?) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            super::status::write_stdout(&explain::explain(&text, &rules, date))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The diff for a person: one block per group, biggest first.
fn render_diff(d: &rules_diff::RulesDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} differences in {} of {} documents",
        d.total(),
        d.documents_changed,
        d.documents
    );
    for (label, groups) in [
        ("added", &d.added),
        ("removed", &d.removed),
        ("changed", &d.changed),
    ] {
        let mut sorted: Vec<_> = groups.iter().collect();
        sorted.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        for (key, g) in sorted {
            let _ = writeln!(
                out,
                "\n{label} {key}: {} in {} document(s)",
                g.count, g.documents
            );
            for e in &g.examples {
                let show = |m: &Option<rules_diff::DiffMention>| {
                    m.as_ref()
                        .map(|m| format!("{} = {} ({})", m.text, m.value, m.rule))
                        .unwrap_or_else(|| "-".into())
                };
                let _ = writeln!(out, "  {}: {}", e.doc, e.context);
                if label == "changed" {
                    let _ = writeln!(out, "    was {}", show(&e.before));
                    let _ = writeln!(out, "    now {}", show(&e.after));
                }
            }
        }
    }
    for (id, why) in &d.skipped {
        let _ = writeln!(out, "not compared: {id}: {why}");
    }
    out
}
