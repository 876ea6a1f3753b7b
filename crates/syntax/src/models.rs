//! The models shipped in the repository's `models/` folder, built into the
//! binary at compile time (when present), decoded and checked on first use.

use crate::{parser, tagger};

/// Error when no built-in model was compiled in.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DefaultModelError {
    /// The model file was absent when herald was built.
    #[error("no built-in {0} model: herald was built without models/{0}.bin; pass a model file or rebuild")]
    Missing(&'static str),
    /// The built-in tagger failed its checks.
    #[error(transparent)]
    Tagger(#[from] tagger::ModelError),
    /// The built-in parser failed its checks.
    #[error(transparent)]
    Parser(#[from] parser::ModelError),
}

/// The shipped tagger's bytes, when compiled in.
pub fn tagger_bytes() -> Option<&'static [u8]> {
    #[cfg(herald_tagger_model)]
    {
        Some(include_bytes!(env!("HERALD_HERALD_TAGGER_MODEL")))
    }
    #[cfg(not(herald_tagger_model))]
    {
        None
    }
}

/// The shipped parser's bytes, when compiled in.
pub fn parser_bytes() -> Option<&'static [u8]> {
    #[cfg(herald_parser_model)]
    {
        Some(include_bytes!(env!("HERALD_HERALD_PARSER_MODEL")))
    }
    #[cfg(not(herald_parser_model))]
    {
        None
    }
}

/// Decodes the shipped tagger.
pub fn default_tagger() -> Result<tagger::Tagger, DefaultModelError> {
    Ok(tagger::Tagger::from_bytes(tagger_bytes().ok_or(DefaultModelError::Missing("tagger"))?)?)
}

/// Decodes the shipped parser.
pub fn default_parser() -> Result<parser::Parser, DefaultModelError> {
    Ok(parser::Parser::from_bytes(parser_bytes().ok_or(DefaultModelError::Missing("parser"))?)?)
}
