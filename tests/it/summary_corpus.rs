//! `summary` money facts on the repository's sample corpus (`corpus/`): who gives
//! which amount when one sentence lists several givers.

use crate::query_support;

use agendex::date::Date;
use agendex::query::summary::{self, Subject, SummaryRequest};
use agendex::query::Filters;

fn japan() -> summary::Summary {
    let idx = query_support::corpus_index();
    summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject: Subject::State("Japan".into()),
            filters: Filters::default(),
            as_of: Date::new(2023, 1, 1).expect("valid date"),
        },
    )
    .expect("summary builds")
}

#[test]
fn givers_in_a_list_keep_their_own_amounts() {
    let s = japan();
    let find = |text: &str| s.money.iter().find(|m| m.text.contains(text));
    // "Japan (JPY 2.6 billion, through JICA and UNDP), the Netherlands (EUR 12 million), ..."
    let jpy = find("JPY 2.6 billion").expect("Japan's own commitment is listed");
    assert_eq!(
        (jpy.kind.as_str(), jpy.donor.as_deref()),
        ("contribution", Some("Japan"))
    );
    assert!(
        find("EUR 12 million").is_none(),
        "the Netherlands' amount is not Japan's"
    );
    assert!(
        find("NOK 300 million").is_none(),
        "Norway's amount is not Japan's"
    );
    // "... including 14 million United States dollars from Japan and EUR 5 million from Germany"
    let usd = find("14 million United States dollars").expect("listed");
    assert_eq!(usd.donor.as_deref(), Some("Japan"));
    assert!(
        find("EUR 5 million").is_none(),
        "Germany's amount is not Japan's"
    );
    // every contribution by Japan counts in its per-donor total
    let by_japan: f64 = s
        .money
        .iter()
        .filter(|m| m.kind == "contribution" && m.donor.as_deref() == Some("Japan"))
        .filter(|m| m.currency == "JPY")
        .map(|m| m.value)
        .sum();
    let total = s
        .by_donor
        .iter()
        .find(|t| t.donor.as_deref() == Some("Japan") && t.currency == "JPY")
        .expect("JPY total for Japan");
    assert_eq!(total.total, by_japan);
    assert!(total.total >= 2.6e9);
}

#[test]
fn requests_cite_the_numbered_paragraph() {
    let idx = query_support::corpus_index();
    let s = summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject: Subject::State("Angola".into()),
            filters: Filters::default(),
            as_of: Date::new(2023, 1, 1).expect("valid date"),
        },
    )
    .expect("summary builds");
    // "10. ... The Committee requested Angola to develop such a strategy ..."
    let strategy = s
        .requests
        .iter()
        .find(|r| r.text.contains("develop such a strategy"))
        .expect("the Committee's request to Angola is listed");
    assert_eq!(strategy.citation.para.as_deref(), Some("10"));
    assert!(strategy.citation.render().contains(", para 10 ["));
}

fn state_summary(state: &str) -> summary::Summary {
    let idx = query_support::corpus_index();
    summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject: Subject::State(state.into()),
            filters: Filters::default(),
            as_of: Date::new(2023, 1, 1).expect("valid date"),
        },
    )
    .expect("summary builds")
}

/// "Cambodia requested an extension of its deadline from 1 January 2020 to
/// 31 December 2025, and Ethiopia requested an extension from 1 June 2020 to
/// 31 December 2025": each deadline is listed under its own state, and says
/// whose it is.
#[test]
fn deadlines_are_listed_under_their_owner_only() {
    let ethiopia_sentence = "Ethiopia requested an extension from 1 June 2020";
    let cambodia = state_summary("Cambodia");
    let in_sentence: Vec<_> = cambodia
        .deadlines
        .iter()
        .filter(|d| d.context.contains(ethiopia_sentence))
        .collect();
    let texts: Vec<&str> = in_sentence.iter().map(|d| d.text.as_str()).collect();
    assert!(texts.contains(&"1 January 2020"), "{texts:?}");
    assert!(
        !texts.contains(&"1 June 2020"),
        "Ethiopia's original deadline is not Cambodia's: {texts:?}"
    );
    assert_eq!(
        in_sentence.len(),
        2,
        "Cambodia's original and extended deadlines only: {texts:?}"
    );
    assert!(in_sentence
        .iter()
        .all(|d| d.whose.as_deref() == Some("Cambodia")));

    // "... and Cambodia received about 60 per cent of all international mine
    // action funding, while several States Parties with deadlines in 2009
    // received little or none": the States Parties' deadline, not Cambodia's
    assert!(
        !cambodia.deadlines.iter().any(|d| d
            .context
            .contains("several States Parties with deadlines in 2009")),
        "a group's deadline is listed under a state its sentence names"
    );

    let ethiopia = state_summary("Ethiopia");
    let theirs: Vec<&str> = ethiopia
        .deadlines
        .iter()
        .filter(|d| d.context.contains(ethiopia_sentence))
        .map(|d| d.text.as_str())
        .collect();
    assert!(theirs.contains(&"1 June 2020"), "{theirs:?}");
    assert!(!theirs.contains(&"1 January 2020"), "{theirs:?}");
    assert!(ethiopia
        .deadlines
        .iter()
        .filter(|d| d.context.contains(ethiopia_sentence))
        .all(|d| d.whose.as_deref() == Some("Ethiopia")));
}

/// The Markdown and CSV forms say whose a deadline is, and what is due when
/// the text says so.
#[test]
fn deadlines_say_whose_and_what_is_due() {
    let s = state_summary("Cambodia");
    let md = summary::render_markdown(&s);
    assert!(
        md.contains("(original \"1 January 2020\"; Cambodia's)"),
        "{md}"
    );
    let json = summary::to_json(&s);
    let first = &json["deadlines"][0];
    assert!(first.get("whose").is_some() && first.get("what_is_due").is_some());
    assert_eq!(json["schema_version"], 4);
}
