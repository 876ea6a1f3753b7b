//! Text helpers shared by the readers: decoding with per-line UTF-8 errors,
//! PETRARCH comment stripping, and the token normalisation used by matchers.

use crate::finding::Sink;

/// Splits raw bytes into lines (without `\n`/`\r\n`). Lines that are not
/// valid UTF-8 are reported as errors and replaced by an empty string.
pub(crate) fn decode_lines(bytes: &[u8], file: &str) -> (Vec<String>, Sink) {
    let mut raw: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    if raw.last().is_some_and(|l| l.is_empty()) {
        raw.pop();
    }
    let mut sink = Sink::new(file, raw.len());
    let mut lines = Vec::with_capacity(raw.len());
    for (i, l) in raw.iter().enumerate() {
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        match std::str::from_utf8(l) {
            Ok(s) => lines.push(s.strip_prefix('\u{feff}').unwrap_or(s).to_string()),
            Err(e) => {
                sink.error(i as u32 + 1, format!("invalid UTF-8 at byte {} of the line; line skipped", e.valid_up_to()));
                lines.push(String::new());
            }
        }
    }
    (lines, sink)
}

/// Removes PETRARCH comments from every line: `<!-- ... -->` (possibly over
/// several lines), then `#` and legacy `;` to the end of the line. Returns the
/// content of each line (possibly empty). Malformed comment openers such as
/// `<! --` are reported and the line is blanked.
pub(crate) fn strip_comments(lines: &[String], sink: &mut Sink, semicolon: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_xml = false;
    for (i, line) in lines.iter().enumerate() {
        let ln = i as u32 + 1;
        let mut rest = line.as_str();
        let mut kept = String::new();
        loop {
            if in_xml {
                match rest.find("-->") {
                    Some(p) => {
                        rest = &rest[p + 3..];
                        in_xml = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(p) => {
                        kept.push_str(&rest[..p]);
                        rest = &rest[p + 4..];
                        in_xml = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        let mut content = kept.as_str();
        if let Some(p) = content.find('#') {
            content = &content[..p];
        }
        if semicolon {
            if let Some(p) = content.find(';') {
                content = &content[..p];
            }
        }
        if content.trim_start().starts_with("<!") || content.trim_start().starts_with("-->") {
            sink.error(ln, "malformed XML comment (expected `<!-- ... -->`); line skipped");
            out.push(String::new());
            continue;
        }
        out.push(content.trim_end().to_string());
    }
    if in_xml {
        sink.warn(lines.len() as u32, "unterminated `<!--` comment runs to the end of the file");
    }
    out
}

/// English function words that are never matched as one-token names, even
/// where a dictionary lists them (`US_` in Phoenix would match "us").
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a", "am", "an", "and", "are", "as", "at", "be", "by", "do", "he", "her", "his", "i", "if", "in", "is", "it", "its",
    "me", "my", "no", "of", "on", "or", "our", "she", "so", "the", "to", "up", "us", "we", "who", "will", "may",
];

/// Normalises one token for matching: lower case, typographic quotes and
/// dashes to ASCII. Returns the pieces of the token split at hyphens and
/// underscores (a name written `Dol_Amroth` in text is the dictionary's
/// `DOL AMROTH`; empty when the token is only punctuation dashes), with possessive clitics split
/// off as the tokenizer does. The upper-case piece `US` is the country
/// (`u.s.`), not the pronoun `us`: "the US", "US-PRC relations", `US_CONGRESS`.
pub fn normalize_token(tok: &str) -> Vec<String> {
    let mut s = String::with_capacity(tok.len());
    for c in tok.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => s.push('\''),
            '\u{201C}' | '\u{201D}' => s.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => s.push('-'),
            _ => s.extend(c.to_lowercase()),
        }
    }
    // The original case of each hyphen-separated piece (lower-casing never
    // adds or removes a dash, so the pieces line up).
    let mut upper = tok.split(|c: char| c == '-' || c == '_' || ('\u{2010}'..='\u{2015}').contains(&c) || c == '\u{2212}').filter(|p| !p.is_empty());
    let mut out = Vec::new();
    for p in s.split(['-', '_']).filter(|p| !p.is_empty()) {
        if upper.next() == Some("US") {
            out.push("u.s.".to_string());
            continue;
        }
        // Possessive clitics are tokens of their own, as the tokenizer makes
        // them (UD): PEOPLE'S -> people 's, WORKERS' -> workers '.
        if let Some(stem) = p.strip_suffix("'s").filter(|s| !s.is_empty() && !s.ends_with('\'')) {
            out.push(stem.to_string());
            out.push("'s".to_string());
        } else if let Some(stem) = p.strip_suffix('\'').filter(|s| s.ends_with('s') && !s.contains('\'')) {
            out.push(stem.to_string());
            out.push("'".to_string());
        } else {
            out.push(p.to_string());
        }
    }
    out
}

/// Whether most words of a sentence are written in capitals (a headline in
/// capitals, where case says nothing).
pub(crate) fn all_caps(tokens: &[&str]) -> bool {
    let (mut caps, mut words) = (0usize, 0usize);
    for t in tokens.iter().filter(|t| t.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()) {
        words += 1;
        caps += t.chars().all(|c| !c.is_lowercase()) as usize;
    }
    caps * 2 > words
}

/// Splits a dictionary phrase into normalised tokens: `_` and blanks separate
/// words, hyphens split words (as a UD tokenizer does), a trailing `_` (the
/// PETRARCH "no plural / exact" marker) is ignored.
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    phrase.split(|c: char| c == '_' || c.is_whitespace()).flat_map(normalize_token).collect()
}

/// The tokens a phrase is matched by: [`phrase_tokens`] without a leading
/// `the`, so that "the United States" is stored as "United States" and
/// leftmost-longest matching does not prefer "[the United States] of America"
/// over "the [United States of America]".
pub(crate) fn match_tokens(phrase: &str) -> Vec<String> {
    let mut t = phrase_tokens(phrase);
    if t.len() > 1 && t[0] == "the" {
        t.remove(0);
    }
    t
}
