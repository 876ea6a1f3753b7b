//! Article extraction from HTML: the main text of a news page without
//! navigation, ads, comments and related links, and its metadata (title,
//! publication date, author, outlet).
//!
//! This first version only strips tags; the real extractor replaces it.
#![deny(missing_docs)]

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
pub fn extract(html: &str, url: Option<&str>) -> Article {
    let _ = url;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    Article { text: text.trim().to_string(), ..Article::default() }
}
