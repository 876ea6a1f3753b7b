//! The main text: a readability-style scorer over the body's blocks.
//!
//! Every run of inline text of 25 characters or more is a paragraph; it adds
//! `2 + commas + min(len / 100, 3)` (integer division) to the block holding it, half that to
//! the next block up and a third of it divided by the level further up.
//! Blocks start from a score given by their tag and their class and id
//! hints, and end multiplied by `1 - link density`. The best block, its
//! siblings that score nearly as well and plain-text sibling paragraphs make
//! the article; inside it, blocks that look like link lists, galleries or
//! forms are dropped. When that leaves less than 500 characters the scorer
//! runs again with fewer rules (no hint-based removal, no class weights, no
//! conditional cleaning) and keeps the longest text.

use crate::dom::{Dom, Id};

/// Which rules an attempt applies.
#[derive(Debug, Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Shortest text an attempt must give before the next one is skipped.
const ENOUGH_CHARS: usize = 500;

/// Extracts the main text, paragraphs separated by a blank line. `title`
/// is used to drop a heading that repeats it.
pub(crate) fn main_text(dom: &Dom, title: Option<&str>) -> String {
    if dom.nodes.is_empty() {
        return String::new();
    }
    let mut best = String::new();
    let attempts = [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
    ];
    for flags in attempts {
        let text = Attempt::new(dom, flags).run(title);
        let len = text.chars().count();
        if len >= ENOUGH_CHARS {
            return text;
        }
        if len > best.chars().count() {
            best = text;
        }
    }
    best
}

pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address" | "article" | "aside" | "blockquote" | "dd" | "details" | "div" | "dl" | "dt"
            | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3"
            | "h4" | "h5" | "h6" | "header" | "hr" | "li" | "main" | "nav" | "ol" | "p" | "pre"
            | "section" | "table" | "ul" | "tr" | "td" | "th" | "tbody" | "thead" | "tfoot"
            | "caption" | "center" | "body" | "html" | "summary" | "menu" | "hgroup"
    )
}

/// Elements that hold running text, for the text-density test.
fn textish(tag: &str) -> bool {
    matches!(tag, "span" | "li" | "td" | "blockquote" | "dl" | "div" | "img" | "ol" | "p" | "pre" | "table" | "ul")
}

/// Whole texts of blocks that are an advertisement label or a loading note.
fn ad_or_loading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    matches!(
        t.as_str(),
        "ad" | "advertising" | "advertisement" | "pub" | "publicité" | "werbung" | "广告" | "реклама" | "anuncio"
    ) || t.starts_with("loading") && t.len() < 20
        || t.starts_with("chargement") && t.len() < 24
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Class and id fragments of page furniture, removed before scoring.
const UNLIKELY: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
];
/// Fragments that save an element from the unlikely list.
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];
/// Fragments that raise a block's score.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
    "post", "text", "blog", "story",
];
/// Fragments that lower a block's score.
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
];
/// Roles of page furniture.
const UNLIKELY_ROLES: &[&str] =
    &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

fn any_in(hint: &str, words: &[&str]) -> bool {
    words.iter().any(|w| hint.contains(w))
}

/// True when the hint names an advertisement as a whole word (`ad`, `ads`,
/// `advert...`), which a substring test cannot tell from `head` or `load`.
fn ad_word(hint: &str) -> bool {
    hint.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        w == "ad" || w == "ads" || w.starts_with("advert") || w == "adsense" || w == "dfp"
    })
}

/// Sums over a subtree, leaving out removed and dropped nodes.
#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    /// Length of the text as `textContent` with whitespace runs collapsed
    /// and the ends trimmed (what readability measures).
    chars: usize,
    /// Whether that text starts or ends with whitespace before trimming,
    /// and, for a text-less subtree, whether it holds any whitespace.
    lead: bool,
    trail: bool,
    ws: bool,
    /// Characters of link text; links within the page count 0.3.
    link_chars: f64,
    commas: usize,
    p: usize,
    img: usize,
    li: usize,
    /// Characters inside `ul` and `ol` elements.
    list_chars: usize,
    /// `tr` elements, `table` elements, and whether a table header part
    /// (`th`, `thead`, `tfoot`, `caption`, `colgroup`) is inside.
    rows: usize,
    tables: usize,
    table_head: bool,
    /// Most cells in a row.
    cols: usize,
    /// Characters inside descendant text holders (`p`, `div`, `span`,
    /// `li`, `td`, ...) and inside headings.
    textish_chars: usize,
    heading_chars: usize,
    /// A `pre` or a data table inside.
    has_pre: bool,
    has_data_table: bool,
    block: bool,
}

struct Attempt<'a> {
    dom: &'a Dom,
    flags: Flags,
    removed: Vec<bool>,
    agg: Vec<Agg>,
    score: Vec<f64>,
    scored: Vec<bool>,
}

/// Length of text with whitespace runs counted as one character.
fn collapsed_len(s: &str) -> usize {
    let mut n = 0;
    let mut space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                n += 1;
                space = true;
            }
        } else {
            n += 1;
            space = false;
        }
    }
    n
}

fn commas(s: &str) -> usize {
    s.chars().filter(|&c| matches!(c, ',' | '\u{60C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}')).count()
}

impl<'a> Attempt<'a> {
    fn new(dom: &'a Dom, flags: Flags) -> Self {
        let n = dom.nodes.len();
        let mut a = Attempt {
            dom,
            flags,
            removed: vec![false; n],
            agg: vec![Agg::default(); n],
            score: vec![0.0; n],
            scored: vec![false; n],
        };
        a.mark_removed();
        a.aggregate(&vec![false; n]);
        a
    }

    fn class_weight(&self, id: Id) -> f64 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        let hint = &self.dom.nodes[id].hint;
        if hint.is_empty() {
            return 0.0;
        }
        let mut w = 0.0;
        if any_in(hint, NEGATIVE) || ad_word(hint) {
            w -= 25.0;
        }
        if any_in(hint, POSITIVE) {
            w += 25.0;
        }
        w
    }

    /// Navigation, asides, footers and elements whose hints or roles name
    /// page furniture.
    fn mark_removed(&mut self) {
        // Inside a table or code block: hints are not trusted there.
        let mut sheltered = vec![false; self.dom.nodes.len()];
        for id in 0..self.dom.nodes.len() {
            let node = &self.dom.nodes[id];
            if let Some(p) = node.parent {
                sheltered[id] = sheltered[p] || matches!(self.dom.nodes[p].tag.as_str(), "table" | "code");
                if self.removed[p] {
                    self.removed[id] = true;
                    continue;
                }
            }
            if node.is_text() {
                continue;
            }
            let tag = node.tag.as_str();
            let mut gone = matches!(tag, "nav" | "aside" | "footer");
            if self.flags.strip_unlikely && !sheltered[id] && !matches!(tag, "body" | "html" | "a" | "article" | "main") {
                let h = node.hint.as_str();
                if (any_in(h, UNLIKELY) || ad_word(h)) && !any_in(h, MAYBE) {
                    gone = true;
                }
                if UNLIKELY_ROLES.contains(&node.role.as_str()) {
                    gone = true;
                }
            }
            self.removed[id] = gone;
        }
    }

    /// Bottom-up sums; `dropped` nodes (and removed ones) count for nothing.
    fn aggregate(&mut self, dropped: &[bool]) {
        let dom = self.dom;
        for id in (0..dom.nodes.len()).rev() {
            let node = &dom.nodes[id];
            let mut a = Agg::default();
            if !self.removed[id] && !dropped[id] {
                if node.is_text() {
                    let t = node.text.as_str();
                    a.chars = collapsed_len(t.trim());
                    a.lead = t.starts_with(char::is_whitespace);
                    a.trail = t.ends_with(char::is_whitespace);
                    a.ws = a.lead || a.trail || t.contains(char::is_whitespace);
                    a.commas = commas(t);
                } else {
                    a = self.sum_children(id, &|_| false);
                }
            }
            self.agg[id] = a;
        }
    }

    /// The sums of an element from its children's (those `skip` does not
    /// name), plus its own tag.
    fn sum_children(&self, id: Id, skip: &dyn Fn(Id) -> bool) -> Agg {
        let dom = self.dom;
        let mut a = Agg::default();
        let mut started = false;
        let mut space = false;
        for &c in &dom.nodes[id].children {
            if skip(c) {
                continue;
            }
            let ca = self.agg[c];
            // Join the children's texts as textContent does, whitespace
            // between them collapsed to one space.
            if ca.chars == 0 {
                space |= ca.ws;
            } else if !started {
                a.chars = ca.chars;
                a.lead = space || ca.lead;
                a.trail = ca.trail;
                started = true;
                space = false;
            } else {
                a.chars += ca.chars + usize::from(space || a.trail || ca.lead);
                a.trail = ca.trail;
                space = false;
            }
            a.link_chars += ca.link_chars;
            a.commas += ca.commas;
            a.p += ca.p;
            a.img += ca.img;
            a.li += ca.li;
            a.list_chars += ca.list_chars;
            a.rows += ca.rows;
            a.tables += ca.tables;
            a.table_head |= ca.table_head;
            a.cols = a.cols.max(ca.cols);
            a.block |= ca.block || is_block(&dom.nodes[c].tag);
            let ctag = dom.nodes[c].tag.as_str();
            // Text right inside a block counts: readability wraps it in `p`.
            a.textish_chars += if textish(ctag) || dom.nodes[c].is_text() { ca.chars } else { ca.textish_chars };
            a.heading_chars += if is_heading(ctag) { ca.chars } else { ca.heading_chars };
            a.has_pre |= ca.has_pre || ctag == "pre";
            a.has_data_table |= ca.has_data_table;
        }
        if started {
            a.trail |= space;
        } else {
            a.ws = space;
        }
        match dom.nodes[id].tag.as_str() {
            "a" => a.link_chars = a.chars as f64 * if dom.nodes[id].flag { 0.3 } else { 1.0 },
            "ul" | "ol" => a.list_chars = a.chars,
            "tr" => {
                a.rows += 1;
                a.cols = a.cols.max(dom.nodes[id].children.iter().filter(|&&c| matches!(dom.nodes[c].tag.as_str(), "td" | "th")).count());
            }
            "th" | "thead" | "tfoot" | "caption" | "colgroup" => a.table_head = true,
            "table" => a.tables += 1,
            "p" => a.p += 1,
            "img" | "picture" => a.img += 1,
            "li" => a.li += 1,
            _ => {}
        }
        a
    }

    fn link_density(&self, id: Id) -> f64 {
        let a = self.agg[id];
        if a.chars == 0 {
            0.0
        } else {
            a.link_chars / a.chars as f64
        }
    }

    fn init_candidate(&mut self, id: Id) {
        if self.scored[id] {
            return;
        }
        self.scored[id] = true;
        let base = match self.dom.nodes[id].tag.as_str() {
            "div" | "article" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        self.score[id] = base + self.class_weight(id);
    }

    /// Credits a paragraph of `chars` characters and `commas` commas to the
    /// block `holder` and its ancestors.
    fn credit(&mut self, holder: Id, chars: usize, commas: usize) {
        if chars < 25 {
            return;
        }
        let points = 2.0 + commas as f64 + (chars / 100).min(3) as f64;
        let mut cur = Some(holder);
        let mut level = 0;
        while let Some(id) = cur {
            if level >= 5 || self.dom.nodes[id].tag == "html" {
                break;
            }
            self.init_candidate(id);
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            self.score[id] += points / div;
            cur = self.dom.nodes[id].parent;
            level += 1;
        }
    }

    /// Paragraphs are `p`, `pre`, `td`, `section` and `h2`–`h6` elements
    /// (whole text, credited from their parent up), `div`s without blocks
    /// inside (the same), and runs of inline content between the blocks of
    /// a `div` (credited from the `div` up).
    fn score_paragraphs(&mut self) {
        let dom = self.dom;
        for id in 0..dom.nodes.len() {
            if self.removed[id] {
                continue;
            }
            let node = &dom.nodes[id];
            if node.is_text() {
                continue;
            }
            let a = self.agg[id];
            let tag = node.tag.as_str();
            let whole = matches!(tag, "p" | "pre" | "td" | "section" | "h2" | "h3" | "h4" | "h5" | "h6");
            if whole || (tag == "div" && !a.block) {
                if let Some(p) = node.parent {
                    self.credit(p, a.chars, a.commas);
                }
            } else if tag == "div" {
                let (mut chars, mut cm) = (0, 0);
                for &c in &node.children {
                    let cn = &dom.nodes[c];
                    if is_block(&cn.tag) || cn.tag == "br" {
                        self.credit(id, chars, cm);
                        chars = 0;
                        cm = 0;
                    } else {
                        chars += self.agg[c].chars;
                        cm += self.agg[c].commas;
                    }
                }
                self.credit(id, chars, cm);
            }
        }
    }

    fn body(&self) -> Option<Id> {
        (0..self.dom.nodes.len()).find(|&i| self.dom.nodes[i].tag == "body")
    }

    fn is_ancestor(&self, anc: Id, mut id: Id) -> bool {
        loop {
            if id == anc {
                return true;
            }
            match self.dom.nodes[id].parent {
                Some(p) => id = p,
                None => return false,
            }
        }
    }

    fn pick_top(&mut self) -> Option<Id> {
        let dom = self.dom;
        let mut cands: Vec<Id> = (0..dom.nodes.len()).filter(|&i| self.scored[i] && self.score[i] > 0.0).collect();
        for &c in &cands {
            self.score[c] *= 1.0 - self.link_density(c);
        }
        cands.sort_by(|&a, &b| self.score[b].total_cmp(&self.score[a]).then(a.cmp(&b)));
        let body = self.body();
        // No paragraph anywhere: the whole body is the article.
        let Some(&first) = cands.first() else { return body.or(Some(0)) };
        let mut top = first;
        if Some(top) == body || dom.nodes[top].tag == "html" {
            return body;
        }
        // When several near-best candidates sit under one ancestor, the
        // article is that ancestor.
        let alts: Vec<Id> = cands[1..cands.len().min(5)]
            .iter()
            .copied()
            .filter(|&c| self.score[c] >= 0.75 * self.score[top])
            .collect();
        if alts.len() >= 3 {
            let mut anc = dom.nodes[top].parent;
            while let Some(a) = anc {
                if Some(a) == body {
                    break;
                }
                if alts.iter().filter(|&&c| self.is_ancestor(a, c)).count() >= 3 {
                    top = a;
                    break;
                }
                anc = dom.nodes[a].parent;
            }
        }
        // Climb while the parent scores at least as well.
        let mut last = self.score[top];
        let threshold = last / 3.0;
        let mut parent = dom.nodes[top].parent;
        while let Some(p) = parent {
            if Some(p) == body || dom.nodes[p].tag == "html" {
                break;
            }
            if !self.scored[p] {
                parent = dom.nodes[p].parent;
                continue;
            }
            if self.score[p] < threshold {
                break;
            }
            if self.score[p] > last {
                top = p;
                break;
            }
            last = self.score[p];
            parent = dom.nodes[p].parent;
        }
        // An only child stands for its parent.
        while let Some(p) = dom.nodes[top].parent {
            if Some(p) == body || dom.nodes[p].tag == "html" {
                break;
            }
            let elems = dom.nodes[p].children.iter().filter(|&&c| !dom.nodes[c].is_text() && !self.removed[c]).count();
            if elems == 1 {
                top = p;
            } else {
                break;
            }
        }
        Some(top)
    }

    /// The top candidate and the siblings that belong with it.
    fn gather(&self, top: Id) -> Vec<Id> {
        let dom = self.dom;
        let Some(parent) = dom.nodes[top].parent else { return vec![top] };
        if dom.nodes[top].tag == "body" {
            return vec![top];
        }
        let top_score = self.score[top];
        let threshold = (top_score * 0.2).max(10.0);
        let top_hint = &dom.nodes[top].hint;
        let mut out = Vec::new();
        for &s in &dom.nodes[parent].children {
            if self.removed[s] {
                continue;
            }
            if s == top {
                out.push(s);
                continue;
            }
            let node = &dom.nodes[s];
            if node.is_text() {
                continue;
            }
            let bonus = if !top_hint.is_empty() && &node.hint == top_hint { top_score * 0.2 } else { 0.0 };
            if self.scored[s] && self.score[s] > 0.0 {
                if self.score[s] + bonus >= threshold {
                    out.push(s);
                }
                continue;
            }
            let a = self.agg[s];
            let plain = node.tag == "p" || (node.tag == "div" && !a.block);
            if plain {
                let ld = self.link_density(s);
                if a.chars > 80 && ld < 0.25 {
                    out.push(s);
                } else if a.chars > 0 && a.chars <= 80 && ld == 0.0 && ends_sentence(dom, s) {
                    out.push(s);
                }
            }
        }
        out
    }

    /// Blocks inside the article that look like link lists, galleries or
    /// forms, decided bottom-up so that a wrapper is judged without the
    /// clutter already dropped from it.
    fn clean(&mut self, roots: &[Id], title: Option<&str>) -> Vec<bool> {
        let dom = self.dom;
        let n = dom.nodes.len();
        let mut is_root = vec![false; n];
        for &r in roots {
            is_root[r] = true;
        }
        let mut inside = vec![false; n];
        for id in 0..n {
            inside[id] = is_root[id] || dom.nodes[id].parent.is_some_and(|p| inside[p]);
        }
        // Data tables and code (and what is inside them) are never cleaned; the
        // sums from the scoring pass suffice to recognise them.
        let mut protected = vec![false; n];
        for id in 0..n {
            let node = &dom.nodes[id];
            let parent_in = node.parent.is_some_and(|p| protected[p]);
            protected[id] = parent_in
                || (inside[id] && node.tag == "table" && !node.flag && {
                    let a = self.agg[id];
                    a.tables == 1 && (a.table_head || a.rows >= 10 || a.cols > 4 || a.rows * a.cols > 10)
                });
            if node.tag == "code" && inside[id] {
                protected[id] = true;
            }
        }
        let title_key = title.map(norm_key);
        let mut dropped = vec![false; n];
        // Recompute the sums inside the article while deciding.
        for id in (0..n).rev() {
            if !inside[id] || self.removed[id] {
                continue;
            }
            let node = &dom.nodes[id];
            if node.is_text() {
                continue;
            }
            let mut a = self.sum_children(id, &|c| dropped[c] || self.removed[c]);
            if node.tag == "table" && protected[id] {
                a.has_data_table = true;
            }
            self.agg[id] = a;
            let tag = node.tag.as_str();
            if is_heading(tag) {
                let dup = title_key.as_deref().is_some_and(|t| !t.is_empty() && norm_key(&text_of(dom, id)) == t);
                if dup || self.class_weight(id) < 0.0 {
                    dropped[id] = true;
                }
                continue;
            }
            if !self.flags.clean_conditionally || roots.first() == Some(&id) && roots.len() == 1 {
                continue;
            }
            if !matches!(tag, "table" | "ul" | "div" | "form" | "fieldset") {
                continue;
            }
            if is_root[id] && self.scored[id] && self.score[id] >= self.score[roots[0]] * 0.99 {
                continue;
            }
            if protected[id] {
                continue;
            }
            if a.has_data_table {
                continue;
            }
            let weight = self.class_weight(id);
            if weight < 0.0 {
                dropped[id] = !a.has_pre;
                continue;
            }
            if a.commas >= 10 {
                continue;
            }
            if a.chars < 40 && ad_or_loading(&text_of(dom, id)) {
                dropped[id] = true;
                continue;
            }
            // A list, or a block that is nearly all lists.
            let is_list = matches!(tag, "ul" | "ol") || (a.chars > 0 && a.list_chars * 10 > a.chars * 9);
            let ld = self.link_density(id);
            let p = a.p as f64;
            let img = a.img as f64;
            let li = a.li as f64 - 100.0;
            let mut drop = (img > 1.0 && p / img < 0.5 && !in_figure(dom, id))
                || (!is_list && li > p)
                || (!is_list
                    && a.chars < 25
                    && (a.img == 0 || a.img > 2)
                    && ld > 0.0
                    && (a.heading_chars as f64) < 0.9 * a.chars as f64
                    && !in_figure(dom, id))
                || (!is_list && weight < 25.0 && ld > 0.2)
                || (weight >= 25.0 && ld > 0.5)
                || (a.img == 0 && a.textish_chars == 0)
                || (is_list && ld > 0.9 && a.chars < 300);
            // Lists of pictures stay: a list whose items are single
            // elements each holding an image.
            if drop && is_list && a.img == a.li && a.li > 0 {
                let simple = node.children.iter().all(|&c| {
                    dom.nodes[c].is_text() || dom.nodes[c].children.iter().filter(|&&g| !dom.nodes[g].is_text()).count() <= 1
                });
                if simple {
                    drop = false;
                }
            }
            if drop {
                dropped[id] = true;
            }
        }
        dropped
    }

    fn run(mut self, title: Option<&str>) -> String {
        self.score_paragraphs();
        let Some(top) = self.pick_top() else { return String::new() };
        let roots = self.gather(top);
        let dropped = self.clean(&roots, title);
        let mut w = TextWriter::default();
        for &r in &roots {
            write_text(self.dom, r, &|id| self.removed[id] || dropped[id], &mut w);
            w.break_para();
        }
        w.finish()
    }
}

fn in_figure(dom: &Dom, mut id: Id) -> bool {
    while let Some(p) = dom.nodes[id].parent {
        if dom.nodes[p].tag == "figure" {
            return true;
        }
        id = p;
    }
    false
}

fn ends_sentence(dom: &Dom, id: Id) -> bool {
    let t = text_of(dom, id);
    let t = t.trim_end();
    t.ends_with(['.', '!', '?', '。', '"', '”']) || t.contains(". ")
}

/// The collapsed text of a subtree (no paragraph structure).
pub(crate) fn text_of(dom: &Dom, id: Id) -> String {
    let mut w = TextWriter::default();
    write_text(dom, id, &|_| false, &mut w);
    w.finish().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A lowercase, alphanumeric-only key for comparing short texts.
pub(crate) fn norm_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Collects text with whitespace collapsed and blocks as paragraphs.
#[derive(Default)]
pub(crate) struct TextWriter {
    out: String,
    para: String,
    space: bool,
}

impl TextWriter {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.para.is_empty() {
                    self.para.push(' ');
                }
                self.space = false;
                self.para.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        if !self.para.is_empty() && !self.para.ends_with('\n') {
            self.para.push('\n');
        }
        self.space = false;
    }

    fn cell_break(&mut self) {
        self.space = true;
    }

    fn break_para(&mut self) {
        let p = self.para.trim();
        if !p.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(p);
        }
        self.para.clear();
        self.space = false;
    }

    pub(crate) fn finish(mut self) -> String {
        self.break_para();
        self.out
    }
}

/// Writes a subtree's text, skipping nodes `skip` names; iterative so that
/// deeply nested pages cannot overflow the stack.
fn write_text(dom: &Dom, root: Id, skip: &dyn Fn(Id) -> bool, w: &mut TextWriter) {
    // (node, closing?)
    let mut stack = vec![(root, false)];
    while let Some((id, closing)) = stack.pop() {
        let node = &dom.nodes[id];
        if closing {
            if is_block(&node.tag) {
                w.break_para();
            } else if matches!(node.tag.as_str(), "td" | "th") {
                w.cell_break();
            }
            continue;
        }
        if skip(id) {
            continue;
        }
        if node.is_text() {
            w.push_text(&node.text);
            continue;
        }
        match node.tag.as_str() {
            "br" => {
                // Two breaks in a row end a paragraph, one ends a line.
                if w.para.ends_with('\n') {
                    w.break_para();
                } else {
                    w.line_break();
                }
                continue;
            }
            "hr" => {
                w.break_para();
                continue;
            }
            tag if is_block(tag) => w.break_para(),
            _ => {}
        }
        stack.push((id, true));
        for &c in node.children.iter().rev() {
            stack.push((c, false));
        }
    }
}

/// The text of the whole tree.
pub(crate) fn all_text(dom: &Dom) -> String {
    let mut w = TextWriter::default();
    write_text(dom, 0, &|_| false, &mut w);
    w.finish()
}
