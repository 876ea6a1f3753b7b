//! The seed article through the whole pipeline (herald's own parse): every
//! required gold event E1-E8 coded with an acceptable source, target and
//! type, none of the noise coded, and a snapshot of the full event output
//! (`HERALD_UPDATE_SNAPSHOTS=1` rewrites it). Skipped when herald was built
//! without its models.

use herald_extract::events::{gold, CameoCoder, DocMeta, Event, EventScratch};
use herald_lexicon::Lexicon;
use herald_syntax::pipeline::{Analysis, Analyzer};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn code_seed() -> Option<(String, Vec<Event>)> {
    let an = match Analyzer::with_default_models() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("skipped: {e}");
            return None;
        }
    };
    let text = std::fs::read_to_string(root().join("examples/ceasefire-talks.txt")).expect("seed text");
    let lex = Lexicon::default_lexicon().expect("lexicon");
    let coder = CameoCoder::new(&lex);
    let mut a = Analysis::new();
    an.analyze(&text, &mut a);
    let mut s = EventScratch::new(&an);
    // A Saturday report (2025-07-26): relative dates and the codes in force
    // must not depend on the day the tests run.
    let meta = DocMeta { published: Some("2025-07-26".into()) };
    let ev = coder.code(&lex, &text, &an, &a, &meta, &mut s);
    Some((text, ev))
}

fn seed_gold() -> serde_json::Value {
    let p = root().join("crates/extract/tests/fixtures/ceasefire-talks.gold.json");
    serde_json::from_str(&std::fs::read_to_string(p).expect("gold fixture")).expect("gold json")
}

#[test]
fn seed_required_events_and_no_noise() {
    let Some((text, ev)) = code_seed() else { return };
    let rep = gold::score(&seed_gold(), &text, &ev);
    let mut problems = Vec::new();
    for h in rep.hits.iter().filter(|h| h.required && h.event.is_none()) {
        problems.push(format!("{} missed: {}\n    coded there: {:?}", h.id, h.evidence, h.near));
    }
    for (i, frag) in &rep.noise {
        problems.push(format!("noise coded: {} in `{frag}`", gold::brief(&ev[*i])));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn seed_snapshot() {
    let Some((_, ev)) = code_seed() else { return };
    let got = serde_json::to_string_pretty(&ev).unwrap() + "\n";
    let path = root().join("crates/extract/tests/snapshots/ceasefire-talks.events.json");
    if std::env::var_os("HERALD_UPDATE_SNAPSHOTS").is_some() || !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert!(want == got, "seed events differ from {} (HERALD_UPDATE_SNAPSHOTS=1 to accept)\n{got}", path.display());
}
