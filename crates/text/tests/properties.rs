//! Invariants of normalisation and segmentation over arbitrary text:
//! spans on char boundaries and inside the text, sentences ordered,
//! non-overlapping and tiling the text, tokens inside their sentence,
//! alignment mapping back inside the original.

use herald_text::normalize::{is_ignorable, normalize, Bias};
use herald_text::{Segmented, Segmenter, Span};
use proptest::prelude::*;

/// Checks every invariant of `seg` for `text`; panics with a message.
pub fn check_invariants(text: &str, seg: &Segmented) {
    let ok = |s: Span, what: &str| {
        assert!(s.start <= s.end && s.end <= text.len(), "{what} {s:?} out of text (len {})", text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{what} {s:?} not on char boundaries");
    };
    let nt = &seg.normalized.text;
    // Tokens: valid, non-empty, ordered, non-overlapping.
    let mut prev_end = 0;
    for t in &seg.tokens {
        ok(t.span, "token");
        assert!(!t.span.is_empty(), "empty token {t:?}");
        assert!(t.span.start >= prev_end, "tokens overlap or are unordered at {t:?}");
        prev_end = t.span.end;
        assert!(t.norm.end <= nt.len() && nt.is_char_boundary(t.norm.start) && nt.is_char_boundary(t.norm.end));
        assert!(!seg.form(t).is_empty());
        assert!(!seg.form(t).chars().any(char::is_whitespace), "form with whitespace: {:?}", seg.form(t));
    }
    // Sentences: contiguous token ranges, ordered, non-overlapping.
    let mut next_tok = 0;
    let mut prev_end = 0;
    for (i, s) in seg.sentences.iter().enumerate() {
        ok(s.span, "sentence");
        assert!(!s.tokens.is_empty(), "empty sentence {i}");
        assert_eq!(s.tokens.start, next_tok, "sentence {i} token range not contiguous");
        next_tok = s.tokens.end;
        assert!(s.span.start >= prev_end, "sentence {i} overlaps the previous one");
        prev_end = s.span.end;
        let toks = seg.sentence_tokens(s);
        assert_eq!(s.span.start, toks[0].span.start);
        assert_eq!(s.span.end, toks[toks.len() - 1].span.end);
        for t in toks {
            assert!(s.span.contains(t.span), "token {t:?} outside sentence {i}");
        }
        let p = &seg.paragraphs[s.paragraph];
        assert!(p.sentences.contains(&i) && p.span.contains(s.span), "sentence {i} not in its paragraph");
    }
    assert_eq!(next_tok, seg.tokens.len(), "tokens outside every sentence");
    // Paragraphs: contiguous sentence ranges.
    let mut next_sent = 0;
    for p in &seg.paragraphs {
        ok(p.span, "paragraph");
        assert_eq!(p.sentences.start, next_sent);
        assert!(!p.sentences.is_empty());
        next_sent = p.sentences.end;
    }
    assert_eq!(next_sent, seg.sentences.len());
    // Tiling, normalised side: every non-whitespace char is in a token.
    let mut ti = 0;
    for (i, c) in nt.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        while ti < seg.tokens.len() && seg.tokens[ti].norm.end <= i {
            ti += 1;
        }
        assert!(ti < seg.tokens.len() && seg.tokens[ti].norm.start <= i, "normalised char {c:?} at {i} in no token");
    }
    // Tiling, original side: every non-whitespace, non-ignorable char lies in
    // a sentence (entities may decode to whitespace, so only without '&').
    if !text.contains('&') {
        let mut si = 0;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() || is_ignorable(c) {
                continue;
            }
            while si < seg.sentences.len() && seg.sentences[si].span.end <= i {
                si += 1;
            }
            assert!(si < seg.sentences.len() && seg.sentences[si].span.start <= i, "char {c:?} at {i} in no sentence");
        }
    }
}

/// Normalisation alignment: every normalised char boundary maps, with both
/// biases, onto an original char boundary, monotonically.
fn check_alignment(text: &str) {
    let n = normalize(text);
    assert_eq!(n.original_len(), text.len());
    let mut last = (0, 0);
    for i in n.text.char_indices().map(|(i, _)| i).chain(std::iter::once(n.text.len())) {
        let a = n.to_original_offset(i, Bias::Start);
        let b = n.to_original_offset(i, Bias::End);
        assert!(a <= text.len() && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b));
        assert!(a >= last.0 && b >= last.1, "alignment not monotonic at {i}");
        last = (a, b);
        let s = n.to_original(Span::new(0, i));
        assert!(s.start <= s.end && s.end <= text.len());
    }
    assert_eq!(n.to_original(Span::new(n.text.len(), n.text.len())).end, text.len().min(n.to_original_offset(n.text.len(), Bias::End)));
    for d in n.original_debris() {
        assert!(d.end <= text.len() && text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
    }
}

/// Pieces of news-like and hostile text.
const PIECES: &[&str] = &[
    "Hamas", "U.S.", " officials", " left", ".", " ", "  ", "\n", "\n\n", "\r\n", "\t", "“", "”", "‘", "’", "\"", "'s",
    "n't", "don't", "—", "–", "-", "--", "...", "…", "?!", "?", "!", ",", ", ,", " a on", "(AP)", "Gen.", "J.", " 3.5",
    "1,000", "e-mail", "search-engine", "https://x.org/a.b?c=d.", "a@b.com", "&amp;", "&quot;", "&#8220;", "&nbsp;",
    "&#x200B;", "&#10;", "&", "\u{200B}", "\u{00AD}", "\u{FEFF}", "\u{00A0}", "ﬁ", "🎉", "👍🏽", "e\u{301}", "مرحبا",
    "שלום", "\u{0}", "\u{7}", "\u{85}", "\u{2028}", ":)", "'67", "80's", "- item", "• item", "1.", "The", " he", "gonna",
    "Mr.", "etc.", "i.e.", "No.", " 5", "9/11", "5:30pm",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        let seg = Segmenter::new().segment(&text);
        check_invariants(&text, &seg);
        check_alignment(&text);
    }

    #[test]
    fn news_like_pieces(text in news_like()) {
        let seg = Segmenter::new().segment(&text);
        check_invariants(&text, &seg);
        check_alignment(&text);
    }

    #[test]
    fn segment_into_matches_segment(a in news_like(), b in news_like()) {
        let s = Segmenter::new();
        let mut out = Segmented::new();
        s.segment_into(&a, &mut out);
        s.segment_into(&b, &mut out);
        let fresh = s.segment(&b);
        prop_assert_eq!(&out.tokens, &fresh.tokens);
        prop_assert_eq!(&out.sentences, &fresh.sentences);
        prop_assert_eq!(&out.paragraphs, &fresh.paragraphs);
    }
}

/// Deterministic pseudo-random text of about `len` bytes from `PIECES`.
fn generated(len: usize, seed: u64, newlines: bool) -> String {
    let mut x = seed;
    let mut s = String::with_capacity(len + 64);
    while s.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let p = PIECES[(x % PIECES.len() as u64) as usize];
        if !newlines && (p.contains(['\n', '\r', '\u{85}', '\u{2028}']) || p == "&#10;") {
            continue;
        }
        s.push_str(p);
    }
    s
}

#[test]
fn edge_cases() {
    for text in ["", " ", "\n\n\n", "\u{200B}", "&nbsp;", ".", "...", "“", "a", "🎉", "\u{0}", "&#0;", "&#xFFFFFFF;", "- ", "e\u{301}\u{301}"] {
        let seg = Segmenter::new().segment(text);
        check_invariants(text, &seg);
        check_alignment(text);
    }
}

#[test]
fn one_megabyte_single_line() {
    let text = generated(1 << 20, 0x9E37_79B9_7F4A_7C15, false);
    let seg = Segmenter::new().segment(&text);
    assert_eq!(seg.paragraphs.len(), 1);
    check_invariants(&text, &seg);
}

#[test]
fn one_megabyte_without_spaces() {
    // One enormous chunk: no whitespace at all.
    let text: String = generated(1 << 20, 42, false).chars().filter(|c| !c.is_whitespace()).collect();
    let seg = Segmenter::new().segment(&text);
    check_invariants(&text, &seg);
}

/// Not quadratic: 10 MB on one line must simply finish.
#[test]
fn ten_megabytes_single_line_finishes() {
    let text = generated(10 << 20, 7, false);
    let seg = Segmenter::new().segment(&text);
    assert!(seg.tokens.len() > 1_000_000);
    let abbrevs = "etc. The ".repeat(1 << 20);
    let seg = Segmenter::new().segment(&abbrevs);
    assert_eq!(seg.sentences.len(), (1 << 20) + 1);
}
