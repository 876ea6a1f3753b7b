//! Fuzzes the segmenter: any UTF-8 input must segment without panicking
//! and keep every invariant (`Segmented::validate`), also when buffers are
//! reused. Run with `cargo +nightly fuzz run segment` from `fuzz/`.
#![no_main]

use herald_text::{Segmented, Segmenter};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let s = SEGMENTER.get_or_init(Segmenter::new);
    let seg = s.segment(text);
    if let Err(e) = seg.validate(text) {
        panic!("{e}\ntext: {text:?}");
    }
    // Reusing a dirty buffer must give the same result.
    let mut reused = Segmented::new();
    s.segment_into("Warm-up text. With “quotes” &amp; more.", &mut reused);
    s.segment_into(text, &mut reused);
    assert_eq!(reused.tokens, seg.tokens);
    assert_eq!(reused.sentences, seg.sentences);
    assert_eq!(reused.paragraphs, seg.paragraphs);
});
