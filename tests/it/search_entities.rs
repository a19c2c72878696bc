//! A state or organisation the gazetteers know, typed beside other words, is
//! required: "HALO Trust clearance" finds the HALO Trust's records on
//! clearance, not every record on clearance. Alone, or with `OR`, or when no
//! record names it, it does not restrict the results.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::query_support::{self, SeedIndex};
use crate::search_support;
use agendex::index::IndexReader;
use agendex::query::search::SearchResults;

fn corpus() -> &'static SeedIndex {
    static IDX: OnceLock<SeedIndex> = OnceLock::new();
    IDX.get_or_init(query_support::corpus_index)
}

fn run(reader: &IndexReader, q: &str) -> SearchResults {
    search_support::top(reader, q, 1000)
}

fn keys(r: &SearchResults) -> BTreeSet<(String, usize)> {
    r.hits
        .iter()
        .map(|h| (h.doc_id.clone(), h.ordinal))
        .collect()
}

#[test]
fn a_known_name_beside_other_words_is_required() {
    let reader = corpus().reader();
    for (entity, subject) in [
        ("HALO Trust", "clearance"),
        ("Angola", "deadline"),
        ("UNDP", "funding"),
        ("Cambodia", "victim assistance"),
    ] {
        let named = keys(&run(&reader, entity));
        let words = keys(&run(&reader, subject));
        let both = run(&reader, &format!("{entity} {subject}"));
        assert!(!both.hits.is_empty(), "{entity} {subject} finds something");
        let found = keys(&both);
        // every hit names the entity (by any of its names), and the subject
        // alone found records that do not
        assert!(
            found.is_subset(&named),
            "{entity} {subject}: hits not naming {entity}: {:?}",
            found.difference(&named).collect::<Vec<_>>()
        );
        assert!(
            !words.is_subset(&named),
            "{subject} alone only finds records naming {entity}: nothing tested"
        );
        assert!(
            both.explain.iter().any(|e| e.contains("required")),
            "{entity} {subject}: {:?}",
            both.explain
        );
    }
}

#[test]
fn a_name_alone_with_or_or_absent_does_not_restrict() {
    let reader = corpus().reader();
    // with OR the researcher asks for either
    let either = keys(&run(&reader, "Angola OR clearance"));
    let angola = keys(&run(&reader, "Angola"));
    assert!(
        !either.is_subset(&angola),
        "OR keeps records without Angola"
    );
    // no record of the sample corpus names Tuvalu: the other words still search
    let absent = run(&reader, "Tuvalu clearance");
    assert!(angola.len() > 1 && !absent.hits.is_empty());
    assert!(!absent.explain.iter().any(|e| e.contains("required")));
}
