//! How trustworthy an extracted text layer looks: replacement and private-use
//! characters (undecodable fonts), words run together (lost spaces), and a mean
//! word length far from English prose (letters spaced apart, or glued).

use crate::model::TextQuality;

/// Files scoring below this are flagged for review.
pub const REVIEW_THRESHOLD: f32 = 0.8;

/// Measures `text`.
pub fn text_quality(text: &str) -> TextQuality {
    let mut chars = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        chars += 1;
        if c == '\u{fffd}' || ('\u{e000}'..='\u{f8ff}').contains(&c) {
            bad += 1;
        }
    }
    let mut words = 0usize;
    let mut letters = 0usize;
    let mut run_together = 0usize;
    for raw in text.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !w.chars().any(|c| c.is_alphabetic()) {
            continue;
        }
        words += 1;
        let n = w.chars().count();
        letters += n;
        if looks_run_together(w, n) {
            run_together += 1;
        }
    }
    if chars == 0 || words == 0 {
        return TextQuality::default();
    }
    let bad_char_ratio = bad as f32 / chars as f32;
    let run_together_ratio = run_together as f32 / words as f32;
    let mean_word_len = letters as f32 / words as f32;
    let off = (mean_word_len - mean_word_len.clamp(3.0, 9.0)).abs();
    let len_factor = (1.0 - off / 4.0).clamp(0.0, 1.0);
    let score = (1.0 - 5.0 * bad_char_ratio).clamp(0.0, 1.0)
        * (1.0 - 4.0 * run_together_ratio).clamp(0.0, 1.0)
        * len_factor;
    TextQuality {
        score,
        bad_char_ratio,
        run_together_ratio,
        mean_word_len,
    }
}

/// "thereforetheCommittee": very long without a joiner, or a lower-to-upper
/// case change inside the word.
fn looks_run_together(w: &str, n: usize) -> bool {
    if n > 22 && !w.contains(['-', '/', '.', '_']) {
        return true;
    }
    let cs: Vec<char> = w.chars().collect();
    cs.windows(3)
        .any(|t| t[0].is_lowercase() && t[1].is_lowercase() && t[2].is_uppercase())
        && cs.first().is_some_and(|c| c.is_lowercase())
}

/// Words of `text` for comparison: split on whitespace, punctuation trimmed
/// from both ends, typographic quotes and dashes folded to ASCII.
pub fn comparison_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            let folded: String = w
                .chars()
                .map(|c| match c {
                    '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
                    '\u{201c}' | '\u{201d}' => '"',
                    '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
                    c => c,
                })
                .collect();
            folded
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word multiset F1 of `candidate` against `reference` (1.0 is identical bags
/// of words; order does not count).
pub fn word_f1(reference: &str, candidate: &str) -> f64 {
    let mut bag: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let reference = comparison_words(reference);
    let candidate = comparison_words(candidate);
    for w in &reference {
        *bag.entry(w.clone()).or_default() += 1;
    }
    let mut hits = 0usize;
    for w in &candidate {
        if let Some(n) = bag.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                hits += 1;
            }
        }
    }
    if reference.is_empty() && candidate.is_empty() {
        return 1.0;
    }
    if hits == 0 {
        return 0.0;
    }
    let p = hits as f64 / candidate.len() as f64;
    let r = hits as f64 / reference.len() as f64;
    2.0 * p * r / (p + r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_prose_scores_high_and_damaged_text_low() {
        let good =
            text_quality("The Chair of the MASG welcomed all the participants to the meeting.");
        assert!(good.score > 0.95, "{good:?}");
        let glued = text_quality("TheChairoftheMASGwelcomedalltheparticipants tothemeeting today");
        assert!(glued.score < REVIEW_THRESHOLD, "{glued:?}");
        let spaced = text_quality("T h e C h a i r o f t h e M A S G w e l c o m e d");
        assert!(spaced.score < REVIEW_THRESHOLD, "{spaced:?}");
        let garbled =
            text_quality("\u{fffd}\u{fffd}\u{fffd} \u{f0b7}\u{fffd} the \u{fffd}\u{fffd}");
        assert!(garbled.score < 0.5, "{garbled:?}");
        assert_eq!(text_quality("").score, 0.0);
    }
}
