//! Segmentation into paragraphs, sentences and tokens.
//!
//! A [`Segmenter`] is built once (it holds the abbreviation and
//! sentence-starter tables), is immutable and `Sync`, and can be shared by
//! every thread. [`Segmenter::segment_into`] reuses the buffers of a
//! [`Segmented`], the per-thread worker state.
//!
//! The text is first [normalised](mod@crate::normalize); segmentation runs on the
//! normalised text and every span is mapped back to the *original* bytes.
//! A token's normalised form (what the tagger sees: `“` → `"`, `’s` → `'s`)
//! is [`Segmented::form`].
//!
//! Tokens follow UD English-EWT: clitics split (`do|n't`, `Hamas|'s`,
//! `I|'m`, `gon|na`, `can|not`), hyphenated words split (`search|-|engine`)
//! except after a few prefixes EWT keeps (`e-mail`, `non-violence`) and in
//! phone numbers, abbreviations keep their period (`U.S.`, `Gen.`), numbers
//! keep their commas and decimals, URLs and e-mail addresses stay whole,
//! runs of dashes, dots, `?`/`!` are one token.
//!
//! ```
//! use herald_text::segment::Segmenter;
//! let text = "U.S. officials left. The talks didn’t resume.";
//! let seg = Segmenter::new().segment(text);
//! assert_eq!(seg.sentences.len(), 2);
//! let forms: Vec<&str> = seg.tokens.iter().map(|t| seg.form(t)).collect();
//! assert_eq!(forms, ["U.S.", "officials", "left", ".", "The", "talks", "did", "n't", "resume", "."]);
//! // Spans slice the original text; forms are normalised.
//! assert_eq!(seg.tokens[7].span.slice(text), "n’t");
//! ```

use std::ops::Range;

use crate::normalize::{normalize_into, Normalized};
use crate::tables::{ABBREV_EWT, MWT_SPLITS, SENT_STARTERS};
use crate::Span;

/// Coarse class of a token, decided while tokenising.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, internal periods or apostrophes),
    /// including abbreviations such as `U.S.` and clitics such as `'s`.
    Word,
    /// Starts with a digit: `3.5`, `1,000`, `9/11`, `5:30`, `713-853-3989`.
    Number,
    /// Punctuation: `.`, `,`, `"`, `--`, `...`, `?!`, brackets.
    Punct,
    /// Any other symbol: `$`, `%`, `&`, emoji...
    Symbol,
    /// A URL (`https://...`, `www....`).
    Url,
    /// An e-mail address.
    Email,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the original text (for a clitic, the clitic's part).
    pub span: Span,
    /// Bytes of [`Segmented::normalized`]`.text`: the normalised form
    /// (see [`Segmented::form`]).
    pub norm: Span,
    /// Whitespace (or the end of the text) follows the token.
    pub space_after: bool,
    /// Link-stripping debris (an orphan article, a doubled comma):
    /// later stages should skip the token.
    pub debris: bool,
    /// Coarse class.
    pub kind: TokenKind,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the original text, from its first to its last token.
    pub span: Span,
    /// Its tokens, as indices into [`Segmented::tokens`].
    pub tokens: Range<usize>,
    /// Index of its paragraph in [`Segmented::paragraphs`].
    pub paragraph: usize,
}

/// One paragraph: a line, or lines joined by a hard wrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Bytes of the original text, from its first to its last token.
    pub span: Span,
    /// Its sentences, as indices into [`Segmented::sentences`].
    pub sentences: Range<usize>,
}

/// The result of segmenting one text; reusable across texts with
/// [`Segmenter::segment_into`].
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in text order; they tile the text (every character that is
    /// neither whitespace nor [ignorable](crate::normalize::is_ignorable)
    /// lies in exactly one sentence).
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// The normalised text and its alignment to the original.
    pub normalized: Normalized,
    /// Scratch buffers reused across calls.
    scratch: Scratch,
}

#[derive(Debug, Clone, Default)]
struct Scratch {
    raw: Vec<Raw>,
    bounds: Vec<usize>,
    spare: Vec<Raw>,
}

impl Segmented {
    /// An empty value, to be filled by [`Segmenter::segment_into`].
    pub fn new() -> Self {
        Self::default()
    }
    /// The normalised form of a token (`“` → `"`, `’s` → `'s`, `&amp;` → `&`).
    pub fn form(&self, token: &Token) -> &str {
        token.norm.slice(&self.normalized.text)
    }
    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }
    fn clear(&mut self) {
        self.paragraphs.clear();
        self.sentences.clear();
        self.tokens.clear();
    }
}

/// Titles before a name: a period after them never ends a sentence.
static TITLES: &[&str] = &[
    "Adm", "Amb", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Fr", "Gen", "Gov", "Hon", "Insp", "Lt",
    "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Supt",
];

/// Abbreviations the sentence goes on after (`P.S. I am`, `e.g. The`).
static CONTINUING: &[&str] = &["P.S", "a.k.a", "cf", "e.g", "i.e", "vs"];

/// Abbreviations of news text besides EWT's (case-sensitive; a period after
/// them is part of the token).
static ABBREV_NEWS: &[&str] = &[
    "Ala", "Apr", "Ariz", "Ark", "Assn", "Aug", "Ave", "Bros", "Calif", "Cf", "Co", "Colo", "Conn", "Corp",
    "Dec", "Del", "Dept", "Esq", "Feb", "Fig", "Fla", "Fri", "Ft", "Ga", "Ill", "Inc", "Ind", "Jan", "Jr", "Jul",
    "Jun", "Kan", "Ky", "La", "Ltd", "Mass", "Md", "Mich", "Minn", "Mo", "Mon", "Mont", "Neb", "Nev", "No",
    "Nos", "Nov", "Oct", "Okla", "Ore", "Pa", "Pl", "Rd", "Sat", "Sep", "Sept", "Sr", "St", "Sun", "Tenn",
    "Tex", "Thu", "Thur", "Thurs", "Tue", "Tues", "Univ", "Va", "Vol", "Vs", "Vt", "Wed", "Wis", "Wyo", "al",
    "approx", "cf", "est", "etc", "ext", "fig", "figs", "no", "nos", "pp", "tel", "vol", "vs",
];

/// Lowercased prefixes EWT keeps attached by their hyphen (`e-mail`, `non-stop`).
static HYPHEN_PREFIXES: &[&str] = &[
    "anti", "arch", "co", "counter", "cross", "e", "ex", "intra", "mid", "multi", "neo", "non", "over", "post",
    "pre", "pro", "psycho", "re", "semi", "socio", "sub",
];

/// Suffixes that stay on a number (`1980s`, `3rd`).
static NUMBER_SUFFIXES: &[&str] = &["s", "st", "nd", "rd", "th"];

/// Builds and holds the segmentation tables; immutable and `Sync`.
#[derive(Debug, Clone)]
pub struct Segmenter {
    /// Abbreviations without their final period, sorted.
    abbrevs: Vec<&'static str>,
    /// Lowercased sentence starters, sorted.
    starters: Vec<&'static str>,
    /// Quick filter for [`MWT_SPLITS`] (see [`mwt_key`]).
    mwt_filter: Vec<bool>,
}

/// Key of a word in the apostrophe-less contraction filter: a hash of its
/// ASCII-lowercased bytes into 4096 buckets.
fn mwt_key(w: &[u8]) -> usize {
    let h = w.iter().fold(w.len() as u64, |h, &b| (h ^ (b | 0x20) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    (h >> 52) as usize
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

/// A token as found in the normalised text.
#[derive(Debug, Clone, Copy)]
struct Raw {
    start: usize,
    end: usize,
    kind: TokenKind,
}

impl Segmenter {
    /// Builds the tables (EWT-derived abbreviations and sentence starters,
    /// news abbreviations and titles).
    pub fn new() -> Self {
        let mut abbrevs: Vec<&'static str> = ABBREV_EWT
            .iter()
            .filter_map(|a| a.strip_suffix('.'))
            .chain(ABBREV_NEWS.iter().copied())
            .chain(TITLES.iter().copied())
            .collect();
        abbrevs.sort_unstable();
        abbrevs.dedup();
        let mut starters: Vec<&'static str> = SENT_STARTERS.to_vec();
        starters.sort_unstable();
        let mut mwt_filter = vec![false; 1 << 12];
        for (w, _) in MWT_SPLITS {
            mwt_filter[mwt_key(w.as_bytes())] = true;
        }
        Self { abbrevs, starters, mwt_filter }
    }

    /// Segments `text` into paragraphs, sentences and tokens.
    pub fn segment(&self, text: &str) -> Segmented {
        let mut out = Segmented::new();
        self.segment_into(text, &mut out);
        out
    }

    /// Segments `text` into `out`, reusing its buffers.
    pub fn segment_into(&self, text: &str, out: &mut Segmented) {
        out.clear();
        normalize_into(text, &mut out.normalized);
        let Segmented { paragraphs, sentences, tokens, normalized, scratch } = out;
        let Scratch { raw, bounds, spare } = scratch;
        let nt = normalized.text.as_str();
        let mut cursor = 0;
        for (ps, pe) in ParagraphIter::new(nt) {
            raw.clear();
            self.tokenize(nt, ps, pe, raw);
            if raw.is_empty() {
                continue;
            }
            if !normalized.is_identity() {
                merge_split_replacements(normalized, raw);
            }
            bounds.clear();
            self.sentence_bounds(nt, raw, bounds);
            split_final_abbrevs(nt, raw, bounds, spare);
            let first_tok = tokens.len();
            let para_idx = paragraphs.len();
            let first_sent = sentences.len();
            for r in raw.iter() {
                let norm = Span::new(r.start, r.end);
                let space_after = match nt.as_bytes().get(r.end) {
                    None => true,
                    Some(&x) if x < 0x80 => ASCII_CLASS[x as usize] == WS,
                    Some(_) => char_at(nt, r.end).is_whitespace(),
                };
                let span = normalized.to_original_seq(norm, &mut cursor);
                tokens.push(Token { span, norm, space_after, debris: false, kind: r.kind });
            }
            let mut s = 0;
            for &e in bounds.iter().chain(std::iter::once(&raw.len())) {
                if e <= s {
                    continue;
                }
                let span = normalized.to_original(Span::new(raw[s].start, raw[e - 1].end));
                sentences.push(Sentence { span, tokens: first_tok + s..first_tok + e, paragraph: para_idx });
                s = e;
            }
            let span = normalized.to_original(Span::new(raw[0].start, raw[raw.len() - 1].end));
            paragraphs.push(Paragraph { span, sentences: first_sent..sentences.len() });
        }
        // Flag debris tokens (both lists are sorted).
        let mut d = 0;
        let debris = &normalized.debris;
        for t in tokens.iter_mut() {
            while d < debris.len() && debris[d].end <= t.norm.start {
                d += 1;
            }
            if d < debris.len() && debris[d].start < t.norm.end {
                t.debris = true;
            }
        }
    }

    fn is_abbrev(&self, w: &str) -> bool {
        self.abbrevs.binary_search(&w).is_ok()
    }

    fn is_starter(&self, w: &str) -> bool {
        let mut buf = [0u8; 24];
        if w.len() > buf.len() || !w.is_ascii() {
            return false;
        }
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        let lw = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
        self.starters.binary_search(&lw).is_ok()
    }

    // ----------------------------------------------------------------------
    // Tokenisation

    /// Tokenises normalised text `t[s..e]` into `out`.
    fn tokenize(&self, t: &str, s: usize, e: usize, out: &mut Vec<Raw>) {
        let b = t.as_bytes();
        let mut i = s;
        while i < e {
            let c = b[i];
            if c < 0x80 {
                if ASCII_CLASS[c as usize] == WS {
                    i += 1;
                    continue;
                }
            } else {
                let ch = char_at(t, i);
                if ch.is_whitespace() {
                    i += ch.len_utf8();
                    continue;
                }
            }
            // A chunk: maximal run of non-whitespace.
            let mut j = i;
            while j < e {
                let c = b[j];
                if c < 0x80 {
                    if ASCII_CLASS[c as usize] == WS {
                        break;
                    }
                    j += 1;
                } else {
                    let ch = char_at(t, j);
                    if ch.is_whitespace() {
                        break;
                    }
                    j += ch.len_utf8();
                }
            }
            self.tokenize_chunk(t, i, j, out);
            i = j;
        }
    }

    fn tokenize_chunk(&self, t: &str, s: usize, e: usize, out: &mut Vec<Raw>) {
        let b = t.as_bytes();
        let mut p = s;
        while p < e {
            let c = char_at(t, p);
            let cl = c.len_utf8();
            if is_word_char(c) {
                if let Some(q) = url_end(t, p, e) {
                    out.push(Raw { start: p, end: q, kind: TokenKind::Url });
                    p = q;
                    continue;
                }
                let (mut q, has_at, has_hyphen) = scan_word(t, p, e);
                if q < e && b[q] == b'.' && !has_at && (q + 1 == e || b[q + 1] != b'.') && self.period_attaches(&t[p..q], t, q + 1) {
                    q += 1;
                }
                if has_at && t[p..q].contains('.') {
                    let q = trim_trailing(t, p, q);
                    out.push(Raw { start: p, end: q, kind: TokenKind::Email });
                    p = q;
                    continue;
                }
                if has_hyphen {
                    self.split_word(t, p, q, out);
                } else {
                    self.split_clitics(t, p, q, out);
                }
                p = q;
                continue;
            }
            if matches!(c, ':' | ';' | '=') {
                if let Some(q) = [3, 2].into_iter().map(|n| p + n).find(|&q| {
                    q <= e && t.is_char_boundary(q) && is_emoticon(&t[p..q]) && (q == e || !is_word_char(char_at(t, q)))
                }) {
                    out.push(Raw { start: p, end: q, kind: TokenKind::Symbol });
                    p = q;
                    continue;
                }
            }
            if c == '\'' && p + 2 < e && b[p + 1].is_ascii_digit() && b[p + 2].is_ascii_digit() && (p + 3 == e || !b[p + 3].is_ascii_digit()) {
                // '67, '90s
                let (q, _, _) = scan_word(t, p + 1, e);
                out.push(Raw { start: p, end: q, kind: TokenKind::Number });
                p = q;
                continue;
            }
            let q = match c {
                '.' if p + 1 < e && b[p + 1].is_ascii_digit() && (p == s || !is_word_char(char_before(t, p))) => {
                    // ".5"
                    let (q, _, _) = scan_word(t, p + 1, e);
                    out.push(Raw { start: p, end: q, kind: TokenKind::Number });
                    p = q;
                    continue;
                }
                '-' | '.' | '=' | '*' | '~' | '#' | '+' | '<' | '>' | '|' | '^' | '/' | '\\' | ':' | ',' | ';' | '$' => {
                    let mut q = p + 1;
                    while q < e && b[q] == c as u8 {
                        q += 1;
                    }
                    q
                }
                '?' | '!' => {
                    let mut q = p + 1;
                    while q < e && (b[q] == b'?' || b[q] == b'!') {
                        q += 1;
                    }
                    q
                }
                _ => {
                    // One char plus any combining marks / variation selectors.
                    let mut q = p + cl;
                    while q < e {
                        let m = char_at(t, q);
                        if !is_mark(m) {
                            break;
                        }
                        q += m.len_utf8();
                    }
                    q
                }
            };
            let kind = if c.is_ascii_punctuation() && !matches!(c, '$' | '%' | '&' | '+' | '<' | '>' | '=' | '^' | '|' | '~' | '`' | '#' | '@' | '*' | '/' | '\\')
                || matches!(c, '¿' | '¡' | '·' | '•')
            {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            out.push(Raw { start: p, end: q, kind });
            p = q;
        }
    }

    /// Does the period after word `w` belong to it (`U.S.`, `Gen.`, `J.`)?
    fn period_attaches(&self, w: &str, t: &str, after: usize) -> bool {
        // "R-Ariz.": judge the part after the last hyphen.
        let w = w.rsplit('-').next().unwrap_or(w);
        if w.is_empty() {
            return false;
        }
        // "U.S", "a.m", "e.g", "Ph.D": dotted short segments.
        if w.contains('.') {
            return w.split('.').all(|seg| !seg.is_empty() && seg.len() <= 3 && seg.chars().all(char::is_alphabetic));
        }
        if self.is_abbrev(w) {
            // "no." is an abbreviation only before a number.
            if w == "no" || w == "No" {
                let mut k = after;
                while k < t.len() && t.as_bytes()[k] == b' ' {
                    k += 1;
                }
                return k < t.len() && t.as_bytes()[k].is_ascii_digit() && k > after;
            }
            return true;
        }
        // A single capital letter: an initial.
        let mut cs = w.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase() || (c.is_lowercase() && c != 'a' && c != 'i'))
    }

    /// Splits hyphenated word `t[p..q]` per EWT, then its clitics.
    fn split_word(&self, t: &str, p: usize, q: usize, out: &mut Vec<Raw>) {
        let w = &t[p..q];
        // Phone numbers stay whole: 713-853-3989, 345-9945.
        let segs = w.split('-').count();
        if w.split('-').all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())) {
            let mut it = w.split('-');
            let (a, b) = (it.next().unwrap_or(""), it.next().unwrap_or(""));
            if segs >= 3 || (b.len() == 4 && (a.len() <= 3 || a.len() == 5)) {
                out.push(Raw { start: p, end: q, kind: TokenKind::Number });
                return;
            }
        }
        let mut a = p;
        while a < q {
            let mut z = t[a..q].find('-').map_or(q, |k| a + k);
            if z < q && is_hyphen_prefix(&t[a..z]) {
                // "e-mail": skip the hyphen after the prefix.
                z = t[z + 1..q].find('-').map_or(q, |k| z + 1 + k);
            }
            if z > a {
                self.split_clitics(t, a, z, out);
            }
            if z < q {
                out.push(Raw { start: z, end: z + 1, kind: TokenKind::Punct });
            }
            a = z + 1;
        }
    }

    /// Splits clitics off `t[p..q]`: `n't`, `'s`, `'m`, `'d`, `'ll`, `'re`,
    /// `'ve`, apostrophe-less contractions (`dont`, `gonna`, `cannot`) and
    /// unit suffixes of numbers (`5pm` → `5 pm`).
    fn split_clitics(&self, t: &str, p: usize, q: usize, out: &mut Vec<Raw>) {
        let w = &t[p..q];
        let wb = w.as_bytes();
        let n = wb.len();
        let kind = if wb[0].is_ascii_digit() { TokenKind::Number } else { TokenKind::Word };
        let lower_end = |k: usize, suf: &str| n > k && wb[n - k..].eq_ignore_ascii_case(suf.as_bytes());
        let apostrophe = n > 2 && (wb[n - 2] == b'\'' || wb[n - 3] == b'\'');
        let cut = if apostrophe && lower_end(3, "n't") && n > 3 {
            Some(n - 3)
        } else if apostrophe && wb[n - 2] == b'\'' && matches!(wb[n - 1] | 0x20, b's' | b'm' | b'd') && !wb[n - 3].is_ascii_digit() {
            Some(n - 2)
        } else if apostrophe && n > 3 && (lower_end(3, "'ll") || lower_end(3, "'re") || lower_end(3, "'ve")) {
            Some(n - 3)
        } else if kind == TokenKind::Word
            && (2..=7).contains(&n)
            && self.mwt_filter[mwt_key(wb)]
            && wb.iter().all(u8::is_ascii_alphabetic)
            && !wb.iter().all(u8::is_ascii_uppercase)
        {
            let mut buf = [0u8; 7];
            for (d, s) in buf.iter_mut().zip(wb) {
                *d = s.to_ascii_lowercase();
            }
            let lw = std::str::from_utf8(&buf[..n]).unwrap_or("");
            MWT_SPLITS.binary_search_by(|(s, _)| (*s).cmp(lw)).ok().map(|i| MWT_SPLITS[i].1)
        } else if kind == TokenKind::Number {
            // Digits (with separators) then letters: split unless ordinal/plural.
            let k = wb.iter().position(|b| b.is_ascii_alphabetic());
            match k {
                Some(k) if wb[k..].iter().all(u8::is_ascii_alphabetic) && wb[k - 1].is_ascii_digit() => {
                    let suf = &w[k..];
                    if NUMBER_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(suf)) {
                        None
                    } else {
                        Some(k)
                    }
                }
                _ => None,
            }
        } else {
            None
        };
        match cut {
            Some(k) if k > 0 && k < n => {
                out.push(Raw { start: p, end: p + k, kind });
                out.push(Raw { start: p + k, end: q, kind: TokenKind::Word });
            }
            _ => out.push(Raw { start: p, end: q, kind }),
        }
    }

    // ----------------------------------------------------------------------
    // Sentences

    /// Fills `bounds` with the indices of the raw tokens that open a new
    /// sentence (besides the first).
    fn sentence_bounds(&self, t: &str, raw: &[Raw], bounds: &mut Vec<usize>) {
        let form = |i: usize| &t[raw[i].start..raw[i].end];
        let attached = |i: usize| raw[i].start == raw[i - 1].end;
        let mut sent_start = 0;
        let mut i = 0;
        while i < raw.len() {
            let first = t.as_bytes()[raw[i].start];
            let term = if matches!(first, b'.' | b'?' | b'!' | b':' | b';' | b'=') || t.as_bytes()[raw[i].end - 1] == b'.' {
                terminal_kind(form(i), raw[i].kind)
            } else {
                Term::None
            };
            if term == Term::None {
                if i + 1 < raw.len() && self.soft_boundary(t, raw, sent_start, i) {
                    bounds.push(i + 1);
                    sent_start = i + 1;
                }
                i += 1;
                continue;
            }
            // Absorb closing quotes/brackets, further terminal marks and
            // emoticons: `obligations.”`, `(gone?).`, `parrots? ?`, `great! :)`.
            let mut j = i + 1;
            let mut closed = false;
            while j < raw.len() {
                let g = form(j);
                let gt = terminal_kind(g, raw[j].kind);
                if attached(j) && is_closer(g) {
                    closed = true;
                } else if !(matches!(gt, Term::Strong | Term::Period | Term::Ellipsis) && (attached(j) || g.len() <= 3)) {
                    break;
                }
                j += 1;
            }
            if j < raw.len() && self.splits(t, raw, sent_start, i, term, j, closed) {
                bounds.push(j);
                sent_start = j;
            }
            i = j;
        }
    }

    /// Does a sentence end after the terminal token `i` (of class `term`),
    /// before token `j`? `closed`: a closing quote or bracket came between.
    #[allow(clippy::too_many_arguments)]
    fn splits(&self, t: &str, raw: &[Raw], sent_start: usize, i: usize, term: Term, j: usize, closed: bool) -> bool {
        let form = |k: usize| &t[raw[k].start..raw[k].end];
        let next = form(j);
        if matches!(next, "," | ";" | ":" | ")" | "]" | "}" | "%") {
            return false;
        }
        let c = next.chars().next().unwrap_or(' ');
        // After an opening quote or bracket, judge the word it opens.
        let (word, quoted) = if matches!(next, "\"" | "'" | "(" | "[") && j + 1 < raw.len() {
            (form(j + 1), true)
        } else {
            (next, false)
        };
        let wc = word.chars().next().unwrap_or(' ');
        let lower = c.is_lowercase() || (quoted && wc.is_lowercase());
        match term {
            Term::None => false,
            // "Why?" he asked: no; "bet? really": yes.
            Term::Strong => !lower || !closed,
            Term::Period => {
                // "1. item", "a) item": a list marker alone is no sentence.
                if i == sent_start + 1 && is_list_marker(form(sent_start)) && raw[sent_start].kind != TokenKind::Punct {
                    return false;
                }
                if !lower {
                    return true;
                }
                // Lowercase after a full stop (web text): a sentence ends
                // after an ordinary word, not after a quote or an initial.
                let prev = if i > sent_start { form(i - 1) } else { "" };
                !closed && !quoted && i > sent_start && raw[i - 1].kind == TokenKind::Word && prev.chars().count() >= 2
            }
            Term::Ellipsis => c.is_uppercase() || (quoted && wc.is_uppercase()),
            Term::Abbrev => {
                let f = form(i);
                let stem = &f[..f.len() - 1];
                if TITLES.binary_search(&stem).is_ok() || CONTINUING.binary_search(&stem).is_ok() {
                    return false;
                }
                wc.is_uppercase() && (word == "I" || self.is_starter(word))
            }
        }
    }

    /// Boundaries without final punctuation, after token `i`: a greeting or
    /// closing (`Hi David:` / `Best,` + capitalised word), an e-mail header's
    /// date and time, a URL or address followed by another or by a
    /// capitalised sentence starter.
    fn soft_boundary(&self, t: &str, raw: &[Raw], sent_start: usize, i: usize) -> bool {
        // Cheap byte-level filter first: most tokens qualify for no rule.
        let b = t.as_bytes();
        let (f0, n0, flen) = (b[raw[i].start], b[raw[i + 1].start], raw[i].end - raw[i].start);
        let candidate = matches!(raw[i].kind, TokenKind::Url | TokenKind::Email)
            || (flen == 1 && matches!(f0, b',' | b':' | b'>' | b')' | b']'))
            || f0.is_ascii_digit()
            || n0.is_ascii_digit()
            || (flen == 2 && matches!(f0 | 0x20, b'a' | b'p'));
        if !candidate {
            return false;
        }
        let form = |k: usize| &t[raw[k].start..raw[k].end];
        let next = form(i + 1);
        let next_cap = next.chars().next().is_some_and(char::is_uppercase);
        let next_starter = || next_cap && (next == "I" || self.is_starter(next));
        let f = form(i);
        // "<duffie@Stanford.EDU> Vince": judge the address inside brackets.
        let addr = if matches!(f, ">" | ")" | "]") && i > sent_start { raw[i - 1].kind } else { raw[i].kind };
        match addr {
            TokenKind::Url | TokenKind::Email => {
                return matches!(raw[i + 1].kind, TokenKind::Url | TokenKind::Email) || next_starter();
            }
            _ => {}
        }
        let fb = f.as_bytes();
        if fb.len() == 1 && (fb[0] == b',' || fb[0] == b':') && i > sent_start && i - sent_start <= 3 && next_cap {
            let first = form(sent_start);
            if !first.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            let lw = first.to_ascii_lowercase();
            if GREETINGS.contains(&lw.as_str()) {
                // "Best, Jeff" / "Hi David: Thought..." / "Dear Sir, We...".
                return f == "," || i - sent_start >= 2 || next_starter();
            }
            // "Vince, We are...": a name then a sentence.
            return i - sent_start == 1
                && raw[sent_start].kind == TokenKind::Word
                && !first.ends_with("ly")
                && next_starter()
                && !self.is_starter(first);
        }
        // E-mail headers: "Name@ENRON 06/12/2000 10:20 AM Richard,".
        let digit = |f: &str| f.as_bytes()[0].is_ascii_digit();
        if digit(next) && i + 2 < raw.len() && is_date(next) && is_time(form(i + 2)) && !f.chars().next().is_some_and(char::is_lowercase) {
            return true;
        }
        if !next_cap {
            return false;
        }
        let is_ampm = |f: &[u8]| f.len() == 2 && (f[1] | 0x20) == b'm' && matches!(f[0] | 0x20, b'a' | b'p');
        if is_ampm(next.as_bytes()) {
            return false;
        }
        let ampm = is_ampm(fb);
        let time_end = if ampm && i > sent_start && is_time(form(i - 1)) { i - 1 } else { i };
        digit(form(time_end)) && is_time(form(time_end)) && time_end > sent_start && is_date(form(time_end - 1))
    }
}

/// First words of greetings and closings that stand as their own sentence.
static GREETINGS: &[&str] = &["best", "cheers", "dear", "good", "hello", "hey", "hi", "love", "regards", "sincerely", "thanks"];

/// How a token may end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    /// Not at all.
    None,
    /// `?`, `!`, `?!`, an emoticon: ends unless a lowercase word follows.
    Strong,
    /// A lone `.`.
    Period,
    /// `..`, `...`.
    Ellipsis,
    /// A word with its period (`U.S.`, `etc.`).
    Abbrev,
}

fn terminal_kind(f: &str, kind: TokenKind) -> Term {
    let b = f.as_bytes();
    match b {
        [b'.'] => Term::Period,
        [b'.', ..] if b.iter().all(|&x| x == b'.') => Term::Ellipsis,
        [b'?' | b'!', ..] if b.iter().all(|&x| x == b'?' || x == b'!') => Term::Strong,
        [.., b'.'] if kind == TokenKind::Word && b.len() > 1 => Term::Abbrev,
        _ if kind == TokenKind::Symbol && is_emoticon(f) => Term::Strong,
        _ => Term::None,
    }
}

fn is_closer(f: &str) -> bool {
    matches!(f, "\"" | "'" | ")" | "]" | "}")
}

/// `:)`, `:-(`, `;)`, `:D`, `:P`...
fn is_emoticon(f: &str) -> bool {
    let rest = match f.as_bytes().split_first() {
        Some((b':' | b';' | b'=', r)) => r,
        _ => return false,
    };
    let rest = rest.strip_prefix(b"-").unwrap_or(rest);
    !rest.is_empty() && rest.len() <= 2 && rest.iter().all(|c| matches!(c, b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'|' | b']' | b'[' | b'O' | b'o'))
}

/// `06/12/2000`, `4/14/00`.
fn is_date(f: &str) -> bool {
    let mut n = 0;
    for part in f.split('/') {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        n += 1;
    }
    n == 3
}

/// `10:20`, `14:57:03`.
fn is_time(f: &str) -> bool {
    let mut n = 0;
    for part in f.split(':') {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        n += 1;
    }
    (2..=3).contains(&n)
}

/// EWT splits the period off an abbreviation that ends a sentence
/// (`etc.` → `etc` `.`): do so for the last word (before closing quotes or
/// brackets) of every sentence, shifting the sentence bounds.
fn split_final_abbrevs(t: &str, raw: &mut Vec<Raw>, bounds: &mut [usize], scratch: &mut Vec<Raw>) {
    let form = |r: &Raw| &t[r.start..r.end];
    // Index of the abbreviation to split at the end of each sentence.
    let last_abbrev = |raw: &[Raw], e: usize| {
        let mut k = e;
        while k > 0 && is_closer(form(&raw[k - 1])) {
            k -= 1;
        }
        (k > 0 && terminal_kind(form(&raw[k - 1]), raw[k - 1].kind) == Term::Abbrev).then(|| k - 1)
    };
    let n = raw.len();
    if !bounds.iter().chain(std::iter::once(&n)).any(|&e| last_abbrev(raw, e).is_some()) {
        return;
    }
    scratch.clear();
    let mut from = 0;
    let mut shift = 0;
    for bi in 0..=bounds.len() {
        let e = if bi < bounds.len() { bounds[bi] } else { n };
        if let Some(k) = last_abbrev(raw, e) {
            scratch.extend_from_slice(&raw[from..k]);
            let r = raw[k];
            scratch.push(Raw { start: r.start, end: r.end - 1, kind: r.kind });
            scratch.push(Raw { start: r.end - 1, end: r.end, kind: TokenKind::Punct });
            scratch.extend_from_slice(&raw[k + 1..e]);
            shift += 1;
        } else {
            scratch.extend_from_slice(&raw[from..e]);
        }
        from = e;
        if bi < bounds.len() {
            bounds[bi] += shift;
        }
    }
    std::mem::swap(raw, scratch);
}

/// Joins adjacent tokens whose boundary falls inside one replaced region
/// (`U.S…` read as `U.S.` + `..`): a span must not split an original char.
fn merge_split_replacements(n: &Normalized, raw: &mut Vec<Raw>) {
    let mut w = 0;
    for k in 0..raw.len() {
        if w > 0 && raw[w - 1].end == raw[k].start && n.is_inside_replacement(raw[k].start) {
            raw[w - 1].end = raw[k].end;
        } else {
            raw[w] = raw[k];
            w += 1;
        }
    }
    raw.truncate(w);
}

/// `1`, `12`, `a`, `IV`: what may number a list item.
fn is_list_marker(f: &str) -> bool {
    (f.len() <= 3 && f.bytes().all(|b| b.is_ascii_digit()))
        || (f.len() == 1 && f.bytes().all(|b| b.is_ascii_alphabetic()))
        || (f.len() <= 4 && f.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')))
}

fn is_hyphen_prefix(s: &str) -> bool {
    s.len() <= 7 && HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(s))
}

const WS: u8 = 1;
const WORD: u8 = 2;

/// Class of each ASCII byte: [`WS`] (what `char::is_whitespace` accepts),
/// [`WORD`] (letters, digits, `_`) or 0.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            WS
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Letters, digits, `_` and combining marks make words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (c as u32 >= 0x300 && is_mark(c))
}

/// Combining marks, variation selectors and emoji modifiers: they belong to
/// the character before them.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x0900..=0x0903
        | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963 | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

#[inline]
fn char_at(t: &str, i: usize) -> char {
    let b = t.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        t[i..].chars().next().unwrap_or('\u{FFFD}')
    }
}

fn char_before(t: &str, i: usize) -> char {
    t[..i].chars().next_back().unwrap_or(' ')
}

/// Scans a word from `p`: word chars joined by internal connectors
/// (`U.S`, `3.5`, `1,000`, `5:30`, `don't`, `e-mail`, `AT&T`, `9/11`, `a@b`).
/// Returns its end, whether it holds an `@` and whether a `-`.
fn scan_word(t: &str, p: usize, e: usize) -> (usize, bool, bool) {
    let b = t.as_bytes();
    let mut q = p;
    let mut has_at = false;
    let mut has_hyphen = false;
    let mut seg_start = p;
    loop {
        while q < e {
            let x = b[q];
            if x < 0x80 {
                if ASCII_CLASS[x as usize] != WORD {
                    break;
                }
                q += 1;
                continue;
            }
            let c = char_at(t, q);
            if !is_word_char(c) {
                break;
            }
            q += c.len_utf8();
        }
        if q + 1 >= e || q == p {
            return (q, has_at, has_hyphen);
        }
        let k = b[q];
        if !matches!(k, b'.' | b',' | b':' | b'/' | b'\'' | b'-' | b'&' | b'@') {
            return (q, has_at, has_hyphen);
        }
        let prev = char_before(t, q);
        let next = char_at(t, q + 1);
        if !is_word_char(next) {
            return (q, has_at, has_hyphen);
        }
        let joins = match k {
            b'.' => !missing_space(t, q, e, prev, next),
            b',' | b':' => prev.is_ascii_digit() && next.is_ascii_digit(),
            b'/' => {
                // 9/11, 06/12/2000; b/c, L/C, w/o.
                let single = |k: usize| k >= e || !is_word_char(char_at(t, k));
                (prev.is_ascii_digit() && next.is_ascii_digit())
                    || (prev.is_alphabetic() && next.is_alphabetic() && q == seg_start + prev.len_utf8() && single(q + 1 + next.len_utf8()))
            }
            b'\'' => prev.is_alphanumeric() && next.is_alphabetic(),
            b'-' => {
                has_hyphen = true;
                next.is_alphanumeric()
            }
            b'&' => prev.is_alphanumeric() && next.is_alphanumeric(),
            b'@' => {
                has_at = true;
                prev.is_alphanumeric() || prev == '_'
            }
            _ => false,
        };
        if !joins {
            return (q, has_at, has_hyphen);
        }
        q += 1;
        seg_start = q;
    }
}

/// "end.The": a period between a lowercase word and a capitalised sentence
/// starter is a missing space, unless the chunk is an address.
fn missing_space(t: &str, q: usize, e: usize, prev: char, next: char) -> bool {
    if !(prev.is_lowercase() && next.is_uppercase()) {
        return false;
    }
    let rest = &t.as_bytes()[q + 1..e];
    if memchr::memchr(b'@', rest).is_some() {
        return false;
    }
    let n = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if !(2..=12).contains(&n) || (n < rest.len() && rest[n] == b'.') {
        return false;
    }
    let mut buf = [0u8; 12];
    for (d, s) in buf.iter_mut().zip(&rest[..n]) {
        *d = s.to_ascii_lowercase();
    }
    let w = std::str::from_utf8(&buf[..n]).unwrap_or("");
    SENT_STARTERS.binary_search(&w).is_ok()
}

/// If a URL starts at `p`, its end (trailing punctuation excluded).
fn url_end(t: &str, p: usize, e: usize) -> Option<usize> {
    let rest = &t.as_bytes()[p..e];
    if !matches!(rest[0] | 0x20, b'h' | b'f' | b'w' | b'm') || rest.len() < 5 {
        return None;
    }
    let starts = |pre: &[u8]| rest.len() > pre.len() && rest[..pre.len()].eq_ignore_ascii_case(pre);
    if !(starts(b"http://") || starts(b"https://") || starts(b"ftp://") || starts(b"www.") || starts(b"mailto:")) {
        return None;
    }
    Some(trim_trailing(t, p, e))
}

/// Trims trailing punctuation that is not part of a URL or address.
fn trim_trailing(t: &str, p: usize, mut q: usize) -> usize {
    let b = t.as_bytes();
    let open = t[p..q].contains('(');
    while q > p + 1 {
        match b[q - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\'' | b']' | b'}' | b'>' => q -= 1,
            b')' if !open => q -= 1,
            _ => break,
        }
    }
    q
}

/// Paragraphs of normalised text: each non-blank line, except that a line
/// without final punctuation followed by one starting in lowercase is a hard
/// wrap and continues the paragraph. Yields `(start, end)` byte ranges
/// trimmed of whitespace.
struct ParagraphIter<'a> {
    t: &'a str,
    pos: usize,
}

impl<'a> ParagraphIter<'a> {
    fn new(t: &'a str) -> Self {
        Self { t, pos: 0 }
    }

    /// Next line from `pos`: (content start, content end, next pos).
    fn line(&self, from: usize) -> Option<(usize, usize, usize)> {
        let b = self.t.as_bytes();
        if from >= b.len() {
            return None;
        }
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &b[from..]) {
            Some(k) => {
                let k = from + k;
                if b[k] == b'\r' && k + 1 < b.len() && b[k + 1] == b'\n' {
                    (k, k + 2)
                } else {
                    (k, k + 1)
                }
            }
            None => (b.len(), b.len()),
        };
        let line = &self.t[from..end];
        let trimmed = line.trim_start();
        let s = end - trimmed.len();
        let e = s + trimmed.trim_end().len();
        Some((s, e, next))
    }
}

impl Iterator for ParagraphIter<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        // Skip blank lines.
        let (s, mut e) = loop {
            let (s, e, next) = self.line(self.pos)?;
            self.pos = next;
            if e > s {
                break (s, e);
            }
        };
        // Hard wraps: join the following line while it continues this one.
        while let Some((s2, e2, next)) = self.line(self.pos) {
            let last = self.t[..e].chars().next_back().unwrap_or('.');
            let first = self.t[s2..].chars().next().unwrap_or('A');
            if e2 > s2 && !matches!(last, '.' | '?' | '!' | ':' | '"' | '\'' | ')' | ']' | ';') && first.is_lowercase() {
                e = e2;
                self.pos = next;
            } else {
                break;
            }
        }
        Some((s, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        let seg = Segmenter::new().segment(text);
        seg.tokens.iter().map(|t| seg.form(t).to_string()).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let seg = Segmenter::new().segment(text);
        seg.sentences.iter().map(|s| s.span.slice(text).to_string()).collect()
    }

    /// Tokenisation rules, each with its examples: (text, tokens joined by `|`).
    const TOKEN_RULES: &[(&str, &[(&str, &str)])] = &[
        ("clitics", &[
            ("don't", "do|n't"),
            ("Hamas's stance", "Hamas|'s|stance"),
            ("Hamas’ reaction", "Hamas|'|reaction"),
            ("I'm sure we'll", "I|'m|sure|we|'ll"),
            ("they’re here, can't you", "they|'re|here|,|ca|n't|you"),
            ("I won't", "I|wo|n't"),
            ("gonna cannot dont", "gon|na|can|not|do|nt"),
            ("O'Brien's", "O'Brien|'s"),
        ]),
        ("abbreviations", &[
            ("the U.S. pressure", "the|U.S.|pressure"),
            ("Gen. Smith and Sen. Jones", "Gen.|Smith|and|Sen.|Jones"),
            ("at 5 a.m. Jan. 3", "at|5|a.m.|Jan.|3"),
            ("No. 5", "No.|5"),
            ("said no. Then", "said|no|.|Then"),
            ("J. R. R. Tolkien", "J.|R.|R.|Tolkien"),
            ("Sen. McCain, R-Ariz., said", "Sen.|McCain|,|R|-|Ariz.|,|said"),
            ("e.g. this, etc. and so", "e.g.|this|,|etc.|and|so"),
            ("a sentence-final etc.", "a|sentence|-|final|etc|."),
            ("“in the U.S.” Then", "\"|in|the|U.S|.|\"|Then"),
        ]),
        ("hyphens", &[
            ("search-engine", "search|-|engine"),
            ("Al-Rishq", "Al|-|Rishq"),
            ("e-mail non-violence", "e-mail|non-violence"),
            ("mother-in-law", "mother|-|in|-|law"),
            ("call 713-853-3989 or (3-5213)", "call|713-853-3989|or|(|3-5213|)"),
            ("1969-1970", "1969|-|1970"),
            ("a -- b", "a|--|b"),
            ("wait—what", "wait|--|what"),
        ]),
        ("numbers", &[
            ("$3.5 million", "$|3.5|million"),
            ("1,000 people", "1,000|people"),
            ("at 5:30pm on 9/11", "at|5:30|pm|on|9/11"),
            ("the 1980s, 3rd", "the|1980s|,|3rd"),
            ("50% of $$$", "50|%|of|$$$"),
            (".5 inch", ".5|inch"),
        ]),
        ("urls and emails", &[
            ("see https://example.com/a?b=1.", "see|https://example.com/a?b=1|."),
            ("(www.bbc.co.uk)", "(|www.bbc.co.uk|)"),
            ("mail carol.st.clair@enron.com.", "mail|carol.st.clair@enron.com|."),
        ]),
        ("punctuation", &[
            ("“Hello,” she said...", "\"|Hello|,|\"|she|said|..."),
            ("What?! No!!", "What|?!|No|!!"),
            ("(AP) —", "(|AP|)|--"),
            ("AT&T and R&D", "AT&T|and|R&D"),
            ("A&amp;B", "A&B"),
            ("nego\u{00AD}tiations", "negotiations"),
        ]),
    ];

    #[test]
    fn token_rules() {
        for (rule, examples) in TOKEN_RULES {
            for (text, want) in *examples {
                assert_eq!(forms(text).join("|"), *want, "rule {rule}: {text:?}");
            }
        }
    }

    /// Sentence rules, each with its examples: (text, sentences joined by `|`).
    const SENTENCE_RULES: &[(&str, &[(&str, &str)])] = &[
        ("abbreviations", &[
            ("U.S. officials left. The talks ended.", "U.S. officials left.|The talks ended."),
            ("They eased the U.S. pressure on Israel.", "They eased the U.S. pressure on Israel."),
            ("It rose in the U.S. He said so.", "It rose in the U.S.|He said so."),
            ("Gen. Smith met Sen. Jones on Jan. 5 at 3 p.m. Friday.", "Gen. Smith met Sen. Jones on Jan. 5 at 3 p.m. Friday."),
            ("Mr. Brown arrived. Mrs. Brown left.", "Mr. Brown arrived.|Mrs. Brown left."),
            ("It was No. 5 in the list.", "It was No. 5 in the list."),
            ("Talks start at 9 a.m. They end at noon.", "Talks start at 9 a.m.|They end at noon."),
        ]),
        ("initials", &[
            ("J. R. R. Tolkien wrote it. George W. Bush read it.", "J. R. R. Tolkien wrote it.|George W. Bush read it."),
        ]),
        ("decimals and ellipses", &[
            ("Growth was 3.5 percent. It fell.", "Growth was 3.5 percent.|It fell."),
            ("He waited... and waited. Then... Nothing.", "He waited... and waited.|Then...|Nothing."),
        ]),
        ("closing quotes", &[
            ("They “sidestep obligations.” He called.", "They \u{201c}sidestep obligations.\u{201d}|He called."),
            ("“Why?” he asked. “Now?” She nodded.", "\u{201c}Why?\u{201d} he asked.|\u{201c}Now?\u{201d}|She nodded."),
            ("He said: \"Go.\" (It was late.) Then he left.", "He said: \"Go.\"|(It was late.)|Then he left."),
        ]),
        ("datelines and headlines", &[
            ("GAZA CITY (AP) — Hamas said no. Israel agreed.", "GAZA CITY (AP) — Hamas said no.|Israel agreed."),
            ("Talks collapse in Qatar\nHamas blamed Israel.", "Talks collapse in Qatar|Hamas blamed Israel."),
        ]),
        ("e-mail headers", &[
            ("Mike Curry 11/14/2000 11:37 AM With comments added.", "Mike Curry|11/14/2000 11:37 AM|With comments added."),
            ("See you 11/14/2000 at noon.", "See you 11/14/2000 at noon."),
        ]),
        ("greetings and closings", &[
            ("Vince, We are still trying.", "Vince,|We are still trying."),
            ("Best, Jeff", "Best,|Jeff"),
            ("Still, the talks failed.", "Still, the talks failed."),
        ]),
        ("bullets", &[
            ("- first item\n• second item\n1. third item", "- first item|• second item|1. third item"),
        ]),
        ("paragraphs", &[
            ("One.\n\nTwo.\nThree", "One.|Two.|Three"),
            ("a line that is\nhard wrapped here.", "a line that is\nhard wrapped here."),
        ]),
    ];

    #[test]
    fn sentence_rules() {
        for (rule, examples) in SENTENCE_RULES {
            for (text, want) in *examples {
                assert_eq!(sentences(text).join("|"), *want, "rule {rule}: {text:?}");
            }
        }
    }

    #[test]
    fn tables_are_sorted() {
        for (name, t) in [("TITLES", TITLES), ("HYPHEN_PREFIXES", HYPHEN_PREFIXES), ("CONTINUING", CONTINUING), ("GREETINGS", GREETINGS)] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{name} must be sorted");
        }
        assert!(MWT_SPLITS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn paragraphs_and_spans() {
        let text = "  Headline here \r\n\r\nFirst “para”. Second.\nLast\u{00A0}one";
        let seg = Segmenter::new().segment(text);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| p.span.slice(text)).collect();
        assert_eq!(paras, ["Headline here", "First “para”. Second.", "Last\u{00A0}one"]);
        assert_eq!(seg.paragraphs[1].sentences, 1..3);
        assert_eq!(seg.sentences[2].paragraph, 1);
        let t = seg.tokens.iter().find(|t| seg.form(t) == "\"").unwrap();
        assert_eq!(t.span.slice(text), "“");
        assert!(!t.space_after);
    }

    #[test]
    fn debris_tokens_are_flagged() {
        let text = "They released a on Friday, in which talks resume next week, , according to TV.";
        let seg = Segmenter::new().segment(text);
        let flagged: Vec<(usize, &str)> =
            seg.tokens.iter().filter(|t| t.debris).map(|t| (t.span.start, t.span.slice(text))).collect();
        assert_eq!(flagged, [(14, "a"), (60, ",")]);
    }

    #[test]
    fn segment_into_reuses_and_resets() {
        let s = Segmenter::new();
        let mut out = Segmented::new();
        s.segment_into("One. Two. Three.", &mut out);
        assert_eq!(out.sentences.len(), 3);
        s.segment_into("Just one", &mut out);
        assert_eq!(out.sentences.len(), 1);
        assert_eq!(out.tokens.len(), 2);
        s.segment_into("", &mut out);
        assert!(out.sentences.is_empty() && out.tokens.is_empty() && out.paragraphs.is_empty());
    }

    #[test]
    fn segmenter_is_sync() {
        fn sync<T: Sync + Send>() {}
        sync::<Segmenter>();
    }
}
