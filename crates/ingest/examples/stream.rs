//! Streams inputs through the readers (decompression, WARC/feed/JSONL
//! parsing, charset decoding, article extraction) and counts what comes out:
//! the ingest side of `herald extract`, alone, for memory and speed.
//!
//! `cargo run --release -p herald-ingest --example stream -- FILE...`

use herald_ingest::{Inputs, Options};
use std::sync::atomic::Ordering;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    let inputs = Inputs::new(&paths, Options::default());
    let read = inputs.bytes_read();
    let t0 = std::time::Instant::now();
    let (mut docs, mut rejects, mut chars) = (0u64, 0u64, 0u64);
    for item in inputs {
        match item {
            Ok(d) => {
                docs += 1;
                chars += d.text.len() as u64;
            }
            Err(r) => {
                rejects += 1;
                eprintln!("{r}");
            }
        }
    }
    let s = t0.elapsed().as_secs_f64();
    let mb = read.load(Ordering::Relaxed) as f64 / 1e6;
    println!("{docs} documents, {rejects} rejected, {mb:.1} MB read, {:.1} MB of text, {s:.1} s, {:.2} MB/s", chars as f64 / 1e6, mb / s);
}
