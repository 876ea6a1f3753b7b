//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, item by item, with quick-xml.
//! Each item's fullest text wins: `content:encoded`, then Atom `content`,
//! then `description` / `summary`.

use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// One feed item or entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// Position of the item among the feed's items (1-based).
    pub n: u64,
    /// Byte offset of the item's start tag.
    pub offset: u64,
    /// `guid` or Atom `id`.
    pub id: Option<String>,
    /// The item's title.
    pub title: Option<String>,
    /// `link` (Atom: the `alternate` link's `href`).
    pub link: Option<String>,
    /// `pubDate`, `dc:date`, Atom `published` or `updated`, as written.
    pub published: Option<String>,
    /// The item's content, usually HTML.
    pub content: String,
    /// The feed's own title (the outlet).
    pub feed_title: Option<String>,
    /// True when the content was longer than the limit and cut.
    pub too_large: bool,
}

/// A feed that cannot be read further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError {
    /// Byte offset where the parser stopped.
    pub offset: u64,
    /// What is wrong.
    pub reason: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Id,
    Published,
    Updated,
    Encoded,
    Content,
    Description,
}

/// Reads items from an RSS or Atom feed one by one.
pub struct FeedReader<R> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    max: usize,
    feed_title: Option<String>,
    depth: usize,
    item: Option<(usize, FeedItem, [Option<String>; 8])>,
    field: Option<(Field, usize, String)>,
    count: u64,
    done: bool,
}

impl<R: BufRead> FeedReader<R> {
    /// A reader keeping up to `max` bytes of text per item.
    pub fn new(r: R, max: usize) -> Self {
        let mut xml = quick_xml::Reader::from_reader(r);
        xml.config_mut().check_end_names = false;
        FeedReader { xml, buf: Vec::new(), max, feed_title: None, depth: 0, item: None, field: None, count: 0, done: false }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        let local = name.local_name();
        let (local, full) = (local.as_ref(), name.as_ref());
        if !empty {
            self.depth += 1;
        }
        if self.field.is_some() {
            return;
        }
        if self.item.is_none() {
            if local == b"item" || local == b"entry" {
                self.count += 1;
                let offset = self.xml.buffer_position();
                let it = FeedItem { n: self.count, offset, ..FeedItem::default() };
                if !empty {
                    self.item = Some((self.depth, it, Default::default()));
                }
            } else if local == b"title" && self.feed_title.is_none() && !empty {
                self.field = Some((Field::Title, self.depth, String::new()));
            }
            return;
        }
        let field = match (full, local) {
            (b"content:encoded", _) => Field::Encoded,
            (_, b"title") => Field::Title,
            (_, b"link") => {
                let rel = attr(e, b"rel");
                if let Some(href) = attr(e, b"href") {
                    if rel.as_deref().is_none_or(|r| r == "alternate") {
                        if let Some((_, _, f)) = self.item.as_mut() {
                            f[Field::Link as usize].get_or_insert(href);
                        }
                    }
                    return;
                }
                Field::Link
            }
            (_, b"guid") | (_, b"id") => Field::Id,
            (_, b"pubDate") | (_, b"published") | (_, b"date") | (_, b"issued") => Field::Published,
            (_, b"updated") | (_, b"modified") => Field::Updated,
            (_, b"content") => Field::Content,
            (_, b"description") | (_, b"summary") => Field::Description,
            _ => return,
        };
        if !empty {
            self.field = Some((field, self.depth, String::new()));
        }
    }

    fn text(&mut self, t: &str) {
        if let Some((_, _, s)) = self.field.as_mut() {
            if s.len() + t.len() > self.max {
                if let Some((_, it, _)) = self.item.as_mut() {
                    it.too_large = true;
                }
                return;
            }
            s.push_str(t);
        }
    }

    /// Closes an element; returns a finished item.
    fn end(&mut self) -> Option<FeedItem> {
        let depth = self.depth;
        self.depth = self.depth.saturating_sub(1);
        if let Some((_, d, _)) = &self.field {
            if *d == depth {
                let (f, _, s) = self.field.take().expect("checked");
                let s = s.trim().to_string();
                match self.item.as_mut() {
                    Some((_, _, fields)) if !s.is_empty() => {
                        fields[f as usize].get_or_insert(s);
                    }
                    Some(_) => {}
                    None => self.feed_title = Some(s).filter(|s| !s.is_empty()),
                }
            }
            return None;
        }
        match &self.item {
            Some((d, _, _)) if *d == depth => {
                let (_, mut it, mut f) = self.item.take().expect("checked");
                let mut take = |x: Field| f[x as usize].take();
                it.title = take(Field::Title);
                it.link = take(Field::Link);
                it.id = take(Field::Id);
                it.published = take(Field::Published).or_else(|| take(Field::Updated));
                it.content = take(Field::Encoded).or_else(|| take(Field::Content)).or_else(|| take(Field::Description)).unwrap_or_default();
                it.feed_title = self.feed_title.clone();
                Some(it)
            }
            _ => None,
        }
    }
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key).map(|a| {
        a.unescape_value().map(|v| v.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

impl<R: BufRead> Iterator for FeedReader<R> {
    type Item = Result<FeedItem, FeedError>;
    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            let ev = self.xml.read_event_into(&mut self.buf);
            match ev {
                Ok(Event::Start(e)) => {
                    let e = e.into_owned();
                    self.start(&e, false)
                }
                Ok(Event::Empty(e)) => {
                    let e = e.into_owned();
                    self.start(&e, true)
                }
                Ok(Event::Text(t)) => {
                    let s = match t.unescape() {
                        Ok(s) => s.into_owned(),
                        Err(_) => String::from_utf8_lossy(&t).into_owned(),
                    };
                    self.text(&s)
                }
                Ok(Event::CData(c)) => {
                    let s = String::from_utf8_lossy(&c).into_owned();
                    self.text(&s)
                }
                Ok(Event::End(_)) => {
                    if let Some(it) = self.end() {
                        return Some(Ok(it));
                    }
                }
                Ok(Event::Eof) => {
                    self.done = true;
                    if self.item.is_some() {
                        return Some(Err(FeedError { offset: self.xml.buffer_position(), reason: "feed cut short inside an item".into() }));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(FeedError { offset: self.xml.buffer_position(), reason: format!("bad XML: {e}") }));
                }
            }
        }
        None
    }
}

/// An RFC 822 date (`Tue, 10 Jun 2003 04:00:00 GMT`) as ISO 8601
/// (`2003-06-10T04:00:00Z`); other strings are returned as they are.
pub fn iso_date(s: &str) -> String {
    rfc822(s).unwrap_or_else(|| s.trim().to_string())
}

fn rfc822(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let mut p = s.split_whitespace();
    let day: u32 = p.next()?.parse().ok()?;
    let mon = p.next()?.to_ascii_lowercase();
    let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| mon.starts_with(m))?
        + 1;
    let mut year: u32 = p.next()?.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let time = p.next()?;
    let hms: Vec<u32> = time.split(':').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    if !(2..=3).contains(&hms.len()) || day == 0 || day > 31 || hms[0] > 23 || hms[1] > 59 {
        return None;
    }
    let sec = hms.get(2).copied().unwrap_or(0);
    let zone = match p.next().unwrap_or("GMT") {
        "GMT" | "UT" | "UTC" | "Z" => "Z".to_string(),
        "EST" => "-05:00".into(),
        "EDT" => "-04:00".into(),
        "CST" => "-06:00".into(),
        "CDT" => "-05:00".into(),
        "MST" => "-07:00".into(),
        "MDT" => "-06:00".into(),
        "PST" => "-08:00".into(),
        "PDT" => "-07:00".into(),
        z if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) && z[1..].bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}:{}", &z[..3], &z[3..])
        }
        _ => return None,
    };
    Some(format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{sec:02}{zone}", hms[0], hms[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_full_text() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily</title>
<item><title>One</title><link>http://x/1</link><guid>g1</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
<description>short</description><content:encoded><![CDATA[<p>Full &amp; long</p>]]></content:encoded></item>
<item><title>Two &amp; more</title><description>&lt;b&gt;only&lt;/b&gt; summary</description></item></channel></rss>"#;
        let items: Vec<_> = FeedReader::new(rss.as_bytes(), 1 << 20).map(Result::unwrap).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].content, "<p>Full &amp; long</p>");
        assert_eq!((items[0].id.as_deref(), items[0].link.as_deref()), (Some("g1"), Some("http://x/1")));
        assert_eq!(items[0].feed_title.as_deref(), Some("Daily"));
        assert_eq!(iso_date(items[0].published.as_deref().unwrap()), "2003-06-10T04:00:00Z");
        assert_eq!(items[1].title.as_deref(), Some("Two & more"));
        assert_eq!(items[1].content, "<b>only</b> summary");
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title>
<entry><title>E</title><link rel="alternate" href="http://e/1"/><id>urn:1</id><updated>2025-01-02T03:04:05Z</updated>
<summary>s</summary><content type="html">&lt;p&gt;body&lt;/p&gt;</content></entry></feed>"#;
        let items: Vec<_> = FeedReader::new(atom.as_bytes(), 1 << 20).map(Result::unwrap).collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].content, "<p>body</p>");
        assert_eq!(items[0].link.as_deref(), Some("http://e/1"));
        assert_eq!(items[0].published.as_deref(), Some("2025-01-02T03:04:05Z"));
        assert_eq!(items[0].feed_title.as_deref(), Some("Site"));
    }

    #[test]
    fn broken_feed_keeps_items_before_the_break() {
        let rss = "<rss><channel><item><title>a</title><description>x</description></item><item><title>b</ti";
        let items: Vec<_> = FeedReader::new(rss.as_bytes(), 1 << 20).collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        assert!(items[1].is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date("Mon, 1 Dec 2025 10:30 +0100"), "2025-12-01T10:30:00+01:00");
        assert_eq!(iso_date("2025-12-01"), "2025-12-01");
    }
}
