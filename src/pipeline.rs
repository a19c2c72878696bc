//! Stages 1-3 on one file: ingest, segment, extract. No index involved, so the
//! same path serves `agendex extract`, the batch and the tests.
//!
//! The batch runs every file within a [`RecordBudget`]: the PDF worker has its
//! own memory and time limits, and the stages after it are linear in the text,
//! so bounding the text bounds the memory; the time budget is checked between
//! stages and names the stage that overran.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::extract::{self, RuleSet};
use crate::ingest::{self, IngestError, IngestOptions};
use crate::model::{Document, ProcessedDoc, SourceFormat};
use crate::segment;

/// Default largest cleaned text of one record: 64 MB. Measured after the
/// linear-time changes, a record costs about 25 bytes of memory per byte of text
/// on top of tantivy's fixed indexing budget.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64_000_000;
/// Default time one record may take from reading to its index records (the PDF
/// worker's own limit comes first for PDFs).
pub const DEFAULT_RECORD_SECONDS: u64 = 300;

/// What one record may cost after reading: text size and wall time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordBudget {
    /// Largest cleaned text, in bytes; a text file larger than this is refused
    /// before it is read.
    pub max_bytes: u64,
    /// Wall time from the start of reading to the end of extraction.
    pub max_time: Duration,
}

impl Default for RecordBudget {
    fn default() -> Self {
        RecordBudget {
            max_bytes: DEFAULT_MAX_RECORD_BYTES,
            max_time: Duration::from_secs(DEFAULT_RECORD_SECONDS),
        }
    }
}

/// Why a record was not processed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PipelineError {
    /// Reading failed.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// The record is larger than the budget allows.
    #[error(
        "record too large: {size_mb:.1} MB of text, above the {limit_mb:.1} MB per-record limit \
         (split the file, or raise --max-record-mb)"
    )]
    TooLarge {
        /// Size found, MB.
        size_mb: f64,
        /// The limit, MB.
        limit_mb: f64,
    },
    /// The record took longer than the budget allows.
    #[error(
        "record took too long: over the {limit_s} s per-record time limit while {stage} \
         (split the file, or raise --record-seconds)"
    )]
    TooSlow {
        /// The stage that was running.
        stage: &'static str,
        /// The limit, seconds.
        limit_s: u64,
    },
}

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

/// [`process_file`] within `budget`: a text file over the size limit is refused
/// unread, a record whose cleaned text is over it is refused before segmenting,
/// and the time limit is checked after each stage.
pub fn process_file_within(
    path: &Path,
    id: &str,
    opts: &IngestOptions,
    rules: &RuleSet,
    budget: &RecordBudget,
) -> Result<ProcessedDoc, PipelineError> {
    let started = Instant::now();
    let doc = read_file_within(path, id, opts, budget, started)?;
    process_within(doc, rules, budget, started)
}

/// The reading half of [`process_file_within`]: the document as read, within
/// the size budget and the time budget counted from `started`.
pub fn read_file_within(
    path: &Path,
    id: &str,
    opts: &IngestOptions,
    budget: &RecordBudget,
    started: Instant,
) -> Result<Document, PipelineError> {
    let is_text = ingest::format_of(path).is_some_and(|f| f != SourceFormat::Pdf);
    if is_text {
        let size = std::fs::metadata(path)
            .map_err(|e| IngestError::Io(e.to_string()))?
            .len();
        if size > budget.max_bytes {
            return Err(too_large(size, budget));
        }
    }
    let doc = ingest::load_file(path, id, opts)?;
    if doc.text.len() as u64 > budget.max_bytes {
        return Err(too_large(doc.text.len() as u64, budget));
    }
    match over(started, budget, "reading") {
        Some(e) => Err(e),
        None => Ok(doc),
    }
}

/// [`read_file_within`] for a text or Markdown file whose bytes the caller has
/// read already (the batch reads a file once, to hash it and to parse it): the
/// same checks and the same document, without a second read.
pub fn read_bytes_within(
    bytes: &[u8],
    path: &Path,
    id: &str,
    budget: &RecordBudget,
    started: Instant,
) -> Result<Document, PipelineError> {
    let size = bytes.len() as u64;
    if size > budget.max_bytes {
        return Err(too_large(size, budget));
    }
    if size > ingest::MAX_FILE_BYTES {
        return Err(IngestError::TooLarge(size).into());
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = ingest::format_of(path)
        .filter(|f| *f != SourceFormat::Pdf)
        .ok_or(IngestError::Unsupported(ext))?;
    let doc = ingest::load_bytes(bytes, id, path, format)?;
    if doc.text.len() as u64 > budget.max_bytes {
        return Err(too_large(doc.text.len() as u64, budget));
    }
    match over(started, budget, "reading") {
        Some(e) => Err(e),
        None => Ok(doc),
    }
}

/// The extracting half of [`process_file_within`], on a document already read
/// (from its file or from the text cache) since `started`.
pub fn process_within(
    doc: Document,
    rules: &RuleSet,
    budget: &RecordBudget,
    started: Instant,
) -> Result<ProcessedDoc, PipelineError> {
    if doc.text.len() as u64 > budget.max_bytes {
        return Err(too_large(doc.text.len() as u64, budget));
    }
    let processed = process_document(doc, rules);
    match over(started, budget, "segmenting and extracting") {
        Some(e) => Err(e),
        None => Ok(processed),
    }
}

fn too_large(size: u64, budget: &RecordBudget) -> PipelineError {
    PipelineError::TooLarge {
        size_mb: size as f64 / 1e6,
        limit_mb: budget.max_bytes as f64 / 1e6,
    }
}

fn over(started: Instant, budget: &RecordBudget, stage: &'static str) -> Option<PipelineError> {
    (started.elapsed() > budget.max_time).then_some(PipelineError::TooSlow {
        stage,
        limit_s: budget.max_time.as_secs(),
    })
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
