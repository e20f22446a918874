//! Formatting of dates, times and terms in the letter's language.
//!
//! Done in Rust rather than in the templates so that every letter writes a date the same way,
//! and so the rules can be unit-tested. A new language adds a module here and a template set.

pub mod nl;

use jiff::civil::{Date, Time};

use crate::model::{Language, Term};

impl Language {
    /// A date as written in running text: "24 november 2026".
    #[must_use]
    pub fn date(self, date: Date) -> String {
        match self {
            Language::Nl => nl::date(date),
        }
    }

    /// A date with its weekday, for deadlines: "dinsdag 24 november 2026".
    #[must_use]
    pub fn date_with_weekday(self, date: Date) -> String {
        match self {
            Language::Nl => nl::date_with_weekday(date),
        }
    }

    /// A time of day: "14.30".
    #[must_use]
    pub fn time(self, time: Time) -> String {
        match self {
            Language::Nl => nl::time(time),
        }
    }

    /// A term: "15 dagen", "een week", "2 werkdagen".
    #[must_use]
    pub fn term(self, term: Term) -> String {
        match self {
            Language::Nl => nl::term(term),
        }
    }

    /// The dateline: "Utrecht, 24 november 2026".
    #[must_use]
    pub fn dateline(self, place: &str, date: Date) -> String {
        match self {
            Language::Nl => format!("{place}, {}", nl::date(date)),
        }
    }

    /// The salutation used when the recipient has none of their own, without its comma.
    #[must_use]
    pub fn neutral_salutation(self) -> &'static str {
        match self {
            Language::Nl => "Geachte heer, mevrouw",
        }
    }
}
