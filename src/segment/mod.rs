//! Stage 2: the outline of a document (stub until the segmenter lands).

use crate::model::{Document, Segment};

/// Splits a document into its outline.
pub fn segment(_doc: &Document) -> Vec<Segment> {
    Vec::new()
}
