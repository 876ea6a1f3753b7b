//! Sentence-boundary and token evaluation of the segmenter on a UD CoNLL-U
//! file (UD English-EWT test by default); the same as `herald eval sentences`.
//!
//! ```text
//! cargo run --release -p herald-text --example eval_sentences -- \
//!     /work/shared/treebank/UD_English-EWT/en_ewt-ud-test.conllu [--errors N]
//! ```

use std::process::ExitCode;

use herald_text::{eval, Segmenter};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned().unwrap_or_else(|| "/work/shared/treebank/UD_English-EWT/en_ewt-ud-test.conllu".into());
    let show_errors: usize = args.iter().position(|a| a == "--errors").and_then(|i| args.get(i + 1)).and_then(|n| n.parse().ok()).unwrap_or(0);
    let conllu = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = eval::evaluate_conllu(&conllu, &Segmenter::new());
    println!("{report}");
    if show_errors > 0 {
        println!("{}", report.errors(show_errors));
    }
    ExitCode::SUCCESS
}
