//! Who speaks for a whole document and who convened its meeting: a
//! resolution's body, a report's or a paper's author (its byline), the audience
//! a paper is presented to, the host of the meeting a record reports.

use std::sync::LazyLock;

use regex::Regex;

use super::bounded::{captures_or_bounded, chars, words};
use super::join_names;
use crate::model::Mention;

/// Who speaks for a whole document: the body of a resolution, the author of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocVoice {
    /// The body whose decision the text is ("General Assembly"), from its
    /// "The General Assembly," line.
    pub actor: Option<String>,
    /// Who "I" and "we" are: the Secretary-General in his reports, the author
    /// a paper's byline names.
    pub first_person: Option<String>,
    /// Whom a paper with a byline addresses: "States Parties" for a paper
    /// presented to a meeting or conference of the States Parties.
    pub audience: Option<String>,
}

/// Reads a document's voice from its text (one pass of two regexes).
pub fn doc_voice(text: &str) -> DocVoice {
    // the pattern as written, with up to eight words after a body's noun:
    // compiled only when the unbounded form's name is longer
    const ACTOR_PATTERN: &str = r"(?m)^[ \t]*The\s+(General Assembly|Security Council|Human Rights Council|Economic and Social Council|Conference of the States Parties|Meeting of the States Parties|Meeting of the High Contracting Parties|(?:Bureau|Committee|Commission|Conference|Council|Board|Assembly|Meeting)((?:[ \t]+(?:of|on|for|the|and|\p{Lu}[\w-]*))MORE))\s*,[ \t]*$";
    static ACTOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&ACTOR_PATTERN.replace("MORE", "*")).expect("static regex"));
    static ACTOR_BOUNDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&ACTOR_PATTERN.replace("MORE", "{0,8}")).expect("static regex")
    });
    static REPORT_OF_SG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\breport\s+of\s+the\s+secretary[- ]general\b").expect("static regex")
    });
    // only the Secretary-General writes of "my Special Representative": a part
    // of his report that has lost its title page still has its author
    static MY_ENVOY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b[Mm]y\s+(?:Deputy\s+)?(?:Special|Personal|Executive)\s+(?:Representative|Envoy|Adviser|Coordinator)\b",
        )
        .expect("static regex")
    });
    static MEETING_OF_PARTIES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:meeting|conference)\s+of\s+(?:the\s+)?(states\s+parties|high\s+contracting\s+parties)\b|\b(review\s+conference)\b")
            .expect("static regex")
    });
    let head = text.get(..floor_char(text, 4000)).unwrap_or(text);
    let author = byline_author(head);
    let audience = author.as_ref().and_then(|_| {
        let c = MEETING_OF_PARTIES.captures(head)?;
        let hcp = c
            .get(1)
            .is_some_and(|m| m.as_str().to_lowercase().starts_with("high"));
        Some(
            if hcp {
                "High Contracting Parties"
            } else {
                "States Parties"
            }
            .to_string(),
        )
    });
    DocVoice {
        actor: captures_or_bounded(&ACTOR, &ACTOR_BOUNDED, text, |c| words(c, 2) <= 8)
            .map(|c| c[1].to_string()),
        first_person: (REPORT_OF_SG.is_match(head) || MY_ENVOY.is_match(text))
            .then(|| "Secretary-General".to_string())
            .or(author)
            .or_else(|| {
                observations_in_first_person(text).then(|| "Secretary-General".to_string())
            }),
        audience,
    }
}

/// Whether the text has an "Observations" chapter whose author speaks as "I":
/// the closing chapter of a report of the Secretary-General, read when a part
/// of the report has lost its title page (no other author of the records
/// writes a chapter so named in the first person singular).
fn observations_in_first_person(text: &str) -> bool {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        // as written in titles, not case-folded: the literal lets the regex skip
        // to its candidates instead of reading every byte of a long record
        Regex::new(r"(?m)^[ \t]*(?:[IVXLC]+\.|\d+\.)?[ \t]*(?:OBSERVATIONS(?:[ \t]+AND[ \t]+RECOMMENDATIONS)?|Observations(?:[ \t]+and[ \t]+recommendations)?)[ \t]*$")
            .expect("static regex")
    });
    // "I" as the subject of a call or of the author's own view, after a
    // sentence or clause boundary: not the Roman numeral of a heading
    static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:[.;:,]\s+|\n\s*(?:\d+\.\s+)?)I\s+(?:(?:also|further|therefore|again|strongly|once\s+again|would|wish\s+to)\s+)*(?:recommend|urge|appeal|call|encourage|concur|commend|welcome|am|will|intend|believe|trust|count|remain|hope|thank|express|share|note|invite|request)\b")
            .expect("static regex")
    });
    HEADING
        .find(text)
        .is_some_and(|h| FIRST_PERSON.is_match(&text[h.end()..]))
}

/// "High Contracting Parties" when the text is a record of the Convention on
/// Certain Conventional Weapons (it names the parties, the Convention or
/// "CCW"): its groups' and chairs' calls that name no one ("weapons systems
/// must not be used ...") are put to those parties. It reads the whole text:
/// callers ask only when such a call needs it.
pub fn convention_parties(text: &str) -> Option<String> {
    let ccw = text.contains("High Contracting Part")
        || text.contains("Certain Conventional Weapons")
        || text.match_indices("CCW").any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + 3..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
    ccw.then(|| "High Contracting Parties".to_string())
}

/// The author a document's title page names on a line of its own: "Presented
/// by the President of the Second Review Conference", "SUBMITTED BY THE
/// COMMITTEE ON ...", "Working paper submitted by Austria". A paper's "we" and
/// its calls that name no asker ("States Parties should ...") are the author's.
pub fn byline_author(head: &str) -> Option<String> {
    // the pattern as written, with up to three words before the verb and 120
    // characters after the name's first letter: compiled only when the
    // unbounded form's match is longer
    const BYLINE_PATTERN: &str = r"(?im)^[ \t#*_>]*((?:[\p{L}-]+[ \t]+)WORDS)(?:submitted|presented|prepared|transmitted)[ \t]+by[ \t]+(?:the[ \t]+)?(\p{L}([^\n]REST))[ \t*_.:]*$";
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&BYLINE_PATTERN.replace("WORDS", "*?").replace("REST", "+?"))
            .expect("static regex")
    });
    static BYLINE_BOUNDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            &BYLINE_PATTERN
                .replace("WORDS", "{0,3}?")
                .replace("REST", "{1,120}?"),
        )
        .expect("static regex")
    });
    let c = captures_or_bounded(&BYLINE, &BYLINE_BOUNDED, head, |c| {
        words(c, 1) <= 3 && chars(c, 3) <= 120
    })?;
    // a footnote mark after the name ("Chairperson*", a symbol font's private
    // glyph in PDF text) is no part of it
    let name = c[2]
        .trim_end_matches(|ch: char| !ch.is_alphanumeric() && ch != ')')
        .trim();
    // "the Committee on ... (Angola, Belgium, Iraq and Thailand)": the members
    // in brackets after a body's name are no part of it
    let name = match name
        .strip_suffix(')')
        .and_then(|n| n.rfind(" (").map(|k| &n[..k]))
    {
        Some(body) if name[body.len()..].contains([',', ' ']) && !body.is_empty() => body.trim(),
        _ => name,
    };
    // a sentence that says who prepared something is no byline
    if name.split_whitespace().count() > 12 || name.contains(['.', ';', ',']) {
        return None;
    }
    Some(if name.chars().any(char::is_lowercase) {
        name.to_string()
    } else {
        title_case(name)
    })
}

/// "COMMITTEE ON THE ENHANCEMENT OF COOPERATION" -> "Committee on the
/// Enhancement of Cooperation".
fn title_case(upper: &str) -> String {
    const SMALL: [&str; 9] = ["of", "on", "the", "and", "for", "in", "to", "a", "an"];
    upper
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut cs = lower.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Who hosted, convened or chaired the meeting a record reports, from the
/// first sentence that says so near its top ("On Wednesday, Australia and Peru,
/// CCM Coordinators ..., hosted an informal meeting"): the parties named before
/// the verb. Calls no one in the text makes ("Donor states were encouraged to
/// share ...") are theirs.
pub fn convener(text: &str, mentions: &[Mention]) -> Option<String> {
    static HOSTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:hosted|convened|chaired|organi[sz]ed|opened)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:meeting|session|workshop|consultations?)\b")
            .expect("static regex")
    });
    let head = text.get(..floor_char(text, 3000)).unwrap_or(text);
    let m = HOSTED.find(head)?;
    // the sentence the verb stands in
    let start = head[..m.start()].rfind(['.', '\n']).map_or(0, |k| k + 1);
    let mut names: Vec<String> = Vec::new();
    for p in mentions.iter().filter(|p| {
        p.span.start >= start
            && p.span.end <= m.start()
            && matches!(p.entity.as_str(), "state" | "organisation" | "person")
    }) {
        if !names.iter().any(|n| n == p.canonical()) {
            names.push(p.canonical().to_string());
        }
    }
    (!names.is_empty() && names.len() <= 4).then(|| join_names(&names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_of_a_resolution_and_a_report() {
        let v =
            doc_voice("78/241. Title\n\n                The General Assembly,\n  Affirming ...");
        assert_eq!(v.actor.as_deref(), Some("General Assembly"));
        let r = doc_voice("FOURTH PROGRESS REPORT OF THE SECRETARY-GENERAL ON UNTAC\n");
        assert_eq!(r.first_person.as_deref(), Some("Secretary-General"));

        assert_eq!(doc_voice("Minutes of the MASG").actor, None);
    }

    #[test]
    fn an_observations_chapter_in_the_first_person_is_the_secretary_general_s() {
        // a part of a report without its title page
        let part =
            "transfer of the camps.\n\nV. OBSERVATIONS\n\n31. The mission has made progress. \
                    I therefore recommend that its mandate be renewed. I appeal to donors to give.";
        assert_eq!(
            doc_voice(part).first_person.as_deref(),
            Some("Secretary-General")
        );
        // the chapter without an "I", or an "I" with no such chapter: no author
        let no_i = "V. Observations\n\n31. The mission has made progress.";
        assert_eq!(doc_voice(no_i).first_person, None);
        let no_heading = "31. The mission has made progress. I recommend that it stay.";
        assert_eq!(doc_voice(no_heading).first_person, None);
        // a byline names the author first
        let by = "Note\n\nSubmitted by the Chairperson\n\nObservations\n\n1. I urge all delegations to agree.";
        assert_eq!(doc_voice(by).first_person.as_deref(), Some("Chairperson"));
    }

    #[test]
    fn a_title_page_byline_names_the_author() {
        let by = |t: &str| byline_author(t);
        assert_eq!(
            by("Item 10\n\nPresented by the President of the Second Review Conference\n\nBackground").as_deref(),
            Some("President of the Second Review Conference")
        );
        assert_eq!(
            by("# TITLE\n\n#### SUBMITTED BY THE COMMITTEE ON THE ENHANCEMENT OF COOPERATION AND ASSISTANCE\n").as_deref(),
            Some("Committee on the Enhancement of Cooperation and Assistance")
        );
        assert_eq!(
            by("Working paper submitted by Austria\n").as_deref(),
            Some("Austria")
        );
        // the members in brackets after a committee's name
        assert_eq!(
            by("Submitted by the Committee on Victim Assistance (Chile, Iraq, Norway and Peru)\n")
                .as_deref(),
            Some("Committee on Victim Assistance")
        );
        assert_eq!(
            by("   Submitted by the Chairperson\u{f02a}\n").as_deref(),
            Some("Chairperson")
        );
        // a sentence about who prepared a text, or a list of documents, is no byline
        assert_eq!(
            by("1. This non-paper was prepared by the Implementation Support Unit of the Convention, which was asked\n"),
            None
        );
        assert_eq!(
            by("CCW/GGE.1/2019/1   Provisional agenda. Submitted by the Chairperson\n"),
            None
        );
        let v = doc_voice("Note\n\nSubmitted by the Chairperson\n\n1. We encourage ...");
        assert_eq!(v.first_person.as_deref(), Some("Chairperson"));
        assert_eq!(v.audience, None);
        let v = doc_voice(
            "Tenth Meeting of the States Parties\n\nPresented by the President\n\n1. ...",
        );
        assert_eq!(v.audience.as_deref(), Some("States Parties"));
        let v =
            doc_voice("Meeting of the High Contracting Parties\n\nSubmitted by the Chairperson\n");
        assert_eq!(v.audience.as_deref(), Some("High Contracting Parties"));
        // no byline: no one is known to be addressed
        assert_eq!(
            doc_voice("Meeting of the States Parties\n\nReport\n").audience,
            None
        );
    }

    #[test]
    fn a_ccw_record_has_the_high_contracting_parties() {
        let p = convention_parties("16. The Group recalled that the CCW Protocols apply.");
        assert_eq!(p.as_deref(), Some("High Contracting Parties"));
        assert_eq!(
            convention_parties("The Meeting of the High Contracting Parties decided"),
            Some("High Contracting Parties".into())
        );
        assert_eq!(convention_parties("The CCWG and the ACCW met."), None);
        assert_eq!(convention_parties("The MASG met in Geneva."), None);
    }

    #[test]
    fn the_meeting_s_host_is_its_convener() {
        let text = "MEETING SUMMARY\n\nOn Wednesday 20 December 2017, Australia and Peru, CCM Coordinators, hosted an informal meeting in the margins.";
        let at = |w: &str| text.find(w).expect("word");
        let mention = |w: &str, e: &str| Mention {
            entity: e.to_string(),
            rule: "test".to_string(),
            text: w.to_string(),
            span: crate::model::Span {
                start: at(w),
                end: at(w) + w.len(),
            },
            segment: 0,
            sentence: 0,
            value: crate::model::Value::Name {
                canonical: w.to_string(),
                attrs: Default::default(),
            },
        };
        let ms = [mention("Australia", "state"), mention("Peru", "state")];
        assert_eq!(convener(text, &ms).as_deref(), Some("Australia and Peru"));
        assert_eq!(convener("The Group adopted its report.", &ms), None);
    }

    #[test]
    fn a_body_s_name_and_a_byline_keep_their_limits() {
        // up to eight words after the body's noun on "The Committee ...," line
        let actor = |n: usize| format!("The Committee {},\n", vec!["on"; n].join(" "));
        assert_eq!(
            doc_voice(&actor(8)).actor,
            Some(format!("Committee {}", ["on"; 8].join(" ")))
        );
        assert_eq!(doc_voice(&actor(9)).actor, None);
        // up to three words before "submitted by", 120 characters after the
        // name's first letter
        assert!(byline_author("Working paper now submitted by Austria").is_some());
        assert_eq!(
            byline_author("A working paper now submitted by Austria"),
            None
        );
        let name = |n: usize| format!("Submitted by A{}", "x".repeat(n));
        assert_eq!(byline_author(&name(120)).map(|a| a.len()), Some(121));
        assert_eq!(byline_author(&name(121)), None);
    }
}
