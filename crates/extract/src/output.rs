//! The JSON herald writes, one object a document. Every span is `[start, end)`
//! in Unicode characters of `text` (Python's `text[start:end]`); a quote's
//! span excludes its quote marks.
//!
//! ```json
//! {"id": "...", "title": null, "url": null, "published": null, "text": "...",
//!  "actors": [{"id": "A1", "name": "Steve Witkoff", "type": "person",
//!              "codes": ["USAGOV"], "role": "U.S. Special Envoy to the Middle East",
//!              "mentions": [{"span": [10, 23], "text": "Steve Witkoff"}]}],
//!  "quotes": [{"id": "Q1", "kind": "direct", "span": [..], "text": "...",
//!              "content": {"span": [..], "text": "..."},
//!              "cue": {"span": [..], "text": "stated"},
//!              "speaker": {"span": [..], "text": "Witkoff", "actor": "A1",
//!                          "name": "Steve Witkoff", "codes": ["USAGOV"]},
//!              "rule": "quote-then-cue"}],
//!  "events": []}
//! ```

use crate::actors::ActorType;
use crate::quotes::QuoteKind;
use serde::{Deserialize, Serialize};

/// A piece of the text: its span in characters and the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// `[start, end)` in Unicode characters.
    pub span: [usize; 2],
    /// The text covered.
    pub text: String,
}

/// One actor of the document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorOut {
    /// `A1`, `A2`...
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub ty: ActorType,
    /// Codes in force on the article's date, most specific first.
    pub codes: Vec<String>,
    /// Role or title.
    pub role: Option<String>,
    /// Where it is mentioned.
    pub mentions: Vec<TextSpan>,
}

/// The speaker of a quote: the mention in the text and the actor it resolves to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpeakerOut {
    /// The speaker mention.
    pub span: [usize; 2],
    /// Its text.
    pub text: String,
    /// The actor id, when resolved.
    pub actor: Option<String>,
    /// The actor's canonical name.
    pub name: Option<String>,
    /// The actor's codes.
    pub codes: Vec<String>,
}

/// One quote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteOut {
    /// `Q1`, `Q2`...
    pub id: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: QuoteKind,
    /// The quoted words without their marks (indirect: the reported content).
    pub span: [usize; 2],
    /// Their text.
    pub text: String,
    /// The whole attributed content when it is larger than the quote (mixed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<TextSpan>,
    /// The cue (`said`, `according to`), null when the sentence has none.
    pub cue: Option<TextSpan>,
    /// The speaker, null when unknown.
    pub speaker: Option<SpeakerOut>,
    /// The rule that attributed the quote.
    pub rule: std::borrow::Cow<'static, str>,
}

/// Everything herald extracts from one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    /// The document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// The original text, which every span points into.
    pub text: String,
    /// Actors with their mentions.
    pub actors: Vec<ActorOut>,
    /// Quotes in text order.
    pub quotes: Vec<QuoteOut>,
    /// Events, filled by an [`crate::EventCoder`] when one is installed.
    pub events: Vec<crate::events::Event>,
    /// The earlier document of the same run this one repeats (same text, or a
    /// republished wire story with small edits); absent for originals. Set by
    /// the caller that sees documents in order (`herald extract`), never here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<DuplicateOf>,
}

/// Which earlier document a document repeats, and how closely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateOf {
    /// The id of the first document seen with this text.
    pub of: String,
    /// Estimated Jaccard similarity of their word shingles (1.0 for exact).
    pub similarity: f32,
    /// Exact (same normalised text) or near.
    pub kind: DuplicateKind,
}

/// Exact or near duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateKind {
    /// Same text once case, punctuation and spacing are normalised.
    Exact,
    /// Most word shingles shared (MinHash estimate above the threshold).
    Near,
}
