//! PETRARCH verb dictionaries: CAMEO.2.0 (PETRARCH2) and the PETRARCH-1
//! verb-pattern file, which share one syntax:
//!
//! ```text
//! &CURRENCY                 synonym set; `+PHRASE` lines follow
//! +DOLLAR
//! ---  ACCELERATE   [---]  ---        verb block with its default code
//! HURRY {HURRIES HURRIED} [042]       verb, irregular forms, own code
//! +CLEAR_UP                           compound verb; `+` marks the head verb
//! - * (TO {BANNED PARTIES}) $ [1722]  pattern: `*` verb, `$` source, `+` target,
//!                                     `%` compound actor, `^` skip, `&SET`,
//!                                     `{...}` noun phrase, `(...)` prep. phrase
//! ~ a (a b ATTACK) SAY = a b 015      transformation
//! ```

use crate::builder::Builder;
use crate::finding::Sink;
use crate::model::{Origin, Pattern, PatternElem, SynSet, Transformation, VerbBlock, VerbWord};

/// True for a well-formed verb code: `---`, or 2-4 digits and an optional
/// letter (`0871`, `174L`).
pub(crate) fn valid_verb_code(c: &str) -> bool {
    if c == "---" {
        return true;
    }
    let digits = c.bytes().take_while(u8::is_ascii_digit).count();
    (2..=4).contains(&digits) && c.len() <= digits + 1 && c[digits..].bytes().all(|b| b.is_ascii_uppercase())
}

/// Parses the inside of a verb code group: `042`, `042:043`, `:173`, `---`.
pub(crate) fn parse_verb_code(inner: &str, ln: u32, sink: &mut Sink) -> Result<(String, Option<String>), String> {
    let inner = inner.trim();
    let (a, b) = match inner.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (inner, None),
    };
    let fix = |c: &str, sink: &mut Sink| -> Result<String, String> {
        let mut c = c.to_string();
        if let Some(s) = c.strip_suffix('!') {
            sink.warn(ln, format!("`!` after code `{s}` has no meaning in PETRARCH2; read as `{s}`"));
            c = s.to_string();
        }
        if !valid_verb_code(&c) {
            return Err(format!("malformed event code `{c}` (expected `---` or 2-4 digits, e.g. `042`)"));
        }
        Ok(c)
    };
    let a = if a.is_empty() && b.is_some() { String::new() } else { fix(a, sink)? };
    let b = match b {
        Some(b) => Some(fix(b, sink)?),
        None => None,
    };
    Ok((a, b))
}

enum Mode {
    None,
    SynSet,
    Block,
}

pub(crate) fn read(b: &mut Builder, src: u32, lines: &[String], raw: &[String], sink: &mut Sink) {
    let mut mode = Mode::None;
    let mut synset: Option<SynSet> = None;
    let mut block: Option<VerbBlock> = None;
    let flush_syn = |b: &mut Builder, s: &mut Option<SynSet>| {
        if let Some(s) = s.take() {
            b.add_synset(s);
        }
    };
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(label) = t.strip_prefix('&') {
            flush_syn(b, &mut synset);
            let label = label.trim();
            if label.is_empty() || !label.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
                sink.error(ln, format!("bad synonym set label `&{label}`"));
                mode = Mode::None;
                continue;
            }
            let no_plurals = label.ends_with('_');
            synset = Some(SynSet { name: label.trim_end_matches('_').to_string(), no_plurals, phrases: Vec::new(), origin: Origin { source: src, line: ln } });
            mode = Mode::SynSet;
            sink.loaded(ln);
            continue;
        }
        if t.starts_with("---") {
            flush_syn(b, &mut synset);
            if let Some(done) = block.take() {
                b.add_block(done);
            }
            match parse_header(t, ln, sink) {
                Ok((name, code)) => {
                    block = Some(VerbBlock { name, code, verbs: Vec::new(), patterns: Vec::new(), origin: Origin { source: src, line: ln } });
                    mode = Mode::Block;
                    sink.loaded(ln);
                }
                Err(e) => {
                    sink.error(ln, e);
                    mode = Mode::None;
                }
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix('~') {
            match rest.split_once('=') {
                Some((l, r)) if !l.trim().is_empty() && !r.trim().is_empty() => {
                    b.add_transformation(Transformation { pattern: l.trim().to_string(), result: r.trim().to_string(), origin: Origin { source: src, line: ln } });
                    sink.loaded(ln);
                }
                _ => sink.error(ln, "transformation without `=`"),
            }
            continue;
        }
        match mode {
            Mode::SynSet => {
                let Some(p) = t.strip_prefix('+') else {
                    sink.error(ln, format!("`{t}` in a synonym set (members begin with `+`)"));
                    continue;
                };
                let p = p.trim();
                // A member may be another set (`+&TIETYPES`), expanded when compiled.
                let nested = p.strip_prefix('&').is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'));
                if p.is_empty() || (!nested && p.contains(['$', '%', '^', '&', '[', '{', '('])) {
                    sink.error(ln, format!("synonym set member `{p}` may only contain words"));
                    continue;
                }
                synset.as_mut().expect("mode").phrases.push(p.to_string());
                sink.loaded(ln);
            }
            Mode::Block => {
                let blk = block.as_mut().expect("mode");
                if let Some(p) = t.strip_prefix('-') {
                    let comment = raw[i].split_once('#').map(|(_, c)| c.trim().to_string()).unwrap_or_default();
                    match parse_pattern(p, ln, sink) {
                        Ok(mut pat) => {
                            pat.comment = comment;
                            blk.patterns.push(pat);
                            sink.loaded(ln);
                        }
                        Err(e) => sink.error(ln, e),
                    }
                } else {
                    match parse_verb(t, ln, sink) {
                        Ok(v) => {
                            blk.verbs.push(v);
                            sink.loaded(ln);
                        }
                        Err(e) => sink.error(ln, e),
                    }
                }
            }
            Mode::None => sink.error(ln, format!("`{t}` outside a verb block or synonym set")),
        }
    }
    flush_syn(b, &mut synset);
    if let Some(done) = block.take() {
        b.add_block(done);
    }
}

fn parse_header(t: &str, ln: u32, sink: &mut Sink) -> Result<(String, String), String> {
    let inner = t.trim_start_matches('-').trim_end_matches(|c: char| c == '-' || c.is_whitespace()).trim();
    let (name, groups) = super::split_brackets(inner)?;
    if name.is_empty() {
        return Err("verb block header without a name".into());
    }
    let code = match groups.as_slice() {
        [] => "---".to_string(),
        [g, rest @ ..] => {
            // `--- DELAY [120] [031:031] ---` (PETRARCH's test dictionary): the
            // first code is the block's, as PETRARCH reads it.
            if !rest.is_empty() {
                sink.warn(ln, "verb block header with several codes: the first is the block's");
            }
            let (a, b) = parse_verb_code(&g.inner, ln, sink)?;
            match b {
                Some(b) => format!("{a}:{b}"),
                None => a,
            }
        }
    };
    Ok((name, code))
}

fn parse_verb(t: &str, ln: u32, sink: &mut Sink) -> Result<VerbWord, String> {
    let (head, groups) = super::split_brackets(t)?;
    let code = match groups.as_slice() {
        [] => None,
        [g] => {
            let (a, b) = parse_verb_code(&g.inner, ln, sink)?;
            Some(match b {
                Some(b) => format!("{a}:{b}"),
                None => a,
            })
        }
        _ => return Err("verb with several codes".into()),
    };
    let (word, forms) = match head.find('{') {
        Some(p) => {
            let q = head.find('}').filter(|&q| q > p).ok_or("unbalanced `{` in verb forms")?;
            if !head[q + 1..].trim().is_empty() {
                return Err(format!("unexpected `{}` after the verb forms", head[q + 1..].trim()));
            }
            (head[..p].trim(), head[p + 1..q].split_whitespace().map(str::to_string).collect())
        }
        None => (head.trim(), Vec::new()),
    };
    if word.is_empty() || word.contains(char::is_whitespace) || !word.bytes().all(|c| c.is_ascii_alphabetic() || b"_+-'".contains(&c)) {
        return Err(format!("`{t}` is not a verb line (patterns begin with `-`; a verb is one word or a `_`-joined compound)"));
    }
    let parts: Vec<&str> = word.split('_').filter(|p| !p.is_empty()).collect();
    let (before, lemma, after) = if parts.len() == 1 {
        (Vec::new(), parts[0].trim_start_matches('+').to_string(), Vec::new())
    } else {
        let Some(h) = parts.iter().position(|p| p.starts_with('+')) else {
            return Err(format!("compound verb `{word}` without `+` marking the verb"));
        };
        (
            parts[..h].iter().map(|s| s.to_string()).collect(),
            parts[h].trim_start_matches('+').to_string(),
            parts[h + 1..].iter().map(|s| s.to_string()).collect(),
        )
    };
    if lemma.is_empty() || lemma.contains('+') {
        return Err(format!("bad verb `{word}`"));
    }
    Ok(VerbWord { lemma, forms, code, before, after, line: ln })
}

/// Parses a pattern (the text after `-`).
pub(crate) fn parse_pattern(p: &str, ln: u32, sink: &mut Sink) -> Result<Pattern, String> {
    let open = p.rfind('[').ok_or("pattern without an event code `[...]`")?;
    let close = p[open..].find(']').map(|c| c + open).ok_or("unbalanced bracket: `[` without `]`")?;
    if !p[close + 1..].trim().is_empty() {
        return Err(format!("unexpected `{}` after the event code (malformed code)", p[close + 1..].trim()));
    }
    let (code, code2) = parse_verb_code(&p[open + 1..close], ln, sink)?;
    let text = p[..open].trim();
    if text.contains(['[', ']']) {
        return Err("unbalanced bracket in pattern".into());
    }
    // Tokenise: brackets are tokens of their own.
    let spaced = text.replace('(', " ( ").replace(')', " ) ").replace('{', " { ").replace('}', " } ");
    // PETRARCH-1 joins consecutive elements with `_` (`MEASURES_TO_&FIGHT`,
    // `FAILED_TO_*`, `*_UP`): split those where the verb, a marker or a
    // synonym set is joined.
    let toks: Vec<&str> = spaced
        .split_whitespace()
        .flat_map(|t| {
            let joined = t.contains('_') && t.len() > 1 && t.contains(['&', '$', '+', '%', '^', '*']);
            let parts: Vec<&str> = if joined { t.split('_').filter(|p| !p.is_empty()).collect() } else { vec![t] };
            parts
        })
        .collect();
    let mut stack: Vec<(char, Vec<PatternElem>)> = vec![(' ', Vec::new())];
    for tok in toks {
        match tok {
            "(" | "{" => stack.push((tok.chars().next().unwrap(), Vec::new())),
            ")" | "}" => {
                let want = if tok == ")" { '(' } else { '{' };
                if stack.len() < 2 || stack.last().unwrap().0 != want {
                    return Err(format!("unbalanced `{tok}` in pattern"));
                }
                let (_, inner) = stack.pop().unwrap();
                if inner.is_empty() {
                    return Err(format!("empty `{want}{tok}` in pattern"));
                }
                let e = if want == '(' { PatternElem::PrepPhrase(inner) } else { PatternElem::NounPhrase(inner) };
                stack.last_mut().unwrap().1.push(e);
            }
            _ => {
                let e = match tok {
                    "*" | "**" => PatternElem::Verb,
                    "$" => PatternElem::Source,
                    "+" => PatternElem::Target,
                    "%" => PatternElem::Compound,
                    "^" => PatternElem::Skip,
                    _ if tok.starts_with('&') => PatternElem::SynSet(tok[1..].trim_end_matches('_').to_string()),
                    _ if tok.contains('|') => return Err(format!("disjunctive set `{tok}` (TABARI syntax; PETRARCH skips these: use a synonym set)")),
                    _ if tok.contains(['*', '$', '%', '^', '&']) => return Err(format!("unknown pattern token `{tok}`")),
                    _ => PatternElem::Word(tok.to_string()),
                };
                stack.last_mut().unwrap().1.push(e);
            }
        }
    }
    if stack.len() != 1 {
        return Err(format!("unbalanced `{}` in pattern", stack.last().unwrap().0));
    }
    let elems = stack.pop().unwrap().1;
    Ok(Pattern { elems, code, code2, text: text.to_string(), comment: String::new(), line: ln })
}

/// Number of `*` in a pattern, at any depth.
pub(crate) fn verb_marks(elems: &[PatternElem]) -> usize {
    elems
        .iter()
        .map(|e| match e {
            PatternElem::Verb => 1,
            PatternElem::NounPhrase(v) | PatternElem::PrepPhrase(v) => verb_marks(v),
            _ => 0,
        })
        .sum()
}

/// Synonym sets a pattern uses, at any depth.
pub(crate) fn synsets_used<'a>(elems: &'a [PatternElem], out: &mut Vec<&'a str>) {
    for e in elems {
        match e {
            PatternElem::SynSet(s) => out.push(s),
            PatternElem::NounPhrase(v) | PatternElem::PrepPhrase(v) => synsets_used(v, out),
            _ => {}
        }
    }
}
