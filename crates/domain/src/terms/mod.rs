//! Terms ("binnen 2 weken", "15 dagen na dagtekening", "2 werkdagen") and the deadline engine.
//!
//! A wrong date is a broken promise to a complainant, so every rule of TERMS.md is implemented
//! in one place (module `count`) and every deadline carries its own explanation: the raw end,
//! each day passed over and why, and the calendar data version used. Parsing and display of
//! terms live in module `parse`; the string form ("2 weken") is also the serialised form.
//!
//! Supported dates are 1966-01-01 to 2200-12-31 (the calendar's range), for the start and for
//! every day the count reaches; anything outside is refused with [`TermError::OutOfRange`].

mod count;
mod parse;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

/// The unit of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermUnit {
    Days,
    Weeks,
    WorkingDays,
}

/// Forward ("N dagen na X") or backward ("N dagen vóór X", never moved: Atw art. 1 lid 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    After,
    Before,
}

/// A term such as "2 weken". Parse with `FromStr`: "2 weken", "1 week", "15 dagen", "1 dag",
/// "2 werkdagen", "1 werkdag", and English "2 weeks", "15 days", "2 working days"; a leading
/// "-" or a trailing "voor"/"vóór"/"before" makes it backward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term {
    pub amount: u16,
    pub unit: TermUnit,
    pub direction: Direction,
}

/// How terms are counted for a procedure (TERMS.md rules 3, 4, 7 and the closure-day switch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermPolicy {
    /// Apply the Algemene termijnenwet (art. 1 and 2) to the organisation's own terms.
    pub atw: bool,
    /// Whether organisation closure days stretch terms (as non-working days).
    pub closure_days_extend: bool,
}

impl Default for TermPolicy {
    fn default() -> Self {
        TermPolicy {
            atw: true,
            closure_days_extend: false,
        }
    }
}

/// One step of a deadline's explanation: a day passed over, and why
/// ("zaterdag", "Koningsdag", "gelijkgesteld (besluit …)", "Atw art. 2: minder dan 2 werkdagen").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub date: Date,
    pub reason: String,
}

/// A computed deadline that can explain itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The date of the starting event.
    pub start: Date,
    /// The rule in Dutch, e.g. "2 weken na 2026-03-02".
    pub rule: String,
    /// The end before any extension.
    pub raw_end: Date,
    /// Every day passed over, in order.
    pub steps: Vec<Step>,
    /// The final date: the last day on which the step is on time.
    pub end: Date,
    /// `Calendar::data_version()` of the calendar used.
    pub calendar_version: String,
    /// E.g. "no decree data for 2029: days put on a par by royal decree are unknown".
    pub warnings: Vec<String>,
}

/// Why a deadline cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    #[error("datum buiten het ondersteunde bereik (1966–2200): {0}")]
    OutOfRange(Date),
    #[error(
        "onbekende termijn {0:?}: gebruik bijvoorbeeld \"2 weken\", \"15 dagen\" of \"2 werkdagen\""
    )]
    Unparseable(String),
    /// Zero ("0 dagen" is meaningless) or more than [`Term::MAX_AMOUNT`] (a typo, not a term).
    #[error("termijn {0:?}: het aantal moet tussen 1 en 999 liggen")]
    AmountOutOfRange(String),
}

/// Compute the deadline of `term` counted from `start` (the date of the starting event).
///
/// Forward "N dagen"/"N weken" end at start + N days/weeks, then (with `policy.atw`, for terms
/// of at most 90 days / 12 weeks) move past non-working days (Atw art. 1) and, for terms of 3
/// days or more, until the term holds 2 working days (Atw art. 2). "N werkdagen" ends on the
/// N-th working day strictly after the start. Backward terms are never moved (Atw art. 1 lid 2).
pub fn deadline(
    start: Date,
    term: Term,
    policy: TermPolicy,
    calendar: &Calendar,
) -> Result<Deadline, TermError> {
    count::deadline(start, term, policy, calendar)
}
