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
use herald_syntax::tagger::Tagger;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn usage() -> ! {
    eprintln!(
        "usage: parser_train --treebank DIR (-o FILE | --model FILE) [--tagger FILE] [--train-tags gold|predicted] [--epochs N] [--seed N] [--explore-prob P] [--prune T,L] [--prune-sweep] [--train-file CONLLU] [--jackknife K OUT.conllu [--jackknife-epochs N] [--jackknife-blocks]] [--with-dev] [--no-select] [--non-monotonic] [--train-tagger OUT] [--tag-alts] [--alt-stats] [--jk-file CONLLU] [--average MODEL]... [--beam N]"
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

/// CPU time of the calling thread, in seconds (Linux; 0 elsewhere).
fn thread_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else { return 0.0 };
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { return 0.0 };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// Parses every sentence (timed, single thread) and returns the system output
/// and the speed in tokens per second of thread CPU time (wall time on a
/// shared machine is meaningless), over 5 repetitions.
fn parse_all(parser: &Parser, sents: &[Sentence]) -> (Vec<Sentence>, f64) {
    let mut sys = sents.to_vec();
    if parser.uses_tag_alts() {
        // The tag alternatives are in MISC: parse the sentences themselves
        // (slower than the pipeline: the speed is not comparable).
        let c0 = thread_cpu();
        for s in &mut sys {
            parser.parse_sentence(s).expect("parse");
        }
        let tokens: usize = sys.iter().map(|s| s.words.len()).sum();
        return (sys, tokens as f64 / (thread_cpu() - c0).max(0.01));
    }
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
    let c0 = thread_cpu();
    for rep in 0..5 {
        for (w, u, x) in &inputs {
            parser.parse_with(&mut worker, w, u, x, &mut arcs).expect("parse");
            tokens += w.len();
            if rep == 0 {
                all.push(arcs.clone());
            }
        }
    }
    let secs = (thread_cpu() - c0).max(0.01);
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
    let mut sweep = false;
    let mut jackknife: Option<(usize, PathBuf)> = None;
    let mut train_file: Option<PathBuf> = None;
    let mut train_tagger: Option<PathBuf> = None;
    let mut jk_blocks = false;
    let mut with_dev = false;
    let mut no_select = false;
    let mut jk_epochs = herald_syntax::tagger::TrainOptions::default().epochs;
    let mut tag_alts = false;
    let mut alt_stats = false;
    let mut average: Vec<PathBuf> = Vec::new();
    let mut jk_file: Option<PathBuf> = None;
    // Training: the beam width (global training); with --model: the decoding width.
    let mut beam: Option<usize> = None;
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--treebank" => treebank = Some(PathBuf::from(val())),
            "-o" | "--output" => out = Some(PathBuf::from(val())),
            "--model" => model = Some(PathBuf::from(val())),
            "--tagger" => tagger_path = Some(PathBuf::from(val())),
            "--epochs" => opts.epochs = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => opts.seed = val().parse().unwrap_or_else(|_| usage()),
            "--explore-prob" => opts.explore_prob = val().parse().unwrap_or_else(|_| usage()),
            "--prune-sweep" => sweep = true,
            "--jackknife" => {
                let k: usize = val().parse().unwrap_or_else(|_| usage());
                jackknife = Some((k, PathBuf::from(val())));
            }
            "--jackknife-blocks" => jk_blocks = true,
            "--with-dev" => with_dev = true,
            "--no-select" => no_select = true,
            "--non-monotonic" => opts.non_monotonic = true,
            "--beam" => beam = Some(val().parse().unwrap_or_else(|_| usage())),
            "--tag-alts" => tag_alts = true,
            "--average" => average.push(PathBuf::from(val())),
            "--alt-stats" => alt_stats = true,
            "--jk-file" => jk_file = Some(PathBuf::from(val())),
            "--jackknife-epochs" => jk_epochs = val().parse().unwrap_or_else(|_| usage()),
            "--train-tagger" => train_tagger = Some(PathBuf::from(val())),
            "--train-file" => train_file = Some(PathBuf::from(val())),
            "--prune" => {
                let v = val();
                let (a, b) = v.split_once(',').unwrap_or_else(|| usage());
                opts.prune_transitions = a.parse().unwrap_or_else(|_| usage());
                opts.prune_labels = b.parse().unwrap_or_else(|_| usage());
            }
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
    let (mut train, dev, test) = (split(&treebank, "train"), split(&treebank, "dev"), split(&treebank, "test"));
    if with_dev {
        // train + dev (jackknifed together, as `herald train parser --with-dev`)
        train.extend(dev.iter().cloned());
    }
    if let Some(path) = train_tagger {
        // A stand-in tagger (for predicted-tag evaluation before the real one exists).
        let topts = herald_syntax::tagger::TrainOptions { epochs: jk_epochs, ..Default::default() };
        let t = Tagger::train(&train, Some(&dev), &topts);
        t.save(&path).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("wrote tagger {}", path.display());
        return;
    }
    if let Some((k, path)) = jackknife {
        // K-fold jackknifing: tag each fold with a tagger trained on the others.
        let t0 = Instant::now();
        let topts = herald_syntax::tagger::TrainOptions { epochs: jk_epochs, ..Default::default() };
        let tagged = herald_syntax::tagger::jackknife_with(&train, k, &topts, jk_blocks, tag_alts);
        let sc = eval::score(&train, &tagged).expect("same words");
        eprintln!("jackknifed tags: UPOS {:.2} XPOS {:.2} ({:.0}s)", sc.upos, sc.xpos, t0.elapsed().as_secs_f64());
        let mut text = String::new();
        for s in &tagged {
            conllu::write_sentence(&mut text, s);
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        eprintln!("wrote jackknifed training data to {}", path.display());
        return;
    }
    let mut train = match train_file {
        Some(f) => conllu::read_file(&f).unwrap_or_else(|e| panic!("{e}")),
        None => train,
    };
    if let Some(f) = jk_file {
        // Gold copy + the jackknifed copy of the same sentences; with
        // --tag-alts the gold copy takes the jackknife tagger's runner-up
        // (its best when that was wrong), so both copies say where the
        // tagger hesitated.
        let jk = conllu::read_file(&f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(jk.len(), train.len(), "--jk-file must be the jackknifed copy of the training sentences");
        if tag_alts {
            for (g, j) in train.iter_mut().zip(&jk) {
                for (gw, jw) in g.words.iter_mut().zip(&j.words) {
                    if let Some((u2, x2, m)) = herald_syntax::tagger::alt_misc(&jw.misc) {
                        let (u, x) = if jw.xpos == gw.xpos && jw.upos == gw.upos { (u2, x2) } else { (jw.upos.as_str(), jw.xpos.as_str()) };
                        herald_syntax::tagger::set_alt_misc(&mut gw.misc, u, x, m);
                    }
                }
            }
        }
        train.extend(jk);
    }
    opts.tag_alts = tag_alts;
    opts.beam = beam.unwrap_or(1);
    let retag = |t: &Tagger, s: &[Sentence]| {
        let mut out = s.to_vec();
        if tag_alts {
            t.retag_alts(&mut out);
        } else {
            t.retag(&mut out);
        }
        out
    };
    let tagger = tagger_path.map(|p| {
        let t0 = Instant::now();
        let t = Tagger::load(&p).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("tagger loaded in {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);
        t
    });
    if alt_stats {
        // Tagger margins on dev, for words tagged right and wrong.
        let t = tagger.as_ref().unwrap_or_else(|| usage());
        let sys = retag(t, &dev);
        let (mut right, mut wrong) = (Vec::new(), Vec::new());
        let mut alt_gold = 0usize;
        for (g, s) in dev.iter().zip(&sys) {
            for (gw, sw) in g.words.iter().zip(&s.words) {
                let (_, x2, m) = herald_syntax::tagger::alt_misc(&sw.misc).expect("alt");
                if gw.xpos == sw.xpos {
                    right.push(m);
                } else {
                    wrong.push(m);
                    alt_gold += (x2 == gw.xpos) as usize;
                }
            }
        }
        for (name, v) in [("right", &mut right), ("wrong", &mut wrong)] {
            v.sort_by(|a, b| a.total_cmp(b));
            let q = |f: f64| v[((v.len() - 1) as f64 * f) as usize];
            println!("{name}: {} words, margin quantiles 5% {:.2} 10% {:.2} 25% {:.2} 50% {:.2} 75% {:.2} 90% {:.2}", v.len(), q(0.05), q(0.1), q(0.25), q(0.5), q(0.75), q(0.9));
        }
        for b in [0.5f32, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0] {
            println!("margin < {b}: right {} wrong {}", right.iter().filter(|&&m| m < b).count(), wrong.iter().filter(|&&m| m < b).count());
        }
        println!("wrong XPOS with the gold one as runner-up: {alt_gold} of {}", wrong.len());
        return;
    }

    let parser = if !average.is_empty() {
        // `--average A.bin --average B.bin -o OUT`: the mean of the models' weights.
        let ms: Vec<Parser> = average.iter().map(|p| Parser::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect();
        let p = Parser::average(&ms.iter().collect::<Vec<_>>()).unwrap_or_else(|e| panic!("{e}"));
        if let Some(out) = &out {
            p.save(out).unwrap_or_else(|e| panic!("{e}"));
            println!("averaged model saved to {}", out.display());
        }
        p
    } else if let Some(model) = model {
        let t0 = Instant::now();
        let p = Parser::load(&model).unwrap_or_else(|e| panic!("{e}"));
        println!("model {} loaded in {:.1} ms", model.display(), t0.elapsed().as_secs_f64() * 1e3);
        let p = match beam {
            Some(b) => p.with_beam(b),
            None => p,
        };
        println!("beam width {} (trained for {})", p.beam(), p.trained_beam());
        match &out {
            // `--model IN --prune T,L -o OUT`: re-prune an existing model.
            Some(out) => {
                let p = p.pruned(opts.prune_transitions, opts.prune_labels);
                p.save(out).unwrap_or_else(|e| panic!("{e}"));
                println!("pruned model saved to {}", out.display());
                p
            }
            None => p,
        }
    } else {
        let out = out.unwrap_or_else(|| usage());
        let train_input = match (&tagger, predicted_train) {
            (Some(t), true) => retag(t, &train),
            (None, true) => usage(),
            _ => train,
        };
        let t0 = Instant::now();
        // Model selection on dev with the tags the parser will see: predicted
        // when a tagger is given.
        let dev_sel = match &tagger {
            Some(t) => retag(t, &dev),
            None => dev.clone(),
        };
        let p = Parser::train(&train_input, (!no_select && !with_dev).then_some(&dev_sel[..]), &opts);
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
    if sweep {
        for (a, b) in [(0, 0), (300, 300), (600, 600), (1000, 1000), (1500, 1500), (2500, 2500), (4000, 4000), (1500, 600)] {
            let p = parser.pruned(a, b);
            let bytes = p.to_bytes();
            let t0 = Instant::now();
            let _ = Parser::from_bytes(&bytes).unwrap();
            println!("prune {a},{b}: {:.1} MB, decode {:.0} ms, {p:?}", bytes.len() as f64 / 1e6, t0.elapsed().as_secs_f64() * 1e3);
            report(&p, "  dev (gold tags)", &dev, &dev);
        }
        return;
    }
    report(&parser, "dev  (gold tags)", &dev, &dev);
    report(&parser, "test (gold tags)", &test, &test);
    if let Some(t) = &tagger {
        report(&parser, "dev  (predicted tags)", &dev, &retag(t, &dev));
        report(&parser, "test (predicted tags)", &test, &retag(t, &test));
    }
}
