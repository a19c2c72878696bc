//! What a researcher types that the records write otherwise (session 10): a
//! treaty's acronym or nickname, a compound the records write in two words, a
//! state's adjective that also begins another name, and a treaty whose own
//! records never name it. Each on small records of that shape, written here.

use crate::query_support::{self, SeedIndex};
use crate::search_support;
use agendex::index::IndexReader;
use agendex::query::search;

fn run(reader: &IndexReader, q: &str) -> search::SearchResults {
    search_support::top(reader, q, 10)
}

fn first_doc(r: &search::SearchResults) -> String {
    r.hits.first().map(|h| h.doc_id.clone()).unwrap_or_default()
}

/// An index of the records `(file name, text)`.
fn index(records: &[(&str, &str)]) -> SeedIndex {
    query_support::index_of_records(records)
}

#[test]
fn treaty_acronyms_and_nicknames_find_the_full_titles() {
    let idx = index(&[
        (
            "2024-chemical.txt",
            "Report of the First Committee\n\n1. Chemical weapons\n\nThe General Assembly \
             called for the full implementation of the Convention on the Prohibition of the \
             Development, Production, Stockpiling and Use of Chemical Weapons and on Their \
             Destruction by every State Party.\n",
        ),
        (
            "2024-nuclear.txt",
            "Report of the First Committee\n\n1. Nuclear weapons\n\nThe General Assembly \
             welcomed the entry into force of the Treaty on the Prohibition of Nuclear \
             Weapons and called upon States to sign it.\n",
        ),
        (
            "2024-arms.txt",
            "Report of the First Committee\n\n1. Small arms\n\nThe General Assembly \
             stressed the implementation of the programme of action to eradicate the \
             illicit trade in small arms and light weapons.\n",
        ),
    ]);
    let reader = idx.reader();
    for (q, want) in [
        ("CWC implementation", "chemical"),
        ("nuclear ban treaty", "nuclear"),
        ("illegal firearms trafficking", "arms"),
    ] {
        let r = run(&reader, q);
        assert!(first_doc(&r).contains(want), "{q}: {:?}", first_doc(&r));
    }
}

#[test]
fn a_compound_is_also_searched_as_the_two_words_the_records_write() {
    let overall = "Budget\n\n1. Totals\n\nThe overall budget was adopted.\n";
    let idx = index(&[
        ("2001-budget.txt", overall),
        ("2002-budget.txt", overall),
        ("2003-budget.txt", overall),
        (
            "2004-authority.txt",
            "Decree\n\n1. Authority\n\nThe council has authority over all districts.\n",
        ),
        (
            "1993-report.txt",
            "Progress report\n\n1. Military situation\n\nViolations of the cease-fire \
             continued in the western provinces.\n\n2. Elections\n\nPolling stations \
             opened in every district.\n",
        ),
        (
            "2009-report.txt",
            "Report on the mission\n\n1. Security\n\nIncidents along the ceasefire line \
             decreased in the winter.\n",
        ),
    ]);
    let reader = idx.reader();
    let r = run(&reader, "ceasefire violations");
    let first = r
        .hits
        .first()
        .map(|h| h.item_title.clone())
        .unwrap_or_default();
    assert!(first.contains("Military situation"), "first: {first}");
    let docs: Vec<&str> = r.hits.iter().map(|h| h.doc_id.as_str()).collect();
    assert!(docs.iter().any(|d| d.contains("2009")), "{docs:?}");
    assert!(
        r.explain.iter().any(|l| l.contains("cease-fire")),
        "{:?}",
        r.explain
    );
    // a word the records mostly write joined keeps its one spelling
    let r = run(&reader, "overall budget");
    assert!(
        !r.explain.iter().any(|l| l.contains("over-all")),
        "{:?}",
        r.explain
    );
    assert!(!r.hits.iter().any(|h| h.doc_id.contains("authority")));
}

#[test]
fn a_states_adjective_does_not_match_inside_another_name() {
    let mut records = vec![
        (
            "2019-fsd.txt",
            "Minutes\n\n1. Field update\n\nThe Swiss Foundation for Mine Action reported \
             contributions of land cleared in the north.\n",
        ),
        (
            "2019-donors.txt",
            "Minutes\n\n1. Donor update\n\nContributions from Switzerland reached CHF 2 \
             million for clearance in the south.\n",
        ),
    ];
    let others = [
        "2018-a.txt",
        "2018-b.txt",
        "2018-c.txt",
        "2018-d.txt",
        "2018-e.txt",
    ];
    for name in others {
        records.push((
            name,
            "Minutes\n\n1. Budget\n\nThe budget was adopted and contributions were \
             recorded.\n",
        ));
    }
    let idx = index(&records);
    let reader = idx.reader();
    let r = run(&reader, "Swiss contributions");
    assert!(first_doc(&r).contains("donors"), "{:?}", first_doc(&r));
    assert!(
        !r.hits.iter().any(|h| h.doc_id.contains("fsd")),
        "the foundation's record names no Swiss contribution: {:?}",
        r.hits.iter().map(|h| &h.doc_id).collect::<Vec<_>>()
    );
}

#[test]
fn a_treaty_named_ranks_its_own_records_first() {
    let idx = index(&[
        (
            "2020-apmbc.txt",
            "Meeting of the States Parties to the Anti-Personnel Mine Ban Convention\n\n\
             1. Deadlines\n\nThe Committee received two requests for extension of the \
             clearance deadline under Article 5.\n",
        ),
        (
            "2020-ccm.txt",
            "Meeting of States Parties to the Convention on Cluster Munitions\n\n\
             1. Deadlines\n\nThe Committee received two requests for extension of the \
             clearance deadline under Article 4.\n",
        ),
    ]);
    let reader = idx.reader();
    for q in [
        "Ottawa Treaty clearance deadline extension",
        "ottawa treaty clearance deadline extension",
    ] {
        let r = run(&reader, q);
        let first = r
            .hits
            .iter()
            .find(|h| h.item_title.contains("Deadlines"))
            .map(|h| h.doc_id.clone())
            .unwrap_or_default();
        assert!(first.contains("apmbc"), "{q}: {first}");
    }
    let r = run(&reader, "Oslo Convention clearance deadline extension");
    let first = r
        .hits
        .iter()
        .find(|h| h.item_title.contains("Deadlines"))
        .map(|h| h.doc_id.clone())
        .unwrap_or_default();
    assert!(first.contains("ccm"), "{first}");
}

#[test]
fn weapons_named_in_researchers_words_find_the_technical_terms() {
    let idx = index(&[
        (
            "2024-radioactive.txt",
            "Report of the First Committee\n\n1. Radioactive sources\n\nThe General Assembly \
             was deeply concerned by the risk of terrorism with radioactive sources used in \
             radiological dispersion devices.\n",
        ),
        (
            "2024-protocol.txt",
            "Report of the First Committee\n\n1. The 1925 Protocol\n\nThe General Assembly \
             renewed its call to observe the Protocol for the Prohibition of the Use in War of \
             Asphyxiating, Poisonous or Other Gases, and of Bacteriological Methods of \
             Warfare.\n",
        ),
        (
            "2024-terrorism.txt",
            "Report of the First Committee\n\n1. Terrorism\n\nThe General Assembly condemned \
             every act of terrorism, including bomb attacks on civilians, and the use of \
             chemical weapons in warfare.\n",
        ),
    ]);
    let reader = idx.reader();
    for (q, want) in [
        ("dirty bomb terrorism", "2024-radioactive.txt"),
        ("ban on germ warfare", "2024-protocol.txt"),
    ] {
        let r = run(&reader, q);
        assert_eq!(first_doc(&r), want, "{q}");
    }
}

#[test]
fn everyday_words_find_what_the_records_write_formally() {
    let idx = index(&[
        (
            "2020-deadlines.txt",
            "Committee observations\n\n1. Deadlines\n\nThe Committee noted that two States \
             Parties were behind schedule on clearance and would request an extension.\n",
        ),
        (
            "2020-training.txt",
            "Committee observations\n\n1. Training\n\nThe training course ran late into the \
             evening; running water was restored at the clearance training site.\n",
        ),
        (
            "2020-atomic.txt",
            "Committee observations\n\n1. Disarmament\n\nThe Assembly called for the \
             elimination of nuclear weapons and for a register of their testing sites.\n",
        ),
    ]);
    let reader = idx.reader();
    for (q, want) in [
        ("who is running late on clearance", "2020-deadlines.txt"),
        ("nukes testing sites", "2020-atomic.txt"),
    ] {
        let r = run(&reader, q);
        assert_eq!(first_doc(&r), want, "{q}");
    }
}

#[test]
fn a_council_named_ranks_its_own_records_first() {
    let idx = index(&[
        (
            "1999-report.txt",
            "United Nations S/1999/101\n\nSecurity Council\n\nReport of the Secretary-General \
             on the mission\n\n1. Mine action\n\nThe mission set up a coordination centre for \
             mine clearance in the province.\n",
        ),
        (
            "2019-minutes.txt",
            "Minutes - Mine Action Support Group Meeting\n\n1. Briefing\n\nMembers noted that \
             the Security Council had discussed mine clearance; the Security Council would \
             return to mine clearance next year.\n",
        ),
    ]);
    let reader = idx.reader();
    let r = run(&reader, "Security Council mine clearance");
    let first = r
        .hits
        .iter()
        .find(|h| h.item_title.contains("Mine action") || h.item_title.contains("Briefing"))
        .map(|h| h.doc_id.clone())
        .unwrap_or_default();
    assert_eq!(first, "1999-report.txt", "{:?}", r.explain);
}
