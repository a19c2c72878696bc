//! Query latencies on a synthetic index: the five seed records processed once, then
//! indexed N times under new ids and shifted dates (default 1000 copies, 5000
//! documents), or the records of a folder (`--dir`, e.g. written by
//! `examples/gen_corpus.rs`). Prints the median of warm runs per query kind and its
//! ratio to a plain term query measured in the same run, then p50/p99 of the
//! search path (parsing, synonym and alias expansion, typo checks, boosts,
//! passages) against the old one (tantivy's parser, AND, top 10, tantivy snippets)
//! over a set of researcher queries.
//!
//! ```text
//! cargo run --release --example bench_query [-- COPIES]
//! cargo run --release --example gen_corpus -- --records 20000 --seed 7 /tmp/gen
//! cargo run --release --example bench_query -- --dir /tmp/gen [--keep INDEX_DIR] [--search-only [--per-query]]
//! cargo run --release --example bench_query -- --dir /tmp/gen --keep INDEX_DIR --only "UK funding" [--runs 200]
//! ```
//! The seeds are read from `../shared/seeds` (or `$AGENDEX_SHARED/seeds`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use agendex::extract::RuleSet;
use agendex::index::{IndexReader, IndexWriter};
use agendex::ingest::IngestOptions;
use agendex::query::entity_listing::{self, EntityRequest};
use agendex::query::search::{self, SearchRequest, SortBy};
use agendex::query::summary::{self, Subject, SummaryRequest};
use agendex::query::synonyms::Synonyms;
use agendex::query::Filters;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::snippet::SnippetGenerator;

const RUNS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut() -> usize>(mut f: F) -> (Duration, usize) {
    let n = f(); // warm-up
    let runs = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    (median(runs), n)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir_arg = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let copies: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1000);
    let shared = std::env::var_os("AGENDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let seeds = shared.join("seeds");
    let rules = RuleSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .map_err(|e| anyhow::anyhow!("{}: {e} (set AGENDEX_SHARED)", seeds.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let docs = paths
        .iter()
        .map(|p| {
            let id = agendex::ingest::doc_id(&seeds, p);
            agendex::pipeline::process_file(p, &id, &IngestOptions::default(), &rules)
        })
        .collect::<Result<Vec<_>, _>>()?;

    // --keep DIR: build the index there once and reuse it on later runs
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let tmp = tempfile::tempdir()?;
    let dir_path = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    let reuse = keep.is_some() && IndexReader::open(&dir_path).is_ok();
    let t = Instant::now();
    let mut writer = IndexWriter::open_or_create(&dir_path, 2)?;
    let mut records = 0;
    let mut documents = 0;
    if reuse {
        println!("reusing the index in {}", dir_path.display());
    } else if let Some(src) = &dir_arg {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(src)
            .into_iter()
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        for p in &files {
            let id = agendex::ingest::doc_id(src, p);
            let d = agendex::pipeline::process_file(p, &id, &IngestOptions::default(), &rules)?;
            records += d.segments.len().max(1);
            documents += 1;
            writer.add(&d)?;
        }
    } else {
        for i in 0..copies {
            for d in &docs {
                let mut copy = d.clone();
                copy.doc.id = format!("copy{i:05}/{}", d.doc.id);
                copy.doc.meta.date = copy.doc.meta.date.map(|date| date.add_days(7 * i as i64));
                records += copy.segments.len().max(1);
                documents += 1;
                writer.add(&copy)?;
            }
        }
    }
    writer.commit("bench")?;
    writer.finish()?;
    let index_time = t.elapsed();
    println!(
        "indexed {documents} documents ({records} records) in {:.2} s",
        index_time.as_secs_f64()
    );

    let reader = IndexReader::open(&dir_path)?;
    let syn = Arc::new(
        Synonyms::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .map_err(|e| anyhow::anyhow!("{e:?}"))?,
    );
    let req = |q: &str, filters: Filters, sort: SortBy, facets: bool| SearchRequest {
        query: q.into(),
        filters,
        limit: 10,
        sort,
        facets,
        synonyms: Arc::clone(&syn),
        ..SearchRequest::default()
    };
    let japan = Filters {
        state: Some("Japan".into()),
        ..Filters::default()
    };
    let reader = &reader;
    // --only QUERY: that query's new path, repeated (for a profiler)
    if let Some(q) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        let runs: usize = args
            .iter()
            .position(|a| a == "--runs")
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(200);
        only(reader, &syn, q, runs);
        return Ok(());
    }
    // --search-only: just the new and old search paths (the part that changed)
    if args.iter().any(|a| a == "--search-only") {
        new_vs_old(reader, &syn, args.iter().any(|a| a == "--per-query"));
        return Ok(());
    }
    let run_search =
        |r: SearchRequest| move || search::search(reader, &r).map(|res| res.total).unwrap_or(0);
    let mut rows: Vec<(&str, Duration, usize)> = Vec::new();
    let mut add = |name: &'static str, (d, n): (Duration, usize)| rows.push((name, d, n));
    add(
        "term: assistance (baseline)",
        time(run_search(req(
            "assistance",
            Filters::default(),
            SortBy::Relevance,
            false,
        ))),
    );
    add(
        "phrase: \"funding gaps\"",
        time(run_search(req(
            "\"funding gaps\"",
            Filters::default(),
            SortBy::Relevance,
            false,
        ))),
    );
    add(
        "term + --state Japan",
        time(run_search(req(
            "assistance",
            japan.clone(),
            SortBy::Relevance,
            false,
        ))),
    );
    add(
        "term + --facets",
        time(run_search(req(
            "assistance",
            Filters::default(),
            SortBy::Relevance,
            true,
        ))),
    );
    add(
        "term + --sort oldest",
        time(run_search(req(
            "assistance",
            Filters::default(),
            SortBy::Oldest,
            false,
        ))),
    );
    add(
        "entities --type amount",
        time(|| {
            entity_listing::list(
                reader,
                &EntityRequest {
                    entity: Some("amount".into()),
                    filters: Filters::default(),
                    query: None,
                },
            )
            .map(|r| r.len())
            .unwrap_or(0)
        }),
    );
    add(
        "summary --state Montenegro",
        time(|| {
            summary::summarise(
                reader,
                &SummaryRequest {
                    subject: Subject::State("Montenegro".into()),
                    filters: Filters::default(),
                    as_of: agendex::date::Date::today(),
                },
            )
            .map(|s| s.timeline.len())
            .unwrap_or(0)
        }),
    );
    let base = rows[0].1.as_secs_f64().max(1e-9);
    println!(
        "{:<32} {:>12} {:>10} {:>10}",
        "query", "median", "x term", "results"
    );
    for (name, d, n) in &rows {
        println!(
            "{name:<32} {:>9.3} ms {:>10.1} {n:>10}",
            d.as_secs_f64() * 1e3,
            d.as_secs_f64() / base
        );
    }
    new_vs_old(reader, &syn, false);
    Ok(())
}

/// Runs the new path of one query `runs` times and prints its median.
fn only(reader: &IndexReader, syn: &Arc<Synonyms>, q: &str, runs: usize) {
    let req = SearchRequest {
        query: q.into(),
        limit: 10,
        synonyms: Arc::clone(syn),
        ..SearchRequest::default()
    };
    let mut times = Vec::with_capacity(runs);
    let mut total = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        total = search::search(reader, &req).map(|r| r.total).unwrap_or(0);
        times.push(t.elapsed());
    }
    println!(
        "{q}: {total} hits, median {:.3} ms over {runs} runs",
        median(times).as_secs_f64() * 1e3
    );
}

/// Researcher queries: entity, topic, money and dates, phrases, other words, typos.
const QUERIES: &[&str] = &[
    "UNDP mine action",
    "GICHD",
    "Angola extension request",
    "victim assistance",
    "improvised explosive devices",
    "Japan contribution to the Voluntary Trust Fund",
    "Article 5 deadline 31 December 2025",
    "update from the MASG Secretariat",
    "\"Chatham House Rule\"",
    "\"funding gaps\" donors",
    "money for demining in Ukraine",
    "UK funding",
    "Article IV extension requests",
    "landmine victims statistics",
    "cambodja clearance",
    "extention request",
    "clearance AND NOT Japan",
    "title:minutes assistance",
];

/// The search path before this one: tantivy's parser (AND between words) over
/// text, heading and title, top 10, tantivy's snippets.
fn old_search(reader: &IndexReader, q: &str) -> usize {
    let Ok(query) = search::build_query(reader, q, &Filters::default()) else {
        return 0;
    };
    let searcher = reader.searcher();
    let Ok(top) = searcher.search(&*query, &TopDocs::with_limit(10).order_by_score()) else {
        return 0;
    };
    let Ok(generator) = SnippetGenerator::create(searcher, &*query, reader.fields().text) else {
        return 0;
    };
    let mut n = 0;
    for (_, addr) in top {
        if let Ok(rec) = reader.record(addr) {
            n += generator.snippet(&rec.text).fragment().len().min(1);
        }
    }
    n
}

/// CPU time this thread has used (not inflated by other processes' load).
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(
        t.tv_sec.max(0) as u64,
        t.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// p50/p99 over every query, 20 warm runs each, of the old and the new path
/// (with `per_query`, each query's medians and its first, uncached run).
fn new_vs_old(reader: &IndexReader, syn: &Arc<Synonyms>, per_query: bool) {
    let mut old = Vec::new();
    let mut new = Vec::new();
    let mut first_runs = Vec::new();
    let (mut old_cpu, mut new_cpu) = (Vec::new(), Vec::new());
    for q in QUERIES {
        let req = SearchRequest {
            query: (*q).into(),
            limit: 10,
            synonyms: Arc::clone(syn),
            ..SearchRequest::default()
        };
        let t = Instant::now();
        std::hint::black_box(old_search(reader, q));
        let old_first = t.elapsed();
        let t = Instant::now();
        std::hint::black_box(search::search(reader, &req).map(|r| r.total).ok());
        first_runs.push((old_first, t.elapsed()));
        let (mut o, mut n) = (Vec::new(), Vec::new());
        for _ in 0..20 {
            let (t, c) = (Instant::now(), thread_cpu());
            std::hint::black_box(old_search(reader, q));
            o.push(t.elapsed());
            old_cpu.push(thread_cpu() - c);
            let (t, c) = (Instant::now(), thread_cpu());
            std::hint::black_box(search::search(reader, &req).map(|r| r.total).ok());
            n.push(t.elapsed());
            new_cpu.push(thread_cpu() - c);
        }
        if per_query {
            let (fo, fnew) = first_runs[first_runs.len() - 1];
            println!(
                "{q:<44} old {:>7.3} ms  new {:>7.3} ms  (first run: old {:>7.3} new {:>7.3})",
                median(o.clone()).as_secs_f64() * 1e3,
                median(n.clone()).as_secs_f64() * 1e3,
                fo.as_secs_f64() * 1e3,
                fnew.as_secs_f64() * 1e3
            );
        }
        old.extend(o);
        new.extend(n);
    }
    old.sort();
    new.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "\nsearch path over {} researcher queries x 20 runs:",
        QUERIES.len()
    );
    println!("{:<34} {:>10} {:>10}", "", "p50", "p99");
    println!(
        "{:<34} {:>7.3} ms {:>7.3} ms",
        "old (tantivy parser, AND)",
        ms(percentile(&old, 0.5)),
        ms(percentile(&old, 0.99))
    );
    println!(
        "{:<34} {:>7.3} ms {:>7.3} ms",
        "new (expansion, typos, boosts)",
        ms(percentile(&new, 0.5)),
        ms(percentile(&new, 0.99))
    );
    let (mut fo, mut fnew): (Vec<Duration>, Vec<Duration>) = first_runs.into_iter().unzip();
    fo.sort();
    fnew.sort();
    println!(
        "{:<34} {:>7.3} ms {:>7.3} ms  (old {:.3} / {:.3})",
        "new, first run of each query",
        ms(percentile(&fnew, 0.5)),
        ms(percentile(&fnew, 1.0)),
        ms(percentile(&fo, 0.5)),
        ms(percentile(&fo, 1.0))
    );
    println!(
        "ratio new/old: p50 {:.2}x, p99 {:.2}x",
        ms(percentile(&new, 0.5)) / ms(percentile(&old, 0.5)).max(1e-9),
        ms(percentile(&new, 0.99)) / ms(percentile(&old, 0.99)).max(1e-9)
    );
    // thread CPU time: what the machine's load (other processes on the same
    // cores) does not inflate, unlike the wall times above
    old_cpu.sort();
    new_cpu.sort();
    println!(
        "thread CPU: old p50 {:.3} ms p99 {:.3} ms, new p50 {:.3} ms p99 {:.3} ms; ratio p50 {:.2}x, p99 {:.2}x",
        ms(percentile(&old_cpu, 0.5)),
        ms(percentile(&old_cpu, 0.99)),
        ms(percentile(&new_cpu, 0.5)),
        ms(percentile(&new_cpu, 0.99)),
        ms(percentile(&new_cpu, 0.5)) / ms(percentile(&old_cpu, 0.5)).max(1e-9),
        ms(percentile(&new_cpu, 0.99)) / ms(percentile(&old_cpu, 0.99)).max(1e-9)
    );
}
