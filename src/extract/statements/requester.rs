//! Who asks: the requester of a statement, from its sentence first (a
//! passive's agent, a verb of saying's subject, a coordinated verb's subject,
//! the party named before the trigger), then from its context (the section's
//! voice, the author, the last speaker, the meeting's host).

use super::phrases::{is_agent_gap, subject_phrase};
use super::sentence_rule::Trigger;
use super::{office_holder_before, reporter, roles};
use crate::model::{Mention, StatementKind};

/// The party the sentence makes ask, as written (a pronoun is resolved by the
/// caller), or `None`.
pub(super) fn find(t: &Trigger) -> Option<String> {
    let Trigger {
        r,
        text,
        s,
        base,
        trig,
        ts,
        te,
        head,
        ref parties,
        in_unit,
        reported,
        passive,
        modal,
        operative,
        impersonal,
        wish_subject,
        ctx,
        ..
    } = *t;
    // who says the verb of saying at `v`: an office-holder, the party named
    // last before it, or a pronoun subject
    let sayer = |v: usize| {
        let end = base + v;
        office_holder_before(text, end, parties)
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
    if wish_subject.is_some() {
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
            // "States Parties ... are encouraged to report": in a paper, a call
            // in the present is its author's (a past one reports others' asks)
            .or_else(|| {
                let aux = head_clause_aux(head);
                matches!(aux, Some("are" | "is"))
                    .then(|| ctx.voice.first_person.clone())
                    .flatten()
            })
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
            .or_else(|| counted_among(head))
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
            .or_else(|| office_holder_before(text, ts, parties))
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
    }
}

/// The auxiliary right before a passive trigger ("are" in "States Parties are
/// encouraged"), lower-cased.
fn head_clause_aux(head: &str) -> Option<&'static str> {
    let last = head.split_whitespace().last()?.to_lowercase();
    ["are", "is", "were", "was", "be", "been"]
        .into_iter()
        .find(|a| *a == last)
}

/// The party noun phrase that ends `text`, at most three words: "states" in
/// "the number of states", "non-governmental organizations" in "interest from
/// non-governmental organizations".
pub(super) fn trailing_party(text: &str) -> Option<String> {
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

/// "10 States Parties had obligations of which eight had requested": so many of
/// the party the sentence opens with ("eight States Parties").
fn counted_among(head: &str) -> Option<String> {
    // (searched as written: a lower-cased copy may not keep the byte offsets)
    let k = head
        .rfind(" of which ")
        .or_else(|| head.rfind(" of whom "))?;
    let after: Vec<&str> = head[k..].split_whitespace().skip(2).collect();
    let (count, aux) = after.split_first()?;
    let aux_only = aux.len() <= 2
        && aux.iter().all(|w| {
            ["had", "have", "has", "also", "already"].contains(&w.to_lowercase().as_str())
        });
    if !aux_only || !roles::counted_subject(count) {
        return None;
    }
    // the party of the clause before: "10 States Parties" of "10 States Parties had obligations"
    let before = &head[..k];
    let verb = [" had ", " have ", " has ", " were ", " are "]
        .iter()
        .filter_map(|v| before.find(v))
        .min()?;
    let words: Vec<&str> = before[..verb].split_whitespace().collect();
    let noun = match words.split_first() {
        Some((first, rest)) if roles::counted_subject(first) => rest.join(" "),
        _ => words.join(" "),
    };
    (!noun.is_empty()
        && noun.split_whitespace().count() <= 4
        && roles::is_party_phrase(&noun, false))
    .then(|| format!("{count} {noun}"))
}

#[cfg(test)]
mod tests {
    use super::counted_among;

    #[test]
    fn so_many_of_the_party_named_before_ask() {
        assert_eq!(
            counted_among("12 States Parties had Article 4 obligations of which seven had ")
                .as_deref(),
            Some("seven States Parties")
        );
        assert_eq!(
            counted_among("Of the donors, 30 countries reported funding of which 12 had "),
            None
        );
        assert_eq!(counted_among("the plan of which the Committee had "), None);
    }
}
