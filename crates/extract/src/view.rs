//! A flat, per-document view of the analysis that the rules read: one
//! [`Tok`] a token with its lower-cased form, coarse part of speech, head and
//! relation, sentence and paragraph. Built once a document into the worker's
//! reused buffers; rules never look at model ids.

use herald_syntax::pipeline::Analysis;
use herald_text::Span;

/// Coarse part of speech (UPOS), `Unknown` when no tagger ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Pos {
    #[default]
    Unknown,
    Noun,
    Propn,
    Pron,
    Verb,
    Aux,
    Adj,
    Adv,
    Adp,
    Det,
    Num,
    Part,
    Cconj,
    Sconj,
    Punct,
    Other,
}

impl Pos {
    pub(crate) fn from_upos(name: &str) -> Pos {
        match name {
            "NOUN" => Pos::Noun,
            "PROPN" => Pos::Propn,
            "PRON" => Pos::Pron,
            "VERB" => Pos::Verb,
            "AUX" => Pos::Aux,
            "ADJ" => Pos::Adj,
            "ADV" => Pos::Adv,
            "ADP" => Pos::Adp,
            "DET" => Pos::Det,
            "NUM" => Pos::Num,
            "PART" => Pos::Part,
            "CCONJ" => Pos::Cconj,
            "SCONJ" => Pos::Sconj,
            "PUNCT" => Pos::Punct,
            _ => Pos::Other,
        }
    }
}

/// Coarse dependency relation, `Unknown` when no parser ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Dep {
    #[default]
    Unknown,
    Nsubj,
    NsubjPass,
    Ccomp,
    Parataxis,
    Appos,
    Other,
}

impl Dep {
    pub(crate) fn from_deprel(name: &str) -> Dep {
        match name {
            "nsubj" => Dep::Nsubj,
            "nsubj:pass" => Dep::NsubjPass,
            "ccomp" => Dep::Ccomp,
            "parataxis" => Dep::Parataxis,
            "appos" => Dep::Appos,
            _ => Dep::Other,
        }
    }
}

/// One token as the rules see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Bytes of the original text.
    pub span: Span,
    /// Range of the lower-cased normalised form in [`View::lower_buf`].
    lower: (u32, u32),
    pub pos: Pos,
    /// Head as a document token index; `None` for the root or without a parser.
    pub head: Option<u32>,
    pub dep: Dep,
    pub sent: u32,
    pub para: u32,
    /// First letter is upper case.
    pub cap: bool,
    /// Whitespace precedes the token (or it starts the text).
    pub space_before: bool,
    pub space_after: bool,
    pub debris: bool,
}

/// The per-document token view; its buffers are reused between documents.
#[derive(Default)]
pub(crate) struct View {
    pub toks: Vec<Tok>,
    lower_buf: String,
    /// Form (normalised) buffer, original case.
    form_buf: String,
    forms: Vec<(u32, u32)>,
    /// Sentences: token ranges and paragraph.
    pub sents: Vec<(usize, usize, u32)>,
    /// Paragraphs: token ranges.
    pub paras: Vec<(usize, usize)>,
    pub has_pos: bool,
    pub has_deps: bool,
}

impl View {
    /// Fills the view from an analysis. `pos_of` / `dep_of` map the model's
    /// ids (empty tables when no model ran).
    pub fn fill(&mut self, a: &Analysis, pos_of: &[Pos], dep_of: &[Dep], parsed: bool) {
        self.toks.clear();
        self.lower_buf.clear();
        self.form_buf.clear();
        self.forms.clear();
        self.sents.clear();
        self.paras.clear();
        self.has_pos = parsed && !pos_of.is_empty();
        self.has_deps = parsed && !dep_of.is_empty();
        let seg = &a.seg;
        for p in &seg.paragraphs {
            let (s0, s1) = (p.sentences.start, p.sentences.end);
            let t0 = seg.sentences.get(s0).map_or(0, |s| s.tokens.start);
            let t1 = if s1 > s0 { seg.sentences[s1 - 1].tokens.end } else { t0 };
            self.paras.push((t0, t1));
        }
        for (si, s) in seg.sentences.iter().enumerate() {
            self.sents.push((s.tokens.start, s.tokens.end, s.paragraph as u32));
            let base = s.tokens.start;
            for ti in s.tokens.clone() {
                let t = &seg.tokens[ti];
                let form = seg.form(t);
                let f0 = self.form_buf.len() as u32;
                self.form_buf.push_str(form);
                self.forms.push((f0, self.form_buf.len() as u32));
                let l0 = self.lower_buf.len() as u32;
                for c in form.chars() {
                    self.lower_buf.extend(c.to_lowercase());
                }
                let lower = (l0, self.lower_buf.len() as u32);
                let (pos, head, dep) = if self.has_pos && ti < a.words.len() {
                    let w = &a.words[ti];
                    let pos = pos_of.get(w.upos as usize).copied().unwrap_or(Pos::Other);
                    let (head, dep) = if self.has_deps {
                        let h = if w.head == 0 { None } else { Some((base + w.head as usize - 1) as u32) };
                        (h, dep_of.get(w.deprel as usize).copied().unwrap_or(Dep::Other))
                    } else {
                        (None, Dep::Unknown)
                    };
                    (pos, head, dep)
                } else {
                    (Pos::Unknown, None, Dep::Unknown)
                };
                let space_before = ti == 0 || seg.tokens[ti - 1].space_after;
                let cap = form.chars().next().is_some_and(|c| c.is_uppercase());
                self.toks.push(Tok {
                    span: t.span,
                    lower,
                    pos,
                    head,
                    dep,
                    sent: si as u32,
                    para: s.paragraph as u32,
                    cap,
                    space_before,
                    space_after: t.space_after,
                    debris: t.debris,
                });
            }
        }
    }

    /// Lower-cased normalised form of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lower;
        &self.lower_buf[a as usize..b as usize]
    }
    /// Normalised form of token `i`.
    pub fn form(&self, i: usize) -> &str {
        let (a, b) = self.forms[i];
        &self.form_buf[a as usize..b as usize]
    }
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    /// Token range of sentence `s`.
    pub fn sent_range(&self, s: usize) -> (usize, usize) {
        let (a, b, _) = self.sents[s];
        (a, b)
    }
    /// True for punctuation (by form when untagged).
    pub fn is_punct(&self, i: usize) -> bool {
        let f = self.form(i);
        !f.is_empty() && f.chars().all(|c| !c.is_alphanumeric())
    }
    /// Original bytes from token `a` to token `b - 1`.
    pub fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }
}
