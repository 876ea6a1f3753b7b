//! Read queries the pages need beyond `Reader`'s API, on its read-only
//! connection. Every value from a request is a bound parameter.

use herald_store::date::{format_day, parse_day, week_start};
use herald_store::Reader;
use rusqlite::types::Value;
use serde::Serialize;

use crate::Fail;

/// Events by period and quad class.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuadPeriod {
    /// First day of the period.
    pub period: String,
    /// Counts by quad class 1-4.
    pub quad: [u64; 4],
}

/// Events per period by quad class over the whole store. Periods are days,
/// or weeks / months when the store spans more than 120 days / 3 years.
pub fn events_by_period(r: &Reader) -> Result<(String, Vec<QuadPeriod>), Fail> {
    let c = r.connection();
    let (lo, hi): (Option<i64>, Option<i64>) =
        c.query_row("SELECT min(day), max(day) FROM events WHERE day IS NOT NULL", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let span = match (lo, hi) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    };
    let unit = if span > 3 * 366 { "month" } else if span > 120 { "week" } else { "day" };
    let mut st = c.prepare_cached(
        "SELECT day, quad_class, count(*) FROM events WHERE day IS NOT NULL GROUP BY day, quad_class ORDER BY day",
    )?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out: Vec<QuadPeriod> = Vec::new();
    for row in rows {
        let (day, quad, n) = row?;
        let period = match unit {
            "day" => format_day(day),
            "week" => format_day(week_start(day)),
            _ => format!("{}-01", &format_day(day)[..7]),
        };
        if out.last().is_none_or(|l| l.period != period) {
            out.push(QuadPeriod { period, quad: [0; 4] });
        }
        if let Some(q) = quad.filter(|q| (1..=4).contains(q)) {
            out.last_mut().expect("pushed").quad[(q - 1) as usize] += n.max(0) as u64;
        }
    }
    Ok((unit.to_string(), out))
}

/// A speaker and how many quotes they have.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Speaker {
    /// Actor key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Code.
    pub code: Option<String>,
    /// Quotes.
    pub quotes: u64,
}

/// Speakers with the most quotes.
pub fn speakers(r: &Reader, limit: u64) -> Result<Vec<Speaker>, Fail> {
    let mut st = r.connection().prepare_cached(
        "SELECT speaker_key, min(speaker_name), min(speaker_code), count(*) AS n FROM quotes
         WHERE speaker_key IS NOT NULL GROUP BY speaker_key ORDER BY n DESC, speaker_key LIMIT ?1",
    )?;
    let rows = st.query_map([limit as i64], |r| {
        Ok(Speaker {
            key: r.get(0)?,
            name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            code: r.get(2)?,
            quotes: r.get::<_, i64>(3)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How an actor was coded in one document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Appearance {
    /// Publication date.
    pub date: Option<String>,
    /// Document id.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// Name there.
    pub name: String,
    /// Actor type.
    pub kind: String,
    /// Codes in force, space separated.
    pub codes: String,
    /// Role.
    pub role: Option<String>,
    /// Mentions in the document.
    pub mentions: u64,
}

/// The documents an actor appears in, with its codes and roles, by date.
pub fn appearances(r: &Reader, key: &str, limit: u64) -> Result<Vec<Appearance>, Fail> {
    let mut st = r.connection().prepare_cached(
        "SELECT d.date, d.id, d.title, a.name, a.type, a.codes, a.role, a.n_mentions
         FROM actors a JOIN documents d ON d.doc_key = a.doc_key WHERE a.key = ?1
         ORDER BY d.day, d.doc_key LIMIT ?2",
    )?;
    let rows = st.query_map(rusqlite::params![key, limit as i64], |r| {
        Ok(Appearance {
            date: r.get(0)?,
            doc_id: r.get(1)?,
            title: r.get(2)?,
            name: r.get(3)?,
            kind: r.get(4)?,
            codes: r.get(5)?,
            role: r.get(6)?,
            mentions: r.get::<_, i64>(7)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The name an actor key goes by, `None` when no actor has it.
pub fn actor_name(r: &Reader, key: &str) -> Result<Option<(String, Option<String>)>, Fail> {
    let mut st = r.connection().prepare_cached("SELECT name, code FROM actor_keys WHERE key = ?1 ORDER BY name LIMIT 1")?;
    let mut rows = st.query([key])?;
    Ok(match rows.next()? {
        Some(row) => Some((row.get(0)?, row.get(1)?)),
        None => None,
    })
}

/// What an actor did to whom: counts by event type and counterpart.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Deed {
    /// PLOVER type, else CAMEO root.
    pub kind: String,
    /// Quad class.
    pub quad_class: Option<u8>,
    /// The counterpart's key (`None`: no target).
    pub other_key: Option<String>,
    /// The counterpart's name.
    pub other: Option<String>,
    /// Events.
    pub events: u64,
}

/// Events of `key` as source (`as_source`) or target, grouped by type and counterpart.
pub fn deeds(r: &Reader, key: &str, as_source: bool, limit: u64) -> Result<Vec<Deed>, Fail> {
    // Column names are fixed strings, never user input.
    let (me, other, other_name) =
        if as_source { ("source_key", "target_key", "target_name") } else { ("target_key", "source_key", "source_name") };
    let sql = format!(
        "SELECT coalesce(plover_type, 'CAMEO ' || cameo_root), min(quad_class), {other}, min({other_name}), count(*) AS n
         FROM events WHERE {me} = ?1 GROUP BY 1, {other} ORDER BY n DESC, 1 LIMIT ?2"
    );
    let mut st = r.connection().prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params![key, limit as i64], |r| {
        Ok(Deed {
            kind: r.get(0)?,
            quad_class: r.get(1)?,
            other_key: r.get(2)?,
            other: r.get(3)?,
            events: r.get::<_, i64>(4)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One edge of the actor network.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Edge {
    /// Source key.
    pub source: String,
    /// Source name.
    pub source_name: String,
    /// Target key.
    pub target: String,
    /// Target name.
    pub target_name: String,
    /// Quad class (the most frequent one of the pair).
    pub quad_class: Option<u8>,
    /// Events.
    pub events: u64,
}

/// The heaviest directed edges between actors, optionally of one PLOVER
/// type, within dates. Each pair keeps its most frequent quad class.
pub fn network(
    r: &Reader,
    plover: Option<&str>,
    since: Option<&str>,
    until: Option<&str>,
    limit: u64,
) -> Result<Vec<Edge>, Fail> {
    let mut parts = vec!["target_key IS NOT NULL".to_string()];
    let mut vals: Vec<Value> = Vec::new();
    if let Some(p) = plover {
        let up = p.to_uppercase();
        if !herald_store::PLOVER_TYPES.contains(&up.as_str()) {
            return Err(Fail::bad(format!("unknown PLOVER type '{p}'")));
        }
        parts.push("plover_type = ?".into());
        vals.push(Value::Text(up));
    }
    for (d, op) in [(since, ">="), (until, "<=")] {
        if let Some(d) = d {
            let day = parse_day(d).filter(|_| d.len() == 10).ok_or_else(|| Fail::bad(format!("bad date '{d}': expected YYYY-MM-DD")))?;
            parts.push(format!("day {op} ?"));
            vals.push(Value::Integer(day));
        }
    }
    let sql = format!(
        "SELECT source_key, min(source_name), target_key, min(target_name), quad_class, count(*) AS n
         FROM events WHERE {} GROUP BY source_key, target_key, quad_class ORDER BY n DESC, 1, 3",
        parts.join(" AND ")
    );
    let mut st = r.connection().prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(vals), |r| {
        Ok(Edge {
            source: r.get(0)?,
            source_name: r.get(1)?,
            target: r.get(2)?,
            target_name: r.get(3)?,
            quad_class: r.get(4)?,
            events: r.get::<_, i64>(5)?.max(0) as u64,
        })
    })?;
    // Merge quad classes of a pair: total count, the heaviest class.
    let mut out: Vec<Edge> = Vec::new();
    for row in rows {
        let e = row?;
        match out.iter_mut().find(|o| o.source == e.source && o.target == e.target) {
            Some(o) => o.events += e.events,
            None => out.push(e),
        }
        if out.len() as u64 >= limit {
            break;
        }
    }
    out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.source.cmp(&b.source)).then_with(|| a.target.cmp(&b.target)));
    Ok(out)
}
