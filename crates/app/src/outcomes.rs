//! Deadline outcomes for the compliance figures: which deadlines a step closed, met or late,
//! as store rows (`deadline_outcomes`). Written by [`App::execute`](crate::App::execute) in the
//! step's own transaction, and recomputed from the event log by
//! [`App::rebuild_deadline_outcomes`] (`wederhoor dashboard rebuild`), which uses the same
//! function, so both give the same rows.
//!
//! What counts (see `docs/dashboard.md`): a deadline closed with outcome `met` or `late`. A
//! complainant's window that expired and a deadline cancelled because the complaint took
//! another path are not promises kept or broken, and are left out. The start date comes from
//! the deadline as it was open before the event; the due date is its end with extensions.

use domain::complaint::{Complaint, DeadlineOutcome, Event};
use store::{ComplaintId, NewDeadlineOutcome};

use crate::record::from_records;
use crate::{App, AppError};

/// The outcomes `event` records, given the complaint as it was before it.
pub fn closed_by(id: ComplaintId, before: &Complaint, event: &Event) -> Vec<NewDeadlineOutcome> {
    let Some(changes) = event.deadline_changes() else {
        return Vec::new();
    };
    let region = before.registration().region.to_string();
    changes
        .closed
        .iter()
        .filter(|c| matches!(c.outcome, DeadlineOutcome::Met | DeadlineOutcome::Late))
        .filter_map(|c| {
            let Some(open) = before.deadline(c.kind) else {
                tracing::warn!(complaint.id = %id, kind = c.kind.as_str(), "a closed deadline that was not open; no outcome recorded");
                return None;
            };
            let started_on = open.deadline.start;
            let days_taken = started_on
                .until(c.closed_on)
                .map_or(0, |span| i64::from(span.get_days()));
            Some(NewDeadlineOutcome {
                complaint_id: id,
                region: region.clone(),
                kind: c.kind.as_str().to_owned(),
                started_on,
                due: c.end,
                closed_on: c.closed_on,
                met: c.outcome == DeadlineOutcome::Met,
                days_taken,
            })
        })
        .collect()
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RebuildReport {
    pub complaints: u64,
    pub outcomes: u64,
}

/// Complaints read per page during a rebuild.
const REBUILD_PAGE: u32 = 500;

impl App {
    /// Recomputes every complaint's outcome rows from its events (one transaction per
    /// complaint; running it again changes nothing). For databases that have events from before
    /// the table existed.
    pub async fn rebuild_deadline_outcomes(&self) -> Result<RebuildReport, AppError> {
        let mut report = RebuildReport::default();
        let mut after = None;
        loop {
            let ids = self.store.complaint_ids_after(after, REBUILD_PAGE).await?;
            let Some(&last) = ids.last() else {
                return Ok(report);
            };
            for id in ids {
                let Some(record) = self.store.complaint(id).await? else {
                    continue;
                };
                let events = from_records(record.reference, &self.store.events(id).await?)?;
                let outcomes = outcomes_of_log(id, &events);
                report.complaints += 1;
                report.outcomes += outcomes.len() as u64;
                self.store.replace_deadline_outcomes(id, outcomes).await?;
            }
            after = Some(last);
        }
    }
}

/// Every outcome in a complaint's log, replaying it from the registration.
pub fn outcomes_of_log(id: ComplaintId, events: &[Event]) -> Vec<NewDeadlineOutcome> {
    let Some((Event::ComplaintRegistered(first), rest)) = events.split_first() else {
        return Vec::new();
    };
    let mut complaint = Complaint::registered(first);
    let mut out = Vec::new();
    for e in rest {
        out.extend(closed_by(id, &complaint, e));
        complaint.apply(e);
    }
    out
}
