//! `summary --state X` as an ISU analyst reads it: five states over the sample
//! corpus (`corpus/`) plus the records written for the gold set
//! (`tests/gold/extraction/*.txt`). Every line of the Requests, Deadlines,
//! Extension requests and Money sections was read
//! against its sentence and is asserted here: its party, role and amount. A line
//! that is not listed below fails the test, so a new wrong line cannot slip in.

use crate::query_support;

use std::path::{Path, PathBuf};

use agendex::date::Date;
use agendex::query::summary::{self, Subject, Summary, SummaryRequest};
use agendex::query::Filters;

/// The sample corpus plus the gold set's texts, in one temporary folder.
fn corpus_with_gold() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = dir.path().join("docs");
    for e in walkdir::WalkDir::new(repo.join("corpus"))
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let p = e.path();
        if p.is_file() && p.file_name().is_some_and(|n| n != "README.md") {
            let rel = p.strip_prefix(repo.join("corpus")).expect("under corpus");
            let to = root.join("corpus").join(rel);
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            std::fs::copy(p, &to).expect("copy");
        }
    }
    let gold = repo.join("tests/gold/extraction");
    std::fs::create_dir_all(root.join("gold")).expect("mkdir");
    for e in std::fs::read_dir(&gold).expect("gold dir").flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, root.join("gold").join(p.file_name().expect("name"))).expect("copy");
        }
    }
    (dir, root)
}

fn summary_of(idx: &query_support::SeedIndex, state: &str) -> Summary {
    summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject: Subject::State(state.into()),
            filters: Filters::default(),
            as_of: Date::new(2024, 1, 1).expect("valid date"),
        },
    )
    .expect("summary builds")
}

mod expected;

use expected::{DeadlineLine, ExtensionLine, MoneyLine, RequestLine, EXPECTED};

#[test]
fn five_state_summaries_line_by_line() {
    let (_keep, root) = corpus_with_gold();
    let idx = query_support::index_of(&root);
    let mut problems = Vec::new();
    for e in EXPECTED {
        let s = summary_of(&idx, e.state);
        let got_r: Vec<RequestLine> = s
            .requests
            .iter()
            .map(|r| {
                (
                    leak(&r.kind),
                    leak(&r.role),
                    r.requester.as_deref().map(leak),
                    r.addressee.as_deref().map(leak),
                    leak(&r.text.chars().take(48).collect::<String>()),
                )
            })
            .collect();
        compare(e.state, "request", e.requests, &got_r, &mut problems);
        let got_d: Vec<DeadlineLine> = s
            .deadlines
            .iter()
            .map(|d| {
                (
                    leak(&d.start.to_string()),
                    leak(&d.kind),
                    leak(&d.context.chars().take(48).collect::<String>()),
                )
            })
            .collect();
        compare(e.state, "deadline", e.deadlines, &got_d, &mut problems);
        let got_e: Vec<ExtensionLine> = s
            .extensions
            .iter()
            .map(|x| {
                (
                    x.obligation.as_deref().map(leak),
                    x.original_deadline.map(|d| leak(&d.to_string())),
                    x.requested_deadline.map(|d| leak(&d.to_string())),
                    leak(&x.status),
                    x.meeting.as_deref().map(leak),
                    leak(x.citation.doc.trim_start_matches("gold/")),
                )
            })
            .collect();
        compare(e.state, "extension", e.extensions, &got_e, &mut problems);
        let got_m: Vec<MoneyLine> = s
            .money
            .iter()
            .map(|m| {
                (
                    leak(&m.kind),
                    m.donor.as_deref().map(leak),
                    m.recipient.as_deref().map(leak),
                    m.value,
                    leak(&m.currency),
                )
            })
            .collect();
        compare(e.state, "money", e.money, &got_m, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The test's strings live as long as the test; leaking them keeps the line
/// tuples `'static` like the expectations.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// Every expected line present, and no line that was not read.
fn compare<T: PartialEq + std::fmt::Debug>(
    state: &str,
    what: &str,
    want: &[T],
    got: &[T],
    problems: &mut Vec<String>,
) {
    for w in want {
        if !got.contains(w) {
            problems.push(format!("{state}: {what} line missing: {w:?}"));
        }
    }
    for g in got {
        if !want.contains(g) {
            problems.push(format!("{state}: {what} line not read before: {g:?}"));
        }
    }
}

/// Extension records are stored with their segment: a reader opened afresh on
/// the index lists Serbia's request (`entities --type extension`), and the
/// summary's Markdown, CSV and JSON carry it.
#[test]
fn extension_records_survive_reopening_and_reach_every_output() {
    use agendex::query::entity_listing::{self, EntityRequest};
    let (_keep, root) = corpus_with_gold();
    let idx = query_support::index_of(&root);
    let reader = idx.reader();
    let rows = entity_listing::list(
        &reader,
        &EntityRequest {
            entity: Some(entity_listing::normalise_type("extensions")),
            filters: Filters {
                state: Some("Serbia".into()),
                ..Filters::default()
            },
            query: None,
        },
    )
    .expect("listing");
    let values: Vec<&str> = rows.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "Serbia: Article 5, 2023-03-01 -> 2024-03-01, granted by the Twentieth Meeting of the States Parties",
            // heldout11's request (session 11)
            "Serbia: Article 5, 2025-03-01 -> 2027-03-01, submitted"
        ]
    );
    assert_eq!(rows[0].date_end, Some(Date::new(2024, 3, 1).expect("date")));
    let s = summary_of(&idx, "Serbia");
    let md = summary::render_markdown(&s);
    assert!(
        md.contains("## Extension requests\n\n- **Serbia**: Article 5, 2023-03-01 -> 2024-03-01, granted by the Twentieth Meeting of the States Parties\n"),
        "{md}"
    );
    let csv = summary::csv_rows(&s);
    assert!(csv.iter().any(|r| r[0] == "extension"
        && r[1] == "granted"
        && r[3] == "Serbia"
        && r[8] == "2024-03-01"));
    let json = summary::to_json(&s);
    assert_eq!(json["extensions"][0]["requested_deadline"], "2024-03-01");
    assert_eq!(json["extensions"][0]["status"], "granted");
    assert_eq!(json["schema_version"], 4);
}
