//! Context conditions: trigger words in the same sentence, or within N words
//! before or after a match. They turn "June 2015" after "by" into a deadline, and
//! keep "Japan Tobacco"-style traps out when a rule says so.

use super::rule_file::ContextDef;

/// Where a trigger must stand relative to the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Ending at most `within` words before the match.
    Before,
    /// Starting at most `within` words after the match.
    After,
    /// Anywhere in the sentence outside the match.
    Sentence,
}

/// What a satisfied (or unsatisfied) condition does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// No trigger: the match is dropped.
    Require,
    /// A trigger: the match is dropped.
    Forbid,
    /// A trigger: attribute `attr` is set to the trigger text (or `value`).
    Tag {
        /// Attribute name (`deadline` for dates).
        attr: String,
        /// Fixed value, else the trigger as written in the rule.
        value: Option<String>,
    },
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub struct Context {
    /// Triggers as lower-case word sequences, longest first.
    pub triggers: Vec<Vec<String>>,
    /// Each trigger's words joined by single spaces, as `find` reports it.
    pub joined: Vec<String>,
    /// Where.
    pub place: Place,
    /// Gap allowed, in words.
    pub within: usize,
    /// Effect.
    pub effect: Effect,
    /// The triggers' distinct last words, each with its triggers' indices in
    /// ascending order: a `before` trigger can only end on the word just before
    /// the gap, so `find` checks the few triggers ending on that word.
    by_last: Vec<(String, Vec<usize>)>,
}

/// Words of a sentence: byte ranges (relative to the sentence) and lower-case text.
pub struct Words {
    /// Each word's range in the sentence, and its lower-case form's in `lower`.
    words: Vec<(usize, usize, std::ops::Range<usize>)>,
    /// The lower-case forms one after the other: a sentence is split for every
    /// rule match with contexts, and one buffer saves an allocation per word.
    lower: String,
}

/// Splits `text` into lower-case words (letters, digits, inner apostrophes).
pub fn words_of(text: &str) -> Vec<String> {
    let w = Words::new(text);
    w.words.iter().map(|x| w.lower_of(x).to_string()).collect()
}

/// Records word `s..e` of `text`; `lower` starts as `text` lower-cased in ASCII.
fn push_word(
    text: &str,
    words: &mut Vec<(usize, usize, std::ops::Range<usize>)>,
    lower: &mut String,
    s: usize,
    e: usize,
    ascii: bool,
) {
    if ascii {
        words.push((s, e, s..e));
    } else {
        let at = lower.len();
        lower.push_str(&text[s..e].to_lowercase());
        words.push((s, e, at..lower.len()));
    }
}

impl Words {
    /// Words of `text`.
    pub fn new(text: &str) -> Words {
        // about one word per six bytes of running text: few reallocations
        let mut words = Vec::with_capacity(text.len() / 6 + 1);
        // ASCII lower-casing of the whole sentence leaves every ASCII word's
        // lower-case form at the word's own range, and is what `to_lowercase` does
        // to ASCII; a word with other letters gets `to_lowercase` (final sigma,
        // lengths that change) appended after the sentence.
        let mut lower = text.to_ascii_lowercase();
        let bytes = text.as_bytes();
        // whether the char at byte `j` (a boundary, or the end) is alphanumeric
        let alnum_at = |j: usize| match bytes.get(j) {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => text
                .get(j..)
                .and_then(|t| t.chars().next())
                .is_some_and(|c| c.is_alphanumeric()),
        };
        let mut start: Option<usize> = None;
        let mut ascii_word = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (in_word, len) = if b.is_ascii() {
                let w = b.is_ascii_alphanumeric()
                    || b == b'$'
                    || b == b'%'
                    || (b == b'\'' && start.is_some() && alnum_at(i + 1));
                (w, 1)
            } else {
                let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                let len = c.len_utf8();
                let w = c.is_alphanumeric() || (c == '’' && start.is_some() && alnum_at(i + len));
                (w, len)
            };
            if in_word {
                if start.is_none() {
                    start = Some(i);
                    ascii_word = true;
                }
                ascii_word &= len == 1;
            } else if let Some(s) = start.take() {
                push_word(text, &mut words, &mut lower, s, i, ascii_word);
            }
            i += len;
        }
        if let Some(s) = start {
            push_word(text, &mut words, &mut lower, s, text.len(), ascii_word);
        }
        Words { words, lower }
    }

    fn lower_of(&self, w: &(usize, usize, std::ops::Range<usize>)) -> &str {
        self.lower.get(w.2.clone()).unwrap_or("")
    }

    /// Whether word `w` is `t`: compared as bytes, which needs no char-boundary
    /// check (the ranges are boundaries by construction).
    #[inline]
    fn word_is(&self, w: &(usize, usize, std::ops::Range<usize>), t: &str) -> bool {
        w.2.len() == t.len() && self.lower.as_bytes().get(w.2.clone()) == Some(t.as_bytes())
    }

    #[inline]
    fn seq_at(&self, at: usize, trig: &[String]) -> bool {
        at + trig.len() <= self.words.len()
            && self.words[at..at + trig.len()]
                .iter()
                .zip(trig)
                .all(|(w, t)| self.word_is(w, t))
    }

    /// The first trigger of `ctx` satisfied around the match `start..end`
    /// (relative to the sentence), as written in the rule (lower case).
    pub fn find<'c>(&self, ctx: &'c Context, start: usize, end: usize) -> Option<&'c str> {
        let hit = |k: usize| ctx.joined.get(k).map(String::as_str);
        match ctx.place {
            Place::Before => {
                // words end in increasing order: those ending by `start` are a prefix
                let idx = self.words.partition_point(|w| w.1 <= start);
                for gap in 0..=ctx.within {
                    let Some(last) = idx.checked_sub(gap + 1).and_then(|i| self.words.get(i))
                    else {
                        break;
                    };
                    let Some((_, ks)) = ctx.by_last.iter().find(|(w, _)| self.word_is(last, w))
                    else {
                        continue;
                    };
                    for &k in ks {
                        let Some(t) = ctx.triggers.get(k) else {
                            continue;
                        };
                        if idx >= gap + t.len() && self.seq_at(idx - gap - t.len(), t) {
                            return hit(k);
                        }
                    }
                }
                None
            }
            Place::After => {
                let idx = self.words.partition_point(|w| w.0 < end);
                for gap in 0..=ctx.within {
                    for (k, t) in ctx.triggers.iter().enumerate() {
                        if self.seq_at(idx + gap, t) {
                            return hit(k);
                        }
                    }
                }
                None
            }
            Place::Sentence => {
                for (k, t) in ctx.triggers.iter().enumerate() {
                    for at in 0..self.words.len() {
                        if self.seq_at(at, t) {
                            let (s, e) = (self.words[at].0, self.words[at + t.len() - 1].1);
                            if e <= start || s >= end {
                                return hit(k);
                            }
                        }
                    }
                }
                None
            }
        }
    }
}

/// Compiles a context definition; `Err` says what is wrong.
pub fn compile(def: &ContextDef) -> Result<Context, String> {
    let place = match def.place.as_str() {
        "before" => Place::Before,
        "after" => Place::After,
        "sentence" => Place::Sentence,
        other => {
            return Err(format!(
                "context: where = \"{other}\" is unknown: use before, after or sentence"
            ))
        }
    };
    let effect = match def.effect.as_str() {
        "require" => Effect::Require,
        "forbid" => Effect::Forbid,
        "tag" => Effect::Tag {
            attr: def
                .attr
                .clone()
                .ok_or("context: effect = \"tag\" needs attr = \"...\" (e.g. \"deadline\")")?,
            value: def.value.clone(),
        },
        other => {
            return Err(format!(
                "context: effect = \"{other}\" is unknown: use require, forbid or tag"
            ))
        }
    };
    let mut triggers: Vec<Vec<String>> = def
        .words
        .iter()
        .map(|w| words_of(w))
        .filter(|w| !w.is_empty())
        .collect();
    if triggers.is_empty() {
        return Err("context: words = [...] is empty".into());
    }
    triggers.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let joined = triggers.iter().map(|t| t.join(" ")).collect();
    let mut by_last: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, t) in triggers.iter().enumerate() {
        let Some(last) = t.last() else { continue };
        match by_last.iter_mut().find(|(w, _)| w == last) {
            Some((_, ks)) => ks.push(k),
            None => by_last.push((last.clone(), vec![k])),
        }
    }
    Ok(Context {
        triggers,
        joined,
        place,
        within: def.within,
        effect,
        by_last,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Words as they were split before the shared buffer: one `to_lowercase` each.
    fn reference_words(text: &str) -> Vec<(usize, usize, String)> {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let inner_apos = (c == '\'' || c == '’')
                && start.is_some()
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric());
            if c.is_alphanumeric() || inner_apos || (c == '$' || c == '%') {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start.take() {
                words.push((s, i, text[s..i].to_lowercase()));
            }
        }
        if let Some(s) = start {
            words.push((s, text.len(), text[s..].to_lowercase()));
        }
        words
    }

    fn split(text: &str) -> Vec<(usize, usize, String)> {
        let w = Words::new(text);
        w.words
            .iter()
            .map(|x| (x.0, x.1, w.lower_of(x).to_string()))
            .collect()
    }

    #[test]
    fn words_lower_case_like_to_lowercase() {
        for t in [
            "ΟΔΟΣ Σ ΣΑΣ",
            "İstanbul STRASSE Straße",
            "O’Neil's 5% $3",
            "État-Unis",
        ] {
            assert_eq!(split(t), reference_words(t), "{t}");
        }
    }

    /// `Words::find` as it was before `partition_point`: linear counts, and the
    /// trigger joined on every hit.
    fn reference_find(w: &Words, ctx: &Context, start: usize, end: usize) -> Option<String> {
        match ctx.place {
            Place::Before => {
                let idx = w.words.iter().take_while(|x| x.1 <= start).count();
                for gap in 0..=ctx.within {
                    for t in &ctx.triggers {
                        if idx >= gap + t.len() && w.seq_at(idx - gap - t.len(), t) {
                            return Some(t.join(" "));
                        }
                    }
                }
                None
            }
            Place::After => {
                let idx = w.words.iter().take_while(|x| x.0 < end).count();
                for gap in 0..=ctx.within {
                    for t in &ctx.triggers {
                        if w.seq_at(idx + gap, t) {
                            return Some(t.join(" "));
                        }
                    }
                }
                None
            }
            Place::Sentence => {
                for t in &ctx.triggers {
                    for at in 0..w.words.len() {
                        if w.seq_at(at, t) {
                            let (s, e) = (w.words[at].0, w.words[at + t.len() - 1].1);
                            if e <= start || s >= end {
                                return Some(t.join(" "));
                            }
                        }
                    }
                }
                None
            }
        }
    }

    proptest! {
        #[test]
        fn words_match_the_reference(t in "[a-zA-Z0-9 '’$%.,ΣσςİIıÉéß\u{0301}\u{212a}\u{2019}\u{00a0}–-]{0,40}") {
            prop_assert_eq!(split(&t), reference_words(&t));
        }

        #[test]
        fn words_match_the_reference_on_any_text(t in "\\PC{0,60}") {
            prop_assert_eq!(split(&t), reference_words(&t));
        }

        #[test]
        fn find_matches_the_reference(
            t in "[a-d '’$%.ΣσΑ]{0,40}",
            trig in prop::collection::vec("[a-d]{1,2}( [a-d]{1,2})?", 1..4),
            place in prop::sample::select(&["before", "after", "sentence"][..]),
            within in 0usize..3,
            a in 0usize..45,
            len in 0usize..10,
        ) {
            let trig: Vec<&str> = trig.iter().map(String::as_str).collect();
            let c = ctx(&trig, place, within);
            let w = Words::new(&t);
            let (start, end) = (a.min(t.len()), (a + len).min(t.len()));
            prop_assert_eq!(w.find(&c, start, end).map(str::to_string), reference_find(&w, &c, start, end));
        }
    }

    fn ctx(words: &[&str], place: &str, within: usize) -> Context {
        let def = ContextDef {
            words: words.iter().map(|s| s.to_string()).collect(),
            place: place.into(),
            within,
            effect: "require".into(),
            attr: None,
            value: None,
        };
        match compile(&def) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn before_after_and_sentence_triggers() {
        let s = "to be submitted by June 2015 at the latest";
        let (a, b) = (19, 28); // "June 2015"
        assert_eq!(&s[a..b], "June 2015");
        let w = Words::new(s);
        assert_eq!(
            w.find(&ctx(&["by", "no later than"], "before", 0), a, b),
            Some("by")
        );
        assert_eq!(w.find(&ctx(&["submitted"], "before", 0), a, b), None);
        assert_eq!(
            w.find(&ctx(&["submitted"], "before", 1), a, b),
            Some("submitted")
        );
        assert_eq!(
            w.find(&ctx(&["at the latest"], "after", 0), a, b),
            Some("at the latest")
        );
        assert!(w.find(&ctx(&["latest"], "sentence", 0), a, b).is_some());
        assert!(w.find(&ctx(&["june"], "sentence", 0), a, b).is_none());
    }
}
