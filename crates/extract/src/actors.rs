//! Actor mentions: lexicon matches, names the lexicon lacks, titles and
//! appositions that give unknown people a role and a code, demonyms with
//! agents (`Israeli officials`), possessives (`Netanyahu's office`), group
//! references (`both nations`) and pronouns.

use crate::view::{Pos, View};
use herald_lexicon::{ActorEntry, ActorKind, Date, Lexicon, RoleCode};
use herald_text::Span;

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    /// A person.
    Person,
    /// An organisation, party, company, armed group.
    Organisation,
    /// A state or its government.
    State,
    /// A place coded as its state.
    Place,
    /// Several actors referred to together (`Qatar and Egypt`), or an
    /// unnamed group of a state (`Israeli officials`).
    Group,
    /// A news outlet.
    Media,
}

/// How an actor is mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A name (from the lexicon or a proper-noun sequence).
    Name,
    /// A title alone (`President`), standing for its holder.
    Title,
    /// A common noun phrase tied to an actor (`Israeli officials`, `Netanyahu's office`).
    Nominal,
    /// He, she, they.
    Pronoun,
    /// `both nations`, `the mediators`.
    GroupRef,
}

/// One mention of an actor.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Token range.
    pub toks: (usize, usize),
    /// Original bytes.
    pub span: Span,
    /// How it is mentioned.
    pub kind: MentionKind,
    /// What it mentions, as far as the mention itself tells.
    pub ty: ActorType,
    /// The lexicon actor it matched.
    pub entry: Option<u32>,
    /// Codes the mention carries (lexicon, or title/apposition composition).
    pub codes: Vec<String>,
    /// Role from a title or an apposition.
    pub role: Option<String>,
    /// The name tokens (without title), for surname matching.
    pub name_toks: (usize, usize),
    /// Resolved actor (index into the actors), filled by coreference.
    pub actor: Option<usize>,
    /// Sentence index.
    pub sent: usize,
    /// Collapses into the state with this code (`Israeli officials` -> ISR).
    pub state_of: Option<String>,
    /// Person the mention belongs to (`Netanyahu's office` -> the mention of Netanyahu).
    pub owner: Option<usize>,
}

/// Title words that precede a name or stand for its holder.
pub(crate) static TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "secretary", "senator", "sen.", "rep.", "representative", "gov.",
    "governor", "envoy", "special", "spokesman", "spokeswoman", "spokesperson", "ambassador", "chairman",
    "chairwoman", "director", "chief", "leader", "king", "queen", "prince", "general", "gen.", "col.", "mayor",
    "judge", "justice", "mr.", "mrs.", "ms.", "dr.", "prof.", "foreign", "defense", "defence", "interior",
    "speaker", "commander", "chancellor", "pope", "sheikh", "emir", "former", "deputy", "acting", "senior",
    "adviser", "advisor", "candidate", "nominee", "democratic", "republican", "presidential", "gop", "attorney",
    "state", "lt.", "sgt.", "capt.", "adm.", "rev.", "sir", "lord", "lady", "official", "officer", "negotiator",
];

/// Name words that make an organisation.
static ORG_WORDS: &[&str] = &[
    "movement", "party", "bureau", "council", "ministry", "department", "administration", "office", "committee",
    "agency", "army", "forces", "union", "organization", "organisation", "front", "brigades", "group", "company",
    "inc.", "corp.", "university", "court", "congress", "senate", "house", "commission", "association",
    "foundation", "institute", "bank", "fund", "authority", "government", "police", "campaign", "club", "church",
    "coalition", "alliance", "federation", "board", "service", "corporation", "co.", "ltd", "llc", "league",
];

static PLACE_WORDS: &[&str] = &[
    "east", "west", "north", "south", "strip", "bank", "sea", "river", "gulf", "valley", "city", "province",
    "county", "island", "islands", "mountains", "peninsula", "street", "avenue", "square", "airport", "coast",
];

static MEDIA_WORDS: &[&str] = &[
    "news", "tv", "times", "post", "journal", "press", "radio", "television", "network", "herald", "tribune",
    "gazette", "magazine", "channel", "cnn", "bbc", "reuters", "ap", "afp", "nbc", "cbs", "abc", "fox", "msnbc",
];

/// Common nouns that, after a demonym or a possessive, make a group of that actor.
static GROUP_NOUNS: &[&str] = &[
    "officials", "official", "office", "administration", "government", "authorities", "forces", "troops",
    "military", "army", "ministry", "spokesman", "spokeswoman", "spokesperson", "campaign", "team", "aides",
    "negotiators", "diplomats", "delegation", "leaders", "leadership", "lawmakers",
];

static GROUP_REFS: &[&[&str]] = &[
    &["both", "nations"],
    &["the", "two", "nations"],
    &["both", "countries"],
    &["the", "two", "countries"],
    &["both", "sides"],
    &["the", "two", "sides"],
    &["the", "mediators"],
    &["the", "two", "governments"],
    &["both", "governments"],
];

static NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "with", "as", "after", "before", "while",
    "when", "if", "although", "though", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
    "his", "her", "their", "our", "its", "there", "here", "what", "who", "why", "how", "yet", "so", "still",
    "meanwhile", "however", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr.", "mrs.", "ms.", "dr.", "prospects", "no", "not", "some", "many", "most",
    "both", "all", "one", "two", "three", "by", "from", "to", "of", "we're", "it's", "our", "my", "your",
    "you", "us", "them", "despite", "because", "since", "until", "during", "under", "over", "than", "then",
];

/// Lower-case name particles (`al-Rishq`, `bin Salman`, `van der Bellen`).
static PARTICLES: &[&str] = &["al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "di", "le", "la", "abu", "abd"];

/// The codes of an entry on `date`, most specific first, each followed by
/// its state (`USAGOV`, `USA`). Without a date, the span in force now (the
/// open-ended one that started last) wins over an undated default.
pub(crate) fn entry_codes(e: &ActorEntry, date: Option<Date>) -> Vec<String> {
    let current = if date.is_none() { e.codes.iter().filter(|c| c.from.is_some() && c.until.is_none()).max_by_key(|c| c.from) } else { None };
    let mut out: Vec<String> = match current {
        Some(c) => c.code.split('/').map(str::trim).filter(|c| !c.is_empty() && *c != "---").map(str::to_string).collect(),
        None => e.code_on(date).into_iter().map(str::to_string).collect(),
    };
    with_states(&mut out);
    out
}

/// Appends the state prefix of each code (`ISRGOV` -> `ISR`) when missing.
pub(crate) fn with_states(codes: &mut Vec<String>) {
    let n = codes.len();
    for k in 0..n {
        let c = &codes[k];
        if c.len() > 3 && c.is_char_boundary(3) && c[..3].chars().all(|ch| ch.is_ascii_uppercase()) {
            let p = c[..3].to_string();
            if !codes.contains(&p) {
                codes.push(p);
            }
        }
    }
}

/// Three-letter CAMEO codes that are sectors or agents, not states.
static SECTOR_CODES: &[&str] = &[
    "MED", "GOV", "MIL", "REB", "OPP", "BUS", "CVL", "EDU", "JUD", "LEG", "NGO", "IGO", "REF", "CRM", "ELI",
    "LAB", "HLH", "AGR", "UAF", "SPY", "COP", "JEW", "MUS", "CHR", "HIN", "BUD", "NGM", "MNC", "INS", "SEP",
    "PTY", "MOD", "RAD", "DEV", "ENV", "HRI", "IMG", "PRO", "RAD", "SET", "TOP", "MID", "LOW", "AMN", "ICR",
];

/// Is this entry a person? Persons carry roles or dated codes; a state whose
/// code changed with its history (KYRGYZSTAN_: `USRKGZ` until 1991, `KGZ`
/// since) has dated codes too, but its latest code is a bare state code.
pub(crate) fn entry_is_person(e: &ActorEntry) -> bool {
    e.kind == ActorKind::Actor
        && (!e.roles.is_empty()
            || (e.codes.iter().any(|c| !c.is_default()) && !e.code_on(None).first().is_some_and(|c| c.len() == 3 && !SECTOR_CODES.contains(c))))
}

/// Type of a lexicon entry.
pub(crate) fn entry_type(e: &ActorEntry, codes: &[String]) -> ActorType {
    match e.kind {
        ActorKind::Media => ActorType::Media,
        ActorKind::Place => ActorType::Place,
        ActorKind::Demonym => ActorType::State,
        ActorKind::Actor => {
            if entry_is_person(e) {
                ActorType::Person
            } else if codes.first().is_some_and(|c| c.len() == 3 && !SECTOR_CODES.contains(&c.as_str())) {
                ActorType::State
            } else if state_agent(codes).is_some() {
                ActorType::Group
            } else {
                ActorType::Organisation
            }
        }
    }
}

/// `ISRGOV` -> `ISR`: a state code followed by a government agent code.
pub(crate) fn state_agent(codes: &[String]) -> Option<&str> {
    let c = codes.first()?;
    (c.len() == 6 && c.is_char_boundary(3) && !SECTOR_CODES.contains(&&c[..3]) && matches!(&c[3..], "GOV" | "MIL" | "LEG" | "JUD" | "SPY" | "COP")).then(|| &c[..3])
}

/// Turns a PETRARCH name (`BENJAMIN_NETANYAHU_`) into a display name.
pub(crate) fn display_name(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.replace('_', " ").trim().to_string();
    }
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lw = w.to_lowercase();
            if matches!(lw.as_str(), "of" | "the" | "and" | "for") {
                lw
            } else {
                let mut c = lw.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The people of the lexicon by the last word of their names, for a name
/// the lexicon lacks as written: `President Mugabe` and `Mugabe` are
/// `ROBERT_MUGABE_` when no other person in the lexicon is called Mugabe;
/// `Levy Mwanawasa` is `LEVY_PATRICK_MWANAWASA_` when the first names
/// agree. Built once per lexicon and shared by all workers.
#[derive(Debug, Default)]
pub(crate) struct Surnames {
    /// Lower-cased surname -> (entry, lower-cased first name) of each name
    /// or alias of a person entry.
    by_last: rustc_hash::FxHashMap<String, Vec<(u32, String)>>,
}

impl Surnames {
    pub(crate) fn new(lex: &Lexicon) -> Surnames {
        let mut by_last: rustc_hash::FxHashMap<String, Vec<(u32, String)>> = Default::default();
        for (id, e) in lex.actors.iter().enumerate() {
            if !entry_is_person(e) {
                continue;
            }
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                // a single word is already matched as it is written
                if name.split(['_', ' ']).filter(|w| !w.is_empty()).nth(1).is_none() {
                    continue;
                }
                let words: Vec<String> = name.split(['_', ' ']).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
                let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
                // an organisation with dated codes is no person
                if words.iter().any(|w| ORG_WORDS.contains(&w.as_str()) || PLACE_WORDS.contains(&w.as_str()) || MEDIA_WORDS.contains(&w.as_str())) {
                    continue;
                }
                if last.chars().count() < 3 || !last.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                    continue;
                }
                let v = by_last.entry(last.clone()).or_default();
                if !v.iter().any(|(i, f)| *i == id as u32 && f == first) {
                    v.push((id as u32, first.clone()));
                }
            }
        }
        Surnames { by_last }
    }

    /// The one person entry a name the lexicon lacks stands for: its last
    /// word is that person's surname and, when the name has more words, its
    /// first word is that person's first name. None when no person or more
    /// than one qualifies.
    pub(crate) fn find(&self, words: &[&str]) -> Option<u32> {
        let last = words.last()?.to_lowercase();
        if words.iter().any(|w| {
            let w = w.to_lowercase();
            ORG_WORDS.contains(&w.as_str()) || PLACE_WORDS.contains(&w.as_str()) || MEDIA_WORDS.contains(&w.as_str())
        }) {
            return None;
        }
        let cands = self.by_last.get(&last)?;
        let first = (words.len() > 1).then(|| words[0].to_lowercase());
        let mut found: Option<u32> = None;
        for (id, f) in cands {
            if first.as_ref().is_some_and(|w| w != f) {
                continue;
            }
            match found {
                Some(x) if x != *id => return None,
                _ => found = Some(*id),
            }
        }
        found
    }
}

impl Surnames {
    /// The entry a proper-noun sequence the lexicon lacks stands for: a
    /// plural demonym (one word) or a person by surname.
    pub(crate) fn known(&self, lex: &Lexicon, words: &[&str]) -> Option<u32> {
        match words {
            [] => None,
            [w] => plural_demonym(lex, w).or_else(|| self.find(words)),
            _ => self.find(words),
        }
    }
}

/// A plural demonym the lexicon knows only in the singular (`Iraqis`,
/// `Albanians`): the entry of `Iraqi`.
/// Only words shaped like demonyms qualify (`-i`, `-an`, `Turk`), so that
/// `the Americas` is not the United States.
fn plural_demonym(lex: &Lexicon, form: &str) -> Option<u32> {
    const SHORT: &[&str] = &["turk", "serb", "croat", "kurd", "arab", "greek", "czech", "slovak", "uzbek", "kazakh", "tajik", "thai", "pole", "swede", "dane", "finn", "scot", "jew", "somali"];
    let one = form.strip_suffix('s')?;
    let low = one.to_lowercase();
    if !(low.ends_with('i') || low.ends_with("an") || SHORT.contains(&low.as_str())) {
        return None;
    }
    let id = lex.find_actor(one)?;
    let e = lex.actor(id);
    let state = e.kind == ActorKind::Demonym || entry_type(e, &entry_codes(e, None)) == ActorType::State;
    state.then_some(id)
}

/// A word in capitals (`NATO`, `MSNBC`, `U.N.`): an organisation's acronym,
/// never a person's surname.
pub(crate) fn is_acronym(form: &str) -> bool {
    form.len() > 1 && form.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
}

fn is(v: &View, i: usize, words: &[&str]) -> bool {
    words.contains(&v.lower(i))
}

/// Finds mentions over a whole document.
pub(crate) fn find_mentions(v: &View, lex: &Lexicon, surnames: &Surnames, date: Option<Date>, text: &str, quoted: &[Span], out: &mut Vec<Mention>) {
    let inside = |i: usize| quoted.iter().any(|q| q.contains(v.toks[i].span));
    let mut forms: Vec<&str> = Vec::new();
    let mut covered: Vec<bool> = Vec::new();
    for s in 0..v.sents.len() {
        let (s0, s1) = v.sent_range(s);
        forms.clear();
        forms.extend((s0..s1).map(|i| v.form(i)));
        covered.clear();
        covered.resize(s1 - s0, false);
        let first = out.len();
        // 1. lexicon names
        for m in lex.match_actors(&forms) {
            let (a, b) = (s0 + m.start, s0 + m.end);
            let e = lex.actor(m.entry);
            let codes: Vec<String> = entry_codes(e, date);
            let ty = entry_type(e, &codes);
            // "Netanyahu's office" matched whole: the owner is the name before 's
            let poss = (a + 1..b).find(|&i| v.form(i) == "'s" || v.form(i) == "'");
            if let (Some(p), ActorType::Group) = (poss, ty) {
                let owner = name_mention(v, lex, date, a, p, s);
                if let Some(o) = owner {
                    out.push(o);
                    let oi = out.len() - 1;
                    out.push(Mention {
                        toks: (a, b),
                        span: v.span_of(a, b),
                        kind: MentionKind::Nominal,
                        ty: ActorType::Group,
                        entry: None,
                        codes,
                        role: None,
                        name_toks: (a, p),
                        actor: None,
                        sent: s,
                        state_of: None,
                        owner: Some(oi),
                    });
                    for c in &mut covered[a - s0..b - s0] {
                        *c = true;
                    }
                    continue;
                }
            }
            let state_of = if ty == ActorType::Group || e.kind == ActorKind::Demonym {
                state_agent(&codes).map(str::to_string).or_else(|| (e.kind == ActorKind::Demonym).then(|| codes.first().cloned()).flatten())
            } else {
                None
            };
            let kind = if ty == ActorType::Group { MentionKind::Nominal } else { MentionKind::Name };
            out.push(Mention { toks: (a, b), span: v.span_of(a, b), kind, ty, entry: Some(m.entry), codes, role: None, name_toks: (a, b), actor: None, sent: s, state_of, owner: None });
            for c in &mut covered[a - s0..b - s0] {
                *c = true;
            }
        }
        // 2. names the lexicon lacks
        let mut i = s0;
        while i < s1 {
            if covered[i - s0] || !name_start(v, i, s0, s1) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < s1 && !covered[j - s0] && name_cont(v, j, s1) {
                j += 1;
            }
            while j > i + 1 && (v.form(j - 1) == "-" || is(v, j - 1, PARTICLES)) {
                j -= 1;
            }
            let toks_words: Vec<&str> = (i..j).map(|k| v.lower(k)).collect();
            let ty = if toks_words.iter().any(|w| PLACE_WORDS.contains(w)) {
                ActorType::Place
            } else if toks_words.iter().any(|w| MEDIA_WORDS.contains(w)) {
                ActorType::Media
            } else if toks_words.iter().any(|w| ORG_WORDS.contains(w)) {
                ActorType::Organisation
            } else if j - i == 1 && is_acronym(v.form(i)) {
                // an acronym: NATO, MSNBC
                ActorType::Organisation
            } else {
                // news names people far more often than anything else
                ActorType::Person
            };
            // a surname or a plural demonym of the lexicon
            let known = match ty {
                ActorType::Person => {
                    let sp = v.span_of(i, j);
                    let words: Vec<&str> = text.get(sp.start..sp.end).unwrap_or("").split_whitespace().collect();
                    surnames.known(lex, &words)
                }
                _ => None,
            };
            let mention = match known {
                Some(id) => {
                    let e = lex.actor(id);
                    let codes = entry_codes(e, date);
                    let ty = entry_type(e, &codes);
                    let state_of = (e.kind == ActorKind::Demonym).then(|| codes.first().cloned()).flatten();
                    Mention { toks: (i, j), span: v.span_of(i, j), kind: MentionKind::Name, ty, entry: Some(id), codes, role: None, name_toks: (i, j), actor: None, sent: s, state_of, owner: None }
                }
                None => Mention { toks: (i, j), span: v.span_of(i, j), kind: MentionKind::Name, ty, entry: None, codes: Vec::new(), role: None, name_toks: (i, j), actor: None, sent: s, state_of: None, owner: None },
            };
            out.push(mention);
            for c in &mut covered[i - s0..j - s0] {
                *c = true;
            }
            i = j;
        }
        out[first..].sort_by_key(|m| m.toks.0);
        // 3. titles before names, titles alone, demonym + group noun, possessives
        let last = out.len();
        let mut k = first;
        while k < last {
            let m = out[k].clone();
            let (a, b) = m.toks;
            // title words right before a person name: "U.S. special envoy Steve Witkoff"
            if m.kind == MentionKind::Name && matches!(m.ty, ActorType::Person | ActorType::Organisation) && m.entry.is_none_or(|e| entry_is_person(lex.actor(e))) {
                let mut t = a;
                while t > s0
                    && (is(v, t - 1, TITLES)
                        || (v.toks[t - 1].cap && v.form(t - 1).ends_with('.') && v.form(t - 1).len() <= 5)
                        // a sector word before a title: "opposition leader", "rebel commander"
                        || (t < a && !v.toks[t - 1].cap && lex.match_agents(&[v.form(t - 1), v.form(t)]).first().is_some_and(|m| m.start == 0 && m.end == 2)))
                    && !covered[t - 1 - s0]
                {
                    t -= 1;
                }
                if t < a {
                    let role_text = v.span_of(t, a).slice(text).to_string();
                    let agent = role_agent(v, lex, t, a);
                    // a state before the title: "U.S. special envoy", "Israeli Prime Minister"
                    let state = (first..last).rev().find(|&q| out[q].toks.1 == t && out[q].state_code().is_some());
                    let mut mm = out[k].clone();
                    mm.ty = ActorType::Person;
                    mm.role = Some(role_text);
                    let mut start = t;
                    if let Some(q) = state {
                        start = out[q].toks.0;
                        if mm.codes.is_empty() {
                            if let (Some(st), Some(ag)) = (out[q].state_code(), agent.as_deref()) {
                                mm.codes = vec![format!("{st}{ag}"), st.to_string()];
                            } else if let Some(st) = out[q].state_code() {
                                mm.codes = vec![st.to_string()];
                            }
                        }
                        out[q].kind = MentionKind::Title; // absorbed; dropped below
                        out[q].toks = (usize::MAX, usize::MAX);
                    }
                    mm.toks = (start, b);
                    mm.span = v.span_of(start, b);
                    out[k] = mm;
                }
            }
            k += 1;
        }
        // drop absorbed state mentions
        let mut w = first;
        for r in first..out.len() {
            if out[r].toks.0 != usize::MAX {
                out.swap(w, r);
                w += 1;
            }
        }
        out.truncate(w);
        // appositions: "Izzat Al-Rishq, a member of Hamas Movement's Political Bureau,"
        let last = out.len();
        for k in first..last {
            let (a, b) = out[k].toks;
            let _ = a;
            if out[k].kind != MentionKind::Name || out[k].ty != ActorType::Person || b + 1 >= s1 || v.form(b) != "," {
                continue;
            }
            let ap0 = b + 1;
            let ap1 = (ap0..s1).find(|&q| matches!(v.form(q), "," | "." | ";" | ":" | "\"" | "(" | ")")).unwrap_or(s1);
            if ap1 <= ap0 || ap1 - ap0 > 14 {
                continue;
            }
            let mut r0 = ap0;
            if is(v, r0, &["a", "an", "the"]) {
                r0 += 1;
            }
            let has_role = (r0..ap1).any(|q| is(v, q, TITLES) || is(v, q, &["member", "head", "leader", "spokesman", "spokeswoman", "founder", "chief", "adviser", "director"]));
            if !has_role || (r0 < ap1 && v.has_pos && v.toks[r0].pos == Pos::Verb) {
                continue;
            }
            out[k].role = Some(v.span_of(r0, ap1).slice(text).to_string());
            if out[k].codes.is_empty() {
                let inner: Vec<usize> = (first..last).filter(|&q| out[q].toks.0 >= ap0 && out[q].toks.1 <= ap1).collect();
                let agent = role_agent(v, lex, r0, ap1);
                let org = inner.iter().copied().find(|&q| !out[q].codes.is_empty() && out[q].state_code().is_none());
                let st = inner.iter().copied().find(|&q| out[q].state_code().is_some());
                if let Some(q) = org.filter(|_| agent.as_deref().is_none_or(|a| a == "organisation")) {
                    out[k].codes = out[q].codes.clone();
                } else if let Some(q) = st {
                    let sc = out[q].state_code().unwrap_or_default().to_string();
                    let ag = agent.filter(|a| a != "organisation").unwrap_or_else(|| "GOV".into());
                    out[k].codes = vec![format!("{sc}{ag}"), sc];
                } else if let Some(q) = org {
                    out[k].codes = out[q].codes.clone();
                }
            }
        }
        // demonym/state + group noun ("Israeli officials"), name + 's + group noun, name + administration
        for k in first..last {
            let (a, b) = out[k].toks;
            let _ = a;
            let is_state = out[k].state_code().is_some();
            let is_person = out[k].ty == ActorType::Person;
            if !(is_state || is_person) {
                continue;
            }
            let mut g = b;
            if is_person && g < s1 && matches!(v.form(g), "'s" | "'") {
                g += 1;
            }
            if g < s1 && is(v, g, GROUP_NOUNS) && (g == b || is_person) && !(g + 1 < s1 && v.toks[g + 1].cap && !is_state) {
                let codes = if is_state {
                    let sc = out[k].state_code().unwrap_or_default().to_string();
                    vec![format!("{sc}GOV"), sc]
                } else {
                    out[k].codes.clone()
                };
                let admin = is(v, g, &["administration", "government"]) && is_person;
                let start = if a > s0 && is(v, a - 1, &["the"]) && admin { a - 1 } else { a };
                let state_of = if is_state { out[k].state_code().map(str::to_string) } else if admin { out[k].codes.first().map(|c| c[..c.len().min(3)].to_string()) } else { None };
                out.push(Mention {
                    toks: (start, g + 1),
                    span: v.span_of(start, g + 1),
                    kind: MentionKind::Nominal,
                    ty: ActorType::Group,
                    entry: None,
                    codes,
                    role: None,
                    name_toks: out[k].name_toks,
                    actor: None,
                    sent: s,
                    state_of,
                    owner: (!is_state && !admin).then_some(k),
                });
            }
        }
        // titles alone ("President expressed"), group references, pronouns
        let mut i = s0;
        while i < s1 {
            if covered_by(out, first, i) {
                i += 1;
                continue;
            }
            let title_alone = v.toks[i].cap
                && is(v, i, &["president", "prime", "premier", "chancellor", "envoy", "secretary"])
                && (i == s0 || is(v, i - 1, &["the"]))
                && !(i + 1 < s1 && v.toks[i + 1].cap && !is(v, i + 1, &["minister"]));
            if title_alone {
                let e = if is(v, i, &["prime"]) && i + 1 < s1 && is(v, i + 1, &["minister"]) { i + 2 } else { i + 1 };
                out.push(Mention { toks: (i, e), span: v.span_of(i, e), kind: MentionKind::Title, ty: ActorType::Person, entry: None, codes: Vec::new(), role: Some(v.span_of(i, e).slice(text).to_string()), name_toks: (i, e), actor: None, sent: s, state_of: None, owner: None });
                i = e;
                continue;
            }
            if let Some(g) = GROUP_REFS.iter().find(|g| i + g.len() <= s1 && g.iter().enumerate().all(|(q, w)| v.lower(i + q) == *w)) {
                let e = i + g.len();
                out.push(Mention { toks: (i, e), span: v.span_of(i, e), kind: MentionKind::GroupRef, ty: ActorType::Group, entry: None, codes: Vec::new(), role: None, name_toks: (i, e), actor: None, sent: s, state_of: None, owner: None });
                i = e;
                continue;
            }
            if is(v, i, &["he", "she", "they"]) && !inside(i) {
                let ty = if is(v, i, &["they"]) { ActorType::Group } else { ActorType::Person };
                out.push(Mention { toks: (i, i + 1), span: v.toks[i].span, kind: MentionKind::Pronoun, ty, entry: None, codes: Vec::new(), role: None, name_toks: (i, i + 1), actor: None, sent: s, state_of: None, owner: None });
            }
            i += 1;
        }
        out[first..].sort_by_key(|m| (m.toks.0, std::cmp::Reverse(m.toks.1)));
    }
}

fn covered_by(out: &[Mention], first: usize, i: usize) -> bool {
    out[first..].iter().any(|m| m.toks.0 <= i && i < m.toks.1)
}

impl Mention {
    /// The state code this mention names (`U.S.` -> USA, `Israeli` -> ISR).
    pub(crate) fn state_code(&self) -> Option<&str> {
        if self.kind == MentionKind::Nominal {
            return None;
        }
        match self.ty {
            ActorType::State => self.codes.first().map(|c| &c[..c.len().min(3)]),
            _ => None,
        }
    }
}

/// A name mention over tokens `a..b` (lexicon or not).
fn name_mention(v: &View, lex: &Lexicon, date: Option<Date>, a: usize, b: usize, s: usize) -> Option<Mention> {
    if b <= a {
        return None;
    }
    let forms: Vec<&str> = (a..b).map(|i| v.form(i)).collect();
    let m = lex.match_actors(&forms).into_iter().find(|m| m.start == 0 && m.end == b - a);
    let (entry, codes, ty) = match m {
        Some(m) => {
            let e = lex.actor(m.entry);
            let codes: Vec<String> = entry_codes(e, date);
            let ty = entry_type(e, &codes);
            (Some(m.entry), codes, ty)
        }
        None if v.toks[a].cap => (None, Vec::new(), ActorType::Person),
        None => return None,
    };
    Some(Mention { toks: (a, b), span: v.span_of(a, b), kind: MentionKind::Name, ty, entry, codes, role: None, name_toks: (a, b), actor: None, sent: s, state_of: None, owner: None })
}

/// The agent code a role phrase over `a..b` contributes (`special envoy` ->
/// `GOV`), `"organisation"` when the role takes its organisation's code.
fn role_agent(v: &View, lex: &Lexicon, a: usize, b: usize) -> Option<String> {
    let forms: Vec<&str> = (a..b).map(|i| v.form(i)).collect();
    let agent = lex.match_agents(&forms).into_iter().next();
    if let Some(m) = lex.match_roles(&forms).into_iter().next() {
        // a sector before the role says more than the role: "opposition leader"
        if let Some(ag) = agent.as_ref().filter(|g| g.start < m.start) {
            return Some(lex.agent(ag.entry).code.clone());
        }
        return Some(match &lex.role(m.entry).code {
            RoleCode::Agent(c) => c.trim_start_matches('~').to_string(),
            RoleCode::Organisation => "organisation".to_string(),
            #[allow(unreachable_patterns)]
            _ => return None,
        });
    }
    agent.map(|m| lex.agent(m.entry).code.clone())
}

fn name_start(v: &View, i: usize, s0: usize, s1: usize) -> bool {
    let t = &v.toks[i];
    if !t.cap || t.debris || v.is_punct(i) || is(v, i, NOT_NAMES) || is(v, i, TITLES) {
        return false;
    }
    if !v.form(i).chars().any(|c| c.is_alphabetic()) {
        return false;
    }
    if v.has_pos {
        // "Middle East", "Political Bureau": a capitalised adjective or noun before a name
        let before_name = i + 1 < s1 && v.toks[i + 1].cap && !is(v, i + 1, NOT_NAMES) && i > s0;
        return t.pos == Pos::Propn || (before_name && matches!(t.pos, Pos::Adj | Pos::Noun));
    }
    // sentence-initial capital: a name only when another capital follows
    if i == s0 {
        return i + 1 < s1 && v.toks[i + 1].cap && !is(v, i + 1, NOT_NAMES);
    }
    true
}

fn name_cont(v: &View, j: usize, s1: usize) -> bool {
    let t = &v.toks[j];
    if t.debris {
        return false;
    }
    let f = v.form(j);
    if f == "-" {
        return !t.space_before && !t.space_after && j + 1 < s1 && v.toks[j + 1].cap;
    }
    if is(v, j, PARTICLES) {
        return j + 1 < s1 && (v.form(j + 1) == "-" || v.toks[j + 1].cap);
    }
    if !t.cap || is(v, j, NOT_NAMES) || v.is_punct(j) {
        return false;
    }
    if v.has_pos {
        return matches!(t.pos, Pos::Propn | Pos::Noun) || t.cap;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_lexicon::SourceFormat;

    fn lex(actors: &str) -> Lexicon {
        Lexicon::from_sources(&[("t.actors.txt".to_string(), SourceFormat::Actors, actors.as_bytes().to_vec())]).lexicon
    }

    const PEOPLE: &str = "ROBERT_MUGABE_\n\t[ZWEGOV 800418-871231]\n\t[ZWEGOV >871231]\n\
        TONY_BLAIR_\n\t[GBRGOV 970502-070627]\n\t[GBRELI >070627]\n\
        DENNIS_BLAIR_\n\t[USAGOV 090129-100528]\n\t[USAELI >100528]\n\
        LEVY_PATRICK_MWANAWASA_\n\t[ZMBGOV 020102-080819]\n\
        KURDISH_DEMOCRATIC_UNION_PARTY\n\t[SYRREB >120101]\n\
        IRAQ_ [IRQ]\n+IRAQI_\nAMERICA_ [USA]\n";

    #[test]
    fn a_surname_is_the_one_person_who_bears_it() {
        let l = lex(PEOPLE);
        let s = Surnames::new(&l);
        let name = |w: &[&str]| s.known(&l, w).map(|id| l.actor(id).name.clone());
        assert_eq!(name(&["Mugabe"]).as_deref(), Some("ROBERT_MUGABE_"));
        assert_eq!(name(&["Robert", "Mugabe"]).as_deref(), Some("ROBERT_MUGABE_"));
        // the first name must agree when given
        assert_eq!(name(&["Grace", "Mugabe"]), None);
        assert_eq!(name(&["Levy", "Mwanawasa"]).as_deref(), Some("LEVY_PATRICK_MWANAWASA_"));
        // two people called Blair: neither
        assert_eq!(name(&["Blair"]), None);
        assert_eq!(name(&["Tony", "Blair"]).as_deref(), Some("TONY_BLAIR_"));
        // an organisation with dated codes is no person
        assert_eq!(name(&["Party"]), None);
        assert_eq!(name(&["Fatah", "Party"]), None);
    }

    #[test]
    fn acronyms_are_not_surnames() {
        for w in ["MOU", "NATO", "U.N.", "SPLM-N"] {
            assert!(is_acronym(w), "{w}");
        }
        for w in ["Mou", "A", "McCain", "Al-Rishq"] {
            assert!(!is_acronym(w), "{w}");
        }
    }

    #[test]
    fn plural_demonyms_but_not_plural_names() {
        let l = lex(PEOPLE);
        let s = Surnames::new(&l);
        assert_eq!(s.known(&l, &["Iraqis"]).map(|id| l.actor(id).code_on(None).join("/")).as_deref(), Some("IRQ"));
        assert_eq!(s.known(&l, &["Americas"]), None);
        assert_eq!(s.known(&l, &["Iraqs"]), None);
    }
}
