//! `search`, `show` and name resolution on an index of the five real seed records.

use crate::common;
use crate::query_support;

use crate::query_support::seed_index;
use agendex::query::filters::FilterArgs;
use agendex::query::names::{name_table, resolve, NameKind};
use agendex::query::outline;
use agendex::query::search::{self, Highlight, SearchRequest, SortBy};
use agendex::query::{Filters, QueryError};

fn request(query: &str, filters: Filters) -> SearchRequest {
    SearchRequest {
        query: query.into(),
        filters,
        limit: 10,
        sort: SortBy::Relevance,
        ..SearchRequest::default()
    }
}

#[test]
fn funding_gaps_phrase_finds_the_titov_statement_first() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    let res = search::search(&reader, &request("\"funding gaps\"", Filters::default()))
        .expect("search runs");
    let top = res.hits.first().expect("at least one hit");
    assert_eq!(top.doc_id, idx.id("000"));
    assert_eq!(top.number.as_deref(), Some("5"));
    assert!(top.item_title.contains("Titov"), "{}", top.item_title);
    // the snippet marks the phrase as one span
    let shown = top.snippet.render(Highlight::Brackets);
    assert!(shown.contains("[funding gaps]"), "{shown}");
    // it is a phrase query: items with both words apart do not match
    for hit in &res.hits {
        let text = hit.snippet.text.to_lowercase();
        assert!(text.contains("funding gap"), "{}", hit.snippet.text);
    }
}

#[test]
fn stemming_and_boolean_syntax_work() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    let count = |q: &str| {
        search::search(&reader, &request(q, Filters::default()))
            .expect("search runs")
            .total
    };
    // "gap" finds "gaps" through the English stemmer
    assert!(count("gap") >= count("\"funding gaps\""));
    assert!(count("gap") > 0);
    // OR by default (AND narrows), NOT narrows
    assert!(count("clearance OR stockpile") >= count("clearance"));
    assert!(count("clearance AND stockpile") <= count("clearance"));
    assert!(count("clearance AND NOT stockpile") <= count("clearance"));
    assert!(count("item:remarks") > 0);
    let err = search::search(&reader, &request("title:(", Filters::default()))
        .expect_err("a broken query is refused");
    assert!(err.to_string().contains("cannot parse the query"), "{err}");
}

#[test]
fn date_filters_and_date_sort() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    let args = FilterArgs {
        from: Some("2016".into()),
        ..FilterArgs::default()
    };
    let filters = args.resolve(&reader).expect("filters resolve");
    let res = search::search(&reader, &request("assistance", filters)).expect("search");
    assert!(!res.hits.is_empty());
    for h in &res.hits {
        assert!(h.date.is_some_and(|d| d.year >= 2016), "{:?}", h.date);
        assert_ne!(
            h.doc_id,
            idx.id("000"),
            "the 2015 MASG minutes are filtered out"
        );
    }
    let hit = search::search(&reader, &request("\"funding gaps\"", Filters::default()))
        .expect("search")
        .hits
        .remove(0);
    assert_eq!(
        hit.date.map(|d| d.to_string()).as_deref(),
        Some("2015-02-17")
    );
    assert_eq!(hit.body.as_deref(), Some("MASG"));
    let mut req = request("assistance OR mine", Filters::default());
    req.sort = SortBy::Oldest;
    req.limit = 100;
    let res = search::search(&reader, &req).expect("search");
    let dates: Vec<_> = res.hits.iter().filter_map(|h| h.date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let bad = FilterArgs {
        from: Some("June 2015".into()),
        ..FilterArgs::default()
    };
    let err = bad.resolve(&reader).expect_err("refused");
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn show_outline_and_item_text() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    // a unique prefix of the id is enough
    let records = outline::doc_records(&reader, "000").expect("outline");
    assert_eq!(records.len(), 12);
    let text = outline::render_outline(&records);
    assert!(text.contains("PART 1 MASG MEMBERS ONLY"), "{text}");
    assert!(text.contains("    1 Welcoming Remarks"), "{text}");
    let item = outline::find_item(&records, "5").expect("item 5");
    assert!(item.text.contains("$14 million"), "{}", item.text);
    let ccm = outline::doc_records(&reader, &idx.id("001")).expect("ccm");
    let sub = outline::find_item(&ccm, "2.3").expect("item 2.3");
    assert!(sub.text.contains("Montenegro"));
    assert_eq!(sub.level, 2);
    match outline::doc_records(&reader, "999_nothing") {
        Err(QueryError::UnknownDocument { .. }) => {}
        other => panic!("expected UnknownDocument, got {:?}", other.map(|r| r.len())),
    }
}

#[test]
fn binary_prints_ndjson_hits() {
    let Some(idx) = seed_index() else { return };
    let out = query_support::agendex(&["search", "\"funding gaps\"", "--json"], idx.path());
    query_support::assert_ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("a line")).expect("JSON line");
    assert_eq!(first["item_number"], "5");
    assert!(first["snippet"]
        .as_str()
        .is_some_and(|s| s.contains("funding gaps")));
    // an index folder that does not exist: exit 2 and advice
    let out = query_support::agendex(&["search", "x"], &idx.path().join("missing"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("agendex ingest"));
}

#[test]
fn assistance_for_montenegro_returns_the_ccm_item() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    for typed in ["Montenegro", "montenegro", "MNE"] {
        let args = FilterArgs {
            state: Some(typed.into()),
            rules: Some(common::rules_dir()),
            ..FilterArgs::default()
        };
        let filters = args.resolve(&reader).expect("state resolves");
        assert_eq!(filters.state.as_deref(), Some("Montenegro"));
        let res = search::search(&reader, &request("assistance", filters)).expect("search");
        let top = res.hits.first().expect("a hit");
        assert_eq!(top.doc_id, idx.id("001"));
        assert_eq!(top.number.as_deref(), Some("2.3"));
        assert!(res
            .hits
            .iter()
            .all(|h| h.states.contains(&"Montenegro".to_string())));
    }
}

#[test]
fn unknown_names_get_the_closest_known_ones() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    // without the gazetteer, from the index alone
    let table = name_table(&reader, NameKind::State, None).expect("table");
    assert!(table.in_index.contains_key("Japan"));
    let err = resolve(&reader, &table, NameKind::State, "Montenegor")
        .expect("index readable")
        .expect_err("unknown");
    assert_eq!(
        err.suggestions.first().map(String::as_str),
        Some("Montenegro")
    );
    assert!(err.to_string().contains("did you mean Montenegro"), "{err}");
    // "USA" is a surface form in the MASG minutes
    let usa = resolve(&reader, &table, NameKind::State, "usa").expect("readable");
    assert_eq!(usa.ok().as_deref(), Some("United States"));
    let bodies = name_table(&reader, NameKind::Body, None).expect("bodies");
    let ccm = resolve(&reader, &bodies, NameKind::Body, "ccm").expect("readable");
    assert_eq!(ccm.ok().as_deref(), Some("CCM"));
}

#[test]
fn facets_count_hits_by_state_body_and_year() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    let mut req = request("assistance", Filters::default());
    req.facets = true;
    let res = search::search(&reader, &req).expect("search");
    let f = res.facets.expect("facets asked");
    let total_by_body: u64 = f.bodies.iter().map(|(_, n)| n).sum();
    assert!(total_by_body as usize <= res.total);
    assert!(f.bodies.iter().any(|(b, _)| b == "CCM"), "{:?}", f.bodies);
    assert!(
        f.states.iter().any(|(s, _)| s == "Montenegro"),
        "{:?}",
        f.states
    );
    assert!(f.years.iter().any(|(y, _)| y == "2017"), "{:?}", f.years);
}
