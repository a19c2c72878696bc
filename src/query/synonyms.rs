//! Query-time synonyms: what the rules know about names (every alias and ISO3 code
//! of a state, the acronym and full name of an organisation, from the gazetteers
//! of the rules folder) and the domain's vocabulary of `rules/synonyms.toml`
//! (weapons, clearance, victims, money, meetings, treaties), plus treaty articles
//! in Arabic and Roman numerals ("Article 9" = "Article IX").
//!
//! A run of query words that spells one of these names or terms becomes a
//! [`Concept`]: the words as typed, or any of the other forms. Names are looked up
//! without stemming (so "Japanese" is not "Japan"), vocabulary by stems (so
//! "financing" finds the group of "finance").

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::index::text_analyzer::FusedAnalyzer;

pub mod defined;
mod load;
mod variants;

pub use load::check;

use variants::{article_forms, spelling_forms};

/// The vocabulary file's name, and the test the rule loader skips it by: both
/// live with the rule files, which the query side reads, not the other way round.
pub use crate::extract::rule_file::{is_synonyms_file, SYNONYMS_FILE};

/// Weight of another form of the same name (an alias, an ISO code): nearly the
/// words typed.
pub const ALIAS_WEIGHT: f32 = 0.9;
/// Default weight of a vocabulary synonym: a related word, worth less than the
/// word typed.
pub const SYNONYM_WEIGHT: f32 = 0.6;
/// Longest name or term looked up, in words.
const MAX_WORDS: usize = 10;

/// English words too common to help ranking: dropped from free text (kept inside
/// phrases, and when a query has nothing else). "many" and "much" are the
/// question words of a count ("how many victims", "how much was pledged"):
/// searched, they found narrative ("many delegations") instead of figures.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "many", "may", "more", "most", "much", "no",
    "not", "of", "on", "or", "our", "she", "should", "so", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "us", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your",
];

/// Whether `word` (any case) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    STOP_WORDS.binary_search(&lower.as_str()).is_ok()
}

/// Where a group of forms comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A gazetteer entry: entity type ("state", "organisation") and canonical name.
    Gazetteer {
        /// Entity type.
        entity: String,
        /// Canonical name.
        canonical: String,
    },
    /// A group of `synonyms.toml`, by its name.
    Vocabulary(String),
    /// The Arabic/Roman forms of a treaty article.
    Article,
    /// British and American spellings ("mobilisation", "mobilization").
    Spelling,
    /// A compound the records also write as two words ("ceasefire",
    /// "cease-fire").
    Compound,
    /// An acronym the records define themselves ("... Kampuchea (PDK)").
    Defined,
}

/// One form of a concept.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The words.
    pub text: String,
    /// Weight relative to the words typed (1.0).
    pub weight: f32,
}

/// Forms that mean the same thing, found for a run of query words.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The words as typed.
    pub typed: String,
    /// Every other form (the typed one excluded).
    pub forms: Vec<Form>,
    /// Where they come from.
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone)]
struct Group {
    source: Source,
    forms: Vec<String>,
    weight: f32,
}

/// The synonym table of a rules folder.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Group>,
    /// Unstemmed key ("united kingdom") -> groups; names.
    by_name: HashMap<String, Vec<usize>>,
    /// Forms only matched as typed (short acronyms that are also words: "US").
    exact: HashMap<String, Vec<usize>>,
    /// Stemmed key ("financ") -> groups; vocabulary.
    by_stem: HashMap<String, Vec<usize>>,
    /// Adjectives of gazetteer entries, lower case ("norwegian", "cambodian").
    adjectives: std::collections::HashSet<String>,
    /// Canonical names of the gazetteer entries of each kind ("peace_operation").
    kinds: HashMap<String, Vec<String>>,
    /// The body whose records a vocabulary group names, by group name ("mine
    /// ban convention" -> "APMBC").
    bodies: HashMap<String, String>,
    /// Stem keys of the vocabulary forms written as names, in capitalised
    /// words ("Ottawa Treaty"), as opposed to words ("going home").
    written_names: std::collections::HashSet<String>,
}

/// A problem in the synonyms file, as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for SynonymError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The two analyzers a lookup needs, made once per query.
struct Analyzers {
    names: TextAnalyzer,
    english: TextAnalyzer,
}

impl Analyzers {
    fn new() -> Analyzers {
        Analyzers {
            names: TextAnalyzer::from(FusedAnalyzer::names()),
            english: TextAnalyzer::from(FusedAnalyzer::english()),
        }
    }
}

/// Tokens of `text` through an analyzer.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The vocabulary installed for this process (see [`install`]).
static INSTALLED: OnceLock<Arc<Synonyms>> = OnceLock::new();

/// Makes `syn` the vocabulary of the queries that are given none of their own:
/// `entities --query` and `summary --topic` select records with
/// [`crate::query::search::match_query`] and [`installed`]. The first call wins.
pub fn install(syn: Arc<Synonyms>) {
    let _ = INSTALLED.set(syn);
}

/// The vocabulary installed by [`install`], or an empty one (no expansion).
pub fn installed() -> Arc<Synonyms> {
    INSTALLED.get().cloned().unwrap_or_default()
}

impl Synonyms {
    /// Number of groups (names and vocabulary).
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The bodies whose records a concept's vocabulary groups name (a treaty
    /// typed as "Ottawa Treaty": the APMBC's records).
    pub fn bodies_of(&self, concept: &Concept) -> Vec<String> {
        concept
            .sources
            .iter()
            .filter_map(|s| match s {
                Source::Vocabulary(name) => self.bodies.get(name).cloned(),
                _ => None,
            })
            .collect()
    }

    /// Whether `words` spell a vocabulary form written as a name in
    /// capitalised words ("ottawa treaty" typed for "Ottawa Treaty").
    pub fn is_written_name(&self, words: &str) -> bool {
        let mut english = TextAnalyzer::from(FusedAnalyzer::english());
        self.written_names
            .contains(&tokens(&mut english, words).join(" "))
    }

    /// Whether the words are the adjective of a state or organisation
    /// ("Cambodian"), not one of its names: "the Cambodian election" qualifies
    /// a subject where "Cambodia" names what is searched.
    pub fn is_adjective(&self, words: &str) -> bool {
        self.adjectives.contains(&lower_words(words))
    }

    /// The concept spelt by `words` (the whole run), if any: names first, then
    /// vocabulary, then treaty articles.
    pub fn lookup(&self, words: &[&str]) -> Option<Concept> {
        let mut analyzers = Analyzers::new();
        self.lookup_with(&mut analyzers, words)
    }

    fn lookup_with(&self, analyzers: &mut Analyzers, words: &[&str]) -> Option<Concept> {
        let typed = words.join(" ");
        let mut groups: Vec<usize> = Vec::new();
        if let Some(g) = self.exact.get(&typed) {
            groups.extend(g);
        }
        let name_key = tokens(&mut analyzers.names, &typed).join(" ");
        if let Some(g) = self.by_name.get(&name_key) {
            groups.extend(g);
        }
        let english = &mut analyzers.english;
        let stem_key = tokens(english, &typed).join(" ");
        if let Some(g) = self.by_stem.get(&stem_key) {
            groups.extend(g);
        }
        groups.sort_unstable();
        groups.dedup();
        let mut concept = Concept {
            typed: typed.clone(),
            forms: Vec::new(),
            sources: Vec::new(),
        };
        let typed_key = stem_key;
        for id in groups {
            let Some(g) = self.groups.get(id) else {
                continue;
            };
            concept.sources.push(g.source.clone());
            for f in &g.forms {
                let same = tokens(english, f).join(" ") == typed_key;
                if !same && !concept.forms.iter().any(|x| x.text == *f) {
                    concept.forms.push(Form {
                        text: f.clone(),
                        weight: g.weight,
                    });
                }
            }
        }
        if concept.sources.is_empty() {
            return article_forms(words).or_else(|| spelling_forms(words));
        }
        Some(concept)
    }

    /// Splits free-text words into runs: the longest run starting at each word
    /// that spells a concept, else the single word. Returns `(start, len,
    /// concept)` for each run with a concept.
    pub fn find_runs(&self, words: &[&str]) -> Vec<(usize, usize, Concept)> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut analyzers = Analyzers::new();
        while i < words.len() {
            let longest = (1..=MAX_WORDS.min(words.len() - i)).rev().find_map(|n| {
                self.lookup_with(&mut analyzers, &words[i..i + n])
                    .map(|c| (n, c))
            });
            match longest {
                Some((n, c)) => {
                    out.push((i, n, c));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

impl std::fmt::Display for Concept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\"", self.typed)?;
        for form in &self.forms {
            if (form.weight - 1.0).abs() < f32::EPSILON {
                write!(f, " | \"{}\"", form.text)?;
            } else {
                write!(f, " | \"{}\"^{}", form.text, form.weight)?;
            }
        }
        let from: Vec<String> = self
            .sources
            .iter()
            .map(|s| match s {
                Source::Gazetteer { entity, canonical } => format!("{entity} {canonical}"),
                Source::Vocabulary(name) => format!("synonyms.toml [{name}]"),
                Source::Article => "article numerals".into(),
                Source::Spelling => "British/American spelling".into(),
                Source::Compound => "the records' two-word spelling".into(),
                Source::Defined => "the records' own definition".into(),
            })
            .collect();
        write!(f, "  (from {})", from.join("; "))
    }
}

/// Lower case, single spaces.
fn lower_words(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests;
