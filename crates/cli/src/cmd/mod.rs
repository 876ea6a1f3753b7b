//! One module a subcommand.
pub mod eval;
pub mod extract;
pub mod lexicon;
pub mod parse;
pub mod train;
pub mod validate;
