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

use super::vocabulary::{self, List};
use crate::model::Mention;

mod cues;
mod subject;
#[cfg(test)]
mod tests;

pub use cues::{delegation_at_table, heading_voice, lead_in_voice, speaker_label};
pub use subject::{sentence_subject, subject_end};

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
    /// "At the invitation of the Chair, the delegation of Zimbabwe took places
    /// at the table": in a summary record, the members' questions in the
    /// segment are put to that delegation.
    at_table: Option<String>,
    /// The body of a record that calls itself minutes or a summary record:
    /// its Chair speaks to its members.
    minutes_of: Option<String>,
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
        static MINUTES_PROPER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:minutes|summary\s+record)\b").expect("static regex")
        });
        let minutes_of = body
            .clone()
            .filter(|_| MINUTES_PROPER.is_match(&text[..head_end]));
        Discourse {
            segment: usize::MAX,
            body,
            minutes_of,
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
            self.at_table = None;
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
        if let Some(d) = cues::delegation_at_table(s, base, in_unit) {
            self.at_table = Some(d);
        }
    }

    /// The delegation a summary record has seated at the table in this
    /// segment ("delegation of Zimbabwe"): the one the members' questions are
    /// put to.
    pub fn at_table(&self) -> Option<String> {
        self.at_table.clone()
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

    /// "MASG members": those the Chair of a body speaks to in its minutes
    /// (`None` outside a record that calls itself minutes or a summary record).
    pub fn members_of_minutes(&self) -> Option<String> {
        self.minutes_of.as_ref().map(|b| format!("{b} members"))
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
