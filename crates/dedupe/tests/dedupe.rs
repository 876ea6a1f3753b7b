//! Exact, near and unrelated documents through the index.

use herald_dedupe::{Index, Kind, Options};
use proptest::prelude::*;

const STORY: &str = include_str!("../../../examples/ceasefire-talks.txt");

/// The story as a second outlet republishes it: a new headline and one
/// sentence reworded.
fn republished() -> String {
    let mut lines: Vec<String> = STORY.lines().map(str::to_string).collect();
    lines[0] = "Hamas rejects US criticism after Gaza truce talks break down".to_string();
    let i = lines.iter().position(|l| l.split_whitespace().count() > 15 && !l.contains('“')).expect("a sentence to edit");
    let words: Vec<&str> = lines[i].split_whitespace().collect();
    let half = words.len() / 2;
    lines[i] = format!("{} according to officials familiar with the matter, {}", words[..half].join(" "), words[half..].join(" ").replace("the", "a"));
    lines.join("\n")
}

#[test]
fn exact_duplicate_ignores_case_spacing_and_punctuation() {
    let mut ix = Index::default();
    assert!(ix.check("wire", STORY).is_none());
    let reformatted = STORY.replace('\n', "\n\n").replace(", ", " , ").to_lowercase();
    let d = ix.check("copy", &reformatted).expect("exact duplicate");
    assert_eq!(d.of, "wire");
    assert_eq!(d.kind, Kind::Exact);
    assert_eq!(d.similarity, 1.0);
}

#[test]
fn republished_wire_story_is_a_near_duplicate() {
    let mut ix = Index::default();
    assert!(ix.check("wire", STORY).is_none());
    let copy = republished();
    assert_ne!(copy, STORY);
    let d = ix.check("outlet", &copy).expect("near duplicate");
    assert_eq!(d.of, "wire");
    assert_eq!(d.kind, Kind::Near);
    assert!((0.8..0.95).contains(&d.similarity), "similarity {}", d.similarity);
}

#[test]
fn unrelated_story_is_no_duplicate_and_is_indexed() {
    let mut ix = Index::default();
    assert!(ix.check("wire", STORY).is_none());
    let other = "The football club confirmed on Tuesday that its new stadium will open in August, \
        two years later than planned, after the council approved a revised transport plan for \
        match days and the builders agreed to pay for the delays caused by the wet winter.";
    assert!(ix.check("sport", other).is_none());
    assert_eq!(ix.len(), 2);
    // A later copy of the second original points to it, not to the first.
    assert_eq!(ix.check("sport2", other).map(|d| d.of), Some("sport".to_string()));
}

#[test]
fn duplicates_point_to_originals_only() {
    let mut ix = Index::default();
    ix.check("wire", STORY);
    ix.check("outlet", &republished());
    let d = ix.check("again", &republished()).expect("duplicate");
    assert_eq!(d.of, "wire", "a copy of a copy names the original");
    assert_eq!(ix.len(), 1);
}

#[test]
fn signatures_are_deterministic() {
    let mut a = Index::default();
    let mut b = Index::new(Options::default());
    assert_eq!(a.signature(STORY), b.signature(STORY));
}

#[test]
fn short_documents_match_only_exactly() {
    let mut ix = Index::default();
    assert!(ix.check("a", "Talks collapse in Cairo.").is_none());
    assert!(ix.check("b", "Talks collapse in Doha.").is_none());
    assert_eq!(ix.check("c", "talks collapse in cairo").map(|d| d.kind), Some(Kind::Exact));
}

proptest! {
    #[test]
    fn identical_texts_always_match_exactly(text in "\\PC{0,300}", sep in "[ \\n\\t]{1,3}") {
        let mut ix = Index::default();
        let first = ix.check("a", &text);
        prop_assert!(first.is_none());
        let spaced = text.split_whitespace().collect::<Vec<_>>().join(&sep);
        let again = ix.check("b", &spaced);
        if ix.signature(&text).words == 0 {
            prop_assert!(again.is_none());
        } else {
            let d = again.expect("identical text");
            prop_assert_eq!(d.kind, Kind::Exact);
            prop_assert_eq!(d.of, "a");
        }
    }
}
