//! Bad files cost themselves, not the batch: each is reported by name with its
//! reason, written to index/failures.json, retried next run, and the exit code
//! tells cron. A run that cannot start (broken rules, missing corpus) exits 2
//! and leaves the index as it was.

use crate::batch_support;

use crate::batch_support::{assert_each_once, Fixture};

#[test]
fn junk_empty_and_non_utf8_files_are_reported_by_name_and_the_rest_indexed() {
    let f = Fixture::new(5);
    let mut junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    junk[10] = 0;
    std::fs::write(f.corpus.join("junk.txt"), junk).expect("write junk");
    std::fs::write(f.corpus.join("empty.txt"), "").expect("write empty");
    // Windows-1252: "Côte d'Ivoire" with 0xF4 for ô
    let mut latin = b"MINUTES\nMINE ACTION SUPPORT GROUP MEETING\nGENEVA, 4 MAY 2016\n\n1. Welcoming Remarks.\n\nThe delegation of C".to_vec();
    latin.push(0xF4);
    latin.extend_from_slice(b"te d'Ivoire thanked the donors.\n");
    std::fs::write(f.corpus.join("latin.txt"), latin).expect("write latin");
    std::fs::write(f.corpus.join("notes.docx"), "not a record").expect("write docx");

    let run = f.ingest(&["-v"]);
    run.expect_code(1);
    assert_eq!(run.count("added"), 6, "{}", run.stdout);
    // an empty file is not a record: skipped and named with -v, not a failure
    assert_eq!(run.count("failed"), 1);
    let junk_line = format!("{}: not a text file", f.corpus.join("junk.txt").display());
    let empty_line = format!("empty {}", f.corpus.join("empty.txt").display());
    let latin_line = format!(
        "warning: {}: not valid UTF-8",
        f.corpus.join("latin.txt").display()
    );
    for want in [&junk_line, &empty_line, &latin_line] {
        assert!(run.stdout.contains(want.as_str()), "{want}\n{}", run.stdout);
    }
    assert!(run.stdout.contains("skipped 1 files that are not records"));

    // the indexed ones: the five records and the Windows-1252 one, decoded
    let mut expected = f.corpus_ids();
    expected.remove("junk.txt");
    expected.remove("empty.txt");
    assert_each_once(&f, &expected);
    assert_eq!(
        batch_support::docs_with_word(&f.index, "côte"),
        ["latin.txt".to_string()].into_iter().collect()
    );

    let report: serde_json::Value = serde_json::from_slice(
        &std::fs::read(f.index.join("failures.json")).expect("failures.json"),
    )
    .expect("json");
    let mut paths: Vec<String> = report
        .as_array()
        .expect("array")
        .iter()
        .map(|x| x["path"].as_str().unwrap_or_default().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, [f.corpus.join("junk.txt").display().to_string()]);
    assert_eq!(f.status()["failures"].as_array().map(Vec::len), Some(1));

    // failures are retried: once fixed, the file goes in and the report empties
    std::fs::write(
        f.corpus.join("empty.txt"),
        "1. Opening.\n\nThe Chair opened the meeting.\n",
    )
    .expect("fix");
    std::fs::remove_file(f.corpus.join("junk.txt")).expect("remove junk");
    let again = f.ingest(&[]);
    again.expect_code(0);
    assert_eq!(again.count("added"), 1);
    assert_eq!(again.count("failed"), 0);
    assert_eq!(f.status()["failures"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_broken_rule_file_stops_the_run_before_anything_is_written() {
    let f = Fixture::new(4);
    f.ingest(&[]).expect_code(0);
    let meta = std::fs::read(f.index.join("meta.json")).expect("meta.json");
    let status = f.status();

    let broken = f.rules.join("states.toml");
    let mut text = std::fs::read_to_string(&broken).expect("read");
    let line = text.lines().count() + 2;
    text.push_str("\n[[gazetteer.entry]\ncanonical = \n");
    std::fs::write(&broken, text).expect("break the rules");
    // a new record must not be indexed by a run that refuses to start
    std::fs::write(f.corpus.join("new.txt"), "1. Opening.\n\nText.\n").expect("write");

    let run = f.ingest(&[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("states.toml:"),
        "expected a file:line: message naming states.toml (around line {line}):\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(f.index.join("meta.json")).expect("meta.json"),
        meta
    );
    assert_eq!(f.status()["documents"], status["documents"]);
    assert_eq!(f.status()["last_run"], status["last_run"]);
}

#[test]
fn a_missing_corpus_folder_exits_2_and_creates_no_index() {
    let f = Fixture::new(1);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_agendex"))
        .arg("ingest")
        .arg(f.tmp.path().join("no-such-corpus"))
        .arg("--index")
        .arg(&f.index)
        .arg("--rules")
        .arg(&f.rules)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-corpus: no such file or folder"),
        "{err}"
    );
    assert!(!f.index.exists());
}

#[test]
fn a_changed_file_that_now_fails_keeps_its_previous_version_and_is_retried() {
    let f = Fixture::new(4);
    f.ingest(&[]).expect_code(0);
    let before = batch_support::index_contents(&f.index);
    let id = f.corpus_ids().into_iter().nth(1).expect("an id");
    std::fs::write(f.file(&id), [0u8, 159, 146, 150, 0, 1, 2, 3]).expect("corrupt");

    let run = f.ingest(&[]);
    run.expect_code(1);
    assert!(
        run.stdout
            .contains(&format!("{}: not a text file", f.file(&id).display()))
            && run
                .stdout
                .contains("(the previously indexed version is kept)"),
        "{}",
        run.stdout
    );
    assert_eq!(batch_support::index_contents(&f.index), before);
    assert_each_once(&f, &f.corpus_ids());
    // still broken: retried and still reported, but a known failure does not
    // fail a cron run (`--fail-on new`, the default); `--fail-on any` does
    let again = f.ingest(&[]);
    again.expect_code(0);
    assert_eq!(again.count("failed"), 1);
    assert!(again.stderr.contains("1 files to read"), "{}", again.stderr);
    f.ingest(&["--fail-on", "any"]).expect_code(1);
}
