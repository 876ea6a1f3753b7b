//! `herald train parser --with-dev`: dev joins the training data (and no
//! epoch is chosen on it); training stays deterministic; a treebank without
//! a dev split is a clear error. `--non-monotonic` writes a model of format
//! version 2 that parses its training trees back; `--beam N` one of version
//! 3 that decodes with that width unless `herald parse --beam` says otherwise.

use herald_syntax::parser::Parser;
use std::path::{Path, PathBuf};
use std::process::Command;

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

const TRAIN: &str = "\
# text = A bird sang in a tree.
1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\tbird\tbird\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsang\tsing\tVERB\tVBD\t_\t0\troot\t_\t_
4\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
5\ta\ta\tDET\tDT\t_\t6\tdet\t_\t_
6\ttree\ttree\tNOUN\tNN\t_\t3\tobl\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = She picked up the dog.
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tpicked\tpick\tVERB\tVBD\t_\t0\troot\t_\t_
3\tup\tup\tADP\tRP\t_\t2\tcompound:prt\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tdog\tdog\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

// Only dev has `vocative` and `discourse`.
const DEV: &str = "\
# text = John, well, the dog barked.
1\tJohn\tJohn\tPROPN\tNNP\t_\t7\tvocative\t_\tSpaceAfter=No
2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_
3\twell\twell\tINTJ\tUH\t_\t7\tdiscourse\t_\tSpaceAfter=No
4\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tdog\tdog\tNOUN\tNN\t_\t7\tnsubj\t_\t_
7\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_

";

fn treebank(name: &str, with_dev: bool) -> PathBuf {
    let d = std::env::temp_dir().join(format!("herald-train-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("en_tiny-ud-train.conllu"), TRAIN).unwrap();
    if with_dev {
        std::fs::write(d.join("en_tiny-ud-dev.conllu"), DEV).unwrap();
    }
    d
}

fn train(tb: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    herald()
        .args(["train", "parser", "--jackknife", "0", "--epochs", "30", "--treebank"])
        .arg(tb)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn with_dev_trains_on_dev_too_and_is_deterministic() {
    let tb = treebank("dev", true);
    let (a, b, c) = (tb.join("a.bin"), tb.join("b.bin"), tb.join("c.bin"));
    for (out, extra) in [(&a, &["--with-dev"][..]), (&b, &["--with-dev"][..]), (&c, &[][..])] {
        let o = train(&tb, out, extra);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same data, same model");
    let with = Parser::load(&a).unwrap();
    let without = Parser::load(&c).unwrap();
    for rel in ["vocative", "discourse"] {
        assert!(with.deprel_id(rel).is_some(), "{rel} comes from dev");
        assert!(without.deprel_id(rel).is_none(), "{rel} is not in train");
    }
    // Trained on it for 30 epochs, the model parses the dev sentence back.
    let words = ["John", ",", "well", ",", "the", "dog", "barked", "."];
    let upos = ["PROPN", "PUNCT", "INTJ", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"];
    let xpos = ["NNP", ",", "UH", ",", "DT", "NN", "VBD", "."];
    let mut arcs = Vec::new();
    with.parse(&words, &upos, &xpos, &mut arcs).unwrap();
    let got: Vec<(u32, &str)> = arcs.iter().map(|a| (a.head, with.deprel_name(a.deprel))).collect();
    let want: [(u32, &str); 8] =
        [(7, "vocative"), (1, "punct"), (7, "discourse"), (3, "punct"), (6, "det"), (7, "nsubj"), (0, "root"), (7, "punct")];
    assert_eq!(got, want);
    std::fs::remove_dir_all(&tb).ok();
}

#[test]
fn with_dev_needs_a_dev_split() {
    let tb = treebank("nodev", false);
    let out = tb.join("m.bin");
    let o = train(&tb, &out, &["--with-dev"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--with-dev") && err.contains("no dev split"), "{err}");
    assert!(!out.exists());
    std::fs::remove_dir_all(&tb).ok();
}

/// `p` parses the second training sentence back.
fn assert_parses_training_sentence(p: &Parser) {
    let words = ["She", "picked", "up", "the", "dog", "."];
    let upos = ["PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"];
    let xpos = ["PRP", "VBD", "RP", "DT", "NN", "."];
    let mut arcs = Vec::new();
    p.parse(&words, &upos, &xpos, &mut arcs).unwrap();
    let got: Vec<(u32, &str)> = arcs.iter().map(|a| (a.head, p.deprel_name(a.deprel))).collect();
    let want: [(u32, &str); 6] = [(2, "nsubj"), (0, "root"), (2, "compound:prt"), (5, "det"), (2, "obj"), (2, "punct")];
    assert_eq!(got, want);
}

#[test]
fn non_monotonic_model_is_version_2_and_parses_its_training_trees() {
    let tb = treebank("nonmono", true);
    let (a, b) = (tb.join("a.bin"), tb.join("b.bin"));
    for out in [&a, &b] {
        let o = train(&tb, out, &["--non-monotonic"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(bytes, std::fs::read(&b).unwrap(), "same data, same model");
    assert_eq!(u32::from_le_bytes(bytes[15..19].try_into().unwrap()), 2, "format version");
    let p = Parser::load(&a).unwrap();
    assert_parses_training_sentence(&p);
    std::fs::remove_dir_all(&tb).ok();
}

#[test]
fn tagger_word_lists_and_casing_make_a_version_2_model_and_plain_stays_version_1() {
    use herald_syntax::tagger::Tagger;
    let tb = treebank("tagger-lists", true);
    let (a, b, c) = (tb.join("a.bin"), tb.join("b.bin"), tb.join("c.bin"));
    for (out, extra) in [(&a, &["--word-lists", "--casing"][..]), (&b, &["--word-lists", "--casing"][..]), (&c, &[][..])] {
        let o = herald().args(["train", "tagger", "--epochs", "5", "--treebank"]).arg(&tb).arg("-o").arg(out).args(extra).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (with, plain) = (std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap());
    assert_eq!(with, std::fs::read(&b).unwrap(), "same data, same model");
    assert_eq!(u32::from_le_bytes(with[15..19].try_into().unwrap()), 2, "format version with lists");
    assert_eq!(u32::from_le_bytes(plain[15..19].try_into().unwrap()), 1, "format version without");
    // The lists (tens of thousands of words from the lexicon) are in the file.
    assert!(with.len() > plain.len() + 100_000, "{} vs {}", with.len(), plain.len());
    // --with-dev trains on dev too (deterministic; another model than without), --seed another shuffle.
    let (d1, d2, s9) = (tb.join("d1.bin"), tb.join("d2.bin"), tb.join("s9.bin"));
    for (out, extra) in [(&d1, &["--with-dev"][..]), (&d2, &["--with-dev"][..]), (&s9, &["--seed", "9"][..])] {
        let o = herald().args(["train", "tagger", "--epochs", "5", "--treebank"]).arg(&tb).arg("-o").arg(out).args(extra).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let wd = std::fs::read(&d1).unwrap();
    assert_eq!(wd, std::fs::read(&d2).unwrap());
    assert_ne!(wd, plain);
    let with_dev = Tagger::load(&d1).unwrap();
    assert!(with_dev.upos_id("INTJ").is_some() && Tagger::load(&c).unwrap().upos_id("INTJ").is_none(), "INTJ comes from dev");
    assert_ne!(std::fs::read(&s9).unwrap(), plain);
    let t = Tagger::load(&a).unwrap();
    let mut out = Vec::new();
    t.tag(&["She", "picked", "up", "the", "dog", "."], &mut out);
    assert_eq!(t.upos_name(out[1].upos), "VERB");
    std::fs::remove_dir_all(&tb).ok();
}

#[test]
fn beam_model_is_version_3_deterministic_and_parse_takes_a_width() {
    let tb = treebank("beam", true);
    let (a, b) = (tb.join("a.bin"), tb.join("b.bin"));
    for out in [&a, &b] {
        let o = train(&tb, out, &["--beam", "4"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(bytes, std::fs::read(&b).unwrap(), "same data, same model");
    assert_eq!(u32::from_le_bytes(bytes[15..19].try_into().unwrap()), 3, "format version");
    let p = Parser::load(&a).unwrap();
    assert_eq!((p.beam(), p.trained_beam()), (4, 4));
    assert_parses_training_sentence(&p);
    // `herald parse --beam`: any width in range parses; 0 and too wide are refused.
    let input = tb.join("en_tiny-ud-train.conllu");
    for width in ["1", "4", "64"] {
        let o = herald().args(["parse", "--input-format", "conllu", "--beam", width, "--parser"]).arg(&a).arg(&input).output().unwrap();
        assert!(o.status.success(), "--beam {width}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().filter(|l| l.starts_with(|c: char| c.is_ascii_digit())).count(), 13);
        assert!(!String::from_utf8_lossy(&o.stderr).contains("warning"), "a beam model takes any width without a warning");
    }
    // A beam over the built-in, greedily trained parser is allowed, with a warning.
    let o = herald().args(["parse", "--input-format", "conllu", "--beam", "4"]).arg(&input).output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("trained greedily lowers accuracy"), "{}", String::from_utf8_lossy(&o.stderr));
    for width in ["0", "65"] {
        let o = herald().args(["parse", "--input-format", "conllu", "--beam", width, "--parser"]).arg(&a).arg(&input).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "--beam {width}");
    }
    std::fs::remove_dir_all(&tb).ok();
}
