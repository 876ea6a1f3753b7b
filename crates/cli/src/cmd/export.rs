//! `herald export --db FILE --out DIR`: the whole store as Parquet files
//! partitioned by publication date, Hive style, for archives that outgrow
//! SQLite:
//!
//! ```text
//! DIR/<table>/date=2025-07-26/part-0.parquet
//! DIR/<table>/date=__HIVE_DEFAULT_PARTITION__/part-0.parquet   (undated documents)
//! ```
//!
//! Written with herald-columnar's `ParquetSink`.
//!
//! Tables are herald-columnar's: `documents` (nested, one row a document),
//! `documents_flat`, `events`, `quotes`, `actors`, `mentions`. DuckDB reads
//! them with `read_parquet('DIR/events/*/*.parquet', hive_partitioning = true)`,
//! Polars with `pl.scan_parquet('DIR/events/**/*.parquet', hive_partitioning=True)`,
//! Spark with `spark.read.parquet('DIR/events')`. Each file is written under a
//! temporary name and renamed when complete.

use anyhow::{Context, Result};
use herald_columnar::{ParquetSink, Table};
use herald_extract::Extraction;
use herald_store::Reader;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `herald export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The store.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The directory to write (created; existing partitions are replaced).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Only these tables (default: all).
    #[arg(long, value_delimiter = ',', value_parser = table_name())]
    tables: Vec<Table>,
}

/// `--tables`: the names of herald-columnar's tables (`documents_flat`...).
fn table_name() -> impl clap::builder::TypedValueParser<Value = Table> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Table::ALL.map(Table::name))
        .map(|s| Table::ALL.into_iter().find(|t| t.name() == s).expect("a possible value is a table name"))
}

/// Documents converted at once.
const CHUNK: usize = 256;

/// The open files of one date partition.
struct Partition {
    sinks: Vec<(PathBuf, ParquetSink<BufWriter<File>>)>,
    pending: Vec<Extraction>,
}

impl Partition {
    fn open(out: &Path, tables: &[Table], date: Option<&str>) -> Result<Partition> {
        let dir_name = format!("date={}", date.unwrap_or("__HIVE_DEFAULT_PARTITION__"));
        let mut sinks = Vec::new();
        for t in tables {
            let dir = out.join(t.name()).join(&dir_name);
            std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
            let path = dir.join("part-0.parquet");
            let tmp = dir.join(".part-0.parquet.tmp");
            let f = File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
            sinks.push((path, ParquetSink::create(BufWriter::new(f), *t)?));
        }
        Ok(Partition { sinks, pending: Vec::with_capacity(CHUNK) })
    }

    fn flush(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            for (_, s) in &mut self.sinks {
                s.write(&self.pending)?;
            }
            self.pending.clear();
        }
        Ok(())
    }

    /// Finishes every file; returns the rows written.
    fn finish(mut self) -> Result<usize> {
        self.flush()?;
        let mut rows = 0;
        for (path, s) in self.sinks {
            rows += s.rows();
            let w = s.finish()?;
            w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            let tmp = path.with_file_name(".part-0.parquet.tmp");
            std::fs::rename(&tmp, &path).with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(rows)
    }
}

/// Runs `herald export`.
pub fn run(a: ExportArgs) -> Result<ExitCode> {
    let r = Reader::open(&a.db).with_context(|| format!("{}: cannot open the store", a.db.display()))?;
    let tables: Vec<Table> =
        if a.tables.is_empty() { Table::ALL.to_vec() } else { a.tables.clone() };
    let mut current: Option<(Option<String>, Partition)> = None;
    let (mut docs, mut rows, mut partitions) = (0usize, 0usize, 0usize);
    r.for_each_extraction(|date, x| -> Result<()> {
        if current.as_ref().is_none_or(|(d, _)| d.as_deref() != date) {
            if let Some((_, p)) = current.take() {
                rows += p.finish()?;
            }
            current = Some((date.map(str::to_string), Partition::open(&a.out, &tables, date)?));
            partitions += 1;
        }
        let p = &mut current.as_mut().expect("opened").1;
        p.pending.push(x);
        if p.pending.len() >= CHUNK {
            p.flush()?;
        }
        docs += 1;
        Ok(())
    })?;
    if let Some((_, p)) = current.take() {
        rows += p.finish()?;
    }
    eprintln!(
        "herald export: {docs} documents, {partitions} date partitions, {rows} rows in {} table(s) under {}",
        tables.len(),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
