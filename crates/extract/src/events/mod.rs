//! Event coding: who did what to whom, in CAMEO and PLOVER, with its evidence.
//!
//! [`CameoCoder`] is compiled once from a [`Lexicon`] (verb lemma -> patterns,
//! synonym sets expanded, discards) and shared by threads; each thread owns
//! an [`EventScratch`]. The coder reads herald's own dependency parse: for
//! every verb it collects the verb's clause (subject, objects, obliques,
//! `xcomp`, prepositions; not embedded clauses), matches the PETRARCH2 verb
//! patterns of the verb's block over the words before and after the verb,
//! and takes source and target from the subject and the object / oblique
//! (or the pattern's `$` / `+`), with passives, conjunctions, relative
//! clauses, coordinated verbs, control, reported speech and a few nominal
//! and light-verb constructions handled by herald rules (ids `herald:...`).
//!
//! ```no_run
//! # use herald_extract::events::{CameoCoder, EventScratch, DocMeta};
//! # fn f(an: &herald_syntax::pipeline::Analyzer, a: &herald_syntax::pipeline::Analysis, lex: &herald_lexicon::Lexicon, text: &str) {
//! let coder = CameoCoder::new(lex);                 // once
//! let mut scratch = EventScratch::new(an);          // once a thread
//! let events = coder.code(lex, text, an, a, &DocMeta::default(), &mut scratch);
//! println!("{}", serde_json::to_string(&events).unwrap());
//! # }
//! ```

mod actors;
mod coder;
mod compile;
pub mod csv;
pub mod gold;
pub mod goldstein;
pub mod toks;

use herald_lexicon::Lexicon;
use herald_syntax::pipeline::{Analysis, Analyzer};
use serde::{Deserialize, Serialize};

pub use coder::{CameoCoder, Options};
pub use toks::{TagMaps, Toks};

thread_local! {
    static SCRATCH: std::cell::RefCell<EventScratch> = std::cell::RefCell::new(EventScratch::default());
}

/// The coder as the [`crate::Extractor`] runs it: over the extractor's
/// analysis, with a per-thread scratch.
impl crate::EventCoder for CameoCoder {
    fn code(&self, cx: &crate::EventContext<'_>) -> Result<Vec<Event>, String> {
        let Some(maps) = self.tag_maps() else { return Ok(Vec::new()) };
        if cx.analysis.words.len() != cx.analysis.seg.tokens.len() {
            return Ok(Vec::new());
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            s.toks.fill_analysis(cx.analysis, maps);
            fill_pronouns(cx, &mut s.pronouns);
            fill_quotes(cx, &mut s.quotes);
            let meta = DocMeta { published: cx.doc.published.clone() };
            Ok(self.code_toks(cx.lexicon, &cx.doc.text, &meta, &mut s))
        })
    }
}

/// The document coreference's reading of each `he` / `she`: the person
/// it stands for (the coder's own memory knows only the latest person named,
/// which is wrong after a quote or a title-only mention).
fn fill_pronouns(cx: &crate::EventContext<'_>, out: &mut Vec<coder::PronounHint>) {
    out.clear();
    for m in cx.mentions.iter().filter(|m| m.kind == crate::actors::MentionKind::Pronoun) {
        let Some(a) = m.actor.and_then(|a| cx.actors.get(a)) else { continue };
        if a.ty != crate::actors::ActorType::Person || !a.members.is_empty() {
            continue;
        }
        let Some(h) = hint_of(cx, a) else { continue };
        out.push(coder::PronounHint { at: m.span.start, ..h });
    }
}

/// The coder's view of an actor of the document coreference.
fn hint_of(cx: &crate::EventContext<'_>, a: &crate::coref::Actor) -> Option<coder::PronounHint> {
    let entry = a.mentions.iter().find_map(|&i| cx.mentions.get(i).and_then(|x| x.entry));
    let code = a.codes.first()?;
    Some(coder::PronounHint { at: 0, entry, name: a.name.clone(), code: code.clone() })
}

/// The quotes the quote pass attributed to an actor (a group: its members),
/// for the claimants of events inside them.
fn fill_quotes(cx: &crate::EventContext<'_>, out: &mut Vec<coder::QuoteHint>) {
    out.clear();
    for (q, sa) in cx.quotes.iter().zip(cx.speakers) {
        let (Some(a), Some(speaker)) = (sa.and_then(|a| cx.actors.get(a)), q.speaker) else { continue };
        let members: Vec<&crate::coref::Actor> = if a.members.is_empty() { vec![a] } else { a.members.iter().filter_map(|&m| cx.actors.get(m)).collect() };
        let who = members.iter().filter_map(|m| Some((hint_of(cx, m)?, m.ty == crate::actors::ActorType::Person))).collect();
        out.push(coder::QuoteHint { content: (q.content.start, q.content.end), speaker, who });
    }
}

/// What the coder needs to know of the document besides its text.
#[derive(Clone, Debug, Default)]
pub struct DocMeta {
    /// Publication date (ISO 8601 or PETRARCH `YYYYMMDD`), when known.
    pub published: Option<String>,
}

/// Per-thread buffers of the coder.
#[derive(Default)]
pub struct EventScratch {
    /// The token view (public so callers may fill it from CoNLL-U).
    pub toks: Toks,
    maps: Option<toks::TagMaps>,
    mentions: Vec<actors::Mention>,
    line: String,
    /// Pronouns resolved by the document coreference, by byte offset.
    pronouns: Vec<coder::PronounHint>,
    /// Attributed quotes, from the quote pass.
    quotes: Vec<coder::QuoteHint>,
}

impl EventScratch {
    /// Scratch for documents analysed by `an` (maps the models' tag ids once).
    pub fn new(an: &Analyzer) -> Self {
        EventScratch { maps: Some(toks::TagMaps::new(an)), ..Default::default() }
    }
    /// Scratch for [`CameoCoder::code_toks`] only (no model).
    pub fn without_models() -> Self {
        Self::default()
    }
}

/// An actor taking part in an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// Actor id: the dictionary entry's name (entity ids once the actor layer provides them).
    pub actor: Option<String>,
    /// Readable name.
    pub name: String,
    /// CAMEO actor code in force on the document date.
    pub code: String,
    /// Mention `[start, end)` in characters.
    pub span: [usize; 2],
    /// Mention text.
    pub text: String,
}

/// PLOVER reading of the event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    /// Event type (`ACCUSE`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Mode, if any.
    pub mode: Option<String>,
}

/// Who reports an event that they are not the source of.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claimant {
    /// Actor id.
    pub actor: Option<String>,
    /// Name.
    pub name: String,
    /// Code.
    pub code: String,
}

/// A span of text with its characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// `[start, end)` in characters.
    pub span: [usize; 2],
    /// The text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// When the event happened, as the text says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// The expression (`on Thursday`).
    pub text: String,
    /// Its span in characters.
    pub span: [usize; 2],
    /// ISO date or interval; `null` without a publication date.
    pub resolved: Option<String>,
    /// Relation to publication.
    pub relation: String,
}

/// Where the event happened, when the text says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Name.
    pub name: String,
    /// Actor code of the place, if any.
    pub code: Option<String>,
    /// Span in characters.
    pub span: [usize; 2],
}

/// How the text presents the event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as fact.
    Asserted,
    /// Said by someone other than the source.
    Claimed,
    /// Announced or expected for the future.
    Expected,
    /// Conditional or possible.
    Hypothetical,
    /// Called for or demanded.
    Demanded,
}

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `ev1`, `ev2`... in document order.
    pub id: String,
    /// Who acts.
    pub source: Participant,
    /// Who is acted upon, if anyone.
    pub target: Option<Participant>,
    /// CAMEO event code.
    pub cameo: String,
    /// Its two-digit root.
    pub cameo_root: String,
    /// GDELT quad class.
    pub quad_class: Option<u8>,
    /// Goldstein weight.
    pub goldstein: Option<f32>,
    /// PLOVER type and mode.
    pub plover: Option<Plover>,
    /// PLOVER contexts and issue codes.
    pub context: Vec<String>,
    /// Negated (only output with [`Options::keep_negated`]).
    pub negated: bool,
    /// Modality.
    pub modality: Modality,
    /// Who reports it, when not the source.
    pub claimed_by: Option<Claimant>,
    /// Date expression of the event's clause.
    pub date: Option<EventDate>,
    /// Place.
    pub place: Option<Place>,
    /// The sentence.
    pub sentence: TextSpan,
    /// The verb (or noun) that triggered the event.
    pub trigger: TextSpan,
    /// The rule that fired: `file:line` of the verb pattern, or `herald:<rule>`.
    pub rule: String,
}

impl CameoCoder {
    /// Codes a document analysed by herald.
    pub fn code(&self, lex: &Lexicon, text: &str, an: &Analyzer, a: &Analysis, meta: &DocMeta, scratch: &mut EventScratch) -> Vec<Event> {
        let maps = scratch.maps.get_or_insert_with(|| toks::TagMaps::new(an));
        scratch.toks.fill_analysis(a, maps);
        self.code_toks(lex, text, meta, scratch)
    }
}

