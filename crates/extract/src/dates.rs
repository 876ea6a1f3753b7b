//! Resolution of the date expressions news text uses ("on Thursday",
//! "earlier this week", "next week", "yesterday", "July 25", "25 July 2025")
//! against the document's publication date.
//!
//! Weekday names without `next` are read as the latest such day on or before
//! publication (news reports past events), `next <weekday>` as the first one
//! after. Weeks run Monday to Sunday. Without a publication date the
//! expression is still found and described, but `resolved` stays `None`.

use herald_lexicon::Date;
use serde::Serialize;

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateExpr {
    /// First word of the expression (index into the caller's words).
    #[serde(skip)]
    pub start: usize,
    /// One past its last word.
    #[serde(skip)]
    pub end: usize,
    /// ISO date (`2025-07-24`) or interval (`2025-07-21/2025-07-27`); `None`
    /// without a publication date.
    pub resolved: Option<String>,
    /// How the expression relates to publication (`"the Thursday before publication"`).
    pub relation: String,
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Weekday of a date, Monday = 0.
pub fn weekday(d: Date) -> u32 {
    (d.days() + 3).rem_euclid(7) as u32
}

fn iso(d: Date) -> String {
    let (y, m, dd) = d.ymd();
    format!("{y:04}-{m:02}-{dd:02}")
}

fn week_of(d: Date) -> (Date, Date) {
    let mon = Date::from_days(d.days() - weekday(d) as i32);
    (mon, Date::from_days(mon.days() + 6))
}

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS.iter().position(|m| *m == w || (w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == "sept"))).map(|p| p as u32 + 1)
}

fn day_num(w: &str) -> Option<u32> {
    let w = w.trim_end_matches("st").trim_end_matches("nd").trim_end_matches("rd").trim_end_matches("th");
    w.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

/// Parses a publication date: ISO (`2025-07-26`, `2025-07-26T10:00:00Z`) or PETRARCH (`20250726`).
pub fn parse_published(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    Date::parse_iso(head).ok().or_else(|| Date::parse_petrarch(s.get(..8).unwrap_or(s)).ok())
}

/// Finds the first date expression in `words` (lower case) and resolves it.
pub fn find(words: &[&str], published: Option<Date>) -> Option<DateExpr> {
    let n = words.len();
    for i in 0..n {
        let w = words[i];
        let prev = if i > 0 { words[i - 1] } else { "" };
        let prev2 = if i > 1 { words[i - 2] } else { "" };
        let next = words.get(i + 1).copied().unwrap_or("");
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w) {
            let forward = prev == "next" || prev == "coming";
            let (start, end) = if matches!(prev, "on" | "last" | "next" | "this" | "coming" | "since" | "by") { (i - 1, i + 1) } else { (i, i + 1) };
            let name = WEEKDAYS[wd];
            let relation = if forward { format!("the {} after publication", cap(name)) } else { format!("the {} before publication", cap(name)) };
            let resolved = published.map(|p| {
                let pw = weekday(p) as i32;
                let delta = if forward { (wd as i32 - pw).rem_euclid(7).max(1) } else { -((pw - wd as i32).rem_euclid(7)) };
                iso(Date::from_days(p.days() + delta))
            });
            return Some(DateExpr { start, end, resolved, relation });
        }
        let day = |k: i32, rel: &str| DateExpr { start: i, end: i + 1, resolved: published.map(|p| iso(Date::from_days(p.days() + k))), relation: rel.to_string() };
        match w {
            "yesterday" => return Some(day(-1, "the day before publication")),
            "today" | "tonight" => return Some(day(0, "the day of publication")),
            "tomorrow" => return Some(day(1, "the day after publication")),
            "week" => {
                let (shift, rel, start) = match (prev2, prev) {
                    ("earlier", "this") => (0, "the same week, before publication", i - 2),
                    ("later", "this") => (0, "the same week, after publication", i - 2),
                    (_, "this") => (0, "the week of publication", i - 1),
                    (_, "last") | (_, "past") => (-7, "the week before publication", i - 1),
                    (_, "next") | (_, "coming") => (7, "the week after publication", i - 1),
                    _ => continue,
                };
                let start = if start > 0 && matches!(words[start - 1], "earlier" | "later") && shift == 0 && start + 2 == i { start - 1 } else { start };
                let resolved = published.map(|p| {
                    let (a, b) = week_of(Date::from_days(p.days() + shift));
                    if shift == 0 && rel.contains("before") {
                        format!("{}/{}", iso(a), iso(p))
                    } else {
                        format!("{}/{}", iso(a), iso(b))
                    }
                });
                return Some(DateExpr { start, end: i + 1, resolved, relation: rel.to_string() });
            }
            _ => {}
        }
        // "July 25[, 2025]" and "25 July [2025]".
        if let Some(m) = month_of(w).filter(|_| w.len() > 2 && w != "may" || (w == "may" && day_num(next).is_some())) {
            if let Some(d) = day_num(next) {
                let mut end = i + 2;
                let mut year = None;
                let mut k = i + 2;
                if words.get(k) == Some(&",") {
                    k += 1;
                }
                if let Some(y) = words.get(k).and_then(|y| y.parse::<i32>().ok()).filter(|y| (1900..=2100).contains(y)) {
                    year = Some(y);
                    end = k + 1;
                }
                return Some(explicit(i, end, year, m, d, published));
            }
            if let Some(d) = day_num(prev).filter(|_| i > 0) {
                let (year, end) = match next.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)) {
                    Some(y) => (Some(y), i + 2),
                    None => (None, i + 1),
                };
                return Some(explicit(i - 1, end, year, m, d, published));
            }
        }
    }
    None
}

fn explicit(start: usize, end: usize, year: Option<i32>, m: u32, d: u32, published: Option<Date>) -> DateExpr {
    let y = year.or_else(|| {
        published.map(|p| {
            let (py, pm, _) = p.ymd();
            // A month well after publication's month is last year's.
            if m > pm + 1 {
                py - 1
            } else {
                py
            }
        })
    });
    let resolved = y.and_then(|y| Date::from_ymd(y, m, d)).map(iso);
    DateExpr { start, end, resolved, relation: if year.is_some() { "explicit date".into() } else { "explicit day, year of publication".into() } }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str, p: &str) -> Option<(String, Option<String>)> {
        let words: Vec<&str> = s.split(' ').collect();
        find(&words, parse_published(p)).map(|d| (words[d.start..d.end].join(" "), d.resolved))
    }

    #[test]
    fn relative_dates() {
        // 2025-07-26 is a Saturday.
        assert_eq!(weekday(Date::parse_iso("2025-07-26").unwrap()), 5);
        assert_eq!(f("witkoff stated on thursday", "2025-07-26"), Some(("on thursday".into(), Some("2025-07-24".into()))));
        assert_eq!(f("briefing on friday .", "2025-07-26"), Some(("on friday".into(), Some("2025-07-25".into()))));
        assert_eq!(f("the collapse earlier this week", "2025-07-26"), Some(("earlier this week".into(), Some("2025-07-21/2025-07-26".into()))));
        assert_eq!(f("to recommence next week", "2025-07-26"), Some(("next week".into(), Some("2025-07-28/2025-08-03".into()))));
        assert_eq!(f("he said yesterday", "2025-07-26"), Some(("yesterday".into(), Some("2025-07-25".into()))));
        assert_eq!(f("signed on july 4 , 2024", "2025-07-26"), Some(("july 4 , 2024".into(), Some("2024-07-04".into()))));
        assert_eq!(f("signed on 4 july", "2025-07-26"), Some(("4 july".into(), Some("2025-07-04".into()))));
        assert_eq!(f("on thursday", "").map(|x| x.1), Some(None));
        assert_eq!(f("they may agree", "2025-07-26"), None);
    }
}
