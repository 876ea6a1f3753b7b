//! One test per fault class of issue 6: a corrupt WARC record, a truncated
//! gzip, a non-UTF-8 page, a 50 MB page, an empty file. Each is rejected
//! with its input and position, and the documents around it are kept.

use herald_ingest::{IngestError, InputFormat, Inputs, Item, Options, Position};
use std::io::Write;
use std::path::{Path, PathBuf};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-ingest-faults-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn read(path: &Path) -> Vec<Item> {
    Inputs::new(&[path.to_path_buf()], Options::default()).collect()
}

fn page(title: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>{title}</title></head><body><p>{body}</p></body></html>")
}

fn response(id: &str, url: &str, html: &[u8]) -> Vec<u8> {
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    http.extend_from_slice(html);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2025-07-26T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(&http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn corrupt_warc_record_is_rejected_with_its_offset_and_the_rest_read() {
    let r1 = response("1", "http://a/1", page("One", "The minister said talks would resume.").as_bytes());
    let mut r2 = response("2", "http://a/2", page("Two", "Broken.").as_bytes());
    // Corrupt the second record's Content-Length.
    let s = String::from_utf8(r2.clone()).unwrap().replacen("Content-Length: ", "Content-Length: x", 1);
    r2 = s.into_bytes();
    let r3 = response("3", "http://a/3", page("Three", "Rebels rejected the offer.").as_bytes());
    let warc: Vec<u8> = [r1.clone(), r2, r3].concat();
    // As one gzip member per record, the way crawlers write them.
    let path = tmp("corrupt.warc.gz");
    std::fs::write(&path, warc.chunks(1000).map(gz).collect::<Vec<_>>().concat()).unwrap();
    let items = read(&path);
    assert_eq!(items.len(), 3, "{items:?}");
    let d1 = items[0].as_ref().unwrap();
    assert_eq!(d1.id, "urn:uuid:1");
    assert_eq!(d1.url.as_deref(), Some("http://a/1"));
    assert_eq!(d1.published.as_deref(), Some("2025-07-26T10:00:00Z"));
    assert!(d1.text.contains("talks would resume"));
    let bad = items[1].as_ref().unwrap_err();
    assert_eq!(bad.position, Some(Position::Byte(r1.len() as u64)));
    assert!(bad.error.to_string().contains("Content-Length"), "{}", bad.error);
    assert!(bad.to_string().contains("corrupt.warc.gz"));
    assert!(items[2].as_ref().unwrap().text.contains("Rebels rejected"));
}

#[test]
fn truncated_gzip_keeps_the_documents_before_the_cut() {
    let mut jsonl = String::new();
    for i in 0..2000 {
        jsonl.push_str(&format!("{{\"id\":\"d{i}\",\"text\":\"Document number {i} says something {}.\"}}\n", i * 7919 % 1000));
    }
    let full = gz(jsonl.as_bytes());
    let path = tmp("cut.jsonl.gz");
    std::fs::write(&path, &full[..full.len() / 2]).unwrap();
    let items = read(&path);
    let ok = items.iter().take_while(|i| i.is_ok()).count();
    assert!(ok > 100 && ok < 2000, "{ok} documents before the cut");
    assert_eq!(items.len(), ok + 1, "one reject at the cut, then nothing");
    let r = items[ok].as_ref().unwrap_err();
    assert!(matches!(r.error, IngestError::Stream { .. }), "{r}");
    assert!(r.error.to_string().contains("truncated"), "{r}");
    assert!(matches!(r.position, Some(Position::Line(_))));
    for (i, d) in items[..ok].iter().enumerate() {
        assert_eq!(d.as_ref().unwrap().id, format!("d{i}"));
    }
}

#[test]
fn non_utf8_pages_are_decoded_by_their_charset() {
    // windows-1252 without a declaration: 0x92 is a right quote, 0xe9 an e acute.
    let path = tmp("cp1252.html");
    std::fs::write(&path, b"<html><body><p>The caf\xe9 owner said it\x92s over.</p></body></html>").unwrap();
    let d = read(&path).pop().unwrap().unwrap();
    assert!(d.text.contains("caf\u{e9} owner said it\u{2019}s over"), "{}", d.text);
    // A declared charset wins over the guess.
    let path = tmp("koi8.html");
    std::fs::write(&path, b"<html><head><meta charset=koi8-r></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body></html>").unwrap();
    let d = read(&path).pop().unwrap().unwrap();
    assert!(d.text.contains("\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}"), "{}", d.text);
    // Binary data is rejected with the reason.
    let path = tmp("blob.txt");
    std::fs::write(&path, [0u8, 1, 2, 3, 0, 0, 5, 6, 7, 8].repeat(20)).unwrap();
    let r = read(&path).pop().unwrap().unwrap_err();
    assert!(matches!(r.error, IngestError::Charset { .. }), "{r}");
    assert!(r.to_string().contains("binary"), "{r}");
}

#[test]
fn bbc_cp1252_file_is_decoded() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc/sport/199.txt");
    if !p.exists() {
        eprintln!("skipped: ../shared/corpora/bbc/sport/199.txt is absent");
        return;
    }
    let bytes = std::fs::read(&p).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the file is expected not to be UTF-8");
    let d = read(&p).pop().unwrap().unwrap();
    assert!(!d.text.contains('\u{fffd}'));
    assert_eq!(d.text.chars().count(), bytes.len(), "one character per cp1252 byte");
}

#[test]
fn a_50_mb_page_is_rejected_unread_and_the_next_document_kept() {
    let big = tmp("big.html");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        f.write_all(b"<html><body><p>").unwrap();
        let chunk = "Lorem ipsum dolor sit amet. ".repeat(1000);
        for _ in 0..(50 << 20) / chunk.len() + 1 {
            f.write_all(chunk.as_bytes()).unwrap();
        }
        f.write_all(b"</p></body></html>").unwrap();
    }
    let small = tmp("small.txt");
    std::fs::write(&small, "Small text.").unwrap();
    let items: Vec<Item> = Inputs::new(&[big.clone(), small], Options::default()).collect();
    assert_eq!(items.len(), 2);
    let r = items[0].as_ref().unwrap_err();
    match r.error {
        IngestError::TooLarge { size, limit } => assert!(size > 50 << 20 && limit < size, "{size} {limit}"),
        ref e => panic!("{e}"),
    }
    assert_eq!(items[1].as_ref().unwrap().text, "Small text.");
    // With a higher limit it is read.
    let opts = Options { max_doc_bytes: 64 << 20, format: InputFormat::Auto };
    let d = Inputs::new(&[big], opts).next().unwrap().unwrap();
    assert!(d.text.len() > 50 << 20);
}

#[test]
fn empty_files_are_rejected() {
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", b"  \n\n"), ("empty.gz", &gz(b"")[..])] {
        let p = tmp(name);
        std::fs::write(&p, bytes).unwrap();
        let items = read(&p);
        assert_eq!(items.len(), 1, "{name}");
        let r = items[0].as_ref().unwrap_err();
        assert!(matches!(r.error, IngestError::Empty { .. }), "{name}: {r}");
    }
}

#[test]
fn formats_are_detected_from_content_through_compression() {
    let dir = tmp("formats");
    std::fs::create_dir_all(&dir).unwrap();
    let rss = r#"<?xml version="1.0"?><rss><channel><title>Wire</title><item><title>T</title><link>http://w/1</link><description>&lt;p&gt;Talks resumed.&lt;/p&gt;</description></item></channel></rss>"#;
    std::fs::write(dir.join("a-feed.bin"), zstd::encode_all(rss.as_bytes(), 3).unwrap()).unwrap();
    std::fs::write(dir.join("b-page.dat"), gz(page("P", "Page text.").as_bytes())).unwrap();
    std::fs::write(dir.join("c-lines"), "{\"id\":\"j1\",\"text\":\"From JSONL.\"}\n").unwrap();
    std::fs::write(dir.join("d-crawl"), response("w", "http://x/", page("W", "From WARC.").as_bytes())).unwrap();
    let docs: Vec<_> = Inputs::new(&[dir], Options::default()).map(Result::unwrap).collect();
    let got: Vec<(&str, &str)> = docs.iter().map(|d| (d.id.as_str(), d.text.as_str())).collect();
    assert_eq!(got[0], ("http://w/1", "Talks resumed."));
    assert_eq!(docs[0].source.as_deref(), Some("Wire"));
    assert!(got[1].1.contains("Page text."));
    assert_eq!(got[2], ("j1", "From JSONL."));
    assert_eq!(got[3].0, "urn:uuid:w");
    assert!(got[3].1.contains("From WARC."));
}
