//! Turns a parsed query into the tantivy query that ranks the records: words
//! joined into names and terms the synonym table knows, stop words dropped,
//! misspellings corrected, each word searched in the text, the item heading and
//! the document title with their weights, and two boosts on top of BM25: most
//! words matching, and words close together.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur as TOccur, PhraseQuery, Query,
    QueryParser, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use super::query_parser::{Clause, Node, Occur};
use super::synonyms::{self, Concept, Source, Synonyms};
use super::typo::{self, Correction};
use crate::index::text_analyzer::FusedAnalyzer;
use crate::index::{IndexError, IndexReader};

mod first_pass;

/// Weight of a match in the item heading, relative to the text: a heading that
/// names the query's subject says more than a passing mention. The text holds
/// the heading line too, so at 1.0 a heading word already counts about twice;
/// more let one common word in a short heading ("contributions", "mine action")
/// outrank the section that answers a several-word query.
pub const HEADING_WEIGHT: f32 = 1.0;
/// Weight of a match in the document title.
pub const TITLE_WEIGHT: f32 = 0.3;
/// Weight of the "most words match" clause (added once more when most of the
/// query's words match).
pub const COVERAGE_WEIGHT: f32 = 0.5;
/// Weight of two query words found within [`PROXIMITY_SLOP`] words of each other:
/// words of the query together say more than the same words scattered over a
/// long section (0.4 -> 0.8 in session 6 raised every judged set; 1.2 lowered the
/// held-out ones).
pub const PROXIMITY_WEIGHT: f32 = 0.8;
/// How far apart two words may be for the proximity boost.
pub const PROXIMITY_SLOP: u32 = 4;
/// Weight of the words of a multi-word name or term found apart.
const LOOSE_WEIGHT: f32 = 0.3;
/// Weight of the words of a multi-word vocabulary term typed ("landmine
/// victims") found apart, each with its own synonyms: chosen on the development
/// set (0.3 without their synonyms -> 0.8 with them, session 7: 0.7 scored
/// higher there but lowered the first held-out set, 0.9 lowered topics).
const TERM_WORDS_WEIGHT: f32 = 0.8;
/// Weight of the state or organisation field for a name the gazetteers know.
const MENTION_WEIGHT: f32 = 0.3;

/// The query to run, with what was understood.
pub struct Plan {
    /// The query that selects and first ranks the records (filters not
    /// included). When [`Plan::exact`] is set, it matches the unquoted
    /// multi-word forms (names, synonyms) by their words anywhere in the text:
    /// no word positions are read over the many records an OR query matches.
    pub query: Box<dyn Query>,
    /// The same query with every multi-word form as a phrase, scored on the best
    /// candidates of `query` only (see [`crate::query::search`]). A phrase's
    /// BM25 score is at most the sum of its words' scores in the same record, so
    /// `query` scores every record at least as high as this one does.
    pub exact: Option<Box<dyn Query>>,
    /// Score added to the best candidates of `query` only: most words matching
    /// and words close together (see [`crate::query::search`]). Positions make
    /// it costly, and it only reorders what `query` found.
    pub boosts: Option<Box<dyn Query>>,
    /// A flat sum of weighted terms (every word and form of the free text, in
    /// the fields the query searches) that tantivy answers with block-max
    /// pruning: the candidates of a plain ranked search, re-scored by `query`
    /// (see [`crate::query::search`]). `None` when the query holds anything
    /// else (a phrase, a field, a required or excluded word, a group).
    pub first_pass: Option<Box<dyn Query>>,
    /// Stem sequences to highlight: words, phrases and every synonym form.
    pub highlights: Vec<Vec<String>>,
    /// Words replaced by a known spelling.
    pub corrections: Vec<Correction>,
    /// One line per clause: how it was expanded.
    pub explain: Vec<String>,
}

/// One searchable unit of free text: a word or a run of words with its forms.
struct Unit {
    occur: Occur,
    typed: String,
    concept: Option<Concept>,
}

struct Ctx<'a> {
    reader: &'a IndexReader,
    synonyms: &'a Synonyms,
    english: TextAnalyzer,
    names: TextAnalyzer,
    plan_highlights: Vec<Vec<String>>,
    corrections: Vec<Correction>,
    explain: Vec<String>,
    /// Single stems of the top-level optional words, in order, for proximity.
    top_words: Vec<String>,
    /// Queries of the top-level positive free-text units, for coverage.
    top_units: Vec<Box<dyn Query>>,
    /// Every top-level optional word is required (matching, not ranking).
    conjunctive: bool,
    /// Unquoted multi-word forms become conjunctions of their words, not phrases.
    loose: bool,
    /// Unquoted multi-word forms met while building (a loose query differs).
    multi_word_forms: usize,
    /// Typo corrections worked out, by word: the plan is built twice.
    typo_memo: std::collections::HashMap<String, Option<Correction>>,
    /// Weighted terms of the top-level optional words and their forms.
    flat: first_pass::Terms,
    /// Whether the query is only optional free-text words (see [`Plan::first_pass`]).
    flat_ok: bool,
}

fn analyse(a: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = a.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.position, t.text.clone()));
    }
    out
}

/// A term or phrase query of `tokens` on `field` (positions kept: a dropped long
/// word leaves its gap).
fn field_query(field: Field, tokens: &[(usize, String)]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [(_, t)] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, t),
            IndexRecordOption::WithFreqs,
        ))),
        many => {
            let first = many[0].0;
            let terms = many
                .iter()
                .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
}

/// All of `tokens` anywhere in `field`, scored as the sum of their BM25 scores
/// (no positions): the first-pass stand-in of a phrase, and the query of a
/// field indexed without positions.
fn words_query(
    field: Field,
    tokens: &[(usize, String)],
    option: IndexRecordOption,
) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [_] => field_query(field, tokens),
        many => Some(Box::new(BooleanQuery::intersection(
            many.iter()
                .map(|(_, t)| {
                    Box::new(TermQuery::new(Term::from_field_text(field, t), option))
                        as Box<dyn Query>
                })
                .collect(),
        ))),
    }
}

fn boosted(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if (w - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, w))
    }
}

impl<'a> Ctx<'a> {
    fn new(reader: &'a IndexReader, synonyms: &'a Synonyms, conjunctive: bool) -> Ctx<'a> {
        Ctx {
            conjunctive,
            reader,
            synonyms,
            english: TextAnalyzer::from(FusedAnalyzer::english()),
            names: TextAnalyzer::from(FusedAnalyzer::names()),
            plan_highlights: Vec::new(),
            corrections: Vec::new(),
            explain: Vec::new(),
            top_words: Vec::new(),
            top_units: Vec::new(),
            loose: false,
            multi_word_forms: 0,
            typo_memo: std::collections::HashMap::new(),
            flat: first_pass::Terms::default(),
            flat_ok: true,
        }
    }

    /// Text, heading and title queries of one form, summed (a quoted phrase:
    /// always matched as a phrase).
    fn text_form(&mut self, text: &str) -> Option<Box<dyn Query>> {
        self.form_query(text, false)
    }

    /// The query of one field for a form: a phrase, or its words anywhere when
    /// building the loose query (`unquoted` forms only).
    fn form_field(
        &mut self,
        field: Field,
        tokens: &[(usize, String)],
        unquoted: bool,
    ) -> Option<Box<dyn Query>> {
        if unquoted && tokens.len() > 1 {
            self.multi_word_forms += 1;
            if self.loose {
                return words_query(field, tokens, IndexRecordOption::WithFreqs);
            }
        }
        field_query(field, tokens)
    }

    /// A form's query: in the text, heading and title for what was typed; in
    /// the text alone for a synonym or the words of a name apart (the text
    /// holds the heading line too). Searching every segment's copy of the
    /// document title and the heading for each of a dozen synonyms cost more
    /// than all the rest on a large index.
    fn form_query(&mut self, text: &str, expansion: bool) -> Option<Box<dyn Query>> {
        self.form_query_as(text, expansion, false)
    }

    /// [`Ctx::form_query`]; `unquoted`: a name or term found in free text, which
    /// the loose query may match by its words apart.
    fn form_query_as(
        &mut self,
        text: &str,
        expansion: bool,
        unquoted: bool,
    ) -> Option<Box<dyn Query>> {
        let tokens = analyse(&mut self.english, text);
        if tokens.is_empty() {
            return None;
        }
        self.plan_highlights
            .push(tokens.iter().map(|t| t.1.clone()).collect());
        let f = self.reader.fields();
        if expansion {
            return self.form_field(f.text, &tokens, unquoted);
        }
        let mut parts: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        for (field, w) in [
            (f.text, 1.0),
            (f.item, HEADING_WEIGHT),
            (f.title, TITLE_WEIGHT),
        ] {
            if let Some(q) = self.form_field(field, &tokens, unquoted) {
                parts.push((TOccur::Should, boosted(q, w)));
            }
        }
        Some(Box::new(BooleanQuery::new(parts)))
    }

    /// A unit: its typed form and every other form, the best one counting.
    fn unit_query(&mut self, unit: &Unit) -> Option<Box<dyn Query>> {
        let mut forms: Vec<Box<dyn Query>> = Vec::new();
        if let Some(q) = self.form_query_as(&unit.typed, false, true) {
            forms.push(q);
        }
        if let Some(c) = &unit.concept {
            // a name or term typed in several words: the words apart still count
            // a little ("improvised" alone in "improvised mines"), after every
            // segment holding the whole name
            let named = c
                .sources
                .iter()
                .any(|s| matches!(s, Source::Vocabulary(_) | Source::Gazetteer { .. }));
            let vocabulary = is_vocabulary(c);
            let words: Vec<&str> = unit.typed.split_whitespace().collect();
            if named && words.len() > 1 {
                let mut parts: Vec<Box<dyn Query>> = Vec::new();
                for w in words.iter().filter(|w| !synonyms::is_stop_word(w)) {
                    // a term's words apart are words of the query in their own
                    // right ("landmine" and "victims" of "landmine victims"),
                    // each with its synonyms; a name's are not ("Aid" of
                    // "Norwegian People's Aid")
                    let q = if vocabulary {
                        let sub = Unit {
                            occur: unit.occur,
                            typed: (*w).to_string(),
                            concept: self.synonyms.lookup(&[w]),
                        };
                        self.unit_query(&sub)
                    } else {
                        self.form_query(w, true)
                    };
                    parts.extend(q);
                }
                if !parts.is_empty() {
                    let w = if vocabulary {
                        TERM_WORDS_WEIGHT
                    } else {
                        LOOSE_WEIGHT
                    };
                    forms.push(boosted(Box::new(BooleanQuery::union(parts)), w));
                }
            }
            // a phrase scores about the sum of its words: a long form ("Geneva
            // International Centre for Humanitarian Demining") would outweigh the
            // short one typed ("GICHD") by its length alone
            let typed_len = analyse(&mut self.english, &unit.typed).len().max(1) as f32;
            for form in &c.forms {
                let w = form.weight * self.length_ratio(typed_len, &form.text);
                if let Some(q) = self.form_query_as(&form.text, true, true) {
                    forms.push(boosted(q, w));
                }
            }
            let f = self.reader.fields();
            for s in &c.sources {
                if let Source::Gazetteer { entity, canonical } = s {
                    let field = if entity == "state" {
                        f.state
                    } else {
                        f.organisation
                    };
                    let toks = analyse(&mut self.names, canonical);
                    if let Some(q) = self.form_field(field, &toks, true) {
                        forms.push(boosted(q, MENTION_WEIGHT));
                    }
                }
            }
        }
        match forms.len() {
            0 => None,
            1 => forms.pop(),
            _ => Some(Box::new(DisjunctionMaxQuery::with_tie_breaker(forms, 0.1))),
        }
    }

    /// The weight another form keeps for its length: the words typed over its
    /// words, at most 1.
    fn length_ratio(&mut self, typed_len: f32, form: &str) -> f32 {
        let len = analyse(&mut self.english, form).len().max(1) as f32;
        (typed_len / len).min(1.0)
    }

    /// Adds a top-level optional unit's terms to the first pass: what was
    /// typed in the text, heading and title; every other form's words in the
    /// text, weighted as in [`Ctx::unit_query`]; a known name's canonical words
    /// in the state or organisation field.
    fn flat_unit(&mut self, unit: &Unit) {
        let f = self.reader.fields();
        let typed = analyse(&mut self.english, &unit.typed);
        for (field, w) in [
            (f.text, 1.0),
            (f.item, HEADING_WEIGHT),
            (f.title, TITLE_WEIGHT),
        ] {
            self.flat.add(field, &typed, w);
        }
        let Some(c) = &unit.concept else {
            return;
        };
        let typed_len = typed.len().max(1) as f32;
        for form in &c.forms {
            let w = form.weight * self.length_ratio(typed_len, &form.text);
            let toks = analyse(&mut self.english, &form.text);
            self.flat.add(f.text, &toks, w);
        }
        let words: Vec<&str> = unit.typed.split_whitespace().collect();
        if is_vocabulary(c) && words.len() > 1 {
            for w in words.iter().filter(|w| !synonyms::is_stop_word(w)) {
                let Some(sub) = self.synonyms.lookup(&[w]) else {
                    continue;
                };
                for form in &sub.forms {
                    let weight =
                        TERM_WORDS_WEIGHT * form.weight * self.length_ratio(1.0, &form.text);
                    let toks = analyse(&mut self.english, &form.text);
                    self.flat.add(f.text, &toks, weight);
                }
            }
        }
        for s in &c.sources {
            if let Source::Gazetteer { entity, canonical } = s {
                let field = if entity == "state" {
                    f.state
                } else {
                    f.organisation
                };
                let toks = analyse(&mut self.names, canonical);
                self.flat.add(field, &toks, MENTION_WEIGHT);
            }
        }
    }

    /// A query on one named field.
    fn fielded(
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
    fn raw(&mut self, typed: &str) -> Result<Box<dyn Query>, String> {
        let parser = QueryParser::for_index(self.reader.index(), Vec::new());
        self.explain.push(typed.to_string());
        parser
            .parse_query(typed)
            .map_err(|e| format!("{typed}: {e}"))
    }

    /// The query of a group of clauses, or `None` when nothing in it searches.
    fn group(&mut self, clauses: &[Clause], top: bool) -> Result<Option<Box<dyn Query>>, String> {
        let mut parts: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        let units = self.units(clauses);
        let positive_units = units.iter().filter(|u| u.occur != Occur::MustNot).count();
        let has_other = clauses.iter().any(|c| {
            c.occur != Occur::MustNot && !matches!(c.node, Node::Word { field: None, .. })
        });
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
            if top {
                if unit.occur == Occur::Should {
                    self.flat_unit(&unit);
                } else {
                    self.flat_ok = false;
                }
            }
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
            } else {
                unit.occur
            };
            parts.push((occur(o), q));
        }
        for c in clauses {
            if top && !matches!(c.node, Node::Word { field: None, .. }) {
                self.flat_ok = false;
            }
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

    /// Groups the free-text words of a group into units: runs of words with the
    /// same occurrence that spell a known name or term become one unit.
    fn units(&self, clauses: &[Clause]) -> Vec<Unit> {
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

/// Whether every source of a concept is the vocabulary file.
fn is_vocabulary(c: &Concept) -> bool {
    c.sources.iter().all(|s| matches!(s, Source::Vocabulary(_)))
}

fn occur(o: Occur) -> TOccur {
    match o {
        Occur::Should => TOccur::Should,
        Occur::Must => TOccur::Must,
        Occur::MustNot => TOccur::MustNot,
    }
}

/// How optional words combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Ranking: every word is optional, most words and words close together
    /// score higher (search).
    Rank,
    /// Selecting: every top-level word, phrase and field query is required,
    /// each with its synonyms, unless the query uses `OR` (entity listings and
    /// topic summaries, which take every matching record, unranked).
    Match,
}

/// Builds the ranking query of parsed clauses; `None` when the query searches
/// nothing (empty, or only stop words that analyse to nothing).
pub fn plan(
    reader: &IndexReader,
    synonyms: &Synonyms,
    clauses: &[Clause],
    query_text: &str,
) -> Result<Option<Plan>, IndexError> {
    plan_with(reader, synonyms, clauses, query_text, Mode::Rank)
}

/// [`plan`] in either [`Mode`].
pub fn plan_with(
    reader: &IndexReader,
    synonyms: &Synonyms,
    clauses: &[Clause],
    query_text: &str,
    mode: Mode,
) -> Result<Option<Plan>, IndexError> {
    let conjunctive = mode == Mode::Match && !query_text.split_whitespace().any(|w| w == "OR");
    let mut ctx = Ctx::new(reader, synonyms, conjunctive);
    let bad = |message: String| IndexError::BadQuery {
        query: query_text.to_string(),
        message,
    };
    let Some(core) = ctx.group(clauses, true).map_err(bad)? else {
        return Ok(None);
    };
    // the first pass over every matching record reads no positions for the
    // unquoted names and synonyms; `core` re-scores its best candidates
    let loose = if mode == Mode::Rank && ctx.multi_word_forms > 0 {
        let mut second = Ctx::new(reader, synonyms, conjunctive);
        second.loose = true;
        second.typo_memo = std::mem::take(&mut ctx.typo_memo);
        second.group(clauses, true).map_err(bad)?
    } else {
        None
    };
    let mut boosts: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
    let n = ctx.top_units.len();
    if mode == Mode::Match {
        // nothing to rank: the boosts would only cost time
        ctx.top_units.clear();
        ctx.top_words.clear();
    } else if n >= 2 {
        // "most words should match": at least three quarters of them
        let min = (n * 3).div_ceil(4).max(2);
        let units = std::mem::take(&mut ctx.top_units)
            .into_iter()
            .map(|q| (TOccur::Should, q))
            .collect();
        let most = BooleanQuery::with_minimum_required_clauses(units, min);
        boosts.push((TOccur::Should, boosted(Box::new(most), COVERAGE_WEIGHT)));
    }
    let text = reader.fields().text;
    for pair in ctx.top_words.windows(2) {
        let terms = vec![
            (0, Term::from_field_text(text, &pair[0])),
            (1, Term::from_field_text(text, &pair[1])),
        ];
        let near = PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP);
        boosts.push((TOccur::Should, boosted(Box::new(near), PROXIMITY_WEIGHT)));
    }
    let boosts: Option<Box<dyn Query>> = match boosts.len() {
        0 => None,
        1 => boosts.pop().map(|b| b.1),
        _ => Some(Box::new(BooleanQuery::new(boosts))),
    };
    let first_pass = if mode == Mode::Rank && ctx.flat_ok {
        ctx.flat.query()
    } else {
        None
    };
    let (query, exact) = match loose {
        Some(first) => (first, Some(core)),
        None => (core, None),
    };
    let mut highlights = ctx.plan_highlights;
    highlights.sort();
    highlights.dedup();
    Ok(Some(Plan {
        query,
        exact,
        boosts,
        first_pass,
        highlights,
        corrections: ctx.corrections,
        explain: ctx.explain,
    }))
}
