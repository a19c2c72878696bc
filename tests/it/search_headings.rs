//! The headings a section sits under (session 11): a resolution's "Preamble"
//! and "Operative part" carry the resolution's title only in their parent
//! heading, and a heading that names the query says more than a passing word.
//! On small records of that shape, written here.

use crate::query_support::{self, SeedIndex};
use crate::search_support;
use agendex::index::IndexReader;
use agendex::query::search;

fn run(reader: &IndexReader, q: &str) -> search::SearchResults {
    search_support::top(reader, q, 10)
}

/// An index of the records `(file name, text)`.
fn index(records: &[(&str, &str)]) -> SeedIndex {
    query_support::index_of_records(records)
}

/// Rank (0-based) of the first hit whose path holds every one of `parts`.
fn rank_of(r: &search::SearchResults, parts: &[&str]) -> usize {
    r.hits
        .iter()
        .position(|h| parts.iter().all(|p| h.path.contains(p)))
        .unwrap_or(usize::MAX)
}

const RESOLUTIONS: &str = "General and complete disarmament\n\n\
    Report of the First Committee\n\n\
    III. Recommendations of the First Committee\n\n\
    Draft resolution I\nSeabed weapons notification\n\n\
    The General Assembly,\n\
    Recalling its earlier decisions on the subject,\n\
    Noting the views submitted by Member States,\n\
    1. Calls upon all States to report any placement of weapons on the ocean floor;\n\
    2. Requests the Secretary-General to keep a register of such reports;\n\
    3. Decides to include the item in the provisional agenda of its next session.\n\n\
    Draft resolution II\nRegional disarmament\n\n\
    The General Assembly,\n\
    Recalling its earlier decisions on regional disarmament,\n\
    Noting that regional arrangements complement global ones,\n\
    1. Calls upon States to conclude regional agreements;\n\
    2. Requests the Secretary-General to report on regional efforts, including any \
    seabed matters raised;\n\
    3. Decides to include the item in the provisional agenda of its next session.\n";

#[test]
fn a_resolutions_operative_part_is_found_by_its_title() {
    let idx = index(&[("2024-first-committee.txt", RESOLUTIONS)]);
    let reader = idx.reader();
    let r = run(&reader, "seabed weapons");
    let titled = rank_of(&r, &["Seabed weapons notification", "Operative part"]);
    let passing = rank_of(&r, &["Regional disarmament", "Operative part"]);
    let paths: Vec<&str> = r.hits.iter().map(|h| h.path.as_str()).collect();
    assert!(
        titled < passing,
        "the operative part of the resolution the query names ranks first: {paths:?}"
    );
}
