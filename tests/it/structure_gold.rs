//! Segmentation of real UN records scored against the structure gold of
//! `tests/gold/structure` (hand annotations of 12 records of
//! `../shared/corpus-real`, conventions in its README) by gold-dev's `score.py`.
//! Segment-title and boundary F1 must stay at or above the thresholds below,
//! which are what the segmenter reaches now and only ever go up.

use std::path::{Path, PathBuf};
use std::process::Command;

use agendex::ingest::IngestOptions;
use agendex::{annotation, pipeline};

use crate::common;

/// PDFs are read by this build's worker binary.
fn ingest_options() -> IngestOptions {
    IngestOptions {
        pdf: agendex::pdf::PdfOptions {
            worker: Some(common::pdf_worker()),
            ..Default::default()
        },
    }
}

/// Minimum micro F1 over the gold documents, read from their `pdftotext` texts
/// (2026-12-03: 1.000 and 1.000; before the structure work 0.890 and 0.828).
const TEXT_THRESHOLDS: &[(&str, f64)] = &[("segments_title", 1.0), ("segments_boundary", 1.0)];

/// Minimum micro F1 over the same documents read from their PDFs
/// (2026-12-04 with A/79/408: 0.985 and 0.978; 2026-12-03: 0.957 and 0.965;
/// before 0.786 and 0.849).
const PDF_THRESHOLDS: &[(&str, f64)] = &[("segments_title", 0.98), ("segments_boundary", 0.975)];

/// Minimum micro F1 over the same documents converted by `pdftotext` without
/// `-layout`, which puts each enumerator alone on its line ("I." / "Introduction")
/// as many converters do (2026-12-04: 0.969 and 0.978; before 0.655 and 0.553).
const PLAIN_THRESHOLDS: &[(&str, f64)] = &[("segments_title", 0.965), ("segments_boundary", 0.975)];

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/structure")
}

/// The gold files' stems: the record names without extension.
fn gold_stems() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(gold_dir())
        .expect("tests/gold/structure")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    stems.sort();
    stems
}

/// Writes agendex's annotation of `<stem>.<ext>` for every gold stem into `out`;
/// returns how many records were there.
fn predict(real: &Path, ext: &str, out: &Path) -> usize {
    let rules = common::default_rules();
    let mut n = 0;
    for stem in gold_stems() {
        let path = real.join(format!("{stem}.{ext}"));
        if !path.is_file() {
            continue;
        }
        let processed = pipeline::process_file(&path, &stem, &ingest_options(), &rules)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = annotation::to_annotation(&processed);
        std::fs::write(
            out.join(format!("{stem}.json")),
            serde_json::to_string(&json).expect("json"),
        )
        .expect("write prediction");
        n += 1;
    }
    n
}

/// Runs score.py on the predictions in `out` and checks the thresholds.
fn score(score_py: &Path, out: &Path, thresholds: &[(&str, f64)], what: &str) {
    let gold = gold_dir();
    let args: [&std::ffi::OsStr; 3] = ["--gold".as_ref(), gold.as_os_str(), "--per-doc".as_ref()];
    let (v, table) = crate::common::run_score_py(score_py, out, &args, what);
    let failures: Vec<String> = thresholds
        .iter()
        .filter_map(|(cat, min)| {
            let f1 = v["categories"][cat]["f1"].as_f64().unwrap_or(0.0);
            (f1 < *min).then(|| format!("{what} {cat}: F1 {f1:.3} < {min}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
}

/// Header metadata of the gold records: how many of the predictions in `out` agree
/// with the gold `meta` on each of title, date and symbol (case and punctuation aside).
fn meta_agreement(out: &Path) -> [(&'static str, usize); 3] {
    let norm = |v: &serde_json::Value| {
        v.as_str()
            .map(|s| {
                s.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let mut agree = [("title", 0), ("date", 0), ("symbol", 0)];
    for stem in gold_stems() {
        let read = |dir: &Path| -> Option<serde_json::Value> {
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{stem}.json"))).ok()?)
                .ok()
        };
        let (Some(gold), Some(pred)) = (read(&gold_dir()), read(out)) else {
            continue;
        };
        for (field, n) in agree.iter_mut() {
            if norm(&gold["meta"][*field]) == norm(&pred["meta"][*field]) {
                *n += 1;
            }
        }
    }
    agree
}

/// The real records and gold-dev's scorer, or `None` with a skipping message.
fn setup() -> Option<(PathBuf, PathBuf)> {
    let shared = common::shared_with(&["corpus-real", "gold-dev"])?;
    let score_py = shared.join("gold-dev/score.py");
    if !score_py.is_file() {
        eprintln!("skipping: ../shared/gold-dev/score.py not found");
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 not found (needed to run score.py)");
        return None;
    }
    Some((shared.join("corpus-real"), score_py))
}

#[test]
fn structure_gold_texts_stay_above_thresholds() {
    let Some((real, score_py)) = setup() else {
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let n = predict(&real, "txt", out.path());
    assert_eq!(n, gold_stems().len(), "every gold record has its text");
    assert!(n >= 10, "at least 10 gold records: {n}");
    score(&score_py, out.path(), TEXT_THRESHOLDS, "texts");
    // of 12 (2026-12-04, A/79/408 added; 2026-12-03 of 11: 10, 11, 11; before: titles 1, dates 8, symbols 11)
    assert_eq!(
        meta_agreement(out.path()),
        [("title", 11), ("date", 12), ("symbol", 12)]
    );
}

#[test]
fn structure_gold_pdfs_stay_above_thresholds() {
    let Some((real, score_py)) = setup() else {
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let n = predict(&real, "pdf", out.path());
    assert!(n >= 10, "gold records with a PDF: {n}");
    score(&score_py, out.path(), PDF_THRESHOLDS, "PDFs");
    // of 11 (2026-12-03; before: titles 2, dates 7, symbols 11)
    let agree = meta_agreement(out.path());
    assert!(
        agree[0].1 >= 10 && agree[1].1 >= 10 && agree[2].1 >= 11,
        "{agree:?}"
    );
}

#[test]
fn structure_gold_plain_pdftotext_texts_stay_above_thresholds() {
    let Some((real, score_py)) = setup() else {
        return;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipping: pdftotext not found (Debian package poppler-utils)");
        return;
    }
    let plain = tempfile::tempdir().expect("temp dir");
    for stem in gold_stems() {
        let pdf = real.join(format!("{stem}.pdf"));
        if !pdf.is_file() {
            continue;
        }
        let status = Command::new("pdftotext")
            .arg(&pdf)
            .arg(plain.path().join(format!("{stem}.txt")))
            .status()
            .expect("run pdftotext");
        assert!(status.success(), "pdftotext {}", pdf.display());
    }
    let out = tempfile::tempdir().expect("temp dir");
    let n = predict(plain.path(), "txt", out.path());
    assert!(n >= 10, "gold records with a PDF: {n}");
    score(
        &score_py,
        out.path(),
        PLAIN_THRESHOLDS,
        "plain pdftotext texts",
    );
}
