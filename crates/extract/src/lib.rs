//! herald's extraction layer: actors, coreference, quotes and events, computed
//! over a document's [`herald_syntax::pipeline::Analysis`] and the lexicon.
//!
//! An [`Extractor`] is built once (it holds the analyzer, the lexicon and
//! the cue tables), is immutable and `Sync`; each thread owns a [`Worker`]
//! whose buffers are reused from one document to the next.
//!
//! ```no_run
//! use herald_extract::{Extractor, Worker};
//! use herald_text::Document;
//! let ex = Extractor::with_defaults()?;
//! let mut w = Worker::new();
//! let doc = Document::new("d1", "“We will win,” Smith said.");
//! let out = ex.extract(&doc, &mut w)?;
//! assert_eq!(out.quotes[0].speaker.as_ref().unwrap().text, "Smith");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub mod actors;
pub mod dates;
pub mod events;
pub mod coref;
mod cues;
pub mod output;
pub mod quotes;
pub mod rules;
mod view;

use actors::{Mention, MentionKind};
use coref::Coref;
use herald_lexicon::{Date, Lexicon};
use herald_syntax::pipeline::{Analysis, Analyzer};
use herald_text::{CharMap, Document, Segmenter, Span};
pub use output::{ActorOut, Extraction, QuoteOut, SpeakerOut, TextSpan};
use quotes::{Quote, QuoteRules};
use view::{Dep, Pos, View};

/// Why a document could not be extracted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The default models or lexicon could not be loaded.
    #[error("cannot load {what}: {reason}")]
    Load {
        /// Models or lexicon.
        what: &'static str,
        /// The cause.
        reason: String,
    },
    /// A rule failed on this document.
    #[error("rule {rule} failed: {reason}")]
    Rule {
        /// The rule id.
        rule: &'static str,
        /// What went wrong.
        reason: String,
    },
}

/// What an event coder sees of a document: the analysis, the actors and
/// their mentions, the quotes. The events engineer implements
/// [`EventCoder`] and installs it with [`Extractor::with_event_coder`].
pub struct EventContext<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Segmentation, tags, lemmas and the parse.
    pub analysis: &'a Analysis,
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// The article's date, when known.
    pub date: Option<Date>,
    /// Actor mentions (byte spans, token ranges, resolved actor index).
    pub mentions: &'a [Mention],
    /// Actors; `ActorOut` ids are `A{index + 1}`.
    pub actors: &'a [coref::Actor],
    /// Quotes (byte spans).
    pub quotes: &'a [Quote],
    /// Each quote's speaker actor (index into `actors`), when resolved.
    pub speakers: &'a [Option<usize>],
    /// Byte -> character offsets of the text.
    pub chars: &'a CharMap,
}

/// Codes events; its output goes to [`Extraction::events`] unchanged.
pub trait EventCoder: Send + Sync {
    /// The events of one document.
    fn code(&self, cx: &EventContext<'_>) -> Result<Vec<events::Event>, String>;
}

/// The extraction pipeline; immutable and `Sync`.
pub struct Extractor {
    analyzer: Option<Analyzer>,
    segmenter: Segmenter,
    lexicon: Lexicon,
    rules: QuoteRules,
    pos_of: Vec<Pos>,
    dep_of: Vec<Dep>,
    events: Option<Box<dyn EventCoder>>,
    names: Option<NameTags>,
    surnames: std::sync::Arc<actors::Surnames>,
}

/// The gazetteer hint between tagging and parsing: a capitalised word
/// inside an actor name the dictionaries know, tagged as a common noun or a
/// verb, is a proper noun (`Arnor signed...`, `Gondor and Osgiliath`).
/// And a word right after a sentence-initial actor, tagged as a noun or an
/// adjective, which the verb dictionary knows in a form that agrees with the
/// actor, is the clause's verb when nothing else in the clause is one (`The
/// Palestinians reject the plan`, `Britain mobilized army reservists`).
pub struct NameTags {
    noun: u8,
    verb: u8,
    propn: u8,
    nnp: u16,
    nnps: u16,
    nns: u16,
    adj: u8,
    aux: u8,
    punct: u8,
    vbd: u16,
    vbz: u16,
    vbp: u16,
    md: u16,
}

impl NameTags {
    /// The tag ids of the analyzer's tagger; `None` if it lacks the tags.
    pub fn new(a: &Analyzer) -> Option<Self> {
        let t = &a.tagger;
        Some(Self {
            noun: t.upos_id("NOUN")?,
            verb: t.upos_id("VERB")?,
            propn: t.upos_id("PROPN")?,
            nnp: t.xpos_id("NNP")?,
            nnps: t.xpos_id("NNPS")?,
            nns: t.xpos_id("NNS")?,
            adj: t.upos_id("ADJ")?,
            aux: t.upos_id("AUX")?,
            punct: t.upos_id("PUNCT")?,
            vbd: t.xpos_id("VBD")?,
            vbz: t.xpos_id("VBZ")?,
            vbp: t.xpos_id("VBP")?,
            md: t.xpos_id("MD")?,
        })
    }

    /// Analyzes `text` with the hint from `lex`.
    pub fn analyze(&self, an: &Analyzer, lex: &Lexicon, text: &str, a: &mut Analysis) {
        an.analyze_hinted(text, a, &mut |forms, tags| self.apply(lex, forms, tags));
    }

    fn apply(&self, lex: &Lexicon, forms: &[&str], tags: &mut [herald_syntax::tagger::TagResult]) {
        let matches = lex.match_actors(forms);
        for m in &matches {
            for i in m.start..m.end {
                let upper = forms[i].chars().next().is_some_and(char::is_uppercase);
                let tag = &mut tags[i];
                if upper && (tag.upos == self.noun || tag.upos == self.verb) {
                    tag.xpos = if tag.xpos == self.nns { self.nnps } else { self.nnp };
                    tag.upos = self.propn;
                }
            }
        }
        // The verb after a sentence-initial actor.
        let Some(m) = matches.first() else { return };
        let i = m.end;
        let initial = m.start == 0 || (m.start == 1 && forms[0].eq_ignore_ascii_case("the"));
        if !initial || i + 1 >= forms.len() || !(tags[i].upos == self.noun || tags[i].upos == self.adj) {
            return;
        }
        let w = forms[i];
        if !w.bytes().all(|b| b.is_ascii_lowercase()) || lex.verb(w).is_none() {
            return;
        }
        // the rest of the clause (to a comma or a conjunction) has no finite
        // verb of its own ("Russian forces in Syria attacked")
        const JOINS: &[&str] = &["while", "and", "but", "as", "after", "before", "because", "when", "which", "who", "that", "since", "though", "although", "where", "until"];
        let stop = |k: usize| tags[k].upos == self.punct || JOINS.iter().any(|j| forms[k].eq_ignore_ascii_case(j));
        let clause_end = (i + 1..forms.len()).find(|&k| stop(k)).unwrap_or(forms.len());
        let finite = |k: usize| tags[k].upos == self.aux || [self.vbd, self.vbz, self.vbp, self.md].contains(&tags[k].xpos);
        if (i + 1..clause_end).any(finite) || clause_end == i + 1 {
            return;
        }
        let plural = tags[i - 1].xpos == self.nnps || tags[i - 1].xpos == self.nns;
        let xpos = if w.ends_with("ed") {
            self.vbd
        } else if w.ends_with('s') && !plural {
            self.vbz
        } else if !w.ends_with('s') && plural {
            self.vbp
        } else {
            return;
        };
        tags[i].upos = self.verb;
        tags[i].xpos = xpos;
    }
}

/// Per-thread buffers.
#[derive(Default)]
pub struct Worker {
    analysis: Analysis,
    view: View,
    quotes: Vec<Quote>,
    mentions: Vec<Mention>,
}

impl Worker {
    /// Fresh buffers.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Extractor {
    /// An extractor over a parser (or none: segmentation and heuristics
    /// only) and a lexicon.
    pub fn new(analyzer: Option<Analyzer>, lexicon: Lexicon) -> Self {
        Self::with_event_options(analyzer, lexicon, events::Options::default())
    }

    /// As [`Extractor::new`], with the event coder's options
    /// ([`events::Options::petrarch`] for PETRARCH's conventions).
    pub fn with_event_options(analyzer: Option<Analyzer>, lexicon: Lexicon, options: events::Options) -> Self {
        let (pos_of, dep_of) = match &analyzer {
            Some(a) => (
                a.tagger.upos_names().iter().map(|n| Pos::from_upos(n)).collect(),
                a.parser.deprels().iter().map(|n| Dep::from_deprel(n)).collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        // Events: herald's CAMEO/PLOVER coder, when there is a parse to code.
        let coder = analyzer.as_ref().map(|a| {
            let mut c = events::CameoCoder::new(&lexicon).with_analyzer(a);
            c.options = options;
            c
        });
        let surnames = coder.as_ref().map(|c| c.surnames()).unwrap_or_else(|| std::sync::Arc::new(actors::Surnames::new(&lexicon)));
        let events = coder.map(|c| Box::new(c) as Box<dyn EventCoder>);
        let names = analyzer.as_ref().and_then(NameTags::new);
        Self { analyzer, segmenter: Segmenter::new(), lexicon, rules: QuoteRules::new(), pos_of, dep_of, events, names, surnames }
    }

    /// The built-in models (when herald was built with them) and the
    /// default lexicon.
    pub fn with_defaults() -> Result<Self, ExtractError> {
        let analyzer = Analyzer::with_default_models().ok();
        let lexicon = Lexicon::default_lexicon().map_err(|e| ExtractError::Load { what: "lexicon", reason: e.to_string() })?;
        Ok(Self::new(analyzer, lexicon))
    }

    /// Installs the event coder.
    pub fn with_event_coder(mut self, coder: Box<dyn EventCoder>) -> Self {
        self.events = Some(coder);
        self
    }

    /// True when a tagger and parser run.
    pub fn parses(&self) -> bool {
        self.analyzer.is_some()
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Extracts actors, quotes and events from one document.
    pub fn extract(&self, doc: &Document, w: &mut Worker) -> Result<Extraction, ExtractError> {
        match &self.analyzer {
            Some(a) => match &self.names {
                Some(n) => n.analyze(a, &self.lexicon, &doc.text, &mut w.analysis),
                None => a.analyze(&doc.text, &mut w.analysis),
            },
            None => {
                self.segmenter.segment_into(&doc.text, &mut w.analysis.seg);
                w.analysis.words.clear();
            }
        }
        w.view.fill(&w.analysis, &self.pos_of, &self.dep_of, self.analyzer.is_some());
        let text = doc.text.as_str();
        let date = doc.published.as_deref().and_then(|p| Date::parse_iso(p.get(..10).unwrap_or(p)).ok());
        w.quotes.clear();
        self.rules.find(&w.view, text, &mut w.quotes);
        w.mentions.clear();
        let quoted: Vec<Span> = w.quotes.iter().filter(|q| q.kind != quotes::QuoteKind::Indirect).map(|q| q.span).collect();
        actors::find_mentions(&w.view, &self.lexicon, &self.surnames, date, text, &quoted, &mut w.mentions);
        let mut coref = Coref::new(&self.lexicon, date);
        coref.speakers.extend(w.quotes.iter().filter_map(|q| q.speaker_toks));
        coref.resolve(&w.view, text, &mut w.mentions);
        // speakers
        let speaker_actor: Vec<Option<usize>> = w.quotes.iter().map(|q| q.speaker_toks.and_then(|sp| speaker_actor(&w.view, &w.mentions, &mut coref, sp))).collect();
        let chars = CharMap::new(text);
        let events = match &self.events {
            Some(c) => {
                let cx = EventContext { doc, analysis: &w.analysis, lexicon: &self.lexicon, date, mentions: &w.mentions, actors: &coref.actors, quotes: &w.quotes, speakers: &speaker_actor, chars: &chars };
                c.code(&cx).map_err(|reason| ExtractError::Rule { rule: "events", reason })?
            }
            None => Vec::new(),
        };
        Ok(render(doc, &chars, &w.mentions, &coref.actors, &w.quotes, &speaker_actor, events))
    }
}

/// The actor a speaker noun phrase names: a pair `A and B` inside it, else
/// the mention that ends last (the head of the phrase), else none.
fn speaker_actor(v: &View, ms: &[Mention], coref: &mut Coref<'_>, (a, b): (usize, usize)) -> Option<usize> {
    let inside: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].actor.is_some() && ms[i].toks.0 >= a && ms[i].toks.1 <= b).collect();
    for w in inside.windows(2) {
        let (p, q) = (&ms[w[0]], &ms[w[1]]);
        if p.kind == MentionKind::Name && q.kind == MentionKind::Name && p.toks.1 + 1 == q.toks.0 && v.lower(p.toks.1) == "and" {
            let (x, y) = (p.actor?, q.actor?);
            if x != y {
                return Some(coref.pair(x, y));
            }
        }
    }
    if let Some(&i) = inside.iter().max_by_key(|&&i| (ms[i].toks.1, ms[i].toks.1 - ms[i].toks.0)) {
        return ms[i].actor;
    }
    // a mention that overlaps the phrase (a title absorbed into the speaker)
    ms.iter().filter(|m| m.toks.0 < b && a < m.toks.1).max_by_key(|m| m.toks.1).and_then(|m| m.actor)
}

fn text_span(text: &str, chars: &CharMap, s: Span) -> TextSpan {
    TextSpan { span: chars.span(s), text: s.slice(text).to_string() }
}

fn render(
    doc: &Document,
    chars: &CharMap,
    ms: &[Mention],
    actors: &[coref::Actor],
    quotes: &[Quote],
    speaker_actor: &[Option<usize>],
    events: Vec<events::Event>,
) -> Extraction {
    let text = doc.text.as_str();
    // only actors that are mentioned (pairs made for speakers are)
    let mut used: Vec<bool> = actors.iter().map(|a| !a.mentions.is_empty()).collect();
    for a in speaker_actor.iter().flatten() {
        used[*a] = true;
    }
    let mut ids = vec![None; actors.len()];
    let mut out_actors = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        if !used[i] {
            continue;
        }
        let id = format!("A{}", out_actors.len() + 1);
        ids[i] = Some(id.clone());
        let mut mentions: Vec<TextSpan> = a.mentions.iter().map(|&m| text_span(text, chars, ms[m].span)).collect();
        for (q, sa) in quotes.iter().zip(speaker_actor) {
            if *sa == Some(i) && a.mentions.is_empty() {
                if let Some(sp) = q.speaker {
                    mentions.push(text_span(text, chars, sp));
                }
            }
        }
        mentions.dedup();
        out_actors.push(ActorOut { id, name: a.name.clone(), ty: a.ty, codes: a.codes.clone(), role: a.role.clone(), mentions });
    }
    let out_quotes = quotes
        .iter()
        .zip(speaker_actor)
        .enumerate()
        .map(|(k, (q, sa))| QuoteOut {
            id: format!("Q{}", k + 1),
            kind: q.kind,
            span: chars.span(q.span),
            text: q.span.slice(text).to_string(),
            content: (q.content != q.span).then(|| text_span(text, chars, q.content)),
            cue: q.cue.map(|c| text_span(text, chars, c)),
            speaker: q.speaker.map(|sp| SpeakerOut {
                span: chars.span(sp),
                text: sp.slice(text).to_string(),
                actor: sa.and_then(|a| ids[a].clone()),
                name: sa.map(|a| actors[a].name.clone()),
                codes: sa.map(|a| actors[a].codes.clone()).unwrap_or_default(),
            }),
            rule: q.rule.into(),
        })
        .collect();
    Extraction {
        id: doc.id.clone(),
        title: doc.title.clone(),
        url: doc.url.clone(),
        published: doc.published.clone(),
        text: doc.text.clone(),
        actors: out_actors,
        quotes: out_quotes,
        events,
        duplicate_of: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_syntax::tagger::TagResult;

    /// Runs the hint over `rows` of `form UPOS XPOS`; `None` without models.
    fn hinted(rows: &[(&str, &str, &str)]) -> Option<Vec<(String, String)>> {
        static MODELS: std::sync::OnceLock<Option<(Analyzer, Lexicon)>> = std::sync::OnceLock::new();
        let models = MODELS.get_or_init(|| match Analyzer::with_default_models() {
            Ok(a) => Some((a, Lexicon::default_lexicon().expect("default lexicon"))),
            Err(e) => {
                eprintln!("skipped: {e}");
                None
            }
        });
        let (an, lex) = models.as_ref()?;
        let n = NameTags::new(an).expect("tag ids");
        let t = &an.tagger;
        let forms: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let mut tags: Vec<TagResult> = rows.iter().map(|r| TagResult { upos: t.upos_id(r.1).unwrap(), xpos: t.xpos_id(r.2).unwrap() }).collect();
        n.apply(lex, &forms, &mut tags);
        let (upos, xpos) = (t.upos_names(), t.xpos_names());
        Some(tags.iter().map(|g| (upos[g.upos as usize].to_string(), xpos[g.xpos as usize].to_string())).collect())
    }

    #[test]
    fn a_verb_misread_after_an_initial_actor_is_a_verb() {
        let Some(t) = hinted(&[("Britain", "PROPN", "NNP"), ("mobilized", "ADJ", "JJ"), ("army", "NOUN", "NN"), ("reservists", "NOUN", "NNS"), (".", "PUNCT", ".")]) else { return };
        assert_eq!(t[1], ("VERB".into(), "VBD".into()));
        let Some(t) = hinted(&[("The", "DET", "DT"), ("Palestinians", "PROPN", "NNPS"), ("reject", "NOUN", "NN"), ("the", "DET", "DT"), ("plan", "NOUN", "NN"), (".", "PUNCT", ".")]) else { return };
        assert_eq!(t[2], ("VERB".into(), "VBP".into()));
        // a clause that ends before another's verb ("..., while inspectors said")
        let Some(t) = hinted(&[("Britain", "PROPN", "NNP"), ("mobilized", "ADJ", "JJ"), ("reservists", "NOUN", "NNS"), ("while", "SCONJ", "IN"), ("inspectors", "NOUN", "NNS"), ("said", "VERB", "VBD")]) else { return };
        assert_eq!(t[1].0, "VERB");
    }

    #[test]
    fn a_noun_stays_a_noun_when_the_clause_has_its_verb_or_the_form_disagrees() {
        // "US aid workers were killed": a bare form after a singular actor, and the clause has its verb
        let Some(t) = hinted(&[("US", "PROPN", "NNP"), ("aid", "NOUN", "NN"), ("workers", "NOUN", "NNS"), ("were", "AUX", "VBD"), ("killed", "VERB", "VBN"), (".", "PUNCT", ".")]) else { return };
        assert_eq!(t[1].0, "NOUN");
        // "Israel attack plan": a bare form after a singular actor
        let Some(t) = hinted(&[("Israel", "PROPN", "NNP"), ("attack", "NOUN", "NN"), ("plan", "NOUN", "NN"), (".", "PUNCT", ".")]) else { return };
        assert_eq!(t[1].0, "NOUN");
        // "Russian forces in Syria attacked": the clause's verb comes later
        let Some(t) = hinted(&[("Russian", "ADJ", "JJ"), ("forces", "NOUN", "NNS"), ("in", "ADP", "IN"), ("Syria", "PROPN", "NNP"), ("attacked", "VERB", "VBD"), ("Aleppo", "PROPN", "NNP")]) else { return };
        assert_eq!(t[1].0, "NOUN");
        // not after the sentence's start
        let Some(t) = hinted(&[("Yesterday", "NOUN", "NN"), ("Britain", "PROPN", "NNP"), ("mobilized", "ADJ", "JJ"), ("army", "NOUN", "NN"), ("reservists", "NOUN", "NNS")]) else { return };
        assert_eq!(t[2].0, "ADJ");
    }
}
