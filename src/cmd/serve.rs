//! `agendex serve`: the read-only web workbench over the index.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CmdResult;
use agendex::serve::{bind, Limits, ServeConfig};

/// Arguments of `agendex serve`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  agendex serve                        # http://127.0.0.1:8080/ on the project's index
  agendex serve --index /srv/agendex/index --addr 127.0.0.1:9000")]
pub struct Args {
    /// Index folder; it may be empty at start: pages answer once `ingest` has
    /// committed [default: $AGENDEX_INDEX, `index` of agendex.toml, else the
    /// per-user data folder].
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Address to listen on; loopback by default. Another machine can reach it only
    /// if you give a non-loopback address (e.g. 0.0.0.0:8080).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Rules folder whose gazetteers resolve name aliases [default:
    /// $AGENDEX_RULES, `rules` of agendex.toml, else the built-in rules].
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Most requests answered at once (more get 503 "busy").
    #[arg(long, default_value_t = Limits::default().max_in_flight)]
    pub max_requests: usize,
}

/// Runs `agendex serve` until interrupted.
pub fn run(mut args: Args) -> CmdResult {
    let index = super::index_dir(args.index.take())?;
    let rules = super::rules_dir(args.rules.take())?;
    let limits = Limits {
        max_in_flight: args.max_requests.max(1),
        ..Limits::default()
    };
    let server = bind(ServeConfig {
        index: index.clone(),
        rules: Some(rules),
        addr: args.addr,
        limits,
    })
    .map_err(|e| {
        anyhow::anyhow!(
            "cannot listen on {}: {e} (is another server using it? try --addr 127.0.0.1:0)",
            args.addr
        )
    })?;
    let addr = server.local_addr()?;
    println!(
        "agendex serve: http://{addr}/ (index {}; Ctrl-C stops)",
        index.display()
    );
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
