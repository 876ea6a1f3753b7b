//! `herald extract`: actors, quotes and events, one JSON object a document.
//!
//! A document that makes a rule fail (an error or a panic) is reported on
//! standard error with its id and the reason, written to `--rejects` when
//! given, counted, and skipped; the run goes on. Exit 0 when all documents
//! were extracted, 1 when some failed, 2 when all failed.

use crate::output;
use crate::pipeline::{batches, extract_caught, Failure, InputArgs, PipelineArgs, Rejects, BATCH_PER_THREAD};
use anyhow::Result;
use herald_extract::{Extractor, Worker};
use herald_ingest::{Inputs, Pending};
use rayon::prelude::*;
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
    #[command(flatten)]
    input: InputArgs,
    /// No progress line, even on a terminal.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    run: output::RunArgs,
    #[command(flatten)]
    format: crate::sink::FormatArgs,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// One document's outcome, as the write stage receives it.
pub type Outcome = Result<herald_extract::Extraction, Failure>;

/// Reads, decodes and extracts one document (on a worker thread).
fn process(ex: &Extractor, w: &mut Worker, item: Result<Pending, herald_ingest::Reject>) -> Outcome {
    let p = item.map_err(|r| Failure::from_reject(&r))?;
    let (input, position) = (p.input.clone(), p.position.map(|p| p.to_string()));
    let doc = p.finish().map_err(|r| Failure::from_reject(&r))?;
    let reason = match extract_caught(ex, w, &doc) {
        Ok(x) => return Ok(x),
        Err(reason) => reason,
    };
    Err(Failure { id: Some(doc.id), input, position, reason })
}

/// The write stage: every outcome passes here once, in input order.
pub struct Sink {
    out: crate::sink::Writer,
    rejects: Rejects,
    /// Documents written.
    pub done: usize,
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
                Err(f) => self.rejects.report(&f)?,
            }
        }
        Ok(())
    }

    /// Flushes the output and the rejects file.
    pub fn finish(&mut self) -> Result<()> {
        self.out.finish()?;
        self.rejects.finish()
    }
}

/// Runs `herald extract`.
pub fn run(a: ExtractArgs) -> Result<ExitCode> {
    let ex = a.pipeline.extractor()?;
    let pool = a.run.pool()?;
    let rejects = a.pipeline.rejects()?;
    let mut sink = Sink { out: crate::sink::Writer::new(&a.format, a.run.output.as_deref())?, rejects, done: 0, bytes: 0 };
    let inputs = Inputs::new(&a.inputs, a.input.options());
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
        progress.update(sink.done, sink.rejects.count, read.load(Ordering::Relaxed), t0);
    }
    sink.finish()?;
    progress.clear();
    let _ = std::panic::take_hook();
    let s = t0.elapsed().as_secs_f64();
    let mb = read.load(Ordering::Relaxed) as f64 / 1e6;
    eprintln!("herald extract: {} documents, {} rejected, {mb:.1} MB read in {s:.1} s ({:.2} MB/s)", sink.done, sink.rejects.count, mb / s.max(1e-9));
    if a.pipeline.stats {
        eprintln!(
            "herald extract: {:.0} docs/s, {:.2} MB of text/s",
            sink.done as f64 / s,
            sink.bytes as f64 / 1e6 / s
        );
    }
    Ok(super::parse::exit_code(sink.done, sink.rejects.count))
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
