//! Invariants of normalisation and segmentation over arbitrary text:
//! spans on char boundaries and inside the text, sentences ordered,
//! non-overlapping and tiling the text, tokens inside their sentence,
//! alignment mapping back inside the original.

use herald_text::normalize::normalize;
use herald_text::{Segmented, Segmenter, Span};
use proptest::prelude::*;

fn check_invariants(text: &str, seg: &Segmented) {
    if let Err(e) = seg.validate(text) {
        panic!("{e}\ntext: {text:?}");
    }
}

/// Normalisation alone: every normalised span maps inside the original.
fn check_alignment(text: &str) {
    let n = normalize(text);
    assert_eq!(n.original_len(), text.len());
    for i in n.text.char_indices().map(|(i, _)| i).chain(std::iter::once(n.text.len())) {
        let s = n.to_original(Span::new(0, i));
        assert!(s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.end));
        let s = n.to_original(Span::new(i, n.text.len()));
        assert!(s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start));
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

#[test]
fn validate_catches_broken_segmentations() {
    let text = "One “two”. Three é.";
    let s = Segmenter::new();
    let good = s.segment(text);
    assert!(good.validate(text).is_ok());
    let mut bad = good.clone();
    bad.tokens[1].span.start = 1; // overlaps token 0
    assert!(bad.validate(text).is_err());
    let mut bad = good.clone();
    bad.sentences.pop(); // last tokens in no sentence
    assert!(bad.validate(text).is_err());
    let mut bad = good.clone();
    let last = bad.tokens.len() - 2;
    bad.tokens[last].span.end -= 1; // inside 'é'
    assert!(bad.validate(text).is_err());
    assert!(good.validate("another text").is_err());
}
