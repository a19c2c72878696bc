//! Segmentation of the real seed records: which segments, with which numbers,
//! titles, levels and parents, and numbered paragraphs that stay paragraphs.

use crate::common;

use agendex::model::{ProcessedDoc, SegmentKind};

fn outline(p: &ProcessedDoc) -> Vec<(Option<&str>, &str, u8)> {
    p.segments
        .iter()
        .map(|s| (s.number.as_deref(), s.title.as_str(), s.level))
        .collect()
}

#[test]
fn masg_minutes_have_two_parts_and_ten_items() {
    let Some(path) = common::seed("000") else {
        return;
    };
    let p = common::process(&path);
    let o = outline(&p);
    assert_eq!(o.len(), 12, "{o:#?}");
    assert_eq!(o[0], (Some("PART 1"), "MASG MEMBERS ONLY", 1));
    assert_eq!(o[1], (Some("1"), "Welcoming Remarks", 2));
    assert_eq!(o[4], (Some("PART 2"), "MASG members and Observers", 1));
    assert_eq!(o[11], (Some("10"), "Meeting Close", 2));
    let numbers: Vec<&str> = o.iter().filter_map(|s| s.0).collect();
    assert_eq!(
        numbers,
        ["PART 1", "1", "2", "3", "PART 2", "4", "5", "6", "7", "8", "9", "10"]
    );
    // items hang under their part
    assert_eq!(p.segments[3].parent, Some(0));
    assert_eq!(p.segments[5].parent, Some(4));
    assert_eq!(
        p.segments[5].path(&p.segments),
        [
            "MASG members and Observers",
            "Updates from MASG Observers (UN IACG-MA, OAS, GICHD, JMU/CISR and ITF)"
        ]
    );
    // item 5's body is the Titov statement, and the footer stays in item 10
    let item5 = p.doc.slice(p.segments[6].body);
    assert!(item5
        .trim_start()
        .starts_with("On behalf of Under Secretary-General Ladsous"));
    assert!(p
        .doc
        .slice(p.segments[11].body)
        .contains("Final version (as at 17 March 2015)"));
}

#[test]
fn ccm_summary_has_front_matter_sections_and_sub_items() {
    let Some(path) = common::seed("001") else {
        return;
    };
    let p = common::process(&path);
    let o = outline(&p);
    let numbers: Vec<Option<&str>> = o.iter().map(|s| s.0).collect();
    assert_eq!(
        numbers,
        [
            None,
            Some("1"),
            Some("2"),
            Some("2.1"),
            Some("2.2"),
            Some("2.3"),
            Some("2.4")
        ],
        "{o:#?}"
    );
    assert_eq!(o[3], (Some("2.1"), "Introductory Remarks", 2));
    assert_eq!(p.segments[3].parent, Some(2));
    assert_eq!(p.segments[1].kind, SegmentKind::Item);
    assert_eq!(p.segments[3].kind, SegmentKind::SubItem);
    // the body of the first segment is the meeting summary's opening paragraph
    assert!(p
        .doc
        .slice(p.segments[0].body)
        .starts_with("On Wednesday 20 December 2017"));
}

#[test]
fn numbered_paragraphs_are_not_agenda_items() {
    for (prefix, paragraphs, headings) in [
        (
            "002",
            17,
            vec![
                "Introduction",
                "Why a Contact Group?",
                "What has been done to date on linking mine action and development?",
                "What can the Contact Group do to encourage the link?",
            ],
        ),
        (
            "003",
            16,
            vec![
                "Background",
                "Issues to address",
                "Considerations and conclusions",
                "Recommendation",
            ],
        ),
    ] {
        let Some(path) = common::seed(prefix) else {
            return;
        };
        let p = common::process(&path);
        let titles: Vec<&str> = p.segments.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, headings, "{prefix}");
        assert!(
            p.segments.iter().all(|s| s.number.is_none()),
            "{prefix}: {titles:?}"
        );
        let numbered: Vec<String> = p
            .segments
            .iter()
            .flat_map(|s| s.paragraphs.iter().map(|q| q.number.clone()))
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let expected: Vec<String> = (1..=paragraphs).map(|n| n.to_string()).collect();
        assert_eq!(
            numbered, expected,
            "{prefix}: paragraphs kept as citation anchors"
        );
    }
}

#[test]
fn paragraph_anchor_covers_its_text() {
    let Some(path) = common::seed("003") else {
        return;
    };
    let p = common::process(&path);
    let para12 = p
        .segments
        .iter()
        .flat_map(|s| &s.paragraphs)
        .find(|q| q.number == "12")
        .expect("para 12");
    assert!(p
        .doc
        .slice(para12.span)
        .starts_with("12. Discussions on resources over the past years"));
    let lettered: Vec<&str> = p
        .segments
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|q| q.number.as_str())
        .filter(|n| n.starts_with('('))
        .collect();
    assert_eq!(lettered.len(), 14, "(a) to (n)");
}

#[test]
fn layout_text_of_a_un_report_has_chapters_not_paragraph_items() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path =
        shared.join("corpus-real/CCW_2019_GGE-LAWS-report-2019-session_CCW-GGE.1-2019-3.txt");
    if !path.exists() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let p = common::process(&path);
    let chapters: Vec<(&str, &str)> = p
        .segments
        .iter()
        .filter(|s| s.level == 1 && s.kind != SegmentKind::Annex)
        .map(|s| (s.number.as_deref().unwrap_or(""), s.title.as_str()))
        .collect();
    assert_eq!(
        chapters,
        [
            ("I", "Introduction"),
            (
                "II",
                "Organization and work of the Group of Governmental Experts"
            ),
            ("III", "Conclusions"),
            ("IV", "Recommendations"),
            ("V", "Adoption of the report")
        ]
    );
    let paras: Vec<&str> = p
        .segments
        .iter()
        .take(5)
        .flat_map(|s| &s.paragraphs)
        .map(|q| q.number.as_str())
        .filter(|n| !n.starts_with('('))
        .collect();
    let expected: Vec<String> = (1..=27).map(|n| n.to_string()).collect();
    assert_eq!(paras, expected);
}

/// Minimum segment-title and boundary F1 of the seeds printed to PDF by each
/// producer of `../shared/pdf-samples` and converted back by `pdftotext
/// -layout`: text from a converter that is not agendex's, where a bold heading
/// sits between paragraphs without blank lines (2026-12-04: lo-docx 0.886/0.974,
/// chromium 0.944/0.974, pdflatex 0.821/0.841, groff 0.821/0.841; before
/// 0.833/0.919, 0.907/0.933, 0.648/0.710, 0.559/0.644).
const CONVERTED_SEED_FLOORS: &[(&str, f64, f64)] = &[
    ("lo-docx", 0.88, 0.97),
    ("chromium", 0.94, 0.97),
    ("pdflatex", 0.82, 0.84),
    ("groff", 0.82, 0.84),
];

#[test]
fn seeds_converted_by_pdftotext_keep_their_outline() {
    let Some(shared) = common::shared_with(&["pdf-samples", "gold-dev"]) else {
        return;
    };
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("skipping: pdftotext not found (Debian package poppler-utils)");
        return;
    }
    let rules = common::default_rules();
    let mut failures = Vec::new();
    for (producer, title_floor, boundary_floor) in CONVERTED_SEED_FLOORS {
        let texts = tempfile::tempdir().expect("temp dir");
        let pred = tempfile::tempdir().expect("temp dir");
        let dir = shared.join("pdf-samples").join(producer);
        let mut pdfs: Vec<_> = std::fs::read_dir(&dir)
            .expect("pdf-samples producer folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        pdfs.sort();
        assert_eq!(pdfs.len(), 5, "{}: five seeds", dir.display());
        for pdf in pdfs {
            let stem = pdf
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let txt = texts.path().join(format!("{stem}.txt"));
            let ok = std::process::Command::new("pdftotext")
                .arg("-layout")
                .arg(&pdf)
                .arg(&txt)
                .status()
                .expect("run pdftotext")
                .success();
            assert!(ok, "pdftotext -layout {}", pdf.display());
            let processed =
                agendex::pipeline::process_file(&txt, &stem, &Default::default(), &rules)
                    .unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
            std::fs::write(
                pred.path().join(format!("{stem}.json")),
                serde_json::to_string(&agendex::annotation::to_annotation(&processed))
                    .expect("json"),
            )
            .expect("write prediction");
        }
        let gold = shared.join("gold-dev");
        let args: [&std::ffi::OsStr; 2] = ["--gold".as_ref(), gold.as_os_str()];
        let (v, table) = common::run_score_py(&gold.join("score.py"), pred.path(), &args, producer);
        let f1 = |cat: &str| v["categories"][cat]["f1"].as_f64().unwrap_or(0.0);
        let (title, boundary) = (f1("segments_title"), f1("segments_boundary"));
        if title < *title_floor || boundary < *boundary_floor {
            failures.push(format!(
                "{producer}: title {title:.3} (floor {title_floor}), boundary {boundary:.3} (floor {boundary_floor})\n{table}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
