//! The seed article: all twelve gold quotes with their spans and speakers,
//! no other direct or mixed quote, the three indirect quotes; and a snapshot
//! of the whole output (`HERALD_UPDATE_SNAPSHOTS=1` rewrites it).

mod extract_common;

use extract_common::{extractor, seed_gold, seed_text};
use herald_extract::{Extraction, Worker};
use herald_text::Document;

/// The seed as a Saturday report (2025-07-26), so that its relative dates
/// and the codes in force do not depend on the day the tests run.
fn run() -> Extraction {
    let mut doc = Document::new("ceasefire-talks.txt", seed_text());
    doc.published = Some("2025-07-26".into());
    extractor().extract(&doc, &mut Worker::new()).expect("extract")
}

fn overlap(a: [usize; 2], b: [usize; 2]) -> usize {
    a[1].min(b[1]).saturating_sub(a[0].max(b[0]))
}

#[test]
fn twelve_quotes_with_their_speakers() {
    let x = run();
    let gold = seed_gold();
    let quoted: Vec<_> = x.quotes.iter().filter(|q| !matches!(q.kind, herald_extract::quotes::QuoteKind::Indirect)).collect();
    let golds = gold["quotes"].as_array().unwrap();
    let mut problems = Vec::new();
    for g in golds {
        let span = [g["span"][0].as_u64().unwrap() as usize, g["span"][1].as_u64().unwrap() as usize];
        let Some(q) = quoted.iter().find(|q| overlap(q.span, span) > 0) else {
            problems.push(format!("missed {span:?}"));
            continue;
        };
        if q.span != span {
            problems.push(format!("span {:?} for gold {span:?}", q.span));
        }
        let kind = serde_json::to_value(q.kind).unwrap();
        if kind != g["kind"] {
            problems.push(format!("{span:?}: kind {kind} for gold {}", g["kind"]));
        }
        let name = q.speaker.as_ref().and_then(|s| s.name.clone()).unwrap_or_default();
        if name.to_lowercase() != g["speaker"].as_str().unwrap().to_lowercase() {
            problems.push(format!("{span:?}: speaker {name:?} for gold {}", g["speaker"]));
        }
        let cue = q.cue.as_ref().map(|c| c.text.to_lowercase());
        if cue.as_deref() != g["cue"].as_str() {
            problems.push(format!("{span:?}: cue {cue:?} for gold {}", g["cue"]));
        }
        if let Some(m) = g["speaker_mention"].as_str() {
            let got = q.speaker.as_ref().map(|s| s.text.as_str()).unwrap_or("");
            if got != m {
                problems.push(format!("{span:?}: speaker mention {got:?} for gold {m:?}"));
            }
        }
    }
    for q in &quoted {
        if !golds.iter().any(|g| overlap(q.span, [g["span"][0].as_u64().unwrap() as usize, g["span"][1].as_u64().unwrap() as usize]) > 0) {
            problems.push(format!("extra quote {:?} {:?}", q.span, q.text));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(quoted.len(), 12);
}

#[test]
fn three_indirect_quotes() {
    let x = run();
    let gold = seed_gold();
    for g in gold["indirect_quotes"].as_array().unwrap() {
        let text = g["text"].as_str().unwrap();
        let q = x.quotes.iter().find(|q| q.text == text).unwrap_or_else(|| panic!("indirect quote {text:?} not found"));
        let sp = q.speaker.as_ref().expect("speaker");
        assert_eq!(sp.name.as_deref(), Some(g["speaker"].as_str().unwrap()), "{text}");
        let codes: Vec<&str> = g["speaker_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert!(sp.codes.iter().any(|c| codes.contains(&c.as_str())), "{text}: codes {:?} not in {codes:?}", sp.codes);
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), g["cue"].as_str(), "{text}");
        if let Some(m) = g["speaker_mention"].as_str() {
            assert_eq!(sp.text, m, "{text}");
        }
    }
}

#[test]
fn actors_have_gold_codes() {
    let x = run();
    let gold = seed_gold();
    for g in gold["actors"].as_array().unwrap() {
        let name = g["name"].as_str().unwrap();
        let a = x.actors.iter().find(|a| a.name.eq_ignore_ascii_case(name)).unwrap_or_else(|| panic!("actor {name} not found"));
        let codes: Vec<&str> = g["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert!(a.codes.first().is_some_and(|c| codes.contains(&c.as_str())), "{name}: codes {:?} not in {codes:?}", a.codes);
    }
}

#[test]
fn spans_slice_the_text_in_characters() {
    let x = run();
    let chars: Vec<char> = x.text.chars().collect();
    let slice = |s: [usize; 2]| chars[s[0]..s[1]].iter().collect::<String>();
    for q in &x.quotes {
        assert_eq!(slice(q.span), q.text);
        if let Some(c) = &q.cue {
            assert_eq!(slice(c.span), c.text);
        }
        if let Some(s) = &q.speaker {
            assert_eq!(slice(s.span), s.text);
        }
    }
    for a in &x.actors {
        for m in &a.mentions {
            assert_eq!(slice(m.span), m.text);
        }
    }
}

#[test]
fn snapshot_of_the_whole_article() {
    let x = run();
    let mode = if extractor().parses() { "parsed" } else { "tokens" };
    let path = format!("{}/tests/snapshots/ceasefire-talks.{mode}.json", env!("CARGO_MANIFEST_DIR"));
    let got = serde_json::to_string_pretty(&x).unwrap() + "\n";
    if std::env::var_os("HERALD_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} missing: run with HERALD_UPDATE_SNAPSHOTS=1"));
    if got != want {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(20)
            .map(|(i, (a, b))| format!("line {}:\n- {a}\n+ {b}", i + 1))
            .collect();
        panic!("{path} differs (HERALD_UPDATE_SNAPSHOTS=1 to accept):\n{}", diff.join("\n"));
    }
}
