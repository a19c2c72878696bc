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

mod phrases;

use super::contributions;
use super::roles;
use super::rule_file::ExampleDef;
use super::sentences::{Unit, UnitKind};
use crate::model::{Mention, Money, Statement, StatementKind, Value};
use phrases::{is_agent_gap, is_modal, subject_phrase, what_of};

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
        disc.enter(u.segment, u.kind == UnitKind::Heading, unit_text, in_unit);
        let ctx = UnitContext {
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
        let list_item = list_calls.item_call(with_enumerator).cloned();
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
    let requester = ctx
        .disc
        .voice()
        .or_else(|| ctx.voice.first_person.clone())
        .or_else(|| reporter(ctx))
        .and_then(|p| resolve(p, ctx));
    let addressee = resolve(call.subject.clone(), ctx).filter(|a| Some(a) != requester.as_ref());
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

/// What a unit's statement may lean on beyond its own sentence.
struct UnitContext<'a> {
    /// The document's voice (resolution body, report author).
    voice: &'a roles::DocVoice,
    /// The one person the segment has named before this unit, if exactly one.
    sole_person: Option<&'a str>,
    /// Who the text has been speaking of and for (subjects, turns, sections).
    disc: &'a roles::discourse::Discourse,
    /// Who hosted or chaired the meeting the record reports.
    convener: Option<&'a str>,
}

fn apply(
    r: &StatementRule,
    text: &str,
    ui: usize,
    u: &Unit,
    s: &str,
    in_unit: &[&Mention],
    ctx: &UnitContext,
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
    // who says the verb of saying at `v`: an office-holder, the party named
    // last before it, or a pronoun subject
    let sayer = |v: usize| {
        let end = base + v;
        office_holder_before(text, end, &parties)
            .or_else(|| {
                parties
                    .iter()
                    .rev()
                    .find(|m| m.span.end <= end)
                    .map(|m| m.canonical().to_string())
            })
            .or_else(|| roles::head_pronoun(&head[..v]))
    };
    let speaker = || {
        let (v, _) = reported?;
        sayer(v).or_else(|| subject_phrase(&head[..v]).filter(|p| roles::is_party_phrase(p, false)))
    };
    let named_before = |pred: &dyn Fn(&Mention) -> bool| {
        parties
            .iter()
            .rev()
            .find(|m| m.span.end <= ts && pred(m))
            .map(|m| m.canonical().to_string())
    };
    // passive agent: "requested by X", "asked by the US"
    let agent = parties
        .iter()
        .find(|m| m.span.start >= te && text.get(ts..m.span.start).is_some_and(is_agent_gap))
        .map(|m| m.canonical().to_string())
        // "a request from the Security Council": the one it comes from asks
        .or_else(|| {
            let t = trig.as_str().trim_end().to_lowercase();
            if !(t.starts_with("request") && t.ends_with(" from")) {
                return None;
            }
            parties
                .iter()
                .find(|m| {
                    m.span.start >= te
                        && text
                            .get(te..m.span.start)
                            .is_some_and(|g| g.split_whitespace().count() <= 1)
                })
                .map(|m| m.canonical().to_string())
        })
        // "a strong push from many mine affected states for": the phrase it comes from
        .or_else(|| {
            let t = trig.as_str().trim_end().to_lowercase();
            if !t.ends_with(" from") || t.starts_with("request") {
                return None;
            }
            let after = &s[trig.end()..];
            let end = after
                .find([',', ';', '.', '('])
                .unwrap_or(after.len())
                .min(after.find(" for ").unwrap_or(after.len()));
            let np = after[..end].trim();
            (np.split_whitespace().count() <= 6 && roles::is_party_phrase(np, false))
                .then(|| np.to_string())
        });
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
    let modal = r.def.kind == StatementKind::Request && is_modal(trig.as_str());
    let operative = ctx.voice.actor.is_some() && roles::opens_operative(s);
    // "Japan said that ..., and encouraged States to": the subject of the verb
    // of saying asks, not a party named inside its "that" clause
    let coordinated_speaker = || {
        let v = roles::first_speech_verb(s).filter(|&v| v < trig.start())?;
        let between = &s[v..trig.start()];
        let before_trigger = between.trim_end().trim_end_matches(',');
        let coordinated = before_trigger.ends_with(" and") || before_trigger.ends_with(", and");
        if !(between.contains(" that ") && coordinated) {
            return None;
        }
        parties
            .iter()
            .rev()
            .find(|m| m.span.end <= base + v)
            .map(|m| m.canonical().to_string())
            .or_else(|| roles::head_pronoun(&s[..v]))
            .or_else(|| subject_phrase(&s[..v]))
    };
    // "The Committee welcomes the support provided by Japan and the United States
    // and encourages other partners to", "She reminded members that ... was
    // funded by the United States and asked members to": a verb coordinated
    // with the sentence's first verb, in the same form, shares its subject
    // (also with a pronoun subject, which `coordinated_subject` leaves alone)
    let coordinated_same_form = || {
        let before = head.trim_end().trim_end_matches(',');
        if !before.ends_with(" and") {
            return None;
        }
        let first = s.split_whitespace().next()?;
        let (verb_at, subject) = if roles::pronoun_kind(first).is_some() {
            let at = s.find(first)? + first.len();
            (
                at + (s[at..].len() - s[at..].trim_start().len()),
                first.to_string(),
            )
        } else {
            let at = roles::discourse::subject_end(s)?;
            let party = roles::discourse::sentence_subject(s, base, in_unit)?.party;
            (at, roles::without_lead_adverbials(&party).to_string())
        };
        let main_verb = s[verb_at..].split_whitespace().next()?;
        let verb = trig.as_str().split_whitespace().next()?;
        let same_form = (main_verb.ends_with("ed") && verb.ends_with("ed"))
            || (main_verb.ends_with('s') && verb.ends_with('s'));
        (verb_at < trig.start() && same_form).then_some(subject)
    };
    // "the number of states requesting assistance", "mine-affected countries
    // seeking support": the party noun a participle trigger follows asks
    let participle_subject = || {
        let verb = trig.as_str().split_whitespace().next()?;
        if !verb.to_lowercase().ends_with("ing") {
            return None;
        }
        trailing_party(head)
    };
    // "the Chair noted that Japan was ..., and that she encouraged members to":
    // "he"/"she" right before the asking verb is the sentence's own person
    // subject, not the party named last
    let own_pronoun = || {
        let last = head.split_whitespace().last()?;
        if roles::pronoun_kind(last) != Some(roles::Pronoun::Person) {
            return None;
        }
        let sub = roles::discourse::sentence_subject(s, base, in_unit)?;
        sub.person_like
            .then(|| roles::without_lead_adverbials(&sub.party).to_string())
    };
    // "Therefore, we welcome ... and encourage the Secretary-General to": a
    // coordinated verb shares the pronoun subject of the sentence's first clause
    let coordinated_pronoun = || {
        let before = head.trim_end().trim_end_matches(',');
        if !before.ends_with(" and") {
            return None;
        }
        head.split(',')
            .map(str::trim)
            .find(|c| c.split_whitespace().count() >= 2)
            .and_then(|c| c.split_whitespace().next())
            .filter(|w| roles::pronoun_kind(w).is_some())
            .map(str::to_string)
    };
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
    let requester = if wish_subject.is_some() {
        ctx.disc
            .voice()
            .or_else(|| ctx.voice.first_person.clone())
            .or_else(|| ctx.voice.actor.clone())
    } else if agent.is_some() {
        agent.clone()
    } else if operative {
        ctx.voice.actor.clone()
    } else if passive {
        // "The Meeting noted that States were encouraged to": the body that
        // speaks; "Delegations are encouraged to": the section's voice, if it
        // has one, unless a person of this sentence speaks ("Ms X responded by
        // saying that ... was responding to requests"); else no one (never a
        // party merely named in the sentence)
        speaker()
            .or_else(|| {
                roles::discourse::sentence_subject(s, base, in_unit)
                    .filter(|sub| sub.person_like)
                    .map(|sub| sub.party)
            })
            .or_else(|| ctx.disc.voice())
            .or_else(|| reporter(ctx))
            // "Donor states were encouraged to share ...": the meeting's host
            .or_else(|| ctx.convener.map(str::to_string))
    } else if modal || impersonal {
        // "X said that Y should ...", "he stressed that it was important to":
        // the one who says asks
        roles::last_speech_verb(head)
            .and_then(|v| {
                sayer(v)
                    // "As I emphasized ..., the party must": the author
                    .or_else(|| roles::clause_first_person(&head[..v]).map(|_| "I".to_string()))
                    .or_else(|| subject_phrase(&head[..v]))
            })
            .or_else(|| ctx.disc.voice())
            // "UNTAC must continue ...": in a report, the author's call
            .or_else(|| ctx.voice.first_person.clone())
            .or_else(|| reporter(ctx))
    } else {
        // "in which I requested him", "I again invite the Council": the author
        // asks, not a party named earlier in the sentence
        let first_person = roles::clause_first_person(head).filter(|&off| {
            !parties
                .iter()
                .any(|m| m.span.start >= base + off && m.span.end <= ts)
        });
        // "The delegation of Canada, supported by Norway, proposed that": the
        // trigger is the sentence's first verb, so its subject asks
        let subject_asks = || {
            if r.def.kind != StatementKind::Request
                || roles::discourse::subject_end(s) != Some(trig.start())
            {
                return None;
            }
            let party = roles::discourse::sentence_subject(s, base, in_unit)?.party;
            // "On the one hand, many delegations": the subject after its adverbials
            Some(roles::without_lead_adverbials(&party).to_string())
        };
        // "The Committee recalled that Japan had pledged and said that it would
        // continue to urge": a pronoun opening the reported clause is the
        // speaker, not a party named in another "that" clause
        let reported_pronoun = || {
            let (_, c) = reported?;
            let first = head[c..].split_whitespace().next()?;
            let third = matches!(
                roles::pronoun_kind(first),
                Some(roles::Pronoun::Person | roles::Pronoun::Other)
            );
            let named_inside = parties
                .iter()
                .any(|m| m.span.start >= base + c && m.span.end <= ts);
            (third && !named_inside).then(speaker).flatten()
        };
        // "the Council welcomed the achievements of IPTF and asked UNMIBH to":
        // a verb coordinated with the sentence's first one shares its subject,
        // not the party named in the first verb's object
        let coordinated_subject = || {
            // a verb, not a noun ("plans and requests for assistance")
            let first = trig
                .as_str()
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            let verb = first.ends_with("ed")
                || [
                    "sought",
                    "urges",
                    "asks",
                    "invites",
                    "encourages",
                    "calls",
                    "demands",
                ]
                .contains(&first.as_str());
            if !verb || !head.trim_end().ends_with(" and") {
                return None;
            }
            let end = roles::discourse::subject_end(s)?;
            if end >= trig.start() || head[end..].contains(" that ") {
                return None;
            }
            let party = roles::discourse::sentence_subject(s, base, in_unit)?.party;
            Some(roles::without_lead_adverbials(&party).to_string())
        };
        first_person
            .map(|off| {
                head[off..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("I")
                    .to_string()
            })
            .or_else(reported_pronoun)
            .or_else(coordinated_speaker)
            .or_else(coordinated_subject)
            .or_else(participle_subject)
            .or_else(coordinated_same_form)
            .or_else(own_pronoun)
            .or_else(|| roles::resolution_of(head))
            .or_else(subject_asks)
            .or_else(|| {
                r.prefer
                    .iter()
                    .find_map(|t| named_before(&|m: &Mention| m.entity == *t))
            })
            .or_else(|| office_holder_before(text, ts, &parties))
            .or_else(|| named_before(&|_| true))
            .or_else(|| roles::head_pronoun(head))
            .or_else(coordinated_pronoun)
            .or_else(|| subject_phrase(head))
            .or_else(|| {
                // "A number of delegations expressed concern ... and called for"
                roles::first_speech_verb(s)
                    .filter(|&v| v < trig.start())
                    .and_then(|v| subject_phrase(&s[..v]))
                    // "As noted in paragraph 2": no subject, no party
                    .filter(|p| !roles::is_fragment(p) && p.split_whitespace().count() > 1)
            })
            .or_else(|| impersonal.then(|| ctx.disc.voice()).flatten())
            // "It is also necessary to start ...": in a report, its author's call
            .or_else(|| impersonal.then(|| ctx.voice.first_person.clone()).flatten())
    };
    let requester = requester.and_then(|p| resolve(p, ctx));
    // "Four States Parties submitted requests ...: Eritrea, Ethiopia, Niger and Serbia"
    let listed: Vec<String> = match s[trig.end()..].find(':') {
        Some(c) if requester.as_deref().is_some_and(roles::counted_subject) => {
            let from = te + c;
            let mut names: Vec<String> = Vec::new();
            for m in parties.iter().filter(|m| m.span.start >= from) {
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
    let np_has_entity = |np: &str| parties.iter().any(|m| np.contains(m.text.as_str()));
    let addressee = if let Some(before) = wish_subject {
        let end = base + before.len();
        parties
            .iter()
            .rev()
            .find(|m| {
                m.span.end <= end
                    && m.span.start
                        >= end.saturating_sub(
                            before
                                .rsplit([',', ';', ':'])
                                .next()
                                .unwrap_or(before)
                                .len(),
                        )
            })
            .map(|m| m.canonical().to_string())
            .or_else(|| subject_phrase(before).filter(|p| roles::is_party_phrase(p, false)))
    } else if passive {
        // "organizations that were encouraged to": the relative clause's antecedent
        relative_antecedent(head).or_else(|| {
            // in a reported clause, its own subject is the one asked
            let from = reported.map_or(0, |(_, c)| c);
            parties
                .iter()
                .rev()
                .find(|m| m.span.start >= base + from && m.span.end <= ts)
                .map(|m| m.canonical().to_string())
                .or_else(|| {
                    subject_phrase(&head[from..]).filter(|p| roles::is_party_phrase(p, false))
                })
                // "said that donors are encouraged": a bare plural subject of the
                // reported clause (a lower-case clause start is no fragment here)
                .or_else(|| {
                    let words: Vec<&str> = head[from..].split_whitespace().collect();
                    let n = words.len().checked_sub(1)?;
                    let aux = ["are", "were", "is", "was", "be", "been"];
                    (from > 0
                        && (1..=3).contains(&n)
                        && aux.contains(&words[n].to_lowercase().as_str()))
                    .then(|| words[..n].join(" "))
                    .filter(|p| roles::is_party_phrase(p, false))
                })
        })
    } else if modal {
        // "Stresses the need for States to take": on whom the need is put
        if let Some(np) = roles::need_for(&s[trig.end()..]) {
            Some(np)
        } else if let Some(np) = phrases::modal_passive_agent(&s[trig.end()..]) {
            // "should be adhered to by all parties": the agent is the one asked
            Some(np)
        } else {
            let clause = head.rsplit([',', ';', ':']).next().unwrap_or(head);
            // "The CMC believes that States should", "The Chair said that
            // affected countries should": the reported clause's own subject, not
            // the speaker
            let clause = match reported {
                Some((_, c)) if c > head.len() - clause.len() => &head[c..],
                _ => clause
                    .rfind(" that ")
                    .map_or(clause, |k| &clause[k + " that ".len()..]),
            };
            let clause_start = ts - clause.len();
            match roles::clause_first_person(head) {
                // "we Member States must": those named with "we"; "we must": the
                // speakers themselves, no one else asked
                Some(off) => {
                    let after: String = head[off..]
                        .split_whitespace()
                        .skip(1)
                        .collect::<Vec<_>>()
                        .join(" ");
                    (!after.is_empty() && roles::is_party_phrase(&after, false)).then_some(after)
                }
                // "decisions by the Security Council on the future of UNPROFOR
                // should": the agent of the subject's noun, else its first party
                // (later ones modify it)
                None => parties
                    .iter()
                    .find(|m| {
                        m.span.start >= clause_start
                            && m.span.end <= ts
                            && text.get(clause_start..m.span.start).is_some_and(|g| {
                                g.trim_end().ends_with(" by the") || g.trim_end().ends_with(" by")
                            })
                    })
                    .or_else(|| {
                        parties
                            .iter()
                            .rev()
                            .find(|m| m.span.start >= clause_start && m.span.end <= ts)
                    })
                    .map(|m| m.canonical().to_string())
                    .or_else(|| subject_phrase(clause).filter(|p| roles::is_party_phrase(p, false)))
                    // "States Parties to the Mine Ban Treaty must": the head of a
                    // subject too long for a phrase of its own
                    .or_else(|| {
                        let short = clause.split(" to the ").next().unwrap_or(clause);
                        (short.len() < clause.len())
                            .then(|| subject_phrase(short))
                            .flatten()
                            .filter(|p| roles::is_party_phrase(p, false))
                    })
                    .or_else(|| reported_party(clause)),
            }
        }
    } else if roles::object_phrase(&s[trig.start()..])
        .is_some_and(|np| ["him", "her"].contains(&np.to_lowercase().as_str()))
    {
        // "requested him to": the office the sentence named before, else unknown;
        // "introduced Assistant Secretary-General Alexandre Zouev ... and invited
        // him": the person named with the office
        roles::object_pronoun_antecedent(head).map(|office| {
            parties
                .iter()
                .rev()
                .filter(|m| m.entity == "person" && m.span.end <= ts && m.span.start >= base)
                .find(|m| {
                    // the office right before the name, or inside the mention
                    let upto = s.get(..m.span.end - base).unwrap_or("");
                    let upto = upto.split_whitespace().collect::<Vec<_>>().join(" ");
                    let name_len = m
                        .text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .len();
                    upto.rfind(office.as_str())
                        .is_some_and(|k| upto.len() - k <= office.len() + name_len + 1)
                })
                .map_or(office, |m| m.canonical().to_string())
        })
    } else if let Some(asked) = question_party(trig.as_str(), &s[trig.end()..]) {
        Some(asked)
    } else {
        roles::object_phrase(&s[trig.start()..])
            .filter(|np| roles::is_party_phrase(np, np_has_entity(np)))
            .map(|np| {
                // "the MASG", "the representative of the United States": the entity itself
                let inside: Vec<&&&Mention> = parties
                    .iter()
                    .filter(|m| np.contains(m.text.as_str()))
                    .collect();
                match inside.as_slice() {
                    [one] if roles::only_holder_words(&np.replacen(one.text.as_str(), " ", 1)) => {
                        one.canonical().to_string()
                    }
                    _ => np,
                }
            })
            .or_else(|| roles::that_subject(&s[trig.start()..]))
            // "Stresses the need for States to ..., and encourages the application of"
            .or_else(|| {
                s.find("need for ")
                    .and_then(|i| roles::need_for(&s[i + "need ".len()..]))
            })
            // "the best way to achieve this is for the parties to agree"
            .or_else(|| {
                s.find(" is for ")
                    .and_then(|i| roles::need_for(&s[i + " is".len()..]))
            })
            .or_else(|| {
                parties
                    .iter()
                    .find(|m| {
                        m.span.start >= te
                            && Some(m.canonical()) != requester.as_deref()
                            && !text.get(m.span.end..).is_some_and(roles::opens_predicate)
                    })
                    .map(|m| m.canonical().to_string())
            })
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
            let authors = r.def.kind == StatementKind::Request
                && requester.is_some()
                && requester == ctx.voice.first_person;
            authors.then(|| ctx.voice.audience.clone()).flatten()
        });
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

/// "asked how the Coordinators planned to", "asked whether UNMAS would", "asked
/// if the agencies had been consulted by UNDP": an embedded question is put to
/// its subject, or to the agent of its passive.
fn question_party(trigger: &str, after: &str) -> Option<String> {
    let last = trigger.split_whitespace().last()?.to_lowercase();
    if !["if", "whether", "how"].contains(&last.as_str()) {
        return None;
    }
    let clause = after.split([',', ';', '?']).next()?.trim();
    let words: Vec<&str> = clause.split_whitespace().collect();
    // the agent of a passive: "had been consulted by UNDP during ..."
    let passive_by = words.windows(3).position(|w| {
        ["been", "be", "being"].contains(&w[0]) && w[1].ends_with("ed") && w[2] == "by"
    });
    if let Some(k) = passive_by {
        let agent: Vec<&str> = words[k + 3..]
            .iter()
            .take_while(|w| w.starts_with(char::is_uppercase) || ["the", "of", "and"].contains(w))
            .copied()
            .collect();
        let agent = agent.join(" ");
        let agent = agent.trim_start_matches("the ").trim();
        return (!agent.is_empty() && agent.split_whitespace().count() <= 6)
            .then(|| agent.to_string());
    }
    let end = roles::discourse::subject_end(&format!("{clause} "))?;
    let np = clause.get(..end)?.trim();
    (np.split_whitespace().count() <= 6
        && roles::is_party_phrase(np, np.starts_with(char::is_uppercase)))
    .then(|| np.to_string())
}

/// The party noun phrase that ends `text`, at most three words: "states" in
/// "the number of states", "non-governmental organizations" in "interest from
/// non-governmental organizations".
fn trailing_party(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().rev().take(3).collect();
    let last = words.first()?;
    if !roles::vocabulary::has(roles::vocabulary::List::PartyNouns, &last.to_lowercase()) {
        return None;
    }
    let kept: Vec<&str> = words
        .iter()
        .take_while(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && ![
                    "of", "the", "and", "or", "in", "for", "by", "with", "to", "from",
                ]
                .contains(&w.to_lowercase().as_str())
        })
        .copied()
        .collect();
    Some(kept.into_iter().rev().collect::<Vec<_>>().join(" "))
}

/// "organizations that were": the party a relative clause before a passive
/// trigger is about.
fn relative_antecedent(head: &str) -> Option<String> {
    let mut words: Vec<&str> = head.split_whitespace().collect();
    while words.last().is_some_and(|w| {
        [
            "was", "were", "is", "are", "been", "had", "have", "has", "being", "also",
        ]
        .contains(&w.to_lowercase().as_str())
    }) {
        words.pop();
    }
    let rel = words.pop()?;
    if !["that", "who", "which"].contains(&rel.to_lowercase().as_str()) {
        return None;
    }
    trailing_party(&words.join(" "))
}

/// "(said that) affected countries": a short lower-case party phrase that opens
/// a reported clause, which [`subject_phrase`] leaves to capitalised subjects.
fn reported_party(clause: &str) -> Option<String> {
    let c = clause.trim();
    let words: Vec<&str> = c.split_whitespace().collect();
    let plain = words.iter().all(|w| {
        w.chars().all(|ch| ch.is_alphabetic() || ch == '-')
            && roles::pronoun_kind(w).is_none()
            && !["that", "which", "who", "there", "this", "these", "those"]
                .contains(&w.to_lowercase().as_str())
    });
    ((2..=4).contains(&words.len())
        && c.starts_with(char::is_lowercase)
        && plain
        && roles::is_party_phrase(c, false))
    .then(|| c.to_string())
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
