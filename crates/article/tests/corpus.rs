//! Article extraction on the shared HTML pages (`../shared/corpora/html`:
//! readability's test pages and newspaper4k's): the macro-averaged
//! word-level F1 of the body must stay above a floor a little under what
//! was measured (see README, "Article extraction"). Skips, saying so, when
//! the pages are not there.

use herald_article::{eval, extract};
use std::path::Path;

#[test]
fn shared_pages_f1_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/html");
    let pages = eval::load(&root);
    if pages.is_empty() {
        eprintln!("skipped: no pages under {} (the shared data is not on this machine)", root.display());
        return;
    }
    assert!(pages.len() >= 150, "only {} pages read under {}", pages.len(), root.display());
    let mut all = Vec::new();
    let mut titles = (0, 0);
    for p in &pages {
        let a = extract(&p.html, p.url.as_deref());
        all.push(eval::score(&a.text, &p.text));
        if let Some(t) = &p.title {
            titles.1 += 1;
            let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
            if a.title.as_deref().is_some_and(|g| key(g) == key(t)) {
                titles.0 += 1;
            }
        }
    }
    let m = eval::mean(&all);
    eprintln!("{} pages: P {:.3} R {:.3} F1 {:.3}; titles {}/{}", pages.len(), m.precision, m.recall, m.f1, titles.0, titles.1);
    assert!(m.f1 >= FLOOR_F1, "F1 {:.3} under the floor {FLOOR_F1}", m.f1);
    assert!(titles.0 * 100 >= titles.1 * 80, "titles {}/{}", titles.0, titles.1);
}

/// A little under the measured overall F1.
const FLOOR_F1: f64 = 0.98;
