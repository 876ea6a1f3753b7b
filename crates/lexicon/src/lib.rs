//! herald's lexicon: actors, agents, roles, verb patterns, issues and
//! discards, read from PETRARCH2/Phoenix dictionaries and herald's own
//! format (`FORMAT.md`), checked, compiled to one versioned binary file, and
//! matched over tokenised sentences.
//!
//! ```no_run
//! use herald_lexicon::{Lexicon, Date};
//! let lex = Lexicon::default_lexicon()?;                  // shipped default, compiled and cached
//! let toks = ["Israeli", "Prime", "Minister", "Benjamin", "Netanyahu", "said"];
//! for m in lex.match_actors(&toks) {
//!     let a = lex.actor(m.entry);
//!     println!("{}..{} {} {:?}", m.start, m.end, a.name, a.code_on(Date::parse_iso("2025-07-25").ok()));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod binary;
mod builder;
mod check;
mod date;
mod finding;
mod herald_format;
mod load;
mod matcher;
mod model;
mod petrarch;
mod text;

pub use binary::{FORMAT_VERSION, KIND};
pub use check::check_files;
pub use date::{Date, TWO_DIGIT_YEAR_PIVOT};
pub use finding::{Finding, LineCounts, Severity};
pub use load::{default_data_dir, resolve_sources, LoadReport};
pub use model::*;
pub use text::{normalize_token, phrase_tokens};

use matcher::{Trie, TrieBuilder, Vocab};
use rustc_hash::FxHashMap;

/// Errors of loading, compiling and opening lexicons.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A compiled file is damaged, of another kind or version.
    #[error("{path}: {source}")]
    Format {
        /// The file.
        path: String,
        /// The cause.
        source: herald_binfmt::FormatError,
    },
    /// Dictionary input had errors (each listed with file and line).
    #[error("{} error(s) in dictionary input, first: {}", .0.len(), .0.first().map(|f| f.to_string()).unwrap_or_default())]
    Invalid(Vec<Finding>),
    /// Anything else (unknown file format, missing default data).
    #[error("{0}")]
    Other(String),
}

/// A match of a dictionary phrase over tokens `start..end` (token indices of
/// the caller's slice, end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index of the entry ([`Lexicon::actor`], [`Lexicon::agent`], [`Lexicon::role`], [`Lexicon::issue`]).
    pub entry: u32,
}

/// A match of an actor name; see [`PhraseMatch`].
pub type ActorMatch = PhraseMatch;

/// A verb found by lemma or form.
#[derive(Clone, Copy, Debug)]
pub struct VerbHit<'a> {
    /// The block (patterns, default code).
    pub block: &'a VerbBlock,
    /// The verb within it.
    pub verb: &'a VerbWord,
}

impl VerbHit<'_> {
    /// The verb's own code, else its block's.
    pub fn code(&self) -> &str {
        self.verb.code.as_deref().unwrap_or(&self.block.code)
    }
}

/// A loaded lexicon with its matchers.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Actors (persons, organisations, states, demonyms, media, places).
    pub actors: Vec<ActorEntry>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Role phrases.
    pub roles: Vec<RoleEntry>,
    /// Verb blocks with their patterns.
    pub verbs: Vec<VerbBlock>,
    /// Synonym sets used by patterns.
    pub synsets: Vec<SynSet>,
    /// PETRARCH transformations (kept as text).
    pub transformations: Vec<Transformation>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Issue phrases (expanded).
    pub issues: Vec<IssueEntry>,
    /// Prepositions.
    pub prepositions: Vec<String>,
    /// CAMEO code -> label, sorted by code.
    pub cameo_labels: Vec<(String, String)>,
    /// CAMEO code -> PLOVER, sorted by code.
    pub plover_table: Vec<(String, PloverMapping)>,
    /// Files the lexicon was built from, in layer order.
    pub sources: Vec<SourceFile>,
    pub(crate) vocab: Vocab,
    pub(crate) actor_trie: Trie,
    pub(crate) agent_trie: Trie,
    pub(crate) role_trie: Trie,
    pub(crate) issue_trie: Trie,
    /// Lower-case verb form -> (block, verb).
    pub(crate) verb_index: FxHashMap<String, (u32, u32)>,
    /// Normalised text searched for each discard (` a b ` exact, ` a b` stem).
    pub(crate) discard_keys: Vec<String>,
    /// State code -> the state's own entry, built on first use.
    pub(crate) states: std::sync::OnceLock<FxHashMap<String, u32>>,
}

impl Lexicon {
    /// Normalises tokens and maps them to vocabulary ids; returns the ids and,
    /// for each, the index of the caller's token it came from.
    fn ids(&self, tokens: &[&str]) -> (Vec<Option<u32>>, Vec<usize>) {
        let mut ids = Vec::with_capacity(tokens.len());
        let mut orig = Vec::with_capacity(tokens.len());
        let mut shouting = None;
        for (i, t) in tokens.iter().enumerate() {
            // Most tokens are already normal (ASCII, lower case, no dash,
            // backquote or apostrophe): look them up as they are, without allocating.
            if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'-' && b != b'_' && b != b'`' && b != b'\'') {
                if !t.is_empty() {
                    ids.push(self.vocab.get(t));
                    orig.push(i);
                }
                continue;
            }
            // In a sentence written in capitals, `US` is the pronoun.
            if t.contains("US") && *shouting.get_or_insert_with(|| text::all_caps(tokens)) {
                for piece in normalize_token(&t.to_lowercase()) {
                    ids.push(self.vocab.get(&piece));
                    orig.push(i);
                }
                continue;
            }
            for piece in normalize_token(t) {
                ids.push(self.vocab.get(&piece));
                orig.push(i);
            }
        }
        (ids, orig)
    }

    fn run(&self, trie: &Trie, tokens: &[&str]) -> Vec<PhraseMatch> {
        let (ids, orig) = self.ids(tokens);
        trie.find_all(&ids).into_iter().map(|(s, e, v)| PhraseMatch { start: orig[s], end: orig[e - 1] + 1, entry: v }).collect()
    }

    /// Leftmost-longest actor matches over a sentence's tokens (forms, any
    /// case; `Al`, `-`, `Rishq` and `Al-Rishq` both match `AL-RISHQ`).
    pub fn match_actors(&self, tokens: &[&str]) -> Vec<ActorMatch> {
        self.run(&self.actor_trie, tokens)
    }

    /// Leftmost-longest agent matches (`minister`, `security forces`).
    pub fn match_agents(&self, tokens: &[&str]) -> Vec<PhraseMatch> {
        self.run(&self.agent_trie, tokens)
    }

    /// Leftmost-longest role matches (`special envoy`, `member of the Political Bureau`).
    pub fn match_roles(&self, tokens: &[&str]) -> Vec<PhraseMatch> {
        self.run(&self.role_trie, tokens)
    }

    /// Issue matches; empty when an ignore phrase (`~...`) occurs in the tokens.
    pub fn issue_matches(&self, tokens: &[&str]) -> Vec<PhraseMatch> {
        let m = self.run(&self.issue_trie, tokens);
        if m.iter().any(|m| self.issues[m.entry as usize].ignore > 0) {
            return Vec::new();
        }
        m
    }

    /// The actor whose phrase is exactly `phrase` (any case).
    pub fn find_actor(&self, phrase: &str) -> Option<u32> {
        self.actor_trie.get(&self.phrase_ids(phrase)?)
    }

    /// The entry of the state whose code is exactly `code` (`SRB` ->
    /// `SERBIA`): the first actor (not a demonym) coded that on every date.
    /// Names a state that text mentions only by a demonym ("Serb forces").
    pub fn state_entry(&self, code: &str) -> Option<u32> {
        let map = self.states.get_or_init(|| {
            let mut m = FxHashMap::default();
            for (i, e) in self.actors.iter().enumerate() {
                if e.kind == ActorKind::Actor && e.codes.len() == 1 && e.codes[0].from.is_none() && e.codes[0].until.is_none() && e.codes[0].code.len() == 3 {
                    m.entry(e.codes[0].code.clone()).or_insert(i as u32);
                }
            }
            m
        });
        map.get(code).copied()
    }

    /// Vocabulary ids of a phrase, without a leading `the` (as stored).
    fn phrase_ids(&self, phrase: &str) -> Option<Vec<u32>> {
        text::match_tokens(phrase).iter().map(|t| self.vocab.get(t)).collect()
    }

    /// The agent whose phrase is exactly `phrase`.
    pub fn agent_match(&self, phrase: &str) -> Option<&AgentEntry> {
        self.agent_trie.get(&self.phrase_ids(phrase)?).map(|i| &self.agents[i as usize])
    }

    /// Actor entry by index.
    pub fn actor(&self, id: u32) -> &ActorEntry {
        &self.actors[id as usize]
    }
    /// Agent entry by index.
    pub fn agent(&self, id: u32) -> &AgentEntry {
        &self.agents[id as usize]
    }
    /// Role entry by index.
    pub fn role(&self, id: u32) -> &RoleEntry {
        &self.roles[id as usize]
    }
    /// Issue entry by index.
    pub fn issue(&self, id: u32) -> &IssueEntry {
        &self.issues[id as usize]
    }

    /// The verb with this lemma or form (any case; regular forms are generated).
    pub fn verb(&self, word: &str) -> Option<VerbHit<'_>> {
        let (b, v) = *self.verb_index.get(&word.to_lowercase())?;
        let block = &self.verbs[b as usize];
        Some(VerbHit { block, verb: &block.verbs[v as usize] })
    }

    /// Patterns of the verb block of `lemma` (empty when unknown).
    pub fn verb_patterns(&self, lemma: &str) -> &[Pattern] {
        self.verb(lemma).map(|h| h.block.patterns.as_slice()).unwrap_or(&[])
    }

    /// A synonym set by name (without `&`).
    pub fn synset(&self, name: &str) -> Option<&SynSet> {
        let name = name.trim_start_matches('&').trim_end_matches('_');
        self.synsets.iter().rev().find(|s| s.name == name)
    }

    /// The discard phrase found in the tokens, if any (sentence or story level).
    pub fn discard_match(&self, tokens: &[&str]) -> Option<&Discard> {
        let mut text = String::from(" ");
        for piece in tokens.iter().flat_map(|t| normalize_token(t)) {
            text.push_str(&piece);
            text.push(' ');
        }
        self.discard_keys.iter().position(|k| !k.trim().is_empty() && text.contains(k.as_str())).map(|i| &self.discards[i])
    }

    /// Label of a CAMEO code (`"0871"` -> "Declare truce, ceasefire").
    pub fn cameo_label(&self, code: &str) -> Option<&str> {
        self.cameo_labels.binary_search_by(|(c, _)| c.as_str().cmp(code)).ok().map(|i| self.cameo_labels[i].1.as_str())
    }

    /// PLOVER reading of a CAMEO code; falls back to the code's parents
    /// (`0874` -> `087` -> `08`).
    pub fn plover(&self, cameo: &str) -> Option<&PloverMapping> {
        let mut c = cameo;
        while c.len() >= 2 {
            if let Ok(i) = self.plover_table.binary_search_by(|(k, _)| k.as_str().cmp(c)) {
                return Some(&self.plover_table[i].1);
            }
            c = &c[..c.len() - 1];
        }
        None
    }

    /// Counts of entries, for `herald lexicon stats`.
    pub fn stats(&self) -> Vec<(&'static str, usize)> {
        let kind = |k: ActorKind| self.actors.iter().filter(|a| a.kind == k).count();
        vec![
            ("actors", self.actors.len()),
            ("  of which demonyms", kind(ActorKind::Demonym)),
            ("  of which media", kind(ActorKind::Media)),
            ("  of which places", kind(ActorKind::Place)),
            ("actor phrases", self.actors.iter().map(|a| 1 + a.aliases.len()).sum()),
            ("dated code spans", self.actors.iter().flat_map(|a| &a.codes).filter(|c| !c.is_default()).count()),
            ("agents", self.agents.len()),
            ("roles", self.roles.len()),
            ("verb blocks", self.verbs.len()),
            ("verbs", self.verbs.iter().map(|b| b.verbs.len()).sum()),
            ("verb patterns", self.verbs.iter().map(|b| b.patterns.len()).sum()),
            ("synonym sets", self.synsets.len()),
            ("transformations", self.transformations.len()),
            ("discards", self.discards.len()),
            ("issue phrases", self.issues.len()),
            ("prepositions", self.prepositions.len()),
            ("CAMEO labels", self.cameo_labels.len()),
            ("PLOVER mappings", self.plover_table.len()),
            ("vocabulary", self.vocab.words.len()),
        ]
    }

    /// Builds the matchers from a finished builder.
    pub(crate) fn from_builder(b: builder::Builder) -> (Lexicon, Vec<Finding>) {
        let mut findings = b.findings;
        let sources = b.sources;
        let mut note = |o: &Origin, msg: String| {
            findings.push(Finding { file: sources.get(o.source as usize).map(|s| s.path.clone()).unwrap_or_default(), line: o.line, severity: Severity::Note, message: msg })
        };
        let toks = text::match_tokens;
        // Phrases of each matcher, in insertion order (later wins).
        let mut phrases: [Vec<(Vec<String>, u32)>; 4] = Default::default();
        // Actors, in order of their last definition so later layers win.
        let mut order: Vec<usize> = (0..b.actors.len()).collect();
        order.sort_by_key(|&i| b.actor_seq[i]);
        for &i in &order {
            let a = &b.actors[i];
            for p in std::iter::once(&a.name).chain(&a.aliases) {
                let t = toks(p);
                if t.len() == 1 && text::FUNCTION_WORDS.contains(&t[0].as_str()) {
                    note(&a.origin, format!("`{p}` of `{}` is an English function word and is not matched", a.name));
                    continue;
                }
                phrases[0].push((t, i as u32));
            }
        }
        for (i, a) in b.agents.iter().enumerate() {
            for p in std::iter::once(&a.phrase).chain(&a.plurals) {
                phrases[1].push((toks(p), i as u32));
            }
        }
        for (i, r) in b.roles.iter().enumerate() {
            for p in std::iter::once(&r.phrase).chain(&r.aliases) {
                phrases[2].push((toks(p), i as u32));
            }
        }
        for (i, is) in b.issues.iter().enumerate() {
            for p in petrarch::simple::expand_issue(&is.phrase) {
                phrases[3].push((toks(&p), i as u32));
            }
        }
        let vocab = Vocab::new(phrases.iter().flatten().flat_map(|(t, _)| t.iter().cloned()).collect());
        let [actor_trie, agent_trie, role_trie, issue_trie] = phrases.map(|list| {
            let mut tb = TrieBuilder::new();
            for (t, v) in list {
                let ids: Vec<u32> = t.iter().map(|w| vocab.get(w).expect("interned")).collect();
                tb.insert(&ids, v);
            }
            tb.freeze()
        });
        let mut cameo_labels = b.cameo_labels;
        cameo_labels.sort();
        let mut plover_table = b.plover;
        plover_table.sort_by(|a, b| a.0.cmp(&b.0));
        plover_table.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                *earlier = later.clone();
                true
            } else {
                false
            }
        });
        let mut lex = Lexicon {
            actors: b.actors,
            agents: b.agents,
            roles: b.roles,
            verbs: b.blocks,
            synsets: b.synsets,
            transformations: b.transformations,
            discards: b.discards,
            issues: b.issues,
            prepositions: b.prepositions,
            cameo_labels,
            plover_table,
            sources,
            vocab,
            actor_trie,
            agent_trie,
            role_trie,
            issue_trie,
            verb_index: FxHashMap::default(),
            discard_keys: Vec::new(),
            states: Default::default(),
        };
        lex.derive_indexes();
        (lex, findings)
    }

    /// Computes the lookups derived from the entries (not stored in the compiled file).
    pub(crate) fn derive_indexes(&mut self) {
        self.verb_index = build_verb_index(&self.verbs);
        self.discard_keys = discard_keys(&self.discards);
    }
}

/// Regular English verb forms of a lemma (lower case): third person
/// singular, past (= participle) and present participle (`agree` ->
/// `agrees`, `agreed`, `agreeing`; `deny` -> `denies`, `denied`, `denying`).
/// The one inflector of the dictionaries, the event coder and the quote cues.
pub fn regular_verb_forms(l: &str) -> Vec<String> {
    let mut v = vec![petrarch::regular_plural(l)];
    if let Some(stem) = l.strip_suffix('e') {
        v.push(format!("{l}d"));
        // agree -> agreeing, see -> seeing; but make -> making
        v.push(if stem.ends_with(['e', 'o', 'y']) { format!("{l}ing") } else { format!("{stem}ing") });
    } else if let Some(stem) = l.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        v.push(format!("{stem}ied"));
        v.push(format!("{l}ing"));
    } else {
        v.push(format!("{l}ed"));
        v.push(format!("{l}ing"));
    }
    v
}

pub(crate) fn discard_keys(discards: &[Discard]) -> Vec<String> {
    discards
        .iter()
        .map(|d| {
            let p = phrase_tokens(&d.phrase).join(" ");
            if d.exact {
                format!(" {p} ")
            } else {
                format!(" {p}")
            }
        })
        .collect()
}

pub(crate) fn build_verb_index(blocks: &[VerbBlock]) -> FxHashMap<String, (u32, u32)> {
    let mut idx = FxHashMap::default();
    // Generated forms first, so that lemmas and given forms override them.
    for (bi, b) in blocks.iter().enumerate() {
        for (vi, v) in b.verbs.iter().enumerate() {
            for f in regular_verb_forms(&v.lemma.to_lowercase()) {
                idx.insert(f, (bi as u32, vi as u32));
            }
        }
    }
    for (bi, b) in blocks.iter().enumerate() {
        for (vi, v) in b.verbs.iter().enumerate() {
            for f in v.forms.iter().chain(std::iter::once(&v.lemma)) {
                idx.insert(f.to_lowercase(), (bi as u32, vi as u32));
            }
        }
    }
    idx
}


#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lexicon_with(words: &[&str]) -> Lexicon {
        Lexicon { vocab: Vocab::new(words.iter().map(|w| w.to_string()).collect()), ..Lexicon::default() }
    }

    proptest! {
        /// The allocation-free path of `ids` gives what normalising every
        /// token and binary-searching the sorted vocabulary gives.
        #[test]
        fn ids_agree_with_normalize_and_search(tokens in prop::collection::vec("[a-cA-C_\\-`'\u{2019}\u{2013}é É.]{0,6}", 0..12)) {
            let lex = lexicon_with(&["a", "b", "ab", "abc", "c", "a'b", "é", "ba", "'", "."]);
            let toks: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let (ids, orig) = lex.ids(&toks);
            let (mut want, mut want_orig) = (Vec::new(), Vec::new());
            for (i, t) in toks.iter().enumerate() {
                for p in normalize_token(t) {
                    want.push(lex.vocab.words.binary_search(&p).ok().map(|k| k as u32));
                    want_orig.push(i);
                }
            }
            prop_assert_eq!(ids, want);
            prop_assert_eq!(orig, want_orig);
        }
    }
}
