//! Trains the dependency parser on UD English-EWT and reports dev/test scores
//! and parsing speed.
//!
//! ```text
//! cargo run --release -p herald-syntax --example parser_train -- \
//!     --treebank /work/shared/treebank/UD_English-EWT -o models/parser.bin \
//!     [--tagger models/tagger.bin] [--train-tags gold|predicted] [--epochs N] [--seed N]
//! cargo run --release -p herald-syntax --example parser_train -- \
//!     --treebank DIR --model models/parser.bin [--tagger models/tagger.bin]   # evaluate only
//! ```
//!
//! With `--train-tags predicted` the training sentences are re-tagged by the
//! tagger before training (the tagger saw them in training, so their tags
//! are better than on unseen text).

use herald_syntax::conllu::{self, Sentence};
use herald_syntax::eval;
use herald_syntax::parser::{Arc, Parser, ParserWorker, TrainOptions};
use herald_syntax::tagger::{TagResult, Tagger};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage: parser_train --treebank DIR (-o FILE | --model FILE) [--tagger FILE] [--train-tags gold|predicted] [--epochs N] [--seed N]"
    );
    std::process::exit(2)
}

fn split(dir: &Path, name: &str) -> Vec<Sentence> {
    let file = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(&format!("-ud-{name}.conllu")))
        .unwrap_or_else(|| panic!("no *-ud-{name}.conllu in {}", dir.display()));
    conllu::read_file(&file).unwrap_or_else(|e| panic!("{e}"))
}

fn retag(tagger: &Tagger, sents: &[Sentence]) -> Vec<Sentence> {
    let mut out = sents.to_vec();
    let mut tags: Vec<TagResult> = Vec::new();
    for s in &mut out {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&words, &mut tags);
        let t: Vec<(String, String)> =
            tags.iter().map(|t| (tagger.upos_name(t.upos).to_string(), tagger.xpos_name(t.xpos).to_string())).collect();
        for (w, (u, x)) in s.words.iter_mut().zip(t) {
            w.upos = u;
            w.xpos = x;
        }
    }
    out
}

/// Parses every sentence (timed, single thread) and returns the system output.
fn parse_all(parser: &Parser, sents: &[Sentence]) -> (Vec<Sentence>, f64) {
    let mut sys = sents.to_vec();
    let mut worker = ParserWorker::new();
    let mut arcs: Vec<Arc> = Vec::new();
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
    let mut tokens = 0usize;
    let mut all: Vec<Vec<Arc>> = Vec::with_capacity(sents.len());
    let t0 = Instant::now();
    for (w, u, x) in &inputs {
        parser.parse_with(&mut worker, w, u, x, &mut arcs).expect("parse");
        tokens += w.len();
        all.push(arcs.clone());
    }
    let secs = t0.elapsed().as_secs_f64();
    for (s, arcs) in sys.iter_mut().zip(all) {
        for (w, a) in s.words.iter_mut().zip(arcs) {
            w.head = a.head as usize;
            w.deprel = parser.deprel_name(a.deprel).to_string();
        }
    }
    (sys, tokens as f64 / secs)
}

fn report(parser: &Parser, name: &str, gold: &[Sentence], input: &[Sentence]) {
    let (sys, tps) = parse_all(parser, input);
    let sc = eval::score(gold, &sys).expect("same words");
    println!(
        "{name:<22} UPOS {:6.2}  XPOS {:6.2}  UAS {:6.2}  LAS {:6.2}  LAS(full) {:6.2}  words {:>6}  {:>8.0} tokens/s",
        sc.upos, sc.xpos, sc.uas, sc.las, sc.las_full, sc.tokens, tps
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut treebank, mut out, mut model, mut tagger_path) = (None, None, None, None);
    let mut opts = TrainOptions { verbose: true, ..TrainOptions::default() };
    let mut predicted_train = false;
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--treebank" => treebank = Some(PathBuf::from(val())),
            "-o" | "--output" => out = Some(PathBuf::from(val())),
            "--model" => model = Some(PathBuf::from(val())),
            "--tagger" => tagger_path = Some(PathBuf::from(val())),
            "--epochs" => opts.epochs = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => opts.seed = val().parse().unwrap_or_else(|_| usage()),
            "--train-tags" => {
                predicted_train = match val().as_str() {
                    "gold" => false,
                    "predicted" => true,
                    _ => usage(),
                }
            }
            _ => usage(),
        }
    }
    let treebank = treebank.unwrap_or_else(|| usage());
    let (train, dev, test) = (split(&treebank, "train"), split(&treebank, "dev"), split(&treebank, "test"));
    let tagger = tagger_path.map(|p| {
        let t0 = Instant::now();
        let t = Tagger::load(&p).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("tagger loaded in {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);
        t
    });

    let parser = if let Some(model) = model {
        let t0 = Instant::now();
        let p = Parser::load(&model).unwrap_or_else(|e| panic!("{e}"));
        println!("model {} loaded in {:.1} ms", model.display(), t0.elapsed().as_secs_f64() * 1e3);
        p
    } else {
        let out = out.unwrap_or_else(|| usage());
        let train_input = match (&tagger, predicted_train) {
            (Some(t), true) => retag(t, &train),
            (None, true) => usage(),
            _ => train,
        };
        let t0 = Instant::now();
        let p = Parser::train(&train_input, Some(&dev), &opts);
        println!("trained in {:.1} s", t0.elapsed().as_secs_f64());
        p.save(&out).unwrap_or_else(|e| panic!("{e}"));
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        let t1 = Instant::now();
        let _ = Parser::load(&out).expect("reload");
        println!(
            "saved {} ({:.1} MB), reloaded in {:.1} ms",
            out.display(),
            size as f64 / 1e6,
            t1.elapsed().as_secs_f64() * 1e3
        );
        p
    };
    println!("{parser:?}");
    report(&parser, "dev  (gold tags)", &dev, &dev);
    report(&parser, "test (gold tags)", &test, &test);
    if let Some(t) = &tagger {
        report(&parser, "dev  (predicted tags)", &dev, &retag(t, &dev));
        report(&parser, "test (predicted tags)", &test, &retag(t, &test));
    }
}
