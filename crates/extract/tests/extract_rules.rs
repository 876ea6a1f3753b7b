//! Every rule's example sentences (herald_extract::rules::RULES) give what
//! the rule says; a document that breaks the rules is an error, never a panic.

mod extract_common;

use extract_common::extractor;
use herald_extract::rules::{summary, RULES};
use herald_extract::Worker;
use herald_text::Document;

#[test]
fn every_rule_example() {
    let mut w = Worker::new();
    let mut failures = Vec::new();
    let mut n = 0;
    for r in RULES {
        for (text, want) in r.examples {
            n += 1;
            let x = extractor().extract(&Document::new(r.id, *text), &mut w).expect("extract");
            let got = summary(&x);
            if got != *want {
                failures.push(format!("[{}] {text}\n  want: {want}\n  got:  {got}", r.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {n} examples fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn shifting_the_text_shifts_the_quotes() {
    // nlprule's check: a prefix paragraph must not change what a rule finds
    let mut w = Worker::new();
    for r in RULES {
        for (text, _) in r.examples {
            let a = extractor().extract(&Document::new("a", *text), &mut w).unwrap();
            let shifted = format!("Unrelated opening line.\n{text}");
            let b = extractor().extract(&Document::new("b", shifted.clone()), &mut w).unwrap();
            assert_eq!(summary(&a), summary(&b), "{text}");
        }
    }
}

#[test]
fn odd_documents_do_not_panic() {
    let mut w = Worker::new();
    for text in [
        "",
        "\"",
        "“",
        "”",
        "“““”””",
        "\" \" \" said",
        "said said said according to",
        "“Unclosed quote runs to the end of the paragraph, said Smith.\n“And another” — he said: “",
        "According to",
        ", , , ” said .",
        "He said: “\n\n”",
        "‘Single’ ‘quotes’ ’ said Jones ‘",
        "“Nested “double” quotes” he said “",
        "President. He. They. Both nations.",
    ] {
        let x = extractor().extract(&Document::new("odd", text), &mut w).expect("extract");
        let chars = text.chars().count();
        for q in &x.quotes {
            assert!(q.span[0] <= q.span[1] && q.span[1] <= chars, "{text:?}: {:?}", q.span);
        }
    }
}
