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
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::index::text_analyzer::FusedAnalyzer;

pub mod defined;
mod variants;

use variants::{article_forms, spelling_forms};

/// The file of domain vocabulary in the rules folder. It is not a rule file: the
/// rule loader leaves it to this module.
pub const SYNONYMS_FILE: &str = "synonyms.toml";

/// Whether `path` is the synonyms file (which the rule loader skips).
pub fn is_synonyms_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == SYNONYMS_FILE)
}

/// Weight of another form of the same name (an alias, an ISO code): nearly the
/// words typed.
pub const ALIAS_WEIGHT: f32 = 0.9;
/// Default weight of a vocabulary synonym: a related word, worth less than the
/// word typed.
pub const SYNONYM_WEIGHT: f32 = 0.6;
/// Longest name or term looked up, in words.
const MAX_WORDS: usize = 10;

/// English words too common to help ranking: dropped from free text (kept inside
/// phrases, and when a query has nothing else).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "may", "more", "most", "no", "not", "of",
    "on", "or", "our", "she", "should", "so", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "too", "us", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "you", "your",
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

/// `synonyms.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(default)]
    group: Vec<VocabularyGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyGroup {
    name: String,
    words: Vec<String>,
    #[serde(default)]
    weight: Option<f32>,
    /// Gazetteer kinds whose every entry is also a form of the group
    /// ("peace_operation": UNTAC, UNPROFOR, ... for "peacekeepers").
    #[serde(default)]
    kinds: Vec<String>,
    /// The body (the `body` field of `metadata.toml`) whose records the group
    /// names: a treaty typed by any of its names ranks its own records first.
    #[serde(default)]
    body: Option<String>,
}

/// The parts of a rule file a synonym table needs (everything else ignored).
#[derive(Debug, Deserialize)]
struct GazetteerFile {
    gazetteer: Option<GazetteerPart>,
}

#[derive(Debug, Deserialize)]
struct GazetteerPart {
    entity: String,
    #[serde(default = "yes")]
    emit: bool,
    #[serde(default)]
    entry: Vec<EntryPart>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
struct EntryPart {
    canonical: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    iso3: Option<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    kind: Option<String>,
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

/// Whether an alias must be typed as written: an ISO code, or an all-capitals
/// acronym that is also a word in lower case ("US", "WHO", "IT").
fn typed_as_written(form: &str, is_iso: bool) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters > 0 && form.chars().all(|c| !c.is_lowercase());
    is_iso || (caps && (letters <= 2 || is_stop_word(form)))
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
    /// Reads the gazetteers of the state and organisation rule files and the
    /// vocabulary of [`SYNONYMS_FILE`] in `rules_dir`. A missing synonyms file is
    /// no error (names still expand); a broken one is.
    pub fn load(rules_dir: &Path) -> Result<Synonyms, Vec<SynonymError>> {
        let mut syn = Synonyms::default();
        let mut errors = Vec::new();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(rules_dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        // the gazetteers first: a vocabulary group may take in a kind of entry
        paths.sort_by_key(|p| p.file_name().is_some_and(|n| n == SYNONYMS_FILE));
        for path in &paths {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == SYNONYMS_FILE) {
                if let Err(e) = syn.add_vocabulary(&text) {
                    errors.push(SynonymError {
                        file: path.clone(),
                        line: e.0,
                        message: e.1,
                    });
                }
            } else if let Ok(file) = toml::from_str::<GazetteerFile>(&text) {
                // rule files are checked by `rules check`; here only names matter
                if let Some(g) = file.gazetteer {
                    syn.add_gazetteer(&g);
                }
            }
        }
        if errors.is_empty() {
            Ok(syn)
        } else {
            Err(errors)
        }
    }

    /// Builds a table from a vocabulary file's text alone (tests, examples).
    pub fn from_vocabulary(text: &str) -> Result<Synonyms, String> {
        let mut syn = Synonyms::default();
        syn.add_vocabulary(text)
            .map_err(|(line, m)| format!("line {line}: {m}"))?;
        Ok(syn)
    }

    /// Number of groups (names and vocabulary).
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    fn add_gazetteer(&mut self, g: &GazetteerPart) {
        if !g.emit || !(g.entity == "state" || g.entity == "organisation") {
            return;
        }
        let mut names = TextAnalyzer::from(FusedAnalyzer::names());
        for e in &g.entry {
            let mut forms: Vec<(String, bool)> = vec![(e.canonical.clone(), false)];
            forms.extend(e.aliases.iter().map(|a| (a.clone(), false)));
            forms.extend(e.full_name.iter().map(|a| (a.clone(), false)));
            forms.extend(e.iso3.iter().map(|a| (a.clone(), true)));
            let id = self.groups.len();
            let mut kept = Vec::new();
            for (form, iso) in forms {
                let key = tokens(&mut names, &form).join(" ");
                if key.is_empty() || kept.contains(&form) {
                    continue;
                }
                let map = if typed_as_written(&form, iso) {
                    self.exact.entry(form.clone()).or_default()
                } else {
                    self.by_name.entry(key).or_default()
                };
                if !map.contains(&id) {
                    map.push(id);
                }
                kept.push(form);
            }
            // "Norwegian" typed finds Norway's names (the adjective itself is
            // searched as typed, not added to the names)
            for adj in &e.adjectives {
                let key = tokens(&mut names, adj).join(" ");
                if !key.is_empty() {
                    self.adjectives.insert(lower_words(adj));
                    let map = self.by_name.entry(key).or_default();
                    if !map.contains(&id) {
                        map.push(id);
                    }
                }
            }
            if let Some(kind) = &e.kind {
                self.kinds
                    .entry(kind.clone())
                    .or_default()
                    .push(e.canonical.clone());
            }
            self.groups.push(Group {
                source: Source::Gazetteer {
                    entity: g.entity.clone(),
                    canonical: e.canonical.clone(),
                },
                forms: kept,
                weight: ALIAS_WEIGHT,
            });
        }
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

    /// Adds the groups of a vocabulary file; `Err((line, message))` when broken.
    fn add_vocabulary(&mut self, text: &str) -> Result<(), (usize, String)> {
        let file: VocabularyFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            (
                line,
                format!(
                    "{} (a group is [[group]] with name = \"...\" and words = [\"...\", ...])",
                    e.message()
                ),
            )
        })?;
        let mut english = TextAnalyzer::from(FusedAnalyzer::english());
        let mut seen_names: Vec<&str> = Vec::new();
        for g in &file.group {
            let line = text
                .find(&format!("\"{}\"", g.name))
                .map(|at| text[..at].matches('\n').count() + 1)
                .unwrap_or(0);
            if seen_names.contains(&g.name.as_str()) {
                return Err((
                    line,
                    format!("group '{}' is defined twice: merge them", g.name),
                ));
            }
            seen_names.push(&g.name);
            if g.words.len() < 2 {
                return Err((
                    line,
                    format!(
                        "group '{}' needs at least two words that mean the same",
                        g.name
                    ),
                ));
            }
            if let Some(w) = g.weight {
                if !(0.0..=1.0).contains(&w) || w == 0.0 {
                    return Err((
                        line,
                        format!(
                            "group '{}': weight {w} must be above 0 and at most 1",
                            g.name
                        ),
                    ));
                }
            }
            let id = self.groups.len();
            for w in &g.words {
                let key = tokens(&mut english, w).join(" ");
                if key.is_empty() {
                    return Err((
                        line,
                        format!("group '{}': '{w}' has no word to search for", g.name),
                    ));
                }
                let words: Vec<&str> = w.split_whitespace().collect();
                if defined::looks_like_name(&words) {
                    self.written_names.insert(key.clone());
                }
                let map = self.by_stem.entry(key).or_default();
                if !map.contains(&id) {
                    map.push(id);
                }
            }
            // the entries of a kind are forms, not keys: "UNTAC" typed is
            // UNTAC, not every peace operation
            let mut forms = g.words.clone();
            for kind in &g.kinds {
                forms.extend(self.kinds.get(kind).into_iter().flatten().cloned());
            }
            if let Some(body) = &g.body {
                self.bodies.insert(g.name.clone(), body.clone());
            }
            self.groups.push(Group {
                source: Source::Vocabulary(g.name.clone()),
                forms,
                weight: g.weight.unwrap_or(SYNONYM_WEIGHT),
            });
        }
        Ok(())
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

/// Checks the synonyms file of a rules folder for `rules check`: the problems, as
/// `file:line: message` lines, or a one-line summary.
pub fn check(rules_dir: &Path) -> Result<String, Vec<SynonymError>> {
    let path = rules_dir.join(SYNONYMS_FILE);
    let syn = Synonyms::load(rules_dir)?;
    let vocabulary = syn
        .groups
        .iter()
        .filter(|g| matches!(g.source, Source::Vocabulary(_)))
        .count();
    if path.is_file() {
        Ok(format!(
            "{}: {vocabulary} synonym groups, {} names from the gazetteers: ok",
            path.display(),
            syn.len() - vocabulary
        ))
    } else {
        Ok(format!(
            "{}: absent (only gazetteer names expand; see rules/README.md)",
            path.display()
        ))
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
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_lookup() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(is_stop_word("The"));
        assert!(!is_stop_word("mine"));
    }

    #[test]
    fn a_group_takes_in_every_entry_of_a_kind_as_forms_not_keys() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            dir.path().join("organisations.toml"),
            "[gazetteer]\nentity = \"organisation\"\n\n[[gazetteer.entry]]\n\
             canonical = \"UNOX\"\nkind = \"peace_operation\"\naliases = [\"UNOX\"]\n\n\
             [[gazetteer.entry]]\ncanonical = \"Fund A\"\nkind = \"fund\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            dir.path().join(SYNONYMS_FILE),
            "[[group]]\nname = \"peacekeepers\"\nwords = [\"peacekeepers\", \"blue helmets\"]\n\
             kinds = [\"peace_operation\"]\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let syn = Synonyms::load(dir.path()).unwrap_or_default();
        let forms: Vec<String> = syn
            .lookup(&["peacekeeping"])
            .map(|c| c.forms.into_iter().map(|f| f.text).collect())
            .unwrap_or_default();
        assert!(forms.contains(&"UNOX".to_string()), "{forms:?}");
        assert!(!forms.contains(&"Fund A".to_string()), "{forms:?}");
        // the mission typed is the mission, not every peace operation
        let unox = syn.lookup(&["UNOX"]).map(|c| c.forms).unwrap_or_default();
        assert!(unox.iter().all(|f| f.text != "peacekeepers"), "{unox:?}");
    }

    #[test]
    fn vocabulary_by_stems_and_errors_by_line() {
        let syn = Synonyms::from_vocabulary(
            "[[group]]\nname = \"money\"\nwords = [\"funding\", \"financing\", \"money\"]\n",
        )
        .unwrap_or_default();
        let c = syn.lookup(&["finance"]).map(|c| c.forms.len());
        assert_eq!(c, Some(2), "'financing' is the word typed");
        let c = syn.lookup(&["funds"]).map(|c| c.forms.len());
        assert_eq!(c, Some(2), "'funds' stems as 'funding' does");
        let e = Synonyms::from_vocabulary("[[group]]\nname = \"x\"\nwords = [\"one\"]\n")
            .err()
            .unwrap_or_default();
        assert!(e.contains("line 2") && e.contains("at least two"), "{e}");
        let e = Synonyms::from_vocabulary("[[group]]\nnme = \"x\"\n")
            .err()
            .unwrap_or_default();
        assert!(e.contains("line 2"), "{e}");
    }
}
