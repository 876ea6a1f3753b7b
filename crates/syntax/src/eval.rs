//! CoNLL-U evaluation against gold data with the same words (gold
//! tokenisation), in the manner of the CoNLL 2018 shared task: punctuation is
//! included; LAS compares heads and the *universal* part of the relation
//! (before `:`), as the official LAS does; `las_full` compares the full
//! relation including subtypes (`nsubj:pass`, `obl:tmod`, ...).

/// Accuracies in percent over all words, and the word count.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// LEMMA accuracy.
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score on universal relations (official CoNLL 2018 LAS).
    pub las: f64,
    /// Labelled attachment score on full relations, subtypes included.
    pub las_full: f64,
    /// Number of words scored.
    pub tokens: usize,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores `system` against `gold`. Both must have the same sentences with the
/// same word forms; otherwise an error names the first difference.
pub fn score(gold: &[crate::conllu::Sentence], system: &[crate::conllu::Sentence]) -> Result<Scores, String> {
    if gold.len() != system.len() {
        return Err(format!("gold has {} sentences, system has {}", gold.len(), system.len()));
    }
    let mut c = [0usize; 6];
    let mut n = 0usize;
    for (si, (g, s)) in gold.iter().zip(system).enumerate() {
        if g.words.len() != s.words.len() {
            return Err(format!(
                "sentence {}: gold has {} words, system has {}",
                si + 1,
                g.words.len(),
                s.words.len()
            ));
        }
        for (wi, (gw, sw)) in g.words.iter().zip(&s.words).enumerate() {
            if gw.form != sw.form {
                return Err(format!("sentence {}, word {}: gold {:?}, system {:?}", si + 1, wi + 1, gw.form, sw.form));
            }
            n += 1;
            c[0] += (gw.upos == sw.upos) as usize;
            c[1] += (gw.xpos == sw.xpos) as usize;
            c[2] += (gw.lemma == sw.lemma) as usize;
            if gw.head == sw.head {
                c[3] += 1;
                c[4] += (universal(&gw.deprel) == universal(&sw.deprel)) as usize;
                c[5] += (gw.deprel == sw.deprel) as usize;
            }
        }
    }
    let pct = |x: usize| if n == 0 { 0.0 } else { 100.0 * x as f64 / n as f64 };
    Ok(Scores { upos: pct(c[0]), xpos: pct(c[1]), lemma: pct(c[2]), uas: pct(c[3]), las: pct(c[4]), las_full: pct(c[5]), tokens: n })
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Metric     | Accuracy")?;
        writeln!(f, "-----------+---------")?;
        for (name, v) in [
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("Lemmas", self.lemma),
            ("UAS", self.uas),
            ("LAS", self.las),
            ("LAS (full)", self.las_full),
        ] {
            writeln!(f, "{name:<10} | {v:>7.2}")?;
        }
        write!(f, "Words      | {:>7}", self.tokens)
    }
}
