//! Pattern rules: a regular expression (macros expanded), a normaliser, a
//! priority and context conditions. A group named `m` narrows the mention to part
//! of the match, so a pattern can look at its neighbours without swallowing them.

use std::collections::BTreeMap;

use regex::{Captures, Regex};

use super::context::{Context, Effect, Words};
use super::normalize::Normaliser;
use crate::date::Date;
use crate::model::Value;

/// A compiled pattern rule.
#[derive(Debug, Clone)]
pub struct PatternRule {
    /// Index of its source in the rule set.
    pub source: usize,
    /// The expanded, compiled pattern.
    pub regex: Regex,
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
        let mut pos = 0;
        while pos <= text.len() {
            let Some(caps) = self.regex.captures_at(text, pos) else {
                break;
            };
            let Some(whole) = caps.get(0) else { break };
            let m = if self.narrow {
                caps.name("m").unwrap_or(whole)
            } else {
                whole
            };
            let next = if m.end() > pos { m.end() } else { pos + 1 };
            if m.start() < m.end() {
                out.push(RawMatch {
                    start: m.start(),
                    end: m.end(),
                    value: self.evaluate(text, &caps, m.start(), m.end(), words, doc_date),
                });
            }
            pos = next;
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }

    fn evaluate(
        &self,
        text: &str,
        caps: &Captures,
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
                        ctx.triggers
                            .iter()
                            .map(|t| t.join(" "))
                            .collect::<Vec<_>>()
                            .join("|")
                    ))
                }
                (Effect::Forbid, Some(t)) => {
                    return Err(format!("forbidden context '{t}' ({})", place_name(ctx)))
                }
                (Effect::Tag { attr, value }, Some(t)) => {
                    tags.entry(attr.clone())
                        .or_insert_with(|| value.clone().unwrap_or(t));
                }
                _ => {}
            }
        }
        let expand = |tpl: &str| {
            let mut s = String::new();
            caps.expand(tpl, &mut s);
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let canonical = self.canonical.as_deref().map(expand);
        let mut attrs: BTreeMap<String, String> = self
            .attrs
            .iter()
            .map(|(k, v)| (k.clone(), expand(v)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let deadline = if self.normaliser == Normaliser::Date {
            tags.remove("deadline")
        } else {
            None
        };
        attrs.extend(tags);
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
