//! herald's store: extractions kept in an embedded SQLite database (bundled,
//! no server), events aggregated across articles in the manner of GDELT's
//! Events and Mentions tables, filtered queries, and the talks tracker.
//!
//! Two handles:
//!
//! * [`Store`] writes. One writer at a time; every [`Store::insert_batch`] is
//!   one transaction, so a run killed at any moment leaves the database as it
//!   was after the last committed batch, and a new run skips what is stored
//!   ([`Reader::has_document`]) and goes on. A document is stored once: its id
//!   and the hash of its normalised text ([`text_hash`]) are UNIQUE.
//! * [`Reader`] reads (opened read-only; any number of them, also while a
//!   writer commits, thanks to WAL): counts and pages of documents, events,
//!   quotes and actors under a [`Filter`], one document with its full
//!   extraction, an event's mentions, dyad timelines ([`Reader::dyad`]) and
//!   the talks chronology ([`Reader::talks`]).
//!
//! No SQL is ever built from user strings: filters become bound parameters,
//! and free text for full-text search is quoted term by term ([`fts_query`]).
//!
//! The aggregation rule (which mentions are one event) is [`AggregationRule`],
//! stored in the database when it is created. The schema is in [`schema`].
#![deny(missing_docs)]

pub mod date;
mod read;
pub mod schema;
pub mod talks;
mod write;

pub use read::{
    ActorRow, Bucket, DocSummary, DyadRow, EventRow, Filter, MentionRow, Page, QuoteRow, Reader, Stats, StoredDocument,
};
pub use write::{BatchReport, Store};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored extraction could not be (de)serialised.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The database was written by a newer herald.
    #[error("the database has schema version {found}; this herald knows up to {known}")]
    TooNew {
        /// Version found.
        found: i64,
        /// Newest version known.
        known: i64,
    },
    /// Opened read-only but never initialised by `herald ingest`.
    #[error("not a herald store (no schema); create it with `herald ingest`")]
    NotAStore,
    /// The database was built with another aggregation rule.
    #[error("the store was built with aggregation rule {stored}; this run asks for {asked} (use the stored rule or a new database)")]
    RuleMismatch {
        /// The stored rule, as JSON.
        stored: String,
        /// The rule asked for, as JSON.
        asked: String,
    },
    /// A filter names an actor no stored event, quote or actor has.
    #[error("unknown actor '{0}': no stored actor has this code or name")]
    UnknownActor(String),
    /// A date filter is not `YYYY-MM-DD`.
    #[error("bad date '{0}': expected YYYY-MM-DD")]
    BadDate(String),
    /// A type filter is not a CAMEO code, a PLOVER type, or a known kind.
    #[error("unknown type '{value}': expected {expected}")]
    BadType {
        /// The value given.
        value: String,
        /// What would be accepted.
        expected: &'static str,
    },
}

/// Result with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The 16 PLOVER event types.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/// Which part of an event's coding must agree for two mentions to be the same event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeLevel {
    /// The full CAMEO code (`0311`).
    Cameo,
    /// The CAMEO root (`03`).
    Root,
    /// The PLOVER type (`AGREE`), CAMEO root when there is none.
    Plover,
}

/// The rule that merges event mentions from different articles into one
/// event (GDELT keeps one row per event in Events and one per article in
/// Mentions; this is how herald decides they are the same event).
///
/// A mention joins an existing event when all of these hold:
///
/// 1. the same source actor key: its CAMEO code, or `name:` + the lower-cased
///    name when the actor has no code;
/// 2. the same target actor key (or both without target);
/// 3. the same type at [`TypeLevel`] (`type_level`), and the same polarity
///    (a negated event is not the event);
/// 4. event dates at most `window_days` apart. The event date is the date
///    the text gives the event (resolved against publication), else the
///    document's publication date; an event keeps the date of its first
///    mention, so windows do not drift. Undated mentions join only undated
///    events.
///
/// Among several candidates the nearest in date wins, then the oldest.
/// Each mention has a confidence: its modality's weight (asserted 1.0,
/// claimed 0.8, expected 0.6, demanded 0.5, hypothetical 0.4), times 0.7
/// when the source has no actor code. An event's confidence is the
/// noisy-or over its articles (the best mention of each article):
/// `1 - Π(1 - c)`. Its number of sources is the number of distinct outlets
/// (documents without outlet count as their own source each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregationRule {
    /// Largest gap in days between a mention's date and the event's date.
    pub window_days: u32,
    /// What "the same type" means.
    pub type_level: TypeLevel,
}

impl Default for AggregationRule {
    fn default() -> Self {
        Self { window_days: 2, type_level: TypeLevel::Cameo }
    }
}

/// The hash that identifies a text whatever its typography and spacing:
/// SHA-256 of herald's normalised text with whitespace runs collapsed to one
/// space and the ends trimmed.
pub fn text_hash(text: &str) -> [u8; 32] {
    let norm = herald_text::normalize(text);
    let mut h = Sha256::new();
    let mut first = true;
    for w in norm.text.split_whitespace() {
        if !first {
            h.update(b" ");
        }
        h.update(w.as_bytes());
        first = false;
    }
    h.finalize().into()
}

/// An actor's key: its code, or `name:` + its lower-cased name when it has none.
pub fn actor_key(code: &str, name: &str) -> String {
    if code.trim().is_empty() {
        format!("name:{}", name.trim().to_lowercase())
    } else {
        code.trim().to_string()
    }
}

/// Free text turned into an FTS5 query that matches documents holding every
/// word (each word is a quoted string, so no user text is ever FTS syntax).
/// `None` when the text has no word.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hash_ignores_spacing_and_typography() {
        assert_eq!(text_hash("Hamas  said \u{201c}no\u{201d}.\n"), text_hash("Hamas said \"no\"."));
        assert_ne!(text_hash("Hamas said no."), text_hash("Hamas said yes."));
    }

    #[test]
    fn keys() {
        assert_eq!(actor_key("USAGOV", "Trump"), "USAGOV");
        assert_eq!(actor_key("", " Al Qahera News "), "name:al qahera news");
    }

    proptest! {
        #[test]
        fn fts_query_is_only_quoted_words(s in "\\PC{0,40}") {
            if let Some(q) = fts_query(&s) {
                for t in q.split(' ') {
                    prop_assert!(t.starts_with('"') && t.ends_with('"') && t.len() >= 3);
                    prop_assert!(t[1..t.len() - 1].chars().all(char::is_alphanumeric));
                }
            }
        }
    }
}
