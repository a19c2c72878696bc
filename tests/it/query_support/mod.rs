//! Shared by the query and summary tests: an index built from the real seed records
//! (`../shared/seeds`) through the real pipeline and index writer. Needs `mod common;`
//! beside `mod query_support;` in the test file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use agendex::index::{IndexReader, IndexWriter};
use agendex::ingest::IngestOptions;
use agendex::model::ProcessedDoc;

/// An index of the five seeds in a temporary folder, with the processed documents.
pub struct SeedIndex {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// The documents as indexed.
    pub docs: Vec<ProcessedDoc>,
}

impl SeedIndex {
    /// Index folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A reader on it.
    pub fn reader(&self) -> IndexReader {
        IndexReader::open(self.path()).unwrap_or_else(|e| panic!("open index: {e}"))
    }

    /// Id of the seed whose file name starts with `prefix`.
    pub fn id(&self, prefix: &str) -> String {
        self.docs
            .iter()
            .map(|d| d.doc.id.clone())
            .find(|id| id.starts_with(prefix))
            .unwrap_or_else(|| panic!("no seed {prefix}"))
    }
}

/// Builds the seed index, or `None` when the seeds are absent.
pub fn seed_index() -> Option<SeedIndex> {
    Some(index_of(&crate::common::seeds_dir()?))
}

/// Builds an index of the repository's own sample corpus (`corpus/`).
pub fn corpus_index() -> SeedIndex {
    index_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
}

/// Builds an index of the records `(file name, text)`, written to a folder of
/// their own (removed once indexed).
pub fn index_of_records(records: &[(&str, &str)]) -> SeedIndex {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for (name, text) in records {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    index_of(dir.path())
}

/// Builds an index of every `.txt` and `.md` file under `seeds`.
pub fn index_of(seeds: &Path) -> SeedIndex {
    let seeds = seeds.to_path_buf();
    let rules = crate::common::default_rules();
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(&seeds)
        .into_iter()
        .filter_map(|e| e.ok().map(|e| e.into_path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut writer =
        IndexWriter::open_or_create(dir.path(), 1).unwrap_or_else(|e| panic!("create index: {e}"));
    let mut docs = Vec::new();
    for path in &paths {
        let id = agendex::ingest::doc_id(&seeds, path);
        let doc = agendex::pipeline::process_file(path, &id, &IngestOptions::default(), &rules)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        writer
            .add(&doc)
            .unwrap_or_else(|e| panic!("index {}: {e}", path.display()));
        docs.push(doc);
    }
    writer
        .commit("seed test")
        .unwrap_or_else(|e| panic!("commit: {e}"));
    drop(writer);
    SeedIndex { dir, docs }
}

/// True when the extract stage produced mentions (the rules engine has landed).
pub fn has_entities(idx: &SeedIndex) -> bool {
    idx.docs.iter().any(|d| !d.extraction.mentions.is_empty())
}

/// Runs the agendex binary with `args` and `--index INDEX`.
pub fn agendex(args: &[&str], index: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agendex"))
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("binary runs")
}

/// Panics with the binary's stderr unless it succeeded.
pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
