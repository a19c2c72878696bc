//! Fonts: from the bytes of a shown string to Unicode text and glyph widths.
//!
//! Simple fonts (Type 1, TrueType, Type 3) map one byte to a glyph through a base
//! encoding (WinAnsi, MacRoman, Standard), a `/Differences` array of glyph names,
//! or a `/ToUnicode` CMap; composite fonts (Type 0, e.g. Identity-H) map 2-byte
//! codes through their `/ToUnicode` CMap. Widths come from `/Widths`, `/W` and
//! `/DW`, or from base-14 metrics when a non-embedded standard font has none.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::base14_metrics::base14_widths;
use super::cmap_parser::CMap;
use super::font_encoding::simple_encoding;

/// The largest stream (ToUnicode CMap, encoding CMap) a font may inflate to.
const MAX_FONT_STREAM: usize = 16 << 20;

/// A font ready to decode shown strings.
pub(crate) struct Font {
    /// Type 0 (composite) font with multi-byte codes.
    composite: bool,
    /// Code lengths of a composite font's encoding CMap (bytes), from its codespace.
    codespace: Vec<(u32, u32, u8)>,
    /// The `/ToUnicode` CMap, if any.
    to_unicode: Option<CMap>,
    /// Unicode text of each byte code of a simple font (before ToUnicode).
    simple: Vec<Option<Box<str>>>,
    /// Width of each byte code (glyph space / 1000 scaled to text space).
    simple_widths: Vec<f32>,
    /// Composite font widths by CID (text space).
    cid_widths: HashMap<u32, f32>,
    /// Width when none is given.
    default_width: f32,
    /// Symbol or dingbat font (its private-use codes are bullets).
    symbolic_name: bool,
    /// A bold face (by name, weight or the ForceBold flag).
    pub bold: bool,
}

/// One decoded code of a shown string.
pub(crate) struct DecodedGlyph<'a> {
    /// Its Unicode text (may be empty, or several chars for ligatures).
    pub text: &'a str,
    /// Horizontal displacement in text space units (before font size).
    pub width: f32,
    /// A single-byte code 32: word spacing (`Tw`) applies to it.
    pub is_word_space: bool,
}

impl Font {
    /// A font that decodes bytes as Latin-1 with 0.5 em widths: used when a
    /// content stream names a font the page does not have.
    pub fn fallback() -> Font {
        let simple = (0u32..256)
            .map(|c| char::from_u32(c).map(|ch| ch.to_string().into_boxed_str()))
            .collect();
        Font {
            composite: false,
            codespace: Vec::new(),
            to_unicode: None,
            simple,
            simple_widths: vec![0.5; 256],
            cid_widths: HashMap::new(),
            default_width: 0.5,
            symbolic_name: false,
            bold: false,
        }
    }

    /// Reads a font dictionary. Never fails: what cannot be read falls back to
    /// defaults, so a damaged font costs characters, not the page.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"Type1");
        let raw_name = name_of(doc, dict, b"BaseFont").unwrap_or_default();
        let name = strip_subset(&raw_name).to_string();
        let lower = name.to_ascii_lowercase();
        let symbolic_name =
            lower.contains("symbol") || lower.contains("wingding") || lower.contains("dingbat");
        let to_unicode = deref(doc, dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| {
                s.decompressed_content_with_limit(MAX_FONT_STREAM)
                    .ok()
                    .or_else(|| Some(s.content.clone()))
            })
            .map(|bytes| CMap::parse(&bytes));

        if subtype == b"Type0" {
            let mut font = Font::load_composite(doc, dict, to_unicode, symbolic_name);
            font.bold = is_bold(&lower, None);
            return font;
        }

        let descriptor =
            deref(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        let flags = descriptor
            .and_then(|d| d.get(b"Flags").ok())
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        let symbolic_flag = flags & 4 != 0 && flags & 32 == 0;
        let simple = simple_encoding(doc, dict, subtype, symbolic_flag, symbolic_name);

        // Type 3 glyph widths are in glyph space, scaled by the FontMatrix
        let scale = if subtype == b"Type3" {
            deref(doc, dict.get(b"FontMatrix").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(number)
                .map(|a| a.abs())
                .filter(|a| *a > 0.0 && a.is_finite())
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let missing = descriptor
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(number)
            .filter(|w| *w > 0.0);
        let base14 = base14_widths(&name);
        let mut simple_widths: Vec<f32> = (0..256)
            .map(|c| {
                let w = base14.map_or(500.0, |table| table(c as u8));
                w * 0.001
            })
            .collect();
        if let Some(widths) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
            let first = dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0)
                .clamp(0, 255) as usize;
            if let Some(m) = missing {
                simple_widths.iter_mut().for_each(|w| *w = m * scale);
            }
            for (i, w) in widths.iter().enumerate() {
                let Some(slot) = simple_widths.get_mut(first + i) else {
                    break;
                };
                if let Some(v) = deref(doc, Some(w)).and_then(number) {
                    *slot = v * scale;
                }
            }
        }
        Font {
            composite: false,
            codespace: Vec::new(),
            to_unicode,
            simple,
            simple_widths,
            cid_widths: HashMap::new(),
            default_width: 0.5,
            symbolic_name,
            bold: is_bold(&lower, descriptor),
        }
    }

    fn load_composite(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: Option<CMap>,
        symbolic_name: bool,
    ) -> Font {
        // an embedded encoding CMap gives the code lengths; the predefined
        // Identity and UCS2 CMaps all use 2 bytes
        let codespace = deref(doc, dict.get(b"Encoding").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content_with_limit(MAX_FONT_STREAM).ok())
            .map(|bytes| CMap::parse(&bytes).codespace)
            .unwrap_or_default();
        let descendant = deref(doc, dict.get(b"DescendantFonts").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, Some(o)))
            .and_then(|o| o.as_dict().ok());
        let mut default_width = 1.0;
        let mut cid_widths = HashMap::new();
        if let Some(desc) = descendant {
            if let Some(dw) = desc.get(b"DW").ok().and_then(number) {
                default_width = dw * 0.001;
            }
            if let Some(w) = deref(doc, desc.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                parse_w_array(doc, w, &mut cid_widths);
            }
        }
        Font {
            composite: true,
            codespace,
            to_unicode,
            simple: Vec::new(),
            simple_widths: Vec::new(),
            cid_widths,
            default_width,
            symbolic_name,
            bold: false,
        }
    }

    /// Decodes `bytes`, calling `f` for each code in order.
    pub fn decode(&self, bytes: &[u8], mut f: impl FnMut(DecodedGlyph<'_>)) {
        if !self.composite {
            for &b in bytes {
                let from_cmap = self.to_unicode.as_ref().and_then(|m| m.lookup(b as u32, 1));
                let text = from_cmap
                    .or(self.simple.get(b as usize).and_then(|s| s.as_deref()))
                    .unwrap_or("\u{fffd}");
                f(DecodedGlyph {
                    text: self.fix_text(text),
                    width: self.simple_widths.get(b as usize).copied().unwrap_or(0.5),
                    is_word_space: b == 32,
                });
            }
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]);
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |acc, &b| (acc << 8) | b as u32);
            i += len;
            let owned;
            let text = match self.to_unicode.as_ref() {
                Some(m) => match m.lookup(code, len as u8) {
                    Some(t) => t,
                    None => {
                        owned = m.lookup_range(code, len as u8);
                        owned.as_deref().unwrap_or("\u{fffd}")
                    }
                },
                None => "\u{fffd}",
            };
            let width = self
                .cid_widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            f(DecodedGlyph {
                text: self.fix_text(text),
                width,
                is_word_space: false,
            });
        }
    }

    fn code_len(&self, rest: &[u8]) -> usize {
        let max = rest.len().min(4);
        for &(lo, hi, len) in &self.codespace {
            let len = len as usize;
            if len == 0 || len > max {
                continue;
            }
            let code = rest[..len]
                .iter()
                .fold(0u32, |acc, &b| (acc << 8) | b as u32);
            if (lo..=hi).contains(&code) {
                return len;
            }
        }
        2.min(max).max(1)
    }

    /// Ligatures expanded, private-use symbol codes mapped to bullets or dropped.
    fn fix_text<'a>(&self, text: &'a str) -> &'a str {
        let mut chars = text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return text;
        };
        match c {
            '\u{fb00}' => "ff",
            '\u{fb01}' => "fi",
            '\u{fb02}' => "fl",
            '\u{fb03}' => "ffi",
            '\u{fb04}' => "ffl",
            '\u{fb05}' | '\u{fb06}' => "st",
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' => " ",
            '\u{ad}' | '\u{200b}' | '\u{feff}' | '\0' => "",
            '\u{e000}'..='\u{f8ff}' => symbol_pua(c, self.symbolic_name),
            c if c.is_control() => "",
            _ => text,
        }
    }
}

/// Word's Symbol and Wingdings bullets appear as U+F0xx: keep the bullets,
/// drop the other decorative glyphs.
pub(super) fn symbol_pua(c: char, _symbolic: bool) -> &'static str {
    match c as u32 {
        0xf0b7 | 0xf06c | 0xf09f | 0xf0a8 | 0xf075 | 0xf0a1 => "•",
        0xf0a7 | 0xf06e | 0xf071 | 0xf0fc | 0xf0d8 | 0xf076 | 0xf0e8 => "•",
        0xf02d => "-",
        0xf020 => " ",
        _ => "",
    }
}

/// Bold by name ("Arial-BoldMT", "NimbusRomNo9L-Medi", "Times-Bold"), by
/// `/FontWeight`, or by the ForceBold flag.
fn is_bold(lower_name: &str, descriptor: Option<&Dictionary>) -> bool {
    let by_name = ["bold", "black", "heavy", "semibold", "demi", "-medi"]
        .iter()
        .any(|k| lower_name.contains(k));
    let by_weight = descriptor
        .and_then(|d| d.get(b"FontWeight").ok())
        .and_then(number)
        .is_some_and(|w| w >= 600.0);
    let force_bold = descriptor
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| o.as_i64().ok())
        .is_some_and(|f| f & (1 << 18) != 0);
    by_name || by_weight || force_bold
}

/// The object `obj` refers to, following at most 8 references (a cycle gives `None`).
pub(super) fn deref<'a>(doc: &'a Document, obj: Option<&'a Object>) -> Option<&'a Object> {
    let mut obj = obj?;
    for _ in 0..8 {
        match obj {
            Object::Reference(id) => obj = doc.get_object(*id).ok()?,
            _ => return Some(obj),
        }
    }
    None
}

/// A finite PDF number, integer or real.
pub(super) fn number(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r).filter(|r| r.is_finite()),
        _ => None,
    }
}

fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    deref(doc, dict.get(key).ok())
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// "ABCDEF+Times-Roman" -> "Times-Roman".
fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn parse_w_array(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    // 1 << 16 entries at most: a hostile /W cannot make us fill gigabytes
    const MAX_ENTRIES: usize = 1 << 16;
    let mut i = 0;
    while i < w.len() && out.len() < MAX_ENTRIES {
        let Some(first) = deref(doc, w.get(i)).and_then(number) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = deref(doc, Some(v)).and_then(number) {
                        out.insert(first.saturating_add(k as u32), v * 0.001);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = number(o).unwrap_or(0.0).max(0.0) as u32;
                let v = deref(doc, w.get(i + 2)).and_then(number).unwrap_or(1000.0);
                let last = last.min(first.saturating_add(MAX_ENTRIES as u32));
                for cid in first..=last {
                    out.insert(cid, v * 0.001);
                }
                i += 3;
            }
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_symbol_bullets_are_normalised() {
        let f = Font::fallback();
        assert_eq!(f.fix_text("\u{fb01}"), "fi");
        assert_eq!(f.fix_text("\u{f0b7}"), "•");
        assert_eq!(f.fix_text("\u{f0e0}"), "");
        assert_eq!(f.fix_text("é"), "é");
    }

    #[test]
    fn subset_prefixes_are_stripped() {
        assert_eq!(strip_subset("ABCDEF+Times-Roman"), "Times-Roman");
        assert_eq!(strip_subset("Times+Roman"), "Times+Roman");
    }
}
