//! Whole-CLI tests: exit codes, error messages naming the input, CoNLL-U
//! offsets that slice the original text, broken pipes.

use std::io::Write;
use std::process::{Command, Stdio};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/ceasefire-talks.txt")).unwrap()
}

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("herald-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn invalid_utf8_is_a_clear_error_naming_the_input() {
    let d = tmpdir("utf8");
    let p = d.join("bad.txt");
    std::fs::write(&p, b"Caf\xe9 society.\n").unwrap();
    // Not UTF-8: the reader guesses windows-1252 and decodes it (issue 6).
    let out = herald().arg("parse").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Café"));
}

#[test]
fn missing_file_is_exit_2_and_named() {
    let out = herald().args(["parse", "/nonexistent/herald/input.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/herald/input.txt"));
}

#[test]
fn some_failed_is_exit_1_and_good_documents_are_still_written() {
    let d = tmpdir("mixed");
    std::fs::write(d.join("a.txt"), "The talks collapsed on Friday.").unwrap();
    // Binary data is not text in any charset: rejected, named, the run goes on.
    let binary: Vec<u8> = (0u8..=255).cycle().take(600).collect();
    std::fs::write(d.join("b.txt"), binary).unwrap();
    let out = herald().arg("parse").arg(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.txt") && stderr.contains("not text"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("# text = The talks collapsed on Friday."));
}

#[test]
fn conllu_token_ranges_slice_the_original_text() {
    let text = seed();
    let chars: Vec<char> = text.chars().collect();
    let out = herald().args(["parse", "--threads", "2", "examples/ceasefire-talks.txt"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8(out.stdout).unwrap();
    let mut tokens = 0;
    for line in s.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 10, "{line}");
        let range = cols[9].split('|').find_map(|m| m.strip_prefix("TokenRange=")).expect("TokenRange");
        let (a, b) = range.split_once(':').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        let slice: String = chars[a..b].iter().collect();
        assert_eq!(slice, cols[1]);
        tokens += 1;
    }
    assert!(tokens > 500, "{tokens} tokens");
    // Every sentence has exactly one root.
    for block in s.split("\n\n").filter(|b| b.lines().any(|l| !l.starts_with('#'))) {
        let roots = block.lines().filter(|l| !l.starts_with('#') && l.split('\t').nth(6) == Some("0")).count();
        assert_eq!(roots, 1, "{block}");
    }
}

#[test]
fn stdin_and_a_closed_pipe_are_fine() {
    let mut child = herald().args(["parse", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let big = seed().repeat(200);
    {
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(big.as_bytes()).unwrap();
    }
    // Read one line, then close our end of the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {err}", out.status.code());
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_directory_parses_the_same_in_order_with_one_or_two_threads() {
    let d = tmpdir("threads");
    let seed = seed();
    for i in 0..7 {
        // Documents of different lengths, so that workers finish out of order.
        let text: String = seed.split_inclusive('\n').take(1 + i * 3).collect();
        std::fs::write(d.join(format!("{i}.txt")), format!("Document number {i} opens here.\n{text}")).unwrap();
    }
    let run = |t: &str| herald().args(["parse", "--threads", t]).arg(&d).output().unwrap();
    let (one, two) = (run("1"), run("2"));
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
    let out = String::from_utf8(one.stdout).unwrap();
    let order: Vec<usize> = out.lines().filter_map(|l| l.strip_prefix("# text = Document number ")).map(|l| l.split(' ').next().unwrap().parse().unwrap()).collect();
    assert_eq!(order, (0..7).collect::<Vec<_>>());
}
