//! Token tries: leftmost-longest matching of dictionary phrases over a
//! sentence's tokens. Stored in the compiled file as flat arrays (CSR), so
//! loading is a copy, not a rebuild.

use rustc_hash::FxHashMap;

pub(crate) const NONE: u32 = u32::MAX;

/// A frozen trie over token ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Trie {
    /// Edges of node `n` are `start[n]..start[n+1]`, sorted by token.
    pub start: Vec<u32>,
    pub tok: Vec<u32>,
    pub child: Vec<u32>,
    /// Value of each node (`NONE` if no phrase ends there).
    pub value: Vec<u32>,
}

impl Trie {
    fn step(&self, node: u32, tok: u32) -> Option<u32> {
        let (a, b) = (self.start[node as usize] as usize, self.start[node as usize + 1] as usize);
        self.tok[a..b].binary_search(&tok).ok().map(|i| self.child[a + i])
    }

    /// Value of the exact phrase `toks`.
    pub fn get(&self, toks: &[u32]) -> Option<u32> {
        let mut n = 0;
        for &t in toks {
            n = self.step(n, t)?;
        }
        Some(self.value[n as usize]).filter(|&v| v != NONE)
    }

    /// Leftmost-longest, non-overlapping matches: `(start, end, value)` in
    /// positions of `ids`.
    pub fn find_all(&self, ids: &[Option<u32>]) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        if self.start.len() < 2 {
            return out;
        }
        let mut i = 0;
        while i < ids.len() {
            let (mut node, mut best, mut j) = (0u32, None, i);
            while let Some(c) = ids.get(j).copied().flatten().and_then(|t| self.step(node, t)) {
                node = c;
                j += 1;
                if self.value[c as usize] != NONE {
                    best = Some((j, self.value[c as usize]));
                }
            }
            match best {
                Some((e, v)) => {
                    out.push((i, e, v));
                    i = e;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Builds a [`Trie`]; a later insert of the same phrase replaces the value.
#[derive(Default)]
pub(crate) struct TrieBuilder {
    edges: FxHashMap<(u32, u32), u32>,
    values: Vec<u32>,
}

impl TrieBuilder {
    pub fn new() -> Self {
        TrieBuilder { edges: FxHashMap::default(), values: vec![NONE] }
    }
    pub fn insert(&mut self, toks: &[u32], value: u32) {
        if toks.is_empty() {
            return;
        }
        let mut n = 0u32;
        for &t in toks {
            let next = self.values.len() as u32;
            n = *self.edges.entry((n, t)).or_insert_with(|| next);
            if n == next {
                self.values.push(NONE);
            }
        }
        self.values[n as usize] = value;
    }
    pub fn freeze(self) -> Trie {
        let mut e: Vec<(u32, u32, u32)> = self.edges.into_iter().map(|((p, t), c)| (p, t, c)).collect();
        e.sort_unstable();
        let nodes = self.values.len();
        let mut start = vec![0u32; nodes + 1];
        for &(p, _, _) in &e {
            start[p as usize + 1] += 1;
        }
        for i in 0..nodes {
            start[i + 1] += start[i];
        }
        Trie { start, tok: e.iter().map(|x| x.1).collect(), child: e.iter().map(|x| x.2).collect(), value: self.values }
    }
}

/// The token vocabulary shared by all tries of a lexicon: sorted, so that
/// the compiled file needs no hash table stored; a small open-addressing
/// index over the words is built when it is made or loaded (a few ms), so a
/// lookup is one hash and usually one string compare, not a binary search.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocab {
    pub words: Vec<String>,
    /// `(fingerprint, word index + 1)` slots; `.1 == 0` is empty.
    index: Vec<(u32, u32)>,
}

#[inline]
fn word_hash(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(w.as_bytes());
    // FxHash's low bits are weak: spread the high ones down.
    let x = h.finish();
    x ^ (x >> 29) ^ (x >> 47)
}

impl Vocab {
    /// Sorts and deduplicates the words.
    pub fn new(mut words: Vec<String>) -> Vocab {
        words.sort_unstable();
        words.dedup();
        Vocab::indexed(words)
    }
    fn indexed(words: Vec<String>) -> Vocab {
        let cap = (words.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut index = vec![(0u32, 0u32); cap];
        for (i, w) in words.iter().enumerate() {
            let h = word_hash(w);
            let mut s = h as usize & mask;
            while index[s].1 != 0 {
                s = (s + 1) & mask;
            }
            index[s] = ((h >> 32) as u32, i as u32 + 1);
        }
        Vocab { words, index }
    }
    pub fn get(&self, w: &str) -> Option<u32> {
        if self.index.is_empty() {
            return None;
        }
        let mask = self.index.len() - 1;
        let h = word_hash(w);
        let fp = (h >> 32) as u32;
        let mut s = h as usize & mask;
        loop {
            let (f, i) = self.index[s];
            if i == 0 {
                return None;
            }
            if f == fp && self.words[i as usize - 1] == w {
                return Some(i - 1);
            }
            s = (s + 1) & mask;
        }
    }
    /// Takes words read from a compiled file; they must be sorted and unique.
    pub fn from_sorted(words: Vec<String>) -> Option<Vocab> {
        words.windows(2).all(|w| w[0] < w[1]).then(|| Vocab::indexed(words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_longest() {
        let mut b = TrieBuilder::new();
        b.insert(&[1], 10);
        b.insert(&[1, 2], 12);
        b.insert(&[1, 2, 3, 4], 1234);
        b.insert(&[3], 30);
        b.insert(&[1], 11); // later wins
        let t = b.freeze();
        let ids = [Some(1), Some(2), Some(3), None, Some(1), Some(5), Some(3)];
        assert_eq!(t.find_all(&ids), vec![(0, 2, 12), (2, 3, 30), (4, 5, 11), (6, 7, 30)]);
        assert_eq!(t.get(&[1, 2, 3, 4]), Some(1234));
        assert_eq!(t.get(&[1, 2, 3]), None);
    }

    #[test]
    fn vocab_index_agrees_with_binary_search() {
        let words: Vec<String> = (0..5000u32).map(|i| format!("w{}", i.wrapping_mul(2654435761) % 100_000)).chain(["".into(), "al".into(), "é".into()]).collect();
        let v = Vocab::new(words.clone());
        let w2 = Vocab::from_sorted(v.words.clone()).unwrap();
        for probe in words.iter().map(String::as_str).chain(["w", "x1", "alx", "E"]) {
            let want = v.words.binary_search_by(|x| x.as_str().cmp(probe)).ok().map(|i| i as u32);
            assert_eq!(v.get(probe), want, "{probe}");
            assert_eq!(w2.get(probe), want, "{probe}");
        }
        assert_eq!(Vocab::default().get("a"), None);
    }
}
