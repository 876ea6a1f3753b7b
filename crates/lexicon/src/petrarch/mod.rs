//! Readers for the PETRARCH2 / Phoenix dictionary formats.
//!
//! Each reader takes the file's lines (already decoded), strips comments,
//! and adds what it understands to the [`Builder`]; every other line gets an
//! error finding. The syntax is documented in `crates/lexicon/FORMAT.md`.

pub(crate) mod actors;
pub(crate) mod agents;
pub(crate) mod simple;
pub(crate) mod verbs;

use crate::date::Date;
use crate::model::CodeSpan;

/// One `[...]` group of a PETRARCH line.
#[derive(Debug)]
pub(crate) struct Bracket {
    pub inner: String,
}

/// Splits `text [A] [B]` into the text before the first `[` and the groups.
/// Errors on unbalanced brackets and on text after a group (`[120]--`).
pub(crate) fn split_brackets(s: &str) -> Result<(String, Vec<Bracket>), String> {
    let Some(first) = s.find('[') else {
        if s.contains(']') {
            return Err("unbalanced `]` without `[`".into());
        }
        return Ok((s.trim().to_string(), Vec::new()));
    };
    let head = s[..first].trim().to_string();
    if head.contains(']') {
        return Err("unbalanced `]` without `[`".into());
    }
    let mut rest = &s[first..];
    let mut groups = Vec::new();
    while !rest.is_empty() {
        let r = rest.trim_start();
        if r.is_empty() {
            break;
        }
        if !r.starts_with('[') {
            return Err(format!("unexpected `{}` after a `[...]` code (malformed code)", r.trim()));
        }
        let close = r.find(']');
        let reopen = r[1..].find('[').map(|p| p + 1);
        match close {
            Some(c) if reopen.is_none_or(|o| o > c) => {
                groups.push(Bracket { inner: r[1..c].trim().to_string() });
                rest = &r[c + 1..];
            }
            _ => {
                let hint = if r.contains('}') { " (a `}` closes a `[`?)" } else { "" };
                return Err(format!("unbalanced bracket: `[` without `]`{hint}"));
            }
        }
    }
    Ok((head, groups))
}

/// True for a well-formed PETRARCH actor code: upper-case letters and
/// digits, 3+ characters, optionally several joined with `/`; or `---`.
pub(crate) fn valid_actor_code(c: &str) -> bool {
    c == "---" || c.split('/').all(|p| p.len() >= 3 && p.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// Parses the inside of an actor code group: `ISRGOV`, `ISRGOV >090401`,
/// `ISRGOV <090401`, `ISRGOV 960618-990706` (blanks around `<`, `>`, `-`
/// tolerated). Returns the span and, separately, repairs worth a warning.
pub(crate) fn parse_code_restriction(inner: &str, line: u32) -> Result<(CodeSpan, Option<String>), String> {
    let inner = inner.trim();
    if inner.is_empty() {
        return Err("empty code `[]`".into());
    }
    let (code, restr) = match inner.find(char::is_whitespace) {
        Some(p) => (&inner[..p], inner[p..].trim()),
        None => (inner, ""),
    };
    let mut warning = None;
    let mut code = code.to_string();
    if !valid_actor_code(&code) {
        let up = code.to_ascii_uppercase();
        if up != code && valid_actor_code(&up) {
            warning = Some(format!("lower-case code `{code}` read as `{up}`"));
            code = up;
        } else {
            return Err(format!("malformed code `{code}` (expected upper-case letters and digits, e.g. `ISRGOV`)"));
        }
    }
    let compact: String = restr.chars().filter(|c| !c.is_whitespace()).collect();
    let (from, until) = if compact.is_empty() {
        (None, None)
    } else if let Some(d) = compact.strip_prefix('<') {
        (None, Some(Date::parse_petrarch(d)?.next_day()))
    } else if let Some(d) = compact.strip_prefix('>') {
        (Some(Date::parse_petrarch(d)?), None)
    } else if let Some((a, b)) = compact.split_once('-') {
        let (a, b) = (Date::parse_petrarch(a)?, Date::parse_petrarch(b)?);
        if b < a {
            return Err(format!("date range `{restr}` ends before it starts"));
        }
        (Some(a), Some(b.next_day()))
    } else {
        return Err(format!("bad date restriction `{restr}` (expected `<DATE`, `>DATE` or `DATE-DATE`)"));
    };
    Ok((CodeSpan { code, from, until, line }, warning))
}

/// Regular English plural of the last word of a phrase (PETRARCH's rule:
/// `Y` after a consonant -> `IES`; `S`, `X`, `CH`, `SH` -> `ES`; else `S`).
pub(crate) fn regular_plural(phrase: &str) -> String {
    let lower = phrase.to_ascii_lowercase();
    let consonant_y = lower.ends_with('y') && !lower.ends_with("ay") && !lower.ends_with("ey") && !lower.ends_with("oy") && !lower.ends_with("uy");
    let upper = phrase.chars().last().is_some_and(|c| c.is_uppercase());
    let (stem, suffix) = if consonant_y {
        (&phrase[..phrase.len() - 1], "ies")
    } else if ["s", "x", "ch", "sh", "z"].iter().any(|e| lower.ends_with(e)) {
        (phrase, "es")
    } else {
        (phrase, "s")
    };
    format!("{stem}{}", if upper { suffix.to_ascii_uppercase() } else { suffix.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_restrictions() {
        let (h, g) = split_brackets("JOE_BIDEN_ [USAGOV >090120] [USAELI]").unwrap();
        assert_eq!(h, "JOE_BIDEN_");
        assert_eq!(g.len(), 2);
        assert!(split_brackets("X [120]--").unwrap_err().contains("malformed"));
        assert!(split_brackets("X [~ENV}").unwrap_err().contains("unbalanced"));
        assert!(split_brackets("X ~ENV]").is_err());
        let (s, _) = parse_code_restriction("HOBGOV 19950601 - 19990815", 1).unwrap();
        assert_eq!(s.from.unwrap().to_string(), "1995-06-01");
        assert_eq!(s.until.unwrap().to_string(), "1999-08-16");
        let (s, w) = parse_code_restriction("pse", 1).unwrap();
        assert_eq!((s.code.as_str(), w.is_some()), ("PSE", true));
        assert!(parse_code_restriction("ISR 991340-000101", 1).is_err());
        assert!(parse_code_restriction("ISR ~000101", 1).is_err());
        assert!(parse_code_restriction("120]--", 1).is_err());
        assert_eq!(regular_plural("SECRETARY"), "SECRETARIES");
        assert_eq!(regular_plural("CONGRESS"), "CONGRESSES");
        assert_eq!(regular_plural("ENVOY"), "ENVOYS");
    }
}
