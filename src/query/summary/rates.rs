//! Exchange rates a user gives (`agendex summary --rates FILE`), to show money
//! totals in US dollars. No network: the file is the only source.
//!
//! The file is CSV, one rate a line: `year,currency,usd_per_unit`
//! (`2019,EUR,1.12`: one euro was worth 1.12 US dollars in 2019). A header line
//! `year,currency,usd_per_unit`, blank lines and `#` comments are allowed. An
//! amount is converted with the rate of its meeting's year; USD needs no rate.

use std::collections::BTreeMap;
use std::path::Path;

use super::{MoneyFact, Summary, Total};

/// USD per unit of a currency, by year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rates {
    by_year: BTreeMap<(i32, String), f64>,
}

impl Rates {
    /// Reads a rates file; the error names the file and line and shows the format.
    pub fn load(path: &Path) -> Result<Rates, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the rates file: {e}", path.display()))?;
        Rates::parse(&text).map_err(|(line, why)| {
            format!(
                "{}:{line}: {why}; each line is `year,currency,usd_per_unit`, such as `2019,EUR,1.12`",
                path.display()
            )
        })
    }

    /// Parses the text of a rates file; the error is (line, reason).
    pub fn parse(text: &str) -> Result<Rates, (usize, String)> {
        let mut by_year = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() || (i == 0 && line.to_lowercase().starts_with("year")) {
                continue;
            }
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let [year, currency, rate] = cells.as_slice() else {
                return Err((i + 1, format!("expected 3 cells, found {}", cells.len())));
            };
            let year: i32 = year
                .parse()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| (i + 1, format!("`{year}` is not a year")))?;
            let currency = currency.to_uppercase();
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err((
                    i + 1,
                    format!("`{currency}` is not an ISO 4217 currency code"),
                ));
            }
            let rate: f64 = rate
                .parse()
                .ok()
                .filter(|r: &f64| r.is_finite() && *r > 0.0)
                .ok_or_else(|| (i + 1, format!("`{rate}` is not a positive number")))?;
            by_year.insert((year, currency), rate);
        }
        Ok(Rates { by_year })
    }

    /// USD per unit of `currency` in `year` (1 for USD).
    pub fn rate(&self, year: i32, currency: &str) -> Option<f64> {
        if currency.eq_ignore_ascii_case("USD") {
            return Some(1.0);
        }
        self.by_year.get(&(year, currency.to_uppercase())).copied()
    }
}

/// Fills the USD column of the summary's totals: a group's USD total when
/// every amount in it has a rate for its year and currency, else the year and
/// currency pairs that have none.
pub fn apply(s: &mut Summary, rates: &Rates) {
    s.usd_column = true;
    for f in &mut s.money {
        let year = f.citation.date.map(|d| d.year);
        f.usd = year
            .and_then(|y| rates.rate(y, &f.currency))
            .map(|r| f.value * r);
    }
    let money = s.money.clone();
    for t in &mut s.totals {
        let kind = t.kind.clone();
        convert(t, money.iter().filter(|f| f.kind == kind), rates);
    }
    for t in &mut s.by_donor {
        let donor = t.donor.clone();
        convert(
            t,
            money.iter().filter(|f| {
                f.kind == "contribution"
                    && f.donor.as_deref().unwrap_or("(unknown donor)")
                        == donor.as_deref().unwrap_or("")
            }),
            rates,
        );
    }
}

fn convert<'a>(t: &mut Total, facts: impl Iterator<Item = &'a MoneyFact>, rates: &Rates) {
    let mut sum = 0.0;
    let mut missing: Vec<String> = Vec::new();
    for f in facts.filter(|f| f.currency == t.currency) {
        let year = f.citation.date.map(|d| d.year);
        match year.and_then(|y| rates.rate(y, &f.currency)) {
            Some(r) => sum += f.value * r,
            None => {
                let key = match year {
                    Some(y) => format!("{y} {}", f.currency),
                    None => format!("undated {}", f.currency),
                };
                if !missing.contains(&key) {
                    missing.push(key);
                }
            }
        }
    }
    t.usd = missing.is_empty().then_some(sum);
    t.no_rate = missing;
}

/// The USD cell of a total's row: the converted total, or which rates are missing.
pub fn usd_cell(t: &Total) -> String {
    match t.usd {
        Some(v) => super::thousands(v.round()),
        None => format!("no rate ({})", t.no_rate.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_files_parse_and_errors_name_the_line() {
        let r = Rates::parse(
            "year,currency,usd_per_unit\n2019,EUR,1.12 # ECB average\n\n2019,chf,1.01\n",
        )
        .expect("parses");
        assert_eq!(r.rate(2019, "EUR"), Some(1.12));
        assert_eq!(r.rate(2019, "CHF"), Some(1.01));
        assert_eq!(r.rate(2020, "EUR"), None);
        assert_eq!(r.rate(1990, "USD"), Some(1.0));
        assert_eq!(Rates::parse("2019,EUR\n").map_err(|e| e.0), Err(1));
        assert_eq!(Rates::parse("\n2019,EURO,1\n").map_err(|e| e.0), Err(2));
        assert_eq!(Rates::parse("2019,EUR,-1\n").map_err(|e| e.0), Err(1));
    }
}
