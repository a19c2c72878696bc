//! Facet counts taken in the ranking's pass ([`agendex::query::facets`]) are
//! the counts tantivy's own `FacetCollector` gives over the same query, on an
//! index of the real seeds and UN records written in several segments; and a
//! search's facet count of a value is the total of the search filtered on it;
//! the workbench's per-commit facet table counts what the search counts.

use std::path::PathBuf;

use agendex::index::{IndexReader, IndexWriter};
use agendex::ingest::IngestOptions;
use agendex::query::facets::{self, FACET_TOP};
use agendex::query::search::{self, FacetCounts, SearchRequest};
use agendex::query::{filters, Filters};
use agendex::serve::facet_slots::FacetSlots;
use tantivy::collector::FacetCollector;
use tantivy::query::Query;

/// Records per commit: the index ends with several segments, so counts are
/// merged across segments whose facet ordinals differ.
const PER_COMMIT: usize = 5;

/// An index of the seeds and the real records' text, in several segments.
fn segmented_index() -> Option<tempfile::TempDir> {
    let mut paths: Vec<(PathBuf, PathBuf)> = Vec::new();
    for root in [
        crate::common::seeds_dir()?,
        crate::common::shared_subdir("corpus-real")?,
    ] {
        for e in walkdir::WalkDir::new(&root).into_iter().flatten() {
            let p = e.into_path();
            let text = p.extension().is_some_and(|x| x == "txt" || x == "md");
            if text
                && p.file_name()
                    .is_some_and(|n| n != "README.md" && n != "SOURCES.md")
            {
                paths.push((root.clone(), p));
            }
        }
    }
    paths.sort();
    let rules = crate::common::default_rules();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut writer = IndexWriter::open_or_create(dir.path(), 1).expect("create index");
    for (i, chunk) in paths.chunks(PER_COMMIT).enumerate() {
        for (root, path) in chunk {
            let id = agendex::ingest::doc_id(root, path);
            let doc = agendex::pipeline::process_file(path, &id, &IngestOptions::default(), &rules)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            writer.add(&doc).expect("index a record");
        }
        writer.commit(&format!("part {i}")).expect("commit");
    }
    drop(writer);
    Some(dir)
}

/// The counts as the search module computed them before they joined the
/// ranking's pass: one `FacetCollector` over the four roots.
fn reference(reader: &IndexReader, query: &dyn Query) -> FacetCounts {
    let roots = ["/state", "/body", "/year", "/organisation"];
    let mut collector = FacetCollector::for_field("facets");
    for r in roots {
        collector.add_facet(r);
    }
    let counts = reader
        .searcher()
        .search(query, &collector)
        .expect("facet collector");
    let list = |root: &str| -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = counts
            .get(root)
            .filter_map(|(facet, n)| facet.to_path().last().map(|s| (s.to_string(), n)))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(FACET_TOP);
        v
    };
    let mut years = list(roots[2]);
    years.sort();
    FacetCounts {
        states: list(roots[0]),
        bodies: list(roots[1]),
        years,
        organisations: list(roots[3]),
    }
}

#[test]
fn facet_counts_equal_the_facet_collectors_across_segments() {
    let Some(dir) = segmented_index() else { return };
    let reader = IndexReader::open(dir.path()).expect("open index");
    let segments = reader.searcher().segment_readers().len();
    assert!(segments >= 3, "{segments} segments");
    let synonyms = agendex::query::synonyms::Synonyms::default();
    let japan = Filters {
        state: Some("Japan".into()),
        ..Filters::default()
    };
    let mut compared = 0;
    for (text, filters) in [
        ("*", Filters::default()),
        ("assistance", Filters::default()),
        ("mine clearance", Filters::default()),
        ("autonomous weapons", Filters::default()),
        ("\"victim assistance\"", Filters::default()),
        ("contribution", japan.clone()),
        ("nothingmatchesthisword", Filters::default()),
    ] {
        let query = search::match_query(&reader, &synonyms, text, &filters).expect("query builds");
        let ours = facets::facet_counts(&reader, &*query).expect("facets");
        assert_eq!(ours, reference(&reader, &*query), "query {text:?}");
        // twice: the second count reads the segment tables kept by the first
        let again = facets::facet_counts(&reader, &*query).expect("facets");
        assert_eq!(again, ours, "query {text:?}, again");
        compared += usize::from(!ours.states.is_empty());
    }
    assert!(
        compared >= 4,
        "too few queries had state counts: {compared}"
    );
    let all = search::match_query(&reader, &synonyms, "*", &Filters::default()).expect("query");
    let f = facets::facet_counts(&reader, &*all).expect("facets");
    assert!(f.bodies.len() >= 2, "{:?}", f.bodies);
    assert!(f.years.windows(2).all(|w| w[0].0 < w[1].0), "{:?}", f.years);
}

#[test]
fn a_searchs_facet_count_is_the_total_filtered_on_that_value() {
    let Some(dir) = segmented_index() else { return };
    let reader = IndexReader::open(dir.path()).expect("open index");
    let ask = |filters: Filters, facets: bool| SearchRequest {
        query: "assistance".into(),
        filters,
        limit: 10,
        facets,
        ..SearchRequest::default()
    };
    let res = search::search(&reader, &ask(Filters::default(), true)).expect("search");
    let f = res.facets.clone().expect("facets asked");
    assert!(res.total > 0 && !f.states.is_empty() && !f.bodies.is_empty());
    // the facets do not change the hits
    let plain = search::search(&reader, &ask(Filters::default(), false)).expect("search");
    assert!(plain.facets.is_none());
    assert_eq!(plain.total, res.total);
    let ids = |r: &search::SearchResults| -> Vec<(String, usize)> {
        r.hits
            .iter()
            .map(|h| (h.doc_id.clone(), h.ordinal))
            .collect()
    };
    assert_eq!(ids(&plain), ids(&res));
    for (state, n) in f.states.iter().take(3) {
        let filters = Filters {
            state: Some(state.clone()),
            ..Filters::default()
        };
        let narrowed = search::search(&reader, &ask(filters, false)).expect("search");
        assert_eq!(narrowed.total as u64, *n, "state {state}");
    }
    for (body, n) in &f.bodies {
        let filters = Filters {
            body: Some(body.clone()),
            ..Filters::default()
        };
        let narrowed = search::search(&reader, &ask(filters, false)).expect("search");
        assert_eq!(narrowed.total as u64, *n, "body {body}");
    }
}

#[test]
fn the_workbench_facet_table_counts_what_the_search_counts() {
    let Some(dir) = segmented_index() else { return };
    let reader = IndexReader::open(dir.path()).expect("open index");
    let table = FacetSlots::build(&reader).expect("facet table");
    let from = |s: &str| Some(filters::parse_from("--from", s).expect("a date"));
    let to = |s: &str| Some(filters::parse_to("--to", s).expect("a date"));
    let dated = |f: Option<_>, t: Option<_>| Filters {
        from: f,
        to: t,
        ..Filters::default()
    };
    let japan = Filters {
        state: Some("Japan".into()),
        ..Filters::default()
    };
    let everything = search::search(
        &reader,
        &SearchRequest {
            query: "*".into(),
            ..SearchRequest::default()
        },
    )
    .expect("search")
    .total;
    // a meeting day some records have: ranges ending the day before it and
    // holding only it test both ends of the range
    let oldest = search::search(
        &reader,
        &SearchRequest {
            query: "*".into(),
            limit: 200,
            sort: search::SortBy::Oldest,
            ..SearchRequest::default()
        },
    )
    .expect("search");
    let days: Vec<_> = oldest.hits.iter().filter_map(|h| h.date).collect();
    let day = days[days.len() / 2];
    let mut narrowed_by_date = 0;
    for (text, filters) in [
        ("*", dated(Some(day), Some(day))),
        ("*", dated(None, Some(day.add_days(-1)))),
        ("*", dated(Some(day.add_days(1)), None)),
        ("*", Filters::default()),
        ("assistance", Filters::default()),
        ("mine clearance", dated(from("2019"), None)),
        ("contribution", japan.clone()),
        ("\"victim assistance\"", dated(None, to("2018"))),
        ("assistance", dated(from("2015"), to("2020-06"))),
        ("*", dated(from("2021"), None)),
        ("the", Filters::default()),
        ("nothingmatchesthisword", Filters::default()),
    ] {
        let req = SearchRequest {
            query: text.into(),
            filters: filters.clone(),
            limit: 0,
            facets: true,
            ..SearchRequest::default()
        };
        let library = search::search(&reader, &req).expect("search");
        let (matched, counts) = table.count(&reader, &req).expect("count");
        assert_eq!(matched, library.total, "query {text:?} {filters:?}");
        assert_eq!(
            Some(counts.clone()),
            library.facets,
            "query {text:?} {filters:?}"
        );
        // counted in the search's own pass, as the workbench does
        let paged = SearchRequest {
            facets: false,
            limit: 10,
            ..req.clone()
        };
        let (one_pass, (matched, in_pass)) =
            search::search_with(&reader, &paged, table.counter()).expect("search");
        assert_eq!(matched, library.total, "one pass: {text:?} {filters:?}");
        assert_eq!(in_pass, counts, "one pass: {text:?} {filters:?}");
        let alone = search::search(&reader, &paged).expect("search");
        let cite = |r: &search::SearchResults| -> Vec<(String, usize)> {
            r.hits
                .iter()
                .map(|h| (h.doc_id.clone(), h.ordinal))
                .collect()
        };
        assert_eq!(
            cite(&one_pass),
            cite(&alone),
            "one pass: {text:?} {filters:?}"
        );
        if filters.from.is_some() || filters.to.is_some() {
            assert!(matched < everything, "{text:?} {filters:?}: {matched}");
            narrowed_by_date += usize::from(matched > 0);
        }
    }
    assert!(
        narrowed_by_date >= 6,
        "{narrowed_by_date} dated queries matched"
    );
}
