//! PDFs in the batch: read through the PDF stage, their text quality kept in the
//! manifest for `status`, broken and encrypted ones reported by name, and an
//! encrypted one indexed once its password is given (`--passwords-file`).

use crate::common;

use crate::batch_support::{assert_each_once, Fixture};

#[test]
fn pdfs_are_indexed_broken_ones_reported_and_passwords_used() {
    let Some(samples) = common::shared_subdir("pdf-samples") else {
        return;
    };
    let f = Fixture::new(0);
    for n in ["000_a5fdb359b9ec4b3a.pdf", "001_f9c21d8fc1600d5e.pdf"] {
        std::fs::copy(samples.join("lo-docx").join(n), f.corpus.join(n)).expect("copy pdf");
    }
    std::fs::copy(
        samples.join("broken/crafted_not_pdf.pdf"),
        f.corpus.join("not_pdf.pdf"),
    )
    .expect("copy broken");
    std::fs::copy(
        samples.join("encrypted/lo-docx_aes-128_u-secret.pdf"),
        f.corpus.join("locked.pdf"),
    )
    .expect("copy encrypted");

    let run = f.ingest(&[]);
    run.expect_code(1);
    assert_eq!(run.count("added"), 2, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.count("failed"), 2);
    for name in ["not_pdf.pdf", "locked.pdf"] {
        let named = format!("{}: ", f.corpus.join(name).display());
        assert!(
            run.stdout.contains(&named),
            "{name} not reported:\n{}",
            run.stdout
        );
    }
    let status = f.status();
    assert_eq!(status["documents"], 2);
    assert!(status["segments"].as_u64().unwrap_or(0) > 4, "{status}");
    assert!(status["low_quality"].is_array());

    // the password makes the encrypted file readable: retried and indexed
    let pw = f.tmp.path().join("passwords.txt");
    std::fs::write(&pw, "wrong\r\nsecret\n").expect("write passwords file");
    let again = f.ingest(&[
        "--password",
        "also-wrong",
        "--passwords-file",
        &pw.display().to_string(),
    ]);
    // broken.pdf failed last run too: a known failure, not a new one
    again.expect_code(0);
    assert_eq!(
        again.count("added"),
        1,
        "{}\n{}",
        again.stdout,
        again.stderr
    );
    assert_eq!(again.count("failed"), 1);
    let mut expected = f.corpus_ids();
    expected.remove("not_pdf.pdf");
    assert_each_once(&f, &expected);
}
