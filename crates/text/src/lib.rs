//! herald's text engine: the [`Document`] that flows through every stage,
//! spans tied to the original text, normalisation seen through an alignment,
//! and segmentation into paragraphs, sentences and tokens.
//!
//! Internally every span is a byte range into the *original* `text`; nothing
//! downstream ever rewrites it. Output converts spans to Unicode character
//! offsets with [`CharMap`].
#![deny(missing_docs)]

mod document;
pub mod normalize;
pub mod segment;
mod tables;
mod validate;

pub use document::{CharMap, Document, Span};
pub use normalize::{normalize, Normalized};
pub use segment::{Paragraph, Segmented, Segmenter, Sentence, Token, TokenKind};
pub use validate::InvariantError;
