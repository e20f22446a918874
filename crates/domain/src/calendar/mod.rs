//! The Dutch legal calendar (Algemene termijnenwet art. 3) plus organisation closure days.
//!
//! Two calendars live here and must not be confused (TERMS.md): the *legal* calendar decides
//! whether a term is extended (weekends, Atw holidays, days put on a par by royal decree), the
//! *office* calendar adds the organisation's own closure days, which only count where the
//! procedure's policy says so.
//!
//! The Atw holidays are rules (modules `atw`, `easter`); the decree days are data with the
//! years they cover (module `decrees`); a year no decree covers is reported as unknown, never
//! assumed empty.
//!
//! Supported years: 1966–2200. Outside that range the calendar knows no holidays (only weekends)
//! and says so in [`Calendar::year`]; the deadline engine refuses such dates.

mod atw;
mod decrees;
mod easter;
mod listing;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::{Date, Weekday};
use serde::Serialize;

pub use decrees::DecreeDataError;
use decrees::{DecreeData, SHIPPED};
pub use listing::unknown_decrees_warning;

/// What kind of non-working day a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayKind {
    /// A general holiday named in Atw art. 3 lid 1 (or put on a par by art. 3 lid 2: Goede Vrijdag).
    Atw,
    /// A day put on a par with a general holiday by royal decree (Atw art. 3 lid 3).
    Gelijkgesteld,
    /// An organisation closure day (office calendar).
    Closure,
}

impl DayKind {
    /// The stable lowercase label used in listings and JSON: `atw`, `gelijkgesteld`, `closure`.
    pub fn label(self) -> &'static str {
        match self {
            DayKind::Atw => "atw",
            DayKind::Gelijkgesteld => "gelijkgesteld",
            DayKind::Closure => "closure",
        }
    }
}

/// A named non-working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
    pub kind: DayKind,
}

/// Every non-working day of one year, and what the calendar does not know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearListing {
    pub year: i16,
    pub days: Vec<Holiday>,
    /// For example: no decree data is loaded for this year.
    pub warnings: Vec<String>,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonWorking {
    Saturday,
    Sunday,
    Holiday(Holiday),
}

impl NonWorking {
    /// The Dutch reason shown in a deadline's explanation: "zaterdag", "zondag", the holiday's
    /// name, "gelijkgesteld (besluit 2026–2028)" or "sluitingsdag: <name>".
    pub fn reason(&self) -> String {
        match self {
            NonWorking::Saturday => "zaterdag".to_owned(),
            NonWorking::Sunday => "zondag".to_owned(),
            NonWorking::Holiday(day) => match day.kind {
                DayKind::Atw => day.name.clone(),
                DayKind::Gelijkgesteld => listing::decree_reason(&day.name),
                DayKind::Closure => format!("sluitingsdag: {}", day.name),
            },
        }
    }
}

/// The legal calendar with the shipped decree data and the organisation's closure days.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Decree days and the years they settle; the shipped data is parsed once and shared.
    decrees: Arc<DecreeData>,
    /// Organisation closure days (office calendar), with their names.
    closures: BTreeMap<Date, String>,
    /// [`Calendar::data_version`], recomputed whenever the decrees or the closures change.
    data_version: String,
}

impl Calendar {
    /// The Dutch legal calendar with the decree data shipped in the binary and no closure days.
    pub fn dutch() -> Calendar {
        Calendar {
            decrees: Arc::clone(&SHIPPED),
            closures: BTreeMap::new(),
            data_version: String::new(),
        }
        .with_fresh_version()
    }

    /// The same calendar with the organisation's closure days added (office calendar).
    /// A later entry for the same date replaces an earlier one; an empty name reads "sluitingsdag".
    pub fn with_closure_days(mut self, days: impl IntoIterator<Item = (Date, String)>) -> Calendar {
        for (date, name) in days {
            let name = name.trim();
            let name = if name.is_empty() {
                "sluitingsdag"
            } else {
                name
            };
            self.closures.insert(date, name.to_owned());
        }
        self.with_fresh_version()
    }

    /// The same calendar with other decree data (a newer `gelijkgestelde-dagen.toml`), validated
    /// the same way as the shipped file.
    pub fn with_decree_data(self, toml: &str) -> Result<Calendar, DecreeDataError> {
        Ok(Calendar {
            decrees: Arc::new(DecreeData::from_toml(toml)?),
            ..self
        }
        .with_fresh_version())
    }

    /// Supported years: 1966 to 2200 inclusive.
    pub const FIRST_YEAR: i16 = 1966;
    pub const LAST_YEAR: i16 = 2200;
    /// The first and last supported day.
    pub const FIRST_DAY: Date = Date::constant(Calendar::FIRST_YEAR, 1, 1);
    pub const LAST_DAY: Date = Date::constant(Calendar::LAST_YEAR, 12, 31);

    /// Whether `year` lies in 1966–2200.
    pub fn supports_year(year: i16) -> bool {
        (Calendar::FIRST_YEAR..=Calendar::LAST_YEAR).contains(&year)
    }

    /// The legal holiday on `date` (Atw or gelijkgesteld), if any. Closure days are not legal holidays.
    /// Outside 1966–2200 this is always `None`.
    pub fn legal_holiday(&self, date: Date) -> Option<Holiday> {
        if !Calendar::supports_year(date.year()) {
            return None;
        }
        if let Some(name) = atw::atw_holiday_name(date) {
            return Some(Holiday {
                date,
                name,
                kind: DayKind::Atw,
            });
        }
        let decree = self.decrees.decree_of(date)?;
        Some(Holiday {
            date,
            name: listing::decree_day_name(&decree.id),
            kind: DayKind::Gelijkgesteld,
        })
    }

    /// Why `date` is not a working day, or `None` when it is one. With `include_closures`
    /// the organisation's closure days count as non-working too.
    ///
    /// A legal holiday wins over the weekday ("Koningsdag", not "zaterdag", on 26 April 2025),
    /// and a weekend day wins over a closure day.
    pub fn non_working(&self, date: Date, include_closures: bool) -> Option<NonWorking> {
        if let Some(holiday) = self.legal_holiday(date) {
            return Some(NonWorking::Holiday(holiday));
        }
        match date.weekday() {
            Weekday::Saturday => return Some(NonWorking::Saturday),
            Weekday::Sunday => return Some(NonWorking::Sunday),
            _ => {}
        }
        let name = self.closures.get(&date).filter(|_| include_closures)?;
        Some(NonWorking::Holiday(Holiday {
            date,
            name: name.clone(),
            kind: DayKind::Closure,
        }))
    }

    /// `non_working(date, include_closures).is_none()`, without building names: the hot path of
    /// the deadline engine.
    pub fn is_working_day(&self, date: Date, include_closures: bool) -> bool {
        if matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
            return false;
        }
        if Calendar::supports_year(date.year())
            && (atw::is_atw_holiday(date) || self.decrees.decree_of(date).is_some())
        {
            return false;
        }
        !(include_closures && self.closures.contains_key(&date))
    }

    /// Every non-working day in `year` other than weekends (Atw, gelijkgesteld, closure), sorted,
    /// with warnings for years without decree data.
    pub fn year(&self, year: i16) -> YearListing {
        listing::year_listing(self, year)
    }

    /// Whether decree data is loaded for `year` (Atw art. 3 lid 3).
    pub fn decrees_known(&self, year: i16) -> bool {
        self.decrees.covers_year(year)
    }

    /// Identifies the calendar data a deadline was computed with, e.g.
    /// "atw-2026.1+closures:0" or "atw-2026.1+closures:3-9c1f04e2" (count and fingerprint).
    pub fn data_version(&self) -> String {
        self.data_version.clone()
    }

    fn with_fresh_version(mut self) -> Calendar {
        let closures = listing::closure_fingerprint(&self.closures);
        self.data_version = format!("atw-{}+closures:{closures}", self.decrees.version);
        self
    }
}
