use super::*;

#[test]
fn a_lead_in_after_an_opening_phrase_gives_its_subject() {
    assert_eq!(
        lead_in_voice("17. On the agenda item 5 (a) “An exploration of the challenges” the Group concluded as follows:")
            .as_deref(),
        Some("the Group")
    );
}

#[test]
fn the_recommendations_of_a_meeting_are_the_meeting_s() {
    assert_eq!(
        lead_in_voice("- The Chairs said that the main recommendations from their workshop with donor States in Lima were that:")
            .as_deref(),
        Some("workshop with donor States in Lima")
    );
    assert_eq!(
        lead_in_voice("Recommendations of the Panel are as follows:").as_deref(),
        Some("Panel")
    );
    assert_eq!(lead_in_voice("The recommendations were that:"), None);
}

#[test]
fn a_lead_in_that_reports_gives_its_reporter() {
    assert_eq!(
        lead_in_voice("The Coordinators explained that previous meetings had concluded that:")
            .as_deref(),
        Some("The Coordinators")
    );
}

#[test]
fn headings_and_lead_ins_give_a_voice() {
    assert_eq!(
        heading_voice("Guiding Principles affirmed by the Group of Governmental Experts on Emerging Technologies").as_deref(),
        Some("Group of Governmental Experts on Emerging Technologies")
    );
    assert_eq!(heading_voice("Annex III"), None);
    assert_eq!(
        lead_in_voice("The Group recommends that:").as_deref(),
        Some("The Group")
    );
    assert_eq!(lead_in_voice("The Group recommends that the meeting"), None);
    assert_eq!(
        speaker_label("IAHWG | Co-Chair", &[]).as_deref(),
        Some("Co-Chair")
    );
    assert_eq!(speaker_label("Opening of the meeting", &[]), None);
    assert_eq!(
        speaker_label("**EU | Representative | (EU)**", &[]).as_deref(),
        Some("EU")
    );
}

#[test]
fn a_verb_followed_by_a_gerund_is_finite() {
    let s = "Ms Marcaillou responded by saying that UNMAS was ready.";
    assert_eq!(subject_end(s), Some("Ms Marcaillou ".len()));
}

#[test]
fn the_subject_ends_at_the_first_finite_verb() {
    let s = "The representative of Sri Lanka said that clearance had advanced.";
    assert_eq!(subject_end(s), Some(32));
    let c = "The delegation of Canada, supported by Norway, proposed that it be translated.";
    assert_eq!(
        &c[..subject_end(c).expect("verb")],
        "The delegation of Canada, supported by Norway, "
    );
    assert_eq!(subject_end("He asked donors to help."), None);
    let sub = sentence_subject("The Committee urged States Parties to act.", 0, &[]);
    assert_eq!(
        sub,
        Some(Subject {
            party: "The Committee".into(),
            person_like: false
        })
    );
    assert_eq!(sentence_subject("The agenda was adopted.", 0, &[]), None);
    let t = "The Council, by its resolution 12 (2030) of 1 May 2030, decided to act.";
    let council = Mention {
        entity: "organisation".to_string(),
        rule: "test".to_string(),
        text: "Council".to_string(),
        span: crate::model::Span { start: 4, end: 11 },
        segment: 0,
        sentence: 0,
        value: crate::model::Value::Name {
            canonical: "Security Council".to_string(),
            attrs: Default::default(),
        },
    };
    assert_eq!(
        sentence_subject(t, 0, &[&council]).map(|s| s.party),
        Some("Security Council".to_string())
    );
}

#[test]
fn members_of_the_body_and_definite_descriptions() {
    let mut d = Discourse {
        body: Some("MASG".into()),
        ..Default::default()
    };
    assert_eq!(
        d.members("other members").as_deref(),
        Some("other MASG members")
    );
    assert_eq!(d.members("Members").as_deref(), Some("MASG members"));
    assert_eq!(d.members("affected States"), None);
    d.orgs
        .push(("committee".into(), "Committee on Victim Assistance".into()));
    assert_eq!(
        d.resolve_definite("The Committee").as_deref(),
        Some("Committee on Victim Assistance")
    );
    assert_eq!(d.resolve_definite("The Group"), None);
}

#[test]
fn the_delegation_seated_at_the_table() {
    let s = "At the invitation of the Chair, the delegation of Malawi took places at the Committee table.";
    assert_eq!(
        delegation_at_table(s, 0, &[]).as_deref(),
        Some("delegation of Malawi")
    );
    assert_eq!(
        delegation_at_table("The delegation of Malawi tabled a draft.", 0, &[]),
        None
    );
}

#[test]
fn a_named_person_before_an_office_taken_for_one() {
    let s = "The Director General of the Authority, Mr Lee Tan, presented the plan.";
    let person = |text: &str, start: usize, canonical: &str| Mention {
        entity: "person".to_string(),
        rule: "test".to_string(),
        text: text.to_string(),
        span: crate::model::Span {
            start,
            end: start + text.len(),
        },
        segment: 0,
        sentence: 0,
        value: crate::model::Value::Name {
            canonical: canonical.to_string(),
            attrs: Default::default(),
        },
    };
    let office = person("The Director General", 0, "The Director General");
    let name = person("Mr Lee Tan", 39, "Lee Tan");
    assert_eq!(&s[39..49], "Mr Lee Tan");
    assert_eq!(
        sentence_subject(s, 0, &[&office, &name]).map(|x| x.party),
        Some("Lee Tan".to_string())
    );
}

#[test]
fn a_lead_in_subject_keeps_its_eighty_character_limit() {
    // "The Meeting of xx...x recommends that:": 80 characters after the
    // capital still make a subject, 81 do not
    let unit = |n: usize| format!("The Meeting of {} recommends that:", "x".repeat(n));
    assert!(lead_in_voice(&unit(70)).is_some());
    assert_eq!(lead_in_voice(&unit(71)), None);
}

#[test]
fn a_meeting_s_recommendations_keep_their_word_and_character_limits() {
    // up to ten words before the meeting's noun, 60 characters after it
    let words = |n: usize| {
        format!(
            "Recommendations of the {} meeting were:",
            vec!["open"; n].join(" ")
        )
    };
    assert!(lead_in_voice(&words(10)).is_some());
    assert_eq!(lead_in_voice(&words(11)), None);
    let tail = |n: usize| format!("Recommendations of the meeting {} were:", "x".repeat(n));
    assert_eq!(
        lead_in_voice(&tail(59)).map(|v| v.len()),
        Some("meeting ".len() + 59)
    );
    assert_eq!(lead_in_voice(&tail(60)), None);
}
