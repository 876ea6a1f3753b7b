//! `herald lexicon`: check, look up, compile and count dictionaries.
//!
//! Layers: the shipped default (`data/lexicon/default.manifest`) unless
//! `--no-default`, then every `--lexicon FILE` in order (later entries
//! override earlier ones). A compiled `.hlx` file may be given instead.

use anyhow::{bail, Context};
use herald_lexicon::{ActorEntry, Date, Lexicon, Severity};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `herald lexicon`.
#[derive(clap::Args)]
pub struct LexiconArgs {
    #[command(subcommand)]
    command: LexiconCommand,
}

#[derive(clap::Args)]
struct Layers {
    /// Dictionary file, manifest (`.manifest`) or compiled lexicon (`.hlx`) layered over the default; repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicon: Vec<PathBuf>,
    /// Do not load the shipped default lexicon.
    #[arg(long)]
    no_default: bool,
}

#[derive(clap::Subcommand)]
enum LexiconCommand {
    /// Check dictionary files; list every finding by file and line (exit 1 if any error or warning).
    Check {
        /// Files to check (PETRARCH dictionaries, herald `.hld` files, manifests), loaded as layers in order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also list notes (duplicates that agree, repairs that change nothing).
        #[arg(long)]
        notes: bool,
        /// Print how every line of each file was accounted for.
        #[arg(long)]
        counts: bool,
    },
    /// Print the entries a name matches and the code in force on a date.
    Lookup {
        /// The name, e.g. "Benjamin Netanyahu".
        name: String,
        /// Date (YYYY-MM-DD) for dated codes; without it, the current code.
        #[arg(long)]
        date: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        layers: Layers,
    },
    /// Compile the lexicon into one binary file (written atomically).
    Compile {
        /// Output file.
        #[arg(short, long, default_value = "lexicon.hlx")]
        output: PathBuf,
        /// Refuse to write when a source line could not be loaded.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        layers: Layers,
    },
    /// Count entries.
    Stats {
        /// JSON output.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        layers: Layers,
    },
}

/// Runs `herald lexicon`.
pub fn run(args: LexiconArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        LexiconCommand::Check { files, notes, counts } => check(&files, notes, counts),
        LexiconCommand::Lookup { name, date, json, layers } => {
            let date = date.map(|d| Date::parse_iso(&d).map_err(anyhow::Error::msg)).transpose()?;
            let (lex, _) = load(&layers)?;
            lookup(&lex, &name, date, json)
        }
        LexiconCommand::Compile { output, strict, layers } => {
            let (lex, errors) = load(&layers)?;
            if errors > 0 {
                eprintln!("herald lexicon: {errors} source line(s) could not be loaded (`herald lexicon check` lists them)");
                if strict {
                    eprintln!("herald lexicon: --strict: nothing written");
                    return Ok(ExitCode::from(1));
                }
            }
            lex.compile_to(&output)?;
            eprintln!("herald lexicon: wrote {} ({} bytes)", output.display(), std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0));
            Ok(ExitCode::SUCCESS)
        }
        LexiconCommand::Stats { json, layers } => {
            let (lex, _) = load(&layers)?;
            let mut out = crate::output::open(None)?;
            if json {
                let m: serde_json::Map<String, serde_json::Value> = lex.stats().into_iter().map(|(k, v)| (k.trim().to_string(), json!(v))).collect();
                writeln!(out, "{}", serde_json::Value::Object(m))?;
            } else {
                for (k, v) in lex.stats() {
                    writeln!(out, "{k:24} {v:>8}")?;
                }
                for s in &lex.sources {
                    let l = &s.lines;
                    writeln!(out, "{:8} {}: {} lines, {} loaded, {} comment/blank, {} reported", s.format.as_str(), s.path, l.total, l.loaded, l.comments, l.reported)?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Loads the layers; returns the lexicon and the number of lines not loaded.
fn load(layers: &Layers) -> anyhow::Result<(Lexicon, usize)> {
    let compiled: Vec<&PathBuf> = layers.lexicon.iter().filter(|p| p.extension().is_some_and(|e| e == "hlx")).collect();
    if let Some(c) = compiled.first() {
        if layers.lexicon.len() > 1 {
            bail!("a compiled lexicon ({}) cannot be layered with other files; compile them together", c.display());
        }
        return Ok((Lexicon::open(c)?, 0));
    }
    if layers.lexicon.is_empty() && !layers.no_default {
        return Ok((Lexicon::default_lexicon()?, 0));
    }
    let mut paths = Vec::new();
    if !layers.no_default {
        let dir = herald_lexicon::default_data_dir().context("default lexicon not found: set HERALD_LEXICON_DIR or pass --no-default")?;
        paths.push(dir.join("default.manifest"));
    }
    paths.extend(layers.lexicon.iter().cloned());
    let report = Lexicon::load(&paths)?;
    let errors = report.errors();
    for f in report.findings.iter().filter(|f| f.severity == Severity::Error && layers.lexicon.iter().any(|p| f.file == p.display().to_string())) {
        eprintln!("{f}");
    }
    Ok((report.lexicon, errors))
}

fn check(files: &[PathBuf], notes: bool, counts: bool) -> anyhow::Result<ExitCode> {
    let report = herald_lexicon::check_files(files)?;
    let mut out = crate::output::open(None)?;
    let (mut e, mut w, mut n) = (0, 0, 0);
    for f in &report.findings {
        match f.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            Severity::Note => n += 1,
        }
        if notes || f.severity != Severity::Note {
            writeln!(out, "{f}")?;
        }
    }
    if counts {
        for s in &report.lexicon.sources {
            let l = &s.lines;
            writeln!(out, "{}: {} lines: {} loaded, {} comment/blank, {} reported", s.path, l.total, l.loaded, l.comments, l.reported)?;
        }
    }
    out.flush()?;
    eprintln!("herald lexicon check: {e} error(s), {w} warning(s), {n} note(s) in {} file(s)", report.lexicon.sources.len());
    Ok(if e + w > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn source(lex: &Lexicon, a: &ActorEntry) -> String {
    let file = lex.sources.get(a.origin.source as usize).map(|s| s.path.as_str()).unwrap_or("?");
    format!("{file}:{}", a.origin.line)
}

fn range(from: Option<Date>, until: Option<Date>) -> String {
    match (from, until) {
        (None, None) => String::new(),
        (f, u) => format!("{}..{}", f.map(|d| d.to_string()).unwrap_or_default(), u.map(|d| d.to_string()).unwrap_or_default()),
    }
}

fn lookup(lex: &Lexicon, name: &str, date: Option<Date>, json_out: bool) -> anyhow::Result<ExitCode> {
    let tokens: Vec<&str> = name.split_whitespace().collect();
    // The exact phrase first, else every actor named inside the query.
    let mut ids: Vec<u32> = match lex.find_actor(name) {
        Some(id) => vec![id],
        None => lex.match_actors(&tokens).into_iter().map(|m| m.entry).collect(),
    };
    ids.dedup();
    let agents: Vec<u32> = lex.match_agents(&tokens).into_iter().map(|m| m.entry).collect();
    let roles: Vec<u32> = lex.match_roles(&tokens).into_iter().map(|m| m.entry).collect();
    let mut out = crate::output::open(None)?;
    if json_out {
        let actors: Vec<_> = ids
            .iter()
            .map(|&id| {
                let a = lex.actor(id);
                json!({
                    "name": a.name, "kind": a.kind.as_str(), "source": source(lex, a),
                    "code": a.code_on(date),
                    "codes": a.codes.iter().map(|c| json!({"code": c.code, "from": c.from.map(|d| d.to_string()), "until": c.until.map(|d| d.to_string())})).collect::<Vec<_>>(),
                    "roles": a.roles_on(date).map(|r| json!({"title": r.title, "from": r.from.map(|d| d.to_string()), "until": r.until.map(|d| d.to_string())})).collect::<Vec<_>>(),
                    "aliases": a.aliases,
                })
            })
            .collect();
        let agents: Vec<_> = agents.iter().map(|&i| lex.agent(i)).map(|a| json!({"phrase": a.phrase, "code": a.code, "placement": format!("{:?}", a.placement).to_lowercase()})).collect();
        let roles: Vec<_> = roles
            .iter()
            .map(|&i| lex.role(i))
            .map(|r| json!({"phrase": r.phrase, "code": match &r.code { herald_lexicon::RoleCode::Agent(c) => c.clone(), herald_lexicon::RoleCode::Organisation => "organisation".into() }}))
            .collect();
        writeln!(out, "{}", json!({"query": name, "date": date.map(|d| d.to_string()), "actors": actors, "agents": agents, "roles": roles}))?;
    } else {
        for &id in &ids {
            let a = lex.actor(id);
            let on = date.map(|d| format!(" on {d}")).unwrap_or_default();
            let code = a.code_on(date);
            writeln!(out, "{}\t{}\t{}", a.name, if code.is_empty() { "-".to_string() } else { code.join("/") }, source(lex, a))?;
            writeln!(out, "  {} with {} alias(es); code{on}: {}", a.kind.as_str(), a.aliases.len(), if code.is_empty() { "none".into() } else { code.join(", ") })?;
            for c in &a.codes {
                writeln!(out, "  code {} {}", c.code, range(c.from, c.until))?;
            }
            for r in a.roles_on(date) {
                writeln!(out, "  role {} {}", r.title, range(r.from, r.until))?;
            }
        }
        for &i in &agents {
            let a = lex.agent(i);
            writeln!(out, "agent {}\t{}{}", a.phrase, if a.placement == herald_lexicon::AgentPlacement::Before { "" } else { "~" }, a.code)?;
        }
        for &i in &roles {
            let r = lex.role(i);
            writeln!(out, "role {}\t{:?}", r.phrase, r.code)?;
        }
    }
    out.flush()?;
    if ids.is_empty() && agents.is_empty() && roles.is_empty() {
        eprintln!("herald lexicon: `{name}` is not in the lexicon");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
