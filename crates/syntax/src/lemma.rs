//! A lemmatiser learned from a treebank: an exception dictionary of
//! `(form, XPOS) -> lemma` pairs that the rules get wrong, and suffix edit
//! rules per XPOS (`-ies -> -y` for `NNS`, `-pped -> -p` for `VBD`, ...).
//!
//! Casing: proper nouns (UPOS `PROPN` or XPOS `NNP`/`NNPS`) keep their case,
//! everything else is lowercased except the pronoun "I". The lemmatiser is
//! normally used through [`crate::tagger::Tagger::lemma`], which stores its
//! tables in the tagger's model file.

use std::borrow::Cow;

use herald_binfmt::{FormatError, Reader, Writer};
use rustc_hash::FxHashMap;

use crate::conllu::Sentence;

/// Longest suffix (in characters) a rule may condition on.
const MAX_SUFFIX: usize = 7;

/// A learned lemmatiser. Tags are the ids of the tagger's tag sets.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// `hash(form, xpos)` -> index into `strings`.
    exceptions: FxHashMap<u64, u32>,
    /// `hash(xpos, suffix)` -> edit index.
    rules: FxHashMap<u64, u32>,
    /// Edits: suffix to remove, string to append.
    edits: Vec<(String, String)>,
    /// Hashes of the (lowercased) lemmas seen in training: a rule whose
    /// output is a known lemma is preferred over a longer-suffix rule's.
    known: rustc_hash::FxHashSet<u64>,
    /// Exception lemmas.
    strings: Vec<String>,
    /// Per XPOS id: true when the lemma keeps the form's case.
    keep_case_xpos: Vec<bool>,
    /// Per UPOS id: true when the lemma keeps the form's case.
    keep_case_upos: Vec<bool>,
}

#[inline]
fn fx(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

fn key(tag: u16, s: &str) -> u64 {
    fx(0x1234_5678 ^ ((tag as u64) << 32), s.as_bytes())
}

fn suffix_key(tag: u16, s: &str) -> u64 {
    fx(0x9abc_def0 ^ ((tag as u64) << 32), s.as_bytes())
}

/// Maps curly quotes to their ASCII forms; borrows when there is nothing to map.
pub fn normalize_quotes(word: &str) -> Cow<'_, str> {
    if !word.as_bytes().contains(&0xE2) {
        return Cow::Borrowed(word);
    }
    if !word.contains(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}']) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .map(|c| match c {
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2018}' | '\u{2019}' => '\'',
                c => c,
            })
            .collect(),
    )
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// True for numbers with thousands separators: `1,100`, `12,500,000.50`.
fn is_grouped_number(w: &str) -> bool {
    let (int, frac) = match w.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (w, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut groups = int.split(',');
    let Some(first) = groups.next() else { return false };
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut n = 0;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        n += 1;
    }
    n > 0
}

/// The edit (characters stripped, appended string) that turns `from` into `to`.
fn edit_between(from: &str, to: &str) -> (usize, String) {
    let mut p = 0; // common prefix, bytes, on char boundaries
    for ((i, a), b) in from.char_indices().zip(to.chars()) {
        if a != b {
            break;
        }
        p = i + a.len_utf8();
    }
    (from[p..].chars().count(), to[p..].to_string())
}

#[cfg(test)]
fn apply_edit(base: &str, strip: usize, append: &str) -> Option<String> {
    let n = base.chars().count();
    if strip >= n && !(strip == n && !append.is_empty()) {
        return None;
    }
    let cut = base.char_indices().nth(n - strip).map_or(base.len(), |(i, _)| i);
    let mut s = String::with_capacity(cut + append.len());
    s.push_str(&base[..cut]);
    s.push_str(append);
    Some(s)
}

impl Lemmatizer {
    /// Learns the lemmatiser from gold-lemmatised sentences; `xpos_id` and
    /// `upos_id` map tag names to the ids used at lookup time (words whose
    /// tags are unknown are skipped). `upos_names` and `xpos_names` decide
    /// which tags keep case.
    pub fn train(
        sentences: &[Sentence],
        upos_names: &[String],
        xpos_names: &[String],
        upos_id: impl Fn(&str) -> Option<u8>,
        xpos_id: impl Fn(&str) -> Option<u16>,
    ) -> Lemmatizer {
        let mut lm = Lemmatizer {
            keep_case_xpos: xpos_names.iter().map(|x| x == "NNP" || x == "NNPS").collect(),
            keep_case_upos: upos_names.iter().map(|u| u == "PROPN").collect(),
            ..Default::default()
        };
        // Tags whose capitalised words keep their case in the lemma (at least
        // 80% of the time in training), e.g. NNP, ADD (e-mail addresses, URLs).
        let mut case_x = vec![(0u32, 0u32); xpos_names.len()];
        let mut case_u = vec![(0u32, 0u32); upos_names.len()];
        for s in sentences {
            for w in &s.words {
                if !w.form.chars().any(char::is_uppercase) || w.form == "I" {
                    continue;
                }
                let keep = w.lemma.chars().any(char::is_uppercase) as u32;
                if let Some(x) = xpos_id(&w.xpos) {
                    case_x[x as usize].0 += keep;
                    case_x[x as usize].1 += 1;
                }
                if let Some(u) = upos_id(&w.upos) {
                    case_u[u as usize].0 += keep;
                    case_u[u as usize].1 += 1;
                }
            }
        }
        let keeps = |&(k, n): &(u32, u32)| n >= 5 && k as f64 >= 0.8 * n as f64;
        if sentences.iter().map(|s| s.words.len()).sum::<usize>() >= 1000 {
            lm.keep_case_xpos = case_x.iter().map(keeps).collect();
            lm.keep_case_upos = case_u.iter().map(keeps).collect();
        }
        // (form, xpos) -> (lemma counts, upos counts); BTreeMap for determinism.
        type Pair = (FxHashMap<String, u32>, FxHashMap<u8, u32>);
        let mut agg: std::collections::BTreeMap<(String, u16), Pair> = Default::default();
        for s in sentences {
            for w in &s.words {
                let (Some(u), Some(x)) = (upos_id(&w.upos), xpos_id(&w.xpos)) else { continue };
                if w.lemma.is_empty() || w.lemma == "_" && w.form != "_" {
                    continue;
                }
                let form = normalize_quotes(&w.form).into_owned();
                let lemma = normalize_quotes(&w.lemma).into_owned();
                let e = agg.entry((form, x)).or_default();
                *e.0.entry(lemma).or_default() += 1;
                *e.1.entry(u).or_default() += 1;
            }
        }
        let pairs: std::collections::BTreeMap<(String, u16, u8), FxHashMap<String, u32>> = agg
            .into_iter()
            .map(|((f, x), (lemmas, upos))| {
                let u = upos.iter().max_by_key(|e| (*e.1, std::cmp::Reverse(*e.0))).map_or(0, |e| *e.0);
                ((f, x, u), lemmas)
            })
            .collect();
        let majority = |m: &FxHashMap<String, u32>| -> String {
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v[0].0.clone()
        };
        // Suffix rule statistics over types: (xpos, suffix) -> edit -> count.
        let mut edit_ids: FxHashMap<(String, String), u32> = FxHashMap::default();
        let mut stats: std::collections::BTreeMap<(u16, String), FxHashMap<u32, u32>> = Default::default();
        let mut seen_types: FxHashMap<(String, u16), ()> = FxHashMap::default();
        for ((form, x, u), m) in &pairs {
            let lemma = majority(m);
            let base = lm.cased(form, *u, *x);
            let base = base.as_ref();
            if seen_types.insert((base.to_string(), *x), ()).is_some() {
                continue;
            }
            lm.known.insert(fx(7, lower(&lemma).as_bytes()));
            let (strip, app) = edit_between(base, &lemma);
            if strip > 250 {
                continue;
            }
            let cut = base.char_indices().nth(base.chars().count() - strip).map_or(base.len(), |(i, _)| i);
            let removed = base[cut..].to_string();
            let next = edit_ids.len() as u32;
            let e = *edit_ids.entry((removed.clone(), app.clone())).or_insert(next);
            if e == next {
                lm.edits.push((removed, app));
            }
            let chars: Vec<(usize, char)> = base.char_indices().collect();
            for l in 0..=MAX_SUFFIX.min(chars.len()) {
                let start = if l == 0 { base.len() } else { chars[chars.len() - l].0 };
                *stats.entry((*x, base[start..].to_string())).or_default().entry(e).or_default() += 1;
            }
        }
        let best = |m: &FxHashMap<u32, u32>| -> u32 {
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            *v[0].0
        };
        // Keep a rule only where it is seen on two word types or more and
        // disagrees with its parent (one char shorter).
        for ((x, suf), m) in &stats {
            if !suf.is_empty() && m.values().sum::<u32>() < 2 {
                continue;
            }
            let e = best(m);
            let keep = if suf.is_empty() {
                true
            } else {
                let parent = &suf[suf.char_indices().nth(1).map_or(suf.len(), |(i, _)| i)..];
                let mut p = parent;
                // nearest kept ancestor: skip parents with too little support
                loop {
                    match stats.get(&(*x, p.to_string())) {
                        Some(pm) if p.is_empty() || pm.values().sum::<u32>() >= 2 => break best(pm) != e,
                        _ => p = &p[p.char_indices().nth(1).map_or(p.len(), |(i, _)| i)..],
                    }
                    if p.is_empty() && !stats.contains_key(&(*x, String::new())) {
                        break true;
                    }
                }
            };
            if keep {
                lm.rules.insert(suffix_key(*x, suf), e);
            }
        }
        // Exceptions: every seen (form, xpos) whose majority lemma the rules miss.
        let mut strings: FxHashMap<String, u32> = FxHashMap::default();
        for ((form, x, u), m) in &pairs {
            let lemma = majority(m);
            if lm.by_rules(form, *u, *x) == lemma {
                continue;
            }
            let k = key(*x, form);
            let next = strings.len() as u32;
            let id = *strings.entry(lemma.clone()).or_insert(next);
            if id == next {
                lm.strings.push(lemma);
            }
            lm.exceptions.insert(k, id);
        }
        lm
    }

    fn keeps_case(&self, upos: u8, xpos: u16) -> bool {
        self.keep_case_upos.get(upos as usize).copied().unwrap_or(false)
            || self.keep_case_xpos.get(xpos as usize).copied().unwrap_or(false)
    }

    fn cased<'a>(&self, form: &'a str, upos: u8, xpos: u16) -> Cow<'a, str> {
        if self.keeps_case(upos, xpos) || form == "I" {
            Cow::Borrowed(form)
        } else {
            lower(form)
        }
    }

    fn by_rules<'a>(&self, form: &'a str, upos: u8, xpos: u16) -> Cow<'a, str> {
        let base = self.cased(form, upos, xpos);
        // starts[l] = byte offset of the last l characters (no allocation).
        let mut starts = [base.len(); MAX_SUFFIX + 1];
        let mut n = 0;
        for (i, _) in base.char_indices().rev().take(MAX_SUFFIX) {
            n += 1;
            starts[n] = i;
        }
        let mut first: Option<String> = None;
        for l in (0..=n).rev() {
            let start = starts[l];
            let Some(&e) = self.rules.get(&suffix_key(xpos, &base[start..])) else { continue };
            let (removed, app) = &self.edits[e as usize];
            if removed.is_empty() && app.is_empty() {
                if first.is_none() {
                    return base;
                }
                continue;
            }
            let Some(stem) = base.strip_suffix(removed.as_str()) else { continue };
            if stem.is_empty() && app.is_empty() {
                continue;
            }
            let mut cand = String::with_capacity(stem.len() + app.len());
            cand.push_str(stem);
            cand.push_str(app);
            if self.known.is_empty() || self.known.contains(&fx(7, lower(&cand).as_bytes())) {
                return Cow::Owned(cand);
            }
            if first.is_none() {
                first = Some(cand);
            }
        }
        match first {
            Some(c) => Cow::Owned(c),
            None => base,
        }
    }

    /// The lemma of `word` tagged `upos`/`xpos` (ids of the tagger's tag sets).
    pub fn lemma<'a>(&'a self, word: &'a str, upos: u8, xpos: u16) -> Cow<'a, str> {
        let word = normalize_quotes(word);
        if let Some(&i) = self.exceptions.get(&key(xpos, &word)) {
            return Cow::Borrowed(&self.strings[i as usize]);
        }
        if is_grouped_number(&word) {
            // UD English lemmatises "1,100" as "1100".
            return Cow::Owned(word.replace(',', ""));
        }
        if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            let l = lower(&word);
            if let Some(&i) = self.exceptions.get(&key(xpos, &l)) {
                return Cow::Borrowed(&self.strings[i as usize]);
            }
        }
        match word {
            Cow::Borrowed(w) => self.by_rules(w, upos, xpos),
            Cow::Owned(w) => Cow::Owned(self.by_rules(&w, upos, xpos).into_owned()),
        }
    }

    /// Number of exception entries and suffix rules (for reporting).
    pub fn sizes(&self) -> (usize, usize) {
        (self.exceptions.len(), self.rules.len())
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut ex: Vec<(u64, u32)> = self.exceptions.iter().map(|(&k, &v)| (k, v)).collect();
        ex.sort_unstable();
        w.u64s(&ex.iter().map(|e| e.0).collect::<Vec<_>>());
        w.u32s(&ex.iter().map(|e| e.1).collect::<Vec<_>>());
        let mut ru: Vec<(u64, u32)> = self.rules.iter().map(|(&k, &v)| (k, v)).collect();
        ru.sort_unstable();
        w.u64s(&ru.iter().map(|e| e.0).collect::<Vec<_>>());
        w.u32s(&ru.iter().map(|e| e.1).collect::<Vec<_>>());
        w.strs(&self.edits.iter().map(|e| e.0.as_str()).collect::<Vec<_>>());
        w.strs(&self.edits.iter().map(|e| e.1.as_str()).collect::<Vec<_>>());
        let mut known: Vec<u64> = self.known.iter().copied().collect();
        known.sort_unstable();
        w.u64s(&known);
        w.strs(&self.strings);
        w.bytes(&self.keep_case_xpos.iter().map(|&b| b as u8).collect::<Vec<_>>());
        w.bytes(&self.keep_case_upos.iter().map(|&b| b as u8).collect::<Vec<_>>());
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, FormatError> {
        let corrupt = |m: &str| FormatError::Corrupt(format!("lemmatiser: {m}"));
        let ek = r.u64s()?;
        let ev = r.u32s()?;
        let rk = r.u64s()?;
        let rv = r.u32s()?;
        let strips = r.strs()?;
        let apps = r.strs()?;
        let known = r.u64s()?.into_iter().collect();
        let strings = r.strs()?;
        let kx = r.bytes()?.iter().map(|&b| b != 0).collect();
        let ku = r.bytes()?.iter().map(|&b| b != 0).collect();
        if ek.len() != ev.len() || rk.len() != rv.len() || strips.len() != apps.len() {
            return Err(corrupt("table lengths differ"));
        }
        if ev.iter().any(|&v| v as usize >= strings.len()) || rv.iter().any(|&v| v as usize >= apps.len()) {
            return Err(corrupt("index out of range"));
        }
        Ok(Lemmatizer {
            exceptions: ek.into_iter().zip(ev).collect(),
            rules: rk.into_iter().zip(rv).collect(),
            edits: strips.into_iter().zip(apps).collect(),
            known,
            strings,
            keep_case_xpos: kx,
            keep_case_upos: ku,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits() {
        assert_eq!(edit_between("studies", "study"), (3, "y".to_string()));
        assert_eq!(edit_between("stopped", "stop"), (3, String::new()));
        assert_eq!(edit_between("was", "be"), (3, "be".to_string()));
        assert_eq!(apply_edit("flies", 3, "y").as_deref(), Some("fly"));
        assert_eq!(apply_edit("is", 2, "be").as_deref(), Some("be"));
        assert_eq!(apply_edit("a", 2, ""), None);
        assert!(is_grouped_number("1,100") && is_grouped_number("12,500,000.50"));
        assert!(!is_grouped_number("3,40") && !is_grouped_number("1100") && !is_grouped_number(",100") && !is_grouped_number("1,100."));
        assert_eq!(normalize_quotes("\u{201C}don\u{2019}t\u{201D}"), "\"don't\"");
    }
}
