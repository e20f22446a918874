//! The Dutch legal calendar (Algemene termijnenwet art. 3) plus organisation closure days.
//!
//! Two calendars live here and must not be confused (TERMS.md): the *legal* calendar decides
//! whether a term is extended (weekends, Atw holidays, days put on a par by royal decree), the
//! *office* calendar adds the organisation's own closure days, which only count where the
//! procedure's policy says so.
//!
//! CONTRACT (filled in by the calendar work): the public items below are the API other modules
//! build on. Keep their names and signatures.

use jiff::civil::Date;
use serde::Serialize;

/// What kind of non-working day a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayKind {
    /// A general holiday named in Atw art. 3 lid 1 (or put on a par by art. 3 lid 2: Goede Vrijdag).
    Atw,
    /// A day put on a par with a general holiday by royal decree (Atw art. 3 lid 3).
    Gelijkgesteld,
    /// An organisation closure day (office calendar).
    Closure,
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

/// The legal calendar with the shipped decree data and the organisation's closure days.
#[derive(Debug, Clone)]
pub struct Calendar {
    // fields are the calendar work's choice
}

impl Calendar {
    /// The Dutch legal calendar with the decree data shipped in the binary and no closure days.
    pub fn dutch() -> Calendar {
        todo!()
    }

    /// The same calendar with the organisation's closure days added (office calendar).
    pub fn with_closure_days(self, days: impl IntoIterator<Item = (Date, String)>) -> Calendar {
        let _ = days;
        todo!()
    }

    /// Supported years: 1966 to 2200 inclusive.
    pub const FIRST_YEAR: i16 = 1966;
    pub const LAST_YEAR: i16 = 2200;

    /// The legal holiday on `date` (Atw or gelijkgesteld), if any. Closure days are not legal holidays.
    pub fn legal_holiday(&self, date: Date) -> Option<Holiday> {
        let _ = date;
        todo!()
    }

    /// Why `date` is not a working day, or `None` when it is one. With `include_closures`
    /// the organisation's closure days count as non-working too.
    pub fn non_working(&self, date: Date, include_closures: bool) -> Option<NonWorking> {
        let _ = (date, include_closures);
        todo!()
    }

    /// Every non-working day in `year` other than weekends (Atw, gelijkgesteld, closure), sorted,
    /// with warnings for years without decree data.
    pub fn year(&self, year: i16) -> YearListing {
        let _ = year;
        todo!()
    }

    /// Whether decree data is loaded for `year` (Atw art. 3 lid 3).
    pub fn decrees_known(&self, year: i16) -> bool {
        let _ = year;
        todo!()
    }

    /// Identifies the calendar data a deadline was computed with, e.g. "atw-2026.1+closures:3".
    pub fn data_version(&self) -> String {
        todo!()
    }
}
