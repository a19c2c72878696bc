//! Gazetteers: every alias of every list matched at once with Aho-Corasick, then
//! kept only on word boundaries.
//!
//! Case: aliases match as written (so "US" is not "us"); a variant in capitals is
//! added for every alias holding lower-case letters, so that all-caps headings
//! ("MINE ACTION SUPPORT GROUP", "GENEVA") are found. Apostrophes match in both
//! forms (' and ’). An all-capitals acronym may carry a plural or possessive "s"
//! ("UNDPs"). Adjectives ("Japanese") count only before an institution noun
//! ("Japanese Mission"), and then the mention covers both words.
//!
//! Line breaks: a name broken across two lines of a layout conversion ("the
//! International Committee of the Red\n      Cross") is found: every run of spaces
//! holding at most one line break counts as one space. A blank line (a paragraph
//! break) still separates words.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::Span;

/// One entry, compiled.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Canonical name.
    pub canonical: String,
    /// Attributes (iso3, full_name, ...).
    pub attrs: BTreeMap<String, String>,
}

/// One gazetteer, compiled.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Index of its source (name, entity, priority) in the rule set.
    pub source: usize,
    /// Entries.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy)]
struct PatInfo {
    gaz: usize,
    entry: usize,
    adjective: bool,
    acronym: bool,
}

/// All gazetteers of a rule set behind one automaton.
#[derive(Debug, Clone, Default)]
pub struct GazetteerIndex {
    /// The gazetteers.
    pub gazetteers: Vec<Gazetteer>,
    ac: Option<AhoCorasick>,
    pats: Vec<PatInfo>,
    nouns: Vec<String>,
}

/// A raw gazetteer hit.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Which gazetteer (index into `gazetteers`).
    pub gaz: usize,
    /// Which entry.
    pub entry: usize,
    /// Where, relative to the searched text.
    pub span: Span,
}

/// Surface variants of an alias: as written, in capitals, with either apostrophe.
fn variants(alias: &str) -> Vec<String> {
    let mut v = vec![alias.to_string()];
    if alias.chars().any(|c| c.is_lowercase()) {
        v.push(alias.to_uppercase());
    }
    let more: Vec<String> = v
        .iter()
        .flat_map(|a| {
            let mut out = Vec::new();
            if a.contains('\'') {
                out.push(a.replace('\'', "’"));
            }
            if a.contains('’') {
                out.push(a.replace('’', "'"));
            }
            out
        })
        .collect();
    v.extend(more);
    v.sort();
    v.dedup();
    v
}

fn is_acronym(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && s.chars().all(|c| !c.is_lowercase())
}

impl GazetteerIndex {
    /// Builds the automaton. `lists[i]` holds, per entry, its aliases and adjectives.
    pub fn build(
        gazetteers: Vec<Gazetteer>,
        lists: &[Vec<(Vec<String>, Vec<String>)>],
        nouns: Vec<String>,
    ) -> Result<GazetteerIndex, String> {
        let mut patterns: Vec<String> = Vec::new();
        let mut pats = Vec::new();
        for (g, entries) in lists.iter().enumerate() {
            for (e, (aliases, adjectives)) in entries.iter().enumerate() {
                for (list, adjective) in [(aliases, false), (adjectives, true)] {
                    for a in list {
                        if a.trim().is_empty() {
                            continue;
                        }
                        for v in variants(a) {
                            pats.push(PatInfo {
                                gaz: g,
                                entry: e,
                                adjective,
                                acronym: is_acronym(&v) && !adjective,
                            });
                            patterns.push(v);
                        }
                    }
                }
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    // the default kind (a contiguous NFA for this many
                    // aliases): a full DFA searched 0.56x the instructions but
                    // took 285 M instructions and 18 MB more to build, paid by
                    // every `agendex extract` and rule-edit run
                    .build(&patterns)
                    .map_err(|e| format!("cannot build the gazetteer automaton: {e}"))?,
            )
        };
        Ok(GazetteerIndex {
            gazetteers,
            ac,
            pats,
            nouns,
        })
    }

    /// Every alias occurrence on word boundaries in `text` (overlaps included:
    /// overlap resolution decides), spaces and single line breaks between the
    /// words of an alias counting as one space.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        if self.ac.is_none() {
            return Vec::new();
        }
        let folded = FoldedSpaces::new(text);
        let mut hits = self.find_exact(&folded.text);
        for h in &mut hits {
            h.span = Span::new(
                folded.original(h.span.start),
                folded.original_end(h.span.end),
            );
        }
        hits
    }

    fn find_exact(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let Some(info) = self.pats.get(m.pattern().as_usize()) else {
                continue;
            };
            let (s, mut e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-' && !text[..s].ends_with(" -"))
            {
                continue;
            }
            let mut after = text[e..].chars().next();
            if info.acronym && after == Some('s') {
                let after2 = text[e + 1..].chars().next();
                if !after2.is_some_and(|c| c.is_alphanumeric()) {
                    e += 1;
                    after = after2;
                }
            }
            if after.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            if info.adjective {
                // the next word must be an institution noun
                let rest = &text[e..];
                let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
                if trimmed.len() == rest.len() {
                    continue;
                }
                let word: String = trimmed.chars().take_while(|c| c.is_alphabetic()).collect();
                if !self.nouns.contains(&word) {
                    continue;
                }
                e += (rest.len() - trimmed.len()) + word.len();
            }
            hits.push(Hit {
                gaz: info.gaz,
                entry: info.entry,
                span: Span::new(s, e),
            });
        }
        hits
    }
}

/// A text whose runs of spaces with at most one line break are folded to one
/// space, with the way back to the original offsets.
struct FoldedSpaces<'a> {
    /// Borrowed when nothing was folded (most sentences): no copy at all.
    text: std::borrow::Cow<'a, str>,
    /// (offset in the folded text, bytes removed before it so far), one per fold
    shifts: Vec<(usize, usize)>,
}

impl<'a> FoldedSpaces<'a> {
    fn new(text: &'a str) -> FoldedSpaces<'a> {
        let mut out = String::new();
        let mut shifts = Vec::new();
        let mut removed = 0;
        let bytes = text.as_bytes();
        let is_space = |b: u8| matches!(b, b' ' | b'\n' | b'\t' | b'\r');
        // `copied..i` is text not yet copied: it is copied in one piece at each
        // fold (a per-character copy cost as much as the automaton's search)
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            if !is_space(bytes[i]) {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut breaks = 0;
            while j < bytes.len() && is_space(bytes[j]) {
                breaks += usize::from(bytes[j] == b'\n');
                j += 1;
            }
            if j - i > 1 && breaks <= 1 {
                if out.capacity() == 0 {
                    out.reserve(text.len());
                }
                // ASCII bytes: `copied`, `i` and `j` are character boundaries
                out.push_str(&text[copied..i]);
                out.push(' ');
                removed += j - i - 1;
                shifts.push((out.len(), removed));
                copied = j;
            }
            i = j;
        }
        let text = if shifts.is_empty() {
            std::borrow::Cow::Borrowed(text)
        } else {
            out.push_str(&text[copied..]);
            std::borrow::Cow::Owned(out)
        };
        FoldedSpaces { text, shifts }
    }

    /// The original offset of folded offset `at` (a character start).
    fn original(&self, at: usize) -> usize {
        let k = self.shifts.partition_point(|&(pos, _)| pos <= at);
        at + if k == 0 { 0 } else { self.shifts[k - 1].1 }
    }

    /// The original end of a span ending at folded offset `end` (after a
    /// non-space character, so the spaces that follow are not included).
    fn original_end(&self, end: usize) -> usize {
        if end == 0 {
            return 0;
        }
        self.original(end - 1) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> GazetteerIndex {
        let g = vec![Gazetteer {
            source: 0,
            entries: vec![
                Entry {
                    canonical: "Japan".into(),
                    attrs: BTreeMap::new(),
                },
                Entry {
                    canonical: "UNDP".into(),
                    attrs: BTreeMap::new(),
                },
                Entry {
                    canonical: "Côte d'Ivoire".into(),
                    attrs: BTreeMap::new(),
                },
            ],
        }];
        let lists = vec![vec![
            (vec!["Japan".to_string()], vec!["Japanese".to_string()]),
            (vec!["UNDP".to_string()], vec![]),
            (vec!["Côte d'Ivoire".to_string()], vec![]),
        ]];
        match GazetteerIndex::build(g, &lists, vec!["Mission".into(), "Government".into()]) {
            Ok(i) => i,
            Err(e) => panic!("{e}"),
        }
    }

    fn found(text: &str) -> Vec<&str> {
        index()
            .find(text)
            .into_iter()
            .map(|h| &text[h.span.start..h.span.end])
            .collect()
    }

    #[test]
    fn word_boundaries_case_and_adjectives() {
        assert_eq!(
            found("Japan and JAPAN, Japanese Mission"),
            vec!["Japan", "JAPAN", "Japanese Mission"]
        );
        assert!(found("Japanese food").is_empty());
        assert!(found("Japanland").is_empty());
        assert_eq!(found("UNDPs mandate"), vec!["UNDPs"]);
        assert_eq!(found("in Côte d’Ivoire."), vec!["Côte d’Ivoire"]);
    }

    #[test]
    fn names_broken_across_lines_are_found_with_their_original_span() {
        let text = "the Côte\n        d'Ivoire   and  UNDP";
        assert_eq!(found(text), vec!["Côte\n        d'Ivoire", "UNDP"]);
        // a blank line is a paragraph break, not a space inside a name
        assert!(found("Côte\n\nd'Ivoire").is_empty());
    }

    /// The folding as first written (one character copied at a time): the
    /// reference the faster folding must equal.
    fn reference_fold(text: &str) -> (String, Vec<(usize, usize)>) {
        let mut out = String::new();
        let mut shifts = Vec::new();
        let mut removed = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if matches!(bytes[i], b' ' | b'\n' | b'\t' | b'\r') {
                let mut j = i;
                let mut breaks = 0;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\n' | b'\t' | b'\r') {
                    breaks += usize::from(bytes[j] == b'\n');
                    j += 1;
                }
                if j - i > 1 && breaks <= 1 {
                    out.push(' ');
                    removed += j - i - 1;
                    shifts.push((out.len(), removed));
                } else {
                    out.push_str(&text[i..j]);
                }
                i = j;
            } else {
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&text[i..i + len]);
                i += len;
            }
        }
        (out, shifts)
    }

    proptest::proptest! {
        #[test]
        fn folding_equals_the_reference(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[" ", "  ", "\n", "\n\n", "\t", "\r\n", "a", "Côte", "’", "x y"][..]),
                0..30,
            )
        ) {
            let text: String = pieces.concat();
            let folded = FoldedSpaces::new(&text);
            let (want, shifts) = reference_fold(&text);
            proptest::prop_assert_eq!(folded.text.as_ref(), want.as_str());
            proptest::prop_assert_eq!(folded.shifts, shifts);
        }
    }
}
