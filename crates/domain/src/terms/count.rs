//! The deadline engine: TERMS.md rules 1–7, one function per rule, each recording its steps.
//!
//! Counting asks the calendar one cheap question per day ([`Calendar::is_working_day`]) and
//! builds a named reason only for the days it passes over, so a deadline costs under a
//! microsecond (release build) and exhaustive tests over every start date 1966–2200 stay fast.

use jiff::Span;
use jiff::civil::Date;

use super::{Deadline, Direction, Step, Term, TermError, TermPolicy, TermUnit};
use crate::calendar::{Calendar, unknown_decrees_warning};

/// Atw art. 4: no extension for terms longer than 90 days (or 12 weeks, which is the same bound).
const ATW_MAX_DAYS: i64 = 90;
/// Atw art. 2 applies to terms of 3 days or more.
const ATW_ART2_MIN_DAYS: i64 = 3;
/// Atw art. 2: the number of working days a term must contain.
const ATW_ART2_WORKING_DAYS: u32 = 2;
const ART2_REASON: &str = "Atw art. 2: termijn bevat minder dan 2 werkdagen";

pub(super) fn deadline(
    start: Date,
    term: Term,
    policy: TermPolicy,
    calendar: &Calendar,
) -> Result<Deadline, TermError> {
    let term = Term::new(term.amount, term.unit, term.direction)?;
    ensure_supported(start)?;
    let mut steps = Vec::new();
    let counted = match (term.unit, term.direction) {
        (TermUnit::WorkingDays, direction) => {
            let closures = policy.closure_days_extend;
            let end = nth_working_day(
                start,
                term.amount,
                direction,
                calendar,
                closures,
                &mut steps,
            )?;
            Counted {
                raw_end: end,
                end,
                note: None,
                calendar_consulted: true,
            }
        }
        (_, Direction::Before) => {
            let raw = offset(start, -calendar_days(term))?;
            let note = Some("terugrekenende termijn, niet verlengd: Atw art. 1 lid 2");
            Counted {
                raw_end: raw,
                end: raw,
                note,
                calendar_consulted: false,
            }
        }
        (_, Direction::After) => forward(start, term, policy, calendar, &mut steps)?,
    };
    let direction_word = match term.direction {
        Direction::After => "na",
        Direction::Before => "vóór",
    };
    let mut rule = format!("{} {direction_word} {start}", term.quantity());
    if let Some(note) = counted.note {
        rule.push_str(&format!(" ({note})"));
    }
    let warnings = if counted.calendar_consulted {
        unknown_decree_years(start, counted.end, calendar)
    } else {
        Vec::new()
    };
    Ok(Deadline {
        start,
        rule,
        raw_end: counted.raw_end,
        steps,
        end: counted.end,
        calendar_version: calendar.data_version(),
        warnings,
    })
}

/// What one counting rule produced.
struct Counted {
    raw_end: Date,
    end: Date,
    /// Why the Atw was not applied, for the rule text.
    note: Option<&'static str>,
    /// Whether the calendar decided anything: only then can unknown decree years matter.
    calendar_consulted: bool,
}

/// Forward days and weeks: rule 1, then rules 3 and 4 unless the policy (rule 7) or Atw art. 4
/// (rule 6) says the Atw does not apply.
fn forward(
    start: Date,
    term: Term,
    policy: TermPolicy,
    calendar: &Calendar,
    steps: &mut Vec<Step>,
) -> Result<Counted, TermError> {
    let days = calendar_days(term);
    let raw = offset(start, days)?;
    let unmoved = |note| Counted {
        raw_end: raw,
        end: raw,
        note: Some(note),
        calendar_consulted: false,
    };
    if !policy.atw {
        return Ok(unmoved("zonder Algemene termijnenwet"));
    }
    if days > ATW_MAX_DAYS {
        return Ok(unmoved(match term.unit {
            TermUnit::Weeks => "Atw art. 4: niet verlengd, termijn langer dan 12 weken",
            _ => "Atw art. 4: niet verlengd, termijn langer dan 90 dagen",
        }));
    }
    let closures = policy.closure_days_extend;
    let mut end = extend_past_non_working(raw, calendar, closures, steps)?;
    if days >= ATW_ART2_MIN_DAYS {
        end = ensure_two_working_days(start, end, calendar, closures, steps)?;
    }
    Ok(Counted {
        raw_end: raw,
        end,
        note: None,
        calendar_consulted: true,
    })
}

/// The length of a days or weeks term in calendar days.
fn calendar_days(term: Term) -> i64 {
    match term.unit {
        TermUnit::Weeks => 7 * i64::from(term.amount),
        TermUnit::Days | TermUnit::WorkingDays => i64::from(term.amount),
    }
}

fn ensure_supported(date: Date) -> Result<Date, TermError> {
    if (Calendar::FIRST_DAY..=Calendar::LAST_DAY).contains(&date) {
        Ok(date)
    } else {
        Err(TermError::OutOfRange(date))
    }
}

/// `start` plus `days` calendar days (rule 1), inside the supported range.
fn offset(start: Date, days: i64) -> Result<Date, TermError> {
    let span = Span::new()
        .try_days(days)
        .map_err(|_| TermError::OutOfRange(start))?;
    let date = start
        .checked_add(span)
        .map_err(|_| TermError::OutOfRange(start))?;
    ensure_supported(date)
}

fn next_day(date: Date, direction: Direction) -> Result<Date, TermError> {
    let next = match direction {
        Direction::After => date.tomorrow(),
        Direction::Before => date.yesterday(),
    };
    ensure_supported(next.map_err(|_| TermError::OutOfRange(date))?)
}

/// The step recording that `date` was passed over because it is not a working day.
fn passed_over(date: Date, calendar: &Calendar, closures: bool) -> Step {
    let reason = calendar
        .non_working(date, closures)
        .map_or_else(|| "geen werkdag".to_owned(), |why| why.reason());
    Step { date, reason }
}

/// Rule 2: the `n`-th working day strictly after (or before) `start`; every non-working day
/// passed on the way is a step.
fn nth_working_day(
    start: Date,
    n: u16,
    direction: Direction,
    calendar: &Calendar,
    closures: bool,
    steps: &mut Vec<Step>,
) -> Result<Date, TermError> {
    let mut day = start;
    let mut counted = 0;
    while counted < n {
        day = next_day(day, direction)?;
        if calendar.is_working_day(day, closures) {
            counted += 1;
        } else {
            steps.push(passed_over(day, calendar, closures));
        }
    }
    Ok(day)
}

/// Rule 3 (Atw art. 1): move past Saturdays, Sundays and holidays, repeatedly.
fn extend_past_non_working(
    mut end: Date,
    calendar: &Calendar,
    closures: bool,
    steps: &mut Vec<Step>,
) -> Result<Date, TermError> {
    while !calendar.is_working_day(end, closures) {
        steps.push(passed_over(end, calendar, closures));
        end = next_day(end, Direction::After)?;
    }
    Ok(end)
}

/// Rule 4 (Atw art. 2): extend `end` (a working day) until (start, end] holds 2 working days.
fn ensure_two_working_days(
    start: Date,
    mut end: Date,
    calendar: &Calendar,
    closures: bool,
    steps: &mut Vec<Step>,
) -> Result<Date, TermError> {
    let mut working = working_days_up_to(start, end, ATW_ART2_WORKING_DAYS, calendar, closures)?;
    while working < ATW_ART2_WORKING_DAYS {
        steps.push(Step {
            date: end,
            reason: ART2_REASON.to_owned(),
        });
        end = extend_past_non_working(next_day(end, Direction::After)?, calendar, closures, steps)?;
        working += 1;
    }
    Ok(end)
}

/// The number of working days in (start, end], counting no further than `enough`.
fn working_days_up_to(
    start: Date,
    end: Date,
    enough: u32,
    calendar: &Calendar,
    closures: bool,
) -> Result<u32, TermError> {
    let mut count = 0;
    let mut day = start;
    while day < end && count < enough {
        day = next_day(day, Direction::After)?;
        if calendar.is_working_day(day, closures) {
            count += 1;
        }
    }
    Ok(count)
}

/// One warning per year in the counted range (start, end] (or [end, start)) without decree data.
fn unknown_decree_years(start: Date, end: Date, calendar: &Calendar) -> Vec<String> {
    let (first, last) = if end > start {
        (start.tomorrow().unwrap_or(start), end)
    } else {
        (end, start.yesterday().unwrap_or(start))
    };
    (first.year()..=last.year())
        .filter(|year| !calendar.decrees_known(*year))
        .map(unknown_decrees_warning)
        .collect()
}
