//! A PDF and the same record as text go through the same pipeline: the PDF must
//! give the same outline and entities, and every segment knows its page.

use crate::common;

use std::collections::HashMap;

use agendex::extract::RuleSet;
use agendex::ingest::IngestOptions;
use agendex::model::ProcessedDoc;
use agendex::pdf::PdfOptions;
use agendex::pipeline::process_file;

fn setup() -> (IngestOptions, RuleSet) {
    let opts = IngestOptions {
        pdf: PdfOptions {
            worker: Some(common::pdf_worker()),
            ..PdfOptions::default()
        },
    };
    (opts, common::default_rules())
}

fn labels(p: &ProcessedDoc) -> Vec<String> {
    p.segments.iter().map(|s| s.label()).collect()
}

/// Multiset F1 of (entity type, canonical value) of two documents' mentions.
fn mention_f1(a: &ProcessedDoc, b: &ProcessedDoc) -> f64 {
    let bag = |p: &ProcessedDoc| {
        let mut m: HashMap<(String, String), i64> = HashMap::new();
        for x in &p.extraction.mentions {
            *m.entry((x.entity.clone(), x.canonical().to_string()))
                .or_default() += 1;
        }
        m
    };
    let (ba, bb) = (bag(a), bag(b));
    let (na, nb) = (a.extraction.mentions.len(), b.extraction.mentions.len());
    if na == 0 && nb == 0 {
        return 1.0;
    }
    let hits: i64 = ba
        .iter()
        .map(|(k, v)| (*v).min(*bb.get(k).unwrap_or(&0)))
        .sum();
    2.0 * hits as f64 / (na + nb) as f64
}

#[test]
fn pdfs_give_the_outline_and_entities_of_the_text() {
    let Some(shared) = common::shared_with(&["pdf-samples", "seeds"]) else {
        return;
    };
    let (opts, rules) = setup();
    let mut exact = 0;
    let mut report = Vec::new();
    for seed in common::SEEDS {
        let txt = process_file(
            &shared.join("seeds").join(format!("{seed}.txt")),
            seed,
            &opts,
            &rules,
        )
        .expect("seed text processes");
        let want = labels(&txt);
        for producer in common::PDF_PRODUCERS {
            let path = shared
                .join("pdf-samples")
                .join(producer)
                .join(format!("{seed}.pdf"));
            let pdf = process_file(&path, seed, &opts, &rules)
                .unwrap_or_else(|e| panic!("{producer}/{seed}: {e}"));
            let got = labels(&pdf);
            let found = want.iter().filter(|l| got.contains(l)).count();
            let recall = found as f64 / want.len().max(1) as f64;
            let mentions = mention_f1(&txt, &pdf);
            report.push(format!(
                "{producer}/{seed}: segments {found}/{} of the text's (pdf has {}), mention F1 {mentions:.3}",
                want.len(),
                got.len()
            ));
            if got == want {
                exact += 1;
            }
            assert!(
                recall >= 0.75,
                "{producer}/{seed}: text segments {want:#?}\npdf segments {got:#?}"
            );
            assert!(
                mentions >= 0.9,
                "{producer}/{seed}: mention F1 {mentions:.3}"
            );
        }
    }
    eprintln!("{}", report.join("\n"));
    // the rest differ where a PDF cannot tell a wrapped heading from a manual
    // line break (multi-line bold title blocks)
    assert!(
        exact >= 22,
        "only {exact} of 30 PDFs give exactly the text's outline:\n{}",
        report.join("\n")
    );
}

#[test]
fn segments_know_their_pages() {
    let Some(shared) = common::shared_with(&["pdf-samples", "seeds"]) else {
        return;
    };
    let (opts, rules) = setup();
    let path = shared.join("pdf-samples/lo-docx/000_a5fdb359b9ec4b3a.pdf");
    let p = process_file(&path, "000.pdf", &opts, &rules).expect("processes");
    let page_of = |number: &str| {
        let seg = p
            .segments
            .iter()
            .find(|s| s.number.as_deref() == Some(number))
            .unwrap_or_else(|| panic!("item {number} missing: {:#?}", labels(&p)));
        p.doc.page_of(seg.heading.start)
    };
    // pages as pdftotext -f N -l N shows them
    assert_eq!(page_of("1"), Some(1));
    assert_eq!(page_of("5"), Some(1));
    assert_eq!(page_of("6"), Some(2));
    assert_eq!(page_of("7"), Some(4));
    assert_eq!(page_of("10"), Some(4));
}
