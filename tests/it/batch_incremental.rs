//! `agendex ingest` is incremental: a re-run only handles what changed in the
//! corpus or the rules, and the index (what search sees) follows exactly.

use std::time::{Duration, SystemTime};

use crate::batch_support::{assert_each_once, docs_with_word, index_contents, Fixture};

#[test]
fn a_rerun_with_nothing_touched_processes_nothing_and_commits_nothing() {
    let f = Fixture::new(12);
    let first = f.ingest(&[]);
    first.expect_code(0);
    assert_eq!(first.count("added"), 12);
    let ids = f.corpus_ids();
    assert_each_once(&f, &ids);
    let status = f.status();
    assert!(
        status["segments"].as_u64().unwrap_or(0) >= 12 * 3,
        "{status}"
    );
    let meta_before = std::fs::read(f.index.join("meta.json")).expect("meta.json");

    let again = f.ingest(&[]);
    again.expect_code(0);
    assert_eq!(again.count("added"), 0);
    assert_eq!(again.count("changed"), 0);
    assert_eq!(again.count("unchanged"), 12);
    assert!(
        again.stdout.contains("(nothing to commit)"),
        "{}",
        again.stdout
    );
    // no file was read: the plain progress log announces no work
    assert!(!again.stderr.contains("files to read"), "{}", again.stderr);
    let meta_after = std::fs::read(f.index.join("meta.json")).expect("meta.json");
    assert_eq!(meta_before, meta_after, "the index was not committed again");
    assert_each_once(&f, &ids);
}

#[test]
fn edit_one_delete_one_add_one_handles_exactly_those() {
    let f = Fixture::new(12);
    f.ingest(&[]).expect_code(0);
    let before = index_contents(&f.index);
    let ids: Vec<String> = f.corpus_ids().into_iter().collect();
    let (edited, deleted) = (&ids[2], &ids[5]);

    let mut text = std::fs::read_to_string(f.file(edited)).expect("read");
    text.push_str("\nThe delegation of Quokkaland requested assistance with clearance.\n");
    std::fs::write(f.file(edited), text).expect("edit");
    std::fs::remove_file(f.file(deleted)).expect("delete");
    let added = "masg/extra/new-record.txt";
    std::fs::create_dir_all(f.corpus.join("masg/extra")).expect("mkdir");
    std::fs::write(
        f.file(added),
        "MINUTES\nMINE ACTION SUPPORT GROUP MEETING\nGENEVA, 3 MARCH 2021\n\n1. Welcoming Remarks.\n\nThe Chair welcomed the wombatstan delegation.\n\n2. Any other business.\n\nNone was raised.\n",
    )
    .expect("add");

    let run = f.ingest(&[]);
    run.expect_code(0);
    assert_eq!(run.count("added"), 1, "{}", run.stdout);
    assert_eq!(run.count("changed"), 1);
    assert_eq!(run.count("removed"), 1);
    assert_eq!(run.count("unchanged"), 10);
    assert!(run.stderr.contains("2 files to read"), "{}", run.stderr);

    let expected = f.corpus_ids();
    assert!(!expected.contains(deleted.as_str()) && expected.contains(added));
    assert_each_once(&f, &expected);
    let after = index_contents(&f.index);
    // the untouched documents kept their records as they were
    for id in ids.iter().filter(|i| *i != edited && *i != deleted) {
        assert_eq!(after.get(id), before.get(id), "{id}");
    }
    assert_eq!(
        docs_with_word(&f.index, "quokkaland"),
        [edited.clone()].into_iter().collect()
    );
    assert_eq!(
        docs_with_word(&f.index, "wombatstan"),
        [added.to_string()].into_iter().collect()
    );
    assert_eq!(f.status()["last_run"]["removed"], 1);
}

#[test]
fn a_touched_file_with_the_same_content_is_not_reprocessed() {
    let f = Fixture::new(5);
    f.ingest(&[]).expect_code(0);
    let id = f.corpus_ids().into_iter().next().expect("one id");
    let file = std::fs::File::options()
        .write(true)
        .open(f.file(&id))
        .expect("open");
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .expect("set mtime");
    drop(file);

    let run = f.ingest(&[]);
    run.expect_code(0);
    assert_eq!(run.count("changed"), 0, "{}", run.stdout);
    assert_eq!(run.count("unchanged"), 5);
    assert!(run.stdout.contains("1 only touched"), "{}", run.stdout);
    // the manifest took the new time: the next run does not even hash the file
    let next = f.ingest(&[]);
    assert!(!next.stdout.contains("touched"), "{}", next.stdout);
    assert!(!next.stderr.contains("files to read"), "{}", next.stderr);
}

#[test]
fn a_rules_change_re_extracts_what_it_can_touch_and_says_so() {
    let f = Fixture::new(8);
    f.ingest(&[]).expect_code(0);
    let fp_before = f.status()["rules_fingerprint"].clone();
    let states = f.rules.join("states.toml");
    let mut rules = std::fs::read_to_string(&states).expect("rules/states.toml");
    rules.push_str(
        "\n[[gazetteer.entry]]\ncanonical = \"Quokkaland\"\niso3 = \"QQQ\"\naliases = [\"Quokkaland\"]\n",
    );
    std::fs::write(&states, rules).expect("edit rules");

    // no record names the new entry: none is extracted again
    let run = f.ingest(&[]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("rules changed: 1 gazetteer entry (states) -> re-extracting 0 of 8 records"),
        "{}",
        run.stdout
    );
    assert_eq!(run.count("changed"), 0);
    assert_eq!(run.count("added"), 0);
    assert_ne!(f.status()["rules_fingerprint"], fp_before);
    assert_each_once(&f, &f.corpus_ids());

    // a macro may touch any record: all are extracted again
    let macros = f.rules.join("macros.toml");
    let text = std::fs::read_to_string(&macros).expect("rules/macros.toml");
    std::fs::write(
        &macros,
        text.replacen("(?:thousand|", "(?:lakh|thousand|", 1),
    )
    .expect("edit");
    let run = f.ingest(&[]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("rules changed: re-extracting all 8 documents (macros"),
        "{}",
        run.stdout
    );
    assert_eq!(run.count("changed"), 8);
    assert_each_once(&f, &f.corpus_ids());

    // the next run is incremental again
    let next = f.ingest(&[]);
    assert_eq!(next.count("unchanged"), 8);
    assert!(!next.stdout.contains("rules changed"));
}

#[test]
fn full_reprocesses_everything_without_duplicates() {
    let f = Fixture::new(6);
    f.ingest(&[]).expect_code(0);
    let before = index_contents(&f.index);
    let run = f.ingest(&["--full", "--jobs", "1"]);
    run.expect_code(0);
    assert_eq!(run.count("changed"), 6);
    assert!(run.stdout.contains("--full: re-processing all 6 documents"));
    assert_eq!(index_contents(&f.index), before);
}

#[test]
fn an_index_of_another_schema_is_rebuilt_and_said_plainly() {
    let f = Fixture::new(5);
    f.ingest(&[]).expect_code(0);
    let before = index_contents(&f.index);
    let schema_file = f.index.join(agendex::index::index_writer::SCHEMA_FILE);
    std::fs::write(&schema_file, r#"{"schema_version":0}"#).expect("age the index");
    // a file of the user's (or the repository's) in the index folder survives the rebuild
    let keep = f.index.join(".gitkeep");
    std::fs::write(&keep, "").expect("write .gitkeep");

    let run = f.ingest(&[]);
    run.expect_code(0);
    let want = format!(
        "index schema changed (version 0 -> {}): rebuilding the index from all 5 documents",
        agendex::index::SCHEMA_VERSION
    );
    assert!(run.stdout.contains(&want), "{}", run.stdout);
    assert_eq!(run.count("changed"), 5);
    assert_eq!(index_contents(&f.index), before);
    assert_each_once(&f, &f.corpus_ids());
    assert!(
        keep.is_file(),
        "the rebuild removed a file that is not the index's"
    );
}

#[test]
fn an_index_whose_manifest_is_lost_is_rebuilt_not_duplicated() {
    let f = Fixture::new(5);
    f.ingest(&[]).expect_code(0);
    let before = index_contents(&f.index);
    for e in std::fs::read_dir(&f.index).expect("read index").flatten() {
        if e.file_name().to_string_lossy().starts_with("manifest-") {
            std::fs::remove_file(e.path()).expect("remove manifest");
        }
    }
    let run = f.ingest(&[]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("no usable manifest: rebuilding it from all 5 documents"),
        "{}",
        run.stdout
    );
    assert_eq!(index_contents(&f.index), before);
    assert_each_once(&f, &f.corpus_ids());
}
