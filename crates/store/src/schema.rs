//! The database schema, as an ordered list of migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Opening a
//! store for writing applies the missing ones in one transaction each;
//! opening it read-only refuses a database newer than this build knows
//! ([`crate::StoreError::TooNew`]) and one that was never initialised.
//!
//! Tables (version 1):
//!
//! | table | one row a | key |
//! |---|---|---|
//! | `documents` | stored document: metadata, text, the full extraction as JSON | `doc_key`; `id` and `text_hash` UNIQUE |
//! | `actors` | actor of a document (`A1`...) | (`doc_key`, `local_id`) |
//! | `quotes` | quote of a document (`Q1`...) | (`doc_key`, `local_id`) |
//! | `mentions` | event as coded in one document (GDELT's Mentions table) | (`doc_key`, `local_id`); `event_key` points at `events` |
//! | `events` | aggregated event across documents (GDELT's Events table) | `event_key`; `group_key` + `day` indexed |
//! | `actor_keys` | each name an actor key (code, or `name:` + lower-case name) was seen with, anywhere | (`key`, `name`) |
//! | `doc_fts`, `quote_fts` | FTS5 indexes over document title + text and quote text | rowid = `doc_key` / quote rowid |
//! | `meta` | settings the store was built with (the aggregation rule) | `key` |
//!
//! Dates are kept twice: as ISO text (`date`, `YYYY-MM-DD`) and as a day
//! number (`day`, days since 1970-01-01) that the filters and windows use.

use rusqlite::Connection;

/// Migrations in order; `user_version` = how many are applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    doc_key    INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    text_hash  BLOB NOT NULL UNIQUE,
    title      TEXT,
    url        TEXT,
    outlet     TEXT,
    published  TEXT,
    date       TEXT,
    day        INTEGER,
    text       TEXT NOT NULL,
    extraction TEXT NOT NULL,
    n_actors   INTEGER NOT NULL,
    n_quotes   INTEGER NOT NULL,
    n_events   INTEGER NOT NULL
);
CREATE INDEX documents_day ON documents(day);
CREATE INDEX documents_outlet ON documents(outlet);

CREATE TABLE actor_keys (
    key  TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    PRIMARY KEY (key, name)
) WITHOUT ROWID;

CREATE TABLE actors (
    doc_key  INTEGER NOT NULL REFERENCES documents(doc_key),
    local_id TEXT NOT NULL,
    key      TEXT NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    code     TEXT,
    codes    TEXT NOT NULL,
    role     TEXT,
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (doc_key, local_id)
) WITHOUT ROWID;
CREATE INDEX actors_key ON actors(key);

CREATE TABLE quotes (
    quote_key    INTEGER PRIMARY KEY,
    doc_key      INTEGER NOT NULL REFERENCES documents(doc_key),
    local_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    cue          TEXT,
    speaker_key  TEXT,
    speaker_name TEXT,
    speaker_code TEXT,
    speaker_text TEXT,
    rule         TEXT NOT NULL,
    day          INTEGER,
    UNIQUE (doc_key, local_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_key, day);
CREATE INDEX quotes_day ON quotes(day);

CREATE TABLE events (
    event_key   INTEGER PRIMARY KEY,
    group_key   TEXT NOT NULL,
    source_key  TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_code TEXT,
    target_key  TEXT,
    target_name TEXT,
    target_code TEXT,
    cameo       TEXT NOT NULL,
    cameo_root  TEXT NOT NULL,
    quad_class  INTEGER,
    goldstein   REAL,
    plover_type TEXT,
    plover_mode TEXT,
    negated     INTEGER NOT NULL,
    date        TEXT,
    day         INTEGER,
    first_seen  TEXT,
    last_seen   TEXT,
    first_day   INTEGER,
    last_day    INTEGER,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources  INTEGER NOT NULL,
    confidence  REAL NOT NULL
);
CREATE INDEX events_group ON events(group_key, day);
CREATE INDEX events_source ON events(source_key, day);
CREATE INDEX events_target ON events(target_key, day);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_root ON events(cameo_root, day);
CREATE INDEX events_plover ON events(plover_type, day);

CREATE TABLE mentions (
    mention_key INTEGER PRIMARY KEY,
    event_key   INTEGER NOT NULL REFERENCES events(event_key),
    doc_key     INTEGER NOT NULL REFERENCES documents(doc_key),
    local_id    TEXT NOT NULL,
    source_text TEXT NOT NULL,
    target_text TEXT,
    modality    TEXT NOT NULL,
    claimed_by  TEXT,
    date_text   TEXT,
    day         INTEGER,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    trigger     TEXT,
    rule        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    UNIQUE (doc_key, local_id)
);
CREATE INDEX mentions_event ON mentions(event_key);

CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61');
CREATE VIRTUAL TABLE quote_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61');
"#,
];

/// The schema version this build writes and reads.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of an open database.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies the missing migrations, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), crate::StoreError> {
    let have = version(conn)?;
    if have > VERSION {
        return Err(crate::StoreError::TooNew { found: have, known: VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(have as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
