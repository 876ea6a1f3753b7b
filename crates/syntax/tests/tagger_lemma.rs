//! The lemmatiser learned from EWT train, evaluated on EWT dev with gold
//! tags (skipped when the treebank is not in ../shared).
use herald_syntax::conllu;
use herald_syntax::lemma::Lemmatizer;

#[test]
fn ewt_dev_lemmas_with_gold_tags() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/treebank/UD_English-EWT");
    let dir = if dir.exists() { dir } else { std::path::PathBuf::from("/work/shared/treebank/UD_English-EWT") };
    let (Some(tr), Some(dv)) = (herald_syntax::tagger::find_split(&dir, "train"), herald_syntax::tagger::find_split(&dir, "dev")) else {
        eprintln!("treebank not found; skipped");
        return;
    };
    let train = conllu::read_file(&tr).unwrap();
    let dev = conllu::read_file(&dv).unwrap();
    let mut up: Vec<String> = Vec::new();
    let mut xp: Vec<String> = Vec::new();
    for s in &train {
        for w in &s.words {
            if !up.contains(&w.upos) {
                up.push(w.upos.clone());
            }
            if !xp.contains(&w.xpos) {
                xp.push(w.xpos.clone());
            }
        }
    }
    let uid = |n: &str| up.iter().position(|x| x == n).map(|i| i as u8);
    let xid = |n: &str| xp.iter().position(|x| x == n).map(|i| i as u16);
    let lm = Lemmatizer::train(&train, &up, &xp, uid, xid);
    let (mut n, mut ok) = (0, 0);
    let mut errs = Vec::new();
    for s in &dev {
        for w in &s.words {
            let (Some(u), Some(x)) = (uid(&w.upos), xid(&w.xpos)) else { continue };
            n += 1;
            let l = lm.lemma(&w.form, u, x);
            if l == w.lemma {
                ok += 1;
            } else if errs.len() < 40 {
                errs.push(format!("{} {} -> {} (gold {})", w.form, w.xpos, l, w.lemma));
            }
        }
    }
    let acc = ok as f64 / n as f64;
    eprintln!("dev lemma accuracy with gold tags: {:.2}% ({ok}/{n})\n{}", 100.0 * acc, errs.join("\n"));
    assert!(acc > 0.98, "{acc}");
}
