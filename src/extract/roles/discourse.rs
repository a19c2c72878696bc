//! Who is speaking where a sentence does not say: the state of a document as it
//! is read unit by unit.
//!
//! Minutes, reports and transcripts name a party once and then go on with "He",
//! "It", "we", "The Committee" or a subject-less "should". This tracker keeps,
//! within a segment, what those stand for when the text makes it unambiguous:
//!
//! * the **subject** of the last sentence whose subject was a party ("The
//!   representative of Sri Lanka said ...", then "He asked donors ..."): "he" /
//!   "she" take it when it is a person or someone's representative, "it" when it
//!   is a body or a state;
//! * the **speaker** of a transcript turn, from a label heading ("United States |
//!   Representative"): "I" and "we" in the turn are that party;
//! * the **voice** of a section: a heading "Principles affirmed by the Group of
//!   ..." or a lead-in "The Group recommends that:" makes that party the one who
//!   asks in the subject-less calls ("should be", "are encouraged") under it;
//! * **definite descriptions**: "the Committee", "the Group" stand for the last
//!   organisation named in the document whose name starts with that noun;
//! * **members** in the minutes of a body are that body's members.

use std::sync::LazyLock;

use regex::Regex;

use super::only_holder_words;
use super::vocabulary::{self, List};
use crate::model::Mention;

/// A party that was the subject of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The party ("Sri Lanka", "Anne Kemppainen", "The Committee").
    pub party: String,
    /// Whether "he"/"she" may stand for it (a person or one who represents a party).
    pub person_like: bool,
}

/// What the units read so far say about who speaks.
#[derive(Debug, Default)]
pub struct Discourse {
    segment: usize,
    heading_run: String,
    last_was_heading: bool,
    section_voice: Option<String>,
    lead_in: Option<String>,
    speaker: Option<String>,
    subject: Option<Subject>,
    /// The subject of the segment's last sentence opened by a verb of saying
    /// ("Mr Titov said that ..."): minutes go on in that person's reported
    /// speech ("Recognition of ... is essential").
    reporter: Option<String>,
    /// Organisations named so far: (first word of the name, lower case; longest form).
    orgs: Vec<(String, String)>,
    body: Option<String>,
}

fn is_party_entity(m: &Mention) -> bool {
    matches!(
        m.entity.as_str(),
        "state" | "organisation" | "organization" | "person"
    )
}

impl Discourse {
    /// A tracker for one document; `mentions` are the document's mentions (the
    /// body holding a meeting is the first organisation its title block names).
    pub fn new(text: &str, mentions: &[Mention]) -> Self {
        static MINUTES: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:meeting|minutes|summary\s+record|session)\b")
                .expect("static regex")
        });
        let head_end = text.char_indices().nth(400).map_or(text.len(), |(i, _)| i);
        let body = MINUTES
            .is_match(&text[..head_end])
            .then(|| {
                mentions
                    .iter()
                    .take_while(|m| m.span.start < head_end.min(300))
                    .find(|m| matches!(m.entity.as_str(), "organisation" | "organization"))
                    .map(|m| m.canonical().to_string())
            })
            .flatten();
        Discourse {
            segment: usize::MAX,
            body,
            ..Default::default()
        }
    }

    /// Reads a unit before its statements are found: segment changes, headings
    /// (section voice, speaker labels). `s` is the unit's text.
    pub fn enter(&mut self, segment: usize, heading: bool, s: &str, in_unit: &[&Mention]) {
        if segment != self.segment {
            self.segment = segment;
            self.subject = None;
            self.lead_in = None;
            self.speaker = None;
            self.reporter = None;
        }
        if !heading {
            self.last_was_heading = false;
            return;
        }
        if !self.last_was_heading {
            self.heading_run.clear();
        }
        self.last_was_heading = true;
        self.lead_in = None;
        self.subject = None;
        self.reporter = None;
        if !self.heading_run.is_empty() {
            self.heading_run.push(' ');
        }
        self.heading_run.push_str(s.trim());
        if let Some(v) = heading_voice(&self.heading_run) {
            self.section_voice = Some(v);
        } else if self.heading_run.split_whitespace().count() >= 2
            && !self.heading_run.starts_with(|c: char| c.is_ascii_digit())
        {
            // a new titled section; page numbers and running heads keep the voice
            self.section_voice = None;
        }
        // "The Group recommends that:" set as a heading line of its own
        if let Some(v) = lead_in_voice(s) {
            self.lead_in = Some(v);
        }
        if let Some(sp) = speaker_label(s, in_unit) {
            self.speaker = Some(sp);
        }
    }

    /// Reads a unit after its statements are found: its subject, the
    /// organisations it names, a lead-in that ends in a colon.
    pub fn leave(&mut self, s: &str, base: usize, in_unit: &[&Mention]) {
        for m in in_unit
            .iter()
            .filter(|m| matches!(m.entity.as_str(), "organisation" | "organization"))
        {
            let first = m
                .text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase();
            match self.orgs.iter_mut().find(|(f, _)| *f == first) {
                Some(e) if m.text.len() >= e.1.len() => e.1 = m.text.clone(),
                Some(_) => {}
                None => self.orgs.push((first, m.text.clone())),
            }
        }
        if self.last_was_heading {
            return;
        }
        let mut took_floor = false;
        if let Some(sub) = sentence_subject(s, base, in_unit) {
            let says = subject_end(s)
                .and_then(|end| s[end..].split_whitespace().next())
                .is_some_and(|verb| {
                    let verb = verb.trim_matches(|c: char| !c.is_alphabetic());
                    vocabulary::has(List::SpeechVerbs, verb)
                });
            // a person who becomes the subject takes the floor, whatever the
            // verb; a body named inside reported speech ("UNMAS goes into 2015
            // ...") does not
            if says || sub.person_like {
                self.reporter = Some(sub.party.clone());
                took_floor = true;
            }
            self.subject = Some(sub);
        }
        // another person named ("Ms Marcaillou responded by saying"): whose
        // words follow is no longer known
        let other_person = in_unit
            .iter()
            .any(|m| m.entity == "person" && self.reporter.as_deref() != Some(m.canonical()));
        if !took_floor && other_person {
            self.reporter = None;
        }
        if let Some(v) = lead_in_voice(s) {
            self.lead_in = Some(v);
        }
    }

    /// Who asks in a call that names no asker ("should be", "are encouraged"):
    /// the section's lead-in or heading voice, else the turn's speaker.
    pub fn voice(&self) -> Option<String> {
        self.lead_in
            .clone()
            .or_else(|| self.section_voice.clone())
            .or_else(|| self.speaker.clone())
            .map(|v| self.resolve_definite(&v).unwrap_or(v))
    }

    /// The one whose words the segment last reported: the subject of a
    /// sentence opened by a verb of saying, or a person who took the floor.
    pub fn reporter(&self) -> Option<String> {
        self.reporter
            .clone()
            .map(|v| self.resolve_definite(&v).unwrap_or(v))
    }

    /// "I" / "we": the speaker of the turn.
    pub fn first_person(&self) -> Option<String> {
        self.speaker.clone()
    }

    /// "he" / "she" (`person` true) or "it": the last party subject, when it fits.
    pub fn third_person(&self, person: bool) -> Option<String> {
        let sub = self.subject.as_ref()?;
        (sub.person_like == person).then(|| {
            self.resolve_definite(&sub.party)
                .unwrap_or(sub.party.clone())
        })
    }

    /// "the Committee" -> the longest name of the last organisation named whose
    /// name starts with "Committee"; `None` when the phrase is not such a description.
    pub fn resolve_definite(&self, phrase: &str) -> Option<String> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let [the, noun] = words.as_slice() else {
            return None;
        };
        if !the.eq_ignore_ascii_case("the") || !noun.starts_with(char::is_uppercase) {
            return None;
        }
        let noun = noun.to_lowercase();
        self.orgs
            .iter()
            .rev()
            .find(|(first, long)| *first == noun && long.split_whitespace().count() > 1)
            .map(|(_, long)| long.clone())
    }

    /// "members", "other members" in the minutes of a body: "other MASG members".
    pub fn members(&self, phrase: &str) -> Option<String> {
        let body = self.body.as_ref()?;
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let (last, lead) = words.split_last()?;
        let quantifiers = ["all", "other", "the", "some", "several", "many"];
        (last.eq_ignore_ascii_case("members")
            && lead
                .iter()
                .all(|w| quantifiers.contains(&w.to_lowercase().as_str())))
        .then(|| {
            let lead: Vec<&str> = lead
                .iter()
                .copied()
                .filter(|w| !w.eq_ignore_ascii_case("the"))
                .collect();
            let mut out = lead.join(" ");
            if !out.is_empty() {
                out.push(' ');
            }
            format!("{out}{body} members")
        })
    }
}

/// "Guiding Principles affirmed by the Group of Governmental Experts ...": the
/// party after "affirmed/adopted/agreed/endorsed/recommended by" in a heading.
pub fn heading_voice(heading: &str) -> Option<String> {
    if !heading.contains(" by ") && !heading.contains("\nby ") {
        return None;
    }
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(?:affirmed|adopted|agreed(?:\s+upon)?|endorsed|recommended|approved)\s+by\s+(?:the\s+)?(\p{Lu}[^.;:]*?)\s*$",
        )
        .expect("static regex")
    });
    let h = heading.split_whitespace().collect::<Vec<_>>().join(" ");
    BY.captures(&h).map(|c| c[1].to_string())
}

/// "The Group recommends that:" (a unit that ends in a colon): its subject asks
/// in the list that follows.
pub fn lead_in_voice(unit: &str) -> Option<String> {
    // nearly every unit ends otherwise: no regex, no allocation for them
    if !unit.trim_end().ends_with(':') {
        return None;
    }
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^(?:\d{1,3}\.\s+)?|[,;”\x22]\s+)((?:[Tt]he\s+)?\p{Lu}[\w\- ]{0,80}?)\s+(?:also\s+)?(?:recommend|agree|decide|affirm|request|propose|conclude|urge)(?:s|d|ed)?(?:\s+that)?(?:\s+the\s+following(?:\s+\w+)?|\s+as\s+follows)?\s*:\s*$",
        )
        .expect("static regex")
    });
    let u = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(source) = recommendations_of(&u) {
        return Some(source);
    }
    let c = LEAD.captures(&u)?;
    let subject = &c[1];
    // "The Coordinators explained that previous meetings had concluded that:":
    // the one who reports, not the words up to the last verb
    Some(match subject_end(subject) {
        Some(end) if end > 0 => subject[..end].trim().to_string(),
        _ => subject.to_string(),
    })
}

/// "The key outcomes and recommendations from their meeting with affected
/// States on 24 November were that:": the meeting (or body) whose
/// recommendations the list gives asks in it.
fn recommendations_of(lead_in: &str) -> Option<String> {
    static RECS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\brecommendations\s+(?:of|from|made\s+(?:at|by))\s+(?:(?:the|their|its)\s+)?((?:\p{L}[\w\-]*\s+){0,10}?(?:meeting|workshop|conference|session|group|committee|panel|consultations?)\b[^:]{0,60}?)\s+(?:were|are|was|is|included?)(?:\s+that|\s+as\s+follows)?\s*:\s*$",
        )
        .expect("static regex")
    });
    RECS.captures(lead_in).map(|c| c[1].trim().to_string())
}

/// A transcript's turn label: "United States | Representative" (pipes between
/// the party and its role). The party is the state named in the first field,
/// else the last field (the office: "Co-Chair").
pub fn speaker_label(heading: &str, in_unit: &[&Mention]) -> Option<String> {
    let h = heading.trim().trim_matches('*').trim();
    if !h.contains(" | ") || h.split_whitespace().count() > 12 {
        return None;
    }
    let first = h.split(" | ").next()?.trim();
    if let Some(m) = in_unit
        .iter()
        .find(|m| m.entity == "state" && first.contains(m.text.as_str()))
    {
        return Some(m.canonical().to_string());
    }
    // "EU | Representative | (EU)": the group in brackets is named without them
    let last = h
        .rsplit(" | ")
        .next()?
        .trim()
        .trim_matches(['(', ')'])
        .trim();
    (!last.is_empty()).then(|| last.to_string())
}

/// The subject of a sentence when it is a party: the words before its first
/// finite verb ("The representative of Sri Lanka said ..." -> Sri Lanka; "The
/// Chair, Ambassador Anne Kemppainen of Finland, opened ..." -> the person; "The
/// Committee urged ..." -> "The Committee"). `None` for a pronoun subject or a
/// subject that is no party ("The agenda was adopted").
pub fn sentence_subject(s: &str, base: usize, in_unit: &[&Mention]) -> Option<Subject> {
    let end = subject_end(s)?;
    // "In the conclusions of their meeting at Bonn, the Council welcomed":
    // the subject starts after the lead adverbials
    let subject = super::without_lead_adverbials(s[..end].trim().trim_end_matches(',').trim());
    let off = subject.as_ptr() as usize - s.as_ptr() as usize;
    let lower = subject.to_lowercase();
    let person_role = lower.split_whitespace().any(|w| {
        vocabulary::has(
            List::PersonRoles,
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
        )
    });
    let inside: Vec<&&Mention> = in_unit
        .iter()
        .filter(|m| is_party_entity(m) && m.span.start >= base + off && m.span.end <= base + end)
        .collect();
    if let Some(p) = inside.iter().find(|m| m.entity == "person") {
        return Some(Subject {
            party: p.canonical().to_string(),
            person_like: true,
        });
    }
    if let Some(first) = inside.first() {
        let same: Vec<&&&Mention> = inside
            .iter()
            .filter(|m| m.canonical() == first.canonical())
            .collect();
        let mut rest = subject.to_string();
        for m in &same {
            rest = rest.replacen(m.text.as_str(), " ", 1);
        }
        let rest = rest.replace(['(', ')', ','], " ");
        if only_holder_words(&rest) || words_of_office(&rest) {
            return Some(Subject {
                party: first.canonical().to_string(),
                person_like: person_role,
            });
        }
        // "The Security Council, by its resolution 1037 (1996), decided": the
        // party before an inserted phrase between commas
        let before_comma = subject.split(',').next().unwrap_or(subject);
        let first_end = first.span.end.saturating_sub(base + off);
        if before_comma.len() < subject.len()
            && first_end <= before_comma.len()
            && subject.matches(',').count() >= 1
        {
            let rest = before_comma.replacen(first.text.as_str(), " ", 1);
            if only_holder_words(&rest) {
                return Some(Subject {
                    party: first.canonical().to_string(),
                    person_like: false,
                });
            }
        }
    }
    // a clause is no subject ('States Parties "...recognize that')
    if subject.contains(['"', '“', '”']) || lower.contains(" that ") {
        return None;
    }
    let words = subject.split_whitespace().count();
    let party_noun = lower.split_whitespace().any(|w| {
        vocabulary::has(
            List::PartyNouns,
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'),
        )
    });
    (words <= 8 && party_noun && (off > 0 || subject.starts_with(char::is_uppercase))).then(|| {
        Subject {
            party: subject.to_string(),
            person_like: person_role,
        }
    })
}

/// Only the words of an office held for a party ("The Deputy Minister of Defence
/// of"): the party is the one represented.
fn words_of_office(rest: &str) -> bool {
    rest.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        vocabulary::has(List::PersonRoles, &w)
            || [
                "the",
                "of",
                "deputy",
                "permanent",
                "defence",
                "defense",
                "foreign",
                "affairs",
            ]
            .contains(&w.as_str())
    })
}

/// Byte offset where a sentence's subject ends: before the first finite verb
/// among its first 25 words (a verb of saying or asking, or a lower-case past
/// form not followed by "by", which is a participle: "supported by Norway").
/// `None` when the sentence opens with a pronoun or no verb is found.
pub fn subject_end(s: &str) -> Option<usize> {
    let mut pos = 0;
    let mut prev_of = false;
    let mut depth = 0i32;
    let words: Vec<&str> = s.split_inclusive(char::is_whitespace).take(26).collect();
    for (i, w) in words.iter().enumerate() {
        if i >= 25 {
            return None;
        }
        let t = w
            .trim()
            .trim_matches(|c: char| !c.is_alphabetic() && c != '-');
        if i == 0 && super::pronoun_kind(t).is_some() {
            return None;
        }
        let opens = w.matches('(').count() as i32 - w.matches(')').count() as i32;
        if depth == 0 && i > 0 && t.starts_with(char::is_lowercase) {
            // "supported by Norway" is a participle, "responded by saying" a verb
            let next_is_by = words
                .get(i + 1)
                .is_some_and(|n| n.trim().eq_ignore_ascii_case("by"))
                && !words.get(i + 2).is_some_and(|n| n.trim().ends_with("ing"));
            let finite = vocabulary::has(List::SpeechVerbs, t)
                || vocabulary::has(List::SubjectVerbs, t)
                || (t.ends_with("ed") && !next_is_by && t.len() > 4);
            let after_of = prev_of;
            if finite && !after_of {
                return Some(pos);
            }
        }
        depth = (depth + opens).max(0);
        prev_of = t.eq_ignore_ascii_case("of");
        pos += w.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_in_after_an_opening_phrase_gives_its_subject() {
        assert_eq!(
            lead_in_voice("17. On the agenda item 5 (a) “An exploration of the challenges” the Group concluded as follows:")
                .as_deref(),
            Some("the Group")
        );
    }

    #[test]
    fn the_recommendations_of_a_meeting_are_the_meeting_s() {
        assert_eq!(
            lead_in_voice("- The Chairs said that the main recommendations from their workshop with donor States in Lima were that:")
                .as_deref(),
            Some("workshop with donor States in Lima")
        );
        assert_eq!(
            lead_in_voice("Recommendations of the Panel are as follows:").as_deref(),
            Some("Panel")
        );
        assert_eq!(lead_in_voice("The recommendations were that:"), None);
    }

    #[test]
    fn a_lead_in_that_reports_gives_its_reporter() {
        assert_eq!(
            lead_in_voice("The Coordinators explained that previous meetings had concluded that:")
                .as_deref(),
            Some("The Coordinators")
        );
    }

    #[test]
    fn headings_and_lead_ins_give_a_voice() {
        assert_eq!(
            heading_voice("Guiding Principles affirmed by the Group of Governmental Experts on Emerging Technologies").as_deref(),
            Some("Group of Governmental Experts on Emerging Technologies")
        );
        assert_eq!(heading_voice("Annex III"), None);
        assert_eq!(
            lead_in_voice("The Group recommends that:").as_deref(),
            Some("The Group")
        );
        assert_eq!(lead_in_voice("The Group recommends that the meeting"), None);
        assert_eq!(
            speaker_label("IAHWG | Co-Chair", &[]).as_deref(),
            Some("Co-Chair")
        );
        assert_eq!(speaker_label("Opening of the meeting", &[]), None);
        assert_eq!(
            speaker_label("**EU | Representative | (EU)**", &[]).as_deref(),
            Some("EU")
        );
    }

    #[test]
    fn a_verb_followed_by_a_gerund_is_finite() {
        let s = "Ms Marcaillou responded by saying that UNMAS was ready.";
        assert_eq!(subject_end(s), Some("Ms Marcaillou ".len()));
    }

    #[test]
    fn the_subject_ends_at_the_first_finite_verb() {
        let s = "The representative of Sri Lanka said that clearance had advanced.";
        assert_eq!(subject_end(s), Some(32));
        let c = "The delegation of Canada, supported by Norway, proposed that it be translated.";
        assert_eq!(
            &c[..subject_end(c).expect("verb")],
            "The delegation of Canada, supported by Norway, "
        );
        assert_eq!(subject_end("He asked donors to help."), None);
        let sub = sentence_subject("The Committee urged States Parties to act.", 0, &[]);
        assert_eq!(
            sub,
            Some(Subject {
                party: "The Committee".into(),
                person_like: false
            })
        );
        assert_eq!(sentence_subject("The agenda was adopted.", 0, &[]), None);
        let t = "The Council, by its resolution 12 (2030) of 1 May 2030, decided to act.";
        let council = Mention {
            entity: "organisation".to_string(),
            rule: "test".to_string(),
            text: "Council".to_string(),
            span: crate::model::Span { start: 4, end: 11 },
            segment: 0,
            sentence: 0,
            value: crate::model::Value::Name {
                canonical: "Security Council".to_string(),
                attrs: Default::default(),
            },
        };
        assert_eq!(
            sentence_subject(t, 0, &[&council]).map(|s| s.party),
            Some("Security Council".to_string())
        );
    }

    #[test]
    fn members_of_the_body_and_definite_descriptions() {
        let mut d = Discourse {
            body: Some("MASG".into()),
            ..Default::default()
        };
        assert_eq!(
            d.members("other members").as_deref(),
            Some("other MASG members")
        );
        assert_eq!(d.members("Members").as_deref(), Some("MASG members"));
        assert_eq!(d.members("affected States"), None);
        d.orgs
            .push(("committee".into(), "Committee on Victim Assistance".into()));
        assert_eq!(
            d.resolve_definite("The Committee").as_deref(),
            Some("Committee on Victim Assistance")
        );
        assert_eq!(d.resolve_definite("The Group"), None);
    }
}
