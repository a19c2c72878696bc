//! Who asks whom in the shapes of meeting records and committee papers that
//! session 11's blind pages showed: a modal between a body and its asking verb,
//! requests a party receives, questions put as "asked why", a body's hope that
//! others act, "It" after a sentence whose subject is the body. The texts are
//! written here, in the records' forms.

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
fn a_modal_is_no_word_of_the_body_that_asks() {
    let text = "Working methods\n\n\
        (c) The Panel might specifically request that further figures be sent to the Panel \
        within three months.\n\n\
        (d) The Board may request that the Government concerned receive a visit by two of \
        its members, when the figures it holds are not enough to judge the situation.\n";
    let all = requests(text);
    let c = common::statement_with(&all, "further figures");
    assert_eq!(c.requester.as_deref(), Some("The Panel"));
    let d = common::statement_with(&all, "receive a visit");
    assert_eq!(d.requester.as_deref(), Some("The Board"));
}

#[test]
fn the_one_who_receives_requests_is_asked() {
    let text = "Support\n\n\
        The Secretariat received requests for technical advice from Malawi and Fiji. \
        The Director added that the UN may receive a request to deploy a survey team.\n";
    let all = requests(text);
    let received = common::statement_with(&all, "technical advice");
    assert_eq!(received.requester.as_deref(), Some("Malawi and Fiji"));
    assert_eq!(received.addressee.as_deref(), Some("The Secretariat"));
    let they = requests(
        "Discussion\n\nSeveral donor States noted that they received more requests for \
         assistance than they could meet.\n",
    );
    let they = common::statement_with(&they, "received more requests");
    assert_eq!(they.addressee.as_deref(), Some("Several donor States"));
    let may = common::statement_with(&all, "survey team");
    assert_eq!(may.requester, None);
    assert_eq!(may.addressee.as_deref(), Some("United Nations"));
}

#[test]
fn questions_and_hopes_are_requests() {
    let text = "Consideration of reports\n\n\
        Ms. Okafor asked why the report of Fiji had been delayed. \
        The Committee expressed the hope that Malawi would submit its report soon.\n";
    let all = requests(text);
    let why = common::statement_with(&all, "asked why");
    assert_eq!(why.requester.as_deref(), Some("Okafor"));
    let hope = common::statement_with(&all, "expressed the hope");
    assert_eq!(hope.requester.as_deref(), Some("The Committee"));
}

#[test]
fn it_is_the_body_whose_intention_the_sentence_before_states() {
    let text = "Conclusion\n\n\
        The Committee intends to pursue its work along the lines set out above. \
        It would welcome any comments on how to improve its work.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "would welcome");
    assert_eq!(call.requester.as_deref(), Some("The Committee"));
}

#[test]
fn a_summary_record_puts_the_members_questions_to_the_delegation_at_the_table() {
    let text = "Consideration of the report of Malawi\n\n\
        At the invitation of the Chair, the delegation of Malawi took places at the table.\n\n\
        Ms. Okafor (Nigeria) asked how many survivors had received support in 2021.\n\n\
        The Chair requested the delegation to send the figures in writing.\n\n\
        The representative of Malawi called on partners to fund the survey of the north.\n";
    let all = requests(text);
    let q = common::statement_with(&all, "how many survivors");
    assert_eq!(q.addressee.as_deref(), Some("delegation of Malawi"));
    let chair = common::statement_with(&all, "send the figures");
    assert_eq!(chair.addressee.as_deref(), Some("delegation of Malawi"));
    // the delegation's own call is put to those it names
    let own = common::statement_with(&all, "fund the survey");
    assert_eq!(own.addressee.as_deref(), Some("partners"));
    // with no delegation seated, no one is known to be asked
    let plain = text.replace(
        "the delegation of Malawi took places at the table",
        "the agenda was adopted",
    );
    let all = requests(&plain);
    assert_eq!(
        common::statement_with(&all, "how many survivors").addressee,
        None
    );
}

#[test]
fn a_committee_paper_s_present_calls_are_its_own() {
    let text = "Intersessional Meetings\n\n\
        OBSERVATIONS OF THE COMMITTEE ON VICTIM ASSISTANCE\n\n\
        Submitted by the Committee on Victim Assistance (Chile, Iraq, Norway and Peru)\n\n\
        1. The Committee reviewed the reports submitted before the Twentieth Meeting of the States Parties.\n\n\
        2. States Parties with survivors in their territory are encouraged to report on \
        access to services, including the number of persons served.\n\n\
        3. Affected States Parties should update their national plans, as called for by \
        Action 33 of the action plan.\n";
    let all = requests(text);
    let present = common::statement_with(&all, "are encouraged");
    assert_eq!(
        present.requester.as_deref(),
        Some("Committee on Victim Assistance")
    );
    assert_eq!(
        present.addressee.as_deref(),
        Some("States Parties with survivors in their territory")
    );
    let should = common::statement_with(&all, "update their national plans");
    assert_eq!(
        should.requester.as_deref(),
        Some("Committee on Victim Assistance")
    );
    assert_eq!(should.addressee.as_deref(), Some("Affected States Parties"));
}

#[test]
fn an_appeal_to_a_party_for_support_asks_that_party() {
    let text = "Briefings\n\n\
        The Director of UNICEF said that needs had grown. She appealed to donors for \
        predictable funding, which would allow UNICEF to plan its risk education.\n";
    let all = requests(text);
    let appeal = common::statement_with(&all, "appealed to donors");
    assert_eq!(appeal.addressee.as_deref(), Some("donors"));
}

#[test]
fn in_a_body_s_minutes_its_chair_speaks_to_its_members() {
    let text = "MINUTES\nDONOR SUPPORT GROUP (DSG) MEETING\nBERN, 3 MARCH 2024\n\n\
        1. Closing\n\n\
        In closing, the Chair recalled that the DSG takes no joint decisions, but that \
        the exchange had been useful and that it should be repeated before the summer.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "should be repeated");
    assert_eq!(call.addressee.as_deref(), Some("DSG members"));
    // a report that is no record of a meeting has no members to speak to
    let report = text.replace("MINUTES\n", "REPORT\n");
    let all = requests(&report);
    assert_eq!(
        common::statement_with(&all, "should be repeated").addressee,
        None
    );
}

#[test]
fn those_who_took_the_floor_ask_and_an_owner_is_not_asked() {
    let text = "Country dialogue\n\n\
        During the meeting, all the organizations active in Malawi took the floor and \
        expressed the importance of supporting Malawi's survey programme until completion.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "expressed the importance");
    assert_eq!(
        call.requester.as_deref(),
        Some("all the organizations active in Malawi")
    );
    assert_eq!(call.addressee, None);
}

#[test]
fn a_named_party_that_stresses_a_need_asks_and_is_not_asked() {
    let text = "Statements\n\n\
        Switzerland stressed the need for mine action to be integrated into development plans.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "stressed the need");
    assert_eq!(call.requester.as_deref(), Some("Switzerland"));
    assert_eq!(call.addressee, None);
}

#[test]
fn an_impersonal_passive_puts_the_call_to_its_that_clause_subject() {
    let text = "Recommendations\n\n\
        After the discussion, it was recommended that affected States present their needs \
        at the next meeting.\n";
    let all = requests(text);
    let call = common::statement_with(&all, "it was recommended");
    assert_eq!(call.addressee.as_deref(), Some("affected States"));
}
