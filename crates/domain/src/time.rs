//! Instants are UTC; a "day" is a day in Europe/Amsterdam (TERMS.md rule 8).
//!
//! The zone data is compiled into the binary (`jiff` with `tzdb-bundle-always`), so a slim
//! container without `/usr/share/zoneinfo` computes the same dates.

use jiff::{Timestamp, civil::Date, tz::TimeZone};

/// The organisation's time zone.
pub fn amsterdam() -> TimeZone {
    TimeZone::get("Europe/Amsterdam").expect("Europe/Amsterdam is in the bundled tz database")
}

/// The civil date of an instant in Europe/Amsterdam.
pub fn civil_date(at: Timestamp) -> Date {
    at.to_zoned_datetime(amsterdam()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_the_next_day_in_amsterdam() {
        let at: Timestamp = "2026-03-01T23:30:00Z".parse().unwrap();
        assert_eq!(civil_date(at), jiff::civil::date(2026, 3, 2));
    }

    #[test]
    fn summer_time_is_two_hours_ahead() {
        let before: Timestamp = "2026-07-01T21:59:59Z".parse().unwrap();
        let after: Timestamp = "2026-07-01T22:00:00Z".parse().unwrap();
        assert_eq!(civil_date(before), jiff::civil::date(2026, 7, 1));
        assert_eq!(civil_date(after), jiff::civil::date(2026, 7, 2));
    }
}
