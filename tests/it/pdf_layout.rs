//! PDFs built here with lopdf, each with one layout problem whose right
//! reading is known: two columns, a word hyphenated across a line break,
//! running headers and page numbers, an image-only page, footnote markers,
//! ligatures, kerning.

use agendex::pdf::{extract_pdf, extract_pdf_bytes, PdfError, PdfOptions, PdfText};
use lopdf::{dictionary, Document, Object, Stream};

/// One line of text: `(x, y, size, text)` in points, Helvetica.
type TextLine<'a> = (f32, f32, f32, &'a str);

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)")
}

fn lines_content(lines: &[TextLine<'_>]) -> String {
    lines
        .iter()
        .map(|(x, y, size, t)| format!("BT /F1 {size} Tf {x} {y} Td ({}) Tj ET\n", escape(t)))
        .collect()
}

/// A PDF with one page per content stream. Fonts: /F1 Helvetica (WinAnsi, no
/// /Widths: base-14 metrics), /F2 Helvetica with `fi` and `fl` at codes 1 and 2;
/// /Im1 a 1x1 image.
fn build_pdf(pages: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => dictionary! {
            "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![Object::Integer(1), Object::Name(b"fi".to_vec()), Object::Name(b"fl".to_vec())],
        },
    });
    // Word's bullets: the Symbol font, and a font whose ToUnicode maps the
    // bullet to the private-use U+F0B7
    let f3 = doc
        .add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Symbol" });
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n\
        1 beginbfchar <B7> <F0B7> endbfchar\nendcmap end end\n";
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.to_vec()));
    let f4 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "SymbolMT", "ToUnicode" => to_unicode,
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0x80],
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3, "F4" => f4 },
        "XObject" => dictionary! { "Im1" => image },
    });
    let mut kids = Vec::new();
    for content in pages {
        let c = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut buf = Vec::new();
    doc.save_to(&mut buf).expect("lopdf writes the test PDF");
    buf
}

fn extract(pages: &[String]) -> Result<PdfText, PdfError> {
    extract_pdf_bytes(&build_pdf(pages), &[])
}

#[test]
fn two_columns_are_read_column_by_column() {
    let mut lines = vec![(50.0, 780.0, 16.0, "Report of the Committee on Cooperation")];
    let left = [
        "Left column opens the first argument",
        "about clearance of mined areas and",
        "the survey of suspected hazardous",
        "areas in the north of the country.",
    ];
    let right = [
        "Right column follows with victim",
        "assistance, risk education and the",
        "stockpile destruction completed by",
        "the armed forces in the last year.",
    ];
    for (i, (l, r)) in left.iter().zip(right.iter()).enumerate() {
        let y = 740.0 - 14.0 * i as f32;
        lines.push((50.0, y, 11.0, l));
        lines.push((320.0, y, 11.0, r));
    }
    let got = extract(&[lines_content(&lines)]).expect("text");
    let text = got.text;
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing in {text:?}"))
    };
    assert!(pos("Report of the Committee") < pos("Left column"));
    assert!(pos("north of the country.") < pos("Right column"), "{text}");
    // each column's lines are one paragraph, in order
    assert!(text.contains(
        "Left column opens the first argument about clearance of mined areas and the survey"
    ));
    assert!(text.contains("by the armed forces in the last year."));
}

#[test]
fn words_hyphenated_at_line_ends_are_rejoined() {
    let lines = [
        (72.0, 700.0, 11.0, "The Committee presented its experi-"),
        (72.0, 686.0, 11.0, "ence with mine clearance to the mine-"),
        (72.0, 672.0, 11.0, "affected States. All mine-affected"),
        (72.0, 658.0, 11.0, "States Parties were invited to reply."),
    ];
    let text = extract(&[lines_content(&lines)]).expect("text").text;
    assert!(
        text.contains("presented its experience with mine clearance"),
        "{text}"
    );
    // the document writes "mine-affected" elsewhere: the hyphen is the word's own
    assert!(text.contains("to the mine-affected States."), "{text}");
    assert!(!text.contains("experi-"), "{text}");
}

#[test]
fn running_headers_and_page_numbers_are_dropped() {
    let bodies = [
        "Opening of the meeting by the Chair.",
        "Discussion of the work plan for 2016.",
        "Closing remarks and date of the next meeting.",
    ];
    let pages: Vec<String> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let number = format!("- {} -", i + 1);
            lines_content(&[
                (
                    72.0,
                    800.0,
                    9.0,
                    "MINE ACTION SUPPORT GROUP MINUTES, FEBRUARY 2015",
                ),
                (72.0, 700.0, 11.0, body),
                (290.0, 40.0, 9.0, &number),
            ])
        })
        .collect();
    let got = extract(&pages).expect("text");
    assert!(!got.text.contains("SUPPORT GROUP MINUTES"), "{}", got.text);
    assert!(!got.text.contains("- 2 -"), "{}", got.text);
    assert_eq!(got.page_starts.len(), 3);
    for (i, body) in bodies.iter().enumerate() {
        let at = got.text.find(body).expect("body kept");
        let page = got.page_starts.partition_point(|&s| s <= at);
        assert_eq!(page, i + 1, "{body}");
    }
}

#[test]
fn an_image_only_page_needs_ocr() {
    let image = "q 400 0 0 600 90 100 cm /Im1 Do Q\n".to_string();
    let err = extract(std::slice::from_ref(&image)).unwrap_err();
    assert!(matches!(err, PdfError::NoTextLayer(1)), "{err}");
    assert!(err.to_string().starts_with("no text layer: needs OCR"));
    // a scanned page among text pages: text kept, the page noted
    let text_page = lines_content(&[(72.0, 700.0, 11.0, "Annex I lists the participants.")]);
    let got = extract(&[text_page, image]).expect("text");
    assert_eq!(got.page_starts.len(), 2);
    assert!(
        got.warnings.iter().any(|w| w.contains("only images")),
        "{:?}",
        got.warnings
    );
}

#[test]
fn footnote_markers_stay_apart_and_ordinals_stay_whole() {
    let content = "BT /F1 11 Tf 72 700 Td (the Ottawa Treaty) Tj /F1 7 Tf 4 Ts (13) Tj 0 Ts /F1 11 Tf ( entered into force) Tj ET\n\
                   BT /F1 11 Tf 72 714 Td (its agenda) Tj /F1 7 Tf 4 Ts (1) Tj 0 Ts /F1 11 Tf (, as amended) Tj ET\n\
                   BT /F1 11 Tf 72 686 Td (at the 21) Tj /F1 7 Tf 4 Ts (st) Tj 0 Ts /F1 11 Tf ( meeting of 2015) Tj ET\n";
    let text = extract(&[content.to_string()]).expect("text").text;
    assert!(text.contains("Treaty 13 entered"), "{text}");
    assert!(text.contains("the 21st meeting"), "{text}");
    assert!(text.contains("its agenda 1, as amended"), "{text}");
}

#[test]
fn ligatures_expand_and_kerning_does_not_split_words() {
    let content = "BT /F2 11 Tf 72 700 Td (the \\001nal \\002ow) Tj ET\n\
                   BT /F1 11 Tf 72 680 Td [(E) 30 (merging T) 80 (echnologies) -300 (in) -250 (weapons)] TJ ET\n";
    let text = extract(&[content.to_string()]).expect("text").text;
    assert!(text.contains("the final flow"), "{text}");
    assert!(text.contains("Emerging Technologies in weapons"), "{text}");
}

#[test]
fn symbol_font_bullets_are_bullets_not_private_use_characters() {
    let content = "BT /F3 11 Tf 72 700 Td (\\267) Tj /F1 11 Tf 18 0 Td (Mine clearance) Tj ET\n\
                   BT /F4 11 Tf 72 680 Td (\\267) Tj /F1 11 Tf 18 0 Td (Victim assistance) Tj ET\n";
    let got = extract(&[content.to_string()]).expect("text");
    assert!(got.text.contains("• Mine clearance"), "{:?}", got.text);
    assert!(got.text.contains("• Victim assistance"), "{:?}", got.text);
    assert!(!got
        .text
        .chars()
        .any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c)));
    assert_eq!(got.quality.bad_char_ratio, 0.0);
}

#[test]
fn the_worker_process_gives_the_same_text() {
    let lines = [(
        72.0,
        700.0,
        11.0,
        "Isolated extraction returns the same text.",
    )];
    let bytes = build_pdf(&[lines_content(&lines)]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("one.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let opts = PdfOptions {
        worker: Some(worker()),
        ..PdfOptions::default()
    };
    let isolated = extract_pdf(&path, &opts).expect("text");
    let direct = extract_pdf_bytes(&bytes, &[]).expect("text");
    assert_eq!(isolated, direct);
    assert_eq!(isolated.text, "Isolated extraction returns the same text.");
}

/// The agendex binary that runs the isolated worker: this build's, unless
/// `AGENDEX_PDF_WORKER` names another (worktrees sharing one target folder
/// overwrite each other's `target/debug/agendex`).
fn worker() -> std::path::PathBuf {
    std::env::var_os("AGENDEX_PDF_WORKER")
        .filter(|w| !w.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_agendex").into())
}
