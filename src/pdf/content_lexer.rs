//! The tokenizer of content-stream syntax (content streams and CMaps).
//!
//! It is iterative (no recursion), so 100,000 nested `[` or `<<` cost a counter,
//! not the stack.

/// One token of a content stream or CMap.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token<'a> {
    /// A number.
    Num(f32),
    /// A name, without its slash.
    Name(&'a [u8]),
    /// A literal string, escapes resolved.
    Str(Vec<u8>),
    /// A hex string, decoded.
    Hex(Vec<u8>),
    /// `[`
    ArrayOpen,
    /// `]`
    ArrayClose,
    /// `<<`
    DictOpen,
    /// `>>`
    DictClose,
    /// An operator or keyword (`Tj`, `true`, `null`, ...).
    Op(&'a [u8]),
}

/// An iterative tokenizer over content-stream syntax.
pub(crate) struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    /// A tokenizer at the start of `src`.
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        Lexer { src, pos: 0 }
    }

    /// The next token, or `None` at the end.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            let b = *self.src.get(self.pos)?;
            if is_white(b) {
                self.pos += 1;
                continue;
            }
            if b == b'%' {
                while let Some(&c) = self.src.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
                continue;
            }
            break;
        }
        let start = self.pos;
        let b = self.src[start];
        self.pos += 1;
        match b {
            b'(' => Some(Token::Str(self.literal_string())),
            b'<' => {
                if self.src.get(self.pos) == Some(&b'<') {
                    self.pos += 1;
                    Some(Token::DictOpen)
                } else {
                    Some(Token::Hex(self.hex_string()))
                }
            }
            b'>' => {
                if self.src.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                }
                Some(Token::DictClose)
            }
            b'[' => Some(Token::ArrayOpen),
            b']' => Some(Token::ArrayClose),
            b'{' | b'}' | b')' => Some(Token::Op(&self.src[start..self.pos])),
            b'/' => {
                let s = self.pos;
                while let Some(&c) = self.src.get(self.pos) {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                Some(Token::Name(&self.src[s..self.pos]))
            }
            _ => {
                while let Some(&c) = self.src.get(self.pos) {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let word = &self.src[start..self.pos];
                if matches!(b, b'0'..=b'9' | b'+' | b'-' | b'.') {
                    if let Some(n) = parse_number(word) {
                        return Some(Token::Num(n));
                    }
                }
                Some(Token::Op(word))
            }
        }
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&c) = self.src.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.src.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.src.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.src.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&c) = self.src.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    /// Skips an inline image's data, just after its `ID` operator.
    pub(super) fn skip_inline_image(&mut self) {
        self.pos += 1;
        while self.pos + 1 < self.src.len() {
            if self.src[self.pos] == b'E'
                && self.src[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(self.src[self.pos - 1])
                && self.src.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.src.len();
    }
}

fn parse_number(word: &[u8]) -> Option<f32> {
    let s = std::str::from_utf8(word).ok()?;
    if let Ok(v) = s.parse::<f32>() {
        return Some(v).filter(|v| v.is_finite());
    }
    // producers write "--5" or "5-": keep the digits
    let cleaned: String = s
        .trim_start_matches(['+', '-'])
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v = cleaned.parse::<f32>().ok()?;
    Some(if s.starts_with('-') { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexer_reads_strings_numbers_and_operators() {
        let mut l = Lexer::new(b"BT /F1 12 Tf (a\\(b\\)\\101) Tj <48 69> Tj [(x) -250 (y)] TJ ET");
        let toks: Vec<Token<'_>> = std::iter::from_fn(|| l.next_token()).collect();
        assert_eq!(toks[0], Token::Op(b"BT"));
        assert_eq!(toks[1], Token::Name(b"F1"));
        assert_eq!(toks[2], Token::Num(12.0));
        assert_eq!(toks[4], Token::Str(b"a(b)A".to_vec()));
        assert_eq!(toks[6], Token::Hex(b"Hi".to_vec()));
        assert_eq!(toks[10], Token::Num(-250.0));
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let mut src = vec![b'['; 200_000];
        src.extend([b'<', b'<'].repeat(100_000));
        let mut l = Lexer::new(&src);
        let n = std::iter::from_fn(|| l.next_token()).count();
        assert_eq!(n, 300_000);
    }
}
