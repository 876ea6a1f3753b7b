//! Bytes to text: a byte-order mark, the charset a server or page declares,
//! UTF-8 when the bytes are valid UTF-8, else windows-1252 (which also reads
//! latin-1); bytes that are not text at all are refused with a reason.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

/// Decodes `bytes`. `declared` is a charset label from outside the bytes
/// (an HTTP `Content-Type`); with `html`, a `<meta charset>` in the first
/// 2 KB is honoured too. Returns the text and the encoding's name.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Result<(String, &'static str), DecodeError> {
    let (enc, bom) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (Some(e), n),
        None => (None, 0),
    };
    let body = &bytes[bom..];
    let enc = enc
        .or_else(|| declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())))
        .or_else(|| if html { meta_charset(body) } else { None });
    // A declared UTF-8 that is not valid UTF-8 is a wrong declaration: guess instead.
    let enc = match enc {
        Some(e) if e == UTF_8 && std::str::from_utf8(body).is_err() => None,
        e => e,
    };
    let enc = match enc {
        Some(e) => e,
        None if std::str::from_utf8(body).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _) = enc.decode_without_bom_handling(body);
    let controls = text.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')).count();
    if text.contains('\0') || controls * 100 > text.len().max(1) {
        return Err(DecodeError(format!("binary data, not text ({controls} control characters as {})", enc.name())));
    }
    Ok((text.into_owned(), enc.name()))
}

/// The charset of a `Content-Type` value (`text/html; charset=ISO-8859-1`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// `<meta charset="x">` or `<meta http-equiv=content-type content="...; charset=x">`
/// in the first 2 KB of a page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset=") {
        let start = from + i + b"charset=".len();
        let rest = &lower[start..];
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest.iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':')).unwrap_or(rest.len());
        if let Some(e) = Encoding::for_label(&rest[..end]) {
            // A page that says UTF-16 in ASCII bytes is not UTF-16 (WHATWG rule).
            return Some(if e.name().starts_with("UTF-16") { UTF_8 } else { e });
        }
        from = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_cp1252_declared_and_binary() {
        assert_eq!(decode("caf\u{e9}".as_bytes(), None, false).unwrap().0, "caf\u{e9}");
        // 0x92 is a right single quote in windows-1252.
        assert_eq!(decode(b"it\x92s", None, false).unwrap(), ("it\u{2019}s".to_string(), "windows-1252"));
        assert_eq!(decode(b"caf\xe9", Some("iso-8859-1"), false).unwrap().0, "caf\u{e9}");
        let page = b"<html><head><meta charset=\"koi8-r\"></head><body>\xf0\xd2\xc9</body></html>";
        assert!(decode(page, None, true).unwrap().0.contains("\u{41f}\u{440}\u{438}"));
        assert_eq!(decode(b"\xef\xbb\xbfBOM", None, false).unwrap().0, "BOM");
        let e = decode(b"\x00\x01\x02\x03PK", None, false).unwrap_err();
        assert!(e.0.contains("binary"));
        assert_eq!(charset_param("text/html; Charset=\"UTF-8\""), Some("UTF-8"));
    }
}
