//! One sentence rule tried on one unit: its trigger, the sentence's shape
//! around it (passive, modal call, operative paragraph), and the statement
//! built from who asks ([`super::requester`]), who is asked
//! ([`super::addressee`]) and what is asked or given.

use regex::Match;

use super::phrases::{is_modal, what_of};
use super::{
    addressee, context_fill, received, requester, resolve, roles, StatementRule, UnitContext,
};
use crate::extract::sentences::Unit;
use crate::model::{Mention, Money, Statement, StatementKind, Value};

/// A rule's trigger in its unit, and what the role readers share about it.
pub(super) struct Trigger<'a> {
    /// The rule that matched.
    pub r: &'a StatementRule,
    /// The whole document.
    pub text: &'a str,
    /// The unit's text.
    pub s: &'a str,
    /// Where the unit starts in `text`.
    pub base: usize,
    /// The trigger, in `s`.
    pub trig: Match<'a>,
    /// The trigger's start in `text`.
    pub ts: usize,
    /// The trigger's end in `text`.
    pub te: usize,
    /// The unit's text before the trigger.
    pub head: &'a str,
    /// The unit's mentions that may be parties, by start.
    pub parties: Vec<&'a &'a Mention>,
    /// All of the unit's mentions.
    pub in_unit: &'a [&'a Mention],
    /// The verb of saying and the reported clause's start in `head`, if any.
    pub reported: Option<(usize, usize)>,
    /// "were asked to", "is requested": the subject is asked.
    pub passive: bool,
    /// "should", "must": a call whose subject is asked.
    pub modal: bool,
    /// A resolution's operative paragraph: its body asks.
    pub operative: bool,
    /// "It is important that", "There is a need to".
    pub impersonal: bool,
    /// "the Council may wish to call upon": the text before "may wish to".
    pub wish_subject: Option<&'a str>,
    /// What the unit may lean on beyond its sentence.
    pub ctx: &'a UnitContext<'a>,
}

/// Tries rule `r` on unit `u` (index `ui`, text `s`): the statement its trigger
/// makes, with its parties and what is asked or given, or `None`.
pub(super) fn apply(
    r: &StatementRule,
    text: &str,
    ui: usize,
    u: &Unit,
    s: &str,
    in_unit: &[&Mention],
    ctx: &UnitContext<'_>,
) -> Option<Statement> {
    // most units hold no trigger at all: look for one before the ignore lists
    let mut triggers = r.trigger.find_iter(s).peekable();
    triggers.peek()?;
    // a trigger inside an `ignore` match ("to encourage", "seeking to receive") does not count
    let ignored: Vec<(usize, usize)> = r
        .ignore
        .iter()
        .flat_map(|x| x.find_iter(s).map(|m| (m.start(), m.end())))
        .collect();
    let trig = triggers.find(|t| !ignored.iter().any(|&(a, b)| t.start() < b && a < t.end()))?;
    if r.unless.iter().any(|x| x.is_match(s)) {
        return None;
    }
    let amount: Option<Money> = in_unit.iter().find_map(|m| match &m.value {
        Value::Money(mo) => Some(mo.clone()),
        _ => None,
    });
    if r.needs_amount && amount.is_none() {
        return None;
    }
    let base = u.span.start;
    let (ts, te) = (base + trig.start(), base + trig.end());
    let parties: Vec<&&Mention> = in_unit
        .iter()
        .filter(|m| r.parties.contains(&m.entity))
        .collect();
    let head = &s[..trig.start()];
    // "The Meeting noted that States Parties were encouraged to": who speaks,
    // and where the clause they report starts
    let reported = roles::reported_clause(head);
    // "requests from Chad, Germany and Serbia": all of the list ask; the one
    // asked is named only with "to"
    let requests_from = {
        let t = trig.as_str().trim_end().to_lowercase();
        t.starts_with("request") && t.ends_with(" from")
    };
    // "Until agreement is reached, there is a need": a passive of another
    // clause does not make the trigger's clause passive
    let head_clause = head.rsplit([',', ';', ':']).next().unwrap_or(head);
    let passive = r.def.kind == StatementKind::Request
        && (roles::is_passive(head_clause)
            || roles::is_passive(trig.as_str().split_whitespace().next().unwrap_or("")));
    // "Countries requiring assistance should produce ... requests for
    // assistance": a noun trigger in the object of a modal call is that call
    let modal_before = || {
        head_clause
            .split_whitespace()
            .any(|w| matches!(w, "should" | "must" | "shall"))
    };
    // "Switzerland stressed the need for": a named subject's finite verb asks;
    // the need is its object, no modal ("as it highlights the need",
    // "Emphasizing the need" stay calls that name no asker)
    let named_need = {
        let t = trig.as_str().to_lowercase();
        let verb = t.split_whitespace().next().unwrap_or("");
        let before = head.split_whitespace().last().unwrap_or("");
        t.contains(" the need")
            && (verb.ends_with("ed") || verb.ends_with('s'))
            && before.starts_with(char::is_uppercase)
            && roles::pronoun_kind(before).is_none()
    };
    let modal = r.def.kind == StatementKind::Request
        && ((is_modal(trig.as_str()) && !named_need) || modal_before());
    let operative = ctx.voice.actor.is_some() && roles::opens_operative(s);
    // "It is important that ...", "There is a need to ...": impersonal calls
    // are the voice's (the speaker of a turn, the section's author)
    let impersonal = {
        let t = trig.as_str().to_lowercase();
        t.starts_with("it ") || t.starts_with("there ")
    };
    // "the Council may wish to call upon the parties to": the author asks the
    // Council, which would do the asking
    let wish_subject = {
        let h = head.trim_end();
        let lower = h.to_lowercase();
        [
            "may wish to",
            "might wish to",
            "may also wish to",
            "may further wish to",
        ]
        .iter()
        .find(|w| lower.ends_with(*w))
        .map(|w| &h[..h.len() - w.len()])
    };
    let t = Trigger {
        r,
        text,
        s,
        base,
        trig,
        ts,
        te,
        head,
        parties,
        in_unit,
        reported,
        passive,
        modal,
        operative,
        impersonal,
        wish_subject,
        ctx,
    };
    // "The ISU received requests from Chad": the receiver is asked
    let received = received::roles(&t);
    let requester = match &received {
        Some((asker, _)) => asker.clone(),
        None => requester::find(&t),
    };
    let requester = requester.and_then(|p| resolve(p, ctx));
    // "The nineteen actions ... describe steps States should take": the plan asks
    let plan = match r.def.kind {
        StatementKind::Request => text
            .get(..base)
            .and_then(|before| roles::plan_of_actions(s, before)),
        _ => None,
    };
    let by_plan = plan.is_some();
    let requester = plan.or(requester);
    // "Four States Parties submitted requests ...: Eritrea, Ethiopia, Niger and Serbia"
    let listed: Vec<String> = match s[trig.end()..].find(':') {
        Some(c) if requester.as_deref().is_some_and(roles::counted_subject) => {
            let from = te + c;
            let mut names: Vec<String> = Vec::new();
            for m in t.parties.iter().filter(|m| m.span.start >= from) {
                if !names.iter().any(|n| n == m.canonical()) {
                    names.push(m.canonical().to_string());
                }
            }
            names
        }
        _ => Vec::new(),
    };
    let requester = if listed.len() >= 2 {
        Some(roles::join_names(&listed))
    } else {
        requester
    };
    let addressee = match received {
        Some((_, receiver)) => receiver,
        None => addressee::find(&t, requester.as_deref()),
    };
    let addressee = addressee
        .filter(|_| {
            !requests_from
                || s[trig.end()..]
                    .split_whitespace()
                    .take(12)
                    .any(|w| w == "to")
        })
        .and_then(|p| resolve(p, ctx));
    // "Mr Titov was asked about ...": the one asked is not the section's voice
    let requester = if passive && addressee.is_some() && addressee == requester {
        None
    } else {
        requester
    };
    let addressee = addressee
        .filter(|a| Some(a) != requester.as_ref() && !listed.contains(a))
        // a paper's author calls on those the paper is presented to
        .or_else(|| {
            // (and a plan the paper cites calls on the parties that adopted it)
            let authors = r.def.kind == StatementKind::Request
                && requester.is_some()
                && (by_plan || requester == ctx.voice.first_person);
            authors.then(|| ctx.voice.audience.clone()).flatten()
        });
    let unnamed_call = r.def.kind == StatementKind::Request && (passive || modal || impersonal);
    let (requester, addressee) = context_fill::fill(ctx, unnamed_call, requester, addressee);
    // "Requests the Secretary-General to", "invites States to": an infinitive
    // follows; in "appealed to donors for ..." the "to" names the addressee
    let mut trigger_words = trig.as_str().split_whitespace();
    let object_follows = trigger_words
        .next_back()
        .is_some_and(|w| w.eq_ignore_ascii_case("to"))
        && trigger_words.count() >= 2;
    // "should take into account age, gender ...": a modal trigger holds the
    // verb of what is asked, so the thing asked starts at that verb
    let modal_verb = {
        let t = trig.as_str().trim_end();
        let verb = t.rsplit(char::is_whitespace).next().unwrap_or("");
        let lower = verb.to_lowercase();
        let asks_a_verb = modal
            && !verb.is_empty()
            && verb.len() < t.len()
            && !["be", "not", "also", "should", "must"].contains(&lower.as_str())
            && !lower.ends_with("ly")
            // "should not take": the verb alone would say the opposite
            && !t.to_lowercase().contains(" not ");
        asks_a_verb.then(|| trig.start() + t.len() - verb.len())
    };
    let what = match modal_verb {
        Some(at) => what_of(&s[at..], r.def.kind, true),
        None => what_of(&s[trig.end()..], r.def.kind, object_follows),
    };
    Some(Statement {
        kind: r.def.kind,
        rule: r.name.clone(),
        trigger: trig.as_str().to_string(),
        strength: r.def.strength.clone(),
        sentence: ui,
        segment: u.segment,
        span: u.span,
        text: s.to_string(),
        requester,
        addressee,
        what,
        amount: if r.def.kind == StatementKind::Commitment {
            amount
        } else {
            None
        },
    })
}
