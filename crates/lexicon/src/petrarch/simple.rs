//! The one-entry-a-line PETRARCH files: discards, issues, prepositions, the
//! CAMEO code file, and the CAMEO -> PLOVER table.

use crate::builder::Builder;
use crate::finding::Sink;
use crate::model::{Discard, IssueEntry, Origin, PloverMapping};

/// `Phoenix.discards.txt`: `PHRASE` (sentence) or `+PHRASE` (story); a
/// trailing `_` requires the last word to be complete.
pub(crate) fn read_discards(b: &mut Builder, src: u32, lines: &[String], sink: &mut Sink) {
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        let (story, p) = match t.strip_prefix('+') {
            Some(r) => (true, r.trim()),
            None => (false, t),
        };
        if p.is_empty() || p.contains(['[', ']', '{', '}']) {
            sink.error(ln, format!("bad discard phrase `{t}`"));
            continue;
        }
        b.discards.push(Discard { phrase: p.to_string(), story, exact: p.ends_with('_'), origin: Origin { source: src, line: ln } });
        sink.loaded(ln);
    }
}

/// `Phoenix.prepositions.txt`: one preposition a line.
pub(crate) fn read_prepositions(b: &mut Builder, _src: u32, lines: &[String], sink: &mut Sink) {
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        if t.contains(char::is_whitespace) || !t.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
            sink.error(ln, format!("`{t}` is not a single word"));
            continue;
        }
        b.prepositions.push(t.to_lowercase());
        sink.loaded(ln);
    }
}

/// Expands the issue-phrase operators: `n:` noun (singular and plural),
/// `v:` verb (`s`, `ed`, `ing`), `+` joins with a blank or a hyphen.
pub(crate) fn expand_issue(phrase: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (wi, word) in phrase.split_whitespace().enumerate() {
        let mut forms: Vec<String> = Vec::new();
        let base_forms = |w: &str| -> Vec<String> {
            if let Some(n) = w.strip_prefix("n:") {
                vec![n.to_string(), super::regular_plural(n)]
            } else if let Some(v) = w.strip_prefix("v:") {
                let stem = v.strip_suffix('e').unwrap_or(v);
                vec![v.to_string(), super::regular_plural(v), format!("{stem}ed"), format!("{stem}ing")]
            } else {
                vec![w.to_string()]
            }
        };
        let parts: Vec<&str> = word.split('+').collect();
        // Cartesian product over the parts of a `+` word, joined by ' ' or '-'.
        let mut acc: Vec<String> = vec![String::new()];
        for (pi, part) in parts.iter().enumerate() {
            let mut next = Vec::new();
            for a in &acc {
                for f in base_forms(part) {
                    if pi == 0 {
                        next.push(f.clone());
                    } else {
                        next.push(format!("{a} {f}"));
                        next.push(format!("{a}-{f}"));
                    }
                }
            }
            acc = next;
        }
        forms.extend(acc);
        out = out.iter().flat_map(|o| forms.iter().map(move |f| if wi == 0 { f.clone() } else { format!("{o} {f}") })).collect();
    }
    out
}

/// `Phoenix.IssueCoding.txt`: `<ISSUE CATEGORY="X" TYPE="ALL">` blocks of
/// `phrase [CODE]` lines and `~`/`~~` ignore phrases.
pub(crate) fn read_issues(b: &mut Builder, src: u32, lines: &[String], sink: &mut Sink) {
    let mut category = String::new();
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(rest) = t.strip_prefix("<ISSUE") {
            match rest.split_once("CATEGORY=\"").and_then(|(_, r)| r.split_once('"')) {
                Some((cat, _)) if rest.trim_end().ends_with('>') => {
                    category = cat.to_string();
                    sink.loaded(ln);
                }
                _ => sink.error(ln, "malformed `<ISSUE CATEGORY=\"...\">` tag"),
            }
            continue;
        }
        if t == "</ISSUE>" {
            if category.is_empty() {
                sink.error(ln, "`</ISSUE>` without an open `<ISSUE>`");
            } else {
                category.clear();
                sink.loaded(ln);
            }
            continue;
        }
        let origin = Origin { source: src, line: ln };
        if let Some(p) = t.strip_prefix('~') {
            let (level, p) = match p.strip_prefix('~') {
                Some(p) => (2, p),
                None => (1, p),
            };
            b.issues.push(IssueEntry { phrase: p.trim().to_string(), code: String::new(), category: category.clone(), ignore: level, origin });
            sink.loaded(ln);
            continue;
        }
        let (phrase, code) = match super::split_brackets(t) {
            Ok((p, g)) if g.len() == 1 && !p.is_empty() => (p, g[0].inner.clone()),
            Ok((p, g)) if g.is_empty() && !category.is_empty() => {
                sink.warn(ln, format!("issue phrase `{p}` without `[CODE]`: coded with its category `{category}`"));
                (p, category.clone())
            }
            Ok(_) => {
                sink.error(ln, format!("issue line `{t}` needs exactly one `[CODE]`"));
                continue;
            }
            Err(e) => {
                sink.error(ln, e);
                continue;
            }
        };
        if code.is_empty() || !code.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_' || c == b'-') {
            sink.error(ln, format!("malformed issue code `{code}`"));
            continue;
        }
        if category.is_empty() {
            sink.warn(ln, "issue phrase outside an `<ISSUE>` block");
        }
        b.issues.push(IssueEntry { phrase, code, category: category.clone(), ignore: 0, origin });
        sink.loaded(ln);
    }
    if !category.is_empty() {
        sink.warn(lines.len() as u32, format!("`<ISSUE CATEGORY=\"{category}\">` never closed"));
    }
}

/// `CAMEO_codefile.txt`: `LABEL: 010= Make statement` (`LABELi:` = ICEWS
/// variant, kept as an alternative label), `//` comments, `~~~~~` end marker.
pub(crate) fn read_codefile(b: &mut Builder, _src: u32, lines: &[String], sink: &mut Sink) {
    for (i, l) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = l.trim();
        if t.is_empty() || t.starts_with("//") || t.chars().all(|c| c == '~') {
            continue;
        }
        let (icews, rest) = if let Some(r) = t.strip_prefix("LABELi:").or_else(|| t.strip_prefix("LABELI:")) {
            (true, r)
        } else if let Some(r) = t.strip_prefix("LABEL:") {
            (false, r)
        } else {
            sink.error(ln, format!("unknown code file line `{t}`"));
            continue;
        };
        let Some((code, label)) = rest.split_once('=') else {
            sink.error(ln, "label line without `=`");
            continue;
        };
        let code = code.trim();
        // ICEWS variants carry a lower-case suffix (`0811i`, `13y`).
        let base = code.trim_end_matches(|c: char| c.is_ascii_lowercase());
        if !super::verbs::valid_verb_code(base) || code.len() > base.len() + 1 {
            sink.error(ln, format!("malformed event code `{code}`"));
            continue;
        }
        let label = label.trim().to_string();
        match b.cameo_labels.iter_mut().find(|(c, _)| c == code) {
            Some(_) if icews => {}
            Some((_, old)) => {
                if *old != label {
                    sink.note(ln, format!("second label for {code}: `{label}` replaces `{old}`"));
                }
                *old = label;
            }
            None => b.cameo_labels.push((code.to_string(), label)),
        }
        sink.loaded(ln);
    }
}

/// `CAMEO2PLOVER-2021.txt`: `0311: AGREE,  ,   economic # label`; lines
/// `03: AGREE` head a section.
pub(crate) fn read_plover(b: &mut Builder, _src: u32, lines: &[String], sink: &mut Sink) {
    for (i, content) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let t = content.trim();
        if t.is_empty() {
            continue;
        }
        let Some((code, rest)) = t.split_once(':') else {
            sink.error(ln, format!("unknown line `{t}` (expected `CODE: TYPE, mode, context`)"));
            continue;
        };
        let code = code.trim();
        if !code.bytes().all(|c| c.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
            sink.error(ln, format!("malformed CAMEO code `{code}`"));
            continue;
        }
        let fields: Vec<&str> = rest.split(',').map(str::trim).collect();
        let ty = fields[0];
        if ty.is_empty() || !ty.bytes().all(|c| c.is_ascii_uppercase() || c == b'_') {
            sink.error(ln, format!("malformed PLOVER type `{ty}`"));
            continue;
        }
        if fields.len() == 1 {
            // Section heading (`03: AGREE`): records the two-digit root.
            b.plover.push((code.to_string(), PloverMapping { event_type: ty.to_string(), mode: String::new(), context: Vec::new() }));
            sink.loaded(ln);
            continue;
        }
        if fields.len() != 3 {
            sink.error(ln, format!("expected `TYPE, mode, context`, found {} fields", fields.len()));
            continue;
        }
        let context = fields[2].split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
        b.plover.push((code.to_string(), PloverMapping { event_type: ty.to_string(), mode: fields[1].to_string(), context }));
        sink.loaded(ln);
    }
}
