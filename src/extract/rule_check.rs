//! Validation and compilation of a rules folder: syntax, unknown macros, bad
//! regular expressions, unknown normalisers, duplicate names, all reported as
//! `file:line: message` before anything runs.

use std::collections::{BTreeMap, HashMap};

mod rule_regex;

pub use rule_regex::ascii_word_boundaries;
pub(crate) use rule_regex::build_regex;
use rule_regex::{compile_regex, expand, has_group_m, parse_regex};

use super::context::{self, Context};
use super::gazetteer::{Entry, Gazetteer, GazetteerIndex};
use super::macros::{alternation, Macros};
use super::metadata::MetaRule;
use super::normalize::Normaliser;
use super::pattern_rule::{PatternRule, RuleRegex};
use super::prefilter::PatternSet;
use super::rule_file::{LoadedFile, Settings};
use super::statements::{StatementKindDef, StatementRule};
use super::{RuleError, RuleSet, Source, SourceKind};
use crate::model::StatementKind;

/// Default institution nouns when no `[settings]` names any.
const DEFAULT_NOUNS: &[&str] = &[
    "Mission",
    "Government",
    "Embassy",
    "Delegation",
    "Presidency",
    "Permanent",
    "Ministry",
    "Minister",
    "Ambassador",
    "Armed",
    "Army",
    "Red",
];

/// Compiles loaded files into a rule set, or every problem found.
pub fn compile(files: Vec<LoadedFile>) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors: Vec<RuleError> = Vec::new();
    let mut macros = Macros::default();
    let mut macro_at: HashMap<String, String> = HashMap::new();
    let mut settings = Settings::default();
    let mut hasher = blake3::Hasher::new();

    // pass 1: macros (including one per gazetteer) and settings
    for f in &files {
        hasher.update(
            f.path
                .file_name()
                .map(|n| n.as_encoded_bytes())
                .unwrap_or(b""),
        );
        hasher.update(&[0]);
        hasher.update(f.text.as_bytes());
        hasher.update(&[0]);
        for (name, pat) in &f.file.macros {
            if !name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                || !name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            {
                errors.push(f.error(
                    pat.span(),
                    format!("macro name '{name}' must be upper case (A-Z, 0-9, _), e.g. MONTH"),
                ));
                continue;
            }
            if let Some(prev) = macro_at.get(name) {
                errors.push(f.error(
                    pat.span(),
                    format!("duplicate macro {name} (first defined in {prev})"),
                ));
                continue;
            }
            macro_at.insert(name.clone(), f.path.display().to_string());
            macros.define(name, pat.get_ref().clone());
        }
        if let Some(g) = &f.file.gazetteer {
            let g = g.get_ref();
            let alts = alternation(
                g.entry
                    .iter()
                    .flat_map(|e| e.aliases.iter().map(|s| s.as_str())),
            );
            let alts = if alts.is_empty() {
                r"[^\s\S]".to_string()
            } else {
                alts
            };
            for name in [g.name.get_ref().to_uppercase(), g.entity.to_uppercase()] {
                let name: String = name
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                if !macros.contains(&name) {
                    macros.define(&name, alts.clone());
                }
            }
        }
        if let Some(s) = &f.file.settings {
            settings
                .institution_nouns
                .extend(s.institution_nouns.iter().cloned());
            settings
                .abbreviations
                .extend(s.abbreviations.iter().cloned());
            if s.header_bytes.is_some() {
                settings.header_bytes = s.header_bytes;
            }
        }
    }
    if settings.institution_nouns.is_empty() {
        settings.institution_nouns = DEFAULT_NOUNS.iter().map(|s| s.to_string()).collect();
    }

    let mut sources: Vec<Source> = Vec::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut check_name =
        |name: &str, f: &LoadedFile, span: std::ops::Range<usize>, errors: &mut Vec<RuleError>| {
            let here = format!("{}:{}", f.path.display(), f.line_of(span.start));
            if name.trim().is_empty() {
                errors.push(f.error(span, "a rule needs a non-empty name"));
                return false;
            }
            if let Some(prev) = names.get(name) {
                errors.push(f.error(
                    span,
                    format!(
                    "duplicate rule name '{name}' (first defined at {prev}): names must be unique"
                ),
                ));
                return false;
            }
            names.insert(name.to_string(), here);
            true
        };

    let mut gazetteers: Vec<Gazetteer> = Vec::new();
    let mut lists = Vec::new();
    let mut patterns: Vec<PatternRule> = Vec::new();
    // what the pattern set is built from: each pattern as compiled, with its flag
    let mut set_patterns: Vec<(String, bool)> = Vec::new();
    // statement triggers join the prefilter's set, after the pattern rules
    let mut trigger_patterns: Vec<(String, bool)> = Vec::new();
    let mut statements: Vec<StatementRule> = Vec::new();
    let mut meta: Vec<MetaRule> = Vec::new();
    let vocab = super::roles::vocabulary::load(&files, &mut errors);

    for f in &files {
        let file_name = f.path.display().to_string();
        if let Some(g) = &f.file.gazetteer {
            let span = g.span();
            let g = g.get_ref();
            if check_name(g.name.get_ref(), f, g.name.span(), &mut errors) {
                let mut entries = Vec::new();
                let mut list = Vec::new();
                let mut seen: BTreeMap<&str, ()> = BTreeMap::new();
                for e in &g.entry {
                    if seen.insert(e.canonical.as_str(), ()).is_some() {
                        errors.push(f.error(
                            span.clone(),
                            format!(
                                "gazetteer '{}': duplicate entry '{}'",
                                g.name.get_ref(),
                                e.canonical
                            ),
                        ));
                    }
                    let mut attrs = BTreeMap::new();
                    for (k, v) in &e.attrs {
                        match v {
                            toml::Value::String(s) => {
                                attrs.insert(k.clone(), s.clone());
                            }
                            other => errors.push(f.error(
                                span.clone(),
                                format!(
                                    "gazetteer '{}', entry '{}': attribute {k} must be a string, not {}",
                                    g.name.get_ref(),
                                    e.canonical,
                                    other.type_str()
                                ),
                            )),
                        }
                    }
                    let mut aliases = e.aliases.clone();
                    if aliases.is_empty() {
                        aliases.push(e.canonical.clone());
                    }
                    list.push((aliases, e.adjectives.clone()));
                    entries.push(Entry {
                        canonical: e.canonical.clone(),
                        attrs,
                    });
                }
                let source = sources.len();
                sources.push(Source {
                    name: g.name.get_ref().clone(),
                    entity: g.entity.clone(),
                    priority: g.priority,
                    emit: g.emit,
                    kind: SourceKind::Gazetteer,
                    file: file_name.clone(),
                    line: f.line_of(span.start),
                    examples: g.examples.clone(),
                    counter_examples: g.counter_examples.clone(),
                });
                gazetteers.push(Gazetteer { source, entries });
                lists.push(list);
            }
        }

        let defaults = f.file.defaults.clone().unwrap_or_default();
        let mut default_ctx: Vec<Context> = Vec::new();
        for c in &defaults.context {
            match context::compile(c) {
                Ok(c) => default_ctx.push(c),
                Err(e) => errors.push(RuleError {
                    file: f.path.clone(),
                    line: 0,
                    message: format!("[defaults] {e}"),
                }),
            }
        }
        if let Some(n) = &defaults.normaliser {
            if Normaliser::from_name(n.get_ref()).is_none() {
                errors.push(f.error(
                    n.span(),
                    format!(
                        "unknown normaliser '{}' (known: {})",
                        n.get_ref(),
                        Normaliser::NAMES
                    ),
                ));
            }
        }
        for r in &f.file.rule {
            let span = r.span();
            let r = r.get_ref();
            if !check_name(r.name.get_ref(), f, r.name.span(), &mut errors) {
                continue;
            }
            let Some(entity) = r.entity.clone().or(defaults.entity.clone()) else {
                errors.push(f.error(
                    span.clone(),
                    format!(
                        "rule '{}' has no entity type: add entity = \"...\" or [defaults] entity",
                        r.name.get_ref()
                    ),
                ));
                continue;
            };
            let norm_name = r
                .normaliser
                .as_ref()
                .or(defaults.normaliser.as_ref())
                .map(|n| (n.get_ref().clone(), n.span()));
            // every problem of a rule is reported, not just the first
            let mut bad = false;
            let normaliser = match &norm_name {
                None => Normaliser::None,
                Some((n, sp)) => match Normaliser::from_name(n) {
                    Some(x) => x,
                    None => {
                        errors.push(f.error(
                            sp.clone(),
                            format!(
                                "rule '{}': unknown normaliser '{n}' (known: {})",
                                r.name.get_ref(),
                                Normaliser::NAMES
                            ),
                        ));
                        bad = true;
                        Normaliser::None
                    }
                },
            };
            let compiled = expand(r.pattern.get_ref(), &macros)
                .and_then(|x| Ok((parse_regex(&x, r.case_insensitive)?, x)));
            let regex = match compiled {
                Ok(re) => Some(re),
                Err(e) => {
                    errors.push(f.error(
                        r.pattern.span(),
                        format!("rule '{}': {e}", r.name.get_ref()),
                    ));
                    None
                }
            };
            let Some((hir, expanded)) = regex.filter(|_| !bad) else {
                continue;
            };
            // the rule's own conditions come first: its tags win over the file's defaults
            let mut contexts = Vec::new();
            let mut ok = true;
            for c in &r.context {
                match context::compile(c) {
                    Ok(c) => contexts.push(c),
                    Err(e) => {
                        errors.push(
                            f.error(span.clone(), format!("rule '{}': {e}", r.name.get_ref())),
                        );
                        ok = false;
                    }
                }
            }
            if !ok {
                continue;
            }
            contexts.extend(default_ctx.iter().cloned());
            let narrow = has_group_m(&hir);
            let source = sources.len();
            sources.push(Source {
                name: r.name.get_ref().clone(),
                entity,
                priority: r.priority.or(defaults.priority).unwrap_or(0),
                emit: r.emit.unwrap_or(true),
                kind: SourceKind::Pattern,
                file: file_name.clone(),
                line: f.line_of(r.name.span().start),
                examples: r.examples.clone(),
                counter_examples: r.counter_examples.clone(),
            });
            patterns.push(PatternRule {
                source,
                regex: RuleRegex::new(expanded.clone(), r.case_insensitive),
                narrow,
                normaliser,
                canonical: r.canonical.clone(),
                attrs: r.attrs.clone(),
                contexts,
            });
            set_patterns.push((expanded, r.case_insensitive));
        }

        for s in &f.file.statement {
            let s = s.get_ref();
            if !check_name(s.name.get_ref(), f, s.name.span(), &mut errors) {
                continue;
            }
            let kind = match s.kind.get_ref().as_str() {
                "request" => StatementKind::Request,
                "commitment" | "contribution" => StatementKind::Commitment,
                other => {
                    errors.push(f.error(
                        s.kind.span(),
                        format!("statement '{}': kind \"{other}\" is unknown: use request or commitment", s.name.get_ref()),
                    ));
                    continue;
                }
            };
            let trigger = match expand(s.trigger.get_ref(), &macros)
                .and_then(|x| Ok((build_regex(&x, false)?, x)))
            {
                Ok(r) => r,
                Err(e) => {
                    errors.push(f.error(
                        s.trigger.span(),
                        format!("statement '{}': {e}", s.name.get_ref()),
                    ));
                    continue;
                }
            };
            let mut unless = Vec::new();
            for u in &s.unless {
                match compile_regex(u.get_ref(), &macros, false) {
                    Ok(r) => unless.push(r),
                    Err(e) => errors
                        .push(f.error(u.span(), format!("statement '{}': {e}", s.name.get_ref()))),
                }
            }
            let mut ignore = Vec::new();
            for u in &s.ignore {
                match compile_regex(u.get_ref(), &macros, false) {
                    Ok(r) => ignore.push(r),
                    Err(e) => errors
                        .push(f.error(u.span(), format!("statement '{}': {e}", s.name.get_ref()))),
                }
            }
            let parties = if s.parties.is_empty() {
                vec!["state".into(), "organisation".into(), "person".into()]
            } else {
                s.parties.clone()
            };
            let (trigger, expanded_trigger) = trigger;
            trigger_patterns.push((expanded_trigger, false));
            statements.push(StatementRule {
                name: s.name.get_ref().clone(),
                def: StatementKindDef {
                    kind,
                    strength: s.strength.clone(),
                },
                trigger,
                unless,
                ignore,
                parties,
                prefer: s.prefer.clone(),
                needs_amount: s.needs_amount,
                file: file_name.clone(),
                line: f.line_of(s.name.span().start),
                examples: s.examples.clone(),
                counter_examples: s.counter_examples.clone(),
                vocab: vocab.clone(),
            });
        }

        for m in &f.file.meta {
            let m = m.get_ref();
            let field = m.field.get_ref().as_str();
            if !["title", "body", "date", "place", "symbol", "doc_type"].contains(&field) {
                errors.push(f.error(
                    m.field.span(),
                    format!("meta: unknown field '{field}' (use title, body, date, place, symbol or doc_type)"),
                ));
                continue;
            }
            if !["header", "document"].contains(&m.scope.as_str()) {
                errors.push(f.error(
                    m.field.span(),
                    format!(
                        "meta: scope \"{}\" is unknown: use header or document",
                        m.scope
                    ),
                ));
                continue;
            }
            let regex = match &m.pattern {
                None if field == "date" || field == "title" => None,
                None => {
                    errors.push(f.error(m.field.span(), format!("meta {field}: needs a pattern")));
                    continue;
                }
                Some(p) => match compile_regex(p.get_ref(), &macros, m.case_insensitive) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        errors.push(f.error(p.span(), format!("meta {field}: {e}")));
                        continue;
                    }
                },
            };
            let mut skip = Vec::new();
            for k in &m.skip {
                match compile_regex(k.get_ref(), &macros, false) {
                    Ok(r) => skip.push(r),
                    Err(e) => errors.push(f.error(k.span(), format!("meta {field}: skip: {e}"))),
                }
            }
            meta.push(MetaRule {
                field: field.to_string(),
                regex,
                value: m.value.clone(),
                whole_document: m.scope == "document",
                title_case: m.title_case,
                skip,
            });
        }
    }

    let nouns = settings.institution_nouns.clone();
    let index = match GazetteerIndex::build(gazetteers, &lists, nouns) {
        Ok(i) => i,
        Err(e) => {
            errors.push(RuleError {
                file: files.first().map(|f| f.path.clone()).unwrap_or_default(),
                line: 0,
                message: e,
            });
            GazetteerIndex::default()
        }
    };
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(errors);
    }
    let fingerprint = hasher.finalize().to_hex().to_string();
    Ok(RuleSet {
        sources,
        patterns,
        pattern_set: PatternSet::new(&[set_patterns, trigger_patterns].concat()),
        gazetteers: index,
        statements,
        meta,
        settings,
        fingerprint,
        exhaustive: false,
        inventory: Default::default(),
    })
}
