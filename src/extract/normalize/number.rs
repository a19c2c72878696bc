//! The `number` and `percent` normalisers: "1,500", "2.5 million", "twelve", "82%",
//! "12.5 per cent".

const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
];

/// The first number in `text`, digits (with thousands separators) or an English
/// number word, times a following "thousand/million/billion".
pub fn parse_number(text: &str) -> Result<f64, String> {
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let clean: String = w
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let lower = w.to_lowercase();
        let base = if clean.chars().any(|c| c.is_ascii_digit()) {
            let mut digits = clean.replace(',', "");
            // a group of three digits after a space continues the number ("1 500")
            while let Some(next) = words.peek() {
                if next.len() == 3 && next.chars().all(|c| c.is_ascii_digit()) {
                    digits.push_str(next);
                    words.next();
                } else {
                    break;
                }
            }
            digits
                .trim_end_matches('.')
                .parse::<f64>()
                .map_err(|_| format!("'{w}' is not a number"))?
        } else if let Some((_, v)) = SMALL
            .iter()
            .find(|(n, _)| lower.trim_matches(|c: char| !c.is_alphabetic()) == *n)
        {
            *v
        } else {
            continue;
        };
        let scale = match words
            .peek()
            .map(|s| s.to_lowercase())
            .as_deref()
            .map(|s| s.trim_matches(|c: char| !c.is_alphabetic()).to_string())
            .as_deref()
        {
            Some("thousand") => 1e3,
            Some("million") => 1e6,
            Some("billion") => 1e9,
            _ => 1.0,
        };
        return Ok(base * scale);
    }
    Err(format!("no number in '{text}'"))
}

/// A percentage: "82%", "12.5 per cent", "ten percent".
pub fn parse_percent(text: &str) -> Result<f64, String> {
    let lower = text.to_lowercase();
    if !(lower.contains('%') || lower.contains("per cent") || lower.contains("percent")) {
        return Err(format!("'{text}' has no % sign or 'per cent'"));
    }
    parse_number(&lower.replace('%', " %"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(parse_number("1,500"), Ok(1500.0));
        assert_eq!(parse_number("1 500 000 people"), Ok(1_500_000.0));
        assert_eq!(parse_number("2.5 million"), Ok(2_500_000.0));
        assert_eq!(parse_number("eight States Parties"), Ok(8.0));
        assert!(parse_number("none").is_err());
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("82%"), Ok(82.0));
        assert_eq!(parse_percent("12.5 per cent"), Ok(12.5));
        assert!(parse_percent("82").is_err());
    }
}
