//! The article view on any text with any spans (out of range, reversed,
//! overlapping): it must not panic, and the text must come out escaped.
//! `cargo fuzz run article` in crates/serve.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, body) = data.split_at(8);
    let text = String::from_utf8_lossy(body).into_owned();
    let spans: Vec<[usize; 2]> = head.chunks(2).map(|c| [c[0] as usize, c[1] as usize]).collect();
    let mentions: Vec<_> = spans.iter().map(|s| serde_json::json!({"span": s, "text": "x"})).collect();
    let quotes: Vec<_> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| serde_json::json!({"id": format!("Q{i}"), "kind": "direct", "span": [s[1], s[0]], "text": "q", "rule": "r"}))
        .collect();
    let x: herald_extract::Extraction = serde_json::from_value(serde_json::json!({
        "id": "d", "title": null, "url": null, "published": null, "text": text,
        "actors": [{"id": "A1", "name": "n", "type": "person", "codes": [], "role": null, "mentions": mentions}],
        "quotes": quotes, "events": []
    }))
    .expect("a valid extraction");
    let html = herald_serve::article_html(&x, Some("E1"));
    assert!(!html.contains("<script"), "markup from the text came through");
});
