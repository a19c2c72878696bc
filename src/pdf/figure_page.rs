//! Pages that are a map or a diagram: scattered labels rather than lines of text.
//!
//! Read line by line, a map's place names, grid degrees and legend become dozens
//! of one-word "lines" in large type, which the segmenter would take for headings
//! and numbered items. Every label is still text of the record (a search for a
//! village must find the map), so such a page is kept whole, as one block of words.

use std::collections::HashSet;

use super::text_layout::Line;

/// Fewest lines on a page for it to count as a labelled figure.
const MIN_LINES: usize = 20;

/// Whether the page's lines are scattered labels: most are one to three words,
/// and they start at many different places across the page (a table's short
/// rows start in a few aligned columns instead).
pub(crate) fn is_label_page(lines: &[Line]) -> bool {
    if lines.len() < MIN_LINES {
        return false;
    }
    let short = lines.iter().filter(|l| l.words.len() <= 3).count();
    if short * 10 < lines.len() * 7 {
        return false;
    }
    // left edges bucketed by a few points: aligned rows share a bucket
    let starts: HashSet<i32> = lines.iter().map(|l| (l.x0 / 6.0).round() as i32).collect();
    starts.len() * 2 >= lines.len()
}

/// The words of a label page in reading order, as one block.
pub(crate) fn label_block(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| l.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
