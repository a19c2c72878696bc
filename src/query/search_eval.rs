//! Scores search against judged queries: the judgment file format, MRR, nDCG@10
//! and Recall@10, and the plain BM25 baseline (one body field, same segments)
//! they are compared with. Used by `examples/eval_search.rs` and the quality test.
//!
//! A judged segment is named by its document and the start of its heading (case
//! and spacing ignored), not by ordinal, so the judgments survive segmentation
//! changes that keep the headings.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, Value, STORED, TEXT};
use tantivy::{doc, Index, TantivyDocument};

use super::synonyms::Synonyms;
use crate::index::{IndexReader, Record};

/// Hits scored per query.
pub const CUTOFF: usize = 10;

/// The judgment file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgments {
    /// The judged queries.
    pub query: Vec<JudgedQuery>,
}

/// One judged query.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedQuery {
    /// Short id ("e01").
    pub id: String,
    /// Group: entity, topic, money_dates, across, phrase, other_words.
    pub group: String,
    /// The query as a researcher types it.
    pub text: String,
    /// Relevant segments with grades.
    pub relevant: Vec<Judged>,
    /// Written and judged apart from the ranking work and kept out of it: its
    /// scores are reported separately, as an estimate on unseen queries.
    #[serde(default)]
    pub held_out: bool,
    /// Which held-out set (e.g. "heldout6" for the session-6 set), so each set
    /// written apart is scored apart; none for the first held-out set.
    #[serde(default)]
    pub set: Option<String>,
}

/// One relevant segment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judged {
    /// Document id.
    pub doc: String,
    /// Start of the segment's heading; where headings repeat in a document
    /// ("Preamble" of every draft), its parents' headings before it, each
    /// followed by " > " ("Countering the threat posed by improvised explosive
    /// devices > Operative part").
    pub item: String,
    /// 2 = answers the query, 1 = bears on it.
    pub grade: u8,
}

impl Judgments {
    /// Reads a judgment file.
    pub fn load(path: &Path) -> Result<Judgments, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The queries used while tuning ranking, and the held-out ones.
    pub fn split(&self) -> (Judgments, Judgments) {
        let (held, dev): (Vec<_>, Vec<_>) = self.query.iter().cloned().partition(|q| q.held_out);
        (Judgments { query: dev }, Judgments { query: held })
    }

    /// The development queries, then each held-out set apart, labelled
    /// "development", "held-out" (no `set`) and "held-out NAME", in file order.
    pub fn sets(&self) -> Vec<(String, Judgments)> {
        let mut out: Vec<(String, Judgments)> = Vec::new();
        for q in &self.query {
            let label = match (q.held_out, &q.set) {
                (false, _) => "development".to_string(),
                (true, None) => "held-out".to_string(),
                (true, Some(name)) => format!("held-out {name}"),
            };
            match out.iter_mut().find(|(l, _)| *l == label) {
                Some((_, j)) => j.query.push(q.clone()),
                None => out.push((
                    label,
                    Judgments {
                        query: vec![q.clone()],
                    },
                )),
            }
        }
        out
    }
}

/// Lower case, spacing collapsed.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Grades of every judged segment of a query, by `(doc, ordinal)`, resolved
/// against the indexed records; judged headings that match nothing are returned
/// as the second value (a judgment to fix).
pub fn resolve(
    q: &JudgedQuery,
    records: &[Record],
) -> (BTreeMap<(String, usize), u8>, Vec<String>) {
    let mut grades = BTreeMap::new();
    let mut missing = Vec::new();
    for j in &q.relevant {
        let want: Vec<String> = j.item.split(" > ").map(norm).collect();
        let mut found = false;
        for r in records.iter().filter(|r| r.doc_id == j.doc) {
            if heading_matches(r, &want) {
                found = true;
                let g = grades.entry((r.doc_id.clone(), r.ordinal)).or_insert(0);
                *g = (*g).max(j.grade);
            }
        }
        if !found {
            missing.push(format!("{}: {} / {}", q.id, j.doc, j.item));
        }
    }
    (grades, missing)
}

/// Whether the record's heading starts with the last wanted heading and its
/// nearest ancestors' headings start with the ones before it.
fn heading_matches(r: &Record, want: &[String]) -> bool {
    let Some((last, parents)) = want.split_last() else {
        return false;
    };
    if !norm(&r.item_title).starts_with(last.as_str()) {
        return false;
    }
    let path: Vec<String> = r.path.split(" > ").map(norm).collect();
    // the path ends with the record's own title
    let ancestors = &path[..path.len().saturating_sub(1)];
    parents.len() <= ancestors.len()
        && ancestors[ancestors.len() - parents.len()..]
            .iter()
            .zip(parents)
            .all(|(have, want)| have.starts_with(want.as_str()))
}

/// Scores of one ranked list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Reciprocal rank of the first relevant hit (0 when none in the cut-off).
    pub rr: f64,
    /// nDCG at [`CUTOFF`], gains 2^grade - 1.
    pub ndcg: f64,
    /// Share of the judged segments found in the first [`CUTOFF`].
    pub recall: f64,
}

/// Scores a ranked list of `(doc, ordinal)` against the grades.
pub fn score(ranked: &[(String, usize)], grades: &BTreeMap<(String, usize), u8>) -> Scores {
    let gain = |g: u8| f64::from((1u32 << g) - 1);
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let top = &ranked[..ranked.len().min(CUTOFF)];
    let mut dcg = 0.0;
    let mut rr = 0.0;
    let mut found = 0usize;
    for (i, key) in top.iter().enumerate() {
        if let Some(&g) = grades.get(key) {
            dcg += gain(g) * discount(i);
            found += 1;
            if rr == 0.0 {
                rr = 1.0 / (i + 1) as f64;
            }
        }
    }
    let mut ideal: Vec<u8> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(CUTOFF)
        .enumerate()
        .map(|(i, &g)| gain(g) * discount(i))
        .sum();
    Scores {
        rr,
        ndcg: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        recall: if grades.is_empty() {
            0.0
        } else {
            found as f64 / grades.len() as f64
        },
    }
}

/// Mean scores over several queries.
pub fn mean(scores: &[Scores]) -> Scores {
    let n = scores.len().max(1) as f64;
    Scores {
        rr: scores.iter().map(|s| s.rr).sum::<f64>() / n,
        ndcg: scores.iter().map(|s| s.ndcg).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
    }
}

/// A plain BM25 engine over the same segments: one body field (tantivy's
/// default English-stemming analyzer), the query parsed by tantivy with OR
/// between words, no synonyms, boosts or corrections. What a generic search
/// engine over a heading split of the files gives.
pub struct Bm25Baseline {
    index: Index,
    parser: QueryParser,
    reader: tantivy::IndexReader,
    doc: tantivy::schema::Field,
    ordinal: tantivy::schema::Field,
}

impl Bm25Baseline {
    /// Indexes every record's text in memory.
    pub fn build(records: &[Record]) -> tantivy::Result<Bm25Baseline> {
        let mut b = Schema::builder();
        let body_opts = TEXT.set_indexing_options(
            tantivy::schema::TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
        );
        let body = b.add_text_field("body", body_opts);
        let doc_f = b.add_text_field("doc", STORED);
        let ordinal = b.add_u64_field("ordinal", STORED);
        let index = Index::create_in_ram(b.build());
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        for r in records {
            w.add_document(doc!(body => r.text.as_str(), doc_f => r.doc_id.as_str(), ordinal => r.ordinal as u64))?;
        }
        w.commit()?;
        let reader = index.reader()?;
        let parser = QueryParser::for_index(&index, vec![body]);
        Ok(Bm25Baseline {
            index,
            parser,
            reader,
            doc: doc_f,
            ordinal,
        })
    }

    /// The top [`CUTOFF`] segments for a query (lenient parsing: what cannot be
    /// parsed is dropped, as a search box would).
    pub fn search(&self, text: &str) -> Vec<(String, usize)> {
        let (query, _errors) = self.parser.parse_query_lenient(text);
        let searcher = self.reader.searcher();
        let Ok(top) = searcher.search(&query, &TopDocs::with_limit(CUTOFF).order_by_score()) else {
            return Vec::new();
        };
        top.into_iter()
            .filter_map(|(_, addr)| {
                let d: TantivyDocument = searcher.doc(addr).ok()?;
                let id = d.get_first(self.doc)?.as_str()?.to_string();
                let ord = d.get_first(self.ordinal)?.as_u64()? as usize;
                Some((id, ord))
            })
            .collect()
    }

    /// The in-memory index (for inspection).
    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// The top [`CUTOFF`] segments agendex's own search returns for a query (an
/// error counts as no hits).
pub fn agendex_search(
    reader: &IndexReader,
    synonyms: &Arc<Synonyms>,
    text: &str,
) -> Vec<(String, usize)> {
    let req = super::search::SearchRequest {
        query: text.to_string(),
        limit: CUTOFF,
        synonyms: Arc::clone(synonyms),
        ..super::search::SearchRequest::default()
    };
    super::search::search(reader, &req)
        .map(|r| r.hits.into_iter().map(|h| (h.doc_id, h.ordinal)).collect())
        .unwrap_or_default()
}

/// Indexes every `.txt`, `.md` and `.pdf` file under each root (README.md and
/// SOURCES.md left out) into `dir`, ids as `PREFIX` + the path relative to the
/// root: the index the judgments name ("" for `corpus/`, "seeds/", "real/"). A
/// PDF whose text was also extracted beside it (`X.pdf` and `X.txt`) is read
/// once, from the text, so that no record is indexed twice; a PDF alone is read
/// as a researcher's index would read it.
///
/// PDFs are read by the isolated worker that `opts.pdf` names (the agendex
/// binary, or a program that answers its `pdf-worker` command).
pub fn build_index(
    dir: &Path,
    roots: &[(&str, &Path)],
    rules: &crate::extract::RuleSet,
    opts: &crate::ingest::IngestOptions,
) -> Result<usize, String> {
    let mut writer =
        crate::index::IndexWriter::open_or_create(dir, 1).map_err(|e| e.to_string())?;
    let mut n = 0;
    for (prefix, root) in roots {
        let mut paths: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|p| is_record(p))
            .collect();
        paths.sort();
        for path in paths {
            let id = format!("{prefix}{}", crate::ingest::doc_id(root, &path));
            let doc = crate::pipeline::process_file(&path, &id, opts, rules)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            writer.add(&doc).map_err(|e| e.to_string())?;
            n += 1;
        }
    }
    writer
        .commit("search evaluation")
        .map_err(|e| e.to_string())?;
    Ok(n)
}

/// Whether the file is a record to index: text, Markdown or a PDF without its
/// extracted text beside it; notes about a folder (README.md, SOURCES.md) are not.
fn is_record(p: &Path) -> bool {
    let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
    let note = p
        .file_name()
        .is_some_and(|n| n == "README.md" || n == "SOURCES.md");
    match ext {
        "txt" | "md" => !note,
        "pdf" => !p.with_extension("txt").is_file(),
        _ => false,
    }
}

/// The search before this evaluation existed: tantivy's parser with AND between
/// words over text, heading (x2) and title (x0.5), top [`CUTOFF`] by score.
pub fn legacy_search(reader: &IndexReader, text: &str) -> Vec<(String, usize)> {
    let Ok(query) = super::search::build_query(reader, text, &super::Filters::default()) else {
        return Vec::new();
    };
    let searcher = reader.searcher();
    let Ok(top) = searcher.search(&*query, &TopDocs::with_limit(CUTOFF).order_by_score()) else {
        return Vec::new();
    };
    top.into_iter()
        .filter_map(|(_, addr)| reader.record(addr).ok().map(|r| (r.doc_id, r.ordinal)))
        .collect()
}

/// Per-group and overall means of the engines over every judged query.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// `(group, agendex, baseline, queries)`, groups in file order, then "all".
    pub rows: Vec<(String, Scores, Scores, usize)>,
    /// Per query: id, agendex scores, baseline scores.
    pub per_query: Vec<(String, Scores, Scores)>,
    /// `(group, legacy agendex search)` in the order of `rows`.
    pub legacy: Vec<(String, Scores)>,
    /// Judged headings that matched no segment.
    pub missing: Vec<String>,
}

impl Report {
    /// The row of a group ("all" for every query).
    pub fn group(&self, name: &str) -> Option<(Scores, Scores)> {
        self.rows.iter().find(|r| r.0 == name).map(|r| (r.1, r.2))
    }
}

/// Runs every judged query through agendex and the baseline.
pub fn evaluate(
    reader: &IndexReader,
    synonyms: &Arc<Synonyms>,
    judgments: &Judgments,
) -> Result<Report, String> {
    let records = reader.all_records().map_err(|e| e.to_string())?;
    let baseline = Bm25Baseline::build(&records).map_err(|e| e.to_string())?;
    let mut report = Report::default();
    // group, then the scores of agendex, the baseline and the legacy search
    type GroupScores = (String, Vec<Scores>, Vec<Scores>, Vec<Scores>);
    let mut by_group: Vec<GroupScores> = Vec::new();
    for q in &judgments.query {
        let (grades, missing) = resolve(q, &records);
        report.missing.extend(missing);
        let ours = score(&agendex_search(reader, synonyms, &q.text), &grades);
        let base = score(&baseline.search(&q.text), &grades);
        let old = score(&legacy_search(reader, &q.text), &grades);
        report.per_query.push((q.id.clone(), ours, base));
        let pos = match by_group.iter().position(|g| g.0 == q.group) {
            Some(p) => p,
            None => {
                by_group.push((q.group.clone(), Vec::new(), Vec::new(), Vec::new()));
                by_group.len() - 1
            }
        };
        by_group[pos].1.push(ours);
        by_group[pos].2.push(base);
        by_group[pos].3.push(old);
    }
    let mut all_ours = Vec::new();
    let mut all_base = Vec::new();
    let mut all_old = Vec::new();
    for (g, ours, base, old) in by_group {
        report
            .rows
            .push((g.clone(), mean(&ours), mean(&base), ours.len()));
        report.legacy.push((g, mean(&old)));
        all_ours.extend(ours);
        all_base.extend(base);
        all_old.extend(old);
    }
    report.legacy.push(("all".into(), mean(&all_old)));
    report.rows.push((
        "all".into(),
        mean(&all_ours),
        mean(&all_base),
        all_ours.len(),
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_empty_rankings() {
        let mut grades = BTreeMap::new();
        grades.insert(("a".to_string(), 1), 2);
        grades.insert(("a".to_string(), 2), 1);
        let perfect = score(&[("a".into(), 1), ("a".into(), 2)], &grades);
        assert!((perfect.ndcg - 1.0).abs() < 1e-9);
        assert_eq!(perfect.rr, 1.0);
        assert_eq!(perfect.recall, 1.0);
        let swapped = score(&[("x".into(), 0), ("a".into(), 2)], &grades);
        assert_eq!(swapped.rr, 0.5);
        assert!(swapped.ndcg < 0.5);
        assert_eq!(score(&[], &grades), Scores::default());
    }
}
