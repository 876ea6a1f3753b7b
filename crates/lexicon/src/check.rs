//! Checks across entries: duplicates and conflicts, overlapping date
//! ranges, unknown agents, patterns that can never match, unknown codes.

use crate::builder::key;
use crate::model::*;
use crate::petrarch::verbs::{synsets_used, verb_marks};
use crate::{Error, Finding, Lexicon, LoadReport, Severity};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::PathBuf;

/// CAMEO agent (sector) codes known without an agents dictionary.
pub(crate) const CAMEO_AGENT_CODES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LAB", "LEG", "HLH", "REF", "MOD", "RAD",
    "AGR", "ELI", "IGO", "NGO", "NGM", "IMG", "HRI", "UAF", "SET", "ENV", "DEV", "ATH", "BUD", "CHR", "HIN", "JEW", "MUS", "SHI", "SUN",
    "DOM", "FRM", "PRS", "ATG", "CON", "ALQ", "TAL", "INS", "SEP",
];

/// Loads the files as layers and returns every finding (readers' and
/// cross-entry checks'); `herald lexicon check` prints them.
pub fn check_files(paths: &[PathBuf]) -> Result<LoadReport, Error> {
    Lexicon::load(paths)
}

pub(crate) fn check_lexicon(lex: &Lexicon) -> Vec<Finding> {
    let mut out = Vec::new();
    let file = |o: &Origin| lex.sources.get(o.source as usize).map(|s| s.path.clone()).unwrap_or_default();
    let mut push = |o: &Origin, line: u32, sev: Severity, msg: String| out.push(Finding { file: file(o), line, severity: sev, message: msg });

    // Actors: duplicates, conflicts, overlapping ranges, missing codes.
    let mut seen: FxHashMap<String, u32> = FxHashMap::default();
    for (i, a) in lex.actors.iter().enumerate() {
        if a.codes.is_empty() {
            push(&a.origin, a.origin.line, Severity::Warning, format!("actor `{}` has no code", a.name));
        }
        let mut own = FxHashSet::default();
        for p in std::iter::once(&a.name).chain(&a.aliases) {
            let k = key(p);
            if !own.insert(k.clone()) {
                push(&a.origin, a.origin.line, Severity::Note, format!("`{p}` listed twice for `{}`", a.name));
                continue;
            }
            match seen.get(&k) {
                Some(&j) if j as usize != i => {
                    let b = &lex.actors[j as usize];
                    let codes = |x: &ActorEntry| x.codes.iter().map(|c| c.code.clone()).collect::<Vec<_>>();
                    let (sev, what) = if codes(a) == codes(b) { (Severity::Note, "duplicate") } else { (Severity::Warning, "conflicting") };
                    push(&a.origin, a.origin.line, sev, format!("{what} entry: `{p}` also names `{}` ({}:{}); this later entry wins", b.name, file(&b.origin), b.origin.line));
                }
                Some(_) => {}
                None => {
                    seen.insert(k, i as u32);
                }
            }
        }
        let dated: Vec<&CodeSpan> = a.codes.iter().filter(|c| !c.is_default()).collect();
        for (x, s) in dated.iter().enumerate() {
            for t in &dated[x + 1..] {
                if s.code == t.code {
                    continue;
                }
                let lo = s.from.max(t.from);
                let hi = match (s.until, t.until) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                let days = match (lo, hi) {
                    (Some(l), Some(h)) => h.days() - l.days(),
                    _ => i32::MAX,
                };
                // PETRARCH ranges share their boundary day by convention.
                if days > 1 {
                    push(&a.origin, t.line, Severity::Warning, format!("overlapping date ranges of `{}`: [{}] (line {}) and [{}]; the first listed wins", a.name, s.code, s.line, t.code));
                }
            }
        }
    }

    // Agents and roles: unknown agent codes.
    let mut known: FxHashSet<&str> = CAMEO_AGENT_CODES.iter().copied().collect();
    for a in &lex.agents {
        if let Some(c) = a.code.get(..3) {
            known.insert(c);
        }
    }
    for r in &lex.roles {
        if let RoleCode::Agent(c) = &r.code {
            for chunk in (0..c.len()).step_by(3).filter_map(|i| c.get(i..i + 3)) {
                if !known.contains(chunk) {
                    push(&r.origin, r.origin.line, Severity::Warning, format!("unknown agent `{chunk}` in role `{}`", r.phrase));
                }
            }
        }
    }

    // Verbs: patterns that can never match, unknown codes, verbs in two blocks.
    let synsets: FxHashSet<&str> = lex.synsets.iter().map(|s| s.name.as_str()).collect();
    let labels: FxHashSet<&str> = lex.cameo_labels.iter().map(|(c, _)| c.as_str()).collect();
    let known_code = |c: &str| labels.is_empty() || c.is_empty() || c == "---" || labels.contains(c);
    let mut verb_home: FxHashMap<String, usize> = FxHashMap::default();
    for (bi, b) in lex.verbs.iter().enumerate() {
        for code in b.code.split(':') {
            if !known_code(code) {
                push(&b.origin, b.origin.line, Severity::Warning, format!("unknown CAMEO code `{code}` in block `{}`", b.name));
            }
        }
        for v in &b.verbs {
            let k = format!("{} {} {}", v.before.join("_"), v.lemma, v.after.join("_"));
            if let Some(&other) = verb_home.get(&k) {
                if other != bi {
                    push(&b.origin, v.line, Severity::Warning, format!("verb `{}` is also in block `{}`; this later block wins", v.lemma, lex.verbs[other].name));
                }
            }
            verb_home.insert(k, bi);
            if let Some(c) = &v.code {
                for code in c.split(':').filter(|c| !known_code(c)) {
                    push(&b.origin, v.line, Severity::Warning, format!("unknown CAMEO code `{code}` for verb `{}`", v.lemma));
                }
            }
        }
        let mut texts = FxHashSet::default();
        for p in &b.patterns {
            let marks = verb_marks(&p.elems);
            if marks != 1 {
                push(&b.origin, p.line, Severity::Warning, format!("pattern `{}` has {marks} `*` (verb) marks: it can never match", p.text));
            }
            let mut used = Vec::new();
            synsets_used(&p.elems, &mut used);
            for s in used {
                if !synsets.contains(s) {
                    push(&b.origin, p.line, Severity::Warning, format!("pattern `{}` uses undefined synonym set `&{s}`: it can never match", p.text));
                }
            }
            for code in std::iter::once(p.code.as_str()).chain(p.code2.as_deref().filter(|c| *c != p.code)) {
                if !known_code(code) {
                    push(&b.origin, p.line, Severity::Warning, format!("unknown CAMEO code `{code}` in pattern `{}`", p.text));
                }
            }
            if !texts.insert((p.text.split_whitespace().collect::<Vec<_>>().join(" "), p.code.clone())) {
                push(&b.origin, p.line, Severity::Note, format!("duplicate pattern `{}` in block `{}`", p.text, b.name));
            }
        }
    }
    out
}
