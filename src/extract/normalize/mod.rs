//! Normalisers: what a rule's match is worth. A rule names one (`normaliser =
//! "money"`); adding a *type* needs no code, adding a *normaliser* does.

pub mod date;
pub mod money;
pub mod number;

use std::collections::BTreeMap;

use crate::date::Date;
use crate::model::Value;

/// The normalisers a rule may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normaliser {
    /// Money: value, currency, range, approximation, rate.
    Money,
    /// A date or date range (`date_range` is accepted as a synonym).
    Date,
    /// A plain number.
    Number,
    /// A percentage.
    Percent,
    /// A name: canonical form (from the rule's `canonical` template) plus attributes.
    Name,
    /// No normalisation: the matched text.
    None,
}

impl Normaliser {
    /// The normaliser called `name` in rule files.
    pub fn from_name(name: &str) -> Option<Normaliser> {
        Some(match name {
            "money" => Normaliser::Money,
            "date" | "date_range" | "date range" => Normaliser::Date,
            "number" => Normaliser::Number,
            "percent" => Normaliser::Percent,
            "name" => Normaliser::Name,
            "none" | "text" => Normaliser::None,
            _ => return None,
        })
    }

    /// Names accepted in rule files, for error messages.
    pub const NAMES: &'static str = "money, date, date_range, number, percent, name, none";

    /// Normalises `text`; `canonical` and `attrs` are the rule's expanded templates.
    pub fn apply(
        self,
        text: &str,
        doc_date: Option<Date>,
        canonical: Option<String>,
        attrs: BTreeMap<String, String>,
    ) -> Result<Value, String> {
        Ok(match self {
            Normaliser::Money => Value::Money(money::parse_money(text)?),
            // a rule may rebuild the date from its parts ("$m $y": the day of a
            // list and the year its last item carries)
            Normaliser::Date => Value::Date(date::parse_date(
                canonical
                    .as_deref()
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or(text),
                doc_date,
            )?),
            Normaliser::Number => Value::Number {
                value: number::parse_number(text)?,
            },
            Normaliser::Percent => Value::Percent {
                value: number::parse_percent(text)?,
            },
            Normaliser::Name => Value::Name {
                canonical: canonical
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| text.to_string()),
                attrs,
            },
            Normaliser::None => Value::Text {
                text: canonical
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| text.to_string()),
            },
        })
    }
}

/// A value rendered for examples and `rules explain`: "14000000 USD",
/// "2015-06-01..2015-06-30 deadline=by", "Japan".
pub fn render_value(v: &Value) -> String {
    match v {
        Value::Name { canonical, .. } => canonical.clone(),
        Value::Money(m) => {
            let mut s = match m.max {
                Some(max) => format!("{}..{} {}", m.value, max, m.currency),
                None => format!("{} {}", m.value, m.currency),
            };
            if let Some(p) = &m.per {
                s.push_str(&format!(" per {p}"));
            }
            if m.approximate {
                s.push_str(" approx");
            }
            s
        }
        Value::Date(d) => {
            let mut s = if d.start == d.end {
                d.start.to_string()
            } else {
                format!("{}..{}", d.start, d.end)
            };
            if let Some(k) = &d.deadline {
                s.push_str(&format!(" deadline={k}"));
            }
            s
        }
        Value::Number { value } => format!("{value}"),
        Value::Percent { value } => format!("{value}%"),
        Value::Text { text } => text.clone(),
    }
}
