//! A compact tree of the page's body, built once from the HTML5 parse: only
//! what the scorer needs (tag, class and id hints, text), in document order
//! so that every child comes after its parent.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Index of a node in [`Dom::nodes`].
pub(crate) type Id = usize;

/// One element or text node.
#[derive(Debug)]
pub(crate) struct DNode {
    pub parent: Option<Id>,
    pub children: Vec<Id>,
    /// Lowercase local name; empty for text.
    pub tag: String,
    /// `class` and `id` lowercased, separated by a space.
    pub hint: String,
    /// The `role` attribute, lowercased.
    pub role: String,
    /// Text of a text node (entities decoded by the parser).
    pub text: String,
    /// An `a` whose `href` points into the page (`#...`), or a `table`
    /// marked as layout (`role=presentation`, `datatable=0`).
    pub flag: bool,
}

impl DNode {
    pub fn is_text(&self) -> bool {
        self.tag.is_empty()
    }
}

/// The body as a flat arena.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub nodes: Vec<DNode>,
}

/// Elements whose content is never article text.
fn skipped(tag: &str) -> bool {
    matches!(
        tag,
        "head" | "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe"
            | "object" | "embed" | "canvas" | "select" | "option" | "button" | "input"
            | "textarea" | "link" | "meta" | "title" | "audio" | "video" | "source"
            | "map" | "dialog"
    )
}

fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
        && !el.attr("class").is_some_and(|c| c.contains("fallback-image"))
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

impl Dom {
    /// Builds the arena from a parsed document, leaving out scripts, styles,
    /// form controls, comments and hidden elements.
    pub fn build(html: &Html) -> Dom {
        let mut dom = Dom::default();
        let mut stack: Vec<Option<Id>> = Vec::new();
        // Depth of the innermost skipped element, when inside one.
        let mut skip_depth: Option<usize> = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let depth = stack.len();
                    if skip_depth.is_some() {
                        if node.value().is_element() {
                            stack.push(None);
                        }
                        continue;
                    }
                    let parent = stack.iter().rev().flatten().next().copied();
                    match node.value() {
                        Node::Element(el) => {
                            let tag = el.name().to_ascii_lowercase();
                            if skipped(&tag) || hidden(el) {
                                skip_depth = Some(depth);
                                stack.push(None);
                                continue;
                            }
                            let mut hint = String::new();
                            for c in el.classes() {
                                hint.push_str(&c.to_ascii_lowercase());
                                hint.push(' ');
                            }
                            if let Some(id) = el.id() {
                                hint.push_str(&id.to_ascii_lowercase());
                            }
                            let role = el.attr("role").unwrap_or("").to_ascii_lowercase();
                            let flag = match tag.as_str() {
                                "a" => el.attr("href").is_some_and(|h| h.trim_start().starts_with('#')),
                                "table" => role == "presentation" || el.attr("datatable") == Some("0"),
                                _ => false,
                            };
                            let id = dom.push(parent, tag, hint, role, String::new());
                            dom.nodes[id].flag = flag;
                            stack.push(Some(id));
                        }
                        Node::Text(t) => {
                            if parent.is_some() || dom.nodes.is_empty() {
                                dom.push(parent, String::new(), String::new(), String::new(), t.to_string());
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if node.value().is_element() {
                        stack.pop();
                        if skip_depth == Some(stack.len()) {
                            skip_depth = None;
                        }
                    }
                }
            }
        }
        dom
    }

    fn push(&mut self, parent: Option<Id>, tag: String, hint: String, role: String, text: String) -> Id {
        let id = self.nodes.len();
        self.nodes.push(DNode { parent, children: Vec::new(), tag, hint, role, text, flag: false });
        if let Some(p) = parent {
            self.nodes[p].children.push(id);
        }
        id
    }
}
