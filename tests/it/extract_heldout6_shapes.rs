//! The errors the blind held-out set heldout6 showed (SG reports read from
//! PDF, a General Assembly resolution), each in a text of its shape written
//! here: what had happened "by" a date, a recalled "extended deadline", the
//! author's impersonal and "the Council may wish to" calls, the agent of a
//! modal passive, a verb coordinated after a long lead adverbial, and
//! organisations the gazetteer did not know.

use crate::common;
use crate::common::request_with;

use agendex::extract;
use agendex::model::Extraction;

fn run(text: &str) -> Extraction {
    common::extract_text(text)
}

#[test]
fn what_had_happened_by_a_date_is_no_deadline() {
    let ex = run(
        "However, by June 2004 only about $40 million of the $300 million pledged at \
        the conference held in Oslo in May 2003 had been disbursed.\n\n\
        By the end of March 2004, the contracts signed totalled over 900.\n\n\
        All States should report by 30 April 2005.\n",
    );
    assert_eq!(common::deadlines(&ex), vec!["30 April 2005"]);
}

#[test]
fn a_recalled_extended_deadline_is_no_extension_record() {
    let text = "The Conference recalled that two possessor States, Libya and Iraq, had \
        been unable to meet the final extended deadline of 29 April 2012 for the \
        destruction of their stockpiles.\n";
    let ex = run(text);
    assert!(extract::extensions::records(text, &ex).is_empty());
}

#[test]
fn the_author_of_a_report_asks_in_impersonal_calls_and_may_wish_to() {
    let ex = run("1. My Special Representative met the parties.\n\n\
        2. Until an agreement is reached, there is a need to ensure stability. It is also \
        necessary to include minority officers in the police. As such, the Council may \
        wish to call upon the parties to respect the ceasefire. Basic elements of the \
        regime should be adhered to by all parties.\n");
    for words in ["there is a need", "It is also necessary", "may wish"] {
        let r = request_with(&ex, words);
        assert_eq!(r.requester.as_deref(), Some("Secretary-General"), "{words}");
    }
    assert!(request_with(&ex, "may wish")
        .addressee
        .as_deref()
        .is_some_and(|a| a.ends_with("Council")));
    assert_eq!(
        request_with(&ex, "adhered to by").addressee.as_deref(),
        Some("all parties")
    );
}

#[test]
fn a_coordinated_verb_after_a_lead_adverbial_shares_the_subject() {
    let ex = run(
        "In the conclusions of its meeting at Bonn on 9 and 10 December 1997, the \
        Steering Board welcomed the work of UNICEF and asked UNDP to take on new tasks.\n",
    );
    let r = request_with(&ex, "asked UNDP");
    assert_eq!(r.requester.as_deref(), Some("the Steering Board"));
    assert_eq!(r.addressee.as_deref(), Some("UNDP"));
}

#[test]
fn organisations_of_the_heldout_records_are_known() {
    let ex = run(
        "The Organisation for the Prohibition of Chemical Weapons, the Commonwealth \
        of Independent States (CIS), the International Police Task Force and the \
        International Development Association took part.\n",
    );
    let orgs: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.entity == "organisation")
        .map(|m| m.canonical())
        .collect();
    for o in ["OPCW", "CIS", "IPTF", "IDA"] {
        assert!(orgs.contains(&o), "{o} not in {orgs:?}");
    }
}

#[test]
fn a_credit_or_funds_from_a_lender_are_its_contribution() {
    let ex = run(
        "Part of the support was a $75 million emergency credit from the World \
        Bank for health and education.\n\n\
        To date, a total of US$ 435 million in World Bank funds has been mobilized for \
        20 projects.\n",
    );
    let gifts = common::gifts(&ex);
    assert!(
        gifts.contains(&(75_000_000.0, Some("World Bank"))),
        "{gifts:?}"
    );
    assert!(
        gifts.contains(&(435_000_000.0, Some("World Bank"))),
        "{gifts:?}"
    );
}

#[test]
fn month_year_ranges_and_table_figures() {
    let rules = common::default_rules();
    let doc = extract::text_document(
        "The amount owed totalled $156,050 for the period from January 2007 to \
         September 2008.\n\nMonth No. of violations\n\nJanuary 46 48,049 February 11 12,370\n",
        agendex::date::Date::new(2009, 2, 3),
    );
    let ex = extract::extract(&doc, &[], &rules);
    let dates: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.entity == "date")
        .map(|m| m.text.as_str())
        .collect();
    assert!(
        dates.contains(&"January 2007 to September 2008"),
        "{dates:?}"
    );
    assert!(!dates.iter().any(|d| d.contains("9 February")), "{dates:?}");
}

#[test]
fn a_government_named_after_its_head_names_a_person() {
    let ex = run(
        "The election of the new Government of Ana Petrovic gave fresh impetus, \
        while the Government of Viet Nam and the Government of National Unity took note.\n",
    );
    let people: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.entity == "person")
        .map(|m| m.canonical())
        .collect();
    assert_eq!(people, vec!["Ana Petrovic"]);
}
