//! Breaks the load time of a compiled lexicon into its phases.
//! `cargo run --release -p herald-lexicon --example lexicon_loadtime -- FILE.hlx`
use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).expect("FILE.hlx");
    for _ in 0..3 {
        let t = Instant::now();
        let bytes = std::fs::read(&p).unwrap();
        let read = t.elapsed();
        let t = Instant::now();
        herald_binfmt::open(&bytes, herald_lexicon::KIND, herald_lexicon::FORMAT_VERSION).unwrap();
        let check = t.elapsed();
        let t = Instant::now();
        let lex = herald_lexicon::Lexicon::from_bytes(&bytes).unwrap();
        let all = t.elapsed();
        println!("read {read:?}, header+checksum {check:?}, open+decode {all:?} ({} actors)", lex.actors.len());
    }
}
