//! The JSON of the console's `awsc-session-data` meta tag, read for the two
//! members RootGuard needs (`accountId`, `sessionARN`).
//!
//! Written out rather than taken from serde_json: in the Wasm, serde_json and
//! the float formatting its error messages pull in cost about 25 KB, for one
//! small object. This reader accepts exactly the texts that
//! `serde_json::from_str` accepted for the struct it replaces (a
//! `#[derive(Deserialize)]` struct of two `Option<String>`s): strict JSON
//! (RFC 8259: no trailing commas, comments or leading zeros; control
//! characters escaped; `\u` escapes of a kept string paired correctly), the
//! struct as an object or as a two-element array, `null` for an absent value,
//! other members skipped at any depth, a repeated member refused. The tests
//! below check that against serde_json on a corpus and on random inputs;
//! only the wording of the error messages differs.

use std::fmt;

/// The members of the session data RootGuard reads.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct SessionJson {
    /// `accountId`.
    pub account_id: Option<String>,
    /// `sessionARN`.
    pub session_arn: Option<String>,
}

/// Why the text is not the JSON object the console publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct JsonError {
    what: &'static str,
    /// 1-based line and column (in bytes) of the offending byte.
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.what, self.line, self.column)
    }
}

type Read<T> = Result<T, JsonError>;

/// Read `accountId` and `sessionARN` from the session data's JSON text.
pub(super) fn read_session_json(text: &str) -> Read<SessionJson> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let session = match reader.peek() {
        Some(b'{') => reader.members()?,
        Some(b'[') => reader.two_elements()?,
        Some(_) => return Err(reader.error("expected a JSON object")),
        None => return Err(reader.error("EOF while parsing a value")),
    };
    match reader.peek() {
        None => Ok(session),
        Some(_) => Err(reader.error("trailing characters")),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, what: &'static str) -> JsonError {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        JsonError { what, line, column: before.len() - line_start + 1 }
    }

    /// The next byte after JSON whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
        self.bytes.get(self.at).copied()
    }

    /// The next byte as it is (no whitespace skipped), consumed.
    fn next_raw(&mut self) -> Option<u8> {
        let byte = self.bytes.get(self.at).copied();
        self.at += 1;
        byte
    }

    fn expect(&mut self, byte: u8, what: &'static str) -> Read<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    /// `{…}` with the session's members; the reader is at `{`.
    fn members(&mut self) -> Read<SessionJson> {
        self.at += 1;
        let mut session = SessionJson::default();
        let (mut seen_account, mut seen_arn) = (false, false);
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(session);
        }
        loop {
            self.expect(b'"', "key must be a string")?;
            let key = self.string(true)?;
            self.expect(b':', "expected `:`")?;
            match key.as_str() {
                "accountId" if seen_account => {
                    return Err(self.error("duplicate field `accountId`"))
                }
                "sessionARN" if seen_arn => return Err(self.error("duplicate field `sessionARN`")),
                "accountId" => (seen_account, session.account_id) = (true, self.optional_string()?),
                "sessionARN" => (seen_arn, session.session_arn) = (true, self.optional_string()?),
                _ => self.skip_value()?,
            }
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(session);
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// `[accountId, sessionARN]`, serde's sequence form of the struct; the
    /// reader is at `[`.
    fn two_elements(&mut self) -> Read<SessionJson> {
        self.at += 1;
        let account_id = self.optional_string()?;
        self.expect(b',', "expected 2 elements")?;
        let session_arn = self.optional_string()?;
        self.expect(b']', "expected 2 elements")?;
        Ok(SessionJson { account_id, session_arn })
    }

    /// A string or `null`.
    fn optional_string(&mut self) -> Read<Option<String>> {
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                self.string(true).map(Some)
            }
            Some(b'n') => self.literal(b"null").map(|()| None),
            _ => Err(self.error("expected a string or null")),
        }
    }

    /// The rest of a string after its opening quote, unescaped when `keep`
    /// (and then with its `\u` surrogates required to pair, as serde_json
    /// requires of a string it returns); only checked when not.
    fn string(&mut self, keep: bool) -> Read<String> {
        let mut text = Vec::new();
        loop {
            match self.next_raw() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    let unescaped = match self.next_raw() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape(keep)?,
                        _ => return Err(self.error("invalid escape")),
                    };
                    if keep {
                        text.extend_from_slice(unescaped.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                }
                Some(0..=0x1f) => {
                    return Err(self.error("control character (\\u0000-\\u001F) in a string"))
                }
                Some(byte) if keep => text.push(byte),
                Some(_) => {}
            }
        }
        // Whole UTF-8 sequences of the input and encoded characters only.
        String::from_utf8(text).map_err(|_| self.error("invalid UTF-8 in a string"))
    }

    /// The character of a `\u` escape; the reader is after the `u`. When not
    /// `keep`ing, only the four hex digits are checked (a placeholder comes
    /// back).
    fn unicode_escape(&mut self, keep: bool) -> Read<char> {
        let first = self.hex4()?;
        if !keep {
            return Ok('\u{fffd}');
        }
        let code = match first {
            0xdc00..=0xdfff => return Err(self.error("lone trailing surrogate in hex escape")),
            0xd800..=0xdbff => {
                if (self.next_raw(), self.next_raw()) != (Some(b'\\'), Some(b'u')) {
                    return Err(self.error("unexpected end of hex escape"));
                }
                let second = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
            }
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid escape"))
    }

    fn hex4(&mut self) -> Read<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self.next_raw().and_then(|b| char::from(b).to_digit(16));
            value = value * 16 + digit.ok_or_else(|| self.error("invalid escape"))?;
        }
        Ok(value)
    }

    fn literal(&mut self, word: &'static [u8]) -> Read<()> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error("expected value"))
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Read<()> {
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.next_raw() {
            // One leading zero only: `01` is not JSON.
            Some(b'0') if !matches!(self.bytes.get(self.at), Some(b'0'..=b'9')) => {}
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.digits1()?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            self.digits1()?;
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn digits1(&mut self) -> Read<()> {
        let start = self.at;
        self.digits();
        if self.at == start {
            return Err(self.error("invalid number"));
        }
        Ok(())
    }

    /// Skip one JSON value of any depth (iteratively: a deep value from a
    /// hostile page must not exhaust the stack).
    fn skip_value(&mut self) -> Read<()> {
        // The closing bytes of the arrays and objects we are inside.
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    self.string(false)?;
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(open_byte @ (b'[' | b'{')) => {
                    self.at += 1;
                    let close = if open_byte == b'[' { b']' } else { b'}' };
                    if self.peek() == Some(close) {
                        self.at += 1;
                    } else {
                        open.push(close);
                        if close == b'}' {
                            self.key()?;
                        }
                        continue;
                    }
                }
                Some(_) => return Err(self.error("expected value")),
                None => return Err(self.error("EOF while parsing a value")),
            }
            // A value is complete: close what it completes, up to the next
            // element or member.
            loop {
                let Some(&close) = open.last() else { return Ok(()) };
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(byte) if byte == close => {
                        self.at += 1;
                        open.pop();
                    }
                    _ => return Err(self.error("expected `,` or the end of a list or object")),
                }
            }
        }
    }

    /// A skipped object's `"key":`.
    fn key(&mut self) -> Read<()> {
        self.expect(b'"', "key must be a string")?;
        self.string(false)?;
        self.expect(b':', "expected `:`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The struct this reader replaced, read by serde_json: the reference.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct SessionData {
        account_id: Option<String>,
        #[serde(rename = "sessionARN")]
        session_arn: Option<String>,
    }

    fn reference(text: &str) -> Option<SessionJson> {
        serde_json::from_str::<SessionData>(text)
            .ok()
            .map(|d| SessionJson { account_id: d.account_id, session_arn: d.session_arn })
    }

    fn agrees(text: &str) {
        assert_eq!(read_session_json(text).ok(), reference(text), "{text:?}");
    }

    #[test]
    fn reads_what_the_console_publishes() {
        let json = r#"{"accountId":"123456789012","accountAlias":"example-corp","sessionARN":"arn:aws:iam::123456789012:root","prismModeEnabled":false,"n":[1,{"a":null}],"r":-0.5e+3}"#;
        let session = read_session_json(json).map_err(|e| e.to_string());
        assert_eq!(
            session,
            Ok(SessionJson {
                account_id: Some("123456789012".into()),
                session_arn: Some("arn:aws:iam::123456789012:root".into()),
            })
        );
    }

    #[test]
    fn errors_say_where() {
        let error =
            read_session_json("{\n  \"sessionARN\": 1}").map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(error, Err("expected a string or null at line 2 column 17".to_owned()));
    }

    #[test]
    fn agrees_with_serde_json_on_edge_cases() {
        for text in [
            "",
            " ",
            "{",
            "}",
            "{}",
            " {} ",
            "{} x",
            "[]",
            "[null]",
            "[null,null]",
            "[null,null,]",
            "[null,null,null]",
            r#"["a","b"]"#,
            r#"[ "a" , null ]"#,
            "[1,null]",
            "null",
            "1",
            r#""x""#,
            r#"{"accountId":null}"#,
            r#"{"accountId":"1","accountId":"2"}"#,
            r#"{"accountId":null,"accountId":null}"#,
            r#"{"sessionARN":"a","x":1,}"#,
            r#"{"sessionARN":"a" "x":1}"#,
            r#"{"sessionARN":1}"#,
            r#"{"sessionARN":true}"#,
            r#"{"sessionARN":{}}"#,
            r#"{"sessionARN":nul}"#,
            r#"{"sessionARN":nullx}"#,
            r#"{"x":01}"#,
            r#"{"x":-}"#,
            r#"{"x":-0}"#,
            r#"{"x":1.}"#,
            r#"{"x":1.5e}"#,
            r#"{"x":1E+9}"#,
            r#"{"x":.5}"#,
            r#"{"x":+1}"#,
            r#"{"x":0.0e-0}"#,
            r#"{"x":1e5.5}"#,
            r#"{"x":[1,2,]}"#,
            r#"{"x":[,]}"#,
            r#"{"x":[]}"#,
            r#"{"x":{}}"#,
            r#"{"x":{"a":}}"#,
            r#"{"x":{"a" 1}}"#,
            r#"{"x":{1:1}}"#,
            r#"{"x":[[[[[]]]]]}"#,
            r#"{"x":[[[[[]]]]}"#,
            r#"{"x":tru}"#,
            r#"{"x":true false}"#,
            r#"{"x":"\q"}"#,
            r#"{"x":"\ud800"}"#,
            r#"{"sessionARN":"\ud800"}"#,
            r#"{"sessionARN":"\udc00"}"#,
            r#"{"sessionARN":"\ud83d\ude00"}"#,
            r#"{"sessionARN":"\ud83d\u0041"}"#,
            r#"{"sessionARN":"\ud83d"}"#,
            r#"{"sessionARN":"\u00e9\u0000\/\b\f\n\r\t\"\\"}"#,
            r#"{"sessionARN":"\u12"}"#,
            r#"{"sessionARN":"\u12G4"}"#,
            "{\"sessionARN\":\"a\u{1}\"}",
            "{\"x\":\"\t\"}",
            "{\"sessionARN\":\"é😀\"}",
            r#"{"session\u0041RN":"a"}"#,
            r#"{"\ud800":1}"#,
            "\u{feff}{}",
            "{\"x\":1}\n\t\r ",
            "{/*c*/}",
            r#"{"accountId":"1" , "sessionARN" : "2" }"#,
            r#"{"sessionARN":"a"}}"#,
        ] {
            agrees(text);
        }
        // Deep nesting in a skipped member: no stack exhaustion.
        let deep = format!(r#"{{"x":{}{}}}"#, "[".repeat(100_000), "]".repeat(100_000));
        agrees(&deep);
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// A random JSON-like value: mostly valid, sometimes not.
    fn value(rng: &mut Rng, depth: usize, out: &mut String) {
        const ATOMS: &[&str] = &[
            "null",
            "true",
            "false",
            "0",
            "-1.5e3",
            "12",
            "01",
            "1.",
            "\"\"",
            "\"a b\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud800\"",
            "\"\\x\"",
            "nul",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"accountId\"",
            "\"sessionARN\"",
        ];
        match rng.below(if depth > 3 { 1 } else { 4 }) {
            0 => out.push_str(ATOMS[rng.below(ATOMS.len())]),
            1 => {
                out.push('[');
                for i in 0..rng.below(4) {
                    if i > 0 {
                        out.push_str([",", ", ", ""][rng.below(3)]);
                    }
                    value(rng, depth + 1, out);
                }
                out.push_str(["]", "]", ",]", ""][rng.below(4)]);
            }
            _ => {
                out.push('{');
                for i in 0..rng.below(4) {
                    if i > 0 {
                        out.push_str([",", " ,\n", ""][rng.below(3)]);
                    }
                    let keys =
                        ["\"accountId\"", "\"sessionARN\"", "\"x\"", "\"session\\u0041RN\"", "x"];
                    out.push_str(keys[rng.below(keys.len())]);
                    out.push_str([":", " : ", ""][rng.below(3)]);
                    value(rng, depth + 1, out);
                }
                out.push_str(["}", "}", ",}", ""][rng.below(4)]);
            }
        }
    }

    #[test]
    fn agrees_with_serde_json_on_random_inputs() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut accepted = 0;
        for _ in 0..50_000 {
            let mut text = String::new();
            value(&mut rng, 0, &mut text);
            agrees(&text);
            accepted += usize::from(reference(&text).is_some());
        }
        // The generator must reach the accepting paths too, not only errors.
        assert!(accepted > 2_000, "only {accepted} accepted inputs");
    }

    #[test]
    fn agrees_with_serde_json_on_damaged_session_data() {
        let valid = r#"{"accountId":"123456789012","n":[1,-2.5e-3,{"a":"\u00e9\ud83d\ude00"}],"sessionARN":"arn:aws:iam::123456789012:root","b":true}"#;
        let bytes = b"{}[],:\"\\ 0-.eE+tfnu\x01a9";
        let mut rng = Rng(42);
        for _ in 0..20_000 {
            let mut text = valid.as_bytes().to_vec();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(text.len());
                match rng.below(3) {
                    0 => drop(text.remove(at)),
                    1 => text.insert(at, bytes[rng.below(bytes.len())]),
                    _ => text[at] = bytes[rng.below(bytes.len())],
                }
            }
            if let Ok(text) = String::from_utf8(text) {
                agrees(&text);
            }
        }
    }
}
