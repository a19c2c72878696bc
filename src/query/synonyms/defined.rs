//! Acronyms the records define themselves: "the Party of Democratic Kampuchea
//! (PDK)", "international humanitarian law (IHL)". An acronym typed in capitals
//! that neither the gazetteers nor the synonyms file know is looked up in the
//! records that use it, and searched with the full name they give it too, so a
//! section that spells the name out is found as well as one that abbreviates it.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use super::{Concept, Form, Source, ALIAS_WEIGHT};
use crate::index::text_analyzer::FusedAnalyzer;
use crate::index::IndexReader;

/// Records read for the definition: the best matches of the acronym.
const RECORDS_READ: usize = 20;
/// Words before "(ACR)" looked at.
const WORDS_BEFORE: usize = 14;
/// Small words a name may hold between the words its letters come from.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "de", "des", "du", "et", "for", "in", "la", "le", "of", "on", "the", "to",
    "with", "&",
];

/// Whether `word` is written as an acronym: 2 to 8 capitals (digits allowed
/// after the first), with an optional plural "s" ("IDPs").
pub fn looks_like_acronym(word: &str) -> bool {
    let core = word.strip_suffix('s').unwrap_or(word);
    let n = core.chars().count();
    (2..=8).contains(&n)
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The initials an acronym spells, lower case, a plural "s" left out ("MINUSMA"
/// -> m i n u s m a, "NGOs" -> n g o).
fn initials_of(acronym: &str) -> Vec<char> {
    acronym
        .strip_suffix('s')
        .unwrap_or(acronym)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The full names `text` gives `acronym` ("... (ACR)"): the words just before
/// the brackets whose initials spell it, small words between them allowed.
pub fn definitions_in(acronym: &str, text: &str) -> Vec<String> {
    let letters = initials_of(acronym);
    let mut out = Vec::new();
    if letters.len() < 2 {
        return out;
    }
    let marker = format!("({acronym})");
    for (at, _) in text.match_indices(&marker) {
        let words: Vec<&str> = text[..at]
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
            .filter(|w| !w.is_empty())
            .collect();
        let words = &words[words.len().saturating_sub(WORDS_BEFORE)..];
        if let Some(name) = spelled_by(&letters, words) {
            out.push(name);
        }
    }
    out
}

/// The run of words at the end of `words` whose initials spell `letters`
/// (a hyphenated word may give the initials of its parts: "Anti-Personnel").
fn spelled_by(letters: &[char], words: &[&str]) -> Option<String> {
    let mut need = letters.len();
    let mut used: Vec<&str> = Vec::new();
    for w in words.iter().rev() {
        if need == 0 {
            break;
        }
        let lower = w.to_lowercase();
        if !used.is_empty() && MINOR_WORDS.contains(&lower.as_str()) {
            used.push(w);
            continue;
        }
        let parts: Vec<char> = lower.split('-').filter_map(|p| p.chars().next()).collect();
        let first = lower.chars().next()?;
        if parts.len() > 1 && parts.len() <= need && letters[need - parts.len()..need] == parts[..]
        {
            need -= parts.len();
        } else if first == letters[need - 1] {
            need -= 1;
        } else {
            return None;
        }
        used.push(w);
    }
    (need == 0 && used.len() >= 2).then(|| {
        used.reverse();
        used.join(" ")
    })
}

/// The concept of an acronym the records define, searched with the full name
/// most of its definitions give; `None` when no record spells it out.
pub fn defined_acronym(reader: &IndexReader, acronym: &str) -> Option<Concept> {
    if !looks_like_acronym(acronym) {
        return None;
    }
    let mut analyzer = TextAnalyzer::from(FusedAnalyzer::english());
    let mut stream = analyzer.token_stream(acronym);
    let stem = if stream.advance() {
        stream.token().text.clone()
    } else {
        return None;
    };
    let f = reader.fields();
    let q = TermQuery::new(
        Term::from_field_text(f.text, &stem),
        IndexRecordOption::Basic,
    );
    // the most frequent definition
    let best = most_frequent_in_top(reader, &q, |text| {
        definitions_in(acronym, text)
            .into_iter()
            .map(|name| name.to_lowercase())
            .collect()
    })?;
    Some(defined_concept(acronym.to_string(), best))
}

/// Whether `words` read as a name: two or more capitalised words, small words
/// between them allowed ("Party of Democratic Kampuchea").
pub fn looks_like_name(words: &[&str]) -> bool {
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let capitals = words.iter().filter(|w| capital(w)).count();
    capitals >= 2
        && words.first().is_some_and(capital)
        && words.last().is_some_and(capital)
        && words
            .iter()
            .all(|w| capital(w) || MINOR_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The acronyms `text` gives `name` ("Name (ACR)"), as written.
pub fn acronyms_in(name: &str, text: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower_name = words.join(" ").to_ascii_lowercase();
    // ASCII lower case keeps the byte offsets of the text
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices(&lower_name) {
        let rest = &text[at + lower_name.len()..];
        let Some(inner) = rest.trim_start().strip_prefix('(') else {
            continue;
        };
        let Some(end) = inner.find(')') else {
            continue;
        };
        let acronym = &inner[..end];
        if !looks_like_acronym(acronym) {
            continue;
        }
        let letters = initials_of(acronym);
        if letters.len() >= 2 && spelled_by(&letters, &words).is_some_and(|n| n == words.join(" "))
        {
            out.push(acronym.to_string());
        }
    }
    out
}

/// The concept of a name the records give an acronym ("Party of Democratic
/// Kampuchea (PDK)"), searched with the acronym too; `None` when no record
/// defines one for it.
pub fn defined_name(reader: &IndexReader, words: &[&str]) -> Option<Concept> {
    if !looks_like_name(words) {
        return None;
    }
    let name = words.join(" ");
    let f = reader.fields();
    let mut terms = Vec::new();
    {
        let mut analyzer = TextAnalyzer::from(FusedAnalyzer::english());
        let mut stream = analyzer.token_stream(&name);
        while stream.advance() {
            let t = stream.token();
            terms.push((t.position, Term::from_field_text(f.text, &t.text)));
        }
    }
    if terms.len() < 2 {
        return None;
    }
    let first = terms[0].0;
    let terms = terms.into_iter().map(|(p, t)| (p - first, t)).collect();
    let q = tantivy::query::PhraseQuery::new_with_offset(terms);
    let best = most_frequent_in_top(reader, &q, |text| acronyms_in(&name, text))?;
    Some(defined_concept(name, best))
}

/// The most frequent of the strings `found_in` finds in the text of the
/// records that rank first for `q` (at most [`RECORDS_READ`]), the first met
/// on ties.
fn most_frequent_in_top(
    reader: &IndexReader,
    q: &dyn tantivy::query::Query,
    found_in: impl Fn(&str) -> Vec<String>,
) -> Option<String> {
    let f = reader.fields();
    let searcher = reader.searcher();
    let top = searcher
        .search(q, &TopDocs::with_limit(RECORDS_READ).order_by_score())
        .ok()?;
    let mut found: Vec<(String, usize)> = Vec::new();
    for (_, addr) in top {
        let Ok(doc) = searcher.doc::<tantivy::TantivyDocument>(addr) else {
            continue;
        };
        let Some(text) = doc.get_first(f.text).and_then(|v| v.as_str()) else {
            continue;
        };
        for key in found_in(text) {
            match found.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => found.push((key, 1)),
            }
        }
    }
    found
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, (key, _))| key.clone())
}

/// `typed` searched with the one form the records define for it.
fn defined_concept(typed: String, form: String) -> Concept {
    Concept {
        typed,
        forms: vec![Form {
            text: form,
            weight: ALIAS_WEIGHT,
        }],
        sources: vec![Source::Defined],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_is_the_words_whose_initials_spell_the_acronym() {
        let text = "Talks with the Front for the Liberation of the Coast (FLC) stalled. \
                    The FLC later joined; the Joint Monitoring Group (JMG) and the \
                    internally displaced persons (IDPs) were consulted under the \
                    Anti-Personnel Landmine Accord (APLA).";
        assert_eq!(
            definitions_in("FLC", text),
            vec!["Front for the Liberation of the Coast"]
        );
        assert_eq!(definitions_in("JMG", text), vec!["Joint Monitoring Group"]);
        assert_eq!(
            definitions_in("IDPs", text),
            vec!["internally displaced persons"]
        );
        assert_eq!(
            definitions_in("APLA", text),
            vec!["Anti-Personnel Landmine Accord"]
        );
        // brackets that do not follow the name: no definition
        assert!(definitions_in("XYZ", "it was agreed (XYZ) later").is_empty());
    }

    #[test]
    fn a_name_gets_the_acronym_the_text_gives_it() {
        let text = "Talks with the Front for the Liberation of the Coast (FLC) stalled; \
                    the Joint Monitoring Group met (JMG was absent).";
        assert_eq!(
            acronyms_in("Front for the Liberation of the Coast", text),
            vec!["FLC"]
        );
        assert_eq!(
            acronyms_in("front for the liberation of the coast", text),
            vec!["FLC"]
        );
        // brackets that do not spell the name
        assert!(acronyms_in("Joint Monitoring Group", text).is_empty());
        assert!(looks_like_name(&["Party", "of", "Democratic", "Kampuchea"]));
        assert!(!looks_like_name(&["funding", "of", "Kampuchea"]));
        assert!(!looks_like_name(&["Kampuchea"]));
    }

    #[test]
    fn only_capitals_are_taken_for_acronyms() {
        assert!(looks_like_acronym("IHL"));
        assert!(looks_like_acronym("IDPs"));
        assert!(looks_like_acronym("G77"));
        assert!(!looks_like_acronym("laws"));
        assert!(!looks_like_acronym("A"));
        assert!(!looks_like_acronym("Kosovo"));
    }
}
