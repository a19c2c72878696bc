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
