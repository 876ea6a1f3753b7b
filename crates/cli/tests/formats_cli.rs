//! `herald extract --format jsonl|csv|plover|parquet`, `--tables` and
//! duplicate marking, end to end on the seed article.

use std::path::PathBuf;
use std::process::Command;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/ceasefire-talks.txt")).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-formats-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A JSONL input: the seed article, an exact copy, a republished version
/// with a new headline, and an unrelated story.
fn corpus(dir: &std::path::Path) -> PathBuf {
    let text = seed();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[0] = "Hamas hits back at US criticism as Gaza truce talks break down";
    let republished = lines.join("\n");
    let other = "The football club said on Tuesday that its new stadium will open in August, two years late, \
                 after the council approved a revised transport plan for match days.";
    let recs = [("wire", text.as_str()), ("copy", text.as_str()), ("outlet", republished.as_str()), ("sport", other)];
    let p = dir.join("in.jsonl");
    let body: String = recs
        .iter()
        .map(|(id, t)| serde_json::json!({"id": id, "text": t, "published": "2025-07-26", "url": format!("https://example.org/{id}")}).to_string() + "\n")
        .collect();
    std::fs::write(&p, body).unwrap();
    p
}

fn run(args: &[&str], input: &PathBuf) -> String {
    let out = herald().arg("extract").args(args).arg(input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn jsonl_marks_duplicates_in_input_order() {
    let d = tmp("jsonl");
    let input = corpus(&d);
    let docs: Vec<serde_json::Value> = run(&[], &input).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = docs.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["wire", "copy", "outlet", "sport"]);
    assert!(docs[0].get("duplicate_of").is_none(), "the first is the original");
    assert_eq!(docs[1]["duplicate_of"]["of"], "wire");
    assert_eq!(docs[1]["duplicate_of"]["kind"], "exact");
    assert_eq!(docs[2]["duplicate_of"]["kind"], "near");
    let s = docs[2]["duplicate_of"]["similarity"].as_f64().unwrap();
    assert!((0.8..1.0).contains(&s), "similarity {s}");
    assert!(docs[3].get("duplicate_of").is_none());
    // Duplicates are still extracted, not dropped.
    assert_eq!(docs[1]["events"].as_array().unwrap().len(), docs[0]["events"].as_array().unwrap().len());

    let plain: Vec<serde_json::Value> = run(&["--no-dedupe"], &input).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(plain.iter().all(|x| x.get("duplicate_of").is_none()));
}

#[test]
fn csv_is_a_gdelt_events_table() {
    let d = tmp("csv");
    let input = corpus(&d);
    let jsonl = run(&["--no-dedupe"], &input);
    let events: usize = jsonl.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["events"].as_array().unwrap().len()).sum();
    assert!(events > 0);
    let csv = run(&["--format", "csv"], &input);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 61);
    assert_eq!((header[0], header[26], header[60]), ("GLOBALEVENTID", "EventCode", "SOURCEURL"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), events, "one row an event");
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.len(), 61);
        assert_eq!(r[0], (i + 1).to_string(), "GLOBALEVENTID counts up");
        assert!(r[60].starts_with("https://example.org/"));
        assert!(!r[5].is_empty(), "Actor1Code");
        assert_eq!(r[28], &r[26][..2], "EventRootCode is EventCode's root");
    }
}

#[test]
fn plover_has_the_manuals_fields() {
    let d = tmp("plover");
    let input = corpus(&d);
    let out = run(&["--format", "plover"], &input);
    let recs: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!recs.is_empty());
    let mut ids = std::collections::HashSet::new();
    for r in &recs {
        assert!(ids.insert(r["id"].as_str().unwrap().to_string()), "ids are unique");
        assert!(r["actor"][0]["code"].is_string());
        assert!(r["event"].is_array() && r["mode"].is_array() && r["context"].is_array());
        assert!(r["text"].as_str().is_some_and(|t| !t.is_empty()), "the sentence");
        assert!(r["cite_info"]["url"].as_str().unwrap().starts_with("https://example.org/"));
    }
    assert!(recs.iter().any(|r| r["event"].as_array().is_some_and(|e| !e.is_empty())));
    assert!(recs.iter().any(|r| r["duplicate_of"]["of"] == "wire"));
}

#[test]
fn parquet_and_tables_hold_every_document_and_event() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let d = tmp("parquet");
    let input = corpus(&d);
    let jsonl = run(&["--no-dedupe"], &input);
    let events: i64 = jsonl.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["events"].as_array().unwrap().len() as i64).sum();
    let file = d.join("docs.parquet");
    let tables = d.join("tables");
    let out = run(&["--format", "parquet", "-o", file.to_str().unwrap(), "--tables", tables.to_str().unwrap()], &input);
    assert!(out.is_empty());
    let rows = |p: PathBuf| SerializedFileReader::new(std::fs::File::open(&p).unwrap()).unwrap().metadata().file_metadata().num_rows();
    assert_eq!(rows(file), 4);
    assert_eq!(rows(tables.join("events.parquet")), events);
    assert_eq!(rows(tables.join("documents_flat.parquet")), 4);
    assert!(rows(tables.join("quotes.parquet")) > 0);
    assert!(rows(tables.join("mentions.parquet")) >= rows(tables.join("actors.parquet")));
}
