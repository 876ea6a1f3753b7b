//! What the document-processing commands (`extract`, `ingest`) share: how
//! inputs are read, which extractor runs, and how a rejected document is
//! reported (stderr, the `--rejects` file, the count).

use crate::models::ModelArgs;
use anyhow::{Context, Result};
use herald_extract::{Extraction, Extractor, Worker};
use herald_ingest::{InputFormat, Options, Pending, Pendings};
use herald_lexicon::Lexicon;
use herald_syntax::pipeline::Analyzer;
use herald_text::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// How inputs are read.
#[derive(clap::Args)]
pub struct InputArgs {
    /// Input format (`auto` looks at the content, then the name).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Reject documents (pages, records, lines) larger than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 16.0)]
    pub max_doc_mb: f64,
}

impl InputArgs {
    /// The reader options.
    pub fn options(&self) -> Options {
        Options { format: self.input_format, max_doc_bytes: (self.max_doc_mb * 1048576.0) as u64 }
    }
}

/// Event-coding conventions.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conventions {
    /// herald's: PLOVER's reading, source-only events, no bare agents.
    Herald,
    /// PETRARCH's, as its unit tests encode them.
    Petrarch,
}

/// Which extractor runs, where rejects go, and whether to print statistics.
#[derive(clap::Args)]
pub struct PipelineArgs {
    /// Write the documents that failed here, one JSON object a line.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Dictionary files or manifests to use instead of the default lexicon.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub lexicon: Vec<PathBuf>,
    /// Skip the tagger and parser (token rules only; faster, less accurate).
    #[arg(long)]
    pub no_parse: bool,
    /// Event-coding conventions: herald's (PLOVER's reading), or
    /// PETRARCH's (bare agents `---GOV`, paired codes, a target in every
    /// triple, the dictionary's code for verbs of saying), to match data
    /// coded by PETRARCH with the same dictionaries.
    #[arg(long, value_enum, default_value_t = Conventions::Herald)]
    pub conventions: Conventions,
    /// Print counts, time and throughput on standard error.
    #[arg(long)]
    pub stats: bool,
    #[command(flatten)]
    pub models: ModelArgs,
}

impl PipelineArgs {
    /// The extractor these options ask for.
    pub fn extractor(&self) -> Result<Extractor> {
        build_extractor(&self.models, &self.lexicon, self.no_parse, self.conventions)
    }
    /// The rejects report (creates `--rejects` when given).
    pub fn rejects(&self) -> Result<Rejects> {
        Rejects::create(self.rejects.as_deref())
    }
}

/// Builds the extractor the command line asks for.
pub fn build_extractor(models: &ModelArgs, lexicon: &[PathBuf], no_parse: bool, conventions: Conventions) -> Result<Extractor> {
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
    let options = match conventions {
        Conventions::Herald => herald_extract::events::Options::default(),
        Conventions::Petrarch => herald_extract::events::Options::petrarch(),
    };
    Ok(Extractor::with_event_options(analyzer, lex, options))
}

/// A document that could not be read or extracted: where and why.
pub struct Failure {
    /// The document id, when known.
    pub id: Option<String>,
    /// The input it came from.
    pub input: String,
    /// Where in the input (`line 3`, `byte 1024`).
    pub position: Option<String>,
    /// Why.
    pub reason: String,
}

impl Failure {
    /// A reader's reject.
    pub fn from_reject(r: &herald_ingest::Reject) -> Self {
        Failure { id: r.id.clone(), input: r.input.clone(), position: r.position.map(|p| p.to_string()), reason: r.error.to_string() }
    }
}

/// Extracts one document; an error or a panic in a rule becomes the reason
/// (and the worker, possibly left inconsistent by the panic, is renewed).
pub fn extract_caught(ex: &Extractor, w: &mut Worker, doc: &Document) -> Result<Extraction, String> {
    match catch_unwind(AssertUnwindSafe(|| ex.extract(doc, w))) {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err(e.to_string()),
        Err(p) => {
            *w = Worker::new();
            let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
            Err(format!("internal error: {}", why.as_deref().unwrap_or("panic")))
        }
    }
}

/// Where rejected documents are reported: one line on stderr each, one
/// JSON object a line in the `--rejects` file, and a count.
pub struct Rejects {
    file: Option<BufWriter<std::fs::File>>,
    /// Documents reported so far.
    pub count: usize,
}

impl Rejects {
    /// Reports to stderr, and to `path` when given (created).
    pub fn create(path: Option<&Path>) -> Result<Rejects> {
        let file = match path {
            Some(p) => Some(BufWriter::new(std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)),
            None => None,
        };
        Ok(Rejects { file, count: 0 })
    }

    /// Reports one rejected document.
    pub fn report(&mut self, f: &Failure) -> Result<()> {
        let at = f.position.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
        let id = f.id.as_deref().filter(|i| *i != f.input).map(|i| format!(" [{i}]")).unwrap_or_default();
        eprintln!("herald: {}{at}{id}: skipped: {}", f.input, f.reason);
        if let Some(rj) = self.file.as_mut() {
            let rec = serde_json::json!({"id": f.id, "input": f.input, "position": f.position, "reason": f.reason});
            writeln!(rj, "{rec}")?;
        }
        self.count += 1;
        Ok(())
    }

    /// Flushes the file.
    pub fn finish(&mut self) -> Result<()> {
        if let Some(rj) = self.file.as_mut() {
            rj.flush()?;
        }
        Ok(())
    }
}

/// Documents handed to the workers at once, per thread.
pub const BATCH_PER_THREAD: usize = 32;
/// A batch closes early when its documents hold this many bytes.
const BATCH_BYTES: usize = 32 << 20;

/// Reads the inputs on their own thread, in batches of up to `n` documents,
/// at most two batches ahead of the workers, so memory stays bounded.
pub fn batches(items: Pendings, n: usize) -> impl Iterator<Item = Vec<Result<Pending, herald_ingest::Reject>>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(2);
    std::thread::spawn(move || {
        let mut batch = Vec::with_capacity(n);
        let mut bytes = 0;
        for item in items {
            bytes += item.as_ref().map_or(0, Pending::size);
            batch.push(item);
            if batch.len() >= n || bytes >= BATCH_BYTES {
                bytes = 0;
                if tx.send(std::mem::replace(&mut batch, Vec::with_capacity(n))).is_err() {
                    return;
                }
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    });
    rx.into_iter()
}
