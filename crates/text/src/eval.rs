//! Evaluation of the segmenter against a UD CoNLL-U file.
//!
//! The raw text is rebuilt from the `# text =` lines: sentences of one
//! paragraph are joined by a space, and `# newpar` / `# newdoc` start a new
//! paragraph after a blank line. A predicted sentence is right when its end
//! matches a gold sentence end. Tokens are scored against the gold words,
//! except that a multiword token whose words do not spell its surface is one
//! unit, and the predicted tokens inside it are merged.

use crate::Segmenter;
use std::collections::HashSet;
use std::fmt;

#[derive(Default)]
pub(crate) struct Gold {
    text: String,
    sent_ends: Vec<usize>,
    units: Vec<(usize, usize)>,
    /// Units that are one multiword token: predicted tokens inside merge.
    merged: Vec<(usize, usize)>,
    missing_units: usize,
}

pub(crate) fn read_gold(conllu: &str) -> Gold {
    let mut g = Gold::default();
    let mut par_open = false;
    let mut new_par = true;
    let mut sent_start = 0;
    // Per sentence: units as (form, is_merged_surface).
    let mut units: Vec<(String, bool)> = Vec::new();
    let mut mwt: Option<(usize, String, Vec<String>)> = None;
    let flush = |g: &mut Gold, units: &mut Vec<(String, bool)>, sent_start: usize| {
        let mut cur = sent_start;
        let end = g.text.len();
        for (form, merged) in units.drain(..) {
            match g.text[cur..end].find(form.as_str()) {
                Some(k) => {
                    let s = cur + k;
                    cur = s + form.len();
                    g.units.push((s, cur));
                    if merged {
                        g.merged.push((s, cur));
                    }
                }
                None => g.missing_units += 1,
            }
        }
    };
    for line in conllu.lines() {
        if line.starts_with("# newdoc") || line.starts_with("# newpar") {
            new_par = true;
        } else if let Some(t) = line.strip_prefix("# text = ") {
            if par_open {
                g.text.push_str(if new_par { "\n\n" } else { " " });
            }
            par_open = true;
            new_par = false;
            sent_start = g.text.len();
            g.text.push_str(t.trim());
            g.sent_ends.push(g.text.len());
        } else if line.is_empty() {
            flush(&mut g, &mut units, sent_start);
        } else if !line.starts_with('#') {
            let mut cols = line.split('\t');
            let (id, form) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
            if id.contains('.') {
                continue;
            }
            if let Some((a, b)) = id.split_once('-') {
                let n = b.parse::<usize>().unwrap_or(0) - a.parse::<usize>().unwrap_or(0) + 1;
                mwt = Some((n, form.to_string(), Vec::new()));
                continue;
            }
            if let Some((n, surface, mut words)) = mwt.take() {
                words.push(form.to_string());
                if words.len() < n {
                    mwt = Some((n, surface, words));
                } else if words.concat() == surface {
                    units.extend(words.into_iter().map(|w| (w, false)));
                } else {
                    units.push((surface, true));
                }
                continue;
            }
            units.push((form.to_string(), false));
        }
    }
    flush(&mut g, &mut units, sent_start);
    g
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}


/// Precision, recall and F1 of one unit (sentences or tokens).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Gold units.
    pub gold: usize,
    /// Predicted units.
    pub predicted: usize,
    /// Predicted units that are right.
    pub correct: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Self {
        let (precision, recall, f1) = prf(correct, predicted, gold);
        Self { gold, predicted, correct, precision, recall, f1 }
    }
}

/// Sentence-boundary and token scores, with the errors for inspection.
#[derive(Debug, Clone)]
pub struct SegmentationReport {
    /// Sentence boundaries.
    pub sentences: Prf,
    /// Tokens.
    pub tokens: Prf,
    /// Gold units whose form was not found in the rebuilt text.
    pub missing_units: usize,
    text: String,
    missed_ends: Vec<usize>,
    wrong_ends: Vec<usize>,
    wrong_tokens: Vec<(usize, usize)>,
}

/// Segments the raw text rebuilt from `conllu` and scores it.
pub fn evaluate_conllu(conllu: &str, segmenter: &Segmenter) -> SegmentationReport {
    let g = read_gold(conllu);
    let seg = segmenter.segment(&g.text);
    let gold_ends: HashSet<usize> = g.sent_ends.iter().copied().collect();
    let pred_ends: HashSet<usize> = seg.sentences.iter().map(|s| s.span.end).collect();
    let tp = pred_ends.intersection(&gold_ends).count();
    let sentences = Prf::new(tp, pred_ends.len(), gold_ends.len());

    let mut merged = g.merged.clone();
    merged.sort_unstable();
    let mut pred: Vec<(usize, usize)> = Vec::with_capacity(seg.tokens.len());
    let mut m = 0;
    for t in &seg.tokens {
        let (s, e) = (t.span.start, t.span.end);
        while m < merged.len() && merged[m].1 <= s {
            m += 1;
        }
        if m < merged.len() && merged[m].0 <= s && e <= merged[m].1 {
            match pred.last_mut() {
                Some(last) if last.0 >= merged[m].0 => last.1 = e,
                _ => pred.push((s, e)),
            }
        } else {
            pred.push((s, e));
        }
    }
    let gold_units: HashSet<(usize, usize)> = g.units.iter().copied().collect();
    let pred_units: HashSet<(usize, usize)> = pred.iter().copied().collect();
    let ttp = pred_units.intersection(&gold_units).count();
    let tokens = Prf::new(ttp, pred_units.len(), gold_units.len() + g.missing_units);
    let sorted = |v: Vec<usize>| {
        let mut v = v;
        v.sort_unstable();
        v
    };
    let mut wrong_tokens: Vec<(usize, usize)> = pred_units.difference(&gold_units).copied().collect();
    wrong_tokens.sort_unstable();
    SegmentationReport {
        sentences,
        tokens,
        missing_units: g.missing_units,
        missed_ends: sorted(gold_ends.difference(&pred_ends).copied().collect()),
        wrong_ends: sorted(pred_ends.difference(&gold_ends).copied().collect()),
        wrong_tokens,
        text: g.text,
    }
}

impl SegmentationReport {
    /// Up to `n` missed and wrong sentence ends and wrong tokens, in context.
    pub fn errors(&self, n: usize) -> String {
        let t = &self.text;
        let ctx = |e: usize| {
            let a = t.floor_char_boundary(e.saturating_sub(40));
            let b = t.floor_char_boundary((e + 30).min(t.len()));
            format!("{}⟦|⟧{}", &t[a..e], &t[e..b]).replace('\n', "¶")
        };
        let mut out = String::from("-- missed sentence ends\n");
        for e in self.missed_ends.iter().take(n) {
            out += &format!("  {}\n", ctx(*e));
        }
        out += "-- wrong sentence ends\n";
        for e in self.wrong_ends.iter().take(n) {
            out += &format!("  {}\n", ctx(*e));
        }
        out += "-- token errors (predicted not in gold)\n";
        for (s, e) in self.wrong_tokens.iter().take(n) {
            let a = t.floor_char_boundary(s.saturating_sub(20));
            let b = t.floor_char_boundary((e + 20).min(t.len()));
            out += &format!("  {:?} in {:?}\n", &t[*s..*e], &t[a..b]);
        }
        out
    }
}

impl fmt::Display for SegmentationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, name: &str, p: &Prf| {
            writeln!(f, "{name:<10} gold {:>6} predicted {:>6} correct {:>6}  P {:.4} R {:.4} F1 {:.4}", p.gold, p.predicted, p.correct, p.precision, p.recall, p.f1)
        };
        line(f, "sentences", &self.sentences)?;
        line(f, "tokens", &self.tokens)?;
        write!(f, "(gold units not found in the rebuilt text: {})", self.missing_units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_treebank() {
        let conllu = "# newdoc id = d\n# text = Hi there.\n1\tHi\t_\t_\t_\t_\t0\troot\t_\t_\n2\tthere\t_\t_\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n# text = Go.\n1\tGo\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n";
        let r = evaluate_conllu(conllu, &Segmenter::new());
        assert_eq!((r.sentences.gold, r.sentences.correct), (2, 2));
        assert_eq!((r.tokens.gold, r.tokens.correct), (5, 5));
        assert!((r.sentences.f1 - 1.0).abs() < 1e-9);
    }
}
