//! `entities` on an index of the five real seed records: listings, CSV, grouping.

use crate::common;
use crate::query_support;

use crate::query_support::seed_index;
use agendex::query::csv_out::parse_csv;
use agendex::query::entity_listing::{self, EntityRequest, GroupBy, ROW_COLUMNS};
use agendex::query::{FilterArgs, Filters};

/// Amount mentions the pipeline found in the seeds: what the listing must show.
fn amounts_in(idx: &query_support::SeedIndex) -> usize {
    idx.docs
        .iter()
        .flat_map(|d| &d.extraction.mentions)
        .filter(|m| m.entity == "amount")
        .count()
}

#[test]
fn amounts_as_csv_one_row_per_amount() {
    let Some(idx) = seed_index() else { return };
    let expected = amounts_in(&idx);
    assert!(
        expected >= 2,
        "the seeds hold at least $14 million and $65 million"
    );
    // through the binary, as a spreadsheet user runs it
    let out = query_support::agendex(
        &["entities", "--type", "amount", "--format", "csv"],
        idx.path(),
    );
    query_support::assert_ok(&out);
    let rows = parse_csv(&String::from_utf8_lossy(&out.stdout)).expect("valid CSV");
    assert_eq!(rows[0], ROW_COLUMNS.map(String::from).to_vec());
    let body = &rows[1..];
    assert_eq!(body.len(), expected);
    assert!(body
        .iter()
        .all(|r| r.len() == ROW_COLUMNS.len() && r[0] == "amount"));
    let col = |name: &str| ROW_COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
    let fourteen = body
        .iter()
        .find(|r| r[col("text")].contains("14 million"))
        .expect("the $14 million row");
    assert_eq!(fourteen[col("amount")], "14000000");
    assert_eq!(fourteen[col("currency")], "USD");
    assert_eq!(fourteen[col("meeting_date")], "2015-02-17");
    assert!(
        fourteen[col("item")].starts_with("5 "),
        "{}",
        fourteen[col("item")]
    );
    assert!(fourteen[col("context")].contains("Voluntary Trust Fund"));
}

#[test]
fn listings_filter_and_group() {
    let Some(idx) = seed_index() else { return };
    let reader = idx.reader();
    let all = entity_listing::list(
        &reader,
        &EntityRequest {
            entity: Some("state".into()),
            filters: Filters::default(),
            query: None,
        },
    )
    .expect("list");
    assert!(all.iter().all(|r| r.entity == "state"));
    let by_value = entity_listing::group(&all, GroupBy::Value);
    let japan = by_value
        .iter()
        .find(|g| g.key == "Japan")
        .expect("Japan counted");
    assert!(japan.count >= 2);
    // per-year counts add up to the listing
    let by_year = entity_listing::group(&all, GroupBy::Year);
    assert_eq!(by_year.iter().map(|g| g.count).sum::<usize>(), all.len());
    // a state filter keeps the items that mention it, a body filter the body's records
    let filters = FilterArgs {
        state: Some("MNE".into()),
        body: Some("ccm".into()),
        rules: Some(common::rules_dir()),
        ..FilterArgs::default()
    }
    .resolve(&reader)
    .expect("resolves");
    let rows = entity_listing::list(
        &reader,
        &EntityRequest {
            entity: None,
            filters,
            query: Some("assistance".into()),
        },
    )
    .expect("list");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.doc_id == idx.id("001")));
    assert!(rows.iter().any(|r| r.value == "Montenegro"));
    // amounts grouped by document carry totals per currency
    let amounts = entity_listing::list(
        &reader,
        &EntityRequest {
            entity: Some("amount".into()),
            filters: Filters::default(),
            query: None,
        },
    )
    .expect("list");
    let by_doc = entity_listing::group(&amounts, GroupBy::Document);
    let masg = by_doc
        .iter()
        .find(|g| g.key == idx.id("000"))
        .expect("MASG amounts");
    assert!(masg.totals.get("USD").is_some_and(|t| *t >= 14e6 + 65e6));
}
