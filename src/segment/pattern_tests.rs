//! The heading patterns of real records, each on a small text in the shape the
//! records have: run-in headings, compound enumerators, colon headings, table
//! captions and bylines, resolution structure, and the coverage invariant.

use std::path::Path;

use crate::ingest::load_bytes;
use crate::model::SourceFormat;

/// (number, title, level) of each segment.
type Outline = Vec<(Option<String>, String, u8)>;

fn outline(text: &str) -> (Outline, Vec<String>) {
    let doc = load_bytes(
        text.as_bytes(),
        "t.txt",
        Path::new("t.txt"),
        SourceFormat::Text,
    )
    .expect("text");
    let segs = super::segment(&doc);
    let c = super::coverage::check(&doc.text, &segs);
    assert!(c.is_exact(), "{c:?} in {segs:#?}");
    let bodies = segs
        .iter()
        .map(|s| doc.slice(s.body).trim().to_string())
        .collect();
    (
        segs.iter()
            .map(|s| (s.number.clone(), s.title.clone(), s.level))
            .collect(),
        bodies,
    )
}

fn n(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn run_in_sub_items_split_title_from_body() {
    let (o, bodies) = outline(
        "3. Updates from donors\n\n3.1 Japan. The representative of Japan said that funding would continue in 2016.\n\n3.2 Donor update. The representative of Norway said the budget had been cut by ten per cent.\n",
    );
    assert_eq!(
        o,
        [
            (n("3"), "Updates from donors".into(), 1),
            (n("3.1"), "Japan".into(), 2),
            (n("3.2"), "Donor update".into(), 2)
        ]
    );
    assert!(bodies[2].starts_with("The representative of Norway"));
}

#[test]
fn a_run_in_sub_item_may_name_a_speaker_and_office() {
    let (o, bodies) = outline(
        "1. Opening Remarks\n1.1 Meeting Open. The Chair opened the meeting at 14.00 hours and welcomed the participants.\n1.2 ASG Zouev, OROLSI. Mr Zouev thanked the Chair for his introduction and said that he was pleased to attend.\n1.3 Funding, donors and the budget were discussed at length by the members of the group.\n",
    );
    let titles: Vec<&str> = o.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(
        titles,
        ["Opening Remarks", "Meeting Open", "ASG Zouev, OROLSI"]
    );
    assert!(bodies[2].starts_with("Mr Zouev thanked"));
}

#[test]
fn compound_enumerators_nest_under_their_item() {
    let (o, _) = outline(
        "7. Country updates\n\nThe meeting heard updates.\n\n7c. Asia\n\nCambodia reported progress.\n\n7c.ii Lao PDR\n\nThe Lao PDR reported on clearance.\n",
    );
    let numbers: Vec<(Option<String>, u8)> = o.iter().map(|s| (s.0.clone(), s.2)).collect();
    assert_eq!(numbers, [(n("7"), 1), (n("7c"), 2), (n("7c.ii"), 3)]);
}

#[test]
fn headings_ending_in_a_colon_end_the_section_before() {
    let (o, bodies) = outline(
        "II. Statements:\nSeveral delegations spoke on the draft.\n\nIII. Pledges:\nNorway pledged USD 2 million for 2016.\n",
    );
    let titles: Vec<&str> = o.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(titles, ["Statements", "Pledges"]);
    assert!(bodies[1].starts_with("Norway pledged"));
}

#[test]
fn table_captions_and_bylines_are_not_headings() {
    let (o, bodies) = outline(
        "Report on clearance\n\nSubmitted by the Chairperson\n\nThe Committee met twice during the year and agreed on the following figures.\n\nAllocation of funds by province\n\nBattambang 6 Kampot 8 Pailin 18 Takeo 4\n\nThe figures were adopted without a vote.\n",
    );
    let titles: Vec<&str> = o.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(titles, ["(front matter)"], "{o:?}");
    assert!(bodies[0].contains("Allocation of funds by province\n\nBattambang"));
}

#[test]
fn resolutions_have_a_preamble_and_an_operative_part() {
    let (o, bodies) = outline(
        "United Nations A/RES/1/1\n\nResolution adopted by the General Assembly\non 1 December 2025\n\n1/1. Assistance in mine action\n\nThe General Assembly,\nRecalling its earlier resolutions,\nNoting with concern the number of victims,\n1. Calls upon all States to clear mined areas;\n2. Requests the Secretary-General to report at its next session.\n",
    );
    assert_eq!(
        o,
        [
            (n("1/1"), "Assistance in mine action".into(), 1),
            (None, "Preamble".into(), 2),
            (None, "Operative part".into(), 2)
        ]
    );
    assert!(bodies[1].starts_with("Recalling") && !bodies[1].contains("Calls upon"));
    assert!(bodies[2].starts_with("1. Calls upon"));
}

/// A Security Council resolution has a number and no title of its own.
#[test]
fn security_council_resolutions_are_headed_by_their_number() {
    let (o, bodies) = outline(
        "United Nations S/RES/2365 (2017)\nSecurity Council Distr.: General\n30 June 2017\n\nResolution 2365 (2017)\n\nAdopted by the Security Council at its 7991st meeting, on\n30 June 2017\n\nThe Security Council,\n\nRecalling the statements by its President on mine action,\n\n1. Calls upon all parties to armed conflict to protect civilians from landmines;\n\n2. Decides to remain seized of the matter.\n",
    );
    assert_eq!(
        o,
        [
            (n("2365 (2017)"), "Resolution 2365 (2017)".into(), 1),
            (None, "Preamble".into(), 2),
            (None, "Operative part".into(), 2)
        ]
    );
    assert!(bodies[0].starts_with("Adopted by the Security Council"));
    assert!(bodies[2].starts_with("1. Calls upon"));
}

#[test]
fn numbered_paragraphs_stay_paragraphs() {
    let (o, _) = outline(
        "I. Introduction\n\n1. The Group met in March 2019. It adopted its agenda.\n\n2. The Chair organized informal meetings on 15 May and 28 June.\n\n3. Delegations welcomed the report of the Secretary-General on the matter.\n",
    );
    assert_eq!(o, [(n("I"), "Introduction".into(), 1)]);
}

/// A First Committee report: the account of each draft under its symbol, the
/// recommended drafts under "Draft resolution N" and their title, each with its
/// preamble and operative part; "Draft decisions" alone groups the decisions.
#[test]
fn committee_report_drafts_are_headings_with_their_parts() {
    let (o, bodies) = outline(
        "II. Consideration of proposals\n\nA. Draft resolutions\n\nDraft resolution A/C.1/79/L.5\n5. On 28 September, the delegation of Turkmenistan submitted a draft resolution.\n6. At its 28th meeting, the Committee adopted draft resolution A/C.1/79/L.5 without a vote.\n\nDraft resolution A/C.1/79/L.8\n7. On 7 October, the delegation of Pakistan submitted a draft resolution.\n\nIII. Recommendations of the First Committee\n\n114. The First Committee recommends the adoption of the following draft resolutions:\n\nDraft resolution I\nUniversal Declaration on the Achievement of a Nuclear-Weapon-\nFree World\nThe General Assembly,\nRecalling its resolution 78/35,\n1. Welcomes the entry into force of the Treaty;\n2. Decides to include the item in its agenda.\n\nDraft resolution II\nRegional disarmament\nThe General Assembly,\nRecalling its resolutions,\n1. Stresses that sustained efforts are needed.\n\nDraft decisions\n\n115. The First Committee recommends the adoption of the following draft decisions:\n\nDraft decision I\nMissiles\n\nThe General Assembly, recalling its resolutions, decides to include the sub-item.\n",
    );
    assert_eq!(
        o,
        [
            (n("II"), "Consideration of proposals".into(), 1),
            (n("A"), "Draft resolutions".into(), 2),
            (None, "Draft resolution A/C.1/79/L.5".into(), 3),
            (None, "Draft resolution A/C.1/79/L.8".into(), 3),
            (n("III"), "Recommendations of the First Committee".into(), 1),
            (
                n("Draft resolution I"),
                "Universal Declaration on the Achievement of a Nuclear-Weapon-Free World".into(),
                2
            ),
            (None, "Preamble".into(), 3),
            (None, "Operative part".into(), 3),
            (n("Draft resolution II"), "Regional disarmament".into(), 2),
            (None, "Preamble".into(), 3),
            (None, "Operative part".into(), 3),
            (None, "Draft decisions".into(), 2),
            (n("Draft decision I"), "Missiles".into(), 3),
        ]
    );
    assert!(bodies[2].starts_with("5. On 28 September"));
    assert!(bodies[12].starts_with("The General Assembly, recalling"));
}

/// A symbol or a draft named in running text stays text.
#[test]
fn drafts_named_in_running_text_are_not_headings() {
    let (o, _) = outline(
        "1. Introduction\n\nThe Committee adopted\nDraft resolution A/C.1/79/L.5\nwithout a vote.\n\nDraft resolution I was adopted without a vote.\n",
    );
    assert_eq!(o, [(n("1"), "Introduction".into(), 1)]);
}

/// A Chair's summary headed by labelled agenda items in sentence case.
#[test]
fn labelled_agenda_items_in_sentence_case_are_headings() {
    let (o, _) = outline(
        "Agenda item 9 (a): Universalization\n\n1. The President opened the discussion on universalization.\n\nAgenda item 9 (b): Clearance and risk reduction education\n\n2. Lao People's Democratic Republic reported that it had cleared 5,000 hectares.\n\nSession 2 - Victim assistance and the rights of survivors in practice\n\n3. The Coordinators presented their findings.\n",
    );
    assert_eq!(
        o,
        [
            (None, "Agenda item 9 (a): Universalization".into(), 1),
            (
                None,
                "Agenda item 9 (b): Clearance and risk reduction education".into(),
                1
            ),
            (
                None,
                "Session 2 - Victim assistance and the rights of survivors in practice".into(),
                1
            ),
        ]
    );
}

/// An excerpt that opens with a numbered paragraph: the paragraph is running
/// text in front matter (it was counted in the first heading), and a long
/// sentence after a number stays a paragraph however many capitals it has.
#[test]
fn an_opening_numbered_paragraph_is_front_matter() {
    let (o, bodies) = outline(
        "2. The Group of Governmental Experts met from 25 to 29 March and from 20 to 21\nAugust 2019. The Chair organized informal meetings on 15 May.\n\nII. Organization and work of the Group\n3. On Monday, 25 March 2019, the session was opened by the Chairperson.\n4. The following Signatory State to the Convention participated in the work of the Group: Egypt and Sudan.\n",
    );
    assert_eq!(
        o,
        [
            (None, "(front matter)".into(), 0),
            (n("II"), "Organization and work of the Group".into(), 1),
        ]
    );
    assert!(bodies[0].starts_with("2. The Group") && bodies[0].contains("20 to 21\nAugust 2019"));
}

/// Text from a PDF converter that puts each enumerator on its own line
/// (`pdftotext` without `-layout`): "I." then "Introduction", "1." then the
/// paragraph. The chapters are headings, the numbers stay paragraph anchors,
/// and a paragraph whose first line looks like a title is not one.
#[test]
fn an_enumerator_alone_on_its_line_takes_the_next_line() {
    let text = "Report of the Group\nI.\n\nIntroduction\n1.\nThe 2022 Meeting of the High Contracting Parties decided, as contained\nin its final report:\n2.\nThe Group met in Geneva\nfrom 6 to 10 March 2023.\nII.\n\nOrganization and work of the Group\nA.\n\nParticipation\n3.\nThe following States participated.\n";
    let doc = load_bytes(
        text.as_bytes(),
        "t.txt",
        Path::new("t.txt"),
        SourceFormat::Text,
    )
    .expect("text");
    let segs = super::segment(&doc);
    let (o, _) = outline(text);
    assert_eq!(
        o,
        [
            (n("I"), "Introduction".into(), 1),
            (n("II"), "Organization and work of the Group".into(), 1),
            (n("A"), "Participation".into(), 2),
        ]
    );
    let anchors: Vec<Vec<&str>> = segs
        .iter()
        .map(|s| s.paragraphs.iter().map(|p| p.number.as_str()).collect())
        .collect();
    assert_eq!(anchors, [vec!["1", "2"], vec![], vec!["3"]]);
}

/// The same converter's shape in a committee report: a lettered section title
/// that runs straight into its first sentence, and draft headings set between
/// the last sentence of one account and the lone number of the next.
#[test]
fn draft_headings_between_paragraphs_without_layout() {
    let (o, _) = outline(
        "II. Consideration of proposals\nA.\n\nDraft resolutions\nDraft resolution A/C.1/79/L.5\n5.\nOn 28 September, the delegation of Turkmenistan submitted a draft resolution.\n6.\nThe Committee adopted draft resolution\nA/C.1/79/L.5 without a vote.\nDraft resolution A/C.1/79/L.8\n7. On 7 October, the delegation of Pakistan submitted a draft resolution.\nB.\n\nBox I\nIn Box I, the Chair proposed the following elements:\n",
    );
    assert_eq!(
        o,
        [
            (n("II"), "Consideration of proposals".into(), 1),
            (n("A"), "Draft resolutions".into(), 2),
            (None, "Draft resolution A/C.1/79/L.5".into(), 3),
            (None, "Draft resolution A/C.1/79/L.8".into(), 3),
            (n("B"), "Box I".into(), 2),
        ]
    );
}

/// Headings that a converter leaves without blank lines: a title between a
/// finished sentence and a numbered paragraph, and a title after a blank line
/// right above a wrapped paragraph. A list of names, a lead-in ending in a
/// colon and a table's header row stay text.
#[test]
fn a_title_between_paragraphs_without_blank_lines() {
    let (o, _) = outline(
        "Background\n1. One of the most significant outcomes of the 2009 Cartagena Summit was the\nstrong interest expressed by States Parties in cooperation and assistance.\nIssues to address\n2. The discussions prior to and during the Summit have helped to focus on some key\nissues that States Parties should address.\n\nIndividualised Approach\nAs part of the Committee's mandate to facilitate the fostering of partnerships between\nStates Parties, the Committee continues to develop the approach.\n\nSan Marino, Saudi Arabia, Senegal, Sierra Leone, Singapore, Slovenia, South\nAfrica, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syrian Arab Republic,\nThailand and Togo.\n\nOption A:\nTo withdraw the Force, leaving at the most a small political mission, if that was\nthe wish of the parties;\n",
    );
    assert_eq!(
        o,
        [
            (None, "Background".into(), 1),
            (None, "Issues to address".into(), 1),
            (None, "Individualised Approach".into(), 1),
        ]
    );
}

/// A transcript marks its speakers in bold; a question standing alone in a
/// turn is spoken, not a heading. In a paper that marks some headings, an
/// unmarked question over a numbered paragraph still is one.
#[test]
fn a_spoken_question_in_a_transcript_is_no_heading() {
    let (o, _) = outline(
        "**IAHWG | Co-Chair**\n\nI now give the floor to Kuwait.\n\nWhere is Kuwait?\n\nI can't see you.\n\n**Kuwait | Permanent Representative**\n\nThank you, Co-Chairs, for convening this meeting today.\n",
    );
    let titles: Vec<&str> = o.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(
        titles,
        ["IAHWG | Co-Chair", "Kuwait | Permanent Representative"]
    );
    let (o, _) = outline(
        "#### Why a Contact Group?\n\n2. For a number of years, there have been discussions on the need.\n\nWhat has been done to date on linking mine action and development?\n\n7. Several mine action stakeholders including affected states, donors and practitioners have\nalready taken steps towards linking mine action and development.\n",
    );
    let titles: Vec<&str> = o.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Why a Contact Group?",
            "What has been done to date on linking mine action and development?"
        ]
    );
}
