//! Every non-blank character of a real record belongs to exactly one segment:
//! nothing falls before the first heading or between segments, so everything is
//! indexed. Checked on every file of `corpus/`, the seeds, the real UN records
//! (texts and PDFs) and the PDF samples; and phrases from a resolution's
//! preamble and operative part are found by search.

use std::path::{Path, PathBuf};

use agendex::ingest::{self, IngestOptions};
use agendex::query::search::{self, SearchRequest, SortBy};
use agendex::query::Filters;
use agendex::segment::{self, coverage};

use crate::common;
use crate::query_support;

/// PDFs are read by this build's worker binary.
fn ingest_options() -> IngestOptions {
    IngestOptions {
        pdf: agendex::pdf::PdfOptions {
            worker: Some(common::pdf_worker()),
            ..Default::default()
        },
    }
}

/// Record files (.txt, .md, .pdf) under `dir`, READMEs and source lists left out.
fn record_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok().map(|e| e.into_path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "txt" || x == "md" || x == "pdf")
        })
        .filter(|p| {
            p.file_stem().is_some_and(|n| {
                !["README", "SOURCES", "LICENSE"].contains(&n.to_string_lossy().as_ref())
            })
        })
        .collect();
    paths.sort();
    paths
}

/// Segments every readable file under `dir` and lists those that break the
/// invariant; returns how many files were checked. Files that cannot be read
/// (the broken and encrypted PDF samples) are not records to segment.
fn uncovered_files(dir: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut bad = Vec::new();
    for path in record_files(dir) {
        let Ok(doc) = ingest::load_file(&path, "x", &ingest_options()) else {
            continue;
        };
        checked += 1;
        let segs = segment::segment(&doc);
        let c = coverage::check(&doc.text, &segs);
        if !c.is_exact() {
            let at = c.first_uncovered.unwrap_or(0);
            let sample: String = doc.text[at..].chars().take(60).collect();
            bad.push(format!(
                "{}: {} uncovered, {} overlapping (first at {at}: {sample:?})",
                path.display(),
                c.uncovered,
                c.overlapping
            ));
        }
    }
    (checked, bad)
}

#[test]
fn sample_corpus_and_seeds_are_covered() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (n, bad) = uncovered_files(&corpus);
    assert!(n >= 14, "corpus/ files checked: {n}");
    assert!(bad.is_empty(), "{bad:#?}");
    let Some(seeds) = common::seeds_dir() else {
        return;
    };
    let (n, bad) = uncovered_files(&seeds);
    assert_eq!(n, 5);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn real_records_texts_and_pdfs_are_covered() {
    let Some(real) = common::shared_subdir("corpus-real") else {
        return;
    };
    let (n, bad) = uncovered_files(&real);
    // 14 texts and 16 PDFs
    assert!(n >= 30, "corpus-real files checked: {n}");
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn pdf_samples_are_covered() {
    let Some(samples) = common::shared_subdir("pdf-samples") else {
        return;
    };
    let (n, bad) = uncovered_files(&samples);
    assert!(n >= 30, "pdf-samples files read: {n}");
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The three General Assembly resolutions of corpus-real, indexed.
fn resolutions_index() -> Option<(query_support::SeedIndex, tempfile::TempDir)> {
    let real = common::shared_subdir("corpus-real")?;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut found = 0;
    for name in record_files(&real) {
        let file = name.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Some(f) = file.filter(|f| f.contains("_resolution-") && f.ends_with(".txt")) {
            std::fs::copy(&name, dir.path().join(&f)).unwrap_or_else(|e| panic!("copy: {e}"));
            found += 1;
        }
    }
    if found < 3 {
        eprintln!("skipping: the three GA resolutions are not in corpus-real");
        return None;
    }
    // the copies stay: `show --explain-outline` reads the source again
    Some((query_support::index_of(dir.path()), dir))
}

#[test]
fn preamble_and_operative_phrases_are_found() {
    let Some((idx, _sources)) = resolutions_index() else {
        return;
    };
    let reader = idx.reader();
    let hits = |q: &str| {
        search::search(
            &reader,
            &SearchRequest {
                query: q.into(),
                filters: Filters::default(),
                limit: 10,
                offset: 0,
                sort: SortBy::Relevance,
                facets: false,
                per_doc: false,
                synonyms: Default::default(),
            },
        )
        .unwrap_or_else(|e| panic!("search {q}: {e}"))
        .hits
    };
    // a preambular paragraph of 79/62 and 80/57
    let found = hits("\"unauthorized recipients\"");
    let mut docs: Vec<&str> = found.iter().map(|h| h.doc_id.as_str()).collect();
    docs.sort();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(
        docs[0].contains("79-62") && docs[1].contains("80-57"),
        "{docs:?}"
    );
    assert!(
        found.iter().all(|h| h.item_title == "Preamble"),
        "{found:#?}"
    );
    // an operative paragraph, in the operative part
    let found = hits("\"facilitate the informal consultations\"");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].item_title, "Operative part");
    // the title block is indexed too
    let found = hits("\"A/78/409\"");
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn operative_paragraphs_are_citable_by_number() {
    let Some(real) = common::shared_subdir("corpus-real") else {
        return;
    };
    let p = common::process(&real.join("UNGA_2024_resolution-LAWS_A-RES-79-62.txt"));
    let outline: Vec<(Option<&str>, &str, u8)> = p
        .segments
        .iter()
        .map(|s| (s.number.as_deref(), s.title.as_str(), s.level))
        .collect();
    assert_eq!(
        outline,
        [
            (Some("79/62"), "Lethal autonomous weapons systems", 1),
            (None, "Preamble", 2),
            (None, "Operative part", 2)
        ]
    );
    let op = &p.segments[2];
    let numbers: Vec<&str> = op.paragraphs.iter().map(|q| q.number.as_str()).collect();
    let expected: Vec<String> = (1..=12).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    // OP 2 is the paragraph that starts "2. Welcomes"
    let op2 = p.doc.slice(op.paragraphs[1].span);
    assert!(op2.starts_with("2.") && op2.contains("Welcomes the high number"));
    // the preamble ends before OP 1
    let preamble = p.doc.slice(p.segments[1].body);
    assert!(preamble.starts_with("Recalling its resolution 78/241"));
    assert!(!preamble.contains("Notes with appreciation"));
}

#[test]
fn explain_outline_says_why_each_line_is_a_heading_or_not() {
    let Some((idx, _sources)) = resolutions_index() else {
        return;
    };
    let id = idx.id("UNGA_2024");
    let out = query_support::agendex(&["show", &id, "--explain-outline"], idx.path());
    query_support::assert_ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    let verdict = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?} in\n{text}"))
            .to_string()
    };
    assert!(verdict("Lethal autonomous weapons systems").contains("heading"));
    assert!(verdict("| The General Assembly,").contains("opens a resolution's preamble"));
    let op2 = verdict("Welcomes the high number");
    assert!(op2.contains("paragraph") && op2.contains("para 2"), "{op2}");
    assert!(verdict("| United Nations").contains(" text "));
}
