//! Fuzzes the dictionary readers (PETRARCH actors, agents, verbs, discards,
//! issues, CAMEO code file, PLOVER table, herald's `.hld`): any bytes under
//! any format load into a lexicon with findings, never a panic.
#![no_main]

use herald_lexicon::{Lexicon, SourceFormat};
use libfuzzer_sys::fuzz_target;

const FORMATS: [SourceFormat; 9] = [
    SourceFormat::Actors,
    SourceFormat::Agents,
    SourceFormat::Verbs,
    SourceFormat::Discards,
    SourceFormat::Issues,
    SourceFormat::Prepositions,
    SourceFormat::CodeFile,
    SourceFormat::Plover,
    SourceFormat::Herald,
];

fuzz_target!(|data: &[u8]| {
    let Some((&k, body)) = data.split_first() else { return };
    let format = FORMATS[k as usize % FORMATS.len()];
    let report = Lexicon::from_sources(&[("fuzz".to_string(), format, body.to_vec())]);
    let _ = report.errors();
});
