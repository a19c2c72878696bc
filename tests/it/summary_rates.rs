//! `summary --rates FILE`: money totals in US dollars at the rates a user gives
//! (no network), "no rate" where the file lacks a year and currency.

use crate::query_support;

use std::process::Command;

use agendex::date::Date;
use agendex::query::summary::{self, Rates, Subject, SummaryRequest};
use agendex::query::Filters;

fn germany(idx: &query_support::SeedIndex) -> summary::Summary {
    summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject: Subject::State("Germany".into()),
            filters: Filters::default(),
            as_of: Date::new(2024, 1, 1).expect("valid date"),
        },
    )
    .expect("summary builds")
}

/// Germany's four contributions in the sample corpus: EUR 3,500,000 and 60,000
/// at meetings of 2016, EUR 75,000 and 5,000,000 at meetings of 2022.
#[test]
fn totals_get_a_usd_column_from_the_rates_file() {
    let idx = query_support::corpus_index();
    let dir = tempfile::tempdir().expect("temp dir");
    let full = dir.path().join("rates.csv");
    std::fs::write(
        &full,
        "year,currency,usd_per_unit\n# yearly averages\n2016,EUR,1.10\n2022,EUR,1.05\n",
    )
    .expect("write rates");
    let mut s = germany(&idx);
    summary::rates::apply(&mut s, &Rates::load(&full).expect("rates load"));
    let t = &s.by_donor[0];
    assert_eq!(
        (t.donor.as_deref(), t.currency.as_str(), t.total),
        (Some("Germany"), "EUR", 8_635_000.0)
    );
    let want = 3_560_000.0 * 1.10 + 5_075_000.0 * 1.05;
    assert!((t.usd.expect("all rates given") - want).abs() < 0.01);
    let md = summary::render_markdown(&s);
    assert!(
        md.contains("| donor | currency | total | amounts | USD |\n|---|---|---:|---:|---:|\n| Germany | EUR | 8,635,000 | 4 | 9,244,750 |"),
        "{md}"
    );
    assert_eq!(summary::to_json(&s)["money"]["by_donor"][0]["usd"], want);
    // the CSV form carries each amount in US dollars at its meeting's year
    let cols = summary::csv_columns(&s);
    assert_eq!(cols.last(), Some(&"usd"));
    let rows = summary::csv_rows(&s);
    assert!(rows.iter().all(|r| r.len() == cols.len()));
    let usd_of = |value: &str| {
        rows.iter()
            .find(|r| r[0] == "money" && r[7] == "EUR" && r[6] == value)
            .map(|r| r[cols.len() - 1].clone())
    };
    assert_eq!(usd_of("60000").as_deref(), Some("66000.00"));
    assert_eq!(usd_of("5000000").as_deref(), Some("5250000.00"));

    // a year without a rate: no USD total, and the missing pair is named
    let partial = dir.path().join("partial.csv");
    std::fs::write(&partial, "2016,EUR,1.10\n").expect("write rates");
    let mut s = germany(&idx);
    summary::rates::apply(&mut s, &Rates::load(&partial).expect("rates load"));
    assert_eq!(s.by_donor[0].usd, None);
    assert_eq!(s.by_donor[0].no_rate, ["2022 EUR"]);
    assert!(summary::render_markdown(&s).contains("| 4 | no rate (2022 EUR) |"));
    // an amount without a rate has an empty USD cell, not a guess
    let rows = summary::csv_rows(&s);
    let cell = rows
        .iter()
        .find(|r| r[0] == "money" && r[6] == "5000000")
        .map(|r| r[r.len() - 1].clone());
    assert_eq!(cell.as_deref(), Some(""));

    // without --rates the tables keep their four columns
    let plain = summary::render_markdown(&germany(&idx));
    assert!(plain.contains("| donor | currency | total | amounts |\n|---|---|---:|---:|\n"));
    assert_eq!(
        summary::csv_columns(&germany(&idx)),
        summary::CSV_COLUMNS.to_vec()
    );
}

#[test]
fn a_malformed_rates_file_is_named_with_its_line() {
    let idx = query_support::corpus_index();
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "2016,EUR,1.10\n2022,EUR\n").expect("write rates");
    let out = Command::new(env!("CARGO_BIN_EXE_agendex"))
        .arg("summary")
        .arg("--index")
        .arg(idx.path())
        .args(["--state", "Germany", "--rates"])
        .arg(&bad)
        .output()
        .expect("run agendex");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.csv:2: expected 3 cells, found 2"),
        "{err}"
    );
    assert!(err.contains("2019,EUR,1.12"), "{err}");
}
