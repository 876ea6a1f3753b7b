//! The data model of a lexicon: what every reader produces and every matcher
//! points into.

use crate::date::Date;

/// Where an entry was defined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`crate::Lexicon::sources`].
    pub source: u32,
    /// 1-based line.
    pub line: u32,
}

/// One code, possibly restricted to a date range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSpan {
    /// The code (`ISRGOV`); `---` is PETRARCH's null code. Several codes
    /// separated by `/` (`ELR/GAL`) are kept as written.
    pub code: String,
    /// First day the code applies (inclusive); `None` = since ever.
    pub from: Option<Date>,
    /// First day the code no longer applies (exclusive); `None` = still.
    /// PETRARCH's inclusive end dates are stored as the next day.
    pub until: Option<Date>,
    /// Line of the restriction.
    pub line: u32,
}

impl CodeSpan {
    /// True if the span has no date restriction (a default code).
    pub fn is_default(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
    /// True if the span applies on `d`.
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d < u)
    }
}

/// What an actor entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A person, organisation, state (PETRARCH actor or herald `actor`).
    Actor,
    /// A demonym or adjective of a state (`Israeli`).
    Demonym,
    /// A media outlet.
    Media,
    /// A place coded as its state (`Gaza`).
    Place,
}

impl ActorKind {
    /// Keyword in herald's format.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Actor => "actor",
            ActorKind::Demonym => "demonym",
            ActorKind::Media => "media",
            ActorKind::Place => "place",
        }
    }
    pub(crate) fn from_u8(v: u8) -> ActorKind {
        match v {
            1 => ActorKind::Demonym,
            2 => ActorKind::Media,
            3 => ActorKind::Place,
            _ => ActorKind::Actor,
        }
    }
    pub(crate) fn to_u8(self) -> u8 {
        self as u8
    }
}

/// A role held over a period ("President of the United States").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedRole {
    /// The role as written.
    pub title: String,
    /// First day (inclusive).
    pub from: Option<Date>,
    /// End (exclusive).
    pub until: Option<Date>,
}

/// An actor: names, codes with their dates, roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// Primary name as written (`BENJAMIN_NETANYAHU_`, `Donald Trump`).
    pub name: String,
    /// What it names.
    pub kind: ActorKind,
    /// Other names (synonyms, aliases) as written.
    pub aliases: Vec<String>,
    /// Codes in priority order: the first span containing a date wins;
    /// spans without dates are defaults.
    pub codes: Vec<CodeSpan>,
    /// Roles (herald format only).
    pub roles: Vec<DatedRole>,
    /// Where the entry was (last) defined.
    pub origin: Origin,
}

impl ActorEntry {
    /// The codes in force on `date`: the first date-restricted span that
    /// contains it, else the default spans. Without a date: the default
    /// spans, else the span that starts last (the current one). PETRARCH's
    /// null code `---` yields no code; `A/B` yields both.
    pub fn code_on(&self, date: Option<Date>) -> Vec<&str> {
        self.span_on(date).map(|s| split_codes(&s.code)).unwrap_or_default()
    }

    /// The span that decides [`ActorEntry::code_on`].
    pub fn span_on(&self, date: Option<Date>) -> Option<&CodeSpan> {
        if let Some(d) = date {
            if let Some(s) = self.codes.iter().find(|s| !s.is_default() && s.contains(d)) {
                return Some(s);
            }
        }
        if let Some(s) = self.codes.iter().find(|s| s.is_default()) {
            return Some(s);
        }
        if date.is_some() {
            return None;
        }
        self.codes.iter().max_by_key(|s| s.from)
    }

    /// Roles held on `date` (all roles when `date` is `None`).
    pub fn roles_on(&self, date: Option<Date>) -> impl Iterator<Item = &DatedRole> {
        self.roles.iter().filter(move |r| date.is_none_or(|d| r.from.is_none_or(|f| f <= d) && r.until.is_none_or(|u| d < u)))
    }
}

pub(crate) fn split_codes(code: &str) -> Vec<&str> {
    code.split('/').map(str::trim).filter(|c| !c.is_empty() && *c != "---").collect()
}

/// Where an agent code goes relative to the actor code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (`ISR` + `GOV`).
    After,
    /// `[NGO~]`: put before the actor code.
    Before,
}

/// An agent: a common noun that qualifies an actor (`minister` -> `~GOV`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// Phrase as written (after `!SUBST!` expansion).
    pub phrase: String,
    /// The code without the `~`.
    pub code: String,
    /// Where the code goes.
    pub placement: AgentPlacement,
    /// Plural forms matched too (generated or given in `{...}`).
    pub plurals: Vec<String>,
    /// Definition.
    pub origin: Origin,
}

/// What a role phrase contributes to the person who holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleCode {
    /// An agent code (`special envoy` -> `GOV`).
    Agent(String),
    /// The person takes the code of the organisation named with the role
    /// (`member of the Political Bureau` of Hamas -> Hamas's code).
    Organisation,
}

/// A role phrase that identifies a person (herald format `role`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleEntry {
    /// The phrase (`special envoy`).
    pub phrase: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// The code it contributes.
    pub code: RoleCode,
    /// Definition.
    pub origin: Origin,
}

/// One element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternElem {
    /// `*`: the verb itself.
    Verb,
    /// A word (`DEAL`); `_`-joined words are consecutive words.
    Word(String),
    /// `&NAME`: any phrase of a synonym set.
    SynSet(String),
    /// `{A B}`: a noun phrase.
    NounPhrase(Vec<PatternElem>),
    /// `(PREP ...)`: a prepositional phrase, preposition first.
    PrepPhrase(Vec<PatternElem>),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (both source and target).
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
}

/// A verb pattern: `- * (TO {PEACE PLAN}) [037]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Elements in order; exactly one is [`PatternElem::Verb`] when `valid`.
    pub elems: Vec<PatternElem>,
    /// Event code (`037`, `---` for none).
    pub code: String,
    /// Second code of `[a:b]` (PETRARCH: the code when the pattern is
    /// reached by a passive or secondary reading), if any.
    pub code2: Option<String>,
    /// The pattern as written (without `-`, code and comment).
    pub text: String,
    /// The comment (usually the verb the pattern came from).
    pub comment: String,
    /// Line.
    pub line: u32,
}

/// A verb of a block: `HURRY {HURRIES HURRYING HURRIED }`, `+CLEAR_UP`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbWord {
    /// Lemma, upper case as written (`HURRY`; for compounds the head verb).
    pub lemma: String,
    /// Irregular forms given in `{...}`.
    pub forms: Vec<String>,
    /// Own code in `[...]`, overriding the block's.
    pub code: Option<String>,
    /// Words before / after the head verb of a compound (`CLEAR_UP` -> after `UP`).
    pub before: Vec<String>,
    /// See `before`.
    pub after: Vec<String>,
    /// Line.
    pub line: u32,
}

/// A verb block (`--- ACCELERATE [---] ---`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// Name of the block.
    pub name: String,
    /// Default code of the block.
    pub code: String,
    /// Verbs of the block.
    pub verbs: Vec<VerbWord>,
    /// Patterns of the block.
    pub patterns: Vec<Pattern>,
    /// Header.
    pub origin: Origin,
}

/// A synonym set (`&CURRENCY`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynSet {
    /// Label without `&` and trailing `_`.
    pub name: String,
    /// True when the label ends in `_` (no plurals generated).
    pub no_plurals: bool,
    /// Phrases as written (without `+`).
    pub phrases: Vec<String>,
    /// Definition.
    pub origin: Origin,
}

/// A PETRARCH transformation (`~ a (a b ATTACK) SAY = a b 015`), kept as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// Left-hand side.
    pub pattern: String,
    /// Right-hand side.
    pub result: String,
    /// Definition.
    pub origin: Origin,
}

/// A discard phrase: sentences (or, with `story`, whole stories) containing it are not coded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discard {
    /// Phrase as written.
    pub phrase: String,
    /// `+` prefix: discard the whole story.
    pub story: bool,
    /// Phrase ended in `_`: the last word must be complete (otherwise a stem).
    pub exact: bool,
    /// Definition.
    pub origin: Origin,
}

/// An issue phrase (`n:ceasefire [CEASEFIRE]`), after expansion of `n:`, `v:` and `+`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueEntry {
    /// Phrase as written.
    pub phrase: String,
    /// Issue code; empty for ignore phrases.
    pub code: String,
    /// Category of the enclosing `<ISSUE CATEGORY=...>` block.
    pub category: String,
    /// `~` (sentence) or `~~` (story) ignore phrase: cancels issue coding.
    pub ignore: u8,
    /// Definition.
    pub origin: Origin,
}

/// The PLOVER reading of a CAMEO code (CAMEO2PLOVER-2021).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PloverMapping {
    /// PLOVER event type (`AGREE`).
    pub event_type: String,
    /// Mode (may be empty).
    pub mode: String,
    /// Contexts (may be empty; `crime; corruption` gives two).
    pub context: Vec<String>,
}

/// What kind of dictionary a source file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// PETRARCH actors (`*.actors.txt`).
    Actors,
    /// PETRARCH agents.
    Agents,
    /// PETRARCH verbs, CAMEO.2.0 or PETRARCH-1 (`*verb*`).
    Verbs,
    /// Discards.
    Discards,
    /// Issues.
    Issues,
    /// Prepositions.
    Prepositions,
    /// CAMEO code labels (`CAMEO_codefile.txt`).
    CodeFile,
    /// CAMEO -> PLOVER table.
    Plover,
    /// herald's own format (`*.hld`).
    Herald,
    /// `PETR_config.ini` and other files read but not needed.
    Config,
}

impl SourceFormat {
    /// Name used in manifests and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Actors => "actors",
            SourceFormat::Agents => "agents",
            SourceFormat::Verbs => "verbs",
            SourceFormat::Discards => "discards",
            SourceFormat::Issues => "issues",
            SourceFormat::Prepositions => "prepositions",
            SourceFormat::CodeFile => "codefile",
            SourceFormat::Plover => "plover",
            SourceFormat::Herald => "herald",
            SourceFormat::Config => "config",
        }
    }
    /// Inverse of `as_str`.
    pub fn parse(s: &str) -> Option<SourceFormat> {
        use SourceFormat::*;
        [Actors, Agents, Verbs, Discards, Issues, Prepositions, CodeFile, Plover, Herald, Config].into_iter().find(|f| f.as_str() == s)
    }
    /// Guesses the format from a file name.
    pub fn detect(path: &std::path::Path) -> Option<SourceFormat> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        Some(if name.ends_with(".hld") {
            SourceFormat::Herald
        } else if name.contains("actors") {
            SourceFormat::Actors
        } else if name.contains("agents") {
            SourceFormat::Agents
        } else if name.contains("verb") || name.starts_with("cameo.2") {
            SourceFormat::Verbs
        } else if name.contains("discard") {
            SourceFormat::Discards
        } else if name.contains("issue") {
            SourceFormat::Issues
        } else if name.contains("preposition") {
            SourceFormat::Prepositions
        } else if name.contains("codefile") {
            SourceFormat::CodeFile
        } else if name.contains("plover") {
            SourceFormat::Plover
        } else if name.ends_with(".ini") || name.contains("ontology") {
            SourceFormat::Config
        } else {
            return None;
        })
    }
}

/// A file the lexicon was built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path as given.
    pub path: String,
    /// Format it was read as.
    pub format: SourceFormat,
    /// Line accounting.
    pub lines: crate::LineCounts,
}
