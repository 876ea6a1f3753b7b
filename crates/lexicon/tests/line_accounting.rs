//! Every line of every Phoenix and PETRARCH unit-test dictionary is either
//! loaded (or a comment/blank line) or reported with an error finding at
//! that line; the counts are pinned so that any change shows.

mod common;
use herald_lexicon::{Lexicon, LineCounts, Severity};
use std::path::Path;

/// Loads one file on its own; checks the accounting; returns the counts.
fn account(path: &Path) -> LineCounts {
    let rep = Lexicon::load(&[path.to_path_buf()]).unwrap();
    let src = &rep.lexicon.sources[0];
    let c = src.lines.clone();
    assert!(c.balanced(), "{}: {c:?}", path.display());
    let raw = std::fs::read(path).unwrap();
    let lines = raw.split(|&b| b == b'\n').count() - usize::from(raw.ends_with(b"\n"));
    assert_eq!(c.total as usize, lines, "{}", path.display());
    // Every reported line has an error at that line.
    let errors: std::collections::BTreeSet<u32> = rep.findings.iter().filter(|f| f.severity == Severity::Error && f.file == src.path).map(|f| f.line).collect();
    assert_eq!(errors.len(), c.reported as usize, "{}: reported lines without an error (or errors on loaded lines)", path.display());
    c
}

#[test]
fn phoenix_and_unit_test_dictionaries_every_line_loaded_or_reported() {
    let Some(shared) = common::shared() else { return };
    // (file, total, comment/blank, loaded, reported)
    let expected: &[(&str, u32, u32, u32, u32)] = &[
        ("lexicon/phoenix/CAMEO.2.0.txt", 9187, 1699, 7485, 3),
        ("lexicon/phoenix/CAMEO.verbpatterns.150430.txt", 14375, 526, 13844, 5),
        ("lexicon/phoenix/CAMEO_codefile.txt", 392, 44, 348, 0),
        ("lexicon/phoenix/Phoenix.Countries.actors.txt", 54526, 435, 54082, 9),
        ("lexicon/phoenix/Phoenix.International.actors.txt", 8013, 59, 7950, 4),
        ("lexicon/phoenix/Phoenix.MilNonState.actors.txt", 2733, 934, 1799, 0),
        ("lexicon/phoenix/Phoenix.agents.txt", 2369, 122, 2245, 2),
        ("lexicon/phoenix/Phoenix.discards.txt", 514, 8, 506, 0),
        ("lexicon/phoenix/Phoenix.IssueCoding.txt", 3455, 180, 3270, 5),
        ("lexicon/phoenix/Phoenix.prepositions.txt", 106, 0, 106, 0),
        ("lexicon/plover/CAMEO2PLOVER-2021.txt", 301, 24, 276, 1),
        ("gold/petrarch-unittests/dicts/PETR.Validate.actors.txt", 242, 63, 177, 2),
        ("gold/petrarch-unittests/dicts/PETR.Validate.agents.txt", 98, 8, 90, 0),
        ("gold/petrarch-unittests/dicts/PETR.Validate.discards.txt", 11, 2, 9, 0),
        ("gold/petrarch-unittests/dicts/PETR.Validate.verbs.2.0.txt", 1129, 185, 934, 10),
        ("gold/petrarch-unittests/dicts/PETR.Validate.verbs.txt", 1393, 316, 1054, 23),
    ];
    let mut failures = Vec::new();
    let mut total = LineCounts::default();
    for &(f, t, c, l, r) in expected {
        let got = account(&shared.join(f));
        println!("{f}: {} lines = {} comment/blank + {} loaded + {} reported", got.total, got.comments, got.loaded, got.reported);
        total.total += got.total;
        total.comments += got.comments;
        total.loaded += got.loaded;
        total.reported += got.reported;
        if (got.total, got.comments, got.loaded, got.reported) != (t, c, l, r) {
            failures.push(format!("{f}: expected ({t}, {c}, {l}, {r}), got {got:?}"));
        }
    }
    println!("all: {total:?}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn fixtures_of_every_format_are_fully_loaded() {
    for name in [
        "mini.actors.txt",
        "mini.agents.txt",
        "mini.verbs.txt",
        "mini.petr1.verbs.txt",
        "mini.discards.txt",
        "mini.issues.txt",
        "mini.prepositions.txt",
        "mini_codefile.txt",
        "mini.plover.txt",
        "mini.hld",
    ] {
        let c = account(&common::fixture(name));
        assert_eq!(c.reported, 0, "{name}: {c:?}");
        assert!(c.loaded > 0, "{name}");
    }
    for (name, reported) in [("bad.actors.txt", 7), ("bad.hld", 8), ("bad.verbs.txt", 4)] {
        assert_eq!(account(&common::fixture(name)).reported, reported, "{name}");
    }
}
