//! The verb patterns of a [`Lexicon`] compiled once into flat tables the coder
//! matches over a dependency parse: verb lemma or form -> verbs of a block;
//! block -> patterns as sequences of items before and after the verb, with
//! synonym sets expanded to their phrases.

use herald_lexicon::{phrase_tokens, Lexicon, PatternElem};
use rustc_hash::FxHashMap;

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// Consecutive word pieces (lower case).
    Words(Vec<Box<str>>),
    /// The preposition heading a prepositional phrase `(TO ...)`: as
    /// [`Item::Words`], but not an infinitive's `to` ("ordered X to suspend").
    Prep(Vec<Box<str>>),
    /// Any phrase of synonym set `n` ([`Compiled::syn`]).
    Syn(u32),
    /// The source actor.
    Source,
    /// The target actor.
    Target,
    /// A compound actor (source and target).
    Compound,
    /// `^`: one noun phrase, right after the item before it, that is
    /// neither source nor target ("* AT ^ +": "warned at the Gondor of the
    /// Prince of Dol Amroth" has the Prince as target, not Gondor).
    Skip,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct CPattern {
    /// Items before the verb, in text order.
    pub pre: Vec<Item>,
    /// Items after the verb.
    pub post: Vec<Item>,
    /// `pre_glue[i]`: item `pre[i]` was joined by `_` to the element before
    /// it (`NEW_&TIETYPES_RELATIONS`): it must follow that element's words
    /// directly in the text. `pre_glue[0]` is unused.
    pub pre_glue: Vec<bool>,
    /// `post_glue[i]`: as `pre_glue`; `post_glue[0]` joins the first item
    /// after the verb to the verb (`*_UP`, `*_BY_$`).
    pub post_glue: Vec<bool>,
    /// The last item before the verb is joined to it (`RECENTLY_*`, `FAILED_TO_*`).
    pub glued_to_verb: bool,
    /// Event code (`---` = deliberately none).
    pub code: Box<str>,
    /// Second code of `[a:b]`: the event the target does to the source.
    pub code2: Option<Box<str>>,
    /// Line in the verb file.
    pub line: u32,
    /// First piece of every literal word item: all must occur in the clause.
    pub anchors: Vec<Box<str>>,
    /// Pattern text as written (for diagnostics).
    #[allow(dead_code)]
    pub text: Box<str>,
    /// The verbs of its block the pattern was written for (indices into
    /// [`Compiled::verbs`]), as its comment names them (`- * PART [030] #
    /// TAKE`); `None`: written for the whole block (no comment, or a
    /// comment that names no verb of the block).
    pub written_for: Option<Vec<u32>>,
    /// It is prepositions or particles only, with no actor (`- * (WITH)`,
    /// `- * OFF`, `- * TO`): a phrasal verb ("break with", "head to"), an
    /// idiom of the verb it was written for. A preposition that introduces
    /// an actor (`- * FROM +`) carries its meaning to the verb's synonyms
    /// ("withdraw from" as "retreat from").
    pub phrasal: bool,
}

impl CPattern {
    /// Whether the pattern was written for verb `vi` (see [`CPattern::written_for`]).
    pub fn for_verb(&self, vi: u32) -> bool {
        self.written_for.as_ref().is_none_or(|v| v.contains(&vi))
    }

    /// Whether the pattern applies to verb `vi` of its block: a phrasal
    /// pattern only to the verb it was written for ("BREAK * (WITH)" is not
    /// "beat up ... with"); others to every verb of the block, as PETRARCH
    /// reads them (DEMOLISH * BUILDINGS for "destroyed buildings").
    pub fn applies_to(&self, vi: u32) -> bool {
        !self.phrasal || self.for_verb(vi)
    }
}

/// A verb of a block.
#[derive(Clone, Debug)]
pub(crate) struct CVerb {
    pub block: u32,
    /// The verb's own code, else the block's.
    pub code: Box<str>,
    /// Second code of `[a:b]` (the target's event toward the source).
    pub code2: Option<Box<str>>,
    /// Particle words after the head verb (`PULL_OUT` -> `out`).
    pub after: Vec<Box<str>>,
    /// Words before the head verb.
    pub before: Vec<Box<str>>,
    pub line: u32,
}

/// A block: its patterns.
#[derive(Clone, Debug, Default)]
pub(crate) struct CBlock {
    #[allow(dead_code)]
    pub name: Box<str>,
    pub patterns: Vec<CPattern>,
    /// Source file of the block.
    pub source: u32,
}

/// The compiled verb dictionary.
#[derive(Clone, Debug, Default)]
pub(crate) struct Compiled {
    pub verbs: Vec<CVerb>,
    pub blocks: Vec<CBlock>,
    /// Lemma or form (lower case) -> indices into `verbs`.
    pub index: FxHashMap<Box<str>, Vec<u32>>,
    /// Words listed as verbs of their own (`LEFT`, `MET`): such a form is
    /// looked up before its lemma.
    pub headwords: rustc_hash::FxHashSet<Box<str>>,
    /// Synonym sets: phrases as word pieces; `true` when plurals are allowed.
    pub syn: Vec<(Vec<Vec<Box<str>>>, bool)>,
    /// Per synonym set: first word piece -> its phrases (indices into
    /// `syn[n].0`), so a position is tried only against phrases that can
    /// start there.
    pub syn_first: Vec<FxHashMap<Box<str>, Vec<u32>>>,
    syn_names: FxHashMap<String, u32>,
    /// Discard needles (` word word `) and whether they discard the story.
    pub discards: Vec<(String, bool, u32)>,
    /// First word of a discard -> its indices (needles whose first word is complete).
    pub discard_first: FxHashMap<Box<str>, Vec<u32>>,
    /// Discards of one stem word, checked on every word.
    pub discard_stems: Vec<u32>,
    /// All discard needles in one automaton (pattern ids are indices into
    /// `discards`): one pass over a sentence finds every needle it holds.
    pub discard_ac: Option<aho_corasick::AhoCorasick>,
    /// The states' codes (the three-letter codes of the country file's
    /// actors): an actor code starting with one belongs to that state.
    pub states: rustc_hash::FxHashSet<Box<str>>,
}

/// The paired code `b` of `a:b` when `a` is given (TABARI / PETRARCH:
/// `[032:033]` codes the source visiting the target and the target hosting
/// the source).
fn paired_code(c: &str) -> Option<Box<str>> {
    let (a, b) = c.split_once(':')?;
    let (a, b) = (a.trim(), b.trim());
    (!a.is_empty() && !b.is_empty() && b != "---").then(|| b.into())
}

/// The active-voice code of `a:b` (`a`, else `b`).
fn main_code(c: &str) -> &str {
    match c.split_once(':') {
        Some((a, b)) => if a.trim().is_empty() { b.trim() } else { a.trim() },
        None => c.trim(),
    }
}

fn pieces(s: &str) -> Vec<Box<str>> {
    phrase_tokens(s).into_iter().map(String::into_boxed_str).collect()
}

impl Compiled {
    pub fn new(lex: &Lexicon) -> Compiled {
        let mut c = Compiled::default();
        // Synonym sets: later definitions win.
        for s in &lex.synsets {
            let n = c.syn.len() as u32;
            c.syn.push((Vec::new(), !s.no_plurals));
            c.syn_names.insert(s.name.to_ascii_uppercase(), n);
        }
        for (i, s) in lex.synsets.iter().enumerate() {
            if c.syn_names.get(&s.name.to_ascii_uppercase()) != Some(&(i as u32)) {
                continue;
            }
            let mut out = Vec::new();
            expand_syn(lex, &c.syn_names, i, &mut out, 0);
            c.syn[i].0 = out;
        }
        c.syn_first = c
            .syn
            .iter()
            .map(|(phrases, _)| {
                let mut m: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
                for (j, ph) in phrases.iter().enumerate() {
                    if let Some(w) = ph.first() {
                        m.entry(w.clone()).or_default().push(j as u32);
                    }
                }
                m
            })
            .collect();
        for (bi, b) in lex.verbs.iter().enumerate() {
            let mut cb = CBlock { name: b.name.clone().into(), patterns: Vec::with_capacity(b.patterns.len()), source: b.origin.source };
            let first_verb = c.verbs.len() as u32;
            for p in &b.patterns {
                if let Some(mut cp) = c.compile_pattern(&p.elems, if p.code.is_empty() { p.code2.as_deref().unwrap_or("---") } else { &p.code }, p.line, &p.text) {
                    if !p.code.is_empty() {
                        cp.code2 = p.code2.as_deref().filter(|b| !b.is_empty() && *b != "---").map(Into::into);
                    }
                    cp.written_for = written_for(&p.comment, &b.verbs).map(|v| v.into_iter().map(|i| first_verb + i).collect());
                    cb.patterns.push(cp);
                }
            }
            c.blocks.push(cb);
            for v in &b.verbs {
                let full = v.code.as_deref().unwrap_or(&b.code);
                let code: Box<str> = main_code(full).into();
                let vi = c.verbs.len() as u32;
                c.verbs.push(CVerb {
                    block: bi as u32,
                    code,
                    code2: paired_code(full),
                    after: v.after.iter().flat_map(|w| pieces(w)).collect(),
                    before: v.before.iter().flat_map(|w| pieces(w)).collect(),
                    line: v.line,
                });
                let lemma = v.lemma.to_lowercase();
                if v.after.is_empty() && v.before.is_empty() {
                    c.headwords.insert(lemma.clone().into_boxed_str());
                }
                let mut keys: Vec<String> = herald_lexicon::regular_verb_forms(&lemma);
                keys.push(lemma);
                keys.extend(v.forms.iter().map(|f| f.to_lowercase().trim_start_matches('+').split('_').next().unwrap_or("").to_string()));
                keys.sort();
                keys.dedup();
                for k in keys {
                    if k.is_empty() {
                        continue;
                    }
                    let e = c.index.entry(k.into_boxed_str()).or_default();
                    // Later blocks override earlier ones for the same simple verb;
                    // compound verbs are kept side by side.
                    e.push(vi);
                }
            }
        }
        let country_files: Vec<bool> = lex.sources.iter().map(|f| f.path.rsplit(['/', '\\']).next().is_some_and(|n| n.contains("Countries"))).collect();
        for a in lex.actors.iter().filter(|a| country_files.get(a.origin.source as usize).copied().unwrap_or(false)) {
            for cs in &a.codes {
                if cs.code.len() == 3 && cs.code.bytes().all(|b| b.is_ascii_uppercase()) {
                    c.states.insert(cs.code.as_str().into());
                }
            }
        }
        for d in &lex.discards {
            let p = phrase_tokens(&d.phrase).join(" ");
            if p.is_empty() {
                continue;
            }
            let needle = if d.exact { format!(" {p} ") } else { format!(" {p}") };
            let words: Vec<&str> = p.split(' ').collect();
            let i = c.discards.len() as u32;
            if words.len() == 1 && !d.exact {
                c.discard_stems.push(i);
            } else {
                c.discard_first.entry(words[0].into()).or_default().push(i);
            }
            c.discards.push((needle, d.story, d.origin.line));
        }
        c.discard_ac = aho_corasick::AhoCorasick::new(c.discards.iter().map(|d| d.0.as_str())).ok();
        c
    }

    fn compile_pattern(&self, elems: &[PatternElem], code: &str, line: u32, text: &str) -> Option<CPattern> {
        let mut flat = Vec::new();
        let mut verb_at = None;
        flatten(elems, &mut flat, &mut verb_at, &self.syn_names)?;
        let v = verb_at?;
        let post = flat.split_off(v);
        let anchors = flat.iter().chain(&post).filter_map(|i| if let Item::Words(w) | Item::Prep(w) = i { w.first().cloned() } else { None }).collect();
        // Which items the pattern's text joins with `_` to the element before.
        let mut glue = vec![false; flat.len() + post.len()];
        let mut glued_to_verb = false;
        let joins = leaf_joins(text);
        if joins.len() == count_leaves(elems) {
            let mut it = joins.into_iter();
            let mut n = 0usize;
            let mut seen_verb = false;
            glue_items(elems, &mut it, &mut n, &mut seen_verb, &mut glue, &mut glued_to_verb, &self.syn_names);
        }
        let post_glue = glue.split_off(flat.len());
        const PARTICLES: &[&str] = &[
            "with", "to", "off", "away", "out", "up", "down", "back", "for", "on", "in", "into", "over", "against", "from", "at", "by", "about", "around", "through",
            "of", "upon", "toward", "towards", "across", "along", "behind", "after", "apart", "aside",
        ];
        let words = flat.iter().chain(&post).filter(|i| matches!(i, Item::Words(_) | Item::Prep(_) | Item::Syn(_))).count();
        let phrasal = words > 0 && flat.iter().chain(&post).all(|i| match i {
            Item::Words(w) | Item::Prep(w) => w.len() == 1 && PARTICLES.contains(&&*w[0]),
            _ => false,
        });
        Some(CPattern { pre: flat, post, pre_glue: glue, post_glue, glued_to_verb, code: main_code(code).into(), code2: None, line, anchors, text: text.into(), written_for: None, phrasal })
    }

    /// Verbs for a lemma or form.
    pub fn verbs_of(&self, key: &str) -> &[u32] {
        self.index.get(key).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The verbs of a block (indices into `verbs`) that a pattern's comment
/// names: CAMEO.2.0 merged per-verb pattern lists into synonym blocks and
/// kept each pattern's verb as its comment (`- * PART [030] # TAKE`, `- *
/// ARMS [154] # DEPLOY`, `# STEP_UP , STEPPED_UP`): "take part" is not
/// "captured part of", "deploy arms" (154) not "send arms" (072). A name
/// may be any form of the verb (`THREW`, `CARRIED_OUT`). `None` when the
/// comment is empty or one of its names is no verb of the block (a date,
/// initials): the pattern is the block's.
fn written_for(comment: &str, verbs: &[herald_lexicon::VerbWord]) -> Option<Vec<u32>> {
    let names: Vec<String> = comment.split(',').map(|n| n.trim().to_ascii_lowercase().replace(' ', "_")).collect();
    if names.iter().any(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')) {
        return None;
    }
    let mut out = Vec::new();
    for n in &names {
        let pieces: Vec<&str> = n.split('_').filter(|p| !p.is_empty()).collect();
        let mut hit = false;
        for (i, v) in verbs.iter().enumerate() {
            let lemma = v.lemma.to_ascii_lowercase();
            let (nb, na) = (v.before.len(), v.after.len());
            if pieces.len() != nb + 1 + na {
                continue;
            }
            let same = |a: &[String], b: &[&str]| a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y));
            if !same(&v.before, &pieces[..nb]) || !same(&v.after, &pieces[nb + 1..]) {
                continue;
            }
            let w = pieces[nb];
            let form = w == lemma || v.forms.iter().any(|f| f.trim_start_matches('+').split('_').next().is_some_and(|f| f.eq_ignore_ascii_case(w))) || herald_lexicon::regular_verb_forms(&lemma).iter().any(|f| f == w);
            if form {
                hit = true;
                if !out.contains(&(i as u32)) {
                    out.push(i as u32);
                }
            }
        }
        if !hit {
            return None;
        }
    }
    Some(out)
}

/// The leaves of a pattern's text (its words, markers and synonym sets, not
/// its brackets), in order: `true` for a leaf joined by `_` to the leaf
/// before it. The lexicon reads `NEW_&TIETYPES_RELATIONS` as three elements;
/// the text keeps that they are consecutive words. (A `_`-joined run of
/// plain words is one element of consecutive words already.)
fn leaf_joins(text: &str) -> Vec<bool> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ").replace('{', " { ").replace('}', " } ");
    let mut out = Vec::new();
    for t in spaced.split_whitespace().filter(|t| !matches!(*t, "(" | ")" | "{" | "}")) {
        if t.contains('_') && t.len() > 1 && t.contains(['&', '$', '+', '%', '^', '*']) {
            for (i, _) in t.split('_').filter(|p| !p.is_empty()).enumerate() {
                out.push(i > 0);
            }
        } else {
            out.push(false);
        }
    }
    out
}

fn count_leaves(elems: &[PatternElem]) -> usize {
    elems.iter().map(|e| match e {
        PatternElem::NounPhrase(v) | PatternElem::PrepPhrase(v) => count_leaves(v),
        _ => 1,
    }).sum()
}

/// Walks the elements as [`flatten`] does, marking the items (numbered as
/// `flatten` makes them) whose leaf is joined to the one before.
#[allow(clippy::too_many_arguments)]
fn glue_items(elems: &[PatternElem], joins: &mut impl Iterator<Item = bool>, n: &mut usize, seen_verb: &mut bool, glue: &mut [bool], to_verb: &mut bool, syn: &FxHashMap<String, u32>) {
    for e in elems {
        match e {
            PatternElem::NounPhrase(v) | PatternElem::PrepPhrase(v) => glue_items(v, joins, n, seen_verb, glue, to_verb, syn),
            _ => {
                let joined = joins.next().unwrap_or(false);
                let makes_item = match e {
                    PatternElem::Verb => {
                        // The first `*` is the verb: a join marks the item before it.
                        if !*seen_verb && joined && *n > 0 {
                            *to_verb = true;
                        }
                        *seen_verb = true;
                        false
                    }
                    PatternElem::Word(w) => !pieces(w).is_empty(),
                    PatternElem::SynSet(s) => syn.contains_key(&s.to_ascii_uppercase()),
                    PatternElem::Source | PatternElem::Target | PatternElem::Compound | PatternElem::Skip => true,
                    _ => false,
                };
                if makes_item {
                    if let Some(g) = glue.get_mut(*n) {
                        *g = joined;
                    }
                    *n += 1;
                }
            }
        }
    }
}

fn expand_syn(lex: &Lexicon, names: &FxHashMap<String, u32>, i: usize, out: &mut Vec<Vec<Box<str>>>, depth: u32) {
    if depth > 4 {
        return;
    }
    for p in &lex.synsets[i].phrases {
        let p = p.trim();
        if let Some(inner) = p.strip_prefix('&') {
            if let Some(&j) = names.get(&inner.trim_end_matches('_').to_ascii_uppercase()) {
                expand_syn(lex, names, j as usize, out, depth + 1);
            }
            continue;
        }
        let w = pieces(p);
        if !w.is_empty() {
            out.push(w);
        }
    }
}

/// Flattens noun and prepositional phrases; returns `None` for patterns
/// with an unknown synonym set. `verb_at` is the item index of `*`.
fn flatten(elems: &[PatternElem], out: &mut Vec<Item>, verb_at: &mut Option<usize>, syn: &FxHashMap<String, u32>) -> Option<()> {
    for e in elems {
        match e {
            PatternElem::Verb => {
                if verb_at.is_none() {
                    *verb_at = Some(out.len());
                }
            }
            PatternElem::Word(w) => {
                let p = pieces(w);
                if !p.is_empty() {
                    out.push(Item::Words(p));
                }
            }
            PatternElem::SynSet(n) => out.push(Item::Syn(*syn.get(&n.to_ascii_uppercase())?)),
            PatternElem::PrepPhrase(v) => match v.split_first() {
                Some((PatternElem::Word(w), rest)) if !pieces(w).is_empty() => {
                    out.push(Item::Prep(pieces(w)));
                    flatten(rest, out, verb_at, syn)?;
                }
                _ => flatten(v, out, verb_at, syn)?,
            },
            PatternElem::NounPhrase(v) => flatten(v, out, verb_at, syn)?,
            PatternElem::Source => out.push(Item::Source),
            PatternElem::Target => out.push(Item::Target),
            PatternElem::Compound => out.push(Item::Compound),
            PatternElem::Skip => out.push(Item::Skip),
        }
    }
    Some(())
}
