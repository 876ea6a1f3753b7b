//! herald's text engine: the [`Document`] that flows through every stage,
//! spans tied to the original text, normalisation seen through an alignment,
//! and segmentation into paragraphs, sentences and tokens.
//!
//! Internally every span is a byte range into the *original* `text`; nothing
//! downstream ever rewrites it. Output converts spans to Unicode character
//! offsets with [`CharMap`].
//!
//! * [`normalize`](mod@normalize): typographic normalisation (quotes, dashes, spaces,
//!   entities, ligatures) with an alignment back to the original, and
//!   detection of link-stripping debris.
//! * [`segment`]: a [`Segmenter`] (immutable, `Sync`, built once) turns a
//!   text into [`Segmented`] paragraphs, sentences and UD-EWT-style tokens,
//!   reusing buffers with [`Segmenter::segment_into`].
//! * [`Segmented::validate`] checks every invariant of a segmentation.
//!
//! ```
//! use herald_text::{CharMap, Segmenter};
//! let text = "GAZA CITY (AP) — Hamas’s envoy left. “We are done,” he said.";
//! let seg = Segmenter::new().segment(text);
//! let map = CharMap::new(text);
//! let sentences: Vec<[usize; 2]> = seg.sentences.iter().map(|s| map.span(s.span)).collect();
//! assert_eq!(sentences, [[0, 36], [37, 60]]);
//! let first = &seg.tokens[seg.sentences[0].tokens.start + 7];
//! assert_eq!((first.span.slice(text), seg.form(first)), ("’s", "'s"));
//! ```
//!
//! The abbreviation, sentence-starter and contraction tables are derived
//! from UD English-EWT (CC BY-SA 4.0); see `NOTICE`.
#![deny(missing_docs)]

mod document;
pub mod eval;
pub mod normalize;
pub mod segment;
mod tables;
mod validate;

pub use document::{CharMap, Document, Span};
pub use normalize::{normalize, Normalized};
pub use segment::{Paragraph, Segmented, Segmenter, Sentence, Token, TokenKind};
pub use validate::InvariantError;
