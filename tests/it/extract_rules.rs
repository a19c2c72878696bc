//! The rule language end to end: default rules' examples, a new entity type from a
//! file alone, `file:line` errors, real documents, and robustness properties.

use crate::common;

use std::path::Path;

use agendex::extract::{self, examples, RuleSet};
use agendex::ingest::IngestOptions;
use agendex::model::{ProcessedDoc, StatementKind, Value};
use agendex::pipeline;
use proptest::prelude::*;

fn process(path: &Path, rules: &RuleSet) -> ProcessedDoc {
    pipeline::process_file(path, "doc", &IngestOptions::default(), rules)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn default_rule_examples_pass() {
    let rules = common::default_rules();
    let report = examples::run_all(&rules);
    assert!(report.run > 50, "only {} examples", report.run);
    let msgs: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(msgs.is_empty(), "{}", msgs.join("\n"));
}

fn copy_default_rules(to: &Path) {
    for e in std::fs::read_dir(common::rules_dir())
        .expect("rules dir")
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
        }
    }
}

#[test]
fn a_new_entity_type_is_a_new_file_with_no_code_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_default_rules(dir.path());
    std::fs::write(
        dir.path().join("treaty_articles.toml"),
        r#"
[macros]
ROMAN = '''(?:X{0,3}(?:IX|IV|V?I{0,3}))'''

[[rule]]
name = "treaty-article"
entity = "treaty_article"
normaliser = "name"
priority = 35
pattern = '''\bArticle\s+(?P<n>[0-9]{1,2}|{ROMAN})\b(?:\s+of\s+the\s+(?P<t>Convention|Treaty|Protocol))?'''
canonical = "Article $n"
attrs = { instrument = "$t" }
examples = [
  { text = "in accordance with Article 7", value = "Article 7" },
  { text = "Article VII reports", value = "Article VII" },
  { text = "under Article 5 of the Convention", value = "Article 5", match = "Article 5 of the Convention" },
]
counter_examples = ["the articles of the Convention"]
"#,
    )
    .expect("write rule file");
    let rules = match RuleSet::load(dir.path()) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    let report = examples::run_all(&rules);
    assert!(
        report.failures.is_empty(),
        "{:?}",
        report
            .failures
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
    );
    let doc = extract::text_document(
        "States submitted Article 7 reports. Under Article 5 of the Convention, and Article VII, Japan reported.",
        None,
    );
    let ex = extract::extract(&doc, &[], &rules);
    let arts: Vec<(String, String)> = ex
        .mentions
        .iter()
        .filter(|m| m.entity == "treaty_article")
        .map(|m| (m.text.clone(), m.canonical().to_string()))
        .collect();
    assert_eq!(
        arts,
        vec![
            ("Article 7".to_string(), "Article 7".to_string()),
            (
                "Article 5 of the Convention".to_string(),
                "Article 5".to_string()
            ),
            ("Article VII".to_string(), "Article VII".to_string()),
        ]
    );
    // the other types still work next to it
    assert!(ex
        .mentions
        .iter()
        .any(|m| m.entity == "state" && m.canonical() == "Japan"));
    // and the new type reaches the annotation output under "entities"
    let p = ProcessedDoc {
        doc,
        segments: vec![],
        extraction: ex,
    };
    let json = agendex::annotation::to_annotation(&p);
    assert_eq!(
        json["entities"]["treaty_article"]
            .as_array()
            .map(|a| a.len()),
        Some(3)
    );
}

fn check_errors(files: &[(&str, &str)]) -> Vec<String> {
    match RuleSet::from_sources(files) {
        Ok(_) => vec![],
        Err(e) => e.0.iter().map(|x| x.to_string()).collect(),
    }
}

#[test]
fn broken_rules_are_reported_as_file_line_message() {
    let syntax = check_errors(&[("a.toml", "[[rule]]\nname = \"x\"\npattern = 'unclosed\n")]);
    assert_eq!(syntax.len(), 1, "{syntax:?}");
    assert!(
        syntax[0].starts_with("a.toml:3: invalid TOML"),
        "{syntax:?}"
    );

    let unknown_field = check_errors(&[(
        "a.toml",
        "[[rule]]\nname = \"x\"\nentity = \"e\"\npatern = 'a'\npattern = 'b'\n",
    )]);
    assert!(
        unknown_field[0].starts_with("a.toml:4:"),
        "{unknown_field:?}"
    );
    assert!(unknown_field[0].contains("patern"), "{unknown_field:?}");

    let text = "[[rule]]\nname = \"m\"\nentity = \"e\"\npattern = '{NOPE} x'\n\n[[rule]]\nname = \"r\"\nentity = \"e\"\npattern = '(unclosed'\n\n[[rule]]\nname = \"n\"\nentity = \"e\"\nnormaliser = \"moneyy\"\npattern = 'x'\n\n[[rule]]\nname = \"m\"\nentity = \"e\"\npattern = 'y'\n";
    let errs = check_errors(&[("b.toml", text)]);
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(
        errs[0].starts_with("b.toml:4: rule 'm': unknown macro {NOPE}"),
        "{errs:?}"
    );
    assert!(
        errs[1].starts_with("b.toml:9: rule 'r': bad regular expression"),
        "{errs:?}"
    );
    assert!(
        errs[2].starts_with("b.toml:14: rule 'n': unknown normaliser 'moneyy'"),
        "{errs:?}"
    );
    assert!(
        errs[3].starts_with("b.toml:18: duplicate rule name 'm'"),
        "{errs:?}"
    );

    let dup_macro = check_errors(&[
        ("a.toml", "[macros]\nX = 'a'\n"),
        ("b.toml", "\n[macros]\nX = 'b'\n"),
    ]);
    assert!(
        dup_macro[0].starts_with("b.toml:3: duplicate macro X"),
        "{dup_macro:?}"
    );

    // a missing folder is one clear error, not a panic
    let missing = RuleSet::load(Path::new("/nonexistent/rules")).expect_err("missing folder");
    assert!(missing.to_string().contains("cannot read the rules folder"));
}

#[test]
fn roles_vocabulary_problems_are_reported_as_file_line_message() {
    let text = "[roles]\nspeech_verbs = [\n  \"said\",\n  \"Argued\",\n  \"said\",\n  \"pointed out\",\n]\nparty_nouns = []\n";
    let errs = check_errors(&[("r.toml", text)]);
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(
        errs[0].starts_with("r.toml:4: roles.speech_verbs: \"Argued\" has capitals"),
        "{errs:?}"
    );
    assert!(errs[0].contains("write \"argued\""), "{errs:?}");
    assert!(
        errs[1].starts_with("r.toml:5: roles.speech_verbs: \"said\" is listed twice"),
        "{errs:?}"
    );
    assert!(
        errs[2].starts_with("r.toml:6: roles.speech_verbs: \"pointed out\" holds a space"),
        "{errs:?}"
    );
    assert!(
        errs[3].starts_with("r.toml:8: roles.party_nouns: the list is empty"),
        "{errs:?}"
    );
    let unknown = check_errors(&[("r.toml", "[roles]\nspeach_verbs = [\"said\"]\n")]);
    assert!(
        unknown.len() == 1
            && unknown[0].starts_with("r.toml:2:")
            && unknown[0].contains("speach_verbs"),
        "{unknown:?}"
    );
    let twice = check_errors(&[
        ("a.toml", "[roles]\nspeech_verbs = [\"said\"]\n"),
        ("b.toml", "\n[roles]\nnot_verbs = [\"the\"]\n"),
    ]);
    assert!(
        twice.len() == 1
            && twice[0].starts_with("b.toml:")
            && twice[0].contains("roles: a second [roles] section"),
        "{twice:?}"
    );
    // the shipped rules are clean, and a valid section loads
    assert!(
        check_errors(&[("r.toml", "[roles]\nspeech_verbs = [\"said\", \"opined\"]\n")]).is_empty()
    );
}

#[test]
fn fingerprint_follows_content() {
    let a = RuleSet::from_sources(&[("a.toml", "[macros]\nX = 'a'\n")]).expect("valid");
    let b = RuleSet::from_sources(&[("a.toml", "[macros]\nX = 'b'\n")]).expect("valid");
    let a2 = RuleSet::from_sources(&[("a.toml", "[macros]\nX = 'a'\n")]).expect("valid");
    assert_ne!(a.fingerprint(), b.fingerprint());
    assert_eq!(a.fingerprint(), a2.fingerprint());
    assert_eq!(a.fingerprint().len(), 64);
}

#[test]
fn masg_minutes_states_money_dates_and_meta() {
    let Some(path) = common::seed("000_") else {
        return;
    };
    let rules = common::default_rules();
    let p = process(&path, &rules);
    let meta = &p.doc.meta;
    assert_eq!(
        meta.date.map(|d| d.to_string()).as_deref(),
        Some("2015-02-17")
    );
    assert_eq!(meta.place.as_deref(), Some("Geneva"));
    assert_eq!(meta.body.as_deref(), Some("MASG"));
    assert_eq!(meta.doc_type.as_deref(), Some("minutes"));
    let ms = &p.extraction.mentions;
    let states: Vec<&str> = ms
        .iter()
        .filter(|m| m.entity == "state")
        .map(|m| m.canonical())
        .collect();
    for s in ["Japan", "United States", "Colombia", "Syria"] {
        assert!(states.contains(&s), "{s} missing from {states:?}");
    }
    // "Japanese Mission" is Japan, "US" is the United States
    assert!(ms
        .iter()
        .any(|m| m.text == "Japanese Mission" && m.canonical() == "Japan"));
    assert!(ms
        .iter()
        .any(|m| m.text == "US" && m.canonical() == "United States"));
    let money: Vec<(String, f64, String, Option<String>)> = ms
        .iter()
        .filter_map(|m| match &m.value {
            Value::Money(mo) => Some((
                m.text.clone(),
                mo.value,
                mo.currency.clone(),
                mo.per.clone(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(money.len(), 2, "{money:?}");
    assert_eq!((money[0].1, money[0].2.as_str()), (14e6, "USD"));
    assert_eq!((money[1].1, money[1].3.as_deref()), (65e6, Some("year")));
    let date = |text: &str| {
        ms.iter()
            .find(|m| m.text == text)
            .and_then(|m| match &m.value {
                Value::Date(d) => {
                    Some((d.start.to_string(), d.end.to_string(), d.deadline.clone()))
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no date '{text}'"))
    };
    assert_eq!(
        date("1 - 5 March 2015"),
        ("2015-03-01".into(), "2015-03-05".into(), None)
    );
    assert_eq!(
        date("June 2015"),
        ("2015-06-01".into(), "2015-06-30".into(), Some("by".into()))
    );
    assert_eq!(
        date("4th April"),
        ("2015-04-04".into(), "2015-04-04".into(), None)
    );
    // every mention sits inside its sentence, and sentences know their segment
    for m in ms {
        let s = p.extraction.sentences[m.sentence];
        assert!(s.span.contains(m.span), "{m:?} outside {s:?}");
        assert_eq!(m.segment, s.segment);
    }
}

#[test]
fn ccm_summary_finds_montenegros_request() {
    let Some(path) = common::seed("001_") else {
        return;
    };
    let rules = common::default_rules();
    let p = process(&path, &rules);
    let st = p
        .extraction
        .statements
        .iter()
        .find(|s| s.text.contains("Montenegro, had made a specific request"))
        .expect("Montenegro's request");
    assert_eq!(st.kind, StatementKind::Request);
    assert_eq!(st.requester.as_deref(), Some("Montenegro"));
    assert!(
        st.what.as_deref().is_some_and(
            |w| w.starts_with("financial and technical assistance to complete clearance")
        )
    );
    // "20 December" in the header takes its year from the document's date
    assert_eq!(
        p.doc.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2017-12-20")
    );
    let inferred = p.extraction.mentions.iter().any(|m| {
        m.text.ends_with("20 December")
            && matches!(&m.value, Value::Date(d) if d.year_inferred && d.start.to_string() == "2017-12-20")
    });
    assert!(inferred);
}

#[test]
fn commitment_links_donor_amount_and_recipient() {
    let rules = common::default_rules();
    let doc = extract::text_document(
        "He also thanked the government of Japan for their leadership of the MASG, and for a recent contribution of $14 million to the UN Voluntary Trust Fund.",
        None,
    );
    let ex = extract::extract(&doc, &[], &rules);
    let c = ex
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Commitment)
        .expect("a commitment");
    assert_eq!(c.requester.as_deref(), Some("Japan"));
    assert_eq!(c.amount.as_ref().map(|m| m.value), Some(14e6));
    assert_eq!(c.addressee.as_deref(), Some("UN Voluntary Trust Fund"));
}

#[test]
fn relative_dates_resolve_against_the_document_date() {
    let rules = common::default_rules();
    let doc = extract::text_document(
        "MINUTES\n\nGENEVA, 17 FEBRUARY 2015\n\nFigures were presented at the meeting last October. A new chair is needed for next year.\n",
        None,
    );
    let ex = extract::extract(&doc, &[], &rules);
    let get = |t: &str| {
        ex.mentions
            .iter()
            .find(|m| m.text == t)
            .and_then(|m| match &m.value {
                Value::Date(d) => Some((m.entity.clone(), d.start.to_string(), d.end.to_string())),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no '{t}'"))
    };
    assert_eq!(
        get("last October"),
        ("date".into(), "2014-10-01".into(), "2014-10-31".into())
    );
    assert_eq!(
        get("next year"),
        (
            "relative_date".into(),
            "2016-01-01".into(),
            "2016-12-31".into()
        )
    );
}

/// A Security Council resolution: its symbol keeps the year, its title is
/// the line that heads it (it was the first preamble clause).
#[test]
fn security_council_resolution_header() {
    let rules = common::default_rules();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s-res-2365.txt");
    std::fs::write(
        &path,
        "United Nations                                 S/RES/2365 (2017)\n  Security Council                             Distr.: General\n                                               30 June 2017\n\nResolution 2365 (2017)\n\n  Adopted by the Security Council at its 7991st meeting, on\n  30 June 2017\n\n  The Security Council,\n\n  Recalling the statements by its President on mine action,\n\n  Expressing deep concern at the number of people killed or injured each year by landmines,\n\n  1. Calls upon all parties to armed conflict to protect civilians;\n\n  2. Decides to remain seized of the matter.\n",
    )
    .expect("write");
    let p = process(&path, &rules);
    assert_eq!(p.doc.meta.symbol.as_deref(), Some("S/RES/2365 (2017)"));
    assert_eq!(p.doc.meta.title.as_deref(), Some("Resolution 2365 (2017)"));
    assert_eq!(
        p.doc.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2017-06-30")
    );
}

#[test]
fn real_un_documents_parse_sensibly() {
    let Some(dir) = common::shared_subdir("corpus-real") else {
        return;
    };
    let rules = common::default_rules();
    let a79 = dir.join("UNGA_2024_First-Committee-report-disarmament_A-79-408.txt");
    if a79.is_file() {
        let p = process(&a79, &rules);
        assert_eq!(p.doc.meta.symbol.as_deref(), Some("A/79/408"));
        assert_eq!(
            p.doc.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-11-15")
        );
        let dates: Vec<_> = p
            .extraction
            .mentions
            .iter()
            .filter_map(|m| match &m.value {
                Value::Date(d) => Some(d),
                _ => None,
            })
            .collect();
        assert!(dates.len() > 100);
        // every date is plausible and well-ordered
        assert!(dates
            .iter()
            .all(|d| d.start <= d.end && (1900..=2100).contains(&d.start.year)));
    }
    let s25719 = dir.join("UNSC_1993_SG-4th-progress-report-UNTAC-Cambodia_S-25719.txt");
    if s25719.is_file() {
        let p = process(&s25719, &rules);
        let amounts: Vec<(String, f64, String)> = p
            .extraction
            .mentions
            .iter()
            .filter_map(|m| match &m.value {
                Value::Money(mo) => Some((m.text.clone(), mo.value, mo.currency.clone())),
                _ => None,
            })
            .collect();
        assert!(
            amounts.contains(&("$880 million".to_string(), 880e6, "USD".to_string())),
            "{amounts:?}"
        );
        assert!(amounts.iter().all(|a| a.2 == "USD" && a.1 > 0.0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_spans_stay_in_their_sentence(
        text in "(?s)[a-zA-Z0-9 .,;:\\-–$€£¥%()\\n'’éÇ]{0,300}|(?:(?:\\$|US\\$|USD ?)?[0-9]{1,4}(?:[ ,][0-9]{3})? (?:million |bn )?|[0-9]{1,2} (?:March|June|December) [0-9]{4}[ –-]*|by |Mr\\. |Japan|UNDP|- |\\n\\n|requested |should |\\. ){0,40}"
    ) {
        let rules = rules_for_props();
        let doc = extract::text_document(&text, None);
        let ex = extract::extract(&doc, &[], rules);
        for s in &ex.sentences {
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            prop_assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        }
        for m in &ex.mentions {
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            let s = ex.sentences[m.sentence];
            prop_assert!(s.span.contains(m.span), "{:?} not inside {:?}", m.span, s.span);
            prop_assert_eq!(&text[m.span.start..m.span.end], m.text.as_str());
        }
        for st in &ex.statements {
            prop_assert_eq!(ex.sentences[st.sentence].span, st.span);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn normalisers_never_panic(text in "(?s).{0,60}|[0-9 ,.$€£¥–\\-]{0,20}(?:million|bn|m|USD|EUR| to | and |March|June|2015|99)*") {
        use agendex::extract::normalize::{date, money, number};
        let doc_date = "2015-02-17".parse().ok();
        let _ = money::parse_money(&text);
        let _ = number::parse_number(&text);
        let _ = number::parse_percent(&text);
        if let Ok(d) = date::parse_date(&text, doc_date) {
            prop_assert!(d.start <= d.end);
        }
    }
}

fn rules_for_props() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(common::default_rules)
}

/// `agendex extract FILE | head -1`: the reader goes away after one line; the
/// command must stop quietly, not panic on the closed pipe.
#[test]
fn extract_into_a_closed_pipe_does_not_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let one = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/masg/2016-10-masg-minutes.txt");
    let one = std::fs::read_to_string(one).expect("sample record");
    // far more than a pipe buffer (64 KiB), so the writer meets the closed pipe
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("long-minutes.txt");
    std::fs::write(&file, one.repeat(40)).expect("write the long record");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for mode in [None, Some("--json"), Some("--text")] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_agendex"));
        cmd.arg("extract").arg(&file).arg("--rules").arg(&rules);
        cmd.args(mode);
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start agendex");
        // read one byte, then hang up
        let mut first = [0u8; 1];
        let mut stdout = child.stdout.take().expect("stdout");
        stdout.read_exact(&mut first).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("agendex ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{mode:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{mode:?}: {stderr}");
    }
}
