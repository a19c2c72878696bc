//! Which units a pattern rule can match in, from one scan of the document.
//!
//! The exact search (captures, contexts, normaliser) runs unit by unit, and most
//! (unit, rule) pairs have no match at all: each of them still costs a regex call
//! and its set-up. One leftmost-first scan of the text per rule costs one pass of
//! the lazy DFA and tells which units can hold a match; the exact search then runs
//! only in those, so the candidates are the same as without the filter.
//!
//! Why the filter is exact (never drops a unit that has a match). A unit `[a, b]`
//! is searched as a haystack of its own. A match `[i, j]` found there consumes only
//! characters inside `[a, b]`; it differs from a match in the whole text only
//! through the assertions on its path, and an assertion can only judge
//! differently at `a` (the unit hides the character before it) or at `b` (it hides
//! the character after it):
//!
//! * text and line anchors (`^ $ \A \z`, with or without `(?m)`) are replaced by
//!   the empty expression in the scanning regex: the scan accepts every path the
//!   unit search accepts, whatever the anchors decided there;
//! * a word boundary (`\b \B \< \>` and their halves) at `a` judges the same in
//!   both haystacks when the character before `a` is not a word character (the
//!   unit search sees "no character", which is not a word character either), and
//!   likewise at `b`; units next to a word character are always searched.
//!
//! So every match of the unit search is a match of the scanning regex in the
//! whole text. The scan reports the leftmost-first match from each position it
//! resumes at, so a match starting at `i` is either reported, or hidden inside a
//! reported match `[s, e)` with `s <= i < e`; either way a reported match touches
//! `[a, b]`, and every unit touched by a reported match is searched.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{Hir, HirKind, Look, Repetition};

use super::sentences::Unit;

/// How to find the units where one pattern rule can match.
#[derive(Debug, Clone)]
pub struct UnitFilter {
    /// The pattern with its anchors relaxed and its groups dropped; `None` lets
    /// every unit through (the relaxed pattern matches the empty string, so the
    /// scan would mark everything anyway, or it could not be built).
    scan: Option<Regex>,
    /// The pattern has word-boundary assertions: units next to a word character
    /// are searched whatever the scan says.
    word_edges: bool,
}

impl UnitFilter {
    /// A filter that lets every unit through.
    pub fn all() -> UnitFilter {
        UnitFilter {
            scan: None,
            word_edges: false,
        }
    }

    /// The filter for `pattern` (macros expanded, exactly as compiled for the
    /// rule) compiled with `case_insensitive` = `ci`. Never fails: a pattern the
    /// filter cannot reason about gets [`UnitFilter::all`].
    pub fn new(pattern: &str, ci: bool) -> UnitFilter {
        // the same syntax options as `regex::RegexBuilder` with defaults, so the
        // HIR is the one the rule's own regex was built from
        let Ok(hir) = regex_syntax::ParserBuilder::new()
            .case_insensitive(ci)
            .build()
            .parse(pattern)
        else {
            return UnitFilter::all();
        };
        let mut word_edges = false;
        let relaxed = relax(&hir, &mut word_edges);
        if relaxed.properties().minimum_len() == Some(0) {
            return UnitFilter::all();
        }
        // case folding is already in the HIR's classes: no flag on the printed form
        match RegexBuilder::new(&relaxed.to_string())
            .size_limit(64 << 20)
            .build()
        {
            Ok(scan) => UnitFilter {
                scan: Some(scan),
                word_edges,
            },
            Err(_) => UnitFilter::all(),
        }
    }

    /// True when the filter lets every unit through.
    pub fn is_all(&self) -> bool {
        self.scan.is_none()
    }

    /// Sets `may[k]` to true when the pattern can match in unit `units[only.start + k]`
    /// (entries already true stay true). `may` has one entry per unit of `only`.
    pub fn mark(&self, text: &str, units: &[Unit], only: Range<usize>, may: &mut [bool]) {
        let Some(scan) = &self.scan else {
            may.fill(true);
            return;
        };
        let Some(us) = units.get(only) else {
            may.fill(true);
            return;
        };
        // the sweep below walks units and matches together, in text order
        let ordered = us.windows(2).all(|w| w[0].span.end <= w[1].span.start)
            && us.iter().all(|u| u.span.start <= u.span.end);
        let (Some(first), Some(last)) = (us.first(), us.last()) else {
            return;
        };
        // ending the haystack at the last unit's end changes nothing inside the
        // units: the last one sees no character after it in its own search either
        let hay = text.get(..last.span.end).filter(|_| ordered);
        let Some(hay) = hay else {
            may.fill(true);
            return;
        };
        let mut pos = first.span.start;
        let mut k = 0;
        while pos <= hay.len() {
            let Some(m) = scan.find_at(hay, pos) else {
                break;
            };
            // later matches start further right: units ending before this one are done
            while us.get(k).is_some_and(|u| u.span.end < m.start()) {
                k += 1;
            }
            let mut j = k;
            while us.get(j).is_some_and(|u| u.span.start <= m.end()) {
                if let Some(slot) = may.get_mut(j) {
                    *slot = true;
                }
                j += 1;
            }
            pos = if m.end() > m.start() {
                m.end()
            } else {
                // an empty match: resume one character further
                m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8)
            };
        }
        if self.word_edges {
            for (u, slot) in us.iter().zip(may.iter_mut()) {
                let before = text.get(..u.span.start).and_then(|t| t.chars().next_back());
                let after = text.get(u.span.end..).and_then(|t| t.chars().next());
                if before.is_some_and(wordish) || after.is_some_and(wordish) {
                    *slot = true;
                }
            }
        }
    }
}

/// A character a word boundary may count as a word character: ASCII `\w`, and
/// anything beyond ASCII (Unicode `\w` is large; being wrong here only costs a
/// search).
fn wordish(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii()
}

/// `hir` with text and line anchors replaced by the empty expression and capture
/// groups by their content; `word` is set when a word-boundary assertion remains.
fn relax(hir: &Hir, word: &mut bool) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
        HirKind::Look(look) => match look {
            Look::Start
            | Look::End
            | Look::StartLF
            | Look::EndLF
            | Look::StartCRLF
            | Look::EndCRLF => Hir::empty(),
            Look::WordAscii
            | Look::WordAsciiNegate
            | Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartAscii
            | Look::WordEndAscii
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfAscii
            | Look::WordEndHalfAscii
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode => {
                *word = true;
                hir.clone()
            }
        },
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(relax(&r.sub, word)),
        }),
        // groups do not change where a regex matches, and a scan without them is
        // cheaper to build
        HirKind::Capture(c) => relax(&c.sub, word),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|h| relax(h, word)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|h| relax(h, word)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;
    use crate::extract::sentences::UnitKind;
    use crate::extract::{candidates, RuleSet};
    use crate::model::Span;

    /// Rules whose outcome depends on what a unit hides at its edges: anchors of
    /// every kind, word boundaries, matches that cross units, groups, case folding.
    const EDGE_RULES: &str = r#"
[defaults]
entity = "t"

[[rule]]
name = "start"
pattern = '''^\d{4}'''
[[rule]]
name = "end"
pattern = '''ab$'''
[[rule]]
name = "line-start"
pattern = '''(?m)^b+'''
[[rule]]
name = "line-end"
pattern = '''(?m)a$'''
[[rule]]
name = "text-start-end"
pattern = '''\Aab|b\z'''
[[rule]]
name = "word"
pattern = '''\bab\b'''
[[rule]]
name = "not-word"
pattern = '''\Bb\B'''
[[rule]]
name = "word-halves"
pattern = '''\<x|y\>'''
[[rule]]
name = "year-alone"
pattern = '''(?:^|[^/\w.])(?P<m>\d{4})(?:$|[^/\w])'''
[[rule]]
name = "greedy"
pattern = '''a[ab]*b'''
[[rule]]
name = "across"
pattern = '''b.a|x\s+y'''
[[rule]]
name = "folded"
pattern = '''é+B'''
case_insensitive = true
[[rule]]
name = "maybe-empty"
pattern = '''a*'''
[[rule]]
name = "anchor-only"
pattern = '''^|$'''
"#;

    static EDGE: LazyLock<RuleSet> = LazyLock::new(|| {
        RuleSet::from_sources(&[("edge.toml", EDGE_RULES)]).unwrap_or_else(|e| panic!("{e}"))
    });

    static PROJECT: LazyLock<RuleSet> = LazyLock::new(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        RuleSet::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    });

    fn unit(start: usize, end: usize) -> Unit {
        Unit {
            span: Span::new(start, end),
            segment: 0,
            kind: UnitKind::Sentence,
        }
    }

    /// Candidates with and without the prefilter, as comparable text.
    fn both(
        text: &str,
        units: &[Unit],
        only: Range<usize>,
        rules: &RuleSet,
        dates_only: bool,
    ) -> (String, String) {
        let exhaustive = rules.without_prefilter();
        let date = crate::date::Date::new(2015, 2, 17);
        let f = candidates(text, units, only.clone(), rules, date, dates_only);
        let e = candidates(text, units, only, &exhaustive, date, dates_only);
        (format!("{f:?}"), format!("{e:?}"))
    }

    #[test]
    fn anchors_are_relaxed_and_groups_dropped() {
        let f = UnitFilter::new(r"(?:^|[^/\w.])(?P<m>\d{4})(?:$|/)", false);
        let scan = f.scan.as_ref().map(|r| r.as_str().to_string());
        let scan = scan.unwrap_or_default();
        assert!(!scan.contains("?P<"), "{scan}");
        assert!(!f.word_edges);
        let re = Regex::new(&scan).unwrap_or_else(|e| panic!("{e}"));
        // after a dot, where `^` fails in the whole text but holds at a unit start
        assert_eq!(re.find("x.2015/").map(|m| m.as_str()), Some("2015"));
        assert!(
            !Regex::new(r"(?:^|[^/\w.])(?P<m>\d{4})(?:$|/)").is_ok_and(|r| r.is_match("x.2015/"))
        );
    }

    #[test]
    fn word_boundaries_are_kept_and_noted() {
        let f = UnitFilter::new(r"(?-u:\b)ab\B", false);
        assert!(f.word_edges && !f.is_all());
        let f = UnitFilter::new(r"ab", true);
        assert!(!f.word_edges && !f.is_all());
        for half in [r"\b{start-half}a", r"a\b{end}", r"\<a", r"a\>"] {
            assert!(UnitFilter::new(half, false).word_edges, "{half}");
        }
    }

    #[test]
    fn patterns_that_match_the_empty_string_search_every_unit() {
        assert!(UnitFilter::new("a*", false).is_all());
        assert!(UnitFilter::new("^", false).is_all());
        assert!(UnitFilter::new("(", false).is_all());
    }

    #[test]
    fn a_unit_reached_only_by_a_match_from_the_unit_before_is_searched() {
        // in the whole text `a[ab]*b` matches "abab" once, starting in the first
        // unit: the second unit's own "ab" is hidden inside that match
        let text = "abab";
        let units = [unit(0, 2), unit(2, 4)];
        let (f, e) = both(text, &units, 0..2, &EDGE, false);
        assert_eq!(f, e);
        assert!(f.contains("span: Span { start: 2, end: 4 }"), "{f}");
    }

    #[test]
    fn units_touching_word_characters_are_searched() {
        // "xab" whole: no \bab\b at 1; unit "ab" alone: a word
        let text = "xaby";
        let units = [unit(1, 3)];
        let (f, e) = both(text, &units, 0..1, &EDGE, false);
        assert_eq!(f, e);
        assert!(f.contains("start: 1, end: 3"), "{f}");
    }

    #[test]
    fn units_starting_after_a_slash_find_their_anchored_year() {
        let text = "A/2015 x";
        let units = [unit(0, 1), unit(2, 6)];
        let (f, e) = both(text, &units, 0..2, &EDGE, false);
        assert_eq!(f, e);
        assert!(f.contains("start: 2, end: 6"), "{f}");
    }

    /// Pieces of text that make unit edges touch word characters, slashes, dots,
    /// newlines and multi-byte letters.
    const PIECES: &[&str] = &[
        "a",
        "b",
        "ab",
        "x",
        "y",
        "_",
        "é",
        "É",
        "B",
        " ",
        " ",
        "\n",
        "\r\n",
        ".",
        "/",
        ",",
        "2015",
        "1999",
        "12",
        "$",
        "-",
        "–",
        "Mr ",
        "Ms. ",
        "Jan ",
        "May ",
        "June 2015",
        "3 March 2014",
        "USD 5 million",
        "€12",
        " and ",
        "Ambassador ",
        "Titov",
        "next year",
        "to",
    ];

    /// A text and sorted, disjoint units whose edges fall anywhere between pieces.
    fn text_and_units() -> impl Strategy<Value = (String, Vec<Unit>)> {
        (
            prop::collection::vec(prop::sample::select(PIECES), 0..40),
            prop::collection::vec(any::<bool>(), 0..41),
        )
            .prop_map(|(pieces, cut)| {
                let mut text = String::new();
                let mut cuts = Vec::new();
                for (i, p) in pieces.iter().enumerate() {
                    if cut.get(i).copied().unwrap_or(false) {
                        cuts.push(text.len());
                    }
                    text.push_str(p);
                }
                if cut.get(pieces.len()).copied().unwrap_or(false) {
                    cuts.push(text.len());
                }
                let units = cuts
                    .chunks(2)
                    .map(|c| unit(c[0], *c.last().unwrap_or(&c[0])));
                (text, units.collect())
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn edge_rules_give_the_same_candidates((text, units) in text_and_units(), cut in 0usize..8) {
            let n = units.len();
            let (f, e) = both(&text, &units, 0..n, &EDGE, false);
            prop_assert_eq!(f, e);
            // a leading part, as the header-date pass runs it
            let part = n.saturating_sub(cut);
            let (f, e) = both(&text, &units, 0..part, &EDGE, false);
            prop_assert_eq!(f, e);
        }

        #[test]
        fn project_rules_give_the_same_candidates((text, units) in text_and_units(), cut in 0usize..8) {
            let n = units.len();
            let (f, e) = both(&text, &units, 0..n, &PROJECT, false);
            prop_assert_eq!(f, e);
            let part = n.saturating_sub(cut);
            let (f, e) = both(&text, &units, 0..part, &PROJECT, true);
            prop_assert_eq!(f, e);
        }
    }
}
