//! The summary's money: each amount classified as a contribution, a request or a
//! plain mention, with its giver and recipient, and the totals by donor and currency.

use super::*;

pub(super) fn contribution_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(
        &RE,
        r"(?i)\b(contribut\w*|donat\w*|pledg\w*|commit(?:s|ted|ments?)|fund(?:s|ed|ing)?|provid\w*|grant\w*|gave|give[sn]?|allocat\w*|disburs\w*)\b",
    )
}

pub(super) fn request_words() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(
        &RE,
        r"(?i)\b(request\w*|ask\w*|appeal\w*|sought|seek\w*|need\w*|shortfall|gap)\b",
    )
}

pub(super) fn recipient_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled(
        &RE,
        r"^\s*(?:\w+\s+){0,3}?(?:to|for)\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|for|on|and|in)){0,8})",
    )
}

/// Bytes before an amount read for the verb that says what it is: the clause
/// around it, not the whole sentence ("Japan said it had provided USD 41 million
/// ..., and encouraged affected States to include costs in their requests").
pub(super) const CLAUSE_BEFORE: usize = 80;

/// The text of the clause before the amount, cut at a char boundary.
pub(super) fn clause_before<'a>(context: &'a str, amount_text: &str) -> &'a str {
    let Some(at) = context.find(amount_text.trim_end()) else {
        return "";
    };
    let mut from = at.saturating_sub(CLAUSE_BEFORE);
    while from > 0 && !context.is_char_boundary(from) {
        from -= 1;
    }
    &context[from..at]
}

/// Classifies an amount as contribution, request or plain mention, with the giver
/// (or asker) where the text says it.
pub(super) fn classify_money(
    rec: &Record,
    m: &StoredMention,
) -> (&'static str, Option<String>, Option<String>) {
    let states_before: Vec<&StoredMention> = rec
        .mentions
        .iter()
        .filter(|o| o.entity == STATE && o.sentence == m.sentence && o.span.end <= m.span.start)
        .collect();
    let nearest = states_before.iter().max_by_key(|o| o.span.end);
    // "Germany (EUR 75,000), Japan (USD 40,000)": the state right before the
    // bracket gives the amount
    // "14 million United States dollars from Japan": a state right after "from"
    let from_after = m.context.find(m.text.trim_end()).and_then(|at| {
        let rest = m.context[at + m.text.trim_end().len()..].trim_start();
        let rest = rest.strip_prefix("from ")?;
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        rec.mentions
            .iter()
            .filter(|o| o.entity == STATE && o.sentence == m.sentence && o.span.start >= m.span.end)
            .find(|o| rest.starts_with(o.text.as_str()))
            .map(|o| o.canonical.clone())
    });
    let attributed = nearest
        .filter(|o| m.span.start - o.span.end <= 2)
        .map(|o| o.canonical.clone())
        .or(from_after);
    // one commitment per amount of a sentence: the one carrying this amount first
    let money = match &m.value {
        Value::Money(mo) => Some(mo),
        _ => None,
    };
    let in_span = || {
        rec.statements
            .iter()
            .map(|s| &s.statement)
            .filter(|s| s.span.contains(m.span))
    };
    let statement = in_span()
        .find(|s| {
            s.amount.as_ref().is_some_and(|a| {
                money.is_some_and(|mo| a.value == mo.value && a.currency == mo.currency)
            })
        })
        .or_else(|| in_span().next());
    // in a list of givers the sentence's addressee belongs to none of them
    // a commitment read per amount (extract::contributions) knows its recipient
    let commitment = statement.filter(|s| s.kind == StatementKind::Commitment);
    let recipient = match commitment {
        Some(s) => s.addressee.clone(),
        None => recipient_after(&m.context, &m.text),
    };
    let before = clause_before(&m.context, &m.text);
    let giver = |s: Option<&crate::model::Statement>| {
        attributed
            .clone()
            .or_else(|| {
                s.filter(|s| s.kind == StatementKind::Commitment)
                    .and_then(|s| s.requester.clone())
            })
            // the nearest state gives only where no commitment says who gives
            .or_else(|| {
                commitment
                    .is_none()
                    .then(|| nearest.map(|o| o.canonical.clone()))
                    .flatten()
            })
    };
    if contribution_words().is_match(before) {
        return ("contribution", giver(statement), recipient);
    }
    if request_words().is_match(before) {
        let asker = statement
            .filter(|s| s.kind == StatementKind::Request)
            .and_then(|s| s.requester.clone());
        return ("request", asker, None);
    }
    match statement {
        Some(s) if s.kind == StatementKind::Commitment => {
            ("contribution", giver(statement), recipient)
        }
        Some(s) => ("request", s.requester.clone(), None),
        None if attributed.is_some() && contribution_words().is_match(&m.context) => {
            ("contribution", attributed, recipient)
        }
        None => ("mention", None, None),
    }
}

pub(super) fn collect_money(rec: &Record, state: Option<&str>, out: &mut Vec<MoneyFact>) {
    for m in rec.mentions.iter().filter(|m| m.entity == AMOUNT) {
        let Value::Money(money) = &m.value else {
            continue;
        };
        if !concerns(rec, m, state) {
            continue;
        }
        let (kind, donor, recipient) = classify_money(rec, m);
        // a state's money is what it gives or receives: another party's amount,
        // or an amount with no known party, in the same sentence is not
        if let (Some(st), "contribution" | "mention") = (state, kind) {
            let is_state = |p: &Option<String>| p.as_deref().is_some_and(|p| same_name(st, p));
            if !is_state(&donor) && !is_state(&recipient) {
                continue;
            }
        }
        out.push(MoneyFact {
            kind: kind.to_string(),
            donor,
            recipient,
            value: money.value,
            max: money.max,
            currency: money.currency.clone(),
            per: money.per.clone(),
            text: m.text.trim().to_string(),
            context: one_line(&m.context),
            citation: Citation::of(rec, m.page, m.para.as_deref()),
            usd: None,
        });
    }
}

/// "to the UN Voluntary Trust Fund" after the amount: who receives it.
pub(super) fn recipient_after(context: &str, amount_text: &str) -> Option<String> {
    // a mention may have swallowed the preposition ("$14 million to "): cut it off
    let core = amount_text.trim_end();
    let core = core
        .strip_suffix(" to")
        .or_else(|| core.strip_suffix(" for"))
        .unwrap_or(core);
    let at = context.find(core)? + core.len();
    let cap = recipient_pattern().captures(&context[at..])?;
    let found = cap.get(1)?.as_str();
    let found = found
        .trim_end_matches([' ', ','])
        .trim_end_matches(" and")
        .trim_end_matches(" of")
        .trim_end_matches(" in");
    (!found.is_empty()).then(|| found.to_string())
}

pub(super) fn sum_money(facts: &[MoneyFact]) -> (Vec<Total>, Vec<Total>) {
    let mut totals: BTreeMap<(String, String), Total> = BTreeMap::new();
    let mut donors: BTreeMap<(String, String), Total> = BTreeMap::new();
    // adds the fact to the total under (key, currency), made on first use
    let add = |map: &mut BTreeMap<(String, String), Total>,
               key: &str,
               donor: Option<&str>,
               f: &MoneyFact| {
        let t = map
            .entry((key.to_string(), f.currency.clone()))
            .or_insert_with(|| Total {
                kind: f.kind.clone(),
                donor: donor.map(str::to_string),
                currency: f.currency.clone(),
                total: 0.0,
                count: 0,
                usd: None,
                no_rate: Vec::new(),
            });
        t.total += f.value;
        t.count += 1;
    };
    for f in facts {
        add(&mut totals, &f.kind, None, f);
        if f.kind == "contribution" {
            let donor = f.donor.as_deref().unwrap_or("(unknown donor)");
            add(&mut donors, donor, Some(donor), f);
        }
    }
    let mut by_donor: Vec<Total> = donors.into_values().collect();
    by_donor.sort_by(|a, b| b.total.total_cmp(&a.total));
    (totals.into_values().collect(), by_donor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_follow_the_amount() {
        let c = "and for a recent contribution of $14 million to the UN Voluntary Trust Fund.";
        assert_eq!(
            recipient_after(c, "$14 million to ").as_deref(),
            Some("UN Voluntary Trust Fund")
        );
        assert_eq!(
            recipient_after(c, "$14 million").as_deref(),
            Some("UN Voluntary Trust Fund")
        );
        assert_eq!(recipient_after("It costs $5 per year.", "$5"), None);
    }
}
