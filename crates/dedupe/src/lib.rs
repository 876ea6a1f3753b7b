//! Duplicate documents in a stream: exact (the same words once case,
//! punctuation and spacing are set aside) and near (a wire story republished
//! with a new headline or an edited sentence).
//!
//! Near duplicates are found with MinHash over word shingles: each document
//! is reduced to a [`Signature`] of `bands * rows` minimum hashes, and an LSH
//! index of its bands proposes earlier documents sharing a band; a candidate
//! whose estimated Jaccard similarity (the share of equal minimum hashes)
//! reaches the threshold is a near duplicate. Hash functions come from fixed
//! seeds, so results do not change between runs or machines.
//!
//! Documents are fed in input order; the first seen is the original and later
//! ones point to it. Duplicates are never indexed themselves, so every answer
//! names an original and counting originals counts distinct stories. Memory
//! per document is its id, its signature and its band keys.
//!
//! ```
//! use herald_dedupe::{Index, Kind};
//! let mut ix = Index::default();
//! let story = "The minister said on Monday that the talks would resume next week in Cairo, \
//!              after two days of meetings between the delegations ended without agreement.";
//! assert!(ix.check("a", story).is_none());
//! let same = ix.check("b", &story.to_uppercase()).unwrap();
//! assert_eq!((same.of.as_str(), same.kind), ("a", Kind::Exact));
//! assert!(ix.check("c", "Rain is expected across the north of England tomorrow.").is_none());
//! ```

#![deny(missing_docs)]

use rustc_hash::FxHashMap;

/// Exact or near.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The same normalised text.
    Exact,
    /// Estimated shingle similarity at or above the threshold.
    Near,
}

/// The earlier document a document repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The original's id.
    pub of: String,
    /// Estimated Jaccard similarity of word shingles; 1.0 when exact.
    pub similarity: f32,
    /// Exact or near.
    pub kind: Kind,
}

/// Settings of the index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Words a shingle.
    pub shingle: usize,
    /// LSH bands.
    pub bands: usize,
    /// Minimum hashes a band.
    pub rows: usize,
    /// Smallest estimated similarity reported as a near duplicate.
    pub threshold: f32,
    /// Documents with fewer words are only matched exactly.
    pub min_words: usize,
}

impl Default for Options {
    /// 5-word shingles, 16 bands of 8 (128 hashes; candidates from about
    /// 0.7 similarity up), threshold 0.7, near matching from 20 words.
    fn default() -> Self {
        Options { shingle: 5, bands: 16, rows: 8, threshold: 0.7, min_words: 20 }
    }
}

/// What a document is reduced to: the hash of its normalised words and its
/// MinHash values (empty when it has fewer than `min_words` words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Hash of the normalised word sequence.
    pub exact: u64,
    /// Words counted.
    pub words: usize,
    /// `bands * rows` minimum hashes, or none for short documents.
    pub minhash: Box<[u32]>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Calls `f` with the hash of each normalised word: runs of letters and
/// digits, lowercased; everything else separates words.
fn for_each_word(text: &str, mut f: impl FnMut(u64)) {
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
                }
            }
            in_word = true;
        } else if in_word {
            f(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        f(h);
    }
}

/// The index: feed documents in order with [`Index::check`].
#[derive(Debug)]
pub struct Index {
    opts: Options,
    /// Multiplier and addend of each MinHash function.
    coeffs: Vec<(u64, u64)>,
    exact: FxHashMap<u64, u32>,
    bands: FxHashMap<u64, Vec<u32>>,
    ids: Vec<String>,
    sigs: Vec<Box<[u32]>>,
    /// Reused shingle buffer.
    words: Vec<u64>,
}

impl Default for Index {
    fn default() -> Self {
        Index::new(Options::default())
    }
}

impl Index {
    /// An empty index. Panics when `shingle`, `bands` or `rows` is 0.
    pub fn new(opts: Options) -> Self {
        assert!(opts.shingle > 0 && opts.bands > 0 && opts.rows > 0, "dedupe: shingle, bands and rows must be positive");
        let coeffs = (0..opts.bands * opts.rows)
            .map(|i| {
                let a = splitmix(0x6865_7261_6c64 ^ (i as u64).wrapping_mul(2)) | 1;
                let b = splitmix(0x6475_7065 ^ (i as u64).wrapping_mul(2).wrapping_add(1));
                (a, b)
            })
            .collect();
        Index { opts, coeffs, exact: FxHashMap::default(), bands: FxHashMap::default(), ids: Vec::new(), sigs: Vec::new(), words: Vec::new() }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Originals indexed so far.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True before the first original.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Reduces a text to its signature (no change to the index; callable
    /// from worker threads on a clone of a fresh index).
    pub fn signature(&mut self, text: &str) -> Signature {
        let words = &mut self.words;
        words.clear();
        let mut exact = FNV_OFFSET;
        for_each_word(text, |w| {
            exact = splitmix(exact ^ w);
            words.push(w);
        });
        let n = words.len();
        let minhash: Box<[u32]> = if n >= self.opts.min_words.max(1) {
            let k = self.opts.shingle.min(n);
            let mut mins = vec![u32::MAX; self.coeffs.len()];
            for win in words.windows(k) {
                let x = win.iter().fold(0x7368_696e_676c_65u64, |h, &w| splitmix(h ^ w));
                for (m, &(a, b)) in mins.iter_mut().zip(&self.coeffs) {
                    let h = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                    if h < *m {
                        *m = h;
                    }
                }
            }
            mins.into()
        } else {
            Box::default()
        };
        Signature { exact, words: n, minhash }
    }

    /// The earlier original `text` repeats, if any; an original is indexed
    /// under `id`. Documents without words are never duplicates.
    pub fn check(&mut self, id: &str, text: &str) -> Option<Duplicate> {
        let sig = self.signature(text);
        self.check_signature(id, sig)
    }

    /// [`Index::check`] with a signature computed earlier.
    pub fn check_signature(&mut self, id: &str, sig: Signature) -> Option<Duplicate> {
        if sig.words == 0 {
            return None;
        }
        if let Some(&i) = self.exact.get(&sig.exact) {
            return Some(Duplicate { of: self.ids[i as usize].clone(), similarity: 1.0, kind: Kind::Exact });
        }
        let keys = self.band_keys(&sig.minhash);
        let mut best: Option<(f32, u32)> = None;
        for key in &keys {
            for &c in self.bands.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                if best.is_some_and(|(_, b)| b == c) {
                    continue;
                }
                let s = similarity(&sig.minhash, &self.sigs[c as usize]);
                // Highest similarity wins; among equals, the earliest.
                if s >= self.opts.threshold && best.is_none_or(|(bs, bc)| s > bs || (s == bs && c < bc)) {
                    best = Some((s, c));
                }
            }
        }
        if let Some((s, c)) = best {
            return Some(Duplicate { of: self.ids[c as usize].clone(), similarity: s, kind: Kind::Near });
        }
        let i = self.ids.len() as u32;
        self.exact.insert(sig.exact, i);
        for key in keys {
            self.bands.entry(key).or_default().push(i);
        }
        self.ids.push(id.to_string());
        self.sigs.push(sig.minhash);
        None
    }

    fn band_keys(&self, minhash: &[u32]) -> Vec<u64> {
        if minhash.is_empty() {
            return Vec::new();
        }
        minhash
            .chunks(self.opts.rows)
            .enumerate()
            .map(|(b, rows)| rows.iter().fold(splitmix(b as u64), |h, &m| splitmix(h ^ m as u64)))
            .collect()
    }
}

/// Share of equal minimum hashes: the MinHash estimate of Jaccard similarity.
pub fn similarity(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / a.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_and_punctuation() {
        let mut a = Vec::new();
        for_each_word("Talks, it SAID -- resumed.", |w| a.push(w));
        let mut b = Vec::new();
        for_each_word("talks it said resumed", |w| b.push(w));
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
    }

    #[test]
    fn empty_text_is_never_a_duplicate() {
        let mut ix = Index::default();
        assert!(ix.check("a", "").is_none());
        assert!(ix.check("b", "  ...  ").is_none());
        assert!(ix.is_empty());
    }
}
