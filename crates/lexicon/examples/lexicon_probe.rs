//! Loads dictionary files (or the default) and prints line accounting,
//! finding counts, load time of the compiled form and resident memory.
//! `cargo run --release -p herald-lexicon --example lexicon_probe -- [FILES...]`
use herald_lexicon::{Lexicon, Severity};
use std::time::Instant;

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status").ok().and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())).unwrap_or(0)
}

fn main() {
    let args: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
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
    let tmp = std::env::temp_dir().join(format!("lexicon-probe-{}.hlx", std::process::id()));
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
    let _ = std::fs::remove_file(&tmp);
}
