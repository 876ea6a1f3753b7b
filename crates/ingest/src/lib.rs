//! herald's input side: every command that reads documents goes through
//! [`Inputs`], which walks files, directories (recursively, in sorted order)
//! and standard input, undoes gzip and zstd compression as a stream, detects
//! the format from the content (plain text, JSONL, HTML, RSS/Atom, WARC) and
//! yields [`Document`]s or [`Reject`]s one by one — a bad document never
//! stops the run, and memory does not grow with the input's size.
//!
//! ```no_run
//! use herald_ingest::{Inputs, Options};
//! for item in Inputs::new(&["crawl.warc.gz".into()], Options::default()) {
//!     match item {
//!         Ok(doc) => println!("{}: {} chars", doc.id, doc.text.chars().count()),
//!         Err(rej) => eprintln!("{rej}"),
//!     }
//! }
//! ```
//!
//! The costly step (charset decoding and article extraction of HTML) is
//! separate: [`Inputs::pending`] yields [`Pending`] items whose
//! [`Pending::finish`] can run on worker threads.
#![deny(missing_docs)]

pub mod decode;
pub mod feed;
mod source;
pub mod warc;

use herald_text::Document;
pub use source::{detect, Pendings};
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a document or an input could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("cannot read: {source}")]
    Io {
        /// The underlying error.
        source: std::io::Error,
    },
    /// The stream broke off (a truncated or corrupt gzip/zstd file).
    #[error("{reason}")]
    Stream {
        /// What happened.
        reason: String,
    },
    /// The bytes are not text in any charset herald can tell.
    #[error("not text: {reason}")]
    Charset {
        /// What is wrong.
        reason: String,
    },
    /// A JSONL line is not a JSON object with a string `text`.
    #[error("bad JSONL record: {reason}")]
    Jsonl {
        /// What is wrong.
        reason: String,
    },
    /// A WARC record is corrupt or cut short.
    #[error("{reason}")]
    Warc {
        /// What is wrong.
        reason: String,
    },
    /// A feed is not well-formed XML from here on.
    #[error("{reason}")]
    Feed {
        /// What is wrong.
        reason: String,
    },
    /// The document is larger than the limit.
    #[error("document too large: {size} bytes, the limit is {limit} (--max-doc-mb)")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Nothing to read.
    #[error("empty {what}")]
    Empty {
        /// What is empty ("input", "page", "item").
        what: &'static str,
    },
}

/// Where in an input a reject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// 1-based line (JSONL).
    Line(u64),
    /// Byte offset in the decompressed stream (WARC records, feeds).
    Byte(u64),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Byte(n) => write!(f, "byte {n}"),
        }
    }
}

/// A document that could not be read, with where and why.
#[derive(Debug)]
pub struct Reject {
    /// The input: a file name, or `-` for standard input.
    pub input: String,
    /// Where in the input, when it holds several documents.
    pub position: Option<Position>,
    /// The document id when one is known.
    pub id: Option<String>,
    /// The error.
    pub error: IngestError,
}

impl Reject {
    pub(crate) fn new(input: &str, position: Option<Position>, id: Option<String>, error: IngestError) -> Self {
        Reject { input: input.to_string(), position, id, error }
    }

    /// The rejects-file record: `{id, input, position, reason}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "input": self.input,
            "position": self.position.map(|p| p.to_string()),
            "reason": self.error.to_string(),
        })
    }
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.input)?;
        if let Some(p) = self.position {
            write!(f, " ({p})")?;
        }
        if let Some(id) = &self.id {
            write!(f, " [{id}]")?;
        }
        write!(f, ": {}", self.error)
    }
}

/// How to interpret inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum InputFormat {
    /// Decide from the content, with the file name as a hint.
    #[default]
    Auto,
    /// The whole input is one document.
    Text,
    /// One JSON object a line: `id`, `text`, optional `title`, `url`, `source`, `published`.
    Jsonl,
    /// One HTML page, whose article is extracted.
    Html,
    /// An RSS or Atom feed: each item a document.
    Feed,
    /// A WARC file: each HTML response or resource record a document.
    Warc,
}

/// Reading options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The format, or `Auto`.
    pub format: InputFormat,
    /// Documents (pages, records, lines) larger than this are rejected unread.
    pub max_doc_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { format: InputFormat::Auto, max_doc_bytes: 16 << 20 }
    }
}

/// One item out of [`Inputs`].
pub type Item = Result<Document, Reject>;

/// A document read but not yet decoded: [`Pending::finish`] does the
/// charset decoding and article extraction, on any thread.
#[derive(Debug)]
pub struct Pending {
    /// The input it came from.
    pub input: String,
    /// Where in the input.
    pub position: Option<Position>,
    /// Its id.
    pub id: String,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Ready(Document),
    Text(Vec<u8>),
    Html { bytes: Vec<u8>, charset: Option<String>, url: Option<String>, published: Option<String> },
    Feed(feed::FeedItem),
}

impl Pending {
    /// Bytes held (for bounding batches).
    pub fn size(&self) -> usize {
        match &self.kind {
            Kind::Ready(d) => d.text.len(),
            Kind::Text(b) | Kind::Html { bytes: b, .. } => b.len(),
            Kind::Feed(f) => f.content.len(),
        }
    }

    /// Decodes and extracts the document.
    pub fn finish(self) -> Item {
        let Pending { input, position, id, kind } = self;
        let reject = |id: String, error: IngestError| Err(Reject::new(&input, position, Some(id), error));
        match kind {
            Kind::Ready(d) => Ok(d),
            Kind::Text(b) => match decode::decode(&b, None, false) {
                Ok((t, _)) if t.trim().is_empty() => reject(id, IngestError::Empty { what: "input" }),
                Ok((t, _)) => Ok(Document::new(id, t)),
                Err(e) => reject(id, IngestError::Charset { reason: e.0 }),
            },
            Kind::Html { bytes, charset, url, published } => {
                let html = match decode::decode(&bytes, charset.as_deref(), true) {
                    Ok((t, _)) => t,
                    Err(e) => return reject(id, IngestError::Charset { reason: e.0 }),
                };
                drop(bytes);
                let a = herald_article::extract(&html, url.as_deref());
                if a.text.trim().is_empty() {
                    return reject(id, IngestError::Empty { what: "page (no article text)" });
                }
                Ok(Document { id, text: a.text, title: a.title, url: url.or(a.url), source: a.outlet, published: a.published.or(published) })
            }
            Kind::Feed(it) => {
                let a = herald_article::extract(&it.content, it.link.as_deref());
                if a.text.trim().is_empty() {
                    return reject(id, IngestError::Empty { what: "item" });
                }
                Ok(Document {
                    id,
                    text: a.text,
                    title: it.title.or(a.title),
                    url: it.link.or(a.url),
                    source: it.feed_title.or(a.outlet),
                    published: it.published.as_deref().map(feed::iso_date).or(a.published),
                })
            }
        }
    }
}

/// One HTML page as a document: charset detected and decoded (`charset`,
/// from an HTTP header, wins when given), then the article extracted.
pub fn html_document(id: &str, input: &str, bytes: Vec<u8>, charset: Option<&str>, url: Option<&str>) -> Item {
    let kind = Kind::Html { bytes, charset: charset.map(str::to_string), url: url.map(str::to_string), published: None };
    Pending { input: input.to_string(), position: None, id: id.to_string(), kind }.finish()
}

/// Documents from a list of inputs, one at a time.
pub struct Inputs(Pendings);

impl Inputs {
    /// Reads `inputs` (files, directories, `-`) in order.
    pub fn new(inputs: &[PathBuf], opts: Options) -> Self {
        Inputs(Pendings::new(inputs, opts))
    }

    /// The undecoded items, for decoding on worker threads.
    pub fn pending(self) -> Pendings {
        self.0
    }

    /// A counter of the bytes read from the inputs so far (before decompression).
    pub fn bytes_read(&self) -> std::sync::Arc<std::sync::atomic::AtomicU64> {
        self.0.bytes_read()
    }
}

impl Iterator for Inputs {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        self.0.next().map(|p| p.and_then(Pending::finish))
    }
}

/// Expands the command-line inputs into a sorted list of files (`-` kept as is).
pub fn expand(inputs: &[PathBuf]) -> Vec<Result<PathBuf, Reject>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() != "-" && p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, Reject>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(Reject::new(&dir.display().to_string(), None, None, IngestError::Io { source })));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

/// Reads one input (a file path or `-`) into documents, all at once.
/// Prefer [`Inputs`], which streams.
pub fn read_input(path: &Path, format: InputFormat) -> Vec<Item> {
    Inputs::new(&[path.to_path_buf()], Options { format, ..Options::default() }).collect()
}
