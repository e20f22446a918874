//! Year listings, the names of decree days, and the calendar's data fingerprint.
//!
//! Kept apart from the lookups in `mod.rs` because these build text for people (and for the
//! stored `calendar_version`), while the lookups are the engine's hot path.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{Calendar, DayKind, Holiday, YearListing, atw};

const DECREE_DAY_PREFIX: &str = "Gelijkgestelde dag ";

/// The warning for a year that no loaded decree covers (Atw art. 3 lid 3).
pub fn unknown_decrees_warning(year: i16) -> String {
    format!(
        "Geen gegevens over gelijkgestelde dagen (koninklijk besluit) voor {year}: zulke dagen zijn onbekend."
    )
}

/// "Gelijkgestelde dag (besluit 2026–2028)": the listing name of a decree day.
pub(super) fn decree_day_name(decree_id: &str) -> String {
    format!("{DECREE_DAY_PREFIX}({decree_id})")
}

/// "gelijkgesteld (besluit 2026–2028)": the step reason for a decree day, from its listing name.
pub(super) fn decree_reason(name: &str) -> String {
    match name.strip_prefix(DECREE_DAY_PREFIX) {
        Some(decree) => format!("gelijkgesteld {decree}"),
        None => format!("gelijkgesteld ({name})"),
    }
}

pub(super) fn year_listing(calendar: &Calendar, year: i16) -> YearListing {
    if !Calendar::supports_year(year) {
        let warning = format!(
            "Jaar {year} valt buiten het ondersteunde bereik ({}–{}).",
            Calendar::FIRST_YEAR,
            Calendar::LAST_YEAR
        );
        return YearListing {
            year,
            days: Vec::new(),
            warnings: vec![warning],
        };
    }
    let mut days: Vec<Holiday> = atw::atw_holidays(year)
        .into_iter()
        .map(|(date, name)| Holiday {
            date,
            name,
            kind: DayKind::Atw,
        })
        .collect();
    days.extend(
        calendar
            .decrees
            .days_in(year)
            .map(|(date, decree)| Holiday {
                date,
                name: decree_day_name(&decree.id),
                kind: DayKind::Gelijkgesteld,
            }),
    );
    days.extend(
        calendar
            .closures
            .range(Date::constant(year, 1, 1)..=Date::constant(year, 12, 31))
            .map(|(date, name)| Holiday {
                date: *date,
                name: name.clone(),
                kind: DayKind::Closure,
            }),
    );
    days.sort_by_key(|day| (day.date, day.kind));
    let warnings = if calendar.decrees_known(year) {
        Vec::new()
    } else {
        vec![unknown_decrees_warning(year)]
    };
    YearListing {
        year,
        days,
        warnings,
    }
}

/// "0" without closure days; otherwise "<count>-<8 hex digits>", a stable FNV-1a hash of every
/// (date, name), so two different closure calendars never share a version string by accident.
pub(super) fn closure_fingerprint(closures: &BTreeMap<Date, String>) -> String {
    if closures.is_empty() {
        return "0".to_owned();
    }
    // FNV-1a, 64 bit: stable across Rust versions, unlike std's DefaultHasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (date, name) in closures {
        for byte in format!("{date}\t{name}\n").bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let folded = (hash >> 32) ^ (hash & 0xffff_ffff);
    format!("{}-{folded:08x}", closures.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn decree_reason_is_derived_from_the_listing_name() {
        assert_eq!(
            decree_reason(&decree_day_name("besluit 2026–2028")),
            "gelijkgesteld (besluit 2026–2028)"
        );
    }

    #[test]
    fn fingerprint_changes_with_any_date_or_name() {
        let one = BTreeMap::from([(date(2026, 12, 24), "Kerstavond".to_owned())]);
        let renamed = BTreeMap::from([(date(2026, 12, 24), "Brugdag".to_owned())]);
        let moved = BTreeMap::from([(date(2026, 12, 23), "Kerstavond".to_owned())]);
        let fingerprints = [
            closure_fingerprint(&one),
            closure_fingerprint(&renamed),
            closure_fingerprint(&moved),
        ];
        assert!(
            fingerprints
                .iter()
                .all(|f| f.starts_with("1-") && f.len() == 10)
        );
        assert_ne!(fingerprints[0], fingerprints[1]);
        assert_ne!(fingerprints[0], fingerprints[2]);
        assert_eq!(closure_fingerprint(&one), closure_fingerprint(&one.clone()));
        assert_eq!(closure_fingerprint(&BTreeMap::new()), "0");
    }
}
