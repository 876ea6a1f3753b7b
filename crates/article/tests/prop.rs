//! Property tests of the HTML reader: no input makes it panic, paragraphs
//! are trimmed and non-empty, and every word of the extracted text is a
//! visible word of the page.

use herald_article::{eval, extract, page_text};
use proptest::prelude::*;
use std::collections::HashMap;

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"content\">".to_string()),
        Just("<div class=\"comment sidebar\">".to_string()),
        Just("</div>".to_string()),
        Just("<article>".to_string()),
        Just("<nav>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<ul><li>".to_string()),
        Just("<h1>".to_string()),
        Just("<span>".to_string()),
        Just("<script>".to_string()),
        Just("<!--".to_string()),
        Just("<meta property=og:title content=\"T\">".to_string()),
        Just("&amp;&#x20AC;&bogus;".to_string()),
        Just("The council met on Tuesday, and the budget was approved. ".to_string()),
        "[a-z ,.<>/=\"']{0,30}",
        any::<String>(),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_keeps_invariants(html in page()) {
        let a = extract(&html, Some("http://example.org/x"));
        if !a.text.is_empty() {
            for p in a.text.split("\n\n") {
                prop_assert!(!p.is_empty());
                prop_assert_eq!(p, p.trim());
            }
        }
        // Without JSON-LD, the article is a part of the visible text.
        let mut visible: HashMap<String, usize> = HashMap::new();
        for w in eval::words(&page_text(&html)) {
            *visible.entry(w).or_default() += 1;
        }
        for w in eval::words(&a.text) {
            let n = visible.get_mut(&w);
            prop_assert!(n.as_ref().is_some_and(|n| **n > 0), "{:?} not visible in {:?}", w, html);
            *n.unwrap() -= 1;
        }
    }

    #[test]
    fn arbitrary_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok((text, _)) = herald_article::decode(&bytes, None) {
            let _ = extract(&text, None);
        }
    }
}
