//! herald's syntax layer: CoNLL-U reading and writing, an averaged-perceptron
//! part-of-speech tagger (UPOS + Penn XPOS), a lemmatiser and a greedy
//! transition-based dependency parser producing UD relations.
//!
//! Models are immutable and `Sync`; they are compiled to herald's versioned
//! binary container ([`herald_binfmt`]) and checked on load.
#![warn(missing_docs)]

pub mod conllu;
pub mod eval;
mod huge;
pub mod lemma;
pub mod parser;
pub mod tagger;
pub mod wordlists;
pub mod models;
pub mod pipeline;
