//! User filters on any text: every query answers or fails with a typed
//! error, never panics, and never changes the store.
#![no_main]
use herald_store::{Bucket, Filter, Page, Reader, Store};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn reader() -> &'static std::sync::Mutex<Reader> {
    static R: OnceLock<std::sync::Mutex<Reader>> = OnceLock::new();
    R.get_or_init(|| {
        let db = std::env::temp_dir().join(format!("herald-store-fuzz-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&db);
        let mut s = Store::open(&db, None).expect("store");
        let doc = herald_text::Document {
            id: "d1".into(),
            text: "Hamas accused the United States.".into(),
            source: Some("Reuters".into()),
            published: Some("2025-07-26".into()),
            ..Default::default()
        };
        let x: herald_extract::Extraction = serde_json::from_value(serde_json::json!({
            "id": "d1", "title": null, "url": null, "published": "2025-07-26", "text": doc.text,
            "actors": [], "quotes": [], "events": [{
                "id": "ev1", "source": {"actor": null, "name": "Hamas", "code": "PSEREBHMS", "span": [0, 5], "text": "Hamas"},
                "target": {"actor": null, "name": "United States", "code": "USA", "span": [19, 32], "text": "United States"},
                "cameo": "111", "cameo_root": "11", "quad_class": 3, "goldstein": -2.0,
                "plover": {"type": "ACCUSE", "mode": null}, "context": [], "negated": false, "modality": "asserted",
                "claimed_by": null, "date": null, "place": null, "sentence": {"span": [0, 33]},
                "trigger": {"span": [6, 14], "text": "accused"}, "rule": "fuzz"}]
        }))
        .expect("extraction");
        s.insert_batch(&[(doc, x)]).expect("insert");
        std::sync::Mutex::new(Reader::open(&db).expect("reader"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let r = reader().lock().unwrap();
    let some = Some(s.to_string());
    for f in [
        Filter { actor: some.clone(), ..Filter::default() },
        Filter { target: some.clone(), ..Filter::default() },
        Filter { kind: some.clone(), ..Filter::default() },
        Filter { since: some.clone(), until: some.clone(), ..Filter::default() },
        Filter { outlet: some.clone(), text: some.clone(), document: some.clone(), ..Filter::default() },
    ] {
        let _ = r.count_events(&f);
        let _ = r.events(&f, Page::default());
        let _ = r.quotes(&f, Page::default());
        let _ = r.actors(&f, Page::default());
        let _ = r.documents(&f, Page::default());
    }
    let _ = r.dyad(s, "USA", Bucket::Week, &Filter::default());
    assert_eq!(r.count_events(&Filter::default()).unwrap(), 1);
});
