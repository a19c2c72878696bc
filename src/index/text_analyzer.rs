//! The analyzers of the schema's text and name fields, fused into one tokenizer.
//!
//! Both analyzers were once tantivy filter chains:
//! `SimpleTokenizer -> RemoveLongFilter::limit(40) -> LowerCaser -> AsciiFoldingFilter`
//! (names), then `-> Stemmer(English)` (running text). Each stage re-walked the
//! token and some copied it: about 460 instructions per token under callgrind.
//! [`FusedAnalyzer`] does the same in one pass over the text (about 260): it
//! classifies bytes by table, copies an ASCII word once (lower-casing it only when
//! it has a capital), and replaces it by its stem from a [`StemCache`] in place.
//!
//! The token stream is exactly the chain's (text, offsets, positions, position
//! length), so indexes written before and after it hold the same terms: a word with
//! a non-ASCII character is handed to tantivy's own `LowerCaser` and
//! `AsciiFoldingFilter`, whose Unicode tables are not worth copying, and the tests
//! compare both token by token on real records and arbitrary strings.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::stem_cache::StemCache;

/// Words of this many bytes (UTF-8, before lower-casing) or more are dropped, as
/// `RemoveLongFilter::limit(40)` does: they are base64, URLs, runs of digits,
/// nothing anyone searches for, and they bloat the term dictionary.
pub const MAX_WORD_BYTES: usize = 40;

/// tantivy's `LowerCaser` then `AsciiFoldingFilter` over one whole word, named by
/// type rather than boxed in a `TextAnalyzer`: no allocation per word.
type FoldOne = <AsciiFoldingFilter as TokenFilter>::Tokenizer<
    <LowerCaser as TokenFilter>::Tokenizer<RawTokenizer>,
>;

/// A tokenizer that splits, drops long words, lower-cases, folds accents and, for
/// running text, stems, in one pass. See the module documentation.
#[derive(Clone)]
pub struct FusedAnalyzer {
    /// English stems, for running text; `None` for names, which are not stemmed so
    /// that "Japan" never matches "Japanese".
    stems: Option<StemCache>,
    /// Lower-cases and folds one non-ASCII word with tantivy's own filters, so the
    /// result is theirs to the byte.
    fold: FoldOne,
    /// The current token, reused from word to word so its text is not reallocated.
    token: Token,
}

impl FusedAnalyzer {
    /// The running-text analyzer: words, lower case, accents folded, English stems.
    pub fn english() -> FusedAnalyzer {
        FusedAnalyzer::new(Some(StemCache::english()))
    }

    /// The name analyzer: words, lower case, accents folded, no stemming.
    pub fn names() -> FusedAnalyzer {
        FusedAnalyzer::new(None)
    }

    fn new(stems: Option<StemCache>) -> FusedAnalyzer {
        FusedAnalyzer {
            stems,
            fold: AsciiFoldingFilter.transform(LowerCaser.transform(RawTokenizer::default())),
            token: Token::default(),
        }
    }
}

impl Tokenizer for FusedAnalyzer {
    type TokenStream<'a> = FusedTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FusedTokenStream<'a> {
        self.token.reset();
        FusedTokenStream {
            text,
            cursor: 0,
            analyzer: self,
        }
    }
}

/// The token stream of [`FusedAnalyzer`] over one text.
pub struct FusedTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    cursor: usize,
    analyzer: &'a mut FusedAnalyzer,
}

impl TokenStream for FusedTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let analyzer = &mut *self.analyzer;
        loop {
            // Like SimpleTokenizer, every word found takes a position, a dropped
            // long one too: phrase queries must not match across the gap
            analyzer.token.text.clear();
            analyzer.token.position = analyzer.token.position.wrapping_add(1);
            let Some(word) = next_word(self.text, &mut self.cursor) else {
                return false;
            };
            // RemoveLongFilter keeps a token when its length is below the limit
            if word.end - word.start >= MAX_WORD_BYTES {
                continue;
            }
            let token = &mut analyzer.token;
            token.offset_from = word.start;
            token.offset_to = word.end;
            let Some(raw) = self.text.get(word.start..word.end) else {
                // cannot happen: the scanner moves by whole characters
                continue;
            };
            if word.seen & NON_ASCII == 0 {
                token.text.push_str(raw);
                // most words of running text are lower case already
                if word.seen & UPPER != 0 {
                    token.text.make_ascii_lowercase();
                }
            } else {
                let mut folded = analyzer.fold.token_stream(raw);
                if folded.advance() {
                    token.text.push_str(&folded.token().text);
                }
            }
            // a number (ASCII digits only) is its own stem: skip the probe
            if word.seen != DIGIT {
                if let Some(stems) = analyzer.stems.as_mut() {
                    stems.stem_in_place(&mut token.text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.analyzer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.analyzer.token
    }
}

/// Byte classes of [`BYTE_CLASS`], bits so that a word's classes can be or-ed.
/// An ASCII byte that is not alphanumeric: a separator.
const SEPARATOR: u8 = 0;
/// `0-9`.
const DIGIT: u8 = 1;
/// `a-z`.
const LOWER: u8 = 2;
/// `A-Z`.
const UPPER: u8 = 4;
/// Any byte of a non-ASCII character: decode it to know.
const NON_ASCII: u8 = 8;

/// The class of every byte value: one load per byte instead of range tests, in
/// the loop that sees every byte of every text indexed.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            _ => SEPARATOR,
        };
        b += 1;
    }
    table
};

/// A word's byte range in the text, and the classes of its bytes.
struct Word {
    start: usize,
    end: usize,
    /// [`DIGIT`], [`LOWER`], [`UPPER`], [`NON_ASCII`] or-ed over the word.
    seen: u8,
}

/// The alphanumeric character starting at byte `i` of `text`, and its length, or
/// `None` when it is not alphanumeric (or `i` is not a character boundary).
fn alphanumeric_at(text: &str, i: usize) -> Option<usize> {
    let c = text.get(i..)?.chars().next()?;
    c.is_alphanumeric().then(|| c.len_utf8())
}

/// The next run of `char::is_alphanumeric` characters at or after `*cursor` (the
/// words of `SimpleTokenizer`), moving the cursor past it. ASCII bytes are
/// classified by table; only a non-ASCII character is decoded.
fn next_word(text: &str, cursor: &mut usize) -> Option<Word> {
    let bytes = text.as_bytes();
    let mut i = *cursor;
    let start = loop {
        let &b = bytes.get(i)?;
        match BYTE_CLASS[usize::from(b)] {
            SEPARATOR => i += 1,
            NON_ASCII => match alphanumeric_at(text, i) {
                Some(_) => break i,
                // `i` is on a character boundary: it only ever moves by whole
                // characters
                None => i += text.get(i..)?.chars().next()?.len_utf8(),
            },
            _ => break i,
        }
    };
    let mut seen = 0;
    while let Some(&b) = bytes.get(i) {
        let class = BYTE_CLASS[usize::from(b)];
        if class & (DIGIT | LOWER | UPPER) != 0 {
            seen |= class;
            i += 1;
            continue;
        }
        if class == SEPARATOR {
            break;
        }
        let Some(len) = alphanumeric_at(text, i) else {
            break;
        };
        seen |= NON_ASCII;
        i += len;
    }
    *cursor = i;
    Some(Word {
        start,
        end: i,
        seen,
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;
    use tantivy::tokenizer::{
        Language, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenizerManager,
    };

    use super::*;
    use crate::index::schema::{register_analyzers, NAME_ANALYZER, TEXT_ANALYZER};

    /// tantivy's own chains, the reference: what the analyzers were before fusion.
    fn reference(stem: bool) -> TextAnalyzer {
        let chain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        if stem {
            chain.filter(Stemmer::new(Language::English)).build()
        } else {
            chain.build()
        }
    }

    /// The analyzers as the schema registers them.
    fn registered() -> (TextAnalyzer, TextAnalyzer) {
        let manager = TokenizerManager::default();
        register_analyzers(&manager);
        let get = |name: &str| {
            manager
                .get(name)
                .unwrap_or_else(|| panic!("{name} is registered"))
        };
        (get(TEXT_ANALYZER), get(NAME_ANALYZER))
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push(t.clone()));
        out
    }

    /// The registered analyzers and their references, kept across texts so that
    /// the stem table fills up as it does during an ingest.
    struct Comparison {
        text: TextAnalyzer,
        names: TextAnalyzer,
        text_ref: TextAnalyzer,
        names_ref: TextAnalyzer,
        tokens: usize,
    }

    impl Comparison {
        fn new() -> Comparison {
            let (text, names) = registered();
            Comparison {
                text,
                names,
                text_ref: reference(true),
                names_ref: reference(false),
                tokens: 0,
            }
        }

        /// Runs each analyzer and its reference over `input`; the first
        /// difference, described, if any.
        fn difference(&mut self, input: &str) -> Option<String> {
            let pairs = [
                (TEXT_ANALYZER, &mut self.text, &mut self.text_ref),
                (NAME_ANALYZER, &mut self.names, &mut self.names_ref),
            ];
            for (name, fused, chain) in pairs {
                let want = tokens(chain, input);
                let got = tokens(fused, input);
                self.tokens += want.len();
                for i in 0..want.len().max(got.len()) {
                    if want.get(i) != got.get(i) {
                        let source = want
                            .get(i)
                            .or(got.get(i))
                            .map_or("", |t| input.get(t.offset_from..t.offset_to).unwrap_or("?"));
                        return Some(format!(
                            "{name}, token {i} (source {source:?}):\n  chain: {:?}\n  fused: {:?}",
                            want.get(i),
                            got.get(i)
                        ));
                    }
                }
            }
            None
        }
    }

    #[test]
    fn same_tokens_on_edge_cases() {
        let mut cmp = Comparison::new();
        let a39 = "a".repeat(39);
        let a40 = "a".repeat(40);
        let a41 = "a".repeat(41);
        // 38 ASCII bytes + 'é' (2 bytes) = 40 bytes but 39 characters: dropped
        let e40 = format!("{}é", "b".repeat(38));
        let e39 = format!("{}é", "b".repeat(37));
        // 'İ' lower-cases to 3 bytes: 39 bytes before, 40 after; kept
        let i39 = format!("{}İ", "c".repeat(37));
        let cases = [
            "",
            "   ,.;",
            "The States Parties requested extensions; requesting States reported",
            "clearance of mined areas, clearing 12 km2. Funding, funded, funds.",
            "As of 2025, 1999s and 1,000s: a is by us; ys, 's é, ée, 9s.",
            "Côte d'Ivoire, Türkiye, TÜRKİYE, İstanbul, ıi, Straße, STRASSE, ẞ",
            "ﬁnancial ﬂows, œuvre, Æsir, Œ, Ĳssel, ǅ",
            "日本 中文字 한국어 русский ТЕКСТ Ελληνικά ΣΊΣΥΦΟΣ",
            "mine😀action 👍🏽 e\u{301}te\u{301} cafe\u{308}s",
            "Article5 5th 2nd ４２ ①② ½ Ⅻ x²",
            "skies dying news lying tying ugly early only singly sky howe atlas",
            &a39,
            &a40,
            &a41,
            &e40,
            &e39,
            &i39,
            &format!("{a39} x {a40} y {a41} z {e40} w {i39} end"),
        ];
        for case in cases {
            // twice: the second pass takes every stem from the table
            for _ in 0..2 {
                if let Some(d) = cmp.difference(case) {
                    panic!("on {case:?}: {d}");
                }
            }
        }
        // the edge cases really are edges
        let (mut text, _) = registered();
        let kept: Vec<(usize, usize)> =
            tokens(&mut text, &format!("{a39} {a40} {e39} {e40} {i39}"))
                .into_iter()
                .map(|t| (t.position, t.text.len()))
                .collect();
        // 40-byte words dropped, their positions left empty; İ's word grew to 40
        assert_eq!(kept, [(0, 39), (2, 38), (4, 40)]);
    }

    /// Every `.txt` and `.md` file under `dir`, recursively.
    fn text_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn same_tokens_on_every_record_at_hand() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = text_files(&root.join("corpus"));
        assert!(files.len() >= 10, "the sample corpus is in corpus/");
        let shared = std::env::var_os("AGENDEX_SHARED")
            .map_or_else(|| root.join("../shared"), PathBuf::from);
        for sub in ["seeds", "corpus-real"] {
            let dir = shared.join(sub);
            if dir.is_dir() {
                files.extend(text_files(&dir));
            } else {
                eprintln!(
                    "skipping: {} not found (set AGENDEX_SHARED to the shared folder)",
                    dir.display()
                );
            }
        }
        let mut cmp = Comparison::new();
        for file in &files {
            let text =
                std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            // whole file, then line by line as segments and titles are indexed
            // (one table across files: most words come from it)
            if let Some(d) = cmp.difference(&text) {
                panic!("{}: {d}", file.display());
            }
            for line in text.lines() {
                if let Some(d) = cmp.difference(line) {
                    panic!("{}: {d}", file.display());
                }
            }
        }
        eprintln!("{} files, {} tokens compared", files.len(), cmp.tokens);
        assert!(cmp.tokens > 10_000);
    }

    /// Text made of the characters where the chain's stages disagree with a naive
    /// ASCII reading, plus word lengths around the 40-byte limit.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9]{1,12}",
            "[a-z]{37,42}",
            "[a-zé]{36,41}",
            "(ﬁ|ﬂ|ß|ẞ|İ|ı|é|É|è|ç|Ç|œ|Œ|æ|Æ|ñ|ø|Å|ǅ|Σ|ς|ё|Ё|中|文|한|😀|👍🏽|\u{301}|\u{308}|\u{200d}|½|²|①|４|Ⅻ|[a-zA-Z0-9]){1,16}",
            "[ .,;:'’()\\-\n\t]{1,3}",
        ];
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn same_tokens_on_arbitrary_text(text in any::<String>()) {
            let mut cmp = Comparison::new();
            let d = cmp.difference(&text);
            prop_assert!(d.is_none(), "{}", d.unwrap_or_default());
        }

        #[test]
        fn same_tokens_on_tricky_text(text in tricky_text()) {
            let mut cmp = Comparison::new();
            for _ in 0..2 {
                let d = cmp.difference(&text);
                prop_assert!(d.is_none(), "{}", d.unwrap_or_default());
            }
        }
    }
}
