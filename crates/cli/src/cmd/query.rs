//! `herald query events|quotes|actors|documents|mentions|dyad --db FILE`:
//! filtered listings of a herald store. A table on a terminal, JSONL
//! otherwise; `--format` chooses (table, jsonl, csv). Malformed filters
//! (unknown actor, bad date, unknown type) are a clear message and exit 2;
//! filters are bound parameters, never SQL.

use anyhow::{Context, Result};
use herald_store::{Bucket, Filter, Page, Reader};
use serde::Serialize;
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `herald query`.
#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Aggregated events (one row an event, with its numbers of mentions, articles and sources).
    Events(Common),
    /// The mentions (one a document) of one aggregated event.
    Mentions {
        /// The event's key (first column of `query events`).
        event: i64,
        #[command(flatten)]
        common: Common,
    },
    /// Quotes.
    Quotes(Common),
    /// Actors, most documents first.
    Actors(Common),
    /// Documents.
    Documents(Common),
    /// Events between two actors by period: counts by quad class and Goldstein sum.
    Dyad {
        /// First actor (code or name).
        a: String,
        /// Second actor (code or name).
        b: String,
        /// Period.
        #[arg(long, value_enum, default_value_t = By::Week)]
        by: By,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum By {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Table,
    Jsonl,
    Csv,
}

/// Options every query takes.
#[derive(clap::Args, Clone)]
pub struct Common {
    /// The store.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Actor code or name (events: source; quotes: speaker; documents: any actor).
    #[arg(long)]
    pub actor: Option<String>,
    /// Target actor code or name (events).
    #[arg(long)]
    pub target: Option<String>,
    /// Events: CAMEO code or prefix, or PLOVER type; quotes: direct|mixed|indirect; actors: person|organisation|state|place|group|media.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// From this date (YYYY-MM-DD, inclusive).
    #[arg(long)]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD, inclusive).
    #[arg(long)]
    pub until: Option<String>,
    /// Outlet (the documents' `source`).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Words that must all occur (in the document; for quotes, in the quote).
    #[arg(long)]
    pub text: Option<String>,
    /// Only this document id.
    #[arg(long)]
    pub doc: Option<String>,
    /// Rows at most (default: 100 on a table, all otherwise).
    #[arg(long)]
    pub limit: Option<u64>,
    /// Rows skipped.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Output format (default: table on a terminal, JSONL otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write here instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

impl Common {
    /// The filter these options describe.
    pub fn filter(&self) -> Filter {
        Filter {
            actor: self.actor.clone(),
            target: self.target.clone(),
            kind: self.kind.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            outlet: self.outlet.clone(),
            text: self.text.clone(),
            document: self.doc.clone(),
        }
    }
    fn format(&self) -> Format {
        self.format.unwrap_or_else(|| {
            if self.output.is_none() && std::io::stdout().is_terminal() {
                Format::Table
            } else {
                Format::Jsonl
            }
        })
    }
    fn page(&self) -> Page {
        let limit = self.limit.unwrap_or(if self.format() == Format::Table { 100 } else { i64::MAX as u64 });
        Page { limit, offset: self.offset }
    }
    /// Opens the store read-only.
    pub fn open(&self) -> Result<Reader> {
        Reader::open(&self.db).with_context(|| format!("{}: cannot open the store", self.db.display()))
    }
}

const EVENT_COLS: &[&str] = &[
    "event_key", "date", "source_name", "source_code", "target_name", "target_code", "cameo", "plover_type", "quad_class",
    "goldstein", "num_mentions", "num_articles", "num_sources", "confidence", "first_seen", "last_seen", "cameo_root",
    "plover_mode", "negated",
];
const MENTION_COLS: &[&str] = &[
    "event_key", "doc_id", "outlet", "published", "local_id", "modality", "source_text", "target_text", "trigger",
    "date_text", "date", "confidence", "sentence", "claimed_by", "sentence_span", "rule",
];
const QUOTE_COLS: &[&str] =
    &["date", "doc_id", "local_id", "kind", "speaker_name", "speaker_code", "text", "cue", "outlet", "speaker_text", "span", "rule"];
const ACTOR_COLS: &[&str] = &["key", "name", "code", "documents", "mentions"];
const DOC_COLS: &[&str] = &["id", "date", "outlet", "title", "n_actors", "n_quotes", "n_events", "url", "published"];
const DYAD_COLS: &[&str] = &["period", "events", "quad", "goldstein", "a_to_b", "b_to_a"];

/// Runs `herald query`.
pub fn run(a: QueryArgs) -> Result<ExitCode> {
    match a.what {
        What::Events(c) => {
            let rows = c.open()?.events(&c.filter(), c.page())?;
            emit(&c, EVENT_COLS, 8, &rows)
        }
        What::Mentions { event, common: c } => {
            let r = c.open()?;
            if r.event(event)?.is_none() {
                anyhow::bail!("no event {event} in {}", c.db.display());
            }
            emit(&c, MENTION_COLS, 9, &r.mentions(event)?)
        }
        What::Quotes(c) => {
            let rows = c.open()?.quotes(&c.filter(), c.page())?;
            emit(&c, QUOTE_COLS, 8, &rows)
        }
        What::Actors(c) => {
            let rows = c.open()?.actors(&c.filter(), c.page())?;
            emit(&c, ACTOR_COLS, 5, &rows)
        }
        What::Documents(c) => {
            let rows = c.open()?.documents(&c.filter(), c.page())?;
            emit(&c, DOC_COLS, 7, &rows)
        }
        What::Dyad { a, b, by, common: c } => {
            let bucket = match by {
                By::Day => Bucket::Day,
                By::Week => Bucket::Week,
                By::Month => Bucket::Month,
            };
            let rows = c.open()?.dyad(&a, &b, bucket, &c.filter())?;
            if c.format() == Format::Table {
                // Spell the quad classes out on a terminal.
                let wide: Vec<Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({"period": r.period, "events": r.events, "verbal_coop": r.quad[0],
                            "material_coop": r.quad[1], "verbal_conflict": r.quad[2], "material_conflict": r.quad[3],
                            "goldstein": (r.goldstein * 100.0).round() / 100.0, "a_to_b": r.a_to_b, "b_to_a": r.b_to_a})
                    })
                    .collect();
                let cols = [
                    "period", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict", "goldstein",
                    "a_to_b", "b_to_a",
                ];
                return emit(&c, &cols, cols.len(), &wide);
            }
            emit(&c, DYAD_COLS, DYAD_COLS.len(), &rows)
        }
    }
}

/// Writes rows in the chosen format: `cols` is the column order (CSV,
/// table), of which a table shows the first `table_cols`.
pub fn emit<T: Serialize>(c: &Common, cols: &[&str], table_cols: usize, rows: &[T]) -> Result<ExitCode> {
    let mut out = crate::output::open(c.output.as_deref())?;
    match c.format() {
        Format::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut out, r)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            writeln!(out, "{}", cols.join(","))?;
            for r in rows {
                let v = serde_json::to_value(r)?;
                let line: Vec<String> = cols.iter().map(|k| csv_field(&cell(&v[*k]))).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
        Format::Table => {
            let cols = &cols[..table_cols.min(cols.len())];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let v = serde_json::to_value(r).unwrap_or(Value::Null);
                    cols.iter().map(|k| shorten(&cell(&v[*k]), 60)).collect()
                })
                .collect();
            let widths: Vec<usize> = (0..cols.len())
                .map(|i| cells.iter().map(|r| r[i].chars().count()).chain([cols[i].len()]).max().unwrap_or(0))
                .collect();
            let line = |fields: &mut dyn Iterator<Item = String>| -> String {
                fields.zip(&widths).map(|(f, w)| format!("{f:<w$}")).collect::<Vec<_>>().join("  ").trim_end().to_string()
            };
            writeln!(out, "{}", line(&mut cols.iter().map(|s| s.to_string())))?;
            for r in cells {
                writeln!(out, "{}", line(&mut r.into_iter()))?;
            }
            if rows.is_empty() {
                writeln!(out, "(no rows)")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A JSON value as one cell of text.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => format!("{}", (f * 1000.0).round() / 1000.0),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// RFC 4180 quoting.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
