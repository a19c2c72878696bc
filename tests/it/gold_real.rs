//! Extraction scored on the real-record gold set of `tests/gold/extraction`
//! (12 excerpts of `../shared/corpus-real`, by whole items, plus 3 records
//! written for formats the real set lacks) by `tests/gold/score_real.py`, which
//! runs this build's `agendex extract --json` and the shared `score.py` and
//! `score_roles.py`. Every figure below was measured on this set and may only go up.

use crate::common;

use std::path::Path;
use std::process::Command;

/// Minimum F1 per category (score.py, micro over the 15 documents).
const F1: &[(&str, f64)] = &[
    // measured 2026-12-03: states 1.000, amounts 1.000, dates 0.903,
    // deadlines 0.944 (0.571 before roles and deadline rules), requests 0.928,
    // organisations 0.775 (0.534 before defined acronyms and organisation
    // lists), persons 0.750 (0.609 before ranks and Mc/Mac names)
    ("states", 0.97),
    ("amounts", 0.97),
    ("dates", 0.89),
    // 19 documents since 4 held-out records were added (A/79/408 IED
    // resolution, two IAHWG transcript excerpts, MASG record with speaker
    // turns): on the larger set deadlines score 0.900 (0.944 on the first 15;
    // a missed "due on"), organisations 0.761 (0.775; INTERPOL, World Customs
    // Organization, the IAHWG not found), requests 0.921 (0.928; numbered
    // imperative recommendations "Second, introduce ..." not found)
    ("deadlines", 0.89),
    ("requests", 0.92),
    ("organisations", 0.75),
    ("persons", 0.74),
];

/// Minimum accuracy of the roles (score_roles.py): among matched requests, the
/// share whose requester / addressee names the gold party.
const ROLES: &[(&str, &str, f64)] = &[
    // measured on 19 documents: requester 0.989, addressee 0.984 (0.723 and
    // 0.817 on 18 documents before the discourse rules: paragraph subjects, speaker turns,
    // section voices, coordinated verbs of saying; 0.188 / 0.233 originally)
    ("requests", "requester", 0.98),
    ("requests", "addressee", 0.97),
];

#[test]
fn real_gold_scores_stay_above_thresholds() {
    let Some(shared) = common::shared_with(&["corpus-real", "gold-dev"]) else {
        return;
    };
    if !shared.join("gold-dev/score_roles.py").is_file() {
        eprintln!("skipping: ../shared/gold-dev/score_roles.py not found");
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping: python3 not found (needed to run the scorers)");
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let scores = out.path().join("scores.json");
    let run = Command::new("python3")
        .arg(repo.join("tests/gold/score_real.py"))
        .arg("--agendex")
        .arg(env!("CARGO_BIN_EXE_agendex"))
        .arg("--shared")
        .arg(&shared)
        .arg("--rules")
        .arg(common::rules_dir())
        .arg("--keep")
        .arg(out.path())
        .arg("--json")
        .arg(&scores)
        .arg("--errors")
        .output()
        .expect("run score_real.py");
    let table = String::from_utf8_lossy(&run.stdout);
    eprintln!("{table}");
    assert!(
        run.status.success(),
        "score_real.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&scores).expect("scores")).expect("json");
    let mut failures = Vec::new();
    for (cat, min) in F1 {
        let f1 = v["categories"][cat]["f1"].as_f64().unwrap_or(0.0);
        if f1 < *min {
            failures.push(format!("{cat}: F1 {f1:.3} < {min}"));
        }
    }
    for (part, role, min) in ROLES {
        let acc = v["roles"][part][role]["accuracy"].as_f64().unwrap_or(0.0);
        if acc < *min {
            failures.push(format!("{part} {role}: accuracy {acc:.3} < {min}"));
        }
    }
    // deadlines say whose they are; extension requests are records
    let whose = v["deadline_whose"]["accuracy_among_found"]
        .as_f64()
        .unwrap_or(0.0);
    if whose < 0.85 {
        failures.push(format!("deadline owner accuracy {whose:.3} < 0.85"));
    }
    // contributions: every gold amount found, each with its own donor and recipient
    // (measured 10/10 and 10/10; 2/3 donors and 1/3 recipients of 3 found before)
    let con = &v["roles"]["contributions"];
    let found = con["matched_required"].as_f64().unwrap_or(0.0)
        / con["gold_required"].as_f64().unwrap_or(1.0).max(1.0);
    if found < 0.95 {
        failures.push(format!("contributions found {found:.3} < 0.95"));
    }
    for role in ["donor", "recipient"] {
        let acc = con[role]["accuracy"].as_f64().unwrap_or(0.0);
        if acc < 0.95 {
            failures.push(format!("contribution {role} accuracy {acc:.3} < 0.95"));
        }
    }
    let ext = v["extensions"]["f1"].as_f64().unwrap_or(0.0);
    if ext < 0.95 {
        failures.push(format!("extension records F1 {ext:.3} < 0.95"));
    }
    assert!(
        failures.is_empty(),
        "below threshold:\n{}\n{table}",
        failures.join("\n")
    );
}
