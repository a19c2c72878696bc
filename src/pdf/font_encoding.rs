//! Simple fonts' encodings: the Unicode text of each of a font's 256 byte codes,
//! from its base encoding (WinAnsi, MacRoman, Standard, or a symbolic font's
//! built-in one) and its `/Differences` glyph names.

use std::cell::RefCell;
use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::font_decoding::{deref, symbol_pua};

/// Unicode text of each byte code of a simple font.
pub(super) fn simple_encoding(
    doc: &Document,
    dict: &Dictionary,
    subtype: &[u8],
    symbolic_flag: bool,
    symbolic_name: bool,
) -> Vec<Option<Box<str>>> {
    let enc = deref(doc, dict.get(b"Encoding").ok());
    let (base_name, differences): (Option<&[u8]>, Option<&Vec<Object>>) = match enc {
        Some(Object::Name(n)) => (Some(n.as_slice()), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding").and_then(Object::as_name).ok(),
            deref(doc, d.get(b"Differences").ok()).and_then(|o| o.as_array().ok()),
        ),
        _ => (None, None),
    };
    let mut table: Vec<Option<Box<str>>> = match base_name {
        Some(name) => base_table(name),
        None if symbolic_name || symbolic_flag && enc.is_none() => {
            // a symbolic font's built-in encoding: Word's Symbol bullets use
            // the same codes as U+F0xx, so route them through the same map
            (0u32..256)
                .map(|c| {
                    let pua = char::from_u32(0xf000 + c).unwrap_or(' ');
                    let mapped = symbol_pua(pua, true);
                    if !mapped.is_empty() {
                        Some(mapped.into())
                    } else if (0x30..0x3a).contains(&c)
                        || (0x41..0x5b).contains(&c)
                        || (0x61..0x7b).contains(&c)
                    {
                        char::from_u32(c).map(|ch| ch.to_string().into_boxed_str())
                    } else {
                        None
                    }
                })
                .collect()
        }
        None if subtype == b"TrueType" => base_table(b"WinAnsiEncoding"),
        None => base_table(b"StandardEncoding"),
    };
    if let Some(diffs) = differences {
        let mut code: usize = 0;
        for item in diffs {
            match item {
                Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                Object::Name(n) => {
                    if let Some(slot) = table.get_mut(code) {
                        *slot = glyph_name_to_unicode(n).map(String::into_boxed_str);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// Unicode text of each of the 256 codes of a simple font.
type CodeTable = Vec<Option<Box<str>>>;

thread_local! {
    static BASE_TABLES: RefCell<HashMap<Vec<u8>, CodeTable>> = RefCell::new(HashMap::new());
    static GLYPH_NAMES: RefCell<HashMap<Vec<u8>, Option<String>>> = RefCell::new(HashMap::new());
}

/// The 256 entries of a named base encoding, read out of lopdf's tables.
fn base_table(name: &[u8]) -> Vec<Option<Box<str>>> {
    let name: &[u8] = match name {
        b"WinAnsiEncoding" | b"MacRomanEncoding" | b"StandardEncoding" | b"MacExpertEncoding" => {
            name
        }
        _ => b"WinAnsiEncoding",
    };
    BASE_TABLES.with(|cache| {
        if let Some(t) = cache.borrow().get(name) {
            return t.clone();
        }
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Encoding", Object::Name(name.to_vec()));
        let doc = Document::new();
        let table: Vec<Option<Box<str>>> = match font.get_font_encoding(&doc) {
            Ok(enc) => (0u8..=255)
                .map(|b| {
                    enc.bytes_to_string(&[b])
                        .ok()
                        .filter(|s| !s.is_empty())
                        .map(String::into_boxed_str)
                })
                .collect(),
            Err(_) => (0u32..256)
                .map(|c| char::from_u32(c).map(|ch| ch.to_string().into_boxed_str()))
                .collect(),
        };
        cache.borrow_mut().insert(name.to_vec(), table.clone());
        table
    })
}

/// Unicode for an Adobe glyph name: the Adobe Glyph List (through lopdf), then
/// `uniXXXX`, `uXXXX`, `name.suffix` and `f_f_i` style names.
pub(crate) fn glyph_name_to_unicode(name: &[u8]) -> Option<String> {
    GLYPH_NAMES.with(|cache| {
        if let Some(hit) = cache.borrow().get(name) {
            return hit.clone();
        }
        let found = resolve_glyph_name(name, 0);
        cache.borrow_mut().insert(name.to_vec(), found.clone());
        found
    })
}

fn resolve_glyph_name(name: &[u8], depth: u8) -> Option<String> {
    if name.is_empty() || name == b".notdef" || depth > 2 {
        return None;
    }
    if let Some(s) = agl_lookup(name) {
        return Some(s);
    }
    let text = std::str::from_utf8(name).ok()?;
    if let Some((base, _suffix)) = text.split_once('.') {
        return resolve_glyph_name(base.as_bytes(), depth + 1);
    }
    if text.contains('_') {
        let parts: Option<Vec<String>> = text
            .split('_')
            .map(|p| resolve_glyph_name(p.as_bytes(), depth + 1))
            .collect();
        return parts.map(|p| p.concat());
    }
    if let Some(hex) = text.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let units: Option<Vec<u16>> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            return units.map(|u| String::from_utf16_lossy(&u));
        }
    }
    if let Some(hex) = text.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(|c| c.to_string());
        }
    }
    None
}

fn agl_lookup(name: &[u8]) -> Option<String> {
    let mut enc = Dictionary::new();
    enc.set(
        "Differences",
        Object::Array(vec![Object::Integer(65), Object::Name(name.to_vec())]),
    );
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Dictionary(enc));
    let doc = Document::new();
    match font.get_font_encoding(&doc) {
        Ok(e @ Encoding::Differences(_)) => e.bytes_to_string(&[65]).ok().filter(|s| !s.is_empty()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_resolve_through_the_agl_and_conventions() {
        assert_eq!(glyph_name_to_unicode(b"A").as_deref(), Some("A"));
        assert_eq!(
            glyph_name_to_unicode(b"quoteright").as_deref(),
            Some("\u{2019}")
        );
        assert_eq!(glyph_name_to_unicode(b"uni20AC").as_deref(), Some("€"));
        assert_eq!(glyph_name_to_unicode(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_unicode(b"f_j").as_deref(), Some("fj"));
        assert_eq!(glyph_name_to_unicode(b"nonsense-glyph"), None);
    }
}
