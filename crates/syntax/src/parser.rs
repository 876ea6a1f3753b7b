//! Transition-based dependency parser producing UD relations: greedy, or
//! with beam search for models trained for it.
//!
//! # Design
//!
//! * **Transition system**: arc-eager (`SHIFT`, `RIGHT-ARC`, `LEFT-ARC`,
//!   `REDUCE`) with the artificial root placed at the *end* of the buffer
//!   ("Going to the roots", Ballesteros & Nivre 2013): every word left
//!   headless on the stack is attached to the root when the root reaches the
//!   front of the buffer, so the output is always a complete tree. If more
//!   than one word ends up attached to the root, the one with the largest
//!   subtree is kept as the root and the others are attached to it (their
//!   label is chosen by the label model), so there is exactly one `root`.
//!   Optionally (a model-file flag, format version 2) the system is
//!   non-monotonic (Honnibal, Goldberg & Johnson 2013): `LEFT-ARC` may
//!   replace the head a `RIGHT-ARC` gave the stack top, and `REDUCE` of a
//!   headless stack top attaches it to the word below, so an attachment
//!   made too early can be repaired once more of the sentence is seen.
//! * **Training**: Goldberg & Nivre (2012) dynamic oracle for arc-eager with
//!   error exploration (after `explore_from_epoch` epochs the parser follows
//!   its own wrong prediction with probability `explore_prob`). Training
//!   trees are projectivised by lifting (non-projective arcs are re-attached
//!   to the head's head, label kept), which makes the oracle exact.
//! * **Beam search** (option, a model-file flag, format version 3): trained
//!   with [`TrainOptions::beam`] > 1, the transition model is a global
//!   perceptron (Zhang & Clark 2008; Zhang & Nivre 2011) updated at the
//!   step of largest violation (Huang, Fayong & Guo 2012), and the model
//!   decodes keeping that many highest-scoring transition sequences; the
//!   label model stays a separate local one. [`Parser::with_beam`] sets the
//!   decoding width (width 1 is the greedy parse). On EWT a beam of 4-8
//!   gained about 1 UAS over greedy at 3-6 times the parsing time.
//! * **Models**: two averaged perceptrons over hashed feature templates in the
//!   style of Zhang & Nivre (2011): one scores the 4 unlabeled transitions,
//!   the other (only consulted when an arc is built) chooses the dependency
//!   relation among the full UD labels of the training data (including
//!   subtypes such as `nsubj:pass`, `obl:tmod`, `acl:relcl`). Arcs to the
//!   root are always labelled `root`, and `root` is never used elsewhere.
//! * **Storage**: averaged weights are pruned (rows that quantise to zero are
//!   dropped) and quantised to `i16`; at load time they are put in
//!   open-addressing tables keyed by the 64-bit feature hash.
//!
//! # Part-of-speech input
//!
//! [`Parser::parse`] takes UPOS and XPOS *names* (`&str`). They are hashed
//! once per token into feature atoms, so any tag set works, including the
//! tags of herald's tagger (`Tagger::upos_name` / `xpos_name`), with no
//! shared id table. Words are lowercased and digits normalised to `0`.
//!
//! ```no_run
//! use herald_syntax::parser::{Parser, Arc};
//! let parser = Parser::load(std::path::Path::new("models/parser.bin")).unwrap();
//! let mut arcs: Vec<Arc> = Vec::new();
//! parser.parse(&["Dogs", "bark", "."], &["NOUN", "VERB", "PUNCT"], &["NNS", "VBP", "."], &mut arcs).unwrap();
//! for (i, a) in arcs.iter().enumerate() {
//!     println!("{} -> {} {}", i + 1, a.head, parser.deprel_name(a.deprel));
//! }
//! ```

use crate::conllu::Sentence;
use crate::huge::{HugeBuf, Zeroable};
use crate::tagger::{TagAlt, TagResult};
use herald_binfmt::{open, seal, write_atomic, Reader, Writer};
use rustc_hash::{FxHashMap, FxHasher};
use std::cell::RefCell;
use std::hash::Hasher;
use std::path::Path;

/// Kind tag of parser model files.
pub const KIND: [u8; 8] = *b"PARSER\0\0";
/// Format version of parser model files written by this build.
/// Version 1 files (monotonic models, written as version 1 still) and
/// version 2 files (flags, no beam; written as version 2 still) load too.
pub const FORMAT_VERSION: u32 = 3;
/// Widest beam [`Parser::with_beam`] and [`TrainOptions::beam`] accept.
pub const MAX_BEAM: usize = 64;
/// Longest sentence [`Parser::parse`] accepts (in words).
pub const MAX_WORDS: usize = 1 << 20;

const SHIFT: usize = 0;
const RIGHT: usize = 1;
const LEFT: usize = 2;
const REDUCE: usize = 3;
const NT: usize = 4;

/// One parsed word: its head (1-based word index, 0 = root) and relation id
/// (see [`Parser::deprel_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Arc {
    /// Head word, 1-based; 0 is the root.
    pub head: u32,
    /// Dependency relation id, see [`Parser::deprel_name`].
    pub deprel: u16,
}

/// Errors while loading or decoding a parser model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file could not be read or written.
    #[error("parser model {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The container is damaged, of another kind or of another version.
    #[error("parser model: {0}")]
    Format(#[from] herald_binfmt::FormatError),
    /// The payload is inconsistent.
    #[error("parser model is corrupt: {0}")]
    Corrupt(String),
}

/// Errors from [`Parser::parse`].
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// `words`, `upos` and `xpos` differ in length.
    #[error("input lengths differ: {words} words, {upos} UPOS tags, {xpos} XPOS tags")]
    LengthMismatch {
        /// Number of words.
        words: usize,
        /// Number of UPOS tags.
        upos: usize,
        /// Number of XPOS tags.
        xpos: usize,
    },
    /// The sentence is longer than [`MAX_WORDS`].
    #[error("sentence of {0} words is too long (limit {MAX_WORDS})")]
    TooLong(usize),
}

/// Training hyper-parameters for [`Parser::train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling / exploration random generator (training is deterministic).
    pub seed: u64,
    /// First epoch (0-based) in which the parser explores its own errors.
    pub explore_from_epoch: usize,
    /// Probability of following a wrong prediction during exploration.
    pub explore_prob: f64,
    /// Print progress (per-epoch training accuracy, dev scores) to stderr.
    pub verbose: bool,
    /// Drop transition features whose largest quantised weight (|w|, on a
    /// scale where the model's largest weight is 32000) is below this.
    pub prune_transitions: i16,
    /// Same for the label model.
    pub prune_labels: i16,
    /// Non-monotonic arc-eager (Honnibal, Goldberg & Johnson 2013): LEFT
    /// may replace a head that RIGHT gave the stack top, and REDUCE of a
    /// headless stack top attaches it to the word below, so an early
    /// attachment can be revised. Saved in the model (format version 2).
    pub non_monotonic: bool,
    /// Templates over the tagger's runner-up tag and margin (read from the
    /// `HeraldAlt=` MISC item of the training words, see
    /// `tagger::retag_alts`). Saved in the model (format version 2).
    pub tag_alts: bool,
    /// Beam width. Above 1 the transition model is trained globally for
    /// beam search (Zhang & Clark 2008, Zhang & Nivre 2011) with the
    /// max-violation update (Huang, Fayong & Guo 2012) instead of greedily
    /// with the dynamic oracle (exploration is then unused), and the model
    /// decodes with this width by default. Saved in the model (format
    /// version 3). Clamped to 1..=[`MAX_BEAM`].
    pub beam: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 0x5eed_0f4e_4a1d,
            explore_from_epoch: 1, explore_prob: 0.9,
            verbose: false,
            prune_transitions: 600,
            prune_labels: 600,
            non_monotonic: false,
            tag_alts: false,
            beam: 1,
        }
    }
}

// ---------------------------------------------------------------------------
// Hashing

const K1: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline(always)]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(26) ^ v).wrapping_mul(K1)
}

#[inline(always)]
fn fin(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x | 1
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

fn hash_word(s: &str) -> u64 {
    let mut h = FxHasher::default();
    for c in s.chars() {
        if c.is_ascii() {
            let b = c as u8;
            h.write_u8(if b.is_ascii_digit() { b'0' } else { b.to_ascii_lowercase() });
        } else if c.is_numeric() {
            h.write_u8(b'0');
        } else {
            for l in c.to_lowercase() {
                h.write_u32(l as u32);
            }
        }
    }
    h.write_u8(0xfe);
    h.finish()
}

const NONE_ATOM: u64 = 0x1234_5678_9abc_def1;
const ROOT_ATOM: u64 = 0x0fed_cba9_8765_4321;

/// Token atoms: hashed lowercased word, XPOS and UPOS, and (models with
/// tag alternatives only) the tagger's runner-up XPOS with its margin bin.
#[derive(Clone, Copy, Default)]
struct Tok {
    w: u64,
    p: u64,
    u: u64,
    a: u64,
}

const NONE_TOK: Tok = Tok { w: NONE_ATOM, p: NONE_ATOM ^ 1, u: NONE_ATOM ^ 2, a: NONE_ATOM ^ 3 };
const ROOT_TOK: Tok = Tok { w: ROOT_ATOM, p: ROOT_ATOM ^ 1, u: ROOT_ATOM ^ 2, a: ROOT_ATOM ^ 3 };
/// Alternative atom of a word the tagger is sure of (or gave no runner-up for).
const SURE_ATOM: u64 = 0x5a5a_1357_2468_a5a5;

/// Upper bounds of the tagger-margin bins a runner-up tag is kept in; a
/// larger margin means the tagger is sure ([`SURE_ATOM`]).
pub const ALT_MARGIN_BINS: [f32; 3] = [10.0, 25.0, 50.0];

/// The alternative atom of a word whose runner-up XPOS is `xpos2` (hashed
/// with [`hash_str`]) at tagger margin `margin`.
#[inline]
fn alt_atom(xpos2: u64, margin: f32) -> u64 {
    match ALT_MARGIN_BINS.iter().position(|&b| margin < b) {
        Some(bin) => mix(xpos2, bin as u64 + 0x77),
        None => SURE_ATOM,
    }
}

// ---------------------------------------------------------------------------
// Parser state (arc-eager, root = index n+1 at the end of the buffer,
// index 0 = "no token" sentinel).

#[derive(Default)]
struct State {
    n: usize,
    stack: Vec<u32>,
    b: u32,
    head: Vec<u32>,
    label: Vec<u16>, // label id + 1, 0 = none
    lm1: Vec<u32>,
    lm2: Vec<u32>,
    rm1: Vec<u32>,
    rm2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    /// Non-monotonic arc-eager (see [`TrainOptions::non_monotonic`]).
    nm: bool,
}

/// Field by field, so that `clone_from` (a beam step copies a parent
/// configuration into a spare one) reuses the vectors instead of allocating.
impl Clone for State {
    fn clone(&self) -> Self {
        let mut s = State::default();
        s.clone_from(self);
        s
    }
    fn clone_from(&mut self, src: &Self) {
        // Destructured, so that a new field cannot be forgotten here.
        let State { n, stack, b, head, label, lm1, lm2, rm1, rm2, nl, nr, lset, rset, nm } = src;
        (self.n, self.b, self.nm) = (*n, *b, *nm);
        self.stack.clone_from(stack);
        for (d, s) in [&mut self.head, &mut self.lm1, &mut self.lm2, &mut self.rm1, &mut self.rm2].into_iter().zip([head, lm1, lm2, rm1, rm2]) {
            d.clone_from(s);
        }
        for (d, s) in [&mut self.label, &mut self.nl, &mut self.nr].into_iter().zip([label, nl, nr]) {
            d.clone_from(s);
        }
        self.lset.clone_from(lset);
        self.rset.clone_from(rset);
    }
}

impl State {
    fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 1;
        let m = n + 2;
        for v in [&mut self.head, &mut self.lm1, &mut self.lm2, &mut self.rm1, &mut self.rm2] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.label, &mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(m, 0);
        }
    }
    #[inline]
    fn root(&self) -> u32 {
        self.n as u32 + 1
    }
    #[inline]
    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.root()
    }
    #[inline]
    fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }
    fn valid(&self) -> [bool; NT] {
        let mut v = [false; NT];
        let at_root = self.b == self.root();
        match self.stack.last() {
            None => v[SHIFT] = !at_root,
            Some(&s) => {
                v[SHIFT] = !at_root;
                v[RIGHT] = !at_root;
                let headed = self.head[s as usize] != 0;
                if self.nm {
                    // LEFT may replace the head a RIGHT gave (not by the
                    // root); REDUCE of a headless word attaches it to s1.
                    v[LEFT] = !headed || !at_root;
                    v[REDUCE] = headed || self.stack.len() >= 2;
                } else {
                    v[LEFT] = !headed;
                    v[REDUCE] = headed;
                }
            }
        }
        v
    }
    /// Whether transition `t` builds an arc (see [`State::arc_of`]).
    #[inline]
    fn makes_arc(&self, t: usize) -> bool {
        t == LEFT || t == RIGHT || (t == REDUCE && self.nm && self.head[self.s0() as usize] == 0)
    }
    /// (head, dependent) of an arc transition.
    #[inline]
    fn arc_of(&self, t: usize) -> (u32, u32) {
        match t {
            RIGHT => (self.s0(), self.b),
            REDUCE => (self.stack[self.stack.len() - 2], self.s0()),
            _ => (self.b, self.s0()),
        }
    }
    /// Undoes the arc into `d` (a non-monotonic LEFT replacing it): `d`'s
    /// old head's children are counted again.
    fn remove_arc(&mut self, d: u32) {
        let h = self.head[d as usize];
        self.head[d as usize] = 0;
        self.label[d as usize] = 0;
        let hu = h as usize;
        self.nl[hu] = 0;
        self.nr[hu] = 0;
        self.lset[hu] = 0;
        self.rset[hu] = 0;
        self.lm1[hu] = 0;
        self.lm2[hu] = 0;
        self.rm1[hu] = 0;
        self.rm2[hu] = 0;
        for k in 1..=self.n as u32 {
            if self.head[k as usize] == h {
                let lab = self.label[k as usize] - 1;
                self.add_arc(h, k, lab);
            }
        }
    }
    fn add_arc(&mut self, h: u32, d: u32, lab: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = lab + 1;
        let bit = 1u64 << (lab & 63);
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
            if self.lm1[hu] == 0 || d < self.lm1[hu] {
                self.lm2[hu] = self.lm1[hu];
                self.lm1[hu] = d;
            } else if self.lm2[hu] == 0 || d < self.lm2[hu] {
                self.lm2[hu] = d;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
            if self.rm1[hu] == 0 || d > self.rm1[hu] {
                self.rm2[hu] = self.rm1[hu];
                self.rm1[hu] = d;
            } else if self.rm2[hu] == 0 || d > self.rm2[hu] {
                self.rm2[hu] = d;
            }
        }
    }
    fn apply(&mut self, t: usize, lab: u16) {
        match t {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            RIGHT => {
                let s = self.s0();
                self.add_arc(s, self.b, lab);
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT => {
                let s = self.stack.pop().unwrap();
                if self.head[s as usize] != 0 {
                    self.remove_arc(s);
                }
                self.add_arc(self.b, s, lab);
            }
            _ => {
                let s = self.stack.pop().unwrap();
                if self.nm && self.head[s as usize] == 0 {
                    let h = *self.stack.last().unwrap();
                    self.add_arc(h, s, lab);
                }
            }
        }
    }
    /// Goldberg & Nivre (2012) arc-eager costs w.r.t. gold heads `g`
    /// (internal indexing: root = n+1). Exact for projective gold trees.
    fn costs(&self, g: &[u32], valid: &[bool; NT]) -> [u32; NT] {
        if self.nm {
            return self.nm_costs(g, valid);
        }
        let mut c = [u32::MAX; NT];
        let b = self.b;
        let root = self.root();
        let bu = b as usize;
        if valid[SHIFT] {
            let mut x = 0;
            for &k in &self.stack {
                if g[k as usize] == b && self.head[k as usize] == 0 {
                    x += 1;
                }
                if g[bu] == k {
                    x += 1;
                }
            }
            c[SHIFT] = x;
        }
        if valid[RIGHT] {
            let s = self.s0();
            let mut x = 0;
            let gb = g[bu];
            if gb != s && (gb > b || self.stack.contains(&gb)) {
                x += 1;
            }
            for &k in &self.stack {
                if g[k as usize] == b && self.head[k as usize] == 0 {
                    x += 1;
                }
            }
            c[RIGHT] = x;
        }
        if valid[LEFT] {
            let s = self.s0();
            let mut x = 0;
            let gs = g[s as usize];
            if gs > b {
                x += 1;
            }
            for k in b..root {
                if g[k as usize] == s {
                    x += 1;
                }
            }
            c[LEFT] = x;
        }
        if valid[REDUCE] {
            let s = self.s0();
            let mut x = 0;
            for k in b..root {
                if g[k as usize] == s {
                    x += 1;
                }
            }
            c[REDUCE] = x;
        }
        c
    }
    /// Costs in the non-monotonic system (Honnibal, Goldberg & Johnson
    /// 2013): an arc into a stack word from the buffer stays reachable
    /// even if the word has a head (LEFT replaces it), and a headless
    /// word's arc from the word below it stays reachable (REDUCE builds it).
    /// SHIFT and RIGHT are costed as in the monotonic system (a repair
    /// later is not free), so on a correct path the zero-cost transitions
    /// are the monotonic ones and the new moves are learnt as repairs.
    /// (Costing them as free made the parser 0.7 UAS worse on EWT.)
    fn nm_costs(&self, g: &[u32], valid: &[bool; NT]) -> [u32; NT] {
        let mut c = [u32::MAX; NT];
        let b = self.b;
        let root = self.root();
        let bu = b as usize;
        let len = self.stack.len();
        let s0 = self.s0();
        let s1 = if len >= 2 { self.stack[len - 2] } else { 0 };
        // b's gold dependents on the stack, all lost once b leaves the buffer front.
        let deps_b = self.stack.iter().filter(|&&k| g[k as usize] == b).count() as u32;
        // s0's gold dependents in the buffer, lost once s0 leaves the stack.
        let deps_s0 = if len > 0 { (b..root).filter(|&k| g[k as usize] == s0).count() as u32 } else { 0 };
        let gb = g[bu];
        if valid[SHIFT] {
            // b's head on the stack counts as lost even if it is s0 (a later
            // REDUCE could still attach b to it, but RIGHT is the direct way:
            // the oracle keeps the monotonic derivation where it can).
            c[SHIFT] = deps_b + self.stack.contains(&gb) as u32;
        }
        if valid[RIGHT] {
            // A head of b other than s0 counts as lost, even one to its right
            // (a later LEFT could replace the arc, but the oracle keeps the
            // monotonic derivation where it can; non-monotonic transitions
            // are for repairs).
            let lost_head = gb != s0 && (gb > b || self.stack.contains(&gb));
            c[RIGHT] = deps_b + lost_head as u32;
        }
        let gs = if len > 0 { g[s0 as usize] } else { 0 };
        let hs = if len > 0 { self.head[s0 as usize] } else { 0 };
        if valid[LEFT] {
            // s0's gold arc is lost unless it is b's; it was still reachable if
            // s0 has it, if it comes from the buffer, or from s1 while s0 is headless.
            let reachable = hs == gs || gs > b || (hs == 0 && len >= 2 && gs == s1);
            c[LEFT] = deps_s0 + (gs != b && reachable) as u32;
        }
        if valid[REDUCE] {
            // A headless s0 gets s1; a head in the buffer is lost either way.
            let lost_head = gs >= b && hs != gs;
            c[REDUCE] = deps_s0 + lost_head as u32;
        }
        c
    }
}

// ---------------------------------------------------------------------------
// Features

const NTF: usize = 92;
const NLF: usize = 44;
/// Extra templates of models with tag alternatives.
const NTF_ALT: usize = 8;
const NLF_ALT: usize = 3;
const NTF_MAX: usize = NTF + NTF_ALT;
const NLF_MAX: usize = NLF + NLF_ALT;

#[inline(always)]
fn dist_bin(a: u32, b: u32) -> u64 {
    let d = a.abs_diff(b);
    match d {
        0..=5 => d as u64,
        6..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

#[inline(always)]
fn vbin(v: u16) -> u64 {
    v.min(6) as u64
}

macro_rules! feat {
    ($id:expr, $a:expr) => {
        fin(mix(($id as u64 + 1).wrapping_mul(K1), $a))
    };
    ($id:expr, $a:expr, $b:expr) => {
        fin(mix(mix(($id as u64 + 1).wrapping_mul(K1), $a), $b))
    };
    ($id:expr, $a:expr, $b:expr, $c:expr) => {
        fin(mix(mix(mix(($id as u64 + 1).wrapping_mul(K1), $a), $b), $c))
    };
    ($id:expr, $a:expr, $b:expr, $c:expr, $d:expr) => {
        fin(mix(mix(mix(mix(($id as u64 + 1).wrapping_mul(K1), $a), $b), $c), $d))
    };
}

#[allow(non_snake_case)]
fn trans_features(tk: &[Tok], st: &State, f: &mut [u64; NTF_MAX], alts: bool) {
    let n = st.n as u32;
    let len = st.stack.len();
    let s0 = st.s0();
    let s1 = if len >= 2 { st.stack[len - 2] } else { 0 };
    let s2 = if len >= 3 { st.stack[len - 3] } else { 0 };
    let n0 = st.b;
    let n1 = if n0 <= n { n0 + 1 } else { 0 };
    let n2 = if n0 < n { n0 + 2 } else { 0 };
    let (s0u, n0u) = (s0 as usize, n0 as usize);
    let s0h = st.head[s0u];
    let s0h2 = st.head[s0h as usize];
    let s0l = st.lm1[s0u];
    let s0l2 = st.lm2[s0u];
    let s0r = st.rm1[s0u];
    let s0r2 = st.rm2[s0u];
    let n0l = st.lm1[n0u];
    let n0l2 = st.lm2[n0u];
    let t = |i: u32| tk[i as usize];
    let lab = |i: u32| st.label[i as usize] as u64;
    let (S0, S1, S2, N0, N1, N2) = (t(s0), t(s1), t(s2), t(n0), t(n1), t(n2));
    let (S0H, S0H2, S0L, S0L2, S0R, S0R2, N0L, N0L2) =
        (t(s0h), t(s0h2), t(s0l), t(s0l2), t(s0r), t(s0r2), t(n0l), t(n0l2));
    let d = if s0 == 0 { 15 } else if n0 > n { 14 } else { dist_bin(s0, n0) };
    let s0vl = vbin(st.nl[s0u]);
    let s0vr = vbin(st.nr[s0u]);
    let n0vl = vbin(st.nl[n0u]);
    let s0sl = st.lset[s0u];
    let s0sr = st.rset[s0u];
    let n0sl = st.lset[n0u];
    let after_s0 = if s0 == 0 { NONE_TOK } else { t(s0 + 1) };
    let before_n0 = t(n0 - 1);
    let mut i = 0;
    let mut put = |x: u64| {
        f[i] = x;
        i += 1;
    };
    // single words
    put(feat!(1, S0.w, S0.p));
    put(feat!(2, S0.w));
    put(feat!(3, S0.p));
    put(feat!(4, N0.w, N0.p));
    put(feat!(5, N0.w));
    put(feat!(6, N0.p));
    put(feat!(7, N1.w, N1.p));
    put(feat!(8, N1.w));
    put(feat!(9, N1.p));
    put(feat!(10, N2.w, N2.p));
    put(feat!(11, N2.w));
    put(feat!(12, N2.p));
    // pairs
    put(feat!(13, S0.w, S0.p, N0.w, N0.p));
    put(feat!(14, S0.w, S0.p, N0.w));
    put(feat!(15, S0.w, N0.w, N0.p));
    put(feat!(16, S0.w, S0.p, N0.p));
    put(feat!(17, S0.p, N0.w, N0.p));
    put(feat!(18, S0.w, N0.w));
    put(feat!(19, S0.p, N0.p));
    put(feat!(20, N0.p, N1.p));
    // triples
    put(feat!(21, N0.p, N1.p, N2.p));
    put(feat!(22, S0.p, N0.p, N1.p));
    put(feat!(23, S0H.p, S0.p, N0.p));
    put(feat!(24, S0.p, S0L.p, N0.p));
    put(feat!(25, S0.p, S0R.p, N0.p));
    put(feat!(26, S0.p, N0.p, N0L.p));
    // distance
    put(feat!(27, S0.w, d));
    put(feat!(28, S0.p, d));
    put(feat!(29, N0.w, d));
    put(feat!(30, N0.p, d));
    put(feat!(31, S0.w, N0.w, d));
    put(feat!(32, S0.p, N0.p, d));
    // valency
    put(feat!(33, S0.w, s0vr));
    put(feat!(34, S0.p, s0vr));
    put(feat!(35, S0.w, s0vl));
    put(feat!(36, S0.p, s0vl));
    put(feat!(37, N0.w, n0vl));
    put(feat!(38, N0.p, n0vl));
    // unigrams of structure
    put(feat!(39, S0H.w));
    put(feat!(40, S0H.p));
    put(feat!(41, lab(s0)));
    put(feat!(42, S0L.w));
    put(feat!(43, S0L.p));
    put(feat!(44, lab(s0l)));
    put(feat!(45, S0R.w));
    put(feat!(46, S0R.p));
    put(feat!(47, lab(s0r)));
    put(feat!(48, N0L.w));
    put(feat!(49, N0L.p));
    put(feat!(50, lab(n0l)));
    // third order
    put(feat!(51, S0H2.w));
    put(feat!(52, S0H2.p));
    put(feat!(53, lab(s0h)));
    put(feat!(54, S0L2.w));
    put(feat!(55, S0L2.p));
    put(feat!(56, lab(s0l2)));
    put(feat!(57, S0R2.w));
    put(feat!(58, S0R2.p));
    put(feat!(59, lab(s0r2)));
    put(feat!(60, N0L2.w));
    put(feat!(61, N0L2.p));
    put(feat!(62, lab(n0l2)));
    put(feat!(63, S0.p, S0L.p, S0L2.p));
    put(feat!(64, S0.p, S0R.p, S0R2.p));
    put(feat!(65, S0.p, S0H.p, S0H2.p));
    put(feat!(66, N0.p, N0L.p, N0L2.p));
    // label sets
    put(feat!(67, S0.w, s0sr));
    put(feat!(68, S0.p, s0sr));
    put(feat!(69, S0.w, s0sl));
    put(feat!(70, S0.p, s0sl));
    put(feat!(71, N0.w, n0sl));
    put(feat!(72, N0.p, n0sl));
    // extras: s1, s2, UPOS, surface context
    put(feat!(73, S1.p));
    put(feat!(74, S1.w));
    put(feat!(75, S1.p, S0.p, N0.p));
    put(feat!(76, S1.p, S0.p));
    put(feat!(77, S0.u, N0.u));
    put(feat!(78, S0.u, N0.u, N1.u));
    put(feat!(79, S1.u, S0.u, N0.u));
    put(feat!(80, S0.u, lab(s0)));
    put(feat!(81, N0.u, N0.w));
    put(feat!(82, S2.p, S1.p, S0.p));
    put(feat!(83, S0.p, after_s0.p, N0.p));
    put(feat!(84, S0.p, before_n0.p, N0.p));
    put(feat!(85, S0.w, S1.w));
    put(feat!(86, N0.w, N1.w));
    put(feat!(87, S0.p, lab(s0), N0.p));
    put(feat!(88, S1.p, lab(s1), S0.p, N0.p));
    put(feat!(89, S0.p, N0.p, lab(n0l), lab(s0r)));
    put(feat!(90, S0.u, S0H.u, N0.u, (s0h == 0) as u64));
    put(feat!(91, S1.w, N0.p));
    put(feat!(92, S0.p, N0.p, N1.p, d));
    if alts {
        // The tagger's runner-up where it hesitated.
        put(feat!(93, N0.a));
        put(feat!(94, N0.a, N0.p));
        put(feat!(95, S0.a, S0.p));
        put(feat!(96, N0.a, S0.p));
        put(feat!(97, S0.a, N0.p));
        put(feat!(98, N0.w, N0.a));
        put(feat!(99, N1.a, N0.p));
        put(feat!(100, S0.a, N0.a));
    }
}

/// Features of the label decision for the arc `h -> d` about to be built.
#[allow(non_snake_case)]
fn label_features(tk: &[Tok], st: &State, h: u32, d: u32, f: &mut [u64; NLF_MAX], alts: bool) {
    let (hu, du) = (h as usize, d as usize);
    let t = |i: u32| tk[i as usize];
    let lab = |i: u32| st.label[i as usize] as u64;
    let (H, D) = (t(h), t(d));
    let dir = (d < h) as u64;
    let dist = dist_bin(h, d);
    let dl = st.lm1[du];
    let dr = st.rm1[du];
    let hl = st.lm1[hu];
    let hr = st.rm1[hu];
    let hh = st.head[hu];
    let (DL, DR, HL, HR, HH) = (t(dl), t(dr), t(hl), t(hr), t(hh));
    let (DP, DN) = (t(d - 1), t(d + 1));
    let (HP, HN) = (t(h - 1), t(h + 1));
    let dsl = st.lset[du];
    let dsr = st.rset[du];
    let hsl = st.lset[hu];
    let hsr = st.rset[hu];
    let mut i = 0;
    let mut put = |x: u64| {
        f[i] = x;
        i += 1;
    };
    put(feat!(201, D.w));
    put(feat!(202, D.p, dir));
    put(feat!(203, D.u, D.p));
    put(feat!(204, H.w));
    put(feat!(205, H.p, dir));
    put(feat!(206, H.u, dir));
    put(feat!(207, D.w, H.p, dir));
    put(feat!(208, D.p, H.w, dir));
    put(feat!(209, D.p, H.p));
    put(feat!(210, D.w, H.w));
    put(feat!(211, D.p, H.p, dir));
    put(feat!(212, D.p, H.p, dist, dir));
    put(feat!(213, D.w, dir));
    put(feat!(214, D.u, H.u, dir));
    put(feat!(215, D.p, lab(dl)));
    put(feat!(216, D.p, lab(dr)));
    put(feat!(217, D.p, dsl));
    put(feat!(218, D.p, dsr));
    put(feat!(219, H.p, hsl, dir));
    put(feat!(220, H.p, hsr, dir));
    put(feat!(221, H.p, lab(h), dir));
    put(feat!(222, D.p, DL.p));
    put(feat!(223, D.p, DL.w));
    put(feat!(224, D.p, DR.p));
    put(feat!(225, D.p, DR.w));
    put(feat!(226, D.p, DP.p, DN.p));
    put(feat!(227, D.w, DN.p));
    put(feat!(228, D.p, DN.w));
    put(feat!(229, D.p, DP.w));
    put(feat!(230, D.p, H.p, HH.p));
    put(feat!(231, H.p, HL.p, D.p, dir));
    put(feat!(232, H.p, HR.p, D.p, dir));
    put(feat!(233, H.p, lab(hl), D.p, dir));
    put(feat!(234, H.p, lab(hr), D.p, dir));
    put(feat!(235, H.w, D.p, dsl, dir));
    put(feat!(236, D.p, H.p, dsl, dir));
    put(feat!(237, D.p, H.p, hsl, dir));
    put(feat!(238, HP.p, H.p, HN.p, D.p));
    put(feat!(239, D.w, D.p, H.w, H.p));
    put(feat!(240, D.w, DL.w));
    put(feat!(241, D.p, HH.w, lab(h)));
    put(feat!(242, D.u, st.nl[du].min(4) as u64, st.nr[du].min(4) as u64, dir));
    put(feat!(243, H.u, lab(h), D.u, dir));
    put(feat!(244, D.p, H.p, (st.b == st.root()) as u64, dist));
    if alts {
        put(feat!(245, D.a, D.p));
        put(feat!(246, D.a, H.p, dir));
        put(feat!(247, H.a, D.p, dir));
    }
}

// ---------------------------------------------------------------------------
// Training-time averaged perceptron

struct Avg {
    k: usize,
    index: FxHashMap<u64, u32>,
    w: Vec<f32>,
    u: Vec<f32>,
}

impl Avg {
    fn new(k: usize) -> Self {
        Avg { k, index: FxHashMap::default(), w: Vec::new(), u: Vec::new() }
    }
    fn score(&self, feats: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * self.k..][..self.k];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }
    /// First weight of feature `f`'s row (a new zero row if unseen).
    fn row(&mut self, f: u64) -> usize {
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next) as usize;
        if r == next as usize {
            self.w.resize(self.w.len() + self.k, 0.0);
            self.u.resize(self.u.len() + self.k, 0.0);
        }
        r * self.k
    }
    fn update(&mut self, feats: &[u64], good: usize, bad: usize, c: f32) {
        for &f in feats {
            let base = self.row(f);
            self.w[base + good] += 1.0;
            self.u[base + good] += c;
            self.w[base + bad] -= 1.0;
            self.u[base + bad] -= c;
        }
    }
    /// Adds `delta` to class `class` of every feature (one side of a
    /// global update).
    fn add(&mut self, feats: &[u64], class: usize, delta: f32, c: f32) {
        for &f in feats {
            let base = self.row(f);
            self.w[base + class] += delta;
            self.u[base + class] += delta * c;
        }
    }
    /// Averaged, pruned and quantised weights: (keys, i16 rows, scale).
    fn finish(&self, c: f32) -> (Vec<u64>, Vec<i16>) {
        let k = self.k;
        let avg: Vec<f32> = self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect();
        let max = avg.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
        let scale = 32000.0 / max;
        let mut entries: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        entries.sort_unstable();
        let mut keys = Vec::new();
        let mut rows = Vec::new();
        for (key, r) in entries {
            let row = &avg[r as usize * k..][..k];
            let q: Vec<i16> = row.iter().map(|x| (x * scale).round() as i16).collect();
            if q.iter().all(|&x| x == 0) {
                continue;
            }
            keys.push(key);
            rows.extend_from_slice(&q);
        }
        (keys, rows)
    }
}

// ---------------------------------------------------------------------------
// Inference tables

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    #[allow(unused_unsafe)]
    // SAFETY: prefetching is a hint and never faults, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch(p as *const i8, core::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct TSlot {
    key: u64,
    w: [i16; NT],
}

// SAFETY: integers only; all-zero is the empty slot.
unsafe impl Zeroable for TSlot {}

/// Table geometry: a power-of-two size at most half full; a key's home slot
/// is given by its *high* bits, so inserting keys in sorted order fills the
/// table sequentially (fast loading).
#[derive(Clone, Copy)]
struct Geom {
    shift: u32,
    mask: usize,
}

impl Geom {
    fn new(n: usize) -> Geom {
        let size = (n + n / 2).next_power_of_two().max(16);
        Geom { shift: 64 - size.trailing_zeros(), mask: size - 1 }
    }
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize
    }
    fn size(&self) -> usize {
        self.mask + 1
    }
}

fn check_keys(keys: &[u64]) -> Result<(), ModelError> {
    if keys.first() == Some(&0) || keys.windows(2).any(|w| w[0] >= w[1]) {
        return Err(ModelError::Corrupt("feature keys not strictly increasing and non-zero".into()));
    }
    Ok(())
}

/// Open-addressing table of the transition weights (key and 4 weights in one slot).
struct TransTable {
    g: Geom,
    slots: HugeBuf<TSlot>,
    len: usize,
}

impl TransTable {
    /// `keys` sorted, non-zero, unique; `rows` holds NT weights per key.
    fn build(keys: &[u64], rows: &[i16]) -> Result<Self, ModelError> {
        check_keys(keys)?;
        let g = Geom::new(keys.len());
        let mut slots = HugeBuf::<TSlot>::zeroed(g.size());
        for (j, &key) in keys.iter().enumerate() {
            let mut i = g.home(key);
            while slots[i].key != 0 {
                i = (i + 1) & g.mask;
            }
            slots[i].key = key;
            slots[i].w.copy_from_slice(&rows[j * NT..][..NT]);
        }
        Ok(TransTable { g, slots, len: keys.len() })
    }
    #[inline]
    fn score(&self, feats: &[u64], out: &mut [i32; NT]) {
        for &f in feats {
            prefetch(&self.slots[self.g.home(f)]);
        }
        *out = [0; NT];
        for &f in feats {
            let mut i = self.g.home(f);
            loop {
                let s = &self.slots[i];
                if s.key == f {
                    for (o, w) in out.iter_mut().zip(s.w) {
                        *o += w as i32;
                    }
                    break;
                }
                if s.key == 0 {
                    break;
                }
                i = (i + 1) & self.g.mask;
            }
        }
    }
    fn export(&self) -> (Vec<u64>, Vec<i16>) {
        let mut e: Vec<&TSlot> = self.slots.iter().filter(|s| s.key != 0).collect();
        e.sort_unstable_by_key(|s| s.key);
        (e.iter().map(|s| s.key).collect(), e.iter().flat_map(|s| s.w).collect())
    }
}

/// A label-table slot in one word: the low 32 bits of the feature key
/// (its high bits give the home slot; keys are odd, so a used slot is never
/// 0), the row's first entry (24 bits) and its length (8 bits).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
#[repr(transparent)]
struct LSlot(u64);

// SAFETY: an integer; zero is the empty slot.
unsafe impl Zeroable for LSlot {}

/// Largest number of label entries a packed [`LSlot`] can address.
const LSLOT_MAX_ENTS: usize = 1 << 24;

impl LSlot {
    #[inline(always)]
    fn fp(key: u64) -> u32 {
        key as u32
    }
    #[inline(always)]
    fn start(self) -> usize {
        ((self.0 >> 32) & 0xff_ffff) as usize
    }
    #[inline(always)]
    fn len(self) -> usize {
        (self.0 >> 56) as usize
    }
}

/// Open-addressing table of the label-model rows, stored sparsely as
/// `(label, weight)` entries (most features only ever saw a few labels).
/// The sorted keys and row lengths are kept beside the table for
/// [`LabelTable::export`].
struct LabelTable {
    k: usize,
    g: Geom,
    slots: HugeBuf<LSlot>,
    ents: HugeBuf<(u16, i16)>,
    keys: Vec<u64>,
    counts: Vec<u16>,
    len: usize,
}

impl LabelTable {
    /// `keys` sorted, non-zero, unique; `counts[j]` entries of `ents` belong to key `j`.
    fn build(k: usize, keys: &[u64], counts: &[u16], ents: Vec<(u16, i16)>) -> Result<Self, ModelError> {
        check_keys(keys)?;
        if counts.len() != keys.len() || counts.iter().map(|&c| c as usize).sum::<usize>() != ents.len() {
            return Err(ModelError::Corrupt("label table sizes do not match".into()));
        }
        if ents.iter().any(|&(l, _)| l as usize >= k) {
            return Err(ModelError::Corrupt("label id out of range".into()));
        }
        if ents.len() > LSLOT_MAX_ENTS || counts.iter().any(|&c| c > 255) {
            return Err(ModelError::Corrupt("label table too large (at most 2^24 entries, 255 a feature)".into()));
        }
        let g = Geom::new(keys.len());
        let mut slots = HugeBuf::<LSlot>::zeroed(g.size());
        let mut start = 0u64;
        for (j, &key) in keys.iter().enumerate() {
            let mut i = g.home(key);
            while slots[i].0 != 0 {
                i = (i + 1) & g.mask;
            }
            // Keys are odd (`fin`), so the fingerprint and the slot are non-zero.
            slots[i] = LSlot(LSlot::fp(key) as u64 | start << 32 | (counts[j] as u64) << 56);
            start += counts[j] as u64;
        }
        Ok(LabelTable {
            k,
            g,
            slots,
            ents: HugeBuf::from_slice(&ents),
            keys: keys.to_vec(),
            counts: counts.to_vec(),
            len: keys.len(),
        })
    }
    fn from_dense(k: usize, keys: &[u64], rows: &[i16]) -> Result<Self, ModelError> {
        let mut counts = Vec::with_capacity(keys.len());
        let mut ents = Vec::new();
        for row in rows.chunks_exact(k.max(1)) {
            let before = ents.len();
            ents.extend(row.iter().enumerate().filter(|(_, &w)| w != 0).map(|(l, &w)| (l as u16, w)));
            counts.push((ents.len() - before) as u16);
        }
        LabelTable::build(k, keys, &counts, ents)
    }
    #[inline]
    fn score(&self, feats: &[u64], out: &mut [i32]) {
        for &f in feats {
            prefetch(&self.slots[self.g.home(f)]);
        }
        // Phase 1: find the rows (and prefetch them), phase 2: add them up,
        // so that the cache misses on slots and on rows overlap.
        let mut found = [(0u32, 0u32); NLF_MAX];
        let mut nf = 0;
        for &f in feats {
            let fp = LSlot::fp(f);
            let mut i = self.g.home(f);
            loop {
                let s = self.slots[i];
                if s.0 as u32 == fp {
                    if s.len() > 0 {
                        prefetch(&self.ents[s.start()]);
                        found[nf] = (s.start() as u32, s.len() as u32);
                        nf += 1;
                    }
                    break;
                }
                if s.0 == 0 {
                    break;
                }
                i = (i + 1) & self.g.mask;
            }
        }
        out.fill(0);
        for &(start, len) in &found[..nf] {
            for &(l, w) in &self.ents[start as usize..][..len as usize] {
                if let Some(o) = out.get_mut(l as usize) {
                    *o += w as i32;
                }
            }
        }
    }
    /// (sorted keys, entry counts, entries).
    fn export(&self) -> (Vec<u64>, Vec<u16>, Vec<(u16, i16)>) {
        (self.keys.clone(), self.counts.clone(), self.ents.to_vec())
    }
}

// ---------------------------------------------------------------------------
// Beam search

/// One transition of a hypothesis, in the beam's back-pointer arena.
#[derive(Clone, Copy)]
struct Node {
    /// Previous node, `u32::MAX` at the start.
    parent: u32,
    t: u8,
    lab: u16,
}

/// A beam hypothesis: its configuration, summed transition score and last node.
#[derive(Default, Clone)]
struct Hyp<S> {
    st: State,
    score: S,
    node: u32,
}

/// The beam: `len` live hypotheses in `cur` (best first), spare ones in
/// `next`, the candidate list and the back-pointer arena. Every arc-eager
/// derivation of a sentence has 2n transitions (each word enters the stack
/// once and leaves it once), so all hypotheses finish together.
#[derive(Default)]
struct Beam<S> {
    cur: Vec<Hyp<S>>,
    next: Vec<Hyp<S>>,
    len: usize,
    /// (score, hypothesis, transition) of the kept expansions, best first.
    cands: Vec<(S, u32, u8)>,
    nodes: Vec<Node>,
}

impl<S: Copy + Default + PartialOrd + std::ops::Add<Output = S>> Beam<S> {
    fn start(&mut self, n: usize, nm: bool) {
        if self.cur.is_empty() {
            self.cur.push(Hyp::default());
        }
        let h = &mut self.cur[0];
        h.st.nm = nm;
        h.st.reset(n);
        h.score = S::default();
        h.node = u32::MAX;
        self.len = 1;
        self.nodes.clear();
    }
    fn best(&self) -> &Hyp<S> {
        &self.cur[0]
    }
    fn terminal(&self) -> bool {
        self.cur[0].st.terminal()
    }
    /// Expands every hypothesis by its valid transitions (`score` gives the
    /// transition scores of a configuration with more than one; a forced
    /// transition adds nothing, as greedy parsing never scores it) and keeps
    /// the `width` best. The sort is stable and candidates are listed by
    /// hypothesis then transition, so ties go to the earlier one and width 1
    /// is exactly the greedy argmax. `label` gives the relation of an arc
    /// transition from its parent configuration.
    fn step(&mut self, width: usize, mut score: impl FnMut(&State, &mut [S; NT]), mut label: impl FnMut(&State, usize) -> u16) {
        self.cands.clear();
        let mut ts = [S::default(); NT];
        for (i, h) in self.cur[..self.len].iter().enumerate() {
            let valid = h.st.valid();
            if valid.iter().filter(|&&v| v).count() == 1 {
                let t = valid.iter().position(|&v| v).unwrap_or(SHIFT);
                self.cands.push((h.score, i as u32, t as u8));
            } else {
                score(&h.st, &mut ts);
                for t in (0..NT).filter(|&t| valid[t]) {
                    self.cands.push((h.score + ts[t], i as u32, t as u8));
                }
            }
        }
        self.cands.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        self.cands.truncate(width.max(1));
        if self.next.len() < self.cands.len() {
            self.next.resize_with(self.cands.len(), Hyp::default);
        }
        for (j, &(s, i, t)) in self.cands.iter().enumerate() {
            let parent = &self.cur[i as usize];
            let t = t as usize;
            let lab = if parent.st.makes_arc(t) { label(&parent.st, t) } else { 0 };
            let h = &mut self.next[j];
            h.st.clone_from(&parent.st);
            h.st.apply(t, lab);
            h.score = s;
            self.nodes.push(Node { parent: parent.node, t: t as u8, lab });
            h.node = self.nodes.len() as u32 - 1;
        }
        self.len = self.cands.len();
        std::mem::swap(&mut self.cur, &mut self.next);
    }
    /// The transitions (with labels) that led to `node`, first first.
    fn path(&self, mut node: u32, out: &mut Vec<(u8, u16)>) {
        out.clear();
        while let Some(nd) = self.nodes.get(node as usize) {
            out.push((nd.t, nd.lab));
            node = nd.parent;
        }
        out.reverse();
    }
}

/// A training sentence: token atoms, gold heads (root = n+1), gold labels.
struct Item {
    toks: Vec<Tok>,
    gold: Vec<u32>,
    glab: Vec<u16>,
}

/// Scratch of the global (beam) training of the transition model.
#[derive(Default)]
struct BeamTrainer {
    beam: Beam<f64>,
    gold: State,
    gseq: Vec<(u8, u16)>,
    pseq: Vec<(u8, u16)>,
    replay: State,
    /// Sentences seen and sentences that needed an update, labels seen and right.
    sents: usize,
    updates: usize,
    labels: usize,
    labels_right: usize,
}

/// Model and counters the global training updates.
struct Models<'a> {
    tm: &'a mut Avg,
    lm: &'a mut Avg,
    tc: f32,
    lc: &'a mut f32,
    root_label: usize,
    alts: bool,
}

impl BeamTrainer {
    /// One sentence of global training with the max-violation update
    /// (Huang, Fayong & Guo 2012): the beam and the gold derivation advance
    /// together; at the step where the best hypothesis beats the gold prefix
    /// by the most, the gold prefix's features are rewarded and the best
    /// hypothesis's penalised. The gold derivation takes, where several
    /// transitions cost nothing (Goldberg & Nivre's oracle), the one the
    /// model prefers. The label model learns from the gold derivation's arcs
    /// as in greedy training; hypotheses label a gold arc with its gold
    /// relation (so the gold prefix is a hypothesis like any other), other
    /// arcs by the label model.
    fn sentence(&mut self, it: &Item, width: usize, nm: bool, m: &mut Models) {
        let alts = m.alts;
        let (ntf, nlf) = if alts { (NTF_MAX, NLF_MAX) } else { (NTF, NLF) };
        let n = it.toks.len() - 3;
        let root = n as u32 + 1;
        let root_label = m.root_label;
        self.beam.start(n, nm);
        self.gold.nm = nm;
        self.gold.reset(n);
        self.gseq.clear();
        let mut tf = [0u64; NTF_MAX];
        let mut lf = [0u64; NLF_MAX];
        let mut ts = [0f32; NT];
        let mut ls = vec![0f32; m.lm.k];
        let mut gscore = 0f64;
        // Index of the gold prefix in the beam while it is there.
        let mut gpos = Some(0usize);
        // (violation, steps, best hypothesis's node) at the largest violation.
        let mut worst: Option<(f64, usize, u32)> = None;
        while !self.gold.terminal() {
            let valid = self.gold.valid();
            let gt = if valid.iter().filter(|&&v| v).count() == 1 {
                valid.iter().position(|&v| v).unwrap_or(SHIFT)
            } else {
                trans_features(&it.toks, &self.gold, &mut tf, alts);
                m.tm.score(&tf[..ntf], &mut ts);
                let costs = self.gold.costs(&it.gold, &valid);
                let min = costs.iter().copied().min().unwrap_or(0);
                let mut zero = [false; NT];
                for k in 0..NT {
                    zero[k] = valid[k] && costs[k] == min;
                }
                let g = argmax_valid(&ts, &zero);
                gscore += ts[g] as f64;
                g
            };
            let mut glab = 0u16;
            if self.gold.makes_arc(gt) {
                let (h, d) = self.gold.arc_of(gt);
                glab = if h == root {
                    root_label as u16
                } else {
                    label_features(&it.toks, &self.gold, h, d, &mut lf, alts);
                    m.lm.score(&lf[..nlf], &mut ls);
                    let pred = best_label(&ls, root_label);
                    if it.gold[d as usize] == h {
                        let g = it.glab[d as usize] as usize;
                        self.labels += 1;
                        if pred == g {
                            self.labels_right += 1;
                        } else {
                            m.lm.update(&lf[..nlf], g, pred, *m.lc);
                        }
                        *m.lc += 1.0;
                        g as u16
                    } else {
                        pred as u16
                    }
                };
            }
            {
                let (tm, lm) = (&*m.tm, &*m.lm);
                let mut ts = [0f32; NT];
                self.beam.step(
                    width,
                    |st, out| {
                        trans_features(&it.toks, st, &mut tf, alts);
                        tm.score(&tf[..ntf], &mut ts);
                        for (o, &x) in out.iter_mut().zip(&ts) {
                            *o = x as f64;
                        }
                    },
                    |st, t| {
                        let (h, d) = st.arc_of(t);
                        if h == root {
                            root_label as u16
                        } else if it.gold[d as usize] == h {
                            it.glab[d as usize]
                        } else {
                            label_features(&it.toks, st, h, d, &mut lf, alts);
                            lm.score(&lf[..nlf], &mut ls);
                            best_label(&ls, root_label) as u16
                        }
                    },
                );
            }
            gpos = gpos.and_then(|gp| self.beam.cands.iter().position(|&(_, i, t)| i as usize == gp && t as usize == gt));
            self.gold.apply(gt, glab);
            self.gseq.push((gt as u8, glab));
            if gpos != Some(0) {
                let top = self.beam.best();
                let v = top.score - gscore;
                if v >= 0.0 && worst.is_none_or(|(w, _, _)| v >= w) {
                    worst = Some((v, self.gseq.len(), top.node));
                }
            }
        }
        self.sents += 1;
        // No update when the gold derivation ends up best.
        let Some((_, k, node)) = worst.filter(|_| gpos != Some(0)) else { return };
        self.updates += 1;
        self.beam.path(node, &mut self.pseq);
        let gseq = &self.gseq[..k];
        let common = gseq.iter().zip(&self.pseq).take_while(|(a, b)| a == b).count();
        for (seq, delta) in [(gseq, 1f32), (&self.pseq[..], -1f32)] {
            self.replay.nm = nm;
            self.replay.reset(n);
            for (j, &(t, lab)) in seq.iter().enumerate() {
                let t = t as usize;
                if j >= common {
                    let valid = self.replay.valid();
                    if valid.iter().filter(|&&v| v).count() > 1 {
                        trans_features(&it.toks, &self.replay, &mut tf, alts);
                        m.tm.add(&tf[..ntf], t, delta, m.tc);
                    }
                }
                self.replay.apply(t, lab);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The parser

/// A trained dependency parser. Immutable, `Send + Sync`; share it freely
/// between threads (each thread parses with its own [`ParserWorker`]).
pub struct Parser {
    labels: Vec<String>,
    root_label: u16,
    trans: TransTable,
    lab: LabelTable,
    /// Non-monotonic arc-eager transitions (see [`TrainOptions::non_monotonic`]).
    nonmono: bool,
    /// Templates over the tagger's runner-up tags (see [`TrainOptions::tag_alts`]).
    alts: bool,
    /// Beam width of decoding (1: greedy), see [`TrainOptions::beam`].
    beam: usize,
    /// Width the model was trained for (saved in the model file).
    trained_beam: usize,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("labels", &self.labels.len())
            .field("transition_features", &self.trans.len)
            .field("label_features", &self.lab.len)
            .field("label_entries", &self.lab.ents.len())
            .field("beam", &self.beam)
            .finish()
    }
}

/// Per-thread scratch buffers of the parser; reuse one per thread so that
/// parsing allocates nothing in steady state.
#[derive(Default)]
pub struct ParserWorker {
    toks: Vec<Tok>,
    st: State,
    lscores: Vec<i32>,
    sizes: Vec<u32>,
    beam: Beam<i64>,
}

impl ParserWorker {
    /// Empty scratch buffers.
    pub fn new() -> Self {
        Self::default()
    }
}

thread_local! {
    static WORKER: RefCell<ParserWorker> = RefCell::new(ParserWorker::new());
}

/// The parser's feature atoms of a tagger's UPOS and XPOS names, indexed by
/// tag id, for [`Parser::parse_with_ids`].
#[derive(Debug, Clone)]
pub struct TagAtoms {
    upos: Vec<u64>,
    xpos: Vec<u64>,
    unknown: u64,
}

impl TagAtoms {
    /// Atoms of the names `upos[id]` and `xpos[id]` (e.g.
    /// `Tagger::upos_names()`, `Tagger::xpos_names()`).
    pub fn new(upos: &[String], xpos: &[String]) -> Self {
        TagAtoms {
            upos: upos.iter().map(|t| hash_str(t)).collect(),
            xpos: xpos.iter().map(|t| hash_str(t)).collect(),
            unknown: hash_str(""),
        }
    }
    #[inline]
    fn upos(&self, id: u8) -> u64 {
        self.upos.get(id as usize).copied().unwrap_or(self.unknown)
    }
    #[inline]
    fn xpos(&self, id: u16) -> u64 {
        self.xpos.get(id as usize).copied().unwrap_or(self.unknown)
    }
}

fn fill_toks<'a>(toks: &mut Vec<Tok>, n: usize, word: impl Fn(usize) -> (&'a str, &'a str, &'a str, u64)) {
    toks.clear();
    toks.push(NONE_TOK);
    for i in 0..n {
        let (w, u, x, a) = word(i);
        toks.push(Tok { w: hash_word(w), p: hash_str(x), u: hash_str(u), a });
    }
    toks.push(ROOT_TOK);
    toks.push(NONE_TOK);
}

/// The alternative atom of a CoNLL-U word (its MISC `HeraldAlt=` item),
/// [`SURE_ATOM`] without one.
fn misc_alt(misc: &str) -> u64 {
    match crate::tagger::alt_misc(misc) {
        Some((_, x2, m)) => alt_atom(hash_str(x2), m),
        None => SURE_ATOM,
    }
}

fn argmax_valid<T: PartialOrd + Copy>(scores: &[T; NT], valid: &[bool; NT]) -> usize {
    let mut best = usize::MAX;
    for t in 0..NT {
        if valid[t] && (best == usize::MAX || scores[t] > scores[best]) {
            best = t;
        }
    }
    best
}

/// Label argmax honouring the root constraint: `root` iff the head is the root.
fn best_label<T: PartialOrd + Copy>(scores: &[T], root_label: usize) -> usize {
    let mut best = usize::MAX;
    for (l, &s) in scores.iter().enumerate() {
        if l != root_label && (best == usize::MAX || s > scores[best]) {
            best = l;
        }
    }
    if best == usize::MAX {
        root_label
    } else {
        best
    }
}

impl Parser {
    /// Number of dependency relations the model knows.
    pub fn num_deprels(&self) -> usize {
        self.labels.len()
    }

    /// Name of relation `id` (e.g. `"nsubj:pass"`); `"dep"` for an unknown id.
    pub fn deprel_name(&self, id: u16) -> &str {
        self.labels.get(id as usize).map(String::as_str).unwrap_or("dep")
    }

    /// Id of relation `name`, if the model knows it.
    pub fn deprel_id(&self, name: &str) -> Option<u16> {
        self.labels.iter().position(|l| l == name).map(|i| i as u16)
    }

    /// All relation names, indexed by id.
    pub fn deprels(&self) -> &[String] {
        &self.labels
    }

    /// Parses one sentence with a thread-local [`ParserWorker`].
    ///
    /// `upos` and `xpos` are tag names (any tag set the model was trained
    /// with; `"_"` when unknown). `out` is cleared and receives one [`Arc`]
    /// per word; the result is always a tree with exactly one word attached
    /// to the root (empty input gives empty output).
    pub fn parse(&self, words: &[&str], upos: &[&str], xpos: &[&str], out: &mut Vec<Arc>) -> Result<(), ParseError> {
        WORKER.with(|w| match w.try_borrow_mut() {
            Ok(mut w) => self.parse_with(&mut w, words, upos, xpos, out),
            Err(_) => self.parse_with(&mut ParserWorker::new(), words, upos, xpos, out),
        })
    }

    /// Like [`Parser::parse`] with explicit scratch buffers.
    pub fn parse_with(
        &self,
        w: &mut ParserWorker,
        words: &[&str],
        upos: &[&str],
        xpos: &[&str],
        out: &mut Vec<Arc>,
    ) -> Result<(), ParseError> {
        self.parse_names(w, words, upos, xpos, (self.beam > 1).then_some(self.beam), out)
    }

    /// Like [`Parser::parse_with`], decoding with a beam of `width`
    /// hypotheses (clamped to 1..=[`MAX_BEAM`]) whatever the model's own
    /// width; width 1 gives the greedy parse.
    pub fn parse_with_beam(
        &self,
        w: &mut ParserWorker,
        words: &[&str],
        upos: &[&str],
        xpos: &[&str],
        width: usize,
        out: &mut Vec<Arc>,
    ) -> Result<(), ParseError> {
        self.parse_names(w, words, upos, xpos, Some(width.clamp(1, MAX_BEAM)), out)
    }

    fn parse_names(
        &self,
        w: &mut ParserWorker,
        words: &[&str],
        upos: &[&str],
        xpos: &[&str],
        beam_width: Option<usize>,
        out: &mut Vec<Arc>,
    ) -> Result<(), ParseError> {
        let n = words.len();
        if upos.len() != n || xpos.len() != n {
            return Err(ParseError::LengthMismatch { words: n, upos: upos.len(), xpos: xpos.len() });
        }
        if n > MAX_WORDS {
            return Err(ParseError::TooLong(n));
        }
        fill_toks(&mut w.toks, n, |i| (words[i], upos[i], xpos[i], SURE_ATOM));
        self.run_with(w, n, beam_width, out);
        Ok(())
    }

    /// Like [`Parser::parse_with`], with the tags given as a tagger's ids
    /// and `atoms` made once from that tagger's tag names
    /// ([`TagAtoms::new`]): the same parse, without hashing tag names per
    /// word. An id out of range reads as the empty name, as
    /// `Tagger::upos_name` gives it.
    pub fn parse_with_ids(
        &self,
        w: &mut ParserWorker,
        atoms: &TagAtoms,
        words: &[&str],
        tags: &[TagResult],
        out: &mut Vec<Arc>,
    ) -> Result<(), ParseError> {
        self.parse_ids(w, atoms, words, tags, None, out)
    }

    fn parse_ids(
        &self,
        w: &mut ParserWorker,
        atoms: &TagAtoms,
        words: &[&str],
        tags: &[TagResult],
        alts: Option<&[TagAlt]>,
        out: &mut Vec<Arc>,
    ) -> Result<(), ParseError> {
        let n = words.len();
        if tags.len() != n || alts.is_some_and(|a| a.len() != n) {
            return Err(ParseError::LengthMismatch { words: n, upos: tags.len(), xpos: alts.map_or(tags.len(), |a| a.len()) });
        }
        if n > MAX_WORDS {
            return Err(ParseError::TooLong(n));
        }
        let toks = &mut w.toks;
        toks.clear();
        toks.push(NONE_TOK);
        toks.extend(words.iter().zip(tags).enumerate().map(|(i, (w, t))| Tok {
            w: hash_word(w),
            p: atoms.xpos(t.xpos),
            u: atoms.upos(t.upos),
            a: match alts {
                Some(a) if self.alts => alt_atom(atoms.xpos(a[i].xpos), a[i].margin),
                _ => SURE_ATOM,
            },
        }));
        toks.push(ROOT_TOK);
        toks.push(NONE_TOK);
        self.run(w, n, out);
        Ok(())
    }

    /// True if the model reads the tagger's runner-up tags
    /// ([`Parser::parse_with_alts`]); other models ignore them.
    pub fn uses_tag_alts(&self) -> bool {
        self.alts
    }

    /// Like [`Parser::parse_with_ids`], with the tagger's runner-up tag of
    /// every word (`Tagger::tag_alts_with`), which models trained with tag
    /// alternatives read ([`Parser::uses_tag_alts`]). For other models the
    /// result is that of [`Parser::parse_with_ids`].
    pub fn parse_with_alts(
        &self,
        w: &mut ParserWorker,
        atoms: &TagAtoms,
        words: &[&str],
        tags: &[TagResult],
        alts: &[TagAlt],
        out: &mut Vec<Arc>,
    ) -> Result<(), ParseError> {
        self.parse_ids(w, atoms, words, tags, Some(alts), out)
    }

    /// Parses a CoNLL-U sentence in place from its FORM, UPOS and XPOS
    /// columns, overwriting HEAD and DEPREL.
    pub fn parse_sentence(&self, s: &mut Sentence) -> Result<(), ParseError> {
        let n = s.words.len();
        if n > MAX_WORDS {
            return Err(ParseError::TooLong(n));
        }
        let mut out = Vec::with_capacity(n);
        WORKER.with(|w| {
            let mut local;
            let mut guard;
            let w: &mut ParserWorker = match w.try_borrow_mut() {
                Ok(g) => {
                    guard = g;
                    &mut guard
                }
                Err(_) => {
                    local = ParserWorker::new();
                    &mut local
                }
            };
            let alts = self.alts;
            fill_toks(&mut w.toks, n, |i| {
                let x = &s.words[i];
                (x.form.as_str(), x.upos.as_str(), x.xpos.as_str(), if alts { misc_alt(&x.misc) } else { SURE_ATOM })
            });
            self.run(w, n, &mut out);
        });
        for (word, a) in s.words.iter_mut().zip(&out) {
            word.head = a.head as usize;
            word.deprel = self.deprel_name(a.deprel).to_string();
        }
        Ok(())
    }

    fn run(&self, w: &mut ParserWorker, n: usize, out: &mut Vec<Arc>) {
        self.run_with(w, n, (self.beam > 1).then_some(self.beam), out)
    }

    /// Parses `w.toks`: greedily, or with the beam decoder of the given width.
    fn run_with(&self, w: &mut ParserWorker, n: usize, beam_width: Option<usize>, out: &mut Vec<Arc>) {
        out.clear();
        if n == 0 {
            return;
        }
        let ParserWorker { toks, st, lscores, sizes, beam } = w;
        lscores.resize(self.labels.len(), 0);
        let root = n as u32 + 1;
        let root_label = self.root_label as usize;
        let alts = self.alts;
        let (ntf, nlf) = if alts { (NTF_MAX, NLF_MAX) } else { (NTF, NLF) };
        let mut tf = [0u64; NTF_MAX];
        let mut lf = [0u64; NLF_MAX];
        let mut ts = [0i32; NT];
        let toks = &toks[..];
        let mut tscore = |st: &State, ts: &mut [i32; NT]| {
            trans_features(toks, st, &mut tf, alts);
            self.trans.score(&tf[..ntf], ts);
        };
        // The relation of the arc h -> d (not from the root).
        let mut arc_label = |st: &State, h: u32, d: u32| {
            label_features(toks, st, h, d, &mut lf, alts);
            self.lab.score(&lf[..nlf], lscores);
            best_label(lscores, root_label) as u16
        };
        let mut label = |st: &State, t: usize| {
            let (h, d) = st.arc_of(t);
            if h == root {
                self.root_label
            } else {
                arc_label(st, h, d)
            }
        };
        if let Some(width) = beam_width {
            beam.start(n, self.nonmono);
            while !beam.terminal() {
                beam.step(
                    width,
                    |st, out| {
                        tscore(st, &mut ts);
                        for (o, &x) in out.iter_mut().zip(&ts) {
                            *o = x as i64;
                        }
                    },
                    &mut label,
                );
            }
            st.clone_from(&beam.best().st);
        } else {
            st.nm = self.nonmono;
            st.reset(n);
        }
        while !st.terminal() {
            let valid = st.valid();
            let t = if valid.iter().filter(|&&v| v).count() == 1 {
                valid.iter().position(|&v| v).unwrap()
            } else {
                tscore(st, &mut ts);
                argmax_valid(&ts, &valid)
            };
            let lab = if st.makes_arc(t) { label(st, t) } else { 0 };
            st.apply(t, lab);
        }
        // Exactly one root: keep the root child with the largest subtree.
        let roots = (1..=n).filter(|&i| st.head[i] == root).count();
        if roots > 1 {
            sizes.clear();
            sizes.resize(n + 2, 0);
            for i in 1..=n {
                let mut j = i as u32;
                let mut steps = 0;
                while j != root && steps <= n {
                    sizes[j as usize] += 1;
                    j = st.head[j as usize];
                    steps += 1;
                }
            }
            let keep = (1..=n).filter(|&i| st.head[i] == root).max_by_key(|&i| (sizes[i], std::cmp::Reverse(i))).unwrap();
            for d in 1..=n {
                if d != keep && st.head[d] == root {
                    let h = keep as u32;
                    let l = arc_label(st, h, d as u32);
                    st.head[d] = h;
                    st.label[d] = l + 1;
                }
            }
        }
        out.extend((1..=n).map(|i| {
            let h = st.head[i];
            Arc { head: if h == root { 0 } else { h }, deprel: st.label[i].saturating_sub(1) }
        }));
    }

    /// Trains a parser on `train` (using the UPOS/XPOS columns as given, so
    /// callers may substitute predicted tags). Sentences with malformed trees
    /// are skipped. When `dev` is given and `opts.verbose` is set, dev
    /// scores are printed at the end.
    pub fn train(train: &[Sentence], dev: Option<&[Sentence]>, opts: &TrainOptions) -> Parser {
        // Label inventory, sorted for determinism, `root` always present.
        let mut names: Vec<String> = train
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
            .filter(|l| !l.is_empty() && l != "_")
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !names.iter().any(|l| l == "root") {
            names.push("root".into());
        }
        if !names.iter().any(|l| l == "dep") {
            names.push("dep".into());
        }
        names.sort();
        let lid: FxHashMap<&str, u16> = names.iter().enumerate().map(|(i, l)| (l.as_str(), i as u16)).collect();
        let root_label = lid["root"] as usize;
        let dep_label = lid["dep"];
        let nl = names.len();

        // Prepare the training items.
        let mut items = Vec::with_capacity(train.len());
        let mut skipped = 0usize;
        let mut lifted = 0usize;
        for s in train {
            let n = s.words.len();
            if n == 0 {
                continue;
            }
            let mut heads: Vec<u32> = s.words.iter().map(|w| w.head as u32).collect();
            if !is_tree(&heads) {
                skipped += 1;
                continue;
            }
            lifted += projectivize(&mut heads);
            let mut toks = Vec::new();
            fill_toks(&mut toks, n, |i| {
                let w = &s.words[i];
                (w.form.as_str(), w.upos.as_str(), w.xpos.as_str(), if opts.tag_alts { misc_alt(&w.misc) } else { SURE_ATOM })
            });
            let mut gold = vec![0u32; n + 2];
            let mut glab = vec![0u16; n + 2];
            for i in 0..n {
                gold[i + 1] = if heads[i] == 0 { n as u32 + 1 } else { heads[i] };
                glab[i + 1] = if heads[i] == 0 {
                    root_label as u16
                } else {
                    match lid.get(s.words[i].deprel.as_str()) {
                        Some(&l) if l as usize != root_label => l,
                        _ => dep_label,
                    }
                };
            }
            items.push(Item { toks, gold, glab });
        }
        if opts.verbose {
            eprintln!(
                "parser: {} training sentences ({} skipped as malformed, {} arcs lifted), {} relations",
                items.len(),
                skipped,
                lifted,
                nl
            );
        }

        let mut tm = Avg::new(NT);
        let mut lm = Avg::new(nl);
        let (mut tc, mut lc) = (1f32, 1f32);
        let mut rng = Rng(opts.seed | 1);
        let mut order: Vec<usize> = (0..items.len()).collect();
        let mut st = State { nm: opts.non_monotonic, ..State::default() };
        let alts = opts.tag_alts;
        let (ntf, nlf) = if alts { (NTF_MAX, NLF_MAX) } else { (NTF, NLF) };
        let mut tf = [0u64; NTF_MAX];
        let mut lf = [0u64; NLF_MAX];
        let mut ts = [0f32; NT];
        let mut ls = vec![0f32; nl];
        let mut best: Option<(f64, usize, Parser)> = None;
        let width = opts.beam.clamp(1, MAX_BEAM);
        let mut bt = BeamTrainer::default();
        for epoch in 0..opts.epochs {
            let t0 = std::time::Instant::now();
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let explore = epoch >= opts.explore_from_epoch;
            let (mut tcorrect, mut ttotal, mut lcorrect, mut ltotal) = (0usize, 0usize, 0usize, 0usize);
            for &ix in &order {
                let it = &items[ix];
                if width > 1 {
                    let mut m = Models { tm: &mut tm, lm: &mut lm, tc, lc: &mut lc, root_label, alts };
                    bt.sentence(it, width, opts.non_monotonic, &mut m);
                    tc += 1.0;
                    continue;
                }
                let n = it.toks.len() - 3;
                st.reset(n);
                let root = st.root();
                while !st.terminal() {
                    let valid = st.valid();
                    let nvalid = valid.iter().filter(|&&v| v).count();
                    let t = if nvalid == 1 {
                        valid.iter().position(|&v| v).unwrap()
                    } else {
                        trans_features(&it.toks, &st, &mut tf, alts);
                        tm.score(&tf[..ntf], &mut ts);
                        let pred = argmax_valid(&ts, &valid);
                        let costs = st.costs(&it.gold, &valid);
                        let min = *costs.iter().min().unwrap();
                        ttotal += 1;
                        if costs[pred] == min {
                            tcorrect += 1;
                            pred
                        } else {
                            let mut zero = [false; NT];
                            for k in 0..NT {
                                zero[k] = valid[k] && costs[k] == min;
                            }
                            let gold = argmax_valid(&ts, &zero);
                            tm.update(&tf[..ntf], gold, pred, tc);
                            if explore && rng.unit() < opts.explore_prob {
                                pred
                            } else {
                                gold
                            }
                        }
                    };
                    tc += 1.0;
                    let mut lab = 0u16;
                    if st.makes_arc(t) {
                        let (h, d) = st.arc_of(t);
                        if h == root {
                            lab = root_label as u16;
                        } else {
                            label_features(&it.toks, &st, h, d, &mut lf, alts);
                            lm.score(&lf[..nlf], &mut ls);
                            let pred = best_label(&ls, root_label);
                            if it.gold[d as usize] == h {
                                let g = it.glab[d as usize] as usize;
                                ltotal += 1;
                                if pred == g {
                                    lcorrect += 1;
                                } else {
                                    lm.update(&lf[..nlf], g, pred, lc);
                                }
                                lc += 1.0;
                                lab = g as u16;
                            } else {
                                lab = pred as u16;
                            }
                        }
                    }
                    st.apply(t, lab);
                }
            }
            if opts.verbose && width > 1 {
                eprintln!(
                    "parser: epoch {:>2}: beam {width}: sentences without update {:.2}%  labels {:.2}%  features {}+{}  ({:.1}s)",
                    epoch + 1,
                    100.0 * (1.0 - bt.updates as f64 / bt.sents.max(1) as f64),
                    100.0 * bt.labels_right as f64 / bt.labels.max(1) as f64,
                    tm.index.len(),
                    lm.index.len(),
                    t0.elapsed().as_secs_f64()
                );
                (bt.sents, bt.updates, bt.labels, bt.labels_right) = (0, 0, 0, 0);
            } else if opts.verbose {
                eprintln!(
                    "parser: epoch {:>2}: transitions {:.2}%  labels {:.2}%  features {}+{}  ({:.1}s)",
                    epoch + 1,
                    100.0 * tcorrect as f64 / ttotal.max(1) as f64,
                    100.0 * lcorrect as f64 / ltotal.max(1) as f64,
                    tm.index.len(),
                    lm.index.len(),
                    t0.elapsed().as_secs_f64()
                );
            }
            // Model selection: with dev data, the averaged model of every epoch
            // from the 5th on is scored and the best (LAS) is kept.
            if let (Some(dev), true) = (dev, epoch + 1 >= opts.epochs.min(5)) {
                let p = Parser::from_avg(&names, root_label, &tm, tc, &lm, lc, opts);
                let mut sys = dev.to_vec();
                for s in &mut sys {
                    let _ = p.parse_sentence(s);
                }
                if let Ok(sc) = crate::eval::score(dev, &sys) {
                    if opts.verbose {
                        eprintln!("parser:           dev UAS {:.2}  LAS {:.2}", sc.uas, sc.las);
                    }
                    if best.as_ref().is_none_or(|(las, _, _)| sc.las > *las) {
                        best = Some((sc.las, epoch + 1, p));
                    }
                }
            }
        }
        let parser = match best {
            Some((las, epoch, p)) => {
                if opts.verbose {
                    eprintln!("parser: keeping epoch {epoch} (dev LAS {las:.2})");
                }
                p
            }
            None => Parser::from_avg(&names, root_label, &tm, tc, &lm, lc, opts),
        };
        if opts.verbose {
            eprintln!(
                "parser: kept {} transition and {} label features ({} label entries)",
                parser.trans.len,
                parser.lab.len,
                parser.lab.ents.len()
            );
        }
        parser
    }

    fn from_avg(names: &[String], root_label: usize, tm: &Avg, tc: f32, lm: &Avg, lc: f32, opts: &TrainOptions) -> Parser {
        let (tk, tw) = tm.finish(tc);
        let (lk, lw) = lm.finish(lc);
        let trans = TransTable::build(&tk, &tw).expect("fresh model is consistent");
        let lab = LabelTable::from_dense(names.len(), &lk, &lw).expect("fresh model is consistent");
        Parser::from_parts(names.to_vec(), root_label as u16, trans, lab, opts.non_monotonic, opts.tag_alts, opts.beam)
            .expect("fresh model is consistent")
            .pruned(opts.prune_transitions, opts.prune_labels)
    }

    #[allow(clippy::too_many_arguments)]
    fn from_parts(labels: Vec<String>, root_label: u16, trans: TransTable, lab: LabelTable, nonmono: bool, alts: bool, beam: usize) -> Result<Parser, ModelError> {
        let nl = labels.len();
        if nl == 0 || nl > u16::MAX as usize || root_label as usize >= nl || lab.k != nl {
            return Err(ModelError::Corrupt("bad relation inventory".into()));
        }
        if beam == 0 || beam > MAX_BEAM {
            return Err(ModelError::Corrupt(format!("beam width {beam} out of range 1..={MAX_BEAM}")));
        }
        Ok(Parser { trans, lab, labels, root_label, nonmono, alts, beam, trained_beam: beam })
    }

    /// The same model decoding with a beam of `width` hypotheses (1:
    /// greedy; clamped to 1..=[`MAX_BEAM`]). A model trained with a beam
    /// ([`TrainOptions::beam`]) decodes with that width unless told otherwise.
    /// A greedily trained model decodes with a beam too, but its local
    /// scores do not compare across histories: on EWT dev a beam of 4 made
    /// it 5.4 UAS worse.
    pub fn with_beam(mut self, width: usize) -> Parser {
        self.beam = width.clamp(1, MAX_BEAM);
        self
    }

    /// The beam width this parser decodes with (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// The beam width the model was trained for (1: greedy training).
    pub fn trained_beam(&self) -> usize {
        self.trained_beam
    }

    /// A copy without the features whose largest absolute (quantised)
    /// weight is below `min_transition` (transition model) or `min_label`
    /// (label model): smaller and faster, slightly less accurate.
    pub fn pruned(&self, min_transition: i16, min_label: i16) -> Parser {
        let (tk, tw) = self.trans.export();
        let (mut k2, mut w2) = (Vec::new(), Vec::new());
        for (k, row) in tk.iter().zip(tw.chunks_exact(NT)) {
            if row.iter().any(|w| w.unsigned_abs() >= min_transition.unsigned_abs()) && row.iter().any(|&w| w != 0) {
                k2.push(*k);
                w2.extend_from_slice(row);
            }
        }
        let (lk, counts, ents) = self.lab.export();
        let (mut lk2, mut c2, mut e2) = (Vec::new(), Vec::new(), Vec::new());
        let mut start = 0usize;
        for (k, &c) in lk.iter().zip(&counts) {
            let row = &ents[start..start + c as usize];
            start += c as usize;
            if row.iter().any(|(_, w)| w.unsigned_abs() >= min_label.unsigned_abs()) && !row.is_empty() {
                lk2.push(*k);
                c2.push(c);
                e2.extend_from_slice(row);
            }
        }
        Parser {
            labels: self.labels.clone(),
            root_label: self.root_label,
            nonmono: self.nonmono,
            alts: self.alts,
            beam: self.beam,
            trained_beam: self.trained_beam,
            trans: TransTable::build(&k2, &w2).expect("pruned table is consistent"),
            lab: LabelTable::build(self.labels.len(), &lk2, &c2, e2).expect("pruned table is consistent"),
        }
    }

    /// The mean of the weights of `models` (e.g. the same setup trained with
    /// different seeds): one model of the same size class and speed as a
    /// single one, not an ensemble. The models must share their relation
    /// inventory and flags.
    pub fn average(models: &[&Parser]) -> Result<Parser, ModelError> {
        let first = models.first().ok_or_else(|| ModelError::Corrupt("no models to average".into()))?;
        if models.iter().any(|m| {
            m.labels != first.labels || m.root_label != first.root_label || m.nonmono != first.nonmono || m.alts != first.alts || m.trained_beam != first.trained_beam
        }) {
            return Err(ModelError::Corrupt("models to average differ in relations or flags".into()));
        }
        let n = models.len() as i32;
        let mut trans: std::collections::BTreeMap<u64, [i32; NT]> = Default::default();
        let mut lab: std::collections::BTreeMap<u64, std::collections::BTreeMap<u16, i32>> = Default::default();
        for m in models {
            let (tk, tw) = m.trans.export();
            for (k, row) in tk.iter().zip(tw.chunks_exact(NT)) {
                let sum = trans.entry(*k).or_default();
                for (s, &w) in sum.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
            let (lk, counts, ents) = m.lab.export();
            let mut start = 0usize;
            for (k, &c) in lk.iter().zip(&counts) {
                let sum = lab.entry(*k).or_default();
                for &(l, w) in &ents[start..start + c as usize] {
                    *sum.entry(l).or_default() += w as i32;
                }
                start += c as usize;
            }
        }
        let mean = |s: i32| (s as f64 / n as f64).round() as i16;
        let (mut tk, mut tw) = (Vec::new(), Vec::new());
        for (k, row) in trans {
            if row.iter().any(|&s| mean(s) != 0) {
                tk.push(k);
                tw.extend(row.iter().map(|&s| mean(s)));
            }
        }
        let (mut lk, mut counts, mut ents) = (Vec::new(), Vec::new(), Vec::new());
        for (k, row) in lab {
            let before = ents.len();
            ents.extend(row.into_iter().map(|(l, s)| (l, mean(s))).filter(|&(_, w)| w != 0));
            if ents.len() > before {
                lk.push(k);
                counts.push((ents.len() - before) as u16);
            }
        }
        let trans = TransTable::build(&tk, &tw)?;
        let lab = LabelTable::build(first.labels.len(), &lk, &counts, ents)?;
        Parser::from_parts(first.labels.clone(), first.root_label, trans, lab, first.nonmono, first.alts, first.trained_beam)
    }

    /// Serialises the model (herald container, kind `PARSER`, [`FORMAT_VERSION`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.strs(&self.labels);
        w.u32(self.root_label as u32);
        let (tk, tw) = self.trans.export();
        w.u64s(&tk);
        w.bytes(&i16_bytes(&tw));
        let (lk, counts, ents) = self.lab.export();
        w.u64s(&lk);
        w.bytes(&counts.iter().flat_map(|c| c.to_le_bytes()).collect::<Vec<u8>>());
        w.bytes(&ents.iter().flat_map(|&(l, x)| {
            let (a, b) = (l.to_le_bytes(), x.to_le_bytes());
            [a[0], a[1], b[0], b[1]]
        }).collect::<Vec<u8>>());
        if self.trained_beam > 1 {
            // Version 3: version 2's payload and the beam width the model
            // was trained for (its default decoding width).
            w.u32(self.nonmono as u32 | (self.alts as u32) << 1);
            w.u32(self.trained_beam as u32);
            seal(KIND, FORMAT_VERSION, w.finish())
        } else if self.nonmono || self.alts {
            // Version 2: the version-1 payload and a flags word (bit 0:
            // non-monotonic transitions, bit 1: tag alternatives). Models
            // with neither stay version 1, byte for byte; greedy models
            // stay version 1 or 2.
            w.u32(self.nonmono as u32 | (self.alts as u32) << 1);
            seal(KIND, 2, w.finish())
        } else {
            seal(KIND, 1, w.finish())
        }
    }

    /// Decodes a model written by [`Parser::to_bytes`], checking everything.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        let (payload, version) = match open(bytes, KIND, FORMAT_VERSION) {
            Err(herald_binfmt::FormatError::Version { found: found @ 1..FORMAT_VERSION, .. }) => (open(bytes, KIND, found)?, found),
            r => (r?, FORMAT_VERSION),
        };
        let mut r = Reader::new(payload);
        let labels = r.strs()?;
        let root_label = r.u32()?;
        if root_label as usize >= labels.len() || labels[root_label as usize] != "root" {
            return Err(ModelError::Corrupt("root relation missing".into()));
        }
        let tk = r.u64s()?;
        let tw = bytes_i16(r.bytes()?)?;
        if tw.len() != tk.len() * NT {
            return Err(ModelError::Corrupt("transition table sizes do not match".into()));
        }
        let trans = TransTable::build(&tk, &tw)?;
        drop((tk, tw));
        let lk = r.u64s()?;
        let counts: Vec<u16> = bytes_i16(r.bytes()?)?.into_iter().map(|c| c as u16).collect();
        let eb = r.bytes()?;
        if eb.len() % 4 != 0 {
            return Err(ModelError::Corrupt("label entries truncated".into()));
        }
        let ents: Vec<(u16, i16)> =
            eb.chunks_exact(4).map(|c| (u16::from_le_bytes([c[0], c[1]]), i16::from_le_bytes([c[2], c[3]]))).collect();
        let flags = if version >= 2 { r.u32()? } else { 0 };
        if flags & !3 != 0 {
            return Err(ModelError::Corrupt(format!("unknown model flags {flags:#x}")));
        }
        let beam = if version >= 3 { r.u32()? as usize } else { 1 };
        if !r.is_empty() {
            return Err(ModelError::Corrupt("trailing bytes".into()));
        }
        let lab = LabelTable::build(labels.len(), &lk, &counts, ents)?;
        Parser::from_parts(labels, root_label as u16, trans, lab, flags & 1 != 0, flags & 2 != 0, beam)
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Parser, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io { path: path.display().to_string(), source })?;
        Parser::from_bytes(&bytes)
    }

    /// Saves the model atomically (temporary file + rename).
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        write_atomic(path, &self.to_bytes()).map_err(|source| ModelError::Io { path: path.display().to_string(), source })
    }
}

fn i16_bytes(v: &[i16]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn bytes_i16(b: &[u8]) -> Result<Vec<i16>, ModelError> {
    if !b.len().is_multiple_of(2) {
        return Err(ModelError::Corrupt("odd weight byte count".into()));
    }
    Ok(b.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect())
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---------------------------------------------------------------------------
// Tree utilities (public for tests and diagnostics)

/// True if `heads` (1-based heads per word, 0 = root) form a tree: heads in
/// range, exactly one root word, no cycles.
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    if heads.iter().any(|&h| h as usize > n) || heads.iter().filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    // Every word must reach the root within n steps.
    let mut state = vec![0u8; n + 1]; // 0 unknown, 1 in progress, 2 reaches root
    state[0] = 2;
    for i in 1..=n {
        let mut path = Vec::new();
        let mut j = i;
        while state[j] == 0 {
            state[j] = 1;
            path.push(j);
            j = heads[j - 1] as usize;
            if j == i {
                return false;
            }
        }
        if state[j] == 1 {
            return false;
        }
        for p in path {
            state[p] = 2;
        }
    }
    true
}

fn dominates(heads: &[u32], h: u32, mut k: u32) -> bool {
    let mut steps = 0;
    while k != 0 && steps <= heads.len() {
        if k == h {
            return true;
        }
        k = heads[k as usize - 1];
        steps += 1;
    }
    h == 0
}

/// True if every arc of the tree is projective.
pub fn is_projective(heads: &[u32]) -> bool {
    (1..=heads.len() as u32).all(|d| {
        let h = heads[d as usize - 1];
        let (lo, hi) = if h < d { (h, d) } else { (d, h) };
        (lo + 1..hi).all(|k| dominates(heads, h, k))
    })
}

/// Makes a tree projective by lifting: the shortest non-projective arc is
/// re-attached to its head's head until none is left. Returns the number of
/// lifts.
pub fn projectivize(heads: &mut [u32]) -> usize {
    let mut lifts = 0;
    loop {
        let mut best: Option<(u32, u32)> = None;
        for d in 1..=heads.len() as u32 {
            let h = heads[d as usize - 1];
            if h == 0 {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            if (lo + 1..hi).any(|k| !dominates(heads, h, k)) && best.is_none_or(|(_, span)| hi - lo < span) {
                best = Some((d, hi - lo));
            }
        }
        match best {
            Some((d, _)) => {
                let h = heads[d as usize - 1];
                heads[d as usize - 1] = heads[h as usize - 1];
                lifts += 1;
            }
            None => return lifts,
        }
    }
}

/// Runs the dynamic oracle from the initial configuration, always taking a
/// zero-cost transition, and returns the heads it builds (1-based, 0 =
/// root). For a projective tree the result equals `gold_heads`.
pub fn oracle_heads(gold_heads: &[u32]) -> Vec<u32> {
    oracle_heads_with(gold_heads, false)
}

/// [`oracle_heads`] in the monotonic or non-monotonic system.
pub fn oracle_heads_with(gold_heads: &[u32], non_monotonic: bool) -> Vec<u32> {
    let n = gold_heads.len();
    let mut st = State { nm: non_monotonic, ..State::default() };
    st.reset(n);
    let root = st.root();
    let mut g = vec![0u32; n + 2];
    for i in 0..n {
        g[i + 1] = if gold_heads[i] == 0 { root } else { gold_heads[i] };
    }
    while !st.terminal() {
        let valid = st.valid();
        let costs = st.costs(&g, &valid);
        let min = *costs.iter().min().unwrap();
        let t = (0..NT).find(|&t| valid[t] && costs[t] == min).unwrap();
        st.apply(t, 0);
    }
    (1..=n).map(|i| if st.head[i] == root { 0 } else { st.head[i] }).collect()
}
