//! Deadlines as they run on one complaint: opened by a step, extended with a reason, closed by a
//! later step.
//!
//! The computed `terms::Deadline` (with its explanation and calendar version) is put into the
//! event that opens it, so what a complainant is shown later is what was computed at the time,
//! even after the calendar data or the procedure's terms change.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::refusal::Refusal;
use crate::calendar::Calendar;
use crate::procedure::{DeadlineKind, Moment, Party, ProcedureDefinition};
use crate::terms::{self, Deadline};

/// A deadline that is running (or overdue) on a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenDeadline {
    pub kind: DeadlineKind,
    /// Who must act before it ends.
    pub who: Party,
    /// The moment that started it.
    pub starts: Moment,
    /// The starting event in Dutch, e.g. "ontvangst van de klacht".
    pub start_description: String,
    /// The term as the procedure states it, e.g. "2 weken".
    pub term: String,
    /// The computed deadline with its explanation.
    pub deadline: Deadline,
    /// Every extension, oldest first.
    #[serde(default)]
    pub extensions: Vec<Extension>,
}

impl OpenDeadline {
    /// The last day on which the step is on time, extensions included.
    pub fn end(&self) -> Date {
        self.extensions
            .last()
            .map_or(self.deadline.end, |e| e.new_end)
    }

    /// How a step taken on `date` meets this deadline.
    pub fn outcome_on(&self, date: Date) -> DeadlineOutcome {
        if date <= self.end() {
            DeadlineOutcome::Met
        } else {
            DeadlineOutcome::Late
        }
    }

    pub fn close(&self, on: Date, outcome: DeadlineOutcome) -> ClosedDeadline {
        ClosedDeadline {
            kind: self.kind,
            end: self.end(),
            closed_on: on,
            outcome,
        }
    }
}

/// One extension of a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The day the extension was recorded.
    pub on: Date,
    pub previous_end: Date,
    pub new_end: Date,
    /// The new term, when the extension was given as a term ("4 weken") rather than a date.
    pub new_term: Option<String>,
    /// The recomputed deadline for a new term (with its explanation).
    pub new_deadline: Option<Deadline>,
    pub reason: Option<String>,
}

/// How a deadline ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineOutcome {
    /// The step was taken on or before the end.
    Met,
    /// The step was taken after the end.
    Late,
    /// The complainant's window passed without them acting (their right, not a broken promise).
    Expired,
    /// No longer relevant: the complaint closed or took another path.
    Cancelled,
}

/// A deadline that a step closed, as recorded in that step's event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedDeadline {
    pub kind: DeadlineKind,
    pub end: Date,
    pub closed_on: Date,
    pub outcome: DeadlineOutcome,
}

/// The deadlines a step opens and closes: part of every event that changes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineChanges {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed: Vec<ClosedDeadline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opened: Vec<OpenDeadline>,
}

/// Open every term of `procedure` that one of `moments` starts (moment, date of that moment).
/// A term named by several of the offered moments opens once, from the first moment in its own
/// `starts` list. `except` skips kinds (e.g. the contact term on a channel it does not cover).
pub fn open_terms(
    procedure: &ProcedureDefinition,
    calendar: &Calendar,
    moments: &[(Moment, Date)],
    except: &[DeadlineKind],
) -> Result<Vec<OpenDeadline>, Refusal> {
    let mut opened = Vec::new();
    for def in procedure.terms() {
        if except.contains(&def.kind) {
            continue;
        }
        let hit = def
            .starts
            .iter()
            .find_map(|m| moments.iter().find(|(x, _)| x == m));
        let Some(&(moment, date)) = hit else { continue };
        let deadline = terms::deadline(date, def.term, procedure.policy(), calendar)?;
        opened.push(OpenDeadline {
            kind: def.kind,
            who: def.who,
            starts: moment,
            start_description: format!("{} op {}", moment.label_nl(), date_nl(date)),
            term: def.term.to_string(),
            deadline,
            extensions: Vec::new(),
        });
    }
    Ok(opened)
}

/// A date in Dutch for people: "maandag 13 april 2026".
pub fn date_nl(date: Date) -> String {
    const DAYS: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let day = DAYS[usize::from(date.weekday().to_monday_zero_offset().unsigned_abs())];
    let month = MONTHS[usize::from(date.month().unsigned_abs()) - 1];
    format!("{day} {} {month} {}", date.day(), date.year())
}
