//! Resolves the names users type ("montenegro", "MNE", "USA", "masg") to the
//! canonical names the index stores, and explains unknown names with the closest
//! known ones.
//!
//! Sources, in order: the canonical names present in the index (facets), the
//! gazetteer files of the rules folder (`states.toml`, `organisations.toml`: aliases,
//! ISO3 codes, acronyms, adjectives), and the surface forms stored with the index's
//! own mentions. The gazetteer is optional: an index built elsewhere still resolves
//! what it holds.

use std::collections::BTreeMap;
use std::path::Path;

use tantivy::collector::{FacetCollector, TopDocs};
use tantivy::query::{AllQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::index::schema::{FACET_BODY, FACET_ORGANISATION, FACET_STATE, NAME_ANALYZER};
use crate::index::{IndexError, IndexReader};

/// Most known names listed in full when none is close to an unknown one.
const MAX_LISTED: usize = 12;

/// What kind of name is being resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A state (`--state`).
    State,
    /// An organisation.
    Organisation,
    /// A body or forum (`--body`).
    Body,
}

impl NameKind {
    fn facet_root(self) -> &'static str {
        match self {
            NameKind::State => FACET_STATE,
            NameKind::Organisation => FACET_ORGANISATION,
            NameKind::Body => FACET_BODY,
        }
    }
    fn noun(self) -> &'static str {
        match self {
            NameKind::State => "state",
            NameKind::Organisation => "organisation",
            NameKind::Body => "body",
        }
    }
    fn gazetteer_file(self) -> Option<&'static str> {
        match self {
            NameKind::State => Some("states.toml"),
            NameKind::Organisation => Some("organisations.toml"),
            NameKind::Body => None,
        }
    }
}

/// A name that resolves to nothing known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} '{name}'{}", suggest(.suggestions, .known))]
pub struct UnknownName {
    /// "state", "organisation", "body".
    pub kind: &'static str,
    /// The name as typed.
    pub name: String,
    /// Closest known names, best first.
    pub suggestions: Vec<String>,
    /// How many names of that kind are known.
    pub known: usize,
}

fn suggest(s: &[String], known: &usize) -> String {
    if s.is_empty() {
        if *known == 0 {
            ": the index holds none; check --index, or run `agendex ingest`".into()
        } else {
            String::new()
        }
    } else {
        format!(": did you mean {}?", s.join(", "))
    }
}

/// Case- and accent-insensitive comparison key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            '’' => '\'',
            c => c,
        };
        out.extend(base.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Canonical names of one kind and every alias known for them.
#[derive(Debug, Clone, Default)]
pub struct NameTable {
    /// Canonical names present in the index, with their record counts.
    pub in_index: BTreeMap<String, u64>,
    /// Folded alias -> canonical name (gazetteer and index surface forms).
    aliases: BTreeMap<String, String>,
    /// Patterns that name a canonical value (the body rules of `metadata.toml`:
    /// "Ottawa Convention" -> APMBC).
    patterns: Vec<(regex::Regex, String)>,
}

impl NameTable {
    /// Adds an alias of `canonical`; the first claim on an alias wins.
    pub fn add_alias(&mut self, alias: &str, canonical: &str) {
        let key = fold(alias);
        if !key.is_empty() {
            self.aliases
                .entry(key)
                .or_insert_with(|| canonical.to_string());
        }
    }

    /// The canonical name `typed` denotes, if any is known.
    pub fn lookup(&self, typed: &str) -> Option<String> {
        let key = fold(typed);
        if let Some((name, _)) = self.in_index.iter().find(|(n, _)| fold(n) == key) {
            return Some(name.clone());
        }
        if let Some(found) = self.aliases.get(&key) {
            return Some(found.clone());
        }
        self.patterns
            .iter()
            .find(|(re, _)| re.is_match(typed.trim()))
            .map(|(_, value)| value.clone())
    }

    /// The closest known canonical names to `typed` (at most 3).
    pub fn closest(&self, typed: &str) -> Vec<String> {
        let key = fold(typed);
        let mut scored: Vec<(usize, String)> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let candidates = self
            .in_index
            .keys()
            .map(|n| (fold(n), n.clone()))
            .chain(self.aliases.iter().map(|(a, c)| (a.clone(), c.clone())));
        for (alias, canonical) in candidates {
            let d = edit_distance(&key, &alias);
            let prefix = alias.starts_with(&key) && key.len() >= 3;
            let limit = (key.chars().count() / 3).max(2);
            if (d <= limit || prefix) && seen.insert(canonical.clone()) {
                scored.push((if prefix { 0 } else { d }, canonical));
            }
        }
        scored.sort();
        scored.into_iter().take(3).map(|(_, n)| n).collect()
    }
}

/// Reads the aliases of a gazetteer file (format in TEAM notes / rules/README.md):
/// `canonical`, `aliases`, `adjectives` and the `iso3`/`acronym` attributes of each
/// `[[gazetteer.entry]]`. A missing or unreadable file adds nothing: resolution then
/// relies on the index alone.
pub fn read_gazetteer(path: &Path, table: &mut NameTable) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let Ok(value) = text.parse::<toml::Table>() else {
        return;
    };
    let entries = value
        .get("gazetteer")
        .and_then(|g| g.get("entry"))
        .and_then(|e| e.as_array());
    for entry in entries.into_iter().flatten() {
        let Some(canonical) = entry.get("canonical").and_then(|c| c.as_str()) else {
            continue;
        };
        table.add_alias(canonical, canonical);
        for key in ["iso3", "acronym", "full_name"] {
            if let Some(v) = entry.get(key).and_then(|v| v.as_str()) {
                table.add_alias(v, canonical);
            }
        }
        for key in ["aliases", "adjectives"] {
            let list = entry.get(key).and_then(|v| v.as_array());
            for alias in list.into_iter().flatten().filter_map(|a| a.as_str()) {
                table.add_alias(alias, canonical);
            }
        }
    }
}

/// Reads the `[[meta]]` rules of `field` (e.g. "body") from a metadata rule file:
/// each `pattern` that names a fixed `value` becomes a way to type that value.
/// Patterns that do not compile on their own (macros) are left out.
pub fn read_meta_patterns(path: &Path, field: &str, table: &mut NameTable) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let Ok(value) = text.parse::<toml::Table>() else {
        return;
    };
    let metas = value.get("meta").and_then(|m| m.as_array());
    for meta in metas.into_iter().flatten() {
        if meta.get("field").and_then(|f| f.as_str()) != Some(field) {
            continue;
        }
        let (Some(pattern), Some(val)) = (
            meta.get("pattern").and_then(|p| p.as_str()),
            meta.get("value").and_then(|v| v.as_str()),
        ) else {
            continue;
        };
        if val.contains('$') {
            continue;
        }
        // anchored: the typed name must be the whole match, not contain one
        if let Ok(re) = regex::Regex::new(&format!("^(?:{pattern})$")) {
            table.patterns.push((re, val.to_string()));
        }
        table.add_alias(val, val);
    }
}

/// Builds the table of `kind` names: facets of the index plus the gazetteer in
/// `rules_dir` (when given and present).
pub fn name_table(
    reader: &IndexReader,
    kind: NameKind,
    rules_dir: Option<&Path>,
) -> Result<NameTable, IndexError> {
    let mut table = NameTable::default();
    let root = format!("/{}", kind.facet_root());
    let mut collector = FacetCollector::for_field("facets");
    collector.add_facet(root.as_str());
    let counts = reader
        .searcher()
        .search(&AllQuery, &collector)
        .map_err(|e| reader.err("counting facets", e))?;
    for (facet, count) in counts.get(root.as_str()) {
        if let Some(name) = facet.to_path().last() {
            table.in_index.insert((*name).to_string(), count);
        }
    }
    if let (Some(dir), Some(file)) = (rules_dir, kind.gazetteer_file()) {
        read_gazetteer(&dir.join(file), &mut table);
    }
    if let (Some(dir), NameKind::Body) = (rules_dir, kind) {
        read_meta_patterns(&dir.join("metadata.toml"), "body", &mut table);
    }
    Ok(table)
}

/// Resolves `typed` to a canonical name of `kind`: the table first, then the
/// surface forms stored with the index's mentions ("USA" where the gazetteer is
/// absent), else [`UnknownName`] with suggestions.
pub fn resolve(
    reader: &IndexReader,
    table: &NameTable,
    kind: NameKind,
    typed: &str,
) -> Result<Result<String, UnknownName>, IndexError> {
    if let Some(found) = table.lookup(typed) {
        return Ok(Ok(found));
    }
    if let Some(found) = resolve_from_mentions(reader, kind, typed)? {
        return Ok(Ok(found));
    }
    let mut suggestions = table.closest(typed);
    // with nothing close and few names known (bodies), offer them all
    if suggestions.is_empty() && table.in_index.len() <= MAX_LISTED {
        suggestions = table.in_index.keys().cloned().collect();
    }
    Ok(Err(UnknownName {
        kind: kind.noun(),
        name: typed.to_string(),
        suggestions,
        known: table.in_index.len(),
    }))
}

/// Looks `typed` up in the searchable name field and reads the canonical name off a
/// matching record's stored mentions.
fn resolve_from_mentions(
    reader: &IndexReader,
    kind: NameKind,
    typed: &str,
) -> Result<Option<String>, IndexError> {
    let f = reader.fields();
    let (field, entity) = match kind {
        NameKind::State => (f.state, crate::annotation::STATE),
        NameKind::Organisation => (f.organisation, crate::annotation::ORGANISATION),
        NameKind::Body => return Ok(None),
    };
    let Some(mut analyzer) = reader.index().tokenizers().get(NAME_ANALYZER) else {
        return Ok(None);
    };
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(typed);
    while stream.advance() {
        terms.push(Term::from_field_text(field, &stream.token().text));
    }
    let query: Box<dyn Query> = match terms.len() {
        0 => return Ok(None),
        1 => Box::new(TermQuery::new(
            terms.remove(0),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new(terms)),
    };
    let top = reader
        .searcher()
        .search(&*query, &TopDocs::with_limit(5).order_by_score())
        .map_err(|e| reader.err("resolving a name", e))?;
    let key = fold(typed);
    for (_, addr) in top {
        let rec = reader.record(addr)?;
        for m in rec.mentions.iter().filter(|m| m.entity == entity) {
            let attrs_match = match &m.value {
                crate::model::Value::Name { attrs, .. } => attrs.values().any(|v| fold(v) == key),
                _ => false,
            };
            if fold(&m.text) == key || fold(&m.canonical) == key || attrs_match {
                return Ok(Some(m.canonical.clone()));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_names_resolve_through_metadata_patterns() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("metadata.toml");
        let rules = r#"
[[meta]]
field = "body"
pattern = '''(?i)\bOttawa\s+Convention\b|\bAPMBC\b'''
value = "APMBC"

[[meta]]
field = "place"
pattern = '''(?P<p>Geneva)'''
value = "$p"
"#;
        std::fs::write(&path, rules).expect("write");
        let mut t = NameTable::default();
        read_meta_patterns(&path, "body", &mut t);
        assert_eq!(t.lookup("ottawa convention").as_deref(), Some("APMBC"));
        assert_eq!(t.lookup("apmbc").as_deref(), Some("APMBC"));
        assert_eq!(t.lookup("the Ottawa Convention review"), None);
        assert_eq!(t.lookup("Geneva"), None);
    }

    #[test]
    fn folding_and_distance() {
        assert_eq!(fold("  Côte  d’Ivoire "), "cote d'ivoire");
        assert_eq!(edit_distance("montenegor", "montenegro"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn lookup_by_alias_and_suggestions() {
        let mut t = NameTable::default();
        t.in_index.insert("Montenegro".into(), 2);
        t.in_index.insert("Japan".into(), 5);
        t.add_alias("MNE", "Montenegro");
        assert_eq!(t.lookup("montenegro").as_deref(), Some("Montenegro"));
        assert_eq!(t.lookup("mne").as_deref(), Some("Montenegro"));
        assert_eq!(t.lookup("Mongolia"), None);
        assert_eq!(t.closest("Montenegor"), vec!["Montenegro".to_string()]);
        assert_eq!(t.closest("Japn"), vec!["Japan".to_string()]);
        let err = UnknownName {
            kind: "state",
            name: "Japn".into(),
            suggestions: t.closest("Japn"),
            known: 2,
        };
        assert_eq!(err.to_string(), "unknown state 'Japn': did you mean Japan?");
    }
}
