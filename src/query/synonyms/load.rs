//! Reading a synonym table: the names of the gazetteers of the state and
//! organisation rule files, and the vocabulary groups of the synonyms file,
//! with the problems `rules check` reports by line.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use tantivy::tokenizer::TextAnalyzer;

use super::{
    defined, is_stop_word, lower_words, tokens, Group, Source, SynonymError, Synonyms,
    ALIAS_WEIGHT, SYNONYMS_FILE, SYNONYM_WEIGHT,
};
use crate::index::text_analyzer::FusedAnalyzer;

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

/// Whether an alias must be typed as written: an ISO code, or an all-capitals
/// acronym that is also a word in lower case ("US", "WHO", "IT").
fn typed_as_written(form: &str, is_iso: bool) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters > 0 && form.chars().all(|c| !c.is_lowercase());
    is_iso || (caps && (letters <= 2 || is_stop_word(form)))
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
