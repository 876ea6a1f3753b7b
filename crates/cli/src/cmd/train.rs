//! `herald train tagger|parser --treebank DIR -o FILE`: reproduces the shipped models.

use anyhow::{Context, Result};
use herald_syntax::{conllu, parser, tagger};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `herald train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    what: What,
    /// A UD treebank directory holding *-ud-train.conllu and *-ud-dev.conllu.
    #[arg(long)]
    treebank: PathBuf,
    /// Where to write the model.
    #[arg(short, long)]
    output: PathBuf,
    /// Passes over the training data (default: the model's own default).
    #[arg(long)]
    epochs: Option<usize>,
    /// For the parser: train on tags predicted by this tagger model (as at run time).
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// Print progress to stderr.
    #[arg(short, long)]
    verbose: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    Tagger,
    Parser,
}

pub(crate) fn read_split(dir: &Path, split: &str) -> Result<Vec<conllu::Sentence>> {
    let path = tagger::find_split(dir, split)
        .with_context(|| format!("{}: no *-ud-{split}.conllu file", dir.display()))?;
    conllu::read_file(&path).with_context(|| format!("reading {}", path.display()))
}

/// Runs `herald train`.
pub fn run(a: TrainArgs) -> Result<ExitCode> {
    let train = read_split(&a.treebank, "train")?;
    let dev = read_split(&a.treebank, "dev").ok();
    eprintln!("herald: training {} on {} sentences", match a.what { What::Tagger => "tagger", What::Parser => "parser" }, train.len());
    match a.what {
        What::Tagger => {
            let mut opts = tagger::TrainOptions { verbose: a.verbose, ..Default::default() };
            if let Some(e) = a.epochs {
                opts.epochs = e;
            }
            let model = tagger::Tagger::train(&train, dev.as_deref(), &opts);
            model.save(&a.output).with_context(|| format!("writing {}", a.output.display()))?;
        }
        What::Parser => {
            let mut opts = parser::TrainOptions { verbose: a.verbose, ..Default::default() };
            if let Some(e) = a.epochs {
                opts.epochs = e;
            }
            let (mut train, mut dev) = (train, dev);
            if let Some(t) = &a.tagger {
                let tg = tagger::Tagger::load(t).with_context(|| format!("loading {}", t.display()))?;
                retag(&tg, &mut train);
                if let Some(d) = dev.as_mut() {
                    retag(&tg, d);
                }
            }
            let model = parser::Parser::train(&train, dev.as_deref(), &opts);
            model.save(&a.output).with_context(|| format!("writing {}", a.output.display()))?;
        }
    }
    eprintln!("herald: wrote {}", a.output.display());
    Ok(ExitCode::SUCCESS)
}

/// Overwrites UPOS, XPOS and LEMMA of every word with the tagger's prediction.
pub(crate) fn retag(tg: &tagger::Tagger, sents: &mut [conllu::Sentence]) {
    let mut out = Vec::new();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tg.tag(&words, &mut out);
        let lemmas: Vec<String> = words.iter().zip(&out).map(|(w, t)| tg.lemma(w, t.upos, t.xpos).into_owned()).collect();
        for ((w, t), l) in s.words.iter_mut().zip(&out).zip(lemmas) {
            w.upos = tg.upos_name(t.upos).to_string();
            w.xpos = tg.xpos_name(t.xpos).to_string();
            w.lemma = l;
        }
    }
}
