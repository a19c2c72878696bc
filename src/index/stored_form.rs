//! The compact stored form of a record's mentions and statements.
//!
//! Stored as one JSON object of keyed objects per mention, the mentions of an
//! entity-dense segment took four times the segment's own text: every mention
//! repeated its entity type, rule name, surface text, sentence span and full value
//! ("Netherlands" with its attributes, five times in a paragraph). Writing that
//! JSON and compressing it into the doc store cost about a tenth of an ingest.
//!
//! The compact form keeps each distinct (entity, rule) pair, value, paragraph
//! label and sentence once, in tables, and a mention is a row of integers into
//! them. The surface text is not stored at all: it is the record's own text at the
//! mention's span (a mention whose span lies outside the record keeps its text in
//! a side list). Statements become arrays instead of keyed objects and drop what
//! the record already holds (segment ordinal, sentence text).
//!
//! Readers never see this form: [`decode_mentions`] and [`decode_statements`] give
//! back the [`StoredMention`]s and [`StoredStatement`]s that were encoded.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::segment_record::{StoredMention, StoredStatement};
use crate::model::{Money, Span, Statement, StatementKind, Value};

/// "No page" / "no paragraph" in a mention row (pages and table indexes are
/// stored plus one).
const NONE: usize = 0;

/// A mention row: `[start, end, kind, value, sentence, page, para]`, where `kind`,
/// `value` and `sentence` index the tables, `page` is the page number or 0, and
/// `para` is the paragraph label's index plus one, or 0.
type MentionRow = [usize; 7];

/// The mentions of one record, as stored: written with borrowed strings and
/// values (`MentionTable<&str, &Value>`), read back owned
/// (`MentionTable<String, Value>`), so both sides share one definition.
#[derive(Debug, Serialize, Deserialize)]
// the tables default to empty: no `Default` needed of what they hold
#[serde(bound(deserialize = "S: Deserialize<'de>, V: Deserialize<'de>"))]
struct MentionTable<S, V> {
    /// Distinct `(entity, rule)` pairs.
    #[serde(rename = "k", default)]
    kinds: Vec<(S, S)>,
    /// Distinct values.
    #[serde(rename = "v", default)]
    values: Vec<V>,
    /// Distinct numbered-paragraph labels.
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    paras: Vec<S>,
    /// Distinct sentences: `[index in the document, start, end]`.
    #[serde(rename = "s", default)]
    sentences: Vec<[usize; 3]>,
    /// One row per mention, in the record's order.
    #[serde(rename = "m", default)]
    rows: Vec<MentionRow>,
    /// `(row, text)` for mentions whose span is not inside the record's text.
    #[serde(rename = "x", default, skip_serializing_if = "Vec::is_empty")]
    texts: Vec<(usize, S)>,
}

/// A mention to store, borrowed from the extraction: building owned
/// [`StoredMention`]s only to serialise them cost as much as the encoding itself.
#[derive(Debug, Clone, Copy)]
pub struct MentionToStore<'a> {
    /// Entity type.
    pub entity: &'a str,
    /// Rule that found it.
    pub rule: &'a str,
    /// The text as it stands in the document.
    pub text: &'a str,
    /// Normalised value.
    pub value: &'a Value,
    /// Byte span in the document's cleaned text.
    pub span: Span,
    /// Page holding it, when the source has pages.
    pub page: Option<u32>,
    /// Numbered paragraph holding it.
    pub para: Option<&'a str>,
    /// Sentence index in the document.
    pub sentence: usize,
    /// Byte span of that sentence.
    pub sentence_span: Span,
}

/// The stored form of `mentions`, whose record holds `text` from byte `offset` of
/// its document.
pub fn encode_mentions(mentions: &[MentionToStore<'_>], text: &str, offset: usize) -> String {
    let mut table: MentionTable<&str, &Value> = MentionTable {
        kinds: Vec::new(),
        values: Vec::new(),
        paras: Vec::new(),
        sentences: Vec::new(),
        rows: Vec::with_capacity(mentions.len()),
        texts: Vec::new(),
    };
    // a value is looked for among those of the same rule and surface text: equal
    // values nearly always share both, and comparing by them is cheap
    let mut seen: FxHashMap<(usize, &str), Vec<usize>> = FxHashMap::default();
    let mut sentence_of: FxHashMap<usize, usize> = FxHashMap::default();
    for (row, m) in mentions.iter().enumerate() {
        let kind = index_of(&mut table.kinds, (m.entity, m.rule));
        let same = seen.entry((kind, m.text)).or_default();
        let value = match same
            .iter()
            .find(|&&v| table.values.get(v) == Some(&m.value))
        {
            Some(&v) => v,
            None => {
                table.values.push(m.value);
                same.push(table.values.len() - 1);
                table.values.len() - 1
            }
        };
        let sentence = *sentence_of.entry(m.sentence).or_insert_with(|| {
            table
                .sentences
                .push([m.sentence, m.sentence_span.start, m.sentence_span.end]);
            table.sentences.len() - 1
        });
        let para = m.para.map_or(NONE, |p| index_of(&mut table.paras, p) + 1);
        let page = m.page.map_or(NONE, |p| p as usize);
        table
            .rows
            .push([m.span.start, m.span.end, kind, value, sentence, page, para]);
        if cut(text, offset, m.span) != Some(m.text) {
            table.texts.push((row, m.text));
        }
    }
    // plain data (strings, numbers, floats): serialising cannot fail
    serde_json::to_string(&table).unwrap_or_default()
}

/// Index of `item` in `table`, appending it when new (tables are short: the
/// rules and paragraphs of one segment).
fn index_of<T: PartialEq>(table: &mut Vec<T>, item: T) -> usize {
    match table.iter().position(|t| *t == item) {
        Some(i) => i,
        None => {
            table.push(item);
            table.len() - 1
        }
    }
}

/// The text of `span` (document offsets) in a record holding `text` from `offset`.
fn cut(text: &str, offset: usize, span: Span) -> Option<&str> {
    let start = span.start.checked_sub(offset)?;
    let end = span.end.checked_sub(offset)?;
    text.get(start..end)
}

/// The mentions stored in `stored` by [`encode_mentions`] for a record holding
/// `text` from byte `offset`. Their `canonical` and `context` are left empty (see
/// [`super::segment_record::restore_derived`]). Malformed input gives the rows
/// that could be read: a listing shows what is there rather than failing.
pub fn decode_mentions(stored: &str, text: &str, offset: usize) -> Vec<StoredMention> {
    let Ok(table) = serde_json::from_str::<MentionTable<String, Value>>(stored) else {
        return Vec::new();
    };
    let side: FxHashMap<usize, &str> = table
        .texts
        .iter()
        .map(|(row, t)| (*row, t.as_str()))
        .collect();
    let mut out = Vec::with_capacity(table.rows.len());
    for (row, &[start, end, kind, value, sentence, page, para]) in table.rows.iter().enumerate() {
        let (Some((entity, rule)), Some(value), Some(&[index, s_start, s_end])) = (
            table.kinds.get(kind),
            table.values.get(value),
            table.sentences.get(sentence),
        ) else {
            continue;
        };
        let span = Span::new(start, end);
        let surface = side
            .get(&row)
            .copied()
            .or_else(|| cut(text, offset, span))
            .unwrap_or("");
        out.push(StoredMention {
            entity: entity.clone(),
            text: surface.to_string(),
            canonical: String::new(),
            value: value.clone(),
            span,
            page: (page != NONE).then(|| u32::try_from(page).unwrap_or(u32::MAX)),
            para: para
                .checked_sub(1)
                .and_then(|p| table.paras.get(p))
                .cloned(),
            sentence: index,
            sentence_span: Span::new(s_start, s_end),
            context: String::new(),
            rule: rule.clone(),
        });
    }
    out
}

/// A statement as stored: its fields in a fixed order, without the keys, the
/// segment ordinal (the record's) or the sentence text (cut from the record).
/// Written borrowed (`StatementRow<&str, &Money>`), read back owned
/// (`StatementRow<String, Money>`).
#[derive(Debug, Serialize, Deserialize)]
struct StatementRow<S, M>(
    StatementKind,
    /// rule
    S,
    /// trigger
    S,
    /// strength
    S,
    /// sentence index
    usize,
    /// sentence span
    usize,
    usize,
    /// requester, addressee, what, amount
    Option<S>,
    Option<S>,
    Option<S>,
    Option<M>,
    /// page, paragraph, states named in the sentence
    Option<u32>,
    Option<S>,
    Vec<S>,
);

/// A statement to store, borrowed from the extraction.
#[derive(Debug, Clone)]
pub struct StatementToStore<'a> {
    /// The extractor's statement (its sentence text is not stored).
    pub statement: &'a Statement,
    /// Page holding the sentence, when the source has pages.
    pub page: Option<u32>,
    /// Numbered paragraph holding the sentence.
    pub para: Option<&'a str>,
    /// Canonical names of the states named in the sentence.
    pub states: Vec<&'a str>,
}

/// The stored form of `statements`.
pub fn encode_statements(statements: &[StatementToStore<'_>]) -> String {
    let rows: Vec<StatementRow<&str, &Money>> = statements
        .iter()
        .map(|s| {
            let st = s.statement;
            StatementRow(
                st.kind,
                st.rule.as_str(),
                st.trigger.as_str(),
                st.strength.as_str(),
                st.sentence,
                st.span.start,
                st.span.end,
                st.requester.as_deref(),
                st.addressee.as_deref(),
                st.what.as_deref(),
                st.amount.as_ref(),
                s.page,
                s.para,
                s.states.clone(),
            )
        })
        .collect();
    // plain data (strings, numbers, floats): serialising cannot fail
    serde_json::to_string(&rows).unwrap_or_default()
}

/// The statements stored by [`encode_statements`] in the record of segment
/// `segment`. Their sentence text is left empty (see
/// [`super::segment_record::restore_derived`]); malformed input gives none.
pub fn decode_statements(stored: &str, segment: usize) -> Vec<StoredStatement> {
    let Ok(rows) = serde_json::from_str::<Vec<StatementRow<String, Money>>>(stored) else {
        return Vec::new();
    };
    rows.into_iter()
        .map(|r| {
            let StatementRow(
                kind,
                rule,
                trigger,
                strength,
                sentence,
                start,
                end,
                requester,
                addressee,
                what,
                amount,
                page,
                para,
                states,
            ) = r;
            StoredStatement {
                statement: Statement {
                    kind,
                    rule,
                    trigger,
                    strength,
                    sentence,
                    segment,
                    span: Span::new(start, end),
                    text: String::new(),
                    requester,
                    addressee,
                    what,
                    amount,
                },
                page,
                para,
                states,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::date::Date;
    use crate::model::DateValue;

    fn name(canonical: &str, iso3: &str) -> Value {
        Value::Name {
            canonical: canonical.into(),
            attrs: BTreeMap::from([("iso3".to_string(), iso3.to_string())]),
        }
    }

    fn mention(entity: &str, rule: &str, text: &str, start: usize, value: Value) -> StoredMention {
        StoredMention {
            entity: entity.into(),
            text: text.into(),
            canonical: String::new(),
            value,
            span: Span::new(start, start + text.len()),
            page: None,
            para: None,
            sentence: 4,
            sentence_span: Span::new(100, 160),
            context: String::new(),
            rule: rule.into(),
        }
    }

    #[test]
    fn mentions_round_trip_with_shared_values_and_outside_spans() {
        // the record holds document bytes 100..160
        let text = "The Netherlands and the Netherlands pledged in June 2019 ok.";
        let offset = 100;
        let nl = name("Netherlands", "NLD");
        let june = Value::Date(DateValue {
            start: Date::new(2019, 6, 1).expect("valid date"),
            end: Date::new(2019, 6, 30).expect("valid date"),
            deadline: Some("by".into()),
            year_inferred: false,
            owner: Some("Netherlands".into()),
            due: Some("Article 5 clearance".into()),
        });
        let mut with_page = mention("state", "states", "Netherlands", 124, nl.clone());
        with_page.page = Some(3);
        with_page.para = Some("12".into());
        let mut elsewhere = mention("state", "states", "Japan", 20, name("Japan", "JPN"));
        elsewhere.sentence = 1;
        elsewhere.sentence_span = Span::new(0, 30);
        let mentions = vec![
            mention("state", "states", "Netherlands", 104, nl.clone()),
            with_page,
            mention("date", "date-month-year", "June 2019", 146, june),
            elsewhere,
        ];
        let to_store: Vec<MentionToStore> = mentions
            .iter()
            .map(|m| MentionToStore {
                entity: &m.entity,
                rule: &m.rule,
                text: &m.text,
                value: &m.value,
                span: m.span,
                page: m.page,
                para: m.para.as_deref(),
                sentence: m.sentence,
                sentence_span: m.sentence_span,
            })
            .collect();
        let stored = encode_mentions(&to_store, text, offset);
        // the shared value and the (entity, rule) pair are stored once
        assert_eq!(stored.matches("NLD").count(), 1, "{stored}");
        assert_eq!(stored.matches("\"states\"").count(), 1, "{stored}");
        assert!(!stored.contains("\"Netherlands\",\"s"), "{stored}");
        assert_eq!(decode_mentions(&stored, text, offset), mentions);
    }

    #[test]
    fn statements_round_trip() {
        let statement = StoredStatement {
            statement: Statement {
                kind: StatementKind::Request,
                rule: "request-explicit".into(),
                trigger: "requested".into(),
                strength: "explicit".into(),
                sentence: 7,
                segment: 3,
                span: Span::new(40, 90),
                text: String::new(),
                requester: Some("Angola".into()),
                addressee: None,
                what: Some("technical assistance".into()),
                amount: Some(Money {
                    value: 2.5e6,
                    max: None,
                    currency: "USD".into(),
                    approximate: true,
                    per: Some("year".into()),
                }),
            },
            page: Some(2),
            para: Some("14".into()),
            states: vec!["Angola".into()],
        };
        let stored = encode_statements(&[StatementToStore {
            statement: &Statement {
                text: "the sentence, cut from the record on reading".into(),
                ..statement.statement.clone()
            },
            page: statement.page,
            para: statement.para.as_deref(),
            states: statement.states.iter().map(String::as_str).collect(),
        }]);
        assert_eq!(decode_statements(&stored, 3), vec![statement]);
    }

    #[test]
    fn malformed_input_gives_nothing_rather_than_a_panic() {
        assert!(decode_mentions("{\"m\":[[1,2,9,9,9,0,0]]}", "", 0).is_empty());
        assert!(decode_mentions("not json", "", 0).is_empty());
        assert!(decode_statements("[[\"oops\"]]", 0).is_empty());
    }
}
