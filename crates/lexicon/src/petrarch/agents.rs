//! PETRARCH agent dictionaries (`Phoenix.agents.txt`).
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set
//! CONGRESS!PERSON! [~LEG]                        one entry per substitution
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    explicit plural; `{}` = no plural
//! HUMAN_RIGHTS_BODY [NGO~]                       code placed before the actor code
//! ```

use super::{regular_plural, split_brackets};
use crate::builder::Builder;
use crate::finding::Sink;
use crate::model::{AgentEntry, AgentPlacement, Origin};
use rustc_hash::FxHashMap;

pub(crate) fn read(b: &mut Builder, src: u32, lines: &[String], sink: &mut Sink) {
    let mut subst: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('!') && t.contains('=') && !t.contains('[') {
            let (name, list) = t.split_once('=').expect("checked");
            let name = name.trim();
            if name.len() < 3 || !name.ends_with('!') {
                sink.error(ln, format!("bad substitution marker `{name}` (expected `!NAME!`)"));
                continue;
            }
            let items: Vec<String> = list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
            if items.is_empty() {
                sink.error(ln, format!("empty substitution set `{name}`"));
                continue;
            }
            subst.insert(name.to_string(), items);
            sink.loaded(ln);
            continue;
        }
        let (head, groups) = match split_brackets(t) {
            Ok(v) => v,
            Err(e) => {
                sink.error(ln, e);
                continue;
            }
        };
        if groups.len() != 1 {
            sink.error(ln, if groups.is_empty() { "agent without a `[~CODE]`".to_string() } else { "agent with more than one code".to_string() });
            continue;
        }
        let raw = groups[0].inner.replace(char::is_whitespace, "");
        if raw != groups[0].inner {
            sink.note(ln, format!("blanks inside `[{}]` ignored", groups[0].inner));
        }
        let (code, placement) = if let Some(c) = raw.strip_prefix('~') {
            (c.to_string(), AgentPlacement::After)
        } else if let Some(c) = raw.strip_suffix('~') {
            (c.to_string(), AgentPlacement::Before)
        } else {
            sink.error(ln, format!("agent code `{raw}` lacks the `~` that places it (`[~GOV]` or `[NGO~]`)"));
            continue;
        };
        if code.is_empty() || !code.len().is_multiple_of(3) || !code.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            sink.error(ln, format!("malformed agent code `{code}` (expected groups of three upper-case letters)"));
            continue;
        }
        // Optional plurals in {...}.
        let (phrase, plurals) = match head.find('{') {
            Some(p) => {
                let Some(q) = head[p..].find('}') else {
                    sink.error(ln, "unbalanced `{` in agent phrase");
                    continue;
                };
                let inner = head[p + 1..p + q].trim();
                if !head[p + q + 1..].trim().is_empty() {
                    sink.error(ln, format!("unexpected `{}` after the plurals", head[p + q + 1..].trim()));
                    continue;
                }
                (head[..p].trim().to_string(), Some(inner.split_whitespace().map(str::to_string).collect::<Vec<_>>()))
            }
            None => (head.clone(), None),
        };
        if phrase.is_empty() {
            sink.error(ln, "agent without a phrase");
            continue;
        }
        // Expand substitution markers.
        let mut phrases = vec![phrase.clone()];
        let mut bad = None;
        while let Some(start) = phrases[0].find('!') {
            let p0 = phrases[0].clone();
            let Some(len) = p0[start + 1..].find('!') else {
                bad = Some(format!("unterminated substitution marker in `{p0}`"));
                break;
            };
            let marker = &p0[start..start + len + 2];
            let Some(items) = subst.get(marker) else {
                bad = Some(format!("undefined substitution marker `{marker}`"));
                break;
            };
            phrases = phrases.iter().flat_map(|p| items.iter().map(move |it| p.replacen(marker, it, 1))).collect();
        }
        if let Some(e) = bad {
            sink.error(ln, e);
            continue;
        }
        let substituted = phrases.len() > 1 || phrases[0] != phrase;
        if phrase.contains(' ') {
            sink.note(ln, format!("blank in `{phrase}`: PETRARCH allows words in between; herald matches the words consecutively"));
        }
        for p in phrases {
            let plurals = match &plurals {
                Some(given) => given.clone(),
                None if substituted => Vec::new(),
                None => vec![regular_plural(p.trim_end_matches('_'))],
            };
            b.add_agent(AgentEntry { phrase: p, code: code.clone(), placement, plurals, origin: Origin { source: src, line: ln } });
        }
        sink.loaded(ln);
    }
}
