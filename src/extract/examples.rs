//! Rule examples: every rule may carry `examples` (text and expected value) and
//! `counter_examples` (texts where its entity type must not be found).
//! `agendex rules test` runs them, and so does `cargo test` for the default rules.

use super::normalize::render_value;
use super::rule_file::ExampleDef;
use super::{text_document, trace, RuleSet};
use crate::date::Date;

/// One failed example.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Rule name.
    pub rule: String,
    /// `file:line` of the rule.
    pub at: String,
    /// What went wrong.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: rule '{}': {}", self.at, self.rule, self.message)
    }
}

/// Outcome of running all examples.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Examples and counter-examples run.
    pub run: usize,
    /// Failures.
    pub failures: Vec<Failure>,
}

fn doc_date(ex: &ExampleDef) -> Result<Option<Date>, String> {
    match &ex.doc_date {
        None => Ok(None),
        Some(s) => s
            .parse::<Date>()
            .map(Some)
            .map_err(|e| format!("example doc_date: {e}")),
    }
}

/// Runs every example and counter-example of `rules`.
pub fn run_all(rules: &RuleSet) -> Report {
    let mut report = Report::default();
    for src in &rules.sources {
        let at = format!("{}:{}", src.file, src.line);
        let fail = |message: String| Failure {
            rule: src.name.clone(),
            at: at.clone(),
            message,
        };
        for ex in &src.examples {
            report.run += 1;
            let date = match doc_date(ex) {
                Ok(d) => d,
                Err(e) => {
                    report.failures.push(fail(e));
                    continue;
                }
            };
            let doc = text_document(&ex.text, date);
            let (tr, extraction) = trace(&doc, &[], rules);
            if !src.emit {
                // a blocking rule emits nothing: its example must win an overlap
                let won = tr.candidates.iter().any(|c| {
                    rules
                        .sources
                        .get(c.source)
                        .is_some_and(|s| s.name == src.name)
                        && c.status == super::overlap::Status::Won
                });
                if !won {
                    report.failures.push(fail(format!(
                        "example {:?}: the rule did not match",
                        ex.text
                    )));
                }
                continue;
            }
            let mine: Vec<_> = extraction
                .mentions
                .iter()
                .filter(|m| m.rule == src.name)
                .collect();
            let ok = mine.iter().any(|m| {
                ex.value
                    .as_ref()
                    .is_none_or(|v| *v == render_value(&m.value))
                    && ex.matched.as_ref().is_none_or(|t| *t == m.text)
            });
            if !ok {
                let got: Vec<String> = extraction
                    .mentions
                    .iter()
                    .map(|m| {
                        format!(
                            "{} '{}' = {} ({})",
                            m.entity,
                            m.text,
                            render_value(&m.value),
                            m.rule
                        )
                    })
                    .collect();
                report.failures.push(fail(format!(
                    "example {:?}: expected {}{}, got [{}]",
                    ex.text,
                    ex.value
                        .as_deref()
                        .map(|v| format!("value {v:?}"))
                        .unwrap_or_default(),
                    ex.matched
                        .as_deref()
                        .map(|v| format!(" match {v:?}"))
                        .unwrap_or_default(),
                    got.join("; ")
                )));
            }
        }
        for cx in &src.counter_examples {
            report.run += 1;
            let doc = text_document(cx, None);
            let (_, extraction) = trace(&doc, &[], rules);
            let bad: Vec<String> = extraction
                .mentions
                .iter()
                .filter(|m| m.entity == src.entity)
                .map(|m| format!("'{}' ({})", m.text, m.rule))
                .collect();
            if !bad.is_empty() {
                report.failures.push(fail(format!(
                    "counter-example {cx:?} must have no {} but has {}",
                    src.entity,
                    bad.join(", ")
                )));
            }
        }
    }
    for st in &rules.statements {
        let at = format!("{}:{}", st.file, st.line);
        let fail = |message: String| Failure {
            rule: st.name.clone(),
            at: at.clone(),
            message,
        };
        for ex in &st.examples {
            report.run += 1;
            let date = doc_date(ex).ok().flatten();
            let doc = text_document(&ex.text, date);
            let (_, extraction) = trace(&doc, &[], rules);
            let hit = extraction.statements.iter().find(|s| s.rule == st.name);
            match hit {
                None => report.failures.push(fail(format!(
                    "example {:?} did not fire (fired: {:?})",
                    ex.text,
                    extraction
                        .statements
                        .iter()
                        .map(|s| s.rule.as_str())
                        .collect::<Vec<_>>()
                ))),
                Some(s) => {
                    if ex.requester.is_some() && s.requester != ex.requester {
                        report.failures.push(fail(format!(
                            "example {:?}: requester {:?}, expected {:?}",
                            ex.text, s.requester, ex.requester
                        )));
                    }
                    if ex.addressee.is_some() && s.addressee != ex.addressee {
                        report.failures.push(fail(format!(
                            "example {:?}: addressee {:?}, expected {:?}",
                            ex.text, s.addressee, ex.addressee
                        )));
                    }
                    if let Some(v) = &ex.value {
                        if s.what.as_deref() != Some(v.as_str()) {
                            report.failures.push(fail(format!(
                                "example {:?}: what {:?}, expected {:?}",
                                ex.text, s.what, v
                            )));
                        }
                    }
                }
            }
        }
        for cx in &st.counter_examples {
            report.run += 1;
            let doc = text_document(cx, None);
            let (_, extraction) = trace(&doc, &[], rules);
            if extraction.statements.iter().any(|s| s.kind == st.def.kind) {
                report.failures.push(fail(format!(
                    "counter-example {cx:?} must not be a {:?}",
                    st.def.kind
                )));
            }
        }
    }
    report
}
