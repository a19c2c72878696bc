//! The coverage invariant: every non-blank character of a document belongs to
//! exactly one segment (heading or body), so nothing is lost to the index.

use crate::model::Segment;

/// How a segmentation covers a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Non-blank characters in no segment.
    pub uncovered: usize,
    /// Non-blank characters in more than one segment.
    pub overlapping: usize,
    /// Byte offset of the first uncovered character, if any.
    pub first_uncovered: Option<usize>,
}

impl Coverage {
    /// True when every non-blank character is in exactly one segment.
    pub fn is_exact(&self) -> bool {
        self.uncovered == 0 && self.overlapping == 0
    }
}

/// Counts, over the non-blank characters of `text`, those in no segment and
/// those in more than one (a segment's extent is its heading and its body).
pub fn check(text: &str, segments: &[Segment]) -> Coverage {
    let mut depth = vec![0i32; text.len() + 1];
    for s in segments {
        let e = s.extent();
        let (a, b) = (e.start.min(text.len()), e.end.min(text.len()));
        if a < b {
            depth[a] += 1;
            depth[b] -= 1;
        }
    }
    let mut out = Coverage::default();
    let mut level = 0i32;
    let mut chars = text.char_indices().peekable();
    for (i, d) in depth.iter().enumerate().take(text.len()) {
        level += *d;
        let Some(&(at, c)) = chars.peek() else {
            break;
        };
        if at != i {
            continue;
        }
        chars.next();
        if c.is_whitespace() {
            continue;
        }
        match level {
            i32::MIN..=0 => {
                out.uncovered += 1;
                out.first_uncovered.get_or_insert(i);
            }
            1 => {}
            _ => out.overlapping += 1,
        }
    }
    out
}
