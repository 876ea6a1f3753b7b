#![allow(dead_code)]
use herald_lexicon::Lexicon;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// `../shared` beside the repository (or `$HERALD_SHARED`), if present.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("HERALD_SHARED").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if p.join("lexicon/phoenix").is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared (or $HERALD_SHARED) not found; the fixture tests still run");
        None
    }
}

/// The shipped default, built from the text sources (no cache).
pub fn default_lexicon() -> Lexicon {
    let m = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lexicon/default.manifest");
    Lexicon::load(&[m]).expect("default lexicon").lexicon
}
