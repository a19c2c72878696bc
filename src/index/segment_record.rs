//! A processed document becomes index records: one tantivy document per segment
//! (or one for the whole text when the segmenter found no outline), each carrying
//! its document's metadata and the segment's own mentions and statements.
//!
//! Mentions and statements are stored next to the text (in the compact form of
//! [`super::stored_form`]), so entity listings and summaries are built from the
//! index alone, without re-reading source files.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument};

use super::schema::{Fields, FACET_BODY, FACET_ORGANISATION, FACET_STATE, FACET_YEAR};
use super::stored_form::{self, MentionToStore, StatementToStore};
use crate::annotation::{AMOUNT, DATE, ORGANISATION, STATE};
use crate::model::{ExtensionRecord, Mention, ProcessedDoc, Segment, Span, Statement, Value};

/// Kind stored for the single record of a document without an outline.
pub const WHOLE_DOCUMENT_KIND: &str = "document";

/// Longest sentence context given with a mention, in bytes: enough to read the
/// claim, bounded so one run-on "sentence" cannot flood a listing.
pub const MAX_CONTEXT: usize = 600;

/// A mention as stored in the index: the extractor's mention plus what a listing
/// needs without the source file (page, sentence text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredMention {
    /// Entity type ("state", "amount", ...).
    pub entity: String,
    /// The text as it stands in the document.
    pub text: String,
    /// Canonical name for gazetteer entities, else the text. Not stored: the
    /// reader takes it from `value` (or `text`).
    #[serde(skip)]
    pub canonical: String,
    /// Normalised value.
    pub value: Value,
    /// Byte span in the document's cleaned text.
    pub span: Span,
    /// Page holding the mention, when the source has pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Numbered paragraph holding the mention ("12"), when the segment numbers them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub para: Option<String>,
    /// Sentence index in the document (mentions sharing it share a sentence).
    #[serde(default)]
    pub sentence: usize,
    /// Byte span of the sentence around the mention, in the document's cleaned text.
    #[serde(default)]
    pub sentence_span: Span,
    /// The sentence around the mention (at most [`MAX_CONTEXT`] bytes). Not stored:
    /// the reader cuts it from the segment's stored text with `sentence_span`, so an
    /// entity-dense segment does not store its sentences once per mention.
    #[serde(skip)]
    pub context: String,
    /// Rule that found it.
    pub rule: String,
}

/// A statement (request or commitment) as stored in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredStatement {
    /// The extractor's statement.
    pub statement: Statement,
    /// Page holding the sentence, when the source has pages.
    pub page: Option<u32>,
    /// Numbered paragraph holding the sentence ("12"), when the segment numbers them.
    #[serde(default)]
    pub para: Option<String>,
    /// Canonical names of the states named in the sentence.
    pub states: Vec<String>,
}

/// An extension-request record as stored in the index, with what a listing
/// needs without the source file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredExtension {
    /// The extractor's record (its `sentence` is the document's sentence index).
    pub record: ExtensionRecord,
    /// Page holding the sentence the record was first read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Numbered paragraph holding that sentence, when the segment numbers them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub para: Option<String>,
    /// That sentence (at most [`MAX_CONTEXT`] bytes).
    pub text: String,
}

/// The stored form of a segment's extension records (JSON; empty records store nothing).
pub fn encode_extensions(records: &[StoredExtension]) -> String {
    serde_json::to_string(records).unwrap_or_default()
}

/// The records stored by [`encode_extensions`]; malformed input gives none.
pub fn decode_extensions(stored: &str) -> Vec<StoredExtension> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// The document's extension records, each placed in the record of the segment
/// holding its first sentence (`slot` maps a segment ordinal to its record).
fn extensions_by_record(
    p: &ProcessedDoc,
    records: usize,
    slot: impl Fn(usize) -> Option<usize>,
) -> Vec<Vec<StoredExtension>> {
    let mut out: Vec<Vec<StoredExtension>> = vec![Vec::new(); records];
    for rec in crate::extract::extensions::records(&p.doc.text, &p.extraction) {
        let Some(sentence) = p.extraction.sentences.get(rec.sentence) else {
            continue;
        };
        let Some(group) = slot(sentence.segment).and_then(|i| out.get_mut(i)) else {
            continue;
        };
        let paragraphs = ParagraphLookup::of(p.segments.get(sentence.segment));
        group.push(StoredExtension {
            page: p.doc.page_of(sentence.span.start),
            para: paragraphs.at(sentence.span.start).map(str::to_string),
            text: clip(p.doc.slice(sentence.span), MAX_CONTEXT),
            record: rec,
        });
    }
    out
}

/// Fills what the stored form leaves out (canonical names, mention contexts,
/// statement sentences) from the values and the record's own text, which starts
/// at byte `offset` of the document.
pub fn restore_derived(
    text: &str,
    offset: usize,
    mentions: &mut [StoredMention],
    statements: &mut [StoredStatement],
) {
    // a span outside the segment (an index written by a buggy run) gives "" rather than a panic
    let cut = |span: Span| {
        span.start
            .checked_sub(offset)
            .zip(span.end.checked_sub(offset))
            .and_then(|(a, b)| text.get(a..b))
            .unwrap_or("")
            .trim()
    };
    for m in mentions {
        m.context = clip(cut(m.sentence_span), MAX_CONTEXT);
        m.canonical = match &m.value {
            Value::Name { canonical, .. } => canonical.clone(),
            _ => m.text.clone(),
        };
    }
    for s in statements {
        if s.statement.text.is_empty() {
            s.statement.text = cut(s.statement.span).to_string();
        }
    }
}

/// The `n`-byte prefix of `s`, cut at a char boundary, with "..." when cut.
fn clip(s: &str, n: usize) -> String {
    if s.len() <= n {
        return s.to_string();
    }
    let mut end = n;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// The attribute `key` of a gazetteer value.
fn attr<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    match value {
        Value::Name { attrs, .. } => attrs.get(key).map(String::as_str),
        _ => None,
    }
}

/// Builds the index records of one processed document.
pub fn records(p: &ProcessedDoc, f: &Fields) -> Vec<TantivyDocument> {
    if p.segments.is_empty() {
        let whole = Span::new(0, p.doc.text.len());
        let mentions: Vec<&Mention> = p.extraction.mentions.iter().collect();
        let statements: Vec<&Statement> = p.extraction.statements.iter().collect();
        let part = RecordPart {
            ordinal: 0,
            level: 0,
            kind: WHOLE_DOCUMENT_KIND,
            number: None,
            title: "(whole document)",
            path: String::new(),
            section: Vec::new(),
            parent: None,
            extent: whole,
        };
        let by_start = StatesByStart::of(&p.extraction.mentions);
        let mut d = record(p, f, &part, &mentions, &statements, &by_start);
        if let Some(exts) = extensions_by_record(p, 1, |_| Some(0)).first() {
            if !exts.is_empty() {
                d.add_text(f.extensions, encode_extensions(exts));
            }
        }
        return vec![d];
    }
    // grouped in one pass, in document order: filtering the document's mentions
    // once per segment cost more than encoding them
    let mut mentions: Vec<Vec<&Mention>> = vec![Vec::new(); p.segments.len()];
    let mut statements: Vec<Vec<&Statement>> = vec![Vec::new(); p.segments.len()];
    // ordinals are positions in the outline; the search is the fallback
    let slot = |ordinal: usize| match p.segments.get(ordinal) {
        Some(s) if s.ordinal == ordinal => Some(ordinal),
        _ => p.segments.iter().position(|s| s.ordinal == ordinal),
    };
    for m in &p.extraction.mentions {
        if let Some(group) = slot(m.segment).and_then(|i| mentions.get_mut(i)) {
            group.push(m);
        }
    }
    for st in &p.extraction.statements {
        if let Some(group) = slot(st.segment).and_then(|i| statements.get_mut(i)) {
            group.push(st);
        }
    }
    // sorted once per document: per record, it was the document's mentions
    // times its segments
    let by_start = StatesByStart::of(&p.extraction.mentions);
    let extensions = extensions_by_record(p, p.segments.len(), slot);
    p.segments
        .iter()
        .zip(mentions.iter().zip(&statements))
        .zip(&extensions)
        .map(|((seg, (mentions, statements)), exts)| {
            let part = RecordPart::of(seg, &p.segments);
            let mut d = record(p, f, &part, mentions, statements, &by_start);
            if !exts.is_empty() {
                d.add_text(f.extensions, encode_extensions(exts));
            }
            d
        })
        .collect()
}

/// The segment-specific half of a record.
struct RecordPart<'a> {
    ordinal: usize,
    level: u8,
    kind: &'a str,
    number: Option<&'a str>,
    title: &'a str,
    path: String,
    /// The ancestors' titles, nearest last.
    section: Vec<&'a str>,
    parent: Option<usize>,
    extent: Span,
}

impl<'a> RecordPart<'a> {
    fn of(seg: &'a Segment, all: &'a [Segment]) -> RecordPart<'a> {
        let kind = match seg.kind {
            crate::model::SegmentKind::FrontMatter => "front_matter",
            crate::model::SegmentKind::Part => "part",
            crate::model::SegmentKind::Item => "item",
            crate::model::SegmentKind::SubItem => "sub_item",
            crate::model::SegmentKind::Heading => "heading",
            crate::model::SegmentKind::Annex => "annex",
        };
        let path = seg.path(all);
        let section = path
            .get(..path.len().saturating_sub(1))
            .unwrap_or(&[])
            .to_vec();
        RecordPart {
            ordinal: seg.ordinal,
            level: seg.level,
            kind,
            number: seg.number.as_deref(),
            title: &seg.title,
            path: path.join(" > "),
            section,
            parent: seg.parent,
            extent: seg.extent(),
        }
    }
}

fn record(
    p: &ProcessedDoc,
    f: &Fields,
    part: &RecordPart<'_>,
    mentions: &[&Mention],
    statements: &[&Statement],
    by_start: &StatesByStart<'_>,
) -> TantivyDocument {
    let doc = &p.doc;
    let meta = &doc.meta;
    let mut d = TantivyDocument::default();
    d.add_text(f.doc_id, &doc.id);
    d.add_u64(f.ordinal, part.ordinal as u64);
    d.add_u64(f.level, u64::from(part.level));
    d.add_text(f.kind, part.kind);
    if let Some(n) = part.number {
        d.add_text(f.number, n);
    }
    d.add_text(f.item, part.title);
    d.add_text(f.path, &part.path);
    // one value per heading: a phrase does not run from one heading into the next
    for heading in &part.section {
        d.add_text(f.section, heading);
    }
    if let Some(parent) = part.parent {
        d.add_u64(f.parent, parent as u64);
    }
    d.add_text(f.text, doc.slice(part.extent));
    d.add_u64(f.offset, part.extent.start as u64);
    let title = meta.title.clone().unwrap_or_else(|| doc.id.clone());
    d.add_text(f.title, &title);
    if let Some(body) = &meta.body {
        d.add_text(f.body, body);
        d.add_facet(f.facets, Facet::from_path([FACET_BODY, body.as_str()]));
    }
    if let Some(date) = meta.date {
        d.add_date(f.date, DateTime::from_timestamp_secs(date.unix_seconds()));
        d.add_u64(f.year, date.year.max(0) as u64);
        d.add_facet(
            f.facets,
            Facet::from_path([FACET_YEAR.to_string(), date.year.to_string()]),
        );
    }
    for (field, value) in [
        (f.place, &meta.place),
        (f.symbol, &meta.symbol),
        (f.doc_type, &meta.doc_type),
    ] {
        if let Some(v) = value {
            d.add_text(field, v);
        }
    }
    d.add_text(f.source, doc.path.to_string_lossy());
    if let Some(first) = doc.page_of(part.extent.start) {
        d.add_u64(f.page_start, u64::from(first));
        let last = doc
            .page_of(part.extent.end.saturating_sub(1).max(part.extent.start))
            .unwrap_or(first);
        d.add_u64(f.page_end, u64::from(last));
    }

    let mut states: BTreeSet<&str> = BTreeSet::new();
    let mut orgs: BTreeSet<&str> = BTreeSet::new();
    // surface forms ("USA", "the Japanese Mission") are searchable too, once each
    let mut forms: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut usd_max: Option<f64> = None;
    for m in mentions {
        match m.entity.as_str() {
            STATE if states.insert(m.canonical()) => {
                d.add_text(f.state, m.canonical());
                if let Some(iso) = attr(&m.value, "iso3") {
                    d.add_text(f.state, iso);
                }
            }
            ORGANISATION if orgs.insert(m.canonical()) => {
                d.add_text(f.organisation, m.canonical());
                if let Some(full) = attr(&m.value, "full_name") {
                    d.add_text(f.organisation, full);
                }
            }
            AMOUNT => {
                if let Value::Money(money) = &m.value {
                    d.add_f64(f.amount, money.value);
                    if money.currency == "USD" {
                        let top = money.max.unwrap_or(money.value);
                        usd_max = Some(usd_max.map_or(top, |cur: f64| cur.max(top)));
                    }
                }
            }
            DATE => {
                if let Value::Date(dv) = &m.value {
                    d.add_date(
                        f.mention_date,
                        DateTime::from_timestamp_secs(dv.start.unix_seconds()),
                    );
                }
            }
            _ => {}
        }
        let field = match m.entity.as_str() {
            STATE => Some(f.state),
            ORGANISATION => Some(f.organisation),
            _ => None,
        };
        if let Some(field) = field {
            if m.text != m.canonical() && forms.insert((&m.entity, &m.text)) {
                d.add_text(field, &m.text);
            }
        }
    }
    for s in &states {
        d.add_facet(f.facets, Facet::from_path([FACET_STATE, s]));
    }
    for o in &orgs {
        d.add_facet(f.facets, Facet::from_path([FACET_ORGANISATION, o]));
    }
    if let Some(v) = usd_max {
        d.add_f64(f.amount_usd_max, v);
    }

    let paragraphs = ParagraphLookup::of(p.segments.get(part.ordinal));
    let para_at = |offset: usize| paragraphs.at(offset);
    let mentions_to_store: Vec<MentionToStore> = mentions
        .iter()
        .map(|m| MentionToStore {
            entity: &m.entity,
            rule: &m.rule,
            text: &m.text,
            value: &m.value,
            span: m.span,
            page: doc.page_of(m.span.start),
            para: para_at(m.span.start),
            sentence: m.sentence,
            sentence_span: p
                .extraction
                .sentences
                .get(m.sentence)
                .map_or(m.span, |s| s.span),
        })
        .collect();
    let to_store: Vec<StatementToStore> = statements
        .iter()
        .map(|s| {
            let mut states: Vec<&str> = Vec::new();
            for m in by_start.within(s.span) {
                if !states.contains(&m.canonical()) {
                    states.push(m.canonical());
                }
            }
            StatementToStore {
                statement: s,
                page: doc.page_of(s.span.start),
                para: para_at(s.span.start),
                states,
            }
        })
        .collect();
    d.add_text(
        f.mentions,
        stored_form::encode_mentions(
            &mentions_to_store,
            doc.slice(part.extent),
            part.extent.start,
        ),
    );
    d.add_text(f.statements, stored_form::encode_statements(&to_store));
    d
}

/// Numbered paragraphs of a segment, found by binary search (a segment of
/// thousands of paragraphs and mentions must not cost their product).
struct ParagraphLookup<'a> {
    seg: Option<&'a Segment>,
    sorted: bool,
}

impl<'a> ParagraphLookup<'a> {
    fn of(seg: Option<&'a Segment>) -> ParagraphLookup<'a> {
        let sorted = seg.is_none_or(|s| {
            s.paragraphs
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start)
        });
        ParagraphLookup { seg, sorted }
    }

    /// The number of the paragraph holding `offset`, as `Segment::paragraph_at` says.
    fn at(&self, offset: usize) -> Option<&'a str> {
        let seg = self.seg?;
        if !self.sorted {
            return seg.paragraph_at(offset);
        }
        // disjoint and in order: only the last paragraph starting at or before
        // `offset` can hold it
        let idx = seg.paragraphs.partition_point(|q| q.span.start <= offset);
        let q = seg.paragraphs.get(idx.checked_sub(1)?)?;
        (offset < q.span.end.max(q.span.start + 1)).then_some(q.number.as_str())
    }
}

/// The state mentions that statements can hold, sorted by start: each statement
/// looks up its own by binary search, so the cost is linear in the document
/// rather than statements times mentions.
struct StatesByStart<'a> {
    sorted: Vec<&'a Mention>,
}

impl<'a> StatesByStart<'a> {
    /// The state mentions of `all`.
    fn of(all: &'a [Mention]) -> StatesByStart<'a> {
        let mut sorted: Vec<&Mention> = all.iter().filter(|m| m.entity == STATE).collect();
        sorted.sort_by_key(|m| (m.span.start, m.span.end));
        StatesByStart { sorted }
    }

    /// The state mentions lying inside `span`, in text order.
    fn within(&self, span: Span) -> impl Iterator<Item = &'a Mention> + '_ {
        let first = self.sorted.partition_point(|m| m.span.start < span.start);
        self.sorted[first..]
            .iter()
            .take_while(move |m| m.span.start < span.end.max(span.start + 1))
            .filter(move |m| span.contains(m.span))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_respects_char_boundaries() {
        assert_eq!(clip("abc", 10), "abc");
        assert_eq!(clip("é é", 1), "...");
        assert_eq!(clip("abcdef", 3), "abc...");
    }
}
