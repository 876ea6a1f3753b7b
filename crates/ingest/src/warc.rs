//! A streaming WARC reader (ISO 28500, WARC/1.0 and 1.1), robust to
//! corruption: a record whose header or framing is broken is reported with
//! its byte offset and the reader resynchronises on the next line that
//! starts with `WARC/`.
//!
//! The reader works on the decompressed stream; a `.warc.gz` file is a
//! series of gzip members, which `flate2::read::MultiGzDecoder` joins.

use std::io::{self, BufRead, Read};

/// The longest header line kept; longer lines are a corrupt header.
const MAX_LINE: usize = 64 * 1024;
/// At most this many header fields a record.
const MAX_FIELDS: usize = 1024;

/// One WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Byte offset of the record's `WARC/` line in the (decompressed) stream.
    pub offset: u64,
    /// The version line, e.g. `WARC/1.0`.
    pub version: String,
    /// Header fields in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The record block, or `None` when it was longer than the limit and skipped.
    pub body: Option<Vec<u8>>,
    /// The block's length from `Content-Length`.
    pub length: u64,
}

impl Record {
    /// The first header field of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What went wrong with one record, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// Byte offset in the decompressed stream where the problem was found.
    pub offset: u64,
    /// What is wrong.
    pub reason: String,
}

/// Reads WARC records one by one from a buffered stream.
pub struct WarcReader<R> {
    r: R,
    pos: u64,
    max_body: u64,
    /// A `WARC/` line found while resynchronising, with its offset.
    pending: Option<(u64, Vec<u8>)>,
    done: bool,
    line: Vec<u8>,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader keeping record blocks up to `max_body` bytes (longer ones are skipped).
    pub fn new(r: R, max_body: u64) -> Self {
        WarcReader { r, pos: 0, max_body, pending: None, done: false, line: Vec::new() }
    }

    /// The longest block kept.
    pub fn max_body(&self) -> u64 {
        self.max_body
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// Reads one line (up to `MAX_LINE` bytes, the rest of a longer line is
    /// left for the next call) into `self.line`; false at end of stream.
    fn read_line(&mut self) -> io::Result<bool> {
        self.line.clear();
        let n = (&mut self.r).take(MAX_LINE as u64).read_until(b'\n', &mut self.line)?;
        self.pos += n as u64;
        Ok(n > 0)
    }

    /// Skips lines until one starts with `WARC/`, which is kept for the next record.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            let at = self.pos;
            if !self.read_line()? {
                self.done = true;
                return Ok(());
            }
            if self.line.starts_with(b"WARC/") {
                self.pending = Some((at, std::mem::take(&mut self.line)));
                return Ok(());
            }
        }
    }

    fn fail(&mut self, offset: u64, reason: String) -> Option<Result<Record, RecordError>> {
        if let Err(e) = self.resync() {
            self.done = true;
            return Some(Err(RecordError { offset, reason: format!("{reason}; then {}", io_reason(&e)) }));
        }
        Some(Err(RecordError { offset, reason }))
    }

    fn stop(&mut self, offset: u64, reason: String) -> Option<Result<Record, RecordError>> {
        self.done = true;
        Some(Err(RecordError { offset, reason }))
    }

    fn next_record(&mut self) -> Option<Result<Record, RecordError>> {
        if self.done {
            return None;
        }
        // The version line, after any blank lines.
        let (offset, first) = match self.pending.take() {
            Some(p) => p,
            None => loop {
                let at = self.pos;
                match self.read_line() {
                    Ok(false) => {
                        self.done = true;
                        return None;
                    }
                    Ok(true) if self.line.iter().all(|b| b.is_ascii_whitespace()) => continue,
                    Ok(true) => break (at, std::mem::take(&mut self.line)),
                    Err(e) => return self.stop(at, io_reason(&e)),
                }
            },
        };
        if !first.starts_with(b"WARC/") {
            return self.fail(offset, "corrupt record: no `WARC/` version line".into());
        }
        let version = String::from_utf8_lossy(trim_eol(&first)).into_owned();
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let at = self.pos;
            match self.read_line() {
                Ok(false) => return self.stop(offset, "truncated record header".into()),
                Ok(true) => {}
                Err(e) => return self.stop(at, io_reason(&e)),
            }
            let line = trim_eol(&self.line);
            if line.is_empty() {
                break;
            }
            if self.line.last() != Some(&b'\n') || headers.len() >= MAX_FIELDS {
                return self.fail(offset, "corrupt record: header too long".into());
            }
            if line.starts_with(b"WARC/") {
                // A new record starts inside this one's header.
                self.pending = Some((at, std::mem::take(&mut self.line)));
                return Some(Err(RecordError { offset, reason: "corrupt record: header cut short".into() }));
            }
            if (line[0] == b' ' || line[0] == b'\t') && !headers.is_empty() {
                let v = String::from_utf8_lossy(line).trim().to_string();
                let last = headers.last_mut().expect("checked");
                last.1.push(' ');
                last.1.push_str(&v);
                continue;
            }
            let Some(colon) = line.iter().position(|&b| b == b':') else {
                return self.fail(offset, format!("corrupt record: header line without a colon at byte {at}"));
            };
            let name = String::from_utf8_lossy(&line[..colon]).trim().to_string();
            let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_string();
            headers.push((name, value));
        }
        let length = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Length")).map(|(_, v)| v.parse::<u64>());
        let length = match length {
            Some(Ok(n)) => n,
            Some(Err(_)) => return self.fail(offset, "corrupt record: bad Content-Length".into()),
            None => return self.fail(offset, "corrupt record: no Content-Length".into()),
        };
        let body = if length > self.max_body {
            match io::copy(&mut (&mut self.r).take(length), &mut io::sink()) {
                Ok(n) => {
                    self.pos += n;
                    if n < length {
                        return self.stop(offset, format!("truncated record: {n} of {length} bytes"));
                    }
                }
                Err(e) => return self.stop(self.pos, io_reason(&e)),
            }
            None
        } else {
            let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
            match (&mut self.r).take(length).read_to_end(&mut body) {
                Ok(n) => {
                    self.pos += n as u64;
                    if (n as u64) < length {
                        return self.stop(offset, format!("truncated record: {n} of {length} bytes"));
                    }
                }
                Err(e) => return self.stop(self.pos, io_reason(&e)),
            }
            Some(body)
        };
        // The record ends with CRLF CRLF; accept bare LFs, require at least one.
        let mut ends = 0;
        while ends < 4 {
            match self.r.fill_buf() {
                Ok(b) if !b.is_empty() && (b[0] == b'\r' || b[0] == b'\n') => {
                    self.r.consume(1);
                    self.pos += 1;
                    ends += 1;
                }
                Ok(_) => break,
                Err(e) => return self.stop(self.pos, io_reason(&e)),
            }
        }
        let at_end = matches!(self.r.fill_buf(), Ok(b) if b.is_empty());
        if ends == 0 && !at_end {
            return self.fail(offset, format!("corrupt record: block of {length} bytes not followed by CRLF CRLF (wrong Content-Length?)"));
        }
        Some(Ok(Record { offset, version, headers, body, length }))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Record, RecordError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

fn trim_eol(l: &[u8]) -> &[u8] {
    let l = l.strip_suffix(b"\n").unwrap_or(l);
    l.strip_suffix(b"\r").unwrap_or(l)
}

/// A read error in words: a cut stream is "truncated input".
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => "truncated input (compressed stream cut short)".into(),
        _ => format!("read error: {e}"),
    }
}

/// An HTTP response as stored in a `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    /// The status code (0 when the status line is unreadable).
    pub status: u16,
    /// Header fields.
    pub headers: Vec<(String, String)>,
    /// The payload, as stored.
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    /// The first header field of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Splits an HTTP response into status, headers and payload; `None` when it
/// does not start with `HTTP/` or has no end of headers.
pub fn parse_http(block: &[u8]) -> Option<HttpResponse<'_>> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => {
            let i = memchr::memmem::find(block, b"\n\n")?;
            (i, i + 2)
        }
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string())))
        .collect();
    Some(HttpResponse { status, headers, body: &block[body_start..] })
}

/// Undoes `Transfer-Encoding: chunked`; `None` when the chunks are malformed.
pub fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = memchr::memchr(b'\n', b)?;
        let size_line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            return None;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, body: &str) -> String {
        format!("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <{id}>\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n", body.len())
    }

    #[test]
    fn reads_records_and_resyncs_after_corruption() {
        let good1 = rec("a", "first");
        let bad = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: zz\r\n\r\nxx\r\n\r\n";
        let good2 = rec("b", "second\r\nline");
        let data = format!("{good1}{bad}{good2}");
        let out: Vec<_> = WarcReader::new(data.as_bytes(), 1 << 20).collect();
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap().body.as_deref(), Some(&b"first"[..]));
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.offset, good1.len() as u64);
        assert!(e.reason.contains("Content-Length"), "{}", e.reason);
        let r = out[2].as_ref().unwrap();
        assert_eq!(r.header("warc-record-id"), Some("<b>"));
        assert_eq!(r.offset, (good1.len() + bad.len()) as u64);
    }

    #[test]
    fn wrong_length_is_reported_and_the_next_record_kept() {
        let bad = "WARC/1.0\r\nContent-Length: 3\r\n\r\nlonger than three\r\n\r\n";
        let good = rec("c", "ok");
        let data = format!("{bad}{good}");
        let out: Vec<_> = WarcReader::new(data.as_bytes(), 1 << 20).collect();
        assert!(out[0].is_err());
        assert_eq!(out.last().unwrap().as_ref().unwrap().header("WARC-Record-ID"), Some("<c>"));
    }

    #[test]
    fn truncated_record_stops_with_offset() {
        let good = rec("a", "first");
        let data = format!("{good}WARC/1.0\r\nContent-Length: 100\r\n\r\nshort");
        let out: Vec<_> = WarcReader::new(data.as_bytes(), 1 << 20).collect();
        assert_eq!(out.len(), 2);
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.offset, good.len() as u64);
        assert!(e.reason.contains("truncated"));
    }

    #[test]
    fn large_blocks_are_skipped_not_kept() {
        let data = format!("{}{}", rec("big", &"x".repeat(1000)), rec("small", "y"));
        let out: Vec<_> = WarcReader::new(data.as_bytes(), 100).map(Result::unwrap).collect();
        assert_eq!((out[0].body.is_none(), out[0].length), (true, 1000));
        assert_eq!(out[1].body.as_deref(), Some(&b"y"[..]));
    }

    #[test]
    fn http_and_chunks() {
        let r = parse_http(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1\r\n!\r\n0\r\n\r\n").unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(dechunk(r.body).unwrap(), b"hello!");
        assert!(dechunk(b"zz\r\n").is_none());
    }
}
