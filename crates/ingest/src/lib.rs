//! herald's input side: every command that reads documents goes through
//! [`Inputs`], which walks files, directories (recursively, in sorted order)
//! and standard input, detects the format from the content, and yields
//! [`Document`]s or [`Reject`]s — a bad document never stops the run.
#![deny(missing_docs)]

use herald_text::Document;
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a document or an input could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("{input}: cannot read: {source}")]
    Io {
        /// The input's name.
        input: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The bytes are not valid UTF-8.
    #[error("{input}: not valid UTF-8 (invalid byte at offset {offset})")]
    Utf8 {
        /// The input's name.
        input: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A JSONL line is not a JSON object with a string `text`.
    #[error("{input}:{line}: bad JSONL record: {reason}")]
    Jsonl {
        /// The input's name.
        input: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// A document that could not be read, with where and why.
#[derive(Debug)]
pub struct Reject {
    /// The input (file name or `-`) and position, e.g. `a.jsonl:17`.
    pub input: String,
    /// The document id when one is known.
    pub id: Option<String>,
    /// The error.
    pub error: IngestError,
}

/// How to interpret inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide from the file name and content.
    #[default]
    Auto,
    /// The whole input is one document.
    Text,
    /// One JSON object a line: `id`, `text`, optional `title`, `url`, `source`, `published`.
    Jsonl,
}

/// One item out of [`Inputs`].
pub type Item = Result<Document, Reject>;

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: String,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
}

/// Expands the command-line inputs into a sorted list of files (`-` kept as is).
pub fn expand(inputs: &[PathBuf]) -> Vec<Result<PathBuf, Reject>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
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
            out.push(Err(Reject {
                input: dir.display().to_string(),
                id: None,
                error: IngestError::Io { input: dir.display().to_string(), source },
            }));
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

/// Reads one input (a file path or `-`) into documents.
pub fn read_input(path: &Path, format: InputFormat) -> Vec<Item> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().lock().read_to_end(&mut b).map(|_| b)
    } else {
        std::fs::read(path)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(source) => {
            return vec![Err(Reject { input: name.clone(), id: None, error: IngestError::Io { input: name, source } })]
        }
    };
    let id = if path.as_os_str() == "-" { "stdin".to_string() } else { name.clone() };
    parse_bytes(&name, &id, bytes, format, path.extension().and_then(|e| e.to_str()))
}

/// Interprets the bytes of one input.
pub fn parse_bytes(name: &str, id: &str, bytes: Vec<u8>, format: InputFormat, ext: Option<&str>) -> Vec<Item> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            return vec![Err(Reject {
                input: name.to_string(),
                id: Some(id.to_string()),
                error: IngestError::Utf8 { input: name.to_string(), offset },
            })];
        }
    };
    let fmt = match format {
        InputFormat::Auto if matches!(ext, Some("jsonl") | Some("ndjson")) || looks_like_jsonl(&text) => InputFormat::Jsonl,
        InputFormat::Auto => InputFormat::Text,
        f => f,
    };
    match fmt {
        InputFormat::Jsonl => parse_jsonl(name, &text),
        _ => vec![Ok(Document::new(id, text))],
    }
}

fn looks_like_jsonl(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let t = first.trim();
    t.starts_with('{') && t.ends_with('}') && serde_json::from_str::<JsonDoc>(t).is_ok()
}

fn parse_jsonl(name: &str, text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let pos = format!("{name}:{}", i + 1);
        match serde_json::from_str::<JsonDoc>(line) {
            Ok(d) => {
                let id = match d.id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(serde_json::Value::Null) | None => pos.clone(),
                    Some(v) => v.to_string(),
                };
                out.push(Ok(Document {
                    id,
                    text: d.text,
                    title: d.title,
                    url: d.url,
                    source: d.source,
                    published: d.published,
                }));
            }
            Err(e) => out.push(Err(Reject {
                input: pos,
                id: serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v.get("id").map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string()))),
                error: IngestError::Jsonl { input: name.to_string(), line: i + 1, reason: e.to_string() },
            })),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_is_detected_and_bad_lines_rejected() {
        let data = b"{\"id\":\"a\",\"text\":\"Hello.\",\"published\":\"2025-07-26\"}\nnot json\n{\"id\":7,\"text\":\"Bye.\"}\n".to_vec();
        let items = parse_bytes("x", "x", data, InputFormat::Auto, None);
        assert_eq!(items.len(), 3);
        let a = items[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.published.as_deref()), ("a", Some("2025-07-26")));
        let r = items[1].as_ref().unwrap_err();
        assert_eq!(r.input, "x:2");
        assert_eq!(items[2].as_ref().unwrap().id, "7");
    }

    #[test]
    fn text_and_invalid_utf8() {
        let items = parse_bytes("f.txt", "f.txt", b"Plain {text}.".to_vec(), InputFormat::Auto, Some("txt"));
        assert_eq!(items[0].as_ref().unwrap().text, "Plain {text}.");
        let bad = parse_bytes("g.txt", "g.txt", vec![b'a', 0x92, b'b'], InputFormat::Auto, Some("txt"));
        let e = bad[0].as_ref().unwrap_err();
        assert!(matches!(e.error, IngestError::Utf8 { offset: 1, .. }));
        assert!(e.error.to_string().contains("g.txt"));
    }
}
