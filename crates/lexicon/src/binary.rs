//! The compiled lexicon: one `herald_binfmt` container of kind `LEXICON`,
//! holding every entry and the frozen token tries.

use crate::matcher::{Trie, Vocab};
use crate::model::*;
use crate::{Date, Error, Lexicon, LineCounts};
use herald_binfmt::{FormatError, Reader, Writer};

/// Kind tag of compiled lexicon files.
pub const KIND: [u8; 8] = *b"LEXICON\0";
/// Version of the compiled format; bump on any change of the layout below or
/// of how phrases are tokenised (the tries hold the tokens).
pub const FORMAT_VERSION: u32 = 3;

type R<T> = Result<T, FormatError>;

fn w_date(w: &mut Writer, d: Option<Date>) {
    match d {
        Some(d) => {
            w.u8(1);
            w.i64(d.days() as i64)
        }
        None => w.u8(0),
    }
}
fn r_date(r: &mut Reader) -> R<Option<Date>> {
    Ok(match r.u8()? {
        0 => None,
        _ => Some(Date::from_days(r.i64()? as i32)),
    })
}
fn w_origin(w: &mut Writer, o: &Origin) {
    w.u32(o.source);
    w.u32(o.line);
}
fn r_origin(r: &mut Reader) -> R<Origin> {
    Ok(Origin { source: r.u32()?, line: r.u32()? })
}
fn w_opt(w: &mut Writer, s: &Option<String>) {
    match s {
        Some(s) => {
            w.u8(1);
            w.str(s)
        }
        None => w.u8(0),
    }
}
fn r_opt(r: &mut Reader) -> R<Option<String>> {
    Ok(if r.u8()? == 1 { Some(r.str()?.to_string()) } else { None })
}
fn r_string(r: &mut Reader) -> R<String> {
    Ok(r.str()?.to_string())
}
fn w_vec<T>(w: &mut Writer, v: &[T], f: impl Fn(&mut Writer, &T)) {
    w.u64(v.len() as u64);
    for x in v {
        f(w, x);
    }
}
fn r_vec<'a, T>(r: &mut Reader<'a>, f: impl Fn(&mut Reader<'a>) -> R<T>) -> R<Vec<T>> {
    let n = r.u64()? as usize;
    let mut v = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        v.push(f(r)?);
    }
    Ok(v)
}
fn w_trie(w: &mut Writer, t: &Trie) {
    w.u32s(&t.start);
    w.u32s(&t.tok);
    w.u32s(&t.child);
    w.u32s(&t.value);
}
fn r_trie(r: &mut Reader, vocab: usize) -> R<Trie> {
    let t = Trie { start: r.u32s()?, tok: r.u32s()?, child: r.u32s()?, value: r.u32s()? };
    let nodes = t.value.len();
    let ok = t.start.len() == nodes + 1
        && t.tok.len() == t.child.len()
        && t.start.windows(2).all(|w| w[0] <= w[1])
        && t.start.last().is_none_or(|&e| e as usize == t.tok.len())
        && t.child.iter().all(|&c| (c as usize) < nodes)
        && t.tok.iter().all(|&x| (x as usize) < vocab);
    if !ok || nodes == 0 {
        return Err(FormatError::Corrupt("inconsistent trie".into()));
    }
    Ok(t)
}

fn w_elems(w: &mut Writer, e: &[PatternElem]) {
    w_vec(w, e, |w, e| match e {
        PatternElem::Verb => w.u8(0),
        PatternElem::Word(s) => {
            w.u8(1);
            w.str(s)
        }
        PatternElem::SynSet(s) => {
            w.u8(2);
            w.str(s)
        }
        PatternElem::NounPhrase(v) => {
            w.u8(3);
            w_elems(w, v)
        }
        PatternElem::PrepPhrase(v) => {
            w.u8(4);
            w_elems(w, v)
        }
        PatternElem::Source => w.u8(5),
        PatternElem::Target => w.u8(6),
        PatternElem::Compound => w.u8(7),
        PatternElem::Skip => w.u8(8),
    })
}
fn r_elems(r: &mut Reader, depth: u32) -> R<Vec<PatternElem>> {
    if depth > 32 {
        return Err(FormatError::Corrupt("pattern nesting too deep".into()));
    }
    r_vec(r, |r| {
        Ok(match r.u8()? {
            0 => PatternElem::Verb,
            1 => PatternElem::Word(r_string(r)?),
            2 => PatternElem::SynSet(r_string(r)?),
            3 => PatternElem::NounPhrase(r_elems(r, depth + 1)?),
            4 => PatternElem::PrepPhrase(r_elems(r, depth + 1)?),
            5 => PatternElem::Source,
            6 => PatternElem::Target,
            7 => PatternElem::Compound,
            8 => PatternElem::Skip,
            t => return Err(FormatError::Corrupt(format!("pattern element tag {t}"))),
        })
    })
}

impl Lexicon {
    /// Serialises the lexicon into a sealed, versioned file image.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w_vec(&mut w, &self.sources, |w, s| {
            w.str(&s.path);
            w.str(s.format.as_str());
            w.u32s(&[s.lines.total, s.lines.comments, s.lines.loaded, s.lines.reported]);
        });
        w.strs(&self.vocab.words);
        w_vec(&mut w, &self.actors, |w, a| {
            w.str(&a.name);
            w.u8(a.kind.to_u8());
            w.strs(&a.aliases);
            w_vec(w, &a.codes, |w, c| {
                w.str(&c.code);
                w_date(w, c.from);
                w_date(w, c.until);
                w.u32(c.line);
            });
            w_vec(w, &a.roles, |w, r| {
                w.str(&r.title);
                w_date(w, r.from);
                w_date(w, r.until);
            });
            w_origin(w, &a.origin);
        });
        w_vec(&mut w, &self.agents, |w, a| {
            w.str(&a.phrase);
            w.str(&a.code);
            w.u8(matches!(a.placement, AgentPlacement::Before) as u8);
            w.strs(&a.plurals);
            w_origin(w, &a.origin);
        });
        w_vec(&mut w, &self.roles, |w, r| {
            w.str(&r.phrase);
            w.strs(&r.aliases);
            match &r.code {
                RoleCode::Agent(c) => {
                    w.u8(0);
                    w.str(c)
                }
                RoleCode::Organisation => w.u8(1),
            }
            w_origin(w, &r.origin);
        });
        w_vec(&mut w, &self.verbs, |w, b| {
            w.str(&b.name);
            w.str(&b.code);
            w_vec(w, &b.verbs, |w, v| {
                w.str(&v.lemma);
                w.strs(&v.forms);
                w_opt(w, &v.code);
                w.strs(&v.before);
                w.strs(&v.after);
                w.u32(v.line);
            });
            w_vec(w, &b.patterns, |w, p| {
                w_elems(w, &p.elems);
                w.str(&p.code);
                w_opt(w, &p.code2);
                w.str(&p.text);
                w.str(&p.comment);
                w.u32(p.line);
            });
            w_origin(w, &b.origin);
        });
        w_vec(&mut w, &self.synsets, |w, s| {
            w.str(&s.name);
            w.u8(s.no_plurals as u8);
            w.strs(&s.phrases);
            w_origin(w, &s.origin);
        });
        w_vec(&mut w, &self.transformations, |w, t| {
            w.str(&t.pattern);
            w.str(&t.result);
            w_origin(w, &t.origin);
        });
        w_vec(&mut w, &self.discards, |w, d| {
            w.str(&d.phrase);
            w.u8(d.story as u8);
            w.u8(d.exact as u8);
            w_origin(w, &d.origin);
        });
        w_vec(&mut w, &self.issues, |w, i| {
            w.str(&i.phrase);
            w.str(&i.code);
            w.str(&i.category);
            w.u8(i.ignore);
            w_origin(w, &i.origin);
        });
        w.strs(&self.prepositions);
        w_vec(&mut w, &self.cameo_labels, |w, (c, l)| {
            w.str(c);
            w.str(l);
        });
        w_vec(&mut w, &self.plover_table, |w, (c, p)| {
            w.str(c);
            w.str(&p.event_type);
            w.str(&p.mode);
            w.strs(&p.context);
        });
        for t in [&self.actor_trie, &self.agent_trie, &self.role_trie, &self.issue_trie] {
            w_trie(&mut w, t);
        }
        herald_binfmt::seal(KIND, FORMAT_VERSION, w.finish())
    }

    /// Opens a compiled file image (magic, kind, version and checksum checked).
    pub fn from_bytes(file: &[u8]) -> Result<Lexicon, FormatError> {
        let payload = herald_binfmt::open(file, KIND, FORMAT_VERSION)?;
        let r = &mut Reader::new(payload);
        let sources = r_vec(r, |r| {
            let path = r_string(r)?;
            let f = r.str()?;
            let format = SourceFormat::parse(f).ok_or_else(|| FormatError::Corrupt(format!("source format {f}")))?;
            let c = r.u32s()?;
            if c.len() != 4 {
                return Err(FormatError::Corrupt("line counts".into()));
            }
            Ok(SourceFile { path, format, lines: LineCounts { total: c[0], comments: c[1], loaded: c[2], reported: c[3] } })
        })?;
        let vocab = Vocab::from_sorted(r.strs()?).ok_or_else(|| FormatError::Corrupt("vocabulary not sorted".into()))?;
        let actors = r_vec(r, |r| {
            Ok(ActorEntry {
                name: r_string(r)?,
                kind: ActorKind::from_u8(r.u8()?),
                aliases: r.strs()?,
                codes: r_vec(r, |r| Ok(CodeSpan { code: r_string(r)?, from: r_date(r)?, until: r_date(r)?, line: r.u32()? }))?,
                roles: r_vec(r, |r| Ok(DatedRole { title: r_string(r)?, from: r_date(r)?, until: r_date(r)? }))?,
                origin: r_origin(r)?,
            })
        })?;
        let agents = r_vec(r, |r| {
            Ok(AgentEntry {
                phrase: r_string(r)?,
                code: r_string(r)?,
                placement: if r.u8()? == 1 { AgentPlacement::Before } else { AgentPlacement::After },
                plurals: r.strs()?,
                origin: r_origin(r)?,
            })
        })?;
        let roles = r_vec(r, |r| {
            Ok(RoleEntry {
                phrase: r_string(r)?,
                aliases: r.strs()?,
                code: if r.u8()? == 0 { RoleCode::Agent(r_string(r)?) } else { RoleCode::Organisation },
                origin: r_origin(r)?,
            })
        })?;
        let verbs = r_vec(r, |r| {
            Ok(VerbBlock {
                name: r_string(r)?,
                code: r_string(r)?,
                verbs: r_vec(r, |r| {
                    Ok(VerbWord { lemma: r_string(r)?, forms: r.strs()?, code: r_opt(r)?, before: r.strs()?, after: r.strs()?, line: r.u32()? })
                })?,
                patterns: r_vec(r, |r| {
                    Ok(Pattern { elems: r_elems(r, 0)?, code: r_string(r)?, code2: r_opt(r)?, text: r_string(r)?, comment: r_string(r)?, line: r.u32()? })
                })?,
                origin: r_origin(r)?,
            })
        })?;
        let synsets = r_vec(r, |r| Ok(SynSet { name: r_string(r)?, no_plurals: r.u8()? == 1, phrases: r.strs()?, origin: r_origin(r)? }))?;
        let transformations = r_vec(r, |r| Ok(Transformation { pattern: r_string(r)?, result: r_string(r)?, origin: r_origin(r)? }))?;
        let discards = r_vec(r, |r| Ok(Discard { phrase: r_string(r)?, story: r.u8()? == 1, exact: r.u8()? == 1, origin: r_origin(r)? }))?;
        let issues = r_vec(r, |r| Ok(IssueEntry { phrase: r_string(r)?, code: r_string(r)?, category: r_string(r)?, ignore: r.u8()?, origin: r_origin(r)? }))?;
        let prepositions = r.strs()?;
        let cameo_labels = r_vec(r, |r| Ok((r_string(r)?, r_string(r)?)))?;
        let plover_table = r_vec(r, |r| Ok((r_string(r)?, PloverMapping { event_type: r_string(r)?, mode: r_string(r)?, context: r.strs()? })))?;
        let nv = vocab.words.len();
        let actor_trie = r_trie(r, nv)?;
        let agent_trie = r_trie(r, nv)?;
        let role_trie = r_trie(r, nv)?;
        let issue_trie = r_trie(r, nv)?;
        if !r.is_empty() {
            return Err(FormatError::Corrupt("trailing bytes".into()));
        }
        let bad_value = |t: &Trie, n: usize| t.value.iter().any(|&v| v != crate::matcher::NONE && v as usize >= n);
        if bad_value(&actor_trie, actors.len()) || bad_value(&agent_trie, agents.len()) || bad_value(&role_trie, roles.len()) || bad_value(&issue_trie, issues.len()) {
            return Err(FormatError::Corrupt("trie points past its entries".into()));
        }
        let mut lex = Lexicon {
            actors,
            agents,
            roles,
            verbs,
            synsets,
            transformations,
            discards,
            issues,
            prepositions,
            cameo_labels,
            plover_table,
            sources,
            vocab,
            actor_trie,
            agent_trie,
            role_trie,
            issue_trie,
            ..Lexicon::default()
        };
        lex.derive_indexes();
        Ok(lex)
    }

    /// Writes the compiled lexicon atomically (temporary file, then rename).
    pub fn compile_to(&self, path: &std::path::Path) -> Result<(), Error> {
        herald_binfmt::write_atomic(path, &self.to_bytes()).map_err(|e| Error::Io { path: path.display().to_string(), source: e })
    }

    /// Reads a compiled lexicon file.
    pub fn open(path: &std::path::Path) -> Result<Lexicon, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::Io { path: path.display().to_string(), source: e })?;
        Lexicon::from_bytes(&bytes).map_err(|e| Error::Format { path: path.display().to_string(), source: e })
    }
}
