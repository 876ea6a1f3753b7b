//! The event coder reads `he` / `she` through the document coreference
//! (which prefers the speaker of the sentence before), not through its own
//! memory of the latest person named. Skipped when herald was built without
//! its models.

mod extract_common;

use extract_common::extractor;
use herald_extract::Worker;
use herald_text::Document;

fn sources_of(text: &str, cameo_root: &str) -> Option<Vec<String>> {
    let ex = extractor();
    if !ex.parses() {
        eprintln!("skipped: herald was built without its models");
        return None;
    }
    let x = ex.extract(&Document::new("t", text), &mut Worker::new()).expect("extract");
    Some(x.events.iter().filter(|e| e.cameo_root == cameo_root).map(|e| format!("{} {}", e.source.code, e.source.name)).collect())
}

#[test]
fn he_after_reported_speech_is_the_speaker() {
    // Both persons are subjects; the latest named is Netanyahu, but `He`
    // goes on with the speaker.
    let Some(src) = sources_of("Palestinian President Mahmoud Abbas said Benjamin Netanyahu had misled the mediators. He accused Egypt of blocking a deal.", "11") else { return };
    assert_eq!(src, ["PSEGOV Mahmoud Abbas"], "{src:?}");
}

#[test]
fn he_without_a_speaker_is_the_person_named_before() {
    let Some(src) = sources_of("Benjamin Netanyahu met the mediators in Cairo. He accused Egypt of blocking a deal.", "11") else { return };
    assert_eq!(src, ["ISRGOV Benjamin Netanyahu"], "{src:?}");
}
