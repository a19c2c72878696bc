//! `agendex rules diff`: what a rule edit would change in the index, shown
//! before anything is written.

use std::process::Command;

use crate::batch_support::Fixture;

const BIN: &str = env!("CARGO_BIN_EXE_agendex");

fn diff_json(f: &Fixture) -> serde_json::Value {
    let o = Command::new(BIN)
        .args(["rules", "diff", "--json", "--rules"])
        .arg(&f.rules)
        .arg("--index")
        .arg(&f.index)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("json")
}

#[test]
fn an_added_gazetteer_entry_shows_as_added_mentions_with_context() {
    let f = Fixture::new(6);
    f.ingest(&[]).expect_code(0);
    let unchanged = diff_json(&f);
    assert_eq!(unchanged["documents"], 6, "{unchanged}");
    assert_eq!(unchanged["documents_changed"], 0, "{unchanged}");

    // a made-up organisation named by a plain word the generated records use
    let corpus_text: String = f
        .corpus_ids()
        .iter()
        .map(|id| std::fs::read_to_string(f.file(id)).unwrap_or_default())
        .collect();
    let word = ["workshop", "survey", "meeting"]
        .into_iter()
        .find(|w| corpus_text.contains(w))
        .expect("a common word");
    let orgs = f.rules.join("organisations.toml");
    let mut text = std::fs::read_to_string(&orgs).expect("read");
    text.push_str(&format!(
        "\n[[gazetteer.entry]]\ncanonical = \"Test {word}\"\nkind = \"ngo\"\naliases = [\"{word}\"]\n"
    ));
    std::fs::write(&orgs, text).expect("write");

    let d = diff_json(&f);
    let added = d["added"]["organisations/organisation"].clone();
    assert!(added["count"].as_u64().unwrap_or(0) > 0, "{d}");
    let ex = &added["examples"][0];
    assert!(
        ex["context"]
            .as_str()
            .unwrap_or("")
            .contains(&format!("[{word}]")),
        "{ex}"
    );
    assert_eq!(ex["after"]["rule"], "organisations", "{ex}");
    // nothing was written: the index still holds the old extraction
    let again = diff_json(&f);
    assert_eq!(again["added"], d["added"]);
}
