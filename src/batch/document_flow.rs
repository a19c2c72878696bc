//! The documents' way from the worker threads to the index writer: the
//! workers hash, read, segment and extract files and build their index records
//! (rayon, `--jobs`); the records flow through a bounded channel to the one
//! thread that writes the index, so at most a few documents per worker are in
//! memory whatever the corpus size. After Ctrl-C the writer stops taking
//! documents within [`STOP_GRACE`] and the run commits what it has.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::TantivyDocument;

use super::change_detection::{ChangePlan, Job, Work};
use super::failure_report::Failure;
use super::ingest_run::{FileWarning, IngestConfig, RunError, RunReport};
use super::interrupt;
use super::manifest::{Manifest, ManifestEntry};
use super::progress::{Progress, ProgressMode};
use super::text_cache::TextCache;
use crate::extract::RuleSet;
use crate::index::schema::Fields;
use crate::index::{self, segment_record, IndexError};
use crate::ingest::{IngestError, IngestOptions};
use crate::model::SourceFormat;
use crate::pdf::PdfError;
use crate::pipeline::{self, PipelineError, RecordBudget};

/// Documents waiting between the workers and the index writer, per worker.
const QUEUE_PER_JOB: usize = 4;

/// After Ctrl-C, how long finished documents are still taken before the commit.
const STOP_GRACE: Duration = Duration::from_millis(1000);

/// What a worker made of one job.
enum Outcome {
    /// Processed: index it.
    Processed {
        entry: ManifestEntry,
        doc: Indexable,
        size: u64,
    },
    /// Only time or size moved: same content, keep the indexed version.
    Touched {
        id: String,
        size: u64,
        mtime_ns: i128,
    },
    /// Empty or whitespace only: not a record, skipped (and removed from the
    /// index if an earlier version was there).
    Empty { id: String, path: PathBuf },
    /// Stopped by Ctrl-C: left for the next run.
    Stopped,
    /// Could not be processed.
    Failed {
        id: String,
        path: PathBuf,
        reason: String,
        size: u64,
    },
}

/// A processed document as the index writer takes it: records built in the
/// worker (building them is a tenth of the work, and the writer is one thread),
/// and what the run report needs.
struct Indexable {
    id: String,
    path: PathBuf,
    warnings: Vec<String>,
    records: Vec<TantivyDocument>,
}

/// Where the batch hands a document's records: `(id, records, replaces)`, where
/// `replaces` says the index holds an older version to delete first.
pub(super) type IndexSink<'a> =
    dyn FnMut(&str, Vec<TantivyDocument>, bool) -> Result<(), IndexError> + 'a;

/// Runs the jobs on the worker pool and feeds the results to `index_doc` on this
/// thread (tantivy's writer is not shared between threads).
#[allow(clippy::too_many_arguments)]
pub(super) fn process_all(
    cfg: &IngestConfig,
    plan: &ChangePlan,
    rules: &RuleSet,
    fingerprint: &str,
    jobs: usize,
    old: &Manifest,
    wiped: bool,
    new: &mut Manifest,
    report: &mut RunReport,
    index_doc: &mut IndexSink<'_>,
) -> Result<(), RunError> {
    let (_, fields) = index::schema::build_schema();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("agendex-worker-{i}"))
        .build()
        .map_err(|e| RunError::Pool {
            jobs,
            why: e.to_string(),
        })?;
    let mut progress = Progress::start(cfg.progress, plan.jobs.len() as u64, plan.bytes());
    if cfg.progress != ProgressMode::Quiet {
        progress.println(&format!(
            "ingest: {} files to read ({:.1} MB) with {jobs} jobs",
            plan.jobs.len(),
            super::progress::mb(plan.bytes())
        ));
    }
    // set when the index writer fails, so workers stop early instead of working for nothing
    let abort = Arc::new(AtomicBool::new(false));
    let (tx, rx) = sync_channel::<Outcome>(jobs * QUEUE_PER_JOB);
    let mut result = Ok(());
    // the workers run on a thread of their own, not joined after Ctrl-C: a file
    // still being read must not hold up the commit of the finished ones (the
    // process ends right after the commit, and the file is left for next run)
    let work = Arc::new(WorkerInput {
        jobs: plan.jobs.clone(),
        ingest: cfg.ingest.clone(),
        rules: rules.clone(),
        fingerprint: fingerprint.to_string(),
        fields,
        budget: cfg.budget,
        cache: TextCache::new(&cfg.index_dir),
    });
    let producer = {
        let abort = Arc::clone(&abort);
        std::thread::spawn(move || {
            pool.install(|| {
                work.jobs.par_iter().for_each_with(tx, |tx, job| {
                    if abort.load(Ordering::Relaxed) || interrupt::requested() {
                        return;
                    }
                    let out = process_job(job, &work);
                    // the receiver only goes away on abort or Ctrl-C: nothing left to do then
                    let _ = tx.send(out);
                });
            });
        })
    };
    // each root made absolute once (a canonicalize is a getcwd and a readlink
    // call), not once per record
    let roots: Vec<(&PathBuf, PathBuf)> = cfg
        .roots
        .iter()
        .map(|r| (r, crate::config::absolute(r)))
        .collect();
    let mut done = 0u64;
    let mut stop_at: Option<Instant> = None;
    loop {
        let out = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(out) => out,
            Err(RecvTimeoutError::Timeout) => {
                if interrupt::requested() {
                    // finished files still arriving are taken for a moment
                    let at = *stop_at.get_or_insert_with(|| Instant::now() + STOP_GRACE);
                    if Instant::now() >= at {
                        break;
                    }
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        done += 1;
        if result.is_err() {
            continue; // drain, so the workers are not blocked on a full queue
        }
        {
            match out {
                Outcome::Processed { entry, doc, size } => {
                    let id = doc.id;
                    // deleting first is cheap and makes a duplicate impossible,
                    // even where the manifest was wrong about the index
                    let replaces = !wiped;
                    if let Err(e) = index_doc(&id, doc.records, replaces) {
                        abort.store(true, Ordering::Relaxed);
                        result = Err(RunError::Index(e));
                        continue;
                    }
                    for message in doc.warnings {
                        let warning = FileWarning {
                            path: doc.path.clone(),
                            message,
                        };
                        if cfg.progress != ProgressMode::Quiet {
                            progress.println(&format!(
                                "agendex: warning: {}: {}",
                                warning.path.display(),
                                warning.message
                            ));
                        }
                        report.warnings.push(warning);
                    }
                    if old.docs.contains_key(&id) {
                        report.changed += 1;
                    } else {
                        report.added += 1;
                    }
                    report.segments += u64::from(entry.segments);
                    report.entities += entry.entities.values().map(|&v| u64::from(v)).sum::<u64>();
                    report.bytes += size;
                    // what ingest_run::root_of answers: the first root holding the path
                    let root = roots
                        .iter()
                        .find(|(r, _)| entry.path.starts_with(r))
                        .map(|(_, abs)| abs.clone());
                    new.docs.insert(id, ManifestEntry { root, ..entry });
                    progress.file_done(size);
                }
                Outcome::Touched { id, size, mtime_ns } => {
                    if let Some(e) = new.docs.get_mut(&id) {
                        e.size = size;
                        e.mtime_ns = mtime_ns;
                    }
                    report.unchanged += 1;
                    report.touched += 1;
                    progress.file_done(size);
                }
                Outcome::Empty { id, path } => {
                    // an earlier version with text is no longer a record
                    if !wiped && old.docs.contains_key(&id) {
                        if let Err(e) = index_doc(&id, Vec::new(), true) {
                            abort.store(true, Ordering::Relaxed);
                            result = Err(RunError::Index(e));
                            continue;
                        }
                        report.removed += 1;
                    }
                    new.docs.remove(&id);
                    report.empty.push(path);
                    progress.file_done(0);
                }
                Outcome::Failed {
                    id,
                    path,
                    reason,
                    size,
                } => {
                    let kept_previous = !wiped && old.docs.contains_key(&id);
                    let failure = Failure {
                        path,
                        id: Some(id),
                        reason,
                        kept_previous,
                    };
                    if cfg.progress != ProgressMode::Quiet {
                        progress.println(&format!("agendex: failed: {failure}"));
                    }
                    report.failures.push(failure);
                    progress.file_done(size);
                }
                Outcome::Stopped => done -= 1,
            }
        }
    }
    drop(rx);
    if interrupt::requested() {
        report.left = (plan.jobs.len() as u64).saturating_sub(done);
    } else {
        // every job was handed out and answered: the thread is finishing
        let _ = producer.join();
    }
    progress.finish();
    result
}

/// What the worker thread needs, owned: it may outlive the run after Ctrl-C.
struct WorkerInput {
    jobs: Vec<Job>,
    ingest: IngestOptions,
    rules: RuleSet,
    fingerprint: String,
    fields: Fields,
    budget: RecordBudget,
    /// Documents as read, by content hash: a rules-only re-run reads no file.
    cache: TextCache,
}

/// Hashes a file and, unless only its metadata moved, runs it through the pipeline.
fn process_job(job: &Job, work: &WorkerInput) -> Outcome {
    let (opts, rules, fingerprint, fields, budget) = (
        &work.ingest,
        &work.rules,
        work.fingerprint.as_str(),
        &work.fields,
        &work.budget,
    );
    let f = &job.file;
    let failed = |reason: String| Outcome::Failed {
        id: f.id.clone(),
        path: f.path.clone(),
        reason,
        size: f.size,
    };
    let (hash, bytes) = match read_and_hash(&f.path, f.size, budget) {
        Ok(read) => read,
        Err(e) => return failed(IngestError::Io(e.to_string()).to_string()),
    };
    if let Work::Check {
        old_hash,
        force: false,
    } = &job.work
    {
        if *old_hash == hash {
            return Outcome::Touched {
                id: f.id.clone(),
                size: f.size,
                mtime_ns: f.mtime_ns,
            };
        }
    }
    // a bug in a stage must cost one file, not the run
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let started = Instant::now();
        let doc = match work.cache.get(&hash, &f.id, &f.path) {
            Some(doc) => doc,
            None => {
                let doc = match &bytes {
                    Some(b) => pipeline::read_bytes_within(b, &f.path, &f.id, budget, started)?,
                    None => pipeline::read_file_within(&f.path, &f.id, opts, budget, started)?,
                };
                // a cache that cannot be written costs a re-read later, nothing else
                let _ = work.cache.put(&hash, &doc);
                doc
            }
        };
        pipeline::process_within(doc, rules, budget, started)
    }));
    let doc = match run {
        Ok(Ok(doc)) => doc,
        Ok(Err(PipelineError::Ingest(IngestError::Pdf(PdfError::Interrupted)))) => {
            return Outcome::Stopped
        }
        Ok(Err(PipelineError::Ingest(IngestError::Empty))) => {
            return Outcome::Empty {
                id: f.id.clone(),
                path: f.path.clone(),
            }
        }
        Ok(Err(e)) => return failed(e.to_string()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return failed(format!(
                "internal error while processing ({what}); please report it with this file"
            ));
        }
    };
    let mut entities: BTreeMap<String, u32> = BTreeMap::new();
    for m in &doc.extraction.mentions {
        *entities.entry(m.entity.clone()).or_insert(0) += 1;
    }
    let entry = ManifestEntry {
        path: f.path.clone(),
        size: f.size,
        mtime_ns: f.mtime_ns,
        hash,
        segments: doc.segments.len() as u32,
        entities,
        statements: doc.extraction.statements.len() as u32,
        quality: doc.doc.quality.map(|q| q.score),
        rules: fingerprint.to_string(),
        // set by the run, which knows the roots
        root: None,
    };
    let records = segment_record::records(&doc, fields);
    Outcome::Processed {
        entry,
        doc: Indexable {
            records,
            id: doc.doc.id,
            path: doc.doc.path,
            warnings: doc.doc.warnings,
        },
        size: f.size,
    }
}

/// A file's content hash and, for a text file within the record budget, its
/// bytes: the file is read once for both (the hash needs every byte anyway). A
/// PDF or an oversized file is hashed streamed and left to be read by its stage.
fn read_and_hash(
    path: &Path,
    size: u64,
    budget: &RecordBudget,
) -> std::io::Result<(String, Option<Vec<u8>>)> {
    let text = crate::ingest::format_of(path).is_some_and(|f| f != SourceFormat::Pdf);
    if !text || size > budget.max_bytes.min(crate::ingest::MAX_FILE_BYTES) {
        return Ok((hash_file(path)?, None));
    }
    let bytes = std::fs::read(path)?;
    let hash = blake3::hash(&bytes).to_hex().to_string();
    Ok((hash, Some(bytes)))
}

/// blake3 of a file's content, streamed (memory stays small for large PDFs).
pub fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    let file = std::fs::File::open(path)?;
    hasher.update_reader(file)?;
    Ok(hasher.finalize().to_hex().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_is_hashed_from_the_bytes_it_is_parsed_from() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let text = dir.path().join("minutes.txt");
        std::fs::write(&text, "Item 3. Japan pledged USD 2 million.\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let budget = RecordBudget::default();
        let (hash, bytes) = read_and_hash(&text, 37, &budget).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Some(hash), hash_file(&text).ok());
        let bytes = bytes.unwrap_or_default();
        assert_eq!(bytes, b"Item 3. Japan pledged USD 2 million.\n");
        let doc =
            pipeline::read_bytes_within(&bytes, &text, "minutes.txt", &budget, Instant::now())
                .unwrap_or_else(|e| panic!("{e}"));
        let opts = IngestOptions::default();
        let again =
            pipeline::read_file_within(&text, "minutes.txt", &opts, &budget, Instant::now())
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format!("{doc:?}"), format!("{again:?}"));
    }

    #[test]
    fn pdfs_and_files_over_the_budget_are_hashed_streamed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let pdf = dir.path().join("report.pdf");
        std::fs::write(&pdf, b"%PDF-1.4 not really").unwrap_or_else(|e| panic!("{e}"));
        let budget = RecordBudget::default();
        let (hash, bytes) = read_and_hash(&pdf, 19, &budget).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Some(hash), hash_file(&pdf).ok());
        assert!(bytes.is_none());
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "a".repeat(100)).unwrap_or_else(|e| panic!("{e}"));
        let small = RecordBudget {
            max_bytes: 10,
            ..RecordBudget::default()
        };
        let (_, bytes) = read_and_hash(&big, 100, &small).unwrap_or_else(|e| panic!("{e}"));
        assert!(bytes.is_none(), "left to the reader, which refuses it");
        let refused =
            pipeline::read_bytes_within(&[b'a'; 100], &big, "big.txt", &small, Instant::now());
        assert!(matches!(refused, Err(PipelineError::TooLarge { .. })));
    }
}
