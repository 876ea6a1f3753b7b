//! The `herald` command: thin glue over the library crates.
//!
//! Exit codes: 0 success, 1 some documents failed or findings were reported,
//! 2 the run could not be done at all. A closed output pipe is not an error.

mod cmd;
mod models;
mod output;
mod pipeline;
mod sink;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// herald turns news text into quotes, actors and events that point back at their evidence.
#[derive(Parser)]
#[command(name = "herald", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract actors, quotes and events; one JSON object a document.
    Extract(cmd::extract::ExtractArgs),
    /// Segment, tag and parse text; print CoNLL-U.
    Parse(cmd::parse::ParseArgs),
    /// Train the tagger or the parser on a UD treebank.
    Train(cmd::train::TrainArgs),
    /// Score herald against gold data.
    Eval(cmd::eval::EvalArgs),
    /// Score extraction against gold annotations.
    Validate(cmd::validate::ValidateArgs),
    /// Check, look up, compile and count dictionaries.
    Lexicon(cmd::lexicon::LexiconArgs),
    /// Extract documents into a herald store (SQLite); resumable, idempotent.
    Ingest(cmd::ingest::IngestArgs),
    /// Filtered listings of a store: events, mentions, quotes, actors, documents, dyad timelines.
    Query(cmd::query::QueryArgs),
    /// The chronology and state of a negotiation, from a store.
    Talks(cmd::talks::TalksArgs),
    /// A local, read-only web application and JSON API over a store.
    Serve(cmd::serve::ServeArgs),
    /// The whole store as Parquet files partitioned by date (DuckDB, Polars, Spark).
    Export(cmd::export::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Validate(a) => cmd::validate::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Lexicon(a) => cmd::lexicon::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Query(a) => cmd::query::run(a),
        Command::Talks(a) => cmd::talks::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("herald: error: {}", error_chain(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, leaving out a cause whose text the message
/// before it already contains (typed errors often print their source).
fn error_chain(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}
