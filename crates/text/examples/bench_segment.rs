//! Throughput of normalisation + segmentation on a corpus of text files.
//!
//! ```text
//! cargo run --release -p herald-text --example bench_segment -- /work/shared/corpora/bbc
//! ```
//!
//! Concatenates every `.txt` file under the directory (articles separated by
//! a blank line; invalid UTF-8 replaced), then segments the whole text
//! several times with one reused buffer and reports MB/s and tokens/s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use herald_text::{Segmented, Segmenter};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Nanoseconds this thread has run on a CPU (Linux), to see through a
/// loaded machine; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/work/shared/corpora/bbc".into());
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    files.sort();
    let mut text = String::new();
    for f in &files {
        if let Ok(b) = std::fs::read(f) {
            text.push_str(&String::from_utf8_lossy(&b));
            text.push_str("\n\n");
        }
    }
    if text.is_empty() {
        eprintln!("no .txt files under {dir}");
        std::process::exit(2);
    }
    let s = Segmenter::new();
    let mut seg = Segmented::new();
    s.segment_into(&text, &mut seg); // warm-up
    let rounds = 5;
    let t0 = Instant::now();
    let c0 = cpu_ns();
    for _ in 0..rounds {
        s.segment_into(&text, &mut seg);
    }
    let secs = t0.elapsed().as_secs_f64() / rounds as f64;
    let cpu = cpu_ns().zip(c0).map(|(b, a)| (b - a) as f64 / 1e9 / rounds as f64);
    let mut norm = herald_text::Normalized::new();
    let t1 = Instant::now();
    for _ in 0..rounds {
        herald_text::normalize::normalize_into(&text, &mut norm);
    }
    let norm_secs = t1.elapsed().as_secs_f64() / rounds as f64;
    let mb = text.len() as f64 / 1e6;
    if let Some(cpu) = cpu {
        println!("on-CPU time per pass: {:.1} ms ({:.0} MB/s, {:.1} M tokens/s)", cpu * 1e3, mb / cpu, seg.tokens.len() as f64 / cpu / 1e6);
    }
    println!(
        "{} files, {:.2} MB: {} paragraphs, {} sentences, {} tokens; {:.1} ms wall per pass ({:.1} ms of it normalisation), {:.0} MB/s, {:.1} M tokens/s",
        files.len(),
        mb,
        seg.paragraphs.len(),
        seg.sentences.len(),
        seg.tokens.len(),
        secs * 1e3,
        norm_secs * 1e3,
        mb / secs,
        seg.tokens.len() as f64 / secs / 1e6
    );
}
