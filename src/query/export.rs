//! `agendex export`: the indexed segments with their document metadata and
//! entities, for other tools: JSON Lines, or an Elasticsearch/OpenSearch bulk
//! file with the index mapping it expects, so that a team that outgrows one
//! machine loads the same records into a search cluster.

use std::io::Write;

use serde_json::{json, Value};

use crate::index::IndexError;
use crate::index::{IndexReader, Record};
use crate::query::outline::entities_by_type;

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The output could not be written.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per segment, one per line.
    JsonLines,
    /// Elasticsearch/OpenSearch `_bulk` body: an action line, then the segment.
    Bulk,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportCount {
    /// Documents.
    pub documents: usize,
    /// Segments (one line, or one action and one line, each).
    pub segments: usize,
}

/// The id of a segment in an export: `DOC#N`, the document id and the
/// segment's ordinal, unique in the index.
pub fn segment_id(rec: &Record) -> String {
    format!("{}#{}", rec.doc_id, rec.ordinal)
}

/// One segment as an export object: the segment, its document's metadata,
/// its entities (grouped and as mentions) and its statements.
pub fn segment_json(rec: &Record) -> Value {
    json!({
        "id": segment_id(rec),
        "doc": rec.doc_id,
        "segment": rec.ordinal,
        "kind": rec.kind,
        "level": rec.level,
        "number": rec.number,
        "item_title": rec.item_title,
        "path": rec.path,
        "text": rec.text,
        "pages": rec.pages(),
        "page_start": rec.page_start,
        "page_end": rec.page_end,
        "title": rec.title,
        "body": rec.body,
        "date": rec.date.map(|d| d.to_string()),
        "place": rec.place,
        "symbol": rec.symbol,
        "source": rec.source,
        "states": rec.states(),
        "entities": entities_by_type(rec),
        "mentions": rec.mentions.iter().map(|m| json!({
            "type": m.entity,
            "text": m.text,
            "canonical": m.canonical,
            "value": m.value,
            "page": m.page,
            "para": m.para,
        })).collect::<Vec<_>>(),
        "statements": rec.statements,
    })
}

/// Writes every segment of the index, document by document (one document's
/// records in memory at a time), to `out`. `es_index` names the target index
/// in bulk action lines.
pub fn export(
    reader: &IndexReader,
    format: ExportFormat,
    es_index: &str,
    out: &mut dyn Write,
) -> Result<ExportCount, ExportError> {
    let mut count = ExportCount::default();
    for doc in reader.doc_ids()? {
        count.documents += 1;
        for rec in reader.doc_records(&doc)? {
            if format == ExportFormat::Bulk {
                let action = json!({"index": {"_index": es_index, "_id": segment_id(&rec)}});
                writeln!(out, "{action}")?;
            }
            writeln!(out, "{}", segment_json(&rec))?;
            count.segments += 1;
        }
    }
    out.flush()?;
    Ok(count)
}

/// The Elasticsearch/OpenSearch index settings and mapping for [`export`]'s
/// objects: English-analysed text, keyword facets, dates; mentions and
/// statements kept in the source but not indexed field by field.
pub fn es_mapping() -> Value {
    let keyword = json!({"type": "keyword"});
    let text = json!({"type": "text", "analyzer": "english"});
    json!({
        "settings": {"number_of_shards": 1},
        "mappings": {
            "dynamic": false,
            "properties": {
                "id": keyword,
                "doc": keyword,
                "segment": {"type": "integer"},
                "kind": keyword,
                "level": {"type": "integer"},
                "number": keyword,
                "item_title": {"type": "text", "analyzer": "english", "fields": {"raw": keyword}},
                "path": text,
                "text": text,
                "page_start": {"type": "integer"},
                "page_end": {"type": "integer"},
                "title": {"type": "text", "analyzer": "english", "fields": {"raw": keyword}},
                "body": keyword,
                "date": {"type": "date", "format": "yyyy-MM-dd"},
                "place": keyword,
                "symbol": keyword,
                "source": keyword,
                "states": keyword,
                "entities": {"type": "object", "dynamic": true},
                "mentions": {"type": "object", "enabled": false},
                "statements": {"type": "object", "enabled": false},
            }
        }
    })
}
