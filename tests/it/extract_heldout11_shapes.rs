//! The errors a blind check on unseen web records of the seeds' kind showed
//! (Monitor support chapters and profiles, APMBC meeting accounts, ICBL notes
//! on extension requests), each in a text of its shape written here.

use crate::common;

use agendex::extract::{deadlines, extensions};
use agendex::model::{ExtensionStatus, StatementKind, Value};

#[test]
fn an_amount_given_to_a_count_of_states_is_not_a_range() {
    let ex = common::extract_text(
        "In 2021, 27 donors gave US$512 million to 48 states and areas, and two \
         others gave EUR 3 million and 40 detectors.\n",
    );
    let amounts: Vec<f64> = ex
        .mentions
        .iter()
        .filter_map(|m| match &m.value {
            Value::Money(mo) => Some(mo.value),
            _ => None,
        })
        .collect();
    assert_eq!(amounts, vec![512_000_000.0, 3_000_000.0], "{amounts:?}");
}

#[test]
fn a_party_after_through_receives_the_bracketed_amount() {
    let ex = common::extract_text(
        "In 2022, Canada provided most of its funding to five affected countries through \
         the Mines Advisory Group (MAG) and the HALO Trust (CAD 2,400,000/$1,900,000); the \
         remainder (CAD 96,000/$75,000) went to the GICHD for training.\n",
    );
    let gifts: Vec<(f64, Option<&str>, Option<&str>)> = ex
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Commitment)
        .filter_map(|s| {
            s.amount
                .as_ref()
                .map(|a| (a.value, s.requester.as_deref(), s.addressee.as_deref()))
        })
        .collect();
    assert_eq!(gifts.len(), 4, "{gifts:#?}");
    for (value, donor, recipient) in &gifts {
        assert_eq!(*donor, Some("Canada"), "{value}: {gifts:#?}");
        assert!(recipient.is_some(), "{value}: {gifts:#?}");
    }
    // the bracketed pair after the two NGOs goes to them, the other pair to the GICHD
    assert_ne!(gifts[0].2, Some("GICHD"), "{gifts:#?}");
    assert_eq!(gifts[1].2, gifts[0].2, "{gifts:#?}");
    assert_eq!(gifts[2].2, Some("GICHD"), "{gifts:#?}");
    assert_eq!(gifts[3].2, Some("GICHD"), "{gifts:#?}");
}

#[test]
fn a_request_for_an_extended_deadline_is_submitted_not_granted() {
    let text = "Peru presented its request for an extended mine clearance deadline and \
                the Committee presented its analysis of the request.\n\n\
                Yemen presented its request for an extended deadline.\n";
    let ex = common::extract_text(text);
    let recs = extensions::records(text, &ex);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    for r in &recs {
        assert_eq!(r.status, ExtensionStatus::Submitted, "{recs:#?}");
    }
}

#[test]
fn a_grant_committing_to_a_date_sets_the_new_deadline_and_the_article_is_the_documents() {
    let text = "Four states have submitted deadline extension requests this year: Chad, \
                Peru and Yemen.\n\n\
                In 2016, Angola was granted a second Article 5 deadline extension, committing \
                to release all known mined areas by 31 December 2025.\n";
    let ex = common::extract_text(text);
    let recs = extensions::records(text, &ex);
    let angola = recs
        .iter()
        .find(|r| r.state == "Angola")
        .unwrap_or_else(|| panic!("{recs:#?}"));
    assert_eq!(angola.status, ExtensionStatus::Granted);
    assert_eq!(
        angola.requested_deadline.map(|d| d.to_string()).as_deref(),
        Some("2025-12-31"),
        "{recs:#?}"
    );
    // the requests named without an article are the document's one article's
    for r in &recs {
        assert_eq!(r.obligation.as_deref(), Some("Article 5"), "{recs:#?}");
    }
}

#[test]
fn a_pronoun_turn_owns_its_deadline_by_the_state_its_paragraph_speaks_for() {
    let text = "The delegate of Angola said that survey of the eastern provinces was complete. \
                She added that the national authority would submit its final report by 31 March 2024.\n\n\
                The representative of Norway welcomed the report.\n\n\
                It noted that all reports were due by 30 June 2024.\n";
    let ex = common::extract_text(text);
    let owners: Vec<(&str, Option<String>)> = ex
        .mentions
        .iter()
        .filter(|m| matches!(&m.value, Value::Date(d) if d.deadline.is_some()))
        .map(|m| (m.text.as_str(), deadlines::owner(&ex, text, m)))
        .collect();
    assert!(
        owners.contains(&("31 March 2024", Some("Angola".to_string()))),
        "{owners:?}"
    );
    // a new paragraph does not inherit the one before's state
    assert!(
        !owners.contains(&("30 June 2024", Some("Norway".to_string()))),
        "{owners:?}"
    );
}

#[test]
fn a_states_ministry_named_with_of_keeps_the_body_and_the_state() {
    let ex = common::extract_text(
        "The Ministry of Defence of Ruritania and the Ministry of Foreign Affairs of \
         Norway signed the agreement; the representative of Chile welcomed it.\n",
    );
    let of = |entity: &str| -> Vec<&str> {
        ex.mentions
            .iter()
            .filter(|m| m.entity == entity)
            .map(|m| m.canonical())
            .collect()
    };
    let orgs = of("organisation");
    assert!(
        orgs.contains(&"Ministry of Foreign Affairs of Norway"),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.contains("Chile")), "{orgs:?}");
    let states = of("state");
    assert!(
        states.contains(&"Norway") && states.contains(&"Chile"),
        "{states:?}"
    );
}

#[test]
fn an_acronym_slashed_to_a_known_bodys_acronym_is_a_body() {
    let ex = common::extract_text(
        "Ms Hale from ODSC/UNMAS opened the session and thanked UNDP/BCPR for its support. \
         In 2023/24 the figures rose.\n",
    );
    let orgs: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.entity == "organisation")
        .map(|m| m.text.as_str())
        .collect();
    for want in ["ODSC", "UNMAS", "UNDP", "BCPR"] {
        assert!(orgs.contains(&want), "{want} missing from {orgs:?}");
    }
}
