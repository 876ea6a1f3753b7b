//! The read side: a read-only handle with filtered, paged queries.

use crate::date::{format_day, parse_day, week_start};
use crate::{fts_query, schema, Result, StoreError, PLOVER_TYPES};
use herald_extract::Extraction;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The store, open read-only. Any number may be open beside one writer.
pub struct Reader {
    conn: Connection,
}

/// Filters shared by every listing. Each applies where it makes sense and is
/// ignored elsewhere (noted per field). All `None` = everything.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Filter {
    /// An actor's code or name (case-insensitive). A code also matches the
    /// codes it is a prefix of (`USA` matches `USAGOV`), so `HAMAS` or
    /// `Hamas` find the actor named Hamas and `PSE` every Palestinian code.
    /// Events: the source; quotes: the speaker; actors: the actor;
    /// documents: any actor of the document. Unknown: [`StoreError::UnknownActor`].
    pub actor: Option<String>,
    /// Events only: the target, matched like `actor`.
    pub target: Option<String>,
    /// Events: a CAMEO code or prefix (`04`, `0311`) or a PLOVER type
    /// (`ACCUSE`); quotes: `direct`, `mixed` or `indirect`; actors: `person`,
    /// `organisation`, `state`, `place`, `group`, `media`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// First date (inclusive), `YYYY-MM-DD`: the event's date; for quotes,
    /// actors and documents the publication date.
    pub since: Option<String>,
    /// Last date (inclusive), `YYYY-MM-DD`.
    pub until: Option<String>,
    /// The outlet (document `source`), exact, case-insensitive. Events: any
    /// of its mentions comes from that outlet.
    pub outlet: Option<String>,
    /// Words that must all occur: in the document (documents, events via
    /// their mentions' documents, actors), in the quote (quotes).
    pub text: Option<String>,
    /// Only this document id.
    pub document: Option<String>,
}

/// A page of results.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Page {
    /// Rows at most.
    pub limit: u64,
    /// Rows skipped.
    pub offset: u64,
}

impl Default for Page {
    fn default() -> Self {
        Page { limit: 100, offset: 0 }
    }
}

impl Page {
    /// Every row.
    pub fn all() -> Self {
        Page { limit: i64::MAX as u64, offset: 0 }
    }
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stats {
    /// Documents.
    pub documents: u64,
    /// Aggregated events.
    pub events: u64,
    /// Event mentions (one a document and coded event).
    pub mentions: u64,
    /// Quotes.
    pub quotes: u64,
    /// Distinct actors (by key).
    pub actors: u64,
    /// Earliest publication date.
    pub first_date: Option<String>,
    /// Latest publication date.
    pub last_date: Option<String>,
}

/// A stored document without its text and extraction.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocSummary {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when it could be read.
    pub date: Option<String>,
    /// Number of actors.
    pub n_actors: u64,
    /// Number of quotes.
    pub n_quotes: u64,
    /// Number of event mentions.
    pub n_events: u64,
}

/// One document with everything herald extracted from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredDocument {
    /// Metadata.
    pub summary: DocSummary,
    /// The extraction as `herald extract` printed it (text included).
    pub extraction: Extraction,
    /// For each event of the extraction (`local id`), the aggregated event it belongs to.
    pub event_keys: Vec<(String, i64)>,
}

/// One aggregated event (GDELT's Events table).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRow {
    /// Stable id of the aggregated event.
    pub event_key: i64,
    /// Event date `YYYY-MM-DD` (of its first mention).
    pub date: Option<String>,
    /// Source actor name.
    pub source_name: String,
    /// Source actor code.
    pub source_code: Option<String>,
    /// Target actor name.
    pub target_name: Option<String>,
    /// Target actor code.
    pub target_code: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// CAMEO root.
    pub cameo_root: String,
    /// Quad class 1-4.
    pub quad_class: Option<u8>,
    /// Goldstein weight.
    pub goldstein: Option<f64>,
    /// PLOVER type.
    pub plover_type: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// Negated.
    pub negated: bool,
    /// Publication date of the first article.
    pub first_seen: Option<String>,
    /// Publication date of the last article.
    pub last_seen: Option<String>,
    /// Mentions.
    pub num_mentions: u64,
    /// Distinct articles.
    pub num_articles: u64,
    /// Distinct outlets.
    pub num_sources: u64,
    /// Confidence in [0, 1] (see [`crate::AggregationRule`]).
    pub confidence: f64,
}

/// One mention of an event in one document (GDELT's Mentions table).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MentionRow {
    /// The aggregated event.
    pub event_key: i64,
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The event's id in the document's extraction (`E3`).
    pub local_id: String,
    /// Source mention text.
    pub source_text: String,
    /// Target mention text.
    pub target_text: Option<String>,
    /// `asserted`, `claimed`, `expected`, `hypothetical`, `demanded`.
    pub modality: String,
    /// Who reports it, when not the source.
    pub claimed_by: Option<String>,
    /// The date expression.
    pub date_text: Option<String>,
    /// The mention's date.
    pub date: Option<String>,
    /// Sentence `[start, end)` in characters of the document text.
    pub sentence_span: [u64; 2],
    /// The sentence.
    pub sentence: String,
    /// Trigger word(s).
    pub trigger: Option<String>,
    /// The rule that coded it.
    pub rule: String,
    /// Mention confidence.
    pub confidence: f64,
}

/// One quote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteRow {
    /// Document id.
    pub doc_id: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Quote id in the document (`Q2`).
    pub local_id: String,
    /// `direct`, `mixed`, `indirect`.
    pub kind: String,
    /// `[start, end)` in characters.
    pub span: [u64; 2],
    /// The quoted text.
    pub text: String,
    /// The cue.
    pub cue: Option<String>,
    /// Speaker's canonical name.
    pub speaker_name: Option<String>,
    /// Speaker's code.
    pub speaker_code: Option<String>,
    /// Speaker mention.
    pub speaker_text: Option<String>,
    /// Attribution rule.
    pub rule: String,
}

/// An actor across the store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActorRow {
    /// Key: code, or `name:` + lower-cased name.
    pub key: String,
    /// A name it goes by (the first in alphabetical order).
    pub name: String,
    /// Code.
    pub code: Option<String>,
    /// Documents it appears in.
    pub documents: u64,
    /// Mentions over those documents.
    pub mentions: u64,
}

/// Time buckets of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// One row a day.
    Day,
    /// One row a week (starting Monday).
    #[default]
    Week,
    /// One row a month.
    Month,
}

/// One period of a dyad timeline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DyadRow {
    /// First day of the period, `YYYY-MM-DD` (`null`: undated events).
    pub period: Option<String>,
    /// Events in the period (both directions).
    pub events: u64,
    /// Events by quad class: verbal cooperation, material cooperation,
    /// verbal conflict, material conflict (index 0-3).
    pub quad: [u64; 4],
    /// Sum of Goldstein weights.
    pub goldstein: f64,
    /// Events from the first actor to the second.
    pub a_to_b: u64,
    /// Events from the second actor to the first.
    pub b_to_a: u64,
}

pub(crate) fn has_document(conn: &Connection, id: &str, hash: &[u8; 32]) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM documents WHERE id = ?1) OR EXISTS(SELECT 1 FROM documents WHERE text_hash = ?2)")?
        .query_row(params![id, &hash[..]], |r| r.get(0))?)
}

/// A WHERE clause under construction: fixed SQL fragments and bound values.
#[derive(Default)]
struct Where {
    parts: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    fn push(&mut self, sql: &str, vals: impl IntoIterator<Item = Value>) {
        self.parts.push(sql.to_string());
        self.values.extend(vals);
    }
    /// `column IN (?, ?, ...)` for these values.
    fn push_in(&mut self, column: &str, vals: &[String]) {
        let marks = vec!["?"; vals.len()].join(", ");
        self.parts.push(format!("{column} IN ({marks})"));
        self.values.extend(vals.iter().cloned().map(Value::Text));
    }
    fn sql(&self) -> String {
        if self.parts.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.parts.join(" AND "))
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn day_bound(s: &Option<String>) -> Result<Option<i64>> {
    match s {
        None => Ok(None),
        Some(s) => parse_day(s).filter(|_| s.trim().len() == 10).map(Some).ok_or_else(|| StoreError::BadDate(s.clone())),
    }
}

fn page_sql(p: Page) -> String {
    format!(" LIMIT {} OFFSET {}", p.limit.min(i64::MAX as u64), p.offset.min(i64::MAX as u64))
}

fn u(v: i64) -> u64 {
    v.max(0) as u64
}

impl Reader {
    /// Opens the store at `path` read-only. Fails when it is not a herald
    /// store or was written by a newer herald.
    pub fn open(path: &Path) -> Result<Reader> {
        if !path.exists() {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!("{}: no such file", path.display())),
            )));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        crate::write::configure(&conn)?;
        let v = schema::version(&conn)?;
        if v == 0 {
            return Err(StoreError::NotAStore);
        }
        if v > schema::VERSION {
            return Err(StoreError::TooNew { found: v, known: schema::VERSION });
        }
        Ok(Reader { conn })
    }

    /// The underlying connection, for callers that need a query this API
    /// lacks (it is read-only).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Every row of every table as text, in key order: two stores with the
    /// same dump hold the same data. FTS5 index segments are left out (their
    /// layout depends on how the writes were batched); the FTS row sizes,
    /// which show each indexed row once, are in.
    pub fn dump(&self) -> Result<String> {
        let mut out = String::new();
        let mut st = self.conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE '%_fts' AND name NOT LIKE '%_fts_data' AND name NOT LIKE '%_fts_idx'
             AND name NOT LIKE '%_fts_config' ORDER BY name",
        )?;
        let tables: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for t in tables {
            out.push_str(&format!("## {t}\n"));
            // Table names come from the schema, not from users.
            let mut q = self.conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))?;
            let n = q.column_count();
            let mut rows = q.query([])?;
            while let Some(r) = rows.next()? {
                for i in 0..n {
                    let v: Value = r.get(i)?;
                    let cell = match v {
                        Value::Null => "NULL".to_string(),
                        Value::Integer(x) => x.to_string(),
                        Value::Real(x) => format!("{x:?}"),
                        Value::Text(x) => format!("{x:?}"),
                        Value::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
                    };
                    out.push_str(&cell);
                    out.push(if i + 1 == n { '\n' } else { '\t' });
                }
            }
        }
        Ok(out)
    }

    /// The aggregation rule the store was built with.
    pub fn rule(&self) -> Result<crate::AggregationRule> {
        let s: String = self.conn.query_row("SELECT value FROM meta WHERE key = 'aggregation'", [], |r| r.get(0))?;
        Ok(serde_json::from_str(&s)?)
    }

    /// True when a document with this id or this text is stored.
    pub fn has_document(&self, id: &str, text: &str) -> Result<bool> {
        has_document(&self.conn, id, &crate::text_hash(text))
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let c = &self.conn;
        let n = |sql: &str| -> Result<u64> { Ok(u(c.query_row(sql, [], |r| r.get(0))?)) };
        let (first_date, last_date) =
            c.query_row("SELECT min(date), max(date) FROM documents", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(Stats {
            documents: n("SELECT count(*) FROM documents")?,
            events: n("SELECT count(*) FROM events")?,
            mentions: n("SELECT count(*) FROM mentions")?,
            quotes: n("SELECT count(*) FROM quotes")?,
            actors: n("SELECT count(DISTINCT key) FROM actor_keys")?,
            first_date,
            last_date,
        })
    }

    /// The actor keys a user's actor string stands for (see [`Filter::actor`]).
    pub fn resolve_actor(&self, q: &str) -> Result<Vec<String>> {
        let q = q.trim();
        let up = q.to_uppercase();
        let low = q.to_lowercase();
        let mut st = self.conn.prepare_cached("SELECT key, code, name FROM actor_keys ORDER BY key")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, String>(2)?)))?;
        let mut keys: Vec<String> = Vec::new();
        for row in rows {
            let (key, code, name) = row?;
            let code_hit = code.as_deref().is_some_and(|c| c == up || (up.len() >= 3 && c.starts_with(&up)));
            if (key == q || code_hit || name.to_lowercase() == low) && keys.last() != Some(&key) {
                keys.push(key);
            }
        }
        if keys.is_empty() || q.is_empty() {
            return Err(StoreError::UnknownActor(q.to_string()));
        }
        Ok(keys)
    }

    fn dates(&self, w: &mut Where, f: &Filter, column: &str) -> Result<()> {
        if let Some(d) = day_bound(&f.since)? {
            w.push(&format!("{column} >= ?"), [Value::Integer(d)]);
        }
        if let Some(d) = day_bound(&f.until)? {
            w.push(&format!("{column} <= ?"), [Value::Integer(d)]);
        }
        Ok(())
    }

    fn event_where(&self, f: &Filter) -> Result<Where> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            w.push_in("e.source_key", &self.resolve_actor(a)?);
        }
        if let Some(a) = &f.target {
            w.push_in("e.target_key", &self.resolve_actor(a)?);
        }
        if let Some(k) = &f.kind {
            event_kind(&mut w, k)?;
        }
        self.dates(&mut w, f, "e.day")?;
        if let Some(o) = &f.outlet {
            w.push(
                "e.event_key IN (SELECT m.event_key FROM documents d JOIN mentions m ON m.doc_key = d.doc_key
                                 WHERE d.outlet = ? COLLATE NOCASE)",
                [text(o)],
            );
        }
        if let Some(t) = &f.text {
            w.push(
                "e.event_key IN (SELECT m.event_key FROM mentions m
                                 WHERE m.doc_key IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?))",
                [fts_value(t)],
            );
        }
        if let Some(d) = &f.document {
            w.push(
                "e.event_key IN (SELECT m.event_key FROM documents d JOIN mentions m ON m.doc_key = d.doc_key
                                 WHERE d.id = ?)",
                [text(d)],
            );
        }
        Ok(w)
    }

    /// Number of aggregated events under the filter.
    pub fn count_events(&self, f: &Filter) -> Result<u64> {
        let w = self.event_where(f)?;
        let sql = format!("SELECT count(*) FROM events e{}", w.sql());
        Ok(u(self.conn.query_row(&sql, rusqlite::params_from_iter(w.values), |r| r.get(0))?))
    }

    /// Aggregated events under the filter, by date then key.
    pub fn events(&self, f: &Filter, page: Page) -> Result<Vec<EventRow>> {
        let w = self.event_where(f)?;
        let sql = format!("SELECT {EVENT_COLS} FROM events e{} ORDER BY e.day, e.event_key{}", w.sql(), page_sql(page));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(w.values), event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One aggregated event.
    pub fn event(&self, event_key: i64) -> Result<Option<EventRow>> {
        let sql = format!("SELECT {EVENT_COLS} FROM events e WHERE e.event_key = ?1");
        Ok(self.conn.query_row(&sql, [event_key], event_row).optional()?)
    }

    /// The mentions of an event, in the order they were stored.
    pub fn mentions(&self, event_key: i64) -> Result<Vec<MentionRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT m.event_key, d.id, d.outlet, d.date, m.local_id, m.source_text, m.target_text, m.modality,
                    m.claimed_by, m.date_text, m.day, m.sentence_start, m.sentence_end,
                    substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start),
                    m.trigger, m.rule, m.confidence
             FROM mentions m JOIN documents d ON d.doc_key = m.doc_key
             WHERE m.event_key = ?1 ORDER BY m.mention_key",
        )?;
        let rows = st.query_map([event_key], |r| {
            Ok(MentionRow {
                event_key: r.get(0)?,
                doc_id: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
                local_id: r.get(4)?,
                source_text: r.get(5)?,
                target_text: r.get(6)?,
                modality: r.get(7)?,
                claimed_by: r.get(8)?,
                date_text: r.get(9)?,
                date: r.get::<_, Option<i64>>(10)?.map(format_day),
                sentence_span: [u(r.get(11)?), u(r.get(12)?)],
                sentence: r.get(13)?,
                trigger: r.get(14)?,
                rule: r.get(15)?,
                confidence: r.get(16)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn quote_where(&self, f: &Filter) -> Result<Where> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            w.push_in("q.speaker_key", &self.resolve_actor(a)?);
        }
        if let Some(k) = &f.kind {
            let k = k.to_lowercase();
            if !["direct", "mixed", "indirect"].contains(&k.as_str()) {
                return Err(StoreError::BadType { value: k, expected: "direct, mixed or indirect" });
            }
            w.push("q.kind = ?", [Value::Text(k)]);
        }
        self.dates(&mut w, f, "q.day")?;
        if let Some(o) = &f.outlet {
            w.push("d.outlet = ? COLLATE NOCASE", [text(o)]);
        }
        if let Some(t) = &f.text {
            w.push("q.quote_key IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?)", [fts_value(t)]);
        }
        if let Some(d) = &f.document {
            w.push("d.id = ?", [text(d)]);
        }
        Ok(w)
    }

    /// Number of quotes under the filter.
    pub fn count_quotes(&self, f: &Filter) -> Result<u64> {
        let w = self.quote_where(f)?;
        let sql = format!("SELECT count(*) FROM quotes q JOIN documents d ON d.doc_key = q.doc_key{}", w.sql());
        Ok(u(self.conn.query_row(&sql, rusqlite::params_from_iter(w.values), |r| r.get(0))?))
    }

    /// Quotes under the filter, by date, document and position.
    pub fn quotes(&self, f: &Filter, page: Page) -> Result<Vec<QuoteRow>> {
        let w = self.quote_where(f)?;
        let sql = format!(
            "SELECT d.id, d.outlet, d.date, q.local_id, q.kind, q.start, q.end, q.text, q.cue, q.speaker_name,
                    q.speaker_code, q.speaker_text, q.rule
             FROM quotes q JOIN documents d ON d.doc_key = q.doc_key{} ORDER BY q.day, q.quote_key{}",
            w.sql(),
            page_sql(page)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(w.values), |r| {
            Ok(QuoteRow {
                doc_id: r.get(0)?,
                outlet: r.get(1)?,
                date: r.get(2)?,
                local_id: r.get(3)?,
                kind: r.get(4)?,
                span: [u(r.get(5)?), u(r.get(6)?)],
                text: r.get(7)?,
                cue: r.get(8)?,
                speaker_name: r.get(9)?,
                speaker_code: r.get(10)?,
                speaker_text: r.get(11)?,
                rule: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn doc_where(&self, w: &mut Where, f: &Filter) -> Result<()> {
        self.dates(w, f, "d.day")?;
        if let Some(o) = &f.outlet {
            w.push("d.outlet = ? COLLATE NOCASE", [text(o)]);
        }
        if let Some(t) = &f.text {
            w.push("d.doc_key IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)", [fts_value(t)]);
        }
        if let Some(d) = &f.document {
            w.push("d.id = ?", [text(d)]);
        }
        Ok(())
    }

    fn actor_where(&self, f: &Filter) -> Result<Where> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            w.push_in("a.key", &self.resolve_actor(a)?);
        }
        if let Some(k) = &f.kind {
            let k = k.to_lowercase();
            const TYPES: &[&str] = &["person", "organisation", "state", "place", "group", "media"];
            if !TYPES.contains(&k.as_str()) {
                return Err(StoreError::BadType { value: k, expected: "person, organisation, state, place, group or media" });
            }
            w.push("a.type = ?", [Value::Text(k)]);
        }
        self.doc_where(&mut w, f)?;
        Ok(w)
    }

    /// Number of distinct actors under the filter.
    pub fn count_actors(&self, f: &Filter) -> Result<u64> {
        let w = self.actor_where(f)?;
        let sql = format!(
            "SELECT count(DISTINCT a.key) FROM actors a JOIN documents d ON d.doc_key = a.doc_key{}",
            w.sql()
        );
        Ok(u(self.conn.query_row(&sql, rusqlite::params_from_iter(w.values), |r| r.get(0))?))
    }

    /// Actors under the filter, most documents first.
    pub fn actors(&self, f: &Filter, page: Page) -> Result<Vec<ActorRow>> {
        let w = self.actor_where(f)?;
        let sql = format!(
            "SELECT a.key, min(a.name), min(a.code), count(DISTINCT a.doc_key) AS n, sum(a.n_mentions)
             FROM actors a JOIN documents d ON d.doc_key = a.doc_key{}
             GROUP BY a.key ORDER BY n DESC, a.key{}",
            w.sql(),
            page_sql(page)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(w.values), |r| {
            Ok(ActorRow { key: r.get(0)?, name: r.get(1)?, code: r.get(2)?, documents: u(r.get(3)?), mentions: u(r.get(4)?) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn document_where(&self, f: &Filter) -> Result<Where> {
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            let keys = self.resolve_actor(a)?;
            let marks = vec!["?"; keys.len()].join(", ");
            w.push(
                &format!("EXISTS (SELECT 1 FROM actors a WHERE a.doc_key = d.doc_key AND a.key IN ({marks}))"),
                keys.into_iter().map(Value::Text),
            );
        }
        self.doc_where(&mut w, f)?;
        Ok(w)
    }

    /// Number of documents under the filter.
    pub fn count_documents(&self, f: &Filter) -> Result<u64> {
        let w = self.document_where(f)?;
        let sql = format!("SELECT count(*) FROM documents d{}", w.sql());
        Ok(u(self.conn.query_row(&sql, rusqlite::params_from_iter(w.values), |r| r.get(0))?))
    }

    /// Documents under the filter, by date then ingest order.
    pub fn documents(&self, f: &Filter, page: Page) -> Result<Vec<DocSummary>> {
        let w = self.document_where(f)?;
        let sql = format!("SELECT {DOC_COLS} FROM documents d{} ORDER BY d.day, d.doc_key{}", w.sql(), page_sql(page));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(w.values), doc_summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One document with its full extraction, `None` when no such id.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let sql = format!("SELECT {DOC_COLS}, d.extraction, d.doc_key FROM documents d WHERE d.id = ?1");
        let row = self
            .conn
            .query_row(&sql, [id], |r| Ok((doc_summary(r)?, r.get::<_, String>(9)?, r.get::<_, i64>(10)?)))
            .optional()?;
        let Some((summary, json, key)) = row else { return Ok(None) };
        let extraction: Extraction = serde_json::from_str(&json)?;
        let mut st = self.conn.prepare_cached("SELECT local_id, event_key FROM mentions WHERE doc_key = ?1 ORDER BY mention_key")?;
        let event_keys = st.query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Some(StoredDocument { summary, extraction, event_keys }))
    }

    /// Calls `f` with every stored document's publication date
    /// (`YYYY-MM-DD`, `None` when unknown) and extraction, by date then
    /// ingest order, one at a time (for exports that outgrow memory).
    pub fn for_each_extraction<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(Option<&str>, Extraction) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut st = self.conn.prepare("SELECT date, extraction FROM documents ORDER BY day, doc_key").map_err(StoreError::from)?;
        let mut rows = st.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let date: Option<String> = r.get(0).map_err(StoreError::from)?;
            let json: String = r.get(1).map_err(StoreError::from)?;
            let x: Extraction = serde_json::from_str(&json).map_err(StoreError::from)?;
            f(date.as_deref(), x)?;
        }
        Ok(())
    }

    /// The timeline of the events between two actors (either direction),
    /// by period: counts by quad class and the Goldstein sum. `f` may add
    /// type, date, outlet and text filters (its `actor`/`target` are ignored).
    pub fn dyad(&self, a: &str, b: &str, bucket: Bucket, f: &Filter) -> Result<Vec<DyadRow>> {
        let ka = self.resolve_actor(a)?;
        let kb = self.resolve_actor(b)?;
        let g = Filter { actor: None, target: None, ..f.clone() };
        let mut w = self.event_where(&g)?;
        let (ma, mb) = (vec!["?"; ka.len()].join(", "), vec!["?"; kb.len()].join(", "));
        let mut vals: Vec<Value> = Vec::new();
        for set in [&ka, &kb, &kb, &ka] {
            vals.extend(set.iter().cloned().map(Value::Text));
        }
        w.push(
            &format!(
                "((e.source_key IN ({ma}) AND e.target_key IN ({mb})) OR (e.source_key IN ({mb}) AND e.target_key IN ({ma})))"
            ),
            vals,
        );
        let marks_a = ma.clone();
        let sql = format!(
            "SELECT e.day, e.quad_class, count(*), coalesce(sum(e.goldstein), 0.0), sum(e.source_key IN ({marks_a}))
             FROM events e{} GROUP BY e.day, e.quad_class ORDER BY e.day",
            w.sql()
        );
        let mut values: Vec<Value> = ka.iter().cloned().map(Value::Text).collect();
        values.extend(w.values);
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(values), |r| {
            Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, i64>(2)?, r.get::<_, f64>(3)?, r.get::<_, i64>(4)?))
        })?;
        let mut out: Vec<DyadRow> = Vec::new();
        for row in rows {
            let (day, quad, n, gold, from_a) = row?;
            let period = day.map(|d| match bucket {
                Bucket::Day => format_day(d),
                Bucket::Week => format_day(week_start(d)),
                Bucket::Month => format!("{}-01", &format_day(d)[..7]),
            });
            if out.last().is_none_or(|l| l.period != period) {
                out.push(DyadRow { period: period.clone(), events: 0, quad: [0; 4], goldstein: 0.0, a_to_b: 0, b_to_a: 0 });
            }
            let l = out.last_mut().expect("pushed");
            l.events += u(n);
            if let Some(q) = quad.filter(|q| (1..=4).contains(q)) {
                l.quad[(q - 1) as usize] += u(n);
            }
            l.goldstein += gold;
            l.a_to_b += u(from_a);
            l.b_to_a += u(n - from_a);
        }
        Ok(out)
    }
}

fn fts_value(t: &str) -> Value {
    // No word at all: a query that matches nothing rather than an FTS syntax error.
    Value::Text(fts_query(t).unwrap_or_else(|| "\"\"".to_string()))
}

fn event_kind(w: &mut Where, k: &str) -> Result<()> {
    let k = k.trim();
    if !k.is_empty() && k.len() <= 4 && k.bytes().all(|b| b.is_ascii_digit()) {
        if k.len() < 2 {
            return Err(StoreError::BadType { value: k.into(), expected: "a CAMEO code of 2 to 4 digits or a PLOVER type" });
        }
        w.push("e.cameo_root = ?", [text(&k[..2])]);
        if k.len() > 2 {
            let mut hi = k.to_string();
            hi.push(':'); // ':' sorts after every digit
            w.push("e.cameo >= ? AND e.cameo < ?", [text(k), Value::Text(hi)]);
        }
        return Ok(());
    }
    let up = k.to_uppercase();
    if PLOVER_TYPES.contains(&up.as_str()) {
        w.push("e.plover_type = ?", [Value::Text(up)]);
        return Ok(());
    }
    Err(StoreError::BadType { value: k.into(), expected: "a CAMEO code of 2 to 4 digits (04, 0311) or a PLOVER type (ACCUSE)" })
}

const EVENT_COLS: &str = "e.event_key, e.date, e.source_name, e.source_code, e.target_name, e.target_code, e.cameo,
    e.cameo_root, e.quad_class, e.goldstein, e.plover_type, e.plover_mode, e.negated, e.first_seen, e.last_seen,
    e.num_mentions, e.num_articles, e.num_sources, e.confidence";

fn event_row(r: &rusqlite::Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        event_key: r.get(0)?,
        date: r.get(1)?,
        source_name: r.get(2)?,
        source_code: r.get(3)?,
        target_name: r.get(4)?,
        target_code: r.get(5)?,
        cameo: r.get(6)?,
        cameo_root: r.get(7)?,
        quad_class: r.get(8)?,
        goldstein: r.get(9)?,
        plover_type: r.get(10)?,
        plover_mode: r.get(11)?,
        negated: r.get(12)?,
        first_seen: r.get(13)?,
        last_seen: r.get(14)?,
        num_mentions: u(r.get(15)?),
        num_articles: u(r.get(16)?),
        num_sources: u(r.get(17)?),
        confidence: r.get(18)?,
    })
}

const DOC_COLS: &str = "d.id, d.title, d.url, d.outlet, d.published, d.date, d.n_actors, d.n_quotes, d.n_events";

fn doc_summary(r: &rusqlite::Row) -> rusqlite::Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        outlet: r.get(3)?,
        published: r.get(4)?,
        date: r.get(5)?,
        n_actors: u(r.get(6)?),
        n_quotes: u(r.get(7)?),
        n_events: u(r.get(8)?),
    })
}
