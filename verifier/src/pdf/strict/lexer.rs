//! A strict reader of PDF objects (ISO 32000-1 §7.2–7.3): one reading, or an error.
//!
//! Unlike lenient readers it refuses what viewers read differently: a repeated key in a
//! dictionary, malformed numbers, names or strings, and anything nested too deep.

use lopdf::{Dictionary, Object, StringFormat};

/// The deepest nesting of arrays and dictionaries the reader accepts.
const MAX_DEPTH: usize = 64;

/// Why the bytes have no single reading; the text says what and where (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexError(pub String);

/// A reader over `data`, at byte `pos`.
pub(crate) struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

/// PDF white-space characters (§7.2.2, Table 1).
pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// PDF delimiter characters (§7.2.2, Table 2).
fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

impl<'a> Lexer<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// An error at the current offset.
    pub fn error(&self, what: &str) -> LexError {
        LexError(format!("{what} (at byte {})", self.pos))
    }

    /// The bytes from the current offset.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    /// Whether every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Skips white space and comments.
    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads a run of regular characters (a keyword or a number), without skipping white space.
    pub fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or_default()
    }

    /// Skips white space, then reads the keyword `keyword`, or fails.
    pub fn keyword(&mut self, keyword: &str) -> Result<(), LexError> {
        self.skip_white();
        let at = self.pos;
        if self.word() == keyword.as_bytes() {
            Ok(())
        } else {
            self.pos = at;
            Err(self.error(&format!("expected `{keyword}`")))
        }
    }

    /// Skips white space, then reads a non-negative integer, or fails.
    pub fn unsigned(&mut self) -> Result<u64, LexError> {
        self.skip_white();
        let at = self.pos;
        let word = self.word();
        if word.is_empty() || !word.iter().all(u8::is_ascii_digit) {
            self.pos = at;
            return Err(self.error("expected a non-negative integer"));
        }
        std::str::from_utf8(word)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| self.error("an integer too large"))
    }

    /// Reads one object (§7.3), references included, after skipping white space.
    pub fn object(&mut self, depth: usize) -> Result<Object, LexError> {
        if depth > MAX_DEPTH {
            return Err(self.error("objects nested too deep"));
        }
        self.skip_white();
        match self.peek() {
            None => Err(self.error("the file ends inside an object")),
            Some(b'/') => Ok(Object::Name(self.name()?)),
            Some(b'(') => self.literal_string(),
            Some(b'<') if self.rest().starts_with(b"<<") => {
                Ok(Object::Dictionary(self.dictionary(depth)?))
            }
            Some(b'<') => self.hex_string(),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        return Ok(Object::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            Some(_) => self.number_or_keyword(),
        }
    }

    /// Reads a dictionary (§7.3.7); a key seen twice is an error.
    pub fn dictionary(&mut self, depth: usize) -> Result<Dictionary, LexError> {
        self.skip_white();
        if !self.rest().starts_with(b"<<") {
            return Err(self.error("expected a dictionary"));
        }
        self.pos += 2;
        let mut dict = Dictionary::new();
        loop {
            self.skip_white();
            if self.rest().starts_with(b">>") {
                self.pos += 2;
                return Ok(dict);
            }
            if self.peek() != Some(b'/') {
                return Err(self.error("a dictionary key is not a name"));
            }
            let at = self.pos;
            let key = self.name()?;
            if dict.has(&key) {
                return Err(LexError(format!(
                    "a dictionary holds the key /{} twice (at byte {at})",
                    String::from_utf8_lossy(&key)
                )));
            }
            let value = self.object(depth + 1)?;
            dict.set(key, value);
        }
    }

    /// Reads a name (§7.3.5), decoding `#xx` escapes.
    fn name(&mut self) -> Result<Vec<u8>, LexError> {
        self.pos += 1;
        let word = self.word();
        let mut name = Vec::with_capacity(word.len());
        let mut bytes = word.iter();
        while let Some(&b) = bytes.next() {
            if b == b'#' {
                let (Some(&h), Some(&l)) = (bytes.next(), bytes.next()) else {
                    return Err(self.error("a name has a truncated # escape"));
                };
                let value = hex_value(h)
                    .zip(hex_value(l))
                    .ok_or_else(|| self.error("a name has a bad # escape"))?;
                if value.0 == 0 && value.1 == 0 {
                    return Err(self.error("a name holds a NUL byte"));
                }
                name.push(value.0 * 16 + value.1);
            } else {
                name.push(b);
            }
        }
        Ok(name)
    }

    /// Reads a literal string (§7.3.4.2).
    fn literal_string(&mut self) -> Result<Object, LexError> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut open = 1usize;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("the file ends inside a string"));
            };
            self.pos += 1;
            match b {
                b'(' => {
                    open += 1;
                    out.push(b);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Ok(Object::String(out, StringFormat::Literal));
                    }
                    out.push(b);
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => self.escape(&mut out)?,
                _ => out.push(b),
            }
        }
    }

    /// Reads the escape after a backslash in a literal string.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), LexError> {
        let Some(b) = self.peek() else {
            return Err(self.error("the file ends inside a string"));
        };
        self.pos += 1;
        match b {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'(' | b')' | b'\\' => out.push(b),
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut value = u32::from(b - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                // Readers disagree on octal escapes above \377: refuse them.
                let byte = u8::try_from(value)
                    .map_err(|_| self.error("a string has an octal escape above \\377"))?;
                out.push(byte);
            }
            // An unknown escape: the backslash is ignored (§7.3.4.2); readers differ, refuse it.
            _ => return Err(self.error("a string has an unknown escape")),
        }
        Ok(())
    }

    /// Reads a hexadecimal string (§7.3.4.3).
    fn hex_string(&mut self) -> Result<Object, LexError> {
        self.pos += 1;
        let mut digits = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("the file ends inside a string"));
            };
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if is_white(b) {
                continue;
            }
            digits.push(hex_value(b).ok_or_else(|| self.error("a hex string has a non-hex byte"))?);
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        let bytes = digits.chunks(2).map(|p| p[0] * 16 + p[1]).collect();
        Ok(Object::String(bytes, StringFormat::Hexadecimal))
    }

    /// Reads a number, a reference `N G R`, or one of `true`, `false`, `null`.
    fn number_or_keyword(&mut self) -> Result<Object, LexError> {
        let at = self.pos;
        let word = self.word();
        match word {
            b"true" => return Ok(Object::Boolean(true)),
            b"false" => return Ok(Object::Boolean(false)),
            b"null" => return Ok(Object::Null),
            _ => {}
        }
        let text = std::str::from_utf8(word).unwrap_or_default();
        let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
        let valid = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && digits.bytes().filter(|&b| b == b'.').count() <= 1
            && digits != ".";
        if !valid {
            self.pos = at;
            return Err(self.error("unexpected bytes where an object was expected"));
        }
        if digits.contains('.') {
            let value: f64 = text.parse().map_err(|_| self.error("a bad real number"))?;
            #[allow(clippy::cast_possible_truncation)]
            let real = value as f32;
            if !real.is_finite() {
                return Err(self.error("a real number out of range"));
            }
            return Ok(Object::Real(real));
        }
        let value: i64 = text
            .parse()
            .map_err(|_| self.error("an integer out of range"))?;
        if !text.starts_with(['+', '-']) {
            if let Some(id) = self.reference_tail(value) {
                return Ok(Object::Reference(id));
            }
        }
        Ok(Object::Integer(value))
    }

    /// After an integer `number`, reads ` G R` if it follows (a reference); else reads nothing.
    fn reference_tail(&mut self, number: i64) -> Option<(u32, u16)> {
        let at = self.pos;
        let parsed = (|| {
            let number = u32::try_from(number).ok()?;
            self.skip_white();
            let generation = self.word();
            if generation.is_empty() || !generation.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let generation: u16 = std::str::from_utf8(generation).ok()?.parse().ok()?;
            self.skip_white();
            (self.word() == b"R").then_some((number, generation))
        })();
        if parsed.is_none() {
            self.pos = at;
        }
        parsed
    }
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Object, LexError> {
        Lexer::new(bytes).object(0)
    }

    #[test]
    fn a_repeated_key_is_refused_in_nested_dictionaries_too() {
        let err = read(b"<< /A << /Contents 1 0 R /Contents 2 0 R >> >>").unwrap_err();
        assert!(err.0.contains("/Contents twice"), "{}", err.0);
    }

    #[test]
    fn a_key_spelled_with_an_escape_is_the_same_key() {
        assert!(read(b"<< /Contents 1 0 R /C#6fntents 2 0 R >>").is_err());
    }

    #[test]
    fn references_numbers_and_strings_read_as_expected() {
        let Ok(Object::Array(items)) =
            read(b"[1 0 R 2 -3 4.5 (a\\)b\\101) <41 4> /N#20x true null]")
        else {
            panic!("an array");
        };
        assert!(matches!(items[0], Object::Reference((1, 0))));
        assert!(matches!(items[1], Object::Integer(2)));
        assert!(matches!(items[2], Object::Integer(-3)));
        assert!(matches!(items[3], Object::Real(r) if r == 4.5));
        assert!(matches!(&items[4], Object::String(s, _) if s == b"a)bA"));
        assert!(matches!(&items[5], Object::String(s, _) if s == b"A@"));
        assert!(matches!(&items[6], Object::Name(n) if n == b"N x"));
        assert_eq!(items.len(), 9);
    }

    #[test]
    fn deep_nesting_and_junk_are_errors_not_panics() {
        assert!(read(&[b'['; 10_000]).is_err());
        assert!(read(b"--1").is_err());
        assert!(read(b"(\\400)").is_err());
        assert!(read(b"<< 1 2 >>").is_err());
        assert!(read(b"").is_err());
    }
}
