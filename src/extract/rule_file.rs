//! Rule files as written: TOML deserialised with spans, so that every problem
//! can be reported as `file:line: message`. Validation and compilation happen in
//! [`super::rule_check`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::RuleError;

/// The file of search vocabulary in the rules folder (read by
/// `query::synonyms`). It is not a rule file: the rule loader skips it.
pub const SYNONYMS_FILE: &str = "synonyms.toml";

/// Whether `path` is the search vocabulary file, which the rule loader skips.
pub fn is_synonyms_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == SYNONYMS_FILE)
}

/// One rule file. Every section is optional: a file may hold only macros, only a
/// gazetteer, only pattern rules, only statement rules, or any mix.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// `[macros]`: `NAME = "regex"`, used as `{NAME}` in patterns.
    #[serde(default)]
    pub macros: BTreeMap<String, Spanned<String>>,
    /// `[settings]`: engine-wide word lists.
    #[serde(default)]
    pub settings: Option<Settings>,
    /// `[defaults]`: values inherited by every `[[rule]]` of this file.
    #[serde(default)]
    pub defaults: Option<Defaults>,
    /// `[gazetteer]`: a list of names (states, organisations, ...).
    #[serde(default)]
    pub gazetteer: Option<Spanned<GazetteerDef>>,
    /// `[[rule]]`: pattern rules.
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
    /// `[[statement]]`: sentence rules (requests, commitments).
    #[serde(default)]
    pub statement: Vec<Spanned<StatementDef>>,
    /// `[[meta]]`: document metadata rules.
    #[serde(default)]
    pub meta: Vec<Spanned<MetaDef>>,
    /// `[roles]`: the words the role analysis reads (who asks whom).
    #[serde(default)]
    pub roles: Option<Spanned<super::roles::vocabulary::RolesDef>>,
}

/// Engine-wide settings.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Nouns after which a gazetteer adjective denotes its entry ("Japanese Mission").
    #[serde(default)]
    pub institution_nouns: Vec<String>,
    /// Abbreviations that do not end a sentence ("Mr.", "e.g.", "No.").
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Characters of the document start that count as its header (metadata scope).
    #[serde(default)]
    pub header_bytes: Option<usize>,
}

/// Defaults for the `[[rule]]`s of one file.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Entity type.
    pub entity: Option<String>,
    /// Normaliser name.
    #[serde(alias = "normalizer")]
    pub normaliser: Option<Spanned<String>>,
    /// Priority.
    pub priority: Option<i32>,
    /// Context conditions.
    #[serde(default)]
    pub context: Vec<ContextDef>,
}

/// A gazetteer (format fixed in TEAM.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GazetteerDef {
    /// Name; `{NAME}` (upper case) is a macro matching any alias.
    pub name: Spanned<String>,
    /// Entity type of the mentions.
    pub entity: String,
    /// Priority in overlap resolution.
    #[serde(default)]
    pub priority: i32,
    /// When false, matches win overlaps but produce no mention (exclusion lists).
    #[serde(default = "yes")]
    pub emit: bool,
    /// The entries.
    #[serde(default)]
    pub entry: Vec<EntryDef>,
    /// Examples: text and expected canonical name.
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
    /// Texts in which no mention of this entity type may be found.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

fn yes() -> bool {
    true
}

/// One gazetteer entry: canonical name, aliases, adjectives, attributes.
#[derive(Debug, Deserialize)]
pub struct EntryDef {
    /// Canonical name.
    pub canonical: String,
    /// Surface forms, matched case-sensitively on word boundaries.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adjectives denoting the entry before an institution noun.
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// Any other key: a string attribute (iso3, full_name, ...).
    #[serde(flatten)]
    pub attrs: BTreeMap<String, toml::Value>,
}

/// A pattern rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Unique name.
    pub name: Spanned<String>,
    /// Entity type (else `[defaults] entity`).
    pub entity: Option<String>,
    /// Regular expression with `{MACRO}`s; a group named `m` narrows the span.
    pub pattern: Spanned<String>,
    /// Normaliser (else `[defaults] normaliser`, else `none`).
    #[serde(alias = "normalizer")]
    pub normaliser: Option<Spanned<String>>,
    /// Priority (else `[defaults] priority`, else 0).
    pub priority: Option<i32>,
    /// When false, matches win overlaps but produce no mention.
    pub emit: Option<bool>,
    /// Match ignoring case.
    #[serde(default)]
    pub case_insensitive: bool,
    /// Canonical-name template for the `name` normaliser: `$name` inserts capture `name`.
    pub canonical: Option<String>,
    /// Attribute templates.
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
    /// Context conditions (added to the file's defaults).
    #[serde(default)]
    pub context: Vec<ContextDef>,
    /// Examples.
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
    /// Texts in which no mention of this entity type may be found.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// A context condition: trigger words before, after or anywhere in the sentence.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ContextDef {
    /// Trigger words or phrases (case-insensitive, whole words).
    pub words: Vec<String>,
    /// `before`, `after` or `sentence`.
    #[serde(rename = "where", default = "sentence")]
    pub place: String,
    /// How many other words may stand between trigger and match.
    #[serde(default)]
    pub within: usize,
    /// `require` (drop the match without a trigger), `forbid` (drop it with one) or
    /// `tag` (set attribute `attr` to the trigger, or to `value`).
    #[serde(default = "require")]
    pub effect: String,
    /// Attribute set by `tag` (`deadline` fills a date's deadline kind).
    pub attr: Option<String>,
    /// Fixed attribute value instead of the trigger text.
    pub value: Option<String>,
}

fn sentence() -> String {
    "sentence".into()
}
fn require() -> String {
    "require".into()
}

/// An example attached to a rule.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// Input text.
    pub text: String,
    /// Expected rendered value ("14000000 USD", "2015-06-01..2015-06-30 deadline=by").
    pub value: Option<String>,
    /// Expected matched text.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    /// Document date for relative expressions and missing years (YYYY-MM-DD).
    pub doc_date: Option<String>,
    /// For statement rules: expected requester.
    pub requester: Option<String>,
    /// For statement rules: expected addressee.
    pub addressee: Option<String>,
}

/// A sentence rule: requests or commitments.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementDef {
    /// Unique name.
    pub name: Spanned<String>,
    /// `request` or `commitment`.
    pub kind: Spanned<String>,
    /// `explicit` or `implicit`.
    #[serde(default = "explicit")]
    pub strength: String,
    /// Regular expression (with macros) that makes a sentence a statement.
    pub trigger: Spanned<String>,
    /// Regular expressions that veto the statement when found in the sentence.
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    /// Regular expressions marking phrases in which a trigger does not count
    /// ("to encourage" as a purpose, "States seeking to receive assistance").
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Entity types that may be requester/addressee (default state, organisation, person).
    #[serde(default)]
    pub parties: Vec<String>,
    /// Entity types preferred as requester/donor ("state" for contributions).
    #[serde(default)]
    pub prefer: Vec<String>,
    /// For commitments: require a money mention in the sentence.
    #[serde(default)]
    pub needs_amount: bool,
    /// Examples: the sentence must fire (with requester/addressee if given).
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
    /// Sentences that must not fire this rule.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

fn explicit() -> String {
    "explicit".into()
}

/// A metadata rule: the first match in the header fills a field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaDef {
    /// `title`, `body`, `date`, `place`, `symbol` or `doc_type`.
    pub field: Spanned<String>,
    /// Regular expression (with macros); not needed for `date` and `title`.
    pub pattern: Option<Spanned<String>>,
    /// Value template (`$1`, `$name`); default: the whole match.
    pub value: Option<String>,
    /// `header` (default) or `document`.
    #[serde(default = "header")]
    pub scope: String,
    /// Match ignoring case.
    #[serde(default)]
    pub case_insensitive: bool,
    /// Title-case an all-capitals result ("GENEVA" -> "Geneva").
    #[serde(default)]
    pub title_case: bool,
    /// For `title` without a pattern: heading lines matching these are not titles
    /// ("Distr.: General", "Original: English", "Item 10 of the agenda").
    #[serde(default)]
    pub skip: Vec<Spanned<String>>,
}

fn header() -> String {
    "header".into()
}

/// A rule file read from disk, with its text kept for line numbers.
pub struct LoadedFile {
    /// Where it came from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Parsed content.
    pub file: RuleFile,
}

impl LoadedFile {
    /// 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        line_of(&self.text, offset)
    }

    /// An error at the start of `span`.
    pub fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> RuleError {
        RuleError {
            file: self.path.clone(),
            line: self.line_of(span.start),
            message: message.into(),
        }
    }
}

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads and parses one rule file.
pub fn read(path: &Path) -> Result<LoadedFile, RuleError> {
    let text = std::fs::read_to_string(path).map_err(|e| RuleError {
        file: path.to_path_buf(),
        line: 0,
        message: format!("cannot read the rule file: {e}"),
    })?;
    parse(path, text)
}

/// Parses rule-file text (`path` is only used in messages).
pub fn parse(path: &Path, text: String) -> Result<LoadedFile, RuleError> {
    match toml::from_str::<RuleFile>(&text) {
        Ok(file) => Ok(LoadedFile {
            path: path.to_path_buf(),
            text,
            file,
        }),
        Err(e) => {
            let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(0);
            Err(RuleError {
                file: path.to_path_buf(),
                line,
                message: format!("invalid TOML: {}", e.message().trim()),
            })
        }
    }
}
