//! Ingest of real files on disk: every encoding agendex promises, Markdown
//! leftovers, and the refusals that name their reason.

use std::path::Path;

use agendex::ingest::{load_file, IngestError, IngestOptions};
use agendex::model::LineMark;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

#[test]
fn encodings_and_line_ends_give_the_same_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "1. Welcoming Remarks.\n\nCôte d'Ivoire pledged €2 million.";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.replace('\n', "\r\n").as_bytes());
    let cp1252 =
        b"1. Welcoming Remarks.\r\n\r\nC\xF4te d'Ivoire pledged \x80\x32 million.".to_vec();
    for (name, bytes) in [
        ("plain.txt", text.as_bytes().to_vec()),
        ("bom-crlf.txt", bom),
        ("utf16.txt", utf16),
        ("cp1252.txt", cp1252),
    ] {
        let path = write(dir.path(), name, &bytes);
        let doc = load_file(&path, name, &IngestOptions::default()).expect(name);
        assert_eq!(doc.text, text, "{name}");
        assert_eq!(
            doc.warnings.is_empty(),
            name != "cp1252.txt",
            "{name}: {:?}",
            doc.warnings
        );
    }
}

#[test]
fn markdown_leftovers_are_cleaned_and_remembered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "paper.md",
        b"## **Information Sharing**\n\nZimbabwe launched its platform at the 16<sup>th</sup> Meeting, \\$1.2 million.\n",
    );
    let doc = load_file(&path, "paper.md", &IngestOptions::default()).expect("reads");
    assert_eq!(
        doc.text,
        "Information Sharing\n\nZimbabwe launched its platform at the 16th Meeting, $1.2 million."
    );
    assert_eq!(doc.marks.len(), 1);
    assert_eq!(doc.marks[0].mark, LineMark::Heading(2));
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = write(dir.path(), "empty.txt", b"");
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let binary = write(dir.path(), "junk.txt", &junk);
    let other = write(dir.path(), "table.xlsx", b"PK");
    let opts = IngestOptions::default();
    assert!(matches!(
        load_file(&empty, "e", &opts),
        Err(IngestError::Empty)
    ));
    let err = load_file(&binary, "j", &opts).expect_err("binary refused");
    assert!(err.to_string().starts_with("not a text file"), "{err}");
    let err = load_file(&other, "t", &opts).expect_err("unsupported");
    assert!(
        err.to_string().contains("unsupported file type 'xlsx'"),
        "{err}"
    );
    let missing = load_file(&dir.path().join("gone.txt"), "g", &opts).expect_err("missing");
    assert!(missing.to_string().starts_with("cannot read"), "{missing}");
}
