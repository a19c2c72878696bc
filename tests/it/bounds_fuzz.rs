//! Mutated records, a bounded number of cases each (a few seconds): a mutated
//! real PDF gives text or a named failure through the isolated worker, never a
//! crash of the caller; a mutated real text goes through every stage after the
//! PDF worker, and gives one index record per segment (one for a document
//! without an outline).
//!
//! A longer run: `PROPTEST_CASES=500 AGENDEX_FUZZ_LOG=1 cargo test --test it
//! bounds_fuzz -- --nocapture` prints one line per case (bytes, time, outcome),
//! from which the closing note's report (files tried, failures, slowest file) is
//! read; peak memory is the run's (`/usr/bin/time -v`).

use std::path::PathBuf;
use std::time::Instant;

use proptest::prelude::*;

use agendex::index::{schema, segment_record};
use agendex::model::SourceFormat;
use agendex::pdf::{self, PdfOptions};

/// A real PDF and a real text of the shared samples, when present.
fn samples() -> Option<(Vec<u8>, String)> {
    let dir = crate::common::shared_subdir("pdf-samples")?.join("lo-txt");
    let pdf = std::fs::read(dir.join("000_a5fdb359b9ec4b3a.pdf")).ok()?;
    let seeds = crate::common::seeds_dir()?;
    let text = std::fs::read_to_string(seeds.join("000_a5fdb359b9ec4b3a.txt")).ok()?;
    Some((pdf, text))
}

/// Cases per property: 16 (a few seconds in CI), or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16)
}

/// With `AGENDEX_FUZZ_LOG` set, one line per case for the longer run's report.
fn log_case(kind: &str, bytes: usize, started: Instant, outcome: &str) {
    if std::env::var_os("AGENDEX_FUZZ_LOG").is_some() {
        eprintln!(
            "fuzz-case {kind} {bytes} bytes {:.0} ms {outcome}",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Byte edits: (position as a fraction of the length, new byte, run length).
fn edits() -> impl Strategy<Value = Vec<(f64, u8, usize)>> {
    prop::collection::vec((0.0f64..1.0, any::<u8>(), 1usize..64), 1..12)
}

fn mutate(bytes: &[u8], edits: &[(f64, u8, usize)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, byte, run) in edits {
        let start = ((out.len() as f64) * at) as usize;
        for b in out.iter_mut().skip(start).take(run) {
            *b = byte;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_pdf_is_text_or_a_named_failure(e in edits()) {
        let Some((pdf_bytes, _)) = samples() else { return Ok(()) };
        let dir = tempfile::tempdir().expect("tempdir");
        let path: PathBuf = dir.path().join("mutated.pdf");
        let bytes = mutate(&pdf_bytes, &e);
        std::fs::write(&path, &bytes).expect("write");
        let opts = PdfOptions {
            worker: Some(crate::common::pdf_worker()),
            timeout: std::time::Duration::from_secs(30),
            ..PdfOptions::default()
        };
        let started = Instant::now();
        match pdf::extract_pdf(&path, &opts) {
            Ok(text) => {
                log_case("pdf", bytes.len(), started, "text");
                prop_assert!(text.page_starts.windows(2).all(|w| w[0] <= w[1]))
            }
            Err(err) => {
                log_case("pdf", bytes.len(), started, "refused");
                prop_assert!(!err.to_string().is_empty())
            }
        }
    }

    #[test]
    fn a_mutated_text_gives_one_record_per_segment(e in edits()) {
        let Some((_, text)) = samples() else { return Ok(()) };
        let bytes = mutate(text.as_bytes(), &e);
        let path = PathBuf::from("mutated.txt");
        let started = Instant::now();
        let Ok(doc) = agendex::ingest::load_bytes(&bytes, "mutated.txt", &path, SourceFormat::Text)
        else {
            log_case("text", bytes.len(), started, "refused");
            return Ok(()); // refused by name (binary, empty): fine
        };
        let rules = crate::common::default_rules();
        let len = doc.text.len();
        let processed = agendex::pipeline::process_document(doc, &rules);
        let (_, fields) = schema::build_schema();
        let records = segment_record::records(&processed, &fields);
        log_case("text", bytes.len(), started, "indexed");
        prop_assert_eq!(records.len(), processed.segments.len().max(1));
        for m in &processed.extraction.mentions {
            prop_assert!(m.span.end <= len);
        }
    }
}
