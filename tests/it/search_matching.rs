//! Record selection in the search syntax (`entities --query`, `summary --topic`):
//! every word required unless the query says OR, aliases and synonyms expanded,
//! the same operators as search. On the sample corpus (always present).

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use crate::query_support::{self, SeedIndex};
use crate::search_support;
use agendex::index::IndexReader;
use agendex::query::entity_listing::{self, EntityRequest};
use agendex::query::search;
use agendex::query::synonyms::{self, Synonyms};
use agendex::query::Filters;

fn corpus() -> &'static SeedIndex {
    static IDX: OnceLock<SeedIndex> = OnceLock::new();
    IDX.get_or_init(query_support::corpus_index)
}

/// `(doc, segment)` of the records a query selects.
fn selected(reader: &IndexReader, syn: &Synonyms, q: &str) -> BTreeSet<(String, usize)> {
    let query = search::match_query(reader, syn, q, &Filters::default())
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    reader
        .records_matching(&*query)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .into_iter()
        .map(|r| (r.doc_id, r.ordinal))
        .collect()
}

fn texts(reader: &IndexReader, syn: &Synonyms, q: &str) -> Vec<String> {
    let query = search::match_query(reader, syn, q, &Filters::default())
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    reader
        .records_matching(&*query)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .into_iter()
        .map(|r| r.text.to_lowercase())
        .collect()
}

#[test]
fn every_word_is_required_unless_the_query_says_or() {
    let reader = corpus().reader();
    let syn = Synonyms::default();
    let both = texts(&reader, &syn, "Angola Zimbabwe");
    assert!(
        both.is_empty()
            || both
                .iter()
                .all(|t| t.contains("angola") && t.contains("zimbabwe"))
    );
    let angola = selected(&reader, &syn, "Angola");
    let zimbabwe = selected(&reader, &syn, "Zimbabwe");
    let either = selected(&reader, &syn, "Angola OR Zimbabwe");
    assert!(!angola.is_empty() && !zimbabwe.is_empty());
    assert_eq!(either, &angola | &zimbabwe, "OR is the union");
    // stop words are left out, not required
    assert_eq!(
        selected(&reader, &syn, "extension request for Angola"),
        selected(&reader, &syn, "extension request Angola")
    );
    // operators as in search
    let minus = selected(&reader, &syn, "clearance -Japan");
    assert_eq!(minus, selected(&reader, &syn, "clearance AND NOT Japan"));
    assert!(texts(&reader, &syn, "clearance -Japan")
        .iter()
        .all(|t| !t.contains("japan")));
}

#[test]
fn aliases_and_synonyms_select_records_in_other_words() {
    let reader = corpus().reader();
    let syn = search_support::synonyms();
    // no sample record spells "Britain" as a word outside the United Kingdom's name
    let britain = selected(&reader, &syn, "Britain");
    let uk = selected(&reader, &syn, "\"United Kingdom\"");
    assert!(!uk.is_empty());
    assert!(
        uk.is_subset(&britain),
        "Britain selects every record naming the United Kingdom: {:?}",
        uk.difference(&britain).collect::<Vec<_>>()
    );
    // "demining" also selects records that say "clearance"
    let demining = selected(&reader, &syn, "demining");
    let clearance = selected(&reader, &syn, "clearance");
    assert!(clearance.is_subset(&demining));
    assert!(selected(&reader, &Synonyms::default(), "demining").len() < demining.len());
}

#[test]
fn entity_listing_reads_its_query_like_search() {
    let reader = corpus().reader();
    synonyms::install(Arc::clone(&search_support::synonyms()));
    let rows = entity_listing::list(
        &reader,
        &EntityRequest {
            entity: Some("state".into()),
            query: Some("Britain funding".into()),
            ..EntityRequest::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!rows.is_empty(), "Britain funding selects records");
    let syn = search_support::synonyms();
    let chosen = selected(&reader, &syn, "Britain funding");
    let named = |t: &String| {
        ["united kingdom", "britain", "british", "uk"]
            .iter()
            .any(|n| t.contains(n))
    };
    assert!(
        texts(&reader, &syn, "Britain funding").iter().all(named),
        "every selected record names the United Kingdom"
    );
    assert!(rows
        .iter()
        .all(|r| chosen.contains(&(r.doc_id.clone(), r.segment))));
}
