use serde::{Deserialize, Serialize};

/// One news article (or any text) as it enters herald.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Caller's identifier (file name, JSONL `id`, WARC record id...).
    pub id: String,
    /// The original text, never modified.
    pub text: String,
    /// Headline, when known apart from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the document came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Publication date or datetime (ISO 8601), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self { id: id.into(), text: text.into(), ..Default::default() }
    }
}

/// A half-open byte range `[start, end)` into a document's original text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A new span; `start <= end` is the caller's promise.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Converts byte offsets of one text into Unicode character (code point)
/// offsets, the unit every herald output uses (Python's `text[start:end]`).
#[derive(Debug, Clone)]
pub struct CharMap {
    /// `None` when the text is pure ASCII (bytes == chars).
    chars_before: Option<Vec<u32>>,
}

impl CharMap {
    /// Builds the map for `text` (O(n), free for ASCII text).
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self { chars_before: None };
        }
        // v[i] = number of characters that start before byte i.
        let mut v = Vec::with_capacity(text.len() + 1);
        let mut count = 0u32;
        for b in text.bytes() {
            v.push(count);
            if (b & 0xC0) != 0x80 {
                count += 1;
            }
        }
        v.push(count);
        Self { chars_before: Some(v) }
    }
    /// Character offset of a byte offset that lies on a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        match &self.chars_before {
            None => byte,
            Some(v) => v[byte] as usize,
        }
    }
    /// `[start, end)` in characters.
    pub fn span(&self, span: Span) -> [usize; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_python_slicing() {
        let text = "“We are” — é 🎉 done";
        let map = CharMap::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_offset(bi), ci);
        }
        assert_eq!(map.char_offset(text.len()), text.chars().count());
        let ascii = CharMap::new("plain");
        assert_eq!(ascii.span(Span::new(1, 3)), [1, 3]);
    }
}
