//! Stage 2: the outline of a document: parts, agenda items, sub-items and
//! headings as a tree, with numbered paragraphs kept as citation anchors
//! ("para 12") rather than mistaken for agenda items.
//!
//! - [`line_scan`]: the cleaned text as lines with their marks and indentation;
//! - [`heading_rules`]: what a heading looks like, and what a numbered paragraph is;
//! - [`line_roles`]: what each line is (heading, numbered paragraph, text) and why;
//! - [`outline`]: headings into a tree with bodies, front matter and title blocks;
//! - [`resolution`]: a resolution's preamble and operative part;
//! - [`proposal`]: the drafts a committee report accounts for and recommends;
//! - [`explain`]: why each line became a heading or not;
//! - [`coverage`]: the invariant that every visible character is in one segment.

pub mod coverage;
pub mod explain;
pub mod heading_rules;
mod line_roles;
pub mod line_scan;
pub mod outline;
#[cfg(test)]
mod pattern_tests;
mod proposal;
pub mod resolution;

use crate::model::{Document, Segment};

/// Splits a document into its outline, in text order.
pub fn segment(doc: &Document) -> Vec<Segment> {
    let lines = line_scan::scan_lines(doc);
    outline::build_outline(&lines, &doc.text)
}
