//! Actor mentions for the event coder. The coder asks a [`MentionFinder`]
//! for the actor mentions of a sentence; [`LexiconMentions`] runs the
//! lexicon's matchers directly (actors, agents, roles). When the extract
//! crate's own actor/entity layer is ready, a second implementation of the
//! trait over its mentions replaces this one in [`super::CameoCoder`].

use super::toks::{Toks, Upos};
use herald_lexicon::{ActorKind, AgentPlacement, Date, Lexicon, RoleCode};
use herald_text::Span;

/// What a mention names.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// An actor entry with its code in force.
    Actor { entry: u32, person: bool, place: bool },
    /// An agent noun (`officials` -> `GOV`).
    Agent { code: String, before: bool },
    /// A role phrase (`President`, `special envoy`).
    Role { code: Option<String>, phrase: String },
}

/// One mention: tokens `start..end` (document indices).
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub start: u32,
    pub end: u32,
    /// Token of the mention whose head lies outside it.
    pub head: u32,
    pub kind: Kind,
    /// Display name (actor entry name, cleaned).
    pub name: String,
    /// Code in force on the document date (actors), or empty.
    pub code: String,
    pub span: Span,
}

/// Finds the actor mentions of a sentence.
pub(crate) trait MentionFinder {
    /// Appends the mentions of sentence `s` to `out`.
    fn find(&self, toks: &Toks, s: usize, date: Option<Date>, out: &mut Vec<Mention>);
}

/// Mentions straight from the lexicon's matchers.
pub(crate) struct LexiconMentions<'a> {
    pub lex: &'a Lexicon,
    /// People by surname and plural demonyms, for proper nouns the lexicon
    /// lacks as written.
    pub surnames: &'a crate::actors::Surnames,
    /// The document has no date: the codes are today's, and an entry whose
    /// dated codes have all ended keeps its last one, as in the actor layer
    /// (`Lexicon` format: without a date, the code that starts last).
    pub undated: bool,
}

impl LexiconMentions<'_> {
    /// The code of entry `e` on `date` (`A/B` for several).
    fn code(&self, e: &herald_lexicon::ActorEntry, date: Option<Date>) -> String {
        let code = e.code_on(date).join("/");
        if code.is_empty() && self.undated {
            return e.code_on(None).join("/");
        }
        code
    }
}

/// A readable name from a dictionary name (`BENJAMIN_NETANYAHU_` -> `Benjamin Netanyahu`).
pub(crate) fn display_name(raw: &str) -> String {
    if raw.chars().any(|c| c.is_lowercase()) {
        return raw.trim_end_matches('_').replace('_', " ");
    }
    raw.trim_end_matches('_')
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn head_of(toks: &Toks, a: usize, b: usize) -> usize {
    let mut best = b - 1;
    for i in a..b {
        match toks.head(i) {
            Some(h) if h >= a && h < b => {}
            _ => best = i,
        }
    }
    best
}

impl MentionFinder for LexiconMentions<'_> {
    fn find(&self, toks: &Toks, s: usize, date: Option<Date>, out: &mut Vec<Mention>) {
        let (a, b, _) = toks.sents[s];
        let forms: Vec<&str> = (a..b).map(|i| toks.form(i)).collect();
        let lex = self.lex;
        let mut push = |st: usize, en: usize, kind: Kind, name: String, code: String| {
            let (st, en) = (a + st, a + en);
            let head = head_of(toks, st, en) as u32;
            out.push(Mention { start: st as u32, end: en as u32, head, kind, name, code, span: Span::new(toks.t[st].span.start, toks.t[en - 1].span.end) });
        };
        let actors = lex.match_actors(&forms);
        for m in &actors {
            let e = lex.actor(m.entry);
            let code = self.code(e, date);
            if code.is_empty() {
                continue;
            }
            let dated = e.codes.iter().any(|c| !c.is_default());
            let person = e.kind == ActorKind::Actor && (!e.roles.is_empty() || (dated && m.end - m.start >= 1 && code.len() > 3 && !e.name.contains("GOVERNMENT")));
            let place = e.kind == ActorKind::Place;
            push(m.start, m.end, Kind::Actor { entry: m.entry, person, place }, display_name(&e.name), code);
        }
        let overlaps = |st: usize, en: usize| actors.iter().any(|m| m.start < en && st < m.end);
        // Proper nouns the lexicon lacks as written: a person by surname
        // (`President Mugabe`), a plural demonym (`Iraqis`).
        let mut i = 0;
        while i < forms.len() {
            if toks.t[a + i].upos != Upos::Propn || overlaps(i, i + 1) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < forms.len() && toks.t[a + j].upos == Upos::Propn && !overlaps(j, j + 1) {
                j += 1;
            }
            let st = (i..j).find(|&k| !crate::actors::TITLES.contains(&toks.low(a + k))).unwrap_or(j);
            // An acronym ("MOU") is an organisation's, not a surname.
            let acronym = j == st + 1 && crate::actors::is_acronym(forms[st]);
            if let Some(id) = (!acronym).then(|| self.surnames.known(lex, &forms[st..j])).flatten() {
                let e = lex.actor(id);
                let code = self.code(e, date);
                if !code.is_empty() {
                    let person = crate::actors::entry_is_person(e);
                    push(st, j, Kind::Actor { entry: id, person, place: false }, display_name(&e.name), code);
                }
            }
            i = j;
        }
        for m in lex.match_roles(&forms) {
            if overlaps(m.start, m.end) {
                continue;
            }
            let r = lex.role(m.entry);
            let code = match &r.code {
                RoleCode::Agent(c) => Some(c.clone()),
                RoleCode::Organisation => None,
            };
            push(m.start, m.end, Kind::Role { code, phrase: r.phrase.to_lowercase() }, r.phrase.clone(), String::new());
        }
        for m in lex.match_agents(&forms) {
            if overlaps(m.start, m.end) {
                continue;
            }
            let ag = lex.agent(m.entry);
            push(m.start, m.end, Kind::Agent { code: ag.code.clone(), before: ag.placement == AgentPlacement::Before }, ag.phrase.to_lowercase(), String::new());
        }
    }
}
