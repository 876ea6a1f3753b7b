//! The write stage of `herald extract`: takes each document's extraction in
//! input order, marks duplicates of earlier documents, and writes it in the
//! format asked for (JSONL, a GDELT-style events table, PLOVER records or
//! Parquet), plus flat Parquet tables when `--tables` is given.

use anyhow::{Context, Result};
use herald_columnar::{ParquetSink, Table};
use herald_dedupe::{Index, Kind};
use herald_extract::output::{DuplicateKind, DuplicateOf};
use herald_extract::Extraction;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// `--format`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum OutFormat {
    /// One JSON object a document.
    Jsonl,
    /// GDELT 2.0 events table: its 61 columns, tab separated, with a header.
    Csv,
    /// One PLOVER JSON record an event.
    Plover,
    /// The nested document table as Parquet (zstd).
    Parquet,
}

/// Output options of `herald extract`.
#[derive(clap::Args, Clone, Debug)]
pub struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Jsonl)]
    pub format: OutFormat,
    /// Also write flat Parquet tables (documents_flat, events, quotes,
    /// actors, mentions: one row each, keyed by doc_id) into this directory.
    #[arg(long, value_name = "DIR")]
    pub tables: Option<PathBuf>,
    /// Do not mark exact and near duplicate documents (`duplicate_of`).
    #[arg(long)]
    pub no_dedupe: bool,
}

type Out = Box<dyn Write + Send>;

enum Format {
    Jsonl(Out),
    Csv { out: Out, next_id: u64 },
    Plover(Out),
    Parquet(ParquetSink<Out>),
}

/// Documents buffered before a Parquet batch is written.
const PARQUET_BATCH_DOCS: usize = 256;
/// ... or once their text holds this many bytes.
const PARQUET_BATCH_BYTES: usize = 16 << 20;

/// Writes extractions in order; see the module docs.
pub struct Writer {
    format: Format,
    dedupe: Option<Index>,
    tables: Vec<ParquetSink<Out>>,
    /// Documents waiting for the next Parquet batch.
    pending: Vec<Extraction>,
    pending_bytes: usize,
    finished: bool,
}

fn create(path: &Path) -> Result<Out> {
    let f = std::fs::File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
    Ok(Box::new(BufWriter::with_capacity(1 << 16, f)))
}

impl Writer {
    /// Opens the output (`output`, or standard output) and the tables.
    pub fn new(args: &FormatArgs, output: Option<&Path>) -> Result<Self> {
        let out: Out = match output {
            Some(p) if p.as_os_str() != "-" => create(p)?,
            _ => Box::new(BufWriter::with_capacity(1 << 16, std::io::stdout())),
        };
        let format = match args.format {
            OutFormat::Jsonl => Format::Jsonl(out),
            OutFormat::Csv => {
                let mut out = out;
                writeln!(out, "{}", herald_extract::events::csv::gdelt_header())?;
                Format::Csv { out, next_id: 1 }
            }
            OutFormat::Plover => Format::Plover(out),
            OutFormat::Parquet => Format::Parquet(ParquetSink::create(out, Table::Documents)?),
        };
        let mut tables = Vec::new();
        if let Some(dir) = &args.tables {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
            for t in Table::ALL.into_iter().filter(|&t| t != Table::Documents) {
                tables.push(ParquetSink::create(create(&dir.join(format!("{}.parquet", t.name())))?, t)?);
            }
        }
        let dedupe = (!args.no_dedupe).then(Index::default);
        Ok(Writer { format, dedupe, tables, pending: Vec::new(), pending_bytes: 0, finished: false })
    }

    /// Marks `x` if it repeats an earlier document, then writes it.
    pub fn write(&mut self, mut x: Extraction) -> Result<()> {
        if let Some(ix) = self.dedupe.as_mut() {
            x.duplicate_of = ix.check(&x.id, &x.text).map(|d| DuplicateOf {
                of: d.of,
                similarity: d.similarity,
                kind: match d.kind {
                    Kind::Exact => DuplicateKind::Exact,
                    Kind::Near => DuplicateKind::Near,
                },
            });
        }
        match &mut self.format {
            Format::Jsonl(out) => {
                serde_json::to_writer(&mut *out, &x)?;
                out.write_all(b"\n")?;
            }
            Format::Csv { out, next_id } => {
                let root = first_paragraph_end(&x.text);
                for e in &x.events {
                    let row = herald_extract::events::csv::gdelt_row(e, *next_id, x.published.as_deref(), x.url.as_deref(), e.sentence.span[0] < root);
                    *next_id += 1;
                    out.write_all(row.as_bytes())?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Plover(out) => {
                for e in &x.events {
                    let mut rec = herald_extract::events::csv::plover_record(e, &x.id, x.published.as_deref(), &x.text);
                    rec["cite_info"]["url"] = x.url.as_deref().into();
                    rec["cite_info"]["title"] = x.title.as_deref().into();
                    if let Some(d) = &x.duplicate_of {
                        rec["duplicate_of"] = serde_json::to_value(d)?;
                    }
                    serde_json::to_writer(&mut *out, &rec)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Parquet(_) => {}
        }
        if matches!(self.format, Format::Parquet(_)) || !self.tables.is_empty() {
            self.pending_bytes += x.text.len();
            self.pending.push(x);
            if self.pending.len() >= PARQUET_BATCH_DOCS || self.pending_bytes >= PARQUET_BATCH_BYTES {
                self.flush_pending()?;
            }
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if let Format::Parquet(sink) = &mut self.format {
            sink.write(&self.pending)?;
        }
        for t in &mut self.tables {
            t.write(&self.pending)?;
        }
        self.pending.clear();
        self.pending_bytes = 0;
        Ok(())
    }

    /// Writes what is buffered, closes Parquet files and flushes. Idempotent.
    pub fn finish(&mut self) -> Result<()> {
        if self.finished {
            return Ok(());
        }
        self.finished = true;
        self.flush_pending()?;
        for t in std::mem::take(&mut self.tables) {
            t.finish()?.flush()?;
        }
        let placeholder = Format::Jsonl(Box::new(std::io::sink()));
        match std::mem::replace(&mut self.format, placeholder) {
            Format::Jsonl(mut out) | Format::Csv { mut out, .. } | Format::Plover(mut out) => out.flush()?,
            Format::Parquet(sink) => sink.finish()?.flush()?,
        }
        Ok(())
    }
}

/// Character offset where the first paragraph ends (GDELT's root events are
/// those of the lead): the first line break after some text.
fn first_paragraph_end(text: &str) -> usize {
    let mut seen_text = false;
    for (i, c) in text.chars().enumerate() {
        if c == '\n' && seen_text {
            return i;
        }
        seen_text |= !c.is_whitespace();
    }
    usize::MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ends_at_first_line_break_after_text() {
        assert_eq!(first_paragraph_end("\n\nAb\ncd"), 4);
        assert_eq!(first_paragraph_end("one paragraph"), usize::MAX);
    }
}
