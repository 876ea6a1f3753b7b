//! PETRARCH actor dictionaries (`Phoenix.*.actors.txt`).
//!
//! ```text
//! BENJAMIN_NETANYAHU_  # comment        primary phrase, optional [CODE ...] groups
//! +NETANYAHU                            synonym
//!     [ISRGOV 960618-990706]             date restriction (indented), first match wins
//!     [ISRGOV >090401]
//!     [ISRELI]                           default code
//! ```

use super::{parse_code_restriction, split_brackets};
use crate::builder::Builder;
use crate::finding::Sink;
use crate::model::{ActorEntry, ActorKind, CodeSpan, Origin};

pub(crate) fn read(b: &mut Builder, src: u32, lines: &[String], sink: &mut Sink) {
    let mut current: Option<ActorEntry> = None;
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            let Some(actor) = current.as_mut() else {
                sink.error(ln, "date restriction before any actor");
                continue;
            };
            if add_codes(t, &mut actor.codes, ln, sink) {
                sink.loaded(ln);
            }
            continue;
        }
        let (is_syn, body) = match t.strip_prefix('+') {
            Some(r) => (true, r.trim()),
            None => (false, t),
        };
        let (phrase, groups) = match split_brackets(body) {
            Ok(v) => v,
            Err(e) => {
                sink.error(ln, e);
                continue;
            }
        };
        if phrase.is_empty() {
            sink.error(ln, "actor line without a phrase");
            continue;
        }
        check_phrase(&phrase, ln, sink);
        if is_syn {
            let Some(actor) = current.as_mut() else {
                sink.error(ln, format!("synonym `+{phrase}` before any actor"));
                continue;
            };
            actor.aliases.push(phrase);
        } else {
            if let Some(done) = current.take() {
                b.add_actor(done);
            }
            current = Some(ActorEntry {
                name: phrase,
                kind: ActorKind::Actor,
                aliases: Vec::new(),
                codes: Vec::new(),
                roles: Vec::new(),
                origin: Origin { source: src, line: ln },
            });
        }
        let actor = current.as_mut().expect("set above");
        if !groups.is_empty() {
            if is_syn {
                sink.note(ln, "code on a synonym line applies to the whole actor");
            }
            let rest: String = groups.iter().map(|g| format!("[{}]", g.inner)).collect();
            if !add_codes(&rest, &mut actor.codes, ln, sink) {
                continue;
            }
        }
        sink.loaded(ln);
    }
    if let Some(done) = current.take() {
        b.add_actor(done);
    }
}

/// Parses one or more `[...]` groups into spans; false (with an error) if any is bad.
fn add_codes(t: &str, codes: &mut Vec<CodeSpan>, ln: u32, sink: &mut Sink) -> bool {
    let groups = match split_brackets(t) {
        Ok((head, g)) if head.is_empty() => g,
        Ok((head, _)) => {
            sink.error(ln, format!("unexpected `{head}` before a code"));
            return false;
        }
        Err(e) => {
            sink.error(ln, e);
            return false;
        }
    };
    let mut ok = true;
    for g in groups {
        match parse_code_restriction(&g.inner, ln) {
            Ok((span, warn)) => {
                if let Some(w) = warn {
                    sink.warn(ln, w);
                }
                codes.push(span);
            }
            Err(e) => {
                sink.error(ln, e);
                ok = false;
            }
        }
    }
    ok
}

pub(crate) fn check_phrase(phrase: &str, ln: u32, sink: &mut Sink) {
    let opens = phrase.matches(['(', '{']).count();
    let closes = phrase.matches([')', '}']).count();
    if opens != closes {
        sink.warn(ln, format!("unbalanced parenthesis in phrase `{phrase}` (loaded as written)"));
    }
    if phrase.contains('`') {
        sink.note(ln, format!("backquote in phrase `{phrase}` read as an apostrophe"));
    }
}
