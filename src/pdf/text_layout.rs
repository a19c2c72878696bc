//! Glyph positions to words, lines and reading order on one page.
//!
//! Words are cut where glyphs are apart by more than a fraction of the font size
//! (or at a space glyph), not at every kerning chunk. Words on one baseline form
//! fragments, which a recursive XY cut orders: a vertical gutter that runs the
//! full height of a region with wide text on both sides splits it into columns
//! (read left, then right); otherwise the widest horizontal gap splits it.

use super::page_content::PageContent;

/// Glyphs further apart than this share of the font size start a new word.
const WORD_GAP: f32 = 0.12;
/// Words further apart than this share of the font size are separate fragments.
const FRAGMENT_GAP: f32 = 1.0;
/// Recursion depth of the XY cut; deeper regions are read top to bottom.
const MAX_CUT_DEPTH: usize = 400;

/// A word on the page.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Its text.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline of the line it belongs to (a superscript takes its host's).
    pub y: f32,
    /// Font size.
    pub size: f32,
    /// Whether a space separates it from the word before it on the line.
    pub space_before: bool,
    /// Drawn in a bold face.
    pub bold: bool,
}

/// A physical line of a page, in reading order.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The words of the line.
    pub words: Vec<Word>,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Dominant font size.
    pub size: f32,
    /// Right edge of the column the line is in.
    pub col_x1: f32,
}

impl Line {
    /// Every word is bold.
    pub fn bold(&self) -> bool {
        self.words.iter().all(|w| w.bold)
    }

    /// The line's text, words joined by single spaces where they were apart.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 && w.space_before {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

/// Words from glyphs, in drawing order.
pub(crate) fn words(page: &PageContent) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    // state of the word being built: its last glyph's visual baseline, and
    // whether it is a superscript (footnote marker, "st" of "21st")
    let mut cur_sup = false;
    let mut last_vis_y = 0.0f32;
    let mut pending_space = true;
    let mut prev_glyph: Option<(f32, f32, u32, u32)> = None;
    for g in &page.glyphs {
        let text = page.glyph_text(g);
        if text.trim().is_empty() {
            // the word ends only if the next glyph is really further on: old
            // producers draw spaces that do not move the pen ("Brc" + " " + "ko"
            // around a caron drawn as a path)
            pending_space = true;
            continue;
        }
        // fake bold: the same glyph drawn again at (almost) the same place
        if let Some((px, py, ps, pe)) = prev_glyph {
            if (px - g.x).abs() < 0.3
                && (py - g.y).abs() < 0.3
                && page.text.get(ps as usize..pe as usize) == Some(text)
            {
                continue;
            }
        }
        prev_glyph = Some((g.x, g.y, g.start, g.end));
        let vis_y = g.y + g.rise;
        if let Some(w) = cur.as_mut() {
            let size = w.size.max(0.1);
            let gap = g.x - w.x1;
            let dy = vis_y - last_vis_y;
            let same_line = dy.abs() < 0.3 * size;
            let starts_sup = !cur_sup
                && g.size < 0.85 * size
                && dy > 0.1 * size
                && dy < 0.9 * size
                && gap.abs() < 0.5 * size;
            let ends_sup = cur_sup && g.size > w.size * 1.15 && (g.y - w.y).abs() < 0.3 * g.size;
            if starts_sup {
                let host_y = w.y;
                let host_ends_digit = w.text.chars().last().is_some_and(|c| c.is_ascii_digit());
                let sup_is_alpha = text.chars().all(|c| c.is_alphabetic());
                let mut done = cur.take().unwrap_or_else(unreachable_word);
                done.x1 = done.x1.max(done.x0);
                out.push(done);
                cur = Some(Word {
                    text: text.to_string(),
                    x0: g.x,
                    x1: g.x + g.width,
                    y: host_y,
                    size: g.size,
                    bold: g.bold,
                    space_before: pending_space
                        || gap > WORD_GAP * size
                        || !(host_ends_digit && sup_is_alpha),
                });
                cur_sup = true;
                last_vis_y = vis_y;
                pending_space = false;
                continue;
            }
            if ends_sup {
                let was_marker = w.text.chars().all(|c| c.is_ascii_digit() || c == '*');
                if let Some(done) = cur.take() {
                    out.push(done);
                }
                // "Treaty 13 entered", but "agenda 1, as": punctuation stays
                // on the marker
                let punct = text.starts_with([',', '.', ';', ':', ')', ']']);
                let apart = (was_marker && !punct) || pending_space || gap > WORD_GAP * g.size;
                cur = Some(new_word(g, text, apart));
                cur_sup = false;
                last_vis_y = vis_y;
                pending_space = false;
                continue;
            }
            let size_for_gap = size.min(g.size.max(0.1));
            let apart = if pending_space { 0.05 } else { WORD_GAP };
            if same_line && gap <= apart * size_for_gap && gap > -0.6 * size {
                pending_space = false;
                w.text.push_str(text);
                w.x1 = w.x1.max(g.x + g.width);
                last_vis_y = vis_y;
                continue;
            }
            let done = cur.take();
            if let Some(done) = done {
                out.push(done);
            }
            pending_space = true;
        }
        cur = Some(new_word(g, text, pending_space || out.is_empty()));
        cur_sup = false;
        last_vis_y = vis_y;
        pending_space = false;
    }
    if let Some(w) = cur.take() {
        out.push(w);
    }
    drop_overprinted_words(out)
}

/// How many words back an over-printed copy of a word is looked for.
const OVERPRINT_WINDOW: usize = 12;

/// Fake bold by over-printing a whole word or line a fraction of a point to the
/// side ("United United - Nations Nations"): a word equal to one drawn just
/// before at (almost) the same place is the same word.
fn drop_overprinted_words(words: Vec<Word>) -> Vec<Word> {
    let mut kept: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        let tol = 0.25 * w.size.max(1.0);
        let copy = kept
            .iter()
            .rev()
            .take(OVERPRINT_WINDOW)
            .any(|k| k.text == w.text && (k.x0 - w.x0).abs() < tol && (k.y - w.y).abs() < tol);
        if !copy {
            kept.push(w);
        }
    }
    kept
}

fn unreachable_word() -> Word {
    Word {
        text: String::new(),
        x0: 0.0,
        x1: 0.0,
        y: 0.0,
        size: 0.0,
        space_before: true,
        bold: false,
    }
}

fn new_word(g: &super::page_content::Glyph, text: &str, space_before: bool) -> Word {
    Word {
        text: text.to_string(),
        x0: g.x,
        x1: g.x + g.width.max(0.0),
        y: g.y,
        size: g.size,
        space_before,
        bold: g.bold,
    }
}

/// Words on one baseline, close together.
#[derive(Debug, Clone)]
struct Fragment {
    words: Vec<Word>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
}

impl Fragment {
    fn top(&self) -> f32 {
        self.y + 0.8 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.25 * self.size
    }
}

/// The page's lines in reading order.
pub(crate) fn lines(words: Vec<Word>) -> Vec<Line> {
    let frags = fragments(words);
    if frags.is_empty() {
        return Vec::new();
    }
    let x0 = frags.iter().map(|f| f.x0).fold(f32::INFINITY, f32::min);
    let x1 = frags.iter().map(|f| f.x1).fold(f32::NEG_INFINITY, f32::max);
    let mut ordered: Vec<(Fragment, f32, f32)> = Vec::with_capacity(frags.len());
    xy_cut(frags, (x0, x1), 0, &mut ordered);
    let mut out: Vec<Line> = Vec::new();
    for (frag, _, cx1) in ordered {
        if let Some(last) = out.last_mut() {
            if (last.y - frag.y).abs() < 0.3 * last.size.min(frag.size).max(0.1)
                && frag.x0 >= last.x1 - 0.5
            {
                let mut words = frag.words;
                if let Some(first) = words.first_mut() {
                    first.space_before = true;
                }
                last.words.extend(words);
                last.x1 = last.x1.max(frag.x1);
                last.size = last.size.max(frag.size);
                last.col_x1 = last.col_x1.max(cx1);
                continue;
            }
        }
        out.push(Line {
            words: frag.words,
            x0: frag.x0,
            x1: frag.x1,
            y: frag.y,
            size: frag.size,
            col_x1: cx1,
        });
    }
    out
}

fn fragments(mut words: Vec<Word>) -> Vec<Fragment> {
    words.retain(|w| w.x0.is_finite() && w.y.is_finite() && w.x1.is_finite());
    // bands of words sharing a baseline, top to bottom
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| {
        words[b]
            .y
            .partial_cmp(&words[a].y)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut band_y = f32::NAN;
    for i in order {
        let w = &words[i];
        match bands.last_mut() {
            Some(band) if (band_y - w.y).abs() <= 0.3 * w.size.max(0.1) => band.push(i),
            _ => {
                band_y = w.y;
                bands.push(vec![i]);
            }
        }
    }
    let mut slots: Vec<Option<Word>> = words.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for mut band in bands {
        // stable: words at the same x keep drawing order
        band.sort_by(|&a, &b| {
            let (wa, wb) = (slots[a].as_ref(), slots[b].as_ref());
            let xa = wa.map_or(0.0, |w| w.x0);
            let xb = wb.map_or(0.0, |w| w.x0);
            xa.partial_cmp(&xb)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        let mut cur: Option<Fragment> = None;
        for i in band {
            let Some(w) = slots[i].take() else { continue };
            if let Some(f) = cur.as_mut() {
                let gap = w.x0 - f.x1;
                if gap <= FRAGMENT_GAP * f.size.max(w.size) {
                    // words in one fragment joined by order, not drawing: a word
                    // drawn apart from the previous one needs a space
                    let mut w = w;
                    if gap > WORD_GAP * w.size.min(f.size) {
                        w.space_before = true;
                    }
                    f.x1 = f.x1.max(w.x1);
                    f.size = f.size.max(w.size);
                    f.words.push(w);
                    continue;
                }
                if let Some(done) = cur.take() {
                    out.push(done);
                }
            }
            let y = w.y;
            cur = Some(Fragment {
                x0: w.x0,
                x1: w.x1,
                y,
                size: w.size,
                words: vec![w],
            });
        }
        if let Some(done) = cur.take() {
            out.push(done);
        }
    }
    out
}

fn xy_cut(
    mut frags: Vec<Fragment>,
    col: (f32, f32),
    depth: usize,
    out: &mut Vec<(Fragment, f32, f32)>,
) {
    if frags.len() <= 1 || depth > MAX_CUT_DEPTH {
        frags.sort_by(|a, b| b.y.partial_cmp(&a.y).unwrap_or(std::cmp::Ordering::Equal));
        // fragments of one line left to right, even when a hanging paragraph
        // number sits a hair below its text's baseline ("45." in Word PDFs)
        let mut start = 0;
        while start < frags.len() {
            let (y, size) = (frags[start].y, frags[start].size.max(0.1));
            let end = start
                + frags[start..]
                    .iter()
                    .take_while(|f| (y - f.y).abs() < 0.3 * size.min(f.size.max(0.1)))
                    .count();
            frags[start..end]
                .sort_by(|a, b| a.x0.partial_cmp(&b.x0).unwrap_or(std::cmp::Ordering::Equal));
            start = end.max(start + 1);
        }
        out.extend(frags.into_iter().map(|f| (f, col.0, col.1)));
        return;
    }
    if let Some(split_x) = vertical_cut(&frags) {
        let (left, right): (Vec<Fragment>, Vec<Fragment>) =
            frags.into_iter().partition(|f| f.x1 <= split_x);
        let lx = extent(&left);
        let rx = extent(&right);
        xy_cut(left, lx, depth + 1, out);
        xy_cut(right, rx, depth + 1, out);
        return;
    }
    if let Some(split_y) = horizontal_cut(&frags) {
        let (top, bottom): (Vec<Fragment>, Vec<Fragment>) =
            frags.into_iter().partition(|f| f.bottom() >= split_y);
        xy_cut(top, col, depth + 1, out);
        xy_cut(bottom, col, depth + 1, out);
        return;
    }
    xy_cut(frags, col, MAX_CUT_DEPTH + 1, out);
}

fn extent(frags: &[Fragment]) -> (f32, f32) {
    let x0 = frags.iter().map(|f| f.x0).fold(f32::INFINITY, f32::min);
    let x1 = frags.iter().map(|f| f.x1).fold(f32::NEG_INFINITY, f32::max);
    (x0, x1)
}

/// A column gutter: an x-range no fragment crosses, at least an em wide, with
/// text on both sides wide enough to be columns (not a list's numbers).
fn vertical_cut(frags: &[Fragment]) -> Option<f32> {
    let mut spans: Vec<(f32, f32)> = frags.iter().map(|f| (f.x0, f.x1)).collect();
    spans.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    let (rx0, rx1) = extent(frags);
    let width = rx1 - rx0;
    if width <= 0.0 {
        return None;
    }
    let mut sizes: Vec<f32> = frags.iter().map(|f| f.size).collect();
    sizes.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let em = sizes[sizes.len() / 2].max(1.0);
    let mut best: Option<(f32, f32)> = None;
    let mut reach = spans[0].1;
    for &(s0, s1) in &spans[1..] {
        if s0 > reach {
            let gap = s0 - reach;
            let mid = (s0 + reach) / 2.0;
            if gap >= 1.0 * em && best.is_none_or(|(g, _)| gap > g) {
                let left: Vec<&Fragment> = frags.iter().filter(|f| f.x1 <= mid).collect();
                let right: Vec<&Fragment> = frags.iter().filter(|f| f.x0 >= mid).collect();
                let lw = left.iter().map(|f| f.x1).fold(f32::NEG_INFINITY, f32::max)
                    - left.iter().map(|f| f.x0).fold(f32::INFINITY, f32::min);
                let rw = right.iter().map(|f| f.x1).fold(f32::NEG_INFINITY, f32::max)
                    - right.iter().map(|f| f.x0).fold(f32::INFINITY, f32::min);
                let lines = |side: &[&Fragment]| {
                    let mut ys: Vec<i32> = side.iter().map(|f| f.y.round() as i32).collect();
                    ys.sort_unstable();
                    ys.dedup();
                    ys.len()
                };
                if lw >= 0.25 * width
                    && rw >= 0.25 * width
                    && lines(&left) >= 3
                    && lines(&right) >= 3
                    && !justified_gap(frags, mid)
                    && !number_column(&right)
                {
                    best = Some((gap, mid));
                }
            }
        }
        reach = reach.max(s1);
    }
    best.map(|(_, mid)| mid)
}

/// True when the fragments right of a gap are mostly figures ("131", "10a",
/// "2 011"): a table's number column, read row by row with its labels, not a
/// column of text to be read after the left one.
fn number_column(side: &[&Fragment]) -> bool {
    let figure = |f: &&&Fragment| {
        f.words.iter().all(|w| {
            w.text.starts_with(|c: char| c.is_ascii_digit())
                && w.text.chars().filter(|c| c.is_alphabetic()).count() <= 1
        })
    };
    let figures = side.iter().filter(figure).count();
    figures >= 3 && figures * 3 >= side.len() * 2
}

/// True when the gap at `mid` is a justified line's stretched word space, not a
/// gutter: on many lines with words on both sides, it is less than twice the
/// line's other word gaps.
fn justified_gap(frags: &[Fragment], mid: f32) -> bool {
    let mut bands: Vec<(f32, Vec<&Word>)> = Vec::new();
    for f in frags {
        match bands
            .iter_mut()
            .find(|(y, _)| (y - f.y).abs() < 0.3 * f.size.max(0.1))
        {
            Some((_, words)) => words.extend(f.words.iter()),
            None => bands.push((f.y, f.words.iter().collect())),
        }
    }
    let (mut crossing, mut justified) = (0usize, 0usize);
    for (_, mut words) in bands {
        words.sort_by(|a, b| a.x0.partial_cmp(&b.x0).unwrap_or(std::cmp::Ordering::Equal));
        let left = words.iter().filter(|w| w.x1 <= mid).count();
        if left == 0 || left == words.len() {
            continue;
        }
        crossing += 1;
        let gutter = words[left].x0 - words[left - 1].x1;
        let widest_other = words
            .windows(2)
            .enumerate()
            .filter(|(i, _)| *i + 1 != left)
            .map(|(_, p)| p[1].x0 - p[0].x1)
            .fold(0.0f32, f32::max);
        if widest_other > 0.0 && gutter < 2.0 * widest_other {
            justified += 1;
        }
    }
    crossing > 0 && justified * 3 > crossing
}

/// The widest horizontal gap no fragment crosses.
fn horizontal_cut(frags: &[Fragment]) -> Option<f32> {
    let mut spans: Vec<(f32, f32)> = frags.iter().map(|f| (f.top(), f.bottom())).collect();
    spans.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let mut best: Option<(f32, f32)> = None;
    let mut low = spans[0].1;
    for &(top, bottom) in &spans[1..] {
        if top < low {
            let gap = low - top;
            if best.is_none_or(|(g, _)| gap > g) {
                best = Some((gap, (low + top) / 2.0));
            }
        }
        low = low.min(bottom);
    }
    best.map(|(_, y)| y)
}
