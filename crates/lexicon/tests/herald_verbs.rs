//! Verbs in herald's own format: a phrasal verb's particles.

use herald_lexicon::*;

#[test]
fn a_phrasal_herald_verb_is_its_head_with_particles_after() {
    let verbs = "--- GRANT [060] ---\nGIVE\n- * {MEDICAL AID} [073]\n";
    let hld = "verb hand over\n  block: GRANT\nverb demobilize\n  code: 0873\n";
    let r = Lexicon::from_sources(&[("t.verbs.txt".into(), SourceFormat::Verbs, verbs.as_bytes().to_vec()), ("t.hld".into(), SourceFormat::Herald, hld.as_bytes().to_vec())]);
    let lex = r.lexicon;
    let grant = lex.verbs.iter().find(|b| b.name == "GRANT").expect("GRANT block");
    let hand = grant.verbs.iter().find(|w| w.lemma == "HAND").expect("HAND joins GRANT");
    assert_eq!(hand.after, ["OVER"]);
    assert!(hand.before.is_empty());
    let demob = lex.verbs.iter().flat_map(|b| b.verbs.iter()).find(|w| w.lemma == "DEMOBILIZE").expect("own block");
    assert!(demob.after.is_empty());
    assert_eq!(demob.code.as_deref(), Some("0873"));
}
