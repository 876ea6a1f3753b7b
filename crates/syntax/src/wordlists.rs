//! Word lists the tagger reads as features (a tagger trained with them
//! keeps them in its model file): for each lower-case word form, a set of
//! [`bits`] saying which lists it is in. Built from herald's lexicon
//! ([`WordLists::from_lexicon`]): the words of actor names (proper-noun
//! evidence), demonyms and places, agent nouns (common nouns, singular and
//! plural) and the verbs of the CAMEO verb blocks with their inflection.

use std::collections::BTreeMap;

use herald_lexicon::{ActorKind, Lexicon};

/// The lists, one bit each.
pub mod bits {
    /// The whole of a one-word actor name (`Hamas`, `Netanyahu`).
    pub const ACTOR_SINGLE: u32 = 1 << 0;
    /// First word of a longer actor name (`Benjamin` of `Benjamin Netanyahu`).
    pub const ACTOR_FIRST: u32 = 1 << 1;
    /// Inner word of an actor name of three words or more.
    pub const ACTOR_MID: u32 = 1 << 2;
    /// Last word of a longer actor name (`Forces` of `Israel Defense Forces`).
    pub const ACTOR_LAST: u32 = 1 << 3;
    /// A word of a demonym (`Israeli`, `South African`).
    pub const DEMONYM: u32 = 1 << 4;
    /// A word of a place name coded as its state (`Gaza`).
    pub const PLACE: u32 = 1 << 5;
    /// An agent noun, or the last word of an agent phrase, singular (`farmer`).
    pub const AGENT: u32 = 1 << 6;
    /// The plural of an agent noun (`farmers`).
    pub const AGENT_PLURAL: u32 = 1 << 7;
    /// A CAMEO verb's base form (`abandon`).
    pub const VERB_BASE: u32 = 1 << 8;
    /// Third person singular present (`abandons`).
    pub const VERB_S: u32 = 1 << 9;
    /// Present participle (`abandoning`).
    pub const VERB_ING: u32 = 1 << 10;
    /// A form that is both past tense and past participle (`wounded`, `sped`).
    pub const VERB_ED: u32 = 1 << 11;
    /// An irregular past tense distinct from the participle (`took`).
    pub const VERB_PAST: u32 = 1 << 12;
    /// An irregular past participle distinct from the past tense (`taken`).
    pub const VERB_PP: u32 = 1 << 13;
    /// All list bits.
    pub const ALL: u32 = (1 << 14) - 1;
}

/// Lower-case word form -> [`bits`] of the lists it is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordLists {
    words: BTreeMap<String, u32>,
}

impl WordLists {
    /// No words.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bits` to the lists of `word` (lower-cased here). Words without
    /// a letter are ignored.
    pub fn add(&mut self, word: &str, bits: u32) {
        if bits == 0 || !word.chars().any(char::is_alphabetic) {
            return;
        }
        *self.words.entry(word.to_lowercase()).or_default() |= bits & bits::ALL;
    }

    /// The lists of `lower` (a lower-case form); 0 when in none.
    pub fn get(&self, lower: &str) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words and their bits, sorted by word.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.words.iter().map(|(w, &b)| (w.as_str(), b))
    }

    /// Adds the words of a name or phrase (split at spaces and `_`): the
    /// `single` bits when it is one word, else `first`, `mid`, `last` by position.
    fn add_phrase(&mut self, phrase: &str, single: u32, first: u32, mid: u32, last: u32) {
        let words: Vec<&str> = phrase.split([' ', '_']).map(|w| w.trim_matches(['+', '!'])).filter(|w| !w.is_empty()).collect();
        let n = words.len();
        for (i, w) in words.iter().enumerate() {
            let b = if n == 1 {
                single
            } else if i == 0 {
                first
            } else if i + 1 == n {
                last
            } else {
                mid
            };
            self.add(w, b);
        }
    }

    /// The lists of a lexicon: actor names and aliases (by kind), agent
    /// phrases and their plurals, and verbs with the forms the dictionary
    /// gives and the regular ones it leaves out.
    pub fn from_lexicon(lex: &Lexicon) -> WordLists {
        use bits::*;
        let mut wl = WordLists::new();
        for a in &lex.actors {
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                match a.kind {
                    ActorKind::Demonym => wl.add_phrase(name, DEMONYM, DEMONYM, DEMONYM, DEMONYM),
                    ActorKind::Place => wl.add_phrase(name, PLACE, PLACE, PLACE, PLACE),
                    _ => wl.add_phrase(name, ACTOR_SINGLE, ACTOR_FIRST, ACTOR_MID, ACTOR_LAST),
                }
            }
        }
        for a in &lex.agents {
            wl.add_phrase(&a.phrase, AGENT, 0, 0, AGENT);
            for p in &a.plurals {
                wl.add_phrase(p, AGENT_PLURAL, 0, 0, AGENT_PLURAL);
            }
        }
        for b in &lex.verbs {
            for v in &b.verbs {
                for (form, bit) in verb_forms(&v.lemma, &v.forms) {
                    wl.add(&form, bit);
                }
            }
        }
        wl
    }
}

/// The head verb of a dictionary form (`+ASKED_FOR` -> `asked`), lower case.
fn head_form(f: &str) -> String {
    let parts: Vec<&str> = f.split('_').filter(|p| !p.is_empty()).collect();
    let h = parts.iter().find(|p| p.starts_with('+')).or(parts.first()).copied().unwrap_or("");
    h.trim_start_matches('+').to_lowercase()
}

/// The forms of a verb with their [`bits`]: the lemma (base), the forms
/// the dictionary gives (`-ing`, `-s`; other forms are past tense, or past
/// participle when the verb has two and this one ends in `n`), and the
/// regular forms of each kind the dictionary does not give.
pub fn verb_forms(lemma: &str, given: &[String]) -> Vec<(String, u32)> {
    use bits::*;
    let l = lemma.trim_start_matches('+').to_lowercase();
    if l.is_empty() {
        return Vec::new();
    }
    let s_form = plural(&l);
    let mut out = vec![(l.clone(), VERB_BASE)];
    let forms: Vec<String> = given.iter().map(|f| head_form(f)).filter(|f| !f.is_empty() && *f != l).collect();
    let (mut has_s, mut has_ing) = (false, false);
    let mut past = Vec::new();
    for f in forms {
        if f.ends_with("ing") {
            has_ing = true;
            out.push((f, VERB_ING));
        } else if f == s_form || (f.ends_with('s') && f.starts_with(&l[..l.len().saturating_sub(1)])) {
            has_s = true;
            out.push((f, VERB_S));
        } else if !past.contains(&f) {
            past.push(f);
        }
    }
    if past.len() >= 2 {
        for f in past.iter() {
            out.push((f.clone(), if f.ends_with('n') { VERB_PP } else { VERB_PAST }));
        }
    } else if let Some(f) = past.first() {
        out.push((f.clone(), VERB_ED));
    }
    if !has_s {
        out.push((s_form, VERB_S));
    }
    let cons = |c: char| !"aeiouy".contains(c);
    let chars: Vec<char> = l.chars().collect();
    let n = chars.len();
    let (ed, ing) = if let Some(stem) = l.strip_suffix('e') {
        (vec![format!("{l}d")], vec![if stem.ends_with(['e', 'o', 'y']) { format!("{l}ing") } else { format!("{stem}ing") }])
    } else if let Some(stem) = l.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        (vec![format!("{stem}ied")], vec![format!("{l}ing")])
    } else if n >= 3 && cons(chars[n - 1]) && !"wx".contains(chars[n - 1]) && !cons(chars[n - 2]) && cons(chars[n - 3]) {
        // stop -> stopped; visit -> visited: both, the wrong one never occurs
        let d = chars[n - 1];
        (vec![format!("{l}ed"), format!("{l}{d}ed")], vec![format!("{l}ing"), format!("{l}{d}ing")])
    } else {
        (vec![format!("{l}ed")], vec![format!("{l}ing")])
    };
    if past.is_empty() {
        out.extend(ed.into_iter().map(|f| (f, VERB_ED)));
    }
    if !has_ing {
        out.extend(ing.into_iter().map(|f| (f, VERB_ING)));
    }
    out
}

/// Regular plural / third person singular of a lower-case word.
fn plural(l: &str) -> String {
    if let Some(stem) = l.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else if ["s", "x", "ch", "sh", "z"].iter().any(|e| l.ends_with(e)) {
        format!("{l}es")
    } else {
        format!("{l}s")
    }
}

#[cfg(test)]
mod tests {
    use super::bits::*;
    use super::*;

    fn forms(lemma: &str, given: &[&str]) -> Vec<(String, u32)> {
        let g: Vec<String> = given.iter().map(|s| s.to_string()).collect();
        verb_forms(lemma, &g)
    }

    fn bits_of(v: &[(String, u32)], w: &str) -> u32 {
        v.iter().filter(|e| e.0 == w).fold(0, |a, e| a | e.1)
    }

    #[test]
    fn verb_inflection_regular_and_irregular() {
        let v = forms("WOUND", &[]);
        assert_eq!(bits_of(&v, "wound"), VERB_BASE);
        assert_eq!(bits_of(&v, "wounded"), VERB_ED);
        assert_eq!(bits_of(&v, "wounds"), VERB_S);
        assert_eq!(bits_of(&v, "wounding"), VERB_ING);
        let v = forms("TAKE", &["TAKES", "TAKING", "TOOK", "TAKEN"]);
        assert_eq!(bits_of(&v, "took"), VERB_PAST);
        assert_eq!(bits_of(&v, "taken"), VERB_PP);
        assert_eq!(bits_of(&v, "taked"), 0, "no regular past when the dictionary gives one");
        let v = forms("SPEED", &["SPEEDING", "SPEEDS", "SPED"]);
        assert_eq!(bits_of(&v, "sped"), VERB_ED);
        let v = forms("HURRY", &[]);
        assert_eq!((bits_of(&v, "hurried"), bits_of(&v, "hurries")), (VERB_ED, VERB_S));
        let v = forms("ABANDON", &[]);
        assert_eq!(bits_of(&v, "abandoned"), VERB_ED);
        let v = forms("ASK", &["+ASKED_FOR", "+ASKING_FOR", "+ASKS_FOR"]);
        assert_eq!((bits_of(&v, "asked"), bits_of(&v, "asks"), bits_of(&v, "asking")), (VERB_ED, VERB_S, VERB_ING));
        let v = forms("STOP", &[]);
        assert_eq!(bits_of(&v, "stopped"), VERB_ED);
        assert_eq!(bits_of(&v, "stopping"), VERB_ING);
    }

    #[test]
    fn phrases_mark_positions_and_lists_merge() {
        let mut wl = WordLists::new();
        wl.add_phrase("ISRAEL_DEFENSE_FORCES_", ACTOR_SINGLE, ACTOR_FIRST, ACTOR_MID, ACTOR_LAST);
        wl.add_phrase("HAMAS", ACTOR_SINGLE, ACTOR_FIRST, ACTOR_MID, ACTOR_LAST);
        wl.add_phrase("Israel", ACTOR_SINGLE, ACTOR_FIRST, ACTOR_MID, ACTOR_LAST);
        wl.add("1999", VERB_BASE);
        assert_eq!(wl.get("israel"), ACTOR_FIRST | ACTOR_SINGLE);
        assert_eq!(wl.get("defense"), ACTOR_MID);
        assert_eq!(wl.get("forces"), ACTOR_LAST);
        assert_eq!(wl.get("hamas"), ACTOR_SINGLE);
        assert_eq!(wl.get("1999"), 0);
        assert_eq!(wl.len(), 4);
    }
}
