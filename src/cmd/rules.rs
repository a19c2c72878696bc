//! `agendex rules check|test|explain`: validate a rules folder, run the examples
//! attached to its rules, and show how the rules read a piece of text.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CmdResult, DEFAULT_RULES, EXIT_CANNOT_START};
use agendex::date::Date;
use agendex::extract::{examples, explain, RuleSet};

/// Arguments of `agendex rules`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: RulesCommand,
}

#[derive(clap::Subcommand, Debug)]
enum RulesCommand {
    /// Validate every rule file (syntax, macros, regexes, normalisers, duplicate
    /// names); problems are printed as `file:line: message`.
    Check {
        /// Rules folder.
        #[arg(default_value = DEFAULT_RULES)]
        dir: PathBuf,
    },
    /// Run the examples and counter-examples attached to the rules.
    Test {
        /// Rules folder.
        #[arg(default_value = DEFAULT_RULES)]
        dir: PathBuf,
    },
    /// Print every candidate match in TEXT, the rule that made it, and why each
    /// loser lost.
    Explain {
        /// The text to read.
        text: String,
        /// Rules folder.
        #[arg(long, default_value = DEFAULT_RULES)]
        rules: PathBuf,
        /// Document date (YYYY-MM-DD) for relative dates and day-months without a year.
        #[arg(long)]
        date: Option<String>,
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
        RulesCommand::Check { dir } => match load(&dir) {
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
        },
        RulesCommand::Test { dir } => {
            let rules = match load(&dir) {
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
            let rules = match load(&rules) {
                Ok(r) => r,
                Err(code) => return Ok(code),
            };
            super::status::write_stdout(&explain::explain(&text, &rules, date))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
