//! Search semantics on the sample corpus (always present): operators, synonyms
//! and aliases, typo correction, pagination, sorting, errors, and citations that
//! `show` opens as `search` printed them (also over the real records, when the
//! shared folder is there).

use std::collections::BTreeSet;
use std::process::Command;
use std::sync::{Arc, OnceLock};

use crate::query_support::{self, SeedIndex};
use crate::search_support;
use agendex::index::IndexReader;
use agendex::query::search::{self, SearchRequest, SortBy};
use agendex::query::synonyms::Synonyms;

fn corpus() -> &'static SeedIndex {
    static IDX: OnceLock<SeedIndex> = OnceLock::new();
    IDX.get_or_init(query_support::corpus_index)
}

fn run(reader: &IndexReader, q: &str, limit: usize, syn: bool) -> search::SearchResults {
    let req = SearchRequest {
        query: q.into(),
        limit,
        synonyms: if syn {
            search_support::synonyms()
        } else {
            Arc::new(Synonyms::default())
        },
        ..SearchRequest::default()
    };
    search::search(reader, &req).unwrap_or_else(|e| panic!("{q}: {e}"))
}

fn keys(r: &search::SearchResults) -> Vec<(String, usize)> {
    r.hits
        .iter()
        .map(|h| (h.doc_id.clone(), h.ordinal))
        .collect()
}

#[test]
fn and_not_is_the_same_search_as_minus() {
    let reader = corpus().reader();
    for (a, b) in [
        ("clearance AND NOT Japan", "clearance -Japan"),
        (
            "funding AND NOT \"United States\"",
            "funding -\"United States\"",
        ),
        (
            "(deadline extension) AND NOT Angola",
            "(deadline extension) -Angola",
        ),
    ] {
        let (ra, rb) = (run(&reader, a, 1000, true), run(&reader, b, 1000, true));
        assert!(ra.total > 0, "{a} finds something");
        assert_eq!(ra.total, rb.total, "{a} vs {b}");
        let (ka, kb): (BTreeSet<_>, BTreeSet<_>) = (
            keys(&ra).into_iter().collect(),
            keys(&rb).into_iter().collect(),
        );
        assert_eq!(ka, kb, "{a} vs {b}");
    }
    // the exclusion excludes: no hit of "clearance -Japan" mentions Japan
    let r = run(&reader, "clearance -Japan", 1000, true);
    let all = run(&reader, "clearance", 1000, true);
    assert!(r.total < all.total, "{} < {}", r.total, all.total);
    for h in &r.hits {
        let rec = reader
            .doc_records(&h.doc_id)
            .unwrap_or_default()
            .into_iter()
            .find(|x| x.ordinal == h.ordinal)
            .map(|x| x.text)
            .unwrap_or_default();
        assert!(!rec.contains("Japan"), "{}#{}", h.doc_id, h.ordinal);
    }
    // words are optional, so one word the records never use does not empty the list
    assert!(run(&reader, "clearance zzyzx", 10, true).total > 0);
    // stop words do not matter
    assert_eq!(
        run(&reader, "funding for the clearance", 1000, true).total,
        run(&reader, "funding clearance", 1000, true).total
    );
}

#[test]
fn gazetteer_aliases_and_the_synonym_file_expand_the_query() {
    let reader = corpus().reader();
    // "UK": the corpus mostly writes "United Kingdom"
    let plain = run(&reader, "UK", 1000, false);
    let expanded = run(&reader, "UK", 1000, true);
    assert!(
        expanded.total > plain.total,
        "{} > {}",
        expanded.total,
        plain.total
    );
    assert!(
        expanded
            .explain
            .iter()
            .any(|l| l.contains("state United Kingdom")),
        "{:?}",
        expanded.explain
    );
    assert!(expanded
        .hits
        .iter()
        .any(|h| h.snippet.text.contains("United Kingdom") && !h.snippet.text.contains("UK")));
    // the full name of an organisation finds its acronym
    let r = run(
        &reader,
        "Geneva International Centre for Humanitarian Demining",
        20,
        true,
    );
    assert!(
        r.hits.iter().any(|h| h.item_title.contains("GICHD")),
        "{:?}",
        keys(&r)
    );
    // vocabulary: "money" is not how the records say it
    let plain = run(&reader, "money", 1000, false);
    let expanded = run(&reader, "money", 1000, true);
    assert!(
        expanded.total > plain.total + 10,
        "{} vs {}",
        expanded.total,
        plain.total
    );
    assert!(expanded
        .explain
        .iter()
        .any(|l| l.contains("synonyms.toml [funding]")));
    // Roman and Arabic article numbers
    let r = run(&reader, "\"Article IV\" OR Article IV", 50, true);
    assert!(
        r.hits.iter().any(|h| h.doc_id.starts_with("ccm/2019")),
        "Article IV finds the Article 4 requests: {:?}",
        keys(&r)
    );
    // synonyms are highlighted as whole phrases
    let r = run(&reader, "UK", 30, true);
    let marked = r
        .hits
        .iter()
        .map(|h| h.snippet.render(search::Highlight::Brackets))
        .find(|s| s.contains("[United Kingdom]"));
    assert!(marked.is_some(), "a snippet marks [United Kingdom]");
}

#[test]
fn a_broken_synonym_file_is_reported_by_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for e in std::fs::read_dir(crate::common::rules_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, dir.path().join(e.file_name())).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    // the real file passes
    let ok = Command::new(env!("CARGO_BIN_EXE_agendex"))
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("synonym groups"));
    std::fs::write(
        dir.path().join("synonyms.toml"),
        "[[group]]\nname = \"money\"\nwords = [\"funding\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let bad = Command::new(env!("CARGO_BIN_EXE_agendex"))
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("synonyms.toml:2:") && err.contains("at least two"),
        "{err}"
    );
}

#[test]
fn misspellings_are_corrected_and_said() {
    let reader = corpus().reader();
    let r = run(&reader, "cambodja", 10, true);
    assert_eq!(
        r.corrections.first().map(|c| c.corrected.as_str()),
        Some("cambodia")
    );
    assert!(r.total > 0);
    // "extention" stems to "extent": the correction must win over the stem
    let r = run(&reader, "extention request", 10, true);
    assert_eq!(
        r.corrections.first().map(|c| c.corrected.as_str()),
        Some("extension"),
        "{:?}",
        r.explain
    );
    // the corrected word is searched: the best hits speak of extensions
    let top: Vec<String> = r
        .hits
        .iter()
        .take(3)
        .map(|h| h.snippet.text.to_lowercase())
        .collect();
    assert!(top.iter().any(|t| t.contains("extension")), "{top:?}");
    // real words are left alone
    assert!(run(&reader, "extension deadline", 10, true)
        .corrections
        .is_empty());
}

#[test]
fn pages_have_no_overlap_and_no_gap() {
    let reader = corpus().reader();
    let syn = search_support::synonyms();
    let all = run(&reader, "mine action funding", 1000, true);
    assert!(all.total > 30);
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let req = SearchRequest {
            query: "mine action funding".into(),
            limit: 7,
            offset,
            synonyms: Arc::clone(&syn),
            ..SearchRequest::default()
        };
        let r = search::search(&reader, &req).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.total, all.total);
        if r.hits.is_empty() {
            break;
        }
        paged.extend(keys(&r));
        offset += 7;
    }
    assert_eq!(paged, keys(&all));
    // one item per document
    let req = SearchRequest {
        query: "mine action funding".into(),
        limit: 100,
        per_doc: true,
        synonyms: Arc::clone(&syn),
        ..SearchRequest::default()
    };
    let r = search::search(&reader, &req).unwrap_or_else(|e| panic!("{e}"));
    let docs: BTreeSet<_> = r.hits.iter().map(|h| h.doc_id.clone()).collect();
    assert_eq!(docs.len(), r.hits.len());
    assert!(r.hits.len() >= 10);
    // newest and oldest
    for (sort, newest) in [(SortBy::Newest, true), (SortBy::Oldest, false)] {
        let req = SearchRequest {
            query: "funding".into(),
            limit: 100,
            sort,
            synonyms: Arc::clone(&syn),
            ..SearchRequest::default()
        };
        let r = search::search(&reader, &req).unwrap_or_else(|e| panic!("{e}"));
        let dates: Vec<_> = r.hits.iter().filter_map(|h| h.date).collect();
        assert!(dates.len() > 5);
        assert!(
            dates
                .windows(2)
                .all(|w| if newest { w[0] >= w[1] } else { w[0] <= w[1] }),
            "{sort:?}: {dates:?}"
        );
    }
}

#[test]
fn the_binary_reports_errors_and_limits() {
    let idx = corpus();
    let out = query_support::agendex(&["search", "mine", "--limit", "0"], idx.path());
    query_support::assert_ok(&out);
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = query_support::agendex(&["search", "mine AND"], idx.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("column 6") && err.contains("add the term"),
        "{err}"
    );
    let deep = format!("{}mine{}", "(".repeat(10_000), ")".repeat(10_000));
    let out = query_support::agendex(&["search", &deep], idx.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested deeper"));
    let out = query_support::agendex(&["search", "UK", "--explain", "--limit", "1"], idx.path());
    query_support::assert_ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("query: UK") && text.contains("United Kingdom"),
        "{text}"
    );
    let out = query_support::agendex(&["search", "cambodja", "--limit", "1"], idx.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("showing results for \"cambodia\""));
}

/// Every citation `search --json` prints opens the same segment in `show --json`.
fn citations_round_trip(index: &std::path::Path) -> usize {
    let out = query_support::agendex(&["search", "*", "--json", "--limit", "1000"], index);
    query_support::assert_ok(&out);
    let mut n = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let hit: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let cite = hit["citation"].as_str().unwrap_or_default().to_string();
        let shown = query_support::agendex(&["show", &cite, "--json"], index);
        query_support::assert_ok(&shown);
        let seg: serde_json::Value =
            serde_json::from_slice(&shown.stdout).unwrap_or_else(|e| panic!("{cite}: {e}"));
        assert_eq!(seg["doc"], hit["doc"], "{cite}");
        assert_eq!(seg["segment"], hit["segment"], "{cite}");
        assert!(
            !String::from_utf8_lossy(&shown.stderr).contains("warning"),
            "{cite}"
        );
        n += 1;
    }
    n
}

#[test]
fn every_printed_citation_opens_the_same_segment() {
    let n = citations_round_trip(corpus().path());
    assert!(n > 100, "{n} citations");
    // the old form still works, with a warning naming the new one
    let out = query_support::agendex(
        &["show", "masg/2016-10-masg-minutes.txt#2.x", "--json"],
        corpus().path(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("@2.x"));
    let out = query_support::agendex(
        &["show", "masg/2016-10-masg-minutes.txt@8", "--json"],
        corpus().path(),
    );
    query_support::assert_ok(&out);
    let seg: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(seg["item_number"], "8");
    let Some(dir) = search_support::eval_index() else {
        return;
    };
    let n = citations_round_trip(dir);
    assert!(
        n > 400,
        "{n} citations over the corpus, seeds and real records"
    );
}

/// Two records of one folder, indexed: one defines an acronym and uses it,
/// the other only spells the name out.
fn acronym_index() -> SeedIndex {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    write(
        "2001-talks.txt",
        "Report on the talks\n\n1. Ceasefire\n\nThe Coastal Liberation Front (CLF) agreed to \
         the ceasefire. The CLF withdrew its units from the harbour.\n",
    );
    write(
        "2002-review.txt",
        "Review of the ceasefire\n\n1. Withdrawal\n\nUnits of the Coastal Liberation Front \
         were seen near the harbour in March.\n",
    );
    write(
        "2003-handover.txt",
        "Report on the handover\n\n1. Weapons\n\nThe CLF handed over its weapons in April.\n",
    );
    let idx = query_support::index_of(dir.path());
    drop(dir);
    idx
}

#[test]
fn an_acronym_the_records_define_finds_the_name_spelt_out() {
    let idx = acronym_index();
    let reader = idx.reader();
    let r = run(&reader, "CLF harbour", 10, true);
    let docs: BTreeSet<&str> = r.hits.iter().map(|h| h.doc_id.as_str()).collect();
    assert!(
        docs.iter().any(|d| d.contains("2001")) && docs.iter().any(|d| d.contains("2002")),
        "both records, the one that only spells the name out too: {docs:?}"
    );
    let out = query_support::agendex(&["search", "CLF", "--explain"], idx.path());
    query_support::assert_ok(&out);
    let said = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(said.contains("coastal liberation front"), "{said}");
    // an acronym no record defines is searched as typed
    let r = run(&reader, "XQZ harbour", 10, true);
    assert_eq!(r.total, 2, "'harbour' alone");
    // and the other way: the name typed finds the record that only abbreviates it
    let r = run(&reader, "Coastal Liberation Front weapons", 10, true);
    let first = r.hits.first().map(|h| h.doc_id.clone()).unwrap_or_default();
    assert!(first.contains("2003"), "first: {first}");
}

#[test]
fn a_name_most_records_hold_is_not_required() {
    let idx = corpus();
    let explain = |q: &str| {
        let out = query_support::agendex(&["search", q, "--explain"], idx.path());
        query_support::assert_ok(&out);
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    // "Japan" picks Japan's records; "United Nations" is in most of them
    assert!(explain("Japan funding").contains("Japan (a known name: required)"));
    let un = explain("United Nations funding");
    assert!(!un.contains("(a known name: required)"), "{un}");
}

#[test]
fn a_heading_sharing_one_common_word_does_not_beat_the_rare_word() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    std::fs::write(
        dir.path().join("2016-05-support-group-minutes.txt"),
        "MINUTES\nSUPPORT GROUP MEETING\nGENEVA, 3 MAY 2016\n\n\
         1. Donor Policies and Funding Trends.\n\n\
         The Chair invited members to share their plans for the coming year. Members \
         discussed the effect of the conflicts in the region on their budgets and the share \
         of their funding that went to new emergencies rather than to long-standing \
         programmes.\n\n\
         2. Lebanon.\n\n\
         The director of the national centre said that the survey of the southern districts \
         was nearly complete and that 17 square kilometres remained to be cleared. She said \
         that donor funding had fallen sharply in 2020 after the Beirut port explosion, which \
         shifted the priorities of donors to reconstruction, and asked members to restore \
         their support to its earlier level so that the teams could continue their work.\n\n\
         3. Any Other Business.\n\nThere was none.\n",
    )
    .unwrap_or_else(|e| panic!("write: {e}"));
    // other meetings, so that a rare word is rare
    for (year, place) in [("2017", "Vienna"), ("2018", "Oslo"), ("2019", "Rome")] {
        std::fs::write(
            dir.path()
                .join(format!("{year}-05-support-group-minutes.txt")),
            format!(
                "MINUTES\nSUPPORT GROUP MEETING\n{place}, 3 MAY {year}\n\n\
                 1. Opening.\n\nThe Chair opened the meeting and welcomed the members.\n\n\
                 2. Survey.\n\nThe Secretariat presented the survey of members' support \
                 for clearance and the needs of the affected States.\n"
            ),
        )
        .unwrap_or_else(|e| panic!("write: {e}"));
    }
    let idx = query_support::index_of(dir.path());
    let reader = idx.reader();
    let r = run(&reader, "Beirut blast impact on donor funding", 10, true);
    let first = r
        .hits
        .first()
        .map(|h| h.item_title.clone())
        .unwrap_or_default();
    assert!(first.contains("Lebanon"), "first: {first}");
    // a heading that names the whole query still comes first
    let r = run(&reader, "donor funding trends", 10, true);
    let first = r
        .hits
        .first()
        .map(|h| h.item_title.clone())
        .unwrap_or_default();
    assert!(first.contains("Donor Policies"), "first: {first}");
}

#[test]
fn a_word_with_synonyms_still_counts_for_proximity() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let body = |first: &str| {
        format!(
            "MINUTES\nSUPPORT GROUP MEETING\nGENEVA, 3 MAY 2016\n\n1. Updates.\n\n{first} The \
             members heard reports from the observers on their work in the field during the \
             year, on the training of national staff and on the survey of the remaining \
             areas, and thanked them for the information provided.\n"
        )
    };
    // "funds" has synonyms (funding, money, ...): the words together still count
    std::fs::write(
        dir.path().join("2016-05-a.txt"),
        body("The trust fund received matching funds from two donors for its programmes."),
    )
    .unwrap_or_else(|e| panic!("write: {e}"));
    std::fs::write(
        dir.path().join("2016-05-b.txt"),
        body("Matching the needs of the programmes, donors sent funds to the trust fund."),
    )
    .unwrap_or_else(|e| panic!("write: {e}"));
    let idx = query_support::index_of(dir.path());
    let r = run(&idx.reader(), "matching funds from other donors", 10, true);
    let first = r.hits.first().map(|h| h.doc_id.clone()).unwrap_or_default();
    assert!(first.contains("2016-05-a"), "first: {first}");
}

#[test]
fn coronavirus_finds_covid_19() {
    let reader = corpus().reader();
    let r = run(&reader, "coronavirus", 10, true);
    // the Article 5 Committee's observations on the pandemic's effect
    assert!(
        r.hits
            .iter()
            .any(|h| h.doc_id.contains("article5-committee") && h.item_title.contains("General")),
        "{:?}",
        r.hits.iter().map(|h| &h.item_title).collect::<Vec<_>>()
    );
    let plain = run(&reader, "coronavirus", 10, false);
    assert_eq!(plain.total, 0, "no record says 'coronavirus'");
}

#[test]
fn researchers_words_find_the_records_words() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let text = "REPORT OF THE SECRETARY-GENERAL\n\n1. Repatriation.\n\nThe repatriation of \
                refugees from the border camps continued: 40,000 returnees reached their \
                villages in May, and demobilized soldiers joined the demining teams.\n\n\
                2. Logistics.\n\nThe mission rented trucks and repaired two bridges on the \
                northern road before the rains.\n";
    std::fs::write(dir.path().join("1993-05-report.txt"), text)
        .unwrap_or_else(|e| panic!("write: {e}"));
    let idx = query_support::index_of(dir.path());
    let reader = idx.reader();
    for q in [
        "people coming back from exile",
        "ex-combatants employed in clearance",
    ] {
        let r = run(&reader, q, 10, true);
        let first = r
            .hits
            .first()
            .map(|h| h.item_title.clone())
            .unwrap_or_default();
        assert!(first.contains("Repatriation"), "{q}: {first}");
        assert_eq!(run(&reader, q, 10, false).total, 0, "{q}: none as typed");
    }
}
