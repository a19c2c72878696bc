//! Answers from the index: full-text [`search`] with filters and facets, document
//! [`outline`]s (`show`), [`entity_listing`]s and per-state or per-topic
//! [`summary`] reports. Every answer is built from stored records alone.
//!
//! The command layer (`src/cmd/`) only parses flags and prints what these return.

pub mod citation;
pub mod csv_out;
pub mod entity_listing;
pub mod export;
pub mod facets;
pub mod filters;
pub mod highlight;
pub mod names;
pub mod outline;
pub mod query_parser;
pub mod query_plan;
pub mod search;
pub mod search_eval;
pub mod summary;
pub mod synonyms;
pub mod typo;

use crate::date::DateParseError;
use crate::index::IndexError;

pub use filters::{FilterArgs, Filters};
pub use names::UnknownName;

/// Why a query could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A name that resolves to nothing known.
    #[error(transparent)]
    UnknownName(#[from] UnknownName),
    /// A `--from`/`--to`/`--as-of` value that is not a date.
    #[error("{flag}: {source}")]
    BadDate {
        /// The flag.
        flag: &'static str,
        /// The parse error.
        #[source]
        source: DateParseError,
    },
    /// A document id that the index does not hold.
    #[error("no document '{id}' in the index{}", crate::query::did_you_mean(.suggestions))]
    UnknownDocument {
        /// The id as typed.
        id: String,
        /// Closest known ids.
        suggestions: Vec<String>,
    },
    /// An item that the document does not have.
    #[error("document '{doc}' has no item '{item}': run `agendex show {doc}` for its outline")]
    UnknownItem {
        /// The document id.
        doc: String,
        /// The item as typed.
        item: String,
    },
    /// An option value that makes no sense.
    #[error("{0}")]
    Invalid(String),
}

/// ": did you mean a, b?" or nothing.
pub(crate) fn did_you_mean(s: &[String]) -> String {
    if s.is_empty() {
        ": run `agendex status` to list what the index holds".into()
    } else {
        format!(": did you mean {}?", s.join(", "))
    }
}
