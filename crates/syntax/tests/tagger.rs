//! Tagger and lemmatiser tests: a tiny model trained on an inline fixture,
//! serialisation round trips and damage detection, lemma rules, and (when
//! `models/tagger.bin` exists) a few sentences through the shipped model.
use herald_syntax::conllu;
use herald_syntax::tagger::{ModelError, TagResult, Tagger, TrainOptions, MODEL_KIND, MODEL_VERSION};

const FIXTURE: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tstopped\tstop\tVERB\tVBD\t_\t0\troot\t_\t_
4\tnear\tnear\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_
6\tstudies\tstudy\tNOUN\tNNS\t_\t3\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tHamas\tHamas\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\twas\tbe\tAUX\tVBD\t_\t3\tcop\t_\t_
3\tbetter\tgood\tADJ\tJJR\t_\t0\troot\t_\t_
4\ttoday\ttoday\tNOUN\tNN\t_\t3\tobl\t_\t_
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tdropped\tdrop\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tcities\tcity\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_
6\twalked\twalk\tVERB\tVBD\t_\t2\tconj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tcarried\tcarry\tVERB\tVBD\t_\t0\troot\t_\t_
3\t\u{201C}\t\"\tPUNCT\t``\t_\t4\tpunct\t_\t_
4\tbooks\tbook\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\t\u{201D}\t\"\tPUNCT\t''\t_\t4\tpunct\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn tiny() -> (Tagger, Vec<conllu::Sentence>) {
    let sents = conllu::parse(FIXTURE).unwrap();
    let t = Tagger::train(&sents, None, &TrainOptions { epochs: 10, seed: 1, ..Default::default() });
    (t, sents)
}

fn tags(t: &Tagger, words: &[&str]) -> Vec<TagResult> {
    let mut out = Vec::new();
    t.tag(words, &mut out);
    out
}

#[test]
fn tags_its_training_data() {
    let (t, sents) = tiny();
    for s in &sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let out = tags(&t, &words);
        assert_eq!(out.len(), words.len());
        for (w, r) in s.words.iter().zip(&out) {
            assert_eq!(t.upos_name(r.upos), w.upos, "{}", w.form);
            assert_eq!(t.xpos_name(r.xpos), w.xpos, "{}", w.form);
            assert_eq!(t.lemma(&w.form, r.upos, r.xpos), w.lemma.replace('\u{201C}', "\""), "{}", w.form);
        }
    }
    assert_eq!(t.upos_id("NOUN").map(|i| t.upos_name(i)), Some("NOUN"));
    assert_eq!(t.xpos_id("NNS").map(|i| t.xpos_name(i)), Some("NNS"));
    assert_eq!(t.upos_id("NOPE"), None);
    assert!(t.n_upos() >= 8 && t.n_xpos() >= 10);
    // Empty input and reuse of the output vector.
    let mut out = vec![TagResult::default(); 3];
    t.tag(&[], &mut out);
    assert!(out.is_empty());
}

#[test]
fn runner_up_tags_leave_the_tags_unchanged() {
    use herald_syntax::tagger::{alt_misc, set_alt_misc, TaggerWorker};
    let (t, sents) = tiny();
    let mut wk = TaggerWorker::new();
    let (mut alts, mut with) = (Vec::new(), Vec::new());
    let mut hesitant = 0;
    let extra: [&[&str]; 3] = [&["The", "studies", "walked", "today", "."], &["Hamas", "dropped", "books", "!"], &[]];
    for words in sents.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>()).chain(extra.iter().map(|w| w.to_vec())) {
        let plain = tags(&t, &words);
        t.tag_alts_with(&mut wk, &words, &mut with, &mut alts);
        assert_eq!(plain, with);
        assert_eq!(alts.len(), words.len());
        for (r, a) in with.iter().zip(&alts) {
            assert!(a.margin >= 0.0);
            if a.margin.is_finite() {
                // A real runner-up: another class than the chosen one.
                assert_ne!((a.upos, a.xpos), (r.upos, r.xpos));
                hesitant += 1;
            }
        }
        // tag_with after tag_alts_with is unaffected.
        t.tag_with(&mut wk, &words, &mut with);
        assert_eq!(plain, with);
    }
    assert!(hesitant > 0);
    // retag_alts writes the same tags as retag, plus the MISC item.
    let (mut a, mut b) = (sents.clone(), sents.clone());
    t.retag(&mut a);
    t.retag_alts(&mut b);
    for (x, y) in a.iter().flat_map(|s| &s.words).zip(b.iter().flat_map(|s| &s.words)) {
        assert_eq!((&x.upos, &x.xpos, &x.lemma), (&y.upos, &y.xpos, &y.lemma));
        let (u, p, m) = alt_misc(&y.misc).unwrap();
        assert!(t.upos_id(u).is_some() && t.xpos_id(p).is_some() && m >= 0.0);
        assert_eq!(y.space_after(), x.space_after());
    }
    // The MISC item survives an XPOS that is a comma, keeps other items and replaces itself.
    let mut misc = "SpaceAfter=No".to_string();
    set_alt_misc(&mut misc, "PUNCT", ",", 1.5);
    assert_eq!(alt_misc(&misc), Some(("PUNCT", ",", 1.5)));
    set_alt_misc(&mut misc, "NOUN", "NN", f32::INFINITY);
    assert_eq!(misc, "SpaceAfter=No|HeraldAlt=NOUN,NN,inf");
    assert_eq!(alt_misc(&misc), Some(("NOUN", "NN", f32::INFINITY)));
    let mut empty = "_".to_string();
    set_alt_misc(&mut empty, "X", "FW", 0.0);
    assert_eq!(empty, "HeraldAlt=X,FW,0");
    assert_eq!(alt_misc("SpaceAfter=No"), None);
}

#[test]
fn round_trips_and_detects_damage() {
    let (t, sents) = tiny();
    let bytes = t.to_bytes();
    let t2 = Tagger::from_bytes(&bytes).unwrap();
    // Every section survives a round trip (re-encoding gives the same bytes).
    assert_eq!(t2.to_bytes(), bytes);
    for s in &sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(tags(&t, &words), tags(&t2, &words));
    }
    // Truncated.
    let e = Tagger::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(e, ModelError::Format(herald_binfmt::FormatError::Truncated)), "{e}");
    // Corrupted payload byte.
    let mut bad = bytes.clone();
    bad[40] ^= 0x55;
    let e = Tagger::from_bytes(&bad).unwrap_err();
    assert!(matches!(e, ModelError::Format(herald_binfmt::FormatError::Checksum)), "{e}");
    // A model without word lists or casing features is a version-1 file, as before.
    assert!(matches!(herald_binfmt::open(&bytes, MODEL_KIND, MODEL_VERSION), Err(herald_binfmt::FormatError::Version { found: 1, .. })));
    // Wrong version.
    let payload = herald_binfmt::open(&bytes, MODEL_KIND, 1).unwrap().to_vec();
    let old = herald_binfmt::seal(MODEL_KIND, MODEL_VERSION + 1, payload.clone());
    let e = Tagger::from_bytes(&old).unwrap_err();
    assert!(e.to_string().contains("version"), "{e}");
    // Wrong kind.
    let other = herald_binfmt::seal(*b"PARSER\0\0", MODEL_VERSION, payload);
    assert!(matches!(Tagger::from_bytes(&other), Err(ModelError::Format(herald_binfmt::FormatError::WrongKind { .. }))));
    // Files: the path is in the message.
    let dir = std::env::temp_dir().join(format!("herald-tagger-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("t.bin");
    t.save(&p).unwrap();
    let t3 = Tagger::load(&p).unwrap();
    assert_eq!(t3.to_bytes(), bytes);
    std::fs::write(&p, &bad).unwrap();
    let e = Tagger::load(&p).unwrap_err();
    assert!(e.to_string().contains("t.bin"), "{e}");
    let e = Tagger::load(dir.join("missing.bin")).unwrap_err();
    assert!(matches!(e, ModelError::Io { .. }) && e.to_string().contains("missing.bin"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lemma_rules() {
    let (t, _) = tiny();
    let cases = [
        ("studies", "NOUN", "NNS", "study"),
        ("stopped", "VERB", "VBD", "stop"),
        ("was", "AUX", "VBD", "be"),
        ("Was", "AUX", "VBD", "be"),
        ("better", "ADJ", "JJR", "good"),
        ("Hamas", "PROPN", "NNP", "Hamas"),
        ("I", "PRON", "PRP", "I"),
        ("She", "PRON", "PRP", "she"),
        ("The", "DET", "DT", "the"),
    ];
    for (w, u, x, want) in cases {
        let (u, x) = (t.upos_id(u).unwrap(), t.xpos_id(x).unwrap());
        assert_eq!(t.lemma(w, u, x), want, "{w}");
    }
}

fn shipped() -> Option<Tagger> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.bin");
    p.exists().then(|| Tagger::load(&p).expect("models/tagger.bin loads"))
}

/// The shipped model's long rows are copied out dense at load; saving it
/// again must still give the file's bytes.
#[test]
fn shipped_model_saves_to_its_own_bytes() {
    let Some(t) = shipped() else { return };
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.bin");
    assert!(t.to_bytes() == std::fs::read(p).unwrap(), "re-encoded tagger differs from models/tagger.bin");
}

#[test]
fn shipped_model_tags_news_sentences() {
    let Some(t) = shipped() else { return };
    let cases: &[(&str, &str)] = &[
        ("The U.S. withdrew its delegation from Qatar .", "DET PROPN VERB PRON NOUN ADP PROPN PUNCT"),
        ("Talks between the two sides collapsed on Tuesday .", "NOUN ADP DET NUM NOUN VERB ADP PROPN PUNCT"),
        ("\u{201C} We will not negotiate , \u{201D} she said .", "PUNCT PRON AUX PART VERB PUNCT PUNCT PRON VERB PUNCT"),
        ("Police arrested 12 protesters in the capital .", "NOUN VERB NUM NOUN ADP DET NOUN PUNCT"),
        ("He has been criticized by many governments .", "PRON AUX AUX VERB ADP ADJ NOUN PUNCT"),
    ];
    let mut total = 0;
    let mut right = 0;
    for (s, want) in cases {
        let words: Vec<&str> = s.split(' ').collect();
        let want: Vec<&str> = want.split(' ').collect();
        let got: Vec<&str> = tags(&t, &words).iter().map(|r| t.upos_name(r.upos)).collect();
        assert_eq!(got.len(), want.len());
        total += want.len();
        right += got.iter().zip(&want).filter(|(a, b)| a == b).count();
    }
    // Allow one slip in the whole set; the tagger is ~95% accurate.
    assert!(right + 1 >= total, "{right}/{total} right");
    // Lemmas through predicted tags.
    let words = ["Officials", "said", "the", "ministers", "were", "stopped", "."];
    let out = tags(&t, &words);
    let lemmas: Vec<String> = words.iter().zip(&out).map(|(w, r)| t.lemma(w, r.upos, r.xpos).into_owned()).collect();
    assert_eq!(lemmas, ["official", "say", "the", "minister", "be", "stop", "."]);
}

#[test]
fn shipped_model_is_send_sync_and_thread_safe() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Tagger>();
    let Some(t) = shipped() else { return };
    let words = ["Rebels", "seized", "the", "town", "."];
    let base = tags(&t, &words);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| assert_eq!(tags(&t, &words), base));
        }
    });
}

#[test]
fn jackknife_tags_every_sentence_with_a_tagger_that_never_saw_it() {
    let (_, sents) = tiny();
    let opts = herald_syntax::tagger::TrainOptions { epochs: 3, ..Default::default() };
    for blocks in [false, true] {
        let out = herald_syntax::tagger::jackknife(&sents, 2, &opts, blocks);
        assert_eq!(out.len(), sents.len());
        for (g, p) in sents.iter().zip(&out) {
            let gw: Vec<&str> = g.words.iter().map(|w| w.form.as_str()).collect();
            let pw: Vec<&str> = p.words.iter().map(|w| w.form.as_str()).collect();
            assert_eq!(gw, pw, "words are kept");
            assert!(p.words.iter().all(|w| !w.upos.is_empty() && !w.xpos.is_empty() && !w.lemma.is_empty()));
        }
        // Deterministic.
        assert_eq!(out, herald_syntax::tagger::jackknife(&sents, 2, &opts, blocks));
    }
}

/// Word lists and casing features: a word the training data never shows is
/// tagged by the list it is in, and such a model (format version 2) keeps
/// its lists through a save and load.
#[test]
fn word_lists_tag_unseen_words_and_survive_a_round_trip() {
    use herald_syntax::wordlists::{bits, WordLists};
    // "<name|noun> arrived ." in lower case: only the lists tell names from nouns.
    let names = ["zorbek", "quillan", "vostrad", "mirelth", "jandrof", "telquor", "brisvane", "oskarth"];
    let nouns = ["pallet", "harbor", "wagon", "kettle", "lantern", "saddle", "barrel", "ladder"];
    let mut text = String::new();
    for _ in 0..3 {
        for (n, (u, x)) in names.iter().map(|n| (n, ("PROPN", "NNP"))).chain(nouns.iter().map(|n| (n, ("NOUN", "NN")))) {
            text += &format!("1\t{n}\t{n}\t{u}\t{x}\t_\t2\tnsubj\t_\t_\n2\tarrived\tarrive\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n");
        }
    }
    let sents = conllu::parse(&text).unwrap();
    let mut wl = WordLists::new();
    for n in names.iter().chain(&["gruntvald", "prestenor"]) {
        wl.add(n, bits::ACTOR_SINGLE);
    }
    let opts = TrainOptions { epochs: 10, seed: 1, word_lists: Some(wl), casing: true, ..Default::default() };
    let t = Tagger::train(&sents, None, &opts);
    let upos = |t: &Tagger, w: &str| t.upos_name(tags(t, &[w, "arrived", "."])[0].upos).to_string();
    assert_eq!(upos(&t, "gruntvald"), "PROPN");
    assert_eq!(upos(&t, "prestenor"), "PROPN");
    assert_eq!(upos(&t, "cushion"), "NOUN");
    assert_eq!(upos(&t, "blanket"), "NOUN");
    // Version 2, and everything survives a round trip.
    let bytes = t.to_bytes();
    assert!(herald_binfmt::open(&bytes, MODEL_KIND, MODEL_VERSION).is_ok());
    let t2 = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(t2.to_bytes(), bytes);
    for w in ["gruntvald", "prestenor", "cushion", "Zorbek", "HARBOR", "lantern"] {
        let words = [w, "arrived", "."];
        assert_eq!(tags(&t, &words), tags(&t2, &words), "{w}");
    }
    // Damaged version-2 payloads (cut short, or read as version 1) are errors, not panics.
    let payload = herald_binfmt::open(&bytes, MODEL_KIND, MODEL_VERSION).unwrap().to_vec();
    for cut in [1, 2, 7, 100, 5000, payload.len() / 2] {
        let short = herald_binfmt::seal(MODEL_KIND, MODEL_VERSION, payload[..payload.len() - cut].to_vec());
        assert!(Tagger::from_bytes(&short).is_err(), "cut {cut}");
    }
    assert!(Tagger::from_bytes(&herald_binfmt::seal(MODEL_KIND, 1, payload.clone())).is_err());
    // The same data without lists cannot tell the unseen name from a noun.
    let plain = Tagger::train(&sents, None, &TrainOptions { epochs: 10, seed: 1, ..Default::default() });
    assert_eq!(upos(&plain, "gruntvald"), upos(&plain, "cushion"));
}

/// The lists built from herald's shipped lexicon mark the words event
/// coding needs tagged right.
#[test]
fn word_lists_from_the_default_lexicon() {
    use herald_syntax::wordlists::{bits, WordLists};
    let Ok(lex) = herald_lexicon::Lexicon::default_lexicon() else {
        eprintln!("skipped: herald's default lexicon (data/lexicon) not found");
        return;
    };
    let wl = WordLists::from_lexicon(&lex);
    assert!(wl.len() > 10_000, "{}", wl.len());
    assert_ne!(wl.get("wounded") & bits::VERB_ED, 0);
    assert_ne!(wl.get("abandon") & bits::VERB_BASE, 0);
    assert_ne!(wl.get("netanyahu") & (bits::ACTOR_SINGLE | bits::ACTOR_LAST), 0);
    assert_ne!(wl.get("israeli") & bits::DEMONYM, 0);
    assert_ne!(wl.get("guerrillas") & bits::AGENT_PLURAL, 0);
    assert_eq!(wl.get("the") & bits::VERB_BASE, 0);
}
