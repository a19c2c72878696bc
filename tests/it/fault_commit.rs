//! Fault injection on the index: a run killed (SIGKILL) at every file-system
//! step of its commit, then one plain `agendex ingest`, must give the index an
//! uninterrupted run gives; deleted, truncated and altered index files are
//! found by `agendex check`, named by `search`, and repaired by
//! `ingest --repair`; a file-size limit fails in one line and leaves the
//! previous index whole. The kill uses the index directory's test hook
//! (`AGENDEX_TEST_KILL_AT_STEP`, see `src/index/guarded_directory.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::batch_support::{self, Fixture, Run};

/// Words searched after each recovery: the same documents must match.
const QUERIES: [&str; 4] = ["mine", "funding", "clearance", "japan"];

/// What a finished index holds: records by document and the hits of [`QUERIES`].
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    records: BTreeMap<String, Vec<usize>>,
    hits: Vec<BTreeSet<String>>,
}

fn snapshot(index: &Path) -> Snapshot {
    Snapshot {
        records: batch_support::index_contents(index),
        hits: QUERIES
            .iter()
            .map(|q| batch_support::docs_with_word(index, q))
            .collect(),
    }
}

/// A copy of the fixture's folders in a new temporary folder.
fn copy_fixture(f: &Fixture) -> Fixture {
    let tmp = tempfile::tempdir().expect("tempdir");
    for name in ["corpus", "rules", "index"] {
        copy_tree(&f.tmp.path().join(name), &tmp.path().join(name));
    }
    Fixture {
        corpus: tmp.path().join("corpus"),
        rules: tmp.path().join("rules"),
        index: tmp.path().join("index"),
        tmp,
    }
}

fn copy_tree(from: &Path, to: &Path) {
    if !from.exists() {
        return;
    }
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// A committed index of 4 records, then an edit, a deletion and an addition
/// for the run under test to commit.
fn changed_fixture() -> Fixture {
    let f = Fixture::new(4);
    f.ingest(&["-j", "1"]).expect_code(0);
    let ids: Vec<String> = f.corpus_ids().into_iter().collect();
    let edited = f.file(&ids[0]);
    let mut text = std::fs::read_to_string(&edited).expect("read");
    text.push_str("\n9. Closing.\n\nJapan announced new funding for clearance.\n");
    std::fs::write(&edited, text).expect("edit");
    std::fs::remove_file(f.file(&ids[1])).expect("delete");
    std::fs::copy(f.file(&ids[2]), f.corpus.join("added.txt")).expect("add");
    f
}

fn steps_of(run: &Run) -> usize {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("agendex-fs-step "))
        .count()
}

#[test]
fn a_kill_at_every_step_of_a_commit_is_repaired_by_the_next_plain_run() {
    let base = changed_fixture();
    let reference = copy_fixture(&base);
    let mut listed = reference.ingest_cmd(&["-j", "1"]);
    let listed = Run::from(
        listed
            .env("AGENDEX_TEST_LIST_STEPS", "1")
            .output()
            .expect("run"),
    );
    listed.expect_code(0);
    let steps = steps_of(&listed);
    assert!(
        steps >= 10,
        "too few file-system steps seen: {}",
        listed.stderr
    );
    let want = snapshot(&reference.index);

    let mut killed = 0;
    for n in 1..=steps {
        let f = copy_fixture(&base);
        let run = Run::from(
            f.ingest_cmd(&["-j", "1"])
                .env("AGENDEX_TEST_KILL_AT_STEP", n.to_string())
                .output()
                .expect("run"),
        );
        if run.code.is_none() {
            killed += 1;
        }
        let again = f.ingest(&["-j", "1"]);
        again.expect_code(0);
        assert_eq!(
            snapshot(&f.index),
            want,
            "killed at step {n} of {steps}: the next run did not give the uninterrupted index\n{}",
            again.stdout
        );
        // nothing of the killed run is left behind
        assert!(
            agendex::index::index_health::leftover_files(&f.index).is_empty(),
            "leftovers after step {n}"
        );
    }
    assert!(
        killed * 2 >= steps,
        "only {killed} of {steps} runs were killed"
    );
}

/// `agendex ARGS --index INDEX`, as a finished run.
fn agendex(args: &[&str], index: &Path) -> Run {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_agendex"))
            .args(args)
            .arg("--index")
            .arg(index)
            .output()
            .expect("run agendex"),
    )
}

/// The largest segment file with extension `ext` in `index`.
fn segment_file(index: &Path, ext: &str) -> PathBuf {
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(index)
        .expect("read index")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| (std::fs::metadata(&p).map_or(0, |m| m.len()), p))
        .collect();
    files.sort();
    files.pop().map(|(_, p)| p).expect("a segment file")
}

#[test]
fn deleted_truncated_and_altered_files_are_found_named_and_repaired() {
    let base = Fixture::new(4);
    base.ingest(&["-j", "1"]).expect_code(0);
    let want = snapshot(&base.index);
    type Damage = fn(&Path);
    let faults: [(&str, &str, Damage); 4] = [
        ("deleted", "idx", |p| {
            std::fs::remove_file(p).expect("delete")
        }),
        ("truncated", "store", |p| {
            let len = std::fs::metadata(p).expect("meta").len();
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(p)
                .expect("open");
            f.set_len(len / 2).expect("truncate");
        }),
        ("bit-flipped", "store", |p| {
            let mut bytes = std::fs::read(p).expect("read");
            let at = bytes.len() / 3;
            bytes[at] ^= 0x10;
            std::fs::write(p, bytes).expect("write");
        }),
        ("emptied meta.json", "json", |p| {
            let meta = p.with_file_name("meta.json");
            std::fs::write(meta, "").expect("empty meta.json");
        }),
    ];
    for (what, ext, damage) in faults {
        let f = copy_fixture(&base);
        let file = if ext == "json" {
            f.index.join("meta.json")
        } else {
            segment_file(&f.index, ext)
        };
        damage(&file);

        let check = agendex(&["check"], &f.index);
        assert_eq!(
            check.code,
            Some(1),
            "{what}: check must find it\n{}",
            check.stdout
        );
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            check.stdout.contains(&name) || what == "bit-flipped",
            "{what}: check must name {name}\n{}",
            check.stdout
        );
        if what != "bit-flipped" {
            // a missing or unreadable file is named by every reader
            let search = agendex(&["search", "mine"], &f.index);
            assert!(
                search.stderr.contains("is damaged") && search.stderr.contains("--repair"),
                "{what}: search must say the index is damaged:\n{}",
                search.stderr
            );
            assert!(!search.stderr.contains("panicked"), "{}", search.stderr);
        }

        let repair = f.ingest(&["-j", "1", "--repair"]);
        repair.expect_code(0);
        assert_eq!(snapshot(&f.index), want, "{what}: after --repair");
        assert_eq!(
            agendex(&["check"], &f.index).code,
            Some(0),
            "{what}: check after repair"
        );
        // the set-aside copy goes once the new index is committed
        let aside = std::fs::read_dir(&f.index)
            .expect("read")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".set-aside-"))
            .count();
        assert_eq!(aside, 0, "{what}: set-aside folder left");
    }
}

#[test]
fn a_deleted_segment_file_is_repaired_by_a_plain_run() {
    let f = Fixture::new(3);
    f.ingest(&["-j", "1"]).expect_code(0);
    let want = snapshot(&f.index);
    std::fs::remove_file(segment_file(&f.index, "term")).expect("delete");
    let run = f.ingest(&["-j", "1"]);
    run.expect_code(0);
    assert!(run.stdout.contains("damaged"), "{}", run.stdout);
    assert_eq!(snapshot(&f.index), want);
}

#[test]
fn a_file_size_limit_fails_in_one_line_and_keeps_the_previous_index() {
    let f = Fixture::new(3);
    f.ingest(&["-j", "1"]).expect_code(0);
    let want = snapshot(&f.index);
    // a record far larger than the limit below
    let big =
        "1. Funding.\n\nJapan announced new funding for mine clearance in 2026.\n".repeat(20_000);
    std::fs::write(f.corpus.join("big.txt"), big).expect("write");
    let mut cmd = f.ingest_cmd(&["-j", "1", "--full"]);
    // SAFETY: setrlimit in the child before exec touches nothing of ours.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 200_000,
                rlim_max: 200_000,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
            Ok(())
        });
    }
    let run = Run::from(cmd.output().expect("run"));
    assert_eq!(run.code, Some(2), "{}\n{}", run.stdout, run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("agendex: error"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].contains("file-size limit"), "{}", errors[0]);
    assert!(
        errors[0].contains("previous index is unchanged"),
        "{}",
        errors[0]
    );
    assert_eq!(
        snapshot(&f.index),
        want,
        "the previous index must stay whole"
    );

    // without the limit the next plain run finishes the work
    f.ingest(&["-j", "1"]).expect_code(0);
    assert!(batch_support::index_contents(&f.index).contains_key("big.txt"));
}

#[test]
fn a_manifest_that_lost_entries_is_repaired_not_duplicated() {
    let f = Fixture::new(4);
    f.ingest(&["-j", "1"]).expect_code(0);
    let want = snapshot(&f.index);
    let manifest = std::fs::read_dir(&f.index)
        .expect("read")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            n.starts_with("manifest-") && n.ends_with(".json")
        })
        .expect("a manifest");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).expect("read")).expect("json");
    let docs = json["docs"].as_object_mut().expect("docs");
    let first = docs.keys().next().cloned().expect("an entry");
    docs.remove(&first);
    std::fs::write(&manifest, serde_json::to_vec(&json).expect("json")).expect("write");

    let run = f.ingest(&["-j", "1"]);
    run.expect_code(0);
    assert_eq!(snapshot(&f.index), want, "{}", run.stdout);
    batch_support::assert_each_once(&f, &f.corpus_ids());
}
