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

/// A request line: kind, the state's role, requester, addressee, the sentence's start.
type RequestLine = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);
/// A deadline line: first day, kind, the sentence's start.
type DeadlineLine = (&'static str, &'static str, &'static str);
/// A money line: kind, donor, recipient, value, currency.
type MoneyLine = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    f64,
    &'static str,
);

/// An extension-request line: obligation, original deadline, requested
/// deadline, status, deciding meeting, the document it was read from.
type ExtensionLine = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    &'static str,
);

/// Every line of one state's Requests, Deadlines, Extension requests and Money
/// sections, as read.
struct Expected {
    state: &'static str,
    requests: &'static [RequestLine],
    deadlines: &'static [DeadlineLine],
    extensions: &'static [ExtensionLine],
    money: &'static [MoneyLine],
}

/// Read on 2026-12-03 against each line's sentence. Parties left `None` are
/// ones the sentence does not name ("over $20 million in new commitments": no
/// donor named). Pronouns and "the Committee" are read as the discourse
/// resolves them ("It asked Germany": the analysis group of the paragraph).
const EXPECTED: &[Expected] = &[
    Expected {
        state: "Japan",
        requests: &[
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("UNMAS"),
                "Japan announced a contribution of JPY 350 millio",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("UNMAS"),
                "She also thanked Japan for a contribution of $6.",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("Cambodia"),
                "Japan | USD 1,200,000 | Cambodia",
            ),
            (
                "request",
                "by",
                Some("Japan"),
                Some("affected States"),
                "Japan encouraged affected States to include clea",
            ),
            // "Japan said that ..., and encouraged affected States": the
            // subject of the verb of saying asks (was listed under Cambodia)
            (
                "request",
                "by",
                Some("Japan"),
                Some("affected States"),
                "Japan said that it had provided approximately US",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                None,
                "Japan said that it had provided approximately US",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("Lao PDR"),
                "Japan said that it had provided approximately US",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                None,
                "The largest contributions received in 2021 were ",
            ),
            (
                "commitment",
                "by",
                Some("Japan"),
                Some("UN Voluntary Trust Fund"),
                "She reported that the UN Voluntary Trust Fund ha",
            ),
        ],
        deadlines: &[],
        extensions: &[],
        money: &[
            (
                "contribution",
                Some("Japan"),
                Some("UNMAS"),
                350000000.0,
                "JPY",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("UNMAS"),
                6800000.0,
                "USD",
            ),
            (
                "contribution",
                Some("Japan"),
                Some("Cambodia"),
                1200000.0,
                "USD",
            ),
            ("contribution", Some("Japan"), None, 41000000.0, "USD"),
            (
                "contribution",
                Some("Japan"),
                Some("Lao PDR"),
                1100000000.0,
                "JPY",
            ),
            ("contribution", Some("Japan"), None, 40000.0, "USD"),
            ("contribution", Some("Japan"), None, 2600000000.0, "JPY"),
            (
                "contribution",
                Some("Japan"),
                Some("UN Voluntary Trust Fund"),
                14000000.0,
                "USD",
            ),
        ],
    },
    Expected {
        state: "Germany",
        requests: &[
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                "Ms Oduya thanked the government of Germany for i",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                None,
                "The Conference welcomed the voluntary contributi",
            ),
            (
                "request",
                "to",
                Some("The analysis group"),
                Some("Germany"),
                "It asked Germany to report on progress at the Se",
            ),
            (
                "request",
                "by",
                Some("Germany"),
                Some("other MASG members"),
                "Germany said that it was reviewing the request, ",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("RMACO"),
                "Contributions to the RMACO trust fund were recei",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("UNMAS"),
                "Germany pledged EUR 2 million to the Mine Action",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                None,
                "The largest contributions received in 2021 were ",
            ),
            (
                "commitment",
                "by",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                "She reported that the UN Voluntary Trust Fund ha",
            ),
        ],
        deadlines: &[
            (
                "2020-08-01",
                "deadline",
                "Germany's deadline is 1 August 2020.",
            ),
            (
                "2022-11-25",
                "extended to",
                "It requested an extension until 25 November 2022",
            ),
        ],
        extensions: &[
            // "Germany's deadline is 1 August 2020. It requested an extension until 25 November 2022."
            (
                None,
                Some("2020-08-01"),
                Some("2022-11-25"),
                "submitted",
                None,
                "corpus/ccm/2019-msp9-article4-extension-requests.txt",
            ),
        ],
        money: &[
            (
                "contribution",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                3500000.0,
                "EUR",
            ),
            ("contribution", Some("Germany"), None, 60000.0, "EUR"),
            (
                "contribution",
                Some("Germany"),
                Some("RMACO"),
                75000.0,
                "EUR",
            ),
            (
                "contribution",
                Some("Germany"),
                Some("UNMAS"),
                2000000.0,
                "EUR",
            ),
            ("contribution", Some("Germany"), None, 75000.0, "EUR"),
            (
                "contribution",
                Some("Germany"),
                Some("UN Voluntary Trust Fund"),
                5000000.0,
                "EUR",
            ),
        ],
    },
    Expected {
        state: "Serbia",
        requests: &[(
            "request",
            "to",
            Some("The Meeting"),
            Some("Serbia"),
            "The Meeting requested Serbia to submit an update",
        )],
        deadlines: &[
            // wrong, kept visible: 2022 is when the requests were submitted, not
            // Serbia's deadline ("deadlines in 2022" reads as a deadline year)
            (
                "2022-01-01",
                "deadline",
                "Four States Parties submitted requests for exten",
            ),
            (
                "2023-03-01",
                "deadline",
                "Serbia had an Article 5 deadline of 1 March 2023",
            ),
            (
                "2023-04-30",
                "by",
                "The Meeting requested Serbia to submit an update",
            ),
            (
                "2024-03-01",
                "extended to",
                "The Meeting granted the request of Serbia for an",
            ),
        ],
        extensions: &[
            // "Serbia had an Article 5 deadline of 1 March 2023. The Meeting granted
            // the request of Serbia for an extension until 1 March 2024."
            (
                Some("Article 5"),
                Some("2023-03-01"),
                Some("2024-03-01"),
                "granted",
                Some("Twentieth Meeting of the States Parties"),
                "rec_apmbc_extensions_2022.txt",
            ),
        ],
        money: &[],
    },
    Expected {
        state: "Angola",
        requests: &[
            (
                "request",
                "by",
                Some("Angola"),
                Some("States Parties in a position"),
                "In this regard, the Committee noted that Angola ",
            ),
            (
                "request",
                "to",
                Some("Committee on Article 5 Implementation"),
                Some("Angola"),
                "The Committee requested Angola to develop such a",
            ),
            (
                "request",
                "to",
                Some("Committee on Article 5 Implementation"),
                Some("Angola"),
                "In this regard, the Committee requested that Ang",
            ),
            (
                "request",
                "to",
                Some("Committee on Article 5 Implementation"),
                Some("Angola"),
                "The Committee encouraged Angola to report on the",
            ),
            (
                "request",
                "by",
                Some("Angola"),
                None,
                "The Meeting assessed the request submitted by An",
            ),
            (
                "request",
                "to",
                Some("The Meeting"),
                Some("Angola"),
                "The Meeting also urged Angola to seek assistance",
            ),
            (
                "commitment",
                "to",
                Some("United States"),
                Some("Angola"),
                "In 2023, the United States provided USD 6.5 mill",
            ),
            (
                "commitment",
                "to",
                Some("United Kingdom"),
                Some("Angola"),
                "In 2023, the United States provided USD 6.5 mill",
            ),
        ],
        deadlines: &[
            (
                "2013-01-01",
                "by",
                "Angola was obliged to destroy or ensure the dest",
            ),
            (
                "2017-04-30",
                "no later than",
                "The Committee requested Angola to develop such a",
            ),
            (
                "2018-01-01",
                "extended to",
                "At the Eleventh Meeting of the States Parties (1",
            ),
            (
                "2020-04-30",
                "by",
                "In this regard, the Committee requested that Ang",
            ),
            (
                "2025-12-31",
                "extended to",
                "The Meeting assessed the request submitted by An",
            ),
            (
                "2025-12-31",
                "extended to",
                "Angola was granted a second extension of its Art",
            ),
            (
                "2025-01-01",
                "deadline",
                "In its extension request Angola committed to rel",
            ),
        ],
        extensions: &[
            // "obliged to destroy ... by 1 January 2013. At the Eleventh Meeting of
            // the States Parties (11MSP) in 2011, the States Parties unanimously
            // agreed to grant Angola an extension until 1 January 2018."
            (
                Some("Article 5"),
                Some("2013-01-01"),
                Some("2018-01-01"),
                "granted",
                Some("Eleventh Meeting of the States Parties"),
                "corpus/apmbc/2015-msp14-article5-extension-angola.txt",
            ),
            // the Fourteenth Meeting's decision: "agreed unanimously to grant the
            // request for an extension until 31 December 2025"
            (
                Some("Article 5"),
                None,
                Some("2025-12-31"),
                "granted",
                Some("Fourteenth Meeting of the States Parties"),
                "corpus/apmbc/2015-msp14-article5-extension-angola.txt",
            ),
            // the profile: "granted a second extension ... until 31 December 2025
            // by the Seventeenth Meeting of the States Parties"
            (
                Some("Article 5"),
                None,
                Some("2025-12-31"),
                "granted",
                Some("Seventeenth Meeting of the States Parties"),
                "rec_monitor_profile_angola.txt",
            ),
        ],
        money: &[
            ("request", None, None, 275000000.0, "USD"),
            ("contribution", Some("Angola"), None, 30000000.0, "USD"),
            (
                "contribution",
                Some("United States"),
                Some("Angola"),
                6500000.0,
                "USD",
            ),
            (
                "contribution",
                Some("United Kingdom"),
                Some("Angola"),
                4000000.0,
                "GBP",
            ),
        ],
    },
    Expected {
        state: "Zimbabwe",
        requests: &[
            (
                "request",
                "by",
                Some("Zimbabwe"),
                None,
                "Mr. Sean MacDonald of the United Nations Develop",
            ),
            (
                "commitment",
                "to",
                None,
                Some("Zimbabwe"),
                "Zimbabwe reported that it had received over $20 ",
            ),
        ],
        deadlines: &[
            (
                "2025-12-31",
                "deadline",
                "Zimbabwe: Zimbabwe's deadline is 31 December 202",
            ),
            (
                "2025-12-31",
                "deadline",
                "Zimbabwe reported that it had received over $20 ",
            ),
            (
                "2025-12-31",
                "extended to",
                "The deadlines of the following States Parties we",
            ),
        ],
        extensions: &[
            // "were extended at earlier meetings, with the new deadline in brackets:
            // ... Zimbabwe (31 December 2025)": no deciding meeting named
            (
                None,
                None,
                Some("2025-12-31"),
                "granted",
                None,
                "rec_apmbc_extensions_2022.txt",
            ),
        ],
        money: &[("contribution", None, Some("Zimbabwe"), 20000000.0, "USD")],
    },
];

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
        ["Serbia: Article 5, 2023-03-01 -> 2024-03-01, granted by the Twentieth Meeting of the States Parties"]
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
    assert_eq!(json["schema_version"], 2);
}
