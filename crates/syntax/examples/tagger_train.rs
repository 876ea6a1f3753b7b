//! Trains the tagger + lemmatiser on a UD treebank, saves it, and prints
//! dev/test accuracy and tagging speed.
//!
//! ```text
//! cargo run --release -p herald-syntax --example tagger_train -- \
//!     --treebank /work/shared/treebank/UD_English-EWT -o models/tagger.bin [--epochs N] [--seed S] \
//!     [--lists] [--casing]
//! cargo run --release -p herald-syntax --example tagger_train -- --eval models/tagger.bin --treebank DIR
//! ```
use std::path::PathBuf;
use std::time::Instant;

use herald_syntax::conllu::{self, Sentence};
use herald_syntax::tagger::{find_split, TagResult, Tagger, TrainOptions};

fn eval(tagger: &Tagger, sents: &[Sentence], name: &str) {
    let (mut n, mut u, mut x, mut l, mut lg, mut u1) = (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut out = Vec::new();
    let mut p1 = Vec::new();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&words, &mut out);
        tagger.tag_pass1(&words, &mut p1);
        for ((w, t), t1) in s.words.iter().zip(&out).zip(&p1) {
            n += 1;
            u += (tagger.upos_name(t.upos) == w.upos) as usize;
            u1 += (tagger.upos_name(t1.upos) == w.upos) as usize;
            x += (tagger.xpos_name(t.xpos) == w.xpos) as usize;
            l += (tagger.lemma(&w.form, t.upos, t.xpos) == w.lemma) as usize;
            if let (Some(gu), Some(gx)) = (tagger.upos_id(&w.upos), tagger.xpos_id(&w.xpos)) {
                lg += (tagger.lemma(&w.form, gu, gx) == w.lemma) as usize;
            }
        }
    }
    let p = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    println!(
        "{name}: {n} words  UPOS {:.2}%  XPOS {:.2}%  lemma {:.2}% (gold tags {:.2}%)  [pass-1 UPOS {:.2}%]",
        p(u),
        p(x),
        p(l),
        p(lg),
        p(u1)
    );
}

/// Calls `f` with every word of `sents` and the tags `tagger` gives it.
fn each_tagged(tagger: &Tagger, sents: &[Sentence], mut f: impl FnMut(&conllu::Word, TagResult)) {
    let mut out = Vec::new();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&words, &mut out);
        for (w, t) in s.words.iter().zip(&out) {
            f(w, *t);
        }
    }
}

/// The most frequent UPOS confusions (gold -> predicted) and the words behind them.
fn confusions(tagger: &Tagger, sents: &[Sentence]) {
    let mut pairs: std::collections::HashMap<String, usize> = Default::default();
    let mut words: std::collections::HashMap<String, usize> = Default::default();
    each_tagged(tagger, sents, |w, t| {
        let p = tagger.upos_name(t.upos);
        if p != w.upos {
            *pairs.entry(format!("{}->{p}", w.upos)).or_default() += 1;
            *words.entry(format!("{} {}->{p}", w.form.to_lowercase(), w.upos)).or_default() += 1;
        }
    });
    for (name, m) in [("pairs", pairs), ("words", words)] {
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        println!("UPOS confusions ({name}): {:?}", &v[..v.len().min(30)]);
    }
}

/// Every UPOS error of the pairs in `want` (e.g. `PROPN->NOUN`; all when empty), in its sentence.
fn upos_errors(tagger: &Tagger, sents: &[Sentence], want: &[String]) {
    let mut out = Vec::new();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagger.tag(&words, &mut out);
        for (i, (w, t)) in s.words.iter().zip(&out).enumerate() {
            let p = tagger.upos_name(t.upos);
            let pair = format!("{}->{p}", w.upos);
            if p != w.upos && (want.is_empty() || want.contains(&pair)) {
                let ctx: Vec<String> = words.iter().enumerate().map(|(k, x)| if k == i { format!("[[{x}]]") } else { x.to_string() }).collect();
                println!("{pair}\t{}\t{}", w.form, ctx.join(" "));
            }
        }
    }
}

fn lemma_errors(tagger: &Tagger, sents: &[Sentence]) {
    let mut errs: std::collections::HashMap<String, usize> = Default::default();
    each_tagged(tagger, sents, |w, t| {
        let l = tagger.lemma(&w.form, t.upos, t.xpos);
        if l != w.lemma {
            let tagok = tagger.xpos_name(t.xpos) == w.xpos;
            *errs.entry(format!("{}\t{}/{}\tgot {}\twant {}\t{}", w.form, w.upos, w.xpos, l, w.lemma, if tagok { "" } else { tagger.xpos_name(t.xpos) })).or_default() += 1;
        }
    });
    let mut v: Vec<_> = errs.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let tag_ok: usize = v.iter().filter(|e| e.0.ends_with('\t')).map(|e| e.1).sum();
    let all: usize = v.iter().map(|e| e.1).sum();
    println!("lemma errors: {all}, of which {tag_ok} with the right XPOS");
    for (e, n) in v.iter().filter(|e| e.0.ends_with('\t')).take(40) {
        println!("{n}\t{e}");
    }
    let mut pairs: std::collections::HashMap<String, usize> = Default::default();
    for (e, n) in v.iter().filter(|e| !e.0.ends_with('\t')) {
        let f: Vec<&str> = e.split('\t').collect();
        let gold = f[1].split('/').nth(1).unwrap_or("");
        *pairs.entry(format!("{gold}->{}", f[4])).or_default() += n;
    }
    let mut pv: Vec<_> = pairs.into_iter().collect();
    pv.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("tag-induced lemma errors by gold->predicted XPOS: {:?}", &pv[..pv.len().min(25)]);
}

/// CPU time of this thread in seconds (Linux), so that a busy machine does not skew the figure.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

fn speed(tagger: &Tagger, sents: &[Sentence]) {
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
    let mut out: Vec<TagResult> = Vec::new();
    let total: usize = words.iter().map(|w| w.len()).sum();
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        let t = Instant::now();
        let c = thread_cpu();
        for w in &words {
            tagger.tag(w, &mut out);
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, thread_cpu()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "speed: {:.0} tokens/s wall, {:.0} tokens/s per CPU-second (tagging only, single thread, best of 5 over {total} tokens)",
        total as f64 / best,
        total as f64 / best_cpu
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut tb: Option<PathBuf> = None;
    let mut outp: Option<PathBuf> = None;
    let mut evalp: Option<PathBuf> = None;
    let mut prune: Option<f32> = None;
    let mut errors = false;
    let mut confusions_too = false;
    let mut upos_err: Option<Vec<String>> = None;
    let mut show: Vec<String> = Vec::new();
    let mut with_dev = false;
    let mut relemma = false;
    let mut margin: Option<f32> = None;
    let mut constrain: Option<u32> = None;
    let mut opts = TrainOptions { verbose: true, ..Default::default() };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--treebank" => tb = args.next().map(PathBuf::from),
            "-o" | "--output" => outp = args.next().map(PathBuf::from),
            "--eval" => evalp = args.next().map(PathBuf::from),
            "--epochs" => opts.epochs = args.next().and_then(|s| s.parse().ok()).expect("--epochs N"),
            "--seed" => opts.seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "--quiet" => opts.verbose = false,
            "--lists" => {
                let lex = herald_lexicon::Lexicon::default_lexicon().expect("default lexicon");
                let wl = herald_syntax::wordlists::WordLists::from_lexicon(&lex);
                eprintln!("word lists: {} words", wl.len());
                opts.word_lists = Some(wl);
            }
            "--casing" => opts.casing = true,
            "--lists-mask" => {
                // keep only these list bits (hex), e.g. ff = names, demonyms, places, agents
                let m = args.next().and_then(|s| u32::from_str_radix(&s, 16).ok()).expect("--lists-mask HEX");
                let wl = opts.word_lists.take().expect("--lists before --lists-mask");
                let mut kept = herald_syntax::wordlists::WordLists::new();
                for (w, b) in wl.iter() {
                    kept.add(w, b & m);
                }
                eprintln!("word lists: {} words with bits {m:x}", kept.len());
                opts.word_lists = Some(kept);
            }
            "--tag" => show.extend(args.next()),
            // train on train + dev for all --epochs (no dev-based choice; dev scores then mean nothing)
            "--with-dev" => with_dev = true,
            "--prune" => prune = args.next().and_then(|s| s.parse().ok()),
            "--errors" => errors = true,
            "--confusions" => confusions_too = true,
            "--upos-errors" => {
                upos_err = args.next().map(|s| s.split(',').filter(|p| !p.is_empty() && *p != "all").map(String::from).collect())
            }
            "--relemma" => relemma = true,
            "--margin" => margin = args.next().and_then(|s| s.parse().ok()),
            "--constrain" => constrain = args.next().and_then(|s| s.parse().ok()),
            _ => {
                eprintln!("unknown argument {a}");
                std::process::exit(2);
            }
        }
    }
    let tb = tb.expect("--treebank DIR");
    let read = |split: &str| -> Vec<Sentence> {
        let p = find_split(&tb, split).unwrap_or_else(|| panic!("no {split} split in {}", tb.display()));
        conllu::read_file(&p).unwrap()
    };
    let dev = read("dev");
    let test = read("test");
    let eval_mode = evalp.is_some();
    let tagger = if let Some(p) = evalp {
        let t = Instant::now();
        let c = thread_cpu();
        let tagger = Tagger::load(&p).unwrap();
        let cpu = c.zip(thread_cpu()).map_or(f64::NAN, |(a, b)| (b - a) * 1000.0);
        println!("load: {:.1} ms wall, {cpu:.1} ms CPU", t.elapsed().as_secs_f64() * 1000.0);
        tagger
    } else {
        let mut train = read("train");
        if with_dev {
            train.extend(dev.iter().cloned());
        }
        let t = Instant::now();
        let tagger = Tagger::train(&train, (!with_dev).then_some(&dev[..]), &opts);
        println!("training: {:.1} s", t.elapsed().as_secs_f64());
        if let Some(o) = &outp {
            tagger.save(o).unwrap();
            let size = std::fs::metadata(o).unwrap().len();
            let t = Instant::now();
            let c = thread_cpu();
            let _ = Tagger::load(o).unwrap();
            let cpu = c.zip(thread_cpu()).map_or(f64::NAN, |(a, b)| (b - a) * 1000.0);
            println!("saved {} ({:.2} MB), load {:.1} ms wall, {cpu:.1} ms CPU", o.display(), size as f64 / 1e6, t.elapsed().as_secs_f64() * 1000.0);
        }
        tagger
    };
    let mut tagger = tagger;
    if let Some(p) = prune {
        tagger.prune(p);
    }
    if let Some(k) = constrain {
        tagger.set_tag_constraints(&read("train"), k);
    }
    if let Some(m) = margin {
        tagger.set_pass2_margin(m);
    }
    if relemma {
        tagger.retrain_lemmatizer(&read("train"));
    }
    if errors {
        lemma_errors(&tagger, &dev);
    }
    if confusions_too {
        confusions(&tagger, &dev);
    }
    for line in &show {
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut out = Vec::new();
        tagger.tag(&words, &mut out);
        let tagged: Vec<String> = words.iter().zip(&out).map(|(w, t)| format!("{w}/{}/{}", tagger.upos_name(t.upos), tagger.xpos_name(t.xpos))).collect();
        println!("{}", tagged.join(" "));
    }
    if let Some(pairs) = &upos_err {
        upos_errors(&tagger, &dev, pairs);
    }
    if let (true, Some(o)) = (eval_mode, &outp) {
        tagger.save(o).unwrap();
        println!("saved {}", o.display());
    }
    let (f, w, l) = tagger.stats();
    let (le, lr) = tagger.lemmatizer().sizes();
    println!("model: {f} features, {w} weights, {l} lexicon entries, {le} lemma exceptions, {lr} lemma rules");
    eval(&tagger, &dev, "dev");
    eval(&tagger, &test, "test");
    speed(&tagger, &test);
}
