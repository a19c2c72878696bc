//! The marks a line opens with: bullets, paragraph enumerators ("12.", "(a)")
//! and the page marker ("/...") that is read as a blank line.

/// Length of a bullet marker ("- ", "• ", "o ") at the start of `s` (after indentation).
pub(super) fn bullet_len(s: &str) -> Option<usize> {
    for m in [
        "- ", "* ", "• ", "o ", "▪ ", "– ", "· ", "◦ ", "● ", "➢ ", "• ", "-\t", "•\t",
    ] {
        if s.starts_with(m) {
            return Some(m.len());
        }
    }
    None
}

/// Longest [`enumerator_len`] can return: "(" four characters ") ", or eight
/// digits and points, ")" and a space.
pub(super) const MAX_ENUMERATOR_LEN: usize = 10;

/// Length of a paragraph enumerator ("12. ", "2.1 ", "(a) ", "a) ") at the start of `s`.
pub fn enumerator_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'(') {
        i = 1;
        let st = i;
        while i < b.len() && (b[i].is_ascii_lowercase() || b[i].is_ascii_digit()) && i - st < 4 {
            i += 1;
        }
        if i > st && b.get(i) == Some(&b')') && b.get(i + 1).is_some_and(|c| *c == b' ') {
            return Some(i + 2);
        }
        return None;
    }
    let st = i;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') && i - st < 8 {
        i += 1;
    }
    if i > st && b[st].is_ascii_digit() {
        let num = &s[st..i];
        // "1." / "2.1" / "2.1." but not "2015." (a year) nor "1.5 million"
        let groups_ok = num
            .trim_end_matches('.')
            .split('.')
            .all(|g| !g.is_empty() && g.len() <= 2);
        let ends_ok = num.ends_with('.') || num.contains('.') || b.get(i) == Some(&b')');
        let mut j = i;
        if b.get(j) == Some(&b')') {
            j += 1;
        }
        if groups_ok && ends_ok && b.get(j).is_some_and(|c| *c == b' ' || *c == b'\t') {
            return Some(j + 1);
        }
    }
    if i == 0 && b.len() > 2 && b[0].is_ascii_lowercase() && b[1] == b')' && b[2] == b' ' {
        return Some(3);
    }
    None
}

/// "/..." alone on a line: a UN document's "continued overleaf" at a page foot.
/// It is read as a blank line, so a paragraph it cuts is joined again.
pub(super) fn is_page_marker(line: &str) -> bool {
    // every marker opens with a slash: other lines are not trimmed at both ends
    let t = line.trim_start();
    t.starts_with('/') && matches!(t.trim_end(), "/..." | "/…" | "/ ...")
}

/// Trims whitespace, a bullet marker and a paragraph number from a block.
pub(super) fn strip_marker(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let t = &text[s..e];
    s += t.len() - t.trim_start().len();
    let t = &text[s..e];
    if let Some(n) = bullet_len(t) {
        s += n;
    } else if let Some(n) = enumerator_len(t) {
        s += n;
    }
    let t = &text[s..e];
    s += t.len() - t.trim_start().len();
    let t = &text[s..e];
    e = s + t.trim_end().len();
    (s, e)
}
