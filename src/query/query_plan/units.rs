//! Free-text words gathered into units: runs that spell a known name or term,
//! capitalised names the records give an acronym, compounds the records also
//! write as two words, and the words a unit counts for "most words" and
//! proximity.

use super::forms::{analyse, field_query, is_vocabulary};
use super::{Ctx, Unit};
use crate::query::query_parser::{Clause, Node, Occur};
use crate::query::synonyms::{defined, Concept, Form, Source};
use crate::query::typo;

impl Ctx<'_> {
    /// A word the records also write as two ("ceasefire", "cease-fire"),
    /// searched in both spellings (memoised: the plan is built twice).
    pub(super) fn compound(&mut self, word: &str) -> Option<Concept> {
        let key = format!("\u{1}compound {word}");
        let reader = self.reader;
        self.acronym_memo
            .entry(key)
            .or_insert_with(|| {
                typo::compound_variant(reader, word).map(|split| Concept {
                    typed: word.to_string(),
                    forms: vec![Form {
                        text: split,
                        weight: 1.0,
                    }],
                    sources: vec![Source::Compound],
                })
            })
            .clone()
    }

    /// Whether a unit is a vocabulary name typed in several words that no
    /// record holds ("Ottawa Treaty", where the records write "Mine Ban
    /// Convention" or the full title). As one unit among the query's words,
    /// such a name made "most words" a quarter easier to reach and left
    /// proximity without its words: sections on the other words alone (a
    /// different convention's deadlines) outranked those matching the name's
    /// words apart, so adding the name to its group lowered the query.
    /// Only a name (typed in capitalised words, or written so in the
    /// vocabulary: "ottawa treaty"): a paraphrase the records do not use
    /// ("going home", "development aid") is better as one unit, its words
    /// apart being common words.
    pub(super) fn unused_name(&mut self, unit: &Unit) -> bool {
        let words: Vec<&str> = unit.typed.split_whitespace().collect();
        unit.concept.as_ref().is_some_and(is_vocabulary)
            && (defined::looks_like_name(&words) || self.synonyms.is_written_name(&unit.typed))
            && !self.text_holds(&unit.typed)
    }

    /// A one-word unit counts for proximity with or without synonyms:
    /// "matching funds" together says more than apart.
    pub(super) fn push_top_word(&mut self, unit: &Unit) {
        let toks = analyse(&mut self.english, &unit.typed);
        if let [(_, t)] = toks.as_slice() {
            self.top_words.push((t.clone(), unit.concept.is_some()));
        }
    }

    /// Whether some record's text holds `phrase` (memoised: the plan is built
    /// twice).
    pub(super) fn text_holds(&mut self, phrase: &str) -> bool {
        if let Some(&held) = self.phrase_memo.get(phrase) {
            return held;
        }
        let toks = analyse(&mut self.english, phrase);
        let held = field_query(self.reader.fields().text, &toks).is_some_and(|q| {
            self.reader
                .searcher()
                .search(&*q, &tantivy::collector::Count)
                .is_ok_and(|n| n > 0)
        });
        self.phrase_memo.insert(phrase.to_string(), held);
        held
    }

    /// Joins a run of capitalised words that no table knows into one unit when
    /// the records give that name an acronym ("Party of Democratic Kampuchea
    /// (PDK)"): the name is then searched as a phrase and as its acronym.
    pub(super) fn defined_names(&mut self, units: Vec<Unit>) -> Vec<Unit> {
        let mut out: Vec<Unit> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            // the longest run of plain words with one occurrence from here
            let mut j = i;
            while j < units.len()
                && units[j].concept.is_none()
                && units[j].occur == units[i].occur
                && units[j].occur != Occur::MustNot
            {
                j += 1;
            }
            let words: Vec<&str> = units[i..j].iter().map(|u| u.typed.as_str()).collect();
            // the longest name that starts at i
            let found = (2..=words.len()).rev().find_map(|n| {
                let run = &words[..n];
                if !defined::looks_like_name(run) {
                    return None;
                }
                let key = run.join(" ");
                let reader = self.reader;
                self.acronym_memo
                    .entry(key)
                    .or_insert_with(|| defined::defined_name(reader, run))
                    .clone()
                    .map(|c| (n, c))
            });
            match found {
                Some((n, concept)) => {
                    out.push(Unit {
                        occur: units[i].occur,
                        typed: concept.typed.clone(),
                        concept: Some(concept),
                    });
                    i += n;
                }
                None => {
                    out.push(Unit {
                        occur: units[i].occur,
                        typed: units[i].typed.clone(),
                        concept: units[i].concept.clone(),
                    });
                    i += 1;
                }
            }
        }
        out
    }

    /// Groups the free-text words of a group into units: runs of words with the
    /// same occurrence that spell a known name or term become one unit.
    pub(super) fn units(&self, clauses: &[Clause]) -> Vec<Unit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < clauses.len() {
            let Node::Word { field: None, .. } = &clauses[i].node else {
                i += 1;
                continue;
            };
            let occur = clauses[i].occur;
            let mut j = i;
            let mut words: Vec<&str> = Vec::new();
            while let Some(Clause {
                occur: o,
                node: Node::Word { field: None, text },
            }) = clauses.get(j)
            {
                if *o != occur {
                    break;
                }
                words.push(text);
                j += 1;
            }
            let runs = self.synonyms.find_runs(&words);
            let mut k = 0;
            for (start, len, concept) in runs {
                for w in &words[k..start] {
                    out.push(Unit {
                        occur,
                        typed: (*w).to_string(),
                        concept: None,
                    });
                }
                out.push(Unit {
                    occur,
                    typed: words[start..start + len].join(" "),
                    concept: Some(concept),
                });
                k = start + len;
            }
            for w in &words[k..] {
                out.push(Unit {
                    occur,
                    typed: (*w).to_string(),
                    concept: None,
                });
            }
            i = j;
        }
        out
    }
}
