//! agendex: a batch pipeline that turns years of meeting records into searchable,
//! structured knowledge.
//!
//! One document goes through the stages in this order, each a module that takes
//! the previous stage's plain data (see [`model`]):
//!
//! 1. [`ingest`]: a file (text, Markdown, [`pdf`]) becomes a [`model::Document`]
//!    with cleaned text and line marks;
//! 2. [`segment`]: the document's outline, as [`model::Segment`]s (parts, agenda
//!    items, sub-items, headings), numbered paragraphs kept as citation anchors;
//! 3. [`extract`]: rule files turn the text into [`model::Mention`]s and
//!    [`model::Statement`]s (requests, commitments) with normalised values;
//! 4. [`index`]: one tantivy record per segment; [`query`] answers from it.
//!
//! [`text_cleanup`] is the text clean-up that both [`ingest`] and [`pdf`] use;
//! [`interrupt`] is the Ctrl-C flag that both [`batch`] and [`pdf`] stop on.
//!
//! [`pipeline`] runs stages 1-3 on one file; [`batch`] runs the whole corpus into
//! an index, incrementally and in parallel.

pub mod allocator;
pub mod annotation;
pub mod batch;
pub mod config;
pub mod date;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod interrupt;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod query;
pub mod segment;
pub mod serve;
pub mod text_cleanup;
