//! CoNLL-U reading and writing (<https://universaldependencies.org/format.html>).
//!
//! Multi-word token lines (`1-2`) and empty nodes (`1.1`) are kept aside so a
//! file can be read, re-tagged and written back; the tagger and parser work
//! on the syntactic words.

use std::fmt::Write as _;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS.
    pub feats: String,
    /// HEAD (0 = root).
    pub head: usize,
    /// DEPREL.
    pub deprel: String,
    /// DEPS.
    pub deps: String,
    /// MISC.
    pub misc: String,
}

impl Word {
    /// True unless MISC carries `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multi-word token line (`3-4	don't ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiWord {
    /// First word index (1-based).
    pub first: usize,
    /// Last word index (1-based, inclusive).
    pub last: usize,
    /// The surface form.
    pub form: String,
    /// MISC column.
    pub misc: String,
}

/// A CoNLL-U sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines, without the leading `# `.
    pub comments: Vec<String>,
    /// Syntactic words, index 0 is word 1.
    pub words: Vec<Word>,
    /// Multi-word tokens.
    pub multiwords: Vec<MultiWord>,
    /// Empty-node lines, kept verbatim.
    pub empty_nodes: Vec<(usize, String)>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }
    /// The `# text =` line, if present.
    pub fn text(&self) -> Option<&str> {
        self.meta("text")
    }
}

/// A CoNLL-U syntax error with its line number.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a whole CoNLL-U document.
pub fn parse(input: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let err = |line: usize, message: String| ConlluError { line, message };
    for (i, raw) in input.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(line_no, format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let first = a.parse().map_err(|_| err(line_no, format!("bad range id {id:?}")))?;
            let last = b.parse().map_err(|_| err(line_no, format!("bad range id {id:?}")))?;
            cur.multiwords.push(MultiWord { first, last, form: cols[1].to_string(), misc: cols[9].to_string() });
            continue;
        }
        if id.contains('.') {
            cur.empty_nodes.push((cur.words.len(), line.to_string()));
            continue;
        }
        let n: usize = id.parse().map_err(|_| err(line_no, format!("bad word id {id:?}")))?;
        if n != cur.words.len() + 1 {
            return Err(err(line_no, format!("word id {n} out of sequence")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| err(line_no, format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() || !cur.comments.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Reads and parses a CoNLL-U file.
pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<Sentence>> {
    let s = std::fs::read_to_string(path)?;
    parse(&s).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", path.display())))
}

fn col(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Writes one sentence in CoNLL-U, ending with the blank line.
pub fn write_sentence(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        let _ = writeln!(out, "# {c}");
    }
    let mut mw = s.multiwords.iter().peekable();
    let mut en = s.empty_nodes.iter().peekable();
    for (i, w) in s.words.iter().enumerate() {
        let id = i + 1;
        while let Some(m) = mw.next_if(|m| m.first == id) {
            let _ = writeln!(out, "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}", m.first, m.last, m.form, col(&m.misc));
        }
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            col(&w.form),
            col(&w.lemma),
            col(&w.upos),
            col(&w.xpos),
            col(&w.feats),
            w.head,
            col(&w.deprel),
            col(&w.deps),
            col(&w.misc)
        );
        while let Some((_, line)) = en.next_if(|(after, _)| *after == id) {
            let _ = writeln!(out, "{line}");
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn round_trips() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text(), Some("Don't go."));
        assert_eq!(s[0].words[2].head, 0);
        assert!(!s[0].words[2].space_after());
        let mut out = String::new();
        write_sentence(&mut out, &s[0]);
        assert_eq!(out, SAMPLE);
    }

    #[test]
    fn reports_bad_lines() {
        let e = parse("1\tx\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(parse("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").is_err());
    }
}
