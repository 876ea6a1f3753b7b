//! Sentence-boundary and token evaluation of the segmenter on a UD CoNLL-U
//! file (UD English-EWT test by default).
//!
//! ```text
//! cargo run --release -p herald-text --example eval_sentences -- \
//!     /work/shared/treebank/UD_English-EWT/en_ewt-ud-test.conllu [--errors N]
//! ```
//!
//! The raw text is rebuilt from the `# text =` lines: sentences of one
//! paragraph are joined by a space, and `# newpar` / `# newdoc` start a new
//! paragraph after a blank line. A predicted sentence is right when its end
//! matches a gold sentence end. Tokens are scored against the gold words,
//! except that a multiword token whose words do not spell its surface
//! (`its` = `it` + `s`... when they do, the words count) is one unit, and the
//! predicted tokens inside it are merged.

use std::collections::HashSet;
use std::process::ExitCode;

use herald_text::Segmenter;

#[derive(Default)]
struct Gold {
    text: String,
    sent_ends: Vec<usize>,
    units: Vec<(usize, usize)>,
    /// Units that are one multiword token: predicted tokens inside merge.
    merged: Vec<(usize, usize)>,
    missing_units: usize,
}

fn read_gold(conllu: &str) -> Gold {
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned().unwrap_or_else(|| "/work/shared/treebank/UD_English-EWT/en_ewt-ud-test.conllu".into());
    let show_errors: usize = args.iter().position(|a| a == "--errors").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(0);
    let conllu = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let g = read_gold(&conllu);
    let seg = Segmenter::new().segment(&g.text);

    // Sentences.
    let gold_ends: HashSet<usize> = g.sent_ends.iter().copied().collect();
    let pred_ends: HashSet<usize> = seg.sentences.iter().map(|s| s.span.end).collect();
    let tp = pred_ends.intersection(&gold_ends).count();
    let (p, r, f) = prf(tp, pred_ends.len(), gold_ends.len());
    println!("sentences: gold {} predicted {} correct {}  P {:.4} R {:.4} F1 {:.4}", gold_ends.len(), pred_ends.len(), tp, p, r, f);

    // Tokens.
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
    let gold_n = gold_units.len() + g.missing_units;
    let (tp_, tr, tf) = prf(ttp, pred_units.len(), gold_n);
    println!("tokens:    gold {} predicted {} correct {}  P {:.4} R {:.4} F1 {:.4}  (gold units not found in text: {})", gold_n, pred_units.len(), ttp, tp_, tr, tf, g.missing_units);

    if show_errors > 0 {
        let ctx = |e: usize| {
            let a = g.text.floor_char_boundary(e.saturating_sub(40));
            let b = g.text.floor_char_boundary((e + 30).min(g.text.len()));
            format!("{}⟦|⟧{}", &g.text[a..e], &g.text[e..b]).replace('\n', "¶")
        };
        println!("\n-- missed sentence ends");
        let mut missed: Vec<usize> = gold_ends.difference(&pred_ends).copied().collect();
        missed.sort_unstable();
        for e in missed.iter().take(show_errors) {
            println!("  {}", ctx(*e));
        }
        println!("\n-- wrong sentence ends");
        let mut wrong: Vec<usize> = pred_ends.difference(&gold_ends).copied().collect();
        wrong.sort_unstable();
        for e in wrong.iter().take(show_errors) {
            println!("  {}", ctx(*e));
        }
        println!("\n-- token errors (predicted not in gold)");
        let mut bad: Vec<(usize, usize)> = pred_units.difference(&gold_units).copied().collect();
        bad.sort_unstable();
        for (s, e) in bad.iter().take(show_errors) {
            let a = g.text.floor_char_boundary(s.saturating_sub(20));
            let b = g.text.floor_char_boundary((e + 20).min(g.text.len()));
            println!("  {:?} in {:?}", &g.text[*s..*e], &g.text[a..b]);
        }
    }
    ExitCode::SUCCESS
}
