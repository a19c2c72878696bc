//! Opens an index for reading and turns stored records back into plain structs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Index, Searcher, TantivyDocument, Term, TERMINATED};

use super::guarded_directory::GuardedDirectory;
use super::index_writer::{check_schema_version, index_exists, open_directory};
use super::schema::{build_schema, register_analyzers, Fields};
use super::segment_record::{self, StoredMention, StoredStatement};
use super::stored_form;
use super::IndexError;
use crate::date::Date;

/// A read-only view of the index in a folder.
pub struct IndexReader {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    searcher: Searcher,
    /// Answers about this snapshot that every query may ask again (whether a
    /// name is held by at most a fifth of the records), by question.
    facts: std::sync::Mutex<std::collections::HashMap<String, bool>>,
}

/// One stored record (a segment of a document), as the query side uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Document id.
    pub doc_id: String,
    /// Segment ordinal.
    pub ordinal: usize,
    /// Outline depth.
    pub level: u8,
    /// Segment kind (`item`, `sub_item`, `part`, `heading`, `front_matter`, `annex`,
    /// `document`).
    pub kind: String,
    /// Enumerator as printed.
    pub number: Option<String>,
    /// Segment title.
    pub item_title: String,
    /// Titles from the outermost ancestor to the segment, joined with " > ".
    pub path: String,
    /// Parent segment ordinal.
    pub parent: Option<usize>,
    /// Heading and body text.
    pub text: String,
    /// Document title.
    pub title: String,
    /// Body or forum.
    pub body: Option<String>,
    /// Meeting date.
    pub date: Option<Date>,
    /// Place of the meeting.
    pub place: Option<String>,
    /// UN document symbol.
    pub symbol: Option<String>,
    /// Source file.
    pub source: String,
    /// First page.
    pub page_start: Option<u32>,
    /// Last page.
    pub page_end: Option<u32>,
    /// Byte offset of the segment in the cleaned text.
    pub offset: usize,
    /// Mentions in the segment.
    pub mentions: Vec<StoredMention>,
    /// Requests and commitments in the segment.
    pub statements: Vec<StoredStatement>,
    /// Extension-request records read in the segment.
    pub extensions: Vec<segment_record::StoredExtension>,
}

impl Record {
    /// "2.1 Introductory Remarks" (number and title).
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.item_title),
            None => self.item_title.clone(),
        }
    }

    /// "p. 3" or "pp. 3-4", `None` when the source has no pages.
    pub fn pages(&self) -> Option<String> {
        match (self.page_start, self.page_end) {
            (Some(a), Some(b)) if b > a => Some(format!("pp. {a}-{b}")),
            (Some(a), _) => Some(format!("p. {a}")),
            _ => None,
        }
    }

    /// Canonical names of the states mentioned in the segment, in first-mention order.
    pub fn states(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in &self.mentions {
            if m.entity == crate::annotation::STATE && !out.contains(&m.canonical) {
                out.push(m.canonical.clone());
            }
        }
        out
    }
}

impl IndexReader {
    /// Opens the index in `dir` for reading.
    pub fn open(dir: &Path) -> Result<IndexReader, IndexError> {
        if !index_exists(dir) {
            return Err(IndexError::NotFound {
                dir: dir.to_path_buf(),
            });
        }
        check_schema_version(dir)?;
        // readers take no lock (an index in a read-only folder is searchable);
        // a missing or unreadable file of the last commit is named as damage
        let guarded = GuardedDirectory::new(open_directory(dir)?);
        let index = Index::open(guarded).map_err(|e| IndexError::tantivy(dir, "opening", e))?;
        let (schema, fields) = build_schema();
        if index.schema() != schema {
            return Err(IndexError::SchemaMismatch {
                dir: dir.to_path_buf(),
                found: "unknown".into(),
                expected: super::SCHEMA_VERSION,
            });
        }
        register_analyzers(index.tokenizers());
        let reader = index
            .reader()
            .map_err(|e| IndexError::tantivy(dir, "opening a reader", e))?;
        Ok(IndexReader {
            dir: dir.to_path_buf(),
            index,
            fields,
            searcher: reader.searcher(),
            facts: std::sync::Mutex::default(),
        })
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The tantivy index (analyzers registered).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The answer to `question` about this snapshot of the index, worked out by
    /// `answer` the first time it is asked: a snapshot never changes, so a
    /// fact read from it (how many records hold a name) holds until the index
    /// is opened again.
    pub fn fact(&self, question: String, answer: impl FnOnce() -> bool) -> bool {
        let known = self
            .facts
            .lock()
            .ok()
            .and_then(|f| f.get(&question).copied());
        if let Some(known) = known {
            return known;
        }
        // worked out unlocked: two threads asking at once both count, and agree
        let value = answer();
        if let Ok(mut facts) = self.facts.lock() {
            facts.insert(question, value);
        }
        value
    }

    /// Wraps a tantivy error with this index's folder.
    pub fn err(&self, action: &'static str, e: tantivy::TantivyError) -> IndexError {
        IndexError::tantivy(&self.dir, action, e)
    }

    /// Loads and decodes the record at `addr`.
    pub fn record(&self, addr: DocAddress) -> Result<Record, IndexError> {
        let doc: TantivyDocument = self
            .searcher
            .doc(addr)
            .map_err(|e| self.err("reading a stored record", e))?;
        Ok(decode(&doc, &self.fields))
    }

    /// Loads the record at `addr` without its statements and extension
    /// records (left empty): what a search hit shows, decoded for a page of
    /// hits on every search.
    pub fn hit_record(&self, addr: DocAddress) -> Result<Record, IndexError> {
        let doc: TantivyDocument = self
            .searcher
            .doc(addr)
            .map_err(|e| self.err("reading a stored record", e))?;
        Ok(decode_parts(&doc, &self.fields, false))
    }

    /// Every record matching `query`, by meeting date (undated last), document and
    /// segment.
    pub fn records_matching(&self, query: &dyn Query) -> Result<Vec<Record>, IndexError> {
        let addrs = self
            .searcher
            .search(query, &DocSetCollector)
            .map_err(|e| self.err("searching", e))?;
        let mut out = addrs
            .into_iter()
            .map(|a| self.record(a))
            .collect::<Result<Vec<_>, _>>()?;
        // dated records in time order, undated ones after them
        out.sort_by(|a, b| {
            (a.date.is_none(), a.date, &a.doc_id, a.ordinal).cmp(&(
                b.date.is_none(),
                b.date,
                &b.doc_id,
                b.ordinal,
            ))
        });
        Ok(out)
    }

    /// Every record of the index, by date, document and segment.
    pub fn all_records(&self) -> Result<Vec<Record>, IndexError> {
        self.records_matching(&AllQuery)
    }

    /// The records of one document in outline order (empty when unknown).
    pub fn doc_records(&self, doc_id: &str) -> Result<Vec<Record>, IndexError> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.doc_id, doc_id),
            IndexRecordOption::Basic,
        );
        self.records_matching(&q)
    }

    /// Ids of every indexed document, sorted.
    pub fn doc_ids(&self) -> Result<Vec<String>, IndexError> {
        let mut ids: Vec<String> = Vec::new();
        for seg in self.searcher.segment_readers() {
            let inv = seg
                .inverted_index(self.fields.doc_id)
                .map_err(|e| self.err("reading document ids", e))?;
            let mut stream = inv.terms().stream().map_err(|e| IndexError::Io {
                action: "cannot read document ids in",
                path: self.dir.clone(),
                source: e,
            })?;
            while stream.advance() {
                ids.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }
}

impl IndexReader {
    /// Live records per document id (deleted records not counted), read from
    /// the id field's postings: linear in the records, no stored text read.
    /// The batch compares it with its manifest to find disagreements.
    pub fn live_records_by_doc(&self) -> Result<BTreeMap<String, u32>, IndexError> {
        let mut out: BTreeMap<String, u32> = BTreeMap::new();
        let io = |source| IndexError::Io {
            action: "cannot read document ids in",
            path: self.dir.clone(),
            source,
        };
        for seg in self.searcher.segment_readers() {
            let inv = seg
                .inverted_index(self.fields.doc_id)
                .map_err(|e| self.err("reading document ids", e))?;
            let alive = seg.alive_bitset();
            let mut stream = inv.terms().stream().map_err(io)?;
            while stream.advance() {
                let mut postings = inv
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(io)?;
                let mut live = 0u32;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        live += 1;
                    }
                    doc = postings.advance();
                }
                if live > 0 {
                    *out.entry(String::from_utf8_lossy(stream.key()).into_owned())
                        .or_insert(0) += live;
                }
            }
        }
        Ok(out)
    }
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
}

fn number(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    doc.get_first(field).and_then(|v| v.as_u64())
}

/// Decodes a stored record; missing or malformed fields fall back to empty values
/// rather than failing a whole listing.
pub(crate) fn decode(doc: &TantivyDocument, f: &Fields) -> Record {
    decode_parts(doc, f, true)
}

/// [`decode`]; `whole`: with the statements and extension records too.
fn decode_parts(doc: &TantivyDocument, f: &Fields, whole: bool) -> Record {
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .map(|dt| Date::from_days_since_epoch(dt.into_timestamp_secs().div_euclid(86_400)));
    let mut record = Record {
        doc_id: text(doc, f.doc_id).unwrap_or_default(),
        ordinal: number(doc, f.ordinal).unwrap_or(0) as usize,
        level: number(doc, f.level).unwrap_or(0).min(255) as u8,
        kind: text(doc, f.kind).unwrap_or_default(),
        number: text(doc, f.number),
        item_title: text(doc, f.item).unwrap_or_default(),
        path: text(doc, f.path).unwrap_or_default(),
        parent: number(doc, f.parent).map(|p| p as usize),
        text: text(doc, f.text).unwrap_or_default(),
        title: text(doc, f.title).unwrap_or_default(),
        body: text(doc, f.body),
        date,
        place: text(doc, f.place),
        symbol: text(doc, f.symbol),
        source: text(doc, f.source).unwrap_or_default(),
        page_start: number(doc, f.page_start).map(|p| p as u32),
        page_end: number(doc, f.page_end).map(|p| p as u32),
        offset: number(doc, f.offset).unwrap_or(0) as usize,
        mentions: Vec::new(),
        statements: Vec::new(),
        extensions: Vec::new(),
    };
    if let Some(stored) = text(doc, f.mentions) {
        record.mentions = stored_form::decode_mentions(&stored, &record.text, record.offset);
    }
    if whole {
        if let Some(stored) = text(doc, f.extensions) {
            record.extensions = segment_record::decode_extensions(&stored);
        }
        if let Some(stored) = text(doc, f.statements) {
            record.statements = stored_form::decode_statements(&stored, record.ordinal);
        }
    }
    segment_record::restore_derived(
        &record.text,
        record.offset,
        &mut record.mentions,
        &mut record.statements,
    );
    record
}
