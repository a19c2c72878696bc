//! Search quality on the judged queries of `tests/search-judgments/queries.toml`
//! (sample corpus, seeds and real records): nDCG@10 of agendex overall and per
//! group, at least what was measured (thresholds only go up), and ahead of the
//! plain BM25 baseline computed in the same run.

use std::path::Path;

use crate::search_support;
use agendex::query::search_eval::{self, Judgments};

/// nDCG@10 floors as measured on main with the new segmentation of real
/// records (which moved some judged segments' boundaries; docs/benchmarks.md).
const FLOORS: &[(&str, f64)] = &[
    ("all", 0.87),
    ("entity", 0.92),
    ("topic", 0.78),
    ("money_dates", 0.94),
    ("across", 0.89),
    ("phrase", 0.94),
    ("other_words", 0.79),
];

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
    let (dev, _held_out) = judgments.split();
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
