//! Tests of the heading rules, and of the byte checks against the regexes they guard.

use proptest::prelude::*;

use super::*;

/// Line openings of every shape the checks look at, and near misses.
const OPENINGS: &[&str] = &[
    "1",
    "12",
    "123",
    "1234",
    "7",
    ".",
    ")",
    "/",
    "a",
    "b",
    "c",
    "ii",
    "II",
    "IV",
    "A",
    "B",
    "C",
    "L",
    "Z",
    "XLVIII",
    "PART",
    "Part",
    "part",
    "CHAPTER",
    "Chapter",
    "SECTION",
    "Section",
    "ANNEX",
    "Annex",
    "APPENDIX",
    "Appendix",
    "ATTACHMENT",
    "Attachment",
    "Resolution",
    "RESOLUTION",
    "The",
    "General",
    "Assembly",
    "Group",
    "of",
    ",",
    ":",
    "-",
    "–",
    "(",
    "(a)",
    "(iv)",
    "•",
    "▪",
    "*",
    " ",
    "  ",
    "\t",
    "\u{b}",
    "\u{a0}",
    "\u{2003}",
    "\n",
    "١٢",
    "٣",
    "１",
    "ONE",
    "Two",
    "2017",
    "(2017)",
    "79/62",
    "2.1",
    "4a",
    "7c.ii",
    "3.b",
    "Item 3",
    "Topic 12",
    "Agenda item 9 (b)",
    "ITEM",
    "II.A",
    "II.A.3",
    "Welcoming",
    "Remarks",
    "États",
    "é",
];

/// What follows an opening: a point, a parenthesis, a slash...
const MARKS: &[&str] = &["", ".", ")", "/", ":", ".1", "a", ",", "(", "1."];

/// An opening, a mark, a space and words: enumerator shapes come often.
fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(OPENINGS),
        prop::sample::select(MARKS),
        prop::sample::select(&[" ", "", "\t", "\u{a0}", "  "][..]),
        prop::collection::vec(prop::sample::select(OPENINGS), 0..5),
    )
        .prop_map(|(o, m, sp, rest)| format!("{o}{m}{sp}{}", rest.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn byte_checks_refuse_only_lines_no_regex_accepts(text in line()) {
        prop_assert_eq!(enumerator(&text), enumerator_after(&text, &Opening::ALL));
        prop_assert_eq!(is_lone_enumerator(&text), LONE_ENUMERATOR.is_match(&text));
        prop_assert_eq!(is_preamble_opening(&text), PREAMBLE.is_match(&text));
        prop_assert_eq!(
            lettered_paragraph(&text).is_some(),
            LETTERED_PARA.is_match(&text)
        );
    }
}

#[test]
fn byte_checks_agree_with_the_regexes_on_real_lines() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut lines = 0;
    for sub in ["seeds", "corpus-real"] {
        let Ok(dir) = std::fs::read_dir(shared.join(sub)) else {
            continue;
        };
        for entry in dir.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for l in text.lines() {
                let t = l.trim();
                assert_eq!(enumerator(t), enumerator_after(t, &Opening::ALL), "{t:?}");
                assert_eq!(is_lone_enumerator(t), LONE_ENUMERATOR.is_match(t), "{t:?}");
                lines += 1;
            }
        }
    }
    // without the shared folder the proptest above still runs
    eprintln!("{lines} real lines checked");
}

#[test]
fn enumerators_of_every_shape() {
    let e = enumerator("PART 1: MASG MEMBERS ONLY").expect("part");
    assert_eq!(
        (e.class, e.number.as_str(), e.rest),
        (HeadingClass::Part, "PART 1", "MASG MEMBERS ONLY")
    );
    let e = enumerator("2.1 Introductory Remarks:").expect("sub-item");
    assert_eq!(
        (e.class, e.number.as_str()),
        (HeadingClass::Numbered(2), "2.1")
    );
    let e = enumerator("II. Organization and work").expect("roman");
    assert_eq!((e.class, e.number.as_str()), (HeadingClass::Roman, "II"));
    assert_eq!(enumerator("10 States Parties had obligations"), None);
    assert_eq!(enumerator("2.5 million were pledged"), None);
    assert_eq!(enumerator("Part of the funds went"), None);
    assert_eq!(enumerator("Annex").map(|e| e.rest), Some("Annex"));
    let e = enumerator("7c.ii Mine risk education").expect("compound");
    assert_eq!(
        (e.class, e.number.as_str()),
        (HeadingClass::Numbered(3), "7c.ii")
    );
    // a labelled item number heads a meeting record's item
    let e = enumerator("Topic 1 : Standards and Criteria").expect("topic");
    assert_eq!(
        (e.class, e.number.as_str(), e.rest),
        (
            HeadingClass::Numbered(1),
            "Topic 1",
            "Standards and Criteria"
        )
    );
    let e = enumerator("ITEM 4. ANY OTHER BUSINESS").expect("item");
    assert_eq!(e.number, "Item 4");
    assert_eq!(enumerator("Agenda item 9 (b): Clearance"), None);
    assert_eq!(enumerator("Item 11 of the agenda"), None);
    assert_eq!(enumerator("Item 3: the delegations agreed"), None);
    // a lettered sub-item written with a point sits where "3b" would
    let e = enumerator("3.b Reports of the working groups").expect("point letter");
    assert_eq!(
        (e.class, e.number.as_str(), e.rest),
        (
            HeadingClass::Numbered(2),
            "3.b",
            "Reports of the working groups"
        )
    );
    assert_eq!(enumerator("3.b the delegations agreed"), None);
    let e = enumerator("II.A.3 Victim assistance").expect("mixed");
    assert_eq!(e.number, "II.A.3");
    let e = enumerator("79/62.       Lethal autonomous weapons systems").expect("resolution");
    assert_eq!(
        (e.class, e.number.as_str(), e.rest),
        (
            HeadingClass::Resolution,
            "79/62",
            "Lethal autonomous weapons systems"
        )
    );
    assert!(is_preamble_opening("The General Assembly,"));
    assert!(is_preamble_opening("The Meeting of the States Parties,"));
    assert!(!is_preamble_opening("The General Assembly decided,"));
    assert!(is_page_furniture(
        "A/RES/79/62   Lethal autonomous weapons systems"
    ));
    assert!(is_page_furniture("*9920410E*"));
    assert!(!is_page_furniture("Lethal autonomous weapons systems"));
}

#[test]
fn titles_versus_paragraphs() {
    assert!(is_title_text("Welcoming Remarks."));
    assert!(is_title_text(
        "Statement by Assistant Secretary-General Dmitry Titov, on behalf of Under Secretary-General Herve Ladsous, DPKO."
    ));
    assert!(is_title_text("Briefing on Meeting with Affected Countries and Others with Pressing Obligations under the CCM held in Geneva on 24 November"));
    assert!(!is_title_text("Experience over the years demonstrates the practical and substantive importance of ISU support to the Standing Committees and the informal contact groups."));
    assert!(!is_title_text(
        "The Group met in March 2019. The Chair organized informal meetings on 15 May."
    ));
    assert!(!is_title_text(
        "Calls upon the Group of Governmental Experts to fulfil its mandate as"
    ));
}

#[test]
fn footnote_marks_leave_titles() {
    assert_eq!(clean_title("Programme of Work4"), "Programme of Work");
    assert_eq!(clean_title("Agenda item 5."), "Agenda item 5");
    assert_eq!(clean_title("Protocol V"), "Protocol V");
}

#[test]
fn plain_titles_and_page_furniture() {
    assert!(is_plain_title("Background"));
    assert!(is_plain_title(
        "What has been done to date on linking mine action and development?"
    ));
    assert!(!is_plain_title("CCW/GGE.1/2019/3"));
    assert!(!is_plain_title("GE.19-16520(E)"));
    assert!(!is_plain_title("(Algeria, Canada, Sweden and Thailand)"));
    assert!(!is_plain_title("- Changeover in staff"));
    assert!(!is_plain_title("Original: English"));
    assert!(!is_plain_title("Distr.: General"));
}

/// Text of words and every kind of whitespace run, ASCII and not.
fn spaced_words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &[
                "a", "Mine", "ÉTAT", "x1", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{b}",
                "\u{85}", "é", "",
            ][..],
        ),
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn word_counts_are_split_whitespaces_up_to_the_limit(text in spaced_words(), limit in 0usize..20) {
        prop_assert_eq!(
            word_count_upto(&text, limit),
            text.split_whitespace().take(limit).count()
        );
    }
}
