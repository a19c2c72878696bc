//! The `agendex` command line: parses arguments and hands over to `cmd::*`,
//! each a thin layer over the library.

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// The batch makes millions of small allocations (tokens, mentions, JSON): mimalloc
/// serves them in a fraction of glibc malloc's instructions (measured in
/// examples/bench_batch.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// agendex: turn years of meeting records into searchable, structured knowledge.
///
/// Typical use: `agendex ingest` (reads corpus/ into index/), then
/// `agendex search "funding gaps"`, `agendex show DOC`, `agendex summary --state Japan`.
#[derive(Parser)]
#[command(name = "agendex", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Highlight matches in colour: `auto` (on a terminal, unless NO_COLOR is
    /// set), `always` or `never`.
    #[arg(long, global = true, value_enum, default_value_t = cmd::ColorChoice::Auto)]
    color: cmd::ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read records (text, Markdown, PDF) into the index, incrementally.
    Ingest(cmd::ingest::Args),
    /// Full-text search over agenda items, with filters, snippets and facets.
    Search(cmd::search::Args),
    /// A document's outline with the entities of each item, or one item's text.
    Show(cmd::show::Args),
    /// Run ingest, segment and extract on one file, without an index.
    Extract(cmd::extract::Args),
    /// List entity mentions from the index, or count them by value, document or year.
    Entities(cmd::entities::Args),
    /// An issue summary for a state or topic: requests, deadlines, money, timeline.
    Summary(cmd::summary::Args),
    /// What the index holds: documents, segments, entities, last run, failures.
    Status(cmd::status::Args),
    /// Verify the index: files, checksums, stored records, manifest.
    Check(cmd::check::Args),
    /// Serve the index as a read-only web workbench (search, documents, summaries).
    Serve(cmd::serve::Args),
    /// Check, test, explain, diff and write out rule files.
    Rules(cmd::rules::Args),
    /// Remove documents from the index on purpose (by id, file or corpus folder).
    Remove(cmd::remove::Args),
    /// Write the indexed segments as JSON Lines or an Elasticsearch bulk file.
    Export(cmd::export::Args),
    /// Bring back the index as it was before the last ingest or remove.
    Restore(cmd::restore::Args),
    /// Shell completions (bash, zsh, fish, elvish, powershell).
    Completions(cmd::completions::Args),
    /// The man page, in roff.
    Man(cmd::completions::ManArgs),
    /// (internal) Extract one PDF in an isolated worker process.
    #[command(hide = true)]
    PdfWorker(cmd::pdf_worker::Args),
}

impl Command {
    /// Commands that only read and print: a closed output pipe may end them.
    fn only_reads(&self) -> bool {
        !matches!(
            self,
            Command::Ingest(_)
                | Command::Serve(_)
                | Command::Remove(_)
                | Command::Restore(_)
                | Command::PdfWorker(_)
        )
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // the PDF worker runs under a memory limit tested with mimalloc's defaults
    if !matches!(cli.command, Command::PdfWorker(_)) {
        agendex::allocator::tune();
    }
    cmd::set_color(cli.color);
    if cli.command.only_reads() {
        cmd::end_quietly_on_closed_pipe();
    }
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Entities(a) => cmd::entities::run(a),
        Command::Summary(a) => cmd::summary::run(a),
        Command::Status(a) => cmd::status::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Rules(a) => cmd::rules::run(a),
        Command::Remove(a) => cmd::remove::run(a),
        Command::Restore(a) => cmd::restore::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Completions(a) => cmd::completions::run(a, Cli::command()),
        Command::Man(a) => cmd::completions::man(a, Cli::command()),
        Command::Serve(a) => cmd::serve::run(a),
        Command::PdfWorker(a) => cmd::pdf_worker::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("agendex: error: {err:#}");
            ExitCode::from(cmd::EXIT_CANNOT_START)
        }
    }
}
