//! Macros: `{MONTH}`, `{NUMBER}`, `{STATE}` inside patterns. A macro is a named
//! regular expression from a `[macros]` table, or a gazetteer (its aliases as one
//! alternation). Names are upper-case, so `{2}` and `{1,3}` stay regex repetitions.

use std::collections::BTreeMap;

/// All macros of a rule set, unexpanded.
#[derive(Debug, Default, Clone)]
pub struct Macros {
    defs: BTreeMap<String, String>,
}

impl Macros {
    /// Defines (or redefines) `name`.
    pub fn define(&mut self, name: &str, pattern: String) {
        self.defs.insert(name.to_string(), pattern);
    }

    /// True when `name` is defined.
    pub fn contains(&self, name: &str) -> bool {
        self.defs.contains_key(name)
    }

    /// Names of all macros, for error messages.
    pub fn names(&self) -> Vec<&str> {
        self.defs.keys().map(|s| s.as_str()).collect()
    }

    /// `pattern` with every `{NAME}` replaced by `(?:definition)`, recursively.
    pub fn expand(&self, pattern: &str) -> Result<String, String> {
        self.expand_depth(pattern, 0)
    }

    fn expand_depth(&self, pattern: &str, depth: usize) -> Result<String, String> {
        if depth > 16 {
            return Err(
                "macros nest more than 16 deep (is one defined in terms of itself?)".into(),
            );
        }
        let mut out = String::with_capacity(pattern.len());
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            // a `\{` is a literal brace, and `\p{L}` / `\P{N}` are Unicode classes
            let before = &rest[..open];
            if before.ends_with('\\') || before.ends_with("\\p") || before.ends_with("\\P") {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let name_len = after
                .char_indices()
                .take_while(|(i, c)| {
                    c.is_ascii_uppercase() || (*i > 0 && (c.is_ascii_digit() || *c == '_'))
                })
                .count();
            if name_len > 0 && after[name_len..].starts_with('}') {
                let name = &after[..name_len];
                let def = self.defs.get(name).ok_or_else(|| {
                    format!(
                        "unknown macro {{{name}}}: define it in a [macros] table (known: {})",
                        self.names().join(", ")
                    )
                })?;
                out.push_str("(?:");
                out.push_str(&self.expand_depth(def, depth + 1)?);
                out.push(')');
                rest = &after[name_len + 1..];
            } else {
                out.push('{');
                rest = after;
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// An alternation matching any of `words` literally, longest first.
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_nested_macros_and_leaves_repetitions() {
        let mut m = Macros::default();
        m.define("DAY", r"\d{1,2}".into());
        m.define("MONTH", "June|July".into());
        m.define("DATE", "{DAY} {MONTH}".into());
        assert_eq!(
            m.expand(r"{DATE} \d{4}").as_deref(),
            Ok(r"(?:(?:\d{1,2}) (?:June|July)) \d{4}")
        );
        assert!(m
            .expand("{NOPE}")
            .is_err_and(|e| e.contains("unknown macro {NOPE}")));
        assert_eq!(
            m.expand(r"\p{L}\P{N}\{DAY}").as_deref(),
            Ok(r"\p{L}\P{N}\{DAY}")
        );
        m.define("LOOP", "{LOOP}".into());
        assert!(m.expand("{LOOP}").is_err());
    }
}
