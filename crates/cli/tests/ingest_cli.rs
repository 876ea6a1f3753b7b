//! `herald extract` over every input kind and fault: rejects written with
//! input and position, a summary on stderr, exit 1 when some documents
//! failed and 2 when none could be read.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-ingest-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn record(id: &str, html: &str) -> String {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{id}>\r\nWARC-Target-URI: http://news.example/{id}\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
}

#[test]
fn warc_gz_with_a_corrupt_record_exits_1_and_writes_the_reject() {
    let page = "<html><body><p>Hamas said on Saturday that the talks had failed.</p></body></html>";
    let good = record("r1", page);
    let bad = "WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\n";
    let data = format!("{good}{bad}{}", record("r3", page));
    let path = tmp("crawl.warc.gz");
    let mut e = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
    e.write_all(data.as_bytes()).unwrap();
    e.finish().unwrap();
    let rejects = tmp("rejects.jsonl");
    let out = herald().args(["extract", "--no-parse", "-j", "2", "--rejects"]).arg(&rejects).arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["r1", "r3"]);
    assert_eq!(lines[0]["url"], "http://news.example/r1");
    let rj: serde_json::Value = serde_json::from_str(std::fs::read_to_string(&rejects).unwrap().trim()).unwrap();
    assert_eq!(rj["input"], path.display().to_string());
    assert_eq!(rj["position"], format!("byte {}", good.len()));
    assert!(rj["reason"].as_str().unwrap().contains("corrupt record"), "{rj}");
    assert!(stderr.contains(&format!("byte {}", good.len())), "{stderr}");
    assert!(stderr.contains("2 documents, 1 rejected"), "{stderr}");
}

#[test]
fn nothing_readable_exits_2() {
    let empty = tmp("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = herald().args(["extract", "--no-parse"]).arg(&empty).arg(tmp("missing.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty input") && stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn feed_on_stdin_and_output_order_with_many_threads() {
    let mut rss = String::from("<rss><channel><title>Wire</title>");
    for i in 0..200 {
        rss.push_str(&format!("<item><guid>i{i}</guid><description>&lt;p&gt;Item {i}: the minister met rebels.&lt;/p&gt;</description></item>"));
    }
    rss.push_str("</channel></rss>");
    let mut child = herald()
        .args(["extract", "--no-parse", "-j", "3", "--input-format", "feed", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(rss.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    let want: Vec<String> = (0..200).map(|i| format!("i{i}")).collect();
    assert_eq!(ids, want);
}
