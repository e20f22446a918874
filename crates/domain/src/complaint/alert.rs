//! Deadline alerts: the organisation's own terms (contact, answer, hearing offer, final decision)
//! are watched by the system, which reminds the people who must act a few working days before a
//! term ends and escalates to the region's management the day after a term was missed.
//!
//! An alert is about one deadline *end*: a reminder for the answer due 27 April is a different
//! fact from one for the same answer after it was extended to 4 May. The complaint's state keeps
//! every (level, kind, end) alerted so far, and the decision refuses a second one: a re-run job
//! or a second worker changes nothing (see `docs/deadline-watch.md`).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::types::UserId;
use crate::procedure::DeadlineKind;

/// Who an alert went to, and so why those people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertAudience {
    /// The handler the complaint is assigned to.
    Assignee,
    /// Unassigned: every active complaint handler of the complaint's region.
    RegionHandlers,
    /// The region's management (active regiodirecteuren of the region).
    RegionalManagement,
    /// Nobody of the intended audience is there: the administrators instead.
    Administrators,
}

impl AlertAudience {
    /// Dutch, for the staff timeline: "de toegewezen behandelaar".
    pub fn label_nl(self) -> &'static str {
        match self {
            AlertAudience::Assignee => "de toegewezen behandelaar",
            AlertAudience::RegionHandlers => "de klachtbehandelaars van de regio",
            AlertAudience::RegionalManagement => "de directie van de regio",
            AlertAudience::Administrators => {
                "de beheerders (de regio heeft niemand die dit kan ontvangen)"
            }
        }
    }
}

/// How loud an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// Before the end: the term is about to run out.
    Reminder,
    /// After the end: the term was missed.
    Escalation,
}

/// One alert about the deadline of `kind` that ends on `end`: as a command (what the system
/// asks to record) and as the recorded fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineAlert {
    pub kind: DeadlineKind,
    /// The end the alert is about (extensions included), the day it names.
    pub end: Date,
    pub audience: AlertAudience,
    /// The staff user ids the alert mail goes to.
    pub to: Vec<UserId>,
}
