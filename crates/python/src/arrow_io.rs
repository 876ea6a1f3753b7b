//! Arrow in and out: reading documents from a record batch, writing the
//! document table (`herald_columnar::document_schema`), and the variant of
//! that schema Spark reads.

use crate::{extraction_error, general_error, Failure, Pipeline};
use arrow::array::{Array, ArrayRef, AsArray, RecordBatch};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef};
use herald_text::Document;
use pyo3::prelude::*;
use std::sync::{Arc, OnceLock};

/// The output schema; `spark` maps the types Spark cannot read.
pub(crate) fn output_schema(spark: bool) -> SchemaRef {
    if !spark {
        return herald_columnar::document_schema();
    }
    static S: OnceLock<SchemaRef> = OnceLock::new();
    S.get_or_init(|| {
        let base = herald_columnar::document_schema();
        let fields: Vec<Field> = base.fields().iter().map(|f| spark_field(f)).collect();
        Arc::new(Schema::new_with_metadata(fields, base.metadata().clone()))
    })
    .clone()
}

fn spark_field(f: &Field) -> Field {
    f.clone().with_data_type(spark_type(f.data_type()))
}

/// Spark (3.5 and 4) reads signed integers and variable-size lists only.
fn spark_type(t: &DataType) -> DataType {
    match t {
        DataType::UInt8 => DataType::Int16,
        DataType::UInt16 => DataType::Int32,
        DataType::UInt32 | DataType::UInt64 => DataType::Int64,
        DataType::FixedSizeList(f, _) | DataType::List(f) | DataType::LargeList(f) => DataType::List(Arc::new(spark_field(f))),
        DataType::Struct(fs) => DataType::Struct(fs.iter().map(|f| spark_field(f)).collect::<Fields>()),
        DataType::LargeUtf8 | DataType::Utf8View => DataType::Utf8,
        other => other.clone(),
    }
}

/// Column `name` as strings, or `None` when the batch has no such column.
fn strings(batch: &RecordBatch, name: &str) -> Result<Option<ArrayRef>, String> {
    let Some(col) = batch.column_by_name(name) else { return Ok(None) };
    let col = if col.data_type() == &DataType::Utf8 { col.clone() } else { cast(col, &DataType::Utf8).map_err(|e| format!("column {name}: {e}"))? };
    Ok(Some(col))
}

fn value(col: &Option<ArrayRef>, i: usize) -> Option<String> {
    let a = col.as_ref()?.as_string::<i32>();
    (!a.is_null(i)).then(|| a.value(i).to_string())
}

/// The documents of a batch: `text` is required, `id` defaults to the row number.
pub(crate) fn documents(batch: &RecordBatch) -> Result<Vec<Document>, String> {
    let text = strings(batch, "text")?.ok_or_else(|| "the batch has no `text` column".to_string())?;
    let [id, published, title, url, source] = ["id", "published", "title", "url", "source"].map(|n| strings(batch, n));
    let (id, published, title, url, source) = (id?, published?, title?, url?, source?);
    (0..batch.num_rows())
        .map(|i| {
            let doc_id = value(&id, i).unwrap_or_else(|| i.to_string());
            let Some(t) = value(&Some(text.clone()), i) else { return Err(format!("{doc_id}: text is null")) };
            let mut d = Document::new(doc_id, t);
            d.published = value(&published, i);
            d.title = value(&title, i);
            d.url = value(&url, i);
            d.source = value(&source, i);
            Ok(d)
        })
        .collect()
}

/// Casts a batch of the document schema to its Spark variant.
fn to_spark(batch: RecordBatch) -> Result<RecordBatch, String> {
    let schema = output_schema(true);
    let cols = batch
        .columns()
        .iter()
        .zip(schema.fields())
        .map(|(c, f)| if c.data_type() == f.data_type() { Ok(c.clone()) } else { cast(c, f.data_type()) })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    RecordBatch::try_new(schema, cols).map_err(|e| e.to_string())
}

pub(crate) fn extract_arrow(p: &Pipeline, py: Python<'_>, batch: RecordBatch, skip: bool, spark: bool) -> PyResult<RecordBatch> {
    let docs = documents(&batch).map_err(|m| general_error(py, m))?;
    let out: Result<Result<RecordBatch, String>, Failure> = py.detach(|| {
        let mut done = Vec::with_capacity(docs.len());
        for r in p.run_all(&docs) {
            match r {
                Ok(x) => done.push(x),
                Err(f) if !skip => return Err(f),
                Err(_) => {}
            }
        }
        let b = herald_columnar::to_record_batch(&done).map_err(|e| e.to_string());
        Ok(if spark { b.and_then(to_spark) } else { b })
    });
    out.map_err(|f| extraction_error(py, f))?.map_err(|m| general_error(py, m))
}

