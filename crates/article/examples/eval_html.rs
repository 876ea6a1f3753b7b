//! Scores article extraction on the shared HTML pages: word-level
//! precision, recall and F1 of the body (see `herald_article::eval`),
//! macro-averaged per collection and over all pages, metadata accuracy
//! (title, date, author where the page's expectation gives one) and speed.
//!
//! ```sh
//! cargo run --release -p herald-article --example eval_html -- ../shared/corpora/html
//! # with the crates herald is compared with:
//! cargo run --release -p herald-article --features compare --example eval_html -- ../shared/corpora/html
//! # per-page F1 of one extractor, worst first:
//! cargo run --release -p herald-article --example eval_html -- ../shared/corpora/html --pages herald
//! ```
//!
//! Layout read: `readability-test-pages/*/{source.html, expected.html,
//! expected-metadata.json}` (expected text = the visible text of
//! `expected.html`) and `newspaper4k/{html,txt,metadata}/NAME.*`.

use herald_article::eval::{self, load, Page, Prf};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What an extractor gave for a page.
#[derive(Default)]
struct Out {
    text: String,
    title: Option<String>,
    date: Option<String>,
    author: Option<String>,
}

type Extractor = fn(&str, Option<&str>) -> Option<Out>;

fn herald(html: &str, url: Option<&str>) -> Option<Out> {
    let a = herald_article::extract(html, url);
    Some(Out { text: a.text, title: a.title, date: a.published, author: a.author })
}

fn all_text(html: &str, _url: Option<&str>) -> Option<Out> {
    Some(Out { text: herald_article::page_text(html), ..Out::default() })
}

#[cfg(feature = "compare")]
mod others {
    use super::Out;

    pub fn dom_smoothie(html: &str, url: Option<&str>) -> Option<Out> {
        let url = url.filter(|u| u.starts_with("http"));
        let mut r = dom_smoothie::Readability::new(html, url, None).ok()?;
        let a = r.parse().ok()?;
        Some(Out { text: a.text_content.to_string(), title: Some(a.title), date: a.published_time, author: a.byline })
    }

    pub fn readability(html: &str, url: Option<&str>) -> Option<Out> {
        let u = url::Url::parse(url.unwrap_or("http://fakehost/")).or_else(|_| url::Url::parse("http://fakehost/")).ok()?;
        let p = readability::extractor::extract(&mut html.as_bytes(), &u).ok()?;
        Some(Out { text: p.text, title: Some(p.title), ..Out::default() })
    }

    pub fn rs_trafilatura(html: &str, _url: Option<&str>) -> Option<Out> {
        let r = rs_trafilatura::extract(html).ok()?;
        Some(Out {
            text: r.content_text,
            title: r.metadata.title,
            date: r.metadata.date.map(|d| d.to_rfc3339()),
            author: r.metadata.author,
        })
    }

    pub fn trafilatura(html: &str, _url: Option<&str>) -> Option<Out> {
        let r = trafilatura::extract(html, &trafilatura::Options::default()).ok()?;
        let m = r.metadata;
        Some(Out {
            text: r.content_text,
            title: Some(m.title).filter(|s| !s.is_empty()),
            date: m.date.map(|d| d.to_string()),
            author: Some(m.author).filter(|s| !s.is_empty()),
        })
    }
}

fn extractors() -> Vec<(&'static str, Extractor)> {
    #[allow(unused_mut)]
    let mut v: Vec<(&'static str, Extractor)> = vec![("herald", herald)];
    #[cfg(feature = "compare")]
    {
        v.push(("dom_smoothie 0.19", others::dom_smoothie));
        v.push(("readability 0.3", others::readability));
        v.push(("rs-trafilatura 0.2", others::rs_trafilatura));
        v.push(("trafilatura 0.6", others::trafilatura));
    }
    v.push(("all visible text", all_text));
    v
}

fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Names as a sorted list of keys ("By A and B" = "B, A").
fn name_keys(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(s);
    let mut v: Vec<String> = s.replace(" and ", ",").replace(" & ", ",").split([',', ';']).map(key).filter(|k| !k.is_empty()).collect();
    v.sort();
    v.dedup();
    v
}

fn date_eq(got: &str, want: &str) -> bool {
    let g: String = got.trim().chars().take(10).collect();
    let w: String = want.trim().chars().take(10).collect();
    g.len() == 10 && g == w
}

#[derive(Default, Clone, Copy)]
struct Tally {
    right: usize,
    asked: usize,
}

impl Tally {
    fn add(&mut self, want: &Option<String>, ok: impl FnOnce(&str) -> bool) {
        if let Some(w) = want {
            self.asked += 1;
            if ok(w) {
                self.right += 1;
            }
        }
    }
    fn show(&self) -> String {
        format!("{}/{}", self.right, self.asked)
    }
}

struct Run {
    name: &'static str,
    per_page: Vec<Prf>,
    title: Tally,
    date: Tally,
    author: Tally,
    failed: usize,
    time: Duration,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared/corpora/html"));
    let pages_of = args.iter().position(|a| a == "--pages").and_then(|i| args.get(i + 1)).cloned();
    let show = args.iter().position(|a| a == "--show").and_then(|i| args.get(i + 1)).cloned();
    let pages = load(&root);
    if let Some(name) = show {
        // One page: herald's text, then the words it lacks and adds.
        for p in pages.iter().filter(|p| p.name == name) {
            let a = herald_article::extract(&p.html, p.url.as_deref());
            println!("{a:#?}\n");
            let mut bag = std::collections::HashMap::<String, i64>::new();
            for w in eval::words(&p.text) {
                *bag.entry(w).or_default() += 1;
            }
            for w in eval::words(&a.text) {
                *bag.entry(w).or_default() -= 1;
            }
            let mut missing: Vec<_> = bag.iter().filter(|(_, &n)| n > 0).collect();
            let mut extra: Vec<_> = bag.iter().filter(|(_, &n)| n < 0).collect();
            missing.sort_by_key(|(w, n)| (-**n, (*w).clone()));
            extra.sort_by_key(|(w, n)| (**n, (*w).clone()));
            println!("missing: {missing:?}\n\nextra: {extra:?}\n\n{}", eval::score(&a.text, &p.text).f1);
        }
        return;
    }
    if pages.is_empty() {
        eprintln!("no pages under {}: expected readability-test-pages/ and newspaper4k/", root.display());
        std::process::exit(2);
    }
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let collections = ["readability", "newspaper4k"];
    let mut runs = Vec::new();
    for (name, f) in extractors() {
        let mut run = Run {
            name,
            per_page: Vec::new(),
            title: Tally::default(),
            date: Tally::default(),
            author: Tally::default(),
            failed: 0,
            time: Duration::ZERO,
        };
        for p in &pages {
            let t = Instant::now();
            let out = std::panic::catch_unwind(|| f(&p.html, p.url.as_deref())).ok().flatten();
            run.time += t.elapsed();
            let out = out.unwrap_or_else(|| {
                run.failed += 1;
                Out::default()
            });
            run.per_page.push(eval::score(&out.text, &p.text));
            if std::env::var_os("EVAL_META_MISSES").is_some() && name == "herald" {
                for (what, want, got) in [("title", &p.title, &out.title), ("date", &p.date, &out.date), ("author", &p.author, &out.author)] {
                    if want.is_some() && want != got {
                        eprintln!("{what}\t{}\twant {want:?}\tgot {got:?}", p.name);
                    }
                }
            }
            run.title.add(&p.title, |w| out.title.as_deref().is_some_and(|g| key(g) == key(w)));
            run.date.add(&p.date, |w| out.date.as_deref().is_some_and(|g| date_eq(g, w)));
            run.author.add(&p.author, |w| out.author.as_deref().is_some_and(|g| name_keys(g) == name_keys(w)));
        }
        runs.push(run);
    }
    println!("{} pages ({} readability, {} newspaper4k), {:.1} MB of HTML", pages.len(),
        pages.iter().filter(|p| p.collection == "readability").count(),
        pages.iter().filter(|p| p.collection == "newspaper4k").count(),
        bytes as f64 / 1e6);
    println!();
    println!("| extractor | readability P / R / F1 | newspaper4k P / R / F1 | all pages P / R / **F1** | title | date | author | failed | MB/s |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &runs {
        let mut cells = Vec::new();
        for c in collections {
            let s: Vec<Prf> = pages.iter().zip(&r.per_page).filter(|(p, _)| p.collection == c).map(|(_, s)| *s).collect();
            let m = eval::mean(&s);
            cells.push(format!("{:.3} / {:.3} / {:.3}", m.precision, m.recall, m.f1));
        }
        let m = eval::mean(&r.per_page);
        cells.push(format!("{:.3} / {:.3} / **{:.4}**", m.precision, m.recall, m.f1));
        let speed = bytes as f64 / 1e6 / r.time.as_secs_f64().max(1e-9);
        println!("| {} | {} | {} | {} | {} | {} | {} | {} | {:.1} |", r.name, cells[0], cells[1], cells[2],
            r.title.show(), r.date.show(), r.author.show(), r.failed, speed);
    }
    if let Some(which) = pages_of {
        let Some(r) = runs.iter().find(|r| r.name.starts_with(which.as_str())) else {
            eprintln!("no extractor named {which}");
            std::process::exit(2);
        };
        let mut rows: Vec<(&Page, &Prf)> = pages.iter().zip(&r.per_page).collect();
        rows.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1));
        println!();
        for (p, s) in rows {
            println!("{:.3} P {:.3} R {:.3}  {}/{}", s.f1, s.precision, s.recall, p.collection, p.name);
        }
    }
}
