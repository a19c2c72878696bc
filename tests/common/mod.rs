//! Shared by the integration tests: where the real material is, and how to score
//! agendex's output against the gold annotations.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use agendex::extract::RuleSet;
use agendex::ingest::IngestOptions;
use agendex::model::ProcessedDoc;

/// `../shared` beside the repository, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: ../shared not found beside the repository");
        None
    }
}

/// The seed file whose name starts with `prefix` ("000"), if ../shared is there.
pub fn seed(prefix: &str) -> Option<PathBuf> {
    let dir = shared_dir()?.join("seeds");
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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    RuleSet::load(&dir).unwrap_or_else(|e| panic!("default rules must load:\n{e}"))
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

/// Micro-averaged scores per category, as score.py prints them.
#[derive(Debug, Clone)]
pub struct Scores(pub serde_json::Value);

impl Scores {
    /// F1 of a category (0 when absent).
    pub fn f1(&self, category: &str) -> f64 {
        self.get(category, "f1")
    }
    /// Any figure of a category ("precision", "recall", "f1", "tp", ...).
    pub fn get(&self, category: &str, key: &str) -> f64 {
        self.0
            .pointer(&format!("/categories/{category}/{key}"))
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    }
}

/// Scores agendex's annotation output for every seed against gold-dev with its
/// own score.py; `None` (skipped) when ../shared or python3 is missing.
pub fn score_seeds() -> Option<Scores> {
    let shared = shared_dir()?;
    let gold = shared.join("gold-dev");
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 not found (needed to run gold-dev/score.py)");
        return None;
    }
    let out = tempfile::tempdir().expect("tempdir");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(shared.join("seeds"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    for path in &seeds {
        let p = process(path);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let json = agendex::annotation::to_annotation(&p);
        std::fs::write(out.path().join(format!("{stem}.json")), json.to_string()).expect("write");
    }
    let report = out.path().join("scores.json");
    let status = Command::new("python3")
        .arg(gold.join("score.py"))
        .arg(out.path())
        .arg("--gold")
        .arg(&gold)
        .arg("--json")
        .arg(&report)
        .output()
        .expect("run score.py");
    assert!(
        status.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::fs::read_to_string(&report).expect("score.py wrote its report");
    eprintln!("{}", String::from_utf8_lossy(&status.stdout));
    Some(Scores(serde_json::from_str(&text).expect("score.py JSON")))
}
