//! The writer: documents with their extractions, one transaction a batch,
//! events aggregated as they come.

use crate::date::{format_day, parse_day};
use crate::{actor_key, schema, text_hash, AggregationRule, Result, StoreError, TypeLevel};
use herald_extract::events::{Event, Modality};
use herald_extract::Extraction;
use herald_text::Document;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;

/// The store, open for writing.
pub struct Store {
    conn: Connection,
    rule: AggregationRule,
}

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Documents stored.
    pub inserted: usize,
    /// Documents already stored (same id or same text), left unchanged.
    pub duplicates: usize,
    /// Event mentions stored.
    pub mentions: usize,
    /// New aggregated events among them.
    pub new_events: usize,
}

pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    Ok(())
}

impl Store {
    /// Opens (creating it when needed) the store at `path` for writing,
    /// applies the missing migrations and sets WAL mode. `rule` is the
    /// aggregation rule: a new store records it (the default when `None`);
    /// an existing one keeps its own, and asking for another is an error.
    pub fn open(path: &Path, rule: Option<AggregationRule>) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        let stored: Option<String> =
            conn.query_row("SELECT value FROM meta WHERE key = 'aggregation'", [], |r| r.get(0)).optional()?;
        let rule = match stored {
            Some(s) => {
                let have: AggregationRule = serde_json::from_str(&s)?;
                if let Some(asked) = rule {
                    if asked != have {
                        return Err(StoreError::RuleMismatch { stored: s, asked: serde_json::to_string(&asked)? });
                    }
                }
                have
            }
            None => {
                let rule = rule.unwrap_or_default();
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('aggregation', ?1)",
                    [serde_json::to_string(&rule)?],
                )?;
                rule
            }
        };
        Ok(Store { conn, rule })
    }

    /// The aggregation rule in force.
    pub fn rule(&self) -> AggregationRule {
        self.rule
    }

    /// True when a document with this id or this text is stored.
    pub fn has_document(&self, id: &str, text: &str) -> Result<bool> {
        crate::read::has_document(&self.conn, id, &text_hash(text))
    }

    /// Stores documents with their extractions in one transaction, in order.
    /// A document whose id or text is already stored is skipped whole.
    pub fn insert_batch(&mut self, docs: &[(Document, Extraction)]) -> Result<BatchReport> {
        let rule = self.rule;
        let tx = self.conn.transaction()?;
        let mut rep = BatchReport::default();
        for (doc, ex) in docs {
            if insert_doc(&tx, rule, doc, ex, &mut rep)? {
                rep.inserted += 1;
            } else {
                rep.duplicates += 1;
            }
        }
        tx.commit()?;
        Ok(rep)
    }
}

fn opt(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Claimed => "claimed",
        Modality::Expected => "expected",
        Modality::Hypothetical => "hypothetical",
        Modality::Demanded => "demanded",
    }
}

/// A mention's confidence (see [`AggregationRule`]).
pub(crate) fn mention_confidence(ev: &Event) -> f64 {
    let w = match ev.modality {
        Modality::Asserted => 1.0,
        Modality::Claimed => 0.8,
        Modality::Expected => 0.6,
        Modality::Demanded => 0.5,
        Modality::Hypothetical => 0.4,
    };
    if ev.source.code.trim().is_empty() {
        w * 0.7
    } else {
        w
    }
}

fn insert_doc(tx: &Transaction, rule: AggregationRule, doc: &Document, ex: &Extraction, rep: &mut BatchReport) -> Result<bool> {
    let hash = text_hash(&doc.text);
    let published = doc.published.as_deref().or(ex.published.as_deref());
    let doc_day = published.and_then(parse_day);
    let title = doc.title.as_deref().or(ex.title.as_deref());
    let url = doc.url.as_deref().or(ex.url.as_deref());
    let n = tx.execute(
        "INSERT OR IGNORE INTO documents(id, text_hash, title, url, outlet, published, date, day, text, extraction,
                                         n_actors, n_quotes, n_events)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            doc.id,
            &hash[..],
            title,
            url,
            doc.source.as_deref().and_then(opt),
            published,
            doc_day.map(format_day),
            doc_day,
            doc.text,
            serde_json::to_string(ex)?,
            ex.actors.len() as i64,
            ex.quotes.len() as i64,
            ex.events.len() as i64,
        ],
    )?;
    if n == 0 {
        return Ok(false);
    }
    let doc_key = tx.last_insert_rowid();
    let outlet = doc.source.as_deref().and_then(opt);
    tx.execute("INSERT INTO doc_fts(rowid, title, text) VALUES (?1, ?2, ?3)", params![doc_key, title, doc.text])?;

    let mut key_stmt = tx.prepare_cached("INSERT OR IGNORE INTO actor_keys(key, code, name) VALUES (?1, ?2, ?3)")?;
    let mut actor_stmt = tx.prepare_cached(
        "INSERT INTO actors(doc_key, local_id, key, name, type, code, codes, role, n_mentions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for a in &ex.actors {
        let code = a.codes.first().map(String::as_str).unwrap_or("");
        let key = actor_key(code, &a.name);
        key_stmt.execute(params![key, opt(code), a.name])?;
        let ty = serde_json::to_value(a.ty)?;
        actor_stmt.execute(params![
            doc_key,
            a.id,
            key,
            a.name,
            ty.as_str().unwrap_or(""),
            opt(code),
            a.codes.join(" "),
            a.role,
            a.mentions.len() as i64
        ])?;
    }

    let mut quote_stmt = tx.prepare_cached(
        "INSERT INTO quotes(doc_key, local_id, kind, start, end, text, cue, speaker_key, speaker_name, speaker_code,
                            speaker_text, rule, day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut qfts = tx.prepare_cached("INSERT INTO quote_fts(rowid, text) VALUES (?1, ?2)")?;
    for q in &ex.quotes {
        let kind = serde_json::to_value(q.kind)?;
        let (skey, sname, scode, stext) = match &q.speaker {
            Some(s) => {
                let code = s.codes.first().map(String::as_str).unwrap_or("");
                let name = s.name.as_deref().unwrap_or(&s.text);
                let key = actor_key(code, name);
                key_stmt.execute(params![key, opt(code), name])?;
                (Some(key), Some(name.to_string()), opt(code).map(str::to_string), Some(s.text.clone()))
            }
            None => (None, None, None, None),
        };
        quote_stmt.execute(params![
            doc_key,
            q.id,
            kind.as_str().unwrap_or(""),
            q.span[0] as i64,
            q.span[1] as i64,
            q.text,
            q.cue.as_ref().map(|c| c.text.as_str()),
            skey,
            sname,
            scode,
            stext,
            q.rule.as_ref(),
            doc_day
        ])?;
        qfts.execute(params![tx.last_insert_rowid(), q.text])?;
    }

    for ev in &ex.events {
        let new = insert_mention(tx, rule, doc_key, outlet, doc_day, ev)?;
        rep.mentions += 1;
        rep.new_events += usize::from(new);
        let skey = actor_key(&ev.source.code, &ev.source.name);
        key_stmt.execute(params![skey, opt(&ev.source.code), ev.source.name])?;
        if let Some(t) = &ev.target {
            key_stmt.execute(params![actor_key(&t.code, &t.name), opt(&t.code), t.name])?;
        }
    }
    Ok(true)
}

/// The type part of the group key under the rule.
fn type_key(rule: AggregationRule, ev: &Event) -> String {
    match rule.type_level {
        TypeLevel::Cameo => ev.cameo.clone(),
        TypeLevel::Root => ev.cameo_root.clone(),
        TypeLevel::Plover => ev.plover.as_ref().map_or_else(|| ev.cameo_root.clone(), |p| p.kind.clone()),
    }
}

/// The event's own date (resolved date of its clause), else the document's.
pub(crate) fn event_day(ev: &Event, doc_day: Option<i64>) -> Option<i64> {
    ev.date.as_ref().and_then(|d| d.resolved.as_deref()).and_then(parse_day).or(doc_day)
}

/// Stores one mention, joining it to an event or starting one; true when new.
fn insert_mention(
    tx: &Transaction,
    rule: AggregationRule,
    doc_key: i64,
    outlet: Option<&str>,
    doc_day: Option<i64>,
    ev: &Event,
) -> Result<bool> {
    let skey = actor_key(&ev.source.code, &ev.source.name);
    let tkey = ev.target.as_ref().map(|t| actor_key(&t.code, &t.name));
    let group = format!("{}|{}|{}|{}", skey, tkey.as_deref().unwrap_or(""), type_key(rule, ev), u8::from(ev.negated));
    let day = event_day(ev, doc_day);
    let conf = mention_confidence(ev);
    let w = i64::from(rule.window_days);
    let found: Option<i64> = match day {
        Some(d) => tx
            .prepare_cached(
                "SELECT event_key FROM events WHERE group_key = ?1 AND day BETWEEN ?2 AND ?3
                 ORDER BY abs(day - ?4), event_key LIMIT 1",
            )?
            .query_row(params![group, d - w, d + w, d], |r| r.get(0))
            .optional()?,
        None => tx
            .prepare_cached("SELECT event_key FROM events WHERE group_key = ?1 AND day IS NULL ORDER BY event_key LIMIT 1")?
            .query_row(params![group], |r| r.get(0))
            .optional()?,
    };
    let seen = doc_day.map(format_day);
    let event_key = match found {
        Some(k) => {
            // Is this article / this outlet new to the event?
            let prior_conf: Option<f64> = tx
                .prepare_cached("SELECT max(confidence) FROM mentions WHERE event_key = ?1 AND doc_key = ?2")?
                .query_row(params![k, doc_key], |r| r.get(0))?;
            let new_source = match outlet {
                Some(o) => !tx
                    .prepare_cached(
                        "SELECT EXISTS(SELECT 1 FROM mentions m JOIN documents d ON d.doc_key = m.doc_key
                         WHERE m.event_key = ?1 AND d.outlet = ?2)",
                    )?
                    .query_row(params![k, o], |r| r.get::<_, bool>(0))?,
                None => prior_conf.is_none(),
            };
            // Noisy-or over articles, with each article's best mention.
            let (new_article, factor) = match prior_conf {
                None => (1, 1.0 - conf),
                Some(p) if conf > p => (0, (1.0 - conf) / (1.0 - p).max(1e-9)),
                Some(_) => (0, 1.0),
            };
            tx.prepare_cached(
                "UPDATE events SET num_mentions = num_mentions + 1,
                    num_articles = num_articles + ?2,
                    num_sources = num_sources + ?3,
                    confidence = 1.0 - (1.0 - confidence) * ?4,
                    first_day = CASE WHEN ?5 IS NOT NULL AND (first_day IS NULL OR ?5 < first_day) THEN ?5 ELSE first_day END,
                    first_seen = CASE WHEN ?5 IS NOT NULL AND (first_day IS NULL OR ?5 < first_day) THEN ?6 ELSE first_seen END,
                    last_day = CASE WHEN ?5 IS NOT NULL AND (last_day IS NULL OR ?5 > last_day) THEN ?5 ELSE last_day END,
                    last_seen = CASE WHEN ?5 IS NOT NULL AND (last_day IS NULL OR ?5 > last_day) THEN ?6 ELSE last_seen END
                 WHERE event_key = ?1",
            )?
            .execute(params![k, new_article, i64::from(new_source), factor, doc_day, seen])?;
            k
        }
        None => {
            let t = ev.target.as_ref();
            tx.prepare_cached(
                "INSERT INTO events(group_key, source_key, source_name, source_code, target_key, target_name, target_code,
                    cameo, cameo_root, quad_class, goldstein, plover_type, plover_mode, negated, date, day,
                    first_seen, last_seen, first_day, last_day, num_mentions, num_articles, num_sources, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18, ?18, 1, 1, 1, ?19)",
            )?
            .execute(params![
                group,
                skey,
                ev.source.name,
                opt(&ev.source.code),
                tkey,
                t.map(|t| t.name.as_str()),
                t.and_then(|t| opt(&t.code)),
                ev.cameo,
                ev.cameo_root,
                ev.quad_class,
                ev.goldstein,
                ev.plover.as_ref().map(|p| p.kind.as_str()),
                ev.plover.as_ref().and_then(|p| p.mode.as_deref()),
                ev.negated,
                day.map(format_day),
                day,
                seen,
                doc_day,
                conf
            ])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached(
        "INSERT INTO mentions(event_key, doc_key, local_id, source_text, target_text, modality, claimed_by, date_text, day,
                              sentence_start, sentence_end, trigger, rule, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        event_key,
        doc_key,
        ev.id,
        ev.source.text,
        ev.target.as_ref().map(|t| t.text.as_str()),
        modality_name(ev.modality),
        ev.claimed_by.as_ref().map(|c| c.name.as_str()),
        ev.date.as_ref().map(|d| d.text.as_str()),
        day,
        ev.sentence.span[0] as i64,
        ev.sentence.span[1] as i64,
        ev.trigger.text.as_deref(),
        ev.rule,
        conf
    ])?;
    Ok(found.is_none())
}
