//! herald's extraction layer: actors, coreference, quotes and events, computed
//! over a document's [`herald_syntax::pipeline::Analysis`] and the lexicon.
#![warn(missing_docs)]
