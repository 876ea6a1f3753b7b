//! Quotes: quote-mark pairing, attribution frames (cue, speaker, content) and
//! the rules that tie a quotation to its frame.
//!
//! The steps, each a named rule of [`crate::rules::RULES`]:
//!
//! 1. **Marks.** Double quote marks (curly or straight) are paired within a
//!    paragraph; a paragraph that ends inside a quote continues it when the
//!    next paragraph opens with a mark; an unbalanced mark closes at the
//!    paragraph's end, a second opener closes the quote before it. Single
//!    quotes are never paired (they nest inside double quotes, and `’` is also
//!    the apostrophe).
//! 2. **Frames.** Every cue (a speech verb, `according to`) outside quote
//!    marks gets a frame: its speaker noun phrase (the parser's `nsubj`, else
//!    the noun phrase before the cue, else after it: `"...," said X`), and its
//!    content (after the cue, from `that` when it follows; or before it when
//!    the frame is post-posed: `..., officials said`). A participle after a
//!    comma (`, alleging that`) takes the speaker of the frame before it.
//! 3. **Linking.** A quote takes the frame right after its closing mark
//!    (`"...," X said`), else the frame right before its opening mark
//!    (`X said: "..."`), else the frame whose content holds it (a *mixed*
//!    quote), else the speaker of the quote before it when the text
//!    continues it. A short quote with none of these is a scare quote and is
//!    dropped.
//! 4. **Indirect.** Frames whose content holds no quote are indirect quotes.

use crate::cues::{CueInfo, CueTable, AMBIG, NEEDS_THAT, NP_OBJ, PARTICLE};
use crate::view::{Dep, Pos, View};
use herald_text::Span;

/// Direct, mixed or indirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The whole content is within quote marks.
    Direct,
    /// Quote marks inside reported content.
    Mixed,
    /// Reported speech without quote marks.
    Indirect,
}

/// A quote as found, before actors are attached. Spans are original bytes.
#[derive(Debug, Clone)]
pub struct Quote {
    /// Kind.
    pub kind: QuoteKind,
    /// The quoted text without its marks (indirect: the content).
    pub span: Span,
    /// The whole attributed content (a mixed quote's clause, else `span`).
    pub content: Span,
    /// The cue, when the sentence has one.
    pub cue: Option<Span>,
    /// The speaker mention, when found.
    pub speaker: Option<Span>,
    /// Token range of the speaker mention.
    pub(crate) speaker_toks: Option<(usize, usize)>,
    /// The rule that attributed it.
    pub rule: &'static str,
    /// The quote the speaker was carried over from (index into the quotes).
    pub carried_from: Option<usize>,
}

impl Quote {
    /// A direct quote with no cue whose speaker is the name at tokens `sp`
    /// ("“...” ― Sonya Herridge", "adviser Alfred Kahn: “...”").
    fn named_direct(v: &View, span: Span, sp: (usize, usize), rule: &'static str) -> Self {
        Quote {
            kind: QuoteKind::Direct,
            span,
            content: span,
            cue: None,
            speaker: Some(v.span_of(sp.0, sp.1)),
            speaker_toks: Some(sp),
            rule,
            carried_from: None,
        }
    }
}

#[derive(Debug, Clone)]
struct Marks {
    open: usize,
    close: Option<usize>,
    /// Inner token range.
    inner: (usize, usize),
    span: Span,
}

#[derive(Debug, Clone)]
struct Frame {
    cue: (usize, usize),
    info: CueInfo,
    speaker: Option<(usize, usize)>,
    content: Option<(usize, usize)>,
    /// Content lies before the cue (`"...," X said`, `..., officials said`).
    post: bool,
    /// `that` introduces the content.
    that: bool,
    /// End of the object of `told reporters`, `assured the crowd`.
    obj_end: Option<usize>,
    sent: usize,
    used: bool,
}

/// Words that never belong to a speaker noun phrase.
static STOP: &[&str] = &[
    "a.m.", "about", "after", "again", "against", "ago", "already", "also", "although", "am", "and", "are", "as",
    "at", "be", "because", "been", "before", "being", "between", "but", "by", "can", "could", "did", "do", "does",
    "during", "earlier", "even", "ever", "first", "for", "from", "further", "had", "has", "have", "here",
    "however", "if", "in", "into", "is", "it", "its", "just", "last", "later", "may", "meanwhile", "might", "must",
    "n't", "never", "not", "now", "of", "on", "once", "only", "or", "over", "p.m.", "previously", "recently",
    "repeatedly", "reportedly", "shall", "should", "since", "so", "still", "subsequently", "than", "that", "then",
    "there", "though", "through", "to", "today", "tomorrow", "too", "under", "unless", "until", "was", "were",
    "what", "when", "whether", "which", "while", "who", "whom", "whose", "will", "with", "within", "without",
    "would", "yesterday", "yet", "where", "how", "why", "while", "said", "says", "told", "this", "these", "those",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "again", "instead", "however", "therefore", "thus", "like", "unlike", "amid", "among", "toward", "towards",
    "across", "around", "up", "down", "out", "off", "back", "&",
];

/// Adverbs and auxiliaries allowed between a subject and its cue.
static BETWEEN: &[&str] = &[
    "also", "further", "subsequently", "later", "then", "previously", "again", "recently", "once", "earlier",
    "has", "have", "had", "'s", "'ve", "was", "were", "is", "are", "will", "would", "could", "did", "does", "do",
    "not", "n't", "never", "first", "still", "even", "just", "already", "ever", "often", "initially", "too",
    "had", "has", "long", "separately", "privately", "publicly", "repeatedly", "reportedly", "once", "now",
    "flatly", "quickly", "immediately", "previously", "since", "both", "all", "may", "might", "can", "should",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on", "yesterday", "today",
    "last", "week", "night", "morning", "evening", "afternoon",
];

static DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my", "your", "its", "both",
    "two", "three", "several", "some", "many", "other", "another", "one", "each", "every", "any", "most", "all",
];

/// Documents that a participle describes (`a statement saying`).
static DOC_NOUNS: &[&str] = &[
    "statement", "statements", "letter", "report", "tweet", "tweets", "piece", "editorial", "message", "release",
    "memo", "post", "video", "ad", "column", "email", "note", "op-ed", "article", "interview", "posting",
];

static PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you"];

static SUBORDINATORS: &[&str] = &[
    "although", "though", "while", "because", "if", "when", "as", "after", "before", "since", "despite", "even",
    "whereas", "once", "until", "unless",
];

/// What a quote mark does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Either,
}

/// The quote engine: the cue table, built once.
#[derive(Debug, Default)]
pub(crate) struct QuoteRules {
    cues: CueTable,
}

fn is(v: &View, i: usize, words: &[&str]) -> bool {
    words.contains(&v.lower(i))
}

fn is_mark(v: &View, i: usize) -> bool {
    matches!(v.form(i), "\"" | "``" | "''")
}

fn mark_dir(v: &View, text: &str, i: usize, para: (usize, usize)) -> Dir {
    let orig = v.toks[i].span.slice(text);
    let t = &v.toks[i];
    let glued_left = !t.space_before && i > para.0 && !v.is_punct(i - 1) || (i > para.0 && matches!(v.form(i - 1), "," | "." | "?" | "!"));
    match orig {
        // a typed-backwards mark: '“Apparently not,“ he said'
        "“" | "„" | "‟" | "«" | "``" if glued_left && (t.space_after || i + 1 == para.1) => return Dir::Close,
        "”" | "»" | "''" if t.space_before && !t.space_after && i + 1 < para.1 && !v.is_punct(i + 1) => return Dir::Open,
        "“" | "„" | "‟" | "«" | "``" => return Dir::Open,
        "”" | "»" | "''" => return Dir::Close,
        _ => {}
    }
    if i == para.0 {
        return Dir::Open;
    }
    if i + 1 == para.1 {
        return Dir::Close;
    }
    match (t.space_before, t.space_after) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ => {
            if v.is_punct(i + 1) && !is_mark(v, i + 1) {
                Dir::Close
            } else if i > 0 && matches!(v.form(i - 1), "(" | "[" | "--" | ":") {
                Dir::Open
            } else {
                Dir::Either
            }
        }
    }
}

fn ends_sentence(v: &View, i: usize) -> bool {
    matches!(v.form(i), "." | "!" | "?" | "..." | "?!" | "!!" | "??")
}

impl QuoteRules {
    pub fn new() -> Self {
        Self { cues: CueTable::new() }
    }

    /// Pairs quote marks (rule `marks`).
    fn marks(&self, v: &View, text: &str, out: &mut Vec<Marks>) {
        let mut open: Option<usize> = None;
        for (pi, &(p0, p1)) in v.paras.iter().enumerate() {
            let mut first_in_para = true;
            for i in p0..p1 {
                if !is_mark(v, i) {
                    if !v.is_punct(i) {
                        first_in_para = false;
                    }
                    continue;
                }
                let dir = mark_dir(v, text, i, (p0, p1));
                match (open, dir) {
                    (None, Dir::Open | Dir::Either) => open = Some(i),
                    (None, Dir::Close) => {}
                    (Some(o), Dir::Close | Dir::Either) => {
                        if o < p0 && first_in_para {
                            // continuation mark opening a paragraph of a carried quote,
                            // written as a closer by mistake: ignore it
                            continue;
                        }
                        push_marks(v, o, Some(i), i, out);
                        open = None;
                    }
                    (Some(o), Dir::Open) => {
                        if o < p0 && first_in_para {
                            // the quote carried over from the paragraph before continues
                            first_in_para = false;
                            continue;
                        }
                        // unbalanced: the earlier opener never closed
                        push_marks(v, o, None, last_word_before(v, o, i), out);
                        open = Some(i);
                    }
                }
                first_in_para = false;
            }
            if let Some(o) = open {
                let next_opens = v.paras.get(pi + 1).is_some_and(|&(q0, q1)| q1 > q0 && is_mark(v, q0));
                if !next_opens {
                    push_marks(v, o, None, p1, out);
                    open = None;
                }
            }
        }
        if let Some(o) = open {
            push_marks(v, o, None, v.len(), out);
        }
    }

    /// Finds cue frames outside quotes (rule `frame`).
    fn frames(&self, v: &View, in_quote: &[bool], out: &mut Vec<Frame>) {
        for s in 0..v.sents.len() {
            let (s0, s1) = v.sent_range(s);
            let first_frame = out.len();
            let mut i = s0;
            while i < s1 {
                if in_quote[i] || v.toks[i].debris {
                    i += 1;
                    continue;
                }
                let lower = v.lower(i);
                let (cue_end, info) = if lower == "according" && i + 1 < s1 && v.lower(i + 1) == "to" {
                    (i + 2, CueInfo { lemma: "according to", flags: 0 })
                } else if let Some(info) = self.cues.get(lower) {
                    if info.flags & PARTICLE != 0 {
                        let mut words = info.lemma.split(' ');
                        let (head, part) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                        if i + 1 < s1 && v.lower(i + 1) == part {
                            (i + 2, info)
                        } else {
                            // "called X “...”": the verb alone links quotes only
                            (i + 1, CueInfo { lemma: head, flags: NEEDS_THAT })
                        }
                    } else {
                        (i + 1, info)
                    }
                } else {
                    i += 1;
                    continue;
                };
                // "so-called", "well-known": part of a compound
                let compound = i > s0 && v.form(i - 1) == "-" && !v.toks[i - 1].space_before;
                if compound || !self.verb_ok(v, i, info) {
                    i += 1;
                    continue;
                }
                let prev_speaker = out[first_frame..].last().and_then(|f: &Frame| f.speaker);
                let f = self.frame(v, in_quote, s, i, cue_end, info, prev_speaker);
                out.push(f);
                i = cue_end;
            }
        }
    }

    /// The cue's part of speech allows a verb reading.
    fn verb_ok(&self, v: &View, i: usize, info: CueInfo) -> bool {
        if info.lemma == "according to" {
            return true;
        }
        let t = &v.toks[i];
        if v.has_pos {
            return matches!(t.pos, Pos::Verb) || (t.pos == Pos::Noun && info.flags & AMBIG == 0 && v.lower(i).ends_with("ed"));
        }
        if info.flags & AMBIG != 0 {
            let l = v.lower(i);
            return l.ends_with("ed") || l.ends_with("ing") || l == info.lemma && i > 0 && is(v, i - 1, &["to", "will", "would", "could", "did", "can"]);
        }
        // "the said document": rare; a capitalised cue mid-sentence is a name
        !(t.cap && i > v.sent_range(t.sent as usize).0)
    }

    #[allow(clippy::too_many_arguments)]
    fn frame(
        &self,
        v: &View,
        in_quote: &[bool],
        s: usize,
        c0: usize,
        c1: usize,
        info: CueInfo,
        prev_speaker: Option<(usize, usize)>,
    ) -> Frame {
        let (s0, s1) = v.sent_range(s);
        let mut f = Frame { cue: (c0, c1), info, speaker: None, content: None, post: false, that: false, obj_end: None, sent: s, used: false };
        if info.lemma == "according to" {
            // "according to X": speaker after; content before (", according to X")
            // or after ("According to X, ...").
            f.speaker = np_fwd(v, in_quote, c1, s1);
            let before = prev_nonpunct(v, s0, c0);
            if before.is_some() {
                f.post = true;
                f.content = clause_before(v, s0, c0);
            } else {
                let after = f.speaker.map_or(c1, |sp| sp.1);
                let mut k = after;
                while k < s1 && v.form(k) == "," {
                    k += 1;
                }
                f.content = trim_range(v, k, s1);
            }
            return f;
        }
        let participle = v.lower(c0).ends_with("ing")
            && c0 > s0
            && (v.form(c0 - 1) == "," || is_mark(v, c0 - 1) || is(v, c0 - 1, &["by", "after", "before", "while", "when", "without", "in"]));
        if participle {
            f.speaker = prev_speaker.or_else(|| clause_subject(v, in_quote, s0, c0));
        }
        let mut chunk_start = c0;
        if f.speaker.is_none() {
            if let Some(sp) = np_back_subject(v, in_quote, s0, c0) {
                f.speaker = Some(extend_after_quote(v, in_quote, s0, sp));
                // "X issued a statement saying", "a Facebook message posted Friday":
                // the document is no speaker; its issuer is
                let l = v.lower(c0);
                if sp.1 == c0 && is(v, sp.1 - 1, DOC_NOUNS) && (l.ends_with("ing") || l.ends_with("ed")) {
                    f.speaker = doc_issuer(v, in_quote, s0, sp);
                }
            }
        }
        // the parser's subject when the phrase rules find none
        if f.speaker.is_none() && v.has_deps {
            // (never a phrase inside quotation marks: the parser may hang a
            // post-posed cue on a quoted clause and make a quoted noun its subject)
            f.speaker = nsubj_of(v, c0, s0, s1).filter(|sp| (sp.1 <= c0 || sp.0 >= c1) && !in_quote[sp.0..sp.1].iter().any(|&q| q));
        }
        // "She was defending ..., but admitted": the subject of the first verb
        if f.speaker.is_none() && c0 > s0 && is(v, c0 - 1, &["but", "and", "then"]) {
            f.speaker = clause_subject(v, in_quote, s0, c0);
        }
        // "..., X said" / "...," X said: the chunk starts at the subject when it is adjacent.
        if let Some(sp) = f.speaker {
            if sp.1 <= c0 && sp.0 >= s0 && (only_between(v, sp.1, c0) || paren_between(v, sp.1, c0)) {
                chunk_start = sp.0;
            }
        }
        let mut chunk_end = c1;
        // the token before the chunk, possibly ending the sentence before ("?” Trump said")
        let before_chunk = if chunk_start > s0 || (chunk_start > 1 && is_mark(v, chunk_start - 1) && v.form(chunk_start - 2) != ".") {
            Some(chunk_start - 1)
        } else {
            None
        };
        // "Claiming the criticism is unfair, Trump told Fox ...": a fronted
        // participle's subject is the main clause's
        let mut fronted = false;
        if c0 == s0 && v.lower(c0).ends_with("ing") && v.has_pos {
            let start = (c1 + 1..s1).find(|&k| {
                !in_quote[k] && !is_mark(v, k) && !v.is_punct(k)
                    && ((v.form(k - 1) == "," && !in_quote[k - 1]) || (is_mark(v, k - 1) && k >= 2 && v.form(k - 2) == ","))
            });
            if let Some(sp) = start.and_then(|k| np_fwd(v, in_quote, k, s1)) {
                if sp.1 < s1 && matches!(v.toks[sp.1].pos, Pos::Verb | Pos::Aux) {
                    f.speaker = Some(sp);
                    fronted = true;
                }
            }
        }
        if !fronted && (f.speaker.is_none() || f.speaker.is_some_and(|sp| sp.0 >= c1)) {
            // post-posed subject: '"...," said X'
            if before_chunk.is_some_and(|b| v.form(b) == "," || is_mark(v, b)) || c0 == s0 {
                if let Some(sp) = np_fwd(v, in_quote, c1, s1) {
                    f.speaker = Some(sp);
                    chunk_end = sp.1;
                }
            }
        }
        // content
        let after_that = find_that(v, c1, s1);
        let next_is_that = after_that.is_some();
        let pre_is_boundary = before_chunk.is_some_and(|b| v.form(b) == "," || is_mark(v, b));
        // the object of "told reporters" / "asked the crowd" is not content
        let mut rest = chunk_end;
        // '"...," said Rep. X (D-N.Y.), a ...': the party tag belongs to the speaker
        if f.speaker.is_some_and(|sp| sp.1 == chunk_end && sp.0 >= c1) && rest < s1 && v.form(rest) == "(" {
            if let Some(k) = (rest + 1..s1.min(rest + 10)).find(|&k| v.form(k) == ")") {
                rest = k + 1;
            }
        }
        if matches!(info.lemma, "tell" | "ask" | "warn" | "remind" | "assure") {
            if let Some(o) = np_fwd(v, in_quote, rest, s1) {
                rest = o.1;
                f.obj_end = Some(o.1);
            }
        }
        let rest_adverbial = rest_is_adverbial(v, rest, s1);
        let quote_follows = starts_quote_soon(v, chunk_end, s1) || starts_quote_soon(v, rest, s1);
        if pre_is_boundary && !participle && !next_is_that && rest_adverbial && !quote_follows {
            f.post = true;
            f.content = clause_before(v, s0, chunk_start);
        } else if participle && !next_is_that && rest_adverbial && !quote_follows && pre_is_boundary {
            // "..., saying" with nothing after: treat as post-posed
            f.post = true;
            f.content = clause_before(v, s0, chunk_start);
        } else {
            let start = match after_that {
                Some(t) => {
                    f.that = true;
                    t
                }
                None => chunk_end,
            };
            let end = content_end(v, in_quote, start, s1);
            f.content = trim_range(v, start, end);
        }
        f
    }

    /// Runs the whole quote pass over a view.
    pub fn find(&self, v: &View, text: &str, out: &mut Vec<Quote>) {
        let mut marks = Vec::new();
        self.marks(v, text, &mut marks);
        let mut in_quote = vec![false; v.len()];
        for m in &marks {
            for q in in_quote.iter_mut().take(m.inner.1).skip(m.inner.0) {
                *q = true;
            }
        }
        let mut frames = Vec::new();
        self.frames(v, &in_quote, &mut frames);
        let first = out.len();
        let mut last_pushed: Option<(usize, usize)> = None;
        for (mi, m) in marks.iter().enumerate() {
            if let Some(k) = out.len().checked_sub(1).filter(|&k| k >= first) {
                if last_pushed.is_none_or(|(lk, _)| lk != k) {
                    last_pushed = Some((k, mi - 1));
                }
            }
            let open_sent = v.toks[m.open].sent as usize;
            let close_tok = m.close.unwrap_or(m.inner.1.saturating_sub(1).max(m.open));
            let close_sent = v.toks[close_tok].sent as usize;
            let inner_words = (m.inner.0..m.inner.1).filter(|&i| !v.is_punct(i)).count();
            if inner_words == 0 {
                continue;
            }
            let clause_initial = clause_initial(v, m.open);
            let title = is_title(v, m);
            let mut found: Option<(usize, QuoteKind, &'static str)> = None;
            // 1. frame right after the closing mark (not after a full stop: '.” He said that')
            if let Some(c) = m.close.filter(|&c| c == 0 || v.form(c - 1) != ".") {
                let mut j = c + 1;
                while j < v.len() && v.form(j) == "," {
                    j += 1;
                }
                // a quote that ends on a comma ('"...," he told supporters gathered
                // in ...') is attributed by the frame after it, whatever follows
                let comma_end = c > 0 && v.form(c - 1) == "," || (c + 1 < v.len() && v.form(c + 1) == ",");
                if let Some(fi) = frames.iter().position(|f| {
                    (f.post || (comma_end && !f.that && clause_initial && f.sent == close_sent))
                        && f.speaker.is_some()
                        && f.sent == close_sent.max(v.toks[j.min(v.len() - 1)].sent as usize)
                        && chunk_begins_at(f, j)
                }) {
                    let kind = if clause_initial { QuoteKind::Direct } else { QuoteKind::Mixed };
                    found = Some((fi, kind, "quote-then-cue"));
                }
            }
            // 2. frame right before the opening mark
            if found.is_none() && m.open > 0 {
                let mut j = m.open;
                while j > 0 && matches!(v.form(j - 1), "," | ":") {
                    j -= 1;
                }
                if let Some(fi) = frames.iter().position(|f| f.sent == open_sent && chunk_ends_at(f, j) && !f.post && f.speaker.is_some()) {
                    let kind = if frames[fi].that || !ends_clause(v, m) { QuoteKind::Mixed } else { QuoteKind::Direct };
                    found = Some((fi, kind, "cue-then-quote"));
                }
            }
            // 3. a frame whose content holds the quote
            if found.is_none() && !title {
                // the outermost such frame that names a speaker ("He said that he
                // wants a platform that calls for “...”", "The senator told
                // reporters he feels good, and “...”"), else the outermost
                if let Some(fi) = frames
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.content.is_some_and(|(a, b)| a <= m.open && m.open < b.max(a + 1)))
                    .min_by_key(|(_, f)| (f.speaker.is_none(), std::cmp::Reverse(f.content.map_or(0, |(a, b)| b - a))))
                    .map(|(i, _)| i)
                {
                    let whole = frames[fi].content.is_some_and(|(a, b)| a + 1 >= m.open && b <= m.inner.1 + 2);
                    let kind = if whole && !frames[fi].that { QuoteKind::Direct } else { QuoteKind::Mixed };
                    found = Some((fi, kind, "quote-in-content"));
                }
            }
            let span = m.span;
            // "“...” ― Sonya Herridge": a dash and a name after the quote
            if found.is_none() {
                if let Some(sp) = dash_name(v, &in_quote, m) {
                    out.push(Quote::named_direct(v, span, sp, "quote-then-dash"));
                    continue;
                }
            }
            // a mid-sentence quote after any verb with a subject: "Trump described
            // his manager as a “very decent man”" (needs the tagger)
            if found.is_none() && !clause_initial && !title && v.has_pos {
                if let Some((c0, sp)) = verb_before(v, &in_quote, m.open) {
                    let (s0, s1) = v.sent_range(v.toks[c0].sent as usize);
                    let _ = s0;
                    let content = v.span_of(c0 + 1, s1.max(c0 + 2).min(v.len()));
                    out.push(Quote {
                        kind: QuoteKind::Mixed,
                        span,
                        content: Span::new(content.start.min(span.start), content.end.max(span.end)),
                        cue: Some(v.toks[c0].span),
                        speaker: Some(v.span_of(sp.0, sp.1)),
                        speaker_toks: Some(sp),
                        rule: "quote-after-verb",
                        carried_from: None,
                    });
                    continue;
                }
            }
            match found {
                Some((fi, kind, rule)) => {
                    let f = &mut frames[fi];
                    f.used = true;
                    let content = match (kind, f.content) {
                        (QuoteKind::Mixed, Some((a, b))) => {
                            let c = v.span_of(a, b);
                            Span::new(c.start.min(span.start), c.end.max(span.end))
                        }
                        _ => span,
                    };
                    out.push(Quote {
                        kind,
                        span,
                        content,
                        cue: Some(v.span_of(f.cue.0, f.cue.1)),
                        speaker: f.speaker.map(|(a, b)| v.span_of(a, b)),
                        speaker_toks: f.speaker,
                        rule,
                        carried_from: None,
                    });
                }
                None => {
                    // 4. the quote before continues: same paragraph, or it
                    // ended the paragraph before and this one opens its own.
                    let para = v.toks[m.open].para;
                    let carry = last_pushed.filter(|&(_, pmi)| {
                        let pm = &marks[pmi];
                        let pclose = pm.close.unwrap_or(pm.inner.1.saturating_sub(1));
                        let ppara = v.toks[pclose].para;
                        (ppara == para || (ppara + 1 == para && v.paras[para as usize].0 == m.open))
                            && !frames.iter().any(|f| f.cue.0 > pclose && f.cue.0 < m.open && f.speaker.is_some() && !f.used)
                    });
                    let carry = if title { None } else { carry.map(|(k, _)| k) };
                    // or the sentence before ends "X said:"
                    let colon = frames.iter().position(|f| {
                        f.sent + 1 == open_sent && {
                            let (_, e) = v.sent_range(f.sent);
                            e > 0 && v.form(e - 1) == ":"
                        }
                    });
                    if let Some(k) = carry {
                        let q = out[k].clone();
                        out.push(Quote {
                            kind: QuoteKind::Direct,
                            span,
                            content: span,
                            cue: None,
                            speaker: q.speaker,
                            speaker_toks: q.speaker_toks,
                            rule: "carry-over",
                            carried_from: Some(k - first),
                        });
                    } else if let Some(fi) = colon {
                        let f = &mut frames[fi];
                        f.used = true;
                        out.push(Quote {
                            kind: QuoteKind::Direct,
                            span,
                            content: span,
                            cue: Some(v.span_of(f.cue.0, f.cue.1)),
                            speaker: f.speaker.map(|(a, b)| v.span_of(a, b)),
                            speaker_toks: f.speaker,
                            rule: "colon-before",
                            carried_from: None,
                        });
                    } else if let Some(sp) = colon_name(v, &in_quote, m.open).filter(|_| !title) {
                        // "Frank quotes former adviser Alfred Kahn: “...”"
                        out.push(Quote::named_direct(v, span, sp, "colon-before"));
                    } else if let Some(sp) = paragraph_speaker(v, &frames, m).filter(|_| !title && inner_words >= 3) {
                        // "Smith said the plan failed.\n\n“It was a disaster.”"
                        out.push(Quote::named_direct(v, span, sp, "paragraph-carry"));
                    } else if inner_words >= 6 && clause_initial {
                        out.push(Quote {
                            kind: QuoteKind::Direct,
                            span,
                            content: span,
                            cue: None,
                            speaker: None,
                            speaker_toks: None,
                            rule: "unattributed",
                            carried_from: None,
                        });
                    }
                    // else: a scare quote or a title; not a quotation
                }
            }
        }
        // 5. indirect speech: frames that hold no quote
        for f in &frames {
            if f.used || f.speaker.is_none() {
                continue;
            }
            let Some((a, b)) = f.content else { continue };
            if (a..b).any(|i| in_quote[i] || is_mark(v, i)) {
                continue;
            }
            if !indirect_ok(v, f, a, b) {
                continue;
            }
            let content = v.span_of(a, b);
            out.push(Quote {
                kind: QuoteKind::Indirect,
                span: content,
                content,
                cue: Some(v.span_of(f.cue.0, f.cue.1)),
                speaker: f.speaker.map(|(a, b)| v.span_of(a, b)),
                speaker_toks: f.speaker,
                rule: if f.post { "indirect-post" } else if f.info.lemma == "according to" { "according-to" } else { "indirect" },
                carried_from: None,
            });
        }
        out[first..].sort_by_key(|q| (q.span.start, q.span.end));
    }
}

fn push_marks(v: &View, open: usize, close: Option<usize>, end: usize, out: &mut Vec<Marks>) {
    let inner = (open + 1, end.max(open + 1));
    let start = v.toks[open].span.end;
    let stop = match close {
        Some(c) => v.toks[c].span.start,
        None if inner.1 > inner.0 => v.toks[inner.1 - 1].span.end,
        None => start,
    };
    if stop <= start {
        return;
    }
    out.push(Marks { open, close, inner, span: Span::new(start, stop) });
}

fn last_word_before(v: &View, o: usize, i: usize) -> usize {
    // the unclosed quote ends at the end of the sentence before the new opener
    let s = v.toks[i].sent as usize;
    let (s0, _) = v.sent_range(s);
    if s0 > o + 1 {
        s0
    } else {
        i
    }
}

/// True when the quote opens a clause: paragraph or sentence start, or after
/// a colon, comma or dash, or after another quote.
fn clause_initial(v: &View, open: usize) -> bool {
    let (s0, _) = v.sent_range(v.toks[open].sent as usize);
    if open == s0 {
        return true;
    }
    matches!(v.form(open - 1), ":" | "," | "--" | "-" | "(" | "\"" | ";" | "." | "...")
}

/// True when the quote runs to the end of its clause.
fn ends_clause(v: &View, m: &Marks) -> bool {
    let Some(c) = m.close else { return true };
    if c + 1 >= v.len() {
        return true;
    }
    let n = c + 1;
    v.toks[n].sent != v.toks[c].sent
        || matches!(v.form(n), "." | "," | "!" | "?" | ";" | ":" | "--" | ")" | "\"")
        || c > 0 && matches!(v.form(c - 1), "." | "," | "!" | "?")
}

fn chunk_begins_at(f: &Frame, j: usize) -> bool {
    let start = match f.speaker {
        Some(sp) if sp.0 < f.cue.0 => sp.0,
        _ => f.cue.0,
    };
    start == j
}

fn chunk_ends_at(f: &Frame, j: usize) -> bool {
    let end = match f.speaker {
        Some(sp) if sp.0 >= f.cue.1 => sp.1,
        _ => f.cue.1,
    };
    end == j || f.obj_end == Some(j)
}

fn prev_nonpunct(v: &View, s0: usize, c0: usize) -> Option<usize> {
    (s0..c0).rev().find(|&i| !v.is_punct(i))
}

/// Tokens `a..b` are only adverbs and auxiliaries.
fn only_between(v: &View, a: usize, b: usize) -> bool {
    (a..b).all(|i| is(v, i, BETWEEN) || v.lower(i).ends_with("ly") || (v.has_pos && matches!(v.toks[i].pos, Pos::Adv | Pos::Aux | Pos::Part)))
}

fn pronoun(v: &View, i: usize) -> bool {
    is(v, i, PRONOUNS)
}

/// May token `i` be part of a speaker noun phrase?
fn np_token(v: &View, in_quote: &[bool], i: usize) -> bool {
    let t = &v.toks[i];
    if t.debris || in_quote[i] || is_mark(v, i) {
        return false;
    }
    let f = v.form(i);
    if f == "'s" || f == "'" {
        return i > 0 && !v.is_punct(i - 1);
    }
    if f == "-" {
        return !t.space_before && !t.space_after;
    }
    if v.is_punct(i) {
        return false;
    }
    if is(v, i, STOP) {
        return false;
    }
    if v.has_pos {
        // "state-affiliated": a participle inside a hyphenated compound
        let compound = i > 0 && v.form(i - 1) == "-" && !t.space_before;
        return matches!(t.pos, Pos::Noun | Pos::Propn | Pos::Adj | Pos::Num | Pos::Det | Pos::Pron | Pos::Part)
            || (t.cap && t.pos != Pos::Verb)
            || compound;
    }
    // untagged: lower-case adverbs and verb forms end the phrase
    let l = v.lower(i);
    if !t.cap && (l.ends_with("ly") && l.len() > 4) {
        return false;
    }
    true
}

/// Speaker before a cue: skip adverbs and auxiliaries, an apposition
/// (`X, a member of Y, said`) or a relative pronoun (`X, who said`).
fn np_back_subject(v: &View, in_quote: &[bool], s0: usize, c0: usize) -> Option<(usize, usize)> {
    let mut e = c0;
    while e > s0 && (is(v, e - 1, BETWEEN) || (!v.toks[e - 1].cap && v.lower(e - 1).ends_with("ly") && v.lower(e - 1).len() > 4))
    {
        e -= 1;
    }
    // "Pence went on to say", "he declined to say"
    if e > s0 + 1 && is(v, e - 1, &["to"]) {
        let mut k = e - 1;
        let mut skipped = 0;
        while k > s0 && skipped < 3 && !v.toks[k - 1].cap && !pronoun(v, k - 1) && !v.is_punct(k - 1) && !in_quote[k - 1] {
            k -= 1;
            skipped += 1;
        }
        if skipped > 0 {
            e = k;
        }
    }
    // "Sen. Chuck Schumer (D-N.Y.) said"
    if e > s0 && v.form(e - 1) == ")" {
        if let Some(k) = (s0..e - 1).rev().take(8).find(|&k| v.form(k) == "(") {
            e = k;
        }
    }
    if e > s0 && is(v, e - 1, &["who", "which", "that"]) {
        e -= 1;
        if e > s0 && v.form(e - 1) == "," {
            e -= 1;
        }
    } else if e > s0 && v.form(e - 1) == "," {
        // apposition: ", ... ," before the cue
        let k = (s0..e - 1).rev().take(16).find(|&k| v.form(k) == "," || is_mark(v, k));
        if let Some(k) = k {
            if v.form(k) == "," && k > s0 && np_token(v, in_quote, k - 1) && (k + 1..e - 1).all(|i| !in_quote[i]) {
                e = k;
            } else {
                return None;
            }
        } else {
            return None;
        }
    }
    np_back(v, in_quote, s0, e)
}

/// The noun phrase ending at `e` (exclusive), not before `lo`.
fn np_back(v: &View, in_quote: &[bool], lo: usize, e: usize) -> Option<(usize, usize)> {
    if e <= lo {
        return None;
    }
    if pronoun(v, e - 1) {
        return Some((e - 1, e));
    }
    let mut i = e;
    while i > lo && e - i < 12 {
        let k = i - 1;
        if np_token(v, in_quote, k) && !pronoun(v, k) {
            i = k;
            if is(v, k, DETERMINERS) && !is(v, k, &["both", "two", "three", "several", "all"]) {
                // "a member of the team": continue over "of" when a noun precedes
                if k >= lo + 2 && is(v, k - 1, &["of", "for", "from", "at"]) && np_token(v, in_quote, k - 2) && !pronoun(v, k - 2) {
                    i = k - 1;
                    continue;
                }
                break;
            }
            continue;
        }
        // "of" / "and" joining two noun phrases
        if k > lo && is(v, k, &["of", "for", "from"]) && i < e && np_token(v, in_quote, k - 1) && !pronoun(v, k - 1) {
            i = k;
            continue;
        }
        if k > lo && is(v, k, &["and"]) && i < e && v.toks[i].cap && v.toks[k - 1].cap && np_token(v, in_quote, k - 1) {
            i = k;
            continue;
        }
        break;
    }
    // never start on a joiner
    while i < e && is(v, i, &["of", "for", "from", "and", "'s", "'", "-"]) {
        i += 1;
    }
    // a lone sentence-initial function word is not a subject
    if i >= e {
        return None;
    }
    Some((i, e))
}

/// The noun phrase starting at `s`, before `hi`.
fn np_fwd(v: &View, in_quote: &[bool], s: usize, hi: usize) -> Option<(usize, usize)> {
    if s >= hi {
        return None;
    }
    if pronoun(v, s) {
        return Some((s, s + 1));
    }
    let mut i = s;
    // a phrase that starts with a name goes on over names only (untagged text)
    let names_only = !v.has_pos && v.toks[s].cap && !is(v, s, DETERMINERS);
    while i < hi && i - s < 14 {
        if np_token(v, in_quote, i) && !pronoun(v, i) {
            if i > s && is(v, i, DETERMINERS) && !is(v, i - 1, &["of", "for", "from"]) {
                break;
            }
            // ... or over lower-case words before a name ("Egyptian state-affiliated Al Qahera")
            if names_only && !v.toks[i].cap && !matches!(v.form(i), "-" | "'s" | "'") {
                let name_follows = (i + 1..hi.min(i + 4)).take_while(|&k| np_token(v, in_quote, k) && !is(v, k, DETERMINERS)).any(|k| v.toks[k].cap);
                if !name_follows {
                    break;
                }
            }
            i += 1;
            continue;
        }
        if i > s && i + 1 < hi && is(v, i, &["of", "for", "from", "and"]) && np_token(v, in_quote, i + 1) && !pronoun(v, i + 1) {
            i += 1;
            continue;
        }
        break;
    }
    while i > s && is(v, i - 1, &["of", "for", "from", "and", "'s", "-"]) {
        i -= 1;
    }
    (i > s).then_some((s, i))
}

/// The subject of a sentence whose participle is a cue: the first noun
/// phrase at the start or after a comma (`Later on Sunday, Carson shared ...,
/// writing`).
fn clause_subject(v: &View, in_quote: &[bool], s0: usize, c0: usize) -> Option<(usize, usize)> {
    (s0..c0)
        .filter(|&p| (p == s0 || v.form(p - 1) == ",") && !in_quote[p] && !is(v, p, STOP))
        .filter_map(|p| np_fwd(v, in_quote, p, c0).filter(|sp| sp.1 < c0))
        // "Hours later, Trump ...": a time phrase is no subject
        .find(|sp| !is(v, sp.1, &["later", "ago", "earlier", ","]))
}

/// `"...," a welcome message on the website reads`: the whole phrase between
/// a closing mark and the cue is the speaker.
fn extend_after_quote(v: &View, in_quote: &[bool], s0: usize, sp: (usize, usize)) -> (usize, usize) {
    let (a, e) = sp;
    let mut k = a;
    while k > s0 && a - k < 10 {
        let t = k - 1;
        if is_mark(v, t) || v.form(t) == "," {
            break;
        }
        if np_token(v, in_quote, t) || is(v, t, &["on", "in", "at", "with", "of", "for", "from", "$", "&"]) {
            k -= 1;
        } else {
            break;
        }
    }
    let after_mark = |k: usize| k > 0 && (is_mark(v, k - 1) || (v.form(k - 1) == "," && k > 1 && is_mark(v, k - 2)));
    if k < a && after_mark(k) {
        (k, e)
    } else {
        sp
    }
}

/// The speaker of a quote introduced by a colon (`Here's Clinton in 1992:
/// "..."`): the last name before the colon, in the same sentence or the one
/// before.
fn colon_name(v: &View, in_quote: &[bool], open: usize) -> Option<(usize, usize)> {
    let mut c = open;
    while c > 0 && v.toks[c - 1].debris {
        c -= 1;
    }
    if c == 0 || v.form(c - 1) != ":" {
        return None;
    }
    let colon = c - 1;
    let (s0, _) = v.sent_range(v.toks[colon].sent as usize);
    let mut k = colon;
    while k > s0 {
        k -= 1;
        if in_quote[k] || is_mark(v, k) {
            return None;
        }
        if v.toks[k].cap && !is(v, k, STOP) && !is(v, k, DETERMINERS) && !is(v, k, &["here", "here's", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]) {
            // the whole name ending here
            let e = k + 1;
            let mut a = k;
            while a > s0 && (v.toks[a - 1].cap || v.form(a - 1) == "-") && !is(v, a - 1, STOP) && !in_quote[a - 1] {
                a -= 1;
            }
            return Some((a, e));
        }
    }
    None
}

/// The nearest verb before `open` in its sentence (outside quotes) that has
/// a subject, and that subject.
fn verb_before(v: &View, in_quote: &[bool], open: usize) -> Option<(usize, (usize, usize))> {
    let (s0, _) = v.sent_range(v.toks[open].sent as usize);
    let c = (s0..open).rev().take(25).find(|&i| !in_quote[i] && v.toks[i].pos == Pos::Verb && !v.lower(i).ends_with("ing"))?;
    let sp = if v.has_deps { nsubj_of(v, c, s0, open).filter(|sp| sp.1 <= c) } else { None };
    let sp = sp.or_else(|| np_back_subject(v, in_quote, s0, c))?;
    Some((c, sp))
}

/// `"..." ― Sonya Herridge` or a paragraph `- Bernie Sanders.` after the quote.
fn dash_name(v: &View, in_quote: &[bool], m: &Marks) -> Option<(usize, usize)> {
    let c = m.close?;
    let j = c + 1;
    if j + 1 >= v.len() || !matches!(v.form(j), "--" | "-" | "―") {
        return None;
    }
    let p = v.toks[j].para as usize;
    let same_or_next = p == v.toks[c].para as usize || v.paras[p].0 == j;
    if !same_or_next || !v.toks[j + 1].cap {
        return None;
    }
    let end = v.paras[p].1;
    let sp = np_fwd(v, in_quote, j + 1, end)?;
    // the name ends the paragraph (or a comma, a full stop follows)
    (sp.1 >= end || matches!(v.form(sp.1), "." | "," | "(")).then_some(sp)
}

/// A quote that opens its paragraph, when the paragraph before reports
/// someone's speech: that frame's speaker.
fn paragraph_speaker(v: &View, frames: &[Frame], m: &Marks) -> Option<(usize, usize)> {
    let p = v.toks[m.open].para as usize;
    let s = v.toks[m.open].sent as usize;
    let (q0, q1) = if v.sent_range(s).0 == m.open && s > 0 && v.sents[s - 1].2 as usize == p {
        // "Or maybe Jeb Bush, consultant Phil Musser says. “Several surveys ...”"
        v.sent_range(s - 1)
    } else if p > 0 && v.paras[p].0 == m.open {
        v.paras[p - 1]
    } else {
        return None;
    };
    frames.iter().rev().find(|f| f.cue.0 >= q0 && f.cue.0 < q1 && f.speaker.is_some() && f.info.flags & NEEDS_THAT == 0).and_then(|f| f.speaker)
}

/// A short title-case quote after a preposition or `called`: a title, not a quotation.
fn is_title(v: &View, m: &Marks) -> bool {
    let words: Vec<usize> = (m.inner.0..m.inner.1).filter(|&i| !v.is_punct(i)).collect();
    words.len() <= 5
        && words.iter().all(|&i| v.toks[i].cap || is(v, i, &["of", "the", "and", "a", "in", "on", "for", "to"]))
        && m.open > 0
        && is(v, m.open - 1, &["on", "in", "at", "of", "called", "named", "titled", "entitled", "from", "class", "book", "show", "film", "song", "program"])
}

/// The subject of cue `c` from the parse, as its contiguous subtree.
fn nsubj_of(v: &View, c: usize, s0: usize, s1: usize) -> Option<(usize, usize)> {
    let subj = (s0..s1).find(|&i| v.toks[i].head == Some(c as u32) && matches!(v.toks[i].dep, Dep::Nsubj))?;
    // subtree of subj, cut at the first comma after the head (apposition) and at a relative clause
    let mut lo = subj;
    let mut hi = subj + 1;
    for i in s0..s1 {
        if dominated_by(v, i, subj) {
            lo = lo.min(i);
            hi = hi.max(i + 1);
        }
    }
    if let Some(k) = (subj + 1..hi).find(|&k| v.form(k) == "," || is(v, k, &["who", "which"])) {
        hi = k;
    }
    while hi > lo + 1 && v.is_punct(hi - 1) {
        hi -= 1;
    }
    Some((lo, hi))
}

fn dominated_by(v: &View, mut i: usize, root: usize) -> bool {
    for _ in 0..64 {
        if i == root {
            return true;
        }
        match v.toks[i].head {
            Some(h) => i = h as usize,
            None => return false,
        }
    }
    false
}

/// `that` within a few tokens after the cue, with only an object or an
/// adverbial between (`told reporters on Friday that`).
fn find_that(v: &View, c1: usize, s1: usize) -> Option<usize> {
    (c1..s1.min(c1 + 8))
        .take_while(|&i| !is_mark(v, i) && !ends_sentence(v, i) && v.form(i) != ",")
        .find(|&i| v.lower(i) == "that")
        // "told reporters after the meeting that was held": a relative clause
        .filter(|&i| !(i > c1 && i + 1 < s1 && v.toks[i - 1].pos == Pos::Noun && relative_that(v, i)))
}

/// `that` is the subject of a relative clause: a verb follows (not a plural
/// noun in -s read as a verb), and the parser agrees when there is one.
fn relative_that(v: &View, i: usize) -> bool {
    let n = &v.toks[i + 1];
    let verb_next = v.has_pos && (n.pos == Pos::Aux || n.pos == Pos::Verb && !v.lower(i + 1).ends_with('s'));
    verb_next && (!v.has_deps || matches!(v.toks[i].dep, Dep::Nsubj | Dep::NsubjPass))
}

/// Tokens `a..b` are a parenthetical (`(D-N.Y.)`) and then adverbs only.
fn paren_between(v: &View, a: usize, b: usize) -> bool {
    if a >= b || v.form(a) != "(" {
        return false;
    }
    match (a + 1..b.min(a + 10)).find(|&k| v.form(k) == ")") {
        Some(k) => only_between(v, k + 1, b),
        None => false,
    }
}

/// The issuer of a document phrase before a participle cue: the parser's
/// subject of the verb the document hangs on, else the clause subject.
fn doc_issuer(v: &View, in_quote: &[bool], s0: usize, sp: (usize, usize)) -> Option<(usize, usize)> {
    let noun = sp.1 - 1;
    let s1 = v.sent_range(v.toks[noun].sent as usize).1;
    if v.has_deps {
        if let Some(h) = v.toks[noun].head.map(|h| h as usize).filter(|&h| h < noun && v.toks[h].pos == Pos::Verb) {
            if let Some(subj) = nsubj_of(v, h, s0, s1).filter(|x| x.1 <= h) {
                return Some(subj);
            }
        }
    }
    if let Some(x) = clause_subject(v, in_quote, s0, sp.0).filter(|x| x.1 <= sp.0 && !is(v, x.1.saturating_sub(1), DOC_NOUNS)) {
        return Some(x);
    }
    // "In a statement announcing the pick, the union called ...": the subject after the comma
    if sp.0 > s0 && is(v, sp.0 - 1, &["in", "on"]) || sp.0 > s0 + 1 && is(v, sp.0 - 1, DETERMINERS) && is(v, sp.0 - 2, &["in", "on"]) {
        if let Some(k) = (sp.1..s1.min(sp.1 + 20)).find(|&k| v.form(k) == "," && !in_quote[k]) {
            if let Some(x) = np_fwd(v, in_quote, k + 1, s1) {
                return Some(x);
            }
        }
    }
    Some(sp)
}

/// Words that open an adverbial after a cue (`said on Thursday`, `said in a statement`).
static ADVERBIAL: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "to", "with", "for", "from", "by", "about", "over", "last",
    "earlier", "later", "yesterday", "today", "tonight", "tomorrow", "this", "again", "also", "when", "while",
    "as", "because", "though", "although", "but", "and", "so", "then", "now", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "recently", "previously", "afterward", "afterwards", "of",
    "via", "through", "according", "adding", "noting", "explaining", "referring", "speaking", "without", "until",
    "since", "amid", "here", "there", "once", "repeatedly", "simply", "flatly", "softly", "quietly", "late",
    "early", "next", "privately", "publicly", "recently", "shortly", "twice", "several", "last",
];

/// What follows a cue is no clause of its own: the end, punctuation, or an adverbial.
fn rest_is_adverbial(v: &View, i: usize, s1: usize) -> bool {
    if i >= s1 {
        return true;
    }
    let l = v.lower(i);
    if l == "to" {
        // "said to reporters" but not "pledged to oppose"
        return i + 1 < s1 && (v.toks[i + 1].cap || is(v, i + 1, DETERMINERS) || is(v, i + 1, &["me", "him", "her", "them", "us", "reporters", "journalists", "supporters"]));
    }
    (v.is_punct(i) && !matches!(l, "$" | "%")) || is(v, i, ADVERBIAL) || (l.ends_with("ly") && l.len() > 4 && !v.toks[i].cap) || is(v, i, &["in", "on"])
}

/// A quote (or a colon) follows the frame right away: `said: "...`, `said, "...`.
fn starts_quote_soon(v: &View, from: usize, s1: usize) -> bool {
    let mut i = from;
    while i < s1 && v.form(i) == "," {
        i += 1;
    }
    i < s1 && (is_mark(v, i) || v.form(i) == ":")
}

/// End of a content that starts at `start`: the sentence end, or before
/// `, <participle cue>`, `, according to`, `, <cue>` of another frame.
fn content_end(v: &View, in_quote: &[bool], start: usize, s1: usize) -> usize {
    let mut i = start;
    while i < s1 {
        if !in_quote[i] && (v.form(i) == "," || is_mark(v, i)) && i + 1 < s1 {
            let n = if is_mark(v, i + 1) && i + 2 < s1 { i + 2 } else { i + 1 };
            let l = v.lower(n);
            let participle = l.ends_with("ing") && l.len() > 5 && !v.toks[n].cap;
            if l == "according" || participle || (l == "also" && n + 1 < s1 && v.lower(n + 1).ends_with("ing")) {
                return i;
            }
        }
        if !in_quote[i] && v.form(i) == ";" {
            return i;
        }
        i += 1;
    }
    s1
}

/// The clause before a post-posed frame: from the sentence start (after a
/// fronted subordinate clause) to the frame.
fn clause_before(v: &View, s0: usize, chunk_start: usize) -> Option<(usize, usize)> {
    let mut a = s0;
    if a < chunk_start && is(v, a, SUBORDINATORS) {
        if let Some(k) = (a..chunk_start).find(|&k| v.form(k) == ",") {
            a = k + 1;
        }
    }
    trim_range(v, a, chunk_start)
}

/// Trims punctuation (but not quote marks) at both ends.
fn trim_range(v: &View, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b && v.is_punct(a) && !is_mark(v, a) {
        a += 1;
    }
    while b > a && (v.is_punct(b - 1) && !is_mark(v, b - 1) || v.toks[b - 1].debris) {
        b -= 1;
    }
    (b > a).then_some((a, b))
}

/// Is this frame's content a report of speech?
fn indirect_ok(v: &View, f: &Frame, a: usize, b: usize) -> bool {
    let words = (a..b).filter(|&i| !v.is_punct(i)).count();
    if f.info.lemma == "according to" {
        return words >= 3;
    }
    if f.that || f.post {
        return words >= 3;
    }
    if f.info.flags & NEEDS_THAT != 0 {
        return false;
    }
    if f.info.flags & NP_OBJ != 0 {
        return words >= 2 && !is(v, a, ADVERBIAL);
    }
    // zero `that`: a clause with a verb
    if is(v, a, STOP) && !is(v, a, &["it", "there"]) {
        return false;
    }
    if v.has_pos {
        words >= 3 && (a..b).any(|i| matches!(v.toks[i].pos, Pos::Verb | Pos::Aux))
    } else {
        words >= 4
    }
}
