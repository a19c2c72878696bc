//! `agendex pdf-worker FILE` (hidden): extracts one PDF in a process of its own
//! and prints the result as JSON; `extract_pdf` runs it so a hostile file can
//! only take this process down.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;

/// Arguments of `agendex pdf-worker`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The PDF to read.
    pub file: PathBuf,
    /// A password to try (repeatable).
    #[arg(long)]
    pub password: Vec<String>,
    /// Read more passwords as a JSON array from stdin.
    #[arg(long)]
    pub passwords_stdin: bool,
    /// Address-space limit in bytes (0: none).
    #[arg(long, default_value_t = 2 << 30)]
    pub memory_limit: u64,
}

/// Runs `agendex pdf-worker`.
pub fn run(args: Args) -> CmdResult {
    let mut passwords = args.password;
    if args.passwords_stdin {
        let mut buf = String::new();
        std::io::stdin().read_to_string(&mut buf)?;
        if !buf.trim().is_empty() {
            let more: Vec<String> = serde_json::from_str(&buf).map_err(|e| {
                anyhow::anyhow!("passwords on stdin must be a JSON array of strings: {e}")
            })?;
            passwords.extend(more);
        }
    }
    let code = agendex::pdf::worker_process::serve(&args.file, passwords, args.memory_limit);
    Ok(ExitCode::from(code.clamp(0, 255) as u8))
}
