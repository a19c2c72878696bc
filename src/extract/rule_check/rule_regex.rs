//! A rule's regular expression as agendex builds it: macros expanded, word
//! boundaries made ASCII, syntax checked when the rules load (in the regex
//! crate's words), automata built on first use.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind};

use crate::extract::macros::Macros;

/// `\b` and `\B` outside character classes become ASCII word boundaries: the
/// lazy DFA cannot run Unicode boundaries on non-ASCII text (dashes, curly
/// quotes) and falls back to an engine ten times slower. Letters next to a
/// boundary in these records are ASCII; `\p{..}` classes stay Unicode-aware.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if in_class == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    // `\b{start}`, `\b{end}`, `\b{start-half}`: the brace goes inside too
                    if b == 'b' && chars.peek() == Some(&'{') {
                        for n in chars.by_ref() {
                            out.push(n);
                            if n == '}' {
                                break;
                            }
                        }
                    }
                    out.push(')');
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class += 1;
                out.push(c);
                // a leading `]` or `^]` is a literal
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn compile_regex(pattern: &str, macros: &Macros, ci: bool) -> Result<Regex, String> {
    build_regex(&expand(pattern, macros)?, ci)
}

/// `pattern` as its regex is built: macros expanded, word boundaries ASCII.
pub(super) fn expand(pattern: &str, macros: &Macros) -> Result<String, String> {
    Ok(ascii_word_boundaries(&macros.expand(pattern)?))
}

/// `expanded` parsed as [`build_regex`] parses it, without building its
/// automata: every syntax error, in the same words.
pub(super) fn parse_regex(expanded: &str, ci: bool) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(ci)
        .build()
        .parse(expanded)
        .map_err(|e| regex_message(&e.to_string()))
}

/// True when `hir` has a capture group named `m`.
pub(super) fn has_group_m(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some("m") || has_group_m(&c.sub),
        HirKind::Repetition(r) => has_group_m(&r.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_group_m),
        _ => false,
    }
}

/// A regex error as a rule problem: its last line.
fn regex_message(msg: &str) -> String {
    let last = msg.lines().last().unwrap_or("").trim().to_string();
    format!("bad regular expression: {last}")
}

/// Builds a rule's regex (pattern rules build theirs on first use).
pub(crate) fn build_regex(expanded: &str, ci: bool) -> Result<Regex, String> {
    RegexBuilder::new(expanded)
        .case_insensitive(ci)
        .size_limit(64 << 20)
        // patterns built from gazetteer macros and Unicode classes have large
        // reverse DFA states: in the default 2 MiB cache they were cleared and
        // rebuilt every round (a third of a warm `bench_extract` round); the
        // cache only grows to this on text that needs it
        .dfa_size_limit(32 << 20)
        .build()
        .map_err(|e| regex_message(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_outside_classes() {
        assert_eq!(ascii_word_boundaries(r"\bab\B"), r"(?-u:\b)ab(?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"[\d\]b]\\b"), r"[\d\]b]\\b");
        assert_eq!(ascii_word_boundaries(r"[]a]\b"), r"[]a](?-u:\b)");
    }

    #[test]
    fn braced_word_boundaries_stay_valid() {
        let p = ascii_word_boundaries(r"\b{start}Japan\b{end}|\b{start-half}UN\b{end-half}");
        assert_eq!(
            p,
            r"(?-u:\b{start})Japan(?-u:\b{end})|(?-u:\b{start-half})UN(?-u:\b{end-half})"
        );
        let re = regex::Regex::new(&p).expect("a valid regex");
        assert!(re.is_match("Japan said"));
        assert!(!re.is_match("Japanese"));
        assert!(re.is_match("the UN-led"));
    }
}
