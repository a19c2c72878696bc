//! Stage 4: the tantivy index. One record per segment ([`segment_record`]), written by
//! [`IndexWriter`] with one commit per run (its payload keeps the batch manifest in
//! step), read back by [`IndexReader`] for search, outlines, entity listings and
//! summaries.

pub mod guarded_directory;
mod index_error;
pub mod index_health;
pub mod index_reader;
pub mod index_writer;
pub mod schema;
pub mod segment_record;
pub mod stem_cache;
pub mod stored_form;
pub mod text_analyzer;

pub use index_error::{io_words, IndexError};
pub use index_reader::{IndexReader, Record};
pub use index_writer::{read_commit_payload, IndexWriter};
pub use schema::SCHEMA_VERSION;
