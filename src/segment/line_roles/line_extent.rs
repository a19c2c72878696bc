//! How far a heading runs: a title wrapped over several lines ends where a
//! line starts something of its own.

use crate::segment::heading_rules::{
    ends_mid_sentence, enumerator, is_bullet, lettered_paragraph, word_count_upto,
};
use crate::segment::line_scan::Line;

/// A title that wraps in layout text continues on lines indented like its text
/// and not starting anything of their own.
pub(super) fn continuation_end(lines: &[Line<'_>], i: usize) -> usize {
    let mut last = parenthesis_end(lines, i);
    while let Some(next) = lines.get(last + 1) {
        if next.is_blank()
            || next.mark.is_some()
            || enumerator(next.text).is_some()
            || is_bullet(next.text)
            || lettered_paragraph(next.text).is_some()
        {
            break;
        }
        // a line ending in a colon or full stop ends a title ("III. Pledges:")
        let ended = lines[last].text;
        let continues_lowercase = next.text.starts_with(|c: char| c.is_lowercase());
        if ended.ends_with([':', '.']) && word_count_upto(ended, 13) <= 12 && !continues_lowercase {
            break;
        }
        last += 1;
        if last - i > 30 {
            break;
        }
    }
    last
}

/// The last line of a marked heading at `i`: a title wrapped onto a second
/// marked line ("D. Joint panel discussion of the First and Fourth Committees
/// on" + "possible challenges to space security and sustainability") goes on
/// while a line stops mid-sentence or the next starts in lowercase.
pub(super) fn marked_heading_end(lines: &[Line<'_>], i: usize) -> usize {
    let mut last = parenthesis_end(lines, i);
    while last - i < 3
        && lines.get(last + 1).is_some_and(|next| {
            next.mark == lines[i].mark
                && enumerator(next.text).is_none()
                && (ends_mid_sentence(lines[last].text)
                    || next.text.starts_with(|c: char| c.is_lowercase()))
        })
    {
        last += 1;
    }
    last
}

/// The last line of a title whose parenthesis opens on line `i` and closes on a
/// following line ("... personnel (as at" + "31 January 2009)"): the wrapped
/// part may start with a number, which would otherwise read as an enumerator.
pub(super) fn parenthesis_end(lines: &[Line<'_>], i: usize) -> usize {
    let depth = |t: &str| t.matches('(').count() as i64 - t.matches(')').count() as i64;
    let mut open = depth(lines[i].text);
    let mut last = i;
    while open > 0 && last - i < 2 {
        match lines.get(last + 1) {
            Some(next) if !next.is_blank() && word_count_upto(next.text, 9) <= 8 => {
                open += depth(next.text);
                last += 1;
            }
            _ => return i,
        }
    }
    if open > 0 {
        i
    } else {
        last
    }
}
