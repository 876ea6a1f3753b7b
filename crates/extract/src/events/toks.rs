//! The event coder's view of a parsed document: one [`T`] a token with its
//! normalised form, lemma, coarse tag, relation and head as document indices,
//! and a child index. Filled from herald's own [`Analysis`] or, for tests and
//! diagnostics, from CoNLL-U. Buffers are reused between documents.

use herald_syntax::pipeline::{Analysis, Analyzer};
use herald_text::Span;

/// Coarse part of speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Upos {
    /// Common noun.
    Noun,
    /// Proper noun.
    Propn,
    /// Pronoun.
    Pron,
    /// Main verb.
    Verb,
    /// Auxiliary.
    Aux,
    /// Adjective.
    Adj,
    /// Adverb.
    Adv,
    /// Adposition.
    Adp,
    /// Determiner.
    Det,
    /// Number.
    Num,
    /// Particle.
    Part,
    /// Coordinating conjunction.
    Cconj,
    /// Subordinating conjunction.
    Sconj,
    /// Punctuation.
    Punct,
    /// Anything else.
    #[default]
    Other,
}

impl Upos {
    /// From a UPOS name.
    pub fn parse(s: &str) -> Upos {
        match s {
            "NOUN" => Upos::Noun,
            "PROPN" => Upos::Propn,
            "PRON" => Upos::Pron,
            "VERB" => Upos::Verb,
            "AUX" => Upos::Aux,
            "ADJ" => Upos::Adj,
            "ADV" => Upos::Adv,
            "ADP" => Upos::Adp,
            "DET" => Upos::Det,
            "NUM" => Upos::Num,
            "PART" => Upos::Part,
            "CCONJ" | "CONJ" => Upos::Cconj,
            "SCONJ" => Upos::Sconj,
            "PUNCT" => Upos::Punct,
            _ => Upos::Other,
        }
    }
    /// Noun, proper noun or pronoun.
    pub fn nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    }
}

/// Dependency relation, UD v2 (v1 names are mapped).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[allow(missing_docs)]
pub enum Rel {
    Root,
    Nsubj,
    NsubjPass,
    Csubj,
    Obj,
    Iobj,
    Obl,
    OblAgent,
    OblTmod,
    Nmod,
    NmodPoss,
    Xcomp,
    Ccomp,
    Advcl,
    Acl,
    Relcl,
    Conj,
    Cc,
    Case,
    Mark,
    Aux,
    AuxPass,
    Cop,
    Det,
    Amod,
    Compound,
    Prt,
    Appos,
    Advmod,
    Neg,
    Punct,
    Parataxis,
    Flat,
    Expl,
    #[default]
    Other,
}

impl Rel {
    /// From a relation name (with or without subtype).
    pub fn parse(s: &str) -> Rel {
        match s {
            "root" => Rel::Root,
            "nsubj" => Rel::Nsubj,
            "nsubj:pass" | "nsubjpass" => Rel::NsubjPass,
            "csubj" | "csubj:pass" | "csubjpass" => Rel::Csubj,
            "obj" | "dobj" => Rel::Obj,
            "iobj" => Rel::Iobj,
            "obl" | "obl:npmod" => Rel::Obl,
            "obl:agent" => Rel::OblAgent,
            "obl:tmod" | "nmod:tmod" => Rel::OblTmod,
            "nmod" | "nmod:npmod" => Rel::Nmod,
            "nmod:poss" => Rel::NmodPoss,
            "xcomp" => Rel::Xcomp,
            "ccomp" => Rel::Ccomp,
            "advcl" => Rel::Advcl,
            "acl" => Rel::Acl,
            "acl:relcl" => Rel::Relcl,
            "conj" => Rel::Conj,
            "cc" | "cc:preconj" => Rel::Cc,
            "case" => Rel::Case,
            "mark" => Rel::Mark,
            "aux" => Rel::Aux,
            "aux:pass" | "auxpass" => Rel::AuxPass,
            "cop" => Rel::Cop,
            "det" | "det:predet" => Rel::Det,
            "amod" => Rel::Amod,
            "compound" | "nmod:desc" => Rel::Compound,
            "compound:prt" => Rel::Prt,
            "appos" => Rel::Appos,
            "advmod" => Rel::Advmod,
            "neg" => Rel::Neg,
            "punct" => Rel::Punct,
            "parataxis" => Rel::Parataxis,
            "flat" | "flat:name" | "name" | "fixed" | "mwe" | "goeswith" => Rel::Flat,
            "expl" => Rel::Expl,
            _ => Rel::Other,
        }
    }
    /// A relation that opens a clause of its own.
    pub fn clausal(self) -> bool {
        matches!(self, Rel::Ccomp | Rel::Advcl | Rel::Acl | Rel::Relcl | Rel::Parataxis | Rel::Csubj | Rel::Xcomp)
    }
}

/// The models' tag and relation ids mapped once to [`Upos`] / [`Rel`].
#[derive(Clone, Debug, Default)]
pub struct TagMaps {
    /// UPOS id -> tag.
    pub upos: Vec<Upos>,
    /// Relation id -> relation.
    pub rels: Vec<Rel>,
    /// XPOS id of `VBN`.
    pub vbn: Option<u16>,
}

impl TagMaps {
    /// The maps of an analyzer's models.
    pub fn new(an: &Analyzer) -> TagMaps {
        TagMaps {
            upos: an.tagger.upos_names().iter().map(|s| Upos::parse(s)).collect(),
            rels: an.parser.deprels().iter().map(|s| Rel::parse(s)).collect(),
            vbn: an.tagger.xpos_id("VBN"),
        }
    }
}

/// No head.
pub const NONE: u32 = u32::MAX;

/// One token.
#[derive(Clone, Copy, Debug, Default)]
pub struct T {
    /// Bytes of the original text.
    pub span: Span,
    pub(crate) low: (u32, u32),
    pub(crate) lemma: (u32, u32),
    pub(crate) form: (u32, u32),
    /// Coarse tag.
    pub upos: Upos,
    /// Penn tag is a past participle (VBN).
    pub vbn: bool,
    /// Relation to the head.
    pub rel: Rel,
    /// Head as a document token index, [`NONE`] for a root.
    pub head: u32,
    /// Sentence index.
    pub sent: u32,
    /// Link-stripping debris.
    pub debris: bool,
}

/// The document's tokens; reuse one per thread.
#[derive(Default)]
pub struct Toks {
    /// Tokens.
    pub t: Vec<T>,
    buf: String,
    /// Sentences: token ranges and byte spans.
    pub sents: Vec<(usize, usize, Span)>,
    kid_start: Vec<u32>,
    kids: Vec<u32>,
}

fn push_lower(buf: &mut String, s: &str) -> (u32, u32) {
    let a = buf.len() as u32;
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => buf.push('\''),
            '\u{201C}' | '\u{201D}' => buf.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => buf.push('-'),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
    (a, buf.len() as u32)
}

fn push_raw(buf: &mut String, s: &str) -> (u32, u32) {
    let a = buf.len() as u32;
    buf.push_str(s);
    (a, buf.len() as u32)
}

impl Toks {
    fn clear(&mut self) {
        self.t.clear();
        self.buf.clear();
        self.sents.clear();
        self.kid_start.clear();
        self.kids.clear();
    }

    /// Fills from herald's analysis of a document.
    pub fn fill_analysis(&mut self, a: &Analysis, maps: &TagMaps) {
        self.clear();
        let seg = &a.seg;
        for (si, s) in seg.sentences.iter().enumerate() {
            let base = s.tokens.start;
            for ti in s.tokens.clone() {
                let tok = &seg.tokens[ti];
                let w = a.words.get(ti).copied().unwrap_or_default();
                let form = seg.form(tok);
                let fr = push_raw(&mut self.buf, form);
                let low = push_lower(&mut self.buf, form);
                let lemma = push_lower(&mut self.buf, if ti < a.words.len() { a.lemma(ti) } else { form });
                let upos = maps.upos.get(w.upos as usize).copied().unwrap_or_default();
                let rel = if tok.debris { Rel::Other } else { maps.rels.get(w.deprel as usize).copied().unwrap_or_default() };
                let head = if w.head == 0 { NONE } else { (base + w.head as usize - 1) as u32 };
                let vbn = maps.vbn == Some(w.xpos);
                self.t.push(T { span: tok.span, low, lemma, form: fr, upos, vbn, rel, head, sent: si as u32, debris: tok.debris });
            }
            self.sents.push((s.tokens.start, s.tokens.end, s.span));
        }
        self.index();
    }

    /// Fills from CoNLL-U sentences aligned to `text` (forms are searched
    /// left to right; a form not found gets an empty span at the cursor).
    pub fn fill_conllu(&mut self, text: &str, sents: &[herald_syntax::conllu::Sentence]) {
        self.clear();
        let mut cur = 0usize;
        for (si, s) in sents.iter().enumerate() {
            let base = self.t.len();
            let s0 = cur;
            for w in &s.words {
                let span = match find_form(text, cur, &w.form) {
                    Some((a, b)) => {
                        cur = b;
                        Span::new(a, b)
                    }
                    None => Span::new(cur, cur),
                };
                let fr = push_raw(&mut self.buf, &w.form);
                let low = push_lower(&mut self.buf, &w.form);
                let lemma = push_lower(&mut self.buf, &w.lemma);
                let head = if w.head == 0 { NONE } else { (base + w.head - 1) as u32 };
                self.t.push(T { span, low, lemma, form: fr, upos: Upos::parse(&w.upos), vbn: w.xpos == "VBN", rel: Rel::parse(&w.deprel), head, sent: si as u32, debris: false });
            }
            let first = self.t.get(base).map_or(s0, |t| t.span.start);
            self.sents.push((base, self.t.len(), Span::new(first.min(cur), cur)));
        }
        self.index();
    }

    fn index(&mut self) {
        let n = self.t.len();
        self.kid_start.clear();
        self.kid_start.resize(n + 1, 0);
        for t in &self.t {
            if t.head != NONE && (t.head as usize) < n {
                self.kid_start[t.head as usize + 1] += 1;
            }
        }
        for i in 0..n {
            self.kid_start[i + 1] += self.kid_start[i];
        }
        self.kids.clear();
        self.kids.resize(self.kid_start[n] as usize, 0);
        let mut fill = self.kid_start.clone();
        for (i, t) in self.t.iter().enumerate() {
            if t.head != NONE && (t.head as usize) < n {
                let h = t.head as usize;
                self.kids[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.t.len()
    }
    /// True without tokens.
    pub fn is_empty(&self) -> bool {
        self.t.is_empty()
    }
    /// Lower-cased normalised form.
    pub fn low(&self, i: usize) -> &str {
        let (a, b) = self.t[i].low;
        &self.buf[a as usize..b as usize]
    }
    /// Lemma, lower case.
    pub fn lemma(&self, i: usize) -> &str {
        let (a, b) = self.t[i].lemma;
        &self.buf[a as usize..b as usize]
    }
    /// Form as written (normalised by the segmenter).
    pub fn form(&self, i: usize) -> &str {
        let (a, b) = self.t[i].form;
        &self.buf[a as usize..b as usize]
    }
    /// Children of token `i`, in text order.
    pub fn kids(&self, i: usize) -> &[u32] {
        &self.kids[self.kid_start[i] as usize..self.kid_start[i + 1] as usize]
    }
    /// First child with relation `r`.
    pub fn kid(&self, i: usize, r: Rel) -> Option<usize> {
        self.kids(i).iter().map(|&k| k as usize).find(|&k| self.t[k].rel == r)
    }
    /// Head of `i`.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.t[i].head;
        (h != NONE).then_some(h as usize)
    }
    /// True when the path from `a` down to `b` passes through an embedded
    /// clause (`ccomp`, `advcl`, relative clause, parataxis) or a coordinated verb.
    pub fn dominates_via_clause(&self, a: usize, mut b: usize) -> bool {
        for _ in 0..64 {
            if a == b {
                return false;
            }
            let r = self.t[b].rel;
            if matches!(r, Rel::Ccomp | Rel::Advcl | Rel::Relcl | Rel::Parataxis | Rel::Csubj) || (r == Rel::Conj && matches!(self.t[b].upos, Upos::Verb | Upos::Aux)) {
                return true;
            }
            match self.head(b) {
                Some(h) => b = h,
                None => return false,
            }
        }
        false
    }

    /// True when `a` is `b` or dominates it.
    pub fn dominates(&self, a: usize, mut b: usize) -> bool {
        for _ in 0..64 {
            if a == b {
                return true;
            }
            match self.head(b) {
                Some(h) => b = h,
                None => return false,
            }
        }
        false
    }
}

fn find_form(text: &str, from: usize, form: &str) -> Option<(usize, usize)> {
    if form.is_empty() || from > text.len() {
        return None;
    }
    let window_end = (from + 400 + form.len()).min(text.len());
    let mut end = window_end;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let hay = &text[from..end];
    hay.find(form).map(|p| (from + p, from + p + form.len()))
}
