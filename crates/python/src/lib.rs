//! `herald._native`: the extension module behind the Python package `herald`.
//!
//! One [`Pipeline`] holds an [`Extractor`] (models and lexicon, immutable,
//! `Sync`) and a small pool of [`Worker`]s. Every method releases the GIL
//! while it extracts; the batch methods spread documents over rayon's
//! threads (all cores). Results leave as the CLI's JSON lines (the Python
//! layer turns them into dicts with `json.loads`) or as an Arrow record
//! batch of `herald_columnar::document_schema` handed to pyarrow through the
//! C data interface, so a batch never becomes Python objects.
//!
//! A document that fails (an error or a panic in a rule) becomes a
//! `herald.ExtractionError` carrying the document id, or is skipped when the
//! caller asks for that, as `herald extract` does.

mod arrow_io;

use herald_extract::{Extraction, Extractor, Worker};
use herald_lexicon::Lexicon;
use herald_text::Document;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Mutex;

/// A document as the Python layer passes it:
/// `(id, text, published, title, url, source)`.
type DocTuple = (String, String, Option<String>, Option<String>, Option<String>, Option<String>);

/// Why one document failed: its id and the reason.
pub(crate) type Failure = (String, String);

/// Builds `herald.<class>(args...)` and returns it as a Python error.
fn herald_error(py: Python<'_>, class: &str, args: &[&str]) -> PyErr {
    let made = PyTuple::new(py, args).and_then(|a| py.import("herald._errors")?.getattr(class)?.call1(a));
    match made {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// The error for a failed document.
pub(crate) fn extraction_error(py: Python<'_>, (id, reason): Failure) -> PyErr {
    herald_error(py, "ExtractionError", &[&id, &reason])
}

/// The error for a pipeline that cannot be built or an input that cannot be read.
pub(crate) fn general_error(py: Python<'_>, msg: String) -> PyErr {
    herald_error(py, "HeraldError", &[&msg])
}

/// The text of a caught panic.
fn panic_reason(p: Box<dyn std::any::Any + Send>) -> String {
    let why = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
    format!("internal error: {}", why.unwrap_or_else(|| "panic".into()))
}

/// The extraction pipeline (see `herald.Pipeline` for the documented API).
#[pyclass(frozen, module = "herald._native")]
pub struct Pipeline {
    extractor: Extractor,
    /// Workers between single-document calls (batch calls make their own).
    workers: Mutex<Vec<Worker>>,
}

impl Pipeline {
    /// Extracts one document; errors and panics become a [`Failure`].
    pub(crate) fn run(&self, w: &mut Worker, doc: &Document) -> Result<Extraction, Failure> {
        match catch_unwind(AssertUnwindSafe(|| self.extractor.extract(doc, w))) {
            Ok(Ok(x)) => Ok(x),
            Ok(Err(e)) => Err((doc.id.clone(), e.to_string())),
            Err(p) => {
                *w = Worker::new();
                Err((doc.id.clone(), panic_reason(p)))
            }
        }
    }

    /// Extracts documents in parallel, in order.
    pub(crate) fn run_all(&self, docs: &[Document]) -> Vec<Result<Extraction, Failure>> {
        docs.par_iter().map_init(Worker::new, |w, d| self.run(w, d)).collect()
    }

    fn json(x: &Extraction) -> Result<String, Failure> {
        serde_json::to_string(x).map_err(|e| (x.id.clone(), e.to_string()))
    }
}

fn document((id, text, published, title, url, source): DocTuple) -> Document {
    let mut d = Document::new(id, text);
    d.published = published;
    d.title = title;
    d.url = url;
    d.source = source;
    d
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (lexicon=None, parse=true))]
    fn py_new(py: Python<'_>, lexicon: Option<Vec<PathBuf>>, parse: bool) -> PyResult<Self> {
        let built: Result<(Extractor, usize), String> = py.detach(|| {
            let analyzer = if parse {
                Some(herald_syntax_analyzer().map_err(|e| format!("loading the built-in models: {e}"))?)
            } else {
                None
            };
            let (lex, errors) = match &lexicon {
                None => (Lexicon::default_lexicon().map_err(|e| format!("loading the default lexicon: {e}"))?, 0),
                Some(paths) => {
                    let rep = Lexicon::load(paths).map_err(|e| format!("loading the lexicon: {e}"))?;
                    let n = rep.errors();
                    (rep.lexicon, n)
                }
            };
            Ok((Extractor::new(analyzer, lex), errors))
        });
        let (extractor, errors) = built.map_err(|m| general_error(py, m))?;
        if errors > 0 {
            let msg = format!("lexicon: {errors} error(s); run `herald lexicon check` for details");
            let cat = py.get_type::<pyo3::exceptions::PyUserWarning>();
            PyErr::warn(py, &cat, &std::ffi::CString::new(msg).unwrap_or_default(), 1)?;
        }
        Ok(Pipeline { extractor, workers: Mutex::new(Vec::new()) })
    }

    /// True when the tagger and parser run (events need them).
    #[getter]
    fn parses(&self) -> bool {
        self.extractor.parses()
    }

    /// One document as the CLI's JSON line.
    fn extract_json(&self, py: Python<'_>, doc: DocTuple) -> PyResult<String> {
        let doc = document(doc);
        let r = py.detach(|| {
            let mut w = self.workers.lock().ok().and_then(|mut v| v.pop()).unwrap_or_default();
            let r = self.run(&mut w, &doc).and_then(|x| Self::json(&x));
            if let Ok(mut v) = self.workers.lock() {
                v.push(w);
            }
            r
        });
        r.map_err(|f| extraction_error(py, f))
    }

    /// Many documents as JSON lines, in parallel, in order. A failed
    /// document raises (`skip=False`) or is left out.
    #[pyo3(signature = (docs, skip=false))]
    fn extract_batch_json<'py>(&self, py: Python<'py>, docs: Vec<DocTuple>, skip: bool) -> PyResult<Bound<'py, PyList>> {
        let docs: Vec<Document> = docs.into_iter().map(document).collect();
        let lines: Vec<Result<String, Failure>> =
            py.detach(|| docs.par_iter().map_init(Worker::new, |w, d| self.run(w, d).and_then(|x| Self::json(&x))).collect());
        let mut ok = Vec::with_capacity(lines.len());
        for r in lines {
            match r {
                Ok(l) => ok.push(l),
                Err(f) if !skip => return Err(extraction_error(py, f)),
                Err(_) => {}
            }
        }
        PyList::new(py, ok)
    }

    /// A pyarrow RecordBatch (`id`, `text`, optional `published`, `title`,
    /// `url`, `source`) in, a RecordBatch of the document table out.
    #[pyo3(signature = (batch, skip=false, spark=false))]
    fn extract_arrow(
        &self,
        py: Python<'_>,
        batch: arrow::pyarrow::PyArrowType<arrow::record_batch::RecordBatch>,
        skip: bool,
        spark: bool,
    ) -> PyResult<arrow::pyarrow::PyArrowType<arrow::record_batch::RecordBatch>> {
        arrow_io::extract_arrow(self, py, batch.0, skip, spark).map(arrow::pyarrow::PyArrowType)
    }
}

/// The tagger and parser built into herald.
fn herald_syntax_analyzer() -> Result<herald_syntax::pipeline::Analyzer, String> {
    herald_syntax::pipeline::Analyzer::with_default_models().map_err(|e| e.to_string())
}

/// The Arrow schema of `extract_arrow`'s output (`spark=True`: the same
/// with only the types Spark reads: signed integers, variable-size lists).
#[pyfunction]
#[pyo3(signature = (spark=false))]
fn arrow_schema(spark: bool) -> arrow::pyarrow::PyArrowType<arrow::datatypes::Schema> {
    arrow::pyarrow::PyArrowType(arrow_io::output_schema(spark).as_ref().clone())
}

/// The flat tables `names` (`events`, `quotes`, `actors`, `mentions`,
/// `documents_flat`, `documents`) of extractions given as JSON lines.
#[pyfunction]
fn flat_tables(py: Python<'_>, lines: Vec<String>, names: Vec<String>) -> PyResult<Vec<arrow::pyarrow::PyArrowType<arrow::record_batch::RecordBatch>>> {
    let tables = names
        .iter()
        .map(|n| herald_columnar::Table::ALL.into_iter().find(|t| t.name() == n).ok_or_else(|| general_error(py, format!("no table named {n:?}"))))
        .collect::<PyResult<Vec<_>>>()?;
    let built: Result<Vec<_>, String> = py.detach(|| {
        let docs = lines
            .iter()
            .enumerate()
            .map(|(i, l)| serde_json::from_str::<Extraction>(l).map_err(|e| format!("result {i}: not a herald extraction: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        tables.iter().map(|t| t.batch(&docs).map(arrow::pyarrow::PyArrowType).map_err(|e| e.to_string())).collect()
    });
    built.map_err(|m| general_error(py, m))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_function(wrap_pyfunction!(arrow_schema, m)?)?;
    m.add_function(wrap_pyfunction!(flat_tables, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
