//! PDF extraction benchmark: agendex against `pdftotext` (poppler-utils).
//!
//! ```text
//! cargo build --release --bin agendex           # for the isolated (worker) timings
//! cargo run --release --example bench_pdf [SHARED_DIR]
//! ```
//!
//! Fidelity: word multiset F1 on `../shared/corpus-real/*.pdf` against the
//! `.txt` beside each (that text is `pdftotext -layout` output, so pdftotext
//! scores itself there), and on `../shared/pdf-samples` against the seed texts
//! the PDFs were printed from (the fair comparison: a known truth).
//! Speed: pages per second on one core and on all cores, in process and through
//! the isolated worker, with pdftotext timed the same way. pdftotext is skipped
//! when it is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use agendex::pdf::quality::word_f1;
use agendex::pdf::{extract_pdf, extract_pdf_in_process, PdfOptions};
use rayon::prelude::*;

const REPEATS: usize = 3;

fn shared_dir() -> Option<PathBuf> {
    if let Some(arg) = std::env::args().nth(1) {
        return Some(PathBuf::from(arg));
    }
    [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared"),
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.join("corpus-real").is_dir())
}

fn pdftotext(path: &Path, layout: bool) -> Option<String> {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg("-q").arg(path).arg("-").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn have_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

fn best_of<F: FnMut()>(mut f: F) -> Duration {
    (0..REPEATS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn clean(s: &str) -> String {
    agendex::ingest::clean(s).text
}

fn main() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping: ../shared/corpus-real not found (pass the shared folder as argument)");
        return;
    };
    let poppler = have_pdftotext();
    if !poppler {
        eprintln!(
            "note: pdftotext not found (apt-get install poppler-utils): its columns are skipped"
        );
    }
    let worker = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("agendex")))
        .filter(|p| p.is_file());

    // --- fidelity on real records, against pdftotext -layout text
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus-real"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    pdfs.retain(|p| p.extension().is_some_and(|e| e == "pdf"));
    pdfs.sort();
    println!("== word F1 against the .txt beside each PDF (pdftotext -layout output)");
    println!(
        "{:<72} {:>5} {:>8} {:>9}",
        "file", "pages", "agendex", "pdftotext"
    );
    let mut total_pages = 0usize;
    let (mut sum_a, mut sum_p, mut n_ref) = (0.0, 0.0, 0usize);
    for pdf in &pdfs {
        let got = match extract_pdf_in_process(pdf, &[]) {
            Ok(t) => t,
            Err(e) => {
                println!("{:<72} error: {e}", name(pdf));
                continue;
            }
        };
        total_pages += got.page_starts.len();
        let reference = std::fs::read_to_string(pdf.with_extension("txt")).ok();
        let Some(reference) = reference else {
            println!(
                "{:<72} {:>5} {:>8} {:>9}",
                name(pdf),
                got.page_starts.len(),
                "(no .txt)",
                ""
            );
            continue;
        };
        let a = word_f1(&reference, &clean(&got.text));
        let p = if poppler {
            pdftotext(pdf, true).map(|t| word_f1(&reference, &t))
        } else {
            None
        };
        sum_a += a;
        sum_p += p.unwrap_or(0.0);
        n_ref += 1;
        println!(
            "{:<72} {:>5} {:>8.4} {:>9}",
            name(pdf),
            got.page_starts.len(),
            a,
            p.map_or("-".to_string(), |p| format!("{p:.4}"))
        );
    }
    if n_ref > 0 {
        println!(
            "{:<72} {:>5} {:>8.4} {:>9.4}",
            "mean",
            "",
            sum_a / n_ref as f64,
            sum_p / n_ref as f64
        );
    }

    // --- fidelity on the seed PDFs, against the seed text they were printed from
    let samples = shared.join("pdf-samples");
    if samples.is_dir() {
        println!("\n== word F1 against the seed text (pdf-samples), mean of 5 seeds");
        println!("{:<10} {:>8} {:>9}", "producer", "agendex", "pdftotext");
        for producer in [
            "lo-txt", "lo-docx", "chromium", "cairo", "pdflatex", "groff",
        ] {
            let (mut a, mut p, mut n) = (0.0, 0.0, 0);
            let mut files: Vec<PathBuf> = std::fs::read_dir(samples.join(producer))
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            for pdf in files {
                let stem = pdf
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let Ok(seed) =
                    std::fs::read_to_string(shared.join("seeds").join(format!("{stem}.txt")))
                else {
                    continue;
                };
                let seed = clean(&seed);
                a += extract_pdf_in_process(&pdf, &[])
                    .map_or(0.0, |t| word_f1(&seed, &clean(&t.text)));
                if poppler {
                    p += pdftotext(&pdf, false).map_or(0.0, |t| word_f1(&seed, &t));
                }
                n += 1;
            }
            if n > 0 {
                let pp = if poppler {
                    format!("{:.4}", p / n as f64)
                } else {
                    "-".into()
                };
                println!("{producer:<10} {:>8.4} {pp:>9}", a / n as f64);
            }
        }
    }

    // --- speed
    let cores = rayon::current_num_threads();
    println!("\n== speed on corpus-real: {} PDFs, {total_pages} pages, best of {REPEATS} (cores: {cores})", pdfs.len());
    let pps = |d: Duration| total_pages as f64 / d.as_secs_f64().max(1e-9);
    let run_agendex = |p: &PathBuf| {
        let _ = extract_pdf_in_process(p, &[]);
    };
    let a1 = best_of(|| pdfs.iter().for_each(run_agendex));
    let an = best_of(|| pdfs.par_iter().for_each(run_agendex));
    let (p1, pn) = if poppler {
        let run = |p: &PathBuf| {
            let _ = pdftotext(p, true);
        };
        (
            Some(best_of(|| pdfs.iter().for_each(run))),
            Some(best_of(|| pdfs.par_iter().for_each(run))),
        )
    } else {
        (None, None)
    };
    let (w1, wn) = match &worker {
        Some(w) => {
            let opts = PdfOptions {
                worker: Some(w.clone()),
                ..PdfOptions::default()
            };
            let run = |p: &PathBuf| {
                let _ = extract_pdf(p, &opts);
            };
            (
                Some(best_of(|| pdfs.iter().for_each(run))),
                Some(best_of(|| pdfs.par_iter().for_each(run))),
            )
        }
        None => {
            eprintln!("note: no agendex binary beside the example: build it with `cargo build --release --bin agendex` to time the isolated worker");
            (None, None)
        }
    };
    let row = |label: &str, one: Option<Duration>, all: Option<Duration>| {
        let fmt = |d: Option<Duration>| {
            d.map_or("-".to_string(), |d| {
                format!("{:>7.1} p/s ({:.2} s)", pps(d), d.as_secs_f64())
            })
        };
        let ratio = |d: Option<Duration>, base: Option<Duration>| match (d, base) {
            (Some(d), Some(b)) => format!("{:.2}x", b.as_secs_f64() / d.as_secs_f64().max(1e-9)),
            _ => "-".into(),
        };
        println!(
            "{label:<28} 1 core: {:<24} {:>6}   {cores} cores: {:<24} {:>6}",
            fmt(one),
            ratio(one, p1),
            fmt(all),
            ratio(all, pn)
        );
    };
    println!("(ratio = speed relative to pdftotext in the same mode; >1 is faster)");
    row("pdftotext -layout", p1, pn);
    row("agendex in-process", Some(a1), Some(an));
    row("agendex isolated worker", w1, wn);
}

fn name(p: &Path) -> String {
    let n = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if n.chars().count() > 70 {
        format!("{}…", n.chars().take(69).collect::<String>())
    } else {
        n
    }
}
