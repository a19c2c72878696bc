//! Roles a request's sentence leaves empty, filled from where it stands: the
//! list item it goes on, the convention whose parties a group's conclusions
//! ask, the Chair to whom a summary's delegations make their proposals.

use super::{list_voice, resolve, roles, UnitContext};

/// The requester and addressee of a request after its context is read.
/// `unnamed_call` is true for a call that names no asker in its own words (a
/// modal, a passive, "it is important"); roles already found are kept.
pub(super) fn fill(
    ctx: &UnitContext,
    unnamed_call: bool,
    requester: Option<String>,
    addressee: Option<String>,
) -> (Option<String>, Option<String>) {
    // "2. States must ensure ... . This should be considered across the life
    // cycle.": a further sentence of the item asks what the item asks
    // ("In this context, a few delegations emphasized ..." is theirs, not the item's)
    let item_voice = ctx.item_call.and_then(|_| list_voice(ctx));
    let item_call = ctx
        .item_call
        .filter(|_| unnamed_call && (requester.is_none() || requester == item_voice));
    if let Some(call) = item_call {
        let requester = requester.or(item_voice);
        let addressee = addressee
            .or_else(|| resolve(call.subject.clone(), ctx))
            .filter(|a| Some(a) != requester.as_ref());
        return (requester, addressee);
    }
    // "Ms. Ferreira (Portugal) asked how much ...": in a summary record, the
    // members' questions are put to the delegation seated at the table
    if addressee.is_none() {
        if let Some(seated) = ctx.disc.at_table() {
            let its_own = requester
                .as_deref()
                .is_some_and(|r| seated.ends_with(r) || r.ends_with(&seated[12..]));
            if !its_own {
                return (requester, Some(seated));
            }
        }
    }
    if addressee.is_some() || requester.is_none() {
        return (requester, addressee);
    }
    let author = ctx.voice.first_person.as_ref();
    // "(a) Weapons systems ... must not be used if ...": a CCW group's or
    // chair's conclusion is put to the High Contracting Parties
    let from_voice = || {
        requester.as_ref() == author || requester == ctx.disc.voice().and_then(|v| resolve(v, ctx))
    };
    if unnamed_call && from_voice() {
        let parties = ctx
            .parties
            .get_or_init(|| roles::convention_parties(ctx.text));
        if let Some(parties) = parties {
            return (requester, Some(parties.clone()));
        }
    }
    // "Several delegations requested the inclusion of ...": in a Chair's
    // summary, delegations put their proposals to the Chair
    let by_delegations = requester
        .as_deref()
        .is_some_and(|r| r.to_lowercase().contains("delegation"));
    if by_delegations {
        if let Some(chair) = author.filter(|a| is_chair(a)) {
            return (requester, Some(chair.clone()));
        }
    }
    // "In concluding the session, the Chair recalled that ... it should
    // continue": in a body's minutes, its Chair speaks to its members
    let chair_of_minutes = requester.as_deref().is_some_and(|r| {
        r.split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("chair") || w.eq_ignore_ascii_case("chairperson"))
    });
    if chair_of_minutes {
        if let Some(members) = ctx.disc.members_of_minutes() {
            return (requester, Some(members));
        }
    }
    (requester, addressee)
}

/// "Chairperson", "the Chair of the Group", "Co-Chairs", "President of the
/// Conference": one who presides.
fn is_chair(party: &str) -> bool {
    party.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        matches!(
            w.as_str(),
            "chair"
                | "chairperson"
                | "chairman"
                | "chairwoman"
                | "co-chair"
                | "co-chairs"
                | "president"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::is_chair;

    #[test]
    fn presiding_offices() {
        assert!(is_chair("Chairperson"));
        assert!(is_chair("President of the Second Review Conference"));
        assert!(is_chair("Co-Chairs"));
        assert!(!is_chair("Austria"));
        assert!(!is_chair("Committee on the Enhancement of Cooperation"));
    }
}
