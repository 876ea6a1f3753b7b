//! `herald extract`: actors, quotes and events, one JSON object a document.
//!
//! A document that makes a rule fail (an error or a panic) is reported on
//! standard error with its id and the reason, written to `--rejects` when
//! given, counted, and skipped; the run goes on. Exit 0 when all documents
//! were extracted, 1 when some failed, 2 when all failed.

use crate::models::ModelArgs;
use crate::output;
use anyhow::{Context, Result};
use herald_extract::{Extractor, Worker};
use herald_ingest::{InputFormat, Item};
use herald_lexicon::Lexicon;
use herald_syntax::pipeline::Analyzer;
use rayon::prelude::*;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `herald extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Text files, JSONL files (`id`, `text`, optional `title`, `url`,
    /// `source`, `published`), directories, or `-` for standard input.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Input format (`auto` looks at the name and content).
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    input_format: Format,
    #[command(flatten)]
    run: output::RunArgs,
    #[command(flatten)]
    format: crate::sink::FormatArgs,
    /// Write the documents that failed here, one JSON object a line.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Dictionary files or manifests to use instead of the default lexicon.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    lexicon: Vec<PathBuf>,
    /// Skip the tagger and parser (token rules only; faster, less accurate).
    #[arg(long)]
    no_parse: bool,
    /// Print documents, time and throughput on standard error.
    #[arg(long)]
    stats: bool,
    #[command(flatten)]
    models: ModelArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Auto,
    Text,
    Jsonl,
}

/// Builds the extractor the command line asks for.
pub fn build_extractor(models: &ModelArgs, lexicon: &[PathBuf], no_parse: bool) -> Result<Extractor> {
    let analyzer = if no_parse {
        None
    } else {
        let (tagger, parser) = models.load()?;
        Some(Analyzer::new(tagger, parser))
    };
    let lex = if lexicon.is_empty() {
        Lexicon::default_lexicon().context("loading the default lexicon")?
    } else {
        let rep = Lexicon::load(lexicon).context("loading the lexicon")?;
        if rep.errors() > 0 {
            eprintln!("herald: lexicon: {} error(s); run `herald lexicon check` for details", rep.errors());
        }
        rep.lexicon
    };
    Ok(Extractor::new(analyzer, lex))
}

/// One document's result: its extraction, or its id and why it failed.
pub type DocResult = Result<herald_extract::Extraction, (String, String)>;

/// Extracts one document, turning errors and panics into a reject.
pub fn extract_one(ex: &Extractor, w: &mut Worker, doc: &herald_text::Document) -> DocResult {
    let r = catch_unwind(AssertUnwindSafe(|| ex.extract(doc, w)));
    match r {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err((doc.id.clone(), e.to_string())),
        Err(p) => {
            *w = Worker::new();
            let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_else(|| "panic".into());
            Err((doc.id.clone(), format!("internal error: {why}")))
        }
    }
}

/// Runs `herald extract`.
pub fn run(a: ExtractArgs) -> Result<ExitCode> {
    let ex = build_extractor(&a.models, &a.lexicon, a.no_parse)?;
    let pool = a.run.pool()?;
    let mut out = crate::sink::Writer::new(&a.format, a.run.output.as_deref())?;
    let mut rejects = match &a.rejects {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)),
        None => None,
    };
    let format = match a.input_format {
        Format::Text => InputFormat::Text,
        Format::Jsonl => InputFormat::Jsonl,
        Format::Auto => InputFormat::Auto,
    };
    // A panic inside a rule is caught and reported per document; keep the
    // default hook from printing a backtrace for each.
    std::panic::set_hook(Box::new(|_| {}));
    let (mut done, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    let t0 = Instant::now();
    for file in herald_ingest::expand(&a.inputs) {
        let items: Vec<Item> = match file {
            Ok(path) => herald_ingest::read_input(&path, format),
            Err(r) => vec![Err(r)],
        };
        bytes += items.iter().map(|i| i.as_ref().map_or(0, |d| d.text.len())).sum::<usize>();
        let results: Vec<DocResult> = pool.install(|| {
            items
                .into_par_iter()
                .map_init(Worker::new, |w, item| match item {
                    Ok(doc) => extract_one(&ex, w, &doc),
                    Err(r) => Err((r.id.clone().unwrap_or_else(|| r.input.clone()), r.error.to_string())),
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(x) => {
                    out.write(x)?;
                    done += 1;
                }
                Err((id, why)) => {
                    eprintln!("herald: {id}: skipped: {why}");
                    if let Some(rj) = rejects.as_mut() {
                        let rec = serde_json::json!({"id": id, "reason": why});
                        writeln!(rj, "{rec}")?;
                    }
                    failed += 1;
                }
            }
        }
    }
    out.finish()?;
    if let Some(mut rj) = rejects {
        rj.flush()?;
    }
    let _ = std::panic::take_hook();
    if a.stats {
        let s = t0.elapsed().as_secs_f64();
        eprintln!(
            "herald extract: {done} documents ({failed} failed), {:.2} MB in {s:.2} s: {:.0} docs/s, {:.2} MB/s",
            bytes as f64 / 1e6,
            done as f64 / s,
            bytes as f64 / 1e6 / s
        );
    }
    Ok(super::parse::exit_code(done, failed))
}
