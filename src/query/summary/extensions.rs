//! The summary's extension-request section: which state asked to extend which
//! treaty deadline, to when, and what became of it, from the records the index
//! stores per segment.

use serde::Serialize;

use super::{same_name, Citation};
use crate::date::Date;
use crate::index::Record;
use crate::model::ExtensionStatus;

/// One extension request as a summary lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtensionFact {
    /// The requesting state.
    pub state: String,
    /// "Article 5", "Article 4", when the text names it.
    pub obligation: Option<String>,
    /// The deadline before the extension.
    pub original_deadline: Option<Date>,
    /// The deadline asked for (or granted).
    pub requested_deadline: Option<Date>,
    /// The period asked for, as written ("3 years and 10 months").
    pub period: Option<String>,
    /// "submitted", "granted" or "withdrawn".
    pub status: String,
    /// The meeting that decided, when the text names it.
    pub meeting: Option<String>,
    /// The sentence the record was first read from.
    pub text: String,
    /// Where it was read.
    pub citation: Citation,
}

/// "submitted", "granted", "withdrawn".
pub fn status_name(s: ExtensionStatus) -> &'static str {
    match s {
        ExtensionStatus::Submitted => "submitted",
        ExtensionStatus::Granted => "granted",
        ExtensionStatus::Withdrawn => "withdrawn",
    }
}

/// The record's extension requests of `state` (all of them for a topic).
pub fn collect(rec: &Record, state: Option<&str>, out: &mut Vec<ExtensionFact>) {
    for e in &rec.extensions {
        let r = &e.record;
        if state.is_some_and(|s| !same_name(&r.state, s)) {
            continue;
        }
        out.push(ExtensionFact {
            state: r.state.clone(),
            obligation: r.obligation.clone(),
            original_deadline: r.original_deadline,
            requested_deadline: r.requested_deadline,
            period: r.period.clone(),
            status: status_name(r.status).to_string(),
            meeting: r.meeting.clone(),
            text: super::one_line(&e.text),
            citation: Citation::of(rec, e.page, e.para.as_deref()),
        });
    }
}

/// "Article 5, 1 March 2023 -> 31 December 2026 (3 years and 10 months)": the
/// record's obligation, deadlines and period, as far as the text gives them.
pub fn label(f: &ExtensionFact) -> String {
    record_label(
        f.obligation.as_deref(),
        f.original_deadline,
        f.requested_deadline,
        f.period.as_deref(),
    )
}

/// [`label`] from a record's parts (also used by `entities --type extension`).
pub fn record_label(
    obligation: Option<&str>,
    original: Option<Date>,
    requested: Option<Date>,
    period: Option<&str>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(o) = obligation {
        parts.push(o.to_string());
    }
    let dates = match (original, requested) {
        (Some(a), Some(b)) => Some(format!("{a} -> {b}")),
        (None, Some(b)) => Some(format!("to {b}")),
        (Some(a), None) => Some(format!("from {a}")),
        (None, None) => None,
    };
    parts.extend(dates);
    let mut out = parts.join(", ");
    if let Some(p) = period {
        out.push_str(&format!(" ({p})"));
    }
    if out.is_empty() {
        out.push_str("deadline not stated");
    }
    out
}

/// The Markdown section.
pub fn render_markdown(list: &[ExtensionFact], out: &mut String) {
    out.push_str("## Extension requests\n\n");
    if list.is_empty() {
        out.push_str("None found.\n");
    }
    for f in list {
        let decided = f
            .meeting
            .as_deref()
            .map(|m| format!(" by the {m}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "- **{}**: {}, {}{decided}\n  > {}\n  — {}\n",
            f.state,
            label(f),
            f.status,
            f.text,
            f.citation.render()
        ));
    }
    out.push('\n');
}

/// The CSV cells of one fact (before its citation): the status is the kind,
/// the requested deadline the date, the obligation, original deadline, period
/// and deciding meeting the "what".
pub fn csv_cells(f: &ExtensionFact, subject: &str) -> [String; 11] {
    let decided = f
        .meeting
        .as_deref()
        .map(|m| format!("; decided by the {m}"))
        .unwrap_or_default();
    [
        "extension".into(),
        f.status.clone(),
        subject.to_string(),
        f.state.clone(),
        String::new(),
        format!("{}{decided}", label(f)),
        String::new(),
        String::new(),
        f.requested_deadline
            .map(|d| d.to_string())
            .unwrap_or_default(),
        f.status.clone(),
        f.text.clone(),
    ]
}
