//! Bounded lazy repetitions without their cost: `[\w\- ]{0,80}?` of a Unicode
//! class compiles to eighty copies of the class's automaton (about 170 M
//! instructions per process, paid by every run that extracts). The patterns
//! here write the repetition unbounded (`*?`, `+?`) inside a capture group of
//! its own, and the bound is checked on the match.
//!
//! Why that is the same match: a leftmost-first search returns, at the leftmost
//! start where any path matches, the path a backtracker tries first. The
//! bounded pattern's paths are those of the unbounded one whose repetition is
//! within the bound, tried in the same order. So when the unbounded pattern's
//! first path at its start is within the bound, the bounded pattern returns
//! that same path; when it is not, and no other path at that start has a
//! shorter repetition (each caller's pattern says why: its choices before the
//! repetition only ever lengthen it), the bounded pattern has no match at that
//! start and the search goes on from the next one.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// The captures the pattern would give with the repetition in group `rep`
/// limited to at most `max` characters (see the module docs for when this is
/// exact).
pub fn captures_within<'h>(
    re: &Regex,
    haystack: &'h str,
    rep: usize,
    max: usize,
) -> Option<Captures<'h>> {
    let mut from = 0;
    loop {
        let c = re.captures_at(haystack, from)?;
        let within = c
            .get(rep)
            .is_none_or(|m| m.as_str().chars().nth(max).is_none());
        if within {
            return Some(c);
        }
        // no path at this start keeps the bound: try the next start
        let start = c.get(0)?.start();
        let width = haystack[start..].chars().next()?.len_utf8();
        from = start + width;
    }
}

/// The captures of `bounded` (the pattern as written, with its counted
/// repetitions) found through `unbounded` (the same pattern with them written
/// `*?`/`+?`, capture groups alike): when the unbounded pattern's match keeps
/// every bound (`within`) it is the bounded pattern's match (see the module
/// docs); else the bounded pattern is asked, compiled only then. Exact for any
/// pattern, cheap where too long repetitions are rare.
pub fn captures_or_bounded<'h>(
    unbounded: &Regex,
    bounded: &LazyLock<Regex>,
    haystack: &'h str,
    within: impl Fn(&Captures<'h>) -> bool,
) -> Option<Captures<'h>> {
    let c = unbounded.captures(haystack)?;
    if within(&c) {
        Some(c)
    } else {
        bounded.captures(haystack)
    }
}

/// How many times `[\w-]+\s+`-like repetitions (a word, then spaces) ran in
/// a captured group.
pub fn words(c: &Captures<'_>, group: usize) -> usize {
    c.get(group)
        .map_or(0, |m| m.as_str().split_whitespace().count())
}

/// How many characters a captured group holds.
pub fn chars(c: &Captures<'_>, group: usize) -> usize {
    c.get(group).map_or(0, |m| m.as_str().chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_too_long_repetition_moves_to_the_next_start() {
        // the bounded form: "(?:^|, )(\p{Lu}\w{0,3}?) x$"
        let re = Regex::new(r"(?:^|, )(\p{Lu}(\w*?)) x$").expect("test regex");
        let c = captures_within(&re, "Abcdefg, Bcd x", 2, 3).expect("a match");
        assert_eq!(&c[1], "Bcd");
        assert!(captures_within(&re, "Abcdefg x", 2, 3).is_none());
        let c = captures_within(&re, "Abcd x", 2, 3).expect("a match");
        assert_eq!(&c[1], "Abcd");
    }

    #[test]
    fn counts_characters_not_bytes() {
        let re = Regex::new(r"^(\p{Lu}(\w*?)) x$").expect("test regex");
        assert!(captures_within(&re, "Éçàü x", 2, 3).is_some());
        assert!(captures_within(&re, "Éçàüé x", 2, 3).is_none());
    }

    #[test]
    fn a_too_long_repetition_asks_the_bounded_pattern() {
        static BOUNDED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^((?:\w+ ){0,2}?)(?:a|b) (\w*)$").expect("test regex"));
        let unbounded = Regex::new(r"^((?:\w+ )*?)(?:a|b) (\w*)$").expect("test regex");
        // the unbounded pattern needs three words before "b z"; the bounded
        // one allows two and has no match
        let hay = "x y a b z";
        assert_eq!(unbounded.captures(hay).map(|c| words(&c, 1)), Some(3));
        assert!(captures_or_bounded(&unbounded, &BOUNDED, hay, |c| words(c, 1) <= 2).is_none());
        let c = captures_or_bounded(&unbounded, &BOUNDED, "x a z", |c| words(c, 1) <= 2)
            .expect("a match");
        assert_eq!((chars(&c, 1), &c[2]), (2, "z"));
    }
}
