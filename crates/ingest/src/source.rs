//! Opening inputs as streams: standard input or a file, gzip or zstd undone
//! on the fly, the format detected from the first bytes, and a reader per
//! format that yields one item at a time.

use crate::feed::FeedReader;
use crate::warc::{self, WarcReader};
use crate::{InputFormat, IngestError, Kind, Options, Pending, Position, Reject};
use herald_text::Document;
use serde::Deserialize;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

type Stream = Box<dyn BufRead + Send>;
type Raw = Result<Pending, Reject>;

/// How many decompressed bytes are looked at to detect the format.
const SNIFF: usize = 64 * 1024;

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    n: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n.fetch_add(k as u64, Ordering::Relaxed);
        Ok(k)
    }
}

/// A stream that failed: every read repeats the error.
struct Broken(io::ErrorKind, String);

impl Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(self.0, self.1.clone()))
    }
}

/// Reads up to `n` bytes (fewer at the end of the stream).
fn read_prefix(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut v = Vec::with_capacity(n.min(SNIFF));
    r.take(n as u64).read_to_end(&mut v)?;
    Ok(v)
}

/// The format of a decompressed stream from its first bytes; `ext` (the file
/// name's extension, lower case) decides when the content does not.
pub fn detect(head: &[u8], ext: Option<&str>) -> InputFormat {
    let h = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = h.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(h.len());
    let h = &h[start..];
    if h.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    let lower: Vec<u8> = h[..h.len().min(4096)].to_ascii_lowercase();
    let has = |s: &[u8]| memchr::memmem::find(&lower, s).is_some();
    if lower.starts_with(b"<") {
        if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            return InputFormat::Html;
        }
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return InputFormat::Feed;
        }
        if has(b"<html") || has(b"<body") || has(b"<head") || has(b"<!doctype html") {
            return InputFormat::Html;
        }
    }
    if h.starts_with(b"{") {
        let line = &h[..memchr::memchr(b'\n', h).unwrap_or(h.len())];
        let complete = line.len() < h.len();
        let json_ok = serde_json::from_slice::<serde_json::Value>(line).is_ok_and(|v| v.is_object());
        if json_ok || (!complete && h.starts_with(b"{\"")) || matches!(ext, Some("jsonl" | "ndjson")) {
            return InputFormat::Jsonl;
        }
    }
    match ext {
        Some("jsonl" | "ndjson") => InputFormat::Jsonl,
        Some("html" | "htm" | "xhtml") => InputFormat::Html,
        Some("rss" | "atom") => InputFormat::Feed,
        Some("warc") => InputFormat::Warc,
        _ => InputFormat::Text,
    }
}

/// The extension that describes the content: `a.warc.gz` gives `warc`.
fn content_ext(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let lower = ["gz", "zst", "zstd", "gzip"].iter().find_map(|c| lower.strip_suffix(&format!(".{c}")).map(str::to_string)).unwrap_or(lower);
    let file = lower.rsplit(['/', '\\']).next().unwrap_or(&lower).to_string();
    file.rsplit_once('.').map(|(_, e)| e.to_string())
}

/// Opens one input and undoes compression.
fn open(path: &PathBuf, counter: &Arc<AtomicU64>) -> io::Result<(Stream, Vec<u8>)> {
    // Buffers as large as a small file, at most 256 KB: a buffer is zeroed
    // once before its first read, and 2 x 256 KB a 3 KB news article was a
    // measurable share of reading a folder of them.
    let mut cap = 1 << 18;
    let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        let f = std::fs::File::open(path)?;
        if let Some(m) = f.metadata().ok().filter(|m| m.is_file()) {
            cap = (m.len() as usize + 1).clamp(1 << 12, 1 << 18);
        }
        Box::new(f)
    };
    let mut raw: Box<dyn Read + Send> = Box::new(BufReader::with_capacity(cap, Counting { inner: raw, n: counter.clone() }));
    let magic = read_prefix(&mut raw, 4)?;
    let chained = Cursor::new(magic.clone()).chain(raw);
    // A compressed file's text is larger than the file: full-size buffer.
    let mut dec: Box<dyn Read + Send> = if magic.starts_with(&[0x1f, 0x8b]) {
        cap = 1 << 18;
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(chained)))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        cap = 1 << 18;
        Box::new(zstd::stream::read::Decoder::new(chained)?)
    } else {
        Box::new(chained)
    };
    // A stream that breaks inside the first bytes still yields what came
    // before the break; the error follows them.
    let mut head = Vec::with_capacity(SNIFF);
    let rest: Box<dyn Read + Send> = match (&mut dec).take(SNIFF as u64).read_to_end(&mut head) {
        Ok(_) => dec,
        Err(e) if head.is_empty() => return Err(e),
        Err(e) => Box::new(Broken(e.kind(), e.to_string())),
    };
    let stream: Stream = Box::new(BufReader::with_capacity(cap, Cursor::new(head.clone()).chain(rest)));
    Ok((stream, head))
}

/// The documents of one input.
enum FileDocs {
    Done,
    One(Option<Raw>),
    Warc { r: WarcReader<Stream>, input: String, n: u64 },
    Feed { r: FeedReader<Stream>, input: String, max: u64 },
    Jsonl { r: Stream, input: String, line: u64, max: u64, buf: Vec<u8> },
}

/// Undecoded items from a list of inputs, one at a time ([`crate::Inputs::pending`]).
pub struct Pendings {
    files: std::vec::IntoIter<Result<PathBuf, Reject>>,
    opts: Options,
    cur: FileDocs,
    bytes: Arc<AtomicU64>,
}

impl Pendings {
    pub(crate) fn new(inputs: &[PathBuf], opts: Options) -> Self {
        Pendings { files: crate::expand(inputs).into_iter(), opts, cur: FileDocs::Done, bytes: Arc::new(AtomicU64::new(0)) }
    }

    /// A counter of the bytes read from the inputs so far (before decompression).
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        self.bytes.clone()
    }

    fn start(&self, path: PathBuf) -> FileDocs {
        let input = if path.as_os_str() == "-" { "-".to_string() } else { path.display().to_string() };
        let fail = |error| FileDocs::One(Some(Err(Reject::new(&input, None, None, error))));
        let (mut stream, head) = match open(&path, &self.bytes) {
            Ok(x) => x,
            Err(e) if e.kind() == io::ErrorKind::NotFound || e.kind() == io::ErrorKind::PermissionDenied => {
                return fail(IngestError::Io { source: e })
            }
            Err(e) => return fail(IngestError::Stream { reason: warc::io_reason(&e) }),
        };
        if head.iter().all(|b| b.is_ascii_whitespace()) {
            return fail(IngestError::Empty { what: "input" });
        }
        let max = self.opts.max_doc_bytes;
        let format = match self.opts.format {
            InputFormat::Auto => detect(&head, content_ext(&input).as_deref()),
            f => f,
        };
        let id = if input == "-" { "stdin".to_string() } else { input.clone() };
        match format {
            InputFormat::Warc => FileDocs::Warc { r: WarcReader::new(stream, max), input, n: 0 },
            InputFormat::Feed => FileDocs::Feed { r: FeedReader::new(stream, max as usize), input, max },
            InputFormat::Jsonl => FileDocs::Jsonl { r: stream, input, line: 0, max, buf: Vec::new() },
            f => {
                let mut bytes = Vec::new();
                if let Err(e) = (&mut stream).take(max + 1).read_to_end(&mut bytes) {
                    return FileDocs::One(Some(Err(Reject::new(&input, None, Some(id), IngestError::Stream { reason: warc::io_reason(&e) }))));
                }
                if bytes.len() as u64 > max {
                    let rest = io::copy(&mut stream, &mut io::sink()).unwrap_or(0);
                    let size = bytes.len() as u64 + rest;
                    return FileDocs::One(Some(Err(Reject::new(&input, None, Some(id), IngestError::TooLarge { size, limit: max }))));
                }
                let kind = if f == InputFormat::Html {
                    Kind::Html { bytes, charset: None, url: None, published: None }
                } else {
                    Kind::Text(bytes)
                };
                FileDocs::One(Some(Ok(Pending { input, position: None, id, kind })))
            }
        }
    }
}

impl Iterator for Pendings {
    type Item = Raw;
    fn next(&mut self) -> Option<Raw> {
        loop {
            let item = match &mut self.cur {
                FileDocs::Done => None,
                FileDocs::One(x) => x.take(),
                FileDocs::Warc { r, input, n } => next_warc(r, input, n),
                FileDocs::Feed { r, input, max } => next_feed(r, input, *max),
                FileDocs::Jsonl { r, input, line, max, buf } => next_jsonl(r, input, line, *max, buf),
            };
            if let Some(item) = item {
                return Some(item);
            }
            match self.files.next()? {
                Ok(path) => self.cur = self.start(path),
                Err(r) => {
                    self.cur = FileDocs::Done;
                    return Some(Err(r));
                }
            }
        }
    }
}

fn is_html(content_type: &str) -> bool {
    let t = content_type.to_ascii_lowercase();
    t.contains("html")
}

fn next_warc(r: &mut WarcReader<Stream>, input: &str, n: &mut u64) -> Option<Raw> {
    loop {
        let rec = match r.next()? {
            Ok(rec) => rec,
            Err(e) => return Some(Err(Reject::new(input, Some(Position::Byte(e.offset)), None, IngestError::Warc { reason: e.reason }))),
        };
        *n += 1;
        let kind = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
        if kind != "response" && kind != "resource" {
            continue;
        }
        let pos = Some(Position::Byte(rec.offset));
        let url = rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
        let id = rec
            .header("WARC-Record-ID")
            .map(|s| s.trim_matches(['<', '>']).to_string())
            .or_else(|| url.clone())
            .unwrap_or_else(|| format!("{input}#{n}"));
        let date = rec.header("WARC-Date").map(str::to_string);
        let reject = |error| Some(Err(Reject::new(input, pos, Some(id.clone()), error)));
        let Some(block) = &rec.body else {
            let payload = rec.header("WARC-Identified-Payload-Type").map(is_html);
            if payload == Some(false) {
                continue;
            }
            return reject(IngestError::TooLarge { size: rec.length, limit: r.max_body() });
        };
        let (bytes, charset) = if kind == "response" {
            let Some(http) = warc::parse_http(block) else {
                return reject(IngestError::Warc { reason: "response record without an HTTP response".into() });
            };
            let ctype = http.header("Content-Type").unwrap_or("");
            if !(200..300).contains(&http.status) || !is_html(ctype) {
                continue;
            }
            let charset = crate::decode::charset_param(ctype).map(str::to_string);
            let mut body = http.body.to_vec();
            if http.header("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
                match warc::dechunk(&body) {
                    Some(b) => body = b,
                    None => return reject(IngestError::Warc { reason: "bad chunked transfer encoding".into() }),
                }
            }
            match http.header("Content-Encoding").map(|c| c.trim().to_ascii_lowercase()).as_deref() {
                None | Some("identity") | Some("") => {}
                Some(c @ ("gzip" | "x-gzip" | "deflate")) => {
                    let mut out = Vec::new();
                    let lim = r.max_body() + 1;
                    let res = if c == "deflate" {
                        flate2::read::ZlibDecoder::new(&body[..]).take(lim).read_to_end(&mut out)
                    } else {
                        flate2::read::MultiGzDecoder::new(&body[..]).take(lim).read_to_end(&mut out)
                    };
                    if let Err(e) = res {
                        return reject(IngestError::Warc { reason: format!("bad {c} content encoding: {e}") });
                    }
                    if out.len() as u64 > r.max_body() {
                        return reject(IngestError::TooLarge { size: out.len() as u64, limit: r.max_body() });
                    }
                    body = out;
                }
                Some(c) => return reject(IngestError::Warc { reason: format!("unsupported content encoding {c}") }),
            }
            (body, charset)
        } else {
            let ctype = rec.header("Content-Type").unwrap_or("");
            if !is_html(ctype) {
                continue;
            }
            (block.clone(), crate::decode::charset_param(ctype).map(str::to_string))
        };
        return Some(Ok(Pending { input: input.to_string(), position: pos, id, kind: Kind::Html { bytes, charset, url, published: date } }));
    }
}

fn next_feed(r: &mut FeedReader<Stream>, input: &str, max: u64) -> Option<Raw> {
    match r.next()? {
        Err(e) => Some(Err(Reject::new(input, Some(Position::Byte(e.offset)), None, IngestError::Feed { reason: e.reason }))),
        Ok(it) => {
            let id = it.id.clone().or_else(|| it.link.clone()).unwrap_or_else(|| format!("{input}#{}", it.n));
            let pos = Some(Position::Byte(it.offset));
            if it.too_large {
                return Some(Err(Reject::new(input, pos, Some(id), IngestError::TooLarge { size: it.content.len() as u64 + 1, limit: max })));
            }
            Some(Ok(Pending { input: input.to_string(), position: pos, id, kind: Kind::Feed(it) }))
        }
    }
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: String,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
}

fn next_jsonl(r: &mut Stream, input: &str, line: &mut u64, max: u64, buf: &mut Vec<u8>) -> Option<Raw> {
    loop {
        buf.clear();
        *line += 1;
        let pos = Some(Position::Line(*line));
        let n = match r.take(max + 1).read_until(b'\n', buf) {
            Ok(0) => return None,
            Ok(n) => n,
            Err(e) => {
                // Nothing more can be read from a broken stream.
                *r = Box::new(io::empty());
                return Some(Err(Reject::new(input, pos, None, IngestError::Stream { reason: warc::io_reason(&e) })));
            }
        };
        if n as u64 > max && buf.last() != Some(&b'\n') {
            let rest = r.skip_until(b'\n').unwrap_or(0);
            let size = (n + rest) as u64;
            return Some(Err(Reject::new(input, pos, None, IngestError::TooLarge { size, limit: max })));
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let doc = match serde_json::from_slice::<JsonDoc>(buf) {
            Ok(d) => d,
            Err(e) => {
                let id = serde_json::from_slice::<serde_json::Value>(buf)
                    .ok()
                    .and_then(|v| v.get("id").map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string())));
                return Some(Err(Reject::new(input, pos, id, IngestError::Jsonl { reason: e.to_string() })));
            }
        };
        let id = match doc.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => format!("{input}:{line}"),
            Some(v) => v.to_string(),
        };
        let d = Document { id: id.clone(), text: doc.text, title: doc.title, url: doc.url, source: doc.source, published: doc.published };
        return Some(Ok(Pending { input: input.to_string(), position: pos, id, kind: Kind::Ready(d) }));
    }
}
