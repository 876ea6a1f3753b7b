//! Metadata from what the page says about itself: JSON-LD, Open Graph and
//! other `<meta>` tags, `<time datetime>`, `<link rel=canonical>`,
//! `<html lang>`, `<title>` and bylines.

use ego_tree::iter::Edge;
use scraper::{Html, Node};
use serde_json::Value;

/// Everything gathered from one page before choosing.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    /// `(key, content)` of every `<meta>`, key lowercased (`property`,
    /// `name`, `itemprop` or `http-equiv`).
    pub metas: Vec<(String, String)>,
    pub title_tag: Option<String>,
    pub h1: Vec<String>,
    pub canonical: Option<String>,
    pub html_lang: Option<String>,
    pub times: Vec<(bool, String)>,
    pub bylines: Vec<String>,
    pub ld: LdArticle,
}

/// The first article-like object of the page's JSON-LD.
#[derive(Debug, Default)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub body: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
    "techarticle", "report", "liveblogposting", "socialmediaposting", "medicalscholarlyarticle",
    "advertisertcontentarticle", "satiricalarticle", "askpublicnewsarticle", "review",
];

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
        }
    }
    squash(&s)
}

/// Like `text_of`, but stops after `limit` bytes of text.
fn text_limited(node: ego_tree::NodeRef<'_, Node>, limit: usize) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
            if s.len() > limit {
                break;
            }
        }
    }
    squash(&s)
}

fn value_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(squash(s)).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(value_str),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(value_str),
        _ => None,
    }
}

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| names(x, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(value_str) {
                out.push(n);
            }
        }
        Value::String(s) => {
            let s = squash(s);
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s);
            }
        }
        _ => {}
    }
}

fn is_article(o: &serde_json::Map<String, Value>) -> bool {
    let ty = |t: &Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str()));
    match o.get("@type") {
        Some(Value::Array(a)) => a.iter().any(ty),
        Some(t) => ty(t),
        None => false,
    }
}

/// Finds article objects in a JSON-LD value (top level, arrays, `@graph`).
fn find_article<'v>(v: &'v Value, depth: usize, out: &mut Vec<&'v serde_json::Map<String, Value>>) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| find_article(x, depth + 1, out)),
        Value::Object(o) => {
            if is_article(o) {
                out.push(o);
            }
            if let Some(g) = o.get("@graph") {
                find_article(g, depth + 1, out);
            }
            if let Some(m) = o.get("mainEntity") {
                find_article(m, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn read_ld(json: &str, ld: &mut LdArticle) {
    let Ok(v) = serde_json::from_str::<Value>(json.trim().trim_end_matches(';')) else { return };
    let mut found = Vec::new();
    find_article(&v, 0, &mut found);
    for o in found {
        if ld.headline.is_none() {
            ld.headline = o.get("headline").or_else(|| o.get("name")).and_then(value_str);
        }
        if ld.published.is_none() {
            ld.published = o.get("datePublished").or_else(|| o.get("dateCreated")).and_then(value_str);
        }
        if ld.authors.is_empty() {
            if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                names(a, &mut ld.authors);
            }
        }
        if ld.publisher.is_none() {
            ld.publisher = o.get("publisher").and_then(value_str);
        }
        if ld.body.is_none() {
            ld.body = o.get("articleBody").and_then(|b| b.as_str()).map(str::to_string).filter(|b| !b.trim().is_empty());
        }
        if ld.lang.is_none() {
            ld.lang = o.get("inLanguage").and_then(value_str);
        }
        if ld.url.is_none() {
            ld.url = o.get("url").and_then(|u| u.as_str()).map(str::to_string);
        }
    }
}

fn is_byline_hint(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    s.contains("byline") || s.contains("author") || s.contains("writtenby") || s.contains("p-author")
}

impl Meta {
    /// One pass over the whole document.
    pub fn gather(html: &Html) -> Meta {
        let mut m = Meta::default();
        // Depth inside a byline element already taken, to skip its descendants.
        let mut in_byline = 0usize;
        for edge in html.tree.root().traverse() {
            let node = match edge {
                Edge::Open(n) => n,
                Edge::Close(n) => {
                    if in_byline > 0 && n.value().is_element() {
                        in_byline -= 1;
                    }
                    continue;
                }
            };
            let Node::Element(el) = node.value() else { continue };
            if in_byline > 0 {
                in_byline += 1;
                continue;
            }
            match el.name() {
                "html" => {
                    if m.html_lang.is_none() {
                        m.html_lang = el.attr("lang").or_else(|| el.attr("xml:lang")).map(squash).filter(|s| !s.is_empty());
                    }
                }
                "title" => {
                    if m.title_tag.is_none() {
                        m.title_tag = Some(text_of(node)).filter(|s| !s.is_empty());
                    }
                }
                "h1" => {
                    if m.h1.len() < 4 {
                        let t = text_of(node);
                        if !t.is_empty() {
                            m.h1.push(t);
                        }
                    }
                }
                "meta" => {
                    let key = el
                        .attr("property")
                        .or_else(|| el.attr("name"))
                        .or_else(|| el.attr("itemprop"))
                        .or_else(|| el.attr("http-equiv"));
                    let content = el.attr("content").or_else(|| el.attr("value"));
                    if let (Some(k), Some(c)) = (key, content) {
                        let c = squash(c);
                        if !c.is_empty() {
                            // `property` may hold several space-separated keys.
                            for k in k.split_whitespace() {
                                m.metas.push((k.to_ascii_lowercase(), c.clone()));
                            }
                        }
                    }
                }
                "link" => {
                    let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && m.canonical.is_none() {
                        m.canonical = el.attr("href").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
                    }
                }
                "script" => {
                    if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
                        read_ld(&text_of_raw(node), &mut m.ld);
                    }
                }
                "time" => {
                    if let Some(dt) = el.attr("datetime") {
                        let dt = dt.trim();
                        if !dt.is_empty() && m.times.len() < 16 {
                            let preferred = el.attr("pubdate").is_some()
                                || el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
                            m.times.push((preferred, dt.to_string()));
                        }
                    }
                }
                _ => {
                    let rel_author = el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("author"));
                    let itemprop_author = el.attr("itemprop").is_some_and(|p| p.to_ascii_lowercase().contains("author"));
                    let hinted = el.attr("class").is_some_and(is_byline_hint) || el.id().is_some_and(is_byline_hint);
                    if (rel_author || itemprop_author || hinted) && m.bylines.len() < 8 {
                        let t = text_limited(node, 200);
                        if !t.is_empty() && t.chars().count() < 100 {
                            m.bylines.push(t);
                            in_byline = 1;
                        }
                    }
                }
            }
        }
        m
    }

    /// The first `<meta>` content under one of `keys`, in the order given.
    pub fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.metas.iter().find(|(mk, _)| mk == k).map(|(_, c)| c.as_str()))
    }

    /// Every `<meta>` content under `key`.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.metas.iter().filter(|(k, _)| k == key).map(|(_, c)| c.as_str()).collect()
    }

    pub fn title(&self) -> Option<String> {
        let site = self.get(&["og:site_name", "application-name"]);
        let found = self.ld.headline.clone().or_else(|| {
            self.get(&[
                "dc:title", "dc.title", "dcterm:title", "dcterms.title", "og:title", "title", "twitter:title",
                "parsely-title", "citation_title", "headline",
            ])
            .map(str::to_string)
        });
        if let Some(t) = found {
            return Some(strip_site(&t, site));
        }
        let tag = self.title_tag.as_deref()?;
        Some(strip_site(&clean_title(tag, &self.h1), site))
    }

    pub fn published(&self) -> Option<String> {
        self.published_raw().map(|d| iso_date(&d))
    }

    fn published_raw(&self) -> Option<String> {
        if let Some(d) = &self.ld.published {
            return Some(d.clone());
        }
        if let Some(d) = self.get(&[
            "article:published_time", "og:article:published_time", "og:published_time",
            "datepublished", "citation_publication_date", "citation_date", "dc.date.issued",
            "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "parsely-pub-date",
            "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date", "dc:date",
            "dcterm:created", "article:published", "original-publish-date", "weibo:article:create_at",
            "article.published", "published-date", "date", "og:updated_time",
        ]) {
            return Some(d.to_string());
        }
        self.times.iter().find(|(p, _)| *p).or(self.times.first()).map(|(_, t)| t.clone())
    }

    pub fn author(&self) -> Option<String> {
        if !self.ld.authors.is_empty() {
            return Some(dedup_join(&self.ld.authors));
        }
        let cites = self.all("citation_author");
        if !cites.is_empty() {
            // "Last, First" becomes "First Last" so that commas only separate people.
            let names: Vec<String> = cites
                .iter()
                .map(|s| match s.split_once(',') {
                    Some((last, first)) if !first.contains(',') => format!("{} {}", first.trim(), last.trim()),
                    _ => s.to_string(),
                })
                .collect();
            return Some(dedup_join(&names));
        }
        let meta = self
            .get(&["author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl"])
            .or_else(|| self.get(&["article:author"]).filter(|a| !a.starts_with("http")));
        if let Some(a) = meta {
            return Some(strip_by(a));
        }
        self.bylines.first().map(|b| strip_by(b)).filter(|b| !b.is_empty())
    }

    pub fn outlet(&self, url: Option<&str>) -> Option<String> {
        if let Some(s) = self.get(&["og:site_name", "application-name", "al:ios:app_name", "dc.publisher", "citation_publisher"]) {
            return Some(s.to_string());
        }
        if let Some(p) = &self.ld.publisher {
            return Some(p.clone());
        }
        url.and_then(host)
    }

    pub fn url(&self, url: Option<&str>) -> Option<String> {
        self.canonical
            .clone()
            .or_else(|| self.get(&["og:url"]).map(str::to_string))
            .or_else(|| self.ld.url.clone())
            .or_else(|| url.map(str::to_string))
    }

    pub fn lang(&self) -> Option<String> {
        self.html_lang
            .clone()
            .or_else(|| self.get(&["content-language", "og:locale", "language", "dc.language"]).map(str::to_string))
            .or_else(|| self.ld.lang.clone())
    }
}

fn text_of_raw(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

fn dedup_join(names: &[String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for n in names {
        let n = strip_by(n);
        if !n.is_empty() && !seen.iter().any(|s| s.eq_ignore_ascii_case(&n)) {
            seen.push(n);
        }
    }
    seen.join(", ")
}

/// Removes a leading "By " and trailing dashes from a byline.
fn strip_by(s: &str) -> String {
    let t = squash(s);
    let t = t.trim_end_matches(|c: char| matches!(c, '—' | '–' | '-' | '|' | ',' | ' ')).to_string();
    let lower = t.to_lowercase();
    for p in ["by:", "by ", "von ", "par "] {
        if lower.starts_with(p) {
            return t[p.len()..].trim().to_string();
        }
    }
    t
}

/// A title without a trailing " | Site" or " - Site" naming the outlet
/// (`site`, or any single trailing part when it is `Wikipedia`-like short
/// and the outlet is unknown is kept: only a match with `site` is cut).
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = squash(title);
    let Some(site) = site.map(|s| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>()) else {
        return title;
    };
    if site.is_empty() {
        return title;
    }
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", "-", "_", "|"] {
        if let Some(i) = title.rfind(sep) {
            let tail: String = title[i + sep.len()..].chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            let head = title[..i].trim();
            if !tail.is_empty() && !head.is_empty() && (site.contains(&tail) || tail.contains(&site)) {
                return head.to_string();
            }
        }
    }
    title
}

/// Dates in common non-ISO shapes rewritten as ISO 8601: `2021/06/30`,
/// `2015-07-10 09:53:00 -0400`, `20180619T055000+0900`. Anything else is
/// returned as given.
pub(crate) fn iso_date(d: &str) -> String {
    let d = d.trim();
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    // Basic format: YYYYMMDD[THHMMSS[zone]]
    if digits(0..8) && (b.len() == 8 || b.get(8) == Some(&b'T')) {
        let mut out = format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8]);
        if b.len() > 8 && digits(9..15) {
            out.push_str(&format!("T{}:{}:{}", &d[9..11], &d[11..13], &d[13..15]));
            out.push_str(&iso_zone(&d[15..]));
        }
        return out;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) || !matches!(b[4], b'-' | b'/' | b'.') || b[7] != b[4] {
        return d.to_string();
    }
    let mut out = format!("{}-{}-{}", &d[0..4], &d[5..7], &d[8..10]);
    let rest = &d[10..];
    let rest_b = rest.as_bytes();
    if rest_b.len() >= 6 && matches!(rest_b[0], b' ' | b'T') && rest[1..].len() >= 5 && rest_b[3] == b':' {
        let time_end = rest[1..].find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).map_or(rest.len(), |i| i + 1);
        out.push('T');
        out.push_str(&rest[1..time_end]);
        out.push_str(&iso_zone(rest[time_end..].trim()));
    } else if !rest.is_empty() {
        out.push_str(rest);
    }
    out
}

fn iso_zone(z: &str) -> String {
    let z = z.trim();
    let b = z.as_bytes();
    if b.len() == 5 && matches!(b[0], b'+' | b'-') && b[1..].iter().all(u8::is_ascii_digit) {
        format!("{}:{}", &z[..3], &z[3..])
    } else {
        z.to_string()
    }
}

/// The host of a URL without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// A `<title>` without the site name: the part before the last separator
/// when it has at least three words, else the part after the first; a
/// heading equal to the whole title wins.
fn clean_title(title: &str, h1: &[String]) -> String {
    let title = squash(title);
    if h1.iter().any(|h| h == &title) {
        return title;
    }
    const SEPS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " > ", " · "];
    let last = SEPS.iter().filter_map(|s| title.rfind(s).map(|i| (i, s.len()))).max();
    if let Some((i, len)) = last {
        let before = title[..i].trim();
        if before.split_whitespace().count() >= 3 {
            return before.to_string();
        }
        let first = SEPS.iter().filter_map(|s| title.find(s).map(|i| (i, s.len()))).min();
        if let Some((j, l)) = first {
            let after = title[j + l..].trim();
            if after.split_whitespace().count() >= 3 {
                return after.to_string();
            }
        }
        let _ = len;
    } else if let Some((_, after)) = title.split_once(": ") {
        // "Site: Headline" — keep the headline when a heading says so.
        if h1.iter().any(|h| h == after) {
            return after.to_string();
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso() {
        assert_eq!(iso_date("2021/06/30"), "2021-06-30");
        assert_eq!(iso_date("2015-07-10 09:53:00 -0400"), "2015-07-10T09:53:00-04:00");
        assert_eq!(iso_date("20180619T055000+0900"), "2018-06-19T05:50:00+09:00");
        assert_eq!(iso_date("2024-03-05T09:30:00Z"), "2024-03-05T09:30:00Z");
        assert_eq!(iso_date("5 March 2024"), "5 March 2024");
        assert_eq!(iso_date("2024-0"), "2024-0");
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(strip_site("New Zealand - Wikipedia", Some("Wikipedia")), "New Zealand");
        assert_eq!(strip_site("Storm hits coast | The Daily", Some("The Daily")), "Storm hits coast");
        assert_eq!(strip_site("Left - right", Some("The Daily")), "Left - right");
        assert_eq!(strip_site("Storm hits coast", None), "Storm hits coast");
    }
}
