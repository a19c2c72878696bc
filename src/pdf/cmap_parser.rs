//! `/ToUnicode` and encoding CMaps: codespace ranges, `bfchar` and `bfrange`.
//!
//! Written here rather than taken from lopdf because lopdf expands every range
//! into a reverse map (a hostile `<0000> <FFFFFFFF>` range would take minutes)
//! and rejects a whole CMap for one malformed entry.

use std::collections::HashMap;

use super::content_lexer::{Lexer, Token};

/// Ranges larger than this stay ranges instead of being expanded into the map.
const EXPAND_LIMIT: u32 = 1 << 12;
/// At most this many mappings are kept from one CMap.
const MAX_MAPPINGS: usize = 1 << 20;

/// A parsed CMap.
#[derive(Debug, Default, Clone)]
pub(crate) struct CMap {
    /// `(low, high, code length in bytes)` from `begincodespacerange`.
    pub codespace: Vec<(u32, u32, u8)>,
    /// Code (with its length) to text.
    single: HashMap<(u32, u8), Box<str>>,
    /// Large ranges: low, high, length, first target as UTF-16 units.
    ranges: Vec<(u32, u32, u8, Vec<u16>)>,
}

impl CMap {
    /// Parses a CMap; what cannot be read is skipped.
    pub fn parse(bytes: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(bytes);
        let mut operands: Vec<Token<'_>> = Vec::new();
        let mut section: &[u8] = b"";
        while let Some(tok) = lexer.next_token() {
            match tok {
                Token::Op(op) => {
                    match op {
                        b"begincodespacerange"
                        | b"beginbfchar"
                        | b"beginbfrange"
                        | b"begincidrange"
                        | b"begincidchar" => section = op,
                        b"endcodespacerange" => {
                            for pair in operands.chunks_exact(2) {
                                if let (Token::Hex(lo), Token::Hex(hi)) = (&pair[0], &pair[1]) {
                                    let len = lo.len().clamp(1, 4) as u8;
                                    cmap.codespace.push((code_of(lo), code_of(hi), len));
                                }
                            }
                            section = b"";
                        }
                        b"endbfchar" => {
                            for pair in operands.chunks_exact(2) {
                                if let Token::Hex(src) = &pair[0] {
                                    let len = src.len().clamp(1, 4) as u8;
                                    let text = match &pair[1] {
                                        Token::Hex(dst) => utf16_text(dst),
                                        Token::Name(n) => {
                                            super::font_encoding::glyph_name_to_unicode(n)
                                                .unwrap_or_default()
                                        }
                                        _ => continue,
                                    };
                                    cmap.insert(code_of(src), len, text.into_boxed_str());
                                }
                            }
                            section = b"";
                        }
                        b"endbfrange" => {
                            cmap.read_bfranges(&operands);
                            section = b"";
                        }
                        _ => {}
                    }
                    if section.is_empty() || op.starts_with(b"begin") {
                        operands.clear();
                    }
                }
                Token::ArrayOpen | Token::ArrayClose => operands.push(tok),
                other => {
                    if !section.is_empty() && operands.len() < 1 << 16 {
                        operands.push(other);
                    }
                }
            }
        }
        cmap
    }

    fn insert(&mut self, code: u32, len: u8, text: Box<str>) {
        if self.single.len() < MAX_MAPPINGS {
            self.single.insert((code, len), text);
        }
    }

    fn read_bfranges(&mut self, ops: &[Token<'_>]) {
        let mut i = 0;
        while i + 2 < ops.len() {
            let (Token::Hex(lo), Token::Hex(hi)) = (&ops[i], &ops[i + 1]) else {
                i += 1;
                continue;
            };
            let len = lo.len().clamp(1, 4) as u8;
            let (lo_c, hi_c) = (code_of(lo), code_of(hi));
            match &ops[i + 2] {
                Token::Hex(dst) => {
                    let base: Vec<u16> = utf16_units(dst);
                    if hi_c >= lo_c && hi_c - lo_c < EXPAND_LIMIT {
                        for (k, code) in (lo_c..=hi_c).enumerate() {
                            let mut units = base.clone();
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(k as u16);
                            }
                            self.insert(
                                code,
                                len,
                                String::from_utf16_lossy(&units).into_boxed_str(),
                            );
                        }
                    } else if hi_c >= lo_c {
                        self.ranges.push((lo_c, hi_c, len, base));
                    }
                    i += 3;
                }
                Token::ArrayOpen => {
                    let mut j = i + 3;
                    let mut code = lo_c;
                    while j < ops.len() && !matches!(ops[j], Token::ArrayClose) {
                        if let Token::Hex(dst) = &ops[j] {
                            if code <= hi_c {
                                self.insert(code, len, utf16_text(dst).into_boxed_str());
                            }
                            code = code.saturating_add(1);
                        }
                        j += 1;
                    }
                    i = j + 1;
                }
                _ => i += 3,
            }
        }
    }

    /// The text of `code` (`len` bytes), if the CMap maps it.
    pub fn lookup(&self, code: u32, len: u8) -> Option<&str> {
        self.single.get(&(code, len)).map(|t| &**t)
    }

    /// Text of a large-range code (computed, so it is returned owned).
    pub fn lookup_range(&self, code: u32, len: u8) -> Option<String> {
        self.ranges
            .iter()
            .find(|(lo, hi, l, _)| *l == len && (*lo..=*hi).contains(&code))
            .map(|(lo, _, _, base)| {
                let mut units = base.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((code - lo) as u16);
                }
                String::from_utf16_lossy(&units)
            })
    }

    /// True when the CMap has large ranges that [`CMap::lookup`] does not cover.
    #[cfg(test)]
    pub fn has_ranges(&self) -> bool {
        !self.ranges.is_empty()
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => *a as u16,
            _ => 0xfffd,
        })
        .collect()
}

fn utf16_text(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_bfrange_map_codes() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <FB01> endbfchar
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<0078> <00790079>] endbfrange
            endcmap";
        let m = CMap::parse(src);
        assert_eq!(m.codespace, vec![(0, 0xffff, 2)]);
        assert_eq!(m.lookup(3, 2), Some(" "));
        assert_eq!(m.lookup(0x11, 2), Some("\u{fb01}"));
        assert_eq!(m.lookup(0x25, 2), Some("B"));
        assert_eq!(m.lookup(0x26, 2), Some("C"));
        assert_eq!(m.lookup(0x31, 2), Some("yy"));
        assert_eq!(m.lookup(0x27, 2), None);
    }

    #[test]
    fn huge_ranges_stay_ranges() {
        let m = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.has_ranges());
        assert_eq!(m.lookup_range(1, 4).as_deref(), Some("B"));
    }
}
