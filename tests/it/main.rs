//! The integration tests, as one binary: each module is one area of agendex,
//! and the shared set-up lives in `common`, `batch_support` and `query_support`.
//! One binary links tantivy once, which is most of a clean `cargo test`.

mod batch_support;
mod common;
mod query_support;

mod batch_crash;
mod batch_failures;
mod batch_incremental;
mod batch_pdf;
mod extract_rules;
mod gold_extraction;
mod ingest_files;
mod pdf_hostile;
mod pdf_layout;
mod pdf_pipeline;
mod pdf_samples;
mod prefilter_exactness;
mod query_entities;
mod query_search;
mod segment_props;
mod segment_seeds;
mod serve_api;
mod serve_browser;
mod serve_support;
mod serve_webdriver;
mod summary_corpus;
mod summary_seeds;
