//! Extraction speed: MB/s of text through segment + extract on one core, over the
//! seed records and the real UN documents (pdftotext text) of `../shared`.
//!
//! Run: `cargo run --release --example bench_extract [-- ROUNDS]`
//!
//! Baselines measured in the same run, on the same text: sentence splitting alone
//! and one regular-expression scan for four-digit years, so the figure can be read
//! as a ratio that does not depend on the machine.

use std::path::{Path, PathBuf};
use std::time::Instant;

use agendex::extract::{self, sentences, RuleSet};
use agendex::ingest::{self, IngestOptions};
use agendex::model::Document;
use agendex::segment;

/// The binary's allocator (src/main.rs): extraction allocates per unit and per
/// mention, so the system allocator would measure a program nobody runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn shared() -> PathBuf {
    match std::env::var_os("AGENDEX_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

fn main() {
    agendex::allocator::tune();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let rules = match RuleSet::load(&rules_dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}broken rules in {}", rules_dir.display());
            std::process::exit(2);
        }
    };
    let mut docs: Vec<Document> = Vec::new();
    for sub in ["seeds", "corpus-real"] {
        let dir = shared().join(sub);
        let Ok(rd) = std::fs::read_dir(&dir) else {
            eprintln!("skipping {}: not found", dir.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            match ingest::load_file(&p, "bench", &IngestOptions::default()) {
                Ok(d) => docs.push(d),
                Err(e) => eprintln!("skipping {}: {e}", p.display()),
            }
        }
    }
    if docs.is_empty() {
        eprintln!("no text to measure (set AGENDEX_SHARED to the shared folder)");
        std::process::exit(2);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 * rounds as f64 / 1e6;
    println!(
        "{} documents, {:.2} MB of cleaned text, {rounds} rounds, one thread; allocator purge delay {} ms",
        docs.len(),
        bytes as f64 / 1e6,
        agendex::allocator::purge_delay_ms()
    );

    // warm-up (page cache, lazy regex DFA states); timed, since it is what text
    // never seen before costs: the lazy DFAs build their states on first sight
    let t = Instant::now();
    for d in &docs {
        let segs = segment::segment(d);
        std::hint::black_box(extract::extract(d, &segs, &rules));
    }
    let cold = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut mentions = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            let segs = segment::segment(d);
            let ex = extract::extract(d, &segs, &rules);
            mentions += ex.mentions.len();
        }
    }
    let full = t.elapsed().as_secs_f64();

    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            std::hint::black_box(sentences::split(&d.text, &[], &[], &[]));
        }
    }
    let split = t.elapsed().as_secs_f64();

    let year = regex::Regex::new(r"\b(?:19|20)[0-9]{2}\b").expect("static regex");
    let t = Instant::now();
    let mut years = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            years += year.find_iter(&d.text).count();
        }
    }
    let scan = t.elapsed().as_secs_f64();

    println!(
        "segment+extract: {:>8.2} MB/s  ({} mentions per round)",
        mb / full,
        mentions / rounds
    );
    println!(
        "first pass (cold lazy DFAs): {:>8.2} MB/s",
        bytes as f64 / 1e6 / cold
    );
    println!(
        "baseline sentence split only: {:>8.2} MB/s  (segment+extract takes {:.1}x its time)",
        mb / split,
        full / split
    );
    println!(
        "baseline one-regex year scan: {:>8.2} MB/s  (segment+extract takes {:.1}x its time; {} years)",
        mb / scan,
        full / scan,
        years / rounds
    );
}
