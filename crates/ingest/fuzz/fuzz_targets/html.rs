//! The HTML path (format detection, charset sniffing and decoding, article
//! extraction) on any bytes: no panic, and a document's text is never empty.
#![no_main]
use herald_ingest::{detect, html_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = detect(data, Some("html"));
    if let Ok(doc) = html_document("fuzz", "fuzz", data.to_vec(), None, None) {
        assert!(!doc.text.trim().is_empty());
    }
});
