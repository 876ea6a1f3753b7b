//! Coreference within one document: every mention points at one actor.
//!
//! - lexicon names: one actor an entry; states, demonyms and a state's
//!   government bodies (`Israeli officials`, `the Trump administration`) join
//!   the state;
//! - names the lexicon lacks: a surname (`Witkoff`) joins the earlier full
//!   name (`Steve Witkoff`) whose last word it is;
//! - titles alone (`President`) join the latest holder of that title;
//! - `he` / `she` join the most salient person of the nearest sentence
//!   before (a speaker first, else the first person named); `they` the latest
//!   group or organisation;
//! - group references (`both nations`, `the mediators`) join the latest pair
//!   `A and B`, an actor of its own whose codes are both actors' codes.

use crate::actors::{display_name, entry_is_person, ActorType, Mention, MentionKind};
use crate::view::View;
use herald_lexicon::{Date, Lexicon};
use rustc_hash::FxHashMap;

/// One actor of a document, with its mentions.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// Type.
    pub ty: ActorType,
    /// Codes in force on the article's date.
    pub codes: Vec<String>,
    /// Role, when a title, an apposition or the lexicon gives one.
    pub role: Option<String>,
    /// Mention indices, in text order.
    pub mentions: Vec<usize>,
    /// For a group of named actors: its members.
    pub members: Vec<usize>,
}

/// Coreference state for one document.
pub(crate) struct Coref<'a> {
    pub actors: Vec<Actor>,
    keys: FxHashMap<String, usize>,
    lex: &'a Lexicon,
    date: Option<Date>,
    /// Latest `A and B` pair, as a group actor.
    last_pair: Option<usize>,
    /// Token ranges of quote speakers (salience).
    pub speakers: Vec<(usize, usize)>,
    /// States named by their own name (not a demonym or a code).
    named: rustc_hash::FxHashSet<usize>,
}

impl<'a> Coref<'a> {
    pub fn new(lex: &'a Lexicon, date: Option<Date>) -> Self {
        Self { actors: Vec::new(), keys: FxHashMap::default(), lex, date, last_pair: None, speakers: Vec::new(), named: Default::default() }
    }

    fn actor_for(&mut self, key: String, make: impl FnOnce() -> Actor) -> usize {
        if let Some(&a) = self.keys.get(&key) {
            return a;
        }
        self.actors.push(make());
        self.keys.insert(key, self.actors.len() - 1);
        self.actors.len() - 1
    }

    fn state_actor(&mut self, code: &str, name: String) -> usize {
        self.actor_for(format!("state:{code}"), || Actor { name, ty: ActorType::State, codes: vec![code.to_string()], role: None, mentions: Vec::new(), members: Vec::new() })
    }

    /// Resolves every mention, in text order.
    pub fn resolve(&mut self, v: &View, text: &str, ms: &mut [Mention]) {
        for i in 0..ms.len() {
            let a = self.resolve_one(v, text, ms, i);
            ms[i].actor = a;
            if let Some(a) = a {
                self.actors[a].mentions.push(i);
                self.note_pair(v, ms, i);
            }
        }
    }

    fn resolve_one(&mut self, v: &View, text: &str, ms: &[Mention], i: usize) -> Option<usize> {
        let m = &ms[i];
        match m.kind {
            MentionKind::Nominal => {
                if let Some(o) = m.owner {
                    return ms[o].actor;
                }
                let code = m.state_of.clone()?;
                let name = self.state_name(&code, None);
                Some(self.state_actor(&code, name))
            }
            MentionKind::Name => {
                if let Some(code) = m.state_code().map(str::to_string).or_else(|| m.state_of.clone()) {
                    if m.ty == ActorType::State || m.state_of.is_some() {
                        let name = self.state_name(&code, m.entry);
                        let a = self.state_actor(&code, name);
                        // a non-demonym name of the state names it best
                        if let Some(e) = m.entry {
                            let entry = self.lex.actor(e);
                            if entry.kind == herald_lexicon::ActorKind::Actor && m.ty == ActorType::State && self.named.insert(a) {
                                self.actors[a].name = display_name(&entry.name);
                            }
                        }
                        return Some(a);
                    }
                }
                if let Some(e) = m.entry {
                    let entry = self.lex.actor(e);
                    // a surname the lexicon knows as another entry may still be an earlier unknown full name
                    if let Some(a) = self.surname_match(v, ms, i) {
                        if !entry_is_person(entry) || self.actors[a].codes.is_empty() {
                            return Some(self.merge_into(a, m));
                        }
                    }
                    let role = m.role.clone().or_else(|| entry.roles_on(self.date).next().map(|r| r.title.clone()).or_else(|| entry.roles.first().map(|r| r.title.clone())));
                    let name = display_name(&entry.name);
                    let (ty, codes) = (m.ty, m.codes.clone());
                    let a = self.actor_for(format!("entry:{e}"), || Actor { name, ty, codes, role, mentions: Vec::new(), members: Vec::new() });
                    if self.actors[a].role.is_none() {
                        self.actors[a].role = m.role.clone();
                    }
                    return Some(a);
                }
                if let Some(a) = self.surname_match(v, ms, i) {
                    return Some(self.merge_into(a, m));
                }
                let (n0, n1) = m.name_toks;
                let name = v.span_of(n0, n1).slice(text).to_string();
                let key = format!("name:{}", name.to_lowercase());
                let (ty, codes, role) = (m.ty, m.codes.clone(), m.role.clone());
                Some(self.actor_for(key, || Actor { name, ty, codes, role, mentions: Vec::new(), members: Vec::new() }))
            }
            MentionKind::Title => {
                let title = v.lower(m.toks.0).to_string();
                (0..self.actors.len()).rev().find(|&a| {
                    let act = &self.actors[a];
                    act.ty == ActorType::Person && (act.role.as_deref().is_some_and(|r| r.to_lowercase().contains(&title)) || act.mentions.iter().any(|&q| ms[q].role.as_deref().is_some_and(|r| r.to_lowercase().contains(&title))))
                })
            }
            MentionKind::Pronoun => {
                let plural = v.lower(m.toks.0) == "they";
                self.salient(ms, i, plural)
            }
            MentionKind::GroupRef => self.last_pair,
        }
    }

    /// The name of a state: the lexicon entry named by its code (`USA`) or
    /// coded with it (`SRB` -> Serbia), else the entry that mentions it
    /// (`Palestinian`), else the code.
    fn state_name(&self, code: &str, entry: Option<u32>) -> String {
        if let Some(e) = self.lex.find_actor(code).or_else(|| self.lex.state_entry(code)) {
            return display_name(&self.lex.actor(e).name);
        }
        entry.map_or_else(|| code.to_string(), |e| display_name(&self.lex.actor(e).name))
    }

    fn merge_into(&mut self, a: usize, m: &Mention) -> usize {
        let act = &mut self.actors[a];
        if act.codes.is_empty() {
            act.codes = m.codes.clone();
        }
        if act.role.is_none() {
            act.role = m.role.clone();
        }
        a
    }

    /// An earlier person whose name ends with this mention's name (`Witkoff`,
    /// `Al-Rishq`) or whose name this one extends.
    fn surname_match(&self, v: &View, ms: &[Mention], i: usize) -> Option<usize> {
        let m = &ms[i];
        let (n0, n1) = m.name_toks;
        let words: Vec<&str> = (n0..n1).map(|k| v.lower(k)).collect();
        if words.is_empty() {
            return None;
        }
        (0..i).rev().filter_map(|q| ms[q].actor.map(|a| (q, a))).find_map(|(q, a)| {
            let o = &ms[q];
            if o.kind != MentionKind::Name || self.actors[a].ty != ActorType::Person {
                return None;
            }
            let (o0, o1) = o.name_toks;
            let ow: Vec<&str> = (o0..o1).map(|k| v.lower(k)).collect();
            let suffix = ow.len() > words.len() && ow.ends_with(&words);
            let same = ow == words;
            (suffix || same).then_some(a)
        })
    }

    /// Most salient antecedent: in the nearest sentence before (or earlier in
    /// this one), a speaker first, else the first fitting mention.
    fn salient(&self, ms: &[Mention], i: usize, plural: bool) -> Option<usize> {
        let m = &ms[i];
        let fits = |q: usize| -> Option<usize> {
            let a = ms[q].actor?;
            let ty = self.actors[a].ty;
            let ok = if plural { matches!(ty, ActorType::Group | ActorType::Organisation | ActorType::State) } else { ty == ActorType::Person };
            ok.then_some(a)
        };
        // earlier in the same sentence
        if let Some(a) = (0..i).rev().take_while(|&q| ms[q].sent == m.sent).filter(|&q| ms[q].toks.1 <= m.toks.0).find_map(fits) {
            return Some(a);
        }
        let mut s = m.sent;
        while s > 0 && m.sent - s < 4 {
            s -= 1;
            let cands: Vec<usize> = (0..i).filter(|&q| ms[q].sent == s).filter_map(fits).collect();
            if cands.is_empty() {
                continue;
            }
            let spoke = (0..i).filter(|&q| ms[q].sent == s && self.speakers.iter().any(|&(a, b)| ms[q].toks.0 < b && a < ms[q].toks.1)).find_map(fits);
            return spoke.or_else(|| cands.first().copied());
        }
        None
    }

    /// Records `A and B` when mention `i` closes such a pair.
    fn note_pair(&mut self, v: &View, ms: &[Mention], i: usize) {
        let m = &ms[i];
        if i == 0 || m.kind != MentionKind::Name {
            return;
        }
        let p = &ms[i - 1];
        if p.kind != MentionKind::Name || p.toks.1 + 1 != m.toks.0 || v.lower(p.toks.1) != "and" {
            return;
        }
        let (Some(a), Some(b)) = (p.actor, m.actor) else { return };
        if a == b || self.actors[a].ty != ActorType::State || self.actors[b].ty != ActorType::State {
            return;
        }
        self.last_pair = Some(self.pair(a, b));
    }

    /// The group actor of two actors.
    pub fn pair(&mut self, a: usize, b: usize) -> usize {
        let name = format!("{} and {}", self.actors[a].name, self.actors[b].name);
        let mut codes: Vec<String> = Vec::new();
        for x in [a, b] {
            if let Some(c) = self.actors[x].codes.first() {
                codes.push(c.clone());
            }
        }
        self.actor_for(format!("pair:{a}:{b}"), || Actor { name, ty: ActorType::Group, codes, role: None, mentions: Vec::new(), members: vec![a, b] })
    }
}
