//! Stages 1-3 on one file: ingest, segment, extract. No index involved, so the
//! same path serves `agendex extract`, the batch and the tests.

use std::path::Path;

use crate::extract::{self, RuleSet};
use crate::ingest::{self, IngestError, IngestOptions};
use crate::model::{Document, ProcessedDoc};
use crate::segment;

/// Reads `path` (stable id `id`) and runs it through segment and extract.
pub fn process_file(
    path: &Path,
    id: &str,
    opts: &IngestOptions,
    rules: &RuleSet,
) -> Result<ProcessedDoc, IngestError> {
    let doc = ingest::load_file(path, id, opts)?;
    Ok(process_document(doc, rules))
}

/// Segments and extracts an already ingested document, and completes its metadata:
/// what the header says wins over what the file's container (PDF info) says.
pub fn process_document(mut doc: Document, rules: &RuleSet) -> ProcessedDoc {
    let segments = segment::segment(&doc);
    let extraction = extract::extract(&doc, &segments, rules);
    let found = &extraction.meta;
    let meta = &mut doc.meta;
    meta.title = found.title.clone().or(meta.title.take());
    meta.body = found.body.clone().or(meta.body.take());
    meta.date = found.date.or(meta.date);
    meta.place = found.place.clone().or(meta.place.take());
    meta.symbol = found.symbol.clone().or(meta.symbol.take());
    meta.doc_type = found.doc_type.clone().or(meta.doc_type.take());
    meta.author = found.author.clone().or(meta.author.take());
    ProcessedDoc {
        doc,
        segments,
        extraction,
    }
}
