//! Batch benchmark: `agendex ingest` end to end on a generated corpus, against a
//! bare-tantivy baseline on the same texts in the same run.
//!
//! ```text
//! cargo run --release --example bench_batch -- [--records 20000] [--seed 7] [--quick]
//! ```
//!
//! `--quick` measures only bare tantivy with 1 thread and the full ingest with
//! one job (the issue's ingest ratio), in a few minutes instead of a quarter hour.
//!
//! Measured, each in a child process (so peak memory is the run's own, read from
//! `wait4`'s rusage): full ingest with 1 and 2 jobs (time, MB/s, peak RSS), a
//! no-change re-run, a one-file-changed re-run, a full ingest of a corpus half
//! the size (peak memory must not grow with the corpus once tantivy's indexing
//! budget is reached), and the
//! baseline: the same files read and indexed by tantivy alone as plain documents
//! (one text field with positions, default tokenizer), with 1 and 2 threads.
//! Then the rule-editing loop on the 2-job index, with a copy of the rules: (a)
//! one gazetteer entry added, (b) one pattern rule changed, (c) one macro
//! changed, each against `--full` (every record re-extracted from the text
//! cache), and `rules diff` after one alias is added (docs/benchmarks.md).
//!
//! Measured 23 Nov 2026 (third round) on the 2-core machine with nothing else
//! running, 20,000 records, 204.5 MB, 125,474 segments, 3.7 M entity mentions:
//!
//! ```text
//! bare tantivy 1 / 2 threads        62.3 / 109.0 MB/s  peak 181 / 212 MB
//! agendex full, --jobs 1 / 2        7.5 / 10.1 MB/s    0.12x / 0.09x baseline, peak 137 / 197 MB
//! re-run, nothing changed           0.26 s             peak 63 MB
//! re-run, one file changed          0.34 s             peak 92 MB
//! half corpus, --jobs 2             peak 163 MB (0.83x the full corpus's)
//! ```
//!
//! Re-measured 3 Dec 2026 with the text cache and the rule-editing runs, release
//! build, machine shared (load average 1.3-4.1, beside each figure in the
//! output): 1 / 2 jobs 2.7 / 3.9 MB/s (0.06x / 0.05x bare tantivy), (a) and (b)
//! 1.05 / 0.88 s (0 of 20,000 records selected each), (a') 8.1 s (2,000
//! selected), (c) 37.0 s, `--full` 45.2 s; caveats in docs/benchmarks.md.
//!
//! The previous rounds, same corpus, `--jobs 2`: 4.8 / 6.3 MB/s (0.08x / 0.05x),
//! and before that 4.5 MB/s. Instruction counts (callgrind, 200 records) went
//! from 5.44 G to 3.35 G to 2.45 G, against bare tantivy's 0.28 G: the README's
//! Benchmarks section lists what each change saved. What is left, per record:
//! extraction (47%: pattern rules and prefilter 29%, sentence splitting 8%,
//! sentence rules 5%), tantivy's indexing (26%), building stored records (11%),
//! reading files (4%) and segmenting (4%); the batch layer itself (walk, hash,
//! channel, manifest) does not show up.

#[path = "gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use agendex::batch::{self, IngestConfig, ProgressMode};

/// The binary's allocator (src/main.rs), for the ingest and the baseline alike:
/// the system allocator would measure a program nobody runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Result of one child run.
struct Measure {
    seconds: f64,
    peak_mb: f64,
    out: String,
    /// `/proc/loadavg`'s 1-minute figure when the run ended: the machine is shared.
    load: String,
}

fn main() {
    agendex::allocator::tune();
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        std::process::exit(child(&args[2..]));
    }
    let mut records = 20_000u64;
    let mut seed = 7u64;
    let mut quick = false;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--records" => records = it.next().and_then(|v| v.parse().ok()).unwrap_or(records),
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--quick" => quick = true,
            other => {
                eprintln!("bench_batch: unknown argument {other}; usage: bench_batch [--records N] [--seed S] [--quick]");
                std::process::exit(2);
            }
        }
    }
    let run = if quick {
        quick_ratio(records, seed)
    } else {
        parent(records, seed)
    };
    if let Err(e) = run {
        eprintln!("bench_batch: {e}");
        std::process::exit(1);
    }
}

fn parent(records: u64, seed: u64) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let corpus = tmp.path().join("corpus");
    let small = tmp.path().join("corpus-half");
    let t = Instant::now();
    let bytes = gen_corpus::write_corpus(&corpus, records, seed).map_err(|e| e.to_string())?;
    let small_bytes =
        gen_corpus::write_corpus(&small, records / 2, seed).map_err(|e| e.to_string())?;
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {records} records, {mb:.1} MB (generated in {:.1} s); half corpus {:.1} MB",
        t.elapsed().as_secs_f64(),
        small_bytes as f64 / 1e6
    );
    // a copy of the rules: the rule-editing runs below edit it
    let rules = tmp.path().join("rules");
    copy_rules(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules")),
        &rules,
    )?;
    let idx = |name: &str| tmp.path().join(name);
    let ingest = |corpus: &Path, index: &Path, jobs: usize| -> Result<Measure, String> {
        run_child(&[
            "ingest",
            &corpus.display().to_string(),
            &index.display().to_string(),
            &rules.display().to_string(),
            &jobs.to_string(),
        ])
    };
    let tantivy = |index: &Path, threads: usize| -> Result<Measure, String> {
        run_child(&[
            "tantivy",
            &corpus.display().to_string(),
            &index.display().to_string(),
            &threads.to_string(),
        ])
    };

    let base1 = tantivy(&idx("base1"), 1)?;
    let base2 = tantivy(&idx("base2"), 2)?;
    let full1 = ingest(&corpus, &idx("idx1"), 1)?;
    let full2 = ingest(&corpus, &idx("idx2"), 2)?;
    let (index_mb, cache_mb) = (
        dir_mb(&idx("idx2")),
        dir_mb(&idx("idx2").join(agendex::batch::text_cache::CACHE_DIR)),
    );
    let nochange = ingest(&corpus, &idx("idx2"), 2)?;
    let one = first_record(&corpus)?;
    let mut text = std::fs::read_to_string(&one).map_err(|e| e.to_string())?;
    text.push_str("\nThe Chair closed the meeting.\n");
    std::fs::write(&one, text).map_err(|e| e.to_string())?;
    let onechange = ingest(&corpus, &idx("idx2"), 2)?;
    let half = ingest(&small, &idx("idxh"), 2)?;

    // the rule-editing loop, on the index of the 2-job run
    let edit = |file: &str, from: &str, to: &str| -> Result<(), String> {
        let path = rules.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        if !text.contains(from) {
            return Err(format!(
                "{file} no longer holds {from:?}: update bench_batch"
            ));
        }
        std::fs::write(&path, text.replacen(from, to, 1)).map_err(|e| e.to_string())
    };
    edit(
        "organisations.toml",
        "[[gazetteer.entry]]",
        "[[gazetteer.entry]]\ncanonical = \"Chatham House\"\nkind = \"ngo\"\naliases = [\"Chatham House\"]\n\n[[gazetteer.entry]]",
    )?;
    let gaz = ingest(&corpus, &idx("idx2"), 2)?;
    // a gazetteer entry whose alias only some records hold (one agenda-item
    // title of the MASG minutes): the cost of a selection that is neither
    // empty nor everything
    edit(
        "organisations.toml",
        "[[gazetteer.entry]]",
        "[[gazetteer.entry]]\ncanonical = \"Landmine Monitor\"\nkind = \"ngo\"\naliases = [\"Landmine Monitor\"]\n\n[[gazetteer.entry]]",
    )?;
    let gaz_some = ingest(&corpus, &idx("idx2"), 2)?;
    // a date-range pattern a user would plausibly loosen ("between May 2019 to
    // June 2020"): its required literal ("between") is rare, unlike "period"
    // (in nearly every record), which the previous round's (b) changed
    edit(
        "dates.toml",
        "{YEAR}\\s+and\\s+{MONTH},?\\s+{YEAR})",
        "{YEAR}\\s+(?:and|to)\\s+{MONTH},?\\s+{YEAR})",
    )?;
    let pat = ingest(&corpus, &idx("idx2"), 2)?;
    edit("macros.toml", "(?:thousand|", "(?:lakh|thousand|")?;
    let mac = ingest(&corpus, &idx("idx2"), 2)?;
    let rebuild = run_child(&[
        "full",
        &corpus.display().to_string(),
        &idx("idx2").display().to_string(),
        &rules.display().to_string(),
        "2",
    ])?;
    edit(
        "organisations.toml",
        "\"Chatham House\"]",
        "\"Chatham House\", \"Chatham\"]",
    )?;
    let diff = run_child(&[
        "diff",
        &idx("idx2").display().to_string(),
        &rules.display().to_string(),
    ])?;

    let rate = |m: &Measure| mb / m.seconds;
    println!();
    println!(
        "index after the 2-job full ingest: {index_mb:.1} MB, of which the text cache {cache_mb:.1} MB ({:.2}x the corpus)",
        index_mb / mb
    );
    println!(
        "{:<44} {:>9} {:>9} {:>10} {:>6}  notes",
        "run", "seconds", "MB/s", "peak MB", "load"
    );
    let row = |name: &str, m: &Measure, rate: Option<f64>, note: String| {
        println!(
            "{name:<44} {:>9.2} {:>9} {:>10.0} {:>6}  {note}",
            m.seconds,
            rate.map_or("-".to_string(), |r| format!("{r:.1}")),
            m.peak_mb,
            m.load
        );
    };
    row(
        "bare tantivy, 1 thread",
        &base1,
        Some(rate(&base1)),
        base1.out.clone(),
    );
    row(
        "bare tantivy, 2 threads",
        &base2,
        Some(rate(&base2)),
        base2.out.clone(),
    );
    row(
        "agendex ingest full, --jobs 1",
        &full1,
        Some(rate(&full1)),
        format!(
            "{:.2}x baseline (1 thread); {}",
            rate(&full1) / rate(&base1),
            full1.out
        ),
    );
    row(
        "agendex ingest full, --jobs 2",
        &full2,
        Some(rate(&full2)),
        format!(
            "{:.2}x baseline (2 threads); {}",
            rate(&full2) / rate(&base2),
            full2.out
        ),
    );
    row(
        "agendex re-run, nothing changed",
        &nochange,
        None,
        nochange.out.clone(),
    );
    row(
        "agendex re-run, one file changed",
        &onechange,
        None,
        onechange.out.clone(),
    );
    row(
        "agendex ingest full, half corpus, --jobs 2",
        &half,
        Some(small_bytes as f64 / 1e6 / half.seconds),
        format!(
            "peak memory {:.2}x the full corpus's",
            half.peak_mb / full2.peak_mb
        ),
    );
    let vs = |m: &Measure| {
        format!(
            "{:.3}x the full rebuild; {}",
            m.seconds / rebuild.seconds,
            m.out
        )
    };
    row(
        "(a) one gazetteer entry added, --jobs 2",
        &gaz,
        None,
        vs(&gaz),
    );
    row(
        "(a') an entry some records hold, --jobs 2",
        &gaz_some,
        None,
        vs(&gaz_some),
    );
    row(
        "(b) one pattern rule changed, --jobs 2",
        &pat,
        None,
        vs(&pat),
    );
    row("(c) one macro changed, --jobs 2", &mac, None, vs(&mac));
    row(
        "full rebuild (--full, text from the cache)",
        &rebuild,
        Some(rate(&rebuild)),
        rebuild.out.clone(),
    );
    row(
        "rules diff (one alias added)",
        &diff,
        None,
        diff.out.clone(),
    );
    Ok(())
}

/// Bare tantivy with 1 thread against the full ingest with one job, nothing else.
fn quick_ratio(records: u64, seed: u64) -> Result<(), String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let corpus = tmp.path().join("corpus");
    let bytes = gen_corpus::write_corpus(&corpus, records, seed).map_err(|e| e.to_string())?;
    let mb = bytes as f64 / 1e6;
    println!("corpus: {records} records, {mb:.1} MB");
    let rules = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
    let base = run_child(&[
        "tantivy",
        &corpus.display().to_string(),
        &tmp.path().join("base1").display().to_string(),
        "1",
    ])?;
    let full = run_child(&[
        "ingest",
        &corpus.display().to_string(),
        &tmp.path().join("idx1").display().to_string(),
        &rules.display().to_string(),
        "1",
    ])?;
    for (name, m) in [
        ("bare tantivy, 1 thread", &base),
        ("agendex ingest full, --jobs 1", &full),
    ] {
        println!(
            "{name:<32} {:>8.2} s {:>7.1} MB/s  peak {:>5.0} MB  load {}  {}",
            m.seconds,
            mb / m.seconds,
            m.peak_mb,
            m.load,
            m.out
        );
    }
    println!(
        "ratio: {:.3}x bare tantivy (1 job)",
        base.seconds / full.seconds
    );
    Ok(())
}

fn copy_rules(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for e in std::fs::read_dir(from)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn first_record(corpus: &Path) -> Result<PathBuf, String> {
    walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .ok_or_else(|| "empty corpus".to_string())
}

/// Runs this program in child mode and measures it with wait4.
fn run_child(args: &[&str]) -> Result<Measure, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let t = Instant::now();
    let child = Command::new(exe)
        .arg("--child")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout;
    // read before waiting: a child blocked on a full pipe never exits
    let mut out = String::new();
    if let Some(s) = stdout.as_mut() {
        use std::io::Read;
        s.read_to_string(&mut out).map_err(|e| e.to_string())?;
    }
    let mut status = 0;
    // SAFETY: rusage is plain data, zero is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child; pointers are to live locals.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = t.elapsed().as_secs_f64();
    if rc != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("child {args:?} failed (status {status}): {out}"));
    }
    // as it goes: on a busy machine the whole run is long
    eprintln!(
        "  {:?}: {seconds:.2} s (load {}); {}",
        args.first(),
        load_average(),
        out.trim()
    );
    Ok(Measure {
        seconds,
        // Linux reports ru_maxrss in kilobytes
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        out: out.trim().to_string(),
        load: load_average(),
    })
}

/// The 1-minute load average, or "?" where /proc is absent.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}

/// Total size of the files under `dir`, in MB (0 when it is absent).
fn dir_mb(dir: &Path) -> f64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / 1e6
}

fn child(args: &[String]) -> i32 {
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match arg(0).as_str() {
        "ingest" | "full" => {
            let cfg = IngestConfig {
                roots: vec![PathBuf::from(arg(1))],
                index_dir: PathBuf::from(arg(2)),
                rules_dir: PathBuf::from(arg(3)),
                jobs: arg(4).parse().unwrap_or(1),
                full: arg(0) == "full",
                repair: false,
                ingest: Default::default(),
                progress: ProgressMode::Quiet,
                allow_removals: false,
                remove: Vec::new(),
                budget: Default::default(),
                follow_links: false,
            };
            match batch::run(&cfg) {
                Ok(r) => {
                    println!(
                        "added {} changed {} unchanged {} failed {}; {} segments, {} entities{}",
                        r.added,
                        r.changed,
                        r.unchanged,
                        r.failed,
                        r.segments,
                        r.entities,
                        r.rebuild.map(|w| format!("; {w}")).unwrap_or_default()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    1
                }
            }
        }
        "diff" => {
            let rules = match agendex::extract::RuleSet::load(Path::new(&arg(2))) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{e}");
                    return 1;
                }
            };
            match batch::rules_diff::diff(Path::new(&arg(1)), &rules, &Default::default(), 3) {
                Ok(d) => {
                    println!(
                        "{} documents compared, {} changed, {} differences",
                        d.documents,
                        d.documents_changed,
                        d.total()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("{e}");
                    1
                }
            }
        }
        "tantivy" => match bare_tantivy(
            Path::new(&arg(1)),
            Path::new(&arg(2)),
            arg(3).parse().unwrap_or(1),
        ) {
            Ok(n) => {
                println!("{n} plain documents");
                0
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        },
        other => {
            eprintln!("unknown child mode {other}");
            2
        }
    }
}

/// The baseline: every record file read and indexed as one plain document.
fn bare_tantivy(corpus: &Path, index_dir: &Path, threads: usize) -> tantivy::Result<u64> {
    use tantivy::schema::{Schema, TEXT};
    let mut builder = Schema::builder();
    let text = builder.add_text_field("text", TEXT);
    std::fs::create_dir_all(index_dir)?;
    let index = tantivy::Index::create_in_dir(index_dir, builder.build())?;
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(threads, 50_000_000 * threads)?;
    let mut n = 0;
    for e in walkdir::WalkDir::new(corpus).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let body = std::fs::read_to_string(e.path())?;
        writer.add_document(tantivy::doc!(text => body))?;
        n += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(n)
}
