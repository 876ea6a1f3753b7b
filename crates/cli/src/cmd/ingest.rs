//! `herald ingest`: extract documents and store them in a herald store
//! (SQLite, see `herald-store`).
//!
//! Documents already stored (same id, or same text once normalised) are
//! skipped before extraction, so re-running over the same inputs changes
//! nothing and a run that was killed resumes where it stopped. A rayon pool
//! extracts a batch while one writer thread commits the previous one; each
//! batch is one transaction. Exit 0 when every document was stored or was
//! already there, 1 when some failed, 2 when all failed.

use super::extract::build_extractor;
use crate::models::ModelArgs;
use anyhow::{Context, Result};
use herald_extract::{Extraction, Extractor, Worker};
use herald_ingest::{InputFormat, Item};
use herald_store::{AggregationRule, BatchReport, Reader, Store, TypeLevel};
use herald_text::Document;
use rayon::prelude::*;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

/// Arguments of `herald ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Text files, JSONL files (`id`, `text`, optional `title`, `url`,
    /// `source` (the outlet), `published`), directories, or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
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
    /// Write the documents that failed here, one JSON object a line.
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Dictionary files or manifests to use instead of the default lexicon.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    lexicon: Vec<PathBuf>,
    /// Skip the tagger and parser (token rules only; faster, less accurate).
    #[arg(long)]
    no_parse: bool,
    /// Print counts, time and throughput on standard error.
    #[arg(long)]
    stats: bool,
    #[command(flatten)]
    models: ModelArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Level {
    Cameo,
    Root,
    Plover,
}

/// Every input document in order, read through herald-ingest (the one place
/// this command touches it).
fn read_inputs(inputs: &[PathBuf]) -> impl Iterator<Item = Item> + '_ {
    herald_ingest::expand(inputs).into_iter().flat_map(|file| match file {
        Ok(path) => herald_ingest::read_input(&path, InputFormat::Auto),
        Err(r) => vec![Err(r)],
    })
}

/// Extracts one document; an error or a panic in a rule becomes its id and the reason.
fn extract_caught(ex: &Extractor, w: &mut Worker, doc: &Document) -> Result<Extraction, (String, String)> {
    match catch_unwind(AssertUnwindSafe(|| ex.extract(doc, w))) {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err((doc.id.clone(), e.to_string())),
        Err(p) => {
            *w = Worker::new();
            let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
            Err((doc.id.clone(), format!("internal error: {}", why.as_deref().unwrap_or("panic"))))
        }
    }
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
    let ex = build_extractor(&a.models, &a.lexicon, a.no_parse)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(a.threads.unwrap_or(0)).build()?;
    let mut rejects = match &a.rejects {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?,
        )),
        None => None,
    };
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
    let (mut skipped, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    let t0 = Instant::now();
    let mut pending: Vec<Document> = Vec::with_capacity(a.batch as usize);
    let mut report_failure = |id: String, why: String| -> Result<()> {
        eprintln!("herald: {id}: skipped: {why}");
        if let Some(rj) = rejects.as_mut() {
            writeln!(rj, "{}", serde_json::json!({"id": id, "reason": why}))?;
        }
        Ok(())
    };
    let mut items = read_inputs(&a.inputs).peekable();
    let mut send_error = false;
    while items.peek().is_some() || !pending.is_empty() {
        for item in items.by_ref() {
            match item {
                Ok(doc) => {
                    if reader.has_document(&doc.id, &doc.text)? {
                        skipped += 1;
                    } else {
                        pending.push(doc);
                    }
                }
                Err(r) => {
                    failed += 1;
                    report_failure(r.id.clone().unwrap_or_else(|| r.input.clone()), r.error.to_string())?;
                }
            }
            if pending.len() >= a.batch as usize {
                break;
            }
        }
        let docs = std::mem::take(&mut pending);
        bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
        let results: Vec<Result<(Document, Extraction), (String, String)>> = pool.install(|| {
            docs.into_par_iter().map_init(Worker::new, |w, doc| extract_caught(&ex, w, &doc).map(|x| (doc, x))).collect()
        });
        let mut batch = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(pair) => batch.push(pair),
                Err((id, why)) => {
                    failed += 1;
                    report_failure(id, why)?;
                }
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
    if let Some(mut rj) = rejects {
        rj.flush()?;
    }
    let _ = std::panic::take_hook();
    if a.stats {
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
