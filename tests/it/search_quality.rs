//! Search quality on the judged queries of `tests/search-judgments/queries.toml`
//! (sample corpus, seeds and real records): nDCG@10 of agendex overall and per
//! group, at least what was measured (thresholds only go up), and ahead of the
//! plain BM25 baseline computed in the same run.

use std::path::Path;

use crate::search_support;
use agendex::query::search_eval::{self, Judgments};

/// nDCG@10 floors of the development queries, as measured in session 6
/// (docs/benchmarks.md).
const FLOORS: &[(&str, f64)] = &[
    ("all", 0.88),
    ("entity", 0.92),
    ("topic", 0.81),
    ("money_dates", 0.95),
    ("across", 0.90),
    ("phrase", 0.95),
    ("other_words", 0.81),
];

/// nDCG@10 floors of the held-out queries (judged before any ranking was seen
/// and kept out of the ranking work), as measured in session 6.
const HELD_OUT_FLOORS: &[(&str, f64)] = &[("all", 0.77), ("other_words", 0.66)];

/// nDCG@10 floors of the session-6 held-out set (`set = "heldout6"`): first
/// run 0.827 (other words 0.632; plain BM25 0.764 and 0.446), 0.854 (0.720)
/// after the heading and proximity weights changed (chosen on the development set).
const HELD_OUT6_FLOORS: &[(&str, f64)] = &[("all", 0.85), ("other_words", 0.715)];

#[test]
fn judged_queries_rank_ahead_of_plain_bm25() {
    let Some(dir) = search_support::eval_index() else {
        return;
    };
    let reader = search_support::reader(dir);
    let judgments = Judgments::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search-judgments/queries.toml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sets = judgments.sets();
    let set = |label: &str| {
        sets.iter()
            .find(|(l, _)| l == label)
            .map(|(_, j)| j.clone())
            .unwrap_or_else(|| panic!("no judged set {label}"))
    };
    let dev = set("development");
    for (label, floors) in [
        ("held-out", HELD_OUT_FLOORS),
        ("held-out heldout6", HELD_OUT6_FLOORS),
    ] {
        let held_out = set(label);
        assert!(held_out.query.len() >= 15, "at least 15 queries in {label}");
        let held = search_eval::evaluate(&reader, &search_support::synonyms(), &held_out)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            held.missing.is_empty(),
            "{label} headings that match no segment: {:?}",
            held.missing
        );
        for (group, floor) in floors {
            let (ours, base) = held
                .group(group)
                .unwrap_or_else(|| panic!("no {label} group {group}"));
            eprintln!(
                "{label} {group:<12} nDCG@10 agendex {:.3} bm25 {:.3}",
                ours.ndcg, base.ndcg
            );
            assert!(
                ours.ndcg >= *floor,
                "{label} {group}: nDCG@10 {:.3} fell below {floor}",
                ours.ndcg
            );
        }
    }
    assert!(dev.query.len() >= 40, "at least 40 judged queries");
    let report = search_eval::evaluate(&reader, &search_support::synonyms(), &dev)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.missing.is_empty(),
        "judged headings that match no segment: {:?}",
        report.missing
    );
    for (group, floor) in FLOORS {
        let (ours, base) = report
            .group(group)
            .unwrap_or_else(|| panic!("no group {group}"));
        eprintln!(
            "{group:<12} nDCG@10 agendex {:.3} bm25 {:.3}  MRR {:.3} / {:.3}",
            ours.ndcg, base.ndcg, ours.rr, base.rr
        );
        assert!(
            ours.ndcg >= *floor,
            "{group}: nDCG@10 {:.3} fell below {floor}",
            ours.ndcg
        );
    }
    let (ours, base) = report.group("all").unwrap_or_default();
    assert!(
        ours.ndcg > base.ndcg,
        "agendex {:.3} vs bm25 {:.3}",
        ours.ndcg,
        base.ndcg
    );
}
