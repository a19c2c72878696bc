//! Every `$ agendex ...` example in README.md, run in order on a copy of the
//! sample corpus, must print what the README shows (timings, hashes and clock
//! times aside). A block whose last line is `...` is abridged: its lines must
//! begin the real output.
//!
//! After a change that alters the output on purpose, refresh the README with
//! `AGENDEX_UPDATE_README=1 cargo test --test it readme_examples`, then read
//! the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_agendex");

/// One console block: its commands, each with the output the README shows.
struct Example {
    /// Line index in the README of the `$ agendex` line.
    line: usize,
    /// The arguments after `agendex`.
    args: Vec<String>,
    /// The output lines shown.
    shown: Vec<String>,
    /// The block ends with `...`.
    abridged: bool,
}

/// Splits a command line as a POSIX shell would for the quoting the README
/// uses: single quotes, double quotes, backslash escapes in double quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if let Some(n) = chars.next() {
                                cur.push(n);
                            }
                        }
                        _ => cur.push(q),
                    }
                }
            }
            ' ' | '\t' => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

fn examples(readme: &str) -> Vec<Example> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (i, l) in lines.iter().enumerate() {
        if l.trim_start().starts_with("```") {
            in_console = !in_console && l.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = l.strip_prefix("$ agendex") {
            out.push(Example {
                line: i,
                args: shell_words(cmd),
                shown: Vec::new(),
                abridged: false,
            });
        } else if let Some(ex) = out.last_mut() {
            if l.trim() == "..." {
                ex.abridged = true;
            } else if !ex.abridged {
                ex.shown.push(l.to_string());
            }
        }
    }
    out
}

/// Masks what changes from run to run.
fn normalise(line: &str) -> String {
    let mut s = line.trim_end().to_string();
    for (re, with) in [
        (r"\b\d+\.\d+ (s|MB/s)\b", "N $1"),
        (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "TIME"),
        (r"rule set:\s+\S+", "rule set: HASH"),
        (r"fingerprint [0-9a-f]+", "fingerprint HASH"),
        (r"size:\s+\S+ MB", "size: N MB"),
        (r"rules-[0-9a-f]+", "rules-HASH"),
    ] {
        let re = regex::Regex::new(re).unwrap_or_else(|e| panic!("{e}"));
        s = re.replace_all(&s, with).into_owned();
    }
    s
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let readme_path = repo.join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md");
    let examples = examples(&readme);
    assert!(
        examples.len() >= 8,
        "README has {} examples",
        examples.len()
    );

    // the README's world: the repository's project file, corpus and rules
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("agendex");
    copy_dir(&repo.join("corpus"), &root.join("corpus"));
    copy_dir(&repo.join("rules"), &root.join("rules"));
    std::fs::copy(repo.join("agendex.toml"), root.join("agendex.toml")).expect("project file");

    let update = std::env::var_os("AGENDEX_UPDATE_README").is_some();
    let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
    let mut replacements: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut failures = Vec::new();
    for ex in &examples {
        let out = Command::new(BIN)
            .args(&ex.args)
            .current_dir(&root)
            .env("HOME", tmp.path().join("home"))
            .env("NO_COLOR", "1")
            .env_remove("AGENDEX_INDEX")
            .env_remove("AGENDEX_RULES")
            .output()
            .expect("run agendex");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // paths inside the copy read as the repository's own (`rules/dates.toml`)
        let prefix = format!("{}/", root.display());
        let printed = printed.replace(&prefix, "");
        let actual: Vec<String> = printed.lines().map(|l| l.trim_end().to_string()).collect();
        let want: Vec<String> = ex.shown.iter().map(|l| normalise(l)).collect();
        let got: Vec<String> = actual.iter().map(|l| normalise(l)).collect();
        let same = if ex.abridged {
            !want.is_empty() && got.len() >= want.len() && got[..want.len()] == want[..]
        } else {
            got == want
        };
        if !same {
            failures.push(format!(
                "README line {}: `agendex {}`\n--- README shows:\n{}\n--- it prints:\n{}",
                ex.line + 1,
                ex.args.join(" "),
                ex.shown.join("\n"),
                actual.join("\n")
            ));
            // an abridged block keeps its length (a new one shows 25 lines)
            let keep = if ex.abridged {
                let len = if ex.shown.is_empty() {
                    25
                } else {
                    ex.shown.len()
                };
                len.min(actual.len())
            } else {
                actual.len()
            };
            replacements.push((ex.line + 1, ex.shown.len(), actual[..keep].to_vec()));
        }
    }
    if update && !replacements.is_empty() {
        for (start, len, new) in replacements.into_iter().rev() {
            lines.splice(start..start + len, new);
        }
        std::fs::write(&readme_path, lines.join("\n") + "\n").expect("write README.md");
        eprintln!("README.md updated: read the diff");
        return;
    }
    assert!(
        failures.is_empty(),
        "{} README example(s) differ (refresh with AGENDEX_UPDATE_README=1 after checking):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn shell_words_split_like_a_shell() {
    assert_eq!(
        shell_words(r#" search '"Article 5" deadline' --state "Côte d\"Ivoire" # note"#),
        [
            "search",
            "\"Article 5\" deadline",
            "--state",
            "Côte d\"Ivoire"
        ]
    );
}
