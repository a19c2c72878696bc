//! The extraction prefilter (one pass of all pattern rules over a unit, to pick
//! the rules worth searching there) must not change anything: every real
//! document gives the same candidates, mentions and statements with and without
//! it. Nor must valuing only the candidates about to win (`extract`) rather than
//! every candidate (`trace`, which `rules explain` prints).

use crate::common;

use std::path::{Path, PathBuf};

use agendex::extract::{self, RuleSet};
use agendex::ingest::{self, IngestOptions};
use agendex::segment;

fn rules() -> RuleSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    match RuleSet::load(&dir) {
        Ok(r) => r,
        Err(e) => panic!("the project's rules do not load:\n{e}"),
    }
}

/// Text files (`.txt`, `.md`) under `dir`, in name order.
fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| x == "txt" || x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    out.sort();
    out
}

/// Compares filtered and exhaustive extraction on every file; returns how many
/// files were compared.
fn check_files(files: &[PathBuf], filtered: &RuleSet, exhaustive: &RuleSet) -> usize {
    let mut n = 0;
    for p in files {
        let doc = match ingest::load_file(p, "exactness", &IngestOptions::default()) {
            Ok(d) => d,
            Err(e) => panic!("{}: cannot ingest: {e}", p.display()),
        };
        let segs = segment::segment(&doc);
        let (ft, fx) = extract::trace(&doc, &segs, filtered);
        let (et, ex) = extract::trace(&doc, &segs, exhaustive);
        assert_eq!(
            format!("{:?}", ft.candidates),
            format!("{:?}", et.candidates),
            "{}: candidates differ with the prefilter",
            p.display()
        );
        assert_eq!(ft.doc_date, et.doc_date, "{}: document date", p.display());
        assert_eq!(fx.mentions.len(), ex.mentions.len(), "{}", p.display());
        for (f, e) in fx.mentions.iter().zip(&ex.mentions) {
            assert_eq!(
                (&f.entity, f.span, &f.value),
                (&e.entity, e.span, &e.value),
                "{}: a mention differs with the prefilter",
                p.display()
            );
        }
        assert_eq!(fx, ex, "{}: extraction differs", p.display());
        // the batch path values only the candidates about to win: same result
        assert_eq!(
            extract::extract(&doc, &segs, filtered),
            fx,
            "{}: valuing only the winners changes the extraction",
            p.display()
        );
        assert_eq!(
            fx.statements,
            ex.statements,
            "{}: statements differ",
            p.display()
        );
        n += 1;
    }
    n
}

#[test]
fn prefilter_changes_nothing_on_the_project_corpus() {
    let rules = rules();
    let files = text_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    assert!(!files.is_empty(), "corpus/ holds no text files");
    let n = check_files(&files, &rules, &rules.without_prefilter());
    assert_eq!(n, files.len());
}

#[test]
fn prefilter_changes_nothing_on_the_seeds_and_real_documents() {
    let Some(shared) = common::shared_with(&["seeds", "corpus-real"]) else {
        return;
    };
    let rules = rules();
    let exhaustive = rules.without_prefilter();
    let seeds = text_files(&shared.join("seeds"));
    let real: Vec<PathBuf> = text_files(&shared.join("corpus-real"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    assert!(
        !seeds.is_empty() && !real.is_empty(),
        "no text in ../shared"
    );
    assert_eq!(check_files(&seeds, &rules, &exhaustive), seeds.len());
    assert_eq!(check_files(&real, &rules, &exhaustive), real.len());
}

/// `AGENDEX_EXACTNESS_DIR` names one more folder to compare (a corpus made by
/// `examples/gen_corpus`, say); nothing is checked when it is unset.
#[test]
fn prefilter_changes_nothing_on_an_extra_folder() {
    let Some(dir) = std::env::var_os("AGENDEX_EXACTNESS_DIR") else {
        eprintln!("skipping: AGENDEX_EXACTNESS_DIR not set");
        return;
    };
    let rules = rules();
    let files = text_files(Path::new(&dir));
    let n = check_files(&files, &rules, &rules.without_prefilter());
    eprintln!("{n} files compared");
}
