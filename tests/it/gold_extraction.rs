//! Extraction scored against the hand-checked gold of `../shared/gold-dev` by its
//! own `score.py`: per-category F1 must stay at or above the thresholds below,
//! which are set just under what the default rules reach and only ever go up.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use agendex::ingest::IngestOptions;
use agendex::{annotation, pipeline};

/// Minimum F1 per category (micro over the five seeds).
const THRESHOLDS: &[(&str, f64)] = &[
    // reached on 2026-11-23: 1.000 for states, organisations, amounts, dates,
    // deadlines and persons, 0.992 for requests; one miss must not fail the
    // build for the tiny categories (2 amounts, 6 deadlines), a regression must
    ("states", 0.97),
    ("organisations", 0.97),
    ("amounts", 0.95),
    ("dates", 0.98),
    ("deadlines", 0.95),
    ("requests", 0.97),
    ("persons", 0.90),
    // segmentation scored 1.000 on title and boundary when the segmenter landed
    ("segments_title", 1.0),
    ("segments_boundary", 1.0),
];

/// Minimum role accuracy on the seeds' own roles gold (`gold-dev/roles`,
/// `score_roles.py`): among matched requests, the share whose requester /
/// addressee names the gold party. The seeds' annotators fill roles that the
/// sentence leaves to its context (a paper's author, the party a participle
/// follows), which the real-record gold of `tests/gold` mostly does not.
const SEED_ROLES: &[(&str, f64)] = &[
    // 2026-12-04 (session 9): requester 15/59 = 0.254 -> 26/59 = 0.441,
    // addressee 23/58 = 0.397 -> 32/58 = 0.552 (bylines, coordinated verbs,
    // reported calls, participles, relative clauses, a paper's audience;
    // minutes going on in the reported speech of the last speaker) -> 30/59 = 0.508;
    // addressee 33/58 = 0.569 ("a need for coordination amongst donors") ->
    // 35/58 = 0.603 ("asked whether UNMAS would": the embedded question's subject)
    // requester 31/59 = 0.525 ("and that she encouraged": the sentence's own subject)
    // -> 32/59 = 0.542 (a passive call no one makes is the meeting host's)
    // session 10: requester 32/59 -> 42/59 = 0.712 (the recommendations of a
    // meeting ask in the list below them; "of which eight had requested"; a
    // noun trigger in a modal call), addressee 35/58 -> 38/58 = 0.655 (the
    // same call's subject; "requesting UNDP support"; "a strong push from ...
    // for continued UNDP assistance" is no passive)
    // session 11: requester 42/59 -> 44/59 = 0.746 ("It" after "The Committee
    // intends"; who "took the floor and expressed"), addressee 38/58 -> 41/58 =
    // 0.707 ("the UN may receive a request"; a body's Chair speaks to its
    // members in its minutes)
    // then 46/59 = 0.780 and 42/58 = 0.724 (a plan's actions ask: "The
    // nineteen actions ... describe steps all States Parties ... should take")
    ("requester", 0.77),
    ("addressee", 0.72),
];

#[test]
fn gold_dev_f1_stays_above_thresholds() {
    let Some((shared, out)) = seed_predictions("score.py") else {
        return;
    };
    let gold = shared.join("gold-dev");
    let (v, table) = crate::common::run_score_py(&gold.join("score.py"), out.path(), &[], "seeds");
    let mut failures = Vec::new();
    for (cat, min) in THRESHOLDS {
        let f1 = v["categories"][cat]["f1"].as_f64().unwrap_or(0.0);
        if f1 < *min {
            failures.push(format!("{cat}: F1 {f1:.3} < {min}"));
        }
    }
    assert!(
        failures.is_empty(),
        "below threshold:\n{}\n{table}",
        failures.join("\n")
    );
}

/// The seeds' predictions as `score.py` files in a temporary folder, with the
/// shared folder; `None` (with a "skipping" message) without the seeds, the
/// `scorer` script of `gold-dev` or python3.
fn seed_predictions(scorer: &str) -> Option<(PathBuf, tempfile::TempDir)> {
    let shared = common::shared_with(&["seeds", "gold-dev"])?;
    let seeds = shared.join("seeds");
    if !shared.join("gold-dev").join(scorer).is_file() {
        eprintln!("skipping: ../shared/gold-dev/{scorer} not found");
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 not found (needed to run {scorer})");
        return None;
    }
    let rules = common::default_rules();
    let out = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("seeds dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    for path in entries {
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        let processed = pipeline::process_file(&path, &stem, &IngestOptions::default(), &rules)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = annotation::to_annotation(&processed);
        std::fs::write(
            out.path().join(format!("{stem}.json")),
            serde_json::to_string(&json).expect("json"),
        )
        .expect("write prediction");
        n += 1;
    }
    assert_eq!(n, 5, "expected the five seeds");
    Some((shared, out))
}

#[test]
fn seed_roles_stay_above_thresholds() {
    let Some((shared, out)) = seed_predictions("score_roles.py") else {
        return;
    };
    let gold = shared.join("gold-dev");
    let scores = out.path().join("roles-scores.json");
    let run = Command::new("python3")
        .arg(gold.join("score_roles.py"))
        .arg(out.path())
        .arg("--gold")
        .arg(&gold)
        .arg("--roles-dir")
        .arg(gold.join("roles"))
        .arg("--json")
        .arg(&scores)
        .arg("--errors")
        .output()
        .expect("run score_roles.py");
    let table = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "score_roles.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&scores).expect("scores")).expect("json");
    let failures: Vec<String> = SEED_ROLES
        .iter()
        .filter_map(|(role, min)| {
            let acc = v["requests"][role]["accuracy"].as_f64().unwrap_or(0.0);
            (acc < *min).then(|| format!("seeds {role}: accuracy {acc:.3} < {min}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "below threshold:\n{}\n{table}",
        failures.join("\n")
    );
}
