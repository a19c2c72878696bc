//! An English stemmer token filter that remembers its stems.
//!
//! Meeting records reuse a small vocabulary ("mine", "clearance", "funding"...):
//! most tokens were stemmed a few lines earlier. Stemming each occurrence cost
//! more than a tenth of the whole ingest (Snowball's suffix tables); a lookup in a
//! per-analyzer table (FxHash: short keys, no untrusted-input DoS concern in a
//! batch over one's own records) makes it a hash probe. The output is the same as tantivy's
//! [`Stemmer`]: a miss is stemmed by that very filter.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per analyzer before the table starts afresh: a few MB at most,
/// far more than a corpus's working vocabulary.
const MAX_ENTRIES: usize = 100_000;

/// Token filter: English stems, memoised. Expects lower-cased tokens, like [`Stemmer`].
#[derive(Clone)]
pub struct CachedStemmer {
    /// Stems one word (a raw token) on a miss.
    stem_one: TextAnalyzer,
    stems: FxHashMap<String, String>,
}

impl CachedStemmer {
    /// An English stemmer with an empty table.
    pub fn english() -> CachedStemmer {
        CachedStemmer {
            stem_one: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            stems: FxHashMap::default(),
        }
    }

    /// The stem of `word`, from the table or computed and remembered.
    fn stem(&mut self, word: &str) -> &str {
        if !self.stems.contains_key(word) {
            if self.stems.len() >= MAX_ENTRIES {
                self.stems.clear();
            }
            let mut stream = self.stem_one.token_stream(word);
            let stem = if stream.advance() {
                stream.token().text.clone()
            } else {
                word.to_string()
            };
            self.stems.insert(word.to_string(), stem);
        }
        // present: inserted above when it was not
        self.stems.get(word).map_or("", String::as_str)
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: self,
        }
    }
}

/// [`CachedStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: CachedStemmer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
        }
    }
}

/// The token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut CachedStemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // Snowball's English stemmer leaves words of one or two letters and
        // numbers as they are: no need to look them up
        if token.text.len() <= 2 || token.text.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        let stem = self.stemmer.stem(&token.text);
        if token.text != stem {
            token.text.clear();
            token.text.push_str(stem);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_stemmer_also_when_remembered() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer::english())
            .build();
        let text = "The States Parties requested extensions; requesting States \
                    reported clearance of mined areas, clearing 12 km2. Funding, funded, funds. \
                    As of 2025, 1999s and 1,000s: a is by us; ys, 's é, ée, 9s.";
        let want = tokens(&mut plain, text);
        assert_eq!(tokens(&mut cached, text), want);
        // second pass: every word now comes from the table
        assert_eq!(tokens(&mut cached, text), want);
        assert!(want.iter().any(|t| t.0 == "request"));
    }

    #[test]
    fn a_full_table_starts_afresh() {
        let mut s = CachedStemmer::english();
        for i in 0..MAX_ENTRIES + 5 {
            s.stem(&format!("word{i}s"));
        }
        assert!(s.stems.len() <= MAX_ENTRIES);
        assert_eq!(s.stem("requests"), "request");
    }
}
