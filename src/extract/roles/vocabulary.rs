//! The words the role analysis reads (party nouns, verbs of saying, words of
//! office ...), from the `[roles]` section of the rule files so that users can
//! edit them. A list the rule set leaves out is the shipped one
//! (`rules/requests.toml`, compiled in).
//!
//! The role helpers are small word tests called deep inside the sentence
//! analysis; rather than thread the vocabulary through each of them, the
//! statement finder installs its rule set's vocabulary for the thread while it
//! runs ([`install`]), and the helpers read it with [`has`].

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, LazyLock};

use serde::Deserialize;
use toml::Spanned;

use super::super::rule_file::LoadedFile;
use super::super::RuleError;

/// The `[roles]` section as written: each list optional, each entry with its
/// place in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesDef {
    /// Nouns that make a phrase a party.
    pub party_nouns: Option<Spanned<Vec<Spanned<String>>>>,
    /// Verbs of saying.
    pub speech_verbs: Option<Spanned<Vec<Spanned<String>>>>,
    /// Words for who speaks for a party.
    pub holder_words: Option<Spanned<Vec<Spanned<String>>>>,
    /// Words for people who act for a party.
    pub person_roles: Option<Spanned<Vec<Spanned<String>>>>,
    /// Finite verbs that end a sentence's subject.
    pub subject_verbs: Option<Spanned<Vec<Spanned<String>>>>,
    /// Words after "to" that are no verb.
    pub not_verbs: Option<Spanned<Vec<Spanned<String>>>>,
}

/// One list of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `party_nouns`.
    PartyNouns,
    /// `speech_verbs`.
    SpeechVerbs,
    /// `holder_words`.
    HolderWords,
    /// `person_roles`.
    PersonRoles,
    /// `subject_verbs`.
    SubjectVerbs,
    /// `not_verbs`.
    NotVerbs,
}

const LISTS: [(List, &str); 6] = [
    (List::PartyNouns, "party_nouns"),
    (List::SpeechVerbs, "speech_verbs"),
    (List::HolderWords, "holder_words"),
    (List::PersonRoles, "person_roles"),
    (List::SubjectVerbs, "subject_verbs"),
    (List::NotVerbs, "not_verbs"),
];

/// The vocabulary of one rule set: a set of lower-case words per list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    lists: [BTreeSet<String>; 6],
}

impl Vocabulary {
    /// True when `word` (lower case) is in `list`.
    pub fn has(&self, list: List, word: &str) -> bool {
        self.lists[list as usize].contains(word)
    }

    /// The words of `list`, in order.
    pub fn words(&self, list: List) -> impl Iterator<Item = &str> {
        self.lists[list as usize].iter().map(String::as_str)
    }
}

impl RolesDef {
    fn list(&self, list: List) -> Option<&Spanned<Vec<Spanned<String>>>> {
        match list {
            List::PartyNouns => self.party_nouns.as_ref(),
            List::SpeechVerbs => self.speech_verbs.as_ref(),
            List::HolderWords => self.holder_words.as_ref(),
            List::PersonRoles => self.person_roles.as_ref(),
            List::SubjectVerbs => self.subject_verbs.as_ref(),
            List::NotVerbs => self.not_verbs.as_ref(),
        }
    }
}

/// The shipped vocabulary: the `[roles]` section of `rules/requests.toml`.
static BUILTIN: LazyLock<Arc<Vocabulary>> = LazyLock::new(|| {
    // the file's other sections are left to the rule loader
    #[derive(Deserialize)]
    struct Shipped {
        roles: BTreeMap<String, Vec<String>>,
    }
    let shipped: Option<Shipped> =
        toml::from_str(include_str!("../../../rules/requests.toml")).ok();
    let mut v = Vocabulary::default();
    if let Some(s) = shipped {
        for (list, name) in LISTS {
            v.lists[list as usize] = s.roles.get(name).into_iter().flatten().cloned().collect();
        }
    }
    Arc::new(v)
});

/// The shipped vocabulary.
pub fn builtin() -> Arc<Vocabulary> {
    BUILTIN.clone()
}

/// The vocabulary of a rule set: the shipped one, with each list a `[roles]`
/// section gives replaced by it. Every entry must be one lower-case word
/// without spaces, and only one file may hold `[roles]`; problems go to
/// `errors` as `file:line: roles.<list>: ...`.
pub fn load(files: &[LoadedFile], errors: &mut Vec<RuleError>) -> Arc<Vocabulary> {
    let with_roles: Vec<&LoadedFile> = files.iter().filter(|f| f.file.roles.is_some()).collect();
    let Some(first) = with_roles.first() else {
        return builtin();
    };
    for f in &with_roles[1..] {
        let span = f.file.roles.as_ref().map(|r| r.span()).unwrap_or(0..0);
        errors.push(f.error(
            span,
            format!(
                "roles: a second [roles] section (the first is in {}); keep one",
                first.path.display()
            ),
        ));
    }
    let Some(def) = first.file.roles.as_ref().map(|r| r.get_ref()) else {
        return builtin();
    };
    let mut v = (*builtin()).clone();
    for (list, name) in LISTS {
        let Some(spanned) = def.list(list) else {
            continue;
        };
        let words = spanned.get_ref();
        let mut set = BTreeSet::new();
        for w in words {
            let word = w.get_ref();
            let problem = if word.trim().is_empty() {
                Some("an empty entry".to_string())
            } else if word.chars().any(char::is_whitespace) {
                Some(format!("\"{word}\" holds a space: one word an entry"))
            } else if word.chars().any(char::is_uppercase) {
                Some(format!(
                    "\"{word}\" has capitals: words are compared in lower case, write \"{}\"",
                    word.to_lowercase()
                ))
            } else if set.contains(word) {
                Some(format!("\"{word}\" is listed twice"))
            } else {
                None
            };
            match problem {
                Some(p) => errors.push(first.error(w.span(), format!("roles.{name}: {p}"))),
                None => {
                    set.insert(word.clone());
                }
            }
        }
        if set.is_empty() {
            errors.push(first.error(
                spanned.span(),
                format!("roles.{name}: the list is empty; leave it out to keep the shipped one"),
            ));
        }
        v.lists[list as usize] = set;
    }
    Arc::new(v)
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Vocabulary>>> = const { RefCell::new(None) };
}

/// Makes `v` the vocabulary of this thread until the guard is dropped (the
/// previous one, if any, comes back).
pub fn install(v: Arc<Vocabulary>) -> Installed {
    Installed(CURRENT.with(|c| c.replace(Some(v))))
}

/// Guard of [`install`].
#[derive(Debug)]
pub struct Installed(Option<Arc<Vocabulary>>);

impl Drop for Installed {
    fn drop(&mut self) {
        let prev = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = prev);
    }
}

/// True when `word` (lower case) is in `list` of the installed vocabulary
/// (the shipped one when none is).
pub fn has(list: List, word: &str) -> bool {
    CURRENT.with(|c| match c.borrow().as_ref() {
        Some(v) => v.has(list, word),
        None => BUILTIN.has(list, word),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lists_are_read_from_the_rule_file() {
        let v = builtin();
        for (list, name) in LISTS {
            assert!(v.words(list).next().is_some(), "{name} is empty");
        }
        assert!(v.has(List::PartyNouns, "delegations"));
        assert!(v.has(List::SpeechVerbs, "argued"));
        assert!(!v.has(List::SpeechVerbs, "assistance"));
    }

    #[test]
    fn an_installed_vocabulary_holds_until_its_guard_drops() {
        let mut mine = (*builtin()).clone();
        mine.lists[List::SpeechVerbs as usize].insert("opined".to_string());
        assert!(!has(List::SpeechVerbs, "opined"));
        {
            let _g = install(Arc::new(mine));
            assert!(has(List::SpeechVerbs, "opined"));
        }
        assert!(!has(List::SpeechVerbs, "opined"));
    }
}
