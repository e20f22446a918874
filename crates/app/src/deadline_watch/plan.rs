//! When the deadline watch's jobs are due, decided without I/O: a reminder at 07:00 in
//! Europe/Amsterdam N working days before an organisation's term ends, an escalation at 00:05
//! the day after it ended. [`crate::follow_ups`] returns these with every step.

use domain::calendar::Calendar;
use domain::complaint::OpenDeadline;
use domain::procedure::{DeadlineKind, Party};
use domain::time::amsterdam;
use jiff::Timestamp;
use jiff::civil::Date;
use store::{ComplaintId, NewJob};

use crate::follow_ups::lapse_at;

/// The job that reminds the people who must act that an organisation's term ends soon.
pub const REMIND_JOB: &str = "deadline.remind";
/// The job that tells the region's management that an organisation's term was missed.
pub const ESCALATE_JOB: &str = "deadline.escalate";

/// How far ahead the deadline watch reminds, by default.
pub const DEFAULT_REMIND_WORKING_DAYS: u16 = 2;

/// What [`crate::follow_ups::follow_ups`] needs besides the complaint: the calendar and the watch's settings.
#[derive(Debug, Clone, Copy)]
pub struct Watch<'a> {
    /// The legal calendar with the organisation's closure days (a reminder lands on a day the
    /// office is open).
    pub calendar: &'a Calendar,
    /// Remind this many working days before a term ends.
    pub remind_working_days: u16,
}

/// Whether the deadline is one the organisation promised (the watch reminds and escalates it).
pub fn is_organisation_deadline(deadline: &OpenDeadline) -> bool {
    deadline.who != Party::Complainant
}

/// The day `n` working days before `end` (`end` itself for 0); closure days do not count.
/// None only at the edge of the calendar's range.
pub fn remind_on(end: Date, n: u16, calendar: &Calendar) -> Option<Date> {
    let mut day = end;
    for _ in 0..n {
        day = day.yesterday().ok()?;
        let mut guard = 0;
        while !calendar.is_working_day(day, true) {
            day = day.yesterday().ok()?;
            guard += 1;
            if guard > 60 {
                return None;
            }
        }
    }
    Some(day)
}

/// 07:00 in Europe/Amsterdam on `day`.
pub fn remind_at(day: Date) -> Option<Timestamp> {
    let zoned = day.at(7, 0, 0, 0).to_zoned_datetime(amsterdam()).ok()?;
    Some(zoned.timestamp())
}

fn watch_payload(id: ComplaintId, kind: DeadlineKind, end: Date) -> serde_json::Value {
    serde_json::json!({ "complaint_id": id, "kind": kind.as_str(), "end": end.to_string() })
}

/// The reminder job for `deadline` on complaint `id`. None when the reminder day is not after
/// the day the term started (a term as short as the reminder lead, like "2 werkdagen" with a
/// lead of 2: the handler knows already, and a reminder at once would be noise).
pub fn remind_job(id: ComplaintId, deadline: &OpenDeadline, watch: Watch<'_>) -> Option<NewJob> {
    let end = deadline.end();
    let day = remind_on(end, watch.remind_working_days, watch.calendar)?;
    if day <= deadline.deadline.start {
        return None;
    }
    let kind = deadline.kind;
    Some(NewJob {
        kind: REMIND_JOB.to_string(),
        payload: watch_payload(id, kind, end),
        run_at: remind_at(day)?,
        dedupe_key: Some(format!("remind:{id}:{}:{end}", kind.as_str())),
    })
}

/// The escalation job for the term of `kind` ending on `end`: 00:05 the day after.
pub fn escalate_job(id: ComplaintId, kind: DeadlineKind, end: Date) -> Option<NewJob> {
    Some(NewJob {
        kind: ESCALATE_JOB.to_string(),
        payload: watch_payload(id, kind, end),
        run_at: lapse_at(end)?,
        dedupe_key: Some(format!("escalate:{id}:{}:{end}", kind.as_str())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn reminder_days_count_back_over_weekends_holidays_and_closure_days() {
        let calendar = Calendar::dutch();
        let d = |s: &str| -> Date { s.parse().unwrap() };
        assert_eq!(
            remind_on(d("2026-04-28"), 0, &calendar),
            Some(d("2026-04-28"))
        );
        // Tue 28 Apr: Mon 27 is Koningsdag, so Fri 24 and Thu 23.
        assert_eq!(
            remind_on(d("2026-04-28"), 2, &calendar),
            Some(d("2026-04-23"))
        );
        // Mon 14 Dec: Fri 11 and Thu 10.
        assert_eq!(
            remind_on(d("2026-12-14"), 2, &calendar),
            Some(d("2026-12-10"))
        );
        let closed = Calendar::dutch().with_closure_days([(d("2026-12-11"), "Studiedag".into())]);
        assert_eq!(
            remind_on(d("2026-12-14"), 2, &closed),
            Some(d("2026-12-09"))
        );
        // 07:00 in winter is 06:00 UTC.
        assert_eq!(remind_at(d("2026-12-10")), Some(ts("2026-12-10T06:00:00Z")));
    }
}
