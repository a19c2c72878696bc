//! The query of a group of parsed clauses: free-text words gathered into units
//! (stop words left out, misspellings corrected), field queries, phrases,
//! ranges and nested groups.

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur as TOccur, Query,
    QueryParser,
};
use tantivy::schema::IndexRecordOption;

use super::forms::{analyse, field_query, is_vocabulary, words_query};
use super::{Ctx, Unit};
use crate::query::query_parser::{Clause, Node, Occur};
use crate::query::synonyms::{self, defined, Source};
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
        let units = self.defined_names(units);
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
        // the first word searched: a state's adjective there names who acted
        // ("Swiss contributions"), further on it qualifies the subject ("polling
        // in the Cambodian election")
        let lead = units
            .iter()
            .find(|u| {
                u.occur != Occur::MustNot
                    && (u.concept.is_some() || !synonyms::is_stop_word(&u.typed))
            })
            .map(|u| u.typed.clone());
        for mut unit in units {
            let stop = unit.concept.is_none()
                && unit.occur == Occur::Should
                && synonyms::is_stop_word(&unit.typed);
            if stop && (positive_units > 1 || has_other) {
                self.explain
                    .push(format!("{} (stop word, left out)", unit.typed));
                continue;
            }
            if unit.concept.is_none() && defined::looks_like_acronym(&unit.typed) {
                let reader = self.reader;
                unit.concept = self
                    .acronym_memo
                    .entry(unit.typed.clone())
                    .or_insert_with(|| defined::defined_acronym(reader, &unit.typed))
                    .clone();
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
            if unit.concept.is_none()
                && unit.occur != Occur::MustNot
                && !synonyms::is_stop_word(&unit.typed)
            {
                unit.concept = self.compound(&unit.typed);
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
                if let Some(c) = &unit.concept {
                    let bodies = self.synonyms.bodies_of(c);
                    self.bodies.extend(bodies);
                }
                if let Some(h) = self.heading_query(&unit) {
                    self.top_headings.push(h);
                }
                if self.unused_name(&unit) {
                    // a name no record writes so: its words count as the
                    // query's words, for "most words" and for proximity
                    for w in unit.typed.split_whitespace() {
                        if synonyms::is_stop_word(w) {
                            continue;
                        }
                        let sub = Unit {
                            occur: unit.occur,
                            typed: w.to_string(),
                            concept: self.synonyms.lookup(&[w]),
                        };
                        if let Some(wq) = self.unit_query(&sub) {
                            self.top_units.push(wq);
                        }
                        self.push_top_word(&sub);
                    }
                } else {
                    // a multi-word term counts for "most words" whole (as
                    // typed or as another form), not by one word apart:
                    // "weapons" of "autonomous weapons" is in every
                    // disarmament resolution that names the state typed
                    if unit.concept.as_ref().is_some_and(is_vocabulary) {
                        self.whole_only = true;
                        let whole = self.unit_query(&unit);
                        self.whole_only = false;
                        self.top_units.extend(whole);
                    } else {
                        self.top_units.push(q.box_clone());
                    }
                    self.push_top_word(&unit);
                }
            }
            // a state typed by its adjective is required by the records'
            // mentions of it and its names, which leave out another name the
            // adjective begins ("Swiss Foundation for Mine Action")
            let mentioned = self.state_mentions(&unit);
            let o = if top && self.conjunctive && unit.occur == Occur::Should {
                Occur::Must
            } else if top
                && unit.occur == Occur::Should
                && searched > 1
                && self.required(
                    &unit,
                    mentioned.as_deref().unwrap_or(&*q),
                    lead.as_deref() == Some(unit.typed.as_str()),
                )
            {
                self.explain
                    .push(format!("{} (a known name: required)", unit.typed));
                self.required_entity = true;
                Occur::Must
            } else {
                unit.occur
            };
            match mentioned {
                Some(m) if o == Occur::Must && !self.conjunctive => {
                    parts.push((TOccur::Must, Box::new(ConstScoreQuery::new(m, 0.0))));
                    parts.push((TOccur::Should, q));
                }
                _ => parts.push((occur(o), q)),
            }
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
}

/// The tantivy occurrence of a parsed one.
fn occur(o: Occur) -> TOccur {
    match o {
        Occur::Should => TOccur::Should,
        Occur::Must => TOccur::Must,
        Occur::MustNot => TOccur::MustNot,
    }
}
