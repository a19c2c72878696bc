//! Proposals as headings: a committee report accounts for each draft it
//! considered under "Draft resolution A/C.1/79/L.5" and recommends the texts
//! under "Draft resolution I" with the draft's title on the next line. Both are
//! headings although they carry a document symbol (page furniture otherwise)
//! or stand on a line of two words; "Draft decisions" alone groups them.

use std::sync::LazyLock;

use regex::Regex;

use super::heading_rules::{
    clean_title, enumerator, is_body_text, is_lone_enumerator, is_plain_title, is_preamble_opening,
    is_title_text, lettered_paragraph, opens_numbered_paragraph, starts_upper, word_count_upto,
    HeadingClass,
};
use super::line_scan::{join_lines, Hyphens, Line};
use super::outline::Candidate;

/// "Draft resolution I", "Draft decision A/C.1/79/L.31", "Revised draft
/// resolution A/79/L.10/Rev.1", "Draft resolution" alone.
static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:Revised [Dd]raft|Draft|DRAFT) (?:resolution|decision|RESOLUTION|DECISION)(?:\s+(?:[IVXLC]{1,7}|[A-Z]|\d{1,3}|[A-Z]{1,6}/[A-Za-z0-9./\-]+))?$",
    )
    .expect("static regex")
});

/// "Draft resolutions", "Draft decisions", "Draft resolutions and decisions".
static PROPOSAL_GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Draft|DRAFT) (?:resolutions|decisions|RESOLUTIONS|DECISIONS)(?: and (?:resolutions|decisions))?$")
        .expect("static regex")
});

/// True for a line that is a draft's heading by its words alone
/// ("Draft resolution A/C.1/79/L.8", "Draft decision II").
pub(super) fn is_proposal_line(text: &str) -> bool {
    PROPOSAL.is_match(text)
}

/// The most lines a proposal's title runs over.
const MAX_TITLE_LINES: usize = 4;

/// The most words of a proposal's title line.
const MAX_TITLE_WORDS: usize = 40;

/// The proposal heading opening at line `i`, with the title lines under it, if
/// the line is one: it stands after a blank line (or between paragraphs) and is
/// the whole line.
pub(super) fn proposal_heading(lines: &[Line<'_>], i: usize) -> Option<Candidate> {
    let text = lines[i].text;
    let blank_before = i == 0 || lines[i - 1].is_blank();
    // without layout a draft's heading sits between the last sentence (or the
    // group heading) and its first paragraph's lone number: "... resolution." /
    // "Draft resolution A/C.1/79/L.8" / "7." (or "7. On 7 October, ...")
    let between_paragraphs = i > 0
        && PROPOSAL.is_match(text)
        && (lines[i - 1].text.ends_with(['.', ')']) || PROPOSAL_GROUP.is_match(lines[i - 1].text))
        && lines
            .get(i + 1)
            .is_some_and(|l| opens_numbered_paragraph(l.text, 0));
    if !blank_before && !between_paragraphs {
        return None;
    }
    let blank_after = lines.get(i + 1).is_none_or(|l| l.is_blank());
    if PROPOSAL_GROUP.is_match(text) {
        return blank_after.then(|| Candidate {
            first: i,
            last: i,
            class: HeadingClass::ProposalGroup,
            number: None,
            title: clean_title(text),
            synthetic: false,
            body_start: None,
        });
    }
    if !PROPOSAL.is_match(text) {
        return None;
    }
    let title_end = title_lines_end(lines, i);
    // "Draft resolution" / "Draft decision" with no number or letter after it
    let bare = text.split_whitespace().count() == 2;
    let (number, title, last) = match title_end {
        Some(last) => (
            Some(clean_title(text)),
            clean_title(&join_lines(lines, i + 1, last, Hyphens::Rejoin)),
            last,
        ),
        // "Draft resolution" alone says nothing: it needs a title under it
        None if bare => return None,
        None => (None, clean_title(text), i),
    };
    Some(Candidate {
        first: i,
        last,
        class: HeadingClass::Proposal,
        number,
        title,
        synthetic: false,
        body_start: None,
    })
}

/// The last line of the title that follows the proposal line at `i` without a
/// blank line, if there is one: title lines stop at a preamble ("The General
/// Assembly,"), an enumerated or lettered line, or running text.
fn title_lines_end(lines: &[Line<'_>], i: usize) -> Option<usize> {
    let is_title_line = |l: &Line<'_>| {
        let t = l.text.trim();
        !l.is_blank()
            && !is_preamble_opening(t)
            && !t.starts_with("The General Assembly")
            && !t.starts_with("The Security Council")
            && enumerator(t).is_none()
            && !is_lone_enumerator(t)
            && lettered_paragraph(t).is_none()
            && !is_body_text(t)
    };
    let first = lines.get(i + 1).filter(|l| is_title_line(l))?;
    // a draft's title is often a long phrase in sentence case ("Assistance to
    // States for curbing the illicit traffic in small arms and light weapons")
    let t = first.text.trim();
    let phrase = starts_upper(t)
        && word_count_upto(t, MAX_TITLE_WORDS + 1) <= MAX_TITLE_WORDS
        && !t.ends_with(['.', ',', ';', ':']);
    if !phrase && !is_title_text(t) && !is_plain_title(t) {
        return None;
    }
    let mut last = i + 1;
    while last - i < MAX_TITLE_LINES && lines.get(last + 1).is_some_and(&is_title_line) {
        last += 1;
    }
    Some(last)
}
