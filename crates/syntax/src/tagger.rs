//! Part-of-speech tagger: UPOS and Penn XPOS, predicted jointly as one
//! `(XPOS, UPOS)` class by a two-pass greedy averaged perceptron.
//!
//! * Pass 1 tags left to right with lexical features (word, affixes, shape,
//!   neighbouring words, ambiguity classes from a tag dictionary) and the two
//!   previously predicted tags.
//! * Pass 2 tags left to right again and also sees pass 1's tags of the
//!   current word and the two words to its right. Pass 2 is trained on
//!   jack-knifed pass-1 output so that it learns how far to trust it.
//! * Frequent words that are unambiguous in training are tagged from the
//!   dictionary directly.
//!
//! Both passes share one feature table (an open-addressing hash table of
//! sparse weight rows), so the lexical features of a word are looked up
//! once. The lemmatiser ([`crate::lemma::Lemmatizer`]) lives in the same
//! model file.
//!
//! ```no_run
//! use herald_syntax::tagger::Tagger;
//! let tagger = Tagger::load("models/tagger.bin")?;
//! let words = ["The", "talks", "collapsed", "."];
//! let mut tags = Vec::new();
//! tagger.tag(&words, &mut tags);
//! for (w, t) in words.iter().zip(&tags) {
//!     println!("{w}\t{}\t{}\t{}", tagger.upos_name(t.upos), tagger.xpos_name(t.xpos),
//!              tagger.lemma(w, t.upos, t.xpos));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

use herald_binfmt::{FormatError, Reader, Writer};
use rustc_hash::FxHashMap;

use crate::conllu::Sentence;
use crate::huge::HugeBuf;
use crate::lemma::{normalize_quotes, Lemmatizer};
use crate::wordlists::WordLists;

/// Kind tag of tagger model files.
pub const MODEL_KIND: [u8; 8] = *b"TAGGER\0\0";
/// Format version of tagger model files written by this build for models
/// with word lists or casing features (version 2: the version-1 payload, a
/// flags word and the sections the flags name). Models without them are
/// written as version 1, byte for byte as before.
pub const MODEL_VERSION: u32 = 2;
/// Model flag: word-list features ([`TrainOptions::word_lists`]).
const FLAG_LISTS: u32 = 1;
/// Model flag: casing features ([`TrainOptions::casing`]).
const FLAG_CASING: u32 = 2;

/// Errors loading or decoding a tagger model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a valid tagger model of this version.
    #[error("{}: {source}", path.display())]
    FormatAt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        source: FormatError,
    },
    /// The bytes are not a valid tagger model of this version.
    #[error("invalid tagger model: {0}")]
    Format(#[from] FormatError),
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Perceptron epochs per pass (the best epoch on dev is kept when dev data is given);
    /// the shipped model uses the default, 8.
    pub epochs: usize,
    /// Seed of the deterministic sentence shuffling.
    pub seed: u64,
    /// Print progress to stderr.
    pub verbose: bool,
    /// Word lists whose membership (per lower-case form) the tagger reads
    /// as features, kept in the model file (`None`: no such features).
    pub word_lists: Option<WordLists>,
    /// Casing features: the sentence's casing (all capitals, title case,
    /// no capitals, ...) with the word's, and how often the word is
    /// capitalised inside sentences in the training data.
    pub casing: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 8, seed: 7, verbose: false, word_lists: None, casing: false }
    }
}

/// The tags of one word, as compact ids (see [`Tagger::upos_name`], [`Tagger::xpos_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TagResult {
    /// UPOS id.
    pub upos: u8,
    /// XPOS id.
    pub xpos: u16,
}

/// The tagger's runner-up for one word ([`Tagger::tag_alts_with`]): the
/// second-best class among those allowed for the word and how far its score
/// is below the chosen class's (`f32::INFINITY` when the word has only one
/// possible class, e.g. punctuation the tag dictionary fixes).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TagAlt {
    /// UPOS id of the second-best class.
    pub upos: u8,
    /// XPOS id of the second-best class.
    pub xpos: u16,
    /// Score of the chosen class minus that of the second-best (>= 0).
    pub margin: f32,
}

/// Finds `*-ud-{split}.conllu` (e.g. `split = "train"`) in a treebank directory.
pub fn find_split(dir: &Path, split: &str) -> Option<PathBuf> {
    let suffix = format!("-ud-{split}.conllu");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&suffix)))
        .collect();
    found.sort();
    found.into_iter().next()
}

// ---------------------------------------------------------------------------
// Hashing

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

#[inline]
fn fin(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    let rem = chunks.remainder();
    if !rem.is_empty() {
        let mut b = [0u8; 8];
        b[..rem.len()].copy_from_slice(rem);
        h = mix(h, u64::from_le_bytes(b));
    }
    mix(h, bytes.len() as u64)
}

const SEED_EXACT: u64 = 0x0e;
const SEED_LOWER: u64 = 0x1f;
const SEED_SUF: u64 = 0x2a;
const SEED_PRE: u64 = 0x3b;
const SEED_SHAPE: u64 = 0x4c;
const AMB_UNK: u64 = 0xdead_beef;
const NO_CLASS: u16 = u16::MAX;

// ---------------------------------------------------------------------------
// Per-token lexical data

/// Hashes of one token's lexical properties.
#[derive(Clone, Copy, Debug, Default)]
struct Tok {
    lower: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    sshape: u64,
    flags: u64,
    amb: u64,
    direct: u16,
    exact_key: u64,
    lower_key: u64,
    /// Index of the word's precomputed rows ([`NO_ROW`] if none).
    row: u32,
    /// Classes allowed for a frequent word (0 = any).
    mask: u128,
    /// Word-list bits | [`LISTS_ON`] (0 when the model has no word lists).
    lists: u32,
    /// Capitalisation bucket of the word in training ([`cap_bucket`]; 0 when
    /// the model has no casing features).
    capr: u8,
    /// Casing class of the sentence ([`sentence_case`]; 0 without casing features).
    scase: u8,
}

/// Set in [`Tok::lists`] of every word when the model reads word lists.
const LISTS_ON: u32 = 1 << 31;

const NO_ROW: u32 = u32::MAX;
/// Default pass-1 score margin above which pass 2 is skipped.
const PASS2_MARGIN: f32 = 15.0;
/// Words seen this often in training are restricted to the classes they were seen with.
const CONSTRAINT_MIN: u32 = 20;
/// Number of frequent training words whose static feature weights are pre-summed at load.
const N_TYPE_ROWS: usize = 2000;

fn pad_tok(v: u64) -> Tok {
    Tok {
        lower: v,
        suf: [v; 4],
        pre: [v; 3],
        shape: v,
        sshape: v,
        flags: v,
        amb: v,
        direct: NO_CLASS,
        exact_key: v,
        lower_key: v,
        row: NO_ROW,
        mask: 0,
        lists: 0,
        capr: 0,
        scase: 0,
    }
}

/// Capitalisation counts of a lower-case form: inside sentences (not the
/// first word), how often it was seen with letters and not all capitals,
/// and how often of those with a capital first letter.
#[derive(Debug, Clone, Copy, Default)]
struct CapCount {
    seen: u32,
    cap: u32,
}

/// The bucket of a [`CapCount`]: 1-4 by the capitalised share (<5%, <50%,
/// <95%, more), +4 when seen fewer than 3 times; [`CAP_UNSEEN`] if never.
fn cap_bucket(c: CapCount) -> u8 {
    if c.seen == 0 {
        return CAP_UNSEEN;
    }
    let r = c.cap as f64 / c.seen as f64;
    let b = if r < 0.05 {
        1
    } else if r < 0.5 {
        2
    } else if r < 0.95 {
        3
    } else {
        4
    };
    b + if c.seen < 3 { 4 } else { 0 }
}

const CAP_UNSEEN: u8 = 9;

/// Adds the occurrence of a word (`first`: sentence-initial) to `c`.
fn cap_count(c: &mut CapCount, t: &Tok) {
    let caps = t.flags & 3;
    if t.flags & (1 << 5) != 0 || t.flags & (1 << 6) != 0 || caps == 2 {
        return;
    }
    c.seen += 1;
    c.cap += (caps == 1) as u32;
}

/// Casing class of a sentence from its words' flags: 1 no letters, 2 mostly
/// all capitals, 3 no capitals at all, 4 mostly capitalised (headline,
/// title), 5 starts in lower case, 6 ordinary.
fn sentence_case(toks: &[Tok]) -> u8 {
    let (mut a, mut lower, mut title, mut upper) = (0u32, 0u32, 0u32, 0u32);
    for t in toks {
        if t.flags & (1 << 6) != 0 {
            continue;
        }
        a += 1;
        match t.flags & 3 {
            0 => lower += 1,
            1 => title += 1,
            2 => upper += 1,
            _ => {}
        }
    }
    if a == 0 {
        1
    } else if a >= 3 && upper * 10 >= a * 6 {
        2
    } else if lower == a {
        3
    } else if a >= 3 && (title + upper) * 10 >= a * 6 {
        4
    } else if toks.iter().find(|t| t.flags & (1 << 6) == 0).is_some_and(|t| t.flags & 3 == 0) {
        5
    } else {
        6
    }
}

/// Sets every word's sentence casing class (casing models only).
fn set_sentence_case(toks: &mut [Tok]) {
    let c = sentence_case(toks);
    for t in toks {
        t.scase = c;
    }
}

/// Computes the lexical hashes of `form` (already quote-normalised). `lower`
/// is a scratch buffer. `amb`/`direct` are left for the caller.
fn tok_base(form: &str, lower: &mut String, first: bool) -> Tok {
    lower.clear();
    let mut upper = 0u32;
    let mut digit = false;
    let mut hyphen = false;
    let mut alpha = 0u32;
    let mut other = false;
    let mut shape = [0u8; 24];
    let mut slen = 0usize;
    let mut sshape = [0u8; 12];
    let mut sslen = 0usize;
    let mut last = 0u8;
    let mut run = 0;
    let mut nchars = 0usize;
    for c in form.chars() {
        nchars += 1;
        let cls = if c.is_ascii_lowercase() {
            alpha += 1;
            b'x'
        } else if c.is_ascii_uppercase() {
            alpha += 1;
            upper += 1;
            b'X'
        } else if c.is_ascii_digit() {
            digit = true;
            b'd'
        } else if c.is_alphabetic() {
            alpha += 1;
            if c.is_uppercase() {
                upper += 1;
                b'X'
            } else {
                b'x'
            }
        } else {
            if c == '-' {
                hyphen = true;
            } else {
                other = true;
            }
            if c.is_ascii() {
                c as u8
            } else {
                b'*'
            }
        };
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
        if cls == last {
            run += 1;
        } else {
            run = 1;
            last = cls;
            if sslen < sshape.len() {
                sshape[sslen] = cls;
                sslen += 1;
            }
        }
        if run <= 4 && slen < shape.len() {
            shape[slen] = cls;
            slen += 1;
        }
    }
    let lb = lower.as_bytes();
    let mut t = Tok {
        lower: hash_bytes(SEED_LOWER, lb),
        shape: hash_bytes(SEED_SHAPE, &shape[..slen]),
        sshape: hash_bytes(SEED_SHAPE + 1, &sshape[..sslen]),
        direct: NO_CLASS,
        exact_key: hash_bytes(SEED_EXACT, form.as_bytes()),
        row: NO_ROW,
        ..Default::default()
    };
    t.lower_key = t.lower;
    // Char boundaries from the end / start.
    if lower.is_ascii() {
        for k in 0..4 {
            let s = lb.len().saturating_sub(k + 1);
            t.suf[k] = hash_bytes(SEED_SUF + k as u64, &lb[s..]);
        }
        for k in 0..3 {
            let e = (k + 1).min(lb.len());
            t.pre[k] = hash_bytes(SEED_PRE + k as u64, &lb[..e]);
        }
    } else {
        let mut ends = [0usize; 4];
        let mut n = 0;
        for (i, _) in lower.char_indices().rev() {
            if n == 4 {
                break;
            }
            ends[n] = i;
            n += 1;
        }
        for k in 0..4 {
            let s = if k < n { ends[k] } else { 0 };
            t.suf[k] = hash_bytes(SEED_SUF + k as u64, &lb[s..]);
        }
        let mut it = lower.char_indices().skip(1).map(|(i, _)| i);
        for k in 0..3 {
            let e = it.next().unwrap_or(lb.len());
            t.pre[k] = hash_bytes(SEED_PRE + k as u64, &lb[..e]);
        }
    }
    let caps = if upper == 0 {
        0
    } else if upper as usize == nchars || (upper > 1 && upper == alpha) {
        2
    } else if form.chars().next().is_some_and(|c| c.is_uppercase()) {
        1
    } else {
        3
    };
    t.flags = (caps as u64) | (digit as u64) << 2 | (hyphen as u64) << 3 | (other as u64) << 4 | (first as u64) << 5
        | ((alpha == 0) as u64) << 6
        | (nchars.min(4) as u64) << 8;
    t
}

// ---------------------------------------------------------------------------
// Features

/// Feature template ids.
mod tpl {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const SUF: u64 = 3; // +k
    pub const PRE: u64 = 8; // +k
    pub const SHAPE: u64 = 12;
    pub const SSHAPE: u64 = 13;
    pub const FLAGS: u64 = 14;
    pub const WM1: u64 = 15;
    pub const WP1: u64 = 16;
    pub const WM2: u64 = 17;
    pub const WP2: u64 = 18;
    pub const SUF3M1: u64 = 19;
    pub const SUF3P1: u64 = 20;
    pub const SUF2P1: u64 = 21;
    pub const SHM1: u64 = 22;
    pub const SHP1: u64 = 23;
    pub const AMB: u64 = 24;
    pub const AMBM1: u64 = 25;
    pub const AMBP1: u64 = 26;
    pub const AMBP2: u64 = 27;
    pub const AMBM2: u64 = 28;
    pub const AMB01: u64 = 29;
    pub const AMBM10: u64 = 30;
    pub const AMBM1P1: u64 = 31;
    pub const W01: u64 = 32;
    pub const WM10: u64 = 33;
    pub const WM1P1: u64 = 34;
    pub const FIRSTSH: u64 = 35;
    pub const AMB_W: u64 = 36;
    pub const SUF2M1: u64 = 37;
    pub const SSHP1: u64 = 38;
    pub const SSHM1: u64 = 39;
    pub const WEXACT: u64 = 40;
    pub const SUF4P1: u64 = 41;
    pub const SUF3SH: u64 = 42;
    pub const PRE2P1: u64 = 43;
    // dynamic, left
    pub const T1: u64 = 50;
    pub const T2T1: u64 = 51;
    pub const T1W: u64 = 52;
    pub const T1AMB: u64 = 53;
    pub const T1AMBP1: u64 = 54;
    pub const T2: u64 = 55;
    pub const T1SUF3: u64 = 56;
    pub const T1WP1: u64 = 57;
    pub const T1SH: u64 = 58;
    // dynamic, right (pass 2)
    pub const R0: u64 = 70;
    pub const R1: u64 = 71;
    pub const R2: u64 = 72;
    pub const R1R2: u64 = 73;
    pub const T1R1: u64 = 74;
    pub const R1W: u64 = 75;
    pub const R0W: u64 = 76;
    pub const R0R1: u64 = 77;
    pub const T1R0: u64 = 78;
    pub const R1SUF3: u64 = 79;
    pub const R1AMB: u64 = 80;
    pub const T1R0R1: u64 = 81;
    pub const R0SUF3: u64 = 82;
    // word lists
    pub const LEX: u64 = 90;
    pub const LEXM1: u64 = 91;
    pub const LEXP1: u64 = 92;
    pub const LEXFL: u64 = 93;
    pub const LEXM10: u64 = 94;
    pub const LEX01: u64 = 95;
    pub const T1LEX: u64 = 96;
    pub const LEXSUF: u64 = 97;
    // casing
    pub const SCASE_FL: u64 = 100;
    pub const SCASE_CR: u64 = 101;
    pub const CAPR_FL: u64 = 102;
    pub const SCASE_AMB: u64 = 103;
    pub const CAPR_SUF: u64 = 104;
}

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    fin(mix(mix(0x5eed, t), a))
}
#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    fin(mix(mix(mix(0x5eed, t), a), b))
}
#[inline]
fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    fin(mix(mix(mix(mix(0x5eed, t), a), b), c))
}

struct Padded<'a> {
    toks: &'a [Tok],
    start: Tok,
    end: Tok,
}

impl<'a> Padded<'a> {
    fn new(toks: &'a [Tok]) -> Self {
        Padded { toks, start: pad_tok(0x5757), end: pad_tok(0xe0e0) }
    }
    #[inline]
    fn get(&self, i: isize) -> &Tok {
        if i < 0 {
            &self.start
        } else if i as usize >= self.toks.len() {
            &self.end
        } else {
            &self.toks[i as usize]
        }
    }
}

/// Features of the word itself that do not depend on its position.
fn self_feats(t: &Tok, out: &mut Vec<u64>) {
    use tpl::*;
    out.push(f1(BIAS, 0));
    out.push(f1(W, t.lower));
    out.push(f1(WEXACT, t.exact_key));
    for k in 0..4 {
        out.push(f1(SUF + k as u64, t.suf[k]));
    }
    for k in 0..3 {
        out.push(f1(PRE + k as u64, t.pre[k]));
    }
    out.push(f1(SHAPE, t.shape));
    out.push(f1(SSHAPE, t.sshape));
    out.push(f1(AMB, t.amb));
    out.push(f2(AMB_W, t.amb, t.lower));
    out.push(f2(SUF3SH, t.suf[2], t.sshape));
    if t.lists != 0 {
        out.push(f1(LEX, t.lists as u64));
        out.push(f2(LEXSUF, t.lists as u64, t.suf[1]));
    }
}

/// Features of the previous word alone.
fn m1_feats(m1: &Tok, out: &mut Vec<u64>) {
    use tpl::*;
    out.push(f1(WM1, m1.lower));
    out.push(f1(SUF3M1, m1.suf[2]));
    out.push(f1(SUF2M1, m1.suf[1]));
    out.push(f1(SHM1, m1.shape));
    out.push(f1(SSHM1, m1.sshape));
    out.push(f1(AMBM1, m1.amb));
}

/// Features of the next word alone.
fn p1_feats(p1: &Tok, out: &mut Vec<u64>) {
    use tpl::*;
    out.push(f1(WP1, p1.lower));
    out.push(f1(SUF3P1, p1.suf[2]));
    out.push(f1(SUF2P1, p1.suf[1]));
    out.push(f1(SUF4P1, p1.suf[3]));
    out.push(f1(SHP1, p1.shape));
    out.push(f1(SSHP1, p1.sshape));
    out.push(f1(AMBP1, p1.amb));
    out.push(f1(PRE2P1, p1.pre[1]));
}

/// The remaining static features (position flags, words at distance 2, pairs).
fn rest_feats(p: &Padded<'_>, i: usize, out: &mut Vec<u64>) {
    use tpl::*;
    let i = i as isize;
    let t = p.get(i);
    let m1 = p.get(i - 1);
    let m2 = p.get(i - 2);
    let p1 = p.get(i + 1);
    let p2 = p.get(i + 2);
    out.push(f1(FLAGS, t.flags));
    out.push(f2(FIRSTSH, t.flags, t.sshape));
    out.push(f1(WM2, m2.lower));
    out.push(f1(WP2, p2.lower));
    out.push(f1(AMBP2, p2.amb));
    out.push(f1(AMBM2, m2.amb));
    out.push(f2(AMB01, t.amb, p1.amb));
    out.push(f2(AMBM10, m1.amb, t.amb));
    out.push(f2(AMBM1P1, m1.amb, p1.amb));
    out.push(f2(W01, t.lower, p1.lower));
    out.push(f2(WM10, m1.lower, t.lower));
    out.push(f2(WM1P1, m1.lower, p1.lower));
    if t.lists != 0 {
        let l = t.lists as u64;
        out.push(f3(LEXFL, l, t.flags & 0x23, t.scase as u64));
        out.push(f1(LEXM1, m1.lists as u64));
        out.push(f1(LEXP1, p1.lists as u64));
        out.push(f2(LEXM10, m1.lists as u64, l));
        out.push(f2(LEX01, l, p1.lists as u64));
    }
    if t.capr != 0 {
        let (sc, cr) = (t.scase as u64, t.capr as u64);
        out.push(f2(SCASE_FL, sc, t.flags & 0x23));
        out.push(f3(SCASE_CR, sc, t.flags & 3, cr));
        out.push(f2(CAPR_FL, cr, t.flags & 0x23));
        out.push(f3(SCASE_AMB, sc, t.flags & 3, t.amb));
        out.push(f3(CAPR_SUF, cr, t.flags & 3, t.suf[2]));
    }
}

fn static_feats(p: &Padded<'_>, i: usize, out: &mut Vec<u64>) {
    let ii = i as isize;
    self_feats(p.get(ii), out);
    m1_feats(p.get(ii - 1), out);
    p1_feats(p.get(ii + 1), out);
    rest_feats(p, i, out);
}

#[inline]
fn left_feats(p: &Padded<'_>, i: usize, t1: u64, t2: u64, out: &mut Vec<u64>) {
    use tpl::*;
    let t = p.get(i as isize);
    let n = p.get(i as isize + 1);
    out.push(f1(T1, t1));
    out.push(f1(T2, t2));
    out.push(f2(T2T1, t2, t1));
    out.push(f2(T1W, t1, t.lower));
    out.push(f2(T1AMB, t1, t.amb));
    out.push(f2(T1AMBP1, t1, n.amb));
    out.push(f2(T1SUF3, t1, t.suf[2]));
    out.push(f2(T1WP1, t1, n.lower));
    out.push(f2(T1SH, t1, t.sshape));
    if t.lists != 0 {
        out.push(f2(T1LEX, t1, t.lists as u64));
    }
}

#[inline]
fn right_feats(p: &Padded<'_>, i: usize, t1: u64, r0: u64, r1: u64, r2: u64, out: &mut Vec<u64>) {
    use tpl::*;
    let t = p.get(i as isize);
    let n = p.get(i as isize + 1);
    out.push(f1(R0, r0));
    out.push(f1(R1, r1));
    out.push(f1(R2, r2));
    out.push(f2(R1R2, r1, r2));
    out.push(f2(T1R1, t1, r1));
    out.push(f2(R1W, r1, t.lower));
    out.push(f2(R0W, r0, t.lower));
    out.push(f2(R0R1, r0, r1));
    out.push(f2(T1R0, t1, r0));
    out.push(f2(R1SUF3, r1, t.suf[2]));
    out.push(f2(R1AMB, r1, t.amb));
    out.push(f3(T1R0R1, t1, r0, r1));
    out.push(f2(R0SUF3, r0, t.suf[2]));
    let _ = n;
}

const START_TAG: u64 = 1000;
const END_TAG: u64 = 1001;

// ---------------------------------------------------------------------------
// Inference table

/// Open-addressing hash table: feature hash -> weight row.
///
/// The model file stores `slots[s]` = key fingerprint (high 32 bits, 0 =
/// empty) | start of the slot's entries (low 32 bits), the entries ending
/// where the next slot's start; an entry is an `f32` weight whose lowest 8
/// mantissa bits are replaced by the class id.
///
/// In memory a slot holds all a lookup needs in one word: the fingerprint
/// (high 32 bits), the row's length (bits 24..32) and its start (low 24
/// bits), so a lookup reads one slot and then the row's entries. Rows of at
/// least [`DENSE_MIN`] entries (bias, shapes, common suffixes) are copied
/// out dense, one `f32` a class; their slot holds the length [`DENSE_LEN`]
/// and the dense row's index. Adding a dense row is a vector add instead of
/// a scatter, and sums each class's weights in the same order. The dense
/// rows are kept in two halves, pass-1 classes (`..half`) and pass-2 classes
/// (`half..`): most words never reach pass 2, so the pass-1 halves are the
/// ones read, and they are small enough to stay in cache.
#[derive(Debug, Clone, Default)]
struct Table {
    mask: usize,
    /// `mask + 1` packed slots (see above).
    slots: HugeBuf<u64>,
    /// The rows' entries in slot order (dense rows' entries too, for saving).
    entries: HugeBuf<u32>,
    /// Classes of each pass (half the classes of a row).
    half: usize,
    /// Dense copies of the long rows' pass-1 classes, `half` weights each.
    dense_lo: HugeBuf<f32>,
    /// Dense copies of the long rows' pass-2 classes, `half` weights each.
    dense_hi: HugeBuf<f32>,
    /// Number of entries of each dense row.
    dense_len: Vec<u32>,
}

/// Flag of a dense row in a resolved range's start.
const DENSE: u32 = 1 << 31;
/// Rows with at least this many entries are stored dense too.
const DENSE_MIN: usize = 48;
/// Slot length field of a dense row.
const DENSE_LEN: u64 = 0xff;
/// Entries addressable by a slot's 24-bit start.
const MAX_ENTRIES: usize = 1 << 24;

#[inline]
fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

#[inline]
fn pack(c: u8, w: f32) -> u32 {
    (w.to_bits() & !0xff) | c as u32
}

#[inline]
fn unpack(e: u32) -> (usize, f32) {
    ((e & 0xff) as usize, f32::from_bits(e & !0xff))
}

#[inline]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint and never faults.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch(p as *const i8, _MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Table {
    /// Builds the table from rows `(feature, [(class, weight)])`, classes
    /// sorted, for `2 * half` classes.
    fn build(mut rows: Vec<(u64, Vec<(u8, f32)>)>, half: usize) -> Table {
        rows.sort_unstable_by_key(|r| r.0);
        let cap = (rows.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slot_row = vec![u32::MAX; cap];
        let mut keys = vec![0u32; cap];
        for (ri, (h, _)) in rows.iter().enumerate() {
            let mut s = (*h as usize) & mask;
            while keys[s] != 0 {
                s = (s + 1) & mask;
            }
            keys[s] = fingerprint(*h);
            slot_row[s] = ri as u32;
        }
        let mut slots = Vec::with_capacity(cap + 1);
        let mut entries = Vec::new();
        for s in 0..cap {
            slots.push((keys[s] as u64) << 32 | entries.len() as u64);
            if slot_row[s] != u32::MAX {
                for &(c, x) in &rows[slot_row[s] as usize].1 {
                    entries.push(pack(c, x));
                }
            }
        }
        slots.push(entries.len() as u64);
        assert!(entries.len() < MAX_ENTRIES, "tagger table: too many weights");
        Table::from_file(mask, &slots, &entries, half)
    }

    /// The in-memory table of the file's slots (`mask + 2`, checked) and entries.
    /// Classes are checked to be below `2 * half`.
    fn from_file(mask: usize, file_slots: &[u64], entries: &[u32], half: usize) -> Table {
        let mut slots = HugeBuf::<u64>::zeroed(mask + 1);
        let mut kept = Vec::with_capacity(entries.len());
        let (mut lo, mut hi) = (Vec::new(), Vec::new());
        let mut dense_len = Vec::new();
        for s in 0..=mask {
            let fp = file_slots[s] >> 32;
            if fp == 0 {
                continue;
            }
            let row = &entries[file_slots[s] as u32 as usize..file_slots[s + 1] as u32 as usize];
            let start = kept.len() as u64;
            kept.extend_from_slice(row);
            slots[s] = if row.len() >= DENSE_MIN {
                let base = lo.len();
                lo.resize(base + half, 0.0f32);
                hi.resize(base + half, 0.0f32);
                for &e in row {
                    let (c, w) = unpack(e);
                    if c < half {
                        lo[base + c] = w;
                    } else {
                        hi[base + c - half] = w;
                    }
                }
                dense_len.push(row.len() as u32);
                fp << 32 | DENSE_LEN << 24 | (dense_len.len() - 1) as u64
            } else {
                fp << 32 | (row.len() as u64) << 24 | start
            };
        }
        let (dense_lo, dense_hi) = (HugeBuf::from_slice(&lo), HugeBuf::from_slice(&hi));
        Table { mask, slots, entries: HugeBuf::from_slice(&kept), half, dense_lo, dense_hi, dense_len }
    }

    /// Number of entries of the row of slot word `v`.
    fn row_len(&self, v: u64) -> usize {
        match (v >> 24) & 0xff {
            DENSE_LEN => self.dense_len[(v & 0xff_ffff) as usize] as usize,
            n => n as usize,
        }
    }

    /// The slots as the file stores them (`mask + 2`, offsets into `entries`).
    fn file_slots(&self) -> Vec<u64> {
        let mut out = Vec::with_capacity(self.mask + 2);
        let mut off = 0u64;
        for &v in self.slots.iter() {
            out.push((v >> 32) << 32 | off);
            if v >> 32 != 0 {
                off += self.row_len(v) as u64;
            }
        }
        out.push(off);
        out
    }

    /// The slot word of feature `h` (0 if the table does not have it).
    #[inline]
    fn find(&self, h: u64) -> u64 {
        let fp = fingerprint(h) as u64;
        let mut s = (h as usize) & self.mask;
        loop {
            // SAFETY: s <= mask < slots.len().
            let v = unsafe { *self.slots.get_unchecked(s) };
            if v >> 32 == fp {
                return v;
            }
            if v >> 32 == 0 {
                return 0;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Resolves `feats` to entry ranges in `ranges`, prefetching slots and then entries
    /// so that the cache misses of all features overlap. A dense row is
    /// given as `(DENSE | row, 0)`.
    #[inline]
    fn resolve(&self, feats: &[u64], ranges: &mut Vec<(u32, u32)>) {
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add((f as usize) & self.mask));
        }
        ranges.clear();
        for &f in feats {
            let v = self.find(f);
            let (len, a) = ((v >> 24) as u32 & 0xff, v as u32 & 0xff_ffff);
            if len as u64 == DENSE_LEN {
                ranges.push((DENSE | a, 0));
            } else if len > 0 {
                prefetch(self.entries.as_ptr().wrapping_add(a as usize));
                ranges.push((a, a + len));
            }
        }
    }

    /// The pass-1 and pass-2 halves of the dense row of a `(DENSE | row, 0)` range.
    #[inline]
    fn dense_rows(&self, a: u32) -> (&[f32], &[f32]) {
        let r = (a & !DENSE) as usize * self.half;
        (&self.dense_lo[r..r + self.half], &self.dense_hi[r..r + self.half])
    }

    /// Adds the weights of pass-1 classes (`out[c] += w` for `c < half`),
    /// or of pass-2 classes when `pass2` (`out[c - half] += w` for `c >= half`).
    #[inline]
    fn add_half(&self, feats: &[u64], pass2: bool, out: &mut [f32], ranges: &mut Vec<(u32, u32)>) {
        self.resolve(feats, ranges);
        let out = &mut out[..self.half];
        for &(a, b) in ranges.iter() {
            if a & DENSE != 0 {
                let (lo, hi) = self.dense_rows(a);
                for (o, w) in out.iter_mut().zip(if pass2 { hi } else { lo }) {
                    *o += *w;
                }
                continue;
            }
            for &e in &self.entries[a as usize..b as usize] {
                let (c, w) = unpack(e);
                if pass2 {
                    if c >= self.half {
                        out[c - self.half] += w;
                    }
                } else if c < self.half {
                    out[c] += w;
                }
            }
        }
    }

    fn prune(&mut self, thr: f32) {
        let slots = self.file_slots();
        let mut kept_slots = Vec::with_capacity(slots.len());
        let mut kept = Vec::with_capacity(self.entries.len());
        for s in 0..=self.mask {
            kept_slots.push((slots[s] >> 32) << 32 | kept.len() as u64);
            let (a, b) = (slots[s] as u32 as usize, slots[s + 1] as u32 as usize);
            kept.extend(self.entries[a..b].iter().filter(|&&e| unpack(e).1.abs() >= thr));
        }
        kept_slots.push(kept.len() as u64);
        *self = Table::from_file(self.mask, &kept_slots, &kept, self.half);
    }

    fn write(&self, w: &mut Writer) {
        w.u64(self.mask as u64);
        w.u64s(&self.file_slots());
        w.u32s(&self.entries);
    }

    fn read(r: &mut Reader<'_>, n_classes: usize) -> Result<Table, FormatError> {
        let mask = r.u64()? as usize;
        let slots = r.u64s()?;
        let entries = r.u32s()?;
        let bad = |m: &str| Err(FormatError::Corrupt(format!("tagger table: {m}")));
        if mask == usize::MAX || !(mask + 1).is_power_of_two() || slots.len() != mask + 2 {
            return bad("bad table size");
        }
        if entries.len() >= MAX_ENTRIES {
            return bad("too many entries");
        }
        if (slots[mask + 1] as u32) as usize != entries.len() {
            return bad("bad entry count");
        }
        if slots.windows(2).any(|p| (p[0] as u32) > (p[1] as u32)) {
            return bad("unsorted offsets");
        }
        if entries.iter().any(|&e| (e & 0xff) as usize >= n_classes) {
            return bad("class out of range");
        }
        if !slots[..=mask].iter().any(|&v| v >> 32 == 0) {
            return bad("table full");
        }
        Ok(Table::from_file(mask, &slots, &entries, n_classes / 2))
    }
}

// ---------------------------------------------------------------------------
// The tagger

/// A trained tagger and lemmatiser. Immutable; share it across threads.
#[derive(Debug, Clone)]
pub struct Tagger {
    upos_names: Vec<String>,
    xpos_names: Vec<String>,
    /// Class id -> (xpos id, upos id).
    classes: Vec<(u16, u8)>,
    /// Word key (exact or lowercase hash) -> (ambiguity class, direct class).
    lexicon: FxHashMap<u64, (u64, u16)>,
    table: Table,
    lemmatizer: Lemmatizer,
    /// Frequent training words (stored in the file).
    type_words: Vec<String>,
    /// Pass 2 is skipped for words whose pass-1 score margin is at least this.
    pass2_margin: f32,
    /// Exact-form key -> classes seen with this frequent word in training.
    constraints: FxHashMap<u64, u128>,
    /// Built at load: exact-form key -> type index.
    type_index: FxHashMap<u64, u32>,
    /// Built at load: `lexicon`, `constraints` and `type_index` in one map, so
    /// that a word costs one lookup (two when only its lowercase is known).
    words: FxHashMap<u64, WordInfo>,
    /// The constraint masks `words` refers to.
    masks: Vec<u128>,
    /// Built at load: per type, pre-summed weights of its self,
    /// as-previous-word and as-next-word features (`n_classes` each), of
    /// pass 1's classes (`[0]`) and pass 2's (`[1]`).
    type_rows: [HugeBuf<f32>; 2],
    /// Feature set flags ([`FLAG_LISTS`], [`FLAG_CASING`]); 0 for version-1 models.
    flags: u32,
    /// The word lists read as features (empty without [`FLAG_LISTS`]).
    word_lists: WordLists,
    /// Lower-case key -> capitalisation bucket in training ([`cap_bucket`]).
    cap_buckets: FxHashMap<u64, u8>,
    /// Built at load: lower-case key -> (word-list bits, capitalisation bucket).
    lower_info: FxHashMap<u64, (u32, u8)>,
}

/// What the tagger knows of a word key (exact form or lowercase).
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    /// Ambiguity class and direct class (when `lex`).
    amb: u64,
    direct: u16,
    /// The key is in the lexicon.
    lex: bool,
    /// Pre-summed rows ([`NO_ROW`] if none).
    row: u32,
    /// 1 + index of the constraint mask (0: none).
    mask: u32,
}

/// Reusable scratch buffers for [`Tagger::tag_with`]; [`Tagger::tag`] keeps one per thread.
#[derive(Default, Debug)]
pub struct TaggerWorker {
    toks: Vec<Tok>,
    lower: String,
    norm: String,
    feats: Vec<u64>,
    ranges: Vec<(u32, u32)>,
    stat: Vec<f32>,
    dyn1: Vec<f32>,
    margin: Vec<f32>,
    pass1: Vec<u16>,
    pass2: Vec<u16>,
    /// Runner-up class and margin per word, filled only when `want_alts`.
    alts: Vec<(u16, f32)>,
    want_alts: bool,
}

impl TaggerWorker {
    /// Empty buffers.
    pub fn new() -> Self {
        Self::default()
    }
}

thread_local! {
    static WORKER: RefCell<TaggerWorker> = RefCell::new(TaggerWorker::new());
}

/// Argmax over the classes in `mask` (all classes when `mask` is 0).
#[inline]
fn argmax_in(s: &[f32], mask: u128) -> usize {
    if mask == 0 {
        return argmax(s);
    }
    let mut best = 0;
    let mut bv = f32::NEG_INFINITY;
    let mut m = mask;
    while m != 0 {
        let i = m.trailing_zeros() as usize;
        m &= m - 1;
        if i < s.len() && s[i] > bv {
            bv = s[i];
            best = i;
        }
    }
    best
}

/// The best class other than `best` among those in `mask` (all when 0), and
/// the score gap to it; `(best, inf)` when there is no other class.
fn runner_up(s: &[f32], mask: u128, best: usize) -> (u16, f32) {
    let (mut alt, mut av) = (best, f32::NEG_INFINITY);
    let mut consider = |i: usize| {
        if i != best && i < s.len() && s[i] > av {
            av = s[i];
            alt = i;
        }
    };
    if mask == 0 {
        (0..s.len()).for_each(&mut consider);
    } else {
        let mut m = mask;
        while m != 0 {
            consider(m.trailing_zeros() as usize);
            m &= m - 1;
        }
    }
    if alt == best {
        (best as u16, f32::INFINITY)
    } else {
        (alt as u16, s[best] - av)
    }
}

/// The largest of `s` (-inf if empty), eight lanes at a time (the maximum
/// does not depend on the order of comparisons).
#[inline]
fn max_of(s: &[f32]) -> f32 {
    let mut m = [f32::NEG_INFINITY; 8];
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        for k in 0..8 {
            m[k] = if c[k] > m[k] { c[k] } else { m[k] };
        }
    }
    for (k, &v) in chunks.remainder().iter().enumerate() {
        m[k] = if v > m[k] { v } else { m[k] };
    }
    m.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b))
}

#[inline]
fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    let mut bv = f32::NEG_INFINITY;
    for (i, &v) in s.iter().enumerate() {
        if v > bv {
            bv = v;
            best = i;
        }
    }
    best
}

impl Tagger {
    /// Number of UPOS tags.
    pub fn n_upos(&self) -> usize {
        self.upos_names.len()
    }
    /// Number of XPOS tags.
    pub fn n_xpos(&self) -> usize {
        self.xpos_names.len()
    }
    /// Name of a UPOS id ("" if out of range).
    pub fn upos_name(&self, id: u8) -> &str {
        self.upos_names.get(id as usize).map_or("", |s| s)
    }
    /// Name of an XPOS id ("" if out of range).
    pub fn xpos_name(&self, id: u16) -> &str {
        self.xpos_names.get(id as usize).map_or("", |s| s)
    }
    /// Id of a UPOS tag name.
    pub fn upos_id(&self, name: &str) -> Option<u8> {
        self.upos_names.iter().position(|n| n == name).map(|i| i as u8)
    }
    /// Id of an XPOS tag name.
    pub fn xpos_id(&self, name: &str) -> Option<u16> {
        self.xpos_names.iter().position(|n| n == name).map(|i| i as u16)
    }
    /// All UPOS names, indexed by id.
    pub fn upos_names(&self) -> &[String] {
        &self.upos_names
    }
    /// All XPOS names, indexed by id.
    pub fn xpos_names(&self) -> &[String] {
        &self.xpos_names
    }
    /// The lemmatiser.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }
    /// The lemma of `word` tagged with the given ids.
    pub fn lemma<'a>(&'a self, word: &'a str, upos: u8, xpos: u16) -> Cow<'a, str> {
        self.lemmatizer.lemma(word, upos, xpos)
    }

    fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Pre-sums the static weights of the frequent words.
    fn build_type_rows(&mut self) {
        self.type_words.truncate(N_TYPE_ROWS);
        let c = self.n_classes();
        let mut rows = [HugeBuf::<f32>::zeroed(self.type_words.len() * 3 * c), HugeBuf::<f32>::zeroed(self.type_words.len() * 3 * c)];
        let mut index = FxHashMap::default();
        index.reserve(self.type_words.len());
        let (mut lower, mut feats, mut ranges) = (String::new(), Vec::new(), Vec::new());
        for (k, w) in self.type_words.iter().enumerate() {
            let mut t = tok_base(w, &mut lower, false);
            self.lookup_lex(&mut t);
            let parts: [fn(&Tok, &mut Vec<u64>); 3] = [self_feats, m1_feats, p1_feats];
            for (part, f) in parts.into_iter().enumerate() {
                feats.clear();
                f(&t, &mut feats);
                let b = (k * 3 + part) * c;
                for (pass2, r) in rows.iter_mut().enumerate() {
                    self.table.add_half(&feats, pass2 == 1, &mut r[b..b + c], &mut ranges);
                }
            }
            index.insert(t.exact_key, k as u32);
        }
        self.type_rows = rows;
        self.type_index = index;
        self.build_index();
    }

    /// Merges `lexicon`, `constraints` and `type_index` into `words`.
    fn build_index(&mut self) {
        let blank = WordInfo { amb: 0, direct: NO_CLASS, lex: false, row: NO_ROW, mask: 0 };
        let mut words: FxHashMap<u64, WordInfo> = FxHashMap::default();
        words.reserve(self.lexicon.len() + self.type_index.len() + self.constraints.len());
        for (&k, &(amb, direct)) in &self.lexicon {
            words.insert(k, WordInfo { amb, direct, lex: true, ..blank });
        }
        for (&k, &r) in &self.type_index {
            words.entry(k).or_insert(blank).row = r;
        }
        let mut masks = Vec::with_capacity(self.constraints.len());
        for (&k, &m) in &self.constraints {
            masks.push(m);
            words.entry(k).or_insert(blank).mask = masks.len() as u32;
        }
        self.words = words;
        self.masks = masks;
        let mut info: FxHashMap<u64, (u32, u8)> = FxHashMap::default();
        for (w, b) in self.word_lists.iter() {
            info.entry(hash_bytes(SEED_LOWER, w.as_bytes())).or_insert((0, CAP_UNSEEN)).0 |= b;
        }
        for (&k, &c) in &self.cap_buckets {
            info.entry(k).or_insert((0, CAP_UNSEEN)).1 = c;
        }
        self.lower_info = info;
    }

    /// Fills in what the tagger knows of the word of `t` (fresh from [`tok_base`]).
    fn lookup_lex(&self, t: &mut Tok) {
        self.lookup_words(t);
        if self.flags != 0 {
            let (l, c) = self.lower_info.get(&t.lower_key).copied().unwrap_or((0, CAP_UNSEEN));
            if self.flags & FLAG_LISTS != 0 {
                t.lists = LISTS_ON | l;
            }
            if self.flags & FLAG_CASING != 0 {
                t.capr = c;
            }
        }
    }

    /// The part of [`Tagger::lookup_lex`] every model has.
    fn lookup_words(&self, t: &mut Tok) {
        if let Some(w) = self.words.get(&t.exact_key) {
            t.row = w.row;
            if w.mask != 0 {
                t.mask = self.masks[w.mask as usize - 1];
            }
            if w.lex {
                t.amb = w.amb;
                t.direct = w.direct;
                return;
            }
        }
        t.amb = match self.words.get(&t.lower_key) {
            Some(w) if w.lex => mix(w.amb, 0x2222),
            _ => AMB_UNK,
        };
    }

    /// Tags `words` (one sentence, gold or herald tokenisation); `out` is cleared and refilled.
    pub fn tag(&self, words: &[&str], out: &mut Vec<TagResult>) {
        WORKER.with(|w| match w.try_borrow_mut() {
            Ok(mut w) => self.tag_with(&mut w, words, out),
            Err(_) => self.tag_with(&mut TaggerWorker::new(), words, out),
        })
    }

    /// Like [`Tagger::tag_with`], and also the runner-up class of every
    /// word with its score margin (`alts`, cleared and refilled). `out` is
    /// exactly what [`Tagger::tag_with`] gives.
    pub fn tag_alts_with(&self, wk: &mut TaggerWorker, words: &[&str], out: &mut Vec<TagResult>, alts: &mut Vec<TagAlt>) {
        wk.want_alts = true;
        self.tag_with(wk, words, out);
        wk.want_alts = false;
        alts.clear();
        alts.extend(wk.alts.iter().map(|&(k, m)| {
            let (x, u) = self.classes[k as usize];
            TagAlt { upos: u, xpos: x, margin: m }
        }));
    }

    /// Like [`Tagger::tag`] with caller-owned scratch buffers.
    pub fn tag_with(&self, wk: &mut TaggerWorker, words: &[&str], out: &mut Vec<TagResult>) {
        out.clear();
        let n = words.len();
        wk.toks.clear();
        for (i, w) in words.iter().enumerate() {
            let form: &str = if w.as_bytes().contains(&0xE2) {
                wk.norm.clear();
                wk.norm.push_str(&normalize_quotes(w));
                &wk.norm
            } else {
                w
            };
            let mut t = tok_base(form, &mut wk.lower, i == 0);
            self.lookup_lex(&mut t);
            wk.toks.push(t);
        }
        if self.flags & FLAG_CASING != 0 {
            set_sentence_case(&mut wk.toks);
        }
        let c = self.n_classes();
        let toks = std::mem::take(&mut wk.toks);
        let p = Padded::new(&toks);
        wk.stat.clear();
        wk.stat.resize(c, 0.0);
        wk.dyn1.clear();
        wk.dyn1.resize(c, 0.0);
        wk.pass1.clear();
        wk.pass2.clear();
        wk.margin.clear();
        wk.margin.resize(n, f32::INFINITY);
        let want_alts = wk.want_alts;
        wk.alts.clear();
        // Pass 1: static and left-context scores of the pass-1 classes.
        for i in 0..n {
            if toks[i].direct != NO_CLASS {
                wk.pass1.push(toks[i].direct);
                if want_alts {
                    wk.alts.push((toks[i].direct, f32::INFINITY));
                }
                continue;
            }
            wk.stat.fill(0.0);
            self.static_scores(&p, i, false, &mut wk.stat, &mut wk.feats, &mut wk.ranges);
            let t1 = if i >= 1 { wk.pass1[i - 1] as u64 } else { START_TAG };
            let t2 = if i >= 2 { wk.pass1[i - 2] as u64 } else { START_TAG };
            wk.feats.clear();
            left_feats(&p, i, t1, t2, &mut wk.feats);
            wk.dyn1.copy_from_slice(&wk.stat);
            self.table.add_half(&wk.feats, false, &mut wk.dyn1, &mut wk.ranges);
            let b = argmax_in(&wk.dyn1, toks[i].mask);
            let bv = wk.dyn1[b];
            let second = max_of(&wk.dyn1[..b]).max(max_of(&wk.dyn1[b + 1..]));
            wk.margin[i] = bv - second;
            wk.pass1.push(b as u16);
            if want_alts {
                wk.alts.push(runner_up(&wk.dyn1, toks[i].mask, b));
            }
        }
        // Pass 2, for the words pass 1 is not sure of. Its static scores, and
        // (when pass 2 sees the same left tags as pass 1, which is nearly
        // always) the left-context scores summed on their own, are added
        // in the order pass 1 adds its own.
        for i in 0..n {
            if toks[i].direct != NO_CLASS {
                wk.pass2.push(toks[i].direct);
                continue;
            }
            let t1 = if i >= 1 { wk.pass2[i - 1] as u64 } else { START_TAG };
            let t2 = if i >= 2 { wk.pass2[i - 2] as u64 } else { START_TAG };
            let same_left = (i < 1 || wk.pass2[i - 1] == wk.pass1[i - 1]) && (i < 2 || wk.pass2[i - 2] == wk.pass1[i - 2]);
            if same_left && wk.margin[i] >= self.pass2_margin {
                // Pass 1 is confident and pass 2 would see the same left context: keep it.
                wk.pass2.push(wk.pass1[i]);
                continue;
            }
            let r0 = wk.pass1[i] as u64;
            let r1 = if i + 1 < n { wk.pass1[i + 1] as u64 } else { END_TAG };
            let r2 = if i + 2 < n { wk.pass1[i + 2] as u64 } else { END_TAG };
            wk.dyn1.fill(0.0);
            self.static_scores(&p, i, true, &mut wk.dyn1, &mut wk.feats, &mut wk.ranges);
            wk.feats.clear();
            left_feats(&p, i, t1, t2, &mut wk.feats);
            if same_left {
                wk.stat.fill(0.0);
                self.table.add_half(&wk.feats, true, &mut wk.stat, &mut wk.ranges);
                for (d, l) in wk.dyn1.iter_mut().zip(&wk.stat) {
                    *d += *l;
                }
                wk.feats.clear();
            }
            right_feats(&p, i, t1, r0, r1, r2, &mut wk.feats);
            self.table.add_half(&wk.feats, true, &mut wk.dyn1, &mut wk.ranges);
            let b = argmax_in(&wk.dyn1, toks[i].mask);
            wk.pass2.push(b as u16);
            if want_alts {
                wk.alts[i] = runner_up(&wk.dyn1, toks[i].mask, b);
            }
        }
        wk.toks = toks;
        out.extend(wk.pass2.iter().map(|&k| {
            let (x, u) = self.classes[k as usize];
            TagResult { upos: u, xpos: x }
        }));
    }

    /// Adds the static scores of word `i` (pass-1 classes, or pass-2 classes
    /// when `pass2`) to `out`: pre-summed rows of frequent words first, then
    /// the other features one by one.
    fn static_scores(&self, p: &Padded<'_>, i: usize, pass2: bool, out: &mut [f32], feats: &mut Vec<u64>, ranges: &mut Vec<(u32, u32)>) {
        let c = self.n_classes();
        let rows = &self.type_rows[pass2 as usize];
        feats.clear();
        let ii = i as isize;
        let parts: [(&Tok, fn(&Tok, &mut Vec<u64>)); 3] = [(p.get(ii), self_feats), (p.get(ii - 1), m1_feats), (p.get(ii + 1), p1_feats)];
        for (part, (t, f)) in parts.into_iter().enumerate() {
            if t.row == NO_ROW {
                f(t, feats);
            } else {
                let b = (t.row as usize * 3 + part) * c;
                for (x, y) in out.iter_mut().zip(&rows[b..b + c]) {
                    *x += *y;
                }
            }
        }
        rest_feats(p, i, feats);
        self.table.add_half(feats, pass2, out, ranges);
    }

    /// Pass-1 tags only (for diagnostics).
    #[doc(hidden)]
    pub fn tag_pass1(&self, words: &[&str], out: &mut Vec<TagResult>) {
        let mut wk = TaggerWorker::new();
        let mut tmp = Vec::new();
        self.tag_with(&mut wk, words, &mut tmp);
        out.clear();
        out.extend(wk.pass1.iter().map(|&k| {
            let (x, u) = self.classes[k as usize];
            TagResult { upos: u, xpos: x }
        }));
    }

    // -----------------------------------------------------------------------
    // Serialisation

    /// The model file bytes (header, payload, checksum).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.strs(&self.upos_names);
        w.strs(&self.xpos_names);
        w.u32s(&self.classes.iter().map(|&(x, u)| (x as u32) << 8 | u as u32).collect::<Vec<_>>());
        let mut lex: Vec<(u64, (u64, u16))> = self.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        w.u64s(&lex.iter().map(|e| e.0).collect::<Vec<_>>());
        w.u64s(&lex.iter().map(|e| e.1 .0).collect::<Vec<_>>());
        w.u32s(&lex.iter().map(|e| e.1 .1 as u32).collect::<Vec<_>>());
        self.table.write(&mut w);
        w.strs(&self.type_words);
        self.lemmatizer.write(&mut w);
        let mut cons: Vec<(u64, u128)> = self.constraints.iter().map(|(&k, &v)| (k, v)).collect();
        cons.sort_unstable();
        w.u64s(&cons.iter().map(|e| e.0).collect::<Vec<_>>());
        w.u64s(&cons.iter().map(|e| e.1 as u64).collect::<Vec<_>>());
        w.u64s(&cons.iter().map(|e| (e.1 >> 64) as u64).collect::<Vec<_>>());
        if self.flags == 0 {
            return herald_binfmt::seal(MODEL_KIND, 1, w.finish());
        }
        w.u32(self.flags);
        if self.flags & FLAG_LISTS != 0 {
            let words: Vec<String> = self.word_lists.iter().map(|e| e.0.to_string()).collect();
            w.strs(&words);
            w.u32s(&self.word_lists.iter().map(|e| e.1).collect::<Vec<_>>());
        }
        if self.flags & FLAG_CASING != 0 {
            let mut caps: Vec<(u64, u8)> = self.cap_buckets.iter().map(|(&k, &v)| (k, v)).collect();
            caps.sort_unstable();
            w.u64s(&caps.iter().map(|e| e.0).collect::<Vec<_>>());
            w.bytes(&caps.iter().map(|e| e.1).collect::<Vec<_>>());
        }
        herald_binfmt::seal(MODEL_KIND, MODEL_VERSION, w.finish())
    }

    /// Decodes a model from file bytes, checking kind, version and checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let (payload, version) = match herald_binfmt::open(bytes, MODEL_KIND, MODEL_VERSION) {
            Err(FormatError::Version { found: 1, .. }) => (herald_binfmt::open(bytes, MODEL_KIND, 1)?, 1),
            r => (r?, MODEL_VERSION),
        };
        let mut r = Reader::new(payload);
        let upos_names = r.strs()?;
        let xpos_names = r.strs()?;
        let classes: Vec<(u16, u8)> = r.u32s()?.into_iter().map(|v| ((v >> 8) as u16, v as u8)).collect();
        let corrupt = |m: &str| ModelError::Format(FormatError::Corrupt(m.to_string()));
        if upos_names.len() > 256 || xpos_names.len() > u16::MAX as usize || classes.is_empty() || classes.len() > 128 {
            return Err(corrupt("bad tag set sizes"));
        }
        if classes.iter().any(|&(x, u)| x as usize >= xpos_names.len() || u as usize >= upos_names.len()) {
            return Err(corrupt("class refers to an unknown tag"));
        }
        let lk = r.u64s()?;
        let la = r.u64s()?;
        let ld = r.u32s()?;
        if lk.len() != la.len() || lk.len() != ld.len() {
            return Err(corrupt("lexicon lengths differ"));
        }
        if ld.iter().any(|&d| d != NO_CLASS as u32 && d as usize >= classes.len()) {
            return Err(corrupt("lexicon class out of range"));
        }
        let mut lexicon = FxHashMap::default();
        lexicon.reserve(lk.len());
        for i in 0..lk.len() {
            lexicon.insert(lk[i], (la[i], ld[i] as u16));
        }
        let table = Table::read(&mut r, 2 * classes.len())?;
        let type_words = r.strs()?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let mut constraints = FxHashMap::default();
        if !r.is_empty() {
            let (k, lo, hi) = (r.u64s()?, r.u64s()?, r.u64s()?);
            if k.len() != lo.len() || k.len() != hi.len() {
                return Err(corrupt("constraint lengths differ"));
            }
            for i in 0..k.len() {
                constraints.insert(k[i], (hi[i] as u128) << 64 | lo[i] as u128);
            }
        }
        let (mut flags, mut word_lists, mut cap_buckets) = (0, WordLists::new(), FxHashMap::default());
        if version >= 2 {
            flags = r.u32()?;
            if flags & !(FLAG_LISTS | FLAG_CASING) != 0 || flags == 0 {
                return Err(corrupt("unknown model flags"));
            }
            if flags & FLAG_LISTS != 0 {
                let (words, bits) = (r.strs()?, r.u32s()?);
                if words.len() != bits.len() {
                    return Err(corrupt("word list lengths differ"));
                }
                for (w, b) in words.iter().zip(bits) {
                    word_lists.add(w, b);
                }
            }
            if flags & FLAG_CASING != 0 {
                let (keys, b) = (r.u64s()?, r.bytes()?);
                if keys.len() != b.len() || b.iter().any(|&c| c == 0 || c > CAP_UNSEEN) {
                    return Err(corrupt("bad capitalisation table"));
                }
                cap_buckets = keys.into_iter().zip(b.iter().copied()).collect();
            }
        }
        if !r.is_empty() {
            return Err(corrupt("trailing bytes"));
        }
        let mut t = Tagger {
            upos_names,
            xpos_names,
            classes,
            lexicon,
            table,
            lemmatizer,
            type_words,
            type_index: FxHashMap::default(),
            words: FxHashMap::default(),
            masks: Vec::new(),
            type_rows: Default::default(),
            constraints,
            pass2_margin: PASS2_MARGIN,
            flags,
            word_lists,
            cap_buckets,
            lower_info: FxHashMap::default(),
        };
        t.build_index();
        t.build_type_rows();
        Ok(t)
    }

    /// Loads a model file.
    pub fn load(path: impl AsRef<Path>) -> Result<Tagger, ModelError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io { path: path.to_path_buf(), source })?;
        Tagger::from_bytes(&bytes).map_err(|e| match e {
            ModelError::Format(source) => ModelError::FormatAt { path: path.to_path_buf(), source },
            e => e,
        })
    }

    /// Saves the model atomically.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), ModelError> {
        let path = path.as_ref();
        herald_binfmt::write_atomic(path, &self.to_bytes())
            .map_err(|source| ModelError::Io { path: path.to_path_buf(), source })
    }

    /// Re-learns the lemmatiser from `train` (keeps the tagger).
    #[doc(hidden)]
    pub fn retrain_lemmatizer(&mut self, train: &[Sentence]) {
        let (up, xp) = (self.upos_names.clone(), self.xpos_names.clone());
        self.lemmatizer = Lemmatizer::train(
            train,
            &up,
            &xp,
            |n| up.iter().position(|x| x == n).map(|i| i as u8),
            |n| xp.iter().position(|x| x == n).map(|i| i as u16),
        );
    }

    /// Restricts words seen at least `min_count` times in `train` to the
    /// (XPOS, UPOS) classes they were seen with (`min_count = 0` removes the
    /// restriction).
    #[doc(hidden)]
    pub fn set_tag_constraints(&mut self, train: &[Sentence], min_count: u32) {
        self.constraints.clear();
        if min_count == 0 {
            self.build_index();
            return;
        }
        let mut counts: FxHashMap<u64, (u32, u128)> = FxHashMap::default();
        let mut lower = String::new();
        for s in train {
            for w in &s.words {
                let (Some(u), Some(x)) = (self.upos_id(&w.upos), self.xpos_id(&w.xpos)) else { continue };
                let Some(c) = self.classes.iter().position(|&k| k == (x, u)) else { continue };
                let t = tok_base(&normalize_quotes(&w.form), &mut lower, false);
                let e = counts.entry(t.exact_key).or_default();
                e.0 += 1;
                e.1 |= 1u128 << c;
            }
        }
        self.constraints = counts.into_iter().filter(|e| e.1 .0 >= min_count).map(|(k, (_, m))| (k, m)).collect();
        self.build_index();
    }

    /// Sets the pass-1 score margin above which pass 2 is skipped (speed/accuracy trade-off).
    #[doc(hidden)]
    pub fn set_pass2_margin(&mut self, m: f32) {
        self.pass2_margin = m;
    }

    /// Drops weights below `thr` in magnitude (for size/accuracy experiments).
    #[doc(hidden)]
    pub fn prune(&mut self, thr: f32) {
        self.table.prune(thr);
    }

    /// Model statistics: (features, weights, lexicon entries).
    pub fn stats(&self) -> (usize, usize, usize) {
        let feats = self.table.slots[..=self.table.mask].iter().filter(|&&v| v >> 32 != 0).count();
        (feats, self.table.entries.len(), self.lexicon.len())
    }
}

// ---------------------------------------------------------------------------
// Training

/// Sparse perceptron weights with lazy averaging.
#[derive(Default)]
struct TrainModel {
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<Param>>,
    step: u32,
}

#[derive(Clone, Copy)]
struct Param {
    cls: u8,
    w: f32,
    total: f64,
    ts: u32,
}

impl TrainModel {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for p in &self.rows[r as usize] {
                    scores[p.cls as usize] += p.w;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u64], gold: u8, pred: u8) {
        let now = self.step;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::with_capacity(2));
            }
            let row = &mut self.rows[r as usize];
            for (c, d) in [(gold, 1.0f32), (pred, -1.0)] {
                let p = match row.iter_mut().position(|p| p.cls == c) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Param { cls: c, w: 0.0, total: 0.0, ts: now });
                        row.last_mut().unwrap()
                    }
                };
                p.total += (now - p.ts) as f64 * p.w as f64;
                p.ts = now;
                p.w += d;
            }
        }
    }

    /// Averaged weights, entries below `prune` in magnitude dropped, classes shifted by `offset`.
    fn averaged(&self, prune: f32, offset: u8) -> FxHashMap<u64, Vec<(u8, f32)>> {
        let now = self.step.max(1);
        let mut out = FxHashMap::default();
        for (&f, &r) in &self.index {
            let mut v: Vec<(u8, f32)> = self.rows[r as usize]
                .iter()
                .map(|p| (p.cls + offset, ((p.total + (now - p.ts) as f64 * p.w as f64) / now as f64) as f32))
                .filter(|e| e.1.abs() >= prune)
                .collect();
            if !v.is_empty() {
                v.sort_unstable_by_key(|e| e.0);
                out.insert(f, v);
            }
        }
        out
    }
}

fn avg_score(m: &FxHashMap<u64, Vec<(u8, f32)>>, feats: &[u64], scores: &mut [f32]) {
    for f in feats {
        if let Some(row) = m.get(f) {
            for &(c, w) in row {
                scores[c as usize] += w;
            }
        }
    }
}

/// A training sentence: lexical data and gold classes.
struct TSent {
    toks: Vec<Tok>,
    gold: Vec<u8>,
}

/// Greedy decoding of one pass with any scorer; `right` = pass-1 tags for pass 2.
fn decode(
    toks: &[Tok],
    right: Option<&[u8]>,
    n_classes: usize,
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
    out: &mut Vec<u8>,
    mut score: impl FnMut(&[u64], &mut [f32]),
    mut learn: impl FnMut(usize, &[u64], u8),
) {
    let p = Padded::new(toks);
    out.clear();
    for i in 0..toks.len() {
        if toks[i].direct != NO_CLASS {
            out.push(toks[i].direct as u8);
            continue;
        }
        feats.clear();
        static_feats(&p, i, feats);
        let t1 = if i >= 1 { out[i - 1] as u64 } else { START_TAG };
        let t2 = if i >= 2 { out[i - 2] as u64 } else { START_TAG };
        left_feats(&p, i, t1, t2, feats);
        if let Some(r) = right {
            let get = |j: usize| if j < r.len() { r[j] as u64 } else { END_TAG };
            right_feats(&p, i, t1, get(i), get(i + 1), get(i + 2), feats);
        }
        scores.clear();
        scores.resize(n_classes, 0.0);
        score(feats, scores);
        let pred = argmax(scores) as u8;
        learn(i, feats, pred);
        out.push(pred);
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains one pass on `train` (indices into `sents`), returning averaged weights
/// (of the best dev epoch when `dev` is given).
#[allow(clippy::too_many_arguments)]
fn train_pass(
    sents: &[TSent],
    train: &[usize],
    right: Option<&[Vec<u8>]>,
    dev: Option<(&[TSent], Option<&[Vec<u8>]>)>,
    n_classes: usize,
    opts: &TrainOptions,
    label: &str,
) -> FxHashMap<u64, Vec<(u8, f32)>> {
    let mut m = TrainModel::default();
    let mut order: Vec<usize> = train.to_vec();
    let mut rng = Rng(opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let (mut feats, mut scores, mut out) = (Vec::new(), Vec::new(), Vec::new());
    let mut best: Option<(usize, FxHashMap<u64, Vec<(u8, f32)>>)> = None;
    for epoch in 0..opts.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let r = right.map(|r| r[si].as_slice());
            let cell = RefCell::new(&mut m);
            decode(
                &s.toks,
                r,
                n_classes,
                &mut feats,
                &mut scores,
                &mut out,
                |f, sc| cell.borrow().score(f, sc),
                |i, f, pred| {
                    let mut mm = cell.borrow_mut();
                    if pred != s.gold[i] {
                        mm.update(f, s.gold[i], pred);
                    }
                    mm.step += 1;
                },
            );
            for (i, &o) in out.iter().enumerate() {
                correct += (o == s.gold[i]) as usize;
                total += 1;
            }
        }
        let mut msg = format!("{label} epoch {:2}: train {:.2}%", epoch + 1, 100.0 * correct as f64 / total.max(1) as f64);
        if let Some((dsents, dright)) = dev {
            let avg = m.averaged(0.0, 0);
            let (mut c, mut t) = (0usize, 0usize);
            for (di, s) in dsents.iter().enumerate() {
                let r = dright.map(|r| r[di].as_slice());
                decode(&s.toks, r, n_classes, &mut feats, &mut scores, &mut out, |f, sc| avg_score(&avg, f, sc), |_, _, _| {});
                for (i, &o) in out.iter().enumerate() {
                    c += (o == s.gold[i]) as usize;
                    t += 1;
                }
            }
            let acc = c as f64 / t.max(1) as f64;
            msg += &format!(", dev {:.2}%", 100.0 * acc);
            let better = best.as_ref().is_none_or(|(bc, _)| c > *bc);
            if better {
                best = Some((c, avg));
            }
        }
        if opts.verbose {
            eprintln!("{msg}");
        }
    }
    match best {
        Some((_, avg)) => avg,
        None => m.averaged(0.0, 0),
    }
}

/// Per-word class counts.
type Counts = FxHashMap<u64, Vec<(u8, u32)>>;

fn add_count(c: &mut Counts, key: u64, cls: u8, n: i64) {
    let v = c.entry(key).or_default();
    match v.iter_mut().find(|e| e.0 == cls) {
        Some(e) => e.1 = (e.1 as i64 + n) as u32,
        None => v.push((cls, n as u32)),
    }
}

fn amb_of(v: &[(u8, u32)]) -> Option<u64> {
    let total: u32 = v.iter().map(|e| e.1).sum();
    if total == 0 {
        return None;
    }
    let mut cl: Vec<u8> = v.iter().filter(|e| e.1 > 0 && e.1 as f64 >= 0.05 * total as f64).map(|e| e.0).collect();
    cl.sort_unstable();
    let mut h = hash_bytes(0xa3b, &cl);
    if total < 3 {
        h = mix(h, 0x1111); // rare word: a separate (less reliable) ambiguity class
    }
    Some(h)
}

fn direct_of(v: &[(u8, u32)]) -> u16 {
    let total: u32 = v.iter().map(|e| e.1).sum();
    let (c, m) = v.iter().max_by_key(|e| (e.1, std::cmp::Reverse(e.0))).copied().unwrap_or((0, 0));
    if total >= 20 && m as f64 >= 0.997 * total as f64 && v.iter().filter(|e| e.1 > 0).count() == 1 {
        c as u16
    } else {
        NO_CLASS
    }
}

const FOLDS: usize = 5;

impl Tagger {
    /// Trains a tagger and lemmatiser on gold-tagged sentences; `dev` (if
    /// given) picks the best epoch of each pass. Deterministic for a given
    /// `opts.seed`.
    pub fn train(train: &[Sentence], dev: Option<&[Sentence]>, opts: &TrainOptions) -> Tagger {
        // Tag sets, in first-seen order.
        let mut upos_names: Vec<String> = Vec::new();
        let mut xpos_names: Vec<String> = Vec::new();
        let mut classes: Vec<(u16, u8)> = Vec::new();
        let mut class_ix: FxHashMap<(u16, u8), u8> = FxHashMap::default();
        let mut class_count: Vec<u32> = Vec::new();
        let idx_of = |names: &mut Vec<String>, n: &str| -> usize {
            match names.iter().position(|x| x == n) {
                Some(i) => i,
                None => {
                    names.push(n.to_string());
                    names.len() - 1
                }
            }
        };
        for s in train {
            for w in &s.words {
                let u = idx_of(&mut upos_names, &w.upos) as u8;
                let x = idx_of(&mut xpos_names, &w.xpos) as u16;
                if let Some(&c) = class_ix.get(&(x, u)) {
                    class_count[c as usize] += 1;
                } else if classes.len() < 127 {
                    class_ix.insert((x, u), classes.len() as u8);
                    classes.push((x, u));
                    class_count.push(1);
                }
            }
        }
        let nc = classes.len();
        let class_of = |upos: &str, xpos: &str| -> u8 {
            let u = upos_names.iter().position(|n| n == upos).map(|i| i as u8);
            let x = xpos_names.iter().position(|n| n == xpos).map(|i| i as u16);
            match (x, u) {
                (Some(x), Some(u)) => class_ix.get(&(x, u)).copied().unwrap_or_else(|| {
                    // unseen pair: the most frequent class with this xpos
                    (0..nc).filter(|&c| classes[c].0 == x).max_by_key(|&c| class_count[c]).unwrap_or(0) as u8
                }),
                _ => u8::MAX,
            }
        };
        // Lexical data and gold classes.
        let mut lower = String::new();
        let mk = |s: &Sentence, lower: &mut String| -> TSent {
            let mut toks = Vec::with_capacity(s.words.len());
            let mut gold = Vec::with_capacity(s.words.len());
            for (i, w) in s.words.iter().enumerate() {
                let form = normalize_quotes(&w.form);
                toks.push(tok_base(&form, lower, i == 0));
                gold.push(class_of(&w.upos, &w.xpos));
            }
            TSent { toks, gold }
        };
        let mut sents: Vec<TSent> = train.iter().map(|s| mk(s, &mut lower)).collect();
        let mut dev_sents: Vec<TSent> = dev.unwrap_or(&[]).iter().map(|s| mk(s, &mut lower)).collect();
        // Dictionary counts: total and per fold (fold = sentence index % FOLDS).
        let mut total = Counts::default();
        let mut folds: Vec<Counts> = (0..FOLDS).map(|_| Counts::default()).collect();
        for (si, s) in sents.iter().enumerate() {
            for (t, &g) in s.toks.iter().zip(&s.gold) {
                if g == u8::MAX {
                    continue;
                }
                for key in [t.exact_key, t.lower_key | 0] {
                    add_count(&mut total, key, g, 1);
                    add_count(&mut folds[si % FOLDS], key, g, 1);
                }
            }
        }
        // Note: exact and lower keys use different hash seeds, so they never clash.
        let mut lexicon: FxHashMap<u64, (u64, u16)> = FxHashMap::default();
        let mut exact_keys: FxHashMap<u64, ()> = FxHashMap::default();
        for s in &sents {
            for t in &s.toks {
                exact_keys.insert(t.exact_key, ());
            }
        }
        for (&k, v) in &total {
            if let Some(a) = amb_of(v) {
                let d = if exact_keys.contains_key(&k) { direct_of(v) } else { NO_CLASS };
                lexicon.insert(k, (a, d));
            }
        }
        // Capitalisation counts, total and per fold, as for the ambiguity classes.
        let mut cap_total: FxHashMap<u64, CapCount> = FxHashMap::default();
        let mut cap_folds: Vec<FxHashMap<u64, CapCount>> = (0..FOLDS).map(|_| FxHashMap::default()).collect();
        if opts.casing {
            for (si, s) in sents.iter().enumerate() {
                for t in &s.toks {
                    cap_count(cap_total.entry(t.lower_key).or_default(), t);
                    cap_count(cap_folds[si % FOLDS].entry(t.lower_key).or_default(), t);
                }
            }
        }
        let flags = if opts.word_lists.is_some() { FLAG_LISTS } else { 0 } | if opts.casing { FLAG_CASING } else { 0 };
        let lists_of: FxHashMap<u64, u32> = opts
            .word_lists
            .iter()
            .flat_map(|wl| wl.iter())
            .map(|(w, b)| (hash_bytes(SEED_LOWER, w.as_bytes()), b))
            .collect();
        // Training ambiguity classes are jack-knifed: counts without the sentence's fold.
        for (si, s) in sents.iter_mut().enumerate() {
            if flags & FLAG_LISTS != 0 {
                for t in s.toks.iter_mut() {
                    t.lists = LISTS_ON | lists_of.get(&t.lower_key).copied().unwrap_or(0);
                }
            }
            if flags & FLAG_CASING != 0 {
                let fold = &cap_folds[si % FOLDS];
                for t in s.toks.iter_mut() {
                    let all = cap_total.get(&t.lower_key).copied().unwrap_or_default();
                    let f = fold.get(&t.lower_key).copied().unwrap_or_default();
                    t.capr = cap_bucket(CapCount { seen: all.seen - f.seen, cap: all.cap - f.cap });
                }
                set_sentence_case(&mut s.toks);
            }
            let fold = &folds[si % FOLDS];
            for t in s.toks.iter_mut() {
                let held = |key: u64| -> Option<u64> {
                    let tv = total.get(&key)?;
                    let fv = fold.get(&key);
                    let v: Vec<(u8, u32)> = tv
                        .iter()
                        .map(|&(c, n)| (c, n - fv.and_then(|f| f.iter().find(|e| e.0 == c)).map_or(0, |e| e.1)))
                        .collect();
                    amb_of(&v)
                };
                t.amb = held(t.exact_key).or_else(|| held(t.lower_key).map(|a| mix(a, 0x2222))).unwrap_or(AMB_UNK);
                t.direct = total.get(&t.exact_key).map_or(NO_CLASS, |v| direct_of(v));
            }
        }
        // Sentences with a word of an unknown class are dropped from training.
        let usable: Vec<usize> = (0..sents.len()).filter(|&i| !sents[i].gold.contains(&u8::MAX)).collect();
        let mut tagger = Tagger {
            upos_names: upos_names.clone(),
            xpos_names: xpos_names.clone(),
            classes: classes.clone(),
            lexicon,
            table: Table::default(),
            lemmatizer: Lemmatizer::default(),
            type_words: Vec::new(),
            type_index: FxHashMap::default(),
            words: FxHashMap::default(),
            masks: Vec::new(),
            type_rows: Default::default(),
            constraints: FxHashMap::default(),
            pass2_margin: PASS2_MARGIN,
            flags,
            word_lists: opts.word_lists.clone().unwrap_or_default(),
            cap_buckets: cap_total.iter().filter(|e| e.1.seen > 0).map(|(&k, &c)| (k, cap_bucket(c))).collect(),
            lower_info: FxHashMap::default(),
        };
        tagger.build_index();
        for s in dev_sents.iter_mut() {
            for t in s.toks.iter_mut() {
                tagger.lookup_lex(t);
            }
            if flags & FLAG_CASING != 0 {
                set_sentence_case(&mut s.toks);
            }
        }
        let dev_sents: Vec<TSent> = dev_sents.into_iter().filter(|s| !s.gold.contains(&u8::MAX)).collect();
        let dev_arg = (!dev_sents.is_empty()).then_some(dev_sents.as_slice());

        // Jack-knifed pass-1 tags for training pass 2.
        let mut jk: Vec<Vec<u8>> = vec![Vec::new(); sents.len()];
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        let fold_opts = TrainOptions { epochs: opts.epochs.min(6), ..opts.clone() };
        for k in 0..FOLDS {
            let tr: Vec<usize> = usable.iter().copied().filter(|i| i % FOLDS != k).collect();
            let m = train_pass(&sents, &tr, None, None, nc, &fold_opts, &format!("pass1 fold {k}"));
            for &i in usable.iter().filter(|&&i| i % FOLDS == k) {
                let mut out = Vec::new();
                decode(&sents[i].toks, None, nc, &mut feats, &mut scores, &mut out, |f, sc| avg_score(&m, f, sc), |_, _, _| {});
                jk[i] = out;
            }
        }
        // Final pass 1 on everything.
        let p1 = train_pass(&sents, &usable, None, dev_arg.map(|d| (d, None)), nc, opts, "pass1");
        let dev_p1: Vec<Vec<u8>> = dev_sents
            .iter()
            .map(|s| {
                let mut out = Vec::new();
                decode(&s.toks, None, nc, &mut feats, &mut scores, &mut out, |f, sc| avg_score(&p1, f, sc), |_, _, _| {});
                out
            })
            .collect();
        let p2 = train_pass(&sents, &usable, Some(&jk), dev_arg.map(|d| (d, Some(dev_p1.as_slice()))), nc, opts, "pass2");
        // Merge into one table: pass-2 classes are offset by nc.
        let prune = 1e-3;
        let mut merged: FxHashMap<u64, Vec<(u8, f32)>> = FxHashMap::default();
        for (f, row) in p1 {
            merged.entry(f).or_default().extend(row.into_iter().filter(|e| e.1.abs() >= prune));
        }
        for (f, row) in p2 {
            merged.entry(f).or_default().extend(row.into_iter().filter(|e| e.1.abs() >= prune).map(|(c, w)| (c + nc as u8, w)));
        }
        let rows: Vec<(u64, Vec<(u8, f32)>)> = merged.into_iter().filter(|r| !r.1.is_empty()).collect();
        tagger.table = Table::build(rows, nc);
        // The most frequent training words get pre-summed rows.
        let mut freq: FxHashMap<String, u32> = FxHashMap::default();
        for s in train {
            for w in &s.words {
                *freq.entry(normalize_quotes(&w.form).into_owned()).or_default() += 1;
            }
        }
        let mut freq: Vec<(String, u32)> = freq.into_iter().collect();
        freq.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        tagger.type_words = freq.into_iter().take(N_TYPE_ROWS).map(|e| e.0).collect();
        tagger.set_tag_constraints(train, CONSTRAINT_MIN);
        tagger.build_type_rows();
        let up = upos_names.clone();
        let xp = xpos_names.clone();
        tagger.lemmatizer = Lemmatizer::train(
            train,
            &upos_names,
            &xpos_names,
            |n| up.iter().position(|x| x == n).map(|i| i as u8),
            |n| xp.iter().position(|x| x == n).map(|i| i as u16),
        );
        tagger
    }
}

/// Key of the MISC item [`Tagger::retag_alts`] writes: `HeraldAlt=UPOS,XPOS,MARGIN`.
pub const ALT_MISC_KEY: &str = "HeraldAlt=";

/// Sets (replacing any earlier one) the `HeraldAlt=` item of a MISC column.
pub fn set_alt_misc(misc: &mut String, upos: &str, xpos: &str, margin: f32) {
    let mut items: Vec<&str> = misc.split('|').filter(|m| !m.is_empty() && *m != "_" && !m.starts_with(ALT_MISC_KEY)).collect();
    let alt = format!("{ALT_MISC_KEY}{upos},{xpos},{margin}");
    items.push(&alt);
    *misc = items.join("|");
}

/// The runner-up UPOS, XPOS and margin of a MISC column's `HeraldAlt=` item.
pub fn alt_misc(misc: &str) -> Option<(&str, &str, f32)> {
    let v = misc.split('|').find_map(|m| m.strip_prefix(ALT_MISC_KEY))?;
    // UPOS has no comma; XPOS may be one (`,`): split at the first and last.
    let (u, rest) = v.split_once(',')?;
    let (x, m) = rest.rsplit_once(',')?;
    Some((u, x, m.parse().ok()?))
}

impl Tagger {
    /// [`Tagger::retag`], and each word's MISC gets the tagger's runner-up
    /// class and margin as a `HeraldAlt=UPOS,XPOS,MARGIN` item ([`alt_misc`]),
    /// which parsers trained with tag alternatives read.
    pub fn retag_alts(&self, sents: &mut [Sentence]) {
        let (mut tags, mut alts) = (Vec::new(), Vec::new());
        let mut wk = TaggerWorker::new();
        for s in sents {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            self.tag_alts_with(&mut wk, &words, &mut tags, &mut alts);
            let lemmas: Vec<String> = words.iter().zip(&tags).map(|(w, t)| self.lemma(w, t.upos, t.xpos).into_owned()).collect();
            for (((w, t), a), l) in s.words.iter_mut().zip(&tags).zip(&alts).zip(lemmas) {
                w.upos = self.upos_name(t.upos).to_string();
                w.xpos = self.xpos_name(t.xpos).to_string();
                w.lemma = l;
                set_alt_misc(&mut w.misc, self.upos_name(a.upos), self.xpos_name(a.xpos), a.margin);
            }
        }
    }

    /// Overwrites UPOS, XPOS and LEMMA of every word with this tagger's
    /// prediction (as the tagger would tag the words at run time).
    pub fn retag(&self, sents: &mut [Sentence]) {
        let mut tags = Vec::new();
        for s in sents {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            self.tag(&words, &mut tags);
            let lemmas: Vec<String> = words.iter().zip(&tags).map(|(w, t)| self.lemma(w, t.upos, t.xpos).into_owned()).collect();
            for ((w, t), l) in s.words.iter_mut().zip(&tags).zip(lemmas) {
                w.upos = self.upos_name(t.upos).to_string();
                w.xpos = self.xpos_name(t.xpos).to_string();
                w.lemma = l;
            }
        }
    }
}

/// K-fold jackknifing: a copy of `train` whose tags were predicted by taggers
/// that never saw the sentence (each fold tagged by a tagger trained on the
/// other folds), so that a parser trained on it sees tag errors like those at
/// run time. Folds are contiguous blocks (whole documents) when `blocks`,
/// else interleaved sentences. Deterministic.
pub fn jackknife(train: &[Sentence], k: usize, opts: &TrainOptions, blocks: bool) -> Vec<Sentence> {
    jackknife_with(train, k, opts, blocks, false)
}

/// [`jackknife`], and with `alts` each word's MISC also carries the
/// tagger's runner-up ([`Tagger::retag_alts`]).
pub fn jackknife_with(train: &[Sentence], k: usize, opts: &TrainOptions, blocks: bool, alts: bool) -> Vec<Sentence> {
    let k = k.max(2);
    let n = train.len();
    let fold_of = |i: usize| if blocks { i * k / n.max(1) } else { i % k };
    let mut tagged = train.to_vec();
    for fold in 0..k {
        let rest: Vec<Sentence> = train.iter().enumerate().filter(|(i, _)| fold_of(*i) != fold).map(|(_, s)| s.clone()).collect();
        let tagger = Tagger::train(&rest, None, opts);
        let idx: Vec<usize> = (0..n).filter(|&i| fold_of(i) == fold).collect();
        let mut held: Vec<Sentence> = idx.iter().map(|&i| train[i].clone()).collect();
        if alts {
            tagger.retag_alts(&mut held);
        } else {
            tagger.retag(&mut held);
        }
        for (i, s) in idx.into_iter().zip(held) {
            tagged[i] = s;
        }
    }
    tagged
}


#[cfg(test)]
mod table_tests {
    use super::*;

    /// Random rows of 1 to 120 classes (so both sparse and dense rows), as training makes them.
    fn rows(seed: u64, n: usize, width: usize) -> Vec<(u64, Vec<(u8, f32)>)> {
        let mut rng = Rng(seed | 1);
        (0..n)
            .map(|_| {
                let h = rng.next();
                let len = if rng.next() % 10 == 0 { 48 + (rng.next() % 70) as usize } else { 1 + (rng.next() % 12) as usize };
                let mut cls: Vec<u8> = (0..width as u8).collect();
                rng.shuffle(&mut cls);
                cls.truncate(len.min(width));
                cls.sort_unstable();
                let row = cls.into_iter().map(|c| (c, f32::from_bits(pack(0, (rng.next() % 2000) as f32 / 64.0 - 15.0)))).collect();
                (h, row)
            })
            .collect()
    }

    #[test]
    fn lookups_sum_every_row_of_the_features_found() {
        let width = 120;
        for seed in 1..6u64 {
            let rows = rows(seed, 3000, width);
            let t = Table::build(rows.clone(), width / 2);
            assert!(!t.dense_len.is_empty() && t.entries.len() > 0);
            let reference: FxHashMap<u64, Vec<(u8, f32)>> = rows.iter().cloned().collect();
            let mut rng = Rng(seed * 77 + 1);
            let mut ranges = Vec::new();
            for _ in 0..300 {
                // Half the features present, half absent.
                let feats: Vec<u64> =
                    (0..20).map(|_| if rng.next() % 2 == 0 { rows[(rng.next() % 3000) as usize].0 } else { rng.next() }).collect();
                let mut want = vec![0.0f32; width];
                for f in &feats {
                    for &(c, w) in reference.get(f).map_or(&[][..], |r| r) {
                        want[c as usize] += w;
                    }
                }
                let (mut lo, mut hi) = (vec![0.0f32; width / 2], vec![0.0f32; width / 2]);
                t.add_half(&feats, false, &mut lo, &mut ranges);
                t.add_half(&feats, true, &mut hi, &mut ranges);
                assert_eq!(&want[..width / 2], &lo[..]);
                assert_eq!(&want[width / 2..], &hi[..]);
            }
        }
    }

    #[test]
    fn saved_slots_rebuild_the_same_table_and_pruning_drops_small_weights() {
        let width = 100;
        let t = Table::build(rows(9, 2000, width), width / 2);
        let slots = t.file_slots();
        assert_eq!(slots.len(), t.mask + 2);
        assert_eq!(*slots.last().unwrap() as usize, t.entries.len());
        let again = Table::from_file(t.mask, &slots, &t.entries, width / 2);
        assert_eq!(&again.slots[..], &t.slots[..]);
        assert_eq!((&again.dense_lo[..], &again.dense_hi[..]), (&t.dense_lo[..], &t.dense_hi[..]));
        let mut p = t.clone();
        p.prune(10.0);
        assert!(p.entries.len() < t.entries.len());
        assert!(p.entries.iter().all(|&e| unpack(e).1.abs() >= 10.0));
        let kept = t.entries.iter().filter(|&&e| unpack(e).1.abs() >= 10.0).count();
        assert_eq!(p.entries.len(), kept);
    }
}
