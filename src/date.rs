//! Calendar dates without time zones: what meeting records speak in.
//!
//! A small proleptic-Gregorian date is all the pipeline needs (ranges, month ends,
//! leap years, sorting, index timestamps), so no date-time crate is pulled in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day. Orders chronologically. Serialises as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2015.
    pub year: i32,
    /// Month 1..=12.
    pub month: u8,
    /// Day 1..=31.
    pub day: u8,
}

/// True for Gregorian leap years.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None` (e.g. 31 June).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// 1 January of `year`.
    pub fn year_start(year: i32) -> Date {
        Date {
            year,
            month: 1,
            day: 1,
        }
    }

    /// 31 December of `year`.
    pub fn year_end(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// First day of a month (`None` for an invalid month).
    pub fn month_start(year: i32, month: u8) -> Option<Date> {
        Date::new(year, month, 1)
    }

    /// Last day of a month (`None` for an invalid month).
    pub fn month_end(year: i32, month: u8) -> Option<Date> {
        Date::new(year, month, days_in_month(year, month))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Seconds since the Unix epoch at 00:00 UTC of this day (for index fields).
    pub fn unix_seconds(&self) -> i64 {
        self.days_since_epoch() * 86_400
    }

    /// The date `n` days later (earlier for negative `n`).
    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date '{}': use YYYY-MM-DD, YYYY-MM or YYYY",
            self.0
        )
    }
}

impl std::error::Error for DateParseError {}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into the range it denotes
/// (`2015-06` is 2015-06-01..=2015-06-30). Used for `--from`/`--to` flags.
pub fn parse_date_range(s: &str) -> Result<(Date, Date), DateParseError> {
    let err = || DateParseError(s.to_string());
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| err());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            Ok((Date::year_start(y), Date::year_end(y)))
        }
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)? as i32, num(m)? as u8);
            Ok((
                Date::month_start(y, m).ok_or_else(err)?,
                Date::month_end(y, m).ok_or_else(err)?,
            ))
        }
        [y, m, d] if y.len() == 4 => {
            let date = Date::new(num(y)? as i32, num(m)? as u8, num(d)? as u8).ok_or_else(err)?;
            Ok((date, date))
        }
        _ => Err(err()),
    }
}

impl FromStr for Date {
    type Err = DateParseError;
    /// Parses `YYYY-MM-DD` (a shorter form gives its first day).
    fn from_str(s: &str) -> Result<Date, DateParseError> {
        parse_date_range(s).map(|(start, _)| start)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // every stored date mention is written this way: skip the formatting
        // machinery for the common four-digit year
        match self.iso_bytes() {
            Some(b) => s.serialize_str(std::str::from_utf8(&b).unwrap_or_default()),
            None => s.collect_str(self),
        }
    }
}

impl Date {
    /// `YYYY-MM-DD` as bytes, for years 0 to 9999 (what `Display` writes for them).
    fn iso_bytes(&self) -> Option<[u8; 10]> {
        let y = u16::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        let digit = |n: u16| b'0' + (n % 10) as u8;
        let (m, d) = (u16::from(self.month), u16::from(self.day));
        if m > 99 || d > 99 {
            return None;
        }
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ])
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        let (start, end) = parse_date_range(&s).map_err(serde::de::Error::custom)?;
        if start != end && s.len() == 10 {
            return Err(serde::de::Error::custom(format!("invalid date '{s}'")));
        }
        Ok(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialised_as_displayed() {
        for (year, month, day) in [
            (2015, 2, 17),
            (1999, 12, 31),
            (5, 1, 9),
            (0, 1, 1),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-44, 3, 15),
        ] {
            let d = Date { year, month, day };
            let json = serde_json::to_string(&d).unwrap_or_default();
            assert_eq!(json, format!("\"{d}\""));
        }
    }

    #[test]
    fn epoch_round_trip_across_centuries() {
        for days in [-800_000i64, -1, 0, 1, 16_483, 20_000, 2_000_000] {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(
            Date::new(2015, 2, 17).map(|d| d.to_string()).as_deref(),
            Some("2015-02-17")
        );
        assert_eq!(Date::new(1970, 1, 1).map(|d| d.days_since_epoch()), Some(0));
    }

    #[test]
    fn month_ends_know_leap_years() {
        assert_eq!(Date::month_end(2016, 2).map(|d| d.day), Some(29));
        assert_eq!(Date::month_end(1900, 2).map(|d| d.day), Some(28));
        assert_eq!(Date::month_end(2000, 2).map(|d| d.day), Some(29));
        assert_eq!(Date::month_end(2015, 6).map(|d| d.day), Some(30));
        assert!(Date::new(2015, 6, 31).is_none());
        assert!(Date::new(2015, 13, 1).is_none());
    }

    #[test]
    fn flag_ranges_cover_whole_periods() {
        let (s, e) = parse_date_range("2015-06").expect("valid");
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2015-06-01".into(), "2015-06-30".into())
        );
        let (s, e) = parse_date_range("2018").expect("valid");
        assert_eq!(
            (s.to_string(), e.to_string()),
            ("2018-01-01".into(), "2018-12-31".into())
        );
        assert!(parse_date_range("June 2015").is_err());
        assert!(parse_date_range("2015-02-30").is_err());
    }
}
