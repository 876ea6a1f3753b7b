//! `herald parse`: prints CoNLL-U for any text, so a user sees what herald
//! reads; `--input-format conllu` tags and parses the words of a treebank.

use crate::models::ModelArgs;
use crate::output;
use anyhow::{Context, Result};
use herald_ingest::{InputFormat, Item};
use herald_syntax::conllu;
use herald_syntax::pipeline::{Analysis, Analyzer};
use herald_text::CharMap;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `herald parse`.
#[derive(clap::Args)]
pub struct ParseArgs {
    /// Files, directories or `-` for standard input.
    #[arg(default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Input format (`auto` looks at the content).
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    input_format: Format,
    #[command(flatten)]
    run: output::RunArgs,
    #[command(flatten)]
    models: ModelArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Auto,
    Text,
    Jsonl,
    Conllu,
}

/// Runs `herald parse`.
pub fn run(a: ParseArgs) -> Result<ExitCode> {
    let (tagger, parser) = a.models.load()?;
    let analyzer = Analyzer::new(tagger, parser);
    let pool = a.run.pool()?;
    let mut out = a.run.writer()?;
    let mut failed = 0usize;
    let mut done = 0usize;
    if a.input_format == Format::Conllu {
        for path in &a.inputs {
            let text = read_to_string(path)?;
            let mut sents = conllu::parse(&text).with_context(|| format!("{}", path.display()))?;
            pool.install(|| {
                sents.par_iter_mut().for_each(|s| {
                    for w in &mut s.words {
                        w.feats.clear();
                        w.deps.clear();
                    }
                    let _ = herald_syntax::pipeline::tag_and_parse(&analyzer.tagger, &analyzer.parser, std::slice::from_mut(s));
                })
            });
            let mut buf = String::new();
            for s in &sents {
                conllu::write_sentence(&mut buf, s);
            }
            out.write_all(buf.as_bytes())?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let format = match a.input_format {
        Format::Text => InputFormat::Text,
        Format::Jsonl => InputFormat::Jsonl,
        _ => InputFormat::Auto,
    };
    // Documents from several files go to the workers together (a directory
    // of one-document files would otherwise run one document at a time).
    let batch = pool.current_num_threads() * 32;
    let mut pending: Vec<Item> = Vec::new();
    let mut files = herald_ingest::expand(&a.inputs).into_iter().peekable();
    while let Some(file) = files.next() {
        match file {
            Ok(path) => pending.extend(herald_ingest::read_input(&path, format)),
            Err(r) => pending.push(Err(r)),
        }
        if pending.len() < batch && files.peek().is_some() {
            continue;
        }
        let rendered: Vec<Result<String, String>> = pool.install(|| {
            std::mem::take(&mut pending)
                .into_par_iter()
                .map_init(Analysis::new, |an, item| match item {
                    Ok(doc) => {
                        analyzer.analyze(&doc.text, an);
                        Ok(render(&analyzer, an, &doc.id, &doc.text))
                    }
                    Err(r) => Err(r.to_string()),
                })
                .collect()
        });
        for r in rendered {
            match r {
                Ok(s) => {
                    out.write_all(s.as_bytes())?;
                    done += 1;
                }
                Err(e) => {
                    eprintln!("herald: {e}");
                    failed += 1;
                }
            }
        }
    }
    out.flush()?;
    Ok(exit_code(done, failed))
}

/// 0 when all went well, 1 when some documents failed, 2 when all did.
pub fn exit_code(done: usize, failed: usize) -> ExitCode {
    match (done, failed) {
        (_, 0) => ExitCode::SUCCESS,
        (0, _) => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}

fn read_to_string(path: &std::path::Path) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)?;
        b
    } else {
        std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?
    };
    String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("{}: not valid UTF-8 (invalid byte at offset {})", path.display(), e.utf8_error().valid_up_to()))
}

/// CoNLL-U for one analysed document. MISC carries `TokenRange=start:end`
/// in Unicode characters of the original text, and `SpaceAfter=No`.
/// Written with `push_str` and [`push_num`] (no formatting machinery, no
/// per-token allocation): the writer was a visible share of `herald parse`.
fn render(an_: &Analyzer, a: &Analysis, id: &str, text: &str) -> String {
    let map = CharMap::new(text);
    let mut out = String::with_capacity(text.len() * 8);
    out.push_str("# newdoc id = ");
    out.push_str(id);
    out.push('\n');
    let mut last_par = usize::MAX;
    for (si, s) in a.seg.sentences.iter().enumerate() {
        if s.paragraph != last_par {
            out.push_str("# newpar\n");
            last_par = s.paragraph;
        }
        out.push_str("# sent_id = ");
        out.push_str(id);
        out.push('-');
        push_num(&mut out, si + 1);
        out.push_str("\n# text = ");
        for (i, w) in s.span.slice(text).split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        out.push('\n');
        for (k, ti) in s.tokens.clone().enumerate() {
            let tok = &a.seg.tokens[ti];
            let w = &a.words[ti];
            let [cs, ce] = map.span(tok.span);
            push_num(&mut out, k + 1);
            out.push('\t');
            out.push_str(&sanitize(tok.span.slice(text)));
            out.push('\t');
            out.push_str(&sanitize(a.lemma(ti)));
            out.push('\t');
            out.push_str(an_.tagger.upos_name(w.upos));
            out.push('\t');
            out.push_str(an_.tagger.xpos_name(w.xpos));
            out.push_str("\t_\t");
            push_num(&mut out, w.head as usize);
            out.push('\t');
            out.push_str(an_.parser.deprel_name(w.deprel));
            out.push_str("\t_\t");
            if !tok.space_after {
                out.push_str("SpaceAfter=No|");
            }
            out.push_str("TokenRange=");
            push_num(&mut out, cs);
            out.push(':');
            push_num(&mut out, ce);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Appends `n` in decimal.
fn push_num(out: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // The digits are ASCII.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// CoNLL-U fields cannot hold tabs or newlines, nor be empty.
fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "_".into()
    } else if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}
