//! Speed and memory of `extract` on one large page: by default a synthetic
//! page of about 50 MB (article paragraphs, link lists, nested wrappers,
//! comments), or the pages given as arguments. Prints MB per second and the
//! peak resident memory.
//!
//! ```sh
//! cargo run --release -p herald-article --example bench_html            # 50 MB synthetic page
//! cargo run --release -p herald-article --example bench_html -- 200     # 200 MB
//! cargo run --release -p herald-article --example bench_html -- deep 50000   # nesting
//! ```

use std::time::Instant;

fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn synthetic(mb: usize) -> String {
    let block = concat!(
        "<div class=\"wrap\"><div class=\"story\"><h2>Council approves budget</h2>",
        "<p>The council met again on Tuesday, and the budget, delayed twice, was finally approved by a narrow margin of two votes.</p>",
        "<p>Opposition members said the plan cut &quot;too deep&quot; into libraries &amp; parks; the mayor said it was balanced.</p></div>",
        "<ul class=\"related\"><li><a href=\"/a\">Another story</a></li><li><a href=\"/b\">Yet another story</a></li></ul>",
        "<div class=\"comment\"><p>First!</p></div><span>inline <b>bold</b> <i>text</i></span></div>\n"
    );
    let mut s = String::with_capacity(mb * 1_000_000 + 1000);
    s.push_str("<!DOCTYPE html><html><head><title>Big page</title></head><body><main>");
    while s.len() < mb * 1_000_000 {
        s.push_str(block);
    }
    s.push_str("</main></body></html>");
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pages: Vec<(String, String)> = match args.first() {
        Some(a) if a == "deep" => {
            let n: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(50_000);
            let html = format!("{}<p>{}</p>{}", "<div>".repeat(n), "word, ".repeat(50), "</div>".repeat(n));
            vec![(format!("{n} nested divs"), html)]
        }
        Some(a) if a.parse::<usize>().is_err() => {
            args.iter().map(|p| (p.clone(), std::fs::read_to_string(p).expect("readable UTF-8 page"))).collect()
        }
        other => {
            let mb = other.and_then(|a| a.parse().ok()).unwrap_or(50);
            vec![(format!("synthetic {mb} MB"), synthetic(mb))]
        }
    };
    let before = peak_rss_mb().unwrap_or(0.0);
    for (name, html) in &pages {
        let t = Instant::now();
        let a = herald_article::extract(html, None);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name}: {:.1} MB in {:.2} s = {:.1} MB/s; text {:.1} MB; peak RSS {:.0} MB (input alone {:.0} MB)",
            html.len() as f64 / 1e6,
            secs,
            html.len() as f64 / 1e6 / secs,
            a.text.len() as f64 / 1e6,
            peak_rss_mb().unwrap_or(0.0),
            before
        );
    }
}
