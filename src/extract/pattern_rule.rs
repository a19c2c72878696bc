//! Pattern rules: a regular expression (macros expanded), a normaliser, a
//! priority and context conditions. A group named `m` narrows the mention to part
//! of the match, so a pattern can look at its neighbours without swallowing them.

use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use regex::{Captures, Regex};

use super::context::{Context, Effect, Words};
use super::normalize::Normaliser;
use crate::date::Date;
use crate::model::Value;

/// The `deadline` tag value that marks a date as *not* a deadline: a context
/// listed before the deadline triggers ("the mandate ... until", "was completed
/// by") tags it first, and tags are first-come, so the trigger after it is moot.
pub const NOT_A_DEADLINE: &str = "none";

/// A pattern rule's regular expression, checked when the rules are loaded and
/// built the first time a unit needs it.
///
/// Building the rules' automata was most of loading a rule set (the Thompson
/// NFAs of Unicode classes in counted repetitions): every `ingest`, `rules
/// diff` and `extract` paid it, also a run with no record to extract. The
/// pattern was parsed at load (every syntax error is reported there), so only
/// the size limit is left to fail here.
#[derive(Debug, Clone)]
pub struct RuleRegex {
    pattern: String,
    case_insensitive: bool,
    built: OnceLock<Regex>,
}

/// Matches nothing: what a pattern that cannot be built at all searches with.
static NOTHING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\s\S]").expect("static regex"));

impl RuleRegex {
    /// The expanded `pattern` (already parsed without error), built on first use
    /// with case folding `case_insensitive`.
    pub fn new(pattern: String, case_insensitive: bool) -> RuleRegex {
        RuleRegex {
            pattern,
            case_insensitive,
            built: OnceLock::new(),
        }
    }

    /// The expanded pattern, without building it.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The regex, built on the first call. A pattern over the compiled-size
    /// limit is built without the limit: it was parsed, so it is a valid rule,
    /// only a large one.
    pub fn get(&self) -> &Regex {
        self.built.get_or_init(|| {
            super::rule_check::build_regex(&self.pattern, self.case_insensitive)
                .or_else(|_| {
                    regex::RegexBuilder::new(&self.pattern)
                        .case_insensitive(self.case_insensitive)
                        .size_limit(usize::MAX >> 2)
                        .build()
                })
                .unwrap_or_else(|_| NOTHING.clone())
        })
    }
}

impl std::ops::Deref for RuleRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.get()
    }
}

/// A compiled pattern rule.
#[derive(Debug, Clone)]
pub struct PatternRule {
    /// Index of its source in the rule set.
    pub source: usize,
    /// The expanded pattern, built on first use.
    pub regex: RuleRegex,
    /// True when the pattern has a group named `m`.
    pub narrow: bool,
    /// Normaliser.
    pub normaliser: Normaliser,
    /// Canonical-name template.
    pub canonical: Option<String>,
    /// Attribute templates.
    pub attrs: BTreeMap<String, String>,
    /// Context conditions.
    pub contexts: Vec<Context>,
}

/// One raw match: relative span plus the outcome of contexts and normaliser.
#[derive(Debug, Clone)]
pub struct RawMatch {
    /// Start, relative to the searched text.
    pub start: usize,
    /// End, relative to the searched text.
    pub end: usize,
    /// The value, or why the match was dropped.
    pub value: Result<Value, String>,
}

impl PatternRule {
    /// All matches in `text` (one sentence), with contexts applied and values normalised.
    pub fn find(
        &self,
        text: &str,
        words: &std::cell::OnceCell<Words>,
        doc_date: Option<Date>,
    ) -> Vec<RawMatch> {
        let mut out = Vec::new();
        self.each_match(text, |start, end, caps| {
            out.push(RawMatch {
                start,
                end,
                value: self.evaluate(text, caps, start, end, words, doc_date),
            });
        });
        out
    }

    /// Calls `found` with the span (and, for rules with templates, the
    /// captures) of every non-empty match in `text`, left to right.
    fn each_match(&self, text: &str, mut found: impl FnMut(usize, usize, Option<&Captures>)) {
        let mut pos = 0;
        // Only templates read groups other than `m`. Without them there is no
        // `Captures` to allocate per call: `m` comes from slots reused across
        // calls, and a rule without `m` needs no capture engine at all (the
        // overall match of `find_at` is the one `captures_at` reports).
        let templates = !self.values_from_span();
        let m_group = self.regex.capture_names().position(|n| n == Some("m"));
        let mut slots = (self.narrow && !templates).then(|| self.regex.capture_locations());
        while pos <= text.len() {
            let (start, end, caps) = if templates {
                let Some(caps) = self.regex.captures_at(text, pos) else {
                    break;
                };
                let Some(whole) = caps.get(0) else { break };
                let m = if self.narrow {
                    caps.name("m").unwrap_or(whole)
                } else {
                    whole
                };
                (m.start(), m.end(), Some(caps))
            } else if let Some(slots) = slots.as_mut() {
                let Some(whole) = self.regex.captures_read_at(slots, text, pos) else {
                    break;
                };
                let (s, e) = m_group
                    .and_then(|g| slots.get(g))
                    .unwrap_or((whole.start(), whole.end()));
                (s, e, None)
            } else {
                let Some(whole) = self.regex.find_at(text, pos) else {
                    break;
                };
                (whole.start(), whole.end(), None)
            };
            let next = if end > pos { end } else { pos + 1 };
            if start < end {
                found(start, end, caps.as_ref());
            }
            pos = next;
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }

    /// Whether the value of a match can be computed later from its span alone
    /// ([`PatternRule::value_at`]): true unless templates read capture groups.
    pub fn values_from_span(&self) -> bool {
        self.canonical.is_none() && self.attrs.is_empty()
    }

    /// The spans of all matches in `text` (one sentence), in the order
    /// [`PatternRule::find`] gives them, without contexts or values.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.each_match(text, |start, end, _| out.push((start, end)));
        out
    }

    /// The value of the match `start..end` of `text` (one sentence), or why it is
    /// dropped, for a rule whose [`PatternRule::values_from_span`] is true.
    pub fn value_at(
        &self,
        text: &str,
        start: usize,
        end: usize,
        words: &std::cell::OnceCell<Words>,
        doc_date: Option<Date>,
    ) -> Result<Value, String> {
        self.evaluate(text, None, start, end, words, doc_date)
    }

    fn evaluate(
        &self,
        text: &str,
        caps: Option<&Captures>,
        start: usize,
        end: usize,
        words: &std::cell::OnceCell<Words>,
        doc_date: Option<Date>,
    ) -> Result<Value, String> {
        let mut tags: BTreeMap<String, String> = BTreeMap::new();
        for ctx in &self.contexts {
            // words are only split when a rule with contexts matched in this sentence
            let found = words.get_or_init(|| Words::new(text)).find(ctx, start, end);
            match (&ctx.effect, found) {
                (Effect::Require, None) => {
                    return Err(format!(
                        "required context missing ({} {})",
                        place_name(ctx),
                        ctx.joined.join("|")
                    ))
                }
                (Effect::Forbid, Some(t)) => {
                    return Err(format!("forbidden context '{t}' ({})", place_name(ctx)))
                }
                (Effect::Tag { attr, value }, Some(t)) => {
                    tags.entry(attr.clone())
                        .or_insert_with(|| value.clone().unwrap_or_else(|| t.to_string()));
                }
                _ => {}
            }
        }
        let expand = |tpl: &str| {
            let mut s = String::new();
            // `find` passes captures whenever the rule has templates
            if let Some(caps) = caps {
                caps.expand(tpl, &mut s);
            }
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let canonical = self.canonical.as_deref().map(expand);
        // most matches have neither attribute templates nor tags: their maps stay
        // empty, which costs no allocation, no sort and no merge
        let mut attrs: BTreeMap<String, String> = if self.attrs.is_empty() {
            BTreeMap::new()
        } else {
            self.attrs
                .iter()
                .map(|(k, v)| (k.clone(), expand(v)))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        };
        let deadline = if self.normaliser == Normaliser::Date && !tags.is_empty() {
            tags.remove("deadline").filter(|k| k != NOT_A_DEADLINE)
        } else {
            None
        };
        if !tags.is_empty() {
            attrs.extend(tags);
        }
        let mut value = self
            .normaliser
            .apply(&text[start..end], doc_date, canonical, attrs)?;
        if let Value::Date(d) = &mut value {
            d.deadline = deadline;
        }
        Ok(value)
    }
}

fn place_name(ctx: &Context) -> &'static str {
    match ctx.place {
        super::context::Place::Before => "before",
        super::context::Place::After => "after",
        super::context::Place::Sentence => "in sentence",
    }
}

#[cfg(test)]
mod tests {
    use std::cell::OnceCell;
    use std::path::Path;
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;
    use crate::extract::{sentences, RuleSet};

    /// `find` as it was before it avoided `Captures`: every call allocates them.
    fn reference_find(rule: &PatternRule, text: &str, doc_date: Option<Date>) -> Vec<RawMatch> {
        let words = OnceCell::new();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= text.len() {
            let Some(caps) = rule.regex.captures_at(text, pos) else {
                break;
            };
            let Some(whole) = caps.get(0) else { break };
            let m = if rule.narrow {
                caps.name("m").unwrap_or(whole)
            } else {
                whole
            };
            let next = if m.end() > pos { m.end() } else { pos + 1 };
            if m.start() < m.end() {
                let value = reference_evaluate(
                    rule,
                    text,
                    Some(&caps),
                    m.start(),
                    m.end(),
                    &words,
                    doc_date,
                );
                out.push(RawMatch {
                    start: m.start(),
                    end: m.end(),
                    value,
                });
            }
            pos = next;
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }

    /// `evaluate` as it was before empty maps were left alone: attributes
    /// collected, "deadline" removed and tags merged for every match.
    fn reference_evaluate(
        rule: &PatternRule,
        text: &str,
        caps: Option<&Captures>,
        start: usize,
        end: usize,
        words: &OnceCell<Words>,
        doc_date: Option<Date>,
    ) -> Result<Value, String> {
        let mut tags: BTreeMap<String, String> = BTreeMap::new();
        for ctx in &rule.contexts {
            let found = words.get_or_init(|| Words::new(text)).find(ctx, start, end);
            match (&ctx.effect, found) {
                (Effect::Require, None) => {
                    return Err(format!(
                        "required context missing ({} {})",
                        place_name(ctx),
                        ctx.joined.join("|")
                    ))
                }
                (Effect::Forbid, Some(t)) => {
                    return Err(format!("forbidden context '{t}' ({})", place_name(ctx)))
                }
                (Effect::Tag { attr, value }, Some(t)) => {
                    tags.entry(attr.clone())
                        .or_insert_with(|| value.clone().unwrap_or_else(|| t.to_string()));
                }
                _ => {}
            }
        }
        let expand = |tpl: &str| {
            let mut s = String::new();
            if let Some(caps) = caps {
                caps.expand(tpl, &mut s);
            }
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let canonical = rule.canonical.as_deref().map(expand);
        let mut attrs: BTreeMap<String, String> = rule
            .attrs
            .iter()
            .map(|(k, v)| (k.clone(), expand(v)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let deadline = if rule.normaliser == Normaliser::Date {
            tags.remove("deadline").filter(|k| k != NOT_A_DEADLINE)
        } else {
            None
        };
        attrs.extend(tags);
        let mut value = rule
            .normaliser
            .apply(&text[start..end], doc_date, canonical, attrs)?;
        if let Value::Date(d) = &mut value {
            d.deadline = deadline;
        }
        Ok(value)
    }

    /// A rules file of one entity type with the given `(name, pattern)` rules.
    fn rules_of(rules: &[(&str, &str)]) -> String {
        let mut file = String::from("[defaults]\nentity = \"t\"\n");
        for (name, pattern) in rules {
            file.push_str(&format!(
                "[[rule]]\nname = \"{name}\"\npattern = '''{pattern}'''\n"
            ));
        }
        file
    }

    #[test]
    fn a_rule_regex_is_checked_at_load_and_built_on_first_use() {
        let file = rules_of(&[("a", r"x(?P<m>\p{Lu}+)"), ("b", r"\d{4}")]);
        let rules = RuleSet::from_sources(&[("r.toml", &file)]).unwrap_or_else(|e| panic!("{e}"));
        let [a, b] = &rules.patterns[..] else {
            panic!("two rules")
        };
        assert!(a.regex.built.get().is_none() && b.regex.built.get().is_none());
        assert_eq!(a.regex.as_str(), r"x(?P<m>\p{Lu}+)");
        assert!(a.regex.built.get().is_none(), "as_str builds nothing");
        // the group `m` was read from the parsed pattern
        assert!(a.narrow && !b.narrow);
        assert_eq!(a.regex.find("a xÉB").map(|m| m.as_str()), Some("xÉB"));
        assert!(a.regex.built.get().is_some() && b.regex.built.get().is_none());
    }

    #[test]
    fn a_syntax_error_is_reported_at_load_in_the_regex_crate_s_words() {
        for bad in ["x(", r"\p{Nope}", "a{3,1}", "[z-a]"] {
            let file = rules_of(&[("r", bad)]);
            let Err(errors) = RuleSet::from_sources(&[("r.toml", &file)]) else {
                panic!("{bad} was accepted");
            };
            let Err(e) = regex::Regex::new(bad) else {
                panic!("{bad} builds");
            };
            let last = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string();
            let want = format!("rule 'r': bad regular expression: {last}");
            assert_eq!(errors.0.len(), 1);
            assert_eq!(errors.0[0].message, want);
        }
    }

    static PROJECT: LazyLock<RuleSet> = LazyLock::new(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        RuleSet::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    });

    fn same_as_reference(rules: &RuleSet, text: &str) -> Result<(), String> {
        let date = Date::new(2015, 2, 17);
        for rule in &rules.patterns {
            let got = format!("{:?}", rule.find(text, &OnceCell::new(), date));
            let want = format!("{:?}", reference_find(rule, text, date));
            if got != want {
                return Err(format!(
                    "rule {}: {got}\n!= {want}\non {text:?}",
                    rule.source
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn find_matches_the_reference_on_every_unit_of_the_corpus() {
        let rules = &*PROJECT;
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut units = 0;
        for entry in walkdir::WalkDir::new(corpus)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            let p = entry.path();
            if !p.extension().is_some_and(|x| x == "txt" || x == "md") {
                continue;
            }
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"));
            for u in sentences::split(&text, &[], &[], &[]) {
                if let Some(s) = text.get(u.span.start..u.span.end) {
                    same_as_reference(rules, s).unwrap_or_else(|e| panic!("{e}"));
                    units += 1;
                }
            }
        }
        assert!(units > 500, "only {units} units in corpus/");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn find_matches_the_reference_on_generated_text(
            pieces in prop::collection::vec(prop::sample::select(&[
                "Mr ", "Ms. ", "Ambassador ", "Titov", "Dmitry ", ", Director of the Unit", " ",
                "by ", "deadline in ", "3 March 2014", "June 2015", "2015", "2014-2017", "/",
                "USD 5 million", "€12", " and ", "between ", "extended to ", "next year", ".",
                "Monday, ", "12", "–", "x", "é",
            ][..]), 0..30)
        ) {
            let text: String = pieces.concat();
            let same = same_as_reference(&PROJECT, &text);
            prop_assert!(same.is_ok(), "{:?}", same);
        }
    }
}
