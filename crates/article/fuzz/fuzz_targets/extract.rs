//! Fuzzes the HTML reader: any UTF-8 input must give an article without
//! panicking, with text whose paragraphs are trimmed and non-empty. Run
//! with `cargo +nightly fuzz run extract` from `crates/article/fuzz/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else { return };
    let a = herald_article::extract(html, Some("https://example.org/a"));
    for p in a.text.split("\n\n") {
        assert!(!p.is_empty() || a.text.is_empty(), "empty paragraph in {:?}", a.text);
        assert_eq!(p, p.trim(), "untrimmed paragraph");
    }
    let _ = herald_article::page_text(html);
});
