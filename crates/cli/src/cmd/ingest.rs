//! `herald ingest`: extract documents and store them in a herald store
//! (SQLite, see `herald-store`).
//!
//! Documents already stored (same id, or same text once normalised) are
//! skipped before extraction, so re-running over the same inputs changes
//! nothing and a run that was killed resumes where it stopped. A rayon pool
//! extracts a batch while one writer thread commits the previous one; each
//! batch is one transaction. Exit 0 when every document was stored or was
//! already there, 1 when some failed, 2 when all failed.

use crate::pipeline::{batches, extract_caught, Failure, InputArgs, PipelineArgs, BATCH_PER_THREAD};
use anyhow::{Context, Result};
use herald_extract::{Extraction, Worker};
use herald_ingest::Inputs;
use herald_store::{AggregationRule, BatchReport, Reader, Store, TypeLevel};
use herald_text::Document;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

/// Arguments of `herald ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Text files, JSONL files (`id`, `text`, optional `title`, `url`,
    /// `source` (the outlet), `published`), HTML pages, RSS/Atom feeds, WARC
    /// files (any of them gzip- or zstd-compressed), directories, or `-` for
    /// standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    /// The store (created when missing).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Documents a transaction.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Aggregation: largest gap in days between mentions of one event
    /// (a new store records it; default 2).
    #[arg(long, value_name = "DAYS")]
    window_days: Option<u32>,
    /// Aggregation: what "the same type" means (a new store records it; default cameo).
    #[arg(long, value_enum)]
    type_level: Option<Level>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Level {
    Cameo,
    Root,
    Plover,
}

/// The aggregation rule asked for on the command line, if any part was.
fn rule(a: &IngestArgs) -> Option<AggregationRule> {
    if a.window_days.is_none() && a.type_level.is_none() {
        return None;
    }
    let d = AggregationRule::default();
    Some(AggregationRule {
        window_days: a.window_days.unwrap_or(d.window_days),
        type_level: match a.type_level {
            Some(Level::Root) => TypeLevel::Root,
            Some(Level::Plover) => TypeLevel::Plover,
            Some(Level::Cameo) => TypeLevel::Cameo,
            None => d.type_level,
        },
    })
}

/// Runs `herald ingest`.
pub fn run(a: IngestArgs) -> Result<ExitCode> {
    let store = Store::open(&a.db, rule(&a)).with_context(|| format!("{}: cannot open the store", a.db.display()))?;
    let reader = Reader::open(&a.db).with_context(|| format!("{}: cannot read the store", a.db.display()))?;
    let ex = a.pipeline.extractor()?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(a.threads.unwrap_or(0)).build()?;
    let mut rejects = a.pipeline.rejects()?;
    // One writer thread; at most one batch waits for it while the next is extracted.
    let (tx, rx) = mpsc::sync_channel::<Vec<(Document, Extraction)>>(1);
    let writer = std::thread::spawn(move || -> Result<BatchReport> {
        let mut store = store;
        let mut total = BatchReport::default();
        for batch in rx {
            let r = store.insert_batch(&batch).context("storing a batch")?;
            total.inserted += r.inserted;
            total.duplicates += r.duplicates;
            total.mentions += r.mentions;
            total.new_events += r.new_events;
        }
        Ok(total)
    });
    std::panic::set_hook(Box::new(|_| {}));
    let (mut skipped, mut bytes) = (0usize, 0usize);
    let t0 = Instant::now();
    let mut pending: Vec<Document> = Vec::with_capacity(a.batch as usize);
    // Read (and decode) on a reader thread, a bounded number of documents ahead.
    let inputs = Inputs::new(&a.inputs, a.input.options());
    let mut items = batches(inputs.pending(), pool.current_num_threads() * BATCH_PER_THREAD).flatten().peekable();
    let mut send_error = false;
    while items.peek().is_some() || !pending.is_empty() {
        for item in items.by_ref() {
            match item.and_then(|p| p.finish()) {
                Ok(doc) => {
                    if reader.has_document(&doc.id, &doc.text)? {
                        skipped += 1;
                    } else {
                        pending.push(doc);
                    }
                }
                Err(r) => rejects.report(&Failure::from_reject(&r))?,
            }
            if pending.len() >= a.batch as usize {
                break;
            }
        }
        let docs = std::mem::take(&mut pending);
        bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
        let results: Vec<Result<(Document, Extraction), Failure>> = pool.install(|| {
            docs.into_par_iter().map_init(Worker::new, |w, doc| match extract_caught(&ex, w, &doc) {
                Ok(x) => Ok((doc, x)),
                Err(reason) => Err(Failure { id: Some(doc.id.clone()), input: doc.id, position: None, reason }),
            }).collect()
        });
        let mut batch = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(pair) => batch.push(pair),
                Err(f) => rejects.report(&f)?,
            }
        }
        if !batch.is_empty() && tx.send(batch).is_err() {
            send_error = true;
            break;
        }
    }
    drop(tx);
    let total = writer.join().map_err(|_| anyhow::anyhow!("the writer thread panicked"))??;
    if send_error {
        anyhow::bail!("the writer thread stopped");
    }
    rejects.finish()?;
    let failed = rejects.count;
    let _ = std::panic::take_hook();
    if a.pipeline.stats {
        let s = t0.elapsed().as_secs_f64();
        eprintln!(
            "herald ingest: {} stored, {} already stored ({} skipped before extraction), {failed} failed; \
             {} event mentions, {} new events; {:.2} MB extracted in {s:.2} s: {:.0} docs/s, {:.2} MB/s",
            total.inserted,
            total.duplicates + skipped,
            skipped,
            total.mentions,
            total.new_events,
            bytes as f64 / 1e6,
            total.inserted as f64 / s,
            bytes as f64 / 1e6 / s
        );
    }
    let done = total.inserted + total.duplicates + skipped;
    Ok(super::parse::exit_code(done, failed))
}
