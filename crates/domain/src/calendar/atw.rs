//! The general holidays of Algemene termijnenwet art. 3 lid 1 and 2, computed by rule.
//!
//! These are rules, not data: every one follows from the year alone (fixed dates, Easter, and the
//! Koningsdag/Koninginnedag decrees). Popular holiday libraries get this set wrong (5 mei only in
//! lustrum years, no Goede Vrijdag), which is why it is computed here.
//!
//! Eerste Paasdag and Eerste Pinksterdag are always Sundays; they are listed by name so that a
//! listing or an explanation says "Eerste Paasdag" rather than just "zondag".

use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};

use super::Calendar;
use super::easter::easter_day_of_year;

/// One rule-based holiday: where it falls in the year, and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AtwDay {
    pub(crate) month: i8,
    pub(crate) day: i8,
    pub(crate) name: &'static str,
}

/// Days relative to Easter Sunday, with their names.
const EASTER_OFFSETS: [(i16, &str); 6] = [
    (-2, "Goede Vrijdag"),
    (0, "Eerste Paasdag"),
    (1, "Tweede Paasdag"),
    (39, "Hemelvaartsdag"),
    (49, "Eerste Pinksterdag"),
    (50, "Tweede Pinksterdag"),
];

/// The Atw holiday on `date`, by name. Two holidays can share a date (Hemelvaartsdag on 5 May,
/// as in 2016); the names are then joined with " en ".
pub(crate) fn atw_holiday_name(date: Date) -> Option<String> {
    let year = date.year();
    let mut names = Vec::new();
    let (month, day) = (date.month(), date.day());
    for fixed in fixed_days(year) {
        if (fixed.month, fixed.day) == (month, day) {
            names.push(fixed.name);
        }
    }
    // Easter-relative days fall between 20 March and 14 June: skip the arithmetic otherwise.
    if (3..=6).contains(&month) {
        let offset = date.day_of_year() - easter_day_of_year(year);
        for (easter_offset, name) in EASTER_OFFSETS {
            if offset == easter_offset {
                names.push(name);
            }
        }
    }
    join_names(&names)
}

/// Whether `date` is an Atw holiday: one bit lookup for 1966–2200 (the deadline engine's hot
/// path), the rules themselves outside that range.
pub(crate) fn is_atw_holiday(date: Date) -> bool {
    let index = usize::try_from(date.year() - Calendar::FIRST_YEAR).ok();
    match index.and_then(|i| HOLIDAY_BITS.get(i)) {
        Some(bits) => {
            let day = day_index(date);
            bits[day / 64] & (1 << (day % 64)) != 0
        }
        None => is_atw_holiday_by_rule(date),
    }
}

/// The Atw holidays of every supported year as bit sets by day of the year, computed once.
static HOLIDAY_BITS: LazyLock<Vec<[u64; 6]>> = LazyLock::new(|| {
    (Calendar::FIRST_YEAR..=Calendar::LAST_YEAR)
        .map(|year| {
            let mut bits = [0u64; 6];
            for (date, _) in atw_holidays(year) {
                let day = day_index(date);
                bits[day / 64] |= 1 << (day % 64);
            }
            bits
        })
        .collect()
});

/// The day of the year counted from 0 (0..=365).
fn day_index(date: Date) -> usize {
    usize::from(date.day_of_year().unsigned_abs() - 1)
}

/// The rules applied directly, without allocating names.
fn is_atw_holiday_by_rule(date: Date) -> bool {
    let year = date.year();
    let (month, day) = (date.month(), date.day());
    if fixed_days(year)
        .iter()
        .any(|fixed| (fixed.month, fixed.day) == (month, day))
    {
        return true;
    }
    if !(3..=6).contains(&month) {
        return false;
    }
    let offset = date.day_of_year() - easter_day_of_year(year);
    EASTER_OFFSETS
        .iter()
        .any(|(easter_offset, _)| *easter_offset == offset)
}

/// Every Atw holiday of `year`, sorted by date, one entry per date (shared dates joined).
pub(crate) fn atw_holidays(year: i16) -> Vec<(Date, String)> {
    let first = Date::constant(year, 1, 1);
    let easter_doy = easter_day_of_year(year);
    let mut days: Vec<(Date, &'static str)> = fixed_days(year)
        .iter()
        .map(|d| (Date::constant(year, d.month, d.day), d.name))
        .collect();
    for (offset, name) in EASTER_OFFSETS {
        // Day-of-year arithmetic never leaves the year: Easter ± these offsets stays in March–June.
        let date = first
            .with()
            .day_of_year(easter_doy + offset)
            .build()
            .expect("Easter-relative holidays lie inside the year");
        days.push((date, name));
    }
    // Stable: fixed-date names come before Easter-relative ones, as in `atw_holiday_name`.
    days.sort_by_key(|(date, _)| *date);
    let mut merged: Vec<(Date, Vec<&'static str>)> = Vec::new();
    for (date, name) in days {
        match merged.last_mut() {
            Some((last, names)) if *last == date => names.push(name),
            _ => merged.push((date, vec![name])),
        }
    }
    merged
        .into_iter()
        .filter_map(|(date, names)| join_names(&names).map(|joined| (date, joined)))
        .collect()
}

fn join_names(names: &[&str]) -> Option<String> {
    if names.is_empty() {
        None
    } else {
        Some(names.join(" en "))
    }
}

/// The holidays on a fixed calendar date in `year`, Koningsdag/Koninginnedag included.
fn fixed_days(year: i16) -> [AtwDay; 5] {
    [
        AtwDay {
            month: 1,
            day: 1,
            name: "Nieuwjaarsdag",
        },
        kings_day(year),
        AtwDay {
            month: 5,
            day: 5,
            name: "Bevrijdingsdag",
        },
        AtwDay {
            month: 12,
            day: 25,
            name: "Eerste Kerstdag",
        },
        AtwDay {
            month: 12,
            day: 26,
            name: "Tweede Kerstdag",
        },
    ]
}

/// The day on which the monarch's birthday is celebrated (Atw art. 3 lid 1).
///
/// From 2014 Koningsdag, 27 April, on a Sunday moved to Saturday 26 April (BWBR0032908). Before
/// 2014 Koninginnedag, 30 April, on a Sunday moved to Saturday 29 April from 1980 and to Monday
/// 1 May before 1980 (BWBR0031338). Valid from 1949; the calendar supports 1966 onwards.
pub(crate) fn kings_day(year: i16) -> AtwDay {
    let on_sunday = |day: i8| Date::constant(year, 4, day).weekday() == Weekday::Sunday;
    if year >= 2014 {
        let day = if on_sunday(27) { 26 } else { 27 };
        AtwDay {
            month: 4,
            day,
            name: "Koningsdag",
        }
    } else if !on_sunday(30) {
        AtwDay {
            month: 4,
            day: 30,
            name: "Koninginnedag",
        }
    } else if year >= 1980 {
        AtwDay {
            month: 4,
            day: 29,
            name: "Koninginnedag",
        }
    } else {
        AtwDay {
            month: 5,
            day: 1,
            name: "Koninginnedag",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn koningsdag_moves_to_saturday_when_the_27th_is_a_sunday() {
        for year in [2014, 2025, 2031, 2036] {
            assert_eq!(
                kings_day(year),
                AtwDay {
                    month: 4,
                    day: 26,
                    name: "Koningsdag"
                },
                "{year}"
            );
        }
        assert_eq!(
            kings_day(2026),
            AtwDay {
                month: 4,
                day: 27,
                name: "Koningsdag"
            }
        );
    }

    #[test]
    fn koninginnedag_on_sunday_moved_to_monday_before_1980_and_saturday_after() {
        for year in [1967, 1972, 1978] {
            assert_eq!(
                kings_day(year),
                AtwDay {
                    month: 5,
                    day: 1,
                    name: "Koninginnedag"
                }
            );
        }
        for year in [1989, 1995, 2006] {
            assert_eq!(
                kings_day(year),
                AtwDay {
                    month: 4,
                    day: 29,
                    name: "Koninginnedag"
                }
            );
        }
        assert_eq!(
            kings_day(2013),
            AtwDay {
                month: 4,
                day: 30,
                name: "Koninginnedag"
            }
        );
    }

    #[test]
    fn hemelvaartsdag_on_bevrijdingsdag_is_one_entry_with_both_names() {
        assert_eq!(
            atw_holiday_name(date(2016, 5, 5)).as_deref(),
            Some("Bevrijdingsdag en Hemelvaartsdag")
        );
        let listing = atw_holidays(2016);
        assert_eq!(
            listing
                .iter()
                .filter(|(d, _)| *d == date(2016, 5, 5))
                .count(),
            1
        );
    }

    #[test]
    fn the_bit_table_and_the_rules_agree_with_the_named_lookup_every_day() {
        let mut day = date(1965, 1, 1);
        while day <= date(2201, 12, 31) {
            let named = atw_holiday_name(day).is_some();
            assert_eq!(is_atw_holiday(day), named, "{day}");
            assert_eq!(is_atw_holiday_by_rule(day), named, "{day}");
            day = day.tomorrow().unwrap();
        }
    }

    #[test]
    fn listing_agrees_with_the_lookup() {
        for year in [1966, 1978, 2014, 2016, 2025, 2026, 2200] {
            for (day, name) in atw_holidays(year) {
                assert_eq!(atw_holiday_name(day), Some(name), "{day}");
            }
        }
    }
}
