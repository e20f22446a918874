//! Days put on a par with general holidays by royal decree (Atw art. 3 lid 3), loaded from data.
//!
//! The decrees follow no pattern, so they are data (`data/gelijkgestelde-dagen.toml`, embedded in
//! the binary) with the years each decree covers. A year no decree covers is *unknown*, never
//! "no extra days": the calendar reports it. Loading validates the data, so a typo (a Saturday,
//! a day that is already a holiday, a day outside its decree's years) fails the tests, not a
//! deadline.

use std::sync::{Arc, LazyLock};

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use super::Calendar;
use super::atw::is_atw_holiday;

/// The decree data shipped in the binary.
pub(crate) const SHIPPED_TOML: &str = include_str!("../../data/gelijkgestelde-dagen.toml");

/// The shipped data, parsed once. The tests prove it loads, so the `expect` cannot fire.
pub(crate) static SHIPPED: LazyLock<Arc<DecreeData>> = LazyLock::new(|| {
    Arc::new(DecreeData::from_toml(SHIPPED_TOML).expect("shipped decree data is valid (tested)"))
});

/// Why decree data was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecreeDataError {
    #[error("gegevens over gelijkgestelde dagen zijn geen geldige TOML: {0}")]
    Syntax(String),
    #[error("gegevens over gelijkgestelde dagen zonder versie")]
    MissingVersion,
    #[error("{decree}: jaren {first}–{last} vallen niet binnen 1966–2200 of lopen terug")]
    BadYears {
        decree: String,
        first: i16,
        last: i16,
    },
    #[error("{decree}: jaar {year} valt ook onder een ander besluit")]
    OverlappingYears { decree: String, year: i16 },
    #[error("{decree}: {date} valt buiten de jaren van het besluit")]
    DayOutsideYears { decree: String, date: Date },
    #[error("{decree}: {date} is een zaterdag of zondag")]
    DayInWeekend { decree: String, date: Date },
    #[error("{decree}: {date} is al een algemeen erkende feestdag")]
    DayAlreadyHoliday { decree: String, date: Date },
    #[error("{decree}: {date} staat er twee keer in")]
    DuplicateDay { decree: String, date: Date },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecreeFile {
    version: String,
    #[serde(default)]
    decree: Vec<DecreeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecreeEntry {
    id: String,
    first_year: i16,
    last_year: i16,
    days: Vec<Date>,
}

/// One decree: its identity and the years it settles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decree {
    pub(crate) id: String,
    pub(crate) first_year: i16,
    pub(crate) last_year: i16,
}

/// Validated decree data: every day sorted, each pointing at its decree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecreeData {
    pub(crate) version: String,
    pub(crate) decrees: Vec<Decree>,
    /// Sorted by date; the index points into `decrees`.
    days: Vec<(Date, usize)>,
}

impl DecreeData {
    pub(crate) fn from_toml(text: &str) -> Result<DecreeData, DecreeDataError> {
        let file: DecreeFile = toml::from_str(text)
            .map_err(|e| DecreeDataError::Syntax(e.to_string().replace('\n', " ")))?;
        if file.version.trim().is_empty() {
            return Err(DecreeDataError::MissingVersion);
        }
        let mut decrees: Vec<Decree> = Vec::new();
        let mut days = Vec::new();
        for entry in file.decree {
            let (decree, first, last) = (entry.id, entry.first_year, entry.last_year);
            if first > last || first < Calendar::FIRST_YEAR || last > Calendar::LAST_YEAR {
                return Err(DecreeDataError::BadYears {
                    decree,
                    first,
                    last,
                });
            }
            if let Some(year) = (first..=last).find(|y| decrees.iter().any(|d| covers(d, *y))) {
                return Err(DecreeDataError::OverlappingYears { decree, year });
            }
            for date in entry.days {
                check_day(&decree, first, last, date)?;
                if days.iter().any(|(d, _)| *d == date) {
                    return Err(DecreeDataError::DuplicateDay { decree, date });
                }
                days.push((date, decrees.len()));
            }
            decrees.push(Decree {
                id: decree,
                first_year: first,
                last_year: last,
            });
        }
        days.sort();
        Ok(DecreeData {
            version: file.version.trim().to_owned(),
            decrees,
            days,
        })
    }

    /// Whether a decree settles `year` (so a day absent from the data is truly no decree day).
    pub(crate) fn covers_year(&self, year: i16) -> bool {
        self.decrees.iter().any(|d| covers(d, year))
    }

    /// The decree that makes `date` a gelijkgestelde dag, if any.
    pub(crate) fn decree_of(&self, date: Date) -> Option<&Decree> {
        let index = self.days.binary_search_by_key(&date, |(d, _)| *d).ok()?;
        self.decrees.get(self.days[index].1)
    }

    /// Every decree day in `year`, sorted, with its decree.
    pub(crate) fn days_in(&self, year: i16) -> impl Iterator<Item = (Date, &Decree)> {
        self.days
            .iter()
            .filter(move |(date, _)| date.year() == year)
            .filter_map(|(date, index)| self.decrees.get(*index).map(|decree| (*date, decree)))
    }
}

fn covers(decree: &Decree, year: i16) -> bool {
    (decree.first_year..=decree.last_year).contains(&year)
}

fn check_day(decree: &str, first: i16, last: i16, date: Date) -> Result<(), DecreeDataError> {
    let decree = decree.to_owned();
    if !(first..=last).contains(&date.year()) {
        return Err(DecreeDataError::DayOutsideYears { decree, date });
    }
    if matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
        return Err(DecreeDataError::DayInWeekend { decree, date });
    }
    if is_atw_holiday(date) {
        return Err(DecreeDataError::DayAlreadyHoliday { decree, date });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn one_decree(days: &str) -> String {
        format!(
            "version = \"t\"\n[[decree]]\nid = \"b\"\nfirst_year = 2026\nlast_year = 2028\ndays = [{days}]\n"
        )
    }

    #[test]
    fn shipped_data_loads_and_covers_2017_to_2019_and_2023_to_2028() {
        let data = DecreeData::from_toml(SHIPPED_TOML).unwrap();
        let covered: Vec<i16> = (1966..=2200).filter(|y| data.covers_year(*y)).collect();
        assert_eq!(
            covered,
            [2017, 2018, 2019, 2023, 2024, 2025, 2026, 2027, 2028]
        );
        assert_eq!(data.days.len(), 17);
        assert_eq!(
            data.decree_of(date(2026, 5, 15)).map(|d| d.id.as_str()),
            Some("besluit 2026–2028")
        );
        assert_eq!(data.decree_of(date(2027, 4, 26)), None);
    }

    #[test]
    fn a_weekend_day_is_refused() {
        let err = DecreeData::from_toml(&one_decree("\"2026-01-03\"")).unwrap_err();
        assert!(matches!(err, DecreeDataError::DayInWeekend { .. }), "{err}");
    }

    #[test]
    fn a_day_that_is_already_a_holiday_is_refused() {
        let err = DecreeData::from_toml(&one_decree("\"2026-04-27\"")).unwrap_err();
        assert!(
            matches!(err, DecreeDataError::DayAlreadyHoliday { .. }),
            "{err}"
        );
    }

    #[test]
    fn a_day_outside_the_decree_years_is_refused() {
        let err = DecreeData::from_toml(&one_decree("\"2029-05-11\"")).unwrap_err();
        assert!(
            matches!(err, DecreeDataError::DayOutsideYears { .. }),
            "{err}"
        );
    }

    #[test]
    fn duplicates_overlaps_bad_years_and_syntax_are_refused() {
        let dup = DecreeData::from_toml(&one_decree("\"2026-01-02\", \"2026-01-02\"")).unwrap_err();
        assert!(matches!(dup, DecreeDataError::DuplicateDay { .. }), "{dup}");
        let overlap = format!(
            "{}[[decree]]\nid = \"c\"\nfirst_year = 2028\nlast_year = 2030\ndays = []\n",
            one_decree("")
        );
        let err = DecreeData::from_toml(&overlap).unwrap_err();
        assert_eq!(
            err,
            DecreeDataError::OverlappingYears {
                decree: "c".into(),
                year: 2028
            }
        );
        let backwards = one_decree("").replace("last_year = 2028", "last_year = 2025");
        assert!(matches!(
            DecreeData::from_toml(&backwards),
            Err(DecreeDataError::BadYears { .. })
        ));
        assert!(matches!(
            DecreeData::from_toml("version = "),
            Err(DecreeDataError::Syntax(_))
        ));
        assert!(matches!(
            DecreeData::from_toml("version = \" \""),
            Err(DecreeDataError::MissingVersion)
        ));
        let bad_date = one_decree("\"2026-02-30\"");
        assert!(matches!(
            DecreeData::from_toml(&bad_date),
            Err(DecreeDataError::Syntax(_))
        ));
    }
}
