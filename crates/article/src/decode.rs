//! Turning the bytes of a page into text: the encoding comes from a byte
//! order mark, else the HTTP `charset`, else a `<meta charset>` or
//! `<meta http-equiv="Content-Type">` in the first 4 KiB, else UTF-8 when
//! the bytes are valid UTF-8, else windows-1252 (what browsers assume for
//! unlabelled Western pages). Non-ASCII bytes that are valid UTF-8 are read
//! as UTF-8 even under another label (a page re-saved as UTF-8 keeping its
//! old `<meta charset>` is common; the reverse cannot be valid UTF-8 by
//! chance beyond a few bytes).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Why bytes could not be read as a page.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes in the first KiB of a page not declared UTF-16: an image,
    /// an archive or some other binary file.
    #[error("binary data, not a text page (NUL byte at offset {0})")]
    Binary(usize),
}

/// How far into the page a `<meta>` charset is looked for.
const PRESCAN: usize = 4096;

/// Decodes a page. Returns the text and the name of the encoding used
/// (`"UTF-8"`, `"windows-1252"`, `"Shift_JIS"`, ...). Malformed sequences
/// become U+FFFD. `http_charset` is the `charset` parameter of the HTTP
/// `Content-Type`, if any; an unknown label is ignored.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Result<(String, &'static str), DecodeError> {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => {
            let declared = http_charset
                .and_then(|c| Encoding::for_label(c.trim().trim_matches(['"', '\'']).as_bytes()))
                .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
            let utf8 = std::str::from_utf8(bytes).is_ok();
            let enc = match declared {
                // Multi-byte text that is valid UTF-8 is UTF-8 whatever the
                // label says: in a legacy encoding such byte runs are
                // vanishingly rare, and pages saved or re-served as UTF-8
                // often keep their old label.
                Some(_) if utf8 && !bytes.is_ascii() => UTF_8,
                // A page read as bytes cannot really be UTF-16 without a BOM
                // when its meta tag was readable as ASCII: browsers use UTF-8.
                Some(e) if (e == UTF_16LE || e == UTF_16BE) && http_charset.is_none() => UTF_8,
                Some(e) => e,
                None if utf8 => UTF_8,
                None => match std::str::from_utf8(bytes) {
                    // Valid UTF-8 cut short at the end still counts as UTF-8.
                    Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => UTF_8,
                    _ => WINDOWS_1252,
                },
            };
            (enc, 0)
        }
    };
    if encoding != UTF_16LE && encoding != UTF_16BE {
        if let Some(pos) = bytes[..bytes.len().min(1024)].iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary(pos));
        }
    }
    let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    Ok((text.into_owned(), encoding.name()))
}

/// The encoding named by a `<meta charset=...>` or a `<meta
/// http-equiv="Content-Type" content="...; charset=...">` in `head`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i + 5;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(j) = find(tag, b"charset") {
            let mut rest = &tag[j + 7..];
            rest = trim_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_start(r);
                let r = r.strip_prefix(b"\"").or_else(|| r.strip_prefix(b"'")).unwrap_or(r);
                let label_end = r
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>') || b.is_ascii_whitespace())
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..label_end]) {
                    return Some(enc);
                }
            }
        }
        from = end.min(lower.len());
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_wins_over_the_utf8_guess() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        let (text, enc) = decode(page, None).unwrap();
        assert_eq!(enc, "windows-1251");
        assert!(text.contains("Привет"), "{text}");
    }

    #[test]
    fn http_equiv_and_http_header() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9</p>";
        assert_eq!(decode(page, None).unwrap(), ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>café</p>".to_string(), "windows-1252"));
        let (text, enc) = decode("<p>café</p>".as_bytes(), Some("utf-8")).unwrap();
        assert_eq!((text.as_str(), enc), ("<p>café</p>", "UTF-8"));
        // The HTTP header outranks the page.
        let (_, enc) = decode(b"<meta charset=utf-8><p>caf\xe9</p>", Some("\"latin1\"")).unwrap();
        assert_eq!(enc, "windows-1252");
    }

    #[test]
    fn bom_utf8_fallback_and_binary() {
        let (text, enc) = decode(b"\xef\xbb\xbf<p>x</p>", Some("latin1")).unwrap();
        assert_eq!((text.as_str(), enc), ("<p>x</p>", "UTF-8"));
        let (text, enc) = decode(b"<p>caf\xe9 cr\xe8me</p>", None).unwrap();
        assert_eq!((text.as_str(), enc), ("<p>café crème</p>", "windows-1252"));
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None), Err(DecodeError::Binary(8)));
        let (text, enc) = decode(b"\xff\xfe<\0p\0>\0", None).unwrap();
        assert_eq!((text.as_str(), enc), ("<p>", "UTF-16LE"));
    }
}
