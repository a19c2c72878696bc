//! Query latencies on a synthetic index: the five seed records processed once, then
//! indexed N times under new ids and shifted dates (default 1000 copies, 5000
//! documents). Prints the median of warm runs per query kind and its ratio to a
//! plain term query measured in the same run.
//!
//! `cargo run --release --example bench_query [-- COPIES]`; the seeds are read from
//! `../shared/seeds` (or `$AGENDEX_SHARED/seeds`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use agendex::extract::RuleSet;
use agendex::index::{IndexReader, IndexWriter};
use agendex::ingest::IngestOptions;
use agendex::query::entity_listing::{self, EntityRequest};
use agendex::query::search::{self, SearchRequest, SortBy};
use agendex::query::summary::{self, Subject, SummaryRequest};
use agendex::query::Filters;

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
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
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

    let dir = tempfile::tempdir()?;
    let t = Instant::now();
    let mut writer = IndexWriter::open_or_create(dir.path(), 2)?;
    let mut records = 0;
    for i in 0..copies {
        for d in &docs {
            let mut copy = d.clone();
            copy.doc.id = format!("copy{i:05}/{}", d.doc.id);
            copy.doc.meta.date = copy.doc.meta.date.map(|date| date.add_days(7 * i as i64));
            records += copy.segments.len().max(1);
            writer.add(&copy)?;
        }
    }
    writer.commit("bench")?;
    writer.finish()?;
    let index_time = t.elapsed();
    println!(
        "indexed {} documents ({records} records) in {:.2} s",
        copies * docs.len(),
        index_time.as_secs_f64()
    );

    let reader = IndexReader::open(dir.path())?;
    let req = |q: &str, filters: Filters, sort: SortBy, facets: bool| SearchRequest {
        query: q.into(),
        filters,
        limit: 10,
        sort,
        facets,
    };
    let japan = Filters {
        state: Some("Japan".into()),
        ..Filters::default()
    };
    let reader = &reader;
    let run_search =
        |r: SearchRequest| move || search::search(reader, &r).map(|res| res.total).unwrap_or(0);
    let mut rows: Vec<(&str, Duration, usize)> = Vec::new();
    let mut add = |name: &'static str, (d, n): (Duration, usize)| rows.push((name, d, n));
    add(
        "term: assistance (baseline)",
        time(run_search(req(
            "assistance",
            Filters::default(),
            SortBy::Score,
            false,
        ))),
    );
    add(
        "phrase: \"funding gaps\"",
        time(run_search(req(
            "\"funding gaps\"",
            Filters::default(),
            SortBy::Score,
            false,
        ))),
    );
    add(
        "term + --state Japan",
        time(run_search(req(
            "assistance",
            japan.clone(),
            SortBy::Score,
            false,
        ))),
    );
    add(
        "term + --facets",
        time(run_search(req(
            "assistance",
            Filters::default(),
            SortBy::Score,
            true,
        ))),
    );
    add(
        "term + --sort date",
        time(run_search(req(
            "assistance",
            Filters::default(),
            SortBy::Date,
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
    Ok(())
}
