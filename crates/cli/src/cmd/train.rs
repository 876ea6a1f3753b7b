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
    /// For the parser: the tagger whose predicted tags the dev set is scored
    /// with when choosing the best epoch (default: one trained on train).
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// For the parser: also train on a copy of train tagged by K-fold
    /// jackknifing (0 = gold tags only). The shipped parser uses 4.
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    /// Epochs of the jackknife taggers.
    #[arg(long, default_value_t = 4)]
    jackknife_epochs: usize,
    /// Train on train + dev for exactly `--epochs` passes, with no
    /// dev-based choice of epoch (choose the count on dev first); for the
    /// parser, dev is jackknifed with train.
    #[arg(long)]
    with_dev: bool,
    /// For the parser: non-monotonic arc-eager transitions (a later
    /// transition may revise an attachment; saved in the model).
    #[arg(long)]
    non_monotonic: bool,
    /// For the parser: train for beam search of this width (global
    /// training with the max-violation update; saved in the model, which
    /// then decodes with this width). 1 = greedy training.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=herald_syntax::parser::MAX_BEAM as i64))]
    beam: u16,
    /// For the tagger: word-list features from herald's default lexicon
    /// (actor-name words, demonyms, places, agent nouns, CAMEO verb forms),
    /// kept in the model file.
    #[arg(long)]
    word_lists: bool,
    /// For the tagger: casing features (the sentence's casing with the
    /// word's; how often the word is capitalised in training).
    #[arg(long)]
    casing: bool,
    /// For the tagger: seed of the sentence shuffling (default: the model's own, 7).
    #[arg(long)]
    seed: Option<u64>,
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
    let mut train = read_split(&a.treebank, "train")?;
    let mut dev = read_split(&a.treebank, "dev").ok();
    if a.with_dev {
        let d = dev.take().context("--with-dev: the treebank has no dev split")?;
        train.extend(d);
    }
    eprintln!("herald: training {} on {} sentences", match a.what { What::Tagger => "tagger", What::Parser => "parser" }, train.len());
    match a.what {
        What::Tagger => {
            let mut opts = tagger::TrainOptions { verbose: a.verbose, casing: a.casing, ..Default::default() };
            if let Some(e) = a.epochs {
                opts.epochs = e;
            }
            if let Some(s) = a.seed {
                opts.seed = s;
            }
            if a.word_lists {
                let lex = herald_lexicon::Lexicon::default_lexicon().context("loading herald's default lexicon")?;
                opts.word_lists = Some(herald_syntax::wordlists::WordLists::from_lexicon(&lex));
            }
            let model = tagger::Tagger::train(&train, dev.as_deref(), &opts);
            model.save(&a.output).with_context(|| format!("writing {}", a.output.display()))?;
        }
        What::Parser => {
            let mut opts = parser::TrainOptions { verbose: a.verbose, non_monotonic: a.non_monotonic, beam: a.beam as usize, ..Default::default() };
            if let Some(e) = a.epochs {
                opts.epochs = e;
            }
            if a.jackknife > 0 {
                // Gold tags plus tags as the tagger predicts them on unseen text.
                let topts = tagger::TrainOptions { epochs: a.jackknife_epochs, ..Default::default() };
                let predicted = tagger::jackknife(&train, a.jackknife, &topts, false);
                train.extend(predicted);
            }
            if let Some(d) = dev.as_mut() {
                let tg = match &a.tagger {
                    Some(t) => tagger::Tagger::load(t).with_context(|| format!("loading {}", t.display()))?,
                    None => tagger::Tagger::train(&read_split(&a.treebank, "train")?, None, &tagger::TrainOptions::default()),
                };
                tg.retag(d);
            }
            let model = parser::Parser::train(&train, dev.as_deref(), &opts);
            model.save(&a.output).with_context(|| format!("writing {}", a.output.display()))?;
        }
    }
    eprintln!("herald: wrote {}", a.output.display());
    Ok(ExitCode::SUCCESS)
}
