//! `agendex completions SHELL` and `agendex man`: shell completions and the
//! man page, generated from the same definitions as `--help`.

use std::io::Write;
use std::process::ExitCode;

use super::CmdResult;

/// Arguments of `agendex completions`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  agendex completions bash > ~/.local/share/bash-completion/completions/agendex
  agendex completions zsh > ~/.zfunc/_agendex
  agendex completions fish > ~/.config/fish/completions/agendex.fish")]
pub struct Args {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script for `args.shell` to stdout.
pub fn run(args: Args, mut cli: clap::Command) -> CmdResult {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "agendex", &mut out);
    write_all(&out)
}

/// Arguments of `agendex man`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Example:
  agendex man > ~/.local/share/man/man1/agendex.1 && man agendex")]
pub struct ManArgs {}

/// Writes the man page (roff) to stdout.
pub fn man(_args: ManArgs, cli: clap::Command) -> CmdResult {
    let mut out = Vec::new();
    clap_mangen::Man::new(cli).render(&mut out)?;
    write_all(&out)
}

fn write_all(bytes: &[u8]) -> CmdResult {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // a closed pipe (`| head`) is not an error
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
    }
}
