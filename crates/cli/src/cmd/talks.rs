//! `herald talks --db FILE ACTOR ACTOR... [--mediator ACTOR...]`: the
//! chronology of a negotiation and its state at each date, rebuilt from the
//! stored events and quotes (rules in `herald_store::talks`). Text on a
//! terminal, one JSON object otherwise (`--format`).

use anyhow::{Context, Result};
use herald_store::talks::TalksQuery;
use herald_store::Reader;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `herald talks`.
#[derive(clap::Args)]
pub struct TalksArgs {
    /// The negotiating parties (codes or names).
    #[arg(required = true)]
    parties: Vec<String>,
    /// The store.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Mediators (codes or names).
    #[arg(long, num_args = 1..)]
    mediator: Vec<String>,
    /// From this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Up to this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// Output format (default: text on a terminal, JSON otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Runs `herald talks`.
pub fn run(a: TalksArgs) -> Result<ExitCode> {
    let r = Reader::open(&a.db).with_context(|| format!("{}: cannot open the store", a.db.display()))?;
    let q = TalksQuery { parties: a.parties, mediators: a.mediator, since: a.since, until: a.until };
    let t = r.talks(&q)?;
    let mut out = crate::output::open(None)?;
    let text = a.format.map_or_else(|| std::io::stdout().is_terminal(), |f| f == Format::Text);
    if !text {
        serde_json::to_writer(&mut out, &t)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    writeln!(out, "moves:")?;
    for (i, m) in t.moves.iter().enumerate() {
        let kind = name(&serde_json::to_value(m.kind)?);
        let who = match (&m.actor, &m.target) {
            (Some(a), Some(b)) => format!("{a} -> {b}"),
            (Some(a), None) => a.clone(),
            _ => String::new(),
        };
        let expected = match (m.expected, &m.expected_date) {
            (true, Some(d)) => format!(" (expected {d})"),
            (true, None) => " (expected)".to_string(),
            _ => String::new(),
        };
        let ev: String = m.evidence.chars().take(90).collect();
        writeln!(
            out,
            "  [{i}] {}  {kind}{expected}  {who}  [{}]  \"{}\"",
            m.date.as_deref().unwrap_or("undated"),
            m.rule,
            ev.replace('\n', " ")
        )?;
    }
    writeln!(out, "states:")?;
    for s in &t.states {
        let state = name(&serde_json::to_value(s.state)?);
        let ids = |v: &[usize]| v.iter().map(|i| format!("[{i}]")).collect::<Vec<_>>().join(" ");
        write!(out, "  {}  {state:<9}  supported by {}", s.date.as_deref().unwrap_or("undated"), ids(&s.supported_by))?;
        if !s.expected.is_empty() {
            write!(out, "; expected: {}", ids(&s.expected))?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
