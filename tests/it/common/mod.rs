//! Shared by the integration tests: where the real material is, and how to score
//! agendex's output against the gold annotations.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use agendex::extract::RuleSet;
use agendex::ingest::IngestOptions;
use agendex::model::ProcessedDoc;

/// Where the shared material may be: `$AGENDEX_SHARED` when set (a git worktree
/// has no `../shared` beside it), else `../shared` beside the repository, else
/// `../../shared` (beside the worktrees' folder).
fn shared_candidates() -> Vec<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::env::var_os("AGENDEX_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    dirs.push(repo.join("../shared"));
    dirs.push(repo.join("../../shared"));
    dirs
}

/// The shared folder holding every one of `subdirs` ("seeds", "pdf-samples"), or
/// `None` with a "skipping: ... not found" message.
pub fn shared_with(subdirs: &[&str]) -> Option<PathBuf> {
    let found = shared_candidates()
        .into_iter()
        .find(|d| d.is_dir() && subdirs.iter().all(|s| d.join(s).is_dir()));
    if found.is_none() {
        let what = if subdirs.is_empty() {
            "../shared".to_string()
        } else {
            subdirs
                .iter()
                .map(|s| format!("../shared/{s}"))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        eprintln!("skipping: {what} not found beside the repository (or set AGENDEX_SHARED)");
    }
    found
}

/// The shared folder (`$AGENDEX_SHARED`, else `../shared`), if present.
pub fn shared_dir() -> Option<PathBuf> {
    shared_with(&[])
}

/// `rel` ("seeds", "corpus-real") inside the shared folder, if present.
pub fn shared_subdir(rel: &str) -> Option<PathBuf> {
    Some(shared_with(&[rel])?.join(rel))
}

/// The seeds folder of the shared material, if present.
pub fn seeds_dir() -> Option<PathBuf> {
    shared_subdir("seeds")
}

/// The repository's rules folder.
pub fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// The agendex binary that runs the isolated PDF worker: this build's, unless
/// `AGENDEX_PDF_WORKER` names another (worktrees sharing one target folder
/// overwrite each other's `target/debug/agendex`).
pub fn pdf_worker() -> PathBuf {
    std::env::var_os("AGENDEX_PDF_WORKER")
        .filter(|w| !w.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_agendex").into())
}

/// The producers that printed the seeds to PDF (`pdf-samples/<producer>/`).
pub const PDF_PRODUCERS: [&str; 6] = [
    "lo-txt", "lo-docx", "chromium", "cairo", "pdflatex", "groff",
];

/// The five seed records, by file stem.
pub const SEEDS: [&str; 5] = [
    "000_a5fdb359b9ec4b3a",
    "001_f9c21d8fc1600d5e",
    "002_c6f7a9f4fdcd34f7",
    "003_b560c17855d103f0",
    "004_400ab60718257408",
];

/// The seed file whose name starts with `prefix` ("000"), if ../shared is there.
pub fn seed(prefix: &str) -> Option<PathBuf> {
    let dir = seeds_dir()?;
    let found = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        });
    if found.is_none() {
        eprintln!("skipping: no seed {prefix}_* in {}", dir.display());
    }
    found
}

/// The default rule set of the repository.
pub fn default_rules() -> RuleSet {
    RuleSet::load(&rules_dir()).unwrap_or_else(|e| panic!("default rules must load:\n{e}"))
}

/// Extracts a text written in a test (no segments) with the default rules.
pub fn extract_text(text: &str) -> agendex::model::Extraction {
    let doc = agendex::extract::text_document(text, None);
    agendex::extract::extract(&doc, &[], &default_rules())
}

/// The request whose sentence holds `words`; panics with every statement when
/// there is none.
pub fn request_with<'a>(
    ex: &'a agendex::model::Extraction,
    words: &str,
) -> &'a agendex::model::Statement {
    ex.statements
        .iter()
        .find(|s| s.kind == agendex::model::StatementKind::Request && s.text.contains(words))
        .unwrap_or_else(|| panic!("no request with {words:?} in {:#?}", ex.statements))
}

/// The statement among `all` whose sentence holds `words`; panics with them all
/// when there is none.
pub fn statement_with<'a>(
    all: &'a [agendex::model::Statement],
    words: &str,
) -> &'a agendex::model::Statement {
    all.iter()
        .find(|s| s.text.contains(words))
        .unwrap_or_else(|| panic!("no statement with {words:?} in {all:#?}"))
}

/// The texts of the mentions that are deadlines.
pub fn deadlines(ex: &agendex::model::Extraction) -> Vec<&str> {
    ex.mentions
        .iter()
        .filter(|m| matches!(&m.value, agendex::model::Value::Date(d) if d.deadline.is_some()))
        .map(|m| m.text.as_str())
        .collect()
}

/// The amounts given and their donors: (value, donor) of each commitment with an amount.
pub fn gifts(ex: &agendex::model::Extraction) -> Vec<(f64, Option<&str>)> {
    ex.statements
        .iter()
        .filter(|s| s.kind == agendex::model::StatementKind::Commitment)
        .filter_map(|s| s.amount.as_ref().map(|a| (a.value, s.requester.as_deref())))
        .collect()
}

/// Runs ingest, segment and extract on one file with the default rules.
pub fn process(path: &Path) -> ProcessedDoc {
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    agendex::pipeline::process_file(path, &id, &IngestOptions::default(), &default_rules())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs gold-dev's `score.py` (at `script`) on the predictions in `pred`, with
/// `args` before its `--json` output, prints its table under `label` and
/// returns its JSON scores and the table.
pub fn run_score_py(
    script: &Path,
    pred: &Path,
    args: &[&std::ffi::OsStr],
    label: &str,
) -> (serde_json::Value, String) {
    let scores = pred.join("scores.json");
    let run = std::process::Command::new("python3")
        .arg(script)
        .arg(pred)
        .args(args)
        .arg("--json")
        .arg(&scores)
        .output()
        .expect("run score.py");
    let table = String::from_utf8_lossy(&run.stdout).into_owned();
    eprintln!("{label}:\n{table}");
    assert!(
        run.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v = serde_json::from_str(&std::fs::read_to_string(&scores).expect("scores")).expect("json");
    (v, table)
}
