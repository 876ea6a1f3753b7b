//! Speed of the whole text-to-tree pipeline (segment, tag, lemmatise, parse)
//! on a folder of text files, one thread, with the built-in models.
//!
//! ```text
//! cargo run --release -p herald-syntax --example analyze_bench -- DIR [PASSES] [--dump FILE]
//! ```
//!
//! Prints model load time and, for each pass over the files, tokens per
//! second of thread CPU time (the best pass is the figure to compare on a
//! busy machine). `--dump FILE` writes every token's tags, lemma, head and
//! relation, so that two builds can be compared for identical output.

use herald_syntax::pipeline::{Analysis, Analyzer};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

mod common;
use common::{files, thread_cpu};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: analyze_bench DIR [PASSES] [--dump FILE]");
        std::process::exit(2);
    };
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(3);
    let dump = args.iter().position(|a| a == "--dump").and_then(|i| args.get(i + 1));
    let mut paths = Vec::new();
    files(Path::new(dir), &mut paths);
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read(p).ok()).map(|b| String::from_utf8_lossy(&b).into_owned()).collect();
    let (c0, t0) = (thread_cpu(), Instant::now());
    let an = Analyzer::with_default_models().unwrap_or_else(|e| panic!("{e}"));
    println!("load: {:.0} ms wall, {:.0} ms CPU", t0.elapsed().as_secs_f64() * 1e3, (thread_cpu() - c0) * 1e3);
    let mut a = Analysis::new();
    let mut best = 0.0f64;
    for pass in 0..passes {
        let c0 = thread_cpu();
        let mut tokens = 0usize;
        for t in &texts {
            an.analyze(t, &mut a);
            tokens += a.words.len();
        }
        let cpu = (thread_cpu() - c0).max(0.01);
        best = best.max(tokens as f64 / cpu);
        println!("pass {}: {} docs, {tokens} tokens, {cpu:.2} CPU s, {:.0} tokens per CPU second", pass + 1, texts.len(), tokens as f64 / cpu);
    }
    println!("best: {best:.0} tokens per CPU second");
    if let Some(f) = dump {
        let mut w = std::io::BufWriter::new(std::fs::File::create(f).expect("create dump"));
        for t in &texts {
            an.analyze(t, &mut a);
            for i in 0..a.words.len() {
                let x = &a.words[i];
                writeln!(w, "{}\t{}\t{}\t{}\t{}\t{}", a.form(i), a.lemma(i), an.tagger.xpos_name(x.xpos), an.tagger.upos_name(x.upos), x.head, an.parser.deprel_name(x.deprel)).expect("write");
            }
        }
    }
}
