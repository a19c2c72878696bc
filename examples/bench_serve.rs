//! Load test of `agendex serve` on loopback: p50/p99 latency of `/api/search` and
//! of the search page at 1, 8 and 32 concurrent clients, each level bounded in
//! requests and in time, in two modes:
//!
//! - warm: a mixed query set repeated (what the result cache serves);
//! - cold: every request a query never asked before (two domain words and a
//!   start year), so every one is a search.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --records 20000 --seed 7 /tmp/corpus20k
//! target/release/agendex ingest --corpus /tmp/corpus20k --index /tmp/index20k
//! cargo run --release --example bench_serve -- /tmp/index20k [--requests 2000] [--seconds 30]
//! cargo run --release --example bench_serve -- /tmp/index20k --direct 400
//! ```
//!
//! `--direct N` skips HTTP: it runs N new queries' views one after another and
//! prints their CPU and wall time per query, then the CPU on this thread of
//! their search alone, of their facet count alone, and of the search counting
//! the facets in its own pass as the view does (figures the machine's load
//! barely moves).
//!
//! The server runs in this process (as `agendex serve` would, one event loop and a
//! blocking pool) on a free port; clients are threads with keep-alive connections.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use agendex::serve::{bind, Limits, ServeConfig};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The mixed query set: words, phrases, booleans, filters, facets, paging, sorting.
const QUERIES: &[&str] = &[
    "q=mine",
    "q=clearance",
    "q=%22victim+assistance%22",
    "q=%22mine+clearance%22",
    "q=contribution+fund",
    "q=stockpile+OR+destruction",
    "q=clearance+AND+NOT+survey",
    "q=risk+education&state=Cambodia",
    "q=*&body=MASG",
    "q=land+release&from=2015&to=2018",
    "q=*&type=amount",
    "q=extension+request&sort=date",
    "q=capacity&page=3",
    "q=UNMAS&per_page=20",
    "q=information+management&body=CCM",
    "q=*",
];

/// Words of the cold queries (words the generated records use).
const WORDS: &[&str] = &[
    "mine",
    "clearance",
    "victim",
    "assistance",
    "stockpile",
    "destruction",
    "survey",
    "contamination",
    "risk",
    "education",
    "extension",
    "request",
    "deadline",
    "contribution",
    "fund",
    "capacity",
    "information",
    "management",
    "land",
    "release",
    "cluster",
    "munitions",
    "convention",
    "report",
    "article",
    "cooperation",
    "donor",
    "support",
    "national",
    "plan",
    "area",
    "hazardous",
    "programme",
    "meeting",
    "states",
    "parties",
    "transparency",
    "progress",
    "resources",
    "implementation",
];

/// Which queries a level sends.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The mixed set, repeated.
    Warm,
    /// A new query per request.
    Cold,
}

/// The `n`th cold query's words and start year: distinct for every `n` below
/// 41,600.
fn cold_parts(n: usize) -> (&'static str, &'static str, usize) {
    let w = WORDS.len();
    (WORDS[n % w], WORDS[(n / w) % w], 2000 + (n / (w * w)) % 26)
}

/// The `n`th cold query string.
fn cold_query(n: usize) -> String {
    let (a, b, year) = cold_parts(n);
    format!("q={a}+{b}&from={year}")
}

/// One keep-alive client connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> std::io::Result<Client> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Client {
            reader: BufReader::new(s.try_clone()?),
            writer: s,
        })
    }

    /// GETs `path`, returning the status; the body is read and dropped.
    fn get(&mut self, path: &str) -> std::io::Result<u16> {
        write!(self.writer, "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n")?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; length];
        self.reader.read_exact(&mut body)?;
        Ok(status)
    }
}

/// CPU seconds (user + system) this process has used so far, from /proc (0
/// elsewhere): per-request CPU is the figure the machine's load cannot inflate.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the parenthesised command name; utime and stime are 14th and 15th
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // clock ticks are 100 per second on Linux
    (ticks(11) + ticks(12)) / 100.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Runs `clients` threads against `route` until `requests` are done or
/// `seconds` have passed; prints one line.
fn level(
    addr: SocketAddr,
    route: &str,
    clients: usize,
    (requests, seconds): (usize, u64),
    mode: Mode,
    cold: &Arc<AtomicUsize>,
) {
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let next = next.clone();
            let cold = cold.clone();
            let route = route.to_string();
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let Ok(mut client) = Client::connect(addr) else {
                    return (lat, requests);
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests || Instant::now() > deadline {
                        break;
                    }
                    let q = match mode {
                        Mode::Warm => QUERIES[(i + c) % QUERIES.len()].to_string(),
                        Mode::Cold => cold_query(cold.fetch_add(1, Ordering::Relaxed)),
                    };
                    let t = Instant::now();
                    match client.get(&format!("{route}?{q}")) {
                        Ok(200) => lat.push(t.elapsed()),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            match Client::connect(addr) {
                                Ok(c) => client = c,
                                Err(_) => break,
                            }
                        }
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        if let Ok((lat, e)) = h.join() {
            all.extend(lat);
            errors += e;
        }
    }
    let wall = start.elapsed();
    // the clients' own CPU is counted too: an upper bound of the server's
    let cpu_ms = (cpu_seconds() - cpu_start) * 1e3 / all.len().max(1) as f64;
    all.sort();
    let mode = if mode == Mode::Warm { "warm" } else { "cold" };
    println!(
        "{route:<12} {mode} clients {clients:>2}: {:>5} ok, {errors} errors, {:>6.0} req/s, {cpu_ms:>5.1} CPU-ms/req, p50 {:>7.2} ms, p99 {:>7.2} ms, max {:>7.2} ms",
        all.len(),
        all.len() as f64 / wall.as_secs_f64(),
        percentile(&all, 0.50).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

/// CPU seconds this thread has used (not inflated by other processes' load).
fn thread_cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

/// The cold path without HTTP, on this thread: per query, the CPU of the whole
/// view (search, facets, the hits' extras), then of its search and of its facet
/// count alone, on `n` new queries (numbered from `first`, past what the HTTP
/// levels ask, so nothing is cached).
fn direct(state: &Arc<agendex::serve::AppState>, first: usize, n: usize) -> anyhow::Result<()> {
    use agendex::serve::params::SearchParams;
    use agendex::serve::views::search_view;
    let cur = state
        .current()
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let params: Vec<SearchParams> = (first..first + n)
        .map(|i| {
            let (a, b, year) = cold_parts(i);
            SearchParams {
                q: Some(format!("{a} {b}")),
                from: Some(year.to_string()),
                ..SearchParams::default()
            }
        })
        .collect();
    let fail = |e: agendex::serve::error::ServeError| anyhow::anyhow!("{}", e.message);
    // the process's CPU, whatever threads the view uses
    let (t, wall) = (cpu_seconds(), Instant::now());
    for p in &params {
        search_view(state, &cur, p).map_err(fail)?;
    }
    let view = (cpu_seconds() - t) * 1e3 / n as f64;
    let wall = wall.elapsed().as_secs_f64() * 1e3 / n as f64;
    let table = state.facet_slots(&cur).map_err(fail)?;
    let (mut search_ms, mut facets_ms, mut one_pass_ms) = (0.0, 0.0, 0.0);
    for p in &params {
        let mut req = p.check(state, &cur, &state.limits).map_err(fail)?.request;
        req.facets = false;
        let t = thread_cpu();
        let results = agendex::query::search::search(&cur.reader, &req)?;
        let t2 = thread_cpu();
        let (matched, _) = table.count(&cur.reader, &req)?;
        let t3 = thread_cpu();
        let (joint, (in_pass, _)) =
            agendex::query::search::search_with(&cur.reader, &req, table.counter())?;
        one_pass_ms += thread_cpu() - t3;
        facets_ms += t3 - t2;
        search_ms += t2 - t;
        anyhow::ensure!(
            in_pass == joint.total && joint.total == results.total,
            "one pass counted {in_pass} of {}",
            joint.total
        );
        anyhow::ensure!(
            matched == results.total,
            "facet count {matched} != {}",
            results.total
        );
    }
    println!(
        "direct, one client, {n} new queries: view {view:.2} CPU-ms/query ({wall:.2} ms wall); alone: search {:.2}, facet count {:.2}; search counting facets in its pass {:.2}",
        search_ms * 1e3 / n as f64,
        facets_ms * 1e3 / n as f64,
        one_pass_ms * 1e3 / n as f64
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut index: Option<PathBuf> = None;
    let mut requests = 2000usize;
    let mut seconds = 30u64;
    let mut direct_queries = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--requests" => requests = args.next().and_then(|v| v.parse().ok()).unwrap_or(requests),
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).unwrap_or(seconds),
            "--direct" => direct_queries = args.next().and_then(|v| v.parse().ok()).unwrap_or(400),
            _ => index = Some(PathBuf::from(a)),
        }
    }
    let Some(index) = index else {
        anyhow::bail!("give an index folder built by `agendex ingest` (see the header of examples/bench_serve.rs)");
    };
    let server = bind(ServeConfig {
        index: index.clone(),
        rules: Some(PathBuf::from("rules")),
        addr: "127.0.0.1:0".parse()?,
        limits: Limits::default(),
    })?;
    let addr = server.local_addr()?;
    let state = server.state();
    std::thread::spawn(move || server.run());
    // warm-up: opens the reader, fills name tables and the OS page cache
    let mut warm = Client::connect(addr)?;
    let status = warm.get("/api/status")?;
    anyhow::ensure!(
        status == 200,
        "the server cannot read {}: status {status}",
        index.display()
    );
    for q in QUERIES {
        warm.get(&format!("/api/search?{q}"))?;
        warm.get(&format!("/search?{q}"))?;
    }
    let table = state
        .current()
        .and_then(|cur| state.facet_slots(&cur))
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    println!(
        "index {}; {} queries in the mix; at most {requests} requests or {seconds} s per level; \
         facet table {:.1} MB",
        index.display(),
        QUERIES.len(),
        table.bytes() as f64 / 1e6
    );
    if direct_queries > 0 {
        // numbered past the HTTP levels' cold queries (at most 6 x requests)
        return direct(&state, 6 * requests, direct_queries);
    }
    let cold = Arc::new(AtomicUsize::new(0));
    for mode in [Mode::Cold, Mode::Warm] {
        for route in ["/api/search", "/search"] {
            for clients in [1, 8, 32] {
                level(addr, route, clients, (requests, seconds), mode, &cold);
            }
        }
    }
    Ok(())
}
