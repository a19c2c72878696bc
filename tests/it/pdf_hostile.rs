//! Broken, encrypted and hostile PDFs: each gives a clean per-file error or
//! correct text, through the isolated worker, and never takes the caller down.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use agendex::pdf::quality::word_f1;
use agendex::pdf::{extract_pdf, PdfError, PdfOptions};
use lopdf::{dictionary, Document, Object, Stream};

fn opts(passwords: &[&str]) -> PdfOptions {
    PdfOptions {
        worker: Some(common::pdf_worker()),
        passwords: passwords.iter().map(|p| p.to_string()).collect(),
        ..PdfOptions::default()
    }
}

fn crashed(e: &PdfError) -> bool {
    matches!(e, PdfError::WorkerCrashed(_) | PdfError::WorkerStart(..))
}

#[test]
fn every_broken_file_gives_text_or_a_clean_error() {
    let Some(shared) = common::shared_with(&["pdf-samples"]) else {
        return;
    };
    let dir = shared.join("pdf-samples/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("broken/ readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 19);
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match extract_pdf(f, &opts(&[])) {
            Ok(t) => {
                eprintln!(
                    "{name}: text, {} bytes, quality {:.2}",
                    t.text.len(),
                    t.quality.score
                );
                assert!(!t.text.trim().is_empty(), "{name}");
                assert!(t.quality.bad_char_ratio <= 0.5, "{name}: {:?}", t.quality);
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                assert!(!crashed(&e), "{name}: {e}");
            }
        }
    }
    let get = |n: &str| extract_pdf(&dir.join(n), &opts(&[]));
    assert!(matches!(get("crafted_empty.pdf"), Err(PdfError::NotPdf(_))));
    assert!(matches!(
        get("crafted_not_pdf.pdf"),
        Err(PdfError::NotPdf(_))
    ));
    assert_eq!(
        get("crafted_ok.pdf").map(|t| t.text).as_deref(),
        Ok("Hello crafted world")
    );
    // the font object is missing: the text still reads, in a fallback font
    assert_eq!(
        get("crafted_missing_font.pdf").map(|t| t.text).as_deref(),
        Ok("Hello crafted world")
    );
    // /Length 999999 on a short stream
    assert_eq!(
        get("crafted_bad_length.pdf").map(|t| t.text).as_deref(),
        Ok("hi")
    );
    // a page tree listing itself among its kids: its one page is read once
    assert_eq!(
        get("crafted_pages_cycle.pdf").map(|t| t.text).as_deref(),
        Ok("Hello crafted world")
    );
    assert!(matches!(
        get("trunc_lo-docx_000_half.pdf"),
        Err(PdfError::Corrupt(_))
    ));
    // 100k nested arrays in a content stream and 50k nested dictionaries in an
    // object: no stack overflow, no abort
    assert!(!get("crafted_deep_array.pdf").is_err_and(|e| crashed(&e)));
    assert!(!get("crafted_deep_dict_obj.pdf").is_err_and(|e| crashed(&e)));
}

#[test]
fn encrypted_files_open_with_the_right_password_only() {
    let Some(shared) = common::shared_with(&["pdf-samples"]) else {
        return;
    };
    let seed_path = shared.join("seeds/000_a5fdb359b9ec4b3a.txt");
    let Ok(seed) = std::fs::read_to_string(&seed_path) else {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    };
    let seed = agendex::ingest::clean(&seed).text;
    for cipher in ["rc4-40", "rc4-128", "aes-128", "aes-256"] {
        let dir = shared.join("pdf-samples/encrypted");
        let empty = extract_pdf(
            &dir.join(format!("lo-docx_{cipher}_u-empty.pdf")),
            &opts(&[]),
        )
        .expect("opens");
        assert!(
            word_f1(&seed, &agendex::ingest::clean(&empty.text).text) >= 0.98,
            "{cipher}"
        );

        let secret = dir.join(format!("lo-docx_{cipher}_u-secret.pdf"));
        let none = extract_pdf(&secret, &opts(&[])).unwrap_err();
        assert_eq!(none, PdfError::PasswordRequired, "{cipher}");
        assert!(none.to_string().starts_with("encrypted: password required"));
        let wrong = extract_pdf(&secret, &opts(&["guess", "letmein"])).unwrap_err();
        assert_eq!(wrong, PdfError::WrongPassword(2), "{cipher}");
        let right = extract_pdf(&secret, &opts(&["guess", "secret"])).expect("decrypts");
        assert!(
            word_f1(&seed, &agendex::ingest::clean(&right.text).text) >= 0.98,
            "{cipher}"
        );
        assert_eq!(right.page_starts.len(), 4);
    }
}

/// A one-page PDF whose content stream is zlib of `spaces` bytes of spaces,
/// compressed as a stream (never held uncompressed).
fn zip_bomb(spaces: u64) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1 << 20];
    let mut left = spaces;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        z.write_all(&block[..n]).expect("compress");
        left -= n as u64;
    }
    let compressed = z.finish().expect("compress");
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        compressed,
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference(page)], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut buf = Vec::new();
    doc.save_to(&mut buf).expect("lopdf writes the bomb");
    buf
}

#[test]
fn the_zip_bomb_is_stopped_within_the_limits() {
    let bomb = zip_bomb(2 << 30);
    assert!(
        bomb.len() < 4 << 20,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bomb.pdf");
    std::fs::write(&path, &bomb).expect("write");
    let err = extract_pdf(&path, &opts(&[])).unwrap_err();
    assert!(matches!(err, PdfError::Limit(_)), "{err}");
    assert!(err.to_string().contains("decompression"), "{err}");
}

#[test]
fn a_memory_blow_up_costs_only_the_file() {
    // 40 MiB of content inflates within the decompression cap, but not within
    // a 48 MiB address space (which must hold with mimalloc as the allocator too)
    let bomb = zip_bomb(40 << 20);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.pdf");
    std::fs::write(&path, &bomb).expect("write");
    let tight = PdfOptions {
        memory_limit: 48 << 20,
        ..opts(&[])
    };
    let err = extract_pdf(&path, &tight).unwrap_err();
    assert!(
        matches!(&err, PdfError::Limit(m) if m.contains("48 MiB memory limit")),
        "{err}"
    );
    // the same file within the default limits: one page of nothing but spaces
    let fine = extract_pdf(&path, &opts(&[])).unwrap_err();
    assert!(matches!(fine, PdfError::Corrupt(_)), "{fine}");
}

/// A stand-in worker (a shell script) that misbehaves as told.
fn fake_worker(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("worker.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    path
}

#[cfg(unix)]
#[test]
fn crashes_and_hangs_of_the_worker_become_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("any.pdf");
    std::fs::write(&file, b"%PDF-1.4\n").expect("write");
    let run = |body: &str, timeout: Duration| {
        let opts = PdfOptions {
            worker: Some(fake_worker(dir.path(), body)),
            timeout,
            ..PdfOptions::default()
        };
        extract_pdf(&file, &opts).unwrap_err()
    };
    let segv = run("kill -SEGV $$", Duration::from_secs(30));
    assert!(
        matches!(&segv, PdfError::WorkerCrashed(m) if m.contains("SIGSEGV")),
        "{segv}"
    );
    let abort = run(
        "echo \"memory allocation of 4294967296 bytes failed\" >&2; kill -ABRT $$",
        Duration::from_secs(30),
    );
    assert!(
        matches!(&abort, PdfError::Limit(m) if m.contains("2 GiB memory")),
        "{abort}"
    );
    let overflow = run(
        "echo \"thread 'x' has overflowed its stack\" >&2; kill -ABRT $$",
        Duration::from_secs(30),
    );
    assert!(
        matches!(&overflow, PdfError::WorkerCrashed(m) if m.contains("stack overflow")),
        "{overflow}"
    );
    let garbage = run("cat >/dev/null; echo not json", Duration::from_secs(30));
    assert!(
        matches!(&garbage, PdfError::WorkerCrashed(m) if m.contains("unreadable output")),
        "{garbage}"
    );
    let hang = run("exec sleep 30", Duration::from_millis(300));
    assert!(
        matches!(&hang, PdfError::Limit(m) if m.contains("time limit")),
        "{hang}"
    );
}
