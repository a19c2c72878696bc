//! `agendex rules explain`: every candidate match, the rule that made it, and why
//! each loser lost (overlap order, context condition or normaliser refusal).

use std::fmt::Write;

use super::normalize::render_value;
use super::overlap::Status;
use super::{text_document, trace, RuleSet, SourceKind};
use crate::date::Date;

/// A human-readable account of how the rules read `text`.
pub fn explain(text: &str, rules: &RuleSet, doc_date: Option<Date>) -> String {
    let doc = text_document(text, doc_date);
    let (tr, ex) = trace(&doc, &[], rules);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "document date: {}",
        tr.doc_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none (relative dates and day-months are refused)".into())
    );
    let mut order: Vec<usize> = (0..tr.candidates.len()).collect();
    order.sort_by_key(|&i| (tr.candidates[i].span.start, tr.candidates[i].span.end));
    let _ = writeln!(out, "\ncandidates ({}):", order.len());
    for i in order {
        let c = &tr.candidates[i];
        let Some(src) = rules.sources.get(c.source) else {
            continue;
        };
        let kind = match src.kind {
            SourceKind::Gazetteer => "gazetteer",
            SourceKind::Pattern => "rule",
        };
        let surface = text.get(c.span.start..c.span.end).unwrap_or("");
        let value = c
            .value
            .as_ref()
            .map(render_value)
            .unwrap_or_else(|| "-".into());
        let verdict = match &c.status {
            Status::Won if src.emit => "KEPT".to_string(),
            Status::Won => "KEPT (blocks others, emits nothing)".to_string(),
            Status::Lost { winner, reason } => {
                let w = &tr.candidates[*winner];
                let wname = rules
                    .sources
                    .get(w.source)
                    .map(|s| s.name.as_str())
                    .unwrap_or("?");
                format!(
                    "LOST to '{wname}' on {:?}: {reason}",
                    text.get(w.span.start..w.span.end).unwrap_or("")
                )
            }
            Status::Dropped(why) => format!("DROPPED: {why}"),
        };
        let _ = writeln!(
            out,
            "  {:<12} {:?} [{}..{}] = {}\n               by {kind} '{}' ({}:{}, priority {}) -> {verdict}",
            src.entity,
            surface,
            c.span.start,
            c.span.end,
            value,
            src.name,
            src.file,
            src.line,
            src.priority,
        );
    }
    let _ = writeln!(out, "\nstatements ({}):", ex.statements.len());
    for s in &ex.statements {
        let _ = writeln!(
            out,
            "  {:?} ({}) by rule '{}' on trigger {:?}: requester {}, addressee {}, what {}",
            s.kind,
            s.strength,
            s.rule,
            s.trigger,
            s.requester.as_deref().unwrap_or("?"),
            s.addressee.as_deref().unwrap_or("?"),
            s.what.as_deref().unwrap_or("?"),
        );
    }
    out
}
