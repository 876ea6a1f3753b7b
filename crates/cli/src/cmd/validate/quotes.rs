//! `herald validate quotes --polnear FILE`: scores herald's quotes and
//! speakers against PolNeAR attributions (source, cue and content spans in
//! Unicode code points), so that anyone can reproduce herald's figures.
//!
//! Two views of the same run:
//!
//! - **quoted**: gold attributions whose content holds a quote mark, against
//!   herald's direct and mixed quotes;
//! - **all**: every gold attribution (direct and indirect speech, beliefs)
//!   against every herald quote, and **indirect** alone: gold contents
//!   without quote marks against herald's indirect quotes.
//!
//! A gold attribution is *found* when herald's contents cover at least
//! `--overlap` (default 50%) of its content; a herald quote is *right* when at
//! least that share of its span lies in some gold content. The speaker of a
//! found attribution is right when herald's speaker mention overlaps the gold
//! source, when the speaker's actor has a mention that does, or when both end
//! with the same word (`the Post` / `The New York Post`).

use crate::pipeline::{build_extractor, Conventions};
use crate::models::ModelArgs;
use anyhow::{Context, Result};
use herald_extract::{Extraction, Worker};
use herald_text::Document;
use rayon::prelude::*;
use serde::Deserialize;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `herald validate quotes`.
#[derive(clap::Args)]
pub struct QuotesArgs {
    /// PolNeAR annotation file (JSONL: `doc`, `date`, `text`, `attributions`).
    #[arg(long, value_name = "FILE")]
    polnear: PathBuf,
    /// Share of a span that must overlap to count as found.
    #[arg(long, default_value_t = 0.5)]
    overlap: f64,
    /// Score only the first N documents.
    #[arg(long)]
    limit: Option<usize>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Skip the tagger and parser.
    #[arg(long)]
    no_parse: bool,
    /// Dictionary files or manifests instead of the default lexicon.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    lexicon: Vec<PathBuf>,
    /// Print every miss and false alarm (quoted view) on standard error.
    #[arg(long)]
    verbose: bool,
    #[command(flatten)]
    models: ModelArgs,
}

#[derive(Deserialize)]
struct PolDoc {
    doc: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    text: String,
    attributions: Vec<PolAttr>,
}

#[derive(Deserialize)]
struct PolAttr {
    #[serde(default)]
    source: Option<PolSpans>,
    #[serde(default)]
    content: Option<PolSpans>,
}

#[derive(Deserialize)]
struct PolSpans {
    spans: Vec<[usize; 2]>,
    text: String,
}

/// Counts of one view.
#[derive(Default, Clone, Copy)]
struct Score {
    gold: usize,
    found: usize,
    pred: usize,
    right: usize,
    with_source: usize,
    speaker_right: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.found += o.found;
        self.pred += o.pred;
        self.right += o.right;
        self.with_source += o.with_source;
        self.speaker_right += o.speaker_right;
    }
    fn row(&self, name: &str) -> String {
        let p = ratio(self.right, self.pred);
        let r = ratio(self.found, self.gold);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        format!(
            "{name:10} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>9.3}  ({}/{} found, {}/{} right, speakers {}/{})",
            self.gold,
            self.pred,
            p,
            r,
            f,
            ratio(self.speaker_right, self.with_source),
            self.found,
            self.gold,
            self.right,
            self.pred,
            self.speaker_right,
            self.with_source
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn overlap(a: [usize; 2], b: [usize; 2]) -> usize {
    a[1].min(b[1]).saturating_sub(a[0].max(b[0]))
}

fn len(spans: &[[usize; 2]]) -> usize {
    spans.iter().map(|s| s[1] - s[0]).sum()
}

fn has_mark(s: &str) -> bool {
    s.contains(['“', '”', '"', '„'])
}

fn last_word(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric()).rev().find(|w| !w.is_empty()).unwrap_or("").to_lowercase()
}

/// A herald quote seen by the scorer.
struct Pred<'a> {
    /// Span for precision (the quoted words).
    span: [usize; 2],
    /// Content for recall (a mixed quote's clause).
    content: [usize; 2],
    quoted: bool,
    indirect: bool,
    speaker: Option<&'a herald_extract::SpeakerOut>,
    rule: &'a str,
}

/// Scores one document in the three views.
fn score_doc(d: &PolDoc, x: &Extraction, share: f64, verbose: bool) -> [Score; 3] {
    let preds: Vec<Pred> = x
        .quotes
        .iter()
        .map(|q| Pred {
            span: q.span,
            content: q.content.as_ref().map_or(q.span, |c| c.span),
            quoted: !matches!(q.kind, herald_extract::quotes::QuoteKind::Indirect),
            indirect: matches!(q.kind, herald_extract::quotes::QuoteKind::Indirect),
            speaker: q.speaker.as_ref(),
            rule: &q.rule,
        })
        .collect();
    let golds: Vec<&PolAttr> = d.attributions.iter().filter(|a| a.content.as_ref().is_some_and(|c| !c.spans.is_empty())).collect();
    let gold_quoted = |a: &PolAttr| a.content.as_ref().is_some_and(|c| has_mark(&c.text));
    let mut out = [Score::default(); 3];
    // view 0: quoted; 1: all; 2: indirect
    for (view, score) in out.iter_mut().enumerate() {
        let gsel: Vec<&PolAttr> = golds
            .iter()
            .copied()
            .filter(|a| match view {
                0 => gold_quoted(a),
                1 => true,
                _ => !gold_quoted(a),
            })
            .collect();
        let psel: Vec<&Pred> = preds
            .iter()
            .filter(|p| match view {
                0 => p.quoted,
                1 => true,
                _ => p.indirect,
            })
            .collect();
        score.gold = gsel.len();
        score.pred = psel.len();
        for g in &gsel {
            let c = g.content.as_ref().unwrap();
            let glen = len(&c.spans).max(1);
            let cov: Vec<(usize, &&Pred)> = psel.iter().map(|p| (c.spans.iter().map(|&s| overlap(s, p.content)).sum::<usize>(), p)).filter(|(o, _)| *o > 0).collect();
            let total: usize = cov.iter().map(|(o, _)| o).sum();
            let found = total as f64 >= share * glen as f64;
            if !found {
                if verbose && view == 0 {
                    eprintln!("MISS {} ({:.0}% covered): {}", d.doc, 100.0 * total as f64 / glen as f64, c.text.chars().take(160).collect::<String>());
                }
                continue;
            }
            score.found += 1;
            let Some(src) = g.source.as_ref().filter(|s| !s.spans.is_empty()) else { continue };
            score.with_source += 1;
            // right when any herald quote that covers the attribution names its source
            let best = cov.iter().max_by_key(|(o, p)| (p.speaker.is_some(), *o)).map(|(_, p)| p);
            let right = cov.iter().filter_map(|(_, p)| p.speaker).any(|sp| {
                src.spans.iter().any(|&s| overlap(s, sp.span) > 0)
                    || sp.actor.as_ref().is_some_and(|id| {
                        x.actors.iter().find(|a| &a.id == id).is_some_and(|a| a.mentions.iter().any(|m| src.spans.iter().any(|&s| overlap(s, m.span) > 0)))
                    })
                    || (!last_word(&src.text).is_empty() && last_word(&src.text) == last_word(&sp.text))
            });
            if right {
                score.speaker_right += 1;
            } else if verbose && view == 0 {
                let ctx: String = best.map_or(String::new(), |p| d.text.chars().skip(p.span[0].saturating_sub(120)).take(p.span[1] - p.span[0].saturating_sub(120) + 60).collect());
                eprintln!(
                    "SPEAKER {}: gold {:?} herald {:?} [{}] {:?}",
                    d.doc,
                    src.text,
                    best.and_then(|p| p.speaker).map(|s| &s.text),
                    best.map_or("-", |p| p.rule),
                    ctx
                );
            }
        }
        for p in &psel {
            let plen = (p.span[1] - p.span[0]).max(1);
            let ok = golds.iter().any(|g| {
                let c = g.content.as_ref().unwrap();
                c.spans.iter().map(|&s| overlap(s, p.span)).sum::<usize>() as f64 >= share * plen as f64
            });
            if ok {
                score.right += 1;
            } else if verbose && view == 0 {
                let t: String = d.text.chars().skip(p.span[0]).take((p.span[1] - p.span[0]).min(160)).collect();
                eprintln!("FALSE {}: {}", d.doc, t);
            }
        }
    }
    out
}

/// Runs `herald validate quotes`.
pub fn run(a: QuotesArgs) -> Result<ExitCode> {
    let ex = build_extractor(&a.models, &a.lexicon, a.no_parse, Conventions::Herald)?;
    let f = std::fs::File::open(&a.polnear).with_context(|| format!("{}: cannot open", a.polnear.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let d: PolDoc = serde_json::from_str(&line).with_context(|| format!("{}:{}", a.polnear.display(), n + 1))?;
        docs.push(d);
        if a.limit.is_some_and(|l| docs.len() >= l) {
            break;
        }
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(a.threads.unwrap_or(0)).build()?;
    let t0 = Instant::now();
    std::panic::set_hook(Box::new(|_| {}));
    let results: Vec<Result<[Score; 3], String>> = pool.install(|| {
        docs.par_iter()
            .map_init(Worker::new, |w, d| {
                let doc = Document { id: d.doc.clone(), text: d.text.clone(), title: d.title.clone(), published: d.date.clone(), ..Default::default() };
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.extract(&doc, w)));
                match r {
                    Ok(Ok(x)) => Ok(score_doc(d, &x, a.overlap, a.verbose)),
                    Ok(Err(e)) => Err(format!("{}: {e}", d.doc)),
                    Err(_) => {
                        *w = Worker::new();
                        Err(format!("{}: internal error", d.doc))
                    }
                }
            })
            .collect()
    });
    let _ = std::panic::take_hook();
    let secs = t0.elapsed().as_secs_f64();
    let mut total = [Score::default(); 3];
    let mut failed = 0;
    for r in &results {
        match r {
            Ok(s) => {
                for (t, s) in total.iter_mut().zip(s) {
                    t.add(*s);
                }
            }
            Err(e) => {
                eprintln!("herald: skipped {e}");
                failed += 1;
            }
        }
    }
    println!(
        "PolNeAR {} ({} documents, {} skipped, {}; overlap >= {:.0}%; {:.1} s)",
        a.polnear.display(),
        docs.len(),
        failed,
        if ex.parses() { "parsed" } else { "no parse" },
        a.overlap * 100.0,
        secs
    );
    println!("{:10} {:>6} {:>6} {:>7} {:>7} {:>7} {:>9}", "view", "gold", "herald", "P", "R", "F1", "speaker");
    println!("{}", total[0].row("quoted"));
    println!("{}", total[2].row("indirect"));
    println!("{}", total[1].row("all"));
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
