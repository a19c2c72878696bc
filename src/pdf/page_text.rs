//! A document's pages of lines become one text: running headers, footers and
//! page numbers dropped, lines of a paragraph joined (words hyphenated at a line
//! end re-joined), paragraphs separated by blank lines, pages by `\n\n` with
//! heading-like lines (larger or bold) noted for the segmenter.

use std::collections::{HashMap, HashSet};

use super::figure_page;
use super::print_marks;
use super::text_layout::{Line, Word};
use crate::model::LineMark;

/// How many lines at the top and at the bottom of a page may be running ones.
const EDGE_LINES: usize = 3;

/// One page's text and the lines of it that look like headings.
pub(crate) struct PageText {
    /// The page's text: paragraphs separated by blank lines.
    pub text: String,
    /// `(line number in text, mark)` for heading-like lines: larger than the
    /// body text (a heading, ranked by size) or wholly bold.
    pub marks: Vec<(usize, LineMark)>,
}

/// The text of each page.
pub(crate) fn assemble(mut pages: Vec<Vec<Line>>) -> Vec<PageText> {
    remove_running_lines(&mut pages);
    let vocab = vocabulary(&pages);
    let pitch = line_pitch(&pages);
    let sizes = FontSizes::of(&pages);
    pages
        .iter()
        .map(|lines| page_text(lines, &vocab, pitch, &sizes))
        .collect()
}

/// The body text size and the larger sizes used for headings, largest first.
struct FontSizes {
    body: f32,
    headings: Vec<f32>,
}

impl FontSizes {
    fn of(pages: &[Vec<Line>]) -> FontSizes {
        let mut weight: HashMap<i32, usize> = HashMap::new();
        for line in pages.iter().flatten() {
            let chars: usize = line.words.iter().map(|w| w.text.len()).sum();
            *weight.entry((line.size * 2.0).round() as i32).or_default() += chars;
        }
        let body = weight
            .iter()
            .max_by_key(|(size, n)| (**n, -**size))
            .map_or(0.0, |(size, _)| *size as f32 / 2.0);
        let mut headings: Vec<f32> = weight
            .keys()
            .map(|s| *s as f32 / 2.0)
            .filter(|s| *s >= body * 1.15)
            .collect();
        headings.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        FontSizes { body, headings }
    }

    fn mark(&self, text: &str, min_size: f32, all_bold: bool) -> Option<LineMark> {
        let len = text.chars().count();
        if len == 0 || !text.chars().any(|c| c.is_alphabetic()) {
            return None;
        }
        if self.body > 0.0 && min_size >= self.body * 1.15 && len <= 200 {
            let rounded = (min_size * 2.0).round() / 2.0;
            let rank = self
                .headings
                .iter()
                .position(|s| *s <= rounded)
                .unwrap_or(0);
            return Some(LineMark::Heading((rank + 1).min(6) as u8));
        }
        (all_bold && len <= 150).then_some(LineMark::Bold)
    }
}

/// An output line being built: its smallest font size and whether all of it is bold.
struct OpenLine {
    number: usize,
    start: usize,
    min_size: f32,
    all_bold: bool,
}

fn page_text(lines: &[Line], vocab: &HashSet<String>, pitch: f32, sizes: &FontSizes) -> PageText {
    if figure_page::is_label_page(lines) {
        return PageText {
            text: figure_page::label_block(lines),
            marks: Vec::new(),
        };
    }
    let margins = right_margins(lines);
    let mut out = String::new();
    let mut marks = Vec::new();
    let mut open: Option<OpenLine> = None;
    let close = |open: &mut Option<OpenLine>, out: &str, marks: &mut Vec<(usize, LineMark)>| {
        if let Some(o) = open.take() {
            let text = out.get(o.start..).unwrap_or("").trim();
            if let Some(mark) = sizes.mark(text, o.min_size, o.all_bold) {
                marks.push((o.number, mark));
            }
        }
    };
    let mut line_no = 0usize;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let brk = if out.is_empty() {
            None
        } else {
            Some(line_break(&lines[i - 1], margins[i - 1], line, pitch))
        };
        match brk {
            None => {}
            Some(Break::Join) => {
                join(&mut out, text, vocab);
                if let Some(o) = open.as_mut() {
                    o.min_size = o.min_size.min(line.size);
                    o.all_bold &= line.bold();
                }
                continue;
            }
            Some(b) => {
                close(&mut open, &out, &mut marks);
                trim_end(&mut out);
                if b == Break::Paragraph {
                    out.push_str("\n\n");
                    line_no += 2;
                } else {
                    out.push('\n');
                    line_no += 1;
                }
            }
        }
        open = Some(OpenLine {
            number: line_no,
            start: out.len(),
            min_size: line.size,
            all_bold: line.bold(),
        });
        out.push_str(text);
    }
    close(&mut open, &out, &mut marks);
    trim_end(&mut out);
    PageText { text: out, marks }
}

fn trim_end(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

#[derive(Debug, PartialEq)]
enum Break {
    Paragraph,
    Line,
    Join,
}

/// The right margin of each line's text block: where most lines of its column
/// end (justified body text), else the column's right edge. A masthead or a
/// table wider than the body must not make every body line look short.
fn right_margins(lines: &[Line]) -> Vec<f32> {
    let mut by_column: HashMap<i32, Vec<f32>> = HashMap::new();
    for l in lines {
        by_column
            .entry(l.col_x1.round() as i32)
            .or_default()
            .push(l.x1);
    }
    let mut margin_of: HashMap<i32, f32> = HashMap::new();
    for (col, ends) in &by_column {
        let mut best = (0usize, *col as f32);
        for &e in ends {
            let near = ends.iter().filter(|&&o| (o - e).abs() <= 1.5).count();
            if near > best.0 || (near == best.0 && e > best.1) {
                best = (near, e);
            }
        }
        let margin = if best.0 >= 3 && best.0 * 5 >= ends.len() {
            best.1 + 1.5
        } else {
            *col as f32
        };
        margin_of.insert(*col, margin);
    }
    lines
        .iter()
        .map(|l| {
            margin_of
                .get(&(l.col_x1.round() as i32))
                .copied()
                .unwrap_or(l.col_x1)
        })
        .collect()
}

fn line_break(prev: &Line, prev_margin: f32, line: &Line, pitch: f32) -> Break {
    let size = prev.size.max(line.size).max(1.0);
    let dy = prev.y - line.y;
    if dy < -0.3 * size || dy > (pitch + 0.45) * size {
        return Break::Paragraph;
    }
    if (prev.size - line.size).abs() > 0.15 * size {
        return Break::Line;
    }
    // a line ends early on purpose when the next line's first word would have
    // fitted in the room left on it (a wrapped line has no such room)
    let room = prev_margin - prev.x1;
    if room > unbreakable_start(line) + 0.5 * prev.size {
        return Break::Line;
    }
    let first = line.words.first().map_or("", |w| w.text.as_str());
    if is_list_marker(first) {
        return Break::Line;
    }
    let hanging = prev.words.len() > 1
        && is_list_marker(&prev.words[0].text)
        && (prev.words[1].x0 - line.x0).abs() < 0.5 * size;
    if line.x0 > prev.x0 + 1.0 * size && !hanging {
        return Break::Line;
    }
    Break::Join
}

/// The width of what a word processor could not have broken at the start of
/// `line`: its first word, or a number with the word after it, which UN typing
/// glues with non-breaking spaces ("12 November 1995", "1244 (1999)", "6 aircraft").
/// The PDF keeps only a plain space, so a line wrapped before such a pair would
/// otherwise look like one ended early on purpose.
fn unbreakable_start(line: &Line) -> f32 {
    let Some(first) = line.words.first() else {
        return 0.0;
    };
    let numeric = first.text.starts_with(|c: char| c.is_ascii_digit())
        && !first.text.ends_with('.')
        && first
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%'));
    if !numeric {
        return first.x1 - first.x0;
    }
    // "12 November 1995" is glued whole: a year after the word joins too
    let starts_digit = |w: &&Word| w.text.starts_with(|c: char| c.is_ascii_digit());
    let last = match (line.words.get(1), line.words.get(2)) {
        (Some(_), Some(year)) if starts_digit(&year) => year,
        (Some(next), _) => next,
        _ => first,
    };
    last.x1 - first.x0
}

/// "•", "-", "(a)", "a)", "1.", "2.1", "iv." at the start of a line.
fn is_list_marker(word: &str) -> bool {
    if matches!(word, "•" | "-" | "–" | "—" | "*" | "▪" | "o") {
        return true;
    }
    let inner = word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .or_else(|| word.strip_suffix(')'))
        .or_else(|| word.strip_suffix('.'))
        .or_else(|| word.contains('.').then_some(word));
    let Some(inner) = inner else {
        return false;
    };
    if inner.is_empty() || inner.len() > 6 {
        return false;
    }
    // paragraph numbers, not years ("2015." ending a sentence)
    let numbered = inner
        .split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    let lettered = inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase());
    let roman = inner
        .bytes()
        .all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X'));
    numbered || lettered || roman
}

/// Appends `text` to the paragraph in `out`, re-joining a word hyphenated
/// across the line end: "experi-" + "ence" is "experience" unless the document
/// writes the hyphenated form elsewhere ("mine-" + "affected").
fn join(out: &mut String, text: &str, vocab: &HashSet<String>) {
    let tail: String = out
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    let head: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    let hyphenated = tail.len() > 2
        && tail.ends_with('-')
        && tail[..tail.len() - 1]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphabetic())
        && head.chars().next().is_some_and(|c| c.is_lowercase());
    if hyphenated {
        let stem = tail[..tail.len() - 1].trim_start_matches(|c: char| !c.is_alphanumeric());
        let joined = format!("{stem}{head}").to_lowercase();
        let with_hyphen = format!("{stem}-{head}").to_lowercase();
        // a compound of two words the document uses on their own
        // ("confidence-" + "building") keeps its hyphen; a syllable break
        // ("experi-" + "ence") does not
        let stem_lower = stem.to_lowercase();
        let compound = stem_lower.chars().count() >= 3
            && vocab.contains(&stem_lower)
            && vocab.contains(&head.to_lowercase());
        let keep_hyphen = !vocab.contains(&joined) && (vocab.contains(&with_hyphen) || compound);
        if !keep_hyphen {
            out.pop();
        }
        out.push_str(text);
        return;
    }
    trim_end(out);
    out.push(' ');
    out.push_str(text);
}

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Words the document uses away from line ends, for the hyphenation decision.
fn vocabulary(pages: &[Vec<Line>]) -> HashSet<String> {
    let mut set = HashSet::new();
    for line in pages.iter().flatten() {
        let n = line.words.len();
        for (i, w) in line.words.iter().enumerate() {
            if i + 1 == n && w.text.ends_with('-') {
                continue;
            }
            let k = word_key(&w.text);
            if !k.is_empty() {
                set.insert(k);
            }
        }
    }
    set
}

/// The usual baseline distance of consecutive lines, in font sizes.
fn line_pitch(pages: &[Vec<Line>]) -> f32 {
    let mut ratios: Vec<f32> = Vec::new();
    for lines in pages {
        for pair in lines.windows(2) {
            let size = pair[0].size.max(pair[1].size).max(1.0);
            let r = (pair[0].y - pair[1].y) / size;
            if (0.8..2.5).contains(&r) {
                ratios.push(r);
            }
        }
    }
    if ratios.is_empty() {
        return 1.2;
    }
    ratios.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    ratios[ratios.len() / 2]
}

/// Running header or footer text: digits replaced, so "Page 3" and "Page 4" match.
fn running_key(text: &str) -> String {
    let mut key = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else if c.is_whitespace() {
            if !key.ends_with(' ') {
                key.push(' ');
            }
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key.trim().to_string()
}

/// "3", "- 3 -", "Page 3", "page 3 of 10", "3/10", "iv".
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' ' | '[' | ']'));
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .unwrap_or(&lower)
        .trim();
    let mut parts = rest
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let Some(first) = parts.next() else {
        return false;
    };
    let second = parts.next();
    if parts.next().is_some() {
        return false;
    }
    let num = |p: &str| p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    let roman = |p: &str| p.len() <= 6 && p.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    match second {
        None => num(first) || roman(first),
        Some(s) => num(first) && num(s),
    }
}

/// The first lines of `order` (top-down or bottom-up) that stand apart from
/// the body: a running header is followed by a wider gap than the line pitch,
/// while a table's header row, also repeated on every page, is not.
fn edge_block(lines: &[Line], order: &[usize]) -> Vec<usize> {
    let gap_after = |k: usize| -> bool {
        match (order.get(k), order.get(k + 1)) {
            (Some(&a), Some(&b)) => {
                let size = lines[a].size.max(lines[b].size).max(1.0);
                (lines[a].y - lines[b].y).abs() > 1.6 * size
            }
            (Some(_), None) => true,
            _ => false,
        }
    };
    // a row of three or more cells far apart is a table's header row
    let table_row = |line: &Line| {
        line.words
            .windows(2)
            .filter(|p| p[1].x0 - p[0].x1 > 2.0 * line.size)
            .count()
            >= 2
    };
    (0..EDGE_LINES.min(order.len()))
        .filter(|&k| (k..EDGE_LINES).any(gap_after) && !table_row(&lines[order[k]]))
        .map(|k| order[k])
        .collect()
}

/// Drops lines at the top or bottom of pages that repeat on many pages (digits
/// ignored), and page numbers there. The first page keeps a repeated line
/// printed at another height (a masthead's document symbol, not a header).
fn remove_running_lines(pages: &mut [Vec<Line>]) {
    let n = pages.len();
    if n < 2 {
        return;
    }
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .map(|lines| {
            let mut idx: Vec<usize> = (0..lines.len()).collect();
            idx.sort_by(|&a, &b| {
                lines[b]
                    .y
                    .partial_cmp(&lines[a].y)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let mut e = edge_block(lines, &idx);
            let reversed: Vec<usize> = idx.iter().rev().copied().collect();
            e.extend(edge_block(lines, &reversed));
            e.sort_unstable();
            e.dedup();
            e
        })
        .collect();
    let mut seen: HashMap<String, Vec<(usize, usize, f32)>> = HashMap::new();
    for (p, e) in edges.iter().enumerate() {
        for &i in e {
            let key = running_key(&pages[p][i].text());
            if key.is_empty() {
                continue;
            }
            let entry = seen.entry(key).or_default();
            if entry.last().is_none_or(|&(lp, _, _)| lp != p) {
                entry.push((p, i, pages[p][i].y));
            }
        }
    }
    let threshold = 2.max((n as f32 * 0.4).ceil() as usize);
    let mut drop: Vec<HashSet<usize>> = vec![HashSet::new(); n];
    for (p, e) in edges.iter().enumerate() {
        drop[p].extend(
            e.iter()
                .copied()
                .filter(|&i| print_marks::is_print_mark(&pages[p][i].text())),
        );
    }
    for (key, hits) in &seen {
        let frequent = hits.len() >= threshold;
        let page_number = is_page_number(key.replace('#', "1").as_str());
        if !frequent && !page_number {
            continue;
        }
        let mut ys: Vec<f32> = hits.iter().filter(|h| h.0 != 0).map(|h| h.2).collect();
        ys.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let median = ys.get(ys.len() / 2).copied();
        for &(p, i, y) in hits {
            if p == 0 && !page_number && median.is_none_or(|m| (m - y).abs() > 2.0) {
                continue;
            }
            drop[p].insert(i);
        }
    }
    for (p, lines) in pages.iter_mut().enumerate() {
        if drop[p].is_empty() {
            continue;
        }
        let mut i = 0;
        lines.retain(|_| {
            let keep = !drop[p].contains(&i);
            i += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for t in ["3", "- 3 -", "Page 3", "page 3 of 10", "3/10", "iv"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["3. Welcome", "2015 meeting", "Annex", "GE.19-16437"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn list_markers_are_recognised() {
        for t in ["•", "(a)", "a)", "1.", "2.1", "iv."] {
            assert!(is_list_marker(t), "{t}");
        }
        for t in ["The", "2015", "U.S."] {
            assert!(!is_list_marker(t), "{t}");
        }
    }

    #[test]
    fn hyphenated_line_ends_rejoin_unless_the_document_hyphenates_the_word() {
        let mut vocab = HashSet::new();
        vocab.insert("mine-affected".to_string());
        let mut out = "an experi-".to_string();
        join(&mut out, "ence of", &vocab);
        assert_eq!(out, "an experience of");
        let mut out = "the mine-".to_string();
        join(&mut out, "affected states", &vocab);
        assert_eq!(out, "the mine-affected states");
        let mut out = "the".to_string();
        join(&mut out, "Chair", &vocab);
        assert_eq!(out, "the Chair");
    }
}
