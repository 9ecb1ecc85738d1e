//! ASCII armor: the binary envelope as base64 between BEGIN and END lines,
//! so it can be pasted into a password manager's note, a mail or a ticket.
//!
//! Reading is tolerant of what such places do to text (docs/FORMAT.md,
//! "ASCII armor"): CRLF or CR line ends, indentation, lines re-wrapped at any
//! width or joined into one, missing `=` padding, and other text before the
//! BEGIN line or after the END line. Inside the body nothing but base64 and
//! whitespace is accepted.

use base64ct::{Base64, Base64Unpadded, Encoding};

use super::EnvelopeError;

/// The line that opens armored text.
pub const ARMOR_BEGIN: &str = "-----BEGIN ROOTGUARD ENCRYPTED FILE-----";
/// The line that closes armored text.
pub const ARMOR_END: &str = "-----END ROOTGUARD ENCRYPTED FILE-----";
/// Base64 characters per line when writing.
const LINE_WIDTH: usize = 64;

/// Armors a binary envelope: the BEGIN line, base64 (standard alphabet,
/// padded) wrapped at 64 columns, the END line, each ended by `\n`.
pub fn armor(binary: &[u8]) -> String {
    // Standard alphabet, padded.
    let encoded = Base64::encode_string(binary);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / LINE_WIDTH + 100);
    out.push_str(ARMOR_BEGIN);
    out.push('\n');
    // Base64 is ASCII, so every chunk boundary is a char boundary.
    for line in encoded.as_bytes().chunks(LINE_WIDTH) {
        out.extend(line.iter().map(|&b| char::from(b)));
        out.push('\n');
    }
    out.push_str(ARMOR_END);
    out.push('\n');
    out
}

/// Position of `needle` in `haystack`.
pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Decodes armored text. `Ok(None)` when there is no BEGIN line at all (not
/// armor); an error when there is one but what follows is damaged.
pub(super) fn dearmor(text: &[u8]) -> Result<Option<Vec<u8>>, EnvelopeError> {
    let Some(begin) = find(text, ARMOR_BEGIN.as_bytes()) else {
        return Ok(None);
    };
    let after_begin = text.get(begin + ARMOR_BEGIN.len()..).unwrap_or_default();
    let Some(end) = find(after_begin, ARMOR_END.as_bytes()) else {
        return Err(EnvelopeError::BadArmor(format!(
            "no line {ARMOR_END} after the BEGIN line; the text was cut off when copied"
        )));
    };
    let body = after_begin.get(..end).unwrap_or_default();

    let mut compact = Vec::with_capacity(body.len());
    for &byte in body {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=' => compact.push(byte),
            b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => {}
            _ => {
                return Err(EnvelopeError::BadArmor(format!(
                    "unexpected character {} between the BEGIN and END lines; only base64 \
                     belongs there",
                    describe(byte)
                )))
            }
        }
    }
    if compact.is_empty() {
        return Err(EnvelopeError::BadArmor("nothing between the BEGIN and END lines".into()));
    }
    // Padding may be missing; when present it must be exactly what the
    // length needs (docs/FORMAT.md, "ASCII armor", step 4).
    let data_len = compact.iter().position(|&b| b == b'=').unwrap_or(compact.len());
    let (data, padding) = compact.split_at(data_len);
    if padding.iter().any(|&b| b != b'=') {
        return Err(EnvelopeError::BadArmor(
            "'=' in the middle of the base64 text: it was altered".into(),
        ));
    }
    if !padding.is_empty() && (padding.len() > 2 || (data.len() + padding.len()) % 4 != 0) {
        return Err(EnvelopeError::BadArmor(format!(
            "{} '=' after {} base64 characters, where the padding must make a multiple of 4: \
             the text was altered",
            padding.len(),
            data.len()
        )));
    }
    // Read without its padding, which was checked above (so that present
    // padding must be exactly right); non-canonical trailing bits are refused.
    Base64Unpadded::decode_vec(std::str::from_utf8(data).unwrap_or_default()).map(Some).map_err(
        |e| EnvelopeError::BadArmor(format!("the base64 text is incomplete or altered ({e})")),
    )
}

/// A byte for an error message: printable ASCII quoted, anything else in hex.
fn describe(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("'{}'", char::from(byte))
    } else {
        format!("0x{byte:02x}")
    }
}
