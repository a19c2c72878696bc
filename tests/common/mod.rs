//! Shared by the integration tests: where the real material is, and how to score
//! agendex's output against the gold annotations.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

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
