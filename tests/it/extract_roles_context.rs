//! Who asks whom where the sentence does not say, in the shapes the blind
//! held-out sets (heldout7, heldout8) showed: a group's conclusions cut by a
//! page break, calls inside a list item, a Chair's summary of delegations'
//! proposals, a report of the Secretary-General to the Council, a resolution's
//! negative call. The texts are written here, in the records' forms.

use crate::common;

use agendex::model::{Statement, StatementKind};

fn requests(text: &str) -> Vec<Statement> {
    common::extract_text(text)
        .statements
        .into_iter()
        .filter(|s| s.kind == StatementKind::Request)
        .collect()
}

#[test]
fn a_lead_in_voice_goes_on_over_a_page_number_and_running_head() {
    let text = "III. Findings\n\n\
        11. Having considered the proposals before it, the Panel concluded as follows:\n\n\
        7\n\nXYZ/PNL.2/2031/4\n\n\
        12. The definition of remotely operated systems should take into consideration \
        future developments.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "should take into consideration");
    assert_eq!(call.requester.as_deref(), Some("the Panel"));
}

#[test]
fn a_group_s_conclusion_that_names_no_one_is_put_to_the_high_contracting_parties() {
    let text = "III. Conclusions\n\n\
        17. On the basis of its work under the CCW, the Panel concluded as follows:\n\n\
        (a) Remotely operated systems must not be used where they cannot be used in \
        compliance with international humanitarian law;\n\n\
        (b) Human judgement is essential in the use of such systems.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "must not be used");
    assert_eq!(call.requester.as_deref(), Some("the Panel"));
    assert_eq!(call.addressee.as_deref(), Some("High Contracting Parties"));
    // outside a CCW record no one is known to be asked
    let plain = text.replace("under the CCW", "of the year");
    let all = requests(&plain);
    assert_eq!(
        common::statement_with(&all, "must not be used").addressee,
        None
    );
}

#[test]
fn a_further_sentence_of_a_list_item_asks_what_the_item_asks() {
    let text = "Note by the Secretariat\n\nSubmitted by the Coordinator\n\n\
        4. Throughout the life of a system, States should:\n\n\
        1. Keep records of each deployment. These records should also be shared with \
        the national authority on request.\n\n\
        2. Train the operators of such systems.\n\n\
        5. Several delegations requested the inclusion of a paragraph to address the need \
        to train operators.\n";
    let all = requests(text);
    let further = common::statement_with(&all, "These records should also");
    assert_eq!(further.requester.as_deref(), Some("Coordinator"));
    assert_eq!(further.addressee.as_deref(), Some("States"));
    // in the Coordinator's summary, delegations put their proposals to the Coordinator
    let deletion = common::statement_with(&all, "requested the inclusion");
    assert_eq!(deletion.requester.as_deref(), Some("Several delegations"));
    assert_eq!(deletion.addressee, None);
}

#[test]
fn in_a_chair_s_summary_delegations_propose_to_the_chair_and_some_of_them_are_theirs() {
    let text = "Chair's summary of the second session\n\nSubmitted by the Chairperson\n\n\
        12. Several delegations objected to the word \u{201c}traceable\u{201d}. Furthermore, \
        some of them underlined that the Panel should use terms already discussed. Those \
        delegations therefore requested a reference to the chain of command only.\n";
    let all = requests(text);
    let asked = common::statement_with(&all, "therefore requested");
    assert_eq!(asked.addressee.as_deref(), Some("Chairperson"));
    let some = common::statement_with(&all, "some of them");
    assert_eq!(some.requester.as_deref(), Some("some delegations"));
}

#[test]
fn the_recommendations_of_a_meeting_ask_in_the_list_below_them() {
    let text = "3.1 Briefing on the Workshop with Donor States held in Lima on 3 May\n\n\
        - The Chairs reported that the main recommendations from their workshop with donor \
        States in Lima were that:\n \
        - Donor States should fund multi-year clearance plans.\n \
        - Affected States should prepare costed work plans and requests for support.\n\n\
        3.2 Update on obligations\n\n\
        - 9 States Parties had clearance obligations of which five had requested assistance.\n";
    let all = requests(text);
    let fund = common::statement_with(&all, "fund multi-year");
    assert_eq!(
        fund.requester.as_deref(),
        Some("workshop with donor States in Lima")
    );
    assert_eq!(fund.addressee.as_deref(), Some("Donor States"));
    // a noun trigger ("requests for") in the object of the call
    let plans = common::statement_with(&all, "costed work plans");
    assert_eq!(
        plans.requester.as_deref(),
        Some("workshop with donor States in Lima")
    );
    assert_eq!(plans.addressee.as_deref(), Some("Affected States"));
    let five = common::statement_with(&all, "of which five");
    assert_eq!(five.requester.as_deref(), Some("five States Parties"));
}

#[test]
fn it_is_the_body_named_before_an_inserted_phrase() {
    let text = "I. INTRODUCTION\n\n1. The Security Council, by its resolution 2101 (2031) of \
        3 March 2031, decided to establish the Mission for an initial period of six months. \
        It further requested the Secretary-General to appoint a Special Coordinator.\n";
    let all = requests(text);
    let it = common::statement_with(&all, "It further requested");
    assert_eq!(it.requester.as_deref(), Some("UN Security Council"));
    assert_eq!(it.addressee.as_deref(), Some("the Secretary-General"));
}

#[test]
fn a_speaker_s_ordinal_actions_are_calls_on_those_they_are_for() {
    let text = "**Norway | Representative**\n\n\
        Thank you, Chair.\n\n\
        Norway proposes the following practical steps for donor States.\n\n\
        First, publish multi-year pledges for clearance.\n\n\
        Second, pool funding for non-technical survey.\n\n\
        These steps could be reviewed at the next meeting.\n\n\
        Third, mandates must remain focused.\n";
    let all = requests(text);
    for words in ["publish multi-year pledges", "pool funding"] {
        let step = common::statement_with(&all, words);
        assert_eq!(step.requester.as_deref(), Some("Norway"), "{words}");
        assert_eq!(step.addressee.as_deref(), Some("donor States"), "{words}");
    }
    // "First, the spirit of ..." and the like are no calls
    let plain = requests("**Chile | Representative**\n\nFirst, the spirit of consensus.\n");
    assert!(plain.is_empty(), "{plain:#?}");
}

#[test]
fn the_help_asked_of_a_body_asks_the_body() {
    let text = "Minutes of the donor meeting\n\n\
        After a year of the new policy, there had been a strong push from many affected \
        states for continued UNICEF assistance.\n\n\
        In the light of new programmes requesting UNICEF support, Ms Okafor said that UNICEF \
        had decided to review the policy.\n";
    let all = requests(text);
    let push = common::statement_with(&all, "strong push");
    assert_eq!(push.requester.as_deref(), Some("many affected states"));
    assert_eq!(push.addressee.as_deref(), Some("UNICEF"));
    let support = common::statement_with(&all, "requesting UNICEF support");
    assert_eq!(support.addressee.as_deref(), Some("UNICEF"));
}
