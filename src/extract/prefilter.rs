//! Which pattern rules may match in a unit, all rules in one pass over it.
//!
//! The exact search of a rule (captures, contexts, normaliser) runs unit by unit,
//! and most (unit, rule) pairs have no match at all: each of them still costs a
//! regex call that scans the whole unit. A [`RegexSet`] of every rule's pattern
//! scans the unit once and says which rules may match in it; the exact search
//! then runs only for those.
//!
//! Why this is exact: the set holds each rule's pattern, parsed with the rule's
//! own flags, with every character class that holds non-ASCII characters
//! widened to its ASCII part plus every non-ASCII character (see [`widen`]). A
//! regular expression only ever matches more when one of its classes grows, so
//! the set reports pattern `i` at least wherever `Regex::is_match` would, and
//! is run on the same haystack (the unit's text) as the exact search. The exact
//! search of a rule finds nothing precisely when its first
//! `captures_at(unit, 0)` finds nothing, so skipping the units the set rules
//! out changes nothing; a unit it lets through is searched exactly.
//!
//! Why widened: Unicode classes (`\p{Lu}`, `\p{L}`, Unicode `\w`) are hundreds
//! of byte ranges each, and the union DFA of every pattern with them grew
//! states that cost far more to build than the search they guide (the set's
//! lazy DFA took most of a first pass over new text). The widened classes are
//! a few UTF-8 ranges, and the records are mostly ASCII, where the widened set
//! decides exactly as the verbatim one.
//!
//! (A first version scanned the whole document once per rule with anchors relaxed
//! and word boundaries checked at unit edges. A whole-document DFA pass per rule
//! cost as much as the per-unit searches it saved; one pass of the set per unit
//! costs a fraction of it and needs no reasoning about unit edges.)

use std::sync::OnceLock;

use regex::{RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Capture, Class, ClassUnicodeRange, Hir, HirKind, Repetition};

/// Lazy-DFA cache of a set. A cache that is too small is cleared over and over
/// and the search falls back to a far slower engine; the cache only grows to
/// this size on text that needs it. The organisation and person patterns with
/// Unicode letter classes (session 7) outgrew 32 MiB: `bench_extract` fell to
/// 2.0 MB/s (58x a sentence split) with 41% of the time determinizing; 64 MiB
/// gives 5.8 MB/s (22x), 128 MiB no more (5.4 MB/s), on a quiet machine.
const SET_DFA_BYTES: usize = 64 << 20;

/// The compiled pattern rules as one set of widened patterns (the flags of
/// each are part of its widened text), built the first time a unit is
/// searched: a quarter of loading the rules, which a run that extracts no
/// record (nothing changed, or a rule edit no record can feel) need not pay.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// Each `(pattern as compiled, case_insensitive)`, in rule-set order.
    patterns: Vec<(String, bool)>,
    built: OnceLock<BuiltSet>,
}

/// A [`PatternSet`] as searched.
#[derive(Debug, Clone, Default)]
struct BuiltSet {
    /// Each set with the index (in rule-set order) of each of its patterns.
    sets: Vec<(RegexSet, Vec<usize>)>,
    /// Rules no set holds (it could not be built): searched in every unit.
    always: Vec<usize>,
}

impl PatternSet {
    /// The set of `patterns`, each `(pattern as compiled, case_insensitive)`, in
    /// rule-set order, each widened by [`widen`] (flags applied as it is
    /// parsed, so that one set holds them all) when first searched. Never
    /// fails: patterns whose set cannot be built (size limits) are searched in
    /// every unit.
    pub fn new(patterns: &[(String, bool)]) -> PatternSet {
        PatternSet {
            patterns: patterns.to_vec(),
            built: OnceLock::new(),
        }
    }

    fn built(&self) -> &BuiltSet {
        self.built.get_or_init(|| BuiltSet::new(&self.patterns))
    }

    /// Sets `hit[i]` for every pattern `i` that matches somewhere in `unit`
    /// (other entries are left as they are).
    pub fn matching(&self, unit: &str, hit: &mut [bool]) {
        self.built().matching(unit, hit);
    }
}

impl BuiltSet {
    fn new(patterns: &[(String, bool)]) -> BuiltSet {
        let mut out = BuiltSet::default();
        let mut idx = Vec::new();
        let mut pats = Vec::new();
        for (i, (p, ci)) in patterns.iter().enumerate() {
            match widened(p, *ci) {
                Some(w) => {
                    idx.push(i);
                    pats.push(w);
                }
                None => out.always.push(i),
            }
        }
        if idx.is_empty() {
            return out;
        }
        let built = RegexSetBuilder::new(&pats)
            .size_limit((64usize << 20).saturating_mul(pats.len()))
            .dfa_size_limit(SET_DFA_BYTES)
            .build();
        match built {
            Ok(set) => out.sets.push((set, idx)),
            Err(_) => out.always.extend(idx),
        }
        out
    }

    fn matching(&self, unit: &str, hit: &mut [bool]) {
        for (set, idx) in &self.sets {
            for k in set.matches(unit).iter() {
                if let Some(slot) = idx.get(k).and_then(|&i| hit.get_mut(i)) {
                    *slot = true;
                }
            }
        }
        for &i in &self.always {
            if let Some(slot) = hit.get_mut(i) {
                *slot = true;
            }
        }
    }
}

/// `pattern`, parsed as `regex` compiles it with case folding `ci`, with its
/// classes widened by [`widen`], written back as a pattern (flags included);
/// `None` when it does not parse.
fn widened(pattern: &str, ci: bool) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ci)
        .build()
        .parse(pattern)
        .ok()?;
    Some(widen(hir).to_string())
}

/// `hir` with every class that holds a non-ASCII character replaced by its
/// ASCII part plus all of U+0080..U+10FFFF: a superset of the class, so the
/// whole expression matches wherever `hir` does (an expression has no
/// negation once parsed: negated classes are already resolved to ranges).
fn widen(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(mut c)) => {
            if c.ranges().last().is_some_and(|r| r.end() > '\x7F') {
                c.push(ClassUnicodeRange::new('\u{80}', '\u{10FFFF}'));
            }
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(c) => Hir::class(c),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(widen(*r.sub)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(widen(*c.sub)),
            ..c
        }),
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(widen).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(widen).collect()),
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;

    use crate::extract::sentences::{Unit, UnitKind};
    use crate::extract::{candidates, RuleSet, UnitHits, Values};
    use crate::model::Span;

    /// Rules whose outcome depends on what a unit hides at its edges (anchors of
    /// every kind, word boundaries, matches that would cross units), with groups,
    /// case folding and patterns that match the empty string.
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
        let (f, triggers) = candidates(
            text,
            units,
            only.clone(),
            rules,
            date,
            dates_only,
            Values::OfAll,
            &mut UnitHits::default(),
        );
        let (e, _) = candidates(
            text,
            units,
            only,
            &exhaustive,
            date,
            dates_only,
            Values::OfAll,
            &mut UnitHits::default(),
        );
        // a statement rule skips a unit only where its trigger finds nothing
        for (ui, u) in units.iter().enumerate() {
            let unit = text.get(u.span.start..u.span.end).unwrap_or("");
            for (ri, r) in rules.statements.iter().enumerate() {
                if !triggers.may_match(ui, ri) {
                    assert!(!r.trigger.is_match(unit), "{} skipped in {unit:?}", r.name);
                }
            }
        }
        (format!("{f:?}"), format!("{e:?}"))
    }

    #[test]
    fn the_set_reports_each_pattern_wherever_its_own_regex_would() {
        let pats: Vec<(String, bool)> = [
            (r"^\d{4}", false),
            (r"ab$", false),
            (r"\bab\b", false),
            (r"ÉB", true),
            (r"a*", false),
            (r"Mr", true),
            (r"\p{Lu}\w+ [^\p{L}]", false),
            (r"(?i:x)(?-u:\b)y", false),
        ]
        .iter()
        .map(|(p, c)| (p.to_string(), *c))
        .collect();
        let set = PatternSet::new(&pats);
        assert_eq!(set.built().sets.len(), 1, "one set holds every flag");
        assert!(set.built().always.is_empty());
        let hays = [
            "2015 ab", "x2015 ab", "ab", "xab", "éb mr", "", "MR 1999", "Éva Ki!", "Eva Ki!",
            "éva ki!", "Ab c9", "X y", "Xy",
        ];
        for hay in hays {
            let mut hit = vec![false; pats.len()];
            set.matching(hay, &mut hit);
            for (i, (p, ci)) in pats.iter().enumerate() {
                let re = regex::RegexBuilder::new(p).case_insensitive(*ci).build();
                let re = re.unwrap_or_else(|e| panic!("{e}"));
                if re.is_match(hay) {
                    assert!(hit[i], "{p} missed on {hay:?}");
                } else if hay.is_ascii() {
                    // widening only adds non-ASCII characters
                    assert!(!hit[i], "{p} reported on ASCII {hay:?}");
                }
            }
        }
    }

    #[test]
    fn unicode_classes_are_widened_to_every_non_ascii_character() {
        let pats = vec![(r"\p{Lu}[a-z]".to_string(), false)];
        let set = PatternSet::new(&pats);
        let mut hit = vec![false];
        // "é" is no upper-case letter: the set lets the unit through, and the
        // rule's own search finds nothing in it
        set.matching("éa", &mut hit);
        assert_eq!(hit, [true]);
        hit[0] = false;
        set.matching("aa", &mut hit);
        assert_eq!(hit, [false]);
        assert_eq!(
            widened(r"\p{Lu}", false).as_deref(),
            Some("[A-Z\u{80}-\u{10FFFF}]")
        );
    }

    #[test]
    fn a_pattern_too_big_for_a_set_is_searched_everywhere() {
        let mut hit = vec![false; 2];
        let set = PatternSet {
            patterns: Vec::new(),
            built: OnceLock::from(BuiltSet {
                sets: Vec::new(),
                always: vec![1],
            }),
        };
        set.matching("anything", &mut hit);
        assert_eq!(hit, [false, true]);
    }

    #[test]
    fn a_match_hidden_in_the_whole_text_is_found_in_its_unit() {
        // in the whole text `a[ab]*b` matches "abab" once, starting in the first
        // unit; the second unit's own search finds its "ab"
        let text = "abab";
        let units = [unit(0, 2), unit(2, 4)];
        let (f, e) = both(text, &units, 0..2, &EDGE, false);
        assert_eq!(f, e);
        assert!(f.contains("span: Span { start: 2, end: 4 }"), "{f}");
    }

    #[test]
    fn units_touching_word_characters_are_searched() {
        // no `\bab\b` in "xaby" as a whole; the unit "ab" alone is a word
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

        #[test]
        fn answers_kept_by_a_dates_pass_give_the_main_pass_its_own_candidates(
            (text, units) in text_and_units(),
            cut in 0usize..8,
        ) {
            let n = units.len();
            let date = crate::date::Date::new(2015, 2, 17);
            let run = |memo: &mut UnitHits| {
                let (c, t) = candidates(&text, &units, 0..n, &PROJECT, date, false, Values::OfAll, memo);
                let triggers: Vec<bool> = (0..n)
                    .flat_map(|u| (0..PROJECT.statements.len()).map(move |r| (u, r)))
                    .map(|(u, r)| t.may_match(u, r))
                    .collect();
                (format!("{c:?}"), triggers)
            };
            let alone = run(&mut UnitHits::default());
            let mut memo = UnitHits::default();
            let part = n.saturating_sub(cut);
            candidates(&text, &units, 0..part, &PROJECT, None, true, Values::OfWinners, &mut memo);
            prop_assert_eq!(run(&mut memo), alone);
        }
    }
}
