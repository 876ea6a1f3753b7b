//! Measures model load time: `cargo run --release -p herald-syntax --example tagger_load -- models/tagger.bin`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "models/tagger.bin".into());
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        let tagger = herald_syntax::tagger::Tagger::load(&path).unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        std::hint::black_box(&tagger);
    }
    println!("load: best of 10 {:.1} ms", best * 1000.0);
}
