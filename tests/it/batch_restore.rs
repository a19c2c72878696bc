//! `agendex restore` brings back the rule set a commit was extracted with
//! (`rules-inventory.json`) with the commit, so the first rule change after a
//! restore re-extracts only what it can touch, as before the restore, and
//! leaves what a full rebuild leaves.

use std::path::Path;
use std::process::Command;

use crate::batch_support::{index_contents, Fixture};

/// The kept rule set of the index in `index`, as written.
fn inventory(index: &Path) -> Vec<u8> {
    std::fs::read(index.join(agendex::batch::rule_change::INVENTORY_FILE))
        .expect("the index keeps its rule set")
}

fn restore(index: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_agendex"))
        .arg("restore")
        .arg("--index")
        .arg(index)
        .output()
        .expect("run agendex restore");
    assert!(
        o.status.success(),
        "restore: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Adds an organisation whose aliases some generated records hold ("Phnom
/// Penh" is a meeting place of a few) and most do not.
fn add_entry(rules: &Path) {
    let path = rules.join("organisations.toml");
    let text = std::fs::read_to_string(&path).expect("read rule file");
    let anchor = "[[gazetteer.entry]]";
    assert!(text.contains(anchor), "organisations.toml has no entry");
    let entry = "[[gazetteer.entry]]\ncanonical = \"Chatham House\"\nkind = \"ngo\"\n\
                 aliases = [\"Chatham House\", \"Phnom Penh\"]\n\n";
    std::fs::write(&path, text.replacen(anchor, &format!("{entry}{anchor}"), 1))
        .expect("write rule file");
}

/// What status says the index holds, without the parts of a run.
fn holdings(f: &Fixture) -> serde_json::Value {
    let s = f.status();
    serde_json::json!({
        "documents": s["documents"],
        "segments": s["segments"],
        "entities": s["entities"],
        "statements": s["statements"],
        "rules": s["rules_fingerprint"],
    })
}

#[test]
fn a_rule_change_after_a_restore_is_selective_and_equals_a_full_rebuild() {
    let f = Fixture::new(30);
    f.ingest(&[]).expect_code(0);
    let first = inventory(&f.index);
    let first_holdings = holdings(&f);
    add_entry(&f.rules);
    f.ingest(&[]).expect_code(0);
    let second = inventory(&f.index);
    // compared with assert!: the files are long, a diff of them says nothing
    assert!(first != second, "the rule change is kept with its commit");
    let changed = holdings(&f);

    // undo: the first commit comes back with the rules it was extracted with
    restore(&f.index);
    assert_eq!(holdings(&f), first_holdings);
    assert!(
        inventory(&f.index) == first,
        "restore brings back the rule set"
    );
    // and a second restore undoes the first, rule set included
    restore(&f.index);
    assert!(
        inventory(&f.index) == second,
        "a second restore swaps it back"
    );
    assert_eq!(holdings(&f), changed);
    restore(&f.index);
    assert!(inventory(&f.index) == first, "a third restore too");

    // the same rule change again: only the records it can touch
    let run = f.ingest(&[]);
    run.expect_code(0);
    let last = &f.status()["last_run"];
    let (redone, kept) = (last["changed"].as_u64(), last["unchanged"].as_u64());
    assert!(
        redone.is_some_and(|n| n > 0) && kept.is_some_and(|n| n > 0),
        "not a selective run after a restore: {last}\n{}{}",
        run.stdout,
        run.stderr
    );
    let said = last["rebuild"].as_str().unwrap_or_default();
    assert!(said.contains("1 gazetteer entry"), "{said}");
    assert_eq!(holdings(&f), changed);

    // and it leaves what a full ingest with the new rules leaves
    let full = f.tmp.path().join("full");
    let o = Command::new(env!("CARGO_BIN_EXE_agendex"))
        .arg("ingest")
        .arg(&f.corpus)
        .arg("--index")
        .arg(&full)
        .arg("--rules")
        .arg(&f.rules)
        .output()
        .expect("run a full ingest");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(index_contents(&f.index), index_contents(&full));
    let full_status: serde_json::Value = serde_json::from_slice(
        &Command::new(env!("CARGO_BIN_EXE_agendex"))
            .args(["status", "--json", "--index"])
            .arg(&full)
            .output()
            .expect("run status")
            .stdout,
    )
    .expect("status JSON");
    assert_eq!(changed["entities"], full_status["entities"]);
    assert_eq!(changed["statements"], full_status["statements"]);
}
