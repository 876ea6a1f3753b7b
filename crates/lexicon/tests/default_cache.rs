//! The shipped default is compiled on first use, cached, and the cache is
//! used (and trusted only while the sources are unchanged).

use herald_lexicon::Lexicon;

#[test]
fn default_lexicon_is_compiled_once_and_cached() {
    let dir = std::env::temp_dir().join(format!("herald-lex-cache-{}", std::process::id()));
    // This test file is its own process: setting the variable affects no other test.
    std::env::set_var("HERALD_CACHE_DIR", &dir);
    let first = Lexicon::default_lexicon().unwrap();
    let cached: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(cached.len(), 1, "{cached:?}");
    assert!(cached[0].extension().is_some_and(|e| e == "hlx"));
    let second = Lexicon::default_lexicon().unwrap();
    assert_eq!(first.stats(), second.stats());
    assert_eq!(first.actors, second.actors);
    // A damaged cache is ignored and rewritten.
    std::fs::write(&cached[0], b"HERALD\0damaged").unwrap();
    let third = Lexicon::default_lexicon().unwrap();
    assert_eq!(third.actors, first.actors);
    assert!(Lexicon::open(&cached[0]).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}
