//! The five seed records printed to PDF by six producers: the extracted text
//! must hold the seed's words (multiset F1 >= 0.98), pages must start where the
//! PDF's pages start, and the PDF must give the same outline as the text.

use crate::common;

use std::path::Path;

use agendex::ingest::{self, IngestOptions};
use agendex::pdf::quality::word_f1;
use agendex::pdf::{extract_pdf, PdfOptions};

fn opts() -> PdfOptions {
    PdfOptions {
        worker: Some(common::pdf_worker()),
        ..PdfOptions::default()
    }
}

/// The seed as the text pipeline sees it: Markdown leftovers (`**`, `#`, `\$`,
/// `<sup>`) removed by the same cleaning.
fn seed_text(shared: &Path, seed: &str) -> String {
    let raw = std::fs::read_to_string(shared.join("seeds").join(format!("{seed}.txt")))
        .expect("seed readable");
    ingest::clean(&raw).text
}

#[test]
fn every_producer_keeps_the_seed_words() {
    let Some(shared) = common::shared_with(&["pdf-samples", "seeds"]) else {
        return;
    };
    let mut failures = Vec::new();
    for producer in common::PDF_PRODUCERS {
        for seed in common::SEEDS {
            let pdf = shared
                .join("pdf-samples")
                .join(producer)
                .join(format!("{seed}.pdf"));
            let got = match extract_pdf(&pdf, &opts()) {
                Ok(t) => t,
                Err(e) => {
                    failures.push(format!("{producer}/{seed}: {e}"));
                    continue;
                }
            };
            let f1 = word_f1(&seed_text(&shared, seed), &ingest::clean(&got.text).text);
            eprintln!(
                "{producer:9} {seed}: F1 {f1:.4} quality {:.3}",
                got.quality.score
            );
            if f1 < 0.98 {
                failures.push(format!("{producer}/{seed}: F1 {f1:.4}"));
            }
            assert!(
                got.quality.score > 0.8,
                "{producer}/{seed}: quality {:?}",
                got.quality
            );
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn pages_start_where_the_pdf_pages_start() {
    let Some(shared) = common::shared_with(&["pdf-samples", "seeds"]) else {
        return;
    };
    // first words of page 2 of seed 000, as pdftotext shows them
    let cases = [
        ("lo-docx", "Director"),
        ("chromium", "Member States and DPKO value"),
        ("pdflatex", "the systems presented at the last MASG meeting"),
        ("groff", "To support greater coherence"),
    ];
    for (producer, page2) in cases {
        let pdf = shared
            .join("pdf-samples")
            .join(producer)
            .join("000_a5fdb359b9ec4b3a.pdf");
        let got = extract_pdf(&pdf, &opts()).expect("extracts");
        assert_eq!(got.page_starts.len(), 4, "{producer}");
        assert_eq!(got.page_starts[0], 0);
        let rest = &got.text[got.page_starts[1]..];
        assert!(
            rest.starts_with(page2),
            "{producer}: page 2 starts {:?}",
            &rest[..rest.len().min(80)]
        );
        // the running page number "-2-" that groff prints is not text
        assert!(!got.text.contains("-2-"), "{producer}");
    }
    // one tall cairo page holds everything
    let cairo = extract_pdf(
        &shared.join("pdf-samples/cairo/000_a5fdb359b9ec4b3a.pdf"),
        &opts(),
    )
    .expect("extracts");
    assert_eq!(cairo.page_starts, vec![0]);
}

#[test]
fn ingested_pdfs_cite_pages_and_carry_info() {
    let Some(shared) = common::shared_with(&["pdf-samples", "seeds"]) else {
        return;
    };
    let opts = IngestOptions { pdf: opts() };
    let path = shared.join("pdf-samples/lo-docx/000_a5fdb359b9ec4b3a.pdf");
    let doc = ingest::load_file(&path, "000.pdf", &opts).expect("ingests");
    assert_eq!(doc.page_starts.len(), 4);
    let at = |needle: &str| {
        doc.text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert_eq!(doc.page_of(at("Welcoming Remarks")), Some(1));
    assert_eq!(doc.page_of(at("Director")), Some(2));
    assert_eq!(doc.page_of(doc.text.len().saturating_sub(1)), Some(4));
    // "\$14 million" printed literally: the cleaned text reads like the seed
    assert!(doc.text.contains("$14 million"));
    assert!(doc.quality.is_some_and(|q| q.score > 0.9));
    // LibreOffice sets no real title, but a creation date
    let groff = ingest::load_file(
        &shared.join("pdf-samples/groff/000_a5fdb359b9ec4b3a.pdf"),
        "g.pdf",
        &opts,
    )
    .expect("ingests");
    assert_eq!(
        groff.meta.date.map(|d| d.to_string()),
        Some("2026-11-23".to_string())
    );
    assert_eq!(doc.meta.title, None, "file names in /Title are not titles");
}

#[test]
fn a_real_un_report_keeps_its_pages_and_sheds_its_running_header() {
    let Some(shared) = common::shared_with(&["pdf-samples", "seeds"]) else {
        return;
    };
    let pdf = shared.join("corpus-real/CCW_2019_GGE-LAWS-report-2019-session_CCW-GGE.1-2019-3.pdf");
    let Ok(reference) = std::fs::read_to_string(pdf.with_extension("txt")) else {
        eprintln!("skipping: ../shared/corpus-real not found");
        return;
    };
    let got = extract_pdf(&pdf, &opts()).expect("extracts");
    assert_eq!(got.page_starts.len(), 14);
    let page_of = |needle: &str| {
        let at = got
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing"));
        got.page_starts.partition_point(|&s| s <= at)
    };
    // pages as `pdftotext -f N -l N` shows them
    assert_eq!(page_of("25 September 2019"), 1);
    assert_eq!(
        page_of("Delegations presented different options to address these potential risks"),
        7
    );
    assert_eq!(page_of("List of documents"), 14);
    // the symbol heads all 14 pages; what is left is the masthead's and the
    // list of documents' ("CCW/GGE.1/2019/3" and "CCW/GGE.1/2019/3/Add.1")
    assert_eq!(got.text.matches("CCW/GGE.1/2019/3").count(), 3);
    // the same words as pdftotext, apart from the running headers and page numbers
    let f1 = word_f1(&reference, &ingest::clean(&got.text).text);
    assert!(f1 >= 0.99, "F1 {f1:.4}");
    assert!(got.quality.score > 0.95, "{:?}", got.quality);
}
