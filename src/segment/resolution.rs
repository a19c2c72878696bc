//! The structure of a resolution: "The General Assembly," opens the preamble,
//! and the first numbered paragraph after it opens the operative part, whose
//! numbered paragraphs are the operative paragraphs researchers cite ("OP 2").

use super::heading_rules::HeadingClass;
use super::line_scan::Line;
use super::outline::Candidate;

/// Title of the segment holding a resolution's operative paragraphs.
pub const OPERATIVE_TITLE: &str = "Operative part";

/// After each preamble opening, the first numbered paragraph "1" starts an
/// operative-part segment; numbered lines up to the next heading of another
/// shape are operative paragraphs (anchors), never agenda items.
pub(super) fn mark_operative_parts(
    lines: &[Line<'_>],
    candidates: &mut Vec<Candidate>,
    anchors: &mut Vec<(usize, String)>,
) {
    let preambles: Vec<usize> = candidates
        .iter()
        .filter(|c| c.class == HeadingClass::Preamble)
        .map(|c| c.first)
        .collect();
    for p in preambles {
        // the preamble ends at the next heading that is not a numbered line
        let end = candidates
            .iter()
            .filter(|c| c.first > p && !matches!(c.class, HeadingClass::Numbered(_)))
            .map(|c| c.first)
            .min()
            .unwrap_or(lines.len());
        let demoted: Vec<(usize, String)> = candidates
            .iter()
            .filter(|c| c.first > p && c.first < end)
            .filter(|c| c.class == HeadingClass::Numbered(1))
            .map(|c| (c.first, c.number.clone().unwrap_or_default()))
            .collect();
        candidates.retain(|c| !demoted.iter().any(|(l, _)| *l == c.first));
        anchors.extend(demoted);
        anchors.sort();
        let Some(&(first_op, _)) = anchors.iter().find(|(l, n)| *l > p && *l < end && n == "1")
        else {
            continue;
        };
        let at = candidates
            .iter()
            .position(|c| c.first > first_op)
            .unwrap_or(candidates.len());
        candidates.insert(
            at,
            Candidate {
                first: first_op,
                last: first_op,
                class: HeadingClass::Operative,
                number: None,
                title: OPERATIVE_TITLE.to_string(),
                synthetic: true,
                body_start: None,
            },
        );
    }
}
