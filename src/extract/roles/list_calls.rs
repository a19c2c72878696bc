//! Calls a lead-in puts on the list below it: "Prior to deployment, States
//! should:" then "1. Conduct legal reviews ...", "2. Ensure ...". Each item is a
//! request of its own although no asking word stands in it; the lead-in's
//! subject is asked.

use std::sync::LazyLock;

use regex::Regex;

use super::bounded::{captures_or_bounded, captures_within, chars, words};

/// A lead-in's call, waiting for its list items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListCall {
    /// Who is asked: the lead-in's subject ("States").
    pub subject: String,
    /// The modal that asks ("should", "are encouraged to").
    pub modal: String,
    /// The last item's enumerator, to tell the list's next item from a new
    /// numbered paragraph.
    last: Option<Enumerator>,
    /// How far the first item is indented: a deeper item belongs to an item
    /// ("including weapons that:" / "• Cannot be directed ..."), not to the list.
    indent: Option<usize>,
}

fn indent_of(unit: &str) -> usize {
    unit.len() - unit.trim_start().len()
}

/// A list item's enumerator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enumerator {
    Number(u32),
    Letter(u8),
    Bullet,
}

impl Enumerator {
    /// Whether `self` may follow `prev` in one list (the first item may be any
    /// "1.", "(a)" or bullet).
    fn follows(self, prev: Option<Enumerator>) -> bool {
        match (prev, self) {
            (None, Enumerator::Number(n)) => n == 1,
            (None, Enumerator::Letter(c)) => c == b'a',
            (None, Enumerator::Bullet) => true,
            (Some(Enumerator::Number(p)), Enumerator::Number(n)) => n == p + 1,
            (Some(Enumerator::Letter(p)), Enumerator::Letter(c)) => c == p + 1,
            (Some(Enumerator::Bullet), Enumerator::Bullet) => true,
            _ => false,
        }
    }
}

/// The enumerator a unit opens with: "1.", "2)", "(a)", "b)", "•", "-".
fn enumerator(unit: &str) -> Option<Enumerator> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\(?([0-9]{1,2})[.)]|\(([a-z])\)|([a-z])\)|([•·▪\-–*]))\s+\S")
            .expect("static regex")
    });
    let c = ITEM.captures(unit)?;
    if let Some(n) = c.get(1) {
        return n.as_str().parse().ok().map(Enumerator::Number);
    }
    if let Some(l) = c.get(2).or_else(|| c.get(3)) {
        return l.as_str().bytes().next().map(Enumerator::Letter);
    }
    Some(Enumerator::Bullet)
}

/// Whether `marker` (the text between a line's start and a unit) is only a
/// list enumerator, so that the unit opens a list item.
pub fn is_enumerator(marker: &str) -> bool {
    static ALONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\(?[0-9]{1,2}[.)]|\([a-z]\)|[a-z]\)|[•·▪\-–*])\s*$")
            .expect("static regex")
    });
    // a unit that starts mid-line follows a sentence, not an enumerator
    marker.trim().len() <= 6 && ALONE.is_match(marker)
}

/// A list item's text after its enumerator ("Conduct legal reviews ..." of
/// "1. Conduct legal reviews ...").
pub fn item_text(unit: &str) -> &str {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\(?[0-9]{1,2}[.)]|\([a-z]\)|[a-z]\)|[•·▪\-–*])\s+")
            .expect("static regex")
    });
    let item = LEAD.find(unit).map_or(unit, |m| &unit[m.end()..]).trim();
    match ordinal_action(item) {
        Some(o) => item[o.len() + 1..].trim_start(),
        None => item,
    }
}

/// "..., States should:", "Member States are encouraged to:", "States shall,
/// inter alia:": the subject and modal of a lead-in that ends in a colon.
fn lead_in_call(unit: &str) -> Option<(String, String)> {
    // nearly every unit ends otherwise: no regex for them
    if !unit.trim_end().ends_with(':') {
        return None;
    }
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[,;:.]\s+|\n\s*)((?:[Aa]ll\s+|[Tt]he\s+)?\p{Lu}([\p{L}\- ]+?))\s+(should|shall|must|(?:are|is)\s+(?:encouraged|invited|urged|requested|called\s+upon)\s+to|undertake\s+to)(?:,?\s+inter\s+alia,?)?\s*:\s*$",
        )
        .expect("static regex")
    });
    // at most 60 characters after the capital, as the pattern was written
    // (`{1,60}?`): the punctuation and space before the subject are fixed at a
    // start, and "All "/"The " taken leaves the repetition shorter than the
    // path without them, so the first path at a start has its shortest one
    let c = captures_within(&LEAD, unit.trim_end(), 2, 60)?;
    let subject = c[1].trim();
    // a lead-in's subject is a short noun phrase, not a clause
    if subject.split_whitespace().count() > 6 {
        return None;
    }
    Some((
        subject.to_string(),
        c[3].split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

/// The lead-in calls of a document as it is read unit by unit.
#[derive(Debug, Default)]
pub struct ListCalls {
    call: Option<ListCall>,
    /// "CANZ proposes the following concrete actions for Member States.": who
    /// the ordinal actions after it ("First, include ...") are for.
    ordinal_for: Option<String>,
    /// Whether an ordinal action has been read since that lead-in.
    ordinal_seen: bool,
}

/// The ordinals that open a speaker's list of actions.
const ORDINALS: &[&str] = &[
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Finally", "Lastly",
];

/// "First, include ...", "Second, take steps ...": the ordinal, when the unit
/// opens with one, a comma and a bare verb (not "First, the spirit of ...",
/// "First, on ensuring ...", "Third, mandates must ...").
fn ordinal_action(unit: &str) -> Option<&str> {
    let u = unit.trim_start();
    // every unit passes here: one byte tells most of them apart
    if !matches!(
        u.as_bytes().first(),
        Some(b'F' | b'S' | b'T' | b'E' | b'N' | b'L')
    ) {
        return None;
    }
    let ordinal = ORDINALS
        .iter()
        .find(|o| u.starts_with(**o) && u[o.len()..].starts_with(','))?;
    let rest = u[ordinal.len() + 1..].trim_start();
    let word = rest.split_whitespace().next()?;
    const NOT_VERBS: &[&str] = &[
        "the",
        "a",
        "an",
        "we",
        "on",
        "to",
        "in",
        "for",
        "with",
        "our",
        "this",
        "these",
        "those",
        "that",
        "it",
        "there",
        "as",
        "by",
        "at",
        "of",
        "and",
        "or",
        "i",
        "you",
        "they",
        "all",
        "each",
        "every",
        "both",
        "more",
        "most",
        "some",
        "many",
        "its",
        "their",
        "his",
        "her",
        "my",
        "your",
        "not",
        "no",
        "one",
        "two",
        "three",
        "let",
        "if",
        "when",
        "while",
        "since",
        "regarding",
        "given",
        "how",
        "what",
        "which",
        "who",
        "such",
        "other",
        "only",
        "also",
        "neither",
        "either",
        "nor",
        "despite",
        "although",
        "because",
        "unless",
        "after",
        "before",
        "during",
        "under",
        "from",
        "into",
        "over",
    ];
    let bare = word.len() >= 3
        && word.chars().all(|c| c.is_ascii_lowercase())
        && !NOT_VERBS.contains(&word)
        && !["s", "ing", "ed", "ly"].iter().any(|e| word.ends_with(e))
        // nouns: "Second, leadership and purpose are ...", "Finally, consideration would"
        && !["ism", "ship", "tion", "sion", "ness", "ity", "one", "body", "thing"]
            .iter()
            .any(|e| word.ends_with(e));
    bare.then_some(*ordinal)
}

/// "... proposes the following concrete actions for Member States.": those the
/// actions are for.
fn actions_for(unit: &str) -> Option<String> {
    // the phrase ends a lead-in: only a unit's last words are searched, and
    // only when it ends like one (every unit of every record passes here)
    let unit = unit.trim_end();
    // a lead-in is one short sentence
    if unit.len() > 240 || !unit.ends_with(['.', ':']) {
        return None;
    }
    let mut from = unit.len().saturating_sub(120);
    while !unit.is_char_boundary(from) {
        from -= 1;
    }
    let unit = &unit[from..];
    if !unit.contains("following") {
        return None;
    }
    // the pattern as written, with its counted repetitions (up to three
    // words before the noun, 40 letters after the party's first): compiled
    // only when the unbounded form's match is longer
    const FOR_PATTERN: &str = r"\b(?:propose|recommend|suggest|offer)s?\s+the\s+following\s+((?:[\w-]+\s+)WORDS)(?:actions|steps|measures|recommendations|proposals)\s+for\s+((?:[Aa]ll\s+|[Tt]he\s+)?\p{L}([\p{L}\- ]REST))\s*[.:]\s*$";
    static FOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&FOR_PATTERN.replace("WORDS", "*?").replace("REST", "+?")).expect("static regex")
    });
    static FOR_BOUNDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            &FOR_PATTERN
                .replace("WORDS", "{0,3}?")
                .replace("REST", "{1,40}?"),
        )
        .expect("static regex")
    });
    captures_or_bounded(&FOR, &FOR_BOUNDED, unit, |c| {
        words(c, 1) <= 3 && chars(c, 3) <= 40
    })
    .map(|c| c[2].trim().to_string())
}

impl ListCalls {
    /// Whether a lead-in's list is open (its items may follow).
    pub fn is_open(&self) -> bool {
        self.call.is_some()
    }

    /// The call of the list item the text is in, once an item has been read:
    /// a further sentence of the item ("This should be considered ...") goes
    /// on with its call.
    pub fn open_item(&self) -> Option<&ListCall> {
        self.call.as_ref().filter(|c| c.last.is_some())
    }

    /// The call `unit` answers when it is the next item of the list a lead-in
    /// opened.
    pub fn item_call(&self, unit: &str) -> Option<&ListCall> {
        let call = self.call.as_ref()?;
        let nested = call.indent.is_some_and(|i| indent_of(unit) > i + 1);
        (!nested && enumerator(unit).is_some_and(|e| e.follows(call.last))).then_some(call)
    }

    /// The call of a speaker's ordinal action ("First, include time-bound
    /// provisions ..."): the subject is those the lead-in's actions are for, if
    /// one said so, else empty.
    pub fn ordinal_call(&self, unit: &str) -> Option<ListCall> {
        let ordinal = ordinal_action(unit)?;
        Some(ListCall {
            subject: self.ordinal_for.clone().unwrap_or_default(),
            modal: ordinal.to_string(),
            last: None,
            indent: None,
        })
    }

    /// Reads a unit after its statements are found. A heading, a new segment or
    /// a numbered paragraph that does not go on with the list ends it; a
    /// sentence inside an item ("In this context, ...") does not.
    pub fn read(&mut self, unit: &str, heading: bool, new_segment: bool) {
        if heading || new_segment {
            self.call = None;
            self.ordinal_for = None;
        }
        if self.ordinal_for.is_some() {
            let ordinal = ordinal_action(unit).is_some();
            if !ordinal && self.ordinal_seen {
                self.ordinal_for = None;
            }
            self.ordinal_seen |= ordinal;
        }
        if let Some(subject) = actions_for(unit) {
            self.ordinal_for = Some(subject);
            self.ordinal_seen = false;
        }
        if let Some(call) = self.call.as_mut() {
            let nested = call.indent.is_some_and(|i| indent_of(unit) > i + 1);
            match enumerator(unit) {
                _ if nested => {}
                Some(e) if e.follows(call.last) => {
                    call.last = Some(e);
                    call.indent.get_or_insert(indent_of(unit));
                }
                Some(_) => self.call = None,
                None => {}
            }
        }
        if let Some((subject, modal)) = lead_in_call(unit) {
            self.call = Some(ListCall {
                subject,
                modal,
                last: None,
                indent: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lead_in_puts_its_call_on_each_item() {
        let mut calls = ListCalls::default();
        calls.read(
            "Prior to potential deployment and as applicable throughout the entire life cycle of LAWS, States should:",
            false,
            false,
        );
        // no item read yet: no item's call goes on
        assert!(calls.open_item().is_none());
        let first = calls.item_call("1. Conduct legal reviews to determine whether ...");
        assert_eq!(first.map(|c| c.subject.as_str()), Some("States"));
        assert_eq!(first.map(|c| c.modal.as_str()), Some("should"));
        calls.read(
            "1. Conduct legal reviews to determine whether ...",
            false,
            false,
        );
        // a sentence inside the item keeps the list open
        assert!(calls.open_item().is_some());
        calls.read(
            "In this context, the exchange of practices is encouraged.",
            false,
            false,
        );
        assert!(calls.item_call("2. Ensure human control.").is_some());
        calls.read("2. Ensure human control.", false, false);
        // "31." goes on with no list: a numbered paragraph of the report
        assert!(calls.item_call("31. Several delegations spoke.").is_none());
        calls.read("31. Several delegations spoke.", false, false);
        assert!(calls.item_call("3. Ensure that ...").is_none());
    }

    #[test]
    fn a_deeper_item_belongs_to_its_item() {
        let mut calls = ListCalls::default();
        calls.read("States shall:", false, false);
        let item = "    •  Prohibit the use of weapons that:";
        assert!(calls.item_call(item).is_some());
        calls.read(item, false, false);
        let sub = "        •  Cannot be directed at a specific military objective;";
        assert!(calls.item_call(sub).is_none());
        calls.read(sub, false, false);
        assert!(calls.item_call("    •  Regulate other weapons.").is_some());
    }

    #[test]
    fn lead_ins_and_what_is_not_one() {
        assert_eq!(
            lead_in_call("Member States are encouraged to:"),
            Some(("Member States".into(), "are encouraged to".into()))
        );
        assert_eq!(
            lead_in_call("The High Contracting Parties shall, inter alia:").map(|c| c.0),
            Some("The High Contracting Parties".into())
        );
        assert_eq!(
            lead_in_call("The Group adopted the following agenda:"),
            None
        );
        assert_eq!(lead_in_call("States should ensure compliance."), None);
    }

    #[test]
    fn a_speaker_s_ordinal_actions_are_calls() {
        let mut calls = ListCalls::default();
        assert!(calls
            .ordinal_call("First, the spirit of consensus.")
            .is_none());
        assert!(calls
            .ordinal_call("Third, mandates must be forward looking.")
            .is_none());
        assert!(calls
            .ordinal_call("First, on ensuring that we meet.")
            .is_none());
        assert!(calls
            .ordinal_call("First, neither party has reached that conclusion.")
            .is_none());
        assert!(calls
            .ordinal_call("Second, leadership and purpose matter.")
            .is_none());
        assert!(calls
            .ordinal_call("Third, everyone will benefit.")
            .is_none());
        let free = calls.ordinal_call("Second, build on what works.");
        assert_eq!(free.map(|c| c.subject), Some(String::new()));
        calls.read(
            "The Group proposes the following practical steps for donor States.",
            false,
            false,
        );
        let first = "First, publish annual funding plans.";
        assert_eq!(
            calls.ordinal_call(first).map(|c| (c.subject, c.modal)),
            Some(("donor States".to_string(), "First".to_string()))
        );
        assert_eq!(item_text(first), "publish annual funding plans.");
        calls.read(first, false, false);
        calls.read("Second, pool their support.", false, false);
        calls.read("These steps could be reviewed next year.", false, false);
        assert_eq!(
            calls
                .ordinal_call("Finally, report back.")
                .map(|c| c.subject),
            Some(String::new())
        );
    }

    #[test]
    fn items_follow_in_order() {
        assert!(Enumerator::Number(1).follows(None));
        assert!(!Enumerator::Number(3).follows(None));
        assert!(Enumerator::Letter(b'b').follows(Some(Enumerator::Letter(b'a'))));
        assert_eq!(
            enumerator("(c) weapons systems must not"),
            Some(Enumerator::Letter(b'c'))
        );
        assert_eq!(enumerator("• Prohibit LAWS"), Some(Enumerator::Bullet));
        assert_eq!(enumerator("States should"), None);
        assert_eq!(
            item_text("1.   Conduct legal reviews."),
            "Conduct legal reviews."
        );
        assert_eq!(item_text("(b) weapons systems"), "weapons systems");
        assert!(is_enumerator("    1.   "));
        assert!(is_enumerator("(c) "));
        assert!(!is_enumerator("1. Conduct legal reviews."));
        assert!(!is_enumerator("   "));
    }

    #[test]
    fn a_lead_in_subject_keeps_its_sixty_character_limit() {
        // 60 letters after the capital still make a subject, 61 do not (the
        // pattern's bound, checked on the match since it is written unbounded)
        let unit = |n: usize| format!("The Authorities-{} should:", "x".repeat(n));
        assert_eq!(
            lead_in_call(&unit(49)).map(|c| c.1),
            Some("should".to_string())
        );
        assert_eq!(lead_in_call(&unit(50)), None);
    }

    #[test]
    fn actions_for_keep_their_word_and_letter_limits() {
        // up to three words between "the following" and "actions", up to 40
        // letters after the party's first
        assert_eq!(
            actions_for("We propose the following concrete practical urgent actions for States."),
            Some("States".to_string())
        );
        assert_eq!(
            actions_for(
                "We propose the following very concrete practical urgent actions for States."
            ),
            None
        );
        let party = |n: usize| format!("We offer the following steps for S{}.", "x".repeat(n));
        assert_eq!(actions_for(&party(40)).map(|p| p.len()), Some(41));
        assert_eq!(actions_for(&party(41)), None);
    }
}
