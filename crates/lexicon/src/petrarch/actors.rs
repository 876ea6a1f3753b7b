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
        let phrase = strip_acronym(&phrase).unwrap_or(phrase);
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

/// The name without a trailing parenthesised acronym of its own words:
/// `IRISH_REPUBLICAN_ARMY_(IRA)_` is matched as "Irish Republican Army"
/// (text tokenises the parentheses apart, so the phrase as written never
/// matches). Only an acronym of the name's initials is dropped: `CONGO_(DRC)_`
/// and `DIRECT_ACTION_(GREECE)_` say which one is meant and stay as written.
fn strip_acronym(phrase: &str) -> Option<String> {
    let t = phrase.trim_end_matches('_');
    let open = t.rfind('(')?;
    let acro = t[open + 1..].strip_suffix(')')?;
    let head = t[..open].trim_end_matches(['_', ' ']);
    if acro.len() < 2 || !acro.chars().all(|c| c.is_ascii_alphabetic()) || head.contains(['(', ')']) {
        return None;
    }
    let initials: Vec<char> = head.split(['_', ' ', '-']).filter_map(|w| w.chars().next()).map(|c| c.to_ascii_uppercase()).collect();
    // The acronym's letters are initials of the name, in order, starting
    // with the first word (words like OF and THE may be skipped).
    let mut rest = initials.iter();
    let ok = initials.first() == acro.chars().next().map(|c| c.to_ascii_uppercase()).as_ref() && acro.chars().all(|c| rest.any(|&i| i == c.to_ascii_uppercase()));
    (ok && initials.len() >= 2).then(|| format!("{head}_"))
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

#[cfg(test)]
mod tests {
    use super::strip_acronym;

    #[test]
    fn a_trailing_acronym_of_the_name_is_dropped() {
        assert_eq!(strip_acronym("IRISH_REPUBLICAN_ARMY_(IRA)_").as_deref(), Some("IRISH_REPUBLICAN_ARMY_"));
        assert_eq!(strip_acronym("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_").as_deref(), Some("LIBERATION_TIGERS_OF_TAMIL_EELAM_"));
        assert_eq!(strip_acronym("JAISH-E-MOHAMMAD_(JEM)_").as_deref(), Some("JAISH-E-MOHAMMAD_"));
        assert_eq!(strip_acronym("DEMOCRATIC_FRONT_FOR_THE_LIBERATION_OF_PALESTINE_(DFLP)").as_deref(), Some("DEMOCRATIC_FRONT_FOR_THE_LIBERATION_OF_PALESTINE_"));
    }

    #[test]
    fn a_parenthesis_that_is_not_its_acronym_stays() {
        for p in ["CONGO_(DRC)_", "DIRECT_ACTION_(GREECE)_", "GEORGIA_(COUNTRY)_", "GUEVARISTA_REVOLUTIONARY_ARMY_(ERG)_", "JAISH-I-MOHAMMED_(MOHAMMAD_", "SAMOA_(AMERICAN)_", "X_(Y)_", "ANIMAL_LIBERATION_FRONT"] {
            assert_eq!(strip_acronym(p), None, "{p}");
        }
    }
}
