//! The `money` normaliser: "US$4.7 billion", "between USD 2 and 3 million",
//! "almost $65 million per year", "14 million United States dollars".
//!
//! The rule's pattern decides *where* an amount is; this module decides what it
//! is worth. A bare `$` is read as USD, as UN records use it.

use crate::model::Money;

/// Currency markers, longest first so that "USD$" wins over "USD" and "$".
/// Symbols and codes are matched case-sensitively, words case-insensitively.
const SYMBOLS: &[(&str, &str)] = &[
    ("USD$", "USD"),
    ("US$", "USD"),
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("JPY", "JPY"),
    ("CHF", "CHF"),
    ("NOK", "NOK"),
    ("SEK", "SEK"),
    ("DKK", "DKK"),
    ("CAD", "CAD"),
    ("AUD", "AUD"),
    ("NZD", "NZD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("$", "USD"),
];

const WORDS: &[(&str, &str)] = &[
    ("united states dollar", "USD"),
    ("u.s. dollar", "USD"),
    ("us dollar", "USD"),
    ("american dollar", "USD"),
    ("canadian dollar", "CAD"),
    ("australian dollar", "AUD"),
    ("new zealand dollar", "NZD"),
    ("swiss franc", "CHF"),
    ("pounds sterling", "GBP"),
    ("pound sterling", "GBP"),
    ("british pound", "GBP"),
    ("japanese yen", "JPY"),
    ("norwegian kroner", "NOK"),
    ("norwegian krone", "NOK"),
    ("swedish kronor", "SEK"),
    ("swedish krona", "SEK"),
    ("danish kroner", "DKK"),
    ("danish krone", "DKK"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("yen", "JPY"),
];

const APPROX: &[&str] = &[
    "approximately",
    "approx",
    "about",
    "around",
    "some",
    "over",
    "almost",
    "nearly",
    "more than",
    "less than",
    "up to",
    "roughly",
    "close to",
    "in excess of",
    "circa",
    "estimated",
    "~",
];

/// The ISO code of the first currency marker in `text`, if any.
pub fn currency_of(text: &str) -> Option<&'static str> {
    currency_in(text, || text.to_lowercase())
}

/// `currency_of`, with `text` lower-cased by `lower` only when no symbol is found.
fn currency_in(text: &str, lower: impl FnOnce() -> String) -> Option<&'static str> {
    if let Some(code) = first_symbol(text) {
        return Some(code);
    }
    let lower = lower();
    WORDS
        .iter()
        .find(|(w, _)| contains_word(&lower, w))
        .map(|(_, c)| *c)
}

/// The code of the earliest symbol or code in `text`, the longest one at that
/// position. One pass over the text, where a search per marker (22 of them)
/// read every amount 22 times.
fn first_symbol(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    for (pos, &b) in bytes.iter().enumerate() {
        // every marker starts with one of these (a UTF-8 lead byte for € £ ¥),
        // and a lead byte is never inside a char: `pos` is a char boundary
        if !matches!(
            b,
            b'$' | b'A' | b'C' | b'D' | b'E' | b'G' | b'J' | b'N' | b'S' | b'U' | 0xC2 | 0xE2
        ) {
            continue;
        }
        let mut best: Option<(usize, &'static str)> = None;
        for (sym, code) in SYMBOLS {
            if bytes[pos..].starts_with(sym.as_bytes())
                && symbol_stands_at(text, pos, sym)
                && best.is_none_or(|(len, _)| sym.len() > len)
            {
                best = Some((sym.len(), code));
            }
        }
        if let Some((_, code)) = best {
            return Some(code);
        }
    }
    None
}

/// Whether `sym`, found at `pos` in `text`, is a currency marker there: codes
/// such as "USD" must stand alone ("USDA" is no currency); symbols need no boundary.
fn symbol_stands_at(text: &str, pos: usize, sym: &str) -> bool {
    let alpha = sym.chars().all(|c| c.is_ascii_alphabetic());
    let end = pos + sym.len();
    let before_ok = !text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic());
    let after_ok = !alpha
        || !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic());
    // "US$" must not be read as "$" preceded by letters, so only check letters before codes
    (before_ok || !alpha && sym.starts_with(|c: char| !c.is_ascii_alphabetic())) && after_ok
}

/// The first `needle` in `hay` at or after byte `from`, as `str::find` would
/// report it. Amounts are a few dozen bytes and the needles a few: a plain scan
/// for the first byte beats building a Two-Way searcher for every needle.
/// A UTF-8 needle can only match at a char boundary, so the result is one.
fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    if !hay.is_char_boundary(from) {
        return None;
    }
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return Some(from);
    };
    let last = h.len().checked_sub(n.len())?;
    let mut i = from;
    while i <= last {
        let skip = h.get(i..=last)?.iter().position(|&b| b == first)?;
        i += skip;
        if h.get(i + 1..i + n.len()) == Some(rest) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn contains_word(hay: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = find_from(hay, word, from) {
        let end = pos + word.len();
        let before = hay[..pos].chars().next_back();
        let after = hay[end..].chars().next();
        let ok_before = !before.is_some_and(|c| c.is_alphanumeric());
        // plural "s" after a singular word form is fine ("dollars", "francs")
        let ok_after = match after {
            None => true,
            Some('s') => !hay[end + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric()),
            Some(c) => !c.is_alphanumeric(),
        };
        if ok_before && ok_after {
            return true;
        }
        from = end;
    }
    false
}

/// A number as written, with the multiplier that follows it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Figure {
    raw: f64,
    scale: Option<f64>,
}

fn scale_of(word: &str) -> Option<f64> {
    // every multiplier is ASCII: an ASCII word is compared without lower-casing
    // it into a new String; others keep `to_lowercase` (the Kelvin sign is "k")
    if word.is_ascii() {
        let w = word.trim_end_matches('.');
        let mut buf = [0u8; 8];
        let dst = buf.get_mut(..w.len())?;
        dst.copy_from_slice(w.as_bytes());
        dst.make_ascii_lowercase();
        return scale_of_lower(std::str::from_utf8(dst).ok()?);
    }
    scale_of_lower(word.to_lowercase().trim_end_matches('.'))
}

fn scale_of_lower(word: &str) -> Option<f64> {
    match word {
        "thousand" | "k" => Some(1e3),
        "million" | "millions" | "m" | "mn" | "mio" | "mln" => Some(1e6),
        "billion" | "billions" | "bn" | "b" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The first two numbers in `text` with their multipliers, in order (an amount
/// is a value or a range: later numbers are never read).
fn figures(text: &str) -> Vec<Figure> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(2);
    let mut i = 0;
    while i < bytes.len() && out.len() < 2 {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // digits with thousands separators (",", " ", NBSP) and one decimal point;
        // the number is a slice of `text` until a separator is skipped
        let start = i;
        let mut copied: Option<String> = None;
        let mut dot = false;
        while i < bytes.len() {
            let b = bytes[i];
            let skip = if b.is_ascii_digit() || b == b'.' {
                if b == b'.' && (dot || !bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit())) {
                    break;
                }
                dot |= b == b'.';
                if let Some(c) = copied.as_mut() {
                    c.push(b as char);
                }
                i += 1;
                continue;
            } else if (b == b',' || b == b' ') && group_follows(bytes, i + 1) {
                1
            } else if bytes[i..].starts_with("\u{a0}".as_bytes()) && group_follows(bytes, i + 2) {
                2
            } else if bytes[i..].starts_with("\u{202f}".as_bytes()) && group_follows(bytes, i + 3) {
                3
            } else {
                break;
            };
            if copied.is_none() {
                copied = Some(text.get(start..i).unwrap_or_default().to_string());
            }
            i += skip;
        }
        let digits = match &copied {
            Some(c) => c.as_str(),
            None => text.get(start..i).unwrap_or_default(),
        };
        let Ok(raw) = digits.parse::<f64>() else {
            continue;
        };
        // multiplier: the next word, attached or after spaces
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        let wend = trimmed
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '.'))
            .map_or(trimmed.len(), |(k, _)| k);
        let word = &trimmed[..wend];
        let scale = scale_of(word).filter(|_| {
            // "m"/"b" only right after the number ("$5m"), never "5 more"
            word.chars().count() > 2 || rest.len() == trimmed.len() || word.len() == 2
        });
        out.push(Figure { raw, scale });
    }
    out
}

fn group_follows(bytes: &[u8], at: usize) -> bool {
    bytes.len() >= at + 3
        && bytes[at..at + 3].iter().all(|b| b.is_ascii_digit())
        && !bytes.get(at + 3).is_some_and(|b| b.is_ascii_digit())
}

/// Normalises a money expression; `Err` says why it is not one.
pub fn parse_money(text: &str) -> Result<Money, String> {
    let lower = text.to_lowercase();
    let currency =
        currency_in(text, || lower.clone()).ok_or_else(|| format!("no currency in '{text}'"))?;
    let figs = figures(text);
    let first = *figs
        .first()
        .ok_or_else(|| format!("no number in '{text}'"))?;
    let value_of = |f: Figure| f.raw * f.scale.unwrap_or(1.0);
    let (value, max) = match figs.get(1) {
        Some(&second) => {
            // "US$2-3 million": the multiplier of the upper bound carries over when
            // the lower bound is smaller as written (not for "500,000 and 2 million")
            let lo = match (first.scale, second.scale) {
                (None, Some(s)) if first.raw <= second.raw => first.raw * s,
                _ => value_of(first),
            };
            let hi = value_of(second);
            if hi >= lo {
                (lo, Some(hi))
            } else {
                (hi, Some(lo))
            }
        }
        None => (value_of(first), None),
    };
    let approximate = APPROX.iter().any(|a| {
        if a.chars().all(|c| c.is_alphabetic() || c == ' ') {
            contains_word(&lower, a)
        } else {
            find_from(&lower, a, 0).is_some()
        }
    });
    let per = if [
        "per year",
        "per annum",
        "a year",
        "annually",
        "each year",
        "yearly",
        "/year",
        "per yr",
    ]
    .iter()
    .any(|p| find_from(&lower, p, 0).is_some())
    {
        Some("year".to_string())
    } else if ["per month", "a month", "monthly", "each month"]
        .iter()
        .any(|p| find_from(&lower, p, 0).is_some())
    {
        Some("month".to_string())
    } else {
        None
    };
    Ok(Money {
        value: round_cents(value),
        max: max.map(round_cents),
        currency: currency.to_string(),
        approximate,
        per,
    })
}

/// Floating-point products such as 4.7 * 1e9 are rounded to the cent.
fn round_cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `figures` and `scale_of` as they were before they read slices: every
    /// number copied into a String, every multiplier lower-cased into one.
    fn reference_figures(text: &str) -> Vec<Figure> {
        fn scale(word: &str) -> Option<f64> {
            scale_of_lower(word.to_lowercase().trim_end_matches('.'))
        }
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let mut digits = String::new();
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_digit() {
                    digits.push(b as char);
                    i += 1;
                } else if (b == b',' || b == b' ') && group_follows(bytes, i + 1) {
                    i += 1;
                } else if text[i..].starts_with('\u{a0}') && group_follows(bytes, i + 2) {
                    i += 2;
                } else if text[i..].starts_with('\u{202f}') && group_follows(bytes, i + 3) {
                    i += 3;
                } else if b == b'.'
                    && !digits.contains('.')
                    && bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit())
                {
                    digits.push('.');
                    i += 1;
                } else {
                    break;
                }
            }
            let Ok(raw) = digits.parse::<f64>() else {
                continue;
            };
            let rest = &text[i..];
            let trimmed = rest.trim_start();
            let word: String = trimmed
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '.')
                .collect();
            let scale = scale(&word).filter(|_| {
                word.chars().count() > 2 || rest.len() == trimmed.len() || word.len() == 2
            });
            out.push(Figure { raw, scale });
        }
        out
    }

    /// `currency_in`'s symbol search as it was: one `find_symbol` per marker,
    /// the earliest position winning, the longest marker at a position first.
    fn reference_symbol(text: &str) -> Option<&'static str> {
        fn find_symbol(text: &str, sym: &str) -> Option<usize> {
            let alpha = sym.chars().all(|c| c.is_ascii_alphabetic());
            let mut from = 0;
            while let Some(pos) = find_from(text, sym, from) {
                let end = pos + sym.len();
                let before_ok = !text[..pos]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphabetic());
                let after_ok = !alpha
                    || !text[end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic());
                if (before_ok || !alpha && sym.starts_with(|c: char| !c.is_ascii_alphabetic()))
                    && after_ok
                {
                    return Some(pos);
                }
                from = end;
            }
            None
        }
        let mut best: Option<(usize, usize, &'static str)> = None;
        for (sym, code) in SYMBOLS {
            if let Some(pos) = find_symbol(text, sym) {
                let better = match best {
                    None => true,
                    Some((bp, blen, _)) => pos < bp || (pos == bp && sym.len() > blen),
                };
                if better {
                    best = Some((pos, sym.len(), code));
                }
            }
        }
        best.map(|(_, _, code)| code)
    }

    /// `str::find` from an offset, as the scans used it before `find_from`.
    fn reference_find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
        hay.get(from..)?.find(needle).map(|p| p + from)
    }

    proptest! {
        #[test]
        fn find_from_is_str_find(
            hay in "[ab$€ ]{0,20}",
            needle in "[ab$€]{0,3}",
            from in 0usize..24,
        ) {
            prop_assert_eq!(find_from(&hay, &needle, from), reference_find_from(&hay, &needle, from));
        }

        #[test]
        fn first_symbol_matches_the_reference(
            pieces in prop::collection::vec(prop::sample::select(&[
                "USD$", "US$", "USD", "USDA", "US", "CA$", "AU$", "NZ$", "A$", "C$", "EUR",
                "GBP", "JPY", "CHF", "NOK", "SEK", "DKK", "CAD", "AUD", "NZD", "€", "£",
                "¥", "$", "D", "S", "a", "é", "Σ", "Â", "⁂", " ", "4", ".", "-",
            ][..]), 0..12)
        ) {
            let t: String = pieces.concat();
            prop_assert_eq!(first_symbol(&t), reference_symbol(&t));
        }

        #[test]
        fn first_symbol_matches_the_reference_on_any_text(t in "\\PC{0,30}") {
            prop_assert_eq!(first_symbol(&t), reference_symbol(&t));
        }

        #[test]
        fn figures_match_the_reference(
            t in "[0-9 ,.\u{a0}\u{202f}$kKmMbB\u{212a}nilothusadr-]{0,30}",
        ) {
            let mut want = reference_figures(&t);
            want.truncate(2);
            prop_assert_eq!(figures(&t), want);
        }

        #[test]
        fn figures_match_the_reference_on_any_text(t in "\\PC{0,30}") {
            let mut want = reference_figures(&t);
            want.truncate(2);
            prop_assert_eq!(figures(&t), want);
        }
    }

    fn m(text: &str) -> Money {
        match parse_money(text) {
            Ok(m) => m,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn anchors_known_failures_work() {
        let a = m("US$4.7 billion");
        assert_eq!((a.value, a.currency.as_str()), (4_700_000_000.0, "USD"));
        let a = m("USD 200");
        assert_eq!((a.value, a.currency.as_str()), (200.0, "USD"));
        let a = m("USD$ 5 million");
        assert_eq!((a.value, a.currency.as_str()), (5_000_000.0, "USD"));
    }

    #[test]
    fn symbols_codes_and_words() {
        assert_eq!(m("$14 million").value, 14_000_000.0);
        assert_eq!(m("€2.5m").currency, "EUR");
        assert_eq!(m("€2.5m").value, 2_500_000.0);
        assert_eq!(m("£300,000").value, 300_000.0);
        assert_eq!(m("£300,000").currency, "GBP");
        assert_eq!(m("CHF 1 500 000").value, 1_500_000.0);
        assert_eq!(m("¥120 bn").currency, "JPY");
        assert_eq!(m("¥120 bn").value, 120e9);
        let a = m("14 million United States dollars");
        assert_eq!((a.value, a.currency.as_str()), (14e6, "USD"));
        assert_eq!(m("3 million Swiss francs").currency, "CHF");
        assert_eq!(m("NOK 40 million").currency, "NOK");
        assert_eq!(m("2 million Norwegian kroner").currency, "NOK");
        assert_eq!(m("SEK 10 000").value, 10_000.0);
        assert_eq!(m("A$ 1.2 million").currency, "AUD");
        assert_eq!(m("CAD 750,000").value, 750_000.0);
    }

    #[test]
    fn ranges_approximations_and_rates() {
        let a = m("between USD 2 and 3 million");
        assert_eq!((a.value, a.max), (2e6, Some(3e6)));
        let a = m("US$2–3 million");
        assert_eq!((a.value, a.max), (2e6, Some(3e6)));
        let a = m("between $500,000 and $2 million");
        assert_eq!((a.value, a.max), (5e5, Some(2e6)));
        let a = m("almost $65 million per year");
        assert!(a.approximate);
        assert_eq!(a.per.as_deref(), Some("year"));
        assert_eq!(a.value, 65e6);
        assert!(m("some $3 million").approximate);
        assert!(m("over €1 billion").approximate);
        assert!(!m("$14 million").approximate);
    }

    #[test]
    fn refuses_non_money() {
        assert!(parse_money("14 million people").is_err());
        assert!(parse_money("USD").is_err());
        assert!(parse_money("USDA 5").is_err());
    }
}
