//! Shared by the search tests: one index of the sample corpus, the seeds and the
//! real records (text files, and the PDFs without a text file beside them; ids
//! as the judgments name them: "", "seeds/", "real/"), built once per test run,
//! and the synonym table of `rules/`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use agendex::index::IndexReader;
use agendex::query::search::{self, SearchRequest, SearchResults};
use agendex::query::search_eval;
use agendex::query::synonyms::Synonyms;

/// The evaluation index folder, or `None` (with a "skipping" message) when the
/// shared records are absent.
pub fn eval_index() -> Option<&'static Path> {
    static INDEX: OnceLock<Option<PathBuf>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let seeds = crate::common::shared_subdir("seeds")?;
            let real = crate::common::shared_subdir("corpus-real")?;
            let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-eval-index");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            let roots: Vec<(&str, &Path)> = vec![
                ("", corpus.as_path()),
                ("seeds/", seeds.as_path()),
                ("real/", real.as_path()),
            ];
            let mut opts = agendex::ingest::IngestOptions::default();
            opts.pdf.worker = Some(crate::common::pdf_worker());
            search_eval::build_index(&dir, &roots, &crate::common::default_rules(), &opts)
                .unwrap_or_else(|e| panic!("building the evaluation index: {e}"));
            Some(dir)
        })
        .as_deref()
}

/// A reader on the evaluation index.
pub fn reader(dir: &Path) -> IndexReader {
    IndexReader::open(dir).unwrap_or_else(|e| panic!("open index: {e}"))
}

/// The synonym table of the repository's rules folder.
pub fn synonyms() -> Arc<Synonyms> {
    static SYN: OnceLock<Arc<Synonyms>> = OnceLock::new();
    Arc::clone(SYN.get_or_init(|| {
        Arc::new(
            Synonyms::load(&crate::common::rules_dir())
                .unwrap_or_else(|e| panic!("rules/synonyms.toml: {e:?}")),
        )
    }))
}

/// The first `limit` hits of `q` on `reader`, with the repository's synonyms.
pub fn top(reader: &IndexReader, q: &str, limit: usize) -> SearchResults {
    let req = SearchRequest {
        query: q.into(),
        limit,
        synonyms: synonyms(),
        ..SearchRequest::default()
    };
    search::search(reader, &req).unwrap_or_else(|e| panic!("{q}: {e}"))
}
