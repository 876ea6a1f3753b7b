//! Parser load time, speed and memory.
//!
//! ```text
//! cargo run --release -p herald-syntax --example parser_bench -- models/parser.bin CONLLU [REPEATS [BEAM]]
//! ```
//!
//! BEAM overrides the model's decoding beam width (1 = greedy).
//!
//! Load time is the best of 5 loads (wall clock); speed is tokens per second
//! of thread CPU time over REPEATS passes (default 10) of the file's
//! sentences with their own tags; memory is the process's peak RSS.

use herald_syntax::conllu;
use herald_syntax::parser::{Arc, Parser, ParserWorker};
use std::path::Path;
use std::time::Instant;

mod common;
use common::thread_cpu;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: parser_bench MODEL CONLLU [REPEATS [BEAM]]");
        std::process::exit(2);
    }
    let repeats: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut parser = None;
    for _ in 0..5 {
        drop(parser.take());
        let c0 = thread_cpu();
        let t0 = Instant::now();
        parser = Some(Parser::load(Path::new(&args[0])).unwrap_or_else(|e| panic!("{e}")));
        best = best.min(t0.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(thread_cpu() - c0);
    }
    let parser = parser.unwrap();
    let parser = match args.get(3).and_then(|b| b.parse().ok()) {
        Some(b) => parser.with_beam(b),
        None => parser,
    };
    println!("beam width {} (trained for {})", parser.beam(), parser.trained_beam());
    let size = std::fs::metadata(&args[0]).map(|m| m.len()).unwrap_or(0);
    println!(
        "model {:.1} MB, load {:.1} ms wall (best of 5), ~{:.0} ms CPU",
        size as f64 / 1e6,
        best * 1e3,
        best_cpu * 1e3
    );
    let sents = conllu::read_file(Path::new(&args[1])).unwrap_or_else(|e| panic!("{e}"));
    let inputs: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = sents
        .iter()
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.as_str()).collect(),
                s.words.iter().map(|w| w.upos.as_str()).collect(),
                s.words.iter().map(|w| w.xpos.as_str()).collect(),
            )
        })
        .collect();
    let mut worker = ParserWorker::new();
    let mut out: Vec<Arc> = Vec::new();
    let mut tokens = 0usize;
    let c0 = thread_cpu();
    let t0 = Instant::now();
    for _ in 0..repeats {
        for (w, u, x) in &inputs {
            parser.parse_with(&mut worker, w, u, x, &mut out).unwrap();
            tokens += w.len();
        }
    }
    let cpu = (thread_cpu() - c0).max(0.01);
    let wall = t0.elapsed().as_secs_f64();
    println!(
        "{tokens} tokens: {:.0} tokens/s (CPU time), {:.0} tokens/s (wall); peak RSS {:.0} MB",
        tokens as f64 / cpu,
        tokens as f64 / wall,
        peak_rss_mb()
    );
}
