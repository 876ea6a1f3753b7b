//! Shared by the extraction tests: one extractor a test binary.
#![allow(dead_code)]

use herald_extract::Extractor;
use std::sync::OnceLock;

/// The extractor with the built-in models (when herald was built with them)
/// and the default lexicon.
pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::with_defaults().expect("default lexicon"))
}

/// The seed article (repository copy).
pub fn seed_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/ceasefire-talks.txt")).expect("examples/ceasefire-talks.txt")
}

/// The seed gold: ../shared when present, else the fixture copy.
pub fn seed_gold() -> serde_json::Value {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/ceasefire-talks.gold.json");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ceasefire-talks.gold.json");
    let text = std::fs::read_to_string(shared).or_else(|_| std::fs::read_to_string(fixture)).expect("seed gold");
    serde_json::from_str(&text).expect("gold JSON")
}
