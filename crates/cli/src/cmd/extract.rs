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
use herald_ingest::{InputFormat, Inputs, Options, Pending, Pendings};
use herald_lexicon::Lexicon;
use herald_syntax::pipeline::Analyzer;
use rayon::prelude::*;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Instant;

/// Arguments of `herald extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Text files, JSONL files (`id`, `text`, optional `title`, `url`,
    /// `source`, `published`), HTML pages, RSS/Atom feeds, WARC files (any of
    /// them gzip- or zstd-compressed), directories, or `-` for standard input.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Input format (`auto` looks at the content, then the name).
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    input_format: Format,
    /// Reject documents (pages, records, lines) larger than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 16.0)]
    max_doc_mb: f64,
    /// No progress line, even on a terminal.
    #[arg(long, short)]
    quiet: bool,
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

/// `--input-format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Detect from the content.
    Auto,
    /// One document a file.
    Text,
    /// One JSON object a line.
    Jsonl,
    /// An HTML page.
    Html,
    /// RSS or Atom.
    Feed,
    /// WARC records.
    Warc,
}

impl From<Format> for InputFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Auto => InputFormat::Auto,
            Format::Text => InputFormat::Text,
            Format::Jsonl => InputFormat::Jsonl,
            Format::Html => InputFormat::Html,
            Format::Feed => InputFormat::Feed,
            Format::Warc => InputFormat::Warc,
        }
    }
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

/// Documents handed to the workers at once, per thread.
const BATCH_PER_THREAD: usize = 32;
/// A batch closes early when its documents hold this many bytes.
const BATCH_BYTES: usize = 32 << 20;

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
    fn from_reject(r: &herald_ingest::Reject) -> Self {
        Failure { id: r.id.clone(), input: r.input.clone(), position: r.position.map(|p| p.to_string()), reason: r.error.to_string() }
    }
}

/// One document's outcome, as the write stage receives it.
pub type Outcome = Result<herald_extract::Extraction, Failure>;

/// Reads, decodes and extracts one document (on a worker thread).
fn process(ex: &Extractor, w: &mut Worker, item: Result<Pending, herald_ingest::Reject>) -> Outcome {
    let p = item.map_err(|r| Failure::from_reject(&r))?;
    let (input, position) = (p.input.clone(), p.position.map(|p| p.to_string()));
    let doc = p.finish().map_err(|r| Failure::from_reject(&r))?;
    let r = catch_unwind(AssertUnwindSafe(|| ex.extract(&doc, w)));
    let reason = match r {
        Ok(Ok(x)) => return Ok(x),
        Ok(Err(e)) => e.to_string(),
        Err(p) => {
            *w = Worker::new();
            let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_else(|| "panic".into());
            format!("internal error: {why}")
        }
    };
    Err(Failure { id: Some(doc.id), input, position, reason })
}

/// The write stage: every outcome passes here once, in input order.
pub struct Sink {
    out: crate::sink::Writer,
    rejects: Option<std::io::BufWriter<std::fs::File>>,
    /// Documents written.
    pub done: usize,
    /// Documents rejected.
    pub failed: usize,
    /// Characters of text extracted.
    pub bytes: usize,
}

impl Sink {
    /// Writes one batch of outcomes, in order.
    pub fn write(&mut self, outcomes: Vec<Outcome>) -> Result<()> {
        for o in outcomes {
            match o {
                Ok(x) => {
                    self.bytes += x.text.len();
                    self.out.write(x)?;
                    self.done += 1;
                }
                Err(f) => {
                    let at = f.position.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
                    let id = f.id.as_deref().map(|i| format!(" [{i}]")).unwrap_or_default();
                    eprintln!("herald: {}{at}{id}: skipped: {}", f.input, f.reason);
                    if let Some(rj) = self.rejects.as_mut() {
                        let rec = serde_json::json!({"id": f.id, "input": f.input, "position": f.position, "reason": f.reason});
                        writeln!(rj, "{rec}")?;
                    }
                    self.failed += 1;
                }
            }
        }
        Ok(())
    }

    /// Flushes the output and the rejects file.
    pub fn finish(&mut self) -> Result<()> {
        self.out.finish()?;
        if let Some(rj) = self.rejects.as_mut() {
            rj.flush()?;
        }
        Ok(())
    }
}

/// Runs `herald extract`.
pub fn run(a: ExtractArgs) -> Result<ExitCode> {
    let ex = build_extractor(&a.models, &a.lexicon, a.no_parse)?;
    let pool = a.run.pool()?;
    let rejects = match &a.rejects {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)),
        None => None,
    };
    let mut sink = Sink { out: crate::sink::Writer::new(&a.format, a.run.output.as_deref())?, rejects, done: 0, failed: 0, bytes: 0 };
    let opts = Options { format: a.input_format.into(), max_doc_bytes: (a.max_doc_mb * 1048576.0) as u64 };
    let inputs = Inputs::new(&a.inputs, opts);
    let read = inputs.bytes_read();
    let batches = batches(inputs.pending(), pool.current_num_threads() * BATCH_PER_THREAD);
    let progress = Progress::new(!a.quiet);
    // A panic inside a rule is caught and reported per document; keep the
    // default hook from printing a backtrace for each.
    std::panic::set_hook(Box::new(|_| {}));
    let t0 = Instant::now();
    for batch in batches {
        let outcomes: Vec<Outcome> = pool.install(|| batch.into_par_iter().map_init(Worker::new, |w, item| process(&ex, w, item)).collect());
        sink.write(outcomes)?;
        progress.update(sink.done, sink.failed, read.load(Ordering::Relaxed), t0);
    }
    sink.finish()?;
    progress.clear();
    let _ = std::panic::take_hook();
    let s = t0.elapsed().as_secs_f64();
    let mb = read.load(Ordering::Relaxed) as f64 / 1e6;
    eprintln!("herald extract: {} documents, {} rejected, {mb:.1} MB read in {s:.1} s ({:.2} MB/s)", sink.done, sink.failed, mb / s.max(1e-9));
    if a.stats {
        eprintln!(
            "herald extract: {:.0} docs/s, {:.2} MB of text/s",
            sink.done as f64 / s,
            sink.bytes as f64 / 1e6 / s
        );
    }
    Ok(super::parse::exit_code(sink.done, sink.failed))
}

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

/// A progress line on standard error when it is a terminal.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Shown only when `wanted`, stderr is a terminal and not under CI.
    pub fn new(wanted: bool) -> Self {
        use std::io::IsTerminal;
        let on = wanted && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        Progress(on.then(|| {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_style(indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"));
            pb.enable_steady_tick(std::time::Duration::from_millis(200));
            pb
        }))
    }

    /// Shows the counts so far.
    pub fn update(&self, done: usize, failed: usize, read: u64, t0: Instant) {
        if let Some(pb) = &self.0 {
            let mb = read as f64 / 1e6;
            let rate = mb / t0.elapsed().as_secs_f64().max(1e-9);
            pb.set_message(format!("{done} documents, {failed} errors, {mb:.1} MB read, {rate:.2} MB/s"));
        }
    }

    /// Removes the line.
    pub fn clear(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}
