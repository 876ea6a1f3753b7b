//! Normalisation that never loses the original.
//!
//! [`normalize`] rewrites typographic variants to the plain forms the tagger
//! was trained on (UD English-EWT) and keeps an alignment, so that every
//! offset or [`Span`] of the normalised text maps back to the original bytes
//! with [`Normalized::to_original`].
//!
//! | original | normalised |
//! |---|---|
//! | `“ ” „ ‟ « » ＂` | `"` |
//! | `‘ ’ ‚ ‛ ‹ ›` | `'` |
//! | `—` (em dash), `―` | `--` |
//! | `–` (en dash), `‐ ‑ ‒ −` | `-` |
//! | `…` | `...` |
//! | NBSP, thin, en/em, narrow and ideographic spaces | ` ` |
//! | `U+2028`, `U+2029`, `U+0085` | `\n` |
//! | zero-width space/joiners, word joiner, BOM, LRM/RLM, soft hyphen | removed |
//! | ligatures `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ` | `ff fi fl ffi ffl st st` |
//! | HTML entities (`&amp;`, `&quot;`, `&#8220;`, `&#x201C;`, `&nbsp;` ...) | the character, itself normalised |
//!
//! Link-stripping debris (a doubled comma `", ,"`, an orphan article before a
//! preposition as in `"released a on Friday"`) is *not* removed: it is listed
//! in [`Normalized::debris`] so that tokens can be flagged and later stages
//! can skip them.
//!
//! Pure-ASCII text without `&` takes a fast path: the text is copied and no
//! alignment is allocated.

use crate::Span;

/// One replaced region: `orig` bytes of the original became `norm` bytes of
/// the normalised text. Regions are sorted and disjoint; several may start
/// at the same normalised offset when some are pure removals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    orig_start: usize,
    orig_end: usize,
    norm_start: usize,
    norm_end: usize,
}

/// Which side of a replaced region an offset falling inside it maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bias {
    /// The offset starts a span: map to the start of the original region.
    Start,
    /// The offset ends a span: map to the end of the original region.
    End,
}

/// Normalised text plus the alignment back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Link-stripping debris, as byte spans of the normalised [`text`](Self::text),
    /// sorted and disjoint. Use [`Normalized::to_original`] for original spans.
    pub debris: Vec<Span>,
    /// Replaced regions; empty when the text is unchanged (fast path).
    edits: Vec<Edit>,
    /// Length of the original text.
    orig_len: usize,
}

impl Normalized {
    /// An empty value, to be filled by [`normalize_into`].
    pub fn new() -> Self {
        Self::default()
    }

    /// True when the normalised text is byte-identical to the original.
    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    /// Length in bytes of the original text.
    pub fn original_len(&self) -> usize {
        self.orig_len
    }

    /// Maps a byte offset of the normalised text (on a char boundary) to a
    /// byte offset of the original text (on a char boundary).
    ///
    /// Offsets inside a replaced region go to its start or end per `bias`;
    /// characters removed outright (zero-width, soft hyphen) belong to the
    /// span that ends before them.
    pub fn to_original_offset(&self, off: usize, bias: Bias) -> usize {
        let i = self.edits.partition_point(|e| e.norm_start <= off);
        self.map_at(off, bias, i)
    }

    /// Maps `off` given `i`, the number of edits starting at or before it.
    fn map_at(&self, off: usize, bias: Bias, i: usize) -> usize {
        if i == 0 {
            return off.min(self.orig_len);
        }
        let e = self.edits[i - 1];
        if e.norm_start == e.norm_end {
            // Pure removal at `off`: attach the removed text to what precedes.
            return e.orig_end + (off - e.norm_end);
        }
        if off == e.norm_start {
            e.orig_start
        } else if off < e.norm_end {
            match bias {
                Bias::Start => e.orig_start,
                Bias::End => e.orig_end,
            }
        } else {
            e.orig_end + (off - e.norm_end)
        }
    }

    /// True when `off` falls strictly inside a replaced region (as between
    /// the two dots that `…` became): no span should start or end there.
    pub fn is_inside_replacement(&self, off: usize) -> bool {
        let i = self.edits.partition_point(|e| e.norm_start < off);
        i > 0 && off < self.edits[i - 1].norm_end
    }

    /// Maps a span of the normalised text to the original text. The result
    /// always lies within the original and on char boundaries.
    pub fn to_original(&self, span: Span) -> Span {
        if self.edits.is_empty() {
            return span;
        }
        let start = self.to_original_offset(span.start, Bias::Start);
        let end = self.to_original_offset(span.end, Bias::End).max(start);
        Span { start, end }
    }

    /// [`to_original`](Self::to_original) for spans visited in increasing
    /// order: `cursor` (start it at 0) remembers where the last lookup
    /// ended, so a pass over all tokens costs O(tokens + edits).
    pub fn to_original_seq(&self, span: Span, cursor: &mut usize) -> Span {
        if self.edits.is_empty() {
            return span;
        }
        let mut advance = |off: usize| {
            if *cursor > 0 && self.edits[*cursor - 1].norm_start > off {
                *cursor = self.edits.partition_point(|e| e.norm_start <= off);
            }
            while *cursor < self.edits.len() && self.edits[*cursor].norm_start <= off {
                *cursor += 1;
            }
            *cursor
        };
        let i = advance(span.start);
        let start = self.map_at(span.start, Bias::Start, i);
        let i = advance(span.end);
        let end = self.map_at(span.end, Bias::End, i).max(start);
        Span { start, end }
    }

    /// The debris spans mapped to the original text.
    pub fn original_debris(&self) -> impl Iterator<Item = Span> + '_ {
        self.debris.iter().map(|&s| self.to_original(s))
    }

    fn clear(&mut self) {
        self.text.clear();
        self.debris.clear();
        self.edits.clear();
        self.orig_len = 0;
    }

    fn push_edit(&mut self, orig_start: usize, orig_end: usize, norm_start: usize) {
        let norm_end = self.text.len();
        self.edits.push(Edit { orig_start, orig_end, norm_start, norm_end });
    }
}

/// Normalises `text` (see the [module docs](self)).
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized::new();
    normalize_into(text, &mut out);
    out
}

/// Normalises `text` into `out`, reusing its buffers.
pub fn normalize_into(text: &str, out: &mut Normalized) {
    out.clear();
    out.orig_len = text.len();
    out.text.reserve(text.len());
    let bytes = text.as_bytes();
    if text.is_ascii() && memchr::memchr(b'&', bytes).is_none() {
        out.text.push_str(text);
    } else {
        normalize_slow(text, out);
    }
    find_debris(&out.text, &mut out.debris);
}

fn normalize_slow(text: &str, out: &mut Normalized) {
    let bytes = text.as_bytes();
    let mut copied = 0; // original bytes [0, copied) are already handled
    let mut i = 0;
    while i < bytes.len() {
        // Skip plain ASCII eight bytes at a time.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            let x = w ^ 0x2626_2626_2626_2626; // zero bytes where '&' was
            let amp = x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080;
            if (w & 0x8080_8080_8080_8080) | amp != 0 {
                break;
            }
            i += 8;
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 && b != b'&' {
            i += 1;
            continue;
        }
        if b == b'&' {
            if let Some((c, len)) = parse_entity(&text[i..]) {
                out.text.push_str(&text[copied..i]);
                let norm_start = out.text.len();
                if !push_mapped(c, &mut out.text) {
                    out.text.push(c);
                }
                out.push_edit(i, i + len, norm_start);
                i += len;
                copied = i;
            } else {
                i += 1;
            }
            continue;
        }
        // Non-ASCII: decode one char.
        let c = text[i..].chars().next().expect("char boundary");
        let len = c.len_utf8();
        if map_char(c).is_some() {
            out.text.push_str(&text[copied..i]);
            let norm_start = out.text.len();
            push_mapped(c, &mut out.text);
            out.push_edit(i, i + len, norm_start);
            copied = i + len;
        }
        i += len;
    }
    out.text.push_str(&text[copied..]);
}

/// The replacement of a character, or `None` when it is kept as is.
pub fn map_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{FF02}' => "\"",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' => "'",
        '\u{2014}' | '\u{2015}' => "--",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        c if is_ignorable(c) => "",
        _ => return None,
    })
}

/// True for characters normalisation removes outright: zero-width space,
/// (non-)joiners, word joiner, byte-order mark, direction marks, soft hyphen.
pub fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Pushes the replacement of `c`; false when `c` has none.
fn push_mapped(c: char, out: &mut String) -> bool {
    match map_char(c) {
        Some(r) => {
            out.push_str(r);
            true
        }
        None => false,
    }
}

/// Named HTML entities herald decodes (sorted by name).
static ENTITIES: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Eacute", 'É'),
    ("amp", '&'),
    ("apos", '\''),
    ("bdquo", '\u{201E}'),
    ("bull", '•'),
    ("cent", '¢'),
    ("copy", '©'),
    ("deg", '°'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euro", '€'),
    ("gt", '>'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("ldquo", '\u{201C}'),
    ("lsaquo", '\u{2039}'),
    ("lsquo", '\u{2018}'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("nbsp", '\u{00A0}'),
    ("ndash", '–'),
    ("pound", '£'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '\u{201D}'),
    ("reg", '®'),
    ("rsaquo", '\u{203A}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("shy", '\u{00AD}'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("yen", '¥'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Parses an HTML entity at the start of `s` (which starts with `&`):
/// the character and the entity's length in bytes. The `;` is required.
fn parse_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let semi = b.iter().take(12).position(|&x| x == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|x| x.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if num.is_empty() || num.len() > 7 || !num.bytes().all(|x| x.is_ascii_digit()) {
                return None;
            }
            num.parse().ok()?
        };
        if v == 0 {
            return None;
        }
        char::from_u32(v)?
    } else {
        let i = ENTITIES.binary_search_by(|(n, _)| (*n).cmp(body)).ok()?;
        ENTITIES[i].1
    };
    Some((c, semi + 1))
}

/// Prepositions and time words an article cannot directly precede.
static ORPHAN_FOLLOWERS: &[&str] = &[
    "about", "across", "after", "against", "amid", "among", "at", "before", "between", "by", "during",
    "for", "from", "in", "into", "of", "on", "onto", "since", "through", "to", "today", "tomorrow",
    "tonight", "toward", "towards", "until", "upon", "via", "with", "within", "without", "yesterday",
];

/// Finds link-stripping debris in normalised text: the second comma of
/// `", ,"` and an orphan article (`a`, `an`, `the`) directly followed by a
/// preposition or time word (`"released a on Friday"`).
pub fn find_debris(text: &str, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    // Doubled commas.
    for i in memchr::memchr_iter(b',', b) {
        let mut j = i + 1;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if j < b.len() && b[j] == b',' && !(j + 1 < b.len() && b[j + 1] == b',') {
            // ",," inside numbers ("1,,000") is debris too; ",,," runs are not.
            if i == 0 || b[i - 1] != b',' {
                out.push(Span::new(j, j + 1));
            }
        }
    }
    // Orphan articles: "a ", "an ", "the " found with a vectorised search.
    let is_word = |x: u8| x.is_ascii_alphanumeric() || x >= 0x80 || x == b'\'' || x == b'-' || x == b'_';
    for article in ["a ", "an ", "the "] {
        for i in memchr::memmem::find_iter(b, article.as_bytes()) {
            if i > 0 && is_word(b[i - 1]) {
                continue;
            }
            let k = i + article.len();
            let mut m = k;
            while m < b.len() && m - k < 12 && is_word(b[m]) {
                m += 1;
            }
            if m > k && (m == b.len() || !is_word(b[m])) && ORPHAN_FOLLOWERS.binary_search_by(|f| f.as_bytes().cmp(&b[k..m])).is_ok() {
                out.push(Span::new(i, k - 1));
            }
        }
    }
    out.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, normalised) pairs, one group per rule.
    const CASES: &[(&str, &[(&str, &str)])] = &[
        ("quotes", &[("“We” ‘are’", "\"We\" 'are'"), ("«non» „ja“", "\"non\" \"ja\""), ("Hamas’s", "Hamas's")]),
        ("dashes", &[("a — b", "a -- b"), ("1990–2000", "1990-2000"), ("e‐mail", "e-mail")]),
        ("spaces", &[("a\u{00A0}b", "a b"), ("a\u{2009}b", "a b"), ("a\u{200B}b", "ab"), ("\u{FEFF}x", "x")]),
        ("soft hyphen", &[("nego\u{00AD}tiations", "negotiations")]),
        ("ligatures", &[("ﬁrst ﬂoor", "first floor")]),
        ("ellipsis", &[("wait…", "wait...")]),
        (
            "entities",
            &[
                ("AT&amp;T", "AT&T"),
                ("&quot;x&quot;", "\"x\""),
                ("&#8220;x&#x201D;", "\"x\""),
                ("a&nbsp;b", "a b"),
                ("AT&T &foo; &#0; &#xZZ; & ;", "AT&T &foo; &#0; &#xZZ; & ;"),
            ],
        ),
    ];

    #[test]
    fn rules_normalise() {
        for (rule, examples) in CASES {
            for (input, want) in *examples {
                let n = normalize(input);
                assert_eq!(n.text, *want, "rule {rule}: {input:?}");
            }
        }
    }

    #[test]
    fn alignment_maps_back() {
        let orig = "“We are” — said &amp; done\u{200B}.";
        let n = normalize(orig);
        assert_eq!(n.text, "\"We are\" -- said & done.");
        let find = |s: &str| {
            let i = n.text.find(s).unwrap();
            n.to_original(Span::new(i, i + s.len())).slice(orig).to_string()
        };
        assert_eq!(find("\"We"), "“We");
        assert_eq!(find("are\""), "are”");
        assert_eq!(find("--"), "—");
        assert_eq!(find("&"), "&amp;");
        assert_eq!(find("done"), "done\u{200B}");
        assert_eq!(find("."), ".");
        // Inside a region: start and end bias.
        let i = n.text.find("--").unwrap();
        assert_eq!(n.to_original(Span::new(i + 1, i + 2)).slice(orig), "—");
    }

    #[test]
    fn ascii_fast_path_has_no_alignment() {
        let n = normalize("Plain ASCII text, no entities.");
        assert!(n.is_identity());
        assert_eq!(n.edits.capacity(), 0);
        assert_eq!(n.to_original(Span::new(3, 9)), Span::new(3, 9));
    }

    /// (text, debris substrings of the normalised text)
    const DEBRIS: &[(&str, &[&str])] = &[
        ("released a on Friday, in which", &["a"]),
        ("next week, , according to", &[","]),
        ("the on-off talks and a today", &["a"]),
        ("a deal on Friday; the end of it", &[]),
        ("1,000 and 2,500 people, in all", &[]),
        ("the U.S. and a statement", &[]),
    ];

    #[test]
    fn debris_is_marked_not_removed() {
        for (text, want) in DEBRIS {
            let n = normalize(text);
            assert_eq!(n.text, *text);
            let got: Vec<&str> = n.debris.iter().map(|s| s.slice(&n.text)).collect();
            assert_eq!(&got, want, "{text:?}");
        }
        let n = normalize("next week, , according to");
        let d: Vec<Span> = n.original_debris().collect();
        assert_eq!(d, vec![Span::new(11, 12)]);
    }
}
