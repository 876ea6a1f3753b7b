//! The text-to-tree pipeline: segment, tag, lemmatise and parse a whole
//! document. [`Analyzer`] is immutable and shared by threads; each thread owns
//! an [`Analysis`] whose buffers are reused from one document to the next.

use crate::conllu::Sentence;
use crate::parser::{Arc, ParseError, Parser, ParserWorker, TagAtoms};
use crate::tagger::{TagAlt, TagResult, Tagger, TaggerWorker};
use herald_text::segment::{Segmented, Segmenter};

/// Syntax of one token, parallel to [`Segmented::tokens`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordSyntax {
    /// UPOS id ([`Tagger::upos_name`]).
    pub upos: u8,
    /// XPOS id ([`Tagger::xpos_name`]).
    pub xpos: u16,
    /// Head as a 1-based token index within the sentence; 0 is the root.
    pub head: u32,
    /// Relation id ([`Parser::deprel_name`]).
    pub deprel: u16,
    lemma: (u32, u32),
}

/// Everything herald knows of a document's syntax. Reuse one per thread.
#[derive(Default)]
pub struct Analysis {
    /// Paragraphs, sentences, tokens with their spans.
    pub seg: Segmented,
    /// One entry a token.
    pub words: Vec<WordSyntax>,
    lemmas: String,
    tag_worker: Option<TaggerWorker>,
    parse_worker: Option<ParserWorker>,
    tags: Vec<TagResult>,
    arcs: Vec<Arc>,
    /// The kept (non-debris) tokens of all sentences, and where each sentence's begin.
    kept: Vec<usize>,
    kept_start: Vec<usize>,
    /// The tags of `kept`.
    doc_tags: Vec<TagResult>,
    /// The tagger's runner-up tags of `kept`, for parsers that read them.
    alts: Vec<TagAlt>,
    doc_alts: Vec<TagAlt>,
}

impl Analysis {
    /// A fresh, empty analysis.
    pub fn new() -> Self {
        Self::default()
    }
    /// The lemma of token `i`.
    pub fn lemma(&self, i: usize) -> &str {
        let (a, b) = self.words[i].lemma;
        &self.lemmas[a as usize..b as usize]
    }
    /// The normalised form of token `i`.
    pub fn form(&self, i: usize) -> &str {
        self.seg.form(&self.seg.tokens[i])
    }
}

/// Segmenter, tagger and parser together: immutable, `Sync`.
pub struct Analyzer {
    /// The segmenter.
    pub segmenter: Segmenter,
    /// The tagger and lemmatiser. The parser reads its tag ids through
    /// atoms made in [`Analyzer::new`]: change taggers with a new `Analyzer`.
    pub tagger: Tagger,
    /// The dependency parser.
    pub parser: Parser,
    dep: u16,
    atoms: TagAtoms,
}

impl Analyzer {
    /// Builds the pipeline from loaded models.
    pub fn new(tagger: Tagger, parser: Parser) -> Self {
        let dep = parser.deprel_id("dep").unwrap_or(0);
        let atoms = TagAtoms::new(tagger.upos_names(), tagger.xpos_names());
        Self { segmenter: Segmenter::new(), tagger, parser, dep, atoms }
    }

    /// The pipeline with the models built into herald.
    pub fn with_default_models() -> Result<Self, crate::models::DefaultModelError> {
        Ok(Self::new(crate::models::default_tagger()?, crate::models::default_parser()?))
    }

    /// Segments, tags, lemmatises and parses `text` into `a`.
    pub fn analyze(&self, text: &str, a: &mut Analysis) {
        self.analyze_hinted(text, a, &mut |_, _| {});
    }

    /// As [`Analyzer::analyze`], with a hook that sees each sentence's words
    /// and tags between tagging and parsing and may correct the tags, e.g.
    /// from a gazetteer (a name the dictionaries know is a proper noun).
    pub fn analyze_hinted(&self, text: &str, a: &mut Analysis, hint: &mut dyn FnMut(&[&str], &mut [TagResult])) {
        self.segmenter.segment_into(text, &mut a.seg);
        a.words.clear();
        a.words.resize(a.seg.tokens.len(), WordSyntax::default());
        a.lemmas.clear();
        let tw = a.tag_worker.get_or_insert_with(TaggerWorker::new);
        let pw = a.parse_worker.get_or_insert_with(ParserWorker::new);
        // All sentences are tagged before any is parsed: the tagger's and the
        // parser's tables then take turns in the cache once a document, not
        // once a sentence.
        a.kept.clear();
        a.kept_start.clear();
        a.doc_tags.clear();
        a.doc_alts.clear();
        let alts = self.parser.uses_tag_alts();
        for s in 0..a.seg.sentences.len() {
            let range = a.seg.sentences[s].tokens.clone();
            // Debris (link-stripping leftovers) is kept out of the tagger and parser.
            a.kept_start.push(a.kept.len());
            a.kept.extend(range.filter(|&i| !a.seg.tokens[i].debris));
            let kept = &a.kept[a.kept_start[s]..];
            let forms: Vec<&str> = kept.iter().map(|&i| a.seg.form(&a.seg.tokens[i])).collect();
            if alts {
                self.tagger.tag_alts_with(tw, &forms, &mut a.tags, &mut a.alts);
                let before = a.tags.clone();
                hint(&forms, &mut a.tags);
                // A tag the hint set is taken as sure.
                for ((alt, b), t) in a.alts.iter_mut().zip(&before).zip(&a.tags) {
                    if b != t {
                        alt.margin = f32::INFINITY;
                    }
                }
                a.doc_alts.extend_from_slice(&a.alts);
            } else {
                self.tagger.tag_with(tw, &forms, &mut a.tags);
                hint(&forms, &mut a.tags);
            }
            a.doc_tags.extend_from_slice(&a.tags);
        }
        a.kept_start.push(a.kept.len());
        for s in 0..a.seg.sentences.len() {
            let range = a.seg.sentences[s].tokens.clone();
            let (k0, k1) = (a.kept_start[s], a.kept_start[s + 1]);
            let kept = &a.kept[k0..k1];
            let tags = &a.doc_tags[k0..k1];
            let forms: Vec<&str> = kept.iter().map(|&i| a.seg.form(&a.seg.tokens[i])).collect();
            let parsed = if alts {
                self.parser.parse_with_alts(pw, &self.atoms, &forms, tags, &a.doc_alts[k0..k1], &mut a.arcs)
            } else {
                self.parser.parse_with_ids(pw, &self.atoms, &forms, tags, &mut a.arcs)
            };
            if parsed.is_err() {
                a.arcs.clear();
                a.arcs.extend((0..forms.len()).map(|k| Arc { head: if k == 0 { 0 } else { 1 }, deprel: self.dep }));
            }
            // Sentence-local 1-based positions of the kept tokens.
            let base = range.start;
            for (k, &ti) in kept.iter().enumerate() {
                let t = tags[k];
                let arc = a.arcs[k];
                let head = if arc.head == 0 { 0 } else { (kept[arc.head as usize - 1] - base + 1) as u32 };
                let lemma = self.tagger.lemma(forms[k], t.upos, t.xpos);
                let start = a.lemmas.len() as u32;
                a.lemmas.push_str(&lemma);
                a.words[ti] = WordSyntax { upos: t.upos, xpos: t.xpos, head, deprel: arc.deprel, lemma: (start, a.lemmas.len() as u32) };
            }
            // Debris hangs off the nearest kept token.
            for ti in range.clone() {
                if a.seg.tokens[ti].debris {
                    let near = kept.iter().copied().min_by_key(|&k| k.abs_diff(ti));
                    let head = near.map_or(0, |k| (k - base + 1) as u32);
                    let x = self.tagger.xpos_id("XX").or_else(|| self.tagger.xpos_id("FW")).unwrap_or(0);
                    let u = self.tagger.upos_id("X").unwrap_or(0);
                    let form = a.seg.form(&a.seg.tokens[ti]);
                    let start = a.lemmas.len() as u32;
                    a.lemmas.push_str(form);
                    a.words[ti] = WordSyntax { upos: u, xpos: x, head, deprel: self.dep, lemma: (start, a.lemmas.len() as u32) };
                }
            }
        }
    }
}

/// Re-tags and parses CoNLL-U sentences in place from their FORM column
/// (UPOS, XPOS, LEMMA, HEAD and DEPREL are overwritten), giving the parser
/// the tagger's runner-up tags when it reads them. MISC is left as it was.
/// Returns the first parse error; the other sentences are still parsed.
pub fn tag_and_parse(tagger: &Tagger, parser: &Parser, sents: &mut [Sentence]) -> Result<(), ParseError> {
    let mut first = Ok(());
    for s in sents {
        let one = std::slice::from_mut(s);
        let r = if parser.uses_tag_alts() {
            let misc: Vec<String> = one[0].words.iter().map(|w| w.misc.clone()).collect();
            tagger.retag_alts(one);
            let r = parser.parse_sentence(&mut one[0]);
            for (w, m) in one[0].words.iter_mut().zip(misc) {
                w.misc = m;
            }
            r
        } else {
            tagger.retag(one);
            parser.parse_sentence(&mut one[0])
        };
        if first.is_ok() {
            first = r;
        }
    }
    first
}
