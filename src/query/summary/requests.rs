//! The summary's requests (made by or to the state, and commitments it made) and
//! the roles it holds ("Chair of the MASG").

use super::*;

pub(super) fn role_patterns() -> &'static [Regex; 2] {
    static RE: OnceLock<[Regex; 2]> = OnceLock::new();
    RE.get_or_init(|| {
        let role = r"(?:Co-?)?Chair(?:man|person|s)?|Co-?Chairs?|Vice-?Presiden(?:t|cy)|Presiden(?:t|cy)|Coordinators?|Co-?ordinators?|Friends? of the (?:Chair|President)|Rapporteur|Secretariat|Host(?: country)?";
        let of = r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|on|for|and|the)){0,8})?";
        // either "Japan ... as Chair of the MASG" or an apposition "Australia and
        // Peru, CCM Coordinators on International Cooperation ..."
        let verbal = format!(r"\b(?:as|is|was|were|became|becomes|remains?|assumed the role of)\s+(?:the\s+)?(?:new\s+)?((?:{role}){of})");
        let apposition = format!(r",\s+((?:[A-Z]{{2,}}\s+)?(?:{role}){of})");
        [verbal, apposition].map(|p| Regex::new(&p).expect("fixed role pattern compiles"))
    })
}

pub(super) fn collect_requests(rec: &Record, state: Option<&str>, out: &mut Vec<RequestFact>) {
    for st in &rec.statements {
        let s = &st.statement;
        let role = match state {
            None => "topic",
            Some(name) => {
                if s.requester.as_deref().is_some_and(|r| same_name(r, name)) {
                    "by"
                } else if s.addressee.as_deref().is_some_and(|r| same_name(r, name)) {
                    "to"
                } else {
                    // a state merely named in the sentence neither asks nor is asked
                    continue;
                }
            }
        };
        out.push(RequestFact {
            kind: match s.kind {
                StatementKind::Request => "request",
                StatementKind::Commitment => "commitment",
            }
            .to_string(),
            role: role.to_string(),
            requester: s.requester.clone(),
            addressee: s.addressee.clone(),
            what: s.what.clone(),
            strength: s.strength.clone(),
            text: one_line(&s.text),
            citation: Citation::of(rec, st.page, st.para.as_deref()),
        });
    }
}

/// The role phrase attached to the state in `sentence`, if any.
pub fn find_role(sentence: &str, state_text: &str) -> Option<String> {
    let at = sentence.find(state_text)?;
    let after = at + state_text.len();
    for re in role_patterns() {
        for cap in re.captures_iter(sentence) {
            let Some(m) = cap.get(1) else { continue };
            // the state must come before the role, close enough to be its subject
            if m.start() >= after && m.start() - after <= 120 {
                return Some(m.as_str().trim().to_string());
            }
        }
    }
    None
}

pub(super) fn collect_roles(rec: &Record, state: &str, out: &mut Vec<RoleFact>) {
    let mut seen_sentences = Vec::new();
    for m in state_mentions(rec, state) {
        if seen_sentences.contains(&m.sentence) {
            continue;
        }
        if let Some(role) = find_role(&m.context, &m.text) {
            seen_sentences.push(m.sentence);
            out.push(RoleFact {
                role,
                text: one_line(&m.context),
                citation: Citation::of(rec, m.page, m.para.as_deref()),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_after_the_state() {
        let s = "In her opening remarks, the Chair noted that Japan was now entering its second year as Chair of the MASG, and that she encouraged members.";
        assert_eq!(find_role(s, "Japan").as_deref(), Some("Chair of the MASG"));
        let s = "Australia and Peru, CCM Coordinators on International Cooperation and Assistance, hosted an informal meeting.";
        assert_eq!(
            find_role(s, "Peru").as_deref(),
            Some("CCM Coordinators on International Cooperation and Assistance")
        );
        assert_eq!(
            find_role("Japan thanked the Chair of the MASG.", "Japan"),
            None
        );
    }
}
