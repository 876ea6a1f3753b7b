//! `herald lexicon` end to end: dated lookup, findings with file and line, exit codes.

use std::process::Command;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

#[test]
fn lookup_gives_the_code_in_force_on_the_date() {
    for (name, date, code) in [
        ("Benjamin Netanyahu", "2025-07-25", "ISRGOV"),
        ("Benjamin Netanyahu", "2022-01-01", "ISROPP"),
        ("Donald Trump", "2025-07-25", "USAGOV"),
    ] {
        let out = herald().args(["lexicon", "lookup", name, "--date", date]).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains(&format!("code on {date}: {code}")), "{name} on {date}: {stdout}");
    }
}

#[test]
fn check_lists_every_finding_by_file_and_line_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("herald-lexcheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("bad.actors.txt");
    std::fs::write(&p, "GOOD_ACTOR [USA]\nBROKEN_ACTOR [120]--\nUNBALANCED [USAGOV\nBAD_DATE [USAGOV 991399-000101]\n").unwrap();
    let out = herald().args(["lexicon", "check"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    for line in [2, 3, 4] {
        assert!(all.contains(&format!("bad.actors.txt:{line}")), "line {line} not reported: {all}");
    }
    assert!(!all.contains("bad.actors.txt:1:"), "good line reported: {all}");
}
