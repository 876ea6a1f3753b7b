//! herald's own dictionary format (`*.hld`), documented in `FORMAT.md`.
//!
//! ```text
//! # comment
//! actor Donald Trump
//!   alias: Trump | President Trump | Donald J. Trump
//!   code: USAGOV 2017-01-20..2021-01-20
//!   code: USAELI 2021-01-20..2025-01-20
//!   code: USAGOV 2025-01-20..
//!   role: President of the United States 2025-01-20..
//! ```

use crate::builder::Builder;
use crate::date::Date;
use crate::finding::Sink;
use crate::model::*;

/// Parses `FROM..UNTIL`, `FROM..`, `..UNTIL` (ISO dates, `UNTIL` exclusive).
pub(crate) fn parse_range(s: &str) -> Result<(Option<Date>, Option<Date>), String> {
    let (a, b) = s.split_once("..").ok_or_else(|| format!("bad date range `{s}` (expected FROM..UNTIL)"))?;
    let a = if a.is_empty() { None } else { Some(Date::parse_iso(a)?) };
    let b = if b.is_empty() { None } else { Some(Date::parse_iso(b)?) };
    if let (Some(x), Some(y)) = (a, b) {
        if y <= x {
            return Err(format!("date range `{s}` is empty (it ends before it starts)"));
        }
    }
    Ok((a, b))
}

/// Splits a trailing date range off a value (`USAGOV 2025-01-20..`).
fn split_range(v: &str) -> Result<(&str, Option<Date>, Option<Date>), String> {
    match v.rsplit_once(char::is_whitespace) {
        Some((head, last)) if last.contains("..") => {
            let (f, u) = parse_range(last)?;
            Ok((head.trim(), f, u))
        }
        _ if v.contains("..") && !v.contains(char::is_whitespace) => Err(format!("`{v}`: a code is needed before the date range")),
        _ => Ok((v.trim(), None, None)),
    }
}

fn list(v: &str) -> Vec<String> {
    v.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

enum Block {
    Actor(ActorEntry),
    Agent { entry: AgentEntry, has_code: bool, aliases: Vec<String>, plural_given: bool },
    Role { entry: RoleEntry, has_code: bool },
    Verb { word: VerbWord, block: Option<String> },
    Discard(Discard),
    Issue(IssueEntry),
}

pub(crate) fn read(b: &mut Builder, src: u32, lines: &[String], sink: &mut Sink) {
    let mut cur: Option<(u32, Block)> = None;
    for (i, raw) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        // `#` starts a comment at the start of a line or after a blank.
        let content = match raw.find('#') {
            Some(0) => "",
            Some(p) if raw[..p].ends_with(char::is_whitespace) => &raw[..p],
            _ => raw.as_str(),
        };
        if content.trim().is_empty() {
            continue;
        }
        let indented = content.starts_with(char::is_whitespace);
        let t = content.trim();
        if !indented {
            if let Some((hl, blk)) = cur.take() {
                finish(b, hl, blk, sink);
            }
            let (kw, name) = match t.split_once(char::is_whitespace) {
                Some((k, n)) => (k, n.trim()),
                None => (t, ""),
            };
            if name.is_empty() {
                sink.error(ln, format!("`{kw}` needs a name (e.g. `actor Donald Trump`)"));
                continue;
            }
            let origin = Origin { source: src, line: ln };
            let blk = match kw {
                "actor" | "demonym" | "media" | "place" => {
                    let kind = match kw {
                        "demonym" => ActorKind::Demonym,
                        "media" => ActorKind::Media,
                        "place" => ActorKind::Place,
                        _ => ActorKind::Actor,
                    };
                    Block::Actor(ActorEntry { name: name.to_string(), kind, aliases: Vec::new(), codes: Vec::new(), roles: Vec::new(), origin })
                }
                "agent" => Block::Agent {
                    entry: AgentEntry { phrase: name.to_string(), code: String::new(), placement: AgentPlacement::After, plurals: Vec::new(), origin },
                    has_code: false,
                    aliases: Vec::new(),
                    plural_given: false,
                },
                "role" => Block::Role { entry: RoleEntry { phrase: name.to_string(), aliases: Vec::new(), code: RoleCode::Organisation, origin }, has_code: false },
                "verb" => {
                    // A phrasal verb ("hand over"): its first word is the head,
                    // the rest are particles after it, as PETRARCH's `+HAND_OVER`.
                    let mut words = name.split_whitespace().map(str::to_uppercase);
                    let lemma = words.next().unwrap_or_default();
                    Block::Verb { word: VerbWord { lemma, forms: Vec::new(), code: None, before: Vec::new(), after: words.collect(), line: ln }, block: None }
                }
                "discard" => Block::Discard(Discard { phrase: name.to_string(), story: false, exact: true, origin }),
                "issue" => Block::Issue(IssueEntry { phrase: name.to_string(), code: String::new(), category: String::new(), ignore: 0, origin }),
                _ => {
                    sink.error(ln, format!("unknown entry kind `{kw}` (expected actor, demonym, media, place, agent, role, verb, discard or issue)"));
                    continue;
                }
            };
            cur = Some((ln, blk));
            sink.loaded(ln);
            continue;
        }
        let Some((_, blk)) = cur.as_mut() else {
            sink.error(ln, "indented field outside an entry");
            continue;
        };
        let Some((key, val)) = t.split_once(':') else {
            sink.error(ln, format!("expected `key: value`, found `{t}`"));
            continue;
        };
        let (key, val) = (key.trim(), val.trim());
        if val.is_empty() {
            sink.error(ln, format!("`{key}:` without a value"));
            continue;
        }
        if let Err(e) = field(blk, key, val, ln) {
            sink.error(ln, e);
            continue;
        }
        sink.loaded(ln);
    }
    if let Some((hl, blk)) = cur.take() {
        finish(b, hl, blk, sink);
    }
}

fn field(blk: &mut Block, key: &str, val: &str, ln: u32) -> Result<(), String> {
    let unknown = |kind: &str| Err(format!("unknown field `{key}` for {kind}"));
    match blk {
        Block::Actor(a) => match key {
            "alias" => a.aliases.extend(list(val)),
            "code" => {
                let (code, from, until) = split_range(val)?;
                if !crate::petrarch::valid_actor_code(code) {
                    return Err(format!("malformed code `{code}` (expected upper-case letters and digits, e.g. `ISRGOV`)"));
                }
                a.codes.push(CodeSpan { code: code.to_string(), from, until, line: ln });
            }
            "role" => {
                let (title, from, until) = split_range(val)?;
                a.roles.push(DatedRole { title: title.to_string(), from, until });
            }
            "note" => {}
            _ => return unknown("an actor"),
        },
        Block::Agent { entry, has_code, aliases, plural_given } => match key {
            "code" => {
                let (code, placement) = if let Some(c) = val.strip_prefix('~') {
                    (c, AgentPlacement::After)
                } else if let Some(c) = val.strip_suffix('~') {
                    (c, AgentPlacement::Before)
                } else {
                    (val, AgentPlacement::After)
                };
                if code.is_empty() || !code.len().is_multiple_of(3) || !code.bytes().all(|c| c.is_ascii_uppercase()) {
                    return Err(format!("malformed agent code `{val}` (e.g. `~GOV` or `NGO~`)"));
                }
                entry.code = code.to_string();
                entry.placement = placement;
                *has_code = true;
            }
            "alias" => aliases.extend(list(val)),
            "plural" => {
                *plural_given = true;
                entry.plurals.extend(list(val).into_iter().filter(|p| p != "-"));
            }
            "note" => {}
            _ => return unknown("an agent"),
        },
        Block::Role { entry, has_code } => match key {
            "alias" => entry.aliases.extend(list(val)),
            "agent" => {
                entry.code = if val == "organisation" || val == "organization" {
                    RoleCode::Organisation
                } else {
                    let c = val.trim_start_matches('~');
                    if c.is_empty() || !c.len().is_multiple_of(3) || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                        return Err(format!("malformed agent code `{val}` (e.g. `GOV`, or `organisation`)"));
                    }
                    RoleCode::Agent(c.to_string())
                };
                *has_code = true;
            }
            "note" => {}
            _ => return unknown("a role"),
        },
        Block::Verb { word, block } => match key {
            "forms" => word.forms.extend(list(val).into_iter().map(|f| f.to_uppercase())),
            "code" => {
                if !crate::petrarch::verbs::valid_verb_code(val) {
                    return Err(format!("malformed event code `{val}`"));
                }
                word.code = Some(val.to_string());
            }
            "block" => *block = Some(val.to_string()),
            "note" => {}
            _ => return unknown("a verb"),
        },
        Block::Discard(d) => match key {
            "scope" if val == "story" || val == "sentence" => d.story = val == "story",
            "scope" => return Err(format!("scope `{val}`: expected `sentence` or `story`")),
            _ => return unknown("a discard"),
        },
        Block::Issue(is) => match key {
            "code" => is.code = val.to_string(),
            "category" => is.category = val.to_string(),
            _ => return unknown("an issue"),
        },
    }
    Ok(())
}

fn finish(b: &mut Builder, hl: u32, blk: Block, sink: &mut Sink) {
    match blk {
        Block::Actor(a) => {
            if a.codes.is_empty() {
                sink.error(hl, format!("{} `{}` has no `code:`", a.kind.as_str(), a.name));
            } else {
                b.add_actor(a);
            }
        }
        Block::Agent { entry, has_code, aliases, plural_given } => {
            if !has_code {
                sink.error(hl, format!("agent `{}` has no `code:`", entry.phrase));
                return;
            }
            for p in std::iter::once(entry.phrase.clone()).chain(aliases) {
                // Without `plural:`, the regular plural (as for PETRARCH agents).
                let plurals = if plural_given { entry.plurals.clone() } else { vec![crate::petrarch::regular_plural(&p)] };
                b.add_agent(AgentEntry { phrase: p, plurals, ..entry.clone() });
            }
        }
        Block::Role { entry, has_code } => {
            if !has_code {
                sink.error(hl, format!("role `{}` has no `agent:` (a code like `GOV`, or `organisation`)", entry.phrase));
            } else {
                b.add_role(entry);
            }
        }
        Block::Verb { word, block } => {
            if word.code.is_none() && block.is_none() {
                sink.error(hl, format!("verb `{}` needs a `code:` or a `block:`", word.lemma));
            } else {
                b.add_herald_verb(word, block);
            }
        }
        Block::Discard(d) => b.discards.push(d),
        Block::Issue(is) => {
            if is.code.is_empty() {
                sink.error(hl, format!("issue `{}` has no `code:`", is.phrase));
            } else {
                b.issues.push(is);
            }
        }
    }
}
