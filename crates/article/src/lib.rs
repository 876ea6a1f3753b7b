//! Article extraction from HTML: the main text of a news page without
//! navigation, ads, comments and related links, and its metadata (title,
//! publication date, author, outlet, canonical URL, language).
//!
//! The page is parsed with html5ever (through `scraper`), as a browser
//! would, so entities are decoded and broken markup is repaired the
//! standard way. The text comes from a readability-style scorer (see
//! `body.rs`); the metadata from JSON-LD, Open Graph and other `<meta>`
//! tags, `<time datetime>`, `<link rel=canonical>` and `<html lang>`.
//!
//! ```
//! let html = r#"<html lang="en"><head><meta property="og:site_name" content="The Daily">
//!   <title>Rain stops play | The Daily</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
//!   <article><h1>Rain stops play</h1>
//!   <p>Heavy rain stopped the match on Sunday afternoon, after only twelve overs had been bowled.</p>
//!   <p>The umpires, who inspected the pitch twice, said it was too wet to continue safely.</p>
//!   </article></body></html>"#;
//! let a = herald_article::extract(html, None);
//! assert_eq!(a.title.as_deref(), Some("Rain stops play"));
//! assert_eq!(a.outlet.as_deref(), Some("The Daily"));
//! assert!(a.text.starts_with("Heavy rain stopped the match"));
//! assert!(!a.text.contains("Sport"));
//! ```
#![deny(missing_docs)]

mod body;
mod decode;
mod dom;
pub mod eval;
mod meta;

pub use decode::{decode, DecodeError};

/// What a page says about itself and its main text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The headline.
    pub title: Option<String>,
    /// The main text, paragraphs separated by a blank line.
    pub text: String,
    /// Publication date or datetime as the page gives it (ISO 8601 when known).
    pub published: Option<String>,
    /// The author(s), comma-separated.
    pub author: Option<String>,
    /// The outlet (site name).
    pub outlet: Option<String>,
    /// The canonical URL when the page names one.
    pub url: Option<String>,
    /// The language the page declares.
    pub lang: Option<String>,
}

/// Extracts the article of an HTML page. `url` is where the page came from,
/// if known (used to resolve the outlet when the page does not name it).
/// Never panics; a page without an article gives an empty `text`.
pub fn extract(html: &str, url: Option<&str>) -> Article {
    let doc = scraper::Html::parse_document(html);
    let meta = meta::Meta::gather(&doc);
    let dom = dom::Dom::build(&doc);
    drop(doc);
    let title = meta.title();
    let mut text = body::main_text(&dom, title.as_deref());
    // The page's own JSON-LD copy of the text, when ours came out shorter.
    if let Some(ld_body) = &meta.ld.body {
        let ld_text = paragraphs_of_plain(ld_body);
        if ld_text.chars().count() * 5 > text.chars().count() * 6 {
            text = ld_text;
        }
    }
    Article {
        published: meta.published(),
        author: meta.author(),
        outlet: meta.outlet(url),
        url: meta.url(url),
        lang: meta.lang(),
        title,
        text,
    }
}

/// All the visible text of a page (scripts, styles and hidden elements
/// left out), blocks as paragraphs separated by a blank line: what a
/// reader of the page would see, boilerplate included.
pub fn page_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let dom = dom::Dom::build(&doc);
    if dom.nodes.is_empty() {
        return String::new();
    }
    body::all_text(&dom)
}

/// Plain text (JSON-LD `articleBody`) as paragraphs: lines kept, runs of
/// spaces collapsed, blank lines between paragraphs. Markup inside is
/// stripped.
fn paragraphs_of_plain(s: &str) -> String {
    let s = if s.contains('<') && s.contains('>') { page_text(s) } else { s.to_string() };
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
