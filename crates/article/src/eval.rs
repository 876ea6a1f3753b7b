//! Word-level scoring of extracted text against expected text: the bag of
//! words of each (lowercased alphanumeric runs, counted with multiplicity;
//! in scripts written without spaces — Chinese, Japanese, Thai, Burmese,
//! Khmer, Lao — every character is a word), and precision, recall and F1
//! of their overlap.

use std::collections::HashMap;

/// Precision, recall and F1 of one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Share of the extracted words that are expected.
    pub precision: f64,
    /// Share of the expected words that were extracted.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The words of a text as defined above.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if unspaced(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Scores `got` against `expected`. Two empty texts agree perfectly; an
/// empty side against a non-empty one scores 0.
pub fn score(got: &str, expected: &str) -> Prf {
    let g = words(got);
    let e = words(expected);
    if g.is_empty() && e.is_empty() {
        return Prf { precision: 1.0, recall: 1.0, f1: 1.0 };
    }
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for w in &e {
        *bag.entry(w).or_default() += 1;
    }
    let mut common = 0usize;
    for w in &g {
        if let Some(n) = bag.get_mut(w.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    let precision = if g.is_empty() { 0.0 } else { common as f64 / g.len() as f64 };
    let recall = if e.is_empty() { 0.0 } else { common as f64 / e.len() as f64 };
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { precision, recall, f1 }
}

/// The mean of several scores (macro average); zero for none.
pub fn mean(scores: &[Prf]) -> Prf {
    if scores.is_empty() {
        return Prf::default();
    }
    let n = scores.len() as f64;
    Prf {
        precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_and_lowercase() {
        assert_eq!(words("Don't STOP-now, 3.5%"), ["don", "t", "stop", "now", "3", "5"]);
        assert_eq!(words("北京 today"), ["北", "京", "today"]);
    }

    #[test]
    fn multiset_overlap() {
        let s = score("the the cat", "the cat sat");
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(score("", "").f1, 1.0);
        assert_eq!(score("x", "").f1, 0.0);
        assert_eq!(score("", "x").f1, 0.0);
        assert_eq!(score("a b", "b a").f1, 1.0);
    }
}
