//! The deadline watch for the organisation's own terms (contact, answer, hearing offer, final
//! decision): a `deadline.remind` job before a term ends and a `deadline.escalate` job the day
//! after it ended, both queued by [`crate::follow_ups`] with the step that opened the term.
//!
//! When one runs, the handler looks up who should hear of it (see [`recipients`]) and asks the
//! domain to record the alert as [`Actor::System`]. The step's transaction also queues the alert
//! mail ([`alert_mail_jobs`]), so an alert is in the timeline if and only if its mail is queued.
//!
//! Exactly once per (complaint, kind, end): the domain refuses a second alert of the same level
//! for the same end (the set is part of the complaint's state, and appends are serialised per
//! complaint by the sequence check), so a job that runs again after a crash, or on a second
//! worker, finds the refusal and is done. A term that was met, moved or closed meanwhile is a
//! no-op too. See `docs/deadline-watch.md`.

use std::future::Future;
use std::pin::Pin;

use domain::complaint::{
    Actor, AlertAudience, AlertLevel, Command, Complaint, DeadlineAlert, Event, Refusal, Role,
    UserId,
};
use domain::procedure::DeadlineKind;
use domain::time::civil_date;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use store::{ComplaintId, Job, NewJob, UserRecord};

use crate::deadlines::classify;
use crate::worker::{JobError, JobHandler};
use crate::{App, AppError};

pub mod plan;
mod resync;

pub use plan::{ESCALATE_JOB, REMIND_JOB};
pub use resync::{Resynced, resync};

/// The job that mails one recorded alert to its recipients. Payload:
/// `{"complaint_id": "<uuid>", "seq": <seq of the alert event>}`.
pub const ALERT_MAIL_JOB: &str = "mail.deadline_alert";

/// The alert mail jobs for `events`, appended after sequence number `last_seq` (the first event
/// gets `last_seq + 1`), due at `now`. An alert without recipients has nobody to mail.
pub fn alert_mail_jobs(
    id: ComplaintId,
    last_seq: i64,
    events: &[Event],
    now: Timestamp,
) -> Vec<NewJob> {
    events
        .iter()
        .zip(last_seq + 1..)
        .filter_map(|(event, seq)| match event {
            Event::DeadlineReminderSent(a) | Event::DeadlineEscalated(a) if !a.to.is_empty() => {
                Some(NewJob {
                    kind: ALERT_MAIL_JOB.to_string(),
                    payload: serde_json::json!({ "complaint_id": id, "seq": seq }),
                    run_at: now,
                    dedupe_key: Some(format!("alert:{id}:{seq}")),
                })
            }
            _ => None,
        })
        .collect()
}

/// Who hears of an alert of `level` on `complaint`, given every staff user:
/// - a reminder goes to the assignee (when active), else to every active klachtbehandelaar of
///   the complaint's region;
/// - an escalation goes to the active regiodirecteuren of the region;
/// - when there is nobody of that kind, to the active beheerders (and the event says so).
///
/// Region membership is explicit (`regions`): staff with access to all regions are not everyone's
/// handler or director. The employee the complaint is about hears nothing of it while it is
/// hidden from them (`Complaint::hidden_from`), in any of these audiences.
pub fn recipients(
    users: &[UserRecord],
    complaint: &Complaint,
    level: AlertLevel,
) -> (AlertAudience, Vec<UserId>) {
    let region = complaint.registration().region.as_ref();
    let hidden = complaint.hidden_from();
    let users: Vec<&UserRecord> = users
        .iter()
        .filter(|u| hidden.is_none_or(|h| h.as_ref() != u.id.to_string()))
        .collect();
    let id = |u: &&UserRecord| UserId::try_from(u.id.to_string()).ok();
    let of_region = |role: Role| -> Vec<UserId> {
        users
            .iter()
            .filter(|u| u.active && u.role == role && u.regions.iter().any(|r| r == region))
            .filter_map(id)
            .collect()
    };
    let (audience, to) = match level {
        AlertLevel::Reminder => {
            let assignee = complaint.assignee().and_then(|a| {
                users
                    .iter()
                    .find(|u| u.active && u.id.to_string() == a.as_ref())
                    .and_then(id)
            });
            match assignee {
                Some(a) => (AlertAudience::Assignee, vec![a]),
                None => (
                    AlertAudience::RegionHandlers,
                    of_region(Role::Klachtbehandelaar),
                ),
            }
        }
        AlertLevel::Escalation => (
            AlertAudience::RegionalManagement,
            of_region(Role::Regiodirecteur),
        ),
    };
    if !to.is_empty() {
        return (audience, to);
    }
    let admins = users
        .iter()
        .filter(|u| u.active && u.role == Role::Beheerder)
        .filter_map(id)
        .collect();
    (AlertAudience::Administrators, admins)
}

/// Runs `deadline.remind` (level [`AlertLevel::Reminder`]) or `deadline.escalate` jobs.
#[derive(Debug, Clone, Copy)]
pub struct AlertHandler {
    pub level: AlertLevel,
}

impl AlertHandler {
    pub fn reminders() -> AlertHandler {
        AlertHandler {
            level: AlertLevel::Reminder,
        }
    }

    pub fn escalations() -> AlertHandler {
        AlertHandler {
            level: AlertLevel::Escalation,
        }
    }
}

impl JobHandler for AlertHandler {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(alert(app, job, self.level))
    }
}

#[derive(Debug, Deserialize)]
struct Payload {
    complaint_id: ComplaintId,
    kind: String,
    end: Date,
}

/// Why nothing is to be recorded now (`Ok(())`: go ahead). `Err(Some(_))` is worth a retry.
fn due(
    complaint: &Complaint,
    level: AlertLevel,
    kind: DeadlineKind,
    end: Date,
    today: Date,
) -> Result<(), (String, bool)> {
    if complaint.status().is_closed() {
        return Err((format!("closed ({})", complaint.status().code()), false));
    }
    let Some(open) = complaint.deadline(kind) else {
        return Err(("the term is no longer open".into(), false));
    };
    if open.end() != end {
        return Err((format!("the term now ends on {}", open.end()), false));
    }
    if complaint.alerted(level, kind, end) {
        return Err(("already recorded".into(), false));
    }
    match level {
        AlertLevel::Reminder if today > end => Err(("the term has ended".into(), false)),
        // Run early (clocks differ): try again later rather than lose the escalation.
        AlertLevel::Escalation if today <= end => Err((format!("the term runs until {end}"), true)),
        _ => Ok(()),
    }
}

/// Refusals that mean "the complaint moved on, or this was done": the job is done.
fn moved_on(refusal: &Refusal) -> bool {
    matches!(
        refusal,
        Refusal::AlreadyAlerted { .. }
            | Refusal::DeadlineEndChanged { .. }
            | Refusal::DeadlineNotOpen { .. }
            | Refusal::DeadlinePassed { .. }
            | Refusal::Closed { .. }
    )
}

async fn alert(app: &App, job: &Job, level: AlertLevel) -> Result<(), JobError> {
    let payload: Payload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::Permanent(format!("payload: {e}")))?;
    let kind = DeadlineKind::parse(&payload.kind)
        .ok_or_else(|| JobError::Permanent(format!("unknown deadline kind {:?}", payload.kind)))?;
    let end = payload.end;
    let record = app
        .store()
        .complaint(payload.complaint_id)
        .await
        .map_err(|e| JobError::Transient(e.to_string()))?
        .ok_or_else(|| JobError::Permanent(format!("no complaint {}", payload.complaint_id)))?;
    let reference = record.reference;
    let loaded = app.load(reference).await.map_err(classify)?;
    let today = civil_date(app.clock().now());
    if let Err((why, retry)) = due(&loaded.complaint, level, kind, end, today) {
        tracing::debug!(complaint.reference = %reference, kind = kind.as_str(), %end, ?level, %why, "deadline watch: nothing to do");
        return if retry {
            Err(JobError::Transient(why))
        } else {
            Ok(())
        };
    }
    let users = app
        .store()
        .users()
        .await
        .map_err(|e| JobError::Transient(e.to_string()))?;
    let (audience, to) = recipients(&users, &loaded.complaint, level);
    if to.is_empty() {
        tracing::warn!(complaint.reference = %reference, kind = kind.as_str(), ?level, "deadline watch: nobody to tell (no active handlers, directors or administrators)");
    }
    let alert = DeadlineAlert {
        kind,
        end,
        audience,
        to,
    };
    let command = match level {
        AlertLevel::Reminder => Command::RemindOfDeadline(alert),
        AlertLevel::Escalation => Command::EscalateDeadline(alert),
    };
    match app.execute(reference, command, Actor::System).await {
        Ok(_) => {
            tracing::info!(complaint.reference = %reference, kind = kind.as_str(), %end, ?level, "deadline alert recorded");
            Ok(())
        }
        Err(AppError::Refused(refusal)) if moved_on(&refusal) => {
            tracing::debug!(complaint.reference = %reference, kind = kind.as_str(), %end, ?level, code = refusal.code(), "deadline watch: done meanwhile");
            Ok(())
        }
        Err(AppError::Refused(Refusal::WindowStillOpen { end, .. })) => {
            Err(JobError::Transient(format!("the term runs until {end}")))
        }
        Err(AppError::Refused(refusal)) => Err(JobError::Permanent(format!(
            "{}: {refusal}",
            refusal.code()
        ))),
        Err(other) => Err(classify(other)),
    }
}

#[cfg(test)]
mod tests;
