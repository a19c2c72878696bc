//! A rule change re-extracts only the records it can touch, reading their text
//! from the text cache, and the index it leaves is the one a full rebuild with
//! the new rules makes: byte-identical stored records, identical answers.

use std::path::{Path, PathBuf};
use std::process::Command;

use agendex::index::IndexReader;
use tantivy::schema::document::TantivyDocument;
use tantivy::Document;

use crate::batch_support::{Fixture, Run};

const BIN: &str = env!("CARGO_BIN_EXE_agendex");

/// Every stored record of the index as JSON, sorted.
fn stored_records(index: &Path) -> Vec<String> {
    let reader = IndexReader::open(index).expect("open the index");
    let searcher = reader.searcher();
    let schema = reader.index().schema();
    let mut out = Vec::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        for doc in seg.doc_ids_alive() {
            let d: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .expect("stored record");
            out.push(d.to_json(&schema));
        }
    }
    out.sort();
    out
}

fn run(args: &[&str], index: &Path) -> String {
    let o = Command::new(BIN)
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("run agendex");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Answers to a few researcher questions, as the CLI prints them. Search hits
/// are compared as a set without scores: an index updated in place keeps the
/// deleted versions' term statistics until its segments merge, which moves BM25
/// scores (and so ranks) a little; what is found must not move.
fn answers(index: &Path) -> Vec<String> {
    let hits = |q: &str| {
        let out = run(&["search", q, "--json", "--limit", "1000"], index);
        let mut lines: Vec<String> = out
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).expect("NDJSON hit");
                if let Some(o) = v.as_object_mut() {
                    o.remove("score");
                    o.remove("rank");
                }
                v.to_string()
            })
            .collect();
        lines.sort();
        lines.join("\n")
    };
    vec![
        hits("mine clearance"),
        hits("contribution"),
        hits("Phnom Penh"),
        run(&["entities", "--format", "json"], index),
        run(&["summary", "--state", "France", "--format", "json"], index),
    ]
}

fn ingest(corpus: &Path, rules: &Path, index: &Path) -> Run {
    let o = Command::new(BIN)
        .arg("ingest")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .arg("--rules")
        .arg(rules)
        .output()
        .expect("run agendex ingest");
    let r = Run::from(o);
    r.expect_code(0);
    r
}

/// Edits rule file `file` of `rules`, replacing `from` by `to` (which must be there).
fn edit(rules: &Path, file: &str, from: &str, to: &str) {
    let path = rules.join(file);
    let text = std::fs::read_to_string(&path).expect("read rule file");
    assert!(text.contains(from), "{file} no longer holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write rule file");
}

/// The "re-extracting K of N" figures of a run's output, or `None` for a full one.
fn re_extracted(r: &Run) -> Option<(u64, u64)> {
    let all = format!("{}{}", r.stdout, r.stderr);
    let line = all.lines().find(|l| l.contains("re-extracting"))?;
    let after = line.split("re-extracting ").nth(1)?;
    let mut w = after.split_whitespace();
    let k = w.next()?.parse().ok()?;
    if w.next()? != "of" {
        return None;
    }
    Some((k, w.next()?.parse().ok()?))
}

/// Applies each kind of change in turn to an index of `corpus`, and checks the
/// incremental run against a full rebuild. Returns the (re-extracted, total)
/// of each run.
fn check_each_kind(
    corpus: &Path,
    rules: &Path,
    index: &Path,
    scratch: &Path,
) -> Vec<Option<(u64, u64)>> {
    ingest(corpus, rules, index);
    let word = "Chatham House";
    let changes: [(&str, &str, String, &str); 3] = [
        (
            "organisations.toml",
            "[[gazetteer.entry]]",
            format!(
                "[[gazetteer.entry]]\ncanonical = \"{word}\"\nkind = \"ngo\"\naliases = [\"{word}\", \"Welcoming Remarks\", \"Phnom Penh\"]\n\n[[gazetteer.entry]]"
            ),
            "gazetteer entry",
        ),
        (
            "dates.toml",
            "coming|following)\\s+year",
            "coming|following|previous)\\s+year".to_string(),
            "pattern rule",
        ),
        (
            "macros.toml",
            "(?:thousand|",
            "(?:lakh|thousand|".to_string(),
            "macro",
        ),
    ];
    let mut figures = Vec::new();
    for (i, (file, from, to, kind)) in changes.iter().enumerate() {
        edit(rules, file, from, to);
        let r = ingest(corpus, rules, index);
        figures.push(re_extracted(&r));
        let full = scratch.join(format!("full-{i}"));
        ingest(corpus, rules, &full);
        assert_eq!(
            stored_records(index),
            stored_records(&full),
            "after a {kind} change, the incremental index differs from a full rebuild"
        );
        assert_eq!(
            answers(index),
            answers(&full),
            "answers after a {kind} change"
        );
    }
    figures
}

#[test]
fn each_kind_of_change_equals_a_full_rebuild_on_generated_records() {
    let f = Fixture::new(30);
    let figures = check_each_kind(&f.corpus, &f.rules, &f.index, f.tmp.path());
    eprintln!("re-extracted (of all): {figures:?}");
    // the entry and the pattern need only some records; the macro needs all
    let (k, n) = figures[0].expect("an incremental run for a gazetteer entry");
    assert!(k < n, "gazetteer entry: {k} of {n}");
    let (k, n) = figures[1].expect("an incremental run for a pattern rule");
    assert!(k < n, "pattern rule: {k} of {n}");
    assert_eq!(figures[2], None, "a macro change re-extracts everything");
}

#[test]
fn each_kind_of_change_equals_a_full_rebuild_on_real_records() {
    let Some(real) = crate::common::shared_subdir("corpus-real") else {
        eprintln!("skipping: ../shared/corpus-real not found");
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    // the real records' text layers (their PDFs are read in `a_rules_only_change_parses_no_pdf`)
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for e in std::fs::read_dir(&real)
        .expect("read corpus-real")
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, corpus.join(e.file_name())).expect("copy");
        }
    }
    let rules = tmp.path().join("rules");
    copy_rules(&rules);
    let figures = check_each_kind(&corpus, &rules, &tmp.path().join("index"), tmp.path());
    eprintln!("re-extracted (of all): {figures:?}");
    assert!(figures[0].is_some() && figures[1].is_some(), "{figures:?}");
}

fn copy_rules(to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(crate::common::rules_dir())
        .expect("rules")
        .flatten()
    {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy rule file");
        }
    }
}

fn sample_pdfs() -> Option<Vec<PathBuf>> {
    let real = crate::common::shared_subdir("corpus-real")?;
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(real)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(u64::MAX));
    pdfs.truncate(2);
    (!pdfs.is_empty()).then_some(pdfs)
}

#[test]
fn a_rules_only_change_parses_no_pdf() {
    let Some(pdfs) = sample_pdfs() else {
        eprintln!("skipping: no PDF in ../shared/corpus-real");
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for p in &pdfs {
        std::fs::copy(p, corpus.join(p.file_name().expect("name"))).expect("copy");
    }
    let rules = tmp.path().join("rules");
    copy_rules(&rules);
    let index = tmp.path().join("index");
    let ingest_with_worker = |worker: &Path, extra: &[&str]| {
        let o = Command::new(BIN)
            .arg("ingest")
            .arg(&corpus)
            .arg("--index")
            .arg(&index)
            .arg("--rules")
            .arg(&rules)
            .args(extra)
            .env("AGENDEX_PDF_WORKER", worker)
            .output()
            .expect("run agendex ingest");
        Run::from(o)
    };
    ingest_with_worker(&crate::common::pdf_worker(), &[]).expect_code(0);
    let before = stored_records(&index);

    // no PDF worker from now on: reading a PDF would fail the file
    let gone = tmp.path().join("no-such-worker");
    // a change every record feels (a macro), and --full: both read text only
    edit(&rules, "macros.toml", "(?:thousand|", "(?:lakh|thousand|");
    let r = ingest_with_worker(&gone, &[]);
    r.expect_code(0);
    assert_eq!(r.count("failed"), 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.count("changed"), pdfs.len() as u64, "{}", r.stdout);
    let r = ingest_with_worker(&gone, &["--full"]);
    r.expect_code(0);
    assert_eq!(r.count("failed"), 0, "{}{}", r.stdout, r.stderr);
    // the same text read from the cache gives the same records as the PDF did
    edit(&rules, "macros.toml", "(?:lakh|thousand|", "(?:thousand|");
    ingest_with_worker(&gone, &[]).expect_code(0);
    assert_eq!(stored_records(&index), before);
}
