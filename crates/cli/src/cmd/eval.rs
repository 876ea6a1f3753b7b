//! `herald eval ...`: scores herald against gold data, printing figures that
//! anyone can reproduce.

use super::train::read_split;
use crate::models;
use anyhow::{Context, Result};
use herald_syntax::{conllu, eval};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `herald eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Tag and parse a treebank split from its gold tokens; print UPOS, XPOS, lemma, UAS, LAS.
    Syntax {
        /// A UD treebank directory.
        #[arg(long)]
        treebank: PathBuf,
        /// Which split to score.
        #[arg(long, default_value = "test")]
        split: String,
        #[command(flatten)]
        models: models::ModelArgs,
    },
    /// Score a system CoNLL-U file against a gold one with the same words.
    Conllu {
        /// Gold file.
        gold: PathBuf,
        /// System file.
        system: PathBuf,
    },
    /// Sentence-boundary and token F1 on raw text rebuilt from a treebank split.
    Sentences {
        /// A UD treebank directory.
        #[arg(long)]
        treebank: PathBuf,
        /// Which split to score.
        #[arg(long, default_value = "test")]
        split: String,
        /// Also list this many errors of each kind.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
}

/// Runs `herald eval`.
pub fn run(a: EvalArgs) -> Result<ExitCode> {
    match a.what {
        What::Syntax { treebank, split, models } => {
            let gold = read_split(&treebank, &split)?;
            let t0 = Instant::now();
            let (tagger, parser) = models.load()?;
            eprintln!("herald: models loaded in {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);
            let mut sys = gold.clone();
            let t1 = Instant::now();
            herald_syntax::pipeline::tag_and_parse(&tagger, &parser, &mut sys).context("parsing")?;
            let secs = t1.elapsed().as_secs_f64();
            let scores = eval::score(&gold, &sys).map_err(anyhow::Error::msg)?;
            println!("{scores}");
            println!("tag+lemma+parse speed: {:.0} tokens/s (one thread, {} tokens)", scores.tokens as f64 / secs, scores.tokens);
        }
        What::Conllu { gold, system } => {
            let g = conllu::read_file(&gold).with_context(|| format!("reading {}", gold.display()))?;
            let s = conllu::read_file(&system).with_context(|| format!("reading {}", system.display()))?;
            println!("{}", eval::score(&g, &s).map_err(anyhow::Error::msg)?);
        }
        What::Sentences { treebank, split, errors } => {
            let path = herald_syntax::tagger::find_split(&treebank, &split)
                .with_context(|| format!("{}: no *-ud-{split}.conllu file", treebank.display()))?;
            let conllu = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let report = herald_text::eval::evaluate_conllu(&conllu, &herald_text::Segmenter::new());
            println!("{report}");
            if errors > 0 {
                println!("{}", report.errors(errors));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

