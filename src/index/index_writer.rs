//! Writes records into the index: open (or create), add, delete, commit with a payload.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::{Index, TantivyDocument, Term};

use super::guarded_directory::{GuardedDirectory, IoFault};
use super::schema::{build_schema, register_analyzers, Fields, SCHEMA_VERSION};
use super::segment_record;
use super::IndexError;
use crate::model::ProcessedDoc;

/// File next to tantivy's own that records the schema version of the index.
pub const SCHEMA_FILE: &str = "agendex-schema.json";

/// Memory budget per indexing thread: measured here, more than ~50 MB did not help.
const BUDGET_PER_THREAD: usize = 50_000_000;
/// tantivy refuses more indexing threads than this.
const MAX_THREADS: usize = 8;

/// The index writer: wraps tantivy's, holding the writer lock until dropped.
pub struct IndexWriter {
    dir: PathBuf,
    fields: Fields,
    writer: tantivy::IndexWriter,
    /// The first file-system error of a write, for the error message.
    fault: Arc<Mutex<Option<IoFault>>>,
}

/// The schema version recorded in `dir`, `None` when the file is absent.
pub(crate) fn stored_schema_version(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(SCHEMA_FILE)).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(json.get("schema_version")?.to_string())
}

/// True when `dir` holds a tantivy index.
pub fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// The index folder as a tantivy directory.
pub(crate) fn open_directory(dir: &Path) -> Result<MmapDirectory, IndexError> {
    MmapDirectory::open(dir).map_err(|e| IndexError::Io {
        action: "cannot open the index folder",
        path: dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// Fails when `dir` holds an index of another schema version.
pub(crate) fn check_schema_version(dir: &Path) -> Result<(), IndexError> {
    if !index_exists(dir) {
        return Ok(());
    }
    let found = stored_schema_version(dir).unwrap_or_else(|| "unknown".into());
    if found != SCHEMA_VERSION.to_string() {
        return Err(IndexError::SchemaMismatch {
            dir: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

impl IndexWriter {
    /// Opens the index in `dir`, creating the folder and an empty index when needed,
    /// and takes the writer lock (a second writer gets [`IndexError::Locked`]).
    pub fn open_or_create(dir: &Path, threads: usize) -> Result<IndexWriter, IndexError> {
        std::fs::create_dir_all(dir).map_err(|source| IndexError::Io {
            action: "cannot create the index folder",
            path: dir.to_path_buf(),
            source,
        })?;
        check_schema_version(dir)?;
        let guarded = GuardedDirectory::new(open_directory(dir)?);
        let fault = guarded.fault_slot();
        let (schema, fields) = build_schema();
        let in_words = |action, e| worded(dir, &fault, action, e);
        let mut index =
            Index::open_or_create(guarded, schema).map_err(|e| in_words("opening the index", e))?;
        // each indexing thread compresses its doc-store blocks itself: the
        // extraction workers keep the cores busy and the indexing thread waits on
        // them most of the time, so a compressor thread of its own only added a
        // hand-over (a futex wake-up) per 16 KB block; same bytes on disk
        index.settings_mut().docstore_compress_dedicated_thread = false;
        register_analyzers(index.tokenizers());
        let threads = threads.clamp(1, MAX_THREADS);
        let writer: tantivy::IndexWriter = index
            .writer_with_num_threads(threads, BUDGET_PER_THREAD * threads)
            .map_err(|e| in_words("taking the writer lock", e))?;
        let version = serde_json::json!({ "schema_version": SCHEMA_VERSION }).to_string();
        let schema_file = dir.join(SCHEMA_FILE);
        std::fs::write(&schema_file, version)
            .map_err(|e| IndexError::write_failed(dir, &schema_file, &e))?;
        Ok(IndexWriter {
            dir: dir.to_path_buf(),
            fields,
            writer,
            fault,
        })
    }

    /// A tantivy error in the user's words: the file-system error behind it
    /// when a write failed (tantivy's own message only says a worker died).
    fn err(&self, action: &'static str, e: tantivy::TantivyError) -> IndexError {
        worded(&self.dir, &self.fault, action, e)
    }

    /// Adds one processed document: one record per segment, or one for the whole
    /// text when it has no outline. Does not delete an older version: call
    /// [`IndexWriter::delete_doc`] first when replacing.
    pub fn add(&mut self, doc: &ProcessedDoc) -> Result<(), IndexError> {
        self.add_records(segment_record::records(doc, &self.fields))
    }

    /// Adds records built by [`segment_record::records`] elsewhere: the batch builds
    /// them in its worker threads, so this thread only hands them to tantivy.
    pub fn add_records(&mut self, records: Vec<TantivyDocument>) -> Result<(), IndexError> {
        if records.is_empty() {
            // `run` would take an opstamp for an empty group
            return Ok(());
        }
        // one group per document: one hand-over to tantivy's indexing thread
        // (a channel send and its wake-up) instead of one per record, which cost
        // a futex and a few sched_yield calls each; the records keep their order
        // and each its own opstamp
        self.writer
            .run(records.into_iter().map(UserOperation::Add))
            .map_err(|e| self.err("adding a document", e))?;
        Ok(())
    }

    /// Deletes every record of the document `doc_id` (effective at the next commit).
    pub fn delete_doc(&mut self, doc_id: &str) -> Result<(), IndexError> {
        self.writer
            .delete_term(Term::from_field_text(self.fields.doc_id, doc_id));
        Ok(())
    }

    /// Deletes every record (effective at the next commit).
    pub fn delete_all(&mut self) -> Result<(), IndexError> {
        self.writer
            .delete_all_documents()
            .map_err(|e| self.err("deleting all documents", e))?;
        Ok(())
    }

    /// Commits everything added and deleted since the last commit, with `payload`
    /// stored in the commit (read back by [`read_commit_payload`]).
    pub fn commit(&mut self, payload: &str) -> Result<(), IndexError> {
        let (dir, fault) = (&self.dir, &self.fault);
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|e| worded(dir, fault, "preparing the commit", e))?;
        prepared.set_payload(payload);
        prepared
            .commit()
            .map_err(|e| worded(dir, fault, "committing", e))?;
        Ok(())
    }

    /// Waits for background merges to finish and releases the lock.
    pub fn finish(self) -> Result<(), IndexError> {
        let (dir, fault) = (self.dir, self.fault);
        self.writer
            .wait_merging_threads()
            .map_err(|e| worded(&dir, &fault, "finishing merges", e))
    }
}

fn worded(
    dir: &Path,
    fault: &Mutex<Option<IoFault>>,
    action: &'static str,
    e: tantivy::TantivyError,
) -> IndexError {
    let seen = fault.lock().ok().and_then(|f| f.clone());
    match seen {
        Some(f) => {
            let (cause, todo) = super::index_error::io_words(f.kind, f.code);
            IndexError::WriteFailed {
                dir: dir.to_path_buf(),
                path: dir.join(f.path),
                cause,
                todo,
            }
        }
        None => IndexError::tantivy(dir, action, e),
    }
}

/// The payload of the last commit of the index in `dir`; `None` when there is no
/// index yet or its last commit had no payload.
pub fn read_commit_payload(dir: &Path) -> Result<Option<String>, IndexError> {
    if !index_exists(dir) {
        return Ok(None);
    }
    let index =
        Index::open_in_dir(dir).map_err(|e| IndexError::tantivy(dir, "opening the index", e))?;
    let metas = index
        .load_metas()
        .map_err(|e| IndexError::tantivy(dir, "reading the index metadata", e))?;
    Ok(metas.payload)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::query::QueryParser;

    use super::*;
    use crate::date::Date;
    use crate::index::IndexReader;
    use crate::model::{
        DocMeta, Document, Extraction, Mention, Money, ProcessedDoc, Segment, SegmentKind,
        Sentence, SourceFormat, Span, Value,
    };

    /// A two-item document built by hand: "1. Welcome" and "2. Funding" mentioning
    /// Japan and $14 million.
    fn sample(id: &str, segmented: bool) -> ProcessedDoc {
        let text = "1. Welcome\nThe Chair welcomed delegates.\n2. Funding\nJapan announced a contribution of $14 million to close funding gaps.\n".to_string();
        let h2 = text.find("2. Funding").unwrap_or(0);
        let japan = text.find("Japan").unwrap_or(0);
        let money = text.find("$14 million").unwrap_or(0);
        let segments = if segmented {
            vec![
                Segment {
                    ordinal: 0,
                    kind: SegmentKind::Item,
                    number: Some("1".into()),
                    title: "Welcome".into(),
                    level: 1,
                    parent: None,
                    heading: Span::new(0, 10),
                    body: Span::new(11, h2),
                    paragraphs: vec![],
                },
                Segment {
                    ordinal: 1,
                    kind: SegmentKind::Item,
                    number: Some("2".into()),
                    title: "Funding".into(),
                    level: 1,
                    parent: None,
                    heading: Span::new(h2, h2 + 10),
                    body: Span::new(h2 + 11, text.len()),
                    paragraphs: vec![],
                },
            ]
        } else {
            vec![]
        };
        let seg = usize::from(segmented);
        let sentence = Sentence {
            span: Span::new(japan, text.len() - 1),
            segment: seg,
        };
        let mut attrs = BTreeMap::new();
        attrs.insert("iso3".to_string(), "JPN".to_string());
        let mentions = vec![
            Mention {
                entity: "state".into(),
                rule: "states".into(),
                span: Span::new(japan, japan + 5),
                text: "Japan".into(),
                segment: seg,
                sentence: 0,
                value: Value::Name {
                    canonical: "Japan".into(),
                    attrs,
                },
            },
            Mention {
                entity: "amount".into(),
                rule: "money".into(),
                span: Span::new(money, money + 11),
                text: "$14 million".into(),
                segment: seg,
                sentence: 0,
                value: Value::Money(Money {
                    value: 14e6,
                    max: None,
                    currency: "USD".into(),
                    approximate: false,
                    per: None,
                }),
            },
        ];
        let meta = DocMeta {
            title: Some("Minutes of the MASG".into()),
            body: Some("MASG".into()),
            date: Date::new(2015, 2, 17),
            ..DocMeta::default()
        };
        ProcessedDoc {
            doc: Document {
                id: id.into(),
                path: format!("{id}.txt").into(),
                format: SourceFormat::Text,
                text,
                marks: vec![],
                page_starts: vec![],
                meta: meta.clone(),
                quality: None,
                warnings: vec![],
            },
            segments,
            extraction: Extraction {
                sentences: vec![sentence],
                mentions,
                statements: vec![],
                meta,
            },
        }
    }

    fn count(reader: &IndexReader, q: &str) -> usize {
        let f = reader.fields();
        let parser = QueryParser::for_index(reader.index(), vec![f.text, f.title, f.item]);
        let query = parser.parse_query(q).expect("test query parses");
        reader
            .searcher()
            .search(&query, &tantivy::collector::Count)
            .expect("search runs")
    }

    #[test]
    fn add_commit_payload_search_delete() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read_commit_payload(dir.path()).expect("no index yet"), None);
        let mut w = IndexWriter::open_or_create(dir.path(), 1).expect("create");
        w.add(&sample("a", true)).expect("add");
        w.add(&sample("b", false)).expect("add");
        w.commit("run-1").expect("commit");
        assert_eq!(
            read_commit_payload(dir.path()).expect("payload").as_deref(),
            Some("run-1")
        );
        let r = IndexReader::open(dir.path()).expect("open");
        // 2 segment records of "a", 1 whole-document record of "b"
        assert_eq!(r.all_records().expect("all").len(), 3);
        // phrase with positions, stemming ("gap" finds "gaps"), folding and facets
        assert_eq!(count(&r, "\"funding gaps\""), 2);
        assert_eq!(count(&r, "gap"), 2);
        assert_eq!(count(&r, "state:jpn"), 2);
        assert_eq!(count(&r, "facets:/state/Japan"), 2);
        assert_eq!(count(&r, "number:2"), 1);
        assert_eq!(count(&r, "amount:[1000000 TO *]"), 2);
        assert_eq!(
            count(&r, "date:[2015-01-01T00:00:00Z TO 2016-01-01T00:00:00Z}"),
            3
        );
        let recs = r.doc_records("a").expect("doc a");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].label(), "2 Funding");
        assert_eq!(recs[1].states(), vec!["Japan".to_string()]);
        assert_eq!(recs[1].date, Date::new(2015, 2, 17));
        assert_eq!(recs[1].mentions.len(), 2);
        assert!(recs[1].mentions[1].context.contains("contribution"));
        assert_eq!(r.doc_ids().expect("ids"), vec!["a", "b"]);
        drop(r);

        w.delete_doc("a").expect("delete");
        w.commit("run-2").expect("commit");
        let r = IndexReader::open(dir.path()).expect("reopen");
        assert_eq!(r.all_records().expect("all").len(), 1);
        assert_eq!(
            read_commit_payload(dir.path()).expect("payload").as_deref(),
            Some("run-2")
        );

        w.delete_all().expect("delete all");
        w.add(&sample("c", true)).expect("add after delete_all");
        w.commit("run-3").expect("commit");
        let r = IndexReader::open(dir.path()).expect("reopen");
        assert_eq!(r.doc_ids().expect("ids"), vec!["c"]);
    }

    #[test]
    fn second_writer_is_refused_with_locked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let _first = IndexWriter::open_or_create(dir.path(), 1).expect("first");
        match IndexWriter::open_or_create(dir.path(), 1) {
            Err(IndexError::Locked { .. }) => {}
            Err(e) => panic!("expected Locked, got {e}"),
            Ok(_) => panic!("a second writer was allowed"),
        }
    }

    #[test]
    fn missing_index_and_old_schema_are_explained() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            IndexReader::open(dir.path()),
            Err(IndexError::NotFound { .. })
        ));
        let mut w = IndexWriter::open_or_create(dir.path(), 1).expect("create");
        w.commit("").expect("commit");
        drop(w);
        std::fs::write(dir.path().join(SCHEMA_FILE), r#"{"schema_version":0}"#).expect("write");
        let err = IndexReader::open(dir.path()).err().expect("refused");
        assert!(err.to_string().contains("schema 0"), "{err}");
    }
}
