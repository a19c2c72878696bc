//! The summary's outputs: Markdown for reading, JSON following
//! `docs/summary-schema.json`, CSV rows (one per fact).

use super::*;

/// `before` + the value + `after`, or nothing without a value.
pub(super) fn affix(value: Option<&str>, before: &str, after: &str) -> String {
    value
        .map(|v| format!("{before}{v}{after}"))
        .unwrap_or_default()
}

pub(super) fn subject_label(s: &Subject) -> String {
    match s {
        Subject::State(n) => n.clone(),
        Subject::Topic(q) => format!("topic \"{q}\""),
    }
}

pub(super) fn money_fact_label(f: &MoneyFact) -> String {
    let m = crate::model::Money {
        value: f.value,
        max: f.max,
        currency: f.currency.clone(),
        approximate: false,
        per: f.per.clone(),
    };
    money_label(&m)
}

/// The summary as Markdown: readable in a terminal, pasteable into a report.
pub fn render_markdown(s: &Summary) -> String {
    let mut out = format!("# Summary: {}\n\n", subject_label(&s.subject));
    let meetings = s.timeline.len();
    let items: usize = s.timeline.iter().map(|e| e.items.len()).sum();
    out.push_str(&format!(
        "As of {} · {meetings} meeting(s), {items} item(s){}{}\n\n",
        s.as_of,
        s.from.map(|d| format!(" · from {d}")).unwrap_or_default(),
        s.to.map(|d| format!(" · to {d}")).unwrap_or_default(),
    ));

    out.push_str("## Requests\n\n");
    if s.requests.is_empty() {
        out.push_str("None found.\n");
    }
    for r in &s.requests {
        let who = r.requester.as_deref().unwrap_or("(unnamed)");
        let to = affix(r.addressee.as_deref(), " to ", "");
        let verb = if r.kind == "commitment" {
            "offers"
        } else {
            "asks"
        };
        let what = r.what.as_deref().unwrap_or(&r.text);
        out.push_str(&format!(
            "- **{who}** {verb}{to}: {what} ({}, {})\n  > {}\n  — {}\n",
            r.kind,
            r.role,
            r.text,
            r.citation.render()
        ));
    }

    if matches!(s.subject, Subject::State(_)) {
        out.push_str("\n## Roles\n\n");
        if s.roles.is_empty() {
            out.push_str("None found.\n");
        }
        for r in &s.roles {
            out.push_str(&format!(
                "- **{}**\n  > {}\n  — {}\n",
                r.role,
                r.text,
                r.citation.render()
            ));
        }
    }

    out.push_str("\n## Deadlines\n\n");
    for status in ["upcoming", "past"] {
        out.push_str(&format!(
            "### {}{}\n\n",
            status[..1].to_uppercase(),
            &status[1..]
        ));
        let list: Vec<&DeadlineFact> = s.deadlines.iter().filter(|d| d.status == status).collect();
        if list.is_empty() {
            out.push_str("None found.\n");
        }
        for d in list {
            // "Cambodia's: Article 5 clearance", when the text says so
            let whose = match (&d.whose, &d.what_is_due) {
                (Some(w), Some(due)) => format!("; {w}: {due}"),
                (Some(w), None) => format!("; {w}'s"),
                (None, Some(due)) => format!("; {due}"),
                (None, None) => String::new(),
            };
            out.push_str(&format!(
                "- **{}** ({} \"{}\"{})\n  > {}\n  — {}\n",
                d.end,
                d.kind,
                d.text,
                whose,
                d.context,
                d.citation.render()
            ));
        }
        out.push('\n');
    }
    if !s.relative_deadlines.is_empty() {
        out.push_str("### Relative (a period after an event)\n\n");
        for d in &s.relative_deadlines {
            out.push_str(&format!(
                "- **{} {}** after {} (\"{}\")\n  > {}\n  — {}\n",
                d.kind,
                d.period,
                d.anchor,
                d.text,
                d.context,
                d.citation.render()
            ));
        }
        out.push('\n');
    }

    extensions::render_markdown(&s.extensions, &mut out);

    out.push_str("## Money\n\n");
    if s.money.is_empty() {
        out.push_str("None found.\n");
    } else {
        for (kind, title) in [
            ("contribution", "Contributions"),
            ("request", "Amounts requested"),
            ("mention", "Other amounts"),
        ] {
            let list: Vec<&MoneyFact> = s.money.iter().filter(|m| m.kind == kind).collect();
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("### {title}\n\n"));
            for m in list {
                let donor = affix(m.donor.as_deref(), "", ": ");
                let to = affix(m.recipient.as_deref(), " to ", "");
                out.push_str(&format!(
                    "- {donor}**{}**{to} (\"{}\")\n  > {}\n  — {}\n",
                    money_fact_label(m),
                    m.text,
                    m.context,
                    m.citation.render()
                ));
            }
            out.push('\n');
        }
        // with --rates, a USD column: the converted total or the missing rates
        let (usd_head, usd_rule) = if s.usd_column {
            (" USD |", "---:|")
        } else {
            ("", "")
        };
        let usd = |t: &Total| {
            if s.usd_column {
                format!(" {} |", rates::usd_cell(t))
            } else {
                String::new()
            }
        };
        if !s.by_donor.is_empty() {
            out.push_str(&format!("### Contributions by donor\n\n| donor | currency | total | amounts |{usd_head}\n|---|---|---:|---:|{usd_rule}\n"));
            for t in &s.by_donor {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |{}\n",
                    t.donor.as_deref().unwrap_or("-"),
                    t.currency,
                    thousands(t.total),
                    t.count,
                    usd(t)
                ));
            }
            out.push('\n');
        }
        out.push_str(&format!("### Totals by currency\n\n| kind | currency | total | amounts |{usd_head}\n|---|---|---:|---:|{usd_rule}\n"));
        for t in &s.totals {
            out.push_str(&format!(
                "| {} | {} | {} | {} |{}\n",
                t.kind,
                t.currency,
                thousands(t.total),
                t.count,
                usd(t)
            ));
        }
    }

    out.push_str("\n## Timeline\n\n");
    if s.timeline.is_empty() {
        out.push_str("No meetings found.\n");
    }
    for e in &s.timeline {
        let date = e
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        let body = affix(e.body.as_deref(), "", " · ");
        let place = affix(e.place.as_deref(), ", ", "");
        out.push_str(&format!(
            "- **{date}** · {body}{}{place} [{}]\n",
            e.title, e.doc
        ));
        for i in &e.items {
            let pages = affix(i.pages.as_deref(), ", ", "");
            let n = if i.mentions > 0 {
                format!(" ({} mention(s))", i.mentions)
            } else {
                String::new()
            };
            out.push_str(&format!("  - item {}{pages}{n} [#{}]\n", i.item, i.segment));
        }
    }
    out
}

/// The summary as JSON, following `docs/summary-schema.json`.
pub fn to_json(s: &Summary) -> serde_json::Value {
    let (kind, name) = match &s.subject {
        Subject::State(n) => ("state", n),
        Subject::Topic(q) => ("topic", q),
    };
    serde_json::json!({
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "subject": {"kind": kind, "name": name},
        "as_of": s.as_of,
        "from": s.from,
        "to": s.to,
        "requests": s.requests,
        "roles": s.roles,
        "deadlines": s.deadlines,
        "relative_deadlines": s.relative_deadlines,
        "extensions": s.extensions,
        "money": {
            "amounts": s.money,
            "totals": s.totals,
            "by_donor": s.by_donor,
        },
        "timeline": s.timeline,
    })
}

/// Column names of the CSV form.
pub const CSV_COLUMNS: [&str; 17] = [
    "section",
    "kind",
    "subject",
    "who",
    "to",
    "what",
    "value",
    "currency",
    "date",
    "status",
    "text",
    "doc",
    "title",
    "meeting_date",
    "item",
    "segment",
    "page",
];

/// The CSV header of `s`: [`CSV_COLUMNS`], and "usd" when a rates file was
/// applied ([`super::rates::apply`]).
pub fn csv_columns(s: &Summary) -> Vec<&'static str> {
    let mut cols = CSV_COLUMNS.to_vec();
    if s.usd_column {
        cols.push("usd");
    }
    cols
}

/// A CSV row: the fact's own cells, then where it comes from.
pub(super) fn fact_row(cells: [String; 11], c: &Citation) -> Vec<String> {
    let mut row = cells.to_vec();
    row.extend([
        c.doc.clone(),
        c.title.clone(),
        c.date.map(|d| d.to_string()).unwrap_or_default(),
        c.item.clone(),
        c.segment.to_string(),
        c.page.map(|p| p.to_string()).unwrap_or_default(),
    ]);
    row
}

/// The summary as CSV rows, one per fact, in [`csv_columns`] order: with
/// rates, a money row's last cell is its amount in US dollars (empty when the
/// file has no rate for its year and currency), other rows leave it empty.
pub fn csv_rows(s: &Summary) -> Vec<Vec<String>> {
    let subject = match &s.subject {
        Subject::State(n) | Subject::Topic(n) => n.clone(),
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for r in &s.requests {
        rows.push(fact_row(
            [
                "request".into(),
                format!("{}/{}", r.kind, r.role),
                subject.clone(),
                opt(&r.requester),
                opt(&r.addressee),
                opt(&r.what),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                r.text.clone(),
            ],
            &r.citation,
        ));
    }
    for r in &s.roles {
        rows.push(fact_row(
            [
                "role".into(),
                "role".into(),
                subject.clone(),
                subject.clone(),
                String::new(),
                r.role.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                r.text.clone(),
            ],
            &r.citation,
        ));
    }
    for d in &s.deadlines {
        rows.push(fact_row(
            [
                "deadline".into(),
                d.kind.clone(),
                subject.clone(),
                d.whose.clone().unwrap_or_default(),
                String::new(),
                d.text.clone(),
                String::new(),
                String::new(),
                d.end.to_string(),
                d.status.clone(),
                d.context.clone(),
            ],
            &d.citation,
        ));
    }
    for d in &s.relative_deadlines {
        rows.push(fact_row(
            [
                "deadline".into(),
                "relative".into(),
                subject.clone(),
                String::new(),
                String::new(),
                format!("{} {} after {}", d.kind, d.period, d.anchor),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                d.context.clone(),
            ],
            &d.citation,
        ));
    }
    for e in &s.extensions {
        rows.push(fact_row(extensions::csv_cells(e, &subject), &e.citation));
    }
    for m in &s.money {
        rows.push(fact_row(
            [
                "money".into(),
                m.kind.clone(),
                subject.clone(),
                opt(&m.donor),
                opt(&m.recipient),
                m.text.clone(),
                m.value.to_string(),
                m.currency.clone(),
                String::new(),
                String::new(),
                m.context.clone(),
            ],
            &m.citation,
        ));
        if s.usd_column {
            if let Some(row) = rows.last_mut() {
                row.push(m.usd.map(|v| format!("{v:.2}")).unwrap_or_default());
            }
        }
    }
    for e in &s.timeline {
        for i in &e.items {
            rows.push(vec![
                "timeline".into(),
                "item".into(),
                subject.clone(),
                String::new(),
                String::new(),
                i.item.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                e.doc.clone(),
                e.title.clone(),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                i.item.clone(),
                i.segment.to_string(),
                i.pages.clone().unwrap_or_default(),
            ]);
        }
    }
    if s.usd_column {
        let width = CSV_COLUMNS.len() + 1;
        for row in &mut rows {
            row.resize(width, String::new());
        }
    }
    rows
}
