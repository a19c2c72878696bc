//! `summary` lists the deadlines that a treaty text states as a period after an
//! event ("not later than eight years after ..."): they carry no date, so they
//! were found by `entities` but left out of the summary's Deadlines section.

use crate::query_support;

use agendex::date::Date;
use agendex::query::summary::{self, Subject, SummaryRequest};
use agendex::query::Filters;

#[test]
fn a_relative_deadline_is_listed_with_its_period_and_anchor() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("stockpiles.txt"),
        "Report of the Meeting of the States Parties\n\n\
         1. Stockpile destruction\n\n\
         Ruritania recalled that each State Party shall destroy its stockpiled \
         munitions not later than six years after the entry into force of the \
         Convention for that State Party. Ruritania reported that it had destroyed \
         its last stockpile on 3 May 2021.\n",
    )
    .expect("write record");
    std::fs::write(
        dir.path().join("other.txt"),
        "Note\n\nFreedonia must report within three months of the adoption of this \
         decision.\n",
    )
    .expect("write record");
    let idx = query_support::index_of(dir.path());
    let s = summary::summarise(
        &idx.reader(),
        &SummaryRequest {
            subject: Subject::Topic("stockpiled munitions".into()),
            filters: Filters::default(),
            as_of: Date::new(2024, 1, 1).expect("valid date"),
        },
    )
    .expect("summary builds");
    assert_eq!(s.relative_deadlines.len(), 1, "{:#?}", s.relative_deadlines);
    let d = &s.relative_deadlines[0];
    assert_eq!(d.kind, "not later than");
    assert_eq!(d.period, "six years");
    assert_eq!(
        d.anchor,
        "the entry into force of the Convention for that State Party"
    );
    let md = summary::render_markdown(&s);
    assert!(
        md.contains("### Relative (a period after an event)\n\n- **not later than six years** after the entry into force of the Convention for that State Party"),
        "{md}"
    );
    let json = summary::to_json(&s);
    assert_eq!(json["relative_deadlines"][0]["period"], "six years");
    let rows = summary::csv_rows(&s);
    assert!(rows.iter().any(|r| r[0] == "deadline"
        && r[1] == "relative"
        && r[5].starts_with("not later than six years after")));
}
