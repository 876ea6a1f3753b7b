//! The coder: clause collection, pattern matching, participants, herald rules,
//! modality, dates, output.

use super::actors::{display_name, Kind, LexiconMentions, Mention, MentionFinder};
use super::compile::{CPattern, Compiled, Item};
use super::toks::{Rel, Toks, Upos};
use super::{Claimant, DocMeta, Event, EventDate, EventScratch, Modality, Participant, Place, Plover, TextSpan};
use crate::dates;
use herald_lexicon::{Date, Lexicon};
use herald_text::{CharMap, Span};

/// Coder options.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Output negated events too (flagged `negated`).
    pub keep_negated: bool,
    /// Output hypothetical events too.
    pub keep_hypothetical: bool,
    /// Output demanded events (the content of a demand) too.
    pub keep_demanded: bool,
    /// Accept a bare agent as an actor (`officials said` -> `---GOV`), as
    /// PETRARCH does; off by default (no country, no actor).
    pub agent_only_actors: bool,
    /// Drop events without a target, as PETRARCH does (it codes a triple
    /// only where the sentence gives a target). Off by default: PLOVER
    /// codes source-only events. A verb of saying coded by its dictionary
    /// ([`Options::speech_verb_codes`]) and a compound subject acting on
    /// itself ([`Options::reciprocal_compound`]) keep theirs.
    pub require_target: bool,
    /// TABARI / PETRARCH paired codes: a verb or pattern coded `[a:b]`
    /// also codes `b` from the target to the source (`[032:033]`: X visits
    /// Y, Y hosts X). Off by default (PLOVER codes the one event).
    pub paired_codes: bool,
    /// PETRARCH's compound subjects: coordinated sources with no target
    /// act on each other ("Gondor and Osgiliath renewed ties" codes both
    /// directions). Off by default: PLOVER codes each party alone.
    pub reciprocal_compound: bool,
    /// Code an announced future act with the dictionary's code, as PETRARCH
    /// does ("will contribute" 070), instead of PLOVER's reading (future
    /// cooperation is AGREE, a future sanction or attack a THREATEN).
    pub literal_future: bool,
    /// Code a verb of saying with the code its dictionary gives it
    /// (PETRARCH's unit-test dictionary codes `SAID` 023), other than a
    /// plain statement (01x), which is never coded. Off by default: the
    /// Phoenix dictionaries code saying as making a statement, and herald
    /// codes reported speech through its content.
    pub speech_verb_codes: bool,
    /// PETRARCH's linear reading of a verb's phrase: a pattern of words
    /// alone may find them in the verb's complement clause, and a missing
    /// target may be an actor of a subjectless infinitive or participle
    /// clause of the verb. Off by default (herald reads the clauses apart).
    pub linear_phrase: bool,
    /// A pattern's literal words match only the forms written (`RESOLUTION`
    /// not "resolutions"), as in PETRARCH, where only synonym sets take
    /// plurals. Off by default: a word matches its inflected forms too.
    pub exact_pattern_words: bool,
    /// Every pattern of a verb block applies to each verb of the block, as
    /// in PETRARCH. Off by default: a pattern whose comment names the verb
    /// it was written for applies to that verb only (`- * PART [030] #
    /// TAKE`: "took part", not "captured part of a stronghold").
    pub block_patterns: bool,
}

impl Options {
    /// PETRARCH's conventions, which its unit tests encode and its users'
    /// data follow: bare agents (`---GOV`), paired codes (`[032:033]`),
    /// compound subjects acting on each other, announced acts under their
    /// own code, the dictionary's code for verbs of saying, a target in
    /// every triple, the linear reading of a verb's phrase and literal
    /// pattern words.
    pub fn petrarch() -> Options {
        Options {
            agent_only_actors: true,
            paired_codes: true,
            reciprocal_compound: true,
            literal_future: true,
            speech_verb_codes: true,
            require_target: true,
            linear_phrase: true,
            exact_pattern_words: true,
            block_patterns: true,
            ..Options::default()
        }
    }
}

/// The compiled coder: immutable, `Sync`, built once from a lexicon.
pub struct CameoCoder {
    c: Compiled,
    maps: Option<super::toks::TagMaps>,
    /// Options.
    pub options: Options,
    files: Vec<String>,
    surnames: std::sync::Arc<crate::actors::Surnames>,
}

/// Verbs of speaking and reporting: their complements are reported speech.
const SPEECH: &[&str] = &[
    "say", "state", "tell", "declare", "assert", "remark", "comment", "add", "note", "announce", "affirm", "reaffirm", "reiterate", "stress",
    "emphasize", "emphasise", "insist", "claim", "argue", "write", "theorize", "theorise", "believe", "think", "explain", "acknowledge", "admit",
    "report", "tweet", "post", "suggest", "indicate", "conclude", "contend", "maintain", "confirm", "allege", "charge", "warn", "tell", "told",
    "reply", "respond", "observe", "point", "recall", "predict", "estimate", "feel", "hope", "fear", "understand", "know", "see", "mention",
];

/// Light / reporting verbs whose object noun can carry the event.
const LIGHT: &[&str] = &[
    "express", "affirm", "reaffirm", "reiterate", "announce", "declare", "voice", "restate", "confirm", "pledge", "renew", "make", "issue",
    "signal", "stress", "underline", "convey", "register", "lodge", "offer", "extend", "give", "show", "demonstrate",
];

/// Verbs of destroying (CAMEO codes them as attacks by their blocks).
const DESTROY: &[&str] = &["blow", "blast", "demolish", "destroy", "raze", "torch", "burn", "sabotage", "wreck", "dynamite", "bulldoze"];

/// Things whose destruction is destroying property.
const PROPERTY: &[&str] = &[
    "line", "pipeline", "bridge", "building", "house", "home", "office", "station", "plant", "factory", "road", "railway", "railroad", "tower",
    "pylon", "church", "mosque", "temple", "school", "shop", "store", "warehouse", "depot", "crop", "field", "vehicle", "car", "truck", "bus",
];

/// Prepositions of a verb's setting (place, time, cause, concession): the
/// actors they name are not acted upon ("agreed to an extension despite
/// Israel's wish", "declared a ceasefire after battles with Amal").
const SETTING: &[&str] = &["in", "at", "during", "after", "before", "since", "amid", "despite", "notwithstanding"];

/// Nouns of proposals: what is accepted, rejected or dismissed.
const PROPOSALS: &[&str] = &[
    "appeal", "proposal", "plan", "offer", "call", "demand", "request", "invitation", "ultimatum", "initiative", "overture", "bid", "suggestion", "deal",
    "resolution", "peace", "compromise", "deployment",
];

/// Nouns of statements: issuing one is making a statement (CAMEO 01, not coded).
const STATEMENTS: &[&str] = &["statement", "declaration", "communique", "communiqué", "press release", "release", "report", "memorandum", "letter"];

/// Verbs of holding, opening, beginning, speeding up or completing an act
/// named by their object: "held talks with", "opened an investigation
/// into", "speeded up the withdrawal of", "organized a general strike".
const ASPECT: &[&str] = &[
    "hold", "conduct", "open", "launch", "begin", "start", "resume", "complete", "continue", "speed", "accelerate", "stage", "organize", "organise",
    "mount", "join", "lead", "call",
];

/// Nouns of acts that verbs of [`ASPECT`] carry (besides [`NOMINAL`]'s), and their code.
const ACT_NOUNS: &[(&str, &str)] = &[
    ("talks", "046"), ("negotiations", "046"), ("negotiation", "046"), ("investigation", "090"), ("investigations", "090"), ("inquiry", "090"),
    ("probe", "090"),
];

/// Rows of CAMEO2PLOVER-2021 that contradict the PLOVER manual: 1712
/// (destroy property) is listed as ASSAULT with COERCE's mode `seize`;
/// the manual's COERCE has the mode `destroy`. 163 (impose embargo,
/// boycott or sanctions) is listed as COERCE `restrict`; the manual's
/// SANCTION modes: "International (political or economic) sanctions are
/// coded as `discontinue`". 0813 and 0814 (ease a curfew, a state of
/// emergency) are listed as RETREAT; the manual's CONCEDE covers "easing of
/// administrative or legal restrictions ..., removing curfews".
const PLOVER_FIX: &[(&str, &str, &str)] = &[("1712", "COERCE", "destroy"), ("163", "SANCTION", "discontinue"), ("0813", "CONCEDE", ""), ("0814", "CONCEDE", "")];

/// Verbs of `---` blocks (CAMEO.2.0 codes them only through patterns) whose
/// event does not depend on the object: "rejected an Australian ultimatum".
/// Verbs of feeling whose passive names the one who feels as its subject
/// ("Hamas is dismayed by the remarks"): the subject reacts to the `by`
/// phrase, so it is the source, not the target.
const PSYCH: &[&str] = &["dismay", "disappoint", "alarm", "anger", "outrage", "shock", "frustrate", "upset", "disturb", "trouble", "worry", "concern", "appal", "appall", "dismayed", "disappointed", "alarmed", "angered", "outraged", "shocked", "frustrated", "disturbed", "troubled", "worried", "concerned", "appalled"];

const VERB_DEFAULT: &[(&str, &str)] = &[("reject", "120"), ("refuse", "120"), ("rebuff", "120")];

/// Nouns of intent to cooperate: `affirm their commitment to a ceasefire`.
const INTENT_NOUNS: &[&str] = &["commitment", "dedication", "readiness", "willingness", "determination", "intention", "resolve", "pledge", "desire"];

/// Negative evaluations: `X was "the primary impediment"`, `it was unfortunate how X behaved`.
const NEG_EVAL: &[&str] = &[
    "impediment", "obstacle", "barrier", "unfortunate", "self-serving", "irresponsible", "unacceptable", "shameful", "outrageous", "disgraceful",
    "liar", "criminal", "aggressor", "provocation", "provocative", "mislead", "responsible", "culprit", "hypocrite", "hypocritical", "betrayal",
    "sabotage", "obstruct", "undermine", "dishonest", "insincere", "reckless", "failure", "destructive", "detrimental", "blame", "lie",
];

/// Nouns whose possessor acts through them: "Netanyahu's office announced".
const INSTITUTION: &[&str] = &[
    "office", "administration", "government", "ministry", "spokesman", "spokeswoman", "spokesperson", "force", "army", "delegation", "cabinet",
    "embassy", "military", "police", "president", "leader", "envoy", "minister", "parliament", "court", "team", "negotiator", "representative",
    "troops", "navy", "camp", "party", "movement", "wing", "council", "authority", "agency", "media", "television", "radio", "newspaper",
    // A person's role: "Caras Galadhon's new mayor left for ...".
    "mayor", "governor", "head", "chief", "commander", "ambassador", "king", "queen", "premier", "chancellor", "secretary", "official",
    "officials", "diplomat", "diplomats", "militia", "forces", "soldiers", "legislature", "judge", "prosecutor",
    // PETRARCH codes a death toll's possessor as the source ("Eriador's death toll has risen").
    "toll", "total",
];

/// Singular nouns naming a group of people (`---COP` "police"), not one person.
const GROUP_NOUNS: &[&str] = &[
    "police", "opposition", "military", "army", "government", "regime", "junta", "administration", "authority", "leadership", "militia", "guerrilla",
    "cabinet", "parliament", "legislature", "congress", "public", "population", "crowd", "mob", "navy", "youth", "clergy", "media", "press",
];

/// Talks and mediation: what a withdrawal is from.
const TALKS: &[&str] = &[
    "delegation", "delegations", "negotiator", "negotiators", "negotiation", "negotiations", "talks", "mediation", "mediators", "discussions",
    "team", "envoy", "envoys", "ceasefire",
];

const MEETING: &[&str] = &["meeting", "meetings", "talks", "visit", "summit", "negotiations", "conference", "session", "trip", "discussions"];

/// Nouns naming an event, and the verb that codes them.
const NOMINAL: &[(&str, &str)] = &[
    ("withdrawal", "withdraw"), ("condemnation", "condemn"), ("criticism", "criticize"), ("accusation", "accuse"), ("accusations", "accuse"),
    ("rejection", "reject"), ("denial", "deny"), ("demand", "demand"), ("demands", "demand"), ("appeal", "appeal"), ("threat", "threaten"),
    ("threats", "threaten"), ("offer", "offer"), ("proposal", "propose"), ("invitation", "invite"), ("apology", "apologize"), ("support", "support"),
    ("praise", "praise"), ("recognition", "recognize"), ("protest", "protest"), ("warning", "warn"), ("request", "request"), ("suspension", "suspend"),
    ("expulsion", "expel"), ("boycott", "boycott"), ("dissatisfaction", "disapprove"), ("disapproval", "disapprove"), ("opposition", "oppose"),
    ("satisfaction", "praise"), ("appreciation", "praise"), ("gratitude", "praise"), ("condolences", "praise"),
];

#[derive(Clone, Debug)]
struct Who {
    entry: Option<u32>,
    name: String,
    code: String,
    span: Span,
    person: bool,
    roles: Vec<String>,
}

/// A pronoun the document coreference resolved (see `events::fill_pronouns`).
pub(crate) struct PronounHint {
    /// Byte offset of the pronoun.
    pub at: usize,
    /// The person's lexicon entry, when the lexicon knows them.
    pub entry: Option<u32>,
    pub name: String,
    /// Code in force on the document's date.
    pub code: String,
}

/// A quote the quote pass attributed (see `events::fill_quotes`): what is
/// said inside `content` is claimed by `who` (a group: its members).
pub(crate) struct QuoteHint {
    /// Byte range of the attributed content.
    pub content: (usize, usize),
    /// Byte span of the speaker mention.
    pub speaker: Span,
    /// The speaker's actors, and whether each is a person.
    pub who: Vec<(PronounHint, bool)>,
}

#[derive(Default)]
struct Memory {
    persons: Vec<Who>,
    groups: Vec<Vec<Who>>,
}

struct Cand {
    code: String,
    rule: String,
    trigger: Span,
    verb: usize,
    sources: Vec<Who>,
    targets: Vec<Who>,
    /// The pattern itself spelled out the negation (`DID N'T * ...`).
    neg_in_pattern: bool,
    /// Paired code of `[a:b]`: the target's event toward the source.
    code2: Option<String>,
}

/// Actor code with an agent code: after it (`ISR` + `GOV`), or before it for `NGO~`.
fn compose(actor: &str, agent: &str) -> String {
    match agent.strip_suffix('~') {
        Some(a) => format!("{a}{actor}"),
        None => format!("{actor}{agent}"),
    }
}

/// The same actor read twice (an object naming the subject again: "warned
/// their populations"), not two actors of one code: a government and its
/// opposition, a president and his minister (ZWEGOV -> ZWEGOV) act on each
/// other. Two mentions coded as a state alone ("Israelis", "Jerusalem")
/// are that state.
fn same_actor(a: &Who, b: &Who) -> bool {
    a.code == b.code
        && (a.code.len() <= 3
            || match (a.entry, b.entry) {
                (Some(x), Some(y)) => x == y,
                _ => a.name == b.name || a.code.starts_with("---"),
            })
}

fn cover(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Date::from_days((secs / 86_400) as i32))
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

impl CameoCoder {
    /// Compiles the coder's tables from `lex`; code with the same lexicon.
    pub fn new(lex: &Lexicon) -> CameoCoder {
        let c = Compiled::new(lex);
        let files = lex.sources.iter().map(|s| s.path.rsplit(['/', '\\']).next().unwrap_or(&s.path).to_string()).collect();
        CameoCoder { c, maps: None, options: Options::default(), files, surnames: std::sync::Arc::new(crate::actors::Surnames::new(lex)) }
    }

    /// The lexicon's people by surname (shared with [`crate::Extractor`]).
    pub(crate) fn surnames(&self) -> std::sync::Arc<crate::actors::Surnames> {
        self.surnames.clone()
    }

    /// Remembers the tag maps of the analyzer whose analyses
    /// [`crate::Extractor`] will hand over (needed by the `EventCoder` impl).
    pub fn with_analyzer(mut self, an: &herald_syntax::pipeline::Analyzer) -> CameoCoder {
        self.maps = Some(super::toks::TagMaps::new(an));
        self
    }

    pub(crate) fn tag_maps(&self) -> Option<&super::toks::TagMaps> {
        self.maps.as_ref()
    }

    /// Codes a document whose tokens are already in `scratch.toks`.
    pub fn code_toks(&self, lex: &Lexicon, text: &str, meta: &DocMeta, scratch: &mut EventScratch) -> Vec<Event> {
        // Codes in force on the publication date, else today's. Relative
        // dates ("on Thursday") resolve against the publication date only:
        // an undated document keeps them unresolved, so that its output does
        // not depend on the day it is coded.
        let published = meta.published.as_deref().and_then(dates::parse_published);
        let date = published.or_else(today);
        let finder = LexiconMentions { lex, surnames: &self.surnames, undated: published.is_none() };
        let EventScratch { toks, mentions, line, pronouns, quotes, .. } = scratch;
        let toks: &Toks = toks;
        let pronouns: &[PronounHint] = pronouns;
        let quotes: &[QuoteHint] = quotes;
        let cmap = CharMap::new(text);
        let mut out = Vec::new();
        // Story discards.
        let mut sent_discard = vec![false; toks.sents.len()];
        // Sentences holding a discard that dates a clause (see `dated_clause`).
        let mut sent_dated = vec![false; toks.sents.len()];
        for s in 0..toks.sents.len() {
            let (a, b, _) = toks.sents[s];
            line.clear();
            line.push(' ');
            for i in a..b {
                for p in toks.low(i).split('-').filter(|p| !p.is_empty()) {
                    line.push_str(p);
                    line.push(' ');
                }
            }
            // Every discard needle in the sentence's line, in one pass.
            if let Some(ac) = &self.c.discard_ac {
                for m in ac.find_overlapping_iter(line.as_str()) {
                    let (needle, story, _) = &self.c.discards[m.pattern().as_usize()];
                    if *story {
                        return out;
                    }
                    // Phoenix's bare years and "years ago" discard what they
                    // date: the clause holding them, not the sentence
                    // ("offered to hand over two nationals suspected of
                    // blowing up a plane in 1988"); see `dated_clause`.
                    if !is_dating(needle) {
                        sent_discard[s] = true;
                    } else {
                        sent_dated[s] = true;
                    }
                }
            }
            if is_byline(line) {
                sent_discard[s] = true;
            }
        }
        let mut mem = Memory::default();
        #[allow(clippy::needless_range_loop)]
        for s in 0..toks.sents.len() {
            mentions.clear();
            finder.find(toks, s, date, mentions);
            let ctx = SentCtx { toks, m: mentions, s, lex, published, pronouns, quotes };
            if !sent_discard[s] {
                let mut cands = self.sentence(&ctx, &mut mem);
                if sent_dated[s] {
                    cands.retain(|c| !self.dated_clause(toks, c.verb));
                }
                // "summoned the ambassador to complain": the complaint is the
                // act, the summoning its occasion.
                let purposes: Vec<usize> = cands.iter().filter(|c| toks.t[c.verb].rel == Rel::Advcl && matches!(root(&c.code), "10" | "11" | "12" | "13")).filter_map(|c| toks.head(c.verb)).collect();
                if !purposes.is_empty() {
                    cands.retain(|c| !(toks.lemma(c.verb) == "summon" && purposes.contains(&c.verb)));
                }
                // "converged for a rally ... to protest the violations": the
                // purpose of a protest is what is protested, not a second act.
                let protests: Vec<usize> = cands.iter().filter(|c| root(&c.code) == "14").map(|c| c.verb).collect();
                if !protests.is_empty() {
                    cands.retain(|c| !(toks.lemma(c.verb) == "protest" && root(&c.code) != "14" && toks.head(c.verb).is_some_and(|h| protests.contains(&h)) && matches!(toks.t[c.verb].rel, Rel::Advcl | Rel::Xcomp)));
                }
                // The content of what is rejected, demanded, criticised or
                // appealed for ("rejected a US offer to host a summit",
                // "rejected an appeal for deploying troops") is not an act of
                // its own.
                if !self.options.linear_phrase {
                    let hosts: Vec<usize> = cands.iter().filter(|c| matches!(root(&c.code), "02" | "10" | "11" | "12" | "13")).map(|c| c.verb).collect();
                    if !hosts.is_empty() {
                        cands.retain(|c| !object_content_of(toks, c.verb, &hosts));
                    }
                }
                let issues = self.issues(&ctx);
                let first = out.len();
                // A relative clause tells background about an actor ("Hamas,
                // which advocates Israel's destruction"): coded only when the
                // sentence codes nothing else.
                let (background, main): (Vec<Cand>, Vec<Cand>) = cands.into_iter().partition(|c| in_relative_clause(toks, c.verb));
                // Whether each event's verb is subordinate (see `drop_subordinate_untargeted`).
                let mut sub: Vec<bool> = Vec::new();
                for c in main {
                    let s = is_subordinate(toks, c.verb);
                    self.emit(&ctx, c, &issues, &cmap, text, &mem, &mut out);
                    sub.resize(out.len() - first, s);
                }
                if out.len() == first {
                    for c in background {
                        let s = is_subordinate(toks, c.verb);
                        self.emit(&ctx, c, &issues, &cmap, text, &mem, &mut out);
                        sub.resize(out.len() - first, s);
                    }
                }
                drop_subordinate_untargeted(&mut out, first, &sub);
                drop_untargeted_repeats(&mut out, first);
                drop_speech_codes(&mut out, first);
            }
            ctx.remember(&mut mem);
        }
        for (i, e) in out.iter_mut().enumerate() {
            e.id = format!("ev{}", i + 1);
        }
        out
    }

    /// Whether the clause of verb `v` holds a time before the story that a
    /// discard names (Phoenix discards sentences with a bare year, "years
    /// ago", "World War Two" as history; see [`is_dating`]).
    fn dated_clause(&self, t: &Toks, v: usize) -> bool {
        let (a, b, _) = t.sents[t.t[v].sent as usize];
        // Tokens of the sentence as the discard lines see them: a hyphenated
        // word in its pieces, each piece naming its token.
        let mut words: Vec<(&str, usize)> = Vec::new();
        for k in a..b {
            words.extend(t.low(k).split('-').filter(|p| !p.is_empty()).map(|p| (p, k)));
        }
        let mut starts: Vec<usize> = Vec::new();
        for (i, &(w, k)) in words.iter().enumerate() {
            let cands = self.c.discard_first.get(w).map(Vec::as_slice).unwrap_or(&[]).iter().chain(self.c.discard_stems.iter());
            for &d in cands {
                let (needle, story, _) = &self.c.discards[d as usize];
                if *story || !is_dating(needle) {
                    continue;
                }
                let pieces: Vec<&str> = needle.split_whitespace().collect();
                let exact = needle.ends_with(' ');
                let hit = pieces.iter().enumerate().all(|(j, p)| {
                    words.get(i + j).is_some_and(|&(x, _)| if exact || j + 1 < pieces.len() { x == *p } else { x.starts_with(p) })
                });
                if hit {
                    starts.push(k);
                }
            }
        }
        if starts.is_empty() {
            return false;
        }
        // Not inside a clause with a subject of its own that modifies a noun of
        // this one ("an admission by Moscow [that Soviet forces murdered
        // officers during World War Two]"): that clause is dated, not this.
        let clause = clause_tokens(t, v);
        let mut own: Vec<usize> = Vec::new();
        for &k in clause.iter().filter(|&&k| k != v && t.t[k].rel == Rel::Acl && t.kid(k, Rel::Nsubj).is_some()) {
            subtree(t, k, &mut own);
        }
        clause.into_iter().any(|k| starts.contains(&k) && !own.contains(&k))
    }

    fn issues(&self, ctx: &SentCtx) -> Vec<String> {
        let (a, b, _) = ctx.toks.sents[ctx.s];
        let forms: Vec<&str> = (a..b).map(|i| ctx.toks.form(i)).collect();
        let mut v: Vec<String> = ctx.lex.issue_matches(&forms).iter().map(|m| ctx.lex.issue(m.entry).code.to_lowercase()).filter(|c| !c.is_empty()).collect();
        v.sort();
        v.dedup();
        v
    }

    fn sentence(&self, ctx: &SentCtx, mem: &mut Memory) -> Vec<Cand> {
        let t = ctx.toks;
        let (a, b, _) = t.sents[ctx.s];
        let mut cands = Vec::new();
        for v in a..b {
            let tk = t.t[v];
            if tk.debris {
                continue;
            }
            let is_verb = tk.upos == Upos::Verb || (tk.upos == Upos::Adj && tk.vbn) || (tk.upos == Upos::Noun && tk.rel == Rel::Root && t.kid(v, Rel::Nsubj).is_some() && t.kid(v, Rel::Cop).is_none());
            if !is_verb {
                continue;
            }
            self.verb(ctx, v, mem, &mut cands);
        }
        cands
    }

    /// Codes verb `v`.
    fn verb(&self, ctx: &SentCtx, v: usize, mem: &Memory, cands: &mut Vec<Cand>) {
        let t = ctx.toks;
        let lemma = t.lemma(v);
        let low = t.low(v);
        let is_speech = SPEECH.contains(&lemma);
        // Herald rule: negative evaluation in reported speech.
        if is_speech {
            if let Some(c) = self.neg_eval(ctx, v, mem) {
                cands.push(c);
            }
            if let Some(c) = self.must(ctx, v, mem) {
                cands.push(c);
            }
        }
        // Herald rule: light verb + event noun.
        let mut light = if LIGHT.contains(&lemma) || ASPECT.contains(&lemma) { self.light(ctx, v, mem) } else { None };
        let Some((vi, trig_end)) = self.lookup(ctx, v, lemma, low) else {
            cands.extend(light);
            return;
        };
        // "have sworn to fight": swearing to do something is a vow, coded
        // through what is vowed (an announced act), not the dictionary's
        // SWEAR of its ALLEGE block (to swear that something is so).
        if lemma == "swear" && t.kid(v, Rel::Xcomp).is_some() {
            cands.extend(light);
            return;
        }
        let verb = &self.c.verbs[vi as usize];
        let block = &self.c.blocks[verb.block as usize];
        let clause = clause_tokens(t, v);
        let (mut pre, post): (Vec<usize>, Vec<usize>) = clause.iter().partition(|&&k| k < v);
        // PETRARCH reads the words before the verb linearly: add the governing verbs.
        let mut cur = v;
        for _ in 0..3 {
            match t.head(cur) {
                Some(h) if h < v && matches!(t.t[cur].rel, Rel::Ccomp | Rel::Xcomp) => {
                    pre.push(h);
                    cur = h;
                }
                _ => break,
            }
        }
        pre.sort_unstable();
        let post: Vec<usize> = post.into_iter().filter(|&k| k > trig_end).collect();
        let mut best: Option<(&CPattern, Match)> = None;
        // Words of the clause, for a quick rejection of patterns whose words are absent.
        // A word is present when a clause word starts with it (its form, or
        // the first part of a hyphenated form) or is its lemma: sorted forms
        // answer the prefix test with one binary search.
        let mut lows: Vec<&str> = pre.iter().chain(post.iter()).map(|&k| t.low(k)).collect();
        let mut lemmas: Vec<&str> = pre.iter().chain(post.iter()).map(|&k| t.lemma(k)).collect();
        lows.sort_unstable();
        lemmas.sort_unstable();
        let present = |w: &str| {
            let i = lows.partition_point(|x| *x < w);
            lows.get(i).is_some_and(|x| x.starts_with(w)) || lemmas.binary_search(&w).is_ok()
        };
        let mine = |p: &CPattern| self.options.block_patterns || p.applies_to(vi);
        for p in block.patterns.iter().filter(|p| mine(p)) {
            if !p.anchors.iter().all(|a| present(a)) {
                continue;
            }
            if let Some(m) = self.match_pattern(ctx, p, &pre, &post, (v, trig_end)) {
                if best.as_ref().is_none_or(|(_, b)| m.score > b.score) {
                    best = Some((p, m));
                }
            }
        }
        // PETRARCH reads on past the boundary of a complement clause: a
        // pattern of words alone may find them there ("allowed that Mordor
        // isn't a REALLY_PLEASANT place"). Not for a verb of saying, whose
        // complement is what was said.
        if best.is_none() && !is_speech && self.options.linear_phrase {
            if let Some(c) = t.kid(v, Rel::Ccomp) {
                let mut wide: Vec<usize> = clause_tokens(t, c);
                wide.retain(|&k| k > trig_end);
                wide.extend(post.iter().copied());
                wide.sort_unstable();
                wide.dedup();
                let words_only = |p: &CPattern| p.pre.is_empty() && p.post.iter().all(|i| matches!(i, Item::Words(_) | Item::Prep(_) | Item::Syn(_)));
                for p in block.patterns.iter().filter(|p| words_only(p) && mine(p)) {
                    if !p.anchors.iter().all(|a| wide.iter().any(|&k| t.low(k) == &**a || t.lemma(k) == &**a)) {
                        continue;
                    }
                    if let Some(m) = self.match_pattern(ctx, p, &pre, &wide, (v, trig_end)) {
                        if best.as_ref().is_none_or(|(_, b)| m.score > b.score) {
                            best = Some((p, m));
                        }
                    }
                }
            }
        }
        if let Some(c) = light.take() {
            // The verb's own pattern naming its object ("LODGE * PROTEST
            // [110]") is the dictionary's reading of the phrase; herald's
            // reading of intent ("affirmed their commitment to a ceasefire":
            // 037, not AFFIRM * COMMITMENT's 050) says more.
            let own = c.rule != "herald:light-verb-intent" && best.as_ref().is_some_and(|(_, m)| t.kid(v, Rel::Obj).is_some_and(|o| m.used.contains(&(o as u32))));
            if !own {
                cands.push(c);
                return;
            }
        }
        // "issued a declaration demanding ...", "released a statement": a
        // statement is the vehicle of what it says, no act by itself.
        if best.is_none() && LIGHT.contains(&lemma) && t.kid(v, Rel::Obj).is_some_and(|o| STATEMENTS.contains(&t.lemma(o))) {
            return;
        }
        let (mut code, mut rule, from_pattern, pm, code2) = match &best {
            Some((p, m)) => (p.code.to_string(), format!("{}:{}", self.file(block.source), p.line), true, Some(m.clone()), p.code2.as_deref()),
            None => (verb.code.to_string(), format!("{}:{}", self.file(block.source), verb.line), false, None, verb.code2.as_deref()),
        };
        // A verb of a block coded `---` that no pattern matched: herald's reading
        // of verbs whose meaning does not depend on the object.
        if !from_pattern && code == "---" {
            if let Some((_, c)) = VERB_DEFAULT.iter().find(|(l, _)| *l == lemma) {
                code = (*c).to_string();
                rule = format!("{rule} + herald:verb-default");
            } else if lemma == "suspend" {
                if let Some(o) = t.kid(v, Rel::Obj) {
                    code = suspension_code(t, o).to_string();
                    rule = format!("{rule} + herald:suspension");
                }
            }
        }
        // Dismissing or opposing a proposal, an appeal, an offer or a planned
        // deployment is rejecting it (CAMEO 12, PLOVER REJECT), not
        // criticising (DISMISS [110]).
        if !from_pattern && root(&code) == "11" && matches!(lemma, "dismiss" | "spurn" | "snub" | "oppose") && t.kid(v, Rel::Obj).is_some_and(|o| PROPOSALS.contains(&t.lemma(o))) {
            code = "120".into();
            rule = format!("{rule} + herald:dismissal-is-rejection");
        }
        // Withdrawing inspectors or observers (CAMEO 1662) or aid workers
        // (1663) from a place is reducing relations, not a military retreat
        // ("will withdraw weapons inspectors and humanitarian workers from
        // Iraq": announced, a threat).
        if matches!(lemma, "withdraw" | "pull" | "recall" | "evacuate") && (!from_pattern || root(&code) == "08") {
            if let Some(o) = t.kid(v, Rel::Obj) {
                let aid_workers = matches!(t.lemma(o), "worker" | "workers" | "staff" | "agency" | "agencies") && t.kids(o).iter().any(|&k| matches!(t.lemma(k as usize), "aid" | "humanitarian" | "relief"));
                if matches!(t.lemma(o), "inspector" | "inspectors" | "observer" | "observers" | "monitor" | "monitors") {
                    code = "1662".into();
                    rule = format!("{rule} + herald:withdraw-inspectors");
                } else if aid_workers {
                    code = "1663".into();
                    rule = format!("{rule} + herald:withdraw-inspectors");
                }
            }
        }
        // Sending, shipping or supplying arms to someone is military aid (CAMEO
        // 072, PLOVER AID), whatever pattern of the verb's block matched
        // ("continued to send arms to Pakistan" is not DEPLOY * ARMS's 154).
        if matches!(lemma, "send" | "ship" | "supply" | "deliver" | "provide" | "sell" | "transfer" | "give")
            && t.kid(v, Rel::Obj).is_some_and(|o| matches!(t.low(o), "arms" | "weapons" | "ammunition" | "munitions" | "weaponry"))
            && t.kids(v).iter().map(|&k| k as usize).any(|k| matches!(t.t[k].rel, Rel::Obl | Rel::Iobj) && case_of(t, k).is_none_or(|c| c == "to") && ctx.mention_at(k).is_some_and(|mi| matches!(ctx.m[mi].kind, Kind::Actor { .. })))
            && !matches!(root(&code), "07" | "06")
        {
            code = "072".into();
            rule = format!("{rule} + herald:arms-are-military-aid");
        }
        // Blowing up, razing or torching a thing (a power line, a bridge, a
        // building) is destroying property (CAMEO 1712, PLOVER COERCE
        // `destroy`), not an attack on people.
        if !from_pattern && matches!(root(&code), "18" | "19") && DESTROY.contains(&lemma) {
            if t.kid(v, Rel::Obj).is_some_and(|o| PROPERTY.contains(&t.lemma(o)) && !ctx.has_actor_at(o)) {
                code = "1712".into();
                rule = format!("{rule} + herald:destroy-property");
            }
        }
        // Preparing to attack is a force posture (CAMEO 15, PLOVER MOBILIZE),
        // not PREPARE's intent to cooperate ("The army prepared to resume
        // shelling the town").
        let mut attack: Option<usize> = None;
        if !from_pattern && lemma == "prepare" {
            // The complement's verb, and the verb it governs ("to resume
            // shelling"), not modifiers inside it ("a record-breaking budget").
            let mut sub = Vec::new();
            for c in t.kids(v).iter().map(|&k| k as usize).filter(|&k| matches!(t.t[k].rel, Rel::Xcomp | Rel::Advcl)) {
                sub.push(c);
                sub.extend(t.kids(c).iter().map(|&k| k as usize).filter(|&k| matches!(t.t[k].rel, Rel::Xcomp | Rel::Advcl | Rel::Obj | Rel::Ccomp)));
            }
            attack = sub.into_iter().find(|&k| t.t[k].upos == Upos::Verb && self.c.verbs_of(t.lemma(k)).iter().any(|&vi| matches!(root(&self.c.verbs[vi as usize].code), "18" | "19" | "20")));
            if attack.is_some() {
                code = "150".into();
                rule = format!("{rule} + herald:prepare-to-attack");
            }
        }
        let code_read = code.clone();
        // Herald rules that refine the dictionary's reading.
        let sent_has = |words: &[&str]| {
            let (a, b, _) = t.sents[ctx.s];
            (a..b).any(|i| words.contains(&t.low(i)) || words.contains(&t.lemma(i)))
        };
        if matches!(lemma, "withdraw" | "depart" | "leave" | "recall" | "pull") && (!from_pattern || root(&code) == "08") && sent_has(TALKS) {
            code = if sent_has(&["mediation", "mediators", "mediator"]) && !sent_has(&["delegation", "negotiators"]) { "165".into() } else { "164".into() };
            rule = "herald:withdraw-from-talks".into();
        }
        if matches!(lemma, "cancel" | "postpone" | "scrap" | "call" | "suspend") && post.iter().any(|&k| MEETING.contains(&t.low(k))) && (lemma != "call" || t.kids(v).iter().any(|&k| t.low(k as usize) == "off")) {
            code = "125".into();
            rule = "herald:cancelled-meeting".into();
        }
        // PLOVER: agreeing (to do something, upon a pact) is AGREE, not SUPPORT.
        if lemma == "agree" && matches!(root(&code), "05" | "04") {
            code = "030".into();
            rule = format!("{rule} + herald:agree-is-agree");
        }
        if code == "---" || code.is_empty() {
            return;
        }
        // No default "make statement" for every verb of saying.
        if code == "010" || code == "01" || (!from_pattern && root(&code) == "01") {
            return;
        }
        // A verb of reporting codes an event only through a pattern ("expressed concern")
        // or when reporting is itself the act (warn, accuse, deny: not in this list).
        let plain_speech = is_speech && !from_pattern && root(&code) != "11" && root(&code) != "12" && !matches!(lemma, "warn" | "charge" | "allege" | "predict" | "fear" | "admit" | "acknowledge" | "suggest" | "hope");
        if plain_speech && !self.options.speech_verb_codes {
            return;
        }
        if plain_speech {
            rule = format!("{rule} + {SPEECH_CODE}");
        }
        // Noise: an object reduced to a lone determiner (a word lost when a link was stripped).
        if let Some(o) = t.kid(v, Rel::Obj).or_else(|| t.kids(v).iter().map(|&k| k as usize).find(|&k| k > v && t.t[k].rel == Rel::Det)) {
            if t.t[o].upos == Upos::Det && t.kids(o).is_empty() {
                return;
            }
        }
        if t.kids(v).iter().any(|&k| t.t[k as usize].debris) {
            return;
        }
        // "released a on Friday": a determiner with no noun right after the verb.
        if v + 2 < t.len() && t.t[v + 1].upos == Upos::Det && matches!(t.low(v + 1), "a" | "an" | "the") && matches!(t.t[v + 2].upos, Upos::Adp | Upos::Punct) {
            return;
        }
        let used: Vec<u32> = pm.as_ref().map(|m| m.used.clone()).unwrap_or_default();
        let (mut sources, mut targets) = self.participants(ctx, v, mem, &used);
        // Preparing to attack: the target is the attack's.
        if let Some(a) = attack.filter(|_| targets.is_empty()) {
            targets = t.kid(a, Rel::Obj).map(|o| ctx.actors_under(o, mem)).unwrap_or_default();
            targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
        }
        // A threat is made to the one whose act its condition names:
        // "threatened to stop negotiations if the United States goes ahead
        // with the deployment" threatens the United States.
        if targets.is_empty() && root(&code) == "13" {
            let mut sub = Vec::new();
            subtree(t, v, &mut sub);
            sub.sort_unstable();
            if let Some(s) = sub.into_iter().filter(|&k| t.t[k].rel == Rel::Advcl && t.kids(k).iter().any(|&m| t.t[m as usize].rel == Rel::Mark && matches!(t.low(m as usize), "if" | "unless"))).find_map(|k| subject(t, k).0) {
                targets = ctx.actors_subject(s, mem);
                targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
            }
        }
        if plain_speech && targets.is_empty() {
            // What is said is about the first actor named in it ("said he has
            // deep satisfaction toward Gondor").
            let mut sub = Vec::new();
            subtree(t, v, &mut sub);
            sub.retain(|&k| k > v);
            sub.sort_unstable();
            if let Some(mi) = sub.into_iter().filter_map(|k| ctx.mention_at(k)).find(|&mi| matches!(ctx.m[mi].kind, Kind::Actor { .. })) {
                targets = ctx.actors_under(ctx.m[mi].head as usize, mem);
                targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
            }
        }
        if let Some(m) = pm {
            // The pattern's `$` / `+` / `%` actor with its conjuncts ("Gondor and Osgiliath").
            let group = |ids: &[u32]| -> Vec<Who> {
                let mut out: Vec<Who> = Vec::new();
                for &mi in ids {
                    let mut w = ctx.actors_under(ctx.m[mi as usize].head as usize, mem);
                    if w.is_empty() {
                        w.extend(ctx.who(mi as usize, mem));
                    }
                    for x in w {
                        if !out.iter().any(|o| o.code == x.code) {
                            out.push(x);
                        }
                    }
                }
                out
            };
            if !m.src.is_empty() {
                sources = group(&m.src);
            }
            if !m.tgt.is_empty() {
                targets = group(&m.tgt);
            }
        }
        let trigger = Span::new(t.t[v].span.start, t.t[trig_end].span.end);
        let neg_in_pattern = used.iter().any(|&u| matches!(t.low(u as usize), "not" | "n't" | "never"));
        // The paired code holds only for the dictionary's own reading.
        let code2 = code2.filter(|_| code == code_read).map(str::to_string);
        cands.push(Cand { code, rule, trigger, verb: v, sources, targets, neg_in_pattern, code2 });
    }

    fn file(&self, src: u32) -> &str {
        self.files.get(src as usize).map(String::as_str).unwrap_or("verbs")
    }

    /// The dictionary verb of token `v`: its index and the last token of the
    /// trigger (a particle for compound verbs).
    fn lookup(&self, ctx: &SentCtx, v: usize, lemma: &str, low: &str) -> Option<(u32, usize)> {
        let t = ctx.toks;
        let mut simple = None;
        // A form listed as a verb of its own (`LEFT [032:033]`) before its lemma (`LEAVE`).
        let keys = if low != lemma && self.c.headwords.contains(low) { [low, lemma] } else { [lemma, low] };
        for key in keys {
            for &vi in self.c.verbs_of(key) {
                let cv = &self.c.verbs[vi as usize];
                if cv.after.is_empty() && cv.before.is_empty() {
                    // A verb listed in several blocks: the last coded one wins.
                    let coded = &*cv.code != "---" || !self.c.blocks[cv.block as usize].patterns.is_empty();
                    let prev_coded = simple.is_some_and(|p: u32| {
                        let pv = &self.c.verbs[p as usize];
                        &*pv.code != "---" || !self.c.blocks[pv.block as usize].patterns.is_empty()
                    });
                    if coded || !prev_coded {
                        simple = Some(vi);
                    }
                    continue;
                }
                // Compound verb: particle as a child or the next word.
                if !cv.after.is_empty() {
                    let want = &*cv.after[0];
                    let prt = t.kids(v).iter().map(|&k| k as usize).find(|&k| k > v && t.low(k) == want && matches!(t.t[k].rel, Rel::Prt | Rel::Advmod | Rel::Obl | Rel::Case | Rel::Other));
                    let next = (v + 1 < t.len() && t.t[v + 1].sent == t.t[v].sent && t.low(v + 1) == want).then_some(v + 1);
                    if let Some(p) = prt.or(next) {
                        if cv.before.is_empty() {
                            return Some((vi, p));
                        }
                    }
                }
            }
            if simple.is_some() {
                break;
            }
        }
        simple.map(|vi| (vi, v))
    }

    /// Matches pattern `p` around the verb, whose trigger is tokens
    /// `verb.0..=verb.1`: its items before the verb over `pre`, those after
    /// over `post` (clause tokens, in text order).
    fn match_pattern(&self, ctx: &SentCtx, p: &CPattern, pre: &[usize], post: &[usize], verb: (usize, usize)) -> Option<Match> {
        let mut m = Match::default();
        if p.post.is_empty() && p.pre.is_empty() {
            return None;
        }
        let vh = Hit { first: verb.0, last: verb.1, np: None };
        self.match_seq(ctx, &p.post, &p.post_glue, post, &mut m, true, Some(vh).filter(|_| p.post_glue.first() == Some(&true)), None)?;
        self.match_seq(ctx, &p.pre, &p.pre_glue, pre, &mut m, false, None, Some(vh).filter(|_| p.glued_to_verb))?;
        Some(m)
    }

    /// Matches items as an ordered subsequence of `toks`; items the pattern
    /// joins with `_` (`glue`) as a run of consecutive words. `lead`: the
    /// verb, when the first item is joined to it; `tail`: the verb, when the
    /// last item is. `after`: the items follow the verb (a compound actor
    /// there is the target).
    #[allow(clippy::too_many_arguments)]
    fn match_seq(&self, ctx: &SentCtx, items: &[Item], glue: &[bool], toks: &[usize], m: &mut Match, after: bool, lead: Option<Hit>, tail: Option<Hit>) -> Option<()> {
        let mut pos = 0usize;
        let mut i = 0usize;
        while i < items.len() {
            // The item and the items joined to it.
            let mut j = i + 1;
            while j < items.len() && glue.get(j) == Some(&true) {
                j += 1;
            }
            let lead = lead.filter(|_| i == 0);
            let tail = tail.filter(|_| j == items.len());
            let mut found = None;
            // A skipped noun phrase follows the item before it directly.
            let last_start = if matches!(items[i], Item::Skip) { pos.saturating_add(1).min(toks.len()) } else { toks.len() };
            for start in pos..last_start {
                if let Some(r) = self.match_run(ctx, &items[i..j], toks, start, m, after, lead, tail) {
                    found = Some(r);
                    break;
                }
            }
            pos = found?;
            i = j;
        }
        Some(())
    }

    /// Matches a run of joined items starting exactly at `toks[start]`;
    /// returns the position after it. `m` changes only on success.
    #[allow(clippy::too_many_arguments)]
    fn match_run(&self, ctx: &SentCtx, items: &[Item], toks: &[usize], start: usize, m: &mut Match, after: bool, lead: Option<Hit>, tail: Option<Hit>) -> Option<usize> {
        let t = ctx.toks;
        let mut prev = lead;
        let mut pos = start;
        // (Runs are a few items: the steps live on the stack until all match.)
        let mut steps: [Option<Step>; 8] = [None; 8];
        for (n, it) in items.iter().enumerate() {
            let step = if n == 0 {
                let s = self.item_at(ctx, it, toks, pos, after)?;
                if prev.is_some_and(|p| !glued(t, p, s.hit)) {
                    return None;
                }
                s
            } else {
                // The next item directly after the previous one, or after
                // more words of the actor's noun phrase ("TO_+": "to the
                // besieged Osgiliath").
                let p = prev?;
                (pos..toks.len()).take_while(|&q| toks[q] < p.last + 8).find_map(|q| self.item_at(ctx, it, toks, q, after).filter(|s| glued(t, p, s.hit)))?
            };
            prev = Some(step.hit);
            pos = step.next;
            if let Some(slot) = steps.get_mut(n) {
                *slot = Some(step);
            }
        }
        if let (Some(p), Some(v)) = (prev, tail) {
            if !glued(t, p, v) {
                return None;
            }
        }
        for s in steps.iter().flatten() {
            if let Some((a, n)) = s.used {
                m.used.extend(toks[a..a + n].iter().map(|&x| x as u32));
            }
            match s.actor {
                Some((mi, true)) => m.src.push(mi),
                Some((mi, false)) => m.tgt.push(mi),
                None => {}
            }
            m.score += s.score;
        }
        Some(pos)
    }

    /// Item `it` at exactly `toks[pos]`.
    fn item_at(&self, ctx: &SentCtx, it: &Item, toks: &[usize], pos: usize, after: bool) -> Option<Step> {
        let t = ctx.toks;
        let k = *toks.get(pos)?;
        let words = |n: usize, score: u32| Step { hit: Hit { first: k, last: toks[pos + n - 1], np: None }, next: pos + n, score, used: Some((pos, n)), actor: None };
        match it {
            Item::Words(w) | Item::Prep(w) => {
                // A preposition is not an infinitive marker or a clause's `for`.
                if matches!(it, Item::Prep(_)) && (t.t[k].upos == Upos::Part || t.t[k].rel == Rel::Mark) {
                    return None;
                }
                let n = if self.options.exact_pattern_words { words_at_exact(t, toks, pos, w) } else { words_at(t, toks, pos, w) };
                n.map(|n| words(n, 2 * w.len() as u32))
            }
            Item::Syn(s) => {
                let (phrases, plural) = &self.c.syn[*s as usize];
                let first = &self.c.syn_first[*s as usize];
                // Only phrases whose first piece the word can match: its form,
                // its lemma, a plural's stem, or its first hyphenated part.
                let low = t.low(k);
                let y_stem = low.strip_suffix("ies").filter(|_| *plural).map(|s| format!("{s}y"));
                let hyphen = low.split('-').find(|p| !p.is_empty()).filter(|_| low.contains('-'));
                let stem = |suffix: &str| low.strip_suffix(suffix).filter(|_| *plural);
                let keys = [Some(low), Some(t.lemma(k)), hyphen, stem("s"), stem("es"), y_stem.as_deref()];
                let mut best: Option<usize> = None;
                for (i, key) in keys.iter().enumerate() {
                    let Some(key) = *key else { continue };
                    if key.is_empty() || keys[..i].contains(&Some(key)) {
                        continue;
                    }
                    for &j in first.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                        best = best.max(words_at_pl(t, toks, pos, &phrases[j as usize], *plural));
                    }
                }
                best.map(|n| words(n, 2))
            }
            Item::Source | Item::Target | Item::Compound => {
                let mi = ctx.mention_at(k)?;
                let me = &ctx.m[mi];
                if !(matches!(me.kind, Kind::Actor { .. }) || ctx.resolvable(mi)) {
                    return None;
                }
                let source = match it {
                    Item::Source => true,
                    Item::Target => false,
                    // `%` after the verb: "agrees with the Philippines and France".
                    _ => !after,
                };
                let mut next = pos;
                while next < toks.len() && toks[next] < me.end as usize {
                    next += 1;
                }
                let last = (me.end as usize).saturating_sub(1).max(k);
                Some(Step { hit: Hit { first: k, last, np: Some(me.head as usize) }, next, score: 1, used: None, actor: Some((mi as u32, source)) })
            }
            Item::Skip => {
                // The noun phrase's head: up from a determiner or modifier.
                let mut h = k;
                while let Some(up) = t.head(h).filter(|&up| up > h && up < k + 8 && np_left(t, h)) {
                    h = up;
                }
                if !t.t[h].upos.nominal() {
                    return None;
                }
                // Its end: the head's name words after it, or an actor's phrase.
                let mut end = t.kids(h).iter().map(|&x| x as usize).filter(|&x| x > h && matches!(t.t[x].rel, Rel::Flat | Rel::Compound)).max().unwrap_or(h);
                if let Some(mi) = ctx.mention_at(k) {
                    end = end.max((ctx.m[mi].end as usize).saturating_sub(1));
                }
                let mut next = pos;
                while next < toks.len() && toks[next] <= end {
                    next += 1;
                }
                // Its words are used: the phrase is not the event's target.
                Some(Step { hit: Hit { first: k, last: end, np: Some(h) }, next, score: 1, used: Some((pos, next - pos)), actor: None })
            }
        }
    }

    /// Source and target from the parse.
    fn participants(&self, ctx: &SentCtx, v: usize, mem: &Memory, used: &[u32]) -> (Vec<Who>, Vec<Who>) {
        let t = ctx.toks;
        // Passive: a passive auxiliary, or a passive subject with some form of `be`
        // (a lone `nsubj:pass` on a past tense is a parser slip: "He called for").
        let be_aux = t.kids(v).iter().any(|&k| matches!(t.t[k as usize].rel, Rel::Aux | Rel::AuxPass) && matches!(t.lemma(k as usize), "be" | "get"));
        // A participle modifying the sentence's root noun and taking an object
        // is a misread main verb ("Fijian rebels released Chaudhry"), not a passive.
        let misread_main = (t.kid(v, Rel::Obj).is_some() && t.head(v).is_some_and(|h| t.t[h].rel == Rel::Root && t.t[h].upos.nominal())) || participle_main_verb(t, v);
        let passive = t.kid(v, Rel::AuxPass).is_some() || (t.kid(v, Rel::NsubjPass).is_some() && be_aux) || (t.t[v].vbn && t.t[v].rel == Rel::Acl && !misread_main);
        let (subj, antecedent) = subject(t, v);
        let mut sources = Vec::new();
        let mut targets = Vec::new();
        let agent = t.kids(v).iter().map(|&k| k as usize).find(|&k| t.t[k].rel == Rel::OblAgent || (matches!(t.t[k].rel, Rel::Obl | Rel::Nmod) && case_of(t, k) == Some("by")));
        let psych = passive && (PSYCH.contains(&t.lemma(v)) || PSYCH.contains(&t.low(v)));
        if psych {
            if let Some(s) = subj {
                sources = ctx.actors_subject(s, mem);
            }
            if let Some(a) = agent {
                targets = ctx.actors_under(a, mem);
            }
        } else if passive {
            if let Some(a) = agent {
                sources = ctx.actors_under(a, mem);
            }
            if let Some(s) = subj {
                targets = ctx.actors_under(s, mem);
            }
        } else if let Some(s) = subj {
            sources = ctx.actors_subject(s, mem);
            // A subject that names no actor, only an agent or nothing: two
            // subjects are a misparse of one noun phrase ("The rebel Kurdistan
            // Workers' Party issued"), and a controlling object acts for the
            // subject of its clause ("The IAEA has dispatched inspectors to
            // monitor ...", "issued a declaration demanding ..."): the other
            // subject of that clause is the source.
            if !antecedent && t.head(v) != Some(s) && matches!(t.t[s].rel, Rel::Nsubj | Rel::NsubjPass | Rel::Obj) && sources.iter().all(|w| w.code.starts_with("---")) {
                let others = t.head(s).map(|h| t.kids(h)).unwrap_or(&[]).iter().map(|&k| k as usize).filter(|&k| k != s && matches!(t.t[k].rel, Rel::Nsubj | Rel::NsubjPass));
                if let Some(w) = others.map(|k| ctx.actors_subject(k, mem)).find(|w| !w.is_empty() && !w.iter().all(|x| x.code.starts_with("---"))) {
                    sources = w;
                }
            }
        }
        // "Israel said it would withdraw": a pronoun subject in a complement is the matrix subject.
        if let Some(s) = subj.filter(|&s| matches!(t.low(s), "it" | "they" | "he" | "she")) {
            let mut cur = v;
            for _ in 0..4 {
                let Some(h) = t.head(cur) else { break };
                if !matches!(t.t[cur].rel, Rel::Ccomp | Rel::Conj | Rel::Xcomp) {
                    break;
                }
                if t.t[cur].rel == Rel::Ccomp {
                    if let (Some(ms), _) = subject(t, h) {
                        let w = ctx.actors_under(ms, mem);
                        if !w.is_empty() {
                            if passive && !psych {
                                targets = w;
                            } else {
                                sources = w;
                            }
                        }
                    }
                    break;
                }
                cur = h;
            }
            let _ = s;
        }
        // Speaker of reported speech: "we" / a missing subject inside a quote.
        let speaker = ctx.speaker(v, mem);
        if sources.is_empty() {
            if let Some(s) = subj {
                if matches!(t.low(s), "we" | "i" | "us" | "our") {
                    if let Some(sp) = &speaker {
                        sources = sp.clone();
                    }
                }
            }
        }
        let mut bare: Vec<Who> = Vec::new();
        if targets.is_empty() {
            let mut order: Vec<usize> = Vec::new();
            let kids = t.kids(v);
            order.extend(kids.iter().map(|&k| k as usize).filter(|&k| t.t[k].rel == Rel::Obj));
            order.extend(kids.iter().map(|&k| k as usize).filter(|&k| t.t[k].rel == Rel::Iobj));
            order.extend(kids.iter().map(|&k| k as usize).filter(|&k| matches!(t.t[k].rel, Rel::Obl | Rel::Nmod) && Some(k) != agent && !case_of(t, k).is_some_and(|c| SETTING.contains(&c))));
            for k in order {
                // A phrase the pattern's words matched is the event's content, not its target.
                if used.contains(&(k as u32)) {
                    continue;
                }
                targets = ctx.actors_under(k, mem);
                // An object naming the subject again ("warned their populations")
                // is not the target: look further on.
                targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
                // A bare agent ("an official visit") yields to an actor further on.
                if targets.iter().all(|w| w.code.starts_with("---")) && bare.is_empty() {
                    bare = std::mem::take(&mut targets);
                }
                if !targets.is_empty() {
                    break;
                }
            }
            // Inherit the object of a coordinated verb.
            if targets.is_empty() && t.t[v].rel == Rel::Conj {
                if let Some(h) = t.head(v) {
                    if let Some(o) = t.kid(h, Rel::Obj) {
                        targets = ctx.actors_under(o, mem);
                    }
                }
            }
            // accuse / allege that X...: the complement's subject.
            if targets.is_empty() {
                // Not an attribution the parser hung on the verb ("granted asylum
                // to X, the Peruvian embassy said"): its subject reports the event.
                let attribution = |c: usize| SPEECH.contains(&t.lemma(c)) && !t.kids(c).iter().any(|&k| t.t[k as usize].rel == Rel::Mark);
                if let Some(c) = t.kid(v, Rel::Ccomp).or_else(|| t.kid(v, Rel::Advcl)).filter(|&c| !attribution(c)) {
                    if let (Some(s), _) = subject(t, c) {
                        // Not the event's own source, reached again through a
                        // subjectless clause ("clashed ... to deal with").
                        targets = ctx.actors_under(s, mem);
                        targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
                    }
                }
            }
        }
        // PETRARCH's reading: the first actor after the verb in its phrase.
        if targets.is_empty() && !passive {
            let mut sub = Vec::new();
            subtree(t, v, &mut sub);
            sub.retain(|&k| k > v && !t.dominates_via_clause(v, k));
            // Not in a concession ("despite Israel's wish"); PETRARCH reads
            // on linearly.
            if !self.options.linear_phrase {
                let mut setting = Vec::new();
                for c in t.kids(v).iter().map(|&k| k as usize).filter(|&k| matches!(t.t[k].rel, Rel::Obl | Rel::Nmod) && matches!(case_of(t, k), Some("despite" | "notwithstanding"))) {
                    subtree(t, c, &mut setting);
                }
                sub.retain(|k| !setting.contains(k));
            }
            sub.sort_unstable();
            let first = |sub: &[usize]| -> Vec<Who> {
                for &k in sub {
                    if used.contains(&(k as u32)) {
                        continue;
                    }
                    if let Some(mi) = ctx.mention_at(k) {
                        if matches!(ctx.m[mi].kind, Kind::Actor { .. }) {
                            let w = ctx.actors_under(ctx.m[mi].head as usize, mem);
                            if !w.is_empty() && w.iter().all(|x| !sources.iter().any(|s| same_actor(x, s))) {
                                return w;
                            }
                        }
                    }
                }
                Vec::new()
            };
            targets = first(&sub);
            // Else, in PETRARCH's linear reading, inside a subjectless
            // non-finite clause of the verb ("signed an accord to supply
            // Gondor", "a trip in the White Downs" read as a participle's clause).
            if targets.is_empty() && self.options.linear_phrase {
                let mut open = Vec::new();
                subtree(t, v, &mut open);
                open.retain(|&k| k > v && t.dominates_via_clause(v, k) && through_open_clauses(t, v, k));
                open.sort_unstable();
                targets = first(&open);
            }
        }
        // "summoned Niger's ambassador to complain of inaction": a purpose
        // clause with no target of its own is addressed to the one its verb's
        // clause acts on (not to the source's own people, nor to a bare
        // agent: "sent troops to fight" names no one fought).
        if targets.is_empty() && t.t[v].rel == Rel::Advcl && t.kids(v).iter().any(|&k| t.t[k as usize].rel == Rel::Mark && t.low(k as usize) == "to") && !t.kids(v).iter().any(|&k| matches!(t.t[k as usize].rel, Rel::Nsubj | Rel::NsubjPass)) {
            if let Some(o) = t.head(v).and_then(|h| t.kid(h, Rel::Obj)).filter(|&o| o < v) {
                let mut w = ctx.actors_under(o, mem);
                w.retain(|x| !x.code.starts_with("---") && !sources.iter().any(|y| x.code.get(..3) == y.code.get(..3)));
                targets = w;
            }
        }
        if targets.is_empty() {
            targets = bare;
        }
        // "fighting between Azerbaijanis and Armenians": the parties named
        // with `between` are the source and target, not the subject of the
        // clause the gerund hangs from.
        if !t.kids(v).iter().any(|&k| matches!(t.t[k as usize].rel, Rel::Nsubj | Rel::NsubjPass)) {
            if let Some(k) = t.kids(v).iter().map(|&k| k as usize).find(|&k| case_of(t, k) == Some("between")) {
                let w = ctx.actors_under(k, mem);
                if w.len() >= 2 {
                    sources = vec![w[0].clone()];
                    targets = w[1..].to_vec();
                }
            }
        }
        targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
        (sources, targets)
    }

    /// `X asserted that Y was "the primary impediment"`; `X remarked that it was unfortunate how Y behaved`.
    fn neg_eval(&self, ctx: &SentCtx, v: usize, mem: &Memory) -> Option<Cand> {
        let t = ctx.toks;
        let c = t.kids(v).iter().map(|&k| k as usize).find(|&k| matches!(t.t[k].rel, Rel::Ccomp) || (t.t[k].rel == Rel::Parataxis && k < v))?;
        let neg = |i: usize| NEG_EVAL.contains(&t.lemma(i)) || NEG_EVAL.contains(&t.low(i));
        // The complement's predicate or its object carries the evaluation.
        let mut hit = neg(c);
        if !hit {
            hit = t.kids(c).iter().map(|&k| k as usize).any(|k| matches!(t.t[k].rel, Rel::Obj | Rel::Amod | Rel::Xcomp | Rel::Conj) && (neg(k) || t.kids(k).iter().any(|&j| neg(j as usize) && t.t[j as usize].rel == Rel::Amod)));
        }
        if !hit {
            return None;
        }
        let (sources, _) = {
            let (s, _) = subject(t, v);
            (s.map(|s| ctx.actors_under(s, mem)).unwrap_or_default(), ())
        };
        let mut targets = match subject(t, c) {
            (Some(s), _) if !matches!(t.low(s), "it" | "this" | "that") => ctx.actors_under(s, mem),
            _ => Vec::new(),
        };
        if targets.is_empty() {
            // Anywhere in the complement (a clausal subject: "how Hamas has behaved").
            let mut sub = Vec::new();
            subtree(t, c, &mut sub);
            sub.sort_unstable();
            for k in sub {
                if let Some(mi) = ctx.mention_at(k) {
                    if let Some(w) = ctx.who(mi, mem) {
                        targets.push(w);
                        break;
                    }
                }
            }
        }
        targets.retain(|x| !sources.iter().any(|y| same_actor(x, y)));
        if sources.is_empty() || targets.is_empty() {
            return None;
        }
        Some(Cand { code: "111".into(), rule: "herald:negative-evaluation".into(), trigger: t.t[v].span, verb: v, sources, targets, neg_in_pattern: false, code2: None })
    }

    /// `X said Y must ...`: X demands of Y.
    fn must(&self, ctx: &SentCtx, v: usize, mem: &Memory) -> Option<Cand> {
        let t = ctx.toks;
        let c = t.kids(v).iter().map(|&k| k as usize).find(|&k| t.t[k].rel == Rel::Ccomp)?;
        let must = t.kids(c).iter().any(|&k| t.t[k as usize].rel == Rel::Aux && matches!(t.low(k as usize), "must" | "should"))
            || t.kids(c).iter().any(|&k| t.t[k as usize].rel == Rel::Xcomp && t.lemma(c) == "have" && t.low(c) != "had");
        if !must {
            return None;
        }
        let (s, _) = subject(t, v);
        let sources = s.map(|s| ctx.actors_under(s, mem)).unwrap_or_default();
        let targets = match subject(t, c) {
            (Some(x), _) => ctx.actors_under(x, mem),
            _ => Vec::new(),
        };
        if sources.is_empty() {
            return None;
        }
        let (negated, _) = modality(t, v);
        if negated {
            return None;
        }
        Some(Cand { code: "100".into(), rule: "herald:must-is-demand".into(), trigger: t.t[v].span, verb: v, sources, targets, neg_in_pattern: false, code2: None })
    }

    /// Light verb + event noun: `expressed dissatisfaction with X`,
    /// `announced its own withdrawal`, `affirmed their commitment to a ceasefire`.
    fn light(&self, ctx: &SentCtx, v: usize, mem: &Memory) -> Option<Cand> {
        let t = ctx.toks;
        let o = t.kid(v, Rel::Obj)?;
        let noun = t.lemma(o);
        let (subj, _) = subject(t, v);
        let sources = subj.map(|s| ctx.actors_subject(s, mem)).unwrap_or_default();
        if sources.is_empty() {
            return None;
        }
        let tgt_from = |ctx: &SentCtx, nodes: &[usize]| -> Vec<Who> {
            for &k in nodes {
                let w = ctx.actors_under(k, mem);
                if !w.is_empty() {
                    return w;
                }
            }
            Vec::new()
        };
        let mut obls: Vec<usize> = t.kids(o).iter().map(|&k| k as usize).filter(|&k| matches!(t.t[k].rel, Rel::Nmod | Rel::Acl)).collect();
        obls.extend(t.kids(v).iter().map(|&k| k as usize).filter(|&k| t.t[k].rel == Rel::Obl && !case_of(t, k).is_some_and(|c| SETTING.contains(&c))));
        let lemma_v = t.lemma(v);
        let aspect = ASPECT.contains(&lemma_v) && !LIGHT.contains(&lemma_v);
        if aspect {
            if let Some(code) = protest_code(t, v, o) {
                // ... "in protest against" / "to protest" what someone did.
                let mut whom = obls.clone();
                whom.extend(t.kids(v).iter().map(|&k| k as usize).filter(|&k| t.lemma(k) == "protest" && matches!(t.t[k].rel, Rel::Obl | Rel::Advcl | Rel::Xcomp)));
                let targets = tgt_from(ctx, &whom);
                return Some(Cand { code: code.into(), rule: "herald:light-verb-protest".into(), trigger: cover(t.t[v].span, t.t[o].span), verb: v, sources, targets, neg_in_pattern: false, code2: None });
            }
            // "called the talks a failure": calling names; only a protest is called.
            if lemma_v == "call" {
                return None;
            }
            if let Some((_, code)) = ACT_NOUNS.iter().find(|(n, _)| *n == t.low(o)) {
                let targets = tgt_from(ctx, &obls);
                return Some(Cand { code: (*code).into(), rule: "herald:light-verb-act".into(), trigger: cover(t.t[v].span, t.t[o].span), verb: v, sources, targets, neg_in_pattern: false, code2: None });
            }
        }
        if INTENT_NOUNS.contains(&noun) && !aspect {
            let mut sub = Vec::new();
            subtree(t, o, &mut sub);
            let words: Vec<&str> = sub.iter().map(|&k| t.lemma(k)).collect();
            let has = |ws: &[&str]| words.iter().any(|w| ws.contains(w));
            let code = if has(&["ceasefire", "truce", "peace", "settlement", "solution", "accord", "deal"]) {
                "037"
            } else if has(&["talks", "negotiation", "negotiations", "dialogue", "meeting"]) {
                "036"
            } else if has(&["aid", "assistance"]) {
                "033"
            } else {
                "030"
            };
            let targets = tgt_from(ctx, &obls);
            return Some(Cand { code: code.into(), rule: "herald:light-verb-intent".into(), trigger: cover(t.t[v].span, t.t[o].span), verb: v, sources, targets, neg_in_pattern: false, code2: None });
        }
        let mapped = NOMINAL.iter().find(|(n, _)| *n == noun || *n == t.low(o)).map(|(_, vb)| *vb)?;
        let mut code = None;
        let mut rule = String::new();
        if mapped == "disapprove" {
            code = Some("110".to_string());
            rule = "herald:light-verb-disapproval".into();
        } else if mapped == "withdraw" && {
            let (a, b, _) = t.sents[ctx.s];
            (a..b).any(|i| TALKS.contains(&t.low(i)))
        } {
            code = Some("164".to_string());
            rule = "herald:nominal-withdrawal".into();
        } else if let Some(&vi) = self.c.verbs_of(mapped).last() {
            let cv = &self.c.verbs[vi as usize];
            let block = &self.c.blocks[cv.block as usize];
            let mut post = Vec::new();
            subtree(t, o, &mut post);
            post.retain(|&k| k > o);
            post.sort_unstable();
            let mut best: Option<(&CPattern, Match)> = None;
            for p in &block.patterns {
                if !p.pre.is_empty() || !(self.options.block_patterns || p.applies_to(vi)) {
                    continue;
                }
                if let Some(m) = self.match_pattern(ctx, p, &[], &post, (o, o)) {
                    if best.as_ref().is_none_or(|(_, b)| m.score > b.score) {
                        best = Some((p, m));
                    }
                }
            }
            match best {
                Some((p, _)) => {
                    code = Some(p.code.to_string());
                    rule = format!("{}:{}", self.file(block.source), p.line);
                }
                None if mapped == "suspend" && &*cv.code == "---" => {
                    code = Some(suspension_code(t, o).to_string());
                    rule = format!("{}:{} + herald:suspension", self.file(block.source), cv.line);
                }
                // A withdrawal the verb's patterns do not name: from relations (160).
                None if mapped == "withdraw" => {
                    code = Some("160".to_string());
                    rule = "herald:nominal-withdrawal".into();
                }
                None => {
                    code = Some(cv.code.to_string());
                    rule = format!("{}:{}", self.file(block.source), cv.line);
                }
            }
        }
        let code = code?;
        if code == "---" || root(&code) == "01" {
            return None;
        }
        let targets = tgt_from(ctx, &obls);
        Some(Cand { code, rule, trigger: cover(t.t[v].span, t.t[o].span), verb: v, sources, targets, neg_in_pattern: false, code2: None })
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(&self, ctx: &SentCtx, c: Cand, issues: &[String], cmap: &CharMap, text: &str, mem: &Memory, out: &mut Vec<Event>) {
        let t = ctx.toks;
        let v = c.verb;
        let (mut negated, mut modality) = modality(t, v);
        if c.neg_in_pattern {
            negated = false;
        }
        let mut c = c;
        // PLOVER: "All rejections and refusals" are REJECT. A negated
        // acceptance ("did not accept the plan") and a negated announced act of
        // cooperation ("will not accept any more refugees", "would not
        // withdraw") are refusals, not events that did not happen.
        if negated && !c.neg_in_pattern && !self.options.literal_future {
            if let Some(code) = refusal(t, v, &c.code, modality) {
                c.code = code.to_string();
                c.rule = format!("{} + herald:refusal", c.rule);
                negated = false;
                modality = Modality::Asserted;
            }
        }
        if negated && !self.options.keep_negated {
            return;
        }
        if modality == Modality::Hypothetical && !self.options.keep_hypothetical {
            return;
        }
        // What someone demands or urges is the content of their demand, coded on the demanding verb.
        if modality == Modality::Demanded && !self.options.keep_demanded {
            return;
        }
        let mut clause = clause_tokens(t, v);
        clause.sort_unstable();
        let place = self.place(ctx, &clause, cmap);
        if !self.options.agent_only_actors {
            self.home_country(&mut c, place.as_ref());
            c.sources.retain(|w| !w.code.starts_with("---"));
            c.targets.retain(|w| !w.code.starts_with("---"));
        }
        if c.sources.is_empty() {
            return;
        }
        // A unilateral act ("declared a unilateral ceasefire") is no one's.
        if clause.iter().any(|&k| matches!(t.low(k), "unilateral" | "unilaterally")) {
            c.targets.clear();
        }
        // A protest (CAMEO 14) by a state's people, parties or groups that
        // names no one is against their own government, as PLOVER reads it
        // ("Seven opposition parties in Nepal organized a general strike":
        // NPLOPP -> NPLGOV).
        if c.targets.is_empty() && root(&c.code) == "14" && !self.options.require_target {
            let own: Vec<Who> = c
                .sources
                .iter()
                .filter(|w| w.code.get(..3).is_some_and(|st| self.c.states.contains(st)) && !matches!(w.code.get(3..6), Some("GOV" | "MIL" | "COP" | "SPY" | "JUD" | "LEG")))
                .map(|w| Who { entry: None, name: w.name.clone(), code: format!("{}GOV", &w.code[..3]), span: w.span, person: false, roles: Vec::new() })
                .collect();
            if !own.is_empty() {
                c.rule = format!("{} + herald:domestic-protest", c.rule);
                c.targets = own;
            }
        }
        if c.targets.is_empty() && self.options.require_target && !c.rule.ends_with(SPEECH_CODE) && !(self.options.reciprocal_compound && c.sources.len() > 1) {
            return;
        }
        let speaker = ctx.speaker(v, mem);
        let mut code = c.code.clone();
        let mut rule = c.rule.clone();
        // PLOVER: future cooperation is AGREE; but an announced resignation
        // ("... and will resign") is a resignation (RETREAT `resign`, below).
        if modality == Modality::Expected && !self.options.literal_future && !(root(&code) == "08" && resignation(t, v)) {
            let to = match root(&code) {
                "04" => Some("036"),
                "05" => Some("032"),
                "06" => Some("031"),
                "07" => Some("033"),
                "08" => Some("035"),
                _ => None,
            };
            if let Some(to) = to {
                code = to.to_string();
                rule = format!("{rule} + herald:future-cooperation");
            }
            // An announced future sanction, repression or attack is a threat.
            let threat = match root(&code) {
                "14" | "16" => Some("131"),
                "15" | "17" => Some("137"),
                "18" | "19" | "20" => Some("138"),
                _ => None,
            };
            if let Some(to) = threat {
                code = to.to_string();
                rule = format!("{rule} + herald:future-conflict-is-threat");
            }
        }
        let reading = |code: &str| {
            let plover = ctx.lex.plover(code);
            // CAMEO2PLOVER-2021 has no row for CAMEO 02 (appeal): PLOVER reads appeals as REQUEST.
            let plover_out = match PLOVER_FIX.iter().find(|(c, _, _)| *c == code) {
                Some((_, kind, mode)) => Some(Plover { kind: (*kind).into(), mode: (!mode.is_empty()).then(|| (*mode).into()) }),
                None => plover.map(|p| Plover { kind: p.event_type.clone(), mode: (!p.mode.trim().is_empty()).then(|| p.mode.trim().to_string()) }).or_else(|| (root(code) == "02").then(|| Plover { kind: "REQUEST".into(), mode: None })),
            };
            let mut context: Vec<String> = plover.map(|p| p.context.clone()).unwrap_or_default();
            context.extend(issues.iter().cloned());
            context.sort();
            context.dedup();
            (plover_out, context)
        };
        let (sa, sb, sspan) = t.sents[ctx.s];
        let _ = (sa, sb);
        // Date: the clause, else the sentence.
        let date = self.date_in(t, &clause, ctx.published, cmap, text).or_else(|| {
            let all: Vec<usize> = (sa..sb).collect();
            self.date_in(t, &all, ctx.published, cmap, text)
        });
        let part = |w: &Who| Participant { actor: w.entry.map(|e| ctx.lex.actor(e).name.clone()), name: w.name.clone(), code: w.code.clone(), span: cmap.span(w.span), text: w.span.slice(text).to_string() };
        let split = |v: &[Who]| -> Vec<Who> {
            v.iter()
                .flat_map(|w| {
                    w.code.split('/').map(move |code| {
                        let mut x = w.clone();
                        x.code = code.to_string();
                        x
                    })
                })
                .collect()
        };
        let sources = split(&c.sources);
        let targets = split(&c.targets);
        // A coordinated subject with no target ("The United States and Jordan
        // agreed upon a pact") codes each party alone, as PLOVER does; with
        // `reciprocal_compound` (PETRARCH) each party acts on the others.
        let distinct = |v: &[Who]| v.iter().enumerate().all(|(i, w)| v[..i].iter().all(|x| x.code != w.code));
        let reciprocal = self.options.reciprocal_compound && targets.is_empty() && sources.len() > 1 && distinct(&sources);
        let mut triples: Vec<(&Who, Option<&Who>, &str)> = Vec::new();
        for s in &sources {
            let tgts: Vec<Option<&Who>> = if reciprocal {
                sources.iter().filter(|o| o.code != s.code).map(Some).collect()
            } else if targets.is_empty() {
                vec![None]
            } else {
                targets.iter().map(Some).collect()
            };
            for tg in tgts {
                // Not an actor acting on itself (the same mention read twice).
                if tg.is_some_and(|t| t.code == s.code && t.name == s.name) {
                    continue;
                }
                triples.push((s, tg, code.as_str()));
                // `[a:b]`: the target's act toward the source.
                if let (true, Some(b), Some(tg)) = (self.options.paired_codes, c.code2.as_deref(), tg) {
                    if code == c.code {
                        triples.push((tg, Some(s), b));
                    }
                }
            }
        }
        for (s, tg, code) in triples {
            // Not claimed by a group the source belongs to ("Qatar and Egypt
            // ... reiterate their dedication").
            let claimed_by = speaker.as_ref().filter(|sp| !sp.iter().any(|w| w.code == s.code || w.name == s.name)).and_then(|sp| sp.first());
            if claimed_by.is_some() && modality == Modality::Asserted {
                modality = Modality::Claimed;
            }
            {
                let (mut plover_out, context) = reading(code);
                // PLOVER: "RETREAT also covers resignations of government
                // officials" (mode `resign`); CAMEO2PLOVER reads 083 (accede
                // to demands) as CONCEDE.
                if root(code) == "08" && resignation(t, v) {
                    plover_out = Some(Plover { kind: "RETREAT".into(), mode: Some("resign".into()) });
                }
                let ev = Event {
                    id: String::new(),
                    source: part(s),
                    target: tg.map(part),
                    cameo: code.to_string(),
                    cameo_root: root(code).to_string(),
                    quad_class: super::goldstein::quad_class(code),
                    goldstein: super::goldstein::goldstein(code),
                    plover: plover_out,
                    context,
                    negated,
                    modality,
                    claimed_by: claimed_by.map(|w| Claimant { actor: w.entry.map(|e| ctx.lex.actor(e).name.clone()), name: w.name.clone(), code: w.code.clone() }),
                    date: date.clone(),
                    place: place.clone(),
                    sentence: TextSpan { span: cmap.span(sspan), text: None },
                    trigger: TextSpan { span: cmap.span(c.trigger), text: Some(c.trigger.slice(text).to_string()) },
                    rule: rule.clone(),
                };
                let dup = out.iter().any(|e: &Event| e.sentence == ev.sentence && e.source.code == ev.source.code && e.cameo == ev.cameo && e.target.as_ref().map(|x| &x.code) == ev.target.as_ref().map(|x| &x.code));
                if !dup {
                    out.push(ev);
                }
            }
        }
    }

    /// A group named only by what it is ("protesters", "students", "the
    /// police": PETRARCH's `---CVL`, `---EDU`, `---COP`) is of the state where
    /// the event takes place ("Police arrested protesters in Harare":
    /// ZWECOP -> ZWECVL), as a coder reads it. Such events are a state's
    /// internal affairs (police and protesters, a government and its
    /// opposition), which would otherwise lose their actors. A person named
    /// by a title alone may be abroad ("the president met X in Algiers") and
    /// stays uncoded as a source.
    fn home_country(&self, c: &mut Cand, place: Option<&Place>) {
        let Some(home) = place.and_then(|p| p.code.as_deref()).and_then(|code| code.get(..3)).filter(|s| self.c.states.contains(*s)) else { return };
        let sources = c.sources.iter_mut().filter(|w| !w.person);
        for w in sources.chain(c.targets.iter_mut()).filter(|w| w.code.starts_with("---")) {
            w.code = format!("{home}{}", &w.code[3..]);
        }
    }

    fn date_in(&self, t: &Toks, idx: &[usize], published: Option<Date>, cmap: &CharMap, text: &str) -> Option<EventDate> {
        let words: Vec<&str> = idx.iter().map(|&k| t.low(k)).collect();
        let d = dates::find(&words, published)?;
        let span = Span::new(t.t[idx[d.start]].span.start, t.t[idx[d.end - 1]].span.end);
        if idx[d.end - 1] < idx[d.start] {
            return None;
        }
        Some(EventDate { text: span.slice(text).to_string(), span: cmap.span(span), resolved: d.resolved, relation: d.relation })
    }

    fn place(&self, ctx: &SentCtx, clause: &[usize], cmap: &CharMap) -> Option<Place> {
        let t = ctx.toks;
        for &k in clause {
            if !matches!(t.t[k].rel, Rel::Obl | Rel::Nmod) || !matches!(case_of(t, k), Some("in") | Some("at") | Some("near")) {
                continue;
            }
            if let Some(mi) = ctx.mention_at(k) {
                let m = &ctx.m[mi];
                if let Kind::Actor { place, .. } = m.kind {
                    if place || m.code.len() == 3 {
                        return Some(Place { name: m.name.clone(), code: Some(m.code.clone()), span: cmap.span(m.span) });
                    }
                }
            }
        }
        None
    }
}

/// Where a pattern item matched: its first and last token, and for an
/// actor the head of its noun phrase.
#[derive(Clone, Copy, Debug)]
struct Hit {
    first: usize,
    last: usize,
    np: Option<usize>,
}

/// One matched item, not yet added to its [`Match`].
#[derive(Clone, Copy, Debug)]
struct Step {
    hit: Hit,
    /// Position in the token list after the item.
    next: usize,
    score: u32,
    /// Words used: `(position, count)`.
    used: Option<(usize, usize)>,
    /// Actor mention, and whether it is the source.
    actor: Option<(u32, bool)>,
}

/// Whether every clause on the path from `v` down to `k` is an adverbial
/// clause without a subject of its own, an infinitive (`to supply`) or a
/// participle (`hunting`): its actors are in the verb's phrase.
fn through_open_clauses(t: &Toks, v: usize, mut k: usize) -> bool {
    for _ in 0..64 {
        if k == v {
            return true;
        }
        let r = t.t[k].rel;
        if matches!(r, Rel::Ccomp | Rel::Advcl | Rel::Relcl | Rel::Parataxis | Rel::Csubj) || (r == Rel::Conj && matches!(t.t[k].upos, Upos::Verb | Upos::Aux)) {
            let kids = t.kids(k);
            let subj = kids.iter().any(|&x| matches!(t.t[x as usize].rel, Rel::Nsubj | Rel::NsubjPass | Rel::Csubj | Rel::Expl));
            let infinitive = kids.iter().any(|&x| t.t[x as usize].upos == Upos::Part && t.low(x as usize) == "to");
            let participle = t.low(k).ends_with("ing") && !kids.iter().any(|&x| matches!(t.t[x as usize].rel, Rel::Aux | Rel::AuxPass | Rel::Mark));
            if r != Rel::Advcl || subj || !(infinitive || participle) {
                return false;
            }
        }
        match t.head(k) {
            Some(h) => k = h,
            None => return false,
        }
    }
    false
}

/// Whether token `k` modifies a noun from its left inside its noun phrase
/// (determiner, adjective, number, possessive, compound or name word).
fn np_left(t: &Toks, k: usize) -> bool {
    match t.t[k].rel {
        Rel::Det | Rel::Amod | Rel::Compound | Rel::NmodPoss | Rel::Flat => true,
        Rel::Other => matches!(t.t[k].upos, Upos::Num | Upos::Adj),
        _ => false,
    }
}

/// True when `b` follows `a` directly: nothing between them but words of
/// an actor's noun phrase (its determiner and modifiers: "TO_+" matches
/// "to the besieged Osgiliath").
fn glued(t: &Toks, a: Hit, b: Hit) -> bool {
    if b.first <= a.last {
        return false;
    }
    let in_np = |x: usize, np: Option<usize>| np.is_some_and(|h| t.dominates(h, x) && !t.dominates_via_clause(h, x));
    (a.last + 1..b.first).all(|x| in_np(x, a.np) || in_np(x, b.np))
}

#[derive(Clone, Default)]
struct Match {
    score: u32,
    /// Tokens matched by words of the pattern.
    used: Vec<u32>,
    src: Vec<u32>,
    tgt: Vec<u32>,
}

fn words_at(t: &Toks, toks: &[usize], pos: usize, w: &[Box<str>]) -> Option<usize> {
    words_at_pl(t, toks, pos, w, true)
}

/// [`words_at`] for the written forms only: consecutive tokens equal to
/// the pieces (a hyphenated token to several).
fn words_at_exact(t: &Toks, toks: &[usize], pos: usize, w: &[Box<str>]) -> Option<usize> {
    let (mut wi, mut ti) = (0, pos);
    while wi < w.len() {
        let k = *toks.get(ti)?;
        if ti > pos && k != toks[ti - 1] + 1 {
            return None;
        }
        let low = t.low(k);
        if low == &*w[wi] {
            wi += 1;
        } else if low.contains('-') {
            for part in low.split('-').filter(|p| !p.is_empty()) {
                if w.get(wi).map(|x| &**x) != Some(part) {
                    return None;
                }
                wi += 1;
            }
        } else {
            return None;
        }
        ti += 1;
    }
    Some(ti - pos)
}

/// Matches word pieces at `toks[pos..]`; returns the number of tokens used.
fn words_at_pl(t: &Toks, toks: &[usize], pos: usize, w: &[Box<str>], plural: bool) -> Option<usize> {
    let mut wi = 0;
    let mut ti = pos;
    while wi < w.len() {
        let k = *toks.get(ti)?;
        if ti > pos && k != toks[ti - 1] + 1 {
            return None;
        }
        let low = t.low(k);
        let lemma = t.lemma(k);
        // A whole token against one piece (with plural / lemma), or a hyphenated token against several pieces.
        let piece = &*w[wi];
        if low == piece || lemma == piece || (plural && wi + 1 == w.len() && is_plural(low, piece)) {
            wi += 1;
            ti += 1;
            continue;
        }
        if low.contains('-') {
            let mut n = 0;
            for part in low.split('-').filter(|p| !p.is_empty()) {
                if w.get(wi + n).map(|x| &**x) != Some(part) {
                    return None;
                }
                n += 1;
            }
            wi += n;
            ti += 1;
            continue;
        }
        return None;
    }
    Some(ti - pos)
}

fn is_plural(low: &str, w: &str) -> bool {
    low.len() > w.len()
        && low.starts_with(w)
        && matches!(&low[w.len()..], "s" | "es")
        || (w.ends_with('y') && low.len() == w.len() + 2 && low.starts_with(&w[..w.len() - 1]) && low.ends_with("ies"))
}

/// True when verb `v` is inside a relative clause (through control and coordination).
fn in_relative_clause(t: &Toks, v: usize) -> bool {
    let mut cur = v;
    for _ in 0..4 {
        match t.t[cur].rel {
            Rel::Relcl => return true,
            Rel::Xcomp | Rel::Conj | Rel::Advcl => match t.head(cur) {
                Some(h) => cur = h,
                None => return false,
            },
            _ => return false,
        }
    }
    false
}

/// True when verb `v` heads a clause subordinate to the sentence's main
/// clause (an adverbial, a complement, a participle): not the root and not
/// the root's coordinated verbs. What a speaker says is the main clause of
/// a report ("'The two nations reiterate their dedication', stated X").
fn is_subordinate(t: &Toks, v: usize) -> bool {
    let mut cur = v;
    for _ in 0..8 {
        match t.t[cur].rel {
            Rel::Root => return false,
            Rel::Conj => match t.head(cur) {
                Some(h) => cur = h,
                None => return false,
            },
            // A fronted quote the parser hung on the verb of saying as an
            // adverbial ("'... reiterate their dedication', stated X") too.
            Rel::Ccomp | Rel::Advcl => match t.head(cur) {
                Some(h) if SPEECH.contains(&t.lemma(h)) && (t.t[cur].rel == Rel::Ccomp || cur < h) => cur = h,
                _ => return true,
            },
            // "..., X said": an attribution beside the main clause is not below it.
            Rel::Parataxis => return false,
            _ => return true,
        }
    }
    false
}

/// An untargeted event of a subordinate clause in a sentence whose other
/// events have targets ("staged rallies against Abbas, saying he must
/// resign"; "rejected the calls by Belarus, saying it was withholding
/// aid"): the clause adds a reading of the main act, not an act of its own
/// with no one acted upon; dropped. `sub[i]`: event `first + i` comes from
/// a subordinate verb.
fn drop_subordinate_untargeted(out: &mut Vec<Event>, first: usize, sub: &[bool]) {
    if !out[first..].iter().any(|e| e.target.is_some()) {
        return;
    }
    let mut i = 0;
    out.retain(|e| {
        let keep = i < first || e.target.is_some() || !sub.get(i - first).copied().unwrap_or(false);
        i += 1;
        keep
    });
}

/// The same kind of act by the same source in one sentence, once with a
/// target and once without ("held talks with Obama ... at a lunch"): the
/// reading without a target says less and is dropped.
fn drop_untargeted_repeats(out: &mut Vec<Event>, first: usize) {
    let kind = |e: &Event| e.plover.as_ref().map(|p| p.kind.clone()).unwrap_or_else(|| e.cameo_root.clone());
    let mut i = first;
    while i < out.len() {
        let e = &out[i];
        let repeat = e.target.is_none() && out[first..].iter().any(|o| o.target.is_some() && o.source.code == e.source.code && kind(o) == kind(e));
        if repeat {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// The actor the document coreference resolved, as the coder's memory knows
/// them (with their roles), else as named at `span`.
fn known_as(h: &PronounHint, span: Span, person: bool, mem: &Memory) -> Who {
    let known = mem.persons.iter().rev().find(|p| (p.entry.is_some() && p.entry == h.entry) || p.name == h.name);
    known.cloned().unwrap_or_else(|| Who { entry: h.entry, name: h.name.clone(), code: h.code.clone(), span, person, roles: Vec::new() })
}

/// The subject of a speech verb; in an inversion after a quote (`"...,"
/// stated Izzat Al-Rishq`) the parser may read the speaker as the object.
fn speech_subject(t: &Toks, v: usize) -> Option<usize> {
    let mark = |j: usize| matches!(t.low(j), "”" | "\"" | "''" | "’");
    let after_quote = v > 0 && (mark(v - 1) || t.low(v - 1) == ",") && t.t[v - 1].sent == t.t[v].sent;
    // (a noun inside the quote is no subject of the verb after it)
    let own = t.kids(v).iter().map(|&k| k as usize).any(|k| matches!(t.t[k].rel, Rel::Nsubj | Rel::NsubjPass) && (k > v || !(k + 1..v).any(mark)));
    if !own && after_quote {
        let obj = t.kids(v).iter().map(|&k| k as usize).find(|&k| k > v && k <= v + 4 && t.t[k].rel == Rel::Obj && t.t[k].upos == Upos::Propn);
        if obj.is_some() {
            return obj;
        }
    }
    subject(t, v).0
}

/// A finite verb the parser hung as an `xcomp` (which a finite verb cannot
/// be): a clause joined without a conjunction.
fn finite_xcomp(t: &Toks, v: usize) -> bool {
    t.t[v].rel == Rel::Xcomp && t.t[v].upos == Upos::Verb && !t.t[v].vbn && t.low(v) != t.lemma(v) && !t.low(v).ends_with("ing") && !t.kids(v).iter().any(|&k| t.t[k as usize].rel == Rel::Mark)
}

/// Rule suffix of a verb of saying coded by its dictionary code ([`Options::speech_verb_codes`]).
const SPEECH_CODE: &str = "herald:speech-verb-code";

/// A verb of saying coded by its dictionary's code yields to the events of
/// its sentence (what was said, when it codes something, is the event):
/// "X is about to restore ties with Y, an official said" codes the
/// restoring, not the saying; an unnamed speaker's saying ("a senior
/// official said": `---GOV`) is no act between actors.
fn drop_speech_codes(out: &mut Vec<Event>, first: usize) {
    let others = out[first..].iter().any(|e| !e.rule.contains(SPEECH_CODE));
    let mut i = first;
    while i < out.len() {
        if out[i].rule.contains(SPEECH_CODE) && (others || out[i].source.code.starts_with("---")) {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

fn is_byline(line: &str) -> bool {
    line.contains(" contributed to this ") || line.starts_with(" reporting by ") || line.starts_with(" ( reporting by") || line.starts_with(" writing by ") || line.starts_with(" editing by ") || line.contains(" contributed reporting")
}

fn case_of(t: &Toks, k: usize) -> Option<&str> {
    let c = t.kids(k).iter().map(|&j| j as usize).find(|&j| t.t[j].rel == Rel::Case && j < k)?;
    Some(t.low(c))
}

/// Tokens of `v`'s clause: its subtree without embedded clauses and coordinated verbs.
fn clause_tokens(t: &Toks, v: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(24);
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        out.push(x);
        for &k in t.kids(x) {
            let k = k as usize;
            let r = t.t[k].rel;
            if matches!(r, Rel::Ccomp | Rel::Advcl | Rel::Relcl | Rel::Parataxis | Rel::Csubj | Rel::Punct) {
                continue;
            }
            if r == Rel::Acl && t.t[k].upos == Upos::Verb && x == v {
                continue;
            }
            if r == Rel::Conj && matches!(t.t[k].upos, Upos::Verb | Upos::Aux) {
                continue;
            }
            if t.t[k].debris {
                continue;
            }
            stack.push(k);
        }
    }
    out.sort_unstable();
    out
}

fn subtree(t: &Toks, v: usize, out: &mut Vec<usize>) {
    let mut stack = vec![v];
    let mut guard = 0;
    while let Some(x) = stack.pop() {
        guard += 1;
        if guard > 4096 {
            break;
        }
        out.push(x);
        stack.extend(t.kids(x).iter().map(|&k| k as usize));
    }
}

/// The subject of `v` (token) and whether it is a relative pronoun resolved to its antecedent.
fn subject(t: &Toks, v: usize) -> (Option<usize>, bool) {
    // "subsequent to the U.S. withdrawing its delegation": a gerund's subject
    // the parser left as the word before it.
    if v > 0 && t.low(v).ends_with("ing") && t.t[v - 1].sent == t.t[v].sent && matches!(t.t[v - 1].upos, Upos::Propn | Upos::Noun) && !t.kids(v).iter().any(|&k| matches!(t.t[k as usize].rel, Rel::Nsubj | Rel::NsubjPass)) && matches!(t.t[v].rel, Rel::Advcl | Rel::Acl | Rel::Xcomp | Rel::Ccomp) && t.head(v - 1) != Some(v) {
        return (Some(v - 1), false);
    }
    let has_subject = |x: usize| t.kids(x).iter().any(|&k| matches!(t.t[k as usize].rel, Rel::Nsubj | Rel::NsubjPass));
    // A verb takes no `compound`: a name the parser hung on a verb as one is
    // its subject ("the U.S. withdrawing its delegation").
    if t.t[v].upos == Upos::Verb && !has_subject(v) {
        if let Some(c) = t.kids(v).iter().map(|&k| k as usize).find(|&k| k < v && t.t[k].rel == Rel::Compound && matches!(t.t[k].upos, Upos::Propn | Upos::Noun)) {
            return (Some(c), false);
        }
    }
    // "X declared ..., Netanyahu's office announced ...": a clause joined
    // without a conjunction, whose subject the parser attached to the clause
    // before; the noun right before the verb is its subject. The parser may
    // also hang such a clause as an `xcomp`, which a finite verb cannot be.
    if (t.t[v].rel == Rel::Conj || finite_xcomp(t, v)) && !has_subject(v) && !t.kids(v).iter().any(|&k| k < v as u32 && t.t[k as usize].rel == Rel::Cc) {
        let p = v.wrapping_sub(1);
        if v > 0 && t.t[p].sent == t.t[v].sent && matches!(t.t[p].upos, Upos::Noun | Upos::Propn) && t.head(p) != Some(v) && t.head(p).is_some_and(|h| h < p) {
            let before = p.checked_sub(1).map(|q| t.low(q));
            let joined = t.kids(p).iter().any(|&k| t.t[k as usize].rel == Rel::Cc);
            if !joined && before != Some("and") && before != Some("or") {
                return (Some(p), false);
            }
        }
    }
    // "Zambia extradited X to Britain, a senior official said": the content
    // of a report placed before its verb of saying, whose subject the parser
    // gave to the verb of saying (the speaker follows, read as an apposition).
    if t.t[v].rel == Rel::Ccomp && !has_subject(v) {
        if let Some(h) = t.head(v).filter(|&h| h > v && SPEECH.contains(&t.lemma(h))) {
            if let Some(s) = t.kids(h).iter().map(|&k| k as usize).find(|&k| k < v && t.t[k].rel == Rel::Nsubj) {
                return (Some(s), false);
            }
        }
    }
    // "demanded that the Democratic People's Republic of Korea forsake its
    // program": a subjectless `that` clause whose noun before the verb the
    // parser took for an oblique with no preposition; that noun is its subject.
    if !has_subject(v) {
        if let Some(m) = t.kids(v).iter().map(|&k| k as usize).find(|&k| k < v && t.t[k].rel == Rel::Mark && t.low(k) == "that") {
            if let Some(o) = t.kids(v).iter().map(|&k| k as usize).find(|&k| m < k && k < v && matches!(t.t[k].rel, Rel::Obl | Rel::Nmod) && matches!(t.t[k].upos, Upos::Noun | Upos::Propn) && !t.kids(k).iter().any(|&j| t.t[j as usize].rel == Rel::Case)) {
                return (Some(o), false);
            }
        }
    }
    let mut cur = v;
    for _ in 0..6 {
        if let Some(s) = t.kids(cur).iter().map(|&k| k as usize).find(|&k| matches!(t.t[k].rel, Rel::Nsubj | Rel::NsubjPass)) {
            if matches!(t.low(s), "who" | "which" | "that") && t.t[cur].rel == Rel::Relcl {
                return (t.head(cur), true);
            }
            return (Some(s), false);
        }
        // "Syria says it is willing to withdraw": an `it` the parser read as an
        // expletive is the subject when the predicate controls a `to` clause.
        if let Some(s) = t.kids(cur).iter().map(|&k| k as usize).find(|&k| t.t[k].rel == Rel::Expl && t.low(k) == "it") {
            if t.kid(cur, Rel::Xcomp).is_some() && t.kid(cur, Rel::Ccomp).is_none() && t.kid(cur, Rel::Csubj).is_none() {
                return (Some(s), false);
            }
        }
        let Some(h) = t.head(cur) else { return (None, false) };
        match t.t[cur].rel {
            Rel::Xcomp => {
                // Object control: "urged X to", "called on X to".
                if let Some(o) = t.kid(h, Rel::Obj) {
                    if o < cur {
                        return (Some(o), false);
                    }
                }
                cur = h;
            }
            Rel::Conj | Rel::Advcl if matches!(t.t[h].upos, Upos::Verb | Upos::Aux | Upos::Adj) => cur = h,
            Rel::Acl | Rel::Relcl if t.t[h].upos.nominal() => return (Some(h), true),
            Rel::Acl | Rel::Advcl => {
                // "subsequent to the U.S. withdrawing ...": the noun the clause hangs off.
                if t.t[h].upos.nominal() {
                    return (Some(h), true);
                }
                cur = h;
            }
            _ => return (None, false),
        }
    }
    (None, false)
}

/// What suspending the thing at `o` is, when no pattern of the dictionary
/// says: suspending hostilities is a truce (CAMEO 0871, PLOVER RETREAT
/// ceasefire); suspending links, aid, flights or membership is reducing
/// relations (CAMEO 16, PLOVER SANCTION). A suspended meeting is caught
/// before (`herald:cancelled-meeting`).
fn suspension_code(t: &Toks, o: usize) -> &'static str {
    let mut sub = Vec::new();
    subtree(t, o, &mut sub);
    let hostile = sub.iter().any(|&k| matches!(t.lemma(k), "hostility" | "hostilities" | "fighting" | "attack" | "offensive" | "operation" | "bombing" | "shelling" | "raid" | "airstrike" | "war" | "combat"));
    if hostile {
        "0871"
    } else {
        "160"
    }
}

/// Whether verb `v` is inside the object of one of the verbs `hosts`,
/// reached through the clauses and modifiers of that object ("rejected
/// [an offer [to host [a summit to hammer out ...]]]").
fn object_content_of(t: &Toks, v: usize, hosts: &[usize]) -> bool {
    let mut cur = v;
    for _ in 0..8 {
        let Some(h) = t.head(cur) else { return false };
        match t.t[cur].rel {
            Rel::Obj => return hosts.contains(&h),
            Rel::Acl | Rel::Xcomp | Rel::Advcl | Rel::Nmod | Rel::Conj => cur = h,
            _ => return false,
        }
    }
    false
}

/// A year written as four digits (" 1988" as a discard needle too).
fn is_year(w: &str) -> bool {
    let w = w.trim();
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
}

/// A discard of a time before the story ("weeks ago", "years ago").
fn is_ago(needle: &str) -> bool {
    needle.trim().ends_with(" ago")
}

/// A discard that dates what it is said of to a time before the story: a
/// bare year, "years ago", "years later", "World War Two", "April 1942".
/// It drops the clause it dates, not the sentence ("demanded an admission
/// by Moscow that Soviet forces murdered Polish officers during World War
/// Two" is a demand of today).
fn is_dating(needle: &str) -> bool {
    let n = needle.trim();
    const MONTHS: &[&str] = &["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let month_year = matches!(n.split_whitespace().collect::<Vec<_>>()[..], [m, y] if MONTHS.contains(&m) && is_year(y));
    is_year(n) || is_ago(n) || n.ends_with(" later") || n.contains("world war") || month_year
}

/// The CAMEO code of a protest that verb `v` stages, holds or calls as its
/// object `o`: a hunger strike (142), a strike or boycott (143), a
/// demonstration, rally or march (141). A bare "strike" is a labour
/// strike only when staged, called, organised or held, or named so
/// ("general", "hunger", "national" strike): "launched a strike" may be an
/// air strike.
fn protest_code(t: &Toks, v: usize, o: usize) -> Option<&'static str> {
    let mods: Vec<&str> = t.kids(o).iter().map(|&k| k as usize).filter(|&k| matches!(t.t[k].rel, Rel::Amod | Rel::Compound)).map(|k| t.low(k)).collect();
    match t.lemma(o) {
        "demonstration" | "rally" | "march" | "protest" | "sit-in" => Some("141"),
        "boycott" | "walkout" => Some("143"),
        "strike" if mods.contains(&"hunger") => Some("142"),
        "strike" if mods.iter().any(|m| matches!(*m, "general" | "national" | "nationwide" | "labour" | "labor" | "workers" | "one-day" | "two-day" | "three-day" | "four-day" | "indefinite")) => Some("143"),
        "strike" if matches!(t.lemma(v), "stage" | "call" | "organize" | "organise" | "hold") && !mods.iter().any(|m| matches!(*m, "air" | "missile" | "drone" | "military" | "rocket")) => Some("143"),
        _ => None,
    }
}

/// Whether verb `v` is a resignation: "resign", "step down", "quit",
/// "stand down".
fn resignation(t: &Toks, v: usize) -> bool {
    let down = || t.kids(v).iter().any(|&k| t.low(k as usize) == "down") || (v + 1 < t.len() && t.low(v + 1) == "down");
    match t.lemma(v) {
        "resign" | "quit" => true,
        "step" | "stand" => down(),
        _ => false,
    }
}

/// Verbs of accepting: negated, a refusal.
const ACCEPT: &[&str] = &["accept", "agree", "allow", "permit", "approve", "admit"];

/// The REJECT code of a negated event at `v` of code `code` that is a
/// refusal: a negated verb of accepting (CAMEO 12, or its specific code
/// when the act refused is known), or a negated announced act of
/// cooperation ("will not withdraw": 124, refuse to yield; "will not meet":
/// 125; material cooperation and aid: 121, 122). The negation must be the
/// verb's own ("not", "never"), not a governing "failed to".
fn refusal(t: &Toks, v: usize, code: &str, modality: Modality) -> Option<&'static str> {
    let own_neg = t.kids(v).iter().any(|&k| matches!(t.low(k as usize), "not" | "n't" | "never"));
    if !own_neg {
        return None;
    }
    let coop = match root(code) {
        "04" => Some("125"),
        "06" => Some("121"),
        "07" => Some("122"),
        "08" => Some("124"),
        "03" | "05" => Some("120"),
        _ => None,
    };
    // "admit" accepts people or refugees only as a verb of letting in.
    let accepting = ACCEPT.contains(&t.lemma(v)) && (t.lemma(v) != "admit" || t.kid(v, Rel::Ccomp).is_none());
    if accepting && (coop.is_some() || matches!(root(code), "02" | "10")) {
        return Some(coop.unwrap_or("120"));
    }
    if modality == Modality::Expected {
        return coop;
    }
    None
}

/// A full sentence has a main verb: a participle the parser hung (`acl`)
/// under a root noun it follows directly, with no comma between them, in a
/// sentence that ends with a full stop, is the main verb misread, not a
/// reduced passive ("Senior Hungarian and Romanian officials agreed on ...",
/// "The Macedonian army prepared to resume shelling ..."). A headline
/// ("Three soldiers killed in attack") has no full stop; a passive with its
/// agent ("officials appointed by the king") stays one.
fn participle_main_verb(t: &Toks, v: usize) -> bool {
    let Some(h) = t.head(v) else { return false };
    if t.t[v].rel != Rel::Acl || t.t[h].rel != Rel::Root || !t.t[h].upos.nominal() || h > v {
        return false;
    }
    let (_, b, _) = t.sents[t.t[v].sent as usize];
    let full_stop = b > 0 && t.low(b - 1) == ".";
    let agent = t.kids(v).iter().any(|&k| case_of(t, k as usize) == Some("by") || t.t[k as usize].rel == Rel::OblAgent);
    let be = t.kids(v).iter().any(|&k| matches!(t.lemma(k as usize), "be" | "get"));
    full_stop && !agent && !be && (h + 1..v).all(|k| t.t[k].upos != Upos::Punct)
}

/// Negation and modality of the event at `v`.
fn modality(t: &Toks, v: usize) -> (bool, Modality) {
    let neg_at = |x: usize| t.kids(x).iter().any(|&k| matches!(t.t[k as usize].rel, Rel::Neg | Rel::Advmod | Rel::Aux | Rel::Other) && matches!(t.low(k as usize), "not" | "n't" | "never" | "no"));
    let mut negated = neg_at(v);
    let mut modality = Modality::Asserted;
    let aux = |x: usize, words: &[&str]| t.kids(x).iter().any(|&k| t.t[k as usize].rel == Rel::Aux && words.contains(&t.low(k as usize)));
    let mark = |x: usize, words: &[&str]| t.kids(x).iter().any(|&k| t.t[k as usize].rel == Rel::Mark && words.contains(&t.low(k as usize)));
    if mark(v, &["if", "unless", "whether"]) || aux(v, &["could", "might", "may"]) {
        modality = Modality::Hypothetical;
    } else if aux(v, &["must", "should"]) {
        modality = Modality::Demanded;
    } else if aux(v, &["will", "shall", "'ll", "wo", "would"]) {
        modality = Modality::Expected;
    }
    // Up the chain of control and coordination.
    let mut cur = v;
    for _ in 0..4 {
        let Some(h) = t.head(cur) else { break };
        let r = t.t[cur].rel;
        if !matches!(r, Rel::Xcomp | Rel::Conj) {
            if r == Rel::Advcl && mark(cur, &["if", "unless"]) {
                modality = Modality::Hypothetical;
            }
            // "must allocate resources to help ...": the purpose of a
            // demanded act is demanded too.
            if r == Rel::Advcl && mark(cur, &["to"]) && aux(h, &["must", "should"]) && modality == Modality::Asserted {
                modality = Modality::Demanded;
            }
            // "called on Arabs to unite": a `to` clause of a verb of asking,
            // however the parser hung it, is what is asked.
            if r == Rel::Advcl && mark(cur, &["to"]) && matches!(t.lemma(h), "urge" | "call" | "ask" | "demand" | "press" | "appeal" | "request") && modality == Modality::Asserted {
                modality = Modality::Demanded;
            }
            // "demanded that its partners refuse to recognize X": what is
            // demanded has not happened; the demand is the event.
            if r == Rel::Ccomp && matches!(t.lemma(h), "demand" | "urge" | "ask" | "request") && modality == Modality::Asserted {
                modality = Modality::Demanded;
            }
            break;
        }
        if r == Rel::Xcomp {
            if neg_at(h) {
                negated = true;
            }
            let hl = t.lemma(h);
            if matches!(
                hl,
                "expect" | "anticipate" | "plan" | "intend" | "prepare" | "aim" | "hope" | "vow" | "swear" | "promise" | "pledge" | "schedule" | "set" | "go" | "offer" | "agree"
                    | "willing" | "prepared" | "ready" | "commit" | "committed" | "determined" | "decide" | "pledged" | "eager" | "keen"
            ) {
                modality = Modality::Expected;
            } else if matches!(hl, "urge" | "call" | "ask" | "demand" | "press" | "want" | "appeal" | "request") {
                modality = Modality::Demanded;
            } else if matches!(hl, "refuse" | "fail" | "decline") || matches!(t.low(h), "unwilling" | "unable" | "reluctant") {
                // (The word, not the lemma: the tagger may take `unwilling` for a verb.)
                negated = true;
            } else if matches!(hl, "threaten" | "warn") {
                // What is threatened has not happened: the threat is the event.
                modality = Modality::Hypothetical;
            }
            if aux(h, &["could", "might", "may"]) {
                modality = Modality::Hypothetical;
            } else if aux(h, &["must", "should"]) && modality == Modality::Asserted {
                // "must allocate resources to help with ...": demanded too.
                modality = Modality::Demanded;
            }
        }
        cur = h;
    }
    (negated, modality)
}

struct SentCtx<'a> {
    toks: &'a Toks,
    m: &'a [Mention],
    s: usize,
    lex: &'a Lexicon,
    /// The publication date, against which relative dates resolve.
    published: Option<Date>,
    /// Pronouns resolved by the document coreference (empty when the coder
    /// runs alone, as in `validate events`).
    pronouns: &'a [PronounHint],
    /// Quotes the quote pass attributed (empty when the coder runs alone).
    quotes: &'a [QuoteHint],
}

impl SentCtx<'_> {
    /// A demonym naming a language ("the Russian language"), not its state.
    fn names_language(&self, mi: usize) -> bool {
        let t = self.toks;
        let h = self.m[mi].head as usize;
        matches!(t.t[h].rel, Rel::Amod | Rel::Compound) && t.head(h).is_some_and(|g| matches!(t.lemma(g), "language" | "languages" | "dialect" | "tongue"))
    }

    /// Whether an actor mention covers token `k`.
    fn has_actor_at(&self, k: usize) -> bool {
        self.mention_at(k).is_some_and(|i| matches!(self.m[i].kind, Kind::Actor { .. }))
    }

    /// The actor mention covering token `k` (actors before roles before agents).
    fn mention_at(&self, k: usize) -> Option<usize> {
        let k = k as u32;
        let mut best: Option<usize> = None;
        for (i, m) in self.m.iter().enumerate() {
            if m.start <= k && k < m.end {
                let rank = |m: &Mention| match m.kind {
                    Kind::Actor { .. } => 0,
                    Kind::Role { .. } => 1,
                    Kind::Agent { .. } => 2,
                };
                if best.is_none_or(|b| rank(m) < rank(&self.m[b])) {
                    best = Some(i);
                }
            }
        }
        best
    }

    fn resolvable(&self, mi: usize) -> bool {
        matches!(self.m[mi].kind, Kind::Role { .. })
    }

    fn who_of_actor(&self, mi: usize) -> Option<Who> {
        let m = &self.m[mi];
        let Kind::Actor { entry, person, .. } = m.kind else { return None };
        let e = self.lex.actor(entry);
        let mut code = m.code.clone();
        // Agent or role on the noun the actor modifies: "Israeli officials" -> ISRGOV.
        if code.len() == 3 {
            if let Some(ag) = self.agent_code_near(m.head as usize).or_else(|| self.title_after(mi)) {
                if !code.ends_with(ag.trim_end_matches('~')) {
                    code = compose(&code, &ag);
                }
            }
        }
        Some(Who { entry: Some(entry), name: display_name(&e.name), code, span: m.span, person, roles: e.roles.iter().map(|r| r.title.to_lowercase()).collect() })
    }

    /// A title between a state and a name: "Bree Prime Minister Romendacil"
    /// -> BREGOV, however the parser hung the words together.
    fn title_after(&self, mi: usize) -> Option<String> {
        let t = self.toks;
        let end = self.m[mi].end;
        let a = self.m.iter().find(|a| a.start == end && matches!(a.kind, Kind::Agent { .. } | Kind::Role { code: Some(_), .. }))?;
        let next = a.end as usize;
        if next >= t.len() || t.t[next].sent != t.t[a.start as usize].sent || t.t[next].upos != Upos::Propn {
            return None;
        }
        match &a.kind {
            Kind::Agent { code, before } => Some(if *before { format!("{code}~") } else { code.clone() }),
            Kind::Role { code: Some(c), .. } => Some(c.clone()),
            _ => None,
        }
    }

    fn agent_code_near(&self, head: usize) -> Option<String> {
        let t = self.toks;
        let mut cur = head;
        for _ in 0..3 {
            for (i, m) in self.m.iter().enumerate() {
                let _ = i;
                if m.start as usize <= cur && cur < m.end as usize {
                    match &m.kind {
                        Kind::Agent { code, before } => return Some(if *before { format!("{code}~") } else { code.clone() }),
                        Kind::Role { code: Some(c), .. } => return Some(c.clone()),
                        _ => {}
                    }
                }
            }
            // A title beside the name: "Fornost President Umbardacil" -> FORGOV.
            if let Some(c) = t.kids(cur).iter().map(|&j| j as usize).filter(|&j| j < cur && matches!(t.t[j].rel, Rel::Compound | Rel::Amod | Rel::Flat)).find_map(|j| self.agent_on(j)) {
                return Some(c);
            }
            if !matches!(t.t[cur].rel, Rel::Amod | Rel::Compound | Rel::Conj | Rel::Flat | Rel::NmodPoss) {
                break;
            }
            match t.head(cur) {
                Some(h) => cur = h,
                None => break,
            }
        }
        None
    }

    /// The actor a mention stands for, resolving bare roles to the person holding them.
    fn who(&self, mi: usize, mem: &Memory) -> Option<Who> {
        match &self.m[mi].kind {
            Kind::Actor { .. } => self.who_of_actor(mi),
            Kind::Role { phrase, .. } => {
                let m = &self.m[mi];
                let mut w = mem.persons.iter().rev().find(|p| p.roles.iter().any(|r| r.contains(phrase.as_str())))?.clone();
                w.span = m.span;
                Some(w)
            }
            Kind::Agent { .. } => None,
        }
    }

    /// The person `he` / `she` at `k` stands for: the document coreference's
    /// reading when there is one (as this memory knows them, with their
    /// roles), else the latest person named.
    fn person_for(&self, k: usize, mem: &Memory) -> Option<Who> {
        let at = self.toks.t[k].span.start;
        let Some(h) = self.pronouns.iter().find(|h| h.at == at) else { return mem.persons.last().cloned() };
        Some(known_as(h, self.toks.t[k].span, true, mem))
    }

    /// Actors of the phrase headed by `k`: the nearest mention in its subtree
    /// (not inside a prepositional modifier unless nothing else), and its
    /// conjuncts; pronouns and descriptions through the document memory.
    fn actors_under(&self, k: usize, mem: &Memory) -> Vec<Who> {
        self.actors_in(k, mem, false)
    }

    /// Actors of a subject phrase (stricter about possessors).
    fn actors_subject(&self, k: usize, mem: &Memory) -> Vec<Who> {
        self.actors_in(k, mem, true)
    }

    fn actors_in(&self, k: usize, mem: &Memory, as_source: bool) -> Vec<Who> {
        let t = self.toks;
        // Pronouns and descriptions.
        let low = t.low(k);
        if t.t[k].upos == Upos::Pron || matches!(low, "he" | "she" | "they") {
            let mut w: Vec<Who> = match low {
                "he" | "she" | "him" | "her" => self.person_for(k, mem).into_iter().collect(),
                "they" | "them" => mem.groups.last().cloned().unwrap_or_default(),
                _ => Vec::new(),
            };
            // The mention is the pronoun; the actor is its antecedent's.
            for x in &mut w {
                x.span = t.t[k].span;
            }
            return w;
        }
        if matches!(t.lemma(k), "nation" | "country" | "side" | "state" | "party" | "mediator") && t.kids(k).iter().any(|&j| matches!(t.low(j as usize), "both" | "two")) {
            // A pair named earlier in this sentence, else in the document.
            let here = (0..self.m.len()).rev().filter(|&i| (self.m[i].end as usize) <= k).find_map(|i| self.group_at(i));
            if let Some(g) = here.as_ref().or(mem.groups.last()) {
                let mut g = g.clone();
                for w in &mut g {
                    w.span = t.t[k].span;
                }
                return g;
            }
        }
        let mut first: Option<(usize, u32)> = None;
        for pass in 0..3 {
            let mut queue = std::collections::VecDeque::new();
            queue.push_back((k, 0u32));
            let mut steps = 0;
            while let Some((x, d)) = queue.pop_front() {
                steps += 1;
                if steps > 256 {
                    break;
                }
                if let Some(mi) = self.mention_at(x) {
                    let ok = match self.m[mi].kind {
                        Kind::Actor { .. } => !self.names_language(mi),
                        Kind::Role { .. } => self.who(mi, mem).is_some() && !self.m.iter().any(|o| matches!(o.kind, Kind::Actor { .. }) && t.dominates(k, o.head as usize)),
                        Kind::Agent { .. } => false,
                    };
                    if ok {
                        first = Some((mi, d));
                        break;
                    }
                }
                for &c in t.kids(x) {
                    let c = c as usize;
                    let r = t.t[c].rel;
                    // A predicate noun's subject is another phrase ("Mordor isn't a
                    // place to visit": the place is not Mordor's).
                    if r.clausal() || matches!(r, Rel::Punct | Rel::Case | Rel::Det | Rel::Cc | Rel::Nsubj | Rel::NsubjPass | Rel::Csubj) {
                        continue;
                    }
                    if r == Rel::Conj && !t.t[c].upos.nominal() && t.t[c].upos != Upos::Adj {
                        continue;
                    }
                    if pass == 0 && matches!(r, Rel::Nmod | Rel::Obl | Rel::Appos) {
                        continue;
                    }
                    // Last resort: the state of a group of people ("opposition groups
                    // in Zimbabwe", "security forces in Guinea").
                    let people_in = as_source && x == k && t.t[x].upos == Upos::Noun && case_of(t, c) == Some("in");
                    if pass >= 1 && matches!(r, Rel::Nmod | Rel::Obl) && matches!(case_of(t, c), Some("in") | Some("at") | Some("near") | Some("during") | Some("after") | Some("since")) && (pass == 1 || (self.agent_at(x).is_none() && !people_in)) {
                        continue;
                    }
                    // A possessor stands for the phrase only when the head is an institution
                    // or a person's role ("Netanyahu's office"), not "Hamas' reaction".
                    if r == Rel::NmodPoss && x == k && as_source && t.t[x].upos == Upos::Noun && self.agent_at(x).is_none() && !INSTITUTION.contains(&t.lemma(x)) {
                        continue;
                    }
                    queue.push_back((c, d + 1));
                }
            }
            if first.is_some() {
                break;
            }
        }
        let Some((mi, _)) = first else {
            // Agent alone ("officials", "the government"): PETRARCH's `---GOV`.
            if let Some(ag) = self.agent_at(k) {
                // A title in the singular names one person ("the president"),
                // a plural or a body a group ("protesters", "the police").
                let person = t.low(k) == t.lemma(k) && !GROUP_NOUNS.contains(&t.lemma(k));
                return vec![Who { entry: None, name: t.form(k).to_string(), code: compose("---", &ag), span: t.t[k].span, person, roles: Vec::new() }];
            }
            return Vec::new();
        };
        let mut out: Vec<Who> = self.who(mi, mem).into_iter().collect();
        // The coordination the mention's head belongs to: climb to the first
        // conjunct, then take every conjunct below it.
        let mut top = self.m[mi].head as usize;
        for _ in 0..8 {
            match t.head(top) {
                Some(h) if t.t[top].rel == Rel::Conj && t.dominates(k, h) => top = h,
                // A name whose first word the parser made its head ("Evil Mordor, the
                // awful Fornost, and good Gondor"): the coordination hangs there.
                Some(h) if matches!(t.t[top].rel, Rel::Flat | Rel::Compound) && h < top && t.t[h].upos == Upos::Propn && !self.has_actor_at(h) && t.dominates(k, h) => top = h,
                _ => break,
            }
        }
        let mut stack: Vec<usize> = vec![top];
        stack.extend(t.kids(top).iter().map(|&c| c as usize).filter(|&c| t.t[c].rel == Rel::Conj));
        let mut seen = 0;
        while let Some(c) = stack.pop() {
            seen += 1;
            if seen > 24 {
                break;
            }
            if c != top {
                stack.extend(t.kids(c).iter().map(|&j| j as usize).filter(|&j| t.t[j].rel == Rel::Conj));
            }
            let mut found = self.mention_at(c).and_then(|mj| self.who(mj, mem));
            if found.is_none() {
                // "Hungarian and Romanian officials": the conjunct's own modifiers.
                found = t.kids(c).iter().filter(|&&j| !t.t[j as usize].rel.clausal() && t.t[j as usize].rel != Rel::Conj).filter_map(|&j| self.mention_at(j as usize)).find_map(|mj| self.who(mj, mem));
                // ... with the conjunct's agent ("Ithilen and the government of Gondor" -> GONGOV).
                if let (Some(w), Some(a)) = (found.as_mut(), self.agent_at(c)) {
                    if w.code.len() == 3 {
                        w.code = compose(&w.code, &a);
                    }
                }
            }
            if let Some(w) = found {
                if !out.iter().any(|o| o.code == w.code && o.name == w.name) {
                    out.push(w);
                }
            }
        }
        // Agent of the phrase: "Soldiers from Gondor" -> GONMIL, "Hungarian and Romanian officials".
        let own = self.agent_at(k);
        // Conjoined agents share the phrase's actors ("Danish media and
        // government", "Lawmakers and officials in Fornost"): a conjunct of
        // the agent noun that names an agent and no actor of its own.
        let agent_head = (0..3)
            .try_fold(k, |cur, _| match t.head(cur) {
                _ if self.agent_at(cur).is_some() => Err(Some(cur)),
                Some(h) if matches!(t.t[cur].rel, Rel::Amod | Rel::Compound | Rel::Flat | Rel::NmodPoss) => Ok(h),
                _ => Err(None),
            })
            .err()
            .flatten();
        let mut shared: Vec<String> = Vec::new();
        let conjuncts = agent_head.map(|h| t.kids(h)).unwrap_or(&[]).iter().map(|&c| c as usize).filter(|&c| t.t[c].rel == Rel::Conj && t.t[c].upos.nominal() && !self.has_actor_at(c));
        for c in conjuncts {
            // A conjunct with a state of its own keeps it ("Danish media and French police").
            let mine = t.kids(c).iter().map(|&j| j as usize).find(|&j| matches!(t.t[j].rel, Rel::Compound | Rel::Amod | Rel::Flat | Rel::NmodPoss | Rel::Nmod) && self.has_actor_at(j));
            match (mine, self.agent_at(c)) {
                (Some(j), a) => {
                    if let Some(mut w) = self.mention_at(j).and_then(|mj| self.who(mj, mem)) {
                        if let (3, Some(a)) = (w.code.len(), a) {
                            w.code = compose(&w.code, &a);
                        }
                        if !out.iter().any(|o| o.code == w.code && o.name == w.name) {
                            out.push(w);
                        }
                    }
                }
                (None, Some(a)) => shared.push(a),
                (None, None) => {}
            }
        }
        let ag = own.or_else(|| self.agent_code_near(self.m[mi].head as usize));
        if !shared.is_empty() {
            // The actor's own code: without the head's agent when it already has it.
            let head_ag = agent_head.and_then(|h| self.agent_at(h));
            let bare = |c: &str| -> Option<String> {
                if c.len() == 3 {
                    return Some(c.to_string());
                }
                let a = head_ag.as_deref()?;
                let r = match a.strip_suffix('~') {
                    Some(a) => c.strip_prefix(a),
                    None => c.strip_suffix(a),
                }?;
                (r.len() == 3).then(|| r.to_string())
            };
            let base: Vec<(Who, String)> = out.iter().filter_map(|w| Some((w.clone(), bare(&w.code)?))).collect();
            for a in &shared {
                for (w, root) in &base {
                    let mut w = w.clone();
                    w.code = compose(root, a);
                    if !out.iter().any(|o| o.code == w.code && o.name == w.name) {
                        out.push(w);
                    }
                }
            }
        }
        if let Some(ag) = ag {
            for w in &mut out {
                if w.code.len() == 3 || (w.code.contains('/') && !w.code.ends_with(&ag)) {
                    w.code = w.code.split('/').map(|c| compose(c, &ag)).collect::<Vec<_>>().join("/");
                }
            }
        }
        out
    }

    /// Agent or role code of the token heading a phrase, or of its compound / adjectival modifiers.
    fn agent_at(&self, k: usize) -> Option<String> {
        if let Some(a) = self.agent_on(k) {
            return Some(a);
        }
        let t = self.toks;
        // An adjective is an agent of a noun naming people ("Islamist media"),
        // not of any noun ("an official visit").
        let people = t.t[k].upos == Upos::Propn || self.mention_at(k).is_some();
        t.kids(k).iter().map(|&j| j as usize).filter(|&j| matches!(t.t[j].rel, Rel::Compound | Rel::Amod | Rel::Flat) && (people || t.t[j].upos != Upos::Adj)).find_map(|j| self.agent_on(j))
    }

    fn agent_on(&self, k: usize) -> Option<String> {
        let mut best = None;
        for m in self.m.iter() {
            if m.start as usize <= k && k < m.end as usize {
                match &m.kind {
                    Kind::Actor { .. } => return None,
                    Kind::Agent { code, before } => best = Some(if *before { format!("{code}~") } else { code.clone() }),
                    Kind::Role { code: Some(c), .. } if best.is_none() => best = Some(c.clone()),
                    _ => {}
                }
            }
        }
        best
    }

    /// The speaker of the clause at `v` when it is reported speech: the
    /// quote pass's speaker when `v` is inside an attributed quote (it reads
    /// `"...," stated X` whatever the parser made of it), else the speech
    /// verb the clause hangs from in the parse.
    fn speaker(&self, v: usize, mem: &Memory) -> Option<Vec<Who>> {
        let t = self.toks;
        let at = t.t[v].span.start;
        if let Some(q) = self.quotes.iter().filter(|q| q.content.0 <= at && at < q.content.1).min_by_key(|q| q.content.1 - q.content.0) {
            let who: Vec<Who> = q.who.iter().map(|(h, person)| known_as(h, q.speaker, *person, mem)).collect();
            return (!who.is_empty()).then_some(who);
        }
        let mut cur = v;
        for _ in 0..6 {
            // "..., X said" as a parataxis of the event's clause.
            if let Some(p) = t.kids(cur).iter().map(|&k| k as usize).find(|&k| t.t[k].rel == Rel::Parataxis && SPEECH.contains(&t.lemma(k))) {
                if let Some(s) = speech_subject(t, p) {
                    let w = self.actors_under(s, mem);
                    if !w.is_empty() {
                        return Some(w);
                    }
                }
            }
            let Some(h) = t.head(cur) else { break };
            let r = t.t[cur].rel;
            if matches!(r, Rel::Ccomp | Rel::Parataxis) && SPEECH.contains(&t.lemma(h)) {
                if let Some(s) = speech_subject(t, h) {
                    let w = self.actors_under(s, mem);
                    if !w.is_empty() {
                        return Some(w);
                    }
                }
                return None;
            }
            // (a finite verb hung as an xcomp is a clause of its own)
            if !matches!(r, Rel::Conj | Rel::Xcomp | Rel::Advcl | Rel::Ccomp | Rel::Parataxis) || finite_xcomp(t, cur) {
                break;
            }
            cur = h;
        }
        // "according to X".
        let (a, b, _) = t.sents[self.s];
        for i in a..b.saturating_sub(1) {
            if t.low(i) == "according" && t.low(i + 1) == "to" {
                let obj = t.head(i).filter(|&h| h > i + 1).or_else(|| (i + 2 < b).then_some(i + 2))?;
                let w = self.actors_under(obj, mem);
                if !w.is_empty() {
                    return Some(w);
                }
            }
        }
        None
    }

    /// An actor with conjuncts (`Qatar and Egypt`), as a group.
    fn group_at(&self, i: usize) -> Option<Vec<Who>> {
        let t = self.toks;
        let w = self.who_of_actor(i)?;
        let h = self.m[i].head as usize;
        let conj: Vec<Who> = t
            .kids(h)
            .iter()
            .map(|&c| c as usize)
            .filter(|&c| t.t[c].rel == Rel::Conj)
            .filter_map(|c| self.mention_at(c))
            .filter_map(|mj| self.who_of_actor(mj))
            .collect();
        if conj.is_empty() {
            return None;
        }
        let mut g = vec![w];
        g.extend(conj);
        Some(g)
    }

    /// Updates the document memory with this sentence's mentions.
    fn remember(&self, mem: &mut Memory) {
        let t = self.toks;
        // Persons in order of salience: subjects last, so `he` finds them first.
        let mut persons: Vec<(bool, usize, Who)> = Vec::new();
        for (i, m) in self.m.iter().enumerate() {
            if let Kind::Actor { person, .. } = m.kind {
                if let Some(w) = self.who_of_actor(i) {
                    if person {
                        let mut h = m.head as usize;
                        while matches!(t.t[h].rel, Rel::Flat | Rel::Compound | Rel::Appos) {
                            match t.head(h) {
                                Some(x) => h = x,
                                None => break,
                            }
                        }
                        let subj = matches!(t.t[h].rel, Rel::Nsubj | Rel::NsubjPass);
                        persons.push((subj, i, w.clone()));
                    }
                    if let Some(g) = self.group_at(i) {
                        mem.groups.push(g);
                    }
                }
            }
        }
        persons.sort_by_key(|p| (p.0, p.1));
        mem.persons.extend(persons.into_iter().map(|p| p.2));
    }
}
