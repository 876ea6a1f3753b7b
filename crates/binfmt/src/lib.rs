//! Versioned binary container shared by every compiled artefact of herald
//! (tagger, parser, lexicon).
//!
//! A file is `b"HERALD\0"`, an 8-byte kind tag (e.g. `b"TAGGER\0\0"`), a
//! little-endian `u32` format version, a `u64` payload length, the payload,
//! and a trailing FNV-1a 64 checksum of the payload. [`open`] checks all of
//! it before a single byte of payload is interpreted.
//!
//! ```
//! use herald_binfmt::{Writer, Reader, open, seal};
//! let mut w = Writer::new();
//! w.u32(7); w.str("hello"); w.f32s(&[1.0, 2.5]);
//! let file = seal(*b"EXAMPLE\0", 1, w.finish());
//! let payload = open(&file, *b"EXAMPLE\0", 1).unwrap();
//! let mut r = Reader::new(payload);
//! assert_eq!(r.u32().unwrap(), 7);
//! assert_eq!(r.str().unwrap(), "hello");
//! assert_eq!(r.f32s().unwrap(), vec![1.0, 2.5]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

/// The magic bytes every herald binary file starts with.
pub const MAGIC: &[u8; 7] = b"HERALD\0";

/// Errors found while opening or decoding a binary file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The file does not start with herald's magic bytes.
    #[error("not a herald binary file (bad magic header)")]
    BadMagic,
    /// The file is a herald file, but of another kind.
    #[error("wrong kind of herald file: expected {expected:?}, found {found:?}")]
    WrongKind {
        /// Kind wanted by the caller.
        expected: String,
        /// Kind found in the file.
        found: String,
    },
    /// The format version is not the one this build reads.
    #[error("unsupported format version {found} (this build reads version {expected}); recompile the file")]
    Version {
        /// Version this build reads.
        expected: u32,
        /// Version found in the file.
        found: u32,
    },
    /// The file ends before its declared length.
    #[error("truncated file")]
    Truncated,
    /// The checksum does not match the payload.
    #[error("checksum mismatch: the file is corrupt")]
    Checksum,
    /// A string in the payload is not UTF-8.
    #[error("invalid UTF-8 string in payload")]
    Utf8,
    /// Any other inconsistency in the payload.
    #[error("corrupt payload: {0}")]
    Corrupt(String),
}

fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn kind_str(k: &[u8]) -> String {
    String::from_utf8_lossy(k).trim_end_matches('\0').to_string()
}

/// Wraps a payload in the header and checksum.
pub fn seal(kind: [u8; 8], version: u32, payload: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 35);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&kind);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&fnv1a(&payload).to_le_bytes());
    out
}

/// Checks the header, version and checksum and returns the payload.
pub fn open(file: &[u8], kind: [u8; 8], version: u32) -> Result<&[u8], FormatError> {
    if file.len() < 7 || &file[..7] != MAGIC {
        return Err(FormatError::BadMagic);
    }
    if file.len() < 27 {
        return Err(FormatError::Truncated);
    }
    if file[7..15] != kind {
        return Err(FormatError::WrongKind { expected: kind_str(&kind), found: kind_str(&file[7..15]) });
    }
    let found = u32::from_le_bytes(file[15..19].try_into().unwrap());
    if found != version {
        return Err(FormatError::Version { expected: version, found });
    }
    let len = u64::from_le_bytes(file[19..27].try_into().unwrap()) as usize;
    let end = 27usize.checked_add(len).ok_or(FormatError::Truncated)?;
    if file.len() < end + 8 {
        return Err(FormatError::Truncated);
    }
    let payload = &file[27..end];
    let sum = u64::from_le_bytes(file[end..end + 8].try_into().unwrap());
    if sum != fnv1a(payload) {
        return Err(FormatError::Checksum);
    }
    Ok(payload)
}

/// Writes the file atomically: to a temporary file beside `path`, then renamed,
/// so that a crash never leaves half a file behind.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Little-endian payload writer.
#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }
    /// Appends one byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `i64`.
    pub fn i64(&mut self, v: i64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a length-prefixed byte string.
    pub fn bytes(&mut self, v: &[u8]) {
        self.u64(v.len() as u64);
        self.buf.extend_from_slice(v);
    }
    /// Appends a length-prefixed UTF-8 string.
    pub fn str(&mut self, v: &str) {
        self.bytes(v.as_bytes());
    }
    /// Appends a length-prefixed list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.u64(v.len() as u64);
        for s in v {
            self.str(s.as_ref());
        }
    }
    /// Appends a length-prefixed `f32` array.
    pub fn f32s(&mut self, v: &[f32]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// Appends a length-prefixed `u32` array.
    pub fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// Appends a length-prefixed `u64` array.
    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 8);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// The payload written so far.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }
}

/// Little-endian payload reader; every read is bounds-checked.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Reads from the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }
    /// True when every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.pos.checked_add(n).ok_or(FormatError::Truncated)?;
        if end > self.data.len() {
            return Err(FormatError::Truncated);
        }
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn len(&mut self, elem: usize) -> Result<usize, FormatError> {
        let n = self.u64()? as usize;
        if n.checked_mul(elem).is_none_or(|b| b > self.data.len() - self.pos) {
            return Err(FormatError::Truncated);
        }
        Ok(n)
    }
    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    /// Reads an `i64`.
    pub fn i64(&mut self) -> Result<i64, FormatError> {
        Ok(i64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    /// Reads an `f32`.
    pub fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    /// Reads a length-prefixed byte string.
    pub fn bytes(&mut self) -> Result<&'a [u8], FormatError> {
        let n = self.len(1)?;
        self.take(n)
    }
    /// Reads a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        std::str::from_utf8(self.bytes()?).map_err(|_| FormatError::Utf8)
    }
    /// Reads a length-prefixed list of strings.
    pub fn strs(&mut self) -> Result<Vec<String>, FormatError> {
        let n = self.len(8)?;
        (0..n).map(|_| self.str().map(str::to_string)).collect()
    }
    /// Reads a length-prefixed `f32` array.
    pub fn f32s(&mut self) -> Result<Vec<f32>, FormatError> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect())
    }
    /// Reads a length-prefixed `u32` array.
    pub fn u32s(&mut self) -> Result<Vec<u32>, FormatError> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().unwrap())).collect())
    }
    /// Reads a length-prefixed `u64` array.
    pub fn u64s(&mut self) -> Result<Vec<u64>, FormatError> {
        let n = self.len(8)?;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_every_kind_of_damage() {
        let file = seal(*b"TAGGER\0\0", 3, vec![1, 2, 3, 4]);
        assert_eq!(open(&file, *b"TAGGER\0\0", 3).unwrap(), &[1, 2, 3, 4]);
        assert!(matches!(open(&file, *b"PARSER\0\0", 3), Err(FormatError::WrongKind { .. })));
        assert!(matches!(open(&file, *b"TAGGER\0\0", 4), Err(FormatError::Version { expected: 4, found: 3 })));
        assert!(matches!(open(&file[..file.len() - 1], *b"TAGGER\0\0", 3), Err(FormatError::Truncated)));
        assert!(matches!(open(b"GARBAGE!", *b"TAGGER\0\0", 3), Err(FormatError::BadMagic)));
        let mut bad = file.clone();
        bad[28] ^= 0xff;
        assert!(matches!(open(&bad, *b"TAGGER\0\0", 3), Err(FormatError::Checksum)));
    }

    #[test]
    fn reader_never_reads_past_the_end() {
        let mut w = Writer::new();
        w.u64(u64::MAX); // absurd length prefix
        let data = w.finish();
        assert!(Reader::new(&data).f32s().is_err());
        assert!(Reader::new(&data).str().is_err());
        assert!(Reader::new(&[1, 2]).u32().is_err());
    }
}
