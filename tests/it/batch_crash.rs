//! A run can be interrupted at any point without harm: while it runs, readers
//! and `status` see the last commit and a second ingest is refused; SIGKILL
//! leaves the previous commit intact and the next run finishes the job; Ctrl-C
//! commits what is done, consistently.

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Child, Stdio};

use crate::batch_support::{assert_each_once, gen_corpus, index_contents, Fixture};

/// Records added after the first commit: enough that the run is still going
/// when the test acts on its first progress line.
const MORE: u64 = 600;

/// Starts an ingest and returns once it has processed its first file.
fn start_slow_ingest(f: &Fixture) -> Child {
    let mut child = f
        .ingest_cmd(&["--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ingest");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    loop {
        match lines.next() {
            Some(Ok(l)) if l.starts_with("ingest: ") && l.contains(" files, ") => break,
            Some(Ok(_)) => continue,
            other => panic!("ingest ended before any progress: {other:?}"),
        }
    }
    // keep draining stderr so the child never blocks on a full pipe
    std::thread::spawn(move || for _ in lines {});
    child
}

fn fixture_with_first_commit() -> (Fixture, std::collections::BTreeSet<String>) {
    let f = Fixture::new(20);
    f.ingest(&[]).expect_code(0);
    let first = f.corpus_ids();
    gen_corpus::write_corpus(&f.corpus.join("later"), MORE, 99).expect("more records");
    (f, first)
}

#[test]
fn a_running_ingest_refuses_a_second_serves_readers_and_survives_sigkill() {
    let (f, first) = fixture_with_first_commit();
    let mut child = start_slow_ingest(&f);
    let pid = child.id();

    // a second ingest on the same index is refused, naming the running one
    let second = f.ingest(&[]);
    second.expect_code(2);
    assert!(
        second
            .stderr
            .contains(&format!("index is locked by another ingest (pid {pid})")),
        "{}",
        second.stderr
    );
    // status and the index reader answer, from the last commit
    let status = f.status();
    assert_eq!(status["documents"], 20);
    assert_eq!(status["ingest_running"], pid);
    assert_eq!(index_contents(&f.index).len(), 20);
    // and `agendex search` answers, with hits from committed documents only
    let search = std::process::Command::new(env!("CARGO_BIN_EXE_agendex"))
        .args([
            "search",
            "assistance",
            "--json",
            "--limit",
            "1000",
            "--index",
        ])
        .arg(&f.index)
        .output()
        .expect("run search");
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    let hits: Vec<serde_json::Value> = String::from_utf8_lossy(&search.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("NDJSON hit"))
        .collect();
    assert!(!hits.is_empty());
    for h in &hits {
        let doc = h["doc"].as_str().unwrap_or_default();
        assert!(
            first.contains(doc),
            "hit from an uncommitted document: {doc}"
        );
    }

    // SAFETY: signalling our own child.
    unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
    let exit = child.wait().expect("wait");
    assert_eq!(exit.signal(), Some(libc::SIGKILL), "killed mid-run");

    // the killed run left the previous commit, fully usable
    assert_each_once(&f, &first);

    // the next run finishes the job: every document exactly once
    let run = f.ingest(&[]);
    run.expect_code(0);
    assert_eq!(run.count("added"), MORE);
    assert_eq!(run.count("unchanged"), 20);
    assert_each_once(&f, &f.corpus_ids());
    // no manifest of the killed run is left behind
    let manifests = std::fs::read_dir(&f.index)
        .expect("read index dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("manifest-"))
        .count();
    assert_eq!(manifests, 1);
}

#[test]
fn ctrl_c_commits_the_documents_done_consistently() {
    let (f, first) = fixture_with_first_commit();
    let mut child = start_slow_ingest(&f);
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let exit = child.wait().expect("wait");
    assert_eq!(exit.code(), Some(130), "interrupted exit code");

    let contents = index_contents(&f.index);
    let done = contents.len() as u64;
    assert!(
        done > 20 && done < 20 + MORE,
        "some but not all new documents committed: {done}"
    );
    let in_index: std::collections::BTreeSet<String> = contents.keys().cloned().collect();
    assert!(first.is_subset(&in_index));
    assert_each_once(&f, &in_index);
    assert_eq!(f.status()["last_run"]["interrupted"], true);

    let run = f.ingest(&[]);
    run.expect_code(0);
    assert_eq!(run.count("added"), 20 + MORE - done);
    assert_eq!(run.count("unchanged"), done);
    assert_each_once(&f, &f.corpus_ids());
}
