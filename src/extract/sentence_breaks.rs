//! UAX #29 sentence boundaries, fast, for the characters meeting records are made of.
//!
//! unicode-segmentation's sentence iterator looks every character up in the full
//! Unicode tables and runs the rule machine at every position: it was an eighth of
//! the whole ingest. Breaks can only follow a terminator (`.`, `?`, `!`), so this
//! scans for terminators and applies rules SB6-SB11 there, with the categories of
//! ASCII, Latin-1 letters, typographic quotes, dashes and spaces written out. Text
//! with any other character (or a paragraph separator) returns `None` and the
//! caller uses unicode-segmentation: the result is the same either way, which the
//! tests check against unicode-segmentation itself. Only the characters around
//! a terminator are looked at, on the bytes: no table of the text's characters.

/// Sentence_Break property values that occur in the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

/// The Sentence_Break category of `c`, `None` for characters left to the full
/// tables (Extend, Format, Sep, OLetter, other scripts...). Line ends count as
/// spaces: the caller has already merged the lines of a block.
fn category(c: char) -> Option<Cat> {
    Some(match c {
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' => Cat::Sp,
        '\u{2000}'..='\u{200a}' | '\u{202f}' => Cat::Sp,
        'a'..='z' | 'ª' | 'µ' | 'º' | 'ß'..='ö' | 'ø'..='ÿ' => Cat::Lower,
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => Cat::Upper,
        '0'..='9' => Cat::Numeric,
        '.' => Cat::ATerm,
        '!' | '?' => Cat::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '«' | '»' => Cat::Close,
        '\u{2018}'..='\u{201f}' => Cat::Close,
        ',' | '-' | ':' | ';' | '\u{2013}' | '\u{2014}' => Cat::SContinue,
        '\u{0}'..='\u{7f}' => Cat::Other,
        // Latin-1 symbols and controls, except NEL (a separator) and the soft hyphen (Format)
        '\u{80}'..='\u{ff}' if c != '\u{85}' && c != '\u{ad}' => Cat::Other,
        '\u{2022}' | '\u{2026}' | '\u{2030}' | '\u{2032}' | '\u{2033}' | '€' => Cat::Other,
        _ => return None,
    })
}

/// The sentences of `text` as `(offset, sentence)`, as unicode-segmentation's
/// `split_sentence_bound_indices` gives them, fast where [`sentence_breaks`] can.
pub fn sentence_pieces(text: &str) -> Vec<(usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    let Some(breaks) = sentence_breaks(text) else {
        return text.split_sentence_bound_indices().collect();
    };
    let mut pieces = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for end in breaks.into_iter().chain(std::iter::once(text.len())) {
        if end > start {
            pieces.push((start, &text[start..end]));
        }
        start = end;
    }
    pieces
}

/// Byte offsets where UAX #29 starts a new sentence inside `text` (0 and the end
/// excluded), or `None` when `text` holds a character outside the fast path.
pub fn sentence_breaks(text: &str) -> Option<Vec<usize>> {
    // the category of the character at byte `at`, and where the next one starts
    let cat_at = |at: usize| -> Option<(Cat, usize)> {
        let c = text.get(at..)?.chars().next()?;
        Some((category(c).unwrap_or(Cat::Other), at + c.len_utf8()))
    };
    let bytes = text.as_bytes();
    let mut breaks = Vec::new();
    let mut i = 0;
    // terminators are ASCII, and an ASCII byte is always a whole character
    // (every byte is either stepped over here or part of a Close or Sp run
    // after a terminator: a character outside the fast path is seen here)
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii() {
            let c = text.get(i..).and_then(|r| r.chars().next())?;
            category(c)?;
            i += c.len_utf8();
            continue;
        }
        if b != b'.' && b != b'?' && b != b'!' {
            i += 1;
            continue;
        }
        let aterm = b == b'.';
        // SB9, SB10: no break inside the Close* Sp* run after a terminator
        let mut after_close = i + 1;
        while let Some((Cat::Close, next)) = cat_at(after_close) {
            after_close = next;
        }
        let mut k = after_close;
        while let Some((Cat::Sp, next)) = cat_at(k) {
            k = next;
        }
        let Some((next, _)) = cat_at(k) else {
            break; // the text ends: that boundary is not inside
        };
        let adjacent = k == i + 1;
        // SB6: "3.5"; SB7: "U.S"
        let sb6 = aterm && adjacent && next == Cat::Numeric;
        let sb7 = aterm
            && adjacent
            && next == Cat::Upper
            && matches!(
                text.get(..i)
                    .and_then(|t| t.chars().next_back())
                    .and_then(category),
                Some(Cat::Lower | Cat::Upper)
            );
        // SB8: "etc. the" - anything but letters, separators and terminators, then lower case
        let sb8 = aterm && {
            let mut m = k;
            while let Some((
                Cat::Sp | Cat::Numeric | Cat::Close | Cat::SContinue | Cat::Other,
                after,
            )) = cat_at(m)
            {
                m = after;
            }
            matches!(cat_at(m), Some((Cat::Lower, _)))
        };
        // SB8a: "Yes. , or" / "?!"
        let sb8a = matches!(next, Cat::SContinue | Cat::ATerm | Cat::STerm);
        if !(sb6 || sb7 || sb8 || sb8a) {
            breaks.push(k); // SB11
        }
        i = k;
    }
    Some(breaks)
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    fn reference(text: &str) -> Vec<usize> {
        let flat: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        flat.split_sentence_bound_indices()
            .map(|(at, _)| at)
            .filter(|&at| at > 0)
            .collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_tricky_cases() {
        for text in [
            "The meeting opened. Mr. Smith spoke.",
            "It cost 3.5 million. The U.S. delegation (USA) agreed!",
            "He said \"stop.\" Then left.  (See annex.) And more?!  No.",
            "Etc. the end. “Quoted.” Next – one; two. ‘x.’ y",
            "A.B. c. D; e.\u{a0}F… 12. 13. Élan. été. ÀB.Ç",
            "Deadline: 1 March 2025. (a) first; (b) second.",
            "Ends with terminator.",
            "...",
            ". . .a",
            "no terminator at all",
        ] {
            assert_eq!(sentence_breaks(text), Some(reference(text)), "{text:?}");
        }
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_generated_text() {
        let alphabet = [
            "a", "b", "Z", "É", "é", "7", ".", ".", "?", "!", " ", " ", "  ", "\n", "\"", "(", ")",
            "[", ",", ";", ":", "-", "’", "“", "”", "–", "—", "\u{a0}", "…", "•", "%", "/", "«",
            "»", "ß", "\t", "€", "‰", "′", "″", "¿", "×",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        // every other string is pure ASCII, which takes its own path
        let ascii: Vec<&str> = alphabet.iter().copied().filter(|a| a.is_ascii()).collect();
        for round in 0..40_000 {
            let len = 1 + next(if round % 4 == 0 { 80 } else { 16 });
            let pick: &[&str] = if round % 2 == 1 { &ascii } else { &alphabet };
            let text: String = (0..len).map(|_| pick[next(pick.len())]).collect();
            assert_eq!(sentence_breaks(&text), Some(reference(&text)), "{text:?}");
        }
    }

    /// Every paragraph of the sample corpus and, when present, of the seeds and the
    /// real UN texts in ../shared.
    #[test]
    fn agrees_with_unicode_segmentation_on_real_paragraphs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("corpus")];
        let shared = std::env::var_os("AGENDEX_SHARED")
            .map_or_else(|| root.join("../shared"), std::path::PathBuf::from);
        if shared.is_dir() {
            dirs.push(shared.join("seeds"));
            dirs.push(shared.join("corpus-real"));
        } else {
            eprintln!(
                "skipping ../shared paragraphs: {} not found",
                shared.display()
            );
        }
        let (mut fast, mut all) = (0, 0);
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                for para in text.split("\n\n") {
                    all += 1;
                    if let Some(b) = sentence_breaks(para) {
                        fast += 1;
                        assert_eq!(b, reference(para), "{}: {para:?}", e.path().display());
                    }
                }
            }
        }
        // the fast path must actually serve records, not fall back everywhere
        assert!(
            fast * 10 >= all * 8,
            "fast path took {fast} of {all} paragraphs"
        );
    }

    #[test]
    fn pieces_are_unicode_segmentations_pieces() {
        for text in ["", "One. Two? Three", "Один. Два.", "x"] {
            let want: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            assert_eq!(sentence_pieces(text), want, "{text:?}");
        }
    }

    #[test]
    fn characters_outside_the_fast_path_are_seen_anywhere() {
        // after a terminator, in its Close and Sp runs, and elsewhere
        for t in [
            "",
            "abc",
            "É",
            "aé b",
            "a’b",
            "a\u{85}",
            "x漢y",
            "a\u{ad}",
            "é€…",
            "No. 漢",
            "Yes.’ 漢",
            "Yes.\u{2003}\u{ad}",
            "Ends.漢",
            "Ends.",
            "Ends. ’",
        ] {
            assert_eq!(
                sentence_breaks(t).is_some(),
                t.chars().all(|c| category(c).is_some()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn other_scripts_are_left_to_the_full_tables() {
        assert_eq!(sentence_breaks("Le délégué a parlé. Ок."), None);
        assert_eq!(sentence_breaks("soft\u{ad}hyphen"), None);
    }
}
