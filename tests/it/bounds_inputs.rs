//! Inputs that once hung a run, multiplied a record or were read though they are
//! not records: crafted page trees, special files, links leaving the corpus,
//! empty files, and Ctrl-C on a run held up by a slow file.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use crate::batch_support::{index_contents, Fixture, Run};

/// A one-font PDF skeleton: the font, and a content stream drawing `text`
/// `y` points from the bottom of the page.
fn font_and_content(doc: &mut Document, text: &str, y: u32) -> (ObjectId, ObjectId) {
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let ops = format!("BT /F1 12 Tf 72 {y} Td ({text}) Tj ET");
    let content = doc.add_object(Stream::new(dictionary! {}, ops.into_bytes()));
    (font, content)
}

fn page(doc: &mut Document, parent: ObjectId, font: ObjectId, content: ObjectId) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => parent,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "Contents" => content,
    })
}

fn finish(mut doc: Document, root: ObjectId) -> Vec<u8> {
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

#[test]
fn a_page_tree_with_a_cycle_gives_each_page_once() {
    let mut doc = Document::with_version("1.5");
    let root = doc.new_object_id();
    let mid = doc.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    let mut mid_kids: Vec<Object> = Vec::new();
    // different words at different heights: a line repeated on every page
    // would be taken for a running header and dropped
    let lines = [
        "The Chair opened the meeting",
        "Norway announced new funding",
        "The delegates adopted the report",
    ];
    for n in 1..=3 {
        let (font, content) = font_and_content(&mut doc, lines[n - 1], 700 - 90 * n as u32);
        let parent = if n == 2 { mid } else { root };
        let p = page(&mut doc, parent, font, content);
        if n == 2 {
            mid_kids.push(p.into());
        } else {
            kids.push(p.into());
        }
        if n == 1 {
            kids.push(mid.into());
        }
    }
    // the middle node lists the root again: a cycle
    mid_kids.push(root.into());
    doc.objects.insert(
        mid,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => mid_kids, "Count" => 1 }),
    );
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 3 }),
    );
    let bytes = finish(doc, root);
    let text = agendex::pdf::extract_pdf_bytes(&bytes, &[]).expect("extracts");
    assert_eq!(text.page_starts.len(), 3, "{:?}", text.text);
    for line in lines {
        assert_eq!(text.text.matches(line).count(), 1, "{}", text.text);
    }
    let order: Vec<usize> = lines.iter().filter_map(|l| text.text.find(l)).collect();
    assert_eq!(order.len(), 3);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "pages out of order");
    assert!(text.warnings.iter().any(|w| w.contains("more than once")));
}

#[test]
fn two_thousand_pages_sharing_one_stream_keep_their_count_not_copies_of_the_text() {
    let mut doc = Document::with_version("1.5");
    let root = doc.new_object_id();
    let (font, content) = font_and_content(&mut doc, "The one shared sentence of this file", 700);
    let kids: Vec<Object> = (0..2000)
        .map(|_| page(&mut doc, root, font, content).into())
        .collect();
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2000 }),
    );
    let bytes = finish(doc, root);
    let text = agendex::pdf::extract_pdf_bytes(&bytes, &[]).expect("extracts");
    assert_eq!(text.page_starts.len(), 2000);
    assert_eq!(text.text.matches("one shared sentence").count(), 1);
    assert!(text
        .warnings
        .iter()
        .any(|w| w.contains("1999 pages draw the same content")));
}

/// Runs `cmd` to its end, failing the test if it takes longer than `limit`.
fn run_within(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::from(child.wait_with_output().expect("output"))
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo");
}

#[test]
fn extract_refuses_a_fifo_and_a_folder_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let folder = dir.path().join("folder.txt");
    std::fs::create_dir(&folder).expect("mkdir");
    for (path, what) in [(&fifo, "special file"), (&folder, "a folder")] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_agendex"));
        cmd.arg("extract")
            .arg(path)
            .arg("--rules")
            .arg(crate::common::rules_dir());
        let run = run_within(cmd, Duration::from_secs(30));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(what), "{}", run.stderr);
    }
}

#[test]
fn the_walk_skips_and_names_what_is_not_a_record() {
    let f = Fixture::new(2);
    let outside = f.tmp.path().join("outside.txt");
    std::fs::write(
        &outside,
        "1. Secret.\n\nA system file outside the corpus.\n",
    )
    .expect("write");
    std::os::unix::fs::symlink(&outside, f.corpus.join("link-out.txt")).expect("symlink");
    std::os::unix::fs::symlink("/dev/zero", f.corpus.join("zero.txt")).expect("symlink");
    let first = f.corpus_ids().into_iter().next().expect("a record");
    std::os::unix::fs::symlink(f.file(&first), f.corpus.join("link-in.txt")).expect("symlink");
    mkfifo(&f.corpus.join("pipe.txt"));
    std::fs::create_dir(f.corpus.join("dir.txt")).expect("mkdir");
    for name in ["empty1.txt", "empty2.md", "empty3.pdf"] {
        std::fs::write(f.corpus.join(name), "").expect("write");
    }
    for name in ["README.md", "SOURCES.md", "LICENSE.txt", "CHANGELOG.md"] {
        std::fs::write(f.corpus.join(name), "notes").expect("write");
    }

    let run = run_within(
        {
            let mut c = f.ingest_cmd(&["-v", "-j", "1"]);
            c.stdin(Stdio::null());
            c
        },
        Duration::from_secs(300),
    );
    run.expect_code(0);
    let ids: Vec<String> = index_contents(&f.index).into_keys().collect();
    assert!(!ids.iter().any(|i| i == "link-out.txt" || i == "zero.txt"));
    assert!(ids.iter().any(|i| i == "link-in.txt"), "{ids:?}");
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(
        run.stdout.contains("skipped 3 empty files"),
        "{}",
        run.stdout
    );
    for name in [
        "link-out.txt",
        "zero.txt",
        "pipe.txt",
        "dir.txt",
        "empty1.txt",
        "README.md",
        "SOURCES.md",
        "LICENSE.txt",
        "CHANGELOG.md",
    ] {
        assert!(
            run.stdout.lines().any(|l| l.contains(name)),
            "{name} not named:\n{}",
            run.stdout
        );
    }

    // asked to, the link leaving the corpus is followed (the device is still not read)
    let run = f.ingest(&["--follow-links", "-j", "1"]);
    run.expect_code(0);
    let ids: Vec<String> = index_contents(&f.index).into_keys().collect();
    assert!(ids.iter().any(|i| i == "link-out.txt"), "{ids:?}");
    assert!(!ids.iter().any(|i| i == "zero.txt"), "{ids:?}");
}

#[test]
fn ctrl_c_on_a_run_held_up_by_a_slow_file_commits_the_finished_ones_at_once() {
    let f = Fixture::new(6);
    // a large record, first in the walk's order: slow next to the others
    // (24 MB: with paragraphs attached in linear time, 6 MB took only 8 s)
    let para = "The delegation of Japan announced a contribution to mine clearance. ";
    let mut big = String::new();
    for n in 0..160_000 {
        big.push_str(&format!("{}. Item.\n\n{para}{para}\n\n", n + 1));
    }
    std::fs::write(f.corpus.join("0-slow.txt"), big).expect("write");
    let mut child = f
        .ingest_cmd(&["--jobs", "2", "--plain"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    // wait for the start line, then give the small files time to finish
    for l in lines.by_ref() {
        if l.expect("line").starts_with("ingest: ") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    std::thread::sleep(Duration::from_secs(8));
    // SAFETY: signalling our own child.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let sent = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(20),
            "Ctrl-C did not stop the run"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut out = String::new();
    if let Some(mut o) = child.stdout.take() {
        use std::io::Read;
        let _ = o.read_to_string(&mut out);
    }
    assert_eq!(status.code(), Some(130), "{out}");
    assert!(out.contains("1 files are left"), "{out}");
    let ids: Vec<String> = index_contents(&f.index).into_keys().collect();
    assert_eq!(
        ids.len(),
        6,
        "the six finished records are committed: {ids:?}"
    );
    assert!(!ids.iter().any(|i| i == "0-slow.txt"));
}

#[test]
fn an_index_in_a_folder_that_cannot_be_written_is_searchable_and_ingest_says_why() {
    let f = Fixture::new(2);
    f.ingest(&["-j", "1"]).expect_code(0);
    // root ignores permissions, not the immutable flag: nobody may create a file there
    let locked = Command::new("chattr")
        .arg("+i")
        .arg(&f.index)
        .status()
        .is_ok_and(|s| s.success());
    if !locked {
        eprintln!("skipping: chattr +i is not available on this file system");
        return;
    }
    let search = Command::new(env!("CARGO_BIN_EXE_agendex"))
        .args(["search", "mine", "--index"])
        .arg(&f.index)
        .output()
        .expect("run search");
    let ingest = f.ingest(&["-j", "1", "--full"]);
    let _ = Command::new("chattr").arg("-i").arg(&f.index).status();
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    assert!(String::from_utf8_lossy(&search.stdout).contains("matching"));
    ingest.expect_code(2);
    let errors: Vec<&str> = ingest
        .stderr
        .lines()
        .filter(|l| l.starts_with("agendex: error"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", ingest.stderr);
    assert!(
        errors[0].contains("cannot write the index") && errors[0].contains("previous index"),
        "{}",
        ingest.stderr
    );
    assert!(!ingest.stderr.contains("panicked"), "{}", ingest.stderr);
}
