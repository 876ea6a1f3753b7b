//! Speed of the tagger alone on a folder of text files, one thread, with the
//! built-in model: the files are segmented first (untimed), then every
//! sentence is tagged, several passes.
//!
//! ```text
//! cargo run --release -p herald-syntax --example tagger_bench -- DIR [PASSES]
//! ```
//!
//! Prints tokens per second of thread CPU time for each pass (the best pass
//! is the figure to compare on a busy machine) and a checksum of all tags,
//! which must not change when only the speed of the tagger changes.

use herald_syntax::pipeline::Analyzer;
use herald_syntax::tagger::{TaggerWorker, TagResult};
use std::hash::{Hash, Hasher};
use std::path::Path;

mod common;
use common::{files, thread_cpu};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: tagger_bench DIR [PASSES]");
        std::process::exit(2);
    };
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(3);
    let mut paths = Vec::new();
    files(Path::new(dir), &mut paths);
    let an = Analyzer::with_default_models().unwrap_or_else(|e| panic!("{e}"));
    // Sentences as the pipeline gives them to the tagger (debris left out).
    let mut sents: Vec<Vec<String>> = Vec::new();
    for p in &paths {
        let Ok(b) = std::fs::read(p) else { continue };
        let text = String::from_utf8_lossy(&b);
        let seg = an.segmenter.segment(&text);
        for s in &seg.sentences {
            let words: Vec<String> =
                seg.tokens[s.tokens.clone()].iter().filter(|t| !t.debris).map(|t| seg.form(t).to_string()).collect();
            sents.push(words);
        }
    }
    let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(|w| w.as_str()).collect()).collect();
    let tokens: usize = refs.iter().map(|s| s.len()).sum();
    let mut wk = TaggerWorker::new();
    let mut tags: Vec<TagResult> = Vec::new();
    let mut best = 0.0f64;
    let mut sum = 0u64;
    for pass in 0..passes {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let c0 = thread_cpu();
        for s in &refs {
            an.tagger.tag_with(&mut wk, s, &mut tags);
            tags.hash(&mut h);
        }
        let cpu = (thread_cpu() - c0).max(0.01);
        sum = h.finish();
        best = best.max(tokens as f64 / cpu);
        println!("pass {}: {} sentences, {tokens} tokens, {cpu:.2} CPU s, {:.0} tokens per CPU second", pass + 1, refs.len(), tokens as f64 / cpu);
    }
    println!("best: {best:.0} tokens per CPU second; tags checksum {sum:016x}");
}
