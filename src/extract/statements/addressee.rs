//! Who is asked: the addressee of a request, from its sentence (the object of
//! the asking verb, a passive's subject, a modal call's subject, an embedded
//! question's subject, the party a need is put on).

use super::phrases::{modal_passive_agent, subject_phrase};
use super::requester::trailing_party;
use super::roles;
use super::sentence_rule::Trigger;
use crate::model::Mention;

/// The party the sentence asks, as written (a pronoun is resolved by the
/// caller), or `None`; `requester`, already read, is passed over when the
/// first party after the trigger is taken.
pub(super) fn find(t: &Trigger, requester: Option<&str>) -> Option<String> {
    let Trigger {
        text,
        s,
        base,
        trig,
        ts,
        te,
        head,
        ref parties,
        reported,
        passive,
        modal,
        wish_subject,
        ..
    } = *t;
    let np_has_entity = |np: &str| parties.iter().any(|m| np.contains(m.text.as_str()));
    if let Some(before) = wish_subject {
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
                // "States Parties in a position to provide assistance are
                // encouraged": a party noun with the phrase that qualifies it
                .or_else(|| {
                    let words: Vec<&str> = head[from..].split_whitespace().collect();
                    let n = words.len().checked_sub(1)?;
                    let aux = ["are", "were", "is", "was"];
                    let lead = words.get(..2.min(n))?.join(" ");
                    ((3..=10).contains(&n)
                        && aux.contains(&words[n].to_lowercase().as_str())
                        && lead.starts_with(char::is_uppercase)
                        && roles::is_party_phrase(&lead, false))
                    .then(|| words[..n].join(" "))
                })
                // "It was recommended that affected States present": the
                // that-clause's subject
                .or_else(|| {
                    let clause = head.rsplit([',', ';', ':']).next().unwrap_or(head);
                    let clause = clause.trim().to_lowercase();
                    [
                        "it was",
                        "it is",
                        "it has been",
                        "it had been",
                        "it was also",
                        "it is also",
                    ]
                    .contains(&clause.as_str())
                    .then(|| roles::that_subject(&s[trig.start()..]))
                    .flatten()
                })
        })
    } else if modal {
        // "Stresses the need for States to take": on whom the need is put
        if let Some(np) = roles::need_for(&s[trig.end()..]) {
            Some(np)
        } else if let Some(np) = modal_passive_agent(&s[trig.end()..]) {
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
            // "Countries requiring assistance should produce ... requests for":
            // the modal before a noun trigger ends the subject
            let (clause, clause_end) = [" should ", " must ", " shall "]
                .iter()
                .filter_map(|m| clause.find(m))
                .min()
                .map_or((clause, ts), |k| (&clause[..k + 1], clause_start + k));
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
                            && m.span.end <= clause_end
                            && text.get(clause_start..m.span.start).is_some_and(|g| {
                                g.trim_end().ends_with(" by the") || g.trim_end().ends_with(" by")
                            })
                    })
                    .or_else(|| {
                        parties
                            .iter()
                            .rev()
                            .find(|m| m.span.start >= clause_start && m.span.end <= clause_end)
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
            .filter(|np| party_in_head(np, parties))
            .map(|np| {
                // "the MASG", "the representative of the United States": the entity itself
                // (a name said twice in the sentence is one party)
                let mut inside: Vec<&&&Mention> = parties
                    .iter()
                    .filter(|m| np.contains(m.text.as_str()))
                    .collect();
                inside.dedup_by(|a, b| a.canonical() == b.canonical() && a.text == b.text);
                match inside.as_slice() {
                    [one] if roles::only_holder_words(&np.replacen(one.text.as_str(), " ", 1)) => {
                        one.canonical().to_string()
                    }
                    // "requesting UNDP support": the party whose help is asked for
                    [one] if aid_of(&np.replacen(one.text.as_str(), " ", 1)) => {
                        one.canonical().to_string()
                    }
                    _ => np,
                }
            })
            // "appealed to donors for flexible funding": the one the particle names
            .or_else(|| particle_object(trig.as_str(), &s[trig.end()..]))
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
                            && Some(m.canonical()) != requester
                            && !text.get(m.span.end..).is_some_and(roles::opens_predicate)
                            // "supporting Zimbabwe's programme": an owner is no one asked
                            && !text
                                .get(m.span.end..)
                                .is_some_and(|t| t.starts_with("'s") || t.starts_with("’s"))
                    })
                    .map(|m| m.canonical().to_string())
            })
    }
}

/// "appealed to donors for ...", "called on members for ...": with no
/// infinitive after it, the party phrase right after a trigger that ends in
/// "to", "on" or "upon" is the one asked.
fn particle_object(trigger: &str, after: &str) -> Option<String> {
    let last = trigger.split_whitespace().last()?.to_lowercase();
    if !["to", "on", "upon"].contains(&last.as_str()) {
        return None;
    }
    let end = [" for ", " to ", ",", ";", ".", " in ", " at "]
        .iter()
        .filter_map(|d| after.find(d))
        .min()
        .unwrap_or(after.len());
    let np = after[..end].trim();
    (np.split_whitespace().count() <= 6 && roles::is_party_phrase(np, false))
        .then(|| np.to_string())
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

/// True when `rest` (a phrase less its one entity) is the help that entity
/// gives: "UNDP support", "continued UNMAS assistance".
fn aid_of(rest: &str) -> bool {
    let words: Vec<String> = rest.split_whitespace().map(str::to_lowercase).collect();
    let aid = [
        "support",
        "assistance",
        "funding",
        "help",
        "aid",
        "expertise",
        "engagement",
    ];
    words.last().is_some_and(|w| aid.contains(&w.as_str()))
        && words.len() <= 3
        && words[..words.len() - 1].iter().all(|w| {
            [
                "the",
                "continued",
                "further",
                "more",
                "its",
                "technical",
                "financial",
            ]
            .contains(&w.as_str())
        })
}

/// Whether a phrase's head names the party: not "an early mapping of the
/// Secretary-General's recommendations", where a party stands only in the
/// complement of a head that is none.
fn party_in_head(np: &str, parties: &[&&Mention]) -> bool {
    let head = np.split(" of ").next().unwrap_or(np);
    let head = head
        .rsplit_once("'s ")
        .or_else(|| head.rsplit_once("\u{2019}s "))
        .map_or(head, |(_, noun)| noun);
    if head.len() == np.len() {
        return true;
    }
    roles::is_party_phrase(head, false)
        || parties.iter().any(|m| head.contains(m.text.as_str()))
        || roles::only_holder_words(head)
}

#[cfg(test)]
mod tests {
    use super::party_in_head;

    #[test]
    fn a_party_in_a_complement_is_not_the_one_asked() {
        assert!(!party_in_head(
            "an early mapping of the Secretary-General's proposals",
            &[]
        ));
        assert!(!party_in_head("the Coordinator's recommendations", &[]));
        assert!(party_in_head(
            "the representative of the United States",
            &[]
        ));
        assert!(party_in_head("all States parties to the Convention", &[]));
        assert!(party_in_head("the Government of Japan", &[]));
    }

    #[test]
    fn the_help_of_a_party_asks_the_party() {
        assert!(super::aid_of(" support"));
        assert!(super::aid_of("continued  assistance"));
        assert!(!super::aid_of(" mine action programme"));
        assert!(!super::aid_of("the importance of  support"));
    }
}
