//! Forms found by rule rather than listed: British and American spellings
//! ("mobilisation" = "mobilization") and treaty articles in Arabic and Roman
//! numerals ("Article 9" = "Article IX").

use super::{Concept, Form, Source};

/// Word endings spelt differently in British and American English, both ways.
const SPELLINGS: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("centre", "center"),
    ("centres", "centers"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("defence", "defense"),
    ("labour", "labor"),
    ("favour", "favor"),
    ("behaviour", "behavior"),
];

/// Words ending in "-ise" that are no verb in "-ize" in either spelling
/// ("promise" is never "promize"): a made-up form matches nothing, but the word
/// then counted as one the vocabulary knows (no proximity beside another).
const NOT_IZE: &[&str] = &[
    "advertise",
    "apprise",
    "chastise",
    "circumcise",
    "comprise",
    "compromise",
    "concise",
    "despise",
    "disguise",
    "enterprise",
    "exercise",
    "expertise",
    "franchise",
    "improvise",
    "likewise",
    "merchandise",
    "otherwise",
    "paradise",
    "precise",
    "premise",
    "promise",
    "reprise",
    "supervise",
    "surmise",
    "surprise",
    "televise",
    "treatise",
];

/// The other spelling of one word ("mobilisation" -> "mobilization").
pub(super) fn spelling_forms(words: &[&str]) -> Option<Concept> {
    let [word] = words else {
        return None;
    };
    let lower = word.to_lowercase();
    // longest ending first, so "isations" is not read as "ise"
    let mut pairs: Vec<(&str, &str)> = SPELLINGS
        .iter()
        .flat_map(|&(a, b)| [(a, b), (b, a)])
        .collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    let other = pairs.iter().find_map(|(from, to)| {
        let stem = lower.strip_suffix(from)?;
        if from.starts_with("is") && NOT_IZE.contains(&format!("{stem}ise").as_str()) {
            return None;
        }
        // "rise", "wise", "size": too short to be a spelling variant
        (stem.len() >= 4 || (stem.is_empty() && from.len() >= 5)).then(|| format!("{stem}{to}"))
    })?;
    Some(Concept {
        typed: (*word).to_string(),
        forms: vec![Form {
            text: other,
            weight: 1.0,
        }],
        sources: vec![Source::Spelling],
    })
}

/// "Article 9" <-> "Article IX" (1 to 50, also "Art." and "Articles").
pub(super) fn article_forms(words: &[&str]) -> Option<Concept> {
    let [first, number] = words else {
        return None;
    };
    let head = first.trim_end_matches('.').to_lowercase();
    if !matches!(head.as_str(), "article" | "articles" | "art") {
        return None;
    }
    let (arabic, roman) = match number.parse::<u32>() {
        Ok(n) if (1..=50).contains(&n) => (n, to_roman(n)),
        Ok(_) => return None,
        Err(_) => {
            let n = from_roman(number)?;
            (n, to_roman(n))
        }
    };
    let forms = [format!("Article {arabic}"), format!("Article {roman}")]
        .into_iter()
        .filter(|f| !f.eq_ignore_ascii_case(&format!("article {number}")))
        .map(|text| Form { text, weight: 1.0 })
        .collect();
    Some(Concept {
        typed: words.join(" "),
        forms,
        sources: vec![Source::Article],
    })
}

fn to_roman(mut n: u32) -> String {
    let table = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// A Roman numeral from 1 to 50 in its canonical form, any case.
fn from_roman(s: &str) -> Option<u32> {
    let upper = s.to_ascii_uppercase();
    if upper.is_empty() || !upper.chars().all(|c| "IVXL".contains(c)) {
        return None;
    }
    (1..=50).find(|&n| to_roman(n) == upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_and_american_spellings() {
        let f = |w: &str| spelling_forms(&[w]).map(|c| c.forms[0].text.clone());
        assert_eq!(f("mobilisation").as_deref(), Some("mobilization"));
        assert_eq!(f("Organizations").as_deref(), Some("organisations"));
        assert_eq!(f("programme").as_deref(), Some("program"));
        assert_eq!(f("rise"), None);
        assert_eq!(f("mine"), None);
        assert_eq!(f("prioritised").as_deref(), Some("prioritized"));
        // "-ise" that no spelling writes "-ize"
        assert_eq!(f("promised"), None);
        assert_eq!(f("Compromise"), None);
        assert_eq!(f("exercising"), None);
    }

    #[test]
    fn articles_in_both_numerals() {
        let c = article_forms(&["Article", "9"]).map(|c| c.forms);
        assert_eq!(
            c.map(|f| f.into_iter().map(|f| f.text).collect::<Vec<_>>()),
            Some(vec!["Article IX".to_string()])
        );
        let c = article_forms(&["article", "iv"]).map(|c| c.forms.len());
        assert_eq!(c, Some(1), "Article 4");
        assert!(article_forms(&["Article", "51"]).is_none());
        assert!(article_forms(&["Article", "IIII"]).is_none());
        assert!(article_forms(&["mine", "9"]).is_none());
        assert_eq!(to_roman(44), "XLIV");
        assert_eq!(from_roman("xlix"), Some(49));
    }
}
