//! The summary's deadlines: dated obligations that concern the state, past or
//! upcoming relative to the as-of date.

use super::*;

/// True when the mention concerns the state: same sentence, or an item whose
/// only state is this one.
pub(super) fn concerns(rec: &Record, m: &StoredMention, state: Option<&str>) -> bool {
    let Some(state) = state else {
        return true;
    };
    if state_sentences(rec, state).contains(&m.sentence) {
        return true;
    }
    let states = rec.states();
    states.len() == 1 && same_name(&states[0], state)
}

pub(super) fn collect_deadlines(
    rec: &Record,
    state: Option<&str>,
    as_of: Date,
    out: &mut Vec<DeadlineFact>,
) {
    for m in rec.mentions.iter().filter(|m| m.entity == DATE) {
        let Value::Date(d) = &m.value else { continue };
        let Some(kind) = &d.deadline else { continue };
        if !concerns(rec, m, state) {
            continue;
        }
        // "Cambodia (31 December 2025), Zimbabwe (31 December 2025)": a bracketed
        // date belongs to the state right before it
        if let Some(state) = state {
            let owner = rec.mentions.iter().find(|o| {
                o.entity == STATE
                    && o.sentence == m.sentence
                    && o.span.end <= m.span.start
                    && m.span.start - o.span.end <= 3
            });
            if owner.is_some_and(|o| !same_name(&o.canonical, state)) {
                continue;
            }
        }
        out.push(DeadlineFact {
            start: d.start,
            end: d.end,
            kind: kind.clone(),
            status: if d.end < as_of { "past" } else { "upcoming" }.to_string(),
            text: m.text.clone(),
            context: one_line(&m.context),
            citation: Citation::of(rec, m.page, m.para.as_deref()),
        });
    }
}
