//! `herald validate events`: codes gold texts and scores the events.
//!
//! Three gold formats, detected from the file:
//! - PETRARCH unit-test XML (`<Sentence>` records with raw `<Text>` and
//!   expected `<EventCoding>` triples): each record's text is parsed by
//!   herald and coded with the dictionaries the file's `<Environment>`
//!   names (looked up in `--dicts`, default `dicts/` beside the file).
//!   `--given-parse` codes the record's CoNLL-U `<Parse>` instead (files
//!   converted to UD only; a diagnostic, not the benchmark). Records whose
//!   error is `bad_input_parse` test the given Penn parse and are skipped
//!   when herald parses the raw text. The coder runs
//!   with PETRARCH's conventions the tests encode: bare agents (`---GOV`),
//!   paired codes (`[032:033]`), compound subjects acting on each other,
//!   announced acts under their own code.
//! - PLOVER JSONL (`events[{source, target, code}]`): event type and
//!   source-type-target, codes compared on their first three letters; the
//!   gold's `code_current` (the 2021 type names CAMEO2PLOVER uses: REQUEST,
//!   ACCUSE, ASSAULT) is preferred to its older `code`, and its INVESTIGATE
//!   read as the 2021 manual's ACCUSE (mode `investigate`). A gold event with
//!   several sources or targets (a compound actor) is matched by any of
//!   herald's per-party events of its type within those actors; the other
//!   parties' events are the same gold event, not extra ones.
//! - herald gold JSON (`events` with acceptable codes, `noise`): the
//!   document is given with `--text`.
//!
//! Prints precision, recall and F1 per category and the records it got wrong.

use crate::models::ModelArgs;
use anyhow::{Context, Result};
use herald_extract::events::{gold, CameoCoder, DocMeta, Event, EventScratch};
use herald_lexicon::{Lexicon, SourceFormat};
use herald_syntax::pipeline::{Analysis, Analyzer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `herald validate events`.
#[derive(clap::Args)]
pub struct EventsArgs {
    /// Gold file: PETRARCH unit-test XML, PLOVER JSONL or herald gold JSON.
    gold: PathBuf,
    /// The document of a herald gold file.
    #[arg(long)]
    text: Option<PathBuf>,
    /// Directory of the dictionaries a PETRARCH file names (default: `dicts/` beside it).
    #[arg(long)]
    dicts: Option<PathBuf>,
    /// Code the records' own CoNLL-U parses (PETRARCH files converted to UD).
    #[arg(long)]
    given_parse: bool,
    /// Take the CoNLL-U parses of the records from this PETRARCH file (by record id).
    #[arg(long)]
    parses: Option<PathBuf>,
    /// Publication date of the herald gold document, or of every PLOVER
    /// record (ISO).
    #[arg(long)]
    published: Option<String>,
    /// Print every record, not only the wrong ones.
    #[arg(long, short)]
    verbose: bool,
    /// Print the coded events of the herald gold document: `json`, `csv` (GDELT-style) or `plover`.
    #[arg(long, value_name = "FORMAT")]
    dump: Option<String>,
    #[command(flatten)]
    models: ModelArgs,
}

#[derive(Default, Clone, Copy)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn p(&self) -> f64 {
        if self.tp + self.fp == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }
    fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 0.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 }
    }
    fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn table(title: &str, rows: &BTreeMap<String, Prf>) {
    println!("{title}");
    println!("  {:<22} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}", "category", "tp", "fp", "fn", "P", "R", "F1");
    let mut all = Prf::default();
    for (k, v) in rows {
        all.add(*v);
        println!("  {:<22} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}", k, v.tp, v.fp, v.fn_, v.p(), v.r(), v.f());
    }
    println!("  {:<22} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}", "ALL", all.tp, all.fp, all.fn_, all.p(), all.r(), all.f());
}

/// Runs `herald validate events`.
pub fn run(a: EventsArgs) -> Result<ExitCode> {
    let raw = std::fs::read_to_string(&a.gold).with_context(|| format!("reading {}", a.gold.display()))?;
    let head = raw.trim_start();
    if head.starts_with('<') {
        petrarch(&a, &raw)
    } else if a.gold.extension().is_some_and(|e| e == "jsonl") || head.starts_with("{\"id\"") {
        plover(&a, &raw)
    } else {
        herald_gold(&a, &raw)
    }
}

struct Coder {
    analyzer: Option<Analyzer>,
    analysis: Analysis,
    scratch: EventScratch,
}

impl Coder {
    fn new(models: &ModelArgs, need: bool) -> Result<Coder> {
        let analyzer = if need {
            let (t, p) = models.load()?;
            Some(Analyzer::new(t, p))
        } else {
            None
        };
        let scratch = analyzer.as_ref().map(EventScratch::new).unwrap_or_default();
        Ok(Coder { analyzer, analysis: Analysis::new(), scratch })
    }
    fn code(&mut self, coder: &CameoCoder, lex: &Lexicon, text: &str, meta: &DocMeta) -> Vec<Event> {
        let an = self.analyzer.as_ref().expect("analyzer");
        match herald_extract::NameTags::new(an) {
            Some(n) => n.analyze(an, lex, text, &mut self.analysis),
            None => an.analyze(text, &mut self.analysis),
        }
        coder.code(lex, text, an, &self.analysis, meta, &mut self.scratch)
    }
    fn code_conllu(&mut self, coder: &CameoCoder, lex: &Lexicon, text: &str, conllu: &str, meta: &DocMeta) -> Result<Vec<Event>> {
        let sents = herald_syntax::conllu::parse(conllu).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        self.scratch.toks.fill_conllu(text, &sents);
        Ok(coder.code_toks(lex, text, meta, &mut self.scratch))
    }
}

fn tag<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let a = s.find(&open)? + open.len();
    let b = s[a..].find(&close)? + a;
    Some(&s[a..b])
}

fn attr<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(p) = s[from..].find(name) {
        let at = from + p;
        let rest = &s[at + name.len()..];
        let rest_t = rest.trim_start();
        if (at == 0 || s.as_bytes()[at - 1].is_ascii_whitespace()) && rest_t.starts_with('=') {
            let v = rest_t[1..].trim_start();
            let q = v.chars().next()?;
            let v = &v[1..];
            return v.find(q).map(|e| &v[..e]);
        }
        from = at + name.len();
    }
    None
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("<!--") {
        out.push_str(&rest[..p]);
        match rest[p..].find("-->") {
            Some(e) => rest = &rest[p + e + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn petrarch(a: &EventsArgs, raw: &str) -> Result<ExitCode> {
    let raw = strip_comments(raw);
    let dir = a.dicts.clone().unwrap_or_else(|| a.gold.parent().unwrap_or(Path::new(".")).join("dicts"));
    let env = tag(&raw, "Environment").context("no <Environment> in the PETRARCH file")?;
    let mut files = Vec::new();
    for (t, f) in [("Verbfile", SourceFormat::Verbs), ("Actorfile", SourceFormat::Actors), ("Agentfile", SourceFormat::Agents), ("Discardfile", SourceFormat::Discards)] {
        if let Some(name) = tag(env, t) {
            let p = dir.join(name.trim());
            let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
            files.push((p.display().to_string(), f, bytes));
        }
    }
    let report = Lexicon::from_sources(&files);
    let lex = report.lexicon;
    let mut coder = CameoCoder::new(&lex);
    // PETRARCH's conventions, which its unit tests expect.
    coder.options = herald_extract::events::Options::petrarch();
    let given = a.given_parse || a.parses.is_some();
    let mut c = Coder::new(&a.models, !given)?;
    let mut parses: BTreeMap<String, String> = BTreeMap::new();
    if let Some(p) = &a.parses {
        let other = strip_comments(&std::fs::read_to_string(p)?);
        for rec in other.split("<Sentence ").skip(1) {
            let head = &rec[..rec.find('>').unwrap_or(0)];
            if let (Some(id), Some(parse)) = (attr(head, "id"), tag(rec, "Parse")) {
                parses.insert(id.replace('_', "-"), parse.to_string());
            }
        }
    }
    let mut rows: BTreeMap<String, Prf> = BTreeMap::new();
    let (mut expected, mut found, mut produced, mut extra) = (0usize, 0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for rec in raw.split("<Sentence ").skip(1) {
        let rec = rec.split("</Sentence>").next().unwrap_or(rec);
        let head = &rec[..rec.find('>').unwrap_or(0)];
        let id = attr(head, "id").unwrap_or("?").to_string();
        let cat = attr(head, "category").map(str::to_string).unwrap_or_else(|| id.split(['-', '_']).next().unwrap_or("?").to_string());
        let date = attr(head, "date").map(|d| d.to_string());
        let text = unescape(tag(rec, "Text").unwrap_or("").trim());
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut gold: Vec<(String, String, String)> = Vec::new();
        let mut skip = false;
        for ec in rec.split("<EventCoding").skip(1) {
            let ec = &ec[..ec.find('>').unwrap_or(ec.len())];
            if let Some(err) = attr(ec, "error") {
                // error records expect no events (discards, datelines, bad input);
                // `bad_input_parse` tests the record's broken Penn parse, which
                // herald does not read when it parses the raw text: skipped then.
                if err == "bad_input_parse" && !given {
                    skip = true;
                }
                continue;
            }
            if attr(ec, "noevents").is_some() {
                continue;
            }
            match (attr(ec, "sourcecode"), attr(ec, "targetcode"), attr(ec, "eventcode")) {
                (Some(s), Some(t), Some(e)) => gold.push((s.to_string(), t.to_string(), e.to_string())),
                _ => skip = true,
            }
        }
        if skip && gold.is_empty() {
            skipped.push(id);
            continue;
        }
        let meta = DocMeta { published: date.map(|d| if d.len() == 8 { format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]) } else { d }) };
        let events = if given {
            let parse = if a.parses.is_some() {
                match parses.get(&id.replace('_', "-")) {
                    Some(p) => p.as_str(),
                    None => continue,
                }
            } else {
                tag(rec, "Parse").unwrap_or("")
            };
            c.code_conllu(&coder, &lex, &text, parse.trim_matches('\n'), &meta)?
        } else {
            c.code(&coder, &lex, &text, &meta)
        };
        let mut got: Vec<(String, String, String)> = events.iter().map(|e| (e.source.code.clone(), e.target.as_ref().map(|t| t.code.clone()).unwrap_or_else(|| "---".into()), e.cameo.clone())).collect();
        got.sort();
        got.dedup();
        let mut prf = Prf::default();
        let mut used = vec![false; got.len()];
        for g in &gold {
            match got.iter().enumerate().position(|(i, x)| !used[i] && x == g) {
                Some(i) => {
                    used[i] = true;
                    prf.tp += 1;
                }
                None => prf.fn_ += 1,
            }
        }
        prf.fp = used.iter().filter(|u| !**u).count();
        expected += gold.len();
        found += prf.tp;
        produced += got.len();
        extra += prf.fp;
        rows.entry(cat).or_default().add(prf);
        if prf.fp + prf.fn_ > 0 || a.verbose {
            wrong.push(format!("{id}: {text}\n    gold: {gold:?}\n    got:  {got:?}"));
        }
    }
    for w in &wrong {
        println!("{w}");
    }
    println!();
    if !skipped.is_empty() {
        println!("records not scored (no triples to compare, or a test of the given parse): {}", skipped.join(" "));
    }
    table("PETRARCH unit tests (triples source/target/event)", &rows);
    println!(
        "expected triples found: {found}/{expected} = {:.1}%; extra events: {extra}/{produced} = {:.1}% of coded",
        100.0 * found as f64 / expected.max(1) as f64,
        100.0 * extra as f64 / produced.max(1) as f64
    );
    Ok(ExitCode::SUCCESS)
}

fn codes(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(|x| x.as_str()).map(str::to_string).collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn c3(s: &str) -> &str {
    s.get(..3).unwrap_or(s)
}

/// The 2021 PLOVER type of a gold type name. The GSR's `code_current`
/// renames DEMAND, FIGHT and DISAPPROVE but keeps INVESTIGATE, which the
/// 2021 manual folds into ACCUSE (its CAMEO table: `09 INVESTIGATE ->
/// ACCUSE`, mode `investigate`), as herald and CAMEO2PLOVER-2021 code it.
fn current_type(code: &str) -> &str {
    match code {
        "INVESTIGATE" => "ACCUSE",
        c => c,
    }
}

fn plover(a: &EventsArgs, raw: &str) -> Result<ExitCode> {
    let lex = Lexicon::default_lexicon()?;
    let coder = CameoCoder::new(&lex);
    let mut c = Coder::new(&a.models, true)?;
    let mut types: BTreeMap<String, Prf> = BTreeMap::new();
    let mut full: BTreeMap<String, Prf> = BTreeMap::new();
    let mut wrong = Vec::new();
    let records = raw.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<Vec<Value>, _>>()?;
    // A date shared by every record is a placeholder, not the stories' dates
    // (the GSR dates all its records 2000-01-01, among them the Bam earthquake
    // of 2003): coding against it would give actors the codes of that year
    // (Serbia as SCG). Such records are coded undated.
    let placeholder = match records.first().and_then(|r| r["date"].as_str()) {
        Some(d) if records.len() > 1 && records.iter().all(|r| r["date"].as_str() == Some(d)) => {
            eprintln!("validate: every record is dated {d}: taken as a placeholder, records coded undated (give --published to set a date)");
            true
        }
        _ => false,
    };
    for r in &records {
        let text = r["text"].as_str().unwrap_or("");
        let date = if placeholder { None } else { r["date"].as_str().map(str::to_string) };
        let meta = DocMeta { published: a.published.clone().or(date) };
        let events = c.code(&coder, &lex, text, &meta);
        let gold: Vec<(Vec<String>, Vec<String>, String)> = r["events"].as_array().map(|v| v.iter().map(|e| (codes(&e["source"]), codes(&e["target"]), current_type(e["code_current"].as_str().or(e["code"].as_str()).unwrap_or("")).to_string())).collect()).unwrap_or_default();
        let got: Vec<(String, String, String)> = events
            .iter()
            .filter_map(|e| Some((c3(&e.source.code).to_string(), e.target.as_ref().map(|t| c3(&t.code).to_string()).unwrap_or_default(), e.plover.as_ref()?.kind.clone())))
            .collect();
        // Event type: sets per sentence.
        let mut gt: Vec<&str> = gold.iter().map(|g| g.2.as_str()).collect();
        gt.sort();
        gt.dedup();
        let mut pt: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
        pt.sort();
        pt.dedup();
        for t in &gt {
            let e = types.entry(t.to_string()).or_default();
            if pt.contains(t) { e.tp += 1 } else { e.fn_ += 1 }
        }
        for t in &pt {
            if !gt.contains(t) {
                types.entry(t.to_string()).or_default().fp += 1;
            }
        }
        // Full: source-type-target.
        let mut used = vec![false; got.len()];
        let mut ok_all = true;
        for (gs, gtg, gc) in &gold {
            let hit = got.iter().enumerate().position(|(i, (s, t, c))| {
                !used[i] && c == gc && gs.iter().any(|x| c3(x) == s) && (if gtg.is_empty() { t.is_empty() } else { gtg.iter().any(|x| c3(x) == t) })
            });
            let e = full.entry(gc.clone()).or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    e.tp += 1;
                    // A compound actor (`source: [USA, JOR]`) is one gold event that
                    // herald codes once a party: the other parties' events of the same
                    // type, within the gold's actors, are that event too (not extra).
                    for (j, (s, t, c)) in got.iter().enumerate() {
                        if !used[j] && c == gc && gs.iter().any(|x| c3(x) == s) && (if gtg.is_empty() { t.is_empty() } else { gtg.iter().any(|x| c3(x) == t) }) {
                            used[j] = true;
                        }
                    }
                }
                None => {
                    e.fn_ += 1;
                    ok_all = false;
                }
            }
        }
        for (i, u) in used.iter().enumerate() {
            if !u {
                full.entry(got[i].2.clone()).or_default().fp += 1;
                ok_all = false;
            }
        }
        if !ok_all || a.verbose {
            wrong.push(format!("{}: {text}\n    gold: {:?}\n    got:  {:?}", r["id"].as_str().unwrap_or("?"), gold, got));
        }
    }
    for w in &wrong {
        println!("{w}");
    }
    println!();
    table("PLOVER event type (per sentence)", &types);
    println!();
    table("PLOVER source-type-target (codes on 3 letters)", &full);
    Ok(ExitCode::SUCCESS)
}

fn herald_gold(a: &EventsArgs, raw: &str) -> Result<ExitCode> {
    let g: Value = serde_json::from_str(raw)?;
    let text_path = match &a.text {
        Some(p) => p.clone(),
        None => {
            let doc = g["document"].as_str().context("herald gold without `document`; pass --text")?;
            a.gold.parent().unwrap_or(Path::new(".")).join(doc)
        }
    };
    let text = std::fs::read_to_string(&text_path).with_context(|| format!("reading {}", text_path.display()))?;
    let lex = Lexicon::default_lexicon()?;
    let coder = CameoCoder::new(&lex);
    let mut c = Coder::new(&a.models, true)?;
    let meta = DocMeta { published: a.published.clone() };
    let events = c.code(&coder, &lex, &text, &meta);
    match a.dump.as_deref() {
        Some("json") => println!("{}", serde_json::to_string_pretty(&events)?),
        Some("csv") => {
            println!("{}", herald_extract::events::csv::gdelt_header());
            for (i, e) in events.iter().enumerate() {
                println!("{}", herald_extract::events::csv::gdelt_row(e, i as u64 + 1, a.published.as_deref(), None, i == 0));
            }
        }
        Some("plover") => {
            for e in &events {
                println!("{}", herald_extract::events::csv::plover_record(e, g["document"].as_str().unwrap_or("doc"), a.published.as_deref(), &text));
            }
        }
        _ => {}
    }
    let rep = gold::score(&g, &text, &events);
    let mut rows: BTreeMap<String, Prf> = BTreeMap::new();
    for h in &rep.hits {
        let row = rows.entry(if h.required { "required" } else { "optional" }.into()).or_default();
        match h.event {
            Some(i) => {
                row.tp += 1;
                if a.verbose {
                    println!("{}: found {}", h.id, gold::brief(&events[i]));
                }
            }
            None => {
                row.fn_ += 1;
                println!("{} MISSED ({}): {}\n    coded in its sentences: {:?}", h.id, if h.required { "required" } else { "optional" }, h.evidence, h.near);
            }
        }
    }
    for (i, frag) in &rep.noise {
        println!("NOISE CODED: {} in `{frag}`", gold::brief(&events[*i]));
    }
    rows.entry("unmatched (not in gold)".into()).or_default().fp += rep.extra.len();
    for &i in &rep.extra {
        println!("extra: {}", gold::brief(&events[i]));
    }
    println!();
    table("herald gold events", &rows);
    let (found, required) = rep.required();
    println!("required events found: {found}/{required}; noise coded: {}; events coded: {}", rep.noise.len(), events.len());
    if found < required || !rep.noise.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
