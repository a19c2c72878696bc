//! Who asks whom where the sentence does not say, in the shapes the blind
//! held-out sets (heldout7, heldout8) showed: a group's conclusions cut by a
//! page break, calls inside a list item, a Chair's summary of delegations'
//! proposals, a report of the Secretary-General to the Council, a resolution's
//! negative call. The texts are written here, in the records' forms.

use crate::common;

use agendex::extract;
use agendex::model::{Statement, StatementKind};

fn requests(text: &str) -> Vec<Statement> {
    let rules = common::default_rules();
    let doc = extract::text_document(text, None);
    extract::extract(&doc, &[], &rules)
        .statements
        .into_iter()
        .filter(|s| s.kind == StatementKind::Request)
        .collect()
}

fn request_with<'a>(all: &'a [Statement], words: &str) -> &'a Statement {
    all.iter()
        .find(|s| s.text.contains(words))
        .unwrap_or_else(|| panic!("no request with {words:?} in {all:#?}"))
}

#[test]
fn a_lead_in_voice_goes_on_over_a_page_number_and_running_head() {
    let text = "III. Findings\n\n\
        11. Having considered the proposals before it, the Panel concluded as follows:\n\n\
        7\n\nXYZ/PNL.2/2031/4\n\n\
        12. The definition of remotely operated systems should take into consideration \
        future developments.\n";
    let all = requests(text);
    let call = request_with(&all, "should take into consideration");
    assert_eq!(call.requester.as_deref(), Some("the Panel"));
}
