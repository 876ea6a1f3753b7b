//! Invariant checks of a segmentation, shared by the property tests, the
//! fuzz target and callers that want to assert their input was handled.

use crate::normalize::{is_ignorable, Bias};
use crate::segment::Segmented;
use crate::Span;

/// A broken invariant of a [`Segmented`] (a bug in herald-text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("segmentation invariant broken: {0}")]
pub struct InvariantError(pub String);

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(InvariantError(format!($($msg)+)));
        }
    };
}

impl Segmented {
    /// Checks that this segmentation of `text` keeps every invariant:
    /// spans on char boundaries inside the text; tokens non-empty, ordered
    /// and disjoint; sentences ordered, disjoint, made of contiguous token
    /// ranges and tiling the text (every character that is neither
    /// whitespace nor ignorable lies in a sentence, except inside HTML
    /// entities that decode to whitespace); paragraphs made of contiguous
    /// sentence ranges; the normalisation alignment monotonic and inside the
    /// original. O(n log n).
    pub fn validate(&self, text: &str) -> Result<(), InvariantError> {
        let span_ok = |s: Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
        let nt = &self.normalized.text;
        ensure!(self.normalized.original_len() == text.len(), "normalised from another text");
        let mut prev_end = 0;
        for t in &self.tokens {
            ensure!(span_ok(t.span), "token {t:?} not a valid span of the text");
            ensure!(!t.span.is_empty(), "empty token {t:?}");
            ensure!(t.span.start >= prev_end, "tokens overlap or are unordered at {t:?}");
            prev_end = t.span.end;
            ensure!(t.norm.start < t.norm.end && t.norm.end <= nt.len(), "bad normalised span {t:?}");
            ensure!(nt.is_char_boundary(t.norm.start) && nt.is_char_boundary(t.norm.end), "normalised span off boundaries {t:?}");
            ensure!(!self.form(t).chars().any(char::is_whitespace), "form with whitespace {:?}", self.form(t));
        }
        let (mut next_tok, mut prev_end) = (0, 0);
        for (i, s) in self.sentences.iter().enumerate() {
            ensure!(span_ok(s.span), "sentence {i} {s:?} not a valid span");
            ensure!(!s.tokens.is_empty() && s.tokens.start == next_tok, "sentence {i} token range not contiguous");
            next_tok = s.tokens.end;
            ensure!(s.tokens.end <= self.tokens.len(), "sentence {i} tokens out of range");
            ensure!(s.span.start >= prev_end, "sentence {i} overlaps the previous one");
            prev_end = s.span.end;
            let toks = self.sentence_tokens(s);
            ensure!(s.span.start == toks[0].span.start && s.span.end == toks[toks.len() - 1].span.end, "sentence {i} span is not its tokens'");
            ensure!(s.paragraph < self.paragraphs.len(), "sentence {i} in no paragraph");
            let p = &self.paragraphs[s.paragraph];
            ensure!(p.sentences.contains(&i) && p.span.contains(s.span), "sentence {i} not inside its paragraph");
        }
        ensure!(next_tok == self.tokens.len(), "tokens outside every sentence");
        let mut next_sent = 0;
        for (i, p) in self.paragraphs.iter().enumerate() {
            ensure!(span_ok(p.span), "paragraph {i} not a valid span");
            ensure!(!p.sentences.is_empty() && p.sentences.start == next_sent, "paragraph {i} sentence range not contiguous");
            next_sent = p.sentences.end;
        }
        ensure!(next_sent == self.sentences.len(), "sentences outside every paragraph");
        // Tiling, normalised side: every non-whitespace char is in a token.
        let mut ti = 0;
        for (i, c) in nt.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            while ti < self.tokens.len() && self.tokens[ti].norm.end <= i {
                ti += 1;
            }
            ensure!(ti < self.tokens.len() && self.tokens[ti].norm.start <= i, "normalised char {c:?} at {i} in no token");
        }
        // Tiling, original side (entities may decode to whitespace).
        let has_entities = text.contains('&');
        let mut si = 0;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() || is_ignorable(c) {
                continue;
            }
            while si < self.sentences.len() && self.sentences[si].span.end <= i {
                si += 1;
            }
            let covered = si < self.sentences.len() && self.sentences[si].span.start <= i;
            ensure!(covered || has_entities, "char {c:?} at {i} in no sentence");
        }
        // Alignment: monotonic, onto char boundaries.
        let n = &self.normalized;
        let mut last = (0, 0);
        for i in nt.char_indices().map(|(i, _)| i).chain(std::iter::once(nt.len())) {
            let (a, b) = (n.to_original_offset(i, Bias::Start), n.to_original_offset(i, Bias::End));
            ensure!(a <= text.len() && b <= text.len(), "offset {i} maps outside the original");
            ensure!(text.is_char_boundary(a) && text.is_char_boundary(b), "offset {i} maps off a char boundary");
            ensure!(a >= last.0 && b >= last.1, "alignment not monotonic at {i}");
            last = (a, b);
        }
        for d in n.original_debris() {
            ensure!(span_ok(d), "debris {d:?} not a valid span");
        }
        Ok(())
    }
}
