//! `herald ingest`, `query` and `talks` end to end: resumption after SIGKILL,
//! idempotence, one wire story from three outlets, malformed queries, the
//! talks on the seed article.

use herald_store::Reader;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/ceasefire-talks.txt")).unwrap()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-store-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn jsonl(path: &Path, docs: &[serde_json::Value]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for d in docs {
        writeln!(f, "{d}").unwrap();
    }
}

/// `n` documents made of the seed's lines: each takes a few lines from its
/// own offset and a line naming it, so texts differ; every 97th repeats the
/// text of the one before under a new id (a duplicate by text).
fn generated(n: usize) -> Vec<serde_json::Value> {
    let text = seed();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let outlets = ["Reuters", "AP", "AFP", "Al Jazeera", "BBC"];
    let mut docs = Vec::with_capacity(n);
    let mut prev = String::new();
    for i in 0..n {
        let body = if i % 97 == 96 {
            prev.clone()
        } else {
            let k = 2 + i % 4;
            let mut b: Vec<&str> = (0..k).map(|j| lines[(i * 7 + j) % lines.len()]).collect();
            let tag = format!("Report number {i} was filed on day {}.", i % 40);
            b.push(&tag);
            b.join("\n")
        };
        prev = body.clone();
        docs.push(serde_json::json!({
            "id": format!("gen-{i:05}"),
            "text": body,
            "source": outlets[i % outlets.len()],
            "published": format!("2025-07-{:02}", 1 + (i / 100) % 28),
        }));
    }
    docs
}

fn ingest(db: &Path, input: &Path, extra: &[&str]) -> Command {
    let mut c = herald();
    c.arg("ingest").arg(input).arg("--db").arg(db).args(extra);
    c
}

fn dump(db: &Path) -> String {
    Reader::open(db).unwrap().dump().unwrap()
}

/// A small deterministic generator for the kill times.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn ingest_killed_ten_times_resumes_to_the_same_database() {
    let d = tmpdir("kill");
    let input = d.join("docs.jsonl");
    let n = 2000;
    jsonl(&input, &generated(n));
    let args = ["--batch", "50", "-j", "2"];

    let reference = d.join("reference.db");
    let t0 = Instant::now();
    let st = ingest(&reference, &input, &args).stderr(Stdio::null()).status().unwrap();
    let full = t0.elapsed();
    assert_eq!(st.code(), Some(0));
    let want = dump(&reference);
    let stats = Reader::open(&reference).unwrap().stats().unwrap();
    let dups = n / 97;
    assert_eq!(stats.documents as usize, n - dups, "duplicates by text are stored once");
    assert!(stats.mentions > 1000 && stats.events > 50, "{stats:?}");

    let killed = d.join("killed.db");
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut kills = 0;
    let mut stored = Vec::new();
    for _ in 0..10 {
        let mut child = ingest(&killed, &input, &args).stderr(Stdio::null()).spawn().unwrap();
        // Early in each run (start-up included), so that every run is cut
        // and the ten together stop at many different places.
        let ms = 20 + next(&mut rng) % (full.as_millis() as u64 / 6).max(50);
        std::thread::sleep(Duration::from_millis(ms));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        // The database is consistent after every kill (or not yet created).
        match Reader::open(&killed) {
            Ok(r) => {
                stored.push(r.stats().unwrap().documents);
                let ok: String = r.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
                assert_eq!(ok, "ok");
            }
            Err(herald_store::StoreError::NotAStore) => {}
            Err(e) if !killed.exists() => drop(e),
            Err(e) => panic!("after a kill: {e}"),
        }
    }
    assert!(kills >= 6, "only {kills} runs were killed before they finished");
    assert!(stored.windows(2).all(|w| w[0] <= w[1]), "stored counts never go down: {stored:?}");
    assert!(stored.last().is_some_and(|&k| k > 0), "the killed runs stored something: {stored:?}");
    let st = ingest(&killed, &input, &args).stderr(Stdio::null()).status().unwrap();
    assert_eq!(st.code(), Some(0));
    let got = dump(&killed);
    assert!(got == want, "the resumed database differs from the uninterrupted one");
    // And once more: nothing changes.
    let st = ingest(&killed, &input, &args).stderr(Stdio::null()).status().unwrap();
    assert_eq!(st.code(), Some(0));
    assert!(dump(&killed) == want);
}

/// The seed under three outlets: the same wire story, each with its own dateline.
fn wire_docs() -> Vec<serde_json::Value> {
    let text = seed();
    [("reuters", "Reuters", "DOHA (Reuters)\n"), ("ap", "AP", "WASHINGTON (AP)\n"), ("afp", "AFP", "CAIRO (AFP)\n")]
        .iter()
        .map(|(id, outlet, lead)| {
            serde_json::json!({"id": format!("{id}-ceasefire"), "text": format!("{lead}{text}"), "source": outlet,
                               "published": "2025-07-26"})
        })
        .collect()
}

#[test]
fn one_wire_story_from_three_outlets() {
    let d = tmpdir("wire");
    let input = d.join("wire.jsonl");
    jsonl(&input, &wire_docs());
    let db = d.join("store.db");
    let out = ingest(&db, &input, &[]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let q = herald().args(["query", "events", "--format", "jsonl", "--db"]).arg(&db).args(["--actor", "USA", "--target", "QAT"]).output().unwrap();
    assert_eq!(q.status.code(), Some(0));
    let rows: Vec<serde_json::Value> =
        String::from_utf8(q.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let withdrawal: Vec<_> = rows.iter().filter(|r| r["cameo"] == "164").collect();
    assert_eq!(withdrawal.len(), 1, "one event: {rows:?}");
    let w = withdrawal[0];
    assert_eq!((w["num_mentions"].as_u64(), w["num_articles"].as_u64(), w["num_sources"].as_u64()), (Some(3), Some(3), Some(3)));
    // Every event of the story has its three articles.
    let all = herald().args(["query", "events", "--format", "jsonl", "--db"]).arg(&db).output().unwrap();
    let all: Vec<serde_json::Value> =
        String::from_utf8(all.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The events of the story have their three articles and sources (a
    // dateline may change the parse of the first sentence, hence the slack).
    let three = all.iter().filter(|r| r["num_mentions"] == 3 && r["num_articles"] == 3 && r["num_sources"] == 3).count();
    assert!(three >= 15 && three + 2 >= all.len(), "{three} of {}: {all:?}", all.len());
    // Re-ingesting the same story changes nothing.
    let before = dump(&db);
    let again = ingest(&db, &input, &[]).output().unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert!(dump(&db) == before);
    // Mentions and CSV.
    let key = w["event_key"].as_i64().unwrap().to_string();
    let m = herald().args(["query", "mentions", &key, "--format", "csv", "--db"]).arg(&db).output().unwrap();
    let csv = String::from_utf8(m.stdout).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.starts_with("event_key,doc_id,outlet"));
    assert!(csv.contains("withdrawing its delegation"));
}

#[test]
fn malformed_queries_are_exit_2_with_a_clear_message() {
    let d = tmpdir("bad");
    let input = d.join("wire.jsonl");
    jsonl(&input, &wire_docs()[..1]);
    let db = d.join("store.db");
    assert_eq!(ingest(&db, &input, &[]).output().unwrap().status.code(), Some(0));
    let cases: &[(&[&str], &str)] = &[
        (&["events", "--actor", "NOSUCHCODE"], "unknown actor 'NOSUCHCODE'"),
        (&["events", "--since", "2025-02-30"], "bad date '2025-02-30'"),
        (&["quotes", "--until", "yesterday"], "bad date 'yesterday'"),
        (&["events", "--type", "HUGS"], "unknown type 'HUGS'"),
        (&["dyad", "HAMAS", "ATLANTIS"], "unknown actor 'ATLANTIS'"),
        (&["events", "--actor", "x' OR '1'='1"], "unknown actor"),
    ];
    for (args, msg) in cases {
        let out = herald().arg("query").args(*args).arg("--db").arg(&db).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
    }
    let out = herald().args(["query", "events", "--db"]).arg(d.join("missing.db")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.db"));
    // Text search with FTS syntax in it is words, not syntax.
    let out = herald().args(["query", "events", "--text", "Qatar\" OR NEAR(", "--format", "jsonl", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn talks_on_the_seed_collapse_on_the_day_with_a_resumption_expected_the_week_after() {
    let d = tmpdir("talks");
    let input = d.join("seed.jsonl");
    // A Saturday report: Thursday 2025-07-24 was the withdrawal, next week starts Monday the 28th.
    jsonl(&input, &[serde_json::json!({"id": "seed", "text": seed(), "source": "Example", "published": "2025-07-26"})]);
    let db = d.join("store.db");
    assert_eq!(ingest(&db, &input, &[]).output().unwrap().status.code(), Some(0));
    let out = herald()
        .args(["talks", "HAMAS", "ISR", "--mediator", "Qatar", "Egypt", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let states = t["states"].as_array().unwrap();
    let moves = t["moves"].as_array().unwrap();
    let on_the_day = states.iter().find(|s| s["date"] == "2025-07-26").expect("a state on the day");
    assert_eq!(on_the_day["state"], "collapsed", "{states:?}");
    let support: Vec<&serde_json::Value> =
        on_the_day["supported_by"].as_array().unwrap().iter().map(|i| &moves[i.as_u64().unwrap() as usize]).collect();
    assert!(support.iter().any(|m| m["kind"] == "withdrawal"), "{support:?}");
    let expected: Vec<&serde_json::Value> =
        on_the_day["expected"].as_array().unwrap().iter().map(|i| &moves[i.as_u64().unwrap() as usize]).collect();
    assert!(
        expected.iter().any(|m| m["kind"] == "resumption" && m["expected_date"] == "2025-07-28/2025-08-03"),
        "{expected:?}"
    );
    // The last state is still collapsed: an expected resumption is not one.
    assert_eq!(states.last().unwrap()["state"], "collapsed");
    // Unknown party: exit 2.
    let bad = herald().args(["talks", "HAMAS", "Gondor", "--db"]).arg(&db).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown actor 'Gondor'"));
}

#[test]
fn export_writes_every_document_and_event_partitioned_by_date() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let d = tmpdir("export");
    let input = d.join("docs.jsonl");
    let mut docs = generated(40);
    // An undated document goes to the default partition.
    docs.push(serde_json::json!({"id": "undated", "text": seed()}));
    jsonl(&input, &docs);
    let db = d.join("s.db");
    let st = ingest(&db, &input, &[]).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let out = d.join("parquet");
    let st = herald().args(["export", "--db"]).arg(&db).arg("--out").arg(&out).output().unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let rows = |table: &str| -> (i64, usize) {
        let mut n = 0;
        let mut parts = 0;
        for e in std::fs::read_dir(out.join(table)).unwrap() {
            let p = e.unwrap().path().join("part-0.parquet");
            n += SerializedFileReader::new(std::fs::File::open(&p).unwrap()).unwrap().metadata().file_metadata().num_rows();
            parts += 1;
        }
        (n, parts)
    };
    let dates: std::collections::BTreeSet<String> = docs.iter().map(|d| d["published"].as_str().unwrap_or("__HIVE_DEFAULT_PARTITION__").to_string()).collect();
    let (n_docs, parts) = rows("documents");
    // Duplicate texts (every 97th) are stored once; 40 generated has none.
    assert_eq!(n_docs, docs.len() as i64);
    assert_eq!(parts, dates.len());
    assert!(out.join("documents").join("date=__HIVE_DEFAULT_PARTITION__").join("part-0.parquet").exists());
    let (n_flat, _) = rows("documents_flat");
    assert_eq!(n_flat, n_docs);
    let (n_events, _) = rows("events");
    assert!(n_events > 0);
    let (n_mentions, _) = rows("mentions");
    let (n_actors, _) = rows("actors");
    assert!(n_mentions >= n_actors && n_actors > 0);
}

#[test]
fn ingest_reads_every_input_kind_and_reports_rejects_with_their_input() {
    let d = tmpdir("kinds");
    let inputs = d.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a.txt"), seed()).unwrap();
    let page = format!("<html><head><title>Talks</title></head><body><article><p>{}</p></article></body></html>", seed().replace("\n\n", "</p><p>"));
    std::fs::write(inputs.join("b.html"), page).unwrap();
    let binary: Vec<u8> = (0u8..=255).cycle().take(600).collect();
    std::fs::write(inputs.join("c.txt"), binary).unwrap();
    std::fs::write(inputs.join("d.jsonl"), "{\"id\": \"ok\", \"text\": \"Egypt urged calm on Friday.\"}\nnot json\n").unwrap();
    let db = d.join("s.db");
    let rejects = d.join("rejects.jsonl");
    let out = ingest(&db, &inputs, &["--rejects", rejects.to_str().unwrap(), "--stats"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let recs: Vec<serde_json::Value> =
        std::fs::read_to_string(&rejects).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert!(recs[0]["input"].as_str().unwrap().ends_with("c.txt") && recs[0]["reason"].as_str().unwrap().contains("not text"));
    assert!(recs[1]["input"].as_str().unwrap().ends_with("d.jsonl") && recs[1]["position"] == "line 2");
    assert!(stderr.contains("c.txt") && stderr.contains("line 2"), "{stderr}");
    // The text file, the page (its article text, same as the text file's: one
    // duplicate by text) and the JSONL line.
    let st = Reader::open(&db).unwrap().stats().unwrap();
    assert_eq!(st.documents, 2, "{stderr}");
}
