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
use store::{ComplaintId, Job, NewJob, QueueQuery, UserRecord};

use crate::deadlines::classify;
use crate::follow_ups::follow_ups;
use crate::worker::{JobError, JobHandler};
use crate::{App, AppError};

pub use crate::follow_ups::{ESCALATE_JOB, REMIND_JOB};

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
/// handler or director.
pub fn recipients(
    users: &[UserRecord],
    complaint: &Complaint,
    level: AlertLevel,
) -> (AlertAudience, Vec<UserId>) {
    let region = complaint.registration().region.as_ref();
    let id = |u: &UserRecord| UserId::try_from(u.id.to_string()).ok();
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

/// What [`resync`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resynced {
    /// Open complaints looked at.
    pub complaints: u64,
    /// Jobs newly queued (jobs queued before are not counted: their dedupe key is known).
    pub queued: u64,
}

/// Queues the follow-up jobs (lapses, reminders, escalations) of every open complaint, `page`
/// complaints at a time, for databases that were filled before a kind of job existed. Idempotent:
/// every job has a dedupe key, so a second run queues nothing. `progress` sees the running total.
pub async fn resync(
    app: &App,
    page: u32,
    mut progress: impl FnMut(Resynced),
) -> Result<Resynced, AppError> {
    let mut done = Resynced::default();
    let mut after = None;
    loop {
        let rows = app
            .store()
            .queue(&QueueQuery {
                region: None,
                state: None,
                after,
                limit: page.max(1),
            })
            .await?;
        let Some(last) = rows.last() else {
            return Ok(done);
        };
        after = Some(last.cursor());
        let mut jobs = Vec::new();
        for row in &rows {
            let loaded = app.load(row.reference).await?;
            let key = loaded.complaint.procedure_key().to_string();
            let procedure = app.procedure(&key).ok_or(AppError::UnknownProcedure(key))?;
            jobs.extend(follow_ups(
                loaded.id,
                &loaded.complaint,
                procedure,
                app.watch(),
            ));
        }
        done.complaints += rows.len() as u64;
        done.queued += app.store().enqueue_jobs(jobs).await?;
        progress(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::complaint::{AlertAudience, DeadlineAlert};

    fn user(n: u128, role: Role, regions: &[&str], active: bool) -> UserRecord {
        UserRecord {
            id: uuid::Uuid::from_u128(n),
            email: format!("u{n}@example.nl"),
            name: format!("Gebruiker {n}"),
            role,
            all_regions: false,
            regions: regions.iter().map(|r| r.to_string()).collect(),
            active,
            password_hash: None,
            totp_secret: None,
            created_at: Timestamp::UNIX_EPOCH,
        }
    }

    fn uid(n: u128) -> UserId {
        UserId::try_from(uuid::Uuid::from_u128(n).to_string()).unwrap()
    }

    fn complaint(assignee: Option<u128>) -> Complaint {
        support::registered("noord", assignee.map(uid))
    }

    #[test]
    fn a_reminder_goes_to_the_active_assignee_else_to_the_regions_handlers() {
        let users = [
            user(1, Role::Klachtbehandelaar, &["noord"], true),
            user(2, Role::Klachtbehandelaar, &["noord"], true),
            user(3, Role::Klachtbehandelaar, &["zuid"], true),
            user(4, Role::Klachtbehandelaar, &["noord"], false),
            user(5, Role::Regiodirecteur, &["noord"], true),
        ];
        assert_eq!(
            recipients(&users, &complaint(Some(2)), AlertLevel::Reminder),
            (AlertAudience::Assignee, vec![uid(2)])
        );
        assert_eq!(
            recipients(&users, &complaint(None), AlertLevel::Reminder),
            (AlertAudience::RegionHandlers, vec![uid(1), uid(2)])
        );
        // An assignee who left: the region's handlers.
        assert_eq!(
            recipients(&users, &complaint(Some(4)), AlertLevel::Reminder),
            (AlertAudience::RegionHandlers, vec![uid(1), uid(2)])
        );
    }

    #[test]
    fn an_escalation_goes_to_the_regions_directors_else_to_the_administrators() {
        let mut users = vec![
            user(1, Role::Klachtbehandelaar, &["noord"], true),
            user(5, Role::Regiodirecteur, &["noord"], true),
            user(6, Role::Regiodirecteur, &["zuid"], true),
            user(7, Role::Beheerder, &[], true),
        ];
        assert_eq!(
            recipients(&users, &complaint(Some(1)), AlertLevel::Escalation),
            (AlertAudience::RegionalManagement, vec![uid(5)])
        );
        users.retain(|u| u.id != uuid::Uuid::from_u128(5));
        assert_eq!(
            recipients(&users, &complaint(Some(1)), AlertLevel::Escalation),
            (AlertAudience::Administrators, vec![uid(7)])
        );
    }

    #[test]
    fn each_alert_event_queues_one_mail_named_by_its_sequence_number() {
        let alert = |to: Vec<UserId>| DeadlineAlert {
            kind: DeadlineKind::Answer,
            end: "2026-04-28".parse().unwrap(),
            audience: AlertAudience::Assignee,
            to,
        };
        let id = uuid::Uuid::from_u128(9);
        let events = [
            Event::DeadlineReminderSent(alert(vec![uid(1)])),
            Event::DeadlineEscalated(alert(vec![uid(5)])),
            Event::DeadlineEscalated(alert(Vec::new())),
        ];
        let jobs = alert_mail_jobs(id, 4, &events, Timestamp::UNIX_EPOCH);
        let keys: Vec<_> = jobs.iter().filter_map(|j| j.dedupe_key.clone()).collect();
        assert_eq!(keys, [format!("alert:{id}:5"), format!("alert:{id}:6")]);
        assert_eq!(
            jobs[1].payload,
            serde_json::json!({ "complaint_id": id, "seq": 6 })
        );
    }

    mod support {
        use domain::calendar::Calendar;
        use domain::complaint::{
            Category, Channel, Complainant, Complaint, ContactDetails, Context, PersonName,
            PhoneNumber, RegionCode, Registration, Text, UserId, decide,
        };
        use domain::procedure::ProcedureDefinition;
        use domain::reference::Reference;

        /// A complaint registered in `region`, assigned to `assignee`.
        pub fn registered(region: &str, assignee: Option<UserId>) -> Complaint {
            let procedure = ProcedureDefinition::focus_default();
            let calendar = Calendar::dutch();
            let now = "2026-04-13T09:00:00Z".parse().unwrap();
            let ctx = Context {
                now,
                actor: domain::complaint::Actor::System,
                calendar: &calendar,
                procedure: &procedure,
            };
            let contact =
                ContactDetails::new(None, Some(PhoneNumber::try_from("0612345678").unwrap()))
                    .unwrap();
            let events = decide(
                None,
                domain::complaint::Command::Register(Registration {
                    reference: Reference::new(2026, 1).unwrap(),
                    channel: Channel::Email,
                    received_at: now,
                    complainant: Complainant {
                        name: PersonName::try_from("A. Jansen").unwrap(),
                        contact,
                        address: None,
                        representative: None,
                    },
                    region: RegionCode::try_from(region).unwrap(),
                    category: Category::try_from("bejegening").unwrap(),
                    description: Text::try_from("Onvriendelijk.").unwrap(),
                    employee_concerned: None,
                    desired_outcome: None,
                    assignee,
                }),
                &ctx,
            )
            .unwrap();
            Complaint::replay(&events).unwrap()
        }
    }
}
