//! Parser and evaluator tests: tiny-model training, oracle exactness,
//! well-formed output, serialisation round trip and damage detection.

use herald_syntax::conllu::{self, Sentence};
use herald_syntax::eval;
use herald_syntax::parser::{self, Arc, ModelError, ParseError, Parser, TrainOptions};
use std::path::Path;

const FIXTURE: &str = "\
# text = The cat sat on the mat.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsat\tsit\tVERB\tVBD\t_\t0\troot\t_\t_
4\ton\ton\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tmat\tmat\tNOUN\tNN\t_\t3\tobl\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = The book was written by John yesterday.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tbook\tbook\tNOUN\tNN\t_\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_
4\twritten\twrite\tVERB\tVBN\t_\t0\troot\t_\t_
5\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
6\tJohn\tJohn\tPROPN\tNNP\t_\t4\tobl:agent\t_\t_
7\tyesterday\tyesterday\tNOUN\tNN\t_\t4\tobl:tmod\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# text = She picked up the dog that barked.
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tpicked\tpick\tVERB\tVBD\t_\t0\troot\t_\t_
3\tup\tup\tADP\tRP\t_\t2\tcompound:prt\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tdog\tdog\tNOUN\tNN\t_\t2\tobj\t_\t_
6\tthat\tthat\tPRON\tWDT\t_\t7\tnsubj\t_\t_
7\tbarked\tbark\tVERB\tVBD\t_\t5\tacl:relcl\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# text = John's brother and his friend left early today.
1\tJohn\tJohn\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tSpaceAfter=No
2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_
3\tbrother\tbrother\tNOUN\tNN\t_\t7\tnsubj\t_\t_
4\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_
5\this\this\tPRON\tPRP$\t_\t6\tnmod:poss\t_\t_
6\tfriend\tfriend\tNOUN\tNN\t_\t3\tconj\t_\t_
7\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
8\tearly\tearly\tADV\tRB\t_\t7\tadvmod\t_\t_
9\ttoday\ttoday\tNOUN\tNN\t_\t7\tobl:tmod\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_

# text = Wow!
1\tWow\twow\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No
2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_

";

fn fixture() -> Vec<Sentence> {
    conllu::parse(FIXTURE).unwrap()
}

fn tiny_model() -> Parser {
    let opts = TrainOptions { epochs: 30, ..TrainOptions::default() };
    Parser::train(&fixture(), None, &opts)
}

fn cols(s: &Sentence) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    (
        s.words.iter().map(|w| w.form.as_str()).collect(),
        s.words.iter().map(|w| w.upos.as_str()).collect(),
        s.words.iter().map(|w| w.xpos.as_str()).collect(),
    )
}

fn heads_of(s: &Sentence) -> Vec<u32> {
    s.words.iter().map(|w| w.head as u32).collect()
}

fn assert_tree(arcs: &[Arc], p: &Parser) {
    let heads: Vec<u32> = arcs.iter().map(|a| a.head).collect();
    if arcs.is_empty() {
        return;
    }
    assert!(parser::is_tree(&heads), "not a tree: {heads:?}");
    for a in arcs {
        assert!((a.deprel as usize) < p.num_deprels());
        assert_eq!(a.head == 0, p.deprel_name(a.deprel) == "root", "root label iff attached to root: {arcs:?}");
    }
}

/// `p` parses every fixture sentence back exactly (heads and relations).
fn assert_reproduces_fixture(p: &Parser) {
    let mut out = Vec::new();
    for s in fixture() {
        let (w, u, x) = cols(&s);
        p.parse(&w, &u, &x, &mut out).unwrap();
        let got: Vec<(usize, &str)> = out.iter().map(|a| (a.head as usize, p.deprel_name(a.deprel))).collect();
        let want: Vec<(usize, &str)> = s.words.iter().map(|w| (w.head, w.deprel.as_str())).collect();
        assert_eq!(got, want, "sentence {:?}", s.text());
    }
}

#[test]
fn tiny_model_reproduces_its_training_trees() {
    assert_reproduces_fixture(&tiny_model());
}

#[test]
fn parse_sentence_fills_conllu_columns() {
    let p = tiny_model();
    let gold = fixture();
    let mut sys = gold.clone();
    for s in &mut sys {
        for w in &mut s.words {
            w.head = 0;
            w.deprel.clear();
        }
        p.parse_sentence(s).unwrap();
    }
    let sc = eval::score(&gold, &sys).unwrap();
    assert_eq!(sc.uas, 100.0);
    assert_eq!(sc.las_full, 100.0);
}

#[test]
fn oracle_is_exact_on_projective_fixture_trees() {
    for s in fixture() {
        let gold = heads_of(&s);
        assert!(parser::is_projective(&gold));
        assert_eq!(parser::oracle_heads(&gold), gold);
        assert_eq!(parser::oracle_heads_with(&gold, true), gold);
    }
    // A non-projective tree is made projective by lifting, then the oracle is exact.
    let mut np = vec![3, 4, 0, 3];
    assert!(parser::is_tree(&np));
    assert!(!parser::is_projective(&np));
    assert!(parser::projectivize(&mut np) > 0);
    assert!(parser::is_projective(&np) && parser::is_tree(&np));
    assert_eq!(parser::oracle_heads(&np), np);
}

#[test]
fn oracle_is_exact_on_ewt_dev() {
    let path = Path::new("/work/shared/treebank/UD_English-EWT/en_ewt-ud-dev.conllu");
    if !path.exists() {
        eprintln!("skipping oracle_is_exact_on_ewt_dev: {} not found", path.display());
        return;
    }
    let dev = conllu::read_file(path).unwrap();
    let (mut checked, mut nonproj) = (0, 0);
    for s in &dev {
        let gold = heads_of(s);
        if !parser::is_tree(&gold) {
            continue;
        }
        if !parser::is_projective(&gold) {
            nonproj += 1;
            let mut p = gold.clone();
            parser::projectivize(&mut p);
            assert_eq!(parser::oracle_heads(&p), p);
            assert_eq!(parser::oracle_heads_with(&p, true), p);
            continue;
        }
        assert_eq!(parser::oracle_heads(&gold), gold, "{:?}", s.text());
        assert_eq!(parser::oracle_heads_with(&gold, true), gold, "non-monotonic: {:?}", s.text());
        checked += 1;
    }
    eprintln!("oracle exact on {checked} projective dev sentences ({nonproj} non-projective, checked after lifting)");
    assert!(checked > 1500);
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn output_is_always_a_tree() {
    let p = tiny_model();
    let vocab = ["the", "cat", "sat", ".", "John", "'s", "picked", "up", "zebra", "!", "", "Ünïcode", "123", "that"];
    let upos = ["DET", "NOUN", "VERB", "PUNCT", "PROPN", "PART", "ADP", "X", "_", "PRON"];
    let xpos = ["DT", "NN", "VBD", ".", "NNP", "POS", "RP", "FW", "_", "WDT"];
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut out = Vec::new();
    for case in 0..400 {
        let n = if case < 201 { case } else { rng.below(201) };
        let w: Vec<&str> = (0..n).map(|_| vocab[rng.below(vocab.len())]).collect();
        let u: Vec<&str> = (0..n).map(|_| upos[rng.below(upos.len())]).collect();
        let x: Vec<&str> = (0..n).map(|_| xpos[rng.below(xpos.len())]).collect();
        p.parse(&w, &u, &x, &mut out).unwrap();
        assert_eq!(out.len(), n);
        assert_tree(&out, &p);
    }
    assert_eq!(
        p.parse(&["a", "b"], &["X"], &["X", "X"], &mut out),
        Err(ParseError::LengthMismatch { words: 2, upos: 1, xpos: 2 })
    );
}

#[test]
fn bytes_round_trip_gives_identical_parses() {
    let p = tiny_model();
    let bytes = p.to_bytes();
    let q = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(q.to_bytes(), bytes);
    assert_eq!(q.deprels(), p.deprels());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for s in fixture() {
        let (w, u, x) = cols(&s);
        p.parse(&w, &u, &x, &mut a).unwrap();
        q.parse(&w, &u, &x, &mut b).unwrap();
        assert_eq!(a, b);
    }
    let dir = std::env::temp_dir().join(format!("herald-parser-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("parser.bin");
    p.save(&path).unwrap();
    assert_eq!(Parser::load(&path).unwrap().to_bytes(), bytes);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(Parser::load(Path::new("/nonexistent/parser.bin")), Err(ModelError::Io { .. })));
}

#[test]
fn damaged_files_are_rejected() {
    let bytes = tiny_model().to_bytes();
    // Truncated anywhere.
    for cut in [0, 5, 20, 27, bytes.len() / 2, bytes.len() - 1] {
        assert!(Parser::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Flipped payload byte.
    let mut bad = bytes.clone();
    bad[40] ^= 0x55;
    assert!(matches!(Parser::from_bytes(&bad), Err(ModelError::Format(herald_binfmt::FormatError::Checksum))));
    // Wrong version and wrong kind (a monotonic model is written as version 1).
    let payload = herald_binfmt::open(&bytes, parser::KIND, 1).unwrap().to_vec();
    let v = herald_binfmt::seal(parser::KIND, parser::FORMAT_VERSION + 1, payload.clone());
    assert!(matches!(Parser::from_bytes(&v), Err(ModelError::Format(herald_binfmt::FormatError::Version { .. }))));
    let k = herald_binfmt::seal(*b"TAGGER\0\0", parser::FORMAT_VERSION, payload.clone());
    assert!(matches!(Parser::from_bytes(&k), Err(ModelError::Format(herald_binfmt::FormatError::WrongKind { .. }))));
    // Well-sealed but inconsistent payloads never panic.
    for cut in [0, 10, payload.len() / 3, payload.len() - 3] {
        let f = herald_binfmt::seal(parser::KIND, 1, payload[..cut].to_vec());
        assert!(Parser::from_bytes(&f).is_err());
    }
    let mut extra = payload.clone();
    extra.push(0);
    assert!(matches!(
        Parser::from_bytes(&herald_binfmt::seal(parser::KIND, 1, extra)),
        Err(ModelError::Corrupt(_))
    ));
}

fn header_version(bytes: &[u8]) -> u32 {
    u32::from_le_bytes(bytes[15..19].try_into().unwrap())
}

#[test]
fn non_monotonic_model_parses_its_training_trees_and_keeps_its_flag() {
    let opts = TrainOptions { epochs: 30, non_monotonic: true, ..TrainOptions::default() };
    let p = Parser::train(&fixture(), None, &opts);
    assert_reproduces_fixture(&p);
    let mut out = Vec::new();
    // Random input still gives trees (LEFT may replace a head, REDUCE may attach).
    let vocab = ["the", "cat", "sat", ".", "John", "'s", "picked", "up", "that", "!"];
    let tags = [("DET", "DT"), ("NOUN", "NN"), ("VERB", "VBD"), ("PUNCT", "."), ("PROPN", "NNP"), ("PRON", "WDT")];
    let mut rng = Rng(0x0dd5_eed5);
    for n in 0..300 {
        let w: Vec<&str> = (0..n % 60).map(|_| vocab[rng.below(vocab.len())]).collect();
        let t: Vec<(&str, &str)> = w.iter().map(|_| tags[rng.below(tags.len())]).collect();
        let u: Vec<&str> = t.iter().map(|t| t.0).collect();
        let x: Vec<&str> = t.iter().map(|t| t.1).collect();
        p.parse(&w, &u, &x, &mut out).unwrap();
        assert_eq!(out.len(), w.len());
        assert_tree(&out, &p);
    }
    // Saved as format version 2 with the flag; a monotonic model stays version 1.
    let bytes = p.to_bytes();
    assert_eq!(header_version(&bytes), 2);
    assert_eq!(header_version(&tiny_model().to_bytes()), 1);
    let q = Parser::from_bytes(&bytes).unwrap();
    assert_eq!(q.to_bytes(), bytes);
    // Unknown flags are refused, not ignored.
    let mut payload = herald_binfmt::open(&bytes, parser::KIND, 2).unwrap().to_vec();
    let n = payload.len();
    payload[n - 4] |= 4;
    let f = herald_binfmt::seal(parser::KIND, 2, payload);
    assert!(matches!(Parser::from_bytes(&f), Err(ModelError::Corrupt(_))));
}

fn beam_model(width: usize) -> Parser {
    let opts = TrainOptions { epochs: 30, beam: width, ..TrainOptions::default() };
    Parser::train(&fixture(), None, &opts)
}

/// Random sentences over the fixture's words and tags, lengths 0..60.
fn random_sentences(seed: u64, count: usize) -> Vec<(Vec<&'static str>, Vec<&'static str>, Vec<&'static str>)> {
    let vocab = ["the", "cat", "sat", ".", "John", "'s", "picked", "up", "that", "!", "mat", "on", "by", "was"];
    let tags = [("DET", "DT"), ("NOUN", "NN"), ("VERB", "VBD"), ("PUNCT", "."), ("PROPN", "NNP"), ("PRON", "WDT"), ("ADP", "IN"), ("AUX", "VBD")];
    let mut rng = Rng(seed);
    (0..count)
        .map(|k| {
            let w: Vec<&str> = (0..k % 60).map(|_| vocab[rng.below(vocab.len())]).collect();
            let t: Vec<(&str, &str)> = w.iter().map(|_| tags[rng.below(tags.len())]).collect();
            (w, t.iter().map(|t| t.0).collect(), t.iter().map(|t| t.1).collect())
        })
        .collect()
}

#[test]
fn beam_of_width_one_gives_the_greedy_parse() {
    use herald_syntax::parser::ParserWorker;
    let mut w = ParserWorker::new();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut models = vec![tiny_model(), Parser::train(&fixture(), None, &TrainOptions { epochs: 30, non_monotonic: true, ..TrainOptions::default() })];
    // The shipped model on real sentences, where ties and long sentences occur.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/parser.bin");
    let dev = Path::new("/work/shared/treebank/UD_English-EWT/en_ewt-ud-dev.conllu");
    let mut real = Vec::new();
    if let (Ok(p), Ok(d)) = (Parser::load(&shipped), conllu::read_file(dev)) {
        models.push(p);
        real = d.into_iter().take(400).collect();
    }
    let random = random_sentences(0xbea3_0001, 300);
    for p in &models {
        assert_eq!(p.beam(), 1);
        let real_cols: Vec<_> = real.iter().map(cols).collect();
        for (words, u, x) in random.iter().cloned().chain(real_cols) {
            p.parse_with(&mut w, &words, &u, &x, &mut a).unwrap();
            p.parse_with_beam(&mut w, &words, &u, &x, 1, &mut b).unwrap();
            assert_eq!(a, b, "{words:?}");
        }
    }
}

#[test]
fn beam_trained_model_parses_its_training_trees_and_gives_trees() {
    use herald_syntax::parser::ParserWorker;
    let p = beam_model(4);
    assert_eq!((p.beam(), p.trained_beam()), (4, 4));
    assert_reproduces_fixture(&p);
    let mut w = ParserWorker::new();
    let mut out = Vec::new();
    for width in [1, 2, 4, 8] {
        for (words, u, x) in random_sentences(0xbea3_0002, 200) {
            p.parse_with_beam(&mut w, &words, &u, &x, width, &mut out).unwrap();
            assert_eq!(out.len(), words.len());
            assert_tree(&out, &p);
        }
    }
    assert_eq!(
        p.parse_with_beam(&mut w, &["a", "b"], &["X"], &["X", "X"], 4, &mut out),
        Err(ParseError::LengthMismatch { words: 2, upos: 1, xpos: 2 })
    );
}

#[test]
fn beam_training_is_deterministic() {
    let (a, b) = (beam_model(4).to_bytes(), beam_model(4).to_bytes());
    assert!(a == b, "two beam trainings of the same data differ");
    // Another width is another model (global training, not greedy).
    assert!(beam_model(2).to_bytes() != a);
    assert!(tiny_model().to_bytes() != a);
}

#[test]
fn beam_width_round_trips_in_the_model_file() {
    let p = beam_model(4);
    let bytes = p.to_bytes();
    assert_eq!(header_version(&bytes), parser::FORMAT_VERSION);
    let q = Parser::from_bytes(&bytes).unwrap();
    assert_eq!((q.beam(), q.trained_beam()), (4, 4));
    assert!(q.to_bytes() == bytes);
    // The decoding width is not the model's: overriding it keeps the file.
    let r = Parser::from_bytes(&bytes).unwrap().with_beam(1);
    assert_eq!((r.beam(), r.trained_beam()), (1, 4));
    assert!(r.to_bytes() == bytes);
    // Greedy models keep their versions (1, or 2 with flags).
    assert_eq!(header_version(&tiny_model().to_bytes()), 1);
    assert_eq!(tiny_model().with_beam(8).trained_beam(), 1);
    // A width out of range in the file is refused.
    let mut payload = herald_binfmt::open(&bytes, parser::KIND, parser::FORMAT_VERSION).unwrap().to_vec();
    let n = payload.len();
    for bad in [0u32, 65, u32::MAX] {
        payload[n - 4..].copy_from_slice(&bad.to_le_bytes());
        let f = herald_binfmt::seal(parser::KIND, parser::FORMAT_VERSION, payload.clone());
        assert!(matches!(Parser::from_bytes(&f), Err(ModelError::Corrupt(_))), "width {bad}");
    }
}

#[test]
fn tag_alternative_model_reads_runner_up_tags_and_keeps_its_flag() {
    use herald_syntax::parser::{ParserWorker, TagAtoms};
    use herald_syntax::tagger::{alt_misc, set_alt_misc, TagAlt, TagResult};
    // Verbs come with a hesitant runner-up (NN at a small margin); the rest are sure.
    let mut sents = fixture();
    for s in &mut sents {
        for w in &mut s.words {
            if w.upos == "VERB" {
                set_alt_misc(&mut w.misc, "NOUN", "NN", 5.0);
            }
        }
    }
    assert_eq!(alt_misc(&sents[0].words[2].misc), Some(("NOUN", "NN", 5.0)));
    let opts = TrainOptions { epochs: 30, tag_alts: true, ..TrainOptions::default() };
    let p = Parser::train(&sents, None, &opts);
    assert!(p.uses_tag_alts() && !tiny_model().uses_tag_alts());
    // parse_sentence reads the alternatives from MISC and gives the training trees back.
    for s in &sents {
        let mut c = s.clone();
        for w in &mut c.words {
            w.head = 0;
            w.deprel = "_".into();
        }
        p.parse_sentence(&mut c).unwrap();
        assert_eq!(c, *s);
    }
    // The id path with the same alternatives parses the same.
    let upos: Vec<String> = ["DET", "NOUN", "VERB", "ADP", "PUNCT", "AUX", "PROPN", "PRON", "CCONJ", "ADV", "INTJ", "PART"].map(String::from).to_vec();
    let xpos: Vec<String> = ["DT", "NN", "VBD", "IN", ".", "VBN", "NNP", "PRP", "RP", "WDT", "POS", "CC", "PRP$", "RB", "UH"].map(String::from).to_vec();
    let atoms = TagAtoms::new(&upos, &xpos);
    let id = |names: &[String], t: &str| names.iter().position(|n| n == t).unwrap();
    let mut w = ParserWorker::new();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let plain = tiny_model();
    for s in &sents {
        let (words, _, _) = cols(s);
        let tags: Vec<TagResult> =
            s.words.iter().map(|t| TagResult { upos: id(&upos, &t.upos) as u8, xpos: id(&xpos, &t.xpos) as u16 }).collect();
        let alts: Vec<TagAlt> = s
            .words
            .iter()
            .map(|t| match alt_misc(&t.misc) {
                Some((u, x, m)) => TagAlt { upos: id(&upos, u) as u8, xpos: id(&xpos, x) as u16, margin: m },
                None => TagAlt { upos: 0, xpos: 0, margin: f32::INFINITY },
            })
            .collect();
        p.parse_with_alts(&mut w, &atoms, &words, &tags, &alts, &mut a).unwrap();
        let got: Vec<(usize, &str)> = a.iter().map(|x| (x.head as usize, p.deprel_name(x.deprel))).collect();
        let want: Vec<(usize, &str)> = s.words.iter().map(|w| (w.head, w.deprel.as_str())).collect();
        assert_eq!(got, want);
        // A model without the flag ignores the alternatives.
        plain.parse_with_alts(&mut w, &atoms, &words, &tags, &alts, &mut a).unwrap();
        plain.parse_with_ids(&mut w, &atoms, &words, &tags, &mut b).unwrap();
        assert_eq!(a, b);
        assert!(matches!(
            p.parse_with_alts(&mut w, &atoms, &words, &tags, &alts[1..], &mut a),
            Err(ParseError::LengthMismatch { .. })
        ));
    }
    // Saved as format version 2 with flag bit 1, read back to the same bytes.
    let bytes = p.to_bytes();
    assert_eq!(header_version(&bytes), 2);
    let payload = herald_binfmt::open(&bytes, parser::KIND, 2).unwrap();
    assert_eq!(&payload[payload.len() - 4..], &2u32.to_le_bytes());
    let q = Parser::from_bytes(&bytes).unwrap();
    assert!(q.uses_tag_alts());
    assert_eq!(q.to_bytes(), bytes);
}

#[test]
fn eval_scores_a_hand_made_pair() {
    let gold = fixture();
    let mut sys = gold.clone();
    // Sentence 1 (7 words): wrong head for "on" (4), wrong label for "mat" (6).
    sys[0].words[3].head = 3;
    sys[0].words[5].deprel = "nmod".into();
    // Sentence 2 (8 words): subtype error only (universal LAS still right), UPOS and lemma error.
    sys[1].words[1].deprel = "nsubj".into();
    sys[1].words[1].upos = "PROPN".into();
    sys[1].words[1].lemma = "Book".into();
    // Sentence 3: XPOS error.
    sys[2].words[2].xpos = "IN".into();
    let sc = eval::score(&gold, &sys).unwrap();
    let n = 7 + 8 + 8 + 10 + 2;
    assert_eq!(sc.tokens, n);
    let pct = |bad: usize| 100.0 * (n - bad) as f64 / n as f64;
    assert_eq!(sc.uas, pct(1));
    assert_eq!(sc.las, pct(2));
    assert_eq!(sc.las_full, pct(3));
    assert_eq!(sc.upos, pct(1));
    assert_eq!(sc.xpos, pct(1));
    assert_eq!(sc.lemma, pct(1));
    let table = sc.to_string();
    assert!(table.contains("UAS") && table.contains("LAS (full)") && table.contains(&n.to_string()));

    // Different words or lengths are errors.
    let mut other = gold.clone();
    other[0].words[0].form = "A".into();
    assert!(eval::score(&gold, &other).is_err());
    assert!(eval::score(&gold, &gold[..2]).is_err());
    let mut short = gold.clone();
    short[4].words.pop();
    assert!(eval::score(&gold, &short).is_err());
}

#[test]
fn parse_with_ids_matches_parse_with_names() {
    use herald_syntax::parser::{ParserWorker, TagAtoms};
    use herald_syntax::tagger::TagResult;
    let p = tiny_model();
    let sents = fixture();
    // A tag inventory in any order: ids index these names.
    let mut upos: Vec<String> = sents.iter().flat_map(|s| s.words.iter().map(|w| w.upos.clone())).collect();
    let mut xpos: Vec<String> = sents.iter().flat_map(|s| s.words.iter().map(|w| w.xpos.clone())).collect();
    upos.sort();
    upos.dedup();
    upos.reverse();
    xpos.sort();
    xpos.dedup();
    let atoms = TagAtoms::new(&upos, &xpos);
    let id = |names: &[String], t: &str| names.iter().position(|n| n == t).unwrap();
    let mut w = ParserWorker::new();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for s in &sents {
        let (words, u, x) = cols(s);
        let tags: Vec<TagResult> =
            s.words.iter().map(|t| TagResult { upos: id(&upos, &t.upos) as u8, xpos: id(&xpos, &t.xpos) as u16 }).collect();
        p.parse_with(&mut w, &words, &u, &x, &mut a).unwrap();
        p.parse_with_ids(&mut w, &atoms, &words, &tags, &mut b).unwrap();
        assert_eq!(a, b, "{:?}", s.text());
        // Ids out of range read as empty names.
        let unknown: Vec<TagResult> = tags.iter().map(|_| TagResult { upos: 200, xpos: 9000 }).collect();
        let empty = vec![""; words.len()];
        p.parse_with(&mut w, &words, &empty, &empty, &mut a).unwrap();
        p.parse_with_ids(&mut w, &atoms, &words, &unknown, &mut b).unwrap();
        assert_eq!(a, b);
    }
    assert_eq!(
        p.parse_with_ids(&mut w, &atoms, &["a", "b"], &[TagResult::default()], &mut b),
        Err(ParseError::LengthMismatch { words: 2, upos: 1, xpos: 1 })
    );
}

#[test]
fn shipped_model_saves_to_its_own_bytes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/parser.bin");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping: {} absent", path.display());
        return;
    };
    let p = Parser::from_bytes(&bytes).unwrap();
    assert!(p.to_bytes() == bytes, "re-encoded parser differs from models/parser.bin");
    // Pruning at the threshold it was saved with keeps every feature.
    assert!(p.pruned(0, 0).to_bytes() == bytes);
}

#[test]
fn tag_and_parse_gives_alternative_models_the_runner_up_tags_and_keeps_misc() {
    use herald_syntax::pipeline::tag_and_parse;
    use herald_syntax::tagger::{self, Tagger};
    let gold = fixture();
    let tg = Tagger::train(&gold, None, &tagger::TrainOptions { epochs: 10, seed: 1, ..Default::default() });
    let mut train = gold.clone();
    tg.retag_alts(&mut train);
    let alt = Parser::train(&train, None, &TrainOptions { epochs: 30, tag_alts: true, ..TrainOptions::default() });
    for p in [&alt, &tiny_model()] {
        let mut sys = gold.clone();
        tag_and_parse(&tg, p, &mut sys).unwrap();
        // The same as tagging with alternatives and parsing the sentence; MISC untouched.
        let mut want = gold.clone();
        if p.uses_tag_alts() {
            tg.retag_alts(&mut want);
        } else {
            tg.retag(&mut want);
        }
        for (s, w) in sys.iter().zip(&mut want) {
            p.parse_sentence(w).unwrap();
            for (a, b) in s.words.iter().zip(&w.words) {
                assert_eq!((&a.upos, &a.xpos, a.head, &a.deprel), (&b.upos, &b.xpos, b.head, &b.deprel));
            }
        }
        let misc = |v: &[Sentence]| v.iter().flat_map(|s| s.words.iter().map(|w| w.misc.clone())).collect::<Vec<_>>();
        assert_eq!(misc(&sys), misc(&gold));
        assert!(eval::score(&gold, &sys).unwrap().uas > 90.0);
    }
}

#[test]
fn averaging_weights_of_models() {
    let a = tiny_model();
    // The mean of a model with itself is the model.
    assert_eq!(Parser::average(&[&a, &a]).unwrap().to_bytes(), a.to_bytes());
    // Two seeds: one model that still parses the training trees.
    let b = Parser::train(&fixture(), None, &TrainOptions { epochs: 30, seed: 99, ..TrainOptions::default() });
    let m = Parser::average(&[&a, &b]).unwrap();
    assert_reproduces_fixture(&m);
    assert!(Parser::average(&[]).is_err());
    // Models with different flags or relations do not mix.
    let nm = Parser::train(&fixture(), None, &TrainOptions { epochs: 30, non_monotonic: true, ..TrainOptions::default() });
    assert!(matches!(Parser::average(&[&a, &nm]), Err(ModelError::Corrupt(_))));
    let fewer = Parser::train(&fixture()[..2], None, &TrainOptions { epochs: 30, ..TrainOptions::default() });
    assert!(matches!(Parser::average(&[&a, &fewer]), Err(ModelError::Corrupt(_))));
}
