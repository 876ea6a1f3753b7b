//! Calendar dates as day numbers (days since 1970-01-01, proleptic
//! Gregorian; [`herald_lexicon::Date`]'s representation), the unit every
//! date filter and window in the store uses.

use herald_lexicon::Date;

/// Parses a date that starts with `YYYY-MM-DD` (anything after it, such as
/// a time or the `/end` of an interval, is ignored) into a day number.
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.trim();
    let head = s.get(..10)?;
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b' ' | b'/' | b't' | b'Z' | b'+') {
        return None;
    }
    Date::parse_iso(head).ok().map(|d| i64::from(d.days()))
}

/// A day number as `YYYY-MM-DD`.
pub fn format_day(day: i64) -> String {
    Date::from_days(day.clamp(i32::MIN.into(), i32::MAX.into()) as i32).to_string()
}

/// The Monday on or before `day`.
pub fn week_start(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2025-07-24T10:00:00Z"), Some(20_293));
        assert_eq!(parse_day("2025-07-28/2025-08-03"), Some(20_297));
        assert_eq!(format_day(20_293), "2025-07-24");
        assert_eq!(parse_day("2025-02-29"), None);
        assert_eq!(parse_day("2024-02-29").map(format_day).as_deref(), Some("2024-02-29"));
        assert_eq!(parse_day("2025-13-01"), None);
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day("2025-07-241"), None);
        // 2025-07-24 is a Thursday; its week starts on Monday the 21st.
        assert_eq!(format_day(week_start(20_293)), "2025-07-21");
    }

    proptest! {
        #[test]
        fn round_trip(day in 0i64..2_900_000) {
            let s = format_day(day);
            if s.len() == 10 {
                prop_assert_eq!(parse_day(&s), Some(day));
            }
            prop_assert!(week_start(day) <= day && day - week_start(day) < 7);
            prop_assert_eq!(week_start(day) == day, (day + 3) % 7 == 0);
        }

        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = parse_day(&s);
        }
    }
}
