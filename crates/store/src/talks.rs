//! The talks tracker: the chronology of a negotiation between parties (and
//! mediators) rebuilt from stored events and quotes, with the state of the
//! talks at each date and the moves that support it.
//!
//! ## Which evidence
//!
//! Aggregated events whose source or target is one of the parties or
//! mediators (negated events left out), the sentences of their mentions, and
//! the quotes of the documents those mentions come from.
//!
//! ## Rule table: coded events ([`EVENT_RULES`])
//!
//! The first row whose CAMEO prefix matches the event's code decides the
//! move. Only an `asserted` event changes the state: one whose modality is
//! `expected` becomes the expected form of the move (an expected meeting is
//! an expected resumption), and `claimed`, `demanded` or `hypothetical` ones
//! ("Hamas was unwilling to strike a deal", said Trump) are listed as moves
//! without effect.
//!
//! | CAMEO | move | state after |
//! |---|---|---|
//! | 164 halt negotiations, 165 halt mediation (herald codes a delegation's withdrawal 164) | withdrawal | collapsed |
//! | 166 expel or withdraw, 161 break relations | walkout | suspended |
//! | 057 sign formal agreement, 0871 declare ceasefire | agreement | agreed |
//! | 040–046 consult, visit, meet, mediate, negotiate | meeting | ongoing, or resumed after suspended / collapsed |
//! | 036–039 intent to meet, settle, accept mediation, mediate | proposal | — |
//! | 030–035 intent to cooperate | commitment | — |
//! | 02 appeal, 10 demand | demand | — |
//! | 11 disapprove, accuse | accusation | — |
//! | 12 reject | rejection | — |
//!
//! ## Rule table: words ([`CUE_RULES`])
//!
//! Nominal reports ("the collapse of discussions", "talks are anticipated to
//! recommence next week") have no coded event. In a sentence of a relevant
//! mention or a quote of a relevant document that names the talks (`talks`,
//! `negotiations`, `discussions`, `negotiators`, `mediation`, `delegation`),
//! each clause (split at `,` `;` `:`) holding a cue word below is a move. It
//! is *expected* when the clause also holds a future cue (`anticipated`,
//! `expected`, `will`, `next`, `set to`, `due to`, `plan`, `scheduled`), and
//! then the date it is expected for is the clause's date expression
//! resolved against publication.
//!
//! | cue | move | state after |
//! |---|---|---|
//! | collapse, collapsed, broke down, breakdown | collapse | collapsed |
//! | walked out, walkout, suspended, paused | walkout | suspended |
//! | resume, resumed, recommence, restart, reconvene | resumption | resumed |
//! | agreement reached, reached an agreement, deal reached, signed | agreement | agreed |
//!
//! ## States
//!
//! Moves are ordered by date (the event's date; for quotes and sentences
//! without an event date, publication), then as stored. The state starts
//! `ongoing` at the first move and follows the "state after" column; moves
//! without a state leave it as it is. A `meeting` or `resumption` after
//! `suspended` or `collapsed` makes it `resumed`. Each dated row of the
//! result gives the state at the end of that day, the moves that set or
//! confirmed it that day, and the expected moves reported that day.

use crate::date::{format_day, parse_day};
use crate::{Reader, Result};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What an actor did in the talks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Met, negotiated, mediated.
    Meeting,
    /// Offered to meet, settle or mediate.
    Proposal,
    /// Appealed or demanded.
    Demand,
    /// Accused or criticised.
    Accusation,
    /// Rejected.
    Rejection,
    /// Walked out or suspended.
    Walkout,
    /// Withdrew a delegation or halted the negotiations.
    Withdrawal,
    /// The talks were reported to have collapsed.
    Collapse,
    /// Reached or signed an agreement.
    Agreement,
    /// Stated commitment to cooperate.
    Commitment,
    /// Talks resumed.
    Resumption,
}

/// The state of the talks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TalksState {
    /// Going on.
    Ongoing,
    /// Interrupted (walkout, suspension).
    Suspended,
    /// Broken off (withdrawal, halt, collapse).
    Collapsed,
    /// Going on again after a suspension or collapse.
    Resumed,
    /// An agreement was reached.
    Agreed,
}

/// What a move does to the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Sets the state.
    Set(TalksState),
    /// `ongoing`, or `resumed` after `suspended` / `collapsed`.
    Continue,
}

/// One row of the event rule table: a CAMEO prefix, the move, its effect.
pub const EVENT_RULES: &[(&str, MoveKind, Effect)] = &[
    ("164", MoveKind::Withdrawal, Effect::Set(TalksState::Collapsed)),
    ("165", MoveKind::Withdrawal, Effect::Set(TalksState::Collapsed)),
    ("166", MoveKind::Walkout, Effect::Set(TalksState::Suspended)),
    ("161", MoveKind::Walkout, Effect::Set(TalksState::Suspended)),
    ("057", MoveKind::Agreement, Effect::Set(TalksState::Agreed)),
    ("0871", MoveKind::Agreement, Effect::Set(TalksState::Agreed)),
    ("04", MoveKind::Meeting, Effect::Continue),
    ("036", MoveKind::Proposal, Effect::None),
    ("037", MoveKind::Proposal, Effect::None),
    ("038", MoveKind::Proposal, Effect::None),
    ("039", MoveKind::Proposal, Effect::None),
    ("03", MoveKind::Commitment, Effect::None),
    ("02", MoveKind::Demand, Effect::None),
    ("10", MoveKind::Demand, Effect::None),
    ("11", MoveKind::Accusation, Effect::None),
    ("12", MoveKind::Rejection, Effect::None),
];

/// One row of the word rule table: cue phrases, the move, its effect.
pub const CUE_RULES: &[(&[&str], MoveKind, Effect)] = &[
    (&["collapse", "collapsed", "broke down", "breakdown"], MoveKind::Collapse, Effect::Set(TalksState::Collapsed)),
    (&["walked out", "walkout", "suspended", "paused"], MoveKind::Walkout, Effect::Set(TalksState::Suspended)),
    (&["resume", "resumed", "recommence", "restart", "reconvene"], MoveKind::Resumption, Effect::Continue),
    (&["agreement reached", "reached an agreement", "deal reached", "signed"], MoveKind::Agreement, Effect::Set(TalksState::Agreed)),
];

const TALK_WORDS: &[&str] =
    &["talks", "negotiations", "negotiation", "discussions", "negotiators", "mediation", "delegation", "delegations"];
const FUTURE_WORDS: &[&str] =
    &["anticipated", "expected", "expects", "will", "next", "set to", "due to", "plan", "plans", "scheduled"];

/// The row of the event rule table for a CAMEO code.
pub fn event_rule(cameo: &str) -> Option<(MoveKind, Effect)> {
    EVENT_RULES.iter().find(|(p, _, _)| cameo.starts_with(p)).map(|&(_, k, e)| (k, e))
}

/// The moves a text makes by the word rules: the text must name the talks;
/// each clause (split at `,` `;` `:`) holding a cue is a move, expected when
/// the clause holds a future cue. Gives the move, its effect, whether it is
/// expected, the cue and the clause.
pub fn cue_rule(text: &str) -> Vec<(MoveKind, Effect, bool, &'static str, String)> {
    let all = format!(" {} ", words(text).join(" "));
    if !TALK_WORDS.iter().any(|w| all.contains(&format!(" {w} "))) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for clause in text.split([',', ';', ':']) {
        let low = format!(" {} ", words(clause).join(" "));
        let has = |w: &str| low.contains(&format!(" {w} "));
        let expected = FUTURE_WORDS.iter().any(|w| has(w));
        for (cues, kind, effect) in CUE_RULES {
            if let Some(c) = cues.iter().find(|c| has(c)) {
                out.push((*kind, *effect, expected, *c, clause.trim().to_string()));
                break;
            }
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What to track.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TalksQuery {
    /// The negotiating parties (codes or names, as [`crate::Filter::actor`]).
    pub parties: Vec<String>,
    /// The mediators.
    pub mediators: Vec<String>,
    /// From this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Up to this date.
    pub until: Option<String>,
}

/// One move of the chronology.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Move {
    /// When it happened or was reported (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// What it is.
    pub kind: MoveKind,
    /// Announced or expected, not done.
    pub expected: bool,
    /// For expected moves, the date (or interval) expected, when the text gives one.
    pub expected_date: Option<String>,
    /// Who (name), when known.
    pub actor: Option<String>,
    /// Towards whom.
    pub target: Option<String>,
    /// The aggregated event, for moves from events.
    pub event_key: Option<i64>,
    /// The document the evidence comes from.
    pub doc_id: String,
    /// The quote (`Q3`), for moves from quotes.
    pub quote: Option<String>,
    /// The sentence or quote.
    pub evidence: String,
    /// The rule that made it a move (`cameo 164`, `cue recommence`).
    pub rule: String,
}

/// The state of the talks at the end of a day.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StateAt {
    /// The day (`null` for undated evidence, first).
    pub date: Option<String>,
    /// The state.
    pub state: TalksState,
    /// Moves of that day that set or confirmed the state (indexes into [`Talks::moves`]).
    pub supported_by: Vec<usize>,
    /// Expected moves reported that day (indexes into [`Talks::moves`]).
    pub expected: Vec<usize>,
}

/// The tracked talks.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Talks {
    /// Actor keys of the parties.
    pub parties: Vec<String>,
    /// Actor keys of the mediators.
    pub mediators: Vec<String>,
    /// Every move, in order.
    pub moves: Vec<Move>,
    /// The state at each date with moves.
    pub states: Vec<StateAt>,
}

struct Candidate {
    day: Option<i64>,
    seq: (i64, i64),
    mv: Move,
    effect: Effect,
}

impl Reader {
    /// The chronology and states of the talks between `q.parties` (see the
    /// [module docs](crate::talks) for the rules).
    pub fn talks(&self, q: &TalksQuery) -> Result<Talks> {
        let mut parties = Vec::new();
        for p in &q.parties {
            parties.extend(self.resolve_actor(p)?);
        }
        let mut mediators = Vec::new();
        for m in &q.mediators {
            mediators.extend(self.resolve_actor(m)?);
        }
        let since = q.since.as_deref().map(|s| parse_day(s).ok_or_else(|| crate::StoreError::BadDate(s.into()))).transpose()?;
        let until = q.until.as_deref().map(|s| parse_day(s).ok_or_else(|| crate::StoreError::BadDate(s.into()))).transpose()?;
        let all: Vec<String> = parties.iter().chain(&mediators).cloned().collect();
        let marks = vec!["?"; all.len()].join(", ");
        let mut vals: Vec<Value> = all.iter().cloned().map(Value::Text).collect();
        vals.extend(all.iter().cloned().map(Value::Text));
        // Every mention of a relevant event, first mention of each event first.
        let sql = format!(
            "SELECT e.event_key, e.cameo, e.negated, e.source_name, e.target_name, e.day, m.modality, m.mention_key,
                    d.id, d.doc_key, d.day, d.published, m.sentence_start,
                    substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
             FROM events e JOIN mentions m ON m.event_key = e.event_key JOIN documents d ON d.doc_key = m.doc_key
             WHERE e.source_key IN ({marks}) OR e.target_key IN ({marks})
             ORDER BY m.mention_key"
        );
        let mut st = self.connection().prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(vals))?;
        let mut cands: Vec<Candidate> = Vec::new();
        let mut seen_events = HashSet::new();
        let mut seen_sentences = HashSet::new();
        let mut docs: Vec<i64> = Vec::new();
        while let Some(r) = rows.next()? {
            let (event_key, cameo, negated): (i64, String, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let (source, target, ev_day, modality): (String, Option<String>, Option<i64>, String) =
                (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            let mention_key: i64 = r.get(7)?;
            let (doc_id, doc_key, doc_day, published): (String, i64, Option<i64>, Option<String>) =
                (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?);
            let (sent_start, sentence): (i64, String) = (r.get(12)?, r.get(13)?);
            if !docs.contains(&doc_key) {
                docs.push(doc_key);
            }
            if !negated && seen_events.insert(event_key) {
                if let Some((kind, effect)) = event_rule(&cameo) {
                    let expected = modality == "expected";
                    let (kind, effect) = match (expected, kind) {
                        (true, MoveKind::Meeting) => (MoveKind::Resumption, Effect::Continue),
                        // Only what the text asserts changes the state.
                        _ if modality != "asserted" => (kind, Effect::None),
                        _ => (kind, effect),
                    };
                    cands.push(Candidate {
                        day: ev_day,
                        seq: (mention_key, 0),
                        effect: if expected { Effect::None } else { effect },
                        mv: Move {
                            date: ev_day.map(format_day),
                            kind,
                            expected,
                            expected_date: None,
                            actor: Some(source),
                            target,
                            event_key: Some(event_key),
                            doc_id: doc_id.clone(),
                            quote: None,
                            evidence: sentence.clone(),
                            rule: format!("cameo {cameo}"),
                        },
                    });
                }
            }
            if seen_sentences.insert((doc_key, sent_start)) {
                for c in cue_candidates(&sentence, ev_day.or(doc_day), published.as_deref(), (mention_key, 1)) {
                    cands.push(Candidate { mv: Move { doc_id: doc_id.clone(), event_key: Some(event_key), ..c.mv }, ..c });
                }
            }
        }
        drop(rows);
        drop(st);
        // Quotes of the relevant documents.
        if !docs.is_empty() {
            let marks = vec!["?"; docs.len()].join(", ");
            let sql = format!(
                "SELECT q.quote_key, q.local_id, q.text, q.speaker_name, d.id, d.day, d.published, q.start, d.doc_key
                 FROM quotes q JOIN documents d ON d.doc_key = q.doc_key WHERE q.doc_key IN ({marks}) ORDER BY q.quote_key"
            );
            let mut st = self.connection().prepare(&sql)?;
            let mut rows = st.query(rusqlite::params_from_iter(docs.iter().map(|&k| Value::Integer(k))))?;
            while let Some(r) = rows.next()? {
                let (qk, local, text, speaker): (i64, String, String, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                let (doc_id, day, published): (String, Option<i64>, Option<String>) = (r.get(4)?, r.get(5)?, r.get(6)?);
                for c in cue_candidates(&text, day, published.as_deref(), (i64::MAX, qk)) {
                    let mv = Move { doc_id: doc_id.clone(), quote: Some(local.clone()), actor: speaker.clone(), ..c.mv };
                    cands.push(Candidate { mv, ..c });
                }
            }
        }
        cands.retain(|c| since.is_none_or(|s| c.day.is_some_and(|d| d >= s)) && until.is_none_or(|u| c.day.is_some_and(|d| d <= u)));
        cands.sort_by_key(|c| (c.day, c.seq));
        let (moves, states) = chronology(cands);
        Ok(Talks { parties, mediators, moves, states })
    }
}

/// The moves of a text by the word rules, dated `day`.
fn cue_candidates(text: &str, day: Option<i64>, published: Option<&str>, seq: (i64, i64)) -> Vec<Candidate> {
    let pubd = published.and_then(herald_extract::dates::parse_published);
    cue_rule(text)
        .into_iter()
        .map(|(kind, effect, expected, cue, clause)| {
            let expected_date = if expected {
                let ws = words(&clause);
                let refs: Vec<&str> = ws.iter().map(String::as_str).collect();
                herald_extract::dates::find(&refs, pubd).and_then(|d| d.resolved)
            } else {
                None
            };
            Candidate {
                day,
                seq,
                effect: if expected { Effect::None } else { effect },
                mv: Move {
                    date: day.map(format_day),
                    kind,
                    expected,
                    expected_date,
                    actor: None,
                    target: None,
                    event_key: None,
                    doc_id: String::new(),
                    quote: None,
                    evidence: text.to_string(),
                    rule: format!("cue {cue}"),
                },
            }
        })
        .collect()
}

/// Applies the moves in order (see the [module docs](self)): one state row
/// a day with moves once the talks have a state.
fn chronology(cands: Vec<Candidate>) -> (Vec<Move>, Vec<StateAt>) {
    let mut moves = Vec::with_capacity(cands.len());
    let mut states: Vec<StateAt> = Vec::new();
    let mut state: Option<TalksState> = None;
    for (i, c) in cands.into_iter().enumerate() {
        let next = match (c.effect, state) {
            (Effect::None, s) => s.unwrap_or(TalksState::Ongoing),
            (Effect::Set(s), _) => s,
            (Effect::Continue, Some(TalksState::Suspended | TalksState::Collapsed | TalksState::Resumed)) => TalksState::Resumed,
            (Effect::Continue, _) => TalksState::Ongoing,
        };
        let date = c.day.map(format_day);
        if states.last().is_none_or(|l| l.date != date) {
            states.push(StateAt { date, state: state.unwrap_or(next), supported_by: vec![], expected: vec![] });
        }
        let row = states.last_mut().expect("pushed");
        if c.mv.expected {
            row.expected.push(i);
        }
        if c.effect != Effect::None || state.is_none() {
            if next != row.state {
                row.supported_by.clear();
            }
            row.supported_by.push(i);
        }
        row.state = next;
        state = Some(next);
        moves.push(c.mv);
    }
    // Rows that change nothing and report nothing are noise.
    let mut prev: Option<TalksState> = None;
    states.retain(|s| {
        let keep = prev != Some(s.state) || !s.supported_by.is_empty() || !s.expected.is_empty();
        prev = Some(s.state);
        keep
    });
    (moves, states)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(day: i64, kind: MoveKind, effect: Effect, expected: bool) -> Candidate {
        Candidate {
            day: Some(day),
            seq: (0, 0),
            effect,
            mv: Move {
                date: Some(format_day(day)),
                kind,
                expected,
                expected_date: None,
                actor: None,
                target: None,
                event_key: None,
                doc_id: String::new(),
                quote: None,
                evidence: String::new(),
                rule: String::new(),
            },
        }
    }

    fn states(cands: Vec<Candidate>) -> Vec<(i64, TalksState, usize, usize)> {
        chronology(cands)
            .1
            .into_iter()
            .map(|s| (parse_day(s.date.as_deref().unwrap()).unwrap(), s.state, s.supported_by.len(), s.expected.len()))
            .collect()
    }

    #[test]
    fn rule_rows() {
        assert_eq!(event_rule("164"), Some((MoveKind::Withdrawal, Effect::Set(TalksState::Collapsed))));
        assert_eq!(event_rule("046"), Some((MoveKind::Meeting, Effect::Continue)));
        assert_eq!(event_rule("0311"), Some((MoveKind::Commitment, Effect::None)));
        assert_eq!(event_rule("037"), Some((MoveKind::Proposal, Effect::None)));
        assert_eq!(event_rule("190"), None);
        let kinds = |t: &str| cue_rule(t).into_iter().map(|(k, _, e, _, _)| (k, e)).collect::<Vec<_>>();
        assert_eq!(kinds("Discussions are anticipated to recommence next week."), [(MoveKind::Resumption, true)]);
        assert_eq!(kinds("following the collapse of discussions earlier this week"), [(MoveKind::Collapse, false)]);
        assert_eq!(
            kinds("Although the collapse of negotiations represents an impediment, discussions are anticipated to recommence next week"),
            [(MoveKind::Collapse, false), (MoveKind::Resumption, true)]
        );
        assert!(kinds("The bridge collapsed.").is_empty(), "no talks named");
        assert!(kinds("The talks went on.").is_empty(), "no cue");
    }

    #[test]
    fn meet_walk_out_resume_agree() {
        use MoveKind::*;
        let s = states(vec![
            cand(10, Meeting, Effect::Continue, false),
            cand(11, Accusation, Effect::None, false),
            cand(12, Walkout, Effect::Set(TalksState::Suspended), false),
            cand(12, Resumption, Effect::None, true),
            cand(15, Meeting, Effect::Continue, false),
            cand(20, Agreement, Effect::Set(TalksState::Agreed), false),
        ]);
        assert_eq!(
            s,
            vec![
                (10, TalksState::Ongoing, 1, 0),
                (12, TalksState::Suspended, 1, 1),
                (15, TalksState::Resumed, 1, 0),
                (20, TalksState::Agreed, 1, 0),
            ]
        );
    }

    #[test]
    fn collapse_then_expected_resumption_keeps_collapsed() {
        use MoveKind::*;
        let s = states(vec![
            cand(5, Commitment, Effect::None, false),
            cand(8, Withdrawal, Effect::Set(TalksState::Collapsed), false),
            cand(8, Withdrawal, Effect::Set(TalksState::Collapsed), false),
            cand(8, Resumption, Effect::None, true),
        ]);
        assert_eq!(s, vec![(5, TalksState::Ongoing, 1, 0), (8, TalksState::Collapsed, 2, 1)]);
    }

    #[test]
    fn a_state_change_drops_the_support_of_the_old_state() {
        use MoveKind::*;
        let s = states(vec![
            cand(1, Meeting, Effect::Continue, false),
            cand(2, Meeting, Effect::Continue, false),
            cand(2, Collapse, Effect::Set(TalksState::Collapsed), false),
        ]);
        assert_eq!(s, vec![(1, TalksState::Ongoing, 1, 0), (2, TalksState::Collapsed, 1, 0)]);
    }
}
