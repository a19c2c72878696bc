//! The query of a group of parsed clauses: free-text words gathered into units
//! (stop words left out, misspellings corrected), field queries, phrases,
//! ranges and nested groups.

use tantivy::query::{
    AllQuery, BooleanQuery, DisjunctionMaxQuery, Occur as TOccur, Query, QueryParser,
};
use tantivy::schema::IndexRecordOption;

use super::forms::{analyse, field_query, words_query};
use super::{Ctx, Unit};
use crate::query::query_parser::{Clause, Node, Occur};
use crate::query::synonyms::{self, Source};
use crate::query::typo;

impl Ctx<'_> {
    /// A query on one named field.
    pub(super) fn fielded(
        &mut self,
        field: &'static str,
        text: &str,
        phrase: bool,
    ) -> Result<Box<dyn Query>, String> {
        let f = self.reader.fields();
        let analysed = match field {
            "text" => Some((f.text, true)),
            "item" => Some((f.item, true)),
            "title" => Some((f.title, true)),
            "state" => Some((f.state, false)),
            "organisation" => Some((f.organisation, false)),
            "place" => Some((f.place, false)),
            _ => None,
        };
        if let Some((handle, english)) = analysed {
            let mut forms = vec![text.to_string()];
            // a name field also finds the other names of what was typed
            if !english {
                if let Some(c) = self
                    .synonyms
                    .lookup(&text.split_whitespace().collect::<Vec<_>>())
                {
                    for s in &c.sources {
                        if let Source::Gazetteer { canonical, .. } = s {
                            forms.push(canonical.clone());
                        }
                    }
                }
            }
            let mut qs: Vec<Box<dyn Query>> = Vec::new();
            for form in &forms {
                let toks = if english {
                    analyse(&mut self.english, form)
                } else {
                    analyse(&mut self.names, form)
                };
                if english {
                    self.plan_highlights
                        .push(toks.iter().map(|t| t.1.clone()).collect());
                }
                // `place` has no positions: all its words, in any order
                let q = if field == "place" {
                    words_query(handle, &toks, IndexRecordOption::Basic)
                } else {
                    field_query(handle, &toks)
                };
                if let Some(q) = q {
                    qs.push(q);
                }
            }
            self.explain.push(format!("{field}:{}", forms.join(" | ")));
            return match qs.len() {
                0 => Err(format!("'{field}:{text}' has no word to search for")),
                1 => Ok(qs.remove(0)),
                _ => Ok(Box::new(DisjunctionMaxQuery::new(qs))),
            };
        }
        let typed = if phrase || text.contains(char::is_whitespace) {
            format!("{field}:\"{text}\"")
        } else {
            format!("{field}:{text}")
        };
        self.raw(&typed)
    }

    /// A field query handed to tantivy's parser (raw, numeric and date fields).
    pub(super) fn raw(&mut self, typed: &str) -> Result<Box<dyn Query>, String> {
        let parser = QueryParser::for_index(self.reader.index(), Vec::new());
        self.explain.push(typed.to_string());
        parser
            .parse_query(typed)
            .map_err(|e| format!("{typed}: {e}"))
    }

    /// The query of a group of clauses, or `None` when nothing in it searches.
    pub(super) fn group(
        &mut self,
        clauses: &[Clause],
        top: bool,
    ) -> Result<Option<Box<dyn Query>>, String> {
        let mut parts: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        let units = self.units(clauses);
        let positive_units = units.iter().filter(|u| u.occur != Occur::MustNot).count();
        let has_other = clauses.iter().any(|c| {
            c.occur != Occur::MustNot && !matches!(c.node, Node::Word { field: None, .. })
        });
        // units and clauses that search something: an entity is required only
        // beside other words
        let searched = units
            .iter()
            .filter(|u| {
                u.occur != Occur::MustNot
                    && (u.concept.is_some() || !synonyms::is_stop_word(&u.typed))
            })
            .count()
            + clauses
                .iter()
                .filter(|c| {
                    c.occur != Occur::MustNot && !matches!(c.node, Node::Word { field: None, .. })
                })
                .count();
        for mut unit in units {
            let stop = unit.concept.is_none()
                && unit.occur == Occur::Should
                && synonyms::is_stop_word(&unit.typed);
            if stop && (positive_units > 1 || has_other) {
                self.explain
                    .push(format!("{} (stop word, left out)", unit.typed));
                continue;
            }
            if unit.concept.is_none() && unit.occur != Occur::MustNot {
                let reader = self.reader;
                let found = self
                    .typo_memo
                    .entry(unit.typed.clone())
                    .or_insert_with(|| typo::correct(reader, &unit.typed))
                    .clone();
                if let Some(c) = found {
                    self.explain.push(format!(
                        "{} -> {} (no record uses '{}')",
                        c.typed, c.corrected, c.typed
                    ));
                    unit.typed = c.corrected.clone();
                    self.corrections.push(c);
                }
            }
            match &unit.concept {
                Some(c) => self.explain.push(c.to_string()),
                None if !self.corrections.iter().any(|c| c.corrected == unit.typed) => {
                    self.explain.push(format!("\"{}\"", unit.typed));
                }
                None => {}
            }
            let Some(q) = self.unit_query(&unit) else {
                continue;
            };
            if top && unit.occur != Occur::MustNot {
                self.top_units.push(q.box_clone());
                if unit.concept.is_none() {
                    let toks = analyse(&mut self.english, &unit.typed);
                    if let [(_, t)] = toks.as_slice() {
                        self.top_words.push(t.clone());
                    }
                }
            }
            let o = if top && self.conjunctive && unit.occur == Occur::Should {
                Occur::Must
            } else if top
                && unit.occur == Occur::Should
                && searched > 1
                && self.requires_entity(&unit, &*q)
            {
                self.explain
                    .push(format!("{} (a known name: required)", unit.typed));
                self.required_entity = true;
                Occur::Must
            } else {
                unit.occur
            };
            parts.push((occur(o), q));
        }
        for c in clauses {
            let q = match &c.node {
                Node::Word { field: None, .. } => continue,
                Node::Word {
                    field: Some(f),
                    text,
                } => Some(self.fielded(f, text, false)?),
                Node::Phrase { field: None, text } => {
                    self.explain.push(format!("\"{text}\" (phrase)"));
                    self.text_form(text)
                }
                Node::Phrase {
                    field: Some(f),
                    text,
                } => Some(self.fielded(f, text, true)?),
                Node::Range { field, range } => Some(self.raw(&format!("{field}:{range}"))?),
                Node::Group(inner) => self.group(inner, false)?,
            };
            if let Some(q) = q {
                let o = if top && self.conjunctive && c.occur == Occur::Should {
                    Occur::Must
                } else {
                    c.occur
                };
                parts.push((occur(o), q));
            }
        }
        if parts.is_empty() {
            return Ok(None);
        }
        if parts.iter().all(|p| p.0 == TOccur::MustNot) {
            parts.push((TOccur::Must, Box::new(AllQuery)));
        }
        Ok(Some(Box::new(BooleanQuery::new(parts))))
    }

    /// Whether a top-level unit must match: it names a state or organisation
    /// the gazetteers know (by one of its names, not an adjective such as
    /// "Cambodian", which qualifies a subject), other words are searched
    /// beside it, and some record names it. A researcher who types a name and
    /// a subject wants that entity's records on the subject: ranked as one
    /// optional word among others, sections matching the subject words alone
    /// outranked those naming the entity (blind heldout8 entity queries 0.687
    /// against 0.924 for the old all-words search).
    pub(super) fn requires_entity(&self, unit: &Unit, q: &dyn Query) -> bool {
        let named = unit.concept.as_ref().is_some_and(|c| {
            c.sources
                .iter()
                .any(|s| matches!(s, Source::Gazetteer { .. }))
        });
        if !self.entities_required || !named || self.synonyms.is_adjective(&unit.typed) {
            return false;
        }
        // a name no record holds must not empty the results
        crate::query::search::matches_any(self.reader, q)
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

/// The tantivy occurrence of a parsed one.
fn occur(o: Occur) -> TOccur {
    match o {
        Occur::Should => TOccur::Should,
        Occur::Must => TOccur::Must,
        Occur::MustNot => TOccur::MustNot,
    }
}
