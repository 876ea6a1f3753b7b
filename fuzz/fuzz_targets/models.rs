//! Fuzzes the binary model loaders (tagger, parser, compiled lexicon): any
//! bytes give a model or a typed error (bad magic, version, checksum,
//! sizes), never a panic or an allocation the file does not justify.
#![no_main]

use herald_lexicon::Lexicon;
use herald_syntax::{parser::Parser, tagger::Tagger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Tagger::from_bytes(data);
    let _ = Parser::from_bytes(data);
    let _ = Lexicon::from_bytes(data);
});
