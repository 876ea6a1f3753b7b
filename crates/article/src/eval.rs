//! Word-level scoring of extracted text against expected text: the bag of
//! words of each (lowercased alphanumeric runs, counted with multiplicity;
//! in scripts written without spaces — Chinese, Japanese, Thai, Burmese,
//! Khmer, Lao — every character is a word), and precision, recall and F1
//! of their overlap.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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

/// One page of the shared HTML collections and what is expected of it.
#[derive(Debug, Clone)]
pub struct Page {
    /// `readability` or `newspaper4k`.
    pub collection: &'static str,
    /// The page's folder or file stem.
    pub name: String,
    /// The page.
    pub html: String,
    /// Where the page came from, when known.
    pub url: Option<String>,
    /// The expected main text.
    pub text: String,
    /// The expected title, when given.
    pub title: Option<String>,
    /// The expected publication date, when given.
    pub date: Option<String>,
    /// The expected author(s), comma-separated, when given.
    pub author: Option<String>,
}

fn read(p: &Path) -> Option<String> {
    let bytes = std::fs::read(p).ok()?;
    Some(match crate::decode(&bytes, None) {
        Ok((s, _)) => s,
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

fn opt_str(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_string).filter(|s| !s.trim().is_empty())
}

/// Reads the shared HTML pages under `root`:
/// `readability-test-pages/*/{source.html, expected.html,
/// expected-metadata.json}` (the expected text is the visible text of
/// `expected.html`) and `newspaper4k/{html,txt,metadata}/NAME.*`. Pages
/// whose expectation is missing are left out; a missing `root` gives none.
pub fn load(root: &Path) -> Vec<Page> {
    let mut pages = Vec::new();
    let rt = root.join("readability-test-pages");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&rt).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    dirs.sort();
    for d in dirs {
        let (Some(html), Some(expected)) = (read(&d.join("source.html")), read(&d.join("expected.html"))) else { continue };
        let meta: Value = read(&d.join("expected-metadata.json"))
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        pages.push(Page {
            collection: "readability",
            name: d.file_name().unwrap().to_string_lossy().into_owned(),
            html,
            url: Some("http://fakehost/test/page.html".to_string()),
            text: crate::page_text(&expected),
            title: opt_str(&meta, "title"),
            date: opt_str(&meta, "publishedTime"),
            author: opt_str(&meta, "byline"),
        });
    }
    let np = root.join("newspaper4k");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(np.join("html")).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let (Some(html), Some(text)) = (read(&f), read(&np.join("txt").join(format!("{stem}.txt")))) else { continue };
        let meta: Value = read(&np.join("metadata").join(format!("{stem}.json")))
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        let authors: Vec<String> = meta
            .get("authors")
            .and_then(|a| a.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        pages.push(Page {
            collection: "newspaper4k",
            name: stem,
            html,
            url: opt_str(&meta, "url"),
            text,
            title: opt_str(&meta, "title"),
            date: opt_str(&meta, "publish_date"),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
        });
    }
    pages
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
