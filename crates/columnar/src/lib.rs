//! herald's extractions as Arrow record batches and Parquet files.
//!
//! Two shapes of the same data:
//!
//! * the **document table** ([`Table::Documents`], [`document_schema`],
//!   [`to_record_batch`]): one row a document, with its actors, quotes and
//!   events as lists of structs, field for field the JSON of
//!   `herald extract` (spans are `FixedSizeList<UInt32, 2>`, `[start, end)`
//!   in Unicode characters of `text`);
//! * **flat tables** ([`Table::Events`], [`Table::Quotes`], [`Table::Actors`],
//!   [`Table::Mentions`], [`Table::DocumentsFlat`]): one row an event, quote,
//!   actor or mention, keyed by `doc_id`, for SQL stores and data frames.
//!
//! [`ParquetSink`] streams either shape to a Parquet file: row groups are
//! closed once their buffered size passes a bound, so memory does not grow
//! with the number of documents.
//!
//! ```
//! use herald_columnar::{to_record_batch, ParquetSink, Table};
//! let x: herald_extract::Extraction = serde_json::from_str(
//!     r#"{"id": "d1", "title": null, "url": null, "published": null, "text": "Hi.",
//!         "actors": [], "quotes": [], "events": []}"#)?;
//! let batch = to_record_batch(std::slice::from_ref(&x))?;
//! assert_eq!(batch.num_rows(), 1);
//! let mut sink = ParquetSink::create(Vec::new(), Table::Documents)?;
//! sink.write(&[x])?;
//! let bytes: Vec<u8> = sink.finish()?;
//! assert_eq!(&bytes[..4], b"PAR1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod flat;
mod schema;

pub use arrow_array::RecordBatch;
pub use arrow_schema::{Schema, SchemaRef};
pub use schema::document_schema;

use herald_extract::Extraction;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::Write;

/// What can go wrong converting or writing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Building the Arrow arrays failed.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// Writing Parquet failed.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The tables herald writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row a document, actors, quotes and events nested.
    Documents,
    /// One row a document without nesting: metadata, counts, duplicate.
    DocumentsFlat,
    /// One row an event.
    Events,
    /// One row a quote.
    Quotes,
    /// One row an actor.
    Actors,
    /// One row an actor mention.
    Mentions,
}

impl Table {
    /// Every table, nested first.
    pub const ALL: [Table; 6] = [Table::Documents, Table::DocumentsFlat, Table::Events, Table::Quotes, Table::Actors, Table::Mentions];

    /// A short name (`documents`, `events`...), used for file names.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::DocumentsFlat => "documents_flat",
            Table::Events => "events",
            Table::Quotes => "quotes",
            Table::Actors => "actors",
            Table::Mentions => "mentions",
        }
    }

    /// The table's Arrow schema.
    pub fn schema(self) -> SchemaRef {
        match self {
            Table::Documents => document_schema(),
            Table::DocumentsFlat => flat::documents_schema(),
            Table::Events => flat::events_schema(),
            Table::Quotes => flat::quotes_schema(),
            Table::Actors => flat::actors_schema(),
            Table::Mentions => flat::mentions_schema(),
        }
    }

    /// The rows of `docs` in this table, as one record batch.
    pub fn batch(self, docs: &[Extraction]) -> Result<RecordBatch> {
        match self {
            Table::Documents => to_record_batch(docs),
            Table::DocumentsFlat => serialize(self.schema(), &flat::documents_rows(docs)),
            Table::Events => serialize(self.schema(), &flat::event_rows(docs)),
            Table::Quotes => serialize(self.schema(), &flat::quote_rows(docs)),
            Table::Actors => serialize(self.schema(), &flat::actor_rows(docs)),
            Table::Mentions => serialize(self.schema(), &flat::mention_rows(docs)),
        }
    }
}

/// The documents as one record batch of [`document_schema`].
pub fn to_record_batch(docs: &[Extraction]) -> Result<RecordBatch> {
    serialize(document_schema(), docs)
}

/// Rows (anything serialising to the schema's JSON shape) to a batch.
fn serialize<S: serde::Serialize>(schema: SchemaRef, rows: &[S]) -> Result<RecordBatch> {
    let mut dec = arrow_json::ReaderBuilder::new(schema.clone()).with_batch_size(rows.len().max(1)).build_decoder()?;
    dec.serialize(rows)?;
    Ok(dec.flush()?.unwrap_or_else(|| RecordBatch::new_empty(schema)))
}

/// A row group is closed once this many bytes are buffered.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// Streams one [`Table`] to a Parquet file (zstd compressed): call
/// [`ParquetSink::write`] for each batch of documents in order, then
/// [`ParquetSink::finish`].
pub struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    table: Table,
    rows: usize,
}

impl<W: Write + Send> ParquetSink<W> {
    /// Starts a file of `table` on `out`.
    pub fn create(out: W, table: Table) -> Result<Self> {
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            .set_created_by(format!("herald {}", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(ParquetSink { writer: ArrowWriter::try_new(out, table.schema(), Some(props))?, table, rows: 0 })
    }

    /// Appends the rows of `docs`.
    pub fn write(&mut self, docs: &[Extraction]) -> Result<()> {
        let batch = self.table.batch(docs)?;
        self.write_batch(&batch)
    }

    /// Appends a batch already converted (its schema must be the table's).
    pub fn write_batch(&mut self, batch: &RecordBatch) -> Result<()> {
        self.rows += batch.num_rows();
        self.writer.write(batch)?;
        if self.writer.in_progress_size() >= ROW_GROUP_BYTES {
            self.writer.flush()?;
        }
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Writes the footer and gives the writer back.
    pub fn finish(self) -> Result<W> {
        Ok(self.writer.into_inner()?)
    }
}
