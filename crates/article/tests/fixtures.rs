//! Pages written for these tests: each has the parts a news page has
//! (navigation, ads, comments, related links, sidebars, footers, metadata in
//! several forms), and the tests check what is kept and what is left out.

use herald_article::{extract, page_text, Article};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.text.split("\n\n").collect()
}

#[test]
fn news_page_body_without_furniture() {
    let a = extract(&fixture("news.html"), None);
    let paras = paragraphs(&a);
    assert!(paras[0].starts_with("Dock workers at the northern port"), "{paras:?}");
    for want in ["pay rise of 7 per cent", "backlog of about 40,000 containers", "freight rates would stay high"] {
        assert!(a.text.contains(want), "missing {want:?} in {}", a.text);
    }
    // Entities decoded.
    assert!(a.text.contains("“This is a fair deal,” said the union’s secretary"), "{}", a.text);
    assert!(a.text.contains("\"remarkable patience\" & solidarity"), "{}", a.text);
    for unwanted in [
        "Home", "Sport", "Advertisement", "Strike enters fifth week", "Share on Facebook", "About time too",
        "Mayor resigns", "Hidden text", "All rights reserved", "Subscribe now", "Comments (3)",
    ] {
        assert!(!a.text.contains(unwanted), "kept {unwanted:?} in {}", a.text);
    }
    // Paragraphs stay apart and trimmed.
    assert!(paras.len() >= 5, "{paras:?}");
    assert!(paras.iter().all(|p| !p.is_empty() && p.trim() == *p));
}

#[test]
fn news_page_metadata() {
    let a = extract(&fixture("news.html"), Some("https://gazette.example/x?utm=1"));
    assert_eq!(a.title.as_deref(), Some("Port strike ends after six weeks"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00+00:00"));
    assert_eq!(a.author.as_deref(), Some("Mara Lindqvist, Tomás O'Neill"));
    assert_eq!(a.outlet.as_deref(), Some("Harbour Gazette"));
    assert_eq!(a.url.as_deref(), Some("https://gazette.example/news/port-strike-ends"));
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
}

#[test]
fn div_blog_with_line_breaks() {
    let a = extract(&fixture("blog_divs.html"), Some("https://www.railnotes.example/2019/11/night-train"));
    let paras = paragraphs(&a);
    assert_eq!(paras.len(), 5, "{paras:?}");
    // The title line is text of its own in the content block.
    assert_eq!(paras[0], "Ten years of the night train");
    assert!(paras[1].starts_with("The night train to the capital"));
    assert!(paras[3].ends_with("according to the operator."));
    assert!(!a.text.contains("October 2019") && !a.text.contains("Powered by") && !a.text.contains("Contact"));
    // Title from <title> without the site name; metadata from plain meta tags.
    assert_eq!(a.title.as_deref(), Some("Ten years of the night train"));
    assert_eq!(a.author.as_deref(), Some("Ilse Brandt"));
    assert_eq!(a.published.as_deref(), Some("2019-11-02"));
    // No site name on the page: the host stands for the outlet.
    assert_eq!(a.outlet.as_deref(), Some("railnotes.example"));
    assert_eq!(a.url.as_deref(), Some("https://www.railnotes.example/2019/11/night-train"));
}

#[test]
fn json_ld_article_body_when_the_page_has_none() {
    let a = extract(&fixture("ld_body.html"), None);
    let paras = paragraphs(&a);
    assert_eq!(paras.len(), 3, "{paras:?}");
    assert!(paras[0].starts_with("Die alte Brücke über den Fluss"));
    assert_eq!(a.title.as_deref(), Some("Brücke wird neu gebaut"));
    assert_eq!(a.author.as_deref(), Some("Karl Vogt"));
    assert_eq!(a.published.as_deref(), Some("2023-07-14"));
    assert_eq!(a.outlet.as_deref(), Some("Abendblatt Online"));
    assert_eq!(a.lang.as_deref(), Some("de"));
}

#[test]
fn citation_metadata() {
    let a = extract(&fixture("citation.html"), None);
    assert_eq!(a.title.as_deref(), Some("Measuring Harbour Congestion with Satellite Images"));
    assert_eq!(a.author.as_deref(), Some("Ada Okafor, Bao Nguyen"));
    assert_eq!(a.published.as_deref(), Some("2021-06-30"));
    assert_eq!(a.outlet.as_deref(), Some("Journal of Maritime Studies"));
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert!(a.text.contains("forty harbours") && a.text.contains("two weeks earlier"), "{}", a.text);
}

#[test]
fn empty_and_textless_pages() {
    assert_eq!(extract("", None).text, "");
    assert_eq!(extract("<html><body><nav><a href=/>Home</a></nav></body></html>", None).text, "");
    assert_eq!(extract("just some words", None).text, "just some words");
    assert_eq!(page_text("<p>a<br>b</p><div>c &amp; d</div>"), "a\nb\n\nc & d");
}

#[test]
fn deep_nesting_and_a_large_page_do_not_overflow() {
    // html5ever's tree builder scans its stack of open elements for every
    // start tag, so parsing is quadratic in nesting depth: 3,000 levels
    // (far beyond real pages) keep this test quick while proving that
    // nothing here recurses.
    let deep = format!("{}<p>{}</p>{}", "<div>".repeat(3_000), "word, ".repeat(50), "</div>".repeat(3_000));
    let a = extract(&deep, None);
    assert!(a.text.starts_with("word, word"), "{:.80}", a.text);
    // 2 MB of paragraphs and link lists.
    let block = "<div class=\"post\"><p>The council met again on Tuesday, and the budget, delayed twice, was finally approved by a narrow margin.</p></div>\
                 <ul class=\"links\"><li><a href=\"/a\">Another story</a></li><li><a href=\"/b\">Yet another story</a></li></ul>";
    let big = format!("<html><body><article>{}</article></body></html>", block.repeat(2_000_000 / block.len()));
    let a = extract(&big, None);
    assert!(a.text.matches("finally approved").count() > 5_000);
    assert!(!a.text.contains("Another story"));
}
