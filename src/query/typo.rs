//! Typo tolerance: a query word that the records never use is replaced by the
//! closest word they do use (edit distance 1, or 2 for words of 8 letters or
//! more), and the search says so ("showing results for ...").
//!
//! The index holds stems, so a misspelling can stem into a real, unrelated term:
//! "extention" stems to "extent". A word therefore counts as known only when its
//! own spelling occurs in the records that hold its stem (all of them up to
//! [`SURFACE_SAMPLE`]; a stem in more records than that is trusted). Candidates are
//! indexed stems with the same first letter within the distance of the word's
//! stem; each is shown by the spelling the records use closest to what was
//! typed, and the closest spelling wins, then the most frequent.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use super::names::edit_distance;
use crate::index::text_analyzer::FusedAnalyzer;
use crate::index::IndexReader;

/// Records read to see whether a word's own spelling occurs.
pub const SURFACE_SAMPLE: usize = 50;
/// Shortest word corrected: shorter ones have too many neighbours.
const MIN_LETTERS: usize = 4;
/// Candidates looked at per word, most frequent first.
const MAX_CANDIDATES: usize = 8;

/// A word replaced by a closer known one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// As typed.
    pub typed: String,
    /// As searched.
    pub corrected: String,
}

/// Stems of `text` through the running-text analyzer.
fn stems(text: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::from(FusedAnalyzer::english());
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Whether `word` occurs as a whole word (any case) in `text`.
fn occurs_as_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Texts of up to `n` records holding `stem` in their text (the stored text only:
/// no mentions decoded).
fn texts_with(reader: &IndexReader, stem: &str, n: usize) -> Vec<String> {
    use tantivy::schema::Value;
    let f = reader.fields();
    let q = TermQuery::new(
        Term::from_field_text(f.text, stem),
        IndexRecordOption::Basic,
    );
    let searcher = reader.searcher();
    let Ok(top) = searcher.search(&q, &TopDocs::with_limit(n).order_by_score()) else {
        return Vec::new();
    };
    top.into_iter()
        .filter_map(|(_, addr)| {
            let doc: tantivy::TantivyDocument = searcher.doc(addr).ok()?;
            doc.get_first(f.text)
                .and_then(|v| v.as_str().map(str::to_string))
        })
        .collect()
}

/// Whether `word` occurs as written in one of the records holding `stem` (read
/// one at a time, best first, until it is found).
fn spelling_occurs(reader: &IndexReader, stem: &str, word: &str) -> bool {
    use tantivy::schema::Value;
    let f = reader.fields();
    let q = TermQuery::new(
        Term::from_field_text(f.text, stem),
        IndexRecordOption::WithFreqs,
    );
    let searcher = reader.searcher();
    let Ok(top) = searcher.search(&q, &TopDocs::with_limit(SURFACE_SAMPLE).order_by_score()) else {
        return false;
    };
    top.into_iter().any(|(_, addr)| {
        let doc: Option<tantivy::TantivyDocument> = searcher.doc(addr).ok();
        doc.as_ref()
            .and_then(|d| d.get_first(f.text))
            .and_then(|v| v.as_str())
            .is_some_and(|t| occurs_as_word(t, word))
    })
}

/// Documents of the text field holding `stem`.
fn doc_freq(reader: &IndexReader, stem: &str) -> u64 {
    let term = Term::from_field_text(reader.fields().text, stem);
    reader.searcher().doc_freq(&term).unwrap_or(0)
}

/// Corrections already worked out, for one state of the index (its segment
/// ids): a lookup reads up to [`SURFACE_SAMPLE`] stored records and scans a
/// letter's terms, and a researcher (or the workbench) asks the same words again.
struct Memo {
    segments: Vec<tantivy::index::SegmentId>,
    words: std::collections::HashMap<String, Option<Correction>>,
}

/// Words remembered before the memo starts again (a bound on memory).
const MEMO_WORDS: usize = 10_000;

static MEMO: std::sync::Mutex<Option<Memo>> = std::sync::Mutex::new(None);

/// The correction for one free-text word, or `None` when the records use it (or
/// nothing close enough); remembered per state of the index.
pub fn correct(reader: &IndexReader, word: &str) -> Option<Correction> {
    let segments: Vec<tantivy::index::SegmentId> = reader
        .searcher()
        .segment_readers()
        .iter()
        .map(|s| s.segment_id())
        .collect();
    // a poisoned lock only means another search panicked mid-insert: the map is
    // still a valid cache
    let lock = || {
        MEMO.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    if let Some(memo) = lock().as_ref() {
        if memo.segments == segments {
            if let Some(hit) = memo.words.get(word) {
                return hit.clone();
            }
        }
    }
    let found = correct_uncached(reader, word);
    let mut guard = lock();
    let memo = guard.get_or_insert_with(|| Memo {
        segments: segments.clone(),
        words: std::collections::HashMap::new(),
    });
    if memo.segments != segments || memo.words.len() >= MEMO_WORDS {
        memo.segments = segments;
        memo.words.clear();
    }
    memo.words.insert(word.to_string(), found.clone());
    found
}

/// [`correct`] without the memo.
fn correct_uncached(reader: &IndexReader, word: &str) -> Option<Correction> {
    let lower = word.to_lowercase();
    let letters = lower.chars().count();
    if letters < MIN_LETTERS || !lower.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let [stem] = stems(&lower).try_into().ok()?;
    let df = doc_freq(reader, &stem);
    // a frequent stem is trusted without reading records: a misspelling is rare
    if df as usize > SURFACE_SAMPLE {
        return None;
    }
    if df > 0 && spelling_occurs(reader, &stem, &lower) {
        return None;
    }
    // a compound the records write in two words ("ceasefire" for "cease-fire"):
    // the words side by side are what the records hold, not a near spelling
    if df == 0 {
        if let Some((_, split)) = split_compound(reader, &lower) {
            return Some(Correction {
                typed: word.to_string(),
                corrected: split,
            });
        }
    }
    let max = if letters >= 8 { 2 } else { 1 };
    let mut candidates: Vec<(String, u64)> = Vec::new();
    let first = stem.chars().next()?;
    let mut lo = [0u8; 4];
    let lo = first.encode_utf8(&mut lo).as_bytes().to_vec();
    let mut hi = lo.clone();
    if let Some(last) = hi.last_mut() {
        *last = last.saturating_add(1);
    }
    for seg in reader.searcher().segment_readers() {
        let Ok(inv) = seg.inverted_index(reader.fields().text) else {
            continue;
        };
        let Ok(mut stream) = inv.terms().range().ge(&lo).lt(&hi).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if term == stem || term.len().abs_diff(stem.len()) > max {
                continue;
            }
            if edit_distance(term, &stem) <= max {
                let n = u64::from(stream.value().doc_freq);
                match candidates.iter_mut().find(|c| c.0 == term) {
                    Some(c) => c.1 += n,
                    None => candidates.push((term.to_string(), n)),
                }
            }
        }
    }
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(MAX_CANDIDATES);
    let mut best: Option<(usize, u64, String)> = None;
    for (cand, n) in candidates {
        let Some((d, spelling)) = closest_spelling(reader, &cand, &lower) else {
            continue;
        };
        if d > max {
            continue;
        }
        let better = match &best {
            None => true,
            Some((bd, bn, _)) => d < *bd || (d == *bd && n > *bn),
        };
        if better {
            best = Some((d, n, spelling));
        }
    }
    best.map(|(_, _, corrected)| Correction {
        typed: word.to_string(),
        corrected,
    })
}

/// The compound's split form (`left-right`) when the records also write the
/// word as two ("ceasefire" and "cease-fire" in different reports): searched
/// beside it, as another spelling.
pub fn compound_variant(reader: &IndexReader, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if !lower.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let (n, split) = split_compound(reader, &lower)?;
    // a word the records mostly write joined is not a compound they split:
    // "overall" and the odd "authority over all"
    let [stem] = stems(&lower).try_into().ok()?;
    (n * 2 >= doc_freq(reader, &stem) as usize).then_some(split)
}

/// Shortest part of a compound split in two.
const MIN_PART: usize = 3;

/// `word` split in two words that the records write side by side (hyphenated
/// or apart: "cease-fire", "peace-keeping"), as "left-right", with the number
/// of records holding them; the split the most records hold wins. `None` when
/// no split is a phrase of the records.
fn split_compound(reader: &IndexReader, word: &str) -> Option<(usize, String)> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 * MIN_PART + 1 {
        return None;
    }
    let text = reader.fields().text;
    let mut best: Option<(usize, String)> = None;
    for at in MIN_PART..=chars.len() - MIN_PART {
        let left: String = chars[..at].iter().collect();
        let right: String = chars[at..].iter().collect();
        let (Ok([l]), Ok([r])) = (
            <[String; 1]>::try_from(stems(&left)),
            <[String; 1]>::try_from(stems(&right)),
        ) else {
            continue;
        };
        if doc_freq(reader, &l) == 0 || doc_freq(reader, &r) == 0 {
            continue;
        }
        let phrase = tantivy::query::PhraseQuery::new(vec![
            Term::from_field_text(text, &l),
            Term::from_field_text(text, &r),
        ]);
        let n = reader
            .searcher()
            .search(&phrase, &tantivy::collector::Count)
            .unwrap_or(0);
        if n > 0 && best.as_ref().is_none_or(|b| n > b.0) {
            best = Some((n, format!("{left}-{right}")));
        }
    }
    best
}

/// The spelling of `stem` in the records closest to `typed`, with its distance.
fn closest_spelling(reader: &IndexReader, stem: &str, typed: &str) -> Option<(usize, String)> {
    let mut best: Option<(usize, String)> = None;
    let mut analyzer = TextAnalyzer::from(FusedAnalyzer::english());
    for text in texts_with(reader, stem, 3) {
        let mut stream = analyzer.token_stream(&text);
        while stream.advance() {
            let t = stream.token();
            if t.text != stem {
                continue;
            }
            let Some(raw) = text.get(t.offset_from..t.offset_to) else {
                continue;
            };
            let spelling = raw.to_lowercase();
            let d = edit_distance(&spelling, typed);
            if best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, spelling));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(occurs_as_word("the Extension request", "extension"));
        assert!(!occurs_as_word("extensions", "extension"));
        assert_eq!(stems("extention"), ["extent"]);
    }
}
