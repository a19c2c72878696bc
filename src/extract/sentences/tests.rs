use proptest::prelude::*;

use super::markers::MAX_ENUMERATOR_LEN;
use super::running_text::{flatten, is_bare_enumerator};
use super::*;

fn seg(ordinal: usize, heading: (usize, usize), body: (usize, usize)) -> Segment {
    Segment {
        ordinal,
        kind: crate::model::SegmentKind::Item,
        number: None,
        title: String::new(),
        level: 1,
        parent: None,
        heading: Span::new(heading.0, heading.1),
        body: Span::new(body.0, body.1),
        paragraphs: Vec::new(),
    }
}

#[test]
fn page_markers_and_blank_lines_whatever_their_spaces() {
    for marker in ["/...", "  /…  ", "\u{a0}/ ...\t", "/..."] {
        assert!(is_page_marker(marker), "{marker:?}");
    }
    for other in ["/.. .", "a /...", "/", ""] {
        assert!(!is_page_marker(other), "{other:?}");
    }
    // a line of no-break and em spaces is blank: the sentences on either side
    // stay apart
    let units = split("First line\n\u{a0}\u{2003}\nSecond line", &[], &[], &[]);
    assert_eq!(units.len(), 2);
}

proptest! {
    #[test]
    fn lookups_agree_with_the_linear_scans(
        spans in prop::collection::vec((0usize..60, 0usize..12, 0usize..12), 0..12),
        pos in 0usize..80,
        len in 0usize..6,
    ) {
        let marks: Vec<Span> = spans.iter().map(|&(s, l, _)| Span::new(s, s + l)).collect();
        let line = Span::new(pos, pos + len);
        prop_assert_eq!(
            overlaps_any(&MarkIndex::new(marks.clone()), line),
            marks.iter().any(|m| m.overlaps(line))
        );
        // outlines in text order, extents of any length, nested or not
        let mut sorted = spans.clone();
        sorted.sort();
        let segments: Vec<Segment> = sorted
            .iter()
            .enumerate()
            .map(|(i, &(s, h, b))| seg(i, (s, s + h), (s + h, s + h + b)))
            .collect();
        let extents: Vec<Span> = segments.iter().map(Segment::extent).collect();
        prop_assert_eq!(
            segment_of_sorted(&segments, &extents, pos),
            segment_of(&segments, pos)
        );
    }

    #[test]
    fn flattening_keeps_offsets_and_blanks_markers(
        lines in prop::collection::vec(
            prop::sample::select(&["a b.", "/...", "/…", "", "Éé.", " x\r"][..]), 0..8)
    ) {
        let block = lines.join("\n");
        let mut old = String::new();
        for l in block.split_inclusive('\n') {
            if is_page_marker(l) {
                old.extend(std::iter::repeat_n(' ', l.len()));
            } else {
                old.push_str(&l.replace(['\n', '\r'], " "));
            }
        }
        prop_assert_eq!(flatten(&block), old);
    }
}

fn texts(text: &str) -> Vec<(String, UnitKind)> {
    split(text, &[], &[], &[])
        .iter()
        .map(|u| (text[u.span.start..u.span.end].to_string(), u.kind))
        .collect()
}

#[test]
fn enumerators_are_never_longer_than_the_bound() {
    for s in [
        "(abcd) x",
        "12345678) x",
        "1.2.3.45) x",
        "a) x",
        "12. x",
        "1234.5678 x",
    ] {
        assert!(
            enumerator_len(s).is_none_or(|l| l <= MAX_ENUMERATOR_LEN),
            "{s}"
        );
    }
    assert_eq!(enumerator_len("12.1.2.3) x"), Some(10));
    assert!(is_bare_enumerator("12."));
    assert!(is_bare_enumerator("(a)"));
    assert!(!is_bare_enumerator("12. Text"));
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    let t = "Mr. Magdy Martinez spoke, e.g. on funding. Dr. J. Smith agreed. See No. 5 of it.";
    let s: Vec<String> = texts(t).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        s,
        vec![
            "Mr. Magdy Martinez spoke, e.g. on funding.",
            "Dr. J. Smith agreed.",
            "See No. 5 of it."
        ]
    );
}

#[test]
fn bullets_are_units_and_headings_stand_alone() {
    let t = "KEY POINTS\n\n- Two states had deadlines. Neither needed help.\n- Another point\n\nBody text here. Second one.\n";
    let u = texts(t);
    assert_eq!(u[0], ("KEY POINTS".into(), UnitKind::Heading));
    assert_eq!(
        u[1],
        (
            "Two states had deadlines. Neither needed help.".into(),
            UnitKind::ListItem
        )
    );
    assert_eq!(u[2], ("Another point".into(), UnitKind::ListItem));
    assert_eq!(u[3].0, "Body text here.");
    assert_eq!(u[4].0, "Second one.");
}

#[test]
fn numbered_paragraphs_and_page_breaks() {
    let t = "1. One sentence here. Two here.\n2. Next para is\n\ncontinued after a page break.\n";
    let s: Vec<String> = texts(t).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        s,
        vec![
            "One sentence here.",
            "Two here.",
            "Next para is\n\ncontinued after a page break."
        ]
    );
    let t = "36. The level of its Military Component, which under the original plan\nwas to have\n\n/...\n\nbeen reduced, should be kept. Next.\n";
    let s: Vec<String> = texts(t).into_iter().map(|(s, _)| s).collect();
    assert_eq!(
        s,
        vec![
            "The level of its Military Component, which under the original plan\nwas to have\n\n/...\n\nbeen reduced, should be kept.",
            "Next."
        ]
    );
}
