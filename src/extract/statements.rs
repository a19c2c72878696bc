//! Sentence rules: requests and commitments.
//!
//! A trigger (a regular expression from the rule file) makes a sentence, or a
//! list item, a statement; `unless` expressions veto it. The parties come from
//! the sentence's own entities: the requester is the agent of a passive ("was
//! requested by X"), else the nearest party before the trigger (subject
//! position, "Montenegro had made a request"); the addressee is the first party
//! after the trigger. The thing asked for is the text after the trigger's
//! "to"/"for"/"that", up to the end of the clause.

use regex::Regex;

mod addressee;
mod context_fill;
mod phrases;
mod received;
mod requester;
mod sentence_rule;

use super::contributions;
use super::roles;
use super::rule_file::ExampleDef;
use super::sentences::{Unit, UnitKind};
use crate::model::{Mention, Statement, StatementKind};
use sentence_rule::apply;

/// Kind and strength of a statement rule.
#[derive(Debug, Clone)]
pub struct StatementKindDef {
    /// Request or commitment.
    pub kind: StatementKind,
    /// "explicit" or "implicit".
    pub strength: String,
}

/// A compiled sentence rule.
#[derive(Debug, Clone)]
pub struct StatementRule {
    /// Name.
    pub name: String,
    /// Kind and strength.
    pub def: StatementKindDef,
    /// Trigger.
    pub trigger: Regex,
    /// Vetoes.
    pub unless: Vec<Regex>,
    /// Phrases in which a trigger does not count.
    pub ignore: Vec<Regex>,
    /// Entity types that can be parties.
    pub parties: Vec<String>,
    /// Entity types preferred for the requester (donor), nearest first within each.
    pub prefer: Vec<String>,
    /// Commitments: a money mention must be present.
    pub needs_amount: bool,
    /// Rule file.
    pub file: String,
    /// Line in it.
    pub line: usize,
    /// Examples.
    pub examples: Vec<ExampleDef>,
    /// Counter-examples.
    pub counter_examples: Vec<String>,
    /// The rule set's roles vocabulary (`[roles]`), shared by all its statements.
    pub vocab: std::sync::Arc<roles::vocabulary::Vocabulary>,
}

/// Finds statements. `mentions` are sorted by start and carry their unit index;
/// a rule is not tried in a unit where `triggers` says its trigger cannot match.
pub fn find(
    text: &str,
    units: &[Unit],
    mentions: &[Mention],
    rules: &[StatementRule],
    triggers: &super::TriggerHits,
) -> Vec<Statement> {
    let mut out = Vec::new();
    // mentions grouped by unit once, not filtered per unit (documents hold thousands)
    let mut by_unit: Vec<Vec<&Mention>> = vec![Vec::new(); units.len()];
    for m in mentions {
        if let Some(v) = by_unit.get_mut(m.sentence) {
            v.push(m);
        }
    }
    // the role helpers read the rule set's words while this document is analysed
    let _vocab = rules
        .first()
        .map(|r| roles::vocabulary::install(r.vocab.clone()));
    let voice = roles::doc_voice(text);
    // read only when a call needs it: it scans the whole text
    let parties = std::cell::OnceCell::new();
    let convener = roles::convener(text, mentions);
    let mut disc = roles::discourse::Discourse::new(text, mentions);
    let mut list_calls = roles::list_calls::ListCalls::default();
    let mut last_segment = usize::MAX;
    // the persons each segment has named so far: "he"/"she" stand for the one
    let mut seg_persons: (usize, Vec<&str>) = (usize::MAX, Vec::new());
    for (ui, u) in units.iter().enumerate() {
        if seg_persons.0 != u.segment {
            seg_persons = (u.segment, Vec::new());
        }
        let in_unit = &by_unit[ui];
        let unit_text = text.get(u.span.start..u.span.end).unwrap_or("");
        // a page number or running head between two paragraphs ends neither
        // the lead-in before it nor the list it opened
        if u.kind == UnitKind::Heading
            && u.segment == last_segment
            && roles::is_page_furniture(unit_text)
        {
            continue;
        }
        disc.enter(u.segment, u.kind == UnitKind::Heading, unit_text, in_unit);
        // a unit in a list item that is no item itself goes on with its call
        let item_call = match u.kind {
            UnitKind::Heading => None,
            _ => list_calls.open_item().cloned(),
        };
        let ctx = UnitContext {
            text,
            parties: &parties,
            item_call: item_call.as_ref(),
            voice: &voice,
            sole_person: match seg_persons.1.as_slice() {
                [one] => Some(one),
                _ => None,
            },
            disc: &disc,
            convener: convener.as_deref(),
        };
        // units start after their enumerator: an open list reads it from the line
        let with_enumerator = if list_calls.is_open() {
            // an enumerator is a few bytes after an indent: look no further back
            let mut from = u.span.start.saturating_sub(160);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let line_start = text[from..u.span.start]
                .rfind('\n')
                .map(|k| from + k + 1)
                .or((from == 0).then_some(0));
            line_start
                .filter(|&l| {
                    text.get(l..u.span.start)
                        .is_some_and(roles::list_calls::is_enumerator)
                })
                .and_then(|l| text.get(l..u.span.end))
                .unwrap_or(unit_text)
        } else {
            unit_text
        };
        let list_item = list_calls
            .item_call(with_enumerator)
            .cloned()
            .or_else(|| list_calls.ordinal_call(unit_text));
        // a short item between blank lines may have been taken for a heading
        let heading = u.kind == UnitKind::Heading && list_item.is_none();
        if !heading {
            if let Some(s) = text.get(u.span.start..u.span.end) {
                let mut done_kinds: Vec<StatementKind> = Vec::new();
                if s.contains('|') {
                    let rows = contributions::table_rows(text, u.span, ui, u.segment, in_unit);
                    if !rows.is_empty() {
                        done_kinds.push(StatementKind::Commitment);
                        out.extend(rows);
                    }
                }
                for (ri, r) in rules.iter().enumerate() {
                    if done_kinds.contains(&r.def.kind) || !triggers.may_match(ui, ri) {
                        continue;
                    }
                    if let Some(st) = apply(r, text, ui, u, s, in_unit, &ctx) {
                        done_kinds.push(r.def.kind);
                        if st.kind == StatementKind::Commitment {
                            out.extend(contributions::split(text, in_unit, st));
                        } else {
                            out.push(st);
                        }
                    }
                }
                if !done_kinds.contains(&StatementKind::Request) {
                    if let Some(call) = &list_item {
                        out.push(listed_request(call, ui, u, s, &ctx));
                    }
                }
            }
        }
        list_calls.read(with_enumerator, heading, u.segment != last_segment);
        last_segment = u.segment;
        disc.leave(unit_text, u.span.start, in_unit);
        for m in in_unit.iter().filter(|m| m.entity == "person") {
            if !seg_persons.1.contains(&m.canonical()) {
                seg_persons.1.push(m.canonical());
            }
        }
    }
    out
}

/// "1. Conduct legal reviews ..." under "States should:": the lead-in's
/// subject is asked, the section's voice (else the author, else the last
/// speaker) asks, and the item is what.
fn listed_request(
    call: &roles::list_calls::ListCall,
    ui: usize,
    u: &Unit,
    s: &str,
    ctx: &UnitContext,
) -> Statement {
    let requester = list_voice(ctx);
    let addressee = Some(call.subject.clone())
        .filter(|s| !s.is_empty())
        .and_then(|s| resolve(s, ctx))
        .filter(|a| Some(a) != requester.as_ref());
    let item = roles::list_calls::item_text(s);
    let what = item
        .split_inclusive(". ")
        .next()
        .unwrap_or(item)
        .trim()
        .trim_end_matches(['.', ';'])
        .to_string();
    let strength = if call.modal.contains(' ') {
        "explicit"
    } else {
        "implicit"
    };
    Statement {
        kind: StatementKind::Request,
        rule: "request-listed".to_string(),
        trigger: call.modal.clone(),
        strength: strength.to_string(),
        sentence: ui,
        segment: u.segment,
        span: u.span,
        text: s.to_string(),
        requester,
        addressee,
        what: (!what.is_empty()).then_some(what),
        amount: None,
    }
}

/// Who asks in a list's items: the section's voice, else the author, else the
/// last speaker.
fn list_voice(ctx: &UnitContext) -> Option<String> {
    ctx.disc
        .voice()
        .or_else(|| ctx.voice.first_person.clone())
        .or_else(|| reporter(ctx))
        .and_then(|p| resolve(p, ctx))
}

/// What a unit's statement may lean on beyond its own sentence.
struct UnitContext<'a> {
    /// The document's text.
    text: &'a str,
    /// The parties of the convention whose record this is, once asked for.
    parties: &'a std::cell::OnceCell<Option<String>>,
    /// The call of the list item the unit goes on, when it is no item itself.
    item_call: Option<&'a roles::list_calls::ListCall>,
    /// The document's voice (resolution body, report author).
    voice: &'a roles::DocVoice,
    /// The one person the segment has named before this unit, if exactly one.
    sole_person: Option<&'a str>,
    /// Who the text has been speaking of and for (subjects, turns, sections).
    disc: &'a roles::discourse::Discourse,
    /// Who hosted or chaired the meeting the record reports.
    convener: Option<&'a str>,
}

/// In a record with no author's voice (minutes), the one whose words the
/// segment last reported ("Mr Titov said that ... . Recognition of ... is
/// essential"); in a report, what its author reports others said is not theirs
/// to ask.
fn reporter(ctx: &UnitContext) -> Option<String> {
    ctx.voice
        .first_person
        .is_none()
        .then(|| ctx.disc.reporter())
        .flatten()
}

/// A party as found, or what its pronoun stands for; `None` for a fragment
/// ("The largest") or a pronoun with no single antecedent.
fn resolve(p: String, ctx: &UnitContext) -> Option<String> {
    match roles::pronoun_kind(&p) {
        Some(roles::Pronoun::FirstPerson) => ctx
            .disc
            .first_person()
            .or_else(|| ctx.voice.first_person.clone()),
        Some(roles::Pronoun::Person) => ctx
            .disc
            .third_person(true)
            .or_else(|| ctx.sole_person.map(str::to_string)),
        Some(roles::Pronoun::Other) if p.trim().eq_ignore_ascii_case("it") => {
            ctx.disc.third_person(false)
        }
        Some(roles::Pronoun::Other) => None,
        // "Several delegations objected ... . Furthermore, some of them
        // underlined": some of the last subject's party
        None if p
            .get(p.len().saturating_sub(8)..)
            .is_some_and(|t| t.eq_ignore_ascii_case(" of them")) =>
        {
            let quantity = p[..p.len() - " of them".len()].trim();
            let subject = ctx.disc.third_person(false)?;
            let noun = subject.split_whitespace().last()?;
            (quantity.split_whitespace().count() <= 2
                && noun.ends_with('s')
                && roles::is_party_phrase(noun, false))
            .then(|| format!("{} {noun}", quantity.to_lowercase()))
        }
        // "The Chair requested the delegation to": the one seated at the table
        None if p.trim().eq_ignore_ascii_case("the delegation") => ctx.disc.at_table().or(Some(p)),
        None if roles::is_fragment(&p) => None,
        None => ctx
            .disc
            .resolve_definite(&p)
            .or_else(|| ctx.disc.members(&p))
            .or(Some(p)),
    }
}

/// "the President of Bosnia and Herzegovina himself had proposed": the nearest
/// party before the trigger when an office precedes its name, named with the office.
fn office_holder_before(text: &str, trigger_start: usize, parties: &[&&Mention]) -> Option<String> {
    let m = parties.iter().rev().find(|m| m.span.end <= trigger_start)?;
    let from = m.span.start.saturating_sub(40);
    let from = (from..=m.span.start).find(|&i| text.is_char_boundary(i))?;
    let office = roles::office_before(text.get(from..m.span.start)?)?;
    Some(format!("{office} of {}", m.text))
}
