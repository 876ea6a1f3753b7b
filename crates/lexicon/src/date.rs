//! Calendar dates as used by date-restricted codes.

use std::fmt;

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// Two-digit PETRARCH years below this value are 20xx, the others 19xx
/// (`090401` is 2009-04-01, `670101` is 1967-01-01). The Phoenix files were
/// written in 2014 and hold no two-digit year between 15 and 30.
pub const TWO_DIGIT_YEAR_PIVOT: u32 = 30;

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// The date, if `m` and `d` are a valid month and day of year `y`.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1..=9999).contains(&y) {
            return None;
        }
        // Days from civil (era-based computation of the Gregorian calendar).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32;
        Some(Date(era * 146097 + doe - 719468))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// The following day.
    pub fn next_day(self) -> Date {
        Date(self.0 + 1)
    }

    /// Days since 1970-01-01 (the binary representation).
    pub fn days(self) -> i32 {
        self.0
    }

    /// Inverse of [`Date::days`].
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape = b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if !shape {
            return Err(format!("bad date `{s}`: expected YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        Date::from_ymd(num(0..4) as i32, num(5..7), num(8..10)).ok_or_else(|| format!("bad date `{s}`: no such day"))
    }

    /// Parses a PETRARCH date: `YYMMDD` (two-digit year, see
    /// [`TWO_DIGIT_YEAR_PIVOT`]) or `YYYYMMDD`.
    pub fn parse_petrarch(s: &str) -> Result<Date, String> {
        if !s.bytes().all(|c| c.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
            return Err(format!("bad date `{s}`: expected YYMMDD or YYYYMMDD"));
        }
        let n: u32 = s.parse().map_err(|_| format!("bad date `{s}`"))?;
        let (y, md) = if s.len() == 6 {
            let yy = n / 10000;
            (if yy < TWO_DIGIT_YEAR_PIVOT { 2000 + yy } else { 1900 + yy }, n % 10000)
        } else {
            (n / 10000, n % 10000)
        };
        Date::from_ymd(y as i32, md / 100, md % 100).ok_or_else(|| format!("bad date `{s}`: no such day"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_pivot() {
        for s in ["1970-01-01", "2000-02-29", "2025-01-20", "1897-01-01", "2024-12-31"] {
            assert_eq!(Date::parse_iso(s).unwrap().to_string(), s);
        }
        assert_eq!(Date::parse_iso("1970-01-02").unwrap().days(), 1);
        assert!(Date::parse_iso("2023-02-29").is_err());
        assert!(Date::parse_iso("2023-13-01").is_err());
        assert!(Date::parse_iso("2023-1-01").is_err());
        assert_eq!(Date::parse_petrarch("090401").unwrap().to_string(), "2009-04-01");
        assert_eq!(Date::parse_petrarch("290101").unwrap().to_string(), "2029-01-01");
        assert_eq!(Date::parse_petrarch("300101").unwrap().to_string(), "1930-01-01");
        assert_eq!(Date::parse_petrarch("18970101").unwrap().to_string(), "1897-01-01");
        assert!(Date::parse_petrarch("991332").is_err());
        assert!(Date::parse_petrarch("12345").is_err());
        let d = Date::parse_iso("2024-02-28").unwrap();
        assert_eq!(d.next_day().next_day().to_string(), "2024-03-01");
    }
}
