//! `herald extract` end to end: JSONL out, per-document rejects, exit codes.

use std::path::PathBuf;
use std::process::Command;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-extract-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[test]
fn seed_article_gives_one_object_with_its_quotes() {
    let out = herald().args(["extract", "--no-parse"]).arg(root().join("examples/ceasefire-talks.txt")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    for key in ["id", "title", "url", "published", "text", "actors", "quotes", "events"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let quotes = v["quotes"].as_array().unwrap();
    assert_eq!(quotes.iter().filter(|q| q["kind"] != "indirect").count(), 12);
    let q = &quotes[0];
    for key in ["id", "kind", "span", "text", "cue", "speaker"] {
        assert!(q.get(key).is_some(), "quote lacks {key}");
    }
    for key in ["span", "text", "actor", "name", "codes"] {
        assert!(q["speaker"].get(key).is_some(), "speaker lacks {key}");
    }
}

#[test]
fn bad_records_are_reported_and_skipped() {
    let input = tmp("mixed.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"ok\", \"text\": \"“We will win,” Smith said.\", \"published\": \"2025-07-25\"}\n{\"id\": \"bad\", \"txt\": 1}\n",
    )
    .unwrap();
    let rejects = tmp("rejects.jsonl");
    let out = herald().args(["extract", "--no-parse", "--rejects"]).arg(&rejects).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "ok");
    assert_eq!(lines[0]["quotes"][0]["speaker"]["text"], "Smith");
    let rj = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(rj.lines().count(), 1, "{rj}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped"));
}

#[test]
fn all_bad_exits_2() {
    let input = tmp("bad.jsonl");
    std::fs::write(&input, "{\"id\": \"bad\", \"txt\": 1}\n").unwrap();
    let out = herald().args(["extract", "--no-parse"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_and_directories() {
    let mut child = herald()
        .args(["extract", "--no-parse", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("“It is over,” the minister told reporters.".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["quotes"][0]["speaker"]["text"], "the minister");
    let out = herald().args(["extract", "--no-parse"]).arg(root().join("examples")).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().lines().count() >= 1);
}

/// `--conventions petrarch` codes as PETRARCH does with the same dictionary
/// (here its paired codes: X hosts Y is also Y visits X); herald's own
/// conventions code the one event.
#[test]
fn petrarch_conventions_follow_the_dictionary_pairs() {
    let verbs = tmp("conv.verbs.txt");
    let actors = tmp("conv.actors.txt");
    let doc = tmp("conv-doc.txt");
    std::fs::write(&verbs, "---  HOST   [043:042]  ---\nHOST\n").unwrap();
    std::fs::write(&actors, "GONDOR [GON]\nARNOR [ARN]\n").unwrap();
    std::fs::write(&doc, "Gondor hosted Arnor on Tuesday.\n").unwrap();
    let run = |conv: &str| -> Vec<(String, String, String)> {
        let out = herald().args(["extract", "-q", "--conventions", conv]).arg(&doc).arg("--lexicon").arg(&verbs).arg(&actors).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let code = |p: &serde_json::Value| p.get("code").and_then(|c| c.as_str()).unwrap_or("").to_string();
        v["events"].as_array().unwrap().iter().map(|e| (e["cameo"].as_str().unwrap().to_string(), code(&e["source"]), code(&e["target"]))).collect()
    };
    let own = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(run("herald"), vec![own("043", "GON", "ARN")]);
    assert_eq!(run("petrarch"), vec![own("043", "GON", "ARN"), own("042", "ARN", "GON")]);
}
