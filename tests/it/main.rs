//! The integration tests, as one binary: each module is one area of agendex,
//! and the shared set-up lives in `common`, `batch_support`, `query_support`
//! and `search_support`. One binary links tantivy once, which is most of a
//! clean `cargo test`.

mod batch_support;
mod common;
mod query_support;

mod batch_crash;
mod batch_failures;
mod batch_incremental;
mod batch_pdf;
mod batch_restore;
mod bounds_fuzz;
mod bounds_inputs;
mod bounds_size;
mod cli_anywhere;
mod extract_heldout11_shapes;
mod extract_heldout6_shapes;
mod extract_heldout9_shapes;
mod extract_known_errors;
mod extract_roles_context;
mod extract_roles_minutes;
mod extract_roles_reports;
mod extract_rules;
mod fault_commit;
mod gold_extraction;
mod gold_real;
mod ingest_files;
mod pdf_hostile;
mod pdf_layout;
mod pdf_pipeline;
mod pdf_real_reports;
mod pdf_samples;
mod prefilter_exactness;
mod query_entities;
mod query_search;
mod readme_examples;
mod rules_diff;
mod rules_incremental;
mod search_entities;
mod search_headings;
mod search_matching;
mod search_names;
mod search_quality;
mod search_roll_call;
mod search_semantics;
mod search_support;
mod search_vocabulary;
mod segment_coverage;
mod segment_props;
mod segment_seeds;
mod serve_api;
mod serve_browser;
mod serve_facets;
mod serve_support;
mod serve_webdriver;
mod structure_gold;
mod summary_corpus;
mod summary_rates;
mod summary_relative;
mod summary_seeds;
mod summary_states;
