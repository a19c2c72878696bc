//! Tests of the synonym table: stop words, kinds taken in as forms,
//! vocabulary by stems and errors by line.

use super::*;

#[test]
fn stop_words_are_sorted_for_lookup() {
    let mut sorted = STOP_WORDS.to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, STOP_WORDS);
    assert!(is_stop_word("The"));
    assert!(!is_stop_word("mine"));
}

#[test]
fn a_group_takes_in_every_entry_of_a_kind_as_forms_not_keys() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("organisations.toml"),
        "[gazetteer]\nentity = \"organisation\"\n\n[[gazetteer.entry]]\n\
         canonical = \"UNOX\"\nkind = \"peace_operation\"\naliases = [\"UNOX\"]\n\n\
         [[gazetteer.entry]]\ncanonical = \"Fund A\"\nkind = \"fund\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join(SYNONYMS_FILE),
        "[[group]]\nname = \"peacekeepers\"\nwords = [\"peacekeepers\", \"blue helmets\"]\n\
         kinds = [\"peace_operation\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let syn = Synonyms::load(dir.path()).unwrap_or_default();
    let forms: Vec<String> = syn
        .lookup(&["peacekeeping"])
        .map(|c| c.forms.into_iter().map(|f| f.text).collect())
        .unwrap_or_default();
    assert!(forms.contains(&"UNOX".to_string()), "{forms:?}");
    assert!(!forms.contains(&"Fund A".to_string()), "{forms:?}");
    // the mission typed is the mission, not every peace operation
    let unox = syn.lookup(&["UNOX"]).map(|c| c.forms).unwrap_or_default();
    assert!(unox.iter().all(|f| f.text != "peacekeepers"), "{unox:?}");
}

#[test]
fn vocabulary_by_stems_and_errors_by_line() {
    let syn = Synonyms::from_vocabulary(
        "[[group]]\nname = \"money\"\nwords = [\"funding\", \"financing\", \"money\"]\n",
    )
    .unwrap_or_default();
    let c = syn.lookup(&["finance"]).map(|c| c.forms.len());
    assert_eq!(c, Some(2), "'financing' is the word typed");
    let c = syn.lookup(&["funds"]).map(|c| c.forms.len());
    assert_eq!(c, Some(2), "'funds' stems as 'funding' does");
    let e = Synonyms::from_vocabulary("[[group]]\nname = \"x\"\nwords = [\"one\"]\n")
        .err()
        .unwrap_or_default();
    assert!(e.contains("line 2") && e.contains("at least two"), "{e}");
    let e = Synonyms::from_vocabulary("[[group]]\nnme = \"x\"\n")
        .err()
        .unwrap_or_default();
    assert!(e.contains("line 2"), "{e}");
}

#[test]
fn count_questions_drop_many_and_much() {
    // "how many victims": the figures, not narrative about "many delegations"
    assert!(is_stop_word("Many"));
    assert!(is_stop_word("much"));
    assert!(!is_stop_word("victims"));
}
