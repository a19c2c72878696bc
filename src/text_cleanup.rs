//! Undo what PDF-to-Markdown conversion leaves in "plain text" records:
//! `# headings`, `**bold**`, `\$` escapes, `<sup>` tags, CRLF, non-breaking spaces.
//! Headings and bold lines are remembered as [`MarkedLine`]s: they are the
//! strongest hints the segmenter gets.

use crate::model::{LineMark, MarkedLine, Span};

/// The cleaned text and the lines the source marked up.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// Text with markup removed, `\n` line ends, no trailing spaces.
    pub text: String,
    /// Heading and bold lines, in order.
    pub marks: Vec<MarkedLine>,
}

/// Cleans `raw`. A `#` run followed by a space at a line start is a heading in
/// `.txt` too: converted records use it, and no record starts a line so otherwise.
pub fn clean(raw: &str) -> Cleaned {
    let normalised: std::borrow::Cow<str> = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        raw.into()
    };
    let mut text = String::with_capacity(normalised.len());
    let mut marks = Vec::new();
    let mut in_bold = false;
    for line in normalised.split('\n') {
        let (heading, rest) = strip_heading(line);
        let trimmed = rest.trim();
        let starts_bold = (trimmed.starts_with("**") || trimmed.starts_with("__"))
            && !trimmed.starts_with("***")
            && !trimmed.starts_with("___");
        let (body, bold_after) = strip_inline(rest, in_bold);
        // a line is bold when bold is open at its start (or opens there) and stays
        // open to its end (or closes there)
        let whole_line_bold = !body.trim().is_empty()
            && (in_bold || starts_bold)
            && (bold_after || ends_bold(trimmed))
            && !has_inner_plain_run(trimmed, in_bold);
        in_bold = bold_after;
        let start = text.len();
        let body = body.trim_end();
        text.push_str(body);
        let span = Span::new(start, text.len());
        if let Some(depth) = heading {
            if !body.trim().is_empty() {
                marks.push(MarkedLine {
                    span,
                    mark: LineMark::Heading(depth),
                });
            }
        } else if whole_line_bold {
            marks.push(MarkedLine {
                span,
                mark: LineMark::Bold,
            });
        }
        text.push('\n');
    }
    while text.ends_with('\n') {
        text.pop();
    }
    Cleaned { text, marks }
}

fn ends_bold(trimmed: &str) -> bool {
    let t = trimmed.trim_end_matches([':', '.']);
    t.ends_with("**") || t.ends_with("__")
}

/// True when a line that starts bold also has plain text after the bold closes
/// ("**mine-affected countries** have ..."): not a bold line.
fn has_inner_plain_run(trimmed: &str, open_at_start: bool) -> bool {
    let mut open = open_at_start;
    let mut rest = trimmed;
    let mut plain = false;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            if !r.starts_with(['*', '_']) {
                open = !open;
                rest = r;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        if !open && !c.is_whitespace() && !matches!(c, ':' | '.') {
            plain = true;
        }
        rest = &rest[c.len_utf8()..];
    }
    plain
}

/// `### Title ###` -> (Some(3), "Title"); other lines unchanged.
fn strip_heading(line: &str) -> (Option<u8>, &str) {
    let t = line.trim_start();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return (None, line);
    }
    let rest = &t[hashes..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return (None, line); // "#5" is not a heading
    }
    let rest = rest.trim().trim_end_matches('#').trim_end();
    (Some(hashes as u8), rest)
}

/// Removes inline markup; returns the text and whether bold is open at line end.
fn strip_inline(line: &str, mut bold_open: bool) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        // most of a line is plain ASCII text: copy it in one go up to the next
        // byte that may need work (markup, escapes, tags, any non-ASCII char)
        let plain = rest
            .bytes()
            .position(|b| matches!(b, b'*' | b'_' | b'\\' | b'<') || !b.is_ascii())
            .unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if c == '*' || c == '_' {
            let run = rest.bytes().take_while(|&b| b == c as u8).count();
            // exactly two is bold; a longer run is a rule line or a form blank
            if run == 2 {
                bold_open = !bold_open;
            } else {
                out.push_str(&rest[..run]);
            }
            rest = &rest[run..];
            continue;
        }
        if c == '\\' {
            if let Some(next) = rest[1..].chars().next() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    rest = &rest[1 + next.len_utf8()..];
                    continue;
                }
            }
        }
        if c == '<' {
            if let Some(len) = html_tag_len(rest) {
                let tag = &rest[..len];
                if tag.eq_ignore_ascii_case("<br>") || tag.eq_ignore_ascii_case("<br/>") {
                    out.push(' ');
                }
                rest = &rest[len..];
                continue;
            }
        }
        match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => {}
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    (out, bold_open)
}

/// Length of a simple inline HTML tag at the start of `s` (`<sup>`, `</sup>`, `<br/>`).
fn html_tag_len(s: &str) -> Option<usize> {
    const TAGS: [&str; 9] = ["sup", "sub", "b", "i", "u", "em", "strong", "span", "br"];
    let inner = s.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let name = &inner[..name_len];
    if !TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return None;
    }
    let close = s.find('>')?;
    if close > 40 || s[..close].contains('\n') {
        return None;
    }
    Some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(c: &Cleaned) -> Vec<(&str, LineMark)> {
        c.marks
            .iter()
            .map(|m| (&c.text[m.span.start..m.span.end], m.mark))
            .collect()
    }

    #[test]
    fn headings_bold_escapes_and_tags() {
        let c = clean("# PRELIMINARY\r\n\r\n## **Information Sharing**\r\nA \\$14 million gift, 16<sup>th</sup> MSP.\r\n**Photo**\r\n");
        assert_eq!(
            c.text,
            "PRELIMINARY\n\nInformation Sharing\nA $14 million gift, 16th MSP.\nPhoto"
        );
        assert_eq!(
            marked(&c),
            vec![
                ("PRELIMINARY", LineMark::Heading(1)),
                ("Information Sharing", LineMark::Heading(2)),
                ("Photo", LineMark::Bold)
            ]
        );
    }

    #[test]
    fn multi_line_bold_block_marks_each_line() {
        let c = clean("**Meeting of the States Parties\non the Prohibition**\n\n1 December 2010");
        assert_eq!(
            marked(&c),
            vec![
                ("Meeting of the States Parties", LineMark::Bold),
                ("on the Prohibition", LineMark::Bold)
            ]
        );
    }

    #[test]
    fn inline_bold_inside_a_sentence_is_not_a_bold_line() {
        let c = clean("7. Some **mine-affected countries** have integrated\n**mine action operators** are developing");
        assert!(c.marks.is_empty(), "{:?}", c.marks);
        assert!(c.text.starts_with("7. Some mine-affected countries have"));
    }

    #[test]
    fn rule_lines_and_form_blanks_do_not_open_bold() {
        let c = clean("__________________\n1\nUnited Nations, Treaty Series\nName: ______ here");
        assert!(c.marks.is_empty(), "{:?}", c.marks);
        assert!(c.text.contains("Name: ______ here"));
    }

    #[test]
    fn hash_without_space_is_text() {
        let c = clean("#5 on the list\nGovernment  \nof Canada\u{a0}here");
        assert!(c.marks.is_empty());
        assert_eq!(c.text, "#5 on the list\nGovernment\nof Canada here");
    }
}
