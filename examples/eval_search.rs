//! Search quality on judged researcher queries: MRR, nDCG@10 and Recall@10 of
//! agendex's search and of a plain BM25 baseline (tantivy, one body field, the
//! same heading split), computed in the same run, overall and per query group.
//!
//! ```text
//! cargo run --release --example eval_search [-- --per-query] [--keep DIR] [--show QUERY_ID]...
//! ```
//!
//! Indexes `corpus/`, `../shared/seeds` (ids "seeds/...") and the records of
//! `../shared/corpus-real` (ids "real/...": its `.txt` files, and its PDFs that
//! have no `.txt` beside them, as a researcher's index would hold them)
//! (`$AGENDEX_SHARED` overrides `../shared`); the judgments are
//! `tests/search-judgments/queries.toml`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use agendex::extract::RuleSet;
use agendex::index::IndexReader;
use agendex::ingest::IngestOptions;
use agendex::query::search_eval::{self, Judgments};
use agendex::query::synonyms::Synonyms;

fn main() -> anyhow::Result<()> {
    // the PDFs are read by an isolated worker: this program, called as agendex's
    // `pdf-worker --passwords-stdin --memory-limit N -- FILE` (no agendex binary
    // needs to be built)
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("pdf-worker") {
        std::process::exit(pdf_worker(&args[2..]));
    }
    let per_query = std::env::args().any(|a| a == "--per-query");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("AGENDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("../shared"));
    let rules = RuleSet::load(&repo.join("rules")).map_err(|e| anyhow::anyhow!("{e}"))?;
    let judgments = Judgments::load(&repo.join("tests/search-judgments/queries.toml"))
        .map_err(|e| anyhow::anyhow!(e))?;
    let corpus = repo.join("corpus");
    let seeds = shared.join("seeds");
    let real = shared.join("corpus-real");
    let mut roots: Vec<(&str, &Path)> = vec![("", corpus.as_path())];
    for (prefix, dir) in [("seeds/", seeds.as_path()), ("real/", real.as_path())] {
        if dir.is_dir() {
            roots.push((prefix, dir));
        } else {
            eprintln!(
                "{} not found (set AGENDEX_SHARED): its queries score 0",
                dir.display()
            );
        }
    }
    // --keep DIR: build the index there once and reuse it on later runs
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let show: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i > 0 && args[i - 1] == "--show")
        .map(|(_, a)| a)
        .collect();
    let tmp = tempfile::tempdir()?;
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    if keep.is_none() || IndexReader::open(&dir).is_err() {
        std::fs::create_dir_all(&dir)?;
        let mut opts = IngestOptions::default();
        opts.pdf.worker = Some(std::env::current_exe()?);
        search_eval::build_index(&dir, &roots, &rules, &opts).map_err(|e| anyhow::anyhow!(e))?;
    }
    let reader = IndexReader::open(&dir)?;
    let docs = reader.doc_ids()?.len();
    let synonyms = Arc::new(Synonyms::load(&repo.join("rules")).map_err(|e| {
        anyhow::anyhow!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?);
    let mut reports = Vec::new();
    for (label, set) in judgments.sets() {
        let report =
            search_eval::evaluate(&reader, &synonyms, &set).map_err(|e| anyhow::anyhow!(e))?;
        for m in &report.missing {
            eprintln!("judged heading matches no segment: {m}");
        }
        print_table(&label, set.query.len(), docs, &report);
        reports.push((set, report));
    }
    println!("\n(bm25): plain BM25, one body field; (old): agendex search before this change (AND, tantivy parser)");
    let records = reader.all_records()?;
    for q in judgments.query.iter().filter(|q| show.contains(&&q.id)) {
        let (grades, _) = search_eval::resolve(q, &records);
        println!("\n{} {}", q.id, q.text);
        for (label, hits) in [
            (
                "agendex",
                search_eval::agendex_search(&reader, &synonyms, &q.text),
            ),
            (
                "bm25",
                search_eval::Bm25Baseline::build(&records)?.search(&q.text),
            ),
        ] {
            println!("  {label}:");
            for (doc, ord) in hits {
                let g = grades.get(&(doc.clone(), ord)).copied().unwrap_or(0);
                let title = records
                    .iter()
                    .find(|r| r.doc_id == doc && r.ordinal == ord)
                    .map(|r| r.item_title.clone())
                    .unwrap_or_default();
                println!("    {g} {doc}#{ord} {title}");
            }
        }
        let missed: Vec<String> = grades.keys().map(|(d, o)| format!("{d}#{o}")).collect();
        println!("  judged: {}", missed.join(" "));
    }
    if per_query {
        println!("\nper query (nDCG@10 agendex / bm25 / old):");
        for (set, report) in &reports {
            for ((id, ours, base), q) in report.per_query.iter().zip(&set.query) {
                let (grades, _) = search_eval::resolve(q, &records);
                let old =
                    search_eval::score(&search_eval::legacy_search(&reader, &q.text), &grades);
                println!(
                    "{id:<5} {:>6.3} {:>6.3} {:>6.3}  {:<12} {}",
                    ours.ndcg, base.ndcg, old.ndcg, q.group, q.text
                );
            }
        }
    }
    Ok(())
}

/// One table: MRR, nDCG@10 and Recall@10 per group, agendex / BM25 / old search.
fn print_table(label: &str, queries: usize, docs: usize, report: &search_eval::Report) {
    println!(
        "\n{label}: {queries} judged queries over {docs} documents; agendex vs plain BM25 (one body field)\n"
    );
    println!(
        "{:<12} {:>3}  {:>7} {:>7} {:>7}  {:>7} {:>7} {:>7}  {:>7} {:>7} {:>7}",
        "group",
        "n",
        "MRR",
        "(bm25)",
        "(old)",
        "nDCG@10",
        "(bm25)",
        "(old)",
        "R@10",
        "(bm25)",
        "(old)"
    );
    for ((g, ours, base, n), (_, old)) in report.rows.iter().zip(&report.legacy) {
        println!(
            "{g:<12} {n:>3}  {:>7.3} {:>7.3} {:>7.3}  {:>7.3} {:>7.3} {:>7.3}  {:>7.3} {:>7.3} {:>7.3}",
            ours.rr, base.rr, old.rr, ours.ndcg, base.ndcg, old.ndcg, ours.recall, base.recall, old.recall
        );
    }
}

/// The worker's side of agendex's PDF isolation (`pdf-worker --passwords-stdin
/// --memory-limit N -- FILE`): the passwords as a JSON array on stdin, the
/// result as JSON on stdout. Returns the exit code.
fn pdf_worker(args: &[String]) -> i32 {
    use std::io::Read;
    let limit = args
        .iter()
        .position(|a| a == "--memory-limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(2 << 30);
    let Some(file) = args.last() else {
        return 2;
    };
    let mut buf = String::new();
    let passwords: Vec<String> = if args.iter().any(|a| a == "--passwords-stdin")
        && std::io::stdin().read_to_string(&mut buf).is_ok()
        && !buf.trim().is_empty()
    {
        serde_json::from_str(&buf).unwrap_or_default()
    } else {
        Vec::new()
    };
    agendex::pdf::worker_process::serve(Path::new(file), passwords, limit)
}
