//! Loads dictionary files (or the default) and prints line accounting,
//! finding counts, load time of the compiled form and resident memory.
//! `cargo run --release -p herald-lexicon --example lexicon_probe -- [FILES...]`
use herald_lexicon::{Lexicon, Severity};
use std::time::Instant;

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status").ok().and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())).unwrap_or(0)
}

/// CPU time of this (single-threaded) process in ns: wall-clock figures on a
/// shared, loaded machine overstate the cost.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/self/schedstat").ok().and_then(|s| s.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}

fn main() {
    let args: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if let [one] = args.as_slice() {
        if one.extension().is_some_and(|e| e == "hlx") {
            // Open-only mode: the figures a fresh process pays for the compiled lexicon.
            let before = rss_kb();
            let (t, c) = (Instant::now(), cpu_ns());
            let lex = Lexicon::open(one).expect("open");
            let (first, first_cpu) = (t.elapsed(), (cpu_ns() - c) / 1_000_000);
            let after = rss_kb();
            let mut times = Vec::new();
            let mut cpus = Vec::new();
            for _ in 0..5 {
                let (t, c) = (Instant::now(), cpu_ns());
                drop(Lexicon::open(one).expect("open"));
                times.push(t.elapsed());
                cpus.push((cpu_ns() - c) / 1_000_000);
            }
            times.sort();
            cpus.sort();
            println!(
                "{}: {} bytes, {} actors; first load {:?} wall / {} ms CPU, median of 5 more {:?} wall / {} ms CPU; resident memory {} MB -> {} MB (+{} MB)",
                one.display(),
                std::fs::metadata(one).unwrap().len(),
                lex.actors.len(),
                first,
                first_cpu,
                times[2],
                cpus[2],
                before / 1024,
                after / 1024,
                (after - before) / 1024
            );
            return;
        }
    }
    let paths = if args.is_empty() { vec![herald_lexicon::default_data_dir().expect("data/lexicon").join("default.manifest")] } else { args };
    let t = Instant::now();
    let rep = Lexicon::load(&paths).expect("load");
    let build = t.elapsed();
    for s in &rep.lexicon.sources {
        let l = &s.lines;
        println!("{:60} {:8} total {:6} comment/blank {:6} loaded {:4} reported", s.path, l.total, l.comments, l.loaded, l.reported);
    }
    for sev in [Severity::Error, Severity::Warning, Severity::Note] {
        println!("{sev}: {}", rep.findings.iter().filter(|f| f.severity == sev).count());
    }
    if std::env::var_os("PROBE_FINDINGS").is_some() {
        for f in &rep.findings {
            println!("{f}");
        }
    }
    println!("built from text in {:?}", build);
    let bytes = rep.lexicon.to_bytes();
    drop(rep);
    let keep = std::env::var_os("PROBE_OUT").map(std::path::PathBuf::from);
    let tmp = keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("lexicon-probe-{}.hlx", std::process::id())));
    std::fs::write(&tmp, &bytes).unwrap();
    drop(bytes);
    let before = rss_kb();
    let t = Instant::now();
    let lex = Lexicon::open(&tmp).expect("open");
    let load = t.elapsed();
    let after = rss_kb();
    println!("compiled file {} bytes; loaded in {:?}; resident memory +{} MB", std::fs::metadata(&tmp).unwrap().len(), load, (after.saturating_sub(before)) / 1024);
    for (k, v) in lex.stats() {
        println!("  {k:22} {v}");
    }
    if keep.is_none() {
        let _ = std::fs::remove_file(&tmp);
    }
}
