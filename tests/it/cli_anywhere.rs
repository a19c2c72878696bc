//! agendex as a tool people keep: the binary run from folders outside the
//! repository (built-in rules, per-user index, project files), an index that
//! cannot be emptied by accident (other roots add, a guard stops mass removal,
//! `remove` and `restore`), and the exit codes a cron job relies on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_agendex");

/// A temporary home and work folder; every command runs with HOME there and
/// without the variables that would point it elsewhere.
struct Home {
    tmp: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            tmp: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn path(&self) -> &Path {
        self.tmp.path()
    }

    fn run_in(&self, cwd: &Path, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(cwd)
            .env("HOME", self.path().join("home"))
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CACHE_HOME")
            .env_remove("AGENDEX_INDEX")
            .env_remove("AGENDEX_RULES")
            .env_remove("NO_COLOR")
            .output()
            .expect("run agendex")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_in(self.path(), args)
    }

    /// Copies sample records of `corpus/<body>` into `<tmp>/<dest>/<body>`.
    fn records(&self, dest: &str, bodies: &[&str]) -> PathBuf {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for body in bodies {
            let to = self.path().join(dest).join(body);
            std::fs::create_dir_all(&to).expect("mkdir");
            for e in std::fs::read_dir(repo.join("corpus").join(body)).expect("corpus") {
                let e = e.expect("entry");
                std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
            }
        }
        self.path().join(dest)
    }

    fn default_index(&self) -> PathBuf {
        self.path().join("home/.local/share/agendex/index")
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// `documents:  N` of `agendex status`.
fn documents(h: &Home, index: &Path) -> usize {
    let o = h.run(&["status", "--json", "--index", &index.to_string_lossy()]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("status json");
    v["documents"].as_u64().expect("documents") as usize
}

#[test]
fn outside_the_repository_it_uses_built_in_rules_and_a_per_user_index() {
    let h = Home::new();
    h.records("records", &["masg"]);
    let o = h.run(&["ingest", "records", "-q"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(
        h.default_index().join("meta.json").is_file(),
        "{}",
        text(&o)
    );
    assert_eq!(documents(&h, &h.default_index()), 4);

    let o = h.run(&["search", "deadline", "--json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("masg/"));

    let o = h.run(&["rules", "check"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains(".cache/agendex/rules-"), "{}", text(&o));
}

#[test]
fn without_an_index_or_a_corpus_the_error_names_the_fix() {
    let h = Home::new();
    let o = h.run(&["search", "deadline"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("agendex ingest PATH"), "{}", text(&o));
    let o = h.run(&["ingest"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("agendex.toml"), "{}", text(&o));
}

#[test]
fn a_project_file_is_found_from_any_subfolder() {
    let h = Home::new();
    let proj = h.path().join("proj");
    h.records("proj/records", &["ccm"]);
    std::fs::write(
        proj.join("agendex.toml"),
        "corpus = [\"records\"]\nindex = \"idx\"\n",
    )
    .expect("project file");
    let sub = proj.join("records/ccm");
    let o = h.run_in(&sub, &["ingest", "-q"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(proj.join("idx/meta.json").is_file(), "{}", text(&o));
    let o = h.run_in(&sub, &["status"]);
    assert!(text(&o).contains("documents:  2"), "{}", text(&o));
    // a broken project file is reported with its line
    std::fs::write(proj.join("agendex.toml"), "index = \"idx\"\ncorpora = []\n").expect("write");
    let o = h.run_in(&sub, &["status"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("agendex.toml:2:"), "{}", text(&o));
}

#[test]
fn another_folder_adds_to_the_index_and_mass_removal_needs_a_flag() {
    let h = Home::new();
    let w1 = h.records("w1", &["masg"]);
    h.records("w2", &["ccm"]);
    let idx = h.path().join("idx");
    let idx_s = idx.to_string_lossy().to_string();
    assert_eq!(code(&h.run(&["ingest", "w1", "--index", &idx_s, "-q"])), 0);
    let o = h.run(&["ingest", "w2", "--index", &idx_s, "-q"]);
    assert!(text(&o).contains("0 removed"), "{}", text(&o));
    assert_eq!(documents(&h, &idx), 6);

    // w1 emptied (an unmounted share, a wrong folder): nothing is written
    std::fs::remove_dir_all(w1.join("masg")).expect("rm");
    let o = h.run(&["ingest", "w1", "--index", &idx_s, "-q"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("--allow-removals"), "{}", text(&o));
    assert_eq!(documents(&h, &idx), 6);

    // on purpose, then undone
    let o = h.run(&["ingest", "w1", "--index", &idx_s, "--allow-removals", "-q"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(documents(&h, &idx), 2);
    let o = h.run(&["restore", "--index", &idx_s]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(documents(&h, &idx), 6);
    let o = h.run(&["search", "MASG", "--index", &idx_s, "--json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("masg/"));
    // a second restore undoes the first
    assert_eq!(code(&h.run(&["restore", "--index", &idx_s])), 0);
    assert_eq!(documents(&h, &idx), 2);
}

#[test]
fn remove_takes_out_what_is_named_and_refuses_unknown_targets() {
    let h = Home::new();
    let w = h.records("w", &["masg", "ccm"]);
    let idx = h.path().join("idx");
    let idx_s = idx.to_string_lossy().to_string();
    assert_eq!(code(&h.run(&["ingest", "w", "--index", &idx_s, "-q"])), 0);
    assert_eq!(documents(&h, &idx), 6);

    let o = h.run(&["remove", "no/such-record.txt", "--index", &idx_s]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert_eq!(documents(&h, &idx), 6);

    let o = h.run(&[
        "remove",
        "masg/2016-10-masg-minutes.txt",
        "--index",
        &idx_s,
        "-q",
    ]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(documents(&h, &idx), 5);
    let ccm = w.join("ccm").to_string_lossy().to_string();
    let o = h.run(&["remove", &ccm, "--index", &idx_s, "-q"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(documents(&h, &idx), 3);
    // the files themselves are untouched
    assert!(w.join("masg/2016-10-masg-minutes.txt").is_file());
}

#[test]
fn a_cron_run_fails_on_new_failures_only_by_default() {
    let h = Home::new();
    let w = h.records("w", &["ccm"]);
    std::fs::write(w.join("broken.pdf"), b"%PDF-1.7\nnot a pdf at all\n").expect("write");
    let idx = h.path().join("idx").to_string_lossy().to_string();
    let o = h.run(&["ingest", "w", "--index", &idx, "-q"]);
    assert_eq!(code(&o), 1, "new failure: {}", text(&o));
    assert!(text(&o).contains("broken.pdf"), "{}", text(&o));
    let o = h.run(&["ingest", "w", "--index", &idx, "-q"]);
    assert_eq!(code(&o), 0, "known failure: {}", text(&o));
    assert!(text(&o).contains("1 failed"), "{}", text(&o));
    assert_eq!(
        code(&h.run(&["ingest", "w", "--index", &idx, "-q", "--fail-on", "any"])),
        1
    );
    assert_eq!(
        code(&h.run(&["ingest", "w", "--index", &idx, "-q", "--fail-on", "none"])),
        0
    );

    let o = h.run(&["ingest", "w", "--index", &idx, "-q", "--log-format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["report"]["failed"], 1, "{v}");
    assert_eq!(v["new_failures"].as_array().map(Vec::len), Some(0), "{v}");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let h = Home::new();
    h.records("w", &["masg"]);
    let idx = h.path().join("idx").to_string_lossy().to_string();
    assert_eq!(code(&h.run(&["ingest", "w", "--index", &idx, "-q"])), 0);
    let always = h.run(&["search", "MASG", "--index", &idx, "--color", "always"]);
    assert!(String::from_utf8_lossy(&always.stdout).contains('\u{1b}'));
    let never = h.run(&["search", "MASG", "--index", &idx, "--color", "never"]);
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
    let o = Command::new(BIN)
        .args(["search", "MASG", "--index", &idx])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&o.stdout).contains('\u{1b}'));
}

#[test]
fn completions_man_page_and_rules_init() {
    let h = Home::new();
    let o = h.run(&["completions", "bash"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("agendex"));
    let o = h.run(&["man"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(".TH"),
        "{}",
        text(&o)
    );

    let o = h.run(&["rules", "init", "my-rules"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(h.path().join("my-rules/states.toml").is_file());
    let o = h.run(&["rules", "check", "my-rules"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = h.run(&["rules", "init", "my-rules"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("--force"), "{}", text(&o));
}

#[test]
fn every_subcommand_help_ends_with_examples() {
    let h = Home::new();
    for sub in [
        "ingest",
        "search",
        "show",
        "extract",
        "entities",
        "summary",
        "status",
        "rules",
        "remove",
        "restore",
        "completions",
        "man",
    ] {
        let o = h.run(&[sub, "--help"]);
        assert_eq!(code(&o), 0, "{sub}: {}", text(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("Example"),
            "`agendex {sub} --help` has no example"
        );
    }
}

#[test]
fn export_writes_every_segment_once_for_jsonl_and_bulk() {
    let h = Home::new();
    h.records("w", &["masg", "ccm"]);
    let idx = h.path().join("idx").to_string_lossy().to_string();
    assert_eq!(code(&h.run(&["ingest", "w", "--index", &idx, "-q"])), 0);
    let o = h.run(&["status", "--json", "--index", &idx]);
    let status: serde_json::Value = serde_json::from_slice(&o.stdout).expect("status");
    let segments = status["segments"].as_u64().expect("segments") as usize;

    let o = h.run(&["export", "--index", &idx]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), segments);
    let ids: std::collections::BTreeSet<&str> =
        lines.iter().filter_map(|l| l["id"].as_str()).collect();
    assert_eq!(ids.len(), segments, "ids are unique");
    let minutes = lines
        .iter()
        .find(|l| l["doc"] == "masg/2016-10-masg-minutes.txt" && l["number"] == "2")
        .expect("item 2 of the 2016 minutes");
    assert_eq!(minutes["body"], "MASG");
    assert!(
        minutes["text"].as_str().unwrap_or("").contains("Donor"),
        "{minutes}"
    );
    assert!(minutes["mentions"]
        .as_array()
        .is_some_and(|m| !m.is_empty()));

    let o = h.run(&[
        "export",
        "--index",
        &idx,
        "--format",
        "es-bulk",
        "--es-index",
        "mine",
    ]);
    let bulk = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(bulk.lines().count(), 2 * segments);
    let first: serde_json::Value =
        serde_json::from_str(bulk.lines().next().unwrap_or("")).expect("action line");
    assert_eq!(first["index"]["_index"], "mine");

    let o = h.run(&["export", "--format", "es-mapping"]);
    let mapping: serde_json::Value = serde_json::from_slice(&o.stdout).expect("mapping");
    assert_eq!(mapping["mappings"]["properties"]["date"]["type"], "date");
}

#[test]
fn no_match_and_unknown_types_are_said_with_the_right_exit_code() {
    let h = Home::new();
    h.records("w", &["masg"]);
    let idx = h.path().join("idx").to_string_lossy().to_string();
    assert_eq!(code(&h.run(&["ingest", "w", "--index", &idx, "-q"])), 0);
    // a search with no match answered: 0, unless a script asks for 1
    assert_eq!(code(&h.run(&["search", "zzqqxx", "--index", &idx])), 0);
    let o = h.run(&["search", "zzqqxx", "--index", &idx, "--fail-if-empty"]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert_eq!(
        code(&h.run(&["search", "MASG", "--index", &idx, "--fail-if-empty"])),
        0
    );
    // an entity type the index does not hold is an error listing the types
    let o = h.run(&["entities", "--type", "stat", "--index", &idx]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(
        text(&o).contains("amount, date, organisation, person, state"),
        "{}",
        text(&o)
    );
    let o = h.run(&["entities", "--type", "states", "--index", &idx]);
    assert_eq!(code(&o), 0, "{}", text(&o));
}

/// `agendex rules check | head -1`: a reader that goes away ends a read-only
/// command quietly (it panicked on the closed pipe).
#[test]
fn a_closed_output_pipe_ends_a_read_only_command_without_a_panic() {
    use std::process::Stdio;
    let h = Home::new();
    let mut child = Command::new(BIN)
        .args([
            "rules",
            "check",
            concat!(env!("CARGO_MANIFEST_DIR"), "/rules"),
        ])
        .current_dir(h.path())
        .env("HOME", h.path().join("home"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run agendex");
    // close the read end before the command has written its output
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
