//! Findings: what a reader or `check` has to say about a line, and the
//! per-file line accounting (every line is blank/comment, loaded, or reported).

use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; the line was loaded as written.
    Note,
    /// Suspicious; the line was loaded, maybe with a repair described in the message.
    Warning,
    /// The line (or the construct on it) could not be understood and was not loaded.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding, tied to a file and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// File as given to the loader.
    pub file: String,
    /// 1-based line number (0 when the finding concerns the whole file).
    pub line: u32,
    /// Severity.
    pub severity: Severity,
    /// Human-readable message.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.severity, self.message)
    }
}

/// How each line of one source file was accounted for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineCounts {
    /// Lines in the file.
    pub total: u32,
    /// Blank lines and comment-only lines.
    pub comments: u32,
    /// Lines whose content was loaded (possibly with a warning).
    pub loaded: u32,
    /// Lines not loaded: each has at least one error finding.
    pub reported: u32,
}

impl LineCounts {
    /// True when every line is accounted for exactly once.
    pub fn balanced(&self) -> bool {
        self.comments + self.loaded + self.reported == self.total
    }
}

/// What happened to one line; readers record one per line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineFate {
    Comment,
    Loaded,
    Reported,
}

/// Collects findings and line fates for one file.
pub(crate) struct Sink {
    pub file: String,
    pub findings: Vec<Finding>,
    pub fates: Vec<LineFate>,
}

impl Sink {
    pub fn new(file: &str, lines: usize) -> Sink {
        Sink { file: file.to_string(), findings: Vec::new(), fates: vec![LineFate::Comment; lines] }
    }
    pub fn push(&mut self, line: u32, severity: Severity, message: impl Into<String>) {
        self.findings.push(Finding { file: self.file.clone(), line, severity, message: message.into() });
        if severity == Severity::Error && line > 0 {
            self.fates[line as usize - 1] = LineFate::Reported;
        }
    }
    pub fn error(&mut self, line: u32, message: impl Into<String>) {
        self.push(line, Severity::Error, message)
    }
    pub fn warn(&mut self, line: u32, message: impl Into<String>) {
        self.push(line, Severity::Warning, message)
    }
    pub fn note(&mut self, line: u32, message: impl Into<String>) {
        self.push(line, Severity::Note, message)
    }
    /// Marks a line loaded unless it was already reported.
    pub fn loaded(&mut self, line: u32) {
        let f = &mut self.fates[line as usize - 1];
        if *f == LineFate::Comment {
            *f = LineFate::Loaded;
        }
    }
    pub fn counts(&self) -> LineCounts {
        let mut c = LineCounts { total: self.fates.len() as u32, ..LineCounts::default() };
        for f in &self.fates {
            match f {
                LineFate::Comment => c.comments += 1,
                LineFate::Loaded => c.loaded += 1,
                LineFate::Reported => c.reported += 1,
            }
        }
        c
    }
}
