//! Attribution cues: the speech verbs (and `according to`) that introduce what
//! someone said, with their inflected forms. Built once in
//! [`CueTable::new`]; looked up by lower-cased form.

use rustc_hash::FxHashMap;

/// The cue may also be a noun (`claim`, `report`, `state`): without a tagger
/// only its `-ed`/`-ing` forms count; with one, only a verb tag does.
pub(crate) const AMBIG: u8 = 1;
/// A noun phrase after the cue is its content (`announced its withdrawal`).
pub(crate) const NP_OBJ: u8 = 2;
/// Indirect speech needs an explicit `that` (`told reporters that ...`).
pub(crate) const NEEDS_THAT: u8 = 4;
/// Two-word cue whose second word is a particle (`call for`, `point out`).
pub(crate) const PARTICLE: u8 = 8;

/// `(lemma, flags, irregular forms)`. Regular forms (`-s`, `-ed`, `-ing`)
/// are generated.
pub(crate) static CUES: &[(&str, u8, &[&str])] = &[
    ("say", 0, &["said", "says", "saying"]),
    ("tell", NEEDS_THAT, &["told", "tells", "telling"]),
    ("state", AMBIG, &[]),
    ("add", 0, &[]),
    ("note", AMBIG, &[]),
    ("remark", AMBIG, &[]),
    ("comment", AMBIG, &[]),
    ("explain", 0, &[]),
    ("write", NEEDS_THAT, &["wrote", "written", "writes", "writing"]),
    ("report", AMBIG | NEEDS_THAT, &[]),
    ("announce", NP_OBJ, &[]),
    ("declare", 0, &[]),
    ("assert", 0, &[]),
    ("claim", AMBIG, &[]),
    ("allege", 0, &[]),
    ("warn", 0, &[]),
    ("argue", 0, &[]),
    ("insist", 0, &[]),
    ("deny", NP_OBJ, &[]),
    ("confirm", NP_OBJ, &[]),
    ("acknowledge", 0, &[]),
    ("admit", 0, &["admitted", "admitting"]),
    ("reiterate", NP_OBJ, &[]),
    ("affirm", NP_OBJ, &[]),
    ("reaffirm", NP_OBJ, &[]),
    ("stress", AMBIG, &["stresses"]),
    ("emphasize", 0, &[]),
    ("emphasise", 0, &[]),
    ("contend", 0, &[]),
    ("maintain", NEEDS_THAT, &[]),
    ("suggest", NEEDS_THAT, &[]),
    ("predict", 0, &[]),
    ("theorize", 0, &[]),
    ("theorise", 0, &[]),
    ("tweet", AMBIG, &["tweeted"]),
    ("complain", 0, &[]),
    ("recall", AMBIG, &[]),
    ("concede", 0, &[]),
    ("caution", AMBIG, &[]),
    ("vow", AMBIG, &[]),
    ("promise", AMBIG | NEEDS_THAT, &[]),
    ("reply", AMBIG, &["replied", "replies"]),
    ("respond", 0, &[]),
    ("observe", 0, &[]),
    ("testify", 0, &["testified", "testifies"]),
    ("urge", NEEDS_THAT, &[]),
    ("disclose", NEEDS_THAT, &[]),
    ("reveal", NEEDS_THAT, &[]),
    ("conclude", NEEDS_THAT, &[]),
    ("mention", AMBIG | NEEDS_THAT, &[]),
    ("ask", NEEDS_THAT, &[]),
    ("accuse", NEEDS_THAT, &[]),
    ("boast", AMBIG, &[]),
    ("quip", AMBIG, &["quipped", "quipping"]),
    ("retort", AMBIG, &[]),
    ("lament", AMBIG, &[]),
    ("proclaim", 0, &[]),
    ("pledge", AMBIG, &[]),
    ("exclaim", 0, &[]),
    ("continue", NEEDS_THAT, &[]),
    ("assure", NEEDS_THAT, &[]),
    ("quote", AMBIG | NEEDS_THAT, &[]),
    ("read", NEEDS_THAT, &["reads", "reading", "read"]),
    ("post", AMBIG | NEEDS_THAT, &[]),
    ("describe", NEEDS_THAT, &[]),
    ("dub", NEEDS_THAT, &["dubbed", "dubbing", "dubs"]),
    ("label", AMBIG | NEEDS_THAT, &["labeled", "labelled", "labeling", "labelling", "labels"]),
    ("brand", AMBIG | NEEDS_THAT, &[]),
    ("term", AMBIG | NEEDS_THAT, &[]),
    ("characterize", NEEDS_THAT, &[]),
    ("refer", NEEDS_THAT, &["referred", "referring", "refers"]),
    ("praise", AMBIG | NEEDS_THAT, &[]),
    ("criticize", NEEDS_THAT, &[]),
    ("slam", NEEDS_THAT, &["slammed", "slamming", "slams"]),
    ("blast", AMBIG | NEEDS_THAT, &[]),
    ("mock", NEEDS_THAT, &[]),
    ("tout", NEEDS_THAT, &[]),
    ("decry", NEEDS_THAT, &[]),
    ("condemn", NEEDS_THAT, &[]),
    ("attack", AMBIG | NEEDS_THAT, &[]),
    ("want", NEEDS_THAT, &[]),
    ("hope", AMBIG | NEEDS_THAT, &[]),
    ("believe", NEEDS_THAT, &[]),
    ("think", NEEDS_THAT, &["thought", "thinks", "thinking"]),
    ("feel", NEEDS_THAT, &["felt", "feels", "feeling"]),
    ("fear", AMBIG | NEEDS_THAT, &[]),
    ("expect", NEEDS_THAT, &[]),
    ("know", NEEDS_THAT, &["knew", "known", "knows", "knowing"]),
    ("worry", NEEDS_THAT, &[]),
    ("wonder", NEEDS_THAT, &[]),
    ("agree", NEEDS_THAT, &["agreed", "agrees", "agreeing"]),
    ("question", AMBIG | NEEDS_THAT, &[]),
    ("charge", AMBIG | NEEDS_THAT, &[]),
    ("demand", AMBIG | NEEDS_THAT, &[]),
    ("joke", AMBIG, &[]),
    ("recount", 0, &[]),
    ("describe", NEEDS_THAT, &[]),
    ("call for", PARTICLE | NP_OBJ, &["called", "calls", "calling", "call"]),
    ("point out", PARTICLE, &["pointed", "points", "pointing"]),
];

/// One cue found at a token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueInfo {
    pub lemma: &'static str,
    pub flags: u8,
}

/// Form -> cue, built once.
#[derive(Debug, Default)]
pub(crate) struct CueTable {
    forms: FxHashMap<String, CueInfo>,
}

impl CueTable {
    pub fn new() -> Self {
        let mut forms = FxHashMap::default();
        for &(lemma, flags, irregular) in CUES {
            let head = lemma.split(' ').next().unwrap_or(lemma);
            let info = CueInfo { lemma, flags };
            if flags & PARTICLE != 0 {
                forms.insert(head.to_string(), info);
                for f in irregular {
                    forms.insert(f.to_string(), info);
                }
                continue;
            }
            let mut all = if irregular.is_empty() || irregular.len() < 3 { std::iter::once(lemma.to_string()).chain(herald_lexicon::regular_verb_forms(lemma)).collect() } else { vec![lemma.to_string()] };
            all.extend(irregular.iter().map(|s| s.to_string()));
            for f in all {
                forms.insert(f, info);
            }
        }
        Self { forms }
    }

    /// The cue whose form is `lower`, if any.
    pub fn get(&self, lower: &str) -> Option<CueInfo> {
        self.forms.get(lower).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_generated() {
        let t = CueTable::new();
        for f in ["said", "says", "stated", "noting", "denied", "denies", "admitted", "theorized", "emphasizing", "stresses", "told", "wrote"] {
            assert!(t.get(f).is_some(), "{f}");
        }
        assert_eq!(t.get("called").unwrap().lemma, "call for");
        assert!(t.get("sayed").is_none());
    }
}
