//! The `date` normaliser: full dates, month-years, years, ranges of all of these
//! ("29 November – 3 December 2010", "1 - 5 March 2015", "2014 – 2017",
//! "2017-18"), day-months whose year comes from the document's date, and relative
//! months and years ("last October", "next year") resolved against the document's
//! date, never against today.
//!
//! Every result is an inclusive range: a month runs from its first to its last day.

use crate::date::{days_in_month, Date};
use crate::model::DateValue;

/// Month number for a month name or abbreviation (any case).
pub fn month_number(word: &str) -> Option<u8> {
    month_of_lower(&word.trim_end_matches('.').to_lowercase())
}

/// Month number for a lower-case month name or abbreviation without its dot.
fn month_of_lower(w: &str) -> Option<u8> {
    let n = match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(u32, usize), // value, digit count
    Month(u8),
    Dash,
    Rel(i32), // last -1, this 0, next +1
    YearWord,
}

/// The token a lower-case word stands for, if any. `month` reads month names:
/// `month_of_lower` for ASCII words, `month_number` (which lower-cases again)
/// for others, as before the ASCII path.
fn word_token(w: &str, month: fn(&str) -> Option<u8>) -> Option<Tok> {
    if let Some(m) = month(w) {
        return Some(Tok::Month(m));
    }
    Some(match w {
        "to" | "until" | "till" | "through" | "and" => Tok::Dash,
        "last" | "past" | "previous" => Tok::Rel(-1),
        "this" | "current" => Tok::Rel(0),
        "next" | "coming" | "following" => Tok::Rel(1),
        "year" => Tok::YearWord,
        _ => return None,
    })
}

/// The longest word `word_token` knows ("september", "following").
const LONGEST_WORD: usize = 9;

fn tokens(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            let j = bytes[i..]
                .iter()
                .position(|d| !d.is_ascii_digit())
                .map_or(bytes.len(), |k| i + k);
            let digits = &text[i..j];
            if let Ok(v) = digits.parse::<u32>() {
                out.push(Tok::Num(v, digits.len()));
            }
            // ordinal suffixes ("4th") are swallowed with the letters below
            i = j;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        if c.is_alphabetic() {
            let mut j = i;
            let mut ascii = true;
            for d in text[i..].chars() {
                if !d.is_alphabetic() {
                    break;
                }
                ascii &= d.is_ascii();
                j += d.len_utf8();
            }
            let w = &text[i..j];
            let tok = if ascii {
                // keywords are ASCII: lower-case short ASCII words on the stack,
                // longer ones cannot be keywords
                let mut buf = [0u8; LONGEST_WORD];
                buf.get_mut(..w.len()).and_then(|dst| {
                    dst.copy_from_slice(w.as_bytes());
                    dst.make_ascii_lowercase();
                    word_token(std::str::from_utf8(dst).ok()?, month_of_lower)
                })
            } else {
                word_token(&w.to_lowercase(), month_number)
            };
            out.extend(tok);
            i = j;
        } else {
            if matches!(c, '-' | '–' | '—' | '‒' | '/') {
                out.push(Tok::Dash);
            }
            i += c.len_utf8();
        }
    }
    out
}

#[derive(Debug, Clone, Copy, Default)]
struct Part {
    day: Option<u8>,
    month: Option<u8>,
    year: Option<i32>,
    short_year: Option<u32>,
}

fn part_of(toks: &[Tok]) -> Result<Part, String> {
    let mut p = Part::default();
    for t in toks {
        match *t {
            Tok::Num(v, len) if len == 4 && (1000..=2999).contains(&v) => {
                if p.year.is_some() {
                    return Err("two years on one side of a range".into());
                }
                p.year = Some(v as i32);
            }
            Tok::Num(v, len) if len <= 2 => {
                if p.day.is_some() {
                    return Err("two days on one side of a range".into());
                }
                p.day = Some(v as u8);
                if len == 2 {
                    p.short_year = Some(v);
                }
            }
            Tok::Num(v, _) => return Err(format!("{v} is neither a day nor a year")),
            Tok::Month(m) => {
                if p.month.is_some() {
                    return Err("two months on one side of a range".into());
                }
                p.month = Some(m);
            }
            _ => {}
        }
    }
    Ok(p)
}

/// Normalises a date expression. `doc_date` (the document's own date) supplies the
/// year of "20 December" and the anchor of "last October"; without it such
/// expressions are refused.
pub fn parse_date(text: &str, doc_date: Option<Date>) -> Result<DateValue, String> {
    let toks = tokens(text);
    if toks.is_empty() {
        return Err(format!("no date in '{text}'"));
    }
    // relative expressions: "next year", "last October"
    if let Some(pos) = toks.iter().position(|t| matches!(t, Tok::Rel(_))) {
        let Tok::Rel(dir) = toks[pos] else {
            return Err("unreachable".into());
        };
        let anchor = doc_date.ok_or_else(|| {
            format!("'{text}' is relative and the document has no date to resolve it against")
        })?;
        return match toks.get(pos + 1) {
            Some(Tok::YearWord) => {
                let y = anchor.year + dir;
                Ok(DateValue {
                    start: Date::year_start(y),
                    end: Date::year_end(y),
                    deadline: None,
                    year_inferred: true,
                    owner: None,
                    due: None,
                })
            }
            Some(Tok::Month(m)) => {
                let m = *m;
                let y = match dir {
                    -1 if m < anchor.month => anchor.year,
                    -1 => anchor.year - 1,
                    1 if m > anchor.month => anchor.year,
                    1 => anchor.year + 1,
                    _ => anchor.year,
                };
                month_range(y, m, true)
            }
            _ => Err(format!("'{text}': relative to what?")),
        };
    }
    let split = toks.iter().position(|t| *t == Tok::Dash);
    let (mut left, mut right) = match split {
        Some(i) => (part_of(&toks[..i])?, Some(part_of(&toks[i + 1..])?)),
        None => (part_of(&toks)?, None),
    };
    // a single number that is not a year is a day and needs a month
    if let Some(r) = right.as_mut() {
        // "2017-18": a year and a two-digit continuation
        if left.year.is_some()
            && left.month.is_none()
            && left.day.is_none()
            && r.year.is_none()
            && r.month.is_none()
        {
            let yy = r
                .short_year
                .ok_or_else(|| format!("'{text}': a year range needs a second year"))?;
            let ly = left.year.unwrap_or_default();
            let century = ly - ly % 100;
            let mut y = century + yy as i32;
            if y < ly {
                y += 100;
            }
            r.year = Some(y);
            r.day = None;
        }
        if left.month.is_none() && left.day.is_some() {
            left.month = r.month;
        }
        if left.year.is_none() {
            left.year = r.year;
        }
        if r.year.is_none() && r.month.is_some() {
            r.year = left.year;
        }
        if r.month.is_none() && r.day.is_some() {
            r.month = left.month;
            if r.year.is_none() {
                r.year = left.year;
            }
        }
    }
    let mut inferred = false;
    let mut fill_year = |p: &mut Part| -> Result<(), String> {
        if p.year.is_none() {
            let (Some(m), Some(d)) = (p.month, p.day) else {
                return Err(format!("'{text}' has no year"));
            };
            let anchor = doc_date.ok_or_else(|| {
                format!("'{text}' has no year and the document has no date to take it from")
            })?;
            p.year = Some(closest_year(anchor, m, d));
            inferred = true;
        }
        Ok(())
    };
    fill_year(&mut left)?;
    if let Some(r) = right.as_mut() {
        fill_year(r)?;
    }
    let start = bound(&left, false, text)?;
    let end = match &right {
        Some(r) => bound(r, true, text)?,
        None => bound(&left, true, text)?,
    };
    if end < start {
        return Err(format!("'{text}' ends before it starts"));
    }
    // "7 and 8 April" is a two-day meeting; "4 and 10 April" two separate days
    let days_joined_by_and = text
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("and"))
        && left.day.is_some()
        && right.as_ref().is_some_and(|r| r.day.is_some());
    if days_joined_by_and && end.days_since_epoch() - start.days_since_epoch() > 1 {
        return Err(format!("'{text}' names separate days, not a range"));
    }
    Ok(DateValue {
        start,
        end,
        deadline: None,
        year_inferred: inferred,
        owner: None,
        due: None,
    })
}

/// The year that puts day `d` of month `m` closest to the document's date
/// ("4 April" in a record of 17 February 2015 is 2015-04-04).
fn closest_year(anchor: Date, m: u8, d: u8) -> i32 {
    let mut best = anchor.year;
    let mut best_dist = i64::MAX;
    for y in [anchor.year - 1, anchor.year, anchor.year + 1] {
        let day = d.min(days_in_month(y, m).max(1));
        if let Some(date) = Date::new(y, m, day) {
            let dist = (date.days_since_epoch() - anchor.days_since_epoch()).abs();
            if dist < best_dist {
                best_dist = dist;
                best = y;
            }
        }
    }
    best
}

fn month_range(y: i32, m: u8, inferred: bool) -> Result<DateValue, String> {
    match (Date::month_start(y, m), Date::month_end(y, m)) {
        (Some(start), Some(end)) => Ok(DateValue {
            start,
            end,
            deadline: None,
            year_inferred: inferred,
            owner: None,
            due: None,
        }),
        _ => Err(format!("invalid month {m}")),
    }
}

fn bound(p: &Part, end: bool, text: &str) -> Result<Date, String> {
    let y = p.year.ok_or_else(|| format!("'{text}' has no year"))?;
    match (p.month, p.day) {
        (Some(m), Some(d)) => {
            Date::new(y, m, d).ok_or_else(|| format!("'{text}': day {d} is not in month {m}"))
        }
        (Some(m), None) => if end {
            Date::month_end(y, m)
        } else {
            Date::month_start(y, m)
        }
        .ok_or_else(|| format!("'{text}': invalid month")),
        (None, Some(d)) => Err(format!("'{text}': day {d} without a month")),
        (None, None) => Ok(if end {
            Date::year_end(y)
        } else {
            Date::year_start(y)
        }),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `tokens` as it was before the ASCII fast path: every word lower-cased
    /// into a String, twice for months.
    fn reference_tokens(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_digit() {
                let mut j = i;
                while let Some(&(k, d)) = chars.peek() {
                    if d.is_ascii_digit() {
                        j = k + 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                let digits = &text[i..j];
                if let Ok(v) = digits.parse::<u32>() {
                    out.push(Tok::Num(v, digits.len()));
                }
                // ordinal suffixes ("4th") are swallowed with the letters below
            } else if c.is_alphabetic() {
                let mut j = i;
                while let Some(&(k, d)) = chars.peek() {
                    if d.is_alphabetic() {
                        j = k + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let w = text[i..j].to_lowercase();
                if let Some(m) = month_number(&w) {
                    out.push(Tok::Month(m));
                } else {
                    match w.as_str() {
                        "to" | "until" | "till" | "through" | "and" => out.push(Tok::Dash),
                        "last" | "past" | "previous" => out.push(Tok::Rel(-1)),
                        "this" | "current" => out.push(Tok::Rel(0)),
                        "next" | "coming" | "following" => out.push(Tok::Rel(1)),
                        "year" => out.push(Tok::YearWord),
                        _ => {}
                    }
                }
            } else {
                if matches!(c, '-' | '–' | '—' | '‒' | '/') {
                    out.push(Tok::Dash);
                }
                chars.next();
            }
        }
        out
    }

    proptest! {
        #[test]
        fn tokens_match_the_reference(
            t in "(March|mar\\.|SEPTEMBER|septembers|next|Following|year|and|till|[0-9]{1,11}|th|Kelvin\u{212a}|Mär|İ|é|–|—|/|-| |,|\\.){0,12}",
        ) {
            prop_assert_eq!(tokens(&t), reference_tokens(&t));
        }

        #[test]
        fn tokens_match_the_reference_on_any_text(t in "\\PC{0,30}") {
            prop_assert_eq!(tokens(&t), reference_tokens(&t));
        }
    }

    fn d(s: &str) -> Date {
        match s.parse() {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    fn range(text: &str, doc: Option<&str>) -> (String, String, bool) {
        match parse_date(text, doc.map(d)) {
            Ok(v) => (v.start.to_string(), v.end.to_string(), v.year_inferred),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn r(text: &str) -> (String, String) {
        let (s, e, _) = range(text, None);
        (s, e)
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn full_dates_months_and_years() {
        assert_eq!(r("17 FEBRUARY 2015"), pair("2015-02-17", "2015-02-17"));
        assert_eq!(
            r("Wednesday 20 December 2017"),
            pair("2017-12-20", "2017-12-20")
        );
        assert_eq!(r("June 1, 2015"), pair("2015-06-01", "2015-06-01"));
        assert_eq!(r("June 2015"), pair("2015-06-01", "2015-06-30"));
        assert_eq!(r("February 2016"), pair("2016-02-01", "2016-02-29"));
        assert_eq!(r("2015"), pair("2015-01-01", "2015-12-31"));
        assert_eq!(r("the 4th of April 2015"), pair("2015-04-04", "2015-04-04"));
    }

    #[test]
    fn ranges_across_days_months_and_years() {
        assert_eq!(
            r("29 November – 3 December 2010"),
            pair("2010-11-29", "2010-12-03")
        );
        assert_eq!(r("1 - 5 March 2015"), pair("2015-03-01", "2015-03-05"));
        assert_eq!(r("7-8 June 2018"), pair("2018-06-07", "2018-06-08"));
        assert_eq!(r("2014 – 2017"), pair("2014-01-01", "2017-12-31"));
        assert_eq!(r("2014 -2015"), pair("2014-01-01", "2015-12-31"));
        assert_eq!(r("2017-18"), pair("2017-01-01", "2018-12-31"));
        assert_eq!(r("1999-00"), pair("1999-01-01", "2000-12-31"));
        assert_eq!(r("March–April 2015"), pair("2015-03-01", "2015-04-30"));
        assert_eq!(
            r("30 March – 2 April 2015"),
            pair("2015-03-30", "2015-04-02")
        );
        assert_eq!(
            r("1 December 2019 to 31 March 2020"),
            pair("2019-12-01", "2020-03-31")
        );
    }

    #[test]
    fn missing_years_come_from_the_document_date() {
        assert_eq!(
            range("24 November", Some("2017-12-20")),
            ("2017-11-24".into(), "2017-11-24".into(), true)
        );
        assert_eq!(
            range("4th April", Some("2015-02-17")),
            ("2015-04-04".into(), "2015-04-04".into(), true)
        );
        // a January record speaking of "20 December" means the previous December
        assert_eq!(
            range("20 December", Some("2018-01-10")).0,
            "2017-12-20".to_string()
        );
        assert!(parse_date("24 November", None).is_err());
    }

    #[test]
    fn relative_expressions_use_the_document_date_not_today() {
        assert_eq!(
            range("last October", Some("2015-02-17")),
            ("2014-10-01".into(), "2014-10-31".into(), true)
        );
        assert_eq!(
            range("next October", Some("2015-02-17")).0,
            "2015-10-01".to_string()
        );
        assert_eq!(
            range("next year", Some("2015-02-17")),
            ("2016-01-01".into(), "2016-12-31".into(), true)
        );
        assert_eq!(
            range("this year", Some("2010-12-01")).0,
            "2010-01-01".to_string()
        );
        assert!(parse_date("next year", None).is_err());
    }

    #[test]
    fn days_joined_by_and_are_a_range_only_when_consecutive() {
        assert_eq!(
            r("15 and 16 February 2023"),
            pair("2023-02-15", "2023-02-16")
        );
        assert_eq!(
            r("30 April and 1 May 2024"),
            pair("2024-04-30", "2024-05-01")
        );
        assert!(parse_date("4 and 10 April 1993", None).is_err());
        assert_eq!(
            r("December 1992 and March 1993"),
            pair("1992-12-01", "1993-03-31")
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(parse_date("31 June 2015", None).is_err());
        assert!(parse_date("2017 - 2015", None).is_err());
        assert!(parse_date("hello", None).is_err());
    }
}
