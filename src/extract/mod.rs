//! Stage 3: entities and statements from rule files. (Contract stub: the rules
//! engine replaces the bodies, the signatures stay.)

use std::path::Path;

use crate::model::{Document, Extraction, Segment};

/// A loaded, validated rule set (everything in a rules folder).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {}

/// One problem in a rule file, reported as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file.
    pub file: std::path::PathBuf,
    /// 1-based line (0 when the problem is not tied to a line).
    pub line: usize,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// All problems found in a rules folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl std::fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

impl RuleSet {
    /// Loads and validates every rule file in `dir`.
    pub fn load(_dir: &Path) -> Result<RuleSet, RuleErrors> {
        Ok(RuleSet {})
    }

    /// A hash of the rule set's content: a change triggers re-extraction.
    pub fn fingerprint(&self) -> String {
        String::new()
    }
}

/// Runs the rules over one segmented document.
pub fn extract(_doc: &Document, _segments: &[Segment], _rules: &RuleSet) -> Extraction {
    Extraction::default()
}
