//! A state's name in a recorded vote ("In favour: Albania, Andorra, ...") or in
//! another list of very many states says little about that state: on the real
//! records (the First Committee report's 40-odd vote accounts), every section
//! that names the state among a few others ranks before every such list.

use agendex::query::search::{self, SearchRequest};

use crate::search_support;

/// States named both in A/79/408's recorded votes and in sections about them.
const STATES: [&str; 5] = ["Ireland", "Thailand", "Zimbabwe", "Colombia", "Chile"];

/// A list: a segment naming at least this many states (a recorded vote names
/// some 170 to 190).
const LIST: usize = 150;

/// A section about a few states.
const FEW: usize = 10;

#[test]
fn sections_about_a_state_rank_before_recorded_votes() {
    let Some(dir) = search_support::eval_index() else {
        return;
    };
    let reader = search_support::reader(dir);
    for state in STATES {
        let req = SearchRequest {
            query: state.to_string(),
            limit: 40,
            synonyms: search_support::synonyms(),
            ..SearchRequest::default()
        };
        let hits = search::search(&reader, &req)
            .unwrap_or_else(|e| panic!("{state}: {e}"))
            .hits;
        let named: Vec<usize> = hits.iter().map(|h| h.states.len()).collect();
        let first_list = named.iter().position(|&n| n >= LIST);
        let last_few = named.iter().rposition(|&n| n <= FEW);
        let (Some(first_list), Some(last_few)) = (first_list, last_few) else {
            panic!("{state}: expected both recorded votes and sections in the first 40: {named:?}");
        };
        assert!(
            last_few < first_list,
            "{state}: a list of {} states at rank {} before a section naming {} at rank {}: {named:?}",
            named[first_list],
            first_list + 1,
            named[last_few],
            last_few + 1
        );
    }
}
