//! What each rule of a rule set is, rule by rule, and what text any of its
//! matches needs: what an incremental re-extraction compares between the rules
//! an index was built with and the rules of now.
//!
//! A rule set is cut into parts:
//! - every pattern rule, by name: its definition as written (macros not
//!   expanded) and its pattern as compiled;
//! - every gazetteer, by name: its header (entity, priority, emit) and each
//!   entry (canonical name, aliases, adjectives, attributes);
//! - everything else in one fingerprint: macros, settings, `[defaults]`,
//!   sentence rules, metadata rules and the agendex version. A change there may
//!   touch any record.
//!
//! Why a record whose text holds none of a changed part's *literals* cannot
//! change: a pattern rule is run on units, and every unit is a slice of the
//! record's text; `regex-syntax` gives a finite set of literals one of which
//! starts (or ends) every match of the pattern, so a record holding none has no
//! match of the rule, old or new. A gazetteer entry matches its aliases and
//! adjectives (or their variants) and nothing else, and the macro a gazetteer
//! defines is the alternation of its aliases: a branch whose text is absent
//! (compared ignoring case, which covers case-insensitive rules) never matches,
//! and a never-matching branch changes no leftmost-first match. Everything else
//! extraction does (overlaps, acronyms, surnames, statements) is within one
//! record and starts from such matches.

use std::collections::BTreeMap;

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use serde::{Deserialize, Serialize};

use super::rule_file::LoadedFile;

/// One pattern rule, as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternPart {
    /// Hash of the definition as written (with the file's `[defaults]`).
    pub definition: String,
    /// The pattern as compiled (macros expanded).
    pub expanded: String,
    /// Compiled ignoring case.
    pub case_insensitive: bool,
}

/// One gazetteer, as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteerPart {
    /// Hash of name, entity, priority and emit.
    pub header: String,
    /// Each entry: hash of its definition, and the texts it matches.
    pub entries: Vec<EntryPart>,
}

/// One gazetteer entry, as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryPart {
    /// Hash of its definition.
    pub definition: String,
    /// Aliases and adjectives with their variants (capitals, apostrophes).
    pub texts: Vec<String>,
}

/// A rule set cut into parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInventory {
    /// Hash of everything that is not a pattern rule or a gazetteer.
    pub global: String,
    /// Names of the rules and gazetteers in rule-set order (ties in overlaps
    /// follow it).
    pub order: Vec<String>,
    /// Pattern rules by name.
    pub patterns: BTreeMap<String, PatternPart>,
    /// Gazetteers by name.
    pub gazetteers: BTreeMap<String, GazetteerPart>,
}

/// What may differ in the records between two rule sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleChange {
    /// No rule changed (comments, examples of nothing, other files).
    Nothing,
    /// Only records holding one of these texts may change.
    Texts {
        /// Byte strings compared as they are.
        exact: Vec<Vec<u8>>,
        /// Texts compared ignoring case (gazetteer aliases).
        any_case: Vec<String>,
        /// What changed, e.g. "1 gazetteer entry (organisations)".
        summary: String,
    },
    /// Any record may change: why.
    Everything(String),
}

fn hash(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(b"\0");
    }
    h.finalize().to_hex()[..24].to_string()
}

/// `{:?}` of a definition without the byte spans of its fields: moving a rule
/// in its file is not changing it.
fn without_spans(debug: String) -> String {
    static SPAN: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"span: \d+\.\.\d+, ").ok());
    match SPAN.as_ref() {
        Some(re) => re.replace_all(&debug, "").into_owned(),
        None => debug,
    }
}

/// The texts a gazetteer alias or adjective is matched as.
fn variants(alias: &str) -> Vec<String> {
    let mut v = vec![alias.to_string(), alias.to_uppercase()];
    let swapped: Vec<String> = v
        .iter()
        .flat_map(|a| [a.replace('\'', "’"), a.replace('’', "'")])
        .collect();
    v.extend(swapped);
    v.retain(|s| !s.trim().is_empty());
    v.sort();
    v.dedup();
    v
}

impl RuleInventory {
    /// The parts of the rule files `files` (in rule-set order); the compiled
    /// patterns are filled in by [`RuleInventory::set_expanded`] once compiled.
    pub fn build(files: &[LoadedFile]) -> RuleInventory {
        let mut inv = RuleInventory::default();
        let mut global = vec![format!("agendex {}", env!("CARGO_PKG_VERSION"))];
        for f in files {
            let file = &f.file;
            // only what a file holds counts: a new file of rules alone is no global change
            if !file.macros.is_empty() {
                let macros: Vec<(&String, &String)> =
                    file.macros.iter().map(|(k, v)| (k, v.get_ref())).collect();
                global.push(format!("macros {macros:?}"));
            }
            if file.settings.is_some() {
                global.push(format!("settings {:?}", file.settings));
            }
            let defaults = without_spans(format!("{:?}", file.defaults));
            if file.defaults.is_some() {
                global.push(format!("defaults {defaults}"));
            }
            if !file.statement.is_empty() {
                global.push(without_spans(format!("statements {:?}", file.statement)));
            }
            if !file.meta.is_empty() {
                global.push(without_spans(format!("meta {:?}", file.meta)));
            }
            // the roles vocabulary is read by every sentence's role analysis
            if let Some(roles) = &file.roles {
                global.push(without_spans(format!("roles {:?}", roles.get_ref())));
            }
            if let Some(g) = &file.gazetteer {
                let g = g.get_ref();
                let name = g.name.get_ref().clone();
                let entries = g
                    .entry
                    .iter()
                    .map(|e| {
                        let mut texts: Vec<String> = e
                            .aliases
                            .iter()
                            .chain(&e.adjectives)
                            .flat_map(|a| variants(a))
                            .collect();
                        if e.aliases.is_empty() {
                            texts.extend(variants(&e.canonical));
                        }
                        texts.sort();
                        texts.dedup();
                        EntryPart {
                            definition: hash(&[&format!("{e:?}")]),
                            texts,
                        }
                    })
                    .collect();
                let header = hash(&[
                    &name,
                    &g.entity,
                    &g.priority.to_string(),
                    &g.emit.to_string(),
                ]);
                inv.order.push(name.clone());
                inv.gazetteers
                    .insert(name, GazetteerPart { header, entries });
            }
            for r in &file.rule {
                let r = r.get_ref();
                let name = r.name.get_ref().clone();
                // the file's defaults are part of what the rule is
                let definition = hash(&[&without_spans(format!("{r:?}")), &defaults]);
                inv.order.push(name.clone());
                inv.patterns.insert(
                    name.clone(),
                    PatternPart {
                        definition,
                        expanded: String::new(),
                        case_insensitive: r.case_insensitive,
                    },
                );
            }
            for s in &file.statement {
                inv.order.push(s.get_ref().name.get_ref().clone());
            }
        }
        let refs: Vec<&str> = global.iter().map(String::as_str).collect();
        inv.global = hash(&refs);
        inv
    }

    /// Records the compiled pattern of rule `name`.
    pub fn set_expanded(&mut self, name: &str, pattern: &str) {
        if let Some(p) = self.patterns.get_mut(name) {
            p.expanded = pattern.to_string();
        }
    }

    /// What may differ between records extracted with `self` (the old rules)
    /// and with `new`.
    pub fn change_to(&self, new: &RuleInventory) -> RuleChange {
        if self.global != new.global {
            return RuleChange::Everything(
                "macros, settings, defaults, sentence or metadata rules changed".into(),
            );
        }
        // rules present in both must keep their relative order (overlap ties)
        let common_old: Vec<&String> = self
            .order
            .iter()
            .filter(|n| new.order.contains(n))
            .collect();
        let common_new: Vec<&String> = new
            .order
            .iter()
            .filter(|n| self.order.contains(n))
            .collect();
        if common_old != common_new {
            return RuleChange::Everything("rules were reordered".into());
        }
        let mut exact: Vec<Vec<u8>> = Vec::new();
        let mut any_case: Vec<String> = Vec::new();
        let mut what: BTreeMap<String, usize> = BTreeMap::new();

        let names: std::collections::BTreeSet<&String> =
            self.patterns.keys().chain(new.patterns.keys()).collect();
        for name in names {
            let (old, now) = (self.patterns.get(name), new.patterns.get(name));
            // the same definition with the same macros is the same rule (a
            // gazetteer's macro changes with its entries, whose texts count below)
            let same = |a: &PatternPart, b: &PatternPart| {
                a.definition == b.definition && a.case_insensitive == b.case_insensitive
            };
            if old.zip(now).is_some_and(|(a, b)| same(a, b)) {
                continue;
            }
            for p in [old, now].into_iter().flatten() {
                match required_literals(&p.expanded, p.case_insensitive) {
                    Some(lits) => exact.extend(lits),
                    None => {
                        return RuleChange::Everything(format!(
                            "pattern rule '{name}' changed and a match of it needs no fixed text"
                        ))
                    }
                }
            }
            *what.entry(format!("pattern rule ({name})")).or_default() += 1;
        }

        let names: std::collections::BTreeSet<&String> = self
            .gazetteers
            .keys()
            .chain(new.gazetteers.keys())
            .collect();
        for name in names {
            let (old, now) = (self.gazetteers.get(name), new.gazetteers.get(name));
            match (old, now) {
                (Some(o), Some(n)) if o == n => {}
                (Some(o), Some(n)) if o.header == n.header => {
                    // entries compared as multisets, by definition
                    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
                    for e in &o.entries {
                        *count.entry(&e.definition).or_default() += 1;
                    }
                    for e in &n.entries {
                        *count.entry(&e.definition).or_default() -= 1;
                    }
                    let changed: Vec<&EntryPart> = o
                        .entries
                        .iter()
                        .chain(&n.entries)
                        .filter(|e| count.get(e.definition.as_str()).is_some_and(|&c| c != 0))
                        .collect();
                    let kept = |es: &[EntryPart]| -> Vec<String> {
                        es.iter()
                            .filter(|e| count.get(e.definition.as_str()) == Some(&0))
                            .map(|e| e.definition.clone())
                            .collect()
                    };
                    if kept(&o.entries) != kept(&n.entries) {
                        return RuleChange::Everything(format!(
                            "entries of gazetteer '{name}' were reordered"
                        ));
                    }
                    for e in &changed {
                        any_case.extend(e.texts.iter().cloned());
                    }
                    let gone: i64 = count.values().filter(|&&c| c > 0).sum();
                    let came: i64 = -count.values().filter(|&&c| c < 0).sum::<i64>();
                    let n_changed = gone.max(came).max(1) as usize;
                    *what.entry(format!("gazetteer entry ({name})")).or_default() += n_changed;
                }
                _ => {
                    for g in [old, now].into_iter().flatten() {
                        for e in &g.entries {
                            any_case.extend(e.texts.iter().cloned());
                        }
                    }
                    *what.entry(format!("gazetteer ({name})")).or_default() += 1;
                }
            }
        }
        if what.is_empty() {
            return RuleChange::Nothing;
        }
        exact.sort();
        exact.dedup();
        any_case.sort();
        any_case.dedup();
        let summary = what
            .iter()
            .map(|(k, n)| {
                let (kind, detail) = k.split_once(" (").unwrap_or((k, ""));
                let kind = match (*n, kind.strip_suffix('y')) {
                    (1, _) => kind.to_string(),
                    (_, Some(stem)) => format!("{stem}ies"),
                    _ => format!("{kind}s"),
                };
                format!("{n} {kind} ({detail}")
            })
            .collect::<Vec<_>>()
            .join(", ");
        RuleChange::Texts {
            exact,
            any_case,
            summary,
        }
    }
}

/// Literals one of which every match of `pattern` (compiled with `ci`)
/// contains: of the parts every match is made of (the pattern itself, the
/// mandatory pieces of a sequence, recursively), the finite prefix or suffix
/// set of literals of at least four bytes with the fewest literals; `None`
/// when no part has a finite set of non-empty texts.
pub fn required_literals(pattern: &str, ci: bool) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ci)
        .build()
        .parse(pattern)
        .ok()?;
    let mut parts = Vec::new();
    mandatory_parts(&hir, &mut parts);
    let mut best: Option<Vec<Vec<u8>>> = None;
    let score = |l: &Vec<Vec<u8>>| {
        let shortest = l.iter().map(Vec::len).min().unwrap_or(0);
        // four bytes are already rare enough; then fewer literals (a
        // case-insensitive word is many) and only then longer ones
        (shortest.min(4), std::cmp::Reverse(l.len()), shortest)
    };
    for part in parts {
        for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
            let mut ex = Extractor::new();
            ex.kind(kind);
            let Some(lits) = usable(ex.extract(part)) else {
                continue;
            };
            if best.as_ref().is_none_or(|b| score(&lits) > score(b)) {
                best = Some(lits);
            }
        }
    }
    // kept as bytes: a literal cut inside a character (a length limit) is
    // still a byte string every match holds
    best
}

/// `seq` as literals, when finite and none is empty.
fn usable(seq: Seq) -> Option<Vec<Vec<u8>>> {
    let lits = seq.literals()?;
    if lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// `hir` and the sub-expressions every match of it contains a match of.
fn mandatory_parts<'a>(hir: &'a regex_syntax::hir::Hir, out: &mut Vec<&'a regex_syntax::hir::Hir>) {
    use regex_syntax::hir::HirKind;
    out.push(hir);
    match hir.kind() {
        HirKind::Concat(children) => {
            for c in children {
                mandatory_parts(c, out);
            }
        }
        HirKind::Capture(c) => mandatory_parts(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => mandatory_parts(&r.sub, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_start_or_end_every_match() {
        assert_eq!(
            required_literals(r"(?:Chatham|Royal) House", false),
            Some(vec![b" House".to_vec()])
        );
        // a digit prefix is worse than the month suffix
        let lits = required_literals(r"\d{1,2} (?:June|July)", false).expect("finite");
        let has = |l: &[u8], w: &[u8]| l.windows(w.len()).any(|x| x == w);
        assert!(
            lits.iter().all(|l| has(l, b"June") || has(l, b"July")),
            "{lits:?}"
        );
        assert_eq!(required_literals(r"\w+", false), None);
        assert_eq!(required_literals(r"a?", false), None);
        let ci = required_literals("ab", true).expect("finite");
        assert_eq!(ci.len(), 4, "{ci:?}");
    }

    fn inventory(files: &[(&str, &str)]) -> RuleInventory {
        match crate::extract::RuleSet::from_sources(files) {
            Ok(r) => r.inventory().clone(),
            Err(e) => panic!("{e}"),
        }
    }

    const ORGS: &str = r#"
[gazetteer]
name = "orgs"
entity = "organisation"
[[gazetteer.entry]]
canonical = "UNDP"
aliases = ["UNDP"]
"#;
    const DATES: &str = r#"
[macros]
MONTH = '''(?:June|July)'''
[[rule]]
name = "month-year"
entity = "date"
pattern = '''{MONTH} 20\d\d'''
[[rule]]
name = "next-year"
entity = "date"
pattern = '''next year'''
"#;

    fn texts(c: RuleChange) -> (Vec<Vec<u8>>, Vec<String>, String) {
        match c {
            RuleChange::Texts {
                exact,
                any_case,
                summary,
            } => (exact, any_case, summary),
            other => panic!("not a selective change: {other:?}"),
        }
    }

    #[test]
    fn each_kind_of_edit_gives_its_texts_or_everything() {
        let old = inventory(&[("a.toml", ORGS), ("b.toml", DATES)]);
        // comments are no change
        let same = inventory(&[("a.toml", &format!("# note\n{ORGS}")), ("b.toml", DATES)]);
        assert_eq!(old.change_to(&same), RuleChange::Nothing);
        // an entry: its aliases, any case
        let more = format!("{ORGS}[[gazetteer.entry]]\ncanonical = \"Chatham House\"\n");
        let (exact, any_case, summary) =
            texts(old.change_to(&inventory(&[("a.toml", &more), ("b.toml", DATES)])));
        assert!(exact.is_empty());
        assert_eq!(any_case, ["CHATHAM HOUSE", "Chatham House"]);
        assert_eq!(summary, "1 gazetteer entry (orgs)");
        // a pattern: what its old and new matches start or end with
        let edited = DATES.replace("next year", "(?:next|last) year");
        // every new match holds " year" (one text rather than two)
        let (exact, any_case, summary) =
            texts(old.change_to(&inventory(&[("a.toml", ORGS), ("b.toml", &edited)])));
        assert_eq!(exact, [b" year".to_vec(), b"next year".to_vec()]);
        assert!(any_case.is_empty());
        assert_eq!(summary, "1 pattern rule (next-year)");
        // a macro: everything
        let macro_edit = DATES.replace("June|July", "June|July|August");
        assert!(matches!(
            old.change_to(&inventory(&[("a.toml", ORGS), ("b.toml", &macro_edit)])),
            RuleChange::Everything(_)
        ));
        // the roles vocabulary: everything
        let roles = format!("{ORGS}[roles]\nspeech_verbs = [\"opined\"]\n");
        assert!(matches!(
            old.change_to(&inventory(&[("a.toml", &roles), ("b.toml", DATES)])),
            RuleChange::Everything(_)
        ));
        // rules swapped: overlap ties may move, everything
        let swapped = inventory(&[("a.toml", DATES), ("b.toml", ORGS)]);
        assert!(matches!(old.change_to(&swapped), RuleChange::Everything(_)));
    }

    #[test]
    fn variants_cover_capitals_and_apostrophes() {
        let v = variants("Côte d'Ivoire");
        assert!(v.contains(&"CÔTE D'IVOIRE".to_string()));
        assert!(v.contains(&"Côte d’Ivoire".to_string()));
    }
}
