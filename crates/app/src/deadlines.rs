//! The deadline watch: a `deadline.lapse` job (queued by [`crate::follow_ups`] with the step
//! that opened the window) closes a window the system acts on once its last day has passed in
//! Europe/Amsterdam, by the app's clock, as [`Actor::System`]: the action is an event like any
//! other step and appears in the timeline.
//!
//! Idempotent: a complaint that moved on (an objection came in, it closed, the window was
//! extended to a later day) completes the job without doing anything, so a job that runs again
//! after a crash, or an old job after an extension, changes nothing.

use std::future::Future;
use std::pin::Pin;

use domain::complaint::{Actor, Complaint, Refusal};
use domain::procedure::DeadlineKind;
use domain::time::civil_date;
use jiff::civil::Date;
use serde::Deserialize;
use store::{ComplaintId, Job};

use crate::follow_ups::lapse_command;
use crate::worker::{JobError, JobHandler};
use crate::{App, AppError};

pub use crate::follow_ups::LAPSE_JOB;

/// Runs `deadline.lapse` jobs.
#[derive(Debug, Default, Clone, Copy)]
pub struct LapseHandler;

impl JobHandler for LapseHandler {
    fn run<'a>(
        &'a self,
        app: &'a App,
        job: &'a Job,
    ) -> Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>> {
        Box::pin(lapse(app, job))
    }
}

#[derive(Debug, Deserialize)]
struct Payload {
    complaint_id: ComplaintId,
    kind: String,
}

/// Whether the window of `kind` is due to be closed on `today`, or why not.
fn due(complaint: &Complaint, kind: DeadlineKind, today: Date) -> Result<(), String> {
    if complaint.status().is_closed() {
        return Err(format!("closed ({})", complaint.status().code()));
    }
    match complaint.deadline(kind) {
        None => Err("the window is no longer open".into()),
        Some(window) if today <= window.end() => {
            Err(format!("the window runs until {}", window.end()))
        }
        Some(_) => Ok(()),
    }
}

/// Store trouble and lost races are worth another try; the rest will not get better.
pub(crate) fn classify(error: AppError) -> JobError {
    match error {
        AppError::Store(_) | AppError::Busy | AppError::Overloaded | AppError::CommitFailed(_) => {
            JobError::Transient(error.to_string())
        }
        other => JobError::Permanent(other.to_string()),
    }
}

async fn lapse(app: &App, job: &Job) -> Result<(), JobError> {
    let payload: Payload = serde_json::from_value(job.payload.clone())
        .map_err(|e| JobError::Permanent(format!("payload: {e}")))?;
    let kind = DeadlineKind::parse(&payload.kind)
        .ok_or_else(|| JobError::Permanent(format!("unknown deadline kind {:?}", payload.kind)))?;
    let Some((command, _)) = lapse_command(kind) else {
        return Err(JobError::Permanent(format!(
            "the system does not act on the end of {}",
            kind.as_str()
        )));
    };
    let record = app
        .store()
        .complaint(payload.complaint_id)
        .await
        .map_err(|e| JobError::Transient(e.to_string()))?
        .ok_or_else(|| JobError::Permanent(format!("no complaint {}", payload.complaint_id)))?;
    let reference = record.reference;
    let loaded = app.load(reference).await.map_err(classify)?;
    let today = civil_date(app.clock().now());
    if let Err(why) = due(&loaded.complaint, kind, today) {
        tracing::debug!(complaint.reference = %reference, kind = kind.as_str(), %why, "lapse: nothing to do");
        return Ok(());
    }
    match app.execute(reference, command, Actor::System).await {
        Ok(_) => {
            tracing::info!(complaint.reference = %reference, kind = kind.as_str(), "window ended; closed by the system");
            Ok(())
        }
        Err(AppError::Refused(Refusal::WindowStillOpen { end, .. })) => {
            tracing::debug!(complaint.reference = %reference, kind = kind.as_str(), %end, "lapse: the window is still open");
            Ok(())
        }
        Err(AppError::Refused(refusal)) => {
            // A step taken between the check and the command (an objection just in) is not
            // a failure: the complaint moved on.
            let again = app.load(reference).await.map_err(classify)?;
            let today = civil_date(app.clock().now());
            if let Err(why) = due(&again.complaint, kind, today) {
                tracing::debug!(complaint.reference = %reference, kind = kind.as_str(), %why, "lapse: moved on meanwhile");
                return Ok(());
            }
            Err(JobError::Permanent(format!(
                "{}: {refusal}",
                refusal.code()
            )))
        }
        Err(other) => Err(classify(other)),
    }
}
