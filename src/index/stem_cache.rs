//! English stems, remembered.
//!
//! Meeting records reuse a small vocabulary ("mine", "clearance", "funding"...):
//! most tokens were stemmed a few lines earlier. Stemming each occurrence cost
//! more than a tenth of the whole ingest (Snowball's suffix tables); a lookup in a
//! per-analyzer table (FxHash: short keys, no untrusted-input DoS concern in a
//! batch over one's own records) makes it a hash probe. The output is the same as tantivy's
//! [`Stemmer`]: a miss is stemmed by that very filter.
//!
//! The table is used by [`super::text_analyzer::FusedAnalyzer`], which hands it each
//! lower-cased, folded word in place.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer, TokenStream};

/// Words remembered per analyzer before the table starts afresh: a few MB at most,
/// far more than a corpus's working vocabulary.
const MAX_ENTRIES: usize = 100_000;

/// A memoised English stemmer. Expects lower-cased words, like [`Stemmer`].
#[derive(Clone)]
pub struct StemCache {
    /// Stems one word (a raw token) on a miss.
    stem_one: TextAnalyzer,
    /// word -> its stem, or `None` when the stem is the word itself: most words
    /// seen again then cost one probe and no copy at all.
    stems: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl StemCache {
    /// An English stemmer with an empty table.
    pub fn english() -> StemCache {
        StemCache {
            stem_one: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            stems: FxHashMap::default(),
        }
    }

    /// Replaces the lower-cased word in `text` with its stem: on a word seen
    /// before, one hash probe and no allocation.
    pub fn stem_in_place(&mut self, text: &mut String) {
        if leaves_alone(text) {
            return;
        }
        match self.stems.get(text.as_str()) {
            Some(Some(stem)) => {
                text.clear();
                text.push_str(stem);
            }
            Some(None) => {}
            None => {
                if let Some(stem) = self.remember(text) {
                    text.clear();
                    text.push_str(&stem);
                }
            }
        }
    }

    /// Stems `word` with Snowball and remembers it; its stem when different.
    fn remember(&mut self, word: &str) -> Option<Box<str>> {
        if self.stems.len() >= MAX_ENTRIES {
            self.stems.clear();
        }
        let mut stream = self.stem_one.token_stream(word);
        let stem: Option<Box<str>> = if stream.advance() && stream.token().text != word {
            Some(stream.token().text.as_str().into())
        } else {
            None
        };
        self.stems.insert(word.into(), stem.clone());
        stem
    }
}

/// Snowball's English stemmer leaves words of one or two letters and numbers as
/// they are: no need to look them up.
fn leaves_alone(word: &str) -> bool {
    word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    /// Each token of `text` stemmed by `stem`.
    fn stemmed(text: &str, mut stem: impl FnMut(&str) -> String) -> Vec<String> {
        let mut words = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        let mut stream = words.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stem(&stream.token().text));
        }
        out
    }

    #[test]
    fn same_stems_as_tantivys_stemmer_also_when_remembered() {
        let mut plain = TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = StemCache::english();
        let text = "The States Parties requested extensions; requesting States \
                    reported clearance of mined areas, clearing 12 km2. Funding, funded, funds. \
                    As of 2025, 1999s and 1,000s: a is by us; ys, 's é, ée, 9s. skies dying news";
        let want = stemmed(text, |w| {
            let mut s = plain.token_stream(w);
            assert!(s.advance());
            s.token().text.clone()
        });
        let mut by_table = |w: &str| stem_of(&mut cached, w);
        assert_eq!(stemmed(text, &mut by_table), want);
        // second pass: every word now comes from the table
        assert_eq!(stemmed(text, &mut by_table), want);
        assert!(want.iter().any(|t| t == "request"));
        assert!(want.iter().any(|t| t == "sky"));
    }

    fn stem_of(cache: &mut StemCache, word: &str) -> String {
        let mut text = word.to_string();
        cache.stem_in_place(&mut text);
        text
    }

    #[test]
    fn a_full_table_starts_afresh() {
        let mut s = StemCache::english();
        for i in 0..MAX_ENTRIES + 5 {
            stem_of(&mut s, &format!("word{i}s"));
        }
        assert!(s.stems.len() <= MAX_ENTRIES);
        assert_eq!(stem_of(&mut s, "requests"), "request");
        // a word that is its own stem is remembered as such
        assert_eq!(stem_of(&mut s, "mine"), "mine");
        assert_eq!(s.stems.get("mine"), Some(&None));
    }
}
