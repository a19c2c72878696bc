//! The summary's deadlines: dated obligations that concern the state, past or
//! upcoming relative to the as-of date, and relative ones ("no later than ten
//! years after the entry into force ...") that carry a period and an anchor
//! instead of a date.

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
        // the text says whose it is: listed under that state only ("Cambodia
        // requested an extension from 1 January 2020 ..., and Ethiopia from
        // 1 June 2020": the second date is not Cambodia's)
        match (state, owner_state(rec, d.owner.as_deref())) {
            (Some(state), Some(owner)) if !same_name(owner, state) => continue,
            (Some(_), Some(_)) => {}
            // "several States Parties with deadlines in 2009": the group's, not
            // the state's the sentence also names
            (Some(_), None) if d.owner.as_deref().is_some_and(is_group) => continue,
            _ if !concerns(rec, m, state) => continue,
            _ => {}
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
            whose: d.owner.clone(),
            what_is_due: d.due.clone(),
            text: m.text.clone(),
            context: one_line(&m.context),
            citation: Citation::of(rec, m.page, m.para.as_deref()),
        });
    }
}

/// Whether a deadline's owner is the parties as a group ("States Parties",
/// "High Contracting Parties", "countries"), no one state.
fn is_group(owner: &str) -> bool {
    [
        "states parties",
        "member states",
        "high contracting parties",
        "states",
        "countries",
        "parties",
    ]
    .contains(&owner.to_lowercase().as_str())
}

/// The deadline's owner when it is a state the record names (not "States
/// Parties" or a mandate's holder, which leave the choice to the sentence).
fn owner_state<'a>(rec: &Record, owner: Option<&'a str>) -> Option<&'a str> {
    let owner = owner?;
    rec.mentions
        .iter()
        .any(|m| m.entity == STATE && same_name(&m.canonical, owner))
        .then_some(owner)
}

/// Entity type of a deadline stated as a period after an event (rules/dates.toml).
const RELATIVE_DEADLINE: &str = "relative_deadline";

/// The relative deadlines of the record that concern the state: the reader
/// must resolve their anchor ("the entry into force of this Convention for
/// that State Party"), so they get no date and no past/upcoming status.
pub(super) fn collect_relative(
    rec: &Record,
    state: Option<&str>,
    out: &mut Vec<RelativeDeadlineFact>,
) {
    for m in rec
        .mentions
        .iter()
        .filter(|m| m.entity == RELATIVE_DEADLINE)
    {
        if !concerns(rec, m, state) {
            continue;
        }
        let attr = |k: &str| match &m.value {
            Value::Name { attrs, .. } => attrs.get(k).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        out.push(RelativeDeadlineFact {
            kind: one_line(&attr("kind")).to_lowercase(),
            period: one_line(&attr("period")),
            anchor: one_line(&attr("anchor")),
            text: one_line(&m.text),
            context: one_line(&m.context),
            citation: Citation::of(rec, m.page, m.para.as_deref()),
        });
    }
}
