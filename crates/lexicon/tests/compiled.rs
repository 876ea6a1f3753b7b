//! The compiled form: round trip, damaged or foreign files rejected, atomic
//! writes; and `check` findings on bad input.

mod common;
use common::fixture;
use herald_lexicon::*;

fn mini() -> Lexicon {
    let names = ["mini_codefile.txt", "mini.plover.txt", "mini.verbs.txt", "mini.actors.txt", "mini.agents.txt", "mini.discards.txt", "mini.issues.txt", "mini.prepositions.txt", "mini.hld"];
    Lexicon::load(&names.iter().map(|n| fixture(n)).collect::<Vec<_>>()).unwrap().lexicon
}

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("herald-lex-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn round_trip_keeps_everything() {
    let lex = mini();
    let bytes = lex.to_bytes();
    let back = Lexicon::from_bytes(&bytes).unwrap();
    assert_eq!(back.actors, lex.actors);
    assert_eq!(back.agents, lex.agents);
    assert_eq!(back.roles, lex.roles);
    assert_eq!(back.verbs, lex.verbs);
    assert_eq!(back.synsets, lex.synsets);
    assert_eq!(back.issues, lex.issues);
    assert_eq!(back.discards, lex.discards);
    assert_eq!(back.cameo_labels, lex.cameo_labels);
    assert_eq!(back.plover_table, lex.plover_table);
    assert_eq!(back.sources, lex.sources);
    assert_eq!(back.stats(), lex.stats());
    let toks = ["President", "Trump", "and", "the", "special", "envoys", "of", "Hamas"];
    assert_eq!(back.match_actors(&toks), lex.match_actors(&toks));
    assert_eq!(back.match_agents(&toks), lex.match_agents(&toks));
    assert_eq!(back.verb_patterns("agree"), lex.verb_patterns("agree"));
    assert_eq!(back.to_bytes(), bytes, "deterministic");
}

#[test]
fn wrong_magic_kind_version_and_damage_are_rejected() {
    let bytes = mini().to_bytes();
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert!(matches!(Lexicon::from_bytes(&bad), Err(herald_binfmt::FormatError::BadMagic)));
    let mut bad = bytes.clone();
    bad[15..19].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert!(matches!(Lexicon::from_bytes(&bad), Err(herald_binfmt::FormatError::Version { .. })));
    let foreign = herald_binfmt::seal(*b"TAGGER\0\0", FORMAT_VERSION, vec![0; 8]);
    assert!(matches!(Lexicon::from_bytes(&foreign), Err(herald_binfmt::FormatError::WrongKind { .. })));
    assert!(Lexicon::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    let mut bad = bytes.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x55;
    assert!(matches!(Lexicon::from_bytes(&bad), Err(herald_binfmt::FormatError::Checksum)));
    // A well-sealed payload with garbage inside is an error, never a panic.
    let junk = herald_binfmt::seal(KIND, FORMAT_VERSION, vec![0xff; 64]);
    assert!(Lexicon::from_bytes(&junk).is_err());
}

#[test]
fn compile_is_atomic() {
    let dir = tmpdir("atomic");
    let out = dir.join("lexicon.hlx");
    std::fs::write(&out, b"previous content").unwrap();
    let lex = mini();
    lex.compile_to(&out).unwrap();
    assert_eq!(Lexicon::open(&out).unwrap().actors, lex.actors);
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary file left behind: {left:?}");
    // A write that cannot happen leaves nothing (and the error names the file).
    let missing = dir.join("no/such/dir/lexicon.hlx");
    let err = lex.compile_to(&missing).unwrap_err().to_string();
    assert!(err.contains("lexicon.hlx"), "{err}");
    assert!(!missing.exists());
    // Opening a damaged file names it.
    std::fs::write(&out, b"HERALD\0garbage").unwrap();
    let err = Lexicon::open(&out).unwrap_err().to_string();
    assert!(err.contains("lexicon.hlx"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn has(rep: &LoadReport, line: u32, sev: Severity, needle: &str) -> bool {
    rep.findings.iter().any(|f| f.line == line && f.severity == sev && f.message.contains(needle))
}

#[test]
fn check_reports_bad_petrarch_input_by_file_and_line() {
    let rep = check_files(&[fixture("bad.actors.txt")]).unwrap();
    for f in &rep.findings {
        assert!(f.file.ends_with("bad.actors.txt"), "{f}");
    }
    assert!(has(&rep, 3, Severity::Error, "malformed code"), "`[120]--`");
    assert!(has(&rep, 4, Severity::Error, "unbalanced bracket"));
    assert!(has(&rep, 6, Severity::Error, "bad date `991340`"));
    assert!(has(&rep, 8, Severity::Error, "ends before it starts"));
    assert!(has(&rep, 9, Severity::Error, "invalid UTF-8"));
    assert!(has(&rep, 11, Severity::Warning, "conflicting entry"));
    assert!(has(&rep, 14, Severity::Warning, "overlapping date ranges"));
    assert!(has(&rep, 16, Severity::Error, "malformed XML comment"));
    assert!(has(&rep, 17, Severity::Warning, "lower-case code"));
    assert!(has(&rep, 18, Severity::Error, "malformed code `+++`"));
    let shown = rep.findings.iter().find(|f| f.line == 3).unwrap().to_string();
    assert!(shown.contains("bad.actors.txt:3: error:"), "{shown}");
}

#[test]
fn check_reports_bad_herald_and_verb_input() {
    let rep = check_files(&[fixture("bad.hld")]).unwrap();
    assert!(has(&rep, 2, Severity::Error, "has no `code:`"));
    assert!(has(&rep, 5, Severity::Error, "bad date `2020-02-30`"));
    assert!(has(&rep, 7, Severity::Error, "is empty"));
    assert!(has(&rep, 8, Severity::Error, "unknown entry kind `widget`"));
    assert!(has(&rep, 9, Severity::Warning, "unknown agent `XQZ`"));
    assert!(has(&rep, 13, Severity::Error, "unknown field `colour`"));
    assert!(has(&rep, 14, Severity::Error, "expected `key: value`"));
    assert!(has(&rep, 17, Severity::Warning, "overlapping date ranges"));
    let rep = check_files(&[fixture("mini_codefile.txt"), fixture("bad.verbs.txt")]).unwrap();
    assert!(has(&rep, 5, Severity::Warning, "undefined synonym set"));
    assert!(has(&rep, 6, Severity::Warning, "can never match"));
    assert!(has(&rep, 7, Severity::Error, "unbalanced `(`"));
    assert!(has(&rep, 8, Severity::Error, "malformed code"));
    assert!(has(&rep, 9, Severity::Error, "disjunctive set"));
    assert!(has(&rep, 10, Severity::Error, "not a verb line"));
    assert!(has(&rep, 11, Severity::Warning, "unknown CAMEO code `999`"));
    assert!(has(&rep, 13, Severity::Note, "duplicate pattern"));
    // Clean fixtures: nothing worse than a note.
    let rep = check_files(&[fixture("mini.hld")]).unwrap();
    assert!(rep.findings.iter().all(|f| f.severity == Severity::Note), "{:?}", rep.findings);
}

#[test]
fn unknown_file_kind_is_a_clear_error() {
    let err = check_files(&[std::path::PathBuf::from("notes.docx")]).unwrap_err().to_string();
    assert!(err.contains("notes.docx") && err.contains(".hld"), "{err}");
}
