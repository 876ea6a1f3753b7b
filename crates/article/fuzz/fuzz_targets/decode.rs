//! Fuzzes charset detection and decoding: any bytes, with or without an
//! HTTP charset, must decode or be refused as binary without panicking, and
//! valid UTF-8 without a label must come back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (label, bytes) = match data.split_first() {
        Some((&b, rest)) if b % 4 == 0 => (Some("iso-8859-1"), rest),
        Some((&b, rest)) if b % 4 == 1 => (Some("shift_jis"), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    if let Ok((text, enc)) = herald_article::decode(bytes, label) {
        let _ = herald_article::extract(&text, None);
        if label.is_none() && enc == "UTF-8" && !bytes.starts_with(b"\xef\xbb\xbf") {
            if let Ok(s) = std::str::from_utf8(bytes) {
                assert_eq!(text, s);
            }
        }
    }
});
