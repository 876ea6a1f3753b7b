//! One module a subcommand.
pub mod eval;
pub mod lexicon;
pub mod parse;
pub mod train;
