//! One module a subcommand.
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod parse;
pub mod query;
pub mod serve;
pub mod talks;
pub mod train;
pub mod validate;
