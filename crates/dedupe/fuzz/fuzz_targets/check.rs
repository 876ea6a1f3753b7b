//! Any bytes, split into documents at NUL, go through the index: no panic,
//! similarities within [0, 1], duplicates name an earlier document, and a
//! document repeated verbatim is found.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut ix = herald_dedupe::Index::default();
    let docs: Vec<&str> = text.split('\0').collect();
    for (i, d) in docs.iter().enumerate() {
        if let Some(dup) = ix.check(&i.to_string(), d) {
            assert!((0.0..=1.0).contains(&dup.similarity));
            assert!(dup.of.parse::<usize>().unwrap() < i);
        }
    }
    if let Some(first) = docs.first() {
        if ix.signature(first).words > 0 {
            assert!(ix.check("again", first).is_some());
        }
    }
});
