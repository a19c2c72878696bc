//! The corpus-wide run: walk the corpus, process the files in parallel, index
//! them incrementally, and say what happened.
//!
//! - [`corpus_walk`]: which files are records;
//! - [`manifest`]: what the index holds, in step with tantivy's commits;
//! - [`change_detection`]: added, changed, removed, unchanged;
//! - [`ingest_lock`]: one ingest per index;
//! - [`ingest_run`]: the run itself (parallel pipeline into one commit);
//! - [`interrupt`]: what Ctrl-C does (kept below the stages, which read it too);
//! - [`progress`]: bar or log lines;
//! - [`failure_report`]: files that failed, kept for the next run and for cron;
//! - [`index_status`]: what `agendex status` shows;
//! - [`rules_diff`]: what a rule edit would change in the index, before it is written;
//! - [`removal`]: `agendex remove`, and the guard against removing by accident;
//! - [`snapshot`]: the previous commit, kept for `agendex restore`;
//! - [`text_cache`]: each record as read, so a rule change parses no file again;
//! - [`rule_change`]: which records a rule change can touch.

pub mod change_detection;
pub mod corpus_walk;
mod document_flow;
pub mod failure_report;
pub mod index_repair;
pub mod index_status;
pub mod ingest_lock;
pub mod ingest_run;
/// What Ctrl-C does (see [`crate::interrupt`]).
pub use crate::interrupt;
pub mod manifest;
pub mod progress;
pub mod removal;
pub mod rule_change;
pub mod rules_diff;
pub mod run_report;
pub mod snapshot;
pub mod text_cache;

pub use ingest_run::{run, IngestConfig, RunError, RunReport};
pub use progress::ProgressMode;
