//! The stored records behind a page of search hits, found by their citation
//! (`DOC#ordinal`) without running a query: the document id's postings hold the
//! few records of one document, and the ordinal column says which is which.
//! The workbench shows more of a hit than [`crate::query::search::SearchHit`] carries
//! (the symbol, entity chips), and this is the cheapest way back to the record.

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Term, TERMINATED};

use crate::index::{IndexReader, Record};
use crate::query::QueryError;

/// Where the live record `doc_id#ordinal` is stored, if the index holds it.
fn address_of(
    reader: &IndexReader,
    doc_id: &str,
    ordinal: usize,
) -> Result<Option<DocAddress>, QueryError> {
    let f = reader.fields();
    let term = Term::from_field_text(f.doc_id, doc_id);
    for (seg_ord, seg) in reader.searcher().segment_readers().iter().enumerate() {
        let inverted = seg
            .inverted_index(f.doc_id)
            .map_err(|e| reader.err("reading document ids", e))?;
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(|e| reader.err("reading document ids", e.into()))?
        else {
            continue;
        };
        let ordinals = seg
            .fast_fields()
            .u64("ordinal")
            .map_err(|e| reader.err("reading segment ordinals", e))?;
        let alive = seg.alive_bitset();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let live = alive.is_none_or(|a| a.is_alive(doc));
            if live && ordinals.first(doc) == Some(ordinal as u64) {
                return Ok(Some(DocAddress::new(seg_ord as u32, doc)));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}

/// The records cited by `hits` (document id, ordinal), in their order; `None`
/// where the index no longer holds one.
pub fn hit_records(
    reader: &IndexReader,
    hits: &[(&str, usize)],
) -> Result<Vec<Option<Record>>, QueryError> {
    hits.iter()
        .map(
            |&(doc_id, ordinal)| match address_of(reader, doc_id, ordinal)? {
                Some(addr) => Ok(Some(reader.record(addr)?)),
                None => Ok(None),
            },
        )
        .collect()
}
