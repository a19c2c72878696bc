//! Names typed in a form the records never use ("Ottawa Treaty" for the
//! Anti-Personnel Mine Ban Convention): the other forms of the name find the
//! records, and the name's words still count as the query's words.

use std::sync::Arc;

use crate::query_support;
use crate::search_support;
use agendex::index::IndexReader;
use agendex::query::search::{self, SearchRequest};
use agendex::query::synonyms::Synonyms;

fn first_title(reader: &IndexReader, q: &str, syn: bool) -> String {
    let req = SearchRequest {
        query: q.into(),
        limit: 10,
        synonyms: if syn {
            search_support::synonyms()
        } else {
            Arc::new(Synonyms::default())
        },
        ..SearchRequest::default()
    };
    let r = search::search(reader, &req).unwrap_or_else(|e| panic!("{q}: {e}"));
    r.hits
        .first()
        .map(|h| format!("{} {}", h.doc_id, h.item_title))
        .unwrap_or_default()
}

#[test]
fn a_treaty_name_the_records_never_use_finds_its_other_names() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    // the other convention: every generic word of the query, none of the name
    write(
        "2019-cluster-requests.txt",
        "Cluster munitions meeting\n\n1. Requests\n\nThe Convention on Cluster Munitions \
         received a request for extension of a clearance deadline from one State, with a \
         work plan for the years ahead.\n",
    );
    // the mine ban convention by one of its other names, with one generic word
    write(
        "2020-mine-ban-observations.txt",
        "Mine ban committee\n\n1. Observations\n\nUnder the Mine Ban Convention, the \
         Committee reviewed the progress in clearance of each State Party concerned since \
         the last meeting.\n",
    );
    for (year, topic) in [("2017", "budget"), ("2018", "travel"), ("2021", "website")] {
        write(
            &format!("{year}-minutes.txt"),
            &format!(
                "Support group minutes\n\n1. {topic}\n\nMembers discussed the {topic} of the \
                 group, the deadline of the next report and the extension of the meeting.\n"
            ),
        );
    }
    let idx = query_support::index_of(dir.path());
    let reader = idx.reader();
    let q = "Ottawa Treaty clearance deadline extensions";
    let first = first_title(&reader, q, true);
    assert!(first.contains("mine-ban"), "first: {first}");
    // the words apart alone find the other convention first
    let plain = first_title(&reader, q, false);
    assert!(plain.contains("cluster"), "without synonyms: {plain}");
}

#[test]
fn a_leading_demonym_finds_only_its_states_records() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    write(
        "2018-finances.txt",
        "Unit report\n\n1. Finances\n\nThe unit received voluntary contributions from 22 \
         States; the largest contributions came from Austria and from Switzerland, which \
         also paid for the office.\n",
    );
    write(
        "2019-finances.txt",
        "Unit report\n\n1. Finances\n\nContributions fell: contributions from the States \
         Parties covered two thirds of the budget, and further contributions were asked \
         for, as contributions had been late in three of the last four years.\n",
    );
    write(
        "2020-election.txt",
        "Mission report\n\n1. Elections\n\nPolling in the Cambodian election was secured \
         by the police of the mission and by the armed forces of Cambodia.\n",
    );
    // a name in most records is not required: other records keep it rare
    for (year, topic) in [("2014", "budget"), ("2015", "travel"), ("2016", "website")] {
        write(
            &format!("{year}-minutes.txt"),
            &format!(
                "Support group minutes\n\n1. {topic}\n\nMembers discussed the {topic} of the \
                 group and the meetings planned for the next year.\n"
            ),
        );
    }
    let idx = query_support::index_of(dir.path());
    let reader = idx.reader();
    // "Swiss" leads: Switzerland's record only, though the other says
    // "contributions" more often
    let first = first_title(&reader, "Swiss contributions", true);
    assert!(first.contains("2018"), "first: {first}");
    let out = query_support::agendex(&["search", "Swiss contributions", "--explain"], idx.path());
    query_support::assert_ok(&out);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(said.contains("Swiss (a known name: required)"), "{said}");
    assert!(!said.contains("2019-finances"), "{said}");
    // further on, an adjective qualifies the subject and is not required
    let out = query_support::agendex(
        &["search", "polling in the Cambodian election", "--explain"],
        idx.path(),
    );
    query_support::assert_ok(&out);
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(!said.contains("(a known name: required)"), "{said}");
}

#[test]
fn a_term_counts_whole_for_most_words_not_by_one_common_word() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let vote = "In favour: Austria, Belgium, Chile, Denmark, Estonia, Fiji, Ghana, Iceland, \
                Jamaica, Kenya, Malta, Nepal, Oman, Peru, Qatar, Senegal, Togo, Uruguay.";
    // short drafts on other weapons, each with a vote naming the state
    for (year, subject) in [
        ("2019", "nuclear weapons"),
        ("2020", "chemical weapons"),
        ("2021", "small arms and light weapons"),
    ] {
        write(
            &format!("{year}-draft.txt"),
            &format!(
                "First Committee report\n\n1. Draft resolution on {subject}\n\nThe \
                 Committee adopted the draft on {subject} by a recorded vote. {vote}\n"
            ),
        );
    }
    // the draft on the subject, long: its sponsors and vote, and its text
    let preamble = "Recalling its earlier resolutions and the work of the Group, and \
                    noting the views submitted by States and by civil society, ";
    write(
        "2022-draft.txt",
        &format!(
            "First Committee report\n\n1. Draft resolution on lethal autonomous weapons \
             systems\n\nMalta, Mexico and Austria submitted a draft resolution entitled \
             Lethal autonomous weapons systems. {} The Committee adopted it by a recorded \
             vote. {vote}\n",
            preamble.repeat(30)
        ),
    );
    // other records, so that the state is in few of them and required
    for n in 0..20 {
        write(
            &format!("2010-{n:02}-minutes.txt"),
            &format!("Meeting {n}\n\n1. Opening\n\nThe Chair opened meeting {n}.\n"),
        );
    }
    let idx = query_support::index_of(dir.path());
    let reader = idx.reader();
    let first = first_title(&reader, "Malta autonomous weapons", true);
    assert!(first.contains("2022"), "first: {first}");
}

#[test]
fn a_researchers_word_for_a_killing_or_a_chair_finds_the_records_word() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    write(
        "1993-report.txt",
        "Mission report\n\n1. Security\n\nThe killing of two district supervisors in the \
         north raised concern among the staff of the mission.\n\n2. Transport\n\nThe \
         staff of the mission repaired the road to the northern districts.\n",
    );
    write(
        "2022-minutes.txt",
        "Group minutes\n\n1. Welcome\n\nThe ambassador, who would chair the group until the \
         end of 2023, welcomed the members.\n\n2. Budget\n\nThe group discussed its budget \
         and its members.\n",
    );
    let idx = query_support::index_of(dir.path());
    let reader = idx.reader();
    for (q, want) in [
        ("murder of mission staff", "Security"),
        ("chairmanship of the group", "Welcome"),
    ] {
        let first = first_title(&reader, q, true);
        assert!(first.contains(want), "{q}: {first}");
        // the records never use the word typed
        let word = q.split_whitespace().next().unwrap_or_default();
        assert_eq!(first_title(&reader, word, false), "", "{word}");
        assert!(first_title(&reader, word, true).contains(want), "{word}");
    }
}
