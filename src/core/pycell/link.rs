//! The Python cell's share link: `?exp=py&code=BASE64URL&run=1`, the code as base64url of its
//! UTF-8 bytes without padding (RFC 4648 §5). Decoding is lenient where it costs nothing (it
//! also takes the standard alphabet's `+` `/` and trailing `=`, so a hand-made link works) and
//! says exactly what is wrong otherwise.

use std::fmt;

/// The longest code a link may carry once decoded (a link is no place for a whole program).
pub const MAX_CODE_BYTES: usize = 64 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a `code=` value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// A character that is not in base64url, at this (0-based) position of the value.
    BadChar { position: usize, ch: char },
    /// A length no base64 text can have (one character left over).
    BadLength,
    /// The bytes are not UTF-8 text; the first bad byte is at this offset.
    NotUtf8 { offset: usize },
    /// More than [`MAX_CODE_BYTES`] once decoded.
    TooLong { bytes: usize },
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::BadChar { position, ch } => {
                write!(f, "character {ch:?} at position {position} is not base64url")
            }
            CodeError::BadLength => write!(f, "the length is not that of any base64 text"),
            CodeError::NotUtf8 { offset } => write!(f, "the bytes are not UTF-8 (byte {offset})"),
            CodeError::TooLong { bytes } => write!(f, "{bytes} bytes is more than {MAX_CODE_BYTES}"),
        }
    }
}

/// The code as a `code=` value.
pub fn encode(code: &str) -> String {
    let bytes = code.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // 2, 3 or 4 characters for 1, 2 or 3 bytes: no padding.
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn sextet(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' | b'+' => 62,
        b'_' | b'/' => 63,
        _ => return None,
    } as u32)
}

/// Reads a `code=` value back into the code.
///
/// # Errors
/// See [`CodeError`].
pub fn decode(value: &str) -> Result<String, CodeError> {
    let text = value.trim().trim_end_matches('=');
    if let Some((position, ch)) = text.char_indices().find(|(_, c)| !c.is_ascii() || sextet(*c as u8).is_none()) {
        return Err(CodeError::BadChar { position, ch });
    }
    if text.len() % 4 == 1 {
        return Err(CodeError::BadLength);
    }
    if text.len() / 4 * 3 > MAX_CODE_BYTES + 3 {
        return Err(CodeError::TooLong { bytes: text.len() / 4 * 3 });
    }
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, c)| n | sextet(*c).unwrap_or(0) << (18 - 6 * i));
        bytes.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    if bytes.len() > MAX_CODE_BYTES {
        return Err(CodeError::TooLong { bytes: bytes.len() });
    }
    String::from_utf8(bytes).map_err(|e| CodeError::NotUtf8 { offset: e.utf8_error().valid_up_to() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The RFC 4648 test vectors, without padding, and a round trip through Chinese text,
    /// newlines and every length modulo 3.
    #[test]
    fn vectors_and_round_trips() {
        let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")];
        for (plain, coded) in vectors {
            assert_eq!(encode(plain), coded);
            assert_eq!(decode(coded).as_deref(), Ok(plain));
        }
        for code in ["print('你好')\n", "a = [i*i for i in range(9)]\n\tprint(a)", "x", "xy", "?>~"] {
            let coded = encode(code);
            assert!(!coded.contains(['=', '+', '/']), "{coded}");
            assert_eq!(decode(&coded).as_deref(), Ok(code));
        }
        // `?>~` is where the two alphabets differ: "Pz5-" in base64url, "Pz5+" in standard base64.
        assert_eq!(encode("?>~"), "Pz5-");
        assert_eq!(decode("Pz5+").as_deref(), Ok("?>~"));
        assert_eq!(decode("Zm8=").as_deref(), Ok("fo"), "padding is tolerated");
    }

    /// Bad input gets a message that says where.
    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(decode("Zm9v!"), Err(CodeError::BadChar { position: 4, ch: '!' }));
        assert_eq!(decode("Zm 9v"), Err(CodeError::BadChar { position: 2, ch: ' ' }));
        assert_eq!(decode("Zmé"), Err(CodeError::BadChar { position: 2, ch: 'é' }));
        assert_eq!(decode("Zm9vY"), Err(CodeError::BadLength));
        // 0xff 0xfe is not UTF-8.
        assert_eq!(decode("__4"), Err(CodeError::NotUtf8 { offset: 0 }));
        assert_eq!(decode(&format!("{}_w", encode("ok!"))), Err(CodeError::NotUtf8 { offset: 3 }));
        let big = encode(&"#".repeat(MAX_CODE_BYTES + 1));
        assert!(matches!(decode(&big), Err(CodeError::TooLong { .. })));
        assert!(decode(&encode(&"#".repeat(MAX_CODE_BYTES))).is_ok());
        assert!(CodeError::BadLength.to_string().contains("length"));
    }
}
