//! The query of one form and of one unit of free text: what was typed in the
//! text, heading and title, its other forms (synonyms, other names) in the text,
//! and the words of a multi-word name or term apart.

use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur as TOccur, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use super::roll_call::RollCallDamped;
use super::{
    Ctx, Unit, HEADING_WEIGHT, LOOSE_WEIGHT, MENTION_WEIGHT, SECTION_WEIGHT, TERM_WORDS_WEIGHT,
    TITLE_WEIGHT,
};
use crate::query::search::sparse;
use crate::query::synonyms::{self, Concept, Form, Source};

/// The tokens of `text` through an analyzer, with their positions.
pub(super) fn analyse(a: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
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
pub(super) fn field_query(field: Field, tokens: &[(usize, String)]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [(_, t)] => Some(sparse::term(
            Term::from_field_text(field, t),
            IndexRecordOption::WithFreqs,
        )),
        many => {
            let first = many[0].0;
            let terms = many
                .iter()
                .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
                .collect();
            Some(sparse::phrase(terms, 0))
        }
    }
}

/// All of `tokens` anywhere in `field`, scored as the sum of their BM25 scores
/// (no positions): the first-pass stand-in of a phrase, and the query of a
/// field indexed without positions.
pub(super) fn words_query(
    field: Field,
    tokens: &[(usize, String)],
    option: IndexRecordOption,
) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [_] => field_query(field, tokens),
        many => Some(Box::new(BooleanQuery::intersection(
            many.iter()
                .map(|(_, t)| sparse::term(Term::from_field_text(field, t), option))
                .collect(),
        ))),
    }
}

/// `q` scaled by `w` (unwrapped at 1).
pub(super) fn boosted(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if (w - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, w))
    }
}

impl Ctx<'_> {
    /// Text, heading and title queries of one form, summed (a quoted phrase:
    /// always matched as a phrase).
    pub(super) fn text_form(&mut self, text: &str) -> Option<Box<dyn Query>> {
        self.form_query(text, false)
    }

    /// The query of one field for a form: a phrase, or its words anywhere when
    /// building the loose query (`unquoted` forms only).
    pub(super) fn form_field(
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
    pub(super) fn form_query(&mut self, text: &str, expansion: bool) -> Option<Box<dyn Query>> {
        self.form_query_as(text, expansion, false)
    }

    /// [`Ctx::form_query`]; `unquoted`: a name or term found in free text, which
    /// the loose query may match by its words apart.
    pub(super) fn form_query_as(
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
    pub(super) fn unit_query(&mut self, unit: &Unit) -> Option<Box<dyn Query>> {
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
            if named && words.len() > 1 && !self.whole_only {
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
            let typed_tokens = token_texts(&analyse(&mut self.english, &unit.typed));
            let typed_len = typed_tokens.len().max(1) as f32;
            let english = &mut self.english;
            let distinct = distinct_forms(&c.forms, &typed_tokens, typed_len, |t| {
                token_texts(&analyse(english, t))
            });
            for (text, w) in distinct {
                if let Some(q) = self.form_query_as(&text, true, true) {
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
        let q: Box<dyn Query> = match forms.len() {
            0 => return None,
            1 => forms.pop()?,
            _ => Box::new(DisjunctionMaxQuery::with_tie_breaker(forms, 0.1)),
        };
        // a state's name in a recorded vote or a list of sponsors counts less
        Some(if names_state(unit.concept.as_ref()) {
            Box::new(RollCallDamped::new(q, self.reader.fields().state))
        } else {
            q
        })
    }

    /// A unit searched in the headings alone (the item's, the document's title,
    /// and at [`SECTION_WEIGHT`] those the item sits under): what was typed or
    /// any of its other forms, each as a phrase.
    pub(super) fn heading_query(&mut self, unit: &Unit) -> Option<Box<dyn Query>> {
        let f = self.reader.fields();
        let mut texts = vec![unit.typed.clone()];
        if let Some(c) = &unit.concept {
            texts.extend(c.forms.iter().map(|f| f.text.clone()));
        }
        let mut qs: Vec<Box<dyn Query>> = Vec::new();
        // forms that analyse alike would search the same phrase twice
        let mut seen: Vec<Vec<(usize, String)>> = Vec::with_capacity(texts.len());
        for t in &texts {
            let toks = analyse(&mut self.english, t);
            if seen.contains(&toks) {
                continue;
            }
            qs.extend(field_query(f.item, &toks));
            qs.extend(field_query(f.section, &toks).map(|q| boosted(q, SECTION_WEIGHT)));
            qs.extend(field_query(f.title, &toks));
            seen.push(toks);
        }
        match qs.len() {
            0 => None,
            1 => qs.pop(),
            _ => Some(Box::new(DisjunctionMaxQuery::new(qs))),
        }
    }
}

/// The texts of analysed tokens, positions dropped.
fn token_texts(tokens: &[(usize, String)]) -> Vec<String> {
    tokens.iter().map(|(_, t)| t.clone()).collect()
}

/// A concept's other forms with their weights, one per token sequence: forms
/// that analyse alike ("funding" and "funds" both stem to "fund") would search
/// the same terms twice in the DisMax, so only the highest weight is kept, and a
/// form that analyses like what was typed is dropped (the typed form already
/// searches those terms at full weight in the text).
/// A phrase scores about the sum of its words, so a form keeps the words typed
/// over its words of its weight, at most all of it.
fn distinct_forms(
    forms: &[Form],
    typed: &[String],
    typed_len: f32,
    mut tokens_of: impl FnMut(&str) -> Vec<String>,
) -> Vec<(String, f32)> {
    let mut out: Vec<(Vec<String>, String, f32)> = Vec::with_capacity(forms.len());
    for form in forms {
        let tokens = tokens_of(&form.text);
        if tokens.is_empty() || tokens == typed {
            continue;
        }
        let len = tokens.len() as f32;
        let w = form.weight * (typed_len / len).min(1.0);
        match out.iter_mut().find(|(t, _, _)| *t == tokens) {
            Some(seen) if seen.2 < w => {
                seen.1.clone_from(&form.text);
                seen.2 = w;
            }
            Some(_) => {}
            None => out.push((tokens, form.text.clone(), w)),
        }
    }
    out.into_iter().map(|(_, text, w)| (text, w)).collect()
}

/// Whether the concept is a state the gazetteer knows.
fn names_state(c: Option<&Concept>) -> bool {
    c.is_some_and(|c| {
        c.sources
            .iter()
            .any(|s| matches!(s, Source::Gazetteer { entity, .. } if entity == "state"))
    })
}

/// Whether every source of a concept is the vocabulary file.
pub(super) fn is_vocabulary(c: &Concept) -> bool {
    c.sources.iter().all(|s| matches!(s, Source::Vocabulary(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in analyser: lower case, and a trailing "s" or "ing" dropped.
    fn stem(text: &str) -> Vec<String> {
        text.split_whitespace()
            .map(|w| {
                let w = w.to_lowercase();
                let w = w.strip_suffix("ing").unwrap_or(&w).to_string();
                w.strip_suffix('s').unwrap_or(&w).to_string()
            })
            .collect()
    }

    fn form(text: &str, weight: f32) -> Form {
        Form {
            text: text.into(),
            weight,
        }
    }

    #[test]
    fn forms_that_analyse_alike_are_searched_once_at_the_best_weight() {
        let forms = [
            form("grants", 0.6),
            form("fund", 0.7),
            form("funds", 0.9),
            form("financial support", 0.8),
        ];
        let got = distinct_forms(&forms, &stem("money"), 1.0, stem);
        assert_eq!(
            got,
            vec![
                ("grants".to_string(), 0.6),
                ("funds".to_string(), 0.9),
                ("financial support".to_string(), 0.4),
            ]
        );
    }

    #[test]
    fn a_form_that_analyses_like_the_typed_words_is_left_to_them() {
        let forms = [form("Funding", 0.9), form("donors", 0.7)];
        let got = distinct_forms(&forms, &stem("funds"), 1.0, stem);
        assert_eq!(got, vec![("donors".to_string(), 0.7)]);
    }
}
