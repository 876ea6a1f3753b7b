//! Loading layers of dictionary files, and the shipped default lexicon.

use crate::builder::Builder;
use crate::finding::Finding;
use crate::model::{SourceFile, SourceFormat};
use crate::{petrarch, text, Error, Lexicon, Severity};
use std::path::{Path, PathBuf};

/// A lexicon and everything its readers reported.
#[derive(Debug)]
pub struct LoadReport {
    /// The lexicon built from every line that could be understood.
    pub lexicon: Lexicon,
    /// Findings of all files, in file and line order.
    pub findings: Vec<Finding>,
}

impl LoadReport {
    /// Number of error findings (lines not loaded).
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }
}

/// Expands manifests (`*.manifest`: one `path [format]` a line, relative to
/// the manifest, `#` comments) and detects each file's format from its name.
pub fn resolve_sources(paths: &[PathBuf]) -> Result<Vec<(PathBuf, SourceFormat)>, Error> {
    let mut out = Vec::new();
    for p in paths {
        if p.extension().is_some_and(|e| e == "manifest") {
            let text = std::fs::read_to_string(p).map_err(|e| Error::Io { path: p.display().to_string(), source: e })?;
            let dir = p.parent().unwrap_or(Path::new("."));
            for (i, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                let mut parts = line.split_whitespace();
                let file = dir.join(parts.next().expect("non-empty"));
                let format = match parts.next() {
                    Some(f) => SourceFormat::parse(f).ok_or_else(|| Error::Other(format!("{}:{}: unknown format `{f}`", p.display(), i + 1)))?,
                    None => detect(&file)?,
                };
                out.push((file, format));
            }
        } else {
            out.push((p.clone(), detect(p)?));
        }
    }
    Ok(out)
}

fn detect(p: &Path) -> Result<SourceFormat, Error> {
    SourceFormat::detect(p).ok_or_else(|| {
        Error::Other(format!(
            "{}: cannot tell the dictionary format from the name (use .hld for herald's format, or a name with actors/agents/verbs/discards/issues/prepositions/codefile/plover)",
            p.display()
        ))
    })
}

/// Reads one source into the builder.
pub(crate) fn read_source(b: &mut Builder, path: &str, format: SourceFormat, bytes: &[u8]) {
    let src = b.sources.len() as u32;
    let (lines, mut sink) = text::decode_lines(bytes, path);
    match format {
        SourceFormat::Herald => crate::herald_format::read(b, src, &lines, &mut sink),
        SourceFormat::CodeFile => {
            let stripped = text::strip_comments(&lines, &mut sink, false);
            petrarch::simple::read_codefile(b, src, &stripped, &mut sink)
        }
        SourceFormat::Config => {
            for (i, l) in lines.iter().enumerate() {
                let t = l.split('#').next().unwrap_or("").trim();
                if !t.is_empty() {
                    sink.note(i as u32 + 1, "configuration line: not part of the lexicon");
                    sink.loaded(i as u32 + 1);
                }
            }
        }
        _ => {
            let semicolon = !matches!(format, SourceFormat::Plover | SourceFormat::Issues);
            let stripped = text::strip_comments(&lines, &mut sink, semicolon);
            match format {
                SourceFormat::Actors => petrarch::actors::read(b, src, &stripped, &mut sink),
                SourceFormat::Agents => petrarch::agents::read(b, src, &stripped, &mut sink),
                SourceFormat::Verbs => petrarch::verbs::read(b, src, &stripped, &lines, &mut sink),
                SourceFormat::Discards => petrarch::simple::read_discards(b, src, &stripped, &mut sink),
                SourceFormat::Issues => petrarch::simple::read_issues(b, src, &stripped, &mut sink),
                SourceFormat::Prepositions => petrarch::simple::read_prepositions(b, src, &stripped, &mut sink),
                SourceFormat::Plover => petrarch::simple::read_plover(b, src, &stripped, &mut sink),
                _ => unreachable!(),
            }
        }
    }
    b.sources.push(SourceFile { path: path.to_string(), format, lines: sink.counts() });
    b.findings.extend(sink.findings);
}

impl Lexicon {
    /// Builds a lexicon from in-memory sources, in layer order.
    pub fn from_sources(sources: &[(String, SourceFormat, Vec<u8>)]) -> LoadReport {
        let mut b = Builder::default();
        for (path, format, bytes) in sources {
            read_source(&mut b, path, *format, bytes);
        }
        let (lexicon, mut findings) = Lexicon::from_builder(b);
        findings.extend(crate::check::check_lexicon(&lexicon));
        // In layer order, then by line (stable: a line's findings keep their order).
        let rank = |f: &Finding| lexicon.sources.iter().position(|s| s.path == f.file).unwrap_or(usize::MAX);
        findings.sort_by_key(|f| (rank(f), f.line));
        LoadReport { lexicon, findings }
    }

    /// Loads dictionary files (and manifests) as layers, later overriding earlier.
    pub fn load(paths: &[PathBuf]) -> Result<LoadReport, Error> {
        let mut srcs = Vec::new();
        for (p, f) in resolve_sources(paths)? {
            let bytes = std::fs::read(&p).map_err(|e| Error::Io { path: p.display().to_string(), source: e })?;
            srcs.push((p.display().to_string(), f, bytes));
        }
        Ok(Lexicon::from_sources(&srcs))
    }

    /// The shipped default lexicon (`data/lexicon/default.manifest`),
    /// compiled on first use and cached (see [`cache_path`]); the cache is
    /// keyed by a hash of every source byte, so edits are picked up.
    pub fn default_lexicon() -> Result<Lexicon, Error> {
        let dir = default_data_dir().ok_or_else(|| Error::Other("default lexicon not found: set HERALD_LEXICON_DIR to herald's data/lexicon".into()))?;
        let sources = resolve_sources(&[dir.join("default.manifest")])?;
        let mut srcs = Vec::new();
        // The cache depends on the readers too: bump READER_REVISION when a
        // reader reads the same bytes differently.
        let mut h: u64 = 0xcbf29ce484222325 ^ crate::FORMAT_VERSION as u64 ^ ((READER_REVISION as u64) << 32);
        let mut mix = |bytes: &[u8]| {
            for &b in bytes {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        };
        for (p, f) in sources {
            let bytes = std::fs::read(&p).map_err(|e| Error::Io { path: p.display().to_string(), source: e })?;
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            mix(name.as_bytes());
            mix(f.as_str().as_bytes());
            mix(&bytes);
            srcs.push((format!("data/lexicon/{name}"), f, bytes));
        }
        let cache = cache_path(h);
        if let Some(c) = &cache {
            if let Ok(lex) = Lexicon::open(c) {
                return Ok(lex);
            }
        }
        let lex = Lexicon::from_sources(&srcs).lexicon;
        if let Some(c) = &cache {
            if let Some(d) = c.parent() {
                let _ = std::fs::create_dir_all(d);
            }
            let _ = lex.compile_to(c);
        }
        Ok(lex)
    }
}

/// Revision of the dictionary readers, part of the cache key of the default
/// lexicon (2: PETRARCH-1 `*`-joined pattern tokens, several header codes,
/// nested synonym sets; 3: a trailing acronym of an actor name dropped).
const READER_REVISION: u32 = 3;

/// Where the compiled default is cached: `$HERALD_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/herald`, else `$HOME/.cache/herald`.
fn cache_path(hash: u64) -> Option<PathBuf> {
    let dir = std::env::var_os("HERALD_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("herald")))
        .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/herald")))?;
    Some(dir.join(format!("lexicon-{hash:016x}.hlx")))
}

/// The directory of the shipped default lexicon: `$HERALD_LEXICON_DIR`, else
/// `data/lexicon` in an ancestor of the executable, else in the source tree
/// this crate was built from.
pub fn default_data_dir() -> Option<PathBuf> {
    let ok = |d: &Path| d.join("default.manifest").is_file();
    if let Some(d) = std::env::var_os("HERALD_LEXICON_DIR").map(PathBuf::from) {
        return Some(d);
    }
    if let Ok(exe) = std::env::current_exe() {
        for a in exe.ancestors().skip(1) {
            let d = a.join("data/lexicon");
            if ok(&d) {
                return Some(d);
            }
        }
    }
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lexicon");
    ok(&d).then_some(d)
}
